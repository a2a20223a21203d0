//! `Splitter`: the Python face of [`crate::split::Splitter`].

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use super::columns::Columns;
use super::errors::{type_error, value_error};
use super::spans::{PySentence, PySpan};
use super::texts::{borrow_all, code_point_spans, collect_texts, utf8_all, with_text, Origin};
use crate::split::{NewlineMode, Split, Splitter, SplitterOptions};
use crate::text::CodePointCursor;

/// Sentence rows reserved per byte of text: news runs at about one sentence per 75 bytes.
const BYTES_PER_RESERVED_SENTENCE: usize = 32;

/// Splits news text into paragraphs and sentences.
#[pyclass(module = "presswork", name = "Splitter", frozen)]
pub(crate) struct PySplitter {
    inner: Splitter,
}

impl Default for PySplitter {
    fn default() -> Self {
        PySplitter {
            inner: Splitter::new(SplitterOptions::default()),
        }
    }
}

impl PySplitter {
    /// The core splitter.
    pub(crate) fn core(&self) -> &Splitter {
        &self.inner
    }

    fn sentence_objects<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        split: &Split,
    ) -> PyResult<Bound<'py, PyList>> {
        let offsets = code_point_spans(text, split.sentences.iter().map(|s| s.span));
        let sentences = split
            .sentences
            .iter()
            .zip(offsets)
            .map(|(sentence, (start, end))| {
                PySentence::from_slice(py, start, end, sentence.span.as_str(text), sentence.paragraph)
            });
        PyList::new(py, sentences)
    }

    fn paragraph_objects<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        split: &Split,
    ) -> PyResult<Bound<'py, PyList>> {
        let offsets = code_point_spans(text, split.paragraphs.iter().copied());
        let spans = split
            .paragraphs
            .iter()
            .zip(offsets)
            .map(|(span, (start, end))| PySpan::from_slice(py, start, end, span.as_str(text)));
        PyList::new(py, spans)
    }

    fn split_one(&self, py: Python<'_>, text: &str) -> Split {
        py.detach(|| self.inner.split(text))
    }

    /// The texts as UTF-8 (transcoded in parallel) and their splits.
    fn split_many<'a>(
        &self,
        py: Python<'_>,
        objects: &'a [Bound<'_, PyAny>],
    ) -> PyResult<(Vec<Cow<'a, str>>, Vec<Split>)> {
        let texts = borrow_all(objects)?;
        let utf8 = utf8_all(py, &texts)?;
        let strs: Vec<&str> = utf8.iter().map(|text| &**text).collect();
        let splits = py.detach(|| self.inner.split_batch(&strs));
        Ok((utf8, splits))
    }
}

#[pymethods]
impl PySplitter {
    #[new]
    #[pyo3(signature = (*, abbreviations = None, newline = "sentence", headlines = true))]
    fn new(abbreviations: Option<&Bound<'_, PyAny>>, newline: &str, headlines: bool) -> PyResult<Self> {
        let py_err_value = |message: String| Python::attach(|py| value_error(py, message));
        let newline: NewlineMode = newline
            .parse()
            .map_err(|e: crate::split::UnknownNewlineMode| py_err_value(e.to_string()))?;
        let mut extra = Vec::new();
        if let Some(abbreviations) = abbreviations {
            let py = abbreviations.py();
            if abbreviations.is_instance_of::<PyString>() {
                return Err(type_error(
                    py,
                    "abbreviations must be an iterable of str, not a str (wrap it in a list)".to_string(),
                ));
            }
            let iterator = abbreviations
                .try_iter()
                .map_err(|_| type_error(py, "abbreviations must be an iterable of str".to_string()))?;
            for (n, item) in iterator.enumerate() {
                let item = item?;
                let Ok(word) = item.extract::<String>() else {
                    let name = item.get_type().name()?;
                    return Err(type_error(
                        py,
                        format!("abbreviations[{n}] is of type {name}; expected str"),
                    ));
                };
                let trimmed = word.trim().trim_end_matches('.');
                if trimmed.is_empty() || trimmed.chars().any(char::is_whitespace) {
                    return Err(value_error(
                        py,
                        format!("abbreviations[{n}] = {word:?} is not a single word"),
                    ));
                }
                extra.push(trimmed.to_string());
            }
        }
        Ok(PySplitter {
            inner: Splitter::new(SplitterOptions {
                abbreviations: extra,
                newline,
                headlines,
            }),
        })
    }

    /// Extra abbreviations given to the constructor.
    #[getter]
    fn abbreviations(&self) -> Vec<String> {
        self.inner.options().abbreviations.clone()
    }

    /// What a single line break means: "sentence", "paragraph" or "space".
    #[getter]
    fn newline(&self) -> &'static str {
        self.inner.options().newline.as_str()
    }

    /// Whether headline-like lines stand alone in "space" mode.
    #[getter]
    fn headlines(&self) -> bool {
        self.inner.options().headlines
    }

    /// Paragraphs of `text`.
    fn paragraphs<'py>(&self, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let py = text.py();
        with_text(text, Origin::Argument, |text| {
            let split = self.split_one(py, text);
            self.paragraph_objects(py, text, &split)
        })
    }

    /// Sentences of `text` in document order.
    fn sentences<'py>(&self, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let py = text.py();
        with_text(text, Origin::Argument, |text| {
            let split = self.split_one(py, text);
            self.sentence_objects(py, text, &split)
        })
    }

    /// Paragraphs and sentences of `text`.
    fn split<'py>(&self, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyTuple>> {
        let py = text.py();
        with_text(text, Origin::Argument, |text| {
            let split = self.split_one(py, text);
            (
                self.paragraph_objects(py, text, &split)?,
                self.sentence_objects(py, text, &split)?,
            )
                .into_pyobject(py)
        })
    }

    /// Sentences of many documents, split in parallel with the GIL released.
    fn sentences_batch<'py>(&self, texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let py = texts.py();
        let objects = collect_texts(texts)?;
        let (texts, splits) = self.split_many(py, &objects)?;
        let lists = texts
            .iter()
            .zip(&splits)
            .map(|(text, split)| self.sentence_objects(py, text, split))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, lists)
    }

    /// Paragraphs of many documents, split in parallel with the GIL released.
    fn paragraphs_batch<'py>(&self, texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let py = texts.py();
        let objects = collect_texts(texts)?;
        let (texts, splits) = self.split_many(py, &objects)?;
        let lists = texts
            .iter()
            .zip(&splits)
            .map(|(text, split)| self.paragraph_objects(py, text, split))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, lists)
    }

    /// Sentence offsets of many documents as numpy int64 columns: `document`,
    /// `paragraph`, `sentence`, `start`, `end`. Splitting and offset conversion run in
    /// parallel with the GIL released.
    fn sentence_columns<'py>(&self, texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
        let py = texts.py();
        let objects = collect_texts(texts)?;
        let texts = borrow_all(&objects)?;
        let splitter = &self.inner;
        let columns = py.detach(|| {
            Columns::build(
                ["document", "paragraph", "sentence", "start", "end"],
                &texts,
                BYTES_PER_RESERVED_SENTENCE,
                Split::default,
                |split, document, text, columns| {
                    splitter.split_into(text, split);
                    let mut cursor = CodePointCursor::new(text);
                    for (index, sentence) in split.sentences.iter().enumerate() {
                        columns.push([
                            document,
                            sentence.paragraph as i64,
                            index as i64,
                            cursor.advance_to(sentence.span.start) as i64,
                            cursor.advance_to(sentence.span.end) as i64,
                        ]);
                    }
                },
            )
        });
        Columns::dict_or_err(py, columns)
    }

    /// A pandas DataFrame with one row per sentence (see `presswork.frames`).
    #[pyo3(signature = (texts, *, keys = None))]
    fn sentences_frame<'py>(
        slf: &Bound<'py, Self>,
        texts: &Bound<'py, PyAny>,
        keys: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let frames = slf.py().import("presswork.frames")?;
        frames.call_method1("sentences_frame", (slf, texts, keys))
    }

    fn __repr__(&self) -> String {
        let options = self.inner.options();
        format!(
            "Splitter(abbreviations={:?}, newline={:?}, headlines={})",
            options.abbreviations,
            options.newline.as_str(),
            if options.headlines { "True" } else { "False" }
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let options = slf.get().inner.options();
        let kwargs = PyDict::new(py);
        kwargs.set_item("abbreviations", options.abbreviations.clone())?;
        kwargs.set_item("newline", options.newline.as_str())?;
        kwargs.set_item("headlines", options.headlines)?;
        let partial = py.import("functools")?.getattr("partial")?;
        let constructor = partial.call((slf.get_type(),), Some(&kwargs))?;
        (constructor, PyTuple::empty(py)).into_pyobject(py)
    }
}
