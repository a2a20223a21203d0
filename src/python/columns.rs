//! Sentence offsets of a batch as flat numpy columns, built in parallel.
//!
//! Two parallel phases. First, the documents are cut into runs (a few per thread); each
//! rayon task splits its run with one reused scratch [`Split`], converting byte offsets
//! to code points as it goes, into column vectors reserved up front (untouched
//! reserved pages cost nothing, while growing by doubling would copy). Second, the
//! runs are copied into the final columns, each run into its own disjoint slice, again
//! in parallel: a serial merge (or rayon's `reduce`, whose last step copies half of
//! everything on one thread) kept two cores from doubling the speed. Nothing per
//! sentence is allocated and no Python object is made until the five arrays at the end.

use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rayon::prelude::*;

use super::texts::PyText;
use crate::split::{Split, Splitter};
use crate::text::CodePointCursor;

/// Runs per thread: enough for rayon to balance uneven documents.
const RUNS_PER_THREAD: usize = 8;

/// Reserved rows per byte of text: news runs at about one sentence per 75 bytes.
const BYTES_PER_RESERVED_ROW: usize = 32;

/// Columns `document`, `paragraph`, `sentence`, `start`, `end` (code points).
#[derive(Default)]
pub(crate) struct SentenceColumns {
    document: Vec<i64>,
    paragraph: Vec<i64>,
    sentence: Vec<i64>,
    start: Vec<i64>,
    end: Vec<i64>,
}

impl SentenceColumns {
    /// Splits `texts` in parallel; rows come in input order.
    pub(crate) fn build(splitter: &Splitter, texts: &[PyText<'_>]) -> SentenceColumns {
        let run_len = texts
            .len()
            .div_ceil(rayon::current_num_threads() * RUNS_PER_THREAD)
            .max(1);
        let runs: Vec<SentenceColumns> = texts
            .par_chunks(run_len)
            .enumerate()
            .map(|(run, documents)| SentenceColumns::of_run(splitter, run * run_len, documents))
            .collect();
        SentenceColumns::concatenate(runs)
    }

    fn of_run(splitter: &Splitter, first_document: usize, texts: &[PyText<'_>]) -> SentenceColumns {
        let bytes: usize = texts.iter().map(|t| t.size_hint()).sum();
        let rows = bytes / BYTES_PER_RESERVED_ROW + 16;
        let mut columns = SentenceColumns {
            document: Vec::with_capacity(rows),
            paragraph: Vec::with_capacity(rows),
            sentence: Vec::with_capacity(rows),
            start: Vec::with_capacity(rows),
            end: Vec::with_capacity(rows),
        };
        let mut scratch = Split::default();
        for (offset, text) in texts.iter().enumerate() {
            let document = (first_document + offset) as i64;
            text.with_utf8(|text| {
                splitter.split_into(text, &mut scratch);
                let mut cursor = CodePointCursor::new(text);
                for (index, sentence) in scratch.sentences.iter().enumerate() {
                    columns.document.push(document);
                    columns.paragraph.push(sentence.paragraph as i64);
                    columns.sentence.push(index as i64);
                    columns.start.push(cursor.advance_to(sentence.span.start) as i64);
                    columns.end.push(cursor.advance_to(sentence.span.end) as i64);
                }
            });
        }
        columns
    }

    /// The runs one after another, copied in parallel.
    fn concatenate(mut runs: Vec<SentenceColumns>) -> SentenceColumns {
        if runs.len() <= 1 {
            return runs.pop().unwrap_or_default();
        }
        let total: usize = runs.iter().map(|run| run.document.len()).sum();
        let mut out = SentenceColumns {
            document: vec![0; total],
            paragraph: vec![0; total],
            sentence: vec![0; total],
            start: vec![0; total],
            end: vec![0; total],
        };
        let lengths: Vec<usize> = runs.iter().map(|run| run.document.len()).collect();
        let targets = [
            &mut out.document,
            &mut out.paragraph,
            &mut out.sentence,
            &mut out.start,
            &mut out.end,
        ];
        targets.into_par_iter().enumerate().for_each(|(n, target)| {
            let mut slices = Vec::with_capacity(runs.len());
            let mut rest = target.as_mut_slice();
            for &len in &lengths {
                let (head, tail) = rest.split_at_mut(len);
                slices.push(head);
                rest = tail;
            }
            slices
                .into_par_iter()
                .zip(&runs)
                .for_each(|(slice, run)| slice.copy_from_slice(run.column(n)));
        });
        out
    }

    /// Column `n`, in the order of the fields.
    fn column(&self, n: usize) -> &[i64] {
        [
            &self.document,
            &self.paragraph,
            &self.sentence,
            &self.start,
            &self.end,
        ][n]
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
