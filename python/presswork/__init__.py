"""presswork: news text to tidy tables.

Split news articles into paragraphs and sentences, find the mentions of known
entities (a gazetteer of names and aliases) and the direct quotes with their speakers
(who said what), with offsets that slice the text you gave
(``text[start:end]``), one document at a time or many in parallel, and get pandas
DataFrames out.

>>> from presswork import Splitter
>>> splitter = Splitter()
>>> [s.text for s in splitter.sentences("Dr. Smith left at 5 p.m. on Nov. 13. He said so.")]
['Dr. Smith left at 5 p.m. on Nov. 13.', 'He said so.']
"""

from presswork._core import (
    Entity,
    EntityMatcher,
    Gazetteer,
    Mention,
    Pipeline,
    PressworkError,
    PressworkTypeError,
    PressworkValueError,
    Quote,
    QuoteExtractor,
    Sentence,
    Span,
    Splitter,
    __version__,
)
from presswork.corpus import read_corpus
from presswork.datasets import bundled_gazetteer, sample_texts
from presswork.pipeline import Analysis

__all__ = [
    "Analysis",
    "Entity",
    "EntityMatcher",
    "Gazetteer",
    "Mention",
    "Pipeline",
    "PressworkError",
    "PressworkTypeError",
    "PressworkValueError",
    "Quote",
    "QuoteExtractor",
    "Sentence",
    "Span",
    "Splitter",
    "__version__",
    "bundled_gazetteer",
    "read_corpus",
    "sample_texts",
]
