//! `QuoteExtractor` and `Quote`: the Python face of [`crate::quotes::QuoteExtractor`].

use pyo3::prelude::*;
use pyo3::pyclass::CompareOp;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use pyo3::IntoPyObjectExt;
use rayon::prelude::*;

use super::columns::Columns;
use super::errors::{cast_argument, value_error};
use super::gazetteer::PyEntity;
use super::matcher::PyEntityMatcher;
use super::spans::{compare, PySpan};
use super::splitter::PySplitter;
use super::substrings::substring;
use super::texts::{borrow_all, collect_texts, with_text, Origin};
use crate::quotes::{CuePattern, Quote, QuoteExtractor, QuoteKind, Resolution};
use crate::split::Split;
use crate::text::{code_point_offsets, Span};

/// `extract` releases the GIL for texts of this many bytes and more (as
/// `EntityMatcher.find` does).
const DETACH_BYTES: usize = 64 << 10;

/// Quote rows reserved per byte of text: news has about one quote per 600 bytes.
const BYTES_PER_RESERVED_QUOTE: usize = 256;

/// The kinds, in the order of their codes in `quote_columns`.
const KINDS: [QuoteKind; 3] = [QuoteKind::Statement, QuoteKind::Partial, QuoteKind::Title];

/// The cue patterns, in the order of their codes in `quote_columns`.
const CUES: [CuePattern; 7] = [
    CuePattern::SpeakerVerbAfter,
    CuePattern::VerbSpeakerAfter,
    CuePattern::SpeakerVerbBefore,
    CuePattern::AccordingTo,
    CuePattern::Colon,
    CuePattern::Reported,
    CuePattern::Setup,
];

/// The resolutions, in the order of their codes in `quote_columns`.
const RESOLUTIONS: [Resolution; 5] = [
    Resolution::Named,
    Resolution::Pronoun,
    Resolution::Role,
    Resolution::Continuation,
    Resolution::None,
];

/// The names of `quote_columns`' columns.
pub(crate) const COLUMN_NAMES: [&str; 17] = [
    "document",
    "start",
    "end",
    "kind",
    "paragraph",
    "sentence",
    "depth",
    "continues",
    "cue",
    "verb_start",
    "verb_end",
    "mention_start",
    "mention_end",
    "speaker_start",
    "speaker_end",
    "how",
    "entity",
];

/// The code of `value` in `table` (its position).
fn code<T: PartialEq>(table: &[T], value: T) -> i64 {
    table.iter().position(|t| *t == value).expect("a listed value") as i64
}

/// The value named `name` in `table`, or a `ValueError` naming the argument.
fn parse<T: Copy>(table: &[T], as_str: fn(T) -> &'static str, argument: &str, name: &str) -> PyResult<T> {
    table.iter().copied().find(|&t| as_str(t) == name).ok_or_else(|| {
        let names: Vec<&str> = table.iter().map(|&t| as_str(t)).collect();
        Python::attach(|py| value_error(py, format!("{argument} must be one of {names:?}, not {name:?}")))
    })
}

/// A quote's spans in code points: content start and end, then the start and end of
/// the verb, the mention and the speaker (`-1` for a missing one).
pub(crate) type QuoteOffsets = [i64; 8];

/// The code-point offsets of `quotes` in `text`: one pass over the text.
pub(crate) fn quote_offsets(text: &str, quotes: &[Quote]) -> Vec<QuoteOffsets> {
    let mut flat: Vec<usize> = Vec::with_capacity(quotes.len() * 8);
    for quote in quotes {
        flat.extend([quote.content.start, quote.content.end]);
        for span in [quote.verb, quote.mention, quote.speaker] {
            let span = span.unwrap_or(Span::new(0, 0));
            flat.extend([span.start, span.end]);
        }
    }
    code_point_offsets(text, &mut flat);
    quotes
        .iter()
        .zip(flat.chunks_exact(8))
        .map(|(quote, at)| {
            let mut row = [0i64; 8];
            for (slot, value) in row.iter_mut().zip(at) {
                *slot = *value as i64;
            }
            for (pair, span) in [quote.verb, quote.mention, quote.speaker].iter().enumerate() {
                if span.is_none() {
                    row[2 + 2 * pair] = -1;
                    row[3 + 2 * pair] = -1;
                }
            }
            row
        })
        .collect()
}

/// The row of `quote_columns` for `quote` of document `document`, whose spans in code
/// points are `at` (from [`quote_offsets`]).
pub(crate) fn quote_row(document: i64, quote: &Quote, at: &QuoteOffsets) -> [i64; COLUMN_NAMES.len()] {
    [
        document,
        at[0],
        at[1],
        code(&KINDS, quote.kind),
        quote.paragraph as i64,
        quote.sentence as i64,
        quote.depth as i64,
        i64::from(quote.continues),
        quote.cue.map_or(-1, |c| code(&CUES, c)),
        at[2],
        at[3],
        at[4],
        at[5],
        at[6],
        at[7],
        code(&RESOLUTIONS, quote.how),
        quote.entity.map_or(-1, i64::from),
    ]
}

/// A quote and who said it. Offsets are code points: `text[quote.start:quote.end] ==
/// quote.text`, and likewise for the speaker, mention and verb spans.
#[pyclass(module = "presswork", name = "Quote", frozen)]
pub(crate) struct PyQuote {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: Py<PyString>,
    kind: QuoteKind,
    #[pyo3(get)]
    paragraph: usize,
    #[pyo3(get)]
    sentence: usize,
    #[pyo3(get)]
    depth: usize,
    #[pyo3(get)]
    continues: bool,
    cue: Option<CuePattern>,
    verb: Option<Py<PySpan>>,
    mention: Option<Py<PySpan>>,
    speaker: Option<Py<PySpan>>,
    how: Resolution,
    #[pyo3(get)]
    entity: Option<Py<PyEntity>>,
}

impl PyQuote {
    /// The object of one core quote, with its code-point offsets.
    fn from_core(
        text: &Bound<'_, PyString>,
        quote: &Quote,
        at: &QuoteOffsets,
        entity: Option<Py<PyEntity>>,
    ) -> PyResult<PyQuote> {
        let py = text.py();
        let span = |span: Option<Span>, pair: usize| -> PyResult<Option<Py<PySpan>>> {
            span.map(|_| {
                let (start, end) = (at[2 + 2 * pair] as usize, at[3 + 2 * pair] as usize);
                let slice = substring(text, start, end)?.unbind();
                Py::new(py, PySpan::from_py(start, end, slice))
            })
            .transpose()
        };
        Ok(PyQuote {
            start: at[0] as usize,
            end: at[1] as usize,
            text: substring(text, at[0] as usize, at[1] as usize)?.unbind(),
            kind: quote.kind,
            paragraph: quote.paragraph,
            sentence: quote.sentence,
            depth: quote.depth,
            continues: quote.continues,
            cue: quote.cue,
            verb: span(quote.verb, 0)?,
            mention: span(quote.mention, 1)?,
            speaker: span(quote.speaker, 2)?,
            how: quote.how,
            entity,
        })
    }

    /// The fields in constructor order.
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let bind = |s: &Option<Py<PySpan>>| s.as_ref().map(|s| s.bind(py).clone());
        let items = [
            self.start.into_bound_py_any(py)?,
            self.end.into_bound_py_any(py)?,
            self.text.bind(py).clone().into_any(),
            self.kind.as_str().into_bound_py_any(py)?,
            self.paragraph.into_bound_py_any(py)?,
            self.sentence.into_bound_py_any(py)?,
            self.depth.into_bound_py_any(py)?,
            self.continues.into_bound_py_any(py)?,
            self.cue.map(CuePattern::as_str).into_bound_py_any(py)?,
            bind(&self.verb).into_bound_py_any(py)?,
            bind(&self.mention).into_bound_py_any(py)?,
            bind(&self.speaker).into_bound_py_any(py)?,
            self.how.as_str().into_bound_py_any(py)?,
            self.entity
                .as_ref()
                .map(|e| e.bind(py).clone())
                .into_bound_py_any(py)?,
        ];
        PyTuple::new(py, items)
    }

    fn span_text<'py>(py: Python<'py>, span: &Option<Py<PySpan>>) -> Option<Bound<'py, PyString>> {
        span.as_ref().map(|s| s.get().text().bind(py).clone())
    }
}

#[pymethods]
impl PyQuote {
    #[new]
    #[pyo3(signature = (
        start, end, text, kind = "statement", paragraph = 0, sentence = 0, depth = 0,
        continues = false, cue = None, verb = None, mention = None, speaker = None,
        how = "none", entity = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        start: usize,
        end: usize,
        text: Py<PyString>,
        kind: &str,
        paragraph: usize,
        sentence: usize,
        depth: usize,
        continues: bool,
        cue: Option<&str>,
        verb: Option<Py<PySpan>>,
        mention: Option<Py<PySpan>>,
        speaker: Option<Py<PySpan>>,
        how: &str,
        entity: Option<Py<PyEntity>>,
    ) -> PyResult<PyQuote> {
        Ok(PyQuote {
            start,
            end,
            text,
            kind: parse(&KINDS, QuoteKind::as_str, "kind", kind)?,
            paragraph,
            sentence,
            depth,
            continues,
            cue: cue
                .map(|c| parse(&CUES, CuePattern::as_str, "cue", c))
                .transpose()?,
            verb,
            mention,
            speaker,
            how: parse(&RESOLUTIONS, Resolution::as_str, "how", how)?,
            entity,
        })
    }

    /// `"statement"`, `"partial"` (a few words inside reported speech) or `"title"` (a
    /// headline, hashtag or slogan: no speaker).
    #[getter]
    fn kind(&self) -> &'static str {
        self.kind.as_str()
    }

    /// How the cue stands to the quote (`"speaker-verb-after"`, …), or None.
    #[getter]
    fn cue(&self) -> Option<&'static str> {
        self.cue.map(CuePattern::as_str)
    }

    /// How the speaker was found: `"named"`, `"pronoun"`, `"role"`, `"continuation"`
    /// or `"none"`.
    #[getter]
    fn how(&self) -> &'static str {
        self.how.as_str()
    }

    /// The resolved speaker as first named in full (`"Irina Volk"`), or None.
    #[getter]
    fn speaker<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        Self::span_text(py, &self.speaker)
    }

    /// The span of the mention the speaker was resolved to.
    #[getter]
    fn speaker_span<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PySpan>> {
        self.speaker.as_ref().map(|s| s.bind(py).clone())
    }

    /// The speaker mention as written in the cue (`"he"`, `"the spokeswoman"`), or None.
    #[getter]
    fn mention<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        Self::span_text(py, &self.mention)
    }

    /// The span of the speaker mention in the cue.
    #[getter]
    fn mention_span<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PySpan>> {
        self.mention.as_ref().map(|s| s.bind(py).clone())
    }

    /// The cue's reporting verb as written (`"said"`), or None.
    #[getter]
    fn verb<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        Self::span_text(py, &self.verb)
    }

    /// The span of the cue's reporting verb.
    #[getter]
    fn verb_span<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PySpan>> {
        self.verb.as_ref().map(|s| s.bind(py).clone())
    }

    /// The speaker's gazetteer id, when a matcher linked it.
    #[getter]
    fn entity_id<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.entity.as_ref().map(|e| e.get().id().bind(py).clone())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = self.text.bind(py).repr()?;
        let speaker = match Self::span_text(py, &self.speaker) {
            Some(s) => s.repr()?.to_string(),
            None => "None".to_string(),
        };
        Ok(format!(
            "Quote(start={}, end={}, text={}, kind='{}', speaker={}, how='{}')",
            self.start,
            self.end,
            text,
            self.kind.as_str(),
            speaker,
            self.how.as_str()
        ))
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<PyQuote>() {
            Ok(other) => compare(py, self.fields(py)?, other.get().fields(py)?, op),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        (slf.get_type(), slf.get().fields(slf.py())?).into_pyobject(slf.py())
    }
}

/// Finds direct quotes in news text and who said them.
#[pyclass(module = "presswork", name = "QuoteExtractor", frozen)]
pub(crate) struct PyQuoteExtractor {
    inner: QuoteExtractor,
    splitter: Py<PySplitter>,
    matcher: Option<Py<PyEntityMatcher>>,
}

impl PyQuoteExtractor {
    /// The core extractor.
    pub(crate) fn core(&self) -> &QuoteExtractor {
        &self.inner
    }

    /// The Python splitter and matcher the extractor was made with.
    pub(crate) fn parts(&self, py: Python<'_>) -> (Py<PySplitter>, Option<Py<PyEntityMatcher>>) {
        (
            self.splitter.clone_ref(py),
            self.matcher.as_ref().map(|m| m.clone_ref(py)),
        )
    }

    /// The `Quote` objects of one document, sliced from its `str` by their code-point
    /// offsets.
    fn quote_list<'py>(
        &self,
        text: &Bound<'py, PyString>,
        quotes: &[Quote],
        offsets: &[QuoteOffsets],
    ) -> PyResult<Bound<'py, PyList>> {
        let py = text.py();
        let gazetteer = self
            .matcher
            .as_ref()
            .map(|m| m.get().gazetteer_object().bind(py).get());
        let objects = quotes
            .iter()
            .zip(offsets)
            .map(|(quote, at)| {
                let entity = match (quote.entity, gazetteer) {
                    (Some(index), Some(g)) => Some(g.entity_object(py, index)?.clone().unbind()),
                    _ => None,
                };
                PyQuote::from_core(text, quote, at, entity)
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, objects)
    }

    /// The quotes of one UTF-8 text and their code-point offsets.
    fn find(&self, text: &str) -> (Vec<Quote>, Vec<QuoteOffsets>) {
        let quotes = self.inner.extract(text);
        let offsets = quote_offsets(text, &quotes);
        (quotes, offsets)
    }
}

#[pymethods]
impl PyQuoteExtractor {
    #[new]
    #[pyo3(signature = (splitter = None, matcher = None, *, nested = false))]
    fn new(
        py: Python<'_>,
        splitter: Option<&Bound<'_, PyAny>>,
        matcher: Option<&Bound<'_, PyAny>>,
        nested: bool,
    ) -> PyResult<Self> {
        let splitter: Py<PySplitter> = match splitter {
            None => Py::new(py, PySplitter::default())?,
            Some(object) => cast_argument::<PySplitter>(object, "splitter", "Splitter")?
                .clone()
                .unbind(),
        };
        let matcher: Option<Py<PyEntityMatcher>> = match matcher {
            Some(object) if !object.is_none() => Some(
                cast_argument::<PyEntityMatcher>(object, "matcher", "EntityMatcher")?
                    .clone()
                    .unbind(),
            ),
            _ => None,
        };
        let core_splitter = splitter.get().core().clone();
        let core_matcher = matcher.as_ref().map(|m| m.get().core().clone());
        Ok(PyQuoteExtractor {
            inner: QuoteExtractor::new(core_splitter, core_matcher).with_nested(nested),
            splitter,
            matcher,
        })
    }

    /// The splitter that finds paragraphs and sentences.
    #[getter]
    fn splitter(&self, py: Python<'_>) -> Py<PySplitter> {
        self.splitter.clone_ref(py)
    }

    /// The matcher that links speakers to gazetteer entities, or None.
    #[getter]
    fn matcher(&self, py: Python<'_>) -> Option<Py<PyEntityMatcher>> {
        self.matcher.as_ref().map(|m| m.clone_ref(py))
    }

    /// Whether quotes inside quotes are reported too.
    #[getter]
    fn nested(&self) -> bool {
        self.inner.nested()
    }

    /// The quotes of `text` in document order. The GIL is released for texts of 64 KiB
    /// and more.
    fn extract<'py>(&self, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let py = text.py();
        let (quotes, offsets) = with_text(text, Origin::Argument, |utf8| {
            Ok(if utf8.len() >= DETACH_BYTES {
                py.detach(|| self.find(utf8))
            } else {
                self.find(utf8)
            })
        })?;
        self.quote_list(text.cast::<PyString>()?, &quotes, &offsets)
    }

    /// The quotes of many documents, found in parallel with the GIL released (each
    /// thread turns a document into UTF-8 in a buffer it reuses; the `Quote` objects are
    /// then sliced from the `str` objects themselves).
    fn extract_batch<'py>(&self, texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let py = texts.py();
        let objects = collect_texts(texts)?;
        let borrowed = borrow_all(&objects)?;
        let found: Vec<_> = py.detach(|| {
            borrowed
                .par_iter()
                .map(|text| text.with_utf8(|utf8| self.find(utf8)))
                .collect()
        });
        let lists = objects
            .iter()
            .zip(found)
            .enumerate()
            .map(|(n, (object, found))| {
                let (quotes, offsets) = found.map_err(|e| e.into_err(py, Origin::Item(n)))?;
                self.quote_list(object.cast::<PyString>()?, &quotes, &offsets)
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, lists)
    }

    /// The quotes of many documents as numpy int64 columns (see the stub for their
    /// meaning), found in parallel with the GIL released.
    fn quote_columns<'py>(&self, texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
        let py = texts.py();
        let objects = collect_texts(texts)?;
        let texts = borrow_all(&objects)?;
        let extractor = &self.inner;
        let built = py.detach(|| {
            Columns::build(
                COLUMN_NAMES,
                &texts,
                BYTES_PER_RESERVED_QUOTE,
                || (Split::default(), Vec::new()),
                |(split, mentions), document, text, columns| {
                    extractor.splitter().split_into(text, split);
                    let mentions = extractor.matcher().map(|m| {
                        m.find_into(text, mentions);
                        &mentions[..]
                    });
                    let quotes = extractor.extract_split(text, split, mentions);
                    for (quote, at) in quotes.iter().zip(quote_offsets(text, &quotes)) {
                        columns.push(quote_row(document, quote, &at));
                    }
                },
            )
        });
        Columns::dict_or_err(py, built)
    }

    /// The names of the codes in `quote_columns`' `kind`, `cue` and `how` columns.
    #[staticmethod]
    fn column_codes(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("kind", KINDS.map(QuoteKind::as_str).to_vec())?;
        dict.set_item("cue", CUES.map(CuePattern::as_str).to_vec())?;
        dict.set_item("how", RESOLUTIONS.map(Resolution::as_str).to_vec())?;
        Ok(dict)
    }

    /// A pandas DataFrame with one row per quote (see `presswork.frames`).
    #[pyo3(signature = (texts, *, keys = None))]
    fn quotes_frame<'py>(
        slf: &Bound<'py, Self>,
        texts: &Bound<'py, PyAny>,
        keys: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let frames = slf.py().import("presswork.frames")?;
        frames.call_method1("quotes_frame", (slf, texts, keys))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let splitter = self.splitter.bind(py).repr()?;
        let matcher = match &self.matcher {
            Some(m) => format!("<EntityMatcher of {} patterns>", m.get().core().pattern_count()),
            None => "None".to_string(),
        };
        Ok(format!(
            "QuoteExtractor(splitter={splitter}, matcher={matcher}, nested={})",
            if self.inner.nested() { "True" } else { "False" }
        ))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        let kwargs = PyDict::new(py);
        kwargs.set_item("nested", this.inner.nested())?;
        let partial = py.import("functools")?.getattr("partial")?;
        let constructor = partial.call((slf.get_type(),), Some(&kwargs))?;
        let matcher = this.matcher.as_ref().map(|m| m.clone_ref(py));
        (constructor, (this.splitter.clone_ref(py), matcher)).into_pyobject(py)
    }
}
