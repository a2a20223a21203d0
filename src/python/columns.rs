//! Sentence offsets of a batch as flat numpy columns, built in parallel.
//!
//! Each rayon task splits its run of documents into one set of column vectors (with
//! one scratch [`Split`] reused for every document), converting byte offsets to code
//! points as it goes; the runs are then joined in input order. Nothing per sentence
//! is allocated and no Python object is made until the five arrays at the end.

use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rayon::prelude::*;

use crate::split::{Split, Splitter};
use crate::text::CodePointCursor;

/// Columns `document`, `paragraph`, `sentence`, `start`, `end` (code points).
#[derive(Default)]
pub(crate) struct SentenceColumns {
    document: Vec<i64>,
    paragraph: Vec<i64>,
    sentence: Vec<i64>,
    start: Vec<i64>,
    end: Vec<i64>,
    scratch: Split,
}

impl SentenceColumns {
    /// Splits `texts` in parallel; rows come in input order.
    pub(crate) fn build(splitter: &Splitter, texts: &[&str]) -> SentenceColumns {
        texts
            .par_iter()
            .enumerate()
            .fold(SentenceColumns::default, |mut columns, (document, text)| {
                columns.push_document(splitter, document, text);
                columns
            })
            .reduce(SentenceColumns::default, |mut left, right| {
                left.append(right);
                left
            })
    }

    fn push_document(&mut self, splitter: &Splitter, document: usize, text: &str) {
        splitter.split_into(text, &mut self.scratch);
        let mut cursor = CodePointCursor::new(text);
        for (index, sentence) in self.scratch.sentences.iter().enumerate() {
            self.document.push(document as i64);
            self.paragraph.push(sentence.paragraph as i64);
            self.sentence.push(index as i64);
            self.start.push(cursor.advance_to(sentence.span.start) as i64);
            self.end.push(cursor.advance_to(sentence.span.end) as i64);
        }
    }

    fn append(&mut self, mut other: SentenceColumns) {
        if self.document.is_empty() {
            std::mem::swap(self, &mut other);
            return;
        }
        self.document.append(&mut other.document);
        self.paragraph.append(&mut other.paragraph);
        self.sentence.append(&mut other.sentence);
        self.start.append(&mut other.start);
        self.end.append(&mut other.end);
    }

    /// The columns as a dict of numpy int64 arrays (the vectors move, no copy).
    pub(crate) fn into_dict(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("document", self.document.into_pyarray(py))?;
        dict.set_item("paragraph", self.paragraph.into_pyarray(py))?;
        dict.set_item("sentence", self.sentence.into_pyarray(py))?;
        dict.set_item("start", self.start.into_pyarray(py))?;
        dict.set_item("end", self.end.into_pyarray(py))?;
        Ok(dict)
    }
}
