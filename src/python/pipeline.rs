//! `Pipeline`: the Python face of [`crate::pipeline::Pipeline`]. It turns a batch of
//! documents into the int64 columns of five linked tables (documents, paragraphs,
//! sentences, mentions, quotes), in parallel with the GIL released; `presswork.pipeline`
//! makes the DataFrames. A document that fails (a lone surrogate, an internal error) is
//! reported in the documents table and the others still finish.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use super::columns::{fold_runs, Columns};
use super::errors::cast_argument;
use super::matcher::PyEntityMatcher;
use super::quotes::{quote_offsets, quote_row, PyQuoteExtractor, COLUMN_NAMES as QUOTE_COLUMNS};
use super::splitter::PySplitter;
use super::texts::{borrow_all, collect_texts, Origin};
use super::utf8_columns::Utf8Column;
use crate::pipeline::{Analysis, Boilerplate, Pipeline};
use crate::text::code_point_offsets;

const DOCUMENT_COLUMNS: [&str; 10] = [
    "document",
    "length",
    "paragraphs",
    "sentences",
    "mentions",
    "quotes",
    "counted_quotes",
    "repeated_paragraphs",
    "boilerplate_paragraphs",
    "failed",
];
const PARAGRAPH_COLUMNS: [&str; 6] = [
    "document",
    "paragraph",
    "start",
    "end",
    "repeat_of",
    "boilerplate",
];
const SENTENCE_COLUMNS: [&str; 5] = ["document", "paragraph", "sentence", "start", "end"];
const MENTION_COLUMNS: [&str; 9] = [
    "document",
    "paragraph",
    "sentence",
    "start",
    "end",
    "pattern",
    "entity",
    "quote",
    "counted",
];
/// `quote_columns`' columns, then whether the quote counts and the range of the
/// document's mentions inside it.
const QUOTE_EXTRA_COLUMNS: [&str; 3] = ["counted", "mentions_from", "mentions_to"];
const QUOTE_ENTITY_COLUMNS: [&str; 3] = ["document", "quote", "entity"];
/// The tables `_tables` returns, in the order of a run's fields.
const TABLE_NAMES: [&str; 6] = [
    "documents",
    "paragraphs",
    "sentences",
    "mentions",
    "quotes",
    "quote_entities",
];

/// The string columns, by table: the text of each span (the quote's speaker, mention
/// and verb as written, missing where there is none).
const STRING_COLUMNS: [(&str, &str); 7] = [
    ("paragraphs", "text"),
    ("sentences", "text"),
    ("mentions", "text"),
    ("quotes", "text"),
    ("quotes", "speaker"),
    ("quotes", "mention"),
    ("quotes", "verb"),
];
const PARAGRAPH_TEXT: usize = 0;
const SENTENCE_TEXT: usize = 1;
const MENTION_TEXT: usize = 2;
const QUOTE_TEXT: usize = 3;

/// Rows reserved per byte of text, by table: news has a sentence per ~120 bytes, and a
/// gazetteer mention per ~70 bytes with a gazetteer of 10k entities. Reserved pages that
/// stay unused cost no memory.
const BYTES_PER_SENTENCE: usize = 100;
const BYTES_PER_MENTION: usize = 64;

/// The tables of one run of documents.
struct Tables {
    documents: Columns<10>,
    paragraphs: Columns<6>,
    sentences: Columns<5>,
    mentions: Columns<9>,
    quotes: Columns<20>,
    /// The distinct entities mentioned inside each quote: (document, quote, entity).
    quote_entities: Columns<3>,
    /// The string columns: (table, column) and its rows.
    strings: [Utf8Column; STRING_COLUMNS.len()],
    /// Documents that failed: (index, reason).
    errors: Vec<(usize, String)>,
    /// The analysis buffers, reused from one document to the next.
    analysis: Analysis,
    /// Byte offsets being converted to code points.
    offsets: Vec<usize>,
    /// Per mention of the document: its entity, and the quote it is inside.
    mention_entities: Vec<i64>,
    mention_quotes: Vec<i64>,
}

fn quote_names() -> [&'static str; 20] {
    std::array::from_fn(|i| {
        QUOTE_COLUMNS
            .get(i)
            .copied()
            .unwrap_or_else(|| QUOTE_EXTRA_COLUMNS[i - QUOTE_COLUMNS.len()])
    })
}

impl Tables {
    fn with_room(bytes: usize) -> Tables {
        let sentences = bytes / BYTES_PER_SENTENCE + 16;
        Tables {
            documents: Columns::with_capacity(DOCUMENT_COLUMNS, 16),
            paragraphs: Columns::with_capacity(PARAGRAPH_COLUMNS, sentences / 2),
            sentences: Columns::with_capacity(SENTENCE_COLUMNS, sentences),
            mentions: Columns::with_capacity(MENTION_COLUMNS, bytes / BYTES_PER_MENTION + 16),
            quotes: Columns::with_capacity(quote_names(), sentences / 4),
            quote_entities: Columns::with_capacity(QUOTE_ENTITY_COLUMNS, sentences / 4),
            // Room for what news text needs, so the columns rarely grow (each growth
            // copies the column into pages the kernel must clear first).
            strings: std::array::from_fn(|column| match column {
                PARAGRAPH_TEXT | SENTENCE_TEXT => Utf8Column::with_capacity(sentences, bytes),
                MENTION_TEXT => Utf8Column::with_capacity(bytes / BYTES_PER_MENTION, bytes / 8),
                QUOTE_TEXT => Utf8Column::with_capacity(sentences / 4, bytes / 4),
                _ => Utf8Column::with_capacity(sentences / 4, bytes / 32),
            }),
            errors: Vec::new(),
            analysis: Analysis::default(),
            offsets: Vec::new(),
            mention_entities: Vec::new(),
            mention_quotes: Vec::new(),
        }
    }

    /// Adds the rows of document `document`, analysed from `text`.
    fn add(&mut self, pipeline: &Pipeline, document: usize, text: &str) {
        let analysis = &mut self.analysis;
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| pipeline.analyze_into(text, analysis))) {
            let reason = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            self.analysis = Analysis::default();
            self.failed(document, format!("internal error in presswork: {reason}"));
            return;
        }
        let doc = document as i64;
        let a = &self.analysis;
        // Every span's byte offsets, converted to code points in one pass.
        let offsets = &mut self.offsets;
        offsets.clear();
        offsets.extend(a.split.paragraphs.iter().flat_map(|p| [p.start, p.end]));
        let paragraphs_end = offsets.len();
        offsets.extend(a.split.sentences.iter().flat_map(|s| [s.span.start, s.span.end]));
        let sentences_end = offsets.len();
        offsets.extend(a.mentions.iter().flat_map(|m| [m.span.start, m.span.end]));
        offsets.push(text.len()); // the document's length, last
                                  // Each group is in document order: one forward pass each, no sort.
        for group in [
            0..paragraphs_end,
            paragraphs_end..sentences_end,
            sentences_end..offsets.len(),
        ] {
            code_point_offsets(text, &mut offsets[group]);
        }
        let mut at = offsets
            .chunks_exact(2)
            .map(|pair| (pair[0] as i64, pair[1] as i64));
        let strings = &mut self.strings;
        for (index, flags) in a.paragraphs.iter().enumerate() {
            strings[PARAGRAPH_TEXT].push(Some(a.split.paragraphs[index].as_str(text)));
            let (start, end) = at.next().unwrap_or_default();
            self.paragraphs.push([
                doc,
                index as i64,
                start,
                end,
                flags.repeat_of.map_or(-1, |p| p as i64),
                flags.boilerplate.map_or(-1, boilerplate_code),
            ]);
        }
        for (index, sentence) in a.split.sentences.iter().enumerate() {
            strings[SENTENCE_TEXT].push(Some(sentence.span.as_str(text)));
            let (start, end) = at.next().unwrap_or_default();
            self.sentences
                .push([doc, sentence.paragraph as i64, index as i64, start, end]);
        }
        // Each mention's entity (-1: ambiguous) and the innermost quote around it (nested
        // quotes come after theirs), in buffers kept from one document to the next.
        let matcher = pipeline.matcher();
        let (entities, quote_of) = (&mut self.mention_entities, &mut self.mention_quotes);
        entities.clear();
        entities.extend(a.mentions.iter().map(
            |mention| match matcher.map(|m| m.candidates(mention.pattern)) {
                Some([one]) => i64::from(*one),
                _ => -1,
            },
        ));
        quote_of.clear();
        quote_of.resize(a.mentions.len(), -1);
        for (q, range) in a.quote_mentions.iter().enumerate() {
            quote_of[range.clone()].fill(q as i64);
            // Each entity once, in the order of its first mention.
            let first = self.quote_entities.len();
            for &entity in &entities[range.clone()] {
                let known = self.quote_entities.rows_from(first).any(|row| row[2] == entity);
                if entity >= 0 && !known {
                    self.quote_entities.push([doc, q as i64, entity]);
                }
            }
        }
        for (index, mention) in a.mentions.iter().enumerate() {
            strings[MENTION_TEXT].push(Some(mention.span.as_str(text)));
            let (start, end) = at.next().unwrap_or_default();
            let paragraph = a.mention_paragraph(index);
            self.mentions.push([
                doc,
                paragraph as i64,
                a.mention_sentences[index] as i64,
                start,
                end,
                i64::from(mention.pattern),
                entities[index],
                quote_of[index],
                i64::from(a.flags(paragraph).counts()),
            ]);
        }
        for ((quote, at), range) in a
            .quotes
            .iter()
            .zip(quote_offsets(text, &a.quotes))
            .zip(&a.quote_mentions)
        {
            let row = quote_row(doc, quote, &at);
            let spans = [Some(quote.content), quote.speaker, quote.mention, quote.verb];
            for (column, span) in strings[QUOTE_TEXT..].iter_mut().zip(spans) {
                column.push(span.map(|s| s.as_str(text)));
            }
            let extra = [
                i64::from(a.flags(quote.paragraph).counts()),
                range.start as i64,
                range.end as i64,
            ];
            self.quotes.push(std::array::from_fn(|i| {
                row.get(i).copied().unwrap_or_else(|| extra[i - row.len()])
            }));
        }
        let count = |flag: fn(&crate::pipeline::ParagraphFlags) -> bool| {
            a.paragraphs.iter().filter(|f| flag(f)).count() as i64
        };
        self.documents.push([
            doc,
            self.offsets.last().copied().unwrap_or_default() as i64,
            a.split.paragraphs.len() as i64,
            a.split.sentences.len() as i64,
            a.mentions.len() as i64,
            a.quotes.len() as i64,
            a.counted_quotes().count() as i64,
            count(|f| f.repeat_of.is_some()),
            count(|f| f.boilerplate.is_some()),
            0,
        ]);
    }

    /// A row for a document that could not be analysed, and its reason.
    fn failed(&mut self, document: usize, reason: String) {
        let mut row = [0i64; 10];
        row[0] = document as i64;
        row[9] = 1;
        self.documents.push(row);
        self.errors.push((document, reason));
    }
}

fn boilerplate_code(kind: Boilerplate) -> i64 {
    Boilerplate::ALL
        .iter()
        .position(|&k| k == kind)
        .unwrap_or_default() as i64
}

/// Runs the splitter, the entity matcher and the quote extractor over documents, and
/// gives linked tables: documents, paragraphs, sentences, mentions, quotes.
#[pyclass(module = "presswork", name = "Pipeline", frozen)]
pub(crate) struct PyPipeline {
    inner: Pipeline,
    quotes: Py<PyQuoteExtractor>,
}

#[pymethods]
impl PyPipeline {
    #[new]
    #[pyo3(signature = (splitter = None, matcher = None, quotes = None))]
    fn new(
        py: Python<'_>,
        splitter: Option<&Bound<'_, PyAny>>,
        matcher: Option<&Bound<'_, PyAny>>,
        quotes: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let given = match quotes {
            Some(object) if !object.is_none() => Some(cast_argument::<PyQuoteExtractor>(
                object,
                "quotes",
                "QuoteExtractor",
            )?),
            _ => None,
        };
        let (quotes_splitter, quotes_matcher) = match &given {
            Some(extractor) => extractor.get().parts(py),
            None => (Py::new(py, PySplitter::default())?, None),
        };
        let splitter = match splitter {
            Some(object) if !object.is_none() => object.clone().unbind(),
            _ => quotes_splitter.into_any(),
        };
        let matcher = match matcher {
            Some(object) if !object.is_none() => Some(object.clone().unbind()),
            _ => quotes_matcher.map(Py::into_any),
        };
        let kwargs = PyDict::new(py);
        kwargs.set_item("nested", given.as_ref().is_some_and(|q| q.get().core().nested()))?;
        let extractor = py
            .get_type::<PyQuoteExtractor>()
            .call((splitter, matcher), Some(&kwargs))?
            .cast_into::<PyQuoteExtractor>()?
            .unbind();
        Ok(PyPipeline {
            inner: Pipeline::from_extractor(extractor.get().core().clone()),
            quotes: extractor,
        })
    }

    /// The splitter.
    #[getter]
    fn splitter(&self, py: Python<'_>) -> Py<PySplitter> {
        self.quotes.get().parts(py).0
    }

    /// The entity matcher, or None.
    #[getter]
    fn matcher(&self, py: Python<'_>) -> Option<Py<PyEntityMatcher>> {
        self.quotes.get().parts(py).1
    }

    /// The quote extractor (with the pipeline's splitter and matcher).
    #[getter]
    fn quotes(&self, py: Python<'_>) -> Py<PyQuoteExtractor> {
        self.quotes.clone_ref(py)
    }

    /// The tables of `texts` (a list of `str`), in parts (one per run of documents, in
    /// order): by table name, a list of dicts of numpy int64 columns; by table and column,
    /// a list of string columns as Arrow large-string buffers (`offsets`, `data`, `valid`
    /// numpy arrays); and the documents that failed as a list of (index, reason).
    /// Parallel, with the GIL released. Used by `presswork.pipeline`.
    fn _tables<'py>(&self, texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyTuple>> {
        let py = texts.py();
        let objects = collect_texts(texts)?;
        let texts = borrow_all(&objects)?;
        let pipeline = &self.inner;
        let runs = py.detach(|| {
            fold_runs(texts.as_slice(), Tables::with_room, |tables, document, text| {
                if let Err(surrogate) = text.with_utf8(|text| tables.add(pipeline, document, text)) {
                    tables.failed(document, surrogate.message(Origin::Argument));
                }
                Ok::<(), ()>(())
            })
        });
        let runs = runs.unwrap_or_default();
        // Each run's columns go to Python as they are (numpy arrays over the vectors, no
        // copy): `presswork.pipeline` joins all runs of all chunks once.
        let tables = PyDict::new(py);
        let string_tables = PyDict::new(py);
        for name in TABLE_NAMES {
            tables.set_item(name, PyList::empty(py))?;
        }
        for (table, column) in STRING_COLUMNS {
            if string_tables.get_item(table)?.is_none() {
                string_tables.set_item(table, PyDict::new(py))?;
            }
            let columns = string_tables
                .get_item(table)?
                .expect("just set")
                .cast_into::<PyDict>()?;
            columns.set_item(column, PyList::empty(py))?;
        }
        let mut errors = Vec::new();
        for run in runs {
            let parts = [
                run.documents.into_dict(py)?,
                run.paragraphs.into_dict(py)?,
                run.sentences.into_dict(py)?,
                run.mentions.into_dict(py)?,
                run.quotes.into_dict(py)?,
                run.quote_entities.into_dict(py)?,
            ];
            for (name, part) in TABLE_NAMES.into_iter().zip(parts) {
                tables
                    .get_item(name)?
                    .expect("a table")
                    .cast_into::<PyList>()?
                    .append(part)?;
            }
            for ((table, column), values) in STRING_COLUMNS.into_iter().zip(run.strings) {
                let columns = string_tables.get_item(table)?.expect("a table");
                let parts = columns.get_item(column)?.cast_into::<PyList>()?;
                parts.append(values.into_dict(py)?)?;
            }
            errors.extend(run.errors);
        }
        let errors = PyList::new(py, errors)?;
        PyTuple::new(
            py,
            [tables.into_any(), string_tables.into_any(), errors.into_any()],
        )
    }

    /// The linked tables of `texts` (see `presswork.pipeline.Analysis`): one text, a
    /// list, an iterator (read in chunks) or a pandas Series (its index gives the keys).
    #[pyo3(signature = (texts, **options))]
    fn analyze<'py>(
        slf: &Bound<'py, Self>,
        texts: &Bound<'py, PyAny>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let module = slf.py().import("presswork.pipeline")?;
        module.getattr("analyze")?.call((slf, texts), options)
    }

    /// The names of the codes in the tables' `boilerplate` column.
    #[staticmethod]
    fn boilerplate_kinds() -> Vec<&'static str> {
        Boilerplate::ALL.map(Boilerplate::as_str).to_vec()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let quotes = self.quotes.bind(py).repr()?;
        Ok(format!("Pipeline(quotes={quotes})"))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        (slf.get_type(), (py.None(), py.None(), this.quotes.clone_ref(py))).into_pyobject(py)
    }
}
