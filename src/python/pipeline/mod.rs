//! `Pipeline`: the Python face of [`crate::pipeline::Pipeline`]. It analyses documents
//! chunk by chunk into the columns of five linked tables (documents, paragraphs,
//! sentences, mentions, quotes), in parallel with the GIL released (`builder`, with each
//! run's rows from `runs`); `presswork.pipeline` makes the DataFrames. A document that
//! fails (a lone surrogate, an internal error) is reported in the documents table and
//! the others still finish.

mod builder;
mod derived;
mod pools;
mod rows;
mod runs;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use super::errors::cast_argument;
use super::matcher::PyEntityMatcher;
use super::quotes::PyQuoteExtractor;
use super::splitter::PySplitter;
use crate::pipeline::{Boilerplate, Pipeline};
pub(crate) use builder::{PyTableBuilder, SLOTS as CHUNKS_IN_FLIGHT};
use derived::CodeTable;
pub(crate) use pools::MAX_THREADS;
use runs::Strings;

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

    /// A builder of the tables of an analysis (`presswork.pipeline` feeds it chunks of
    /// documents): `text` fills the string columns (without it Python slices the texts),
    /// `paragraph_text` the paragraphs' text too. `documents` and `chars`: the size of
    /// the input when it is known (0 otherwise), to reserve the columns by. `codes`: the
    /// gazetteer's code tables (`alias` per pattern; `id`, `name`, `type` per entity: the
    /// categorical code of each, in the codes' width), to make the label columns by.
    /// `threads`: the size of the thread pool to run on (None: rayon's global pool,
    /// `RAYON_NUM_THREADS` or every core).
    #[pyo3(signature = (*, text, paragraph_text, documents = 0, chars = 0, codes = None, threads = None))]
    #[allow(clippy::too_many_arguments)]
    fn _table_builder(
        slf: &Bound<'_, Self>,
        text: bool,
        paragraph_text: bool,
        documents: usize,
        chars: usize,
        codes: Option<&Bound<'_, PyDict>>,
        threads: Option<usize>,
    ) -> PyResult<PyTableBuilder> {
        let wanted = Strings {
            any: text,
            paragraphs: paragraph_text,
        };
        let codes = CodeTable::read_all(codes)?;
        let pool = threads.map(|n| pools::pool_of(slf.py(), n)).transpose()?;
        Ok(PyTableBuilder::new(
            slf.clone().unbind(),
            wanted,
            documents,
            chars,
            &codes,
            pool,
        ))
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
