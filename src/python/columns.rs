//! Per-row results of a batch as flat numpy int64 columns, built in parallel.
//!
//! Two parallel phases. First, the documents are cut into runs (a few per thread); each
//! rayon task fills its own [`Columns`] for its run, with the rows reserved up front from
//! the run's text size (untouched reserved pages cost nothing, while growing by doubling
//! would copy). Second, the runs are copied into the final columns, each run into its
//! own disjoint slice, again in parallel: a serial merge (or rayon's `reduce`, whose last
//! step copies half of everything on one thread) kept two cores from doubling the
//! speed. Nothing per row is allocated and no Python object is made until the arrays at
//! the end. Sentence columns and mention columns are both built this way.

use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rayon::prelude::*;

use super::texts::{LoneSurrogate, Origin, PyText};

/// Runs per thread: enough for rayon to balance uneven documents.
const RUNS_PER_THREAD: usize = 8;

/// The length of a run when `documents` are cut into `runs_per_thread` runs for each of
/// the pool's threads (at least one document).
pub(crate) fn run_length(documents: usize, runs_per_thread: usize) -> usize {
    documents
        .div_ceil(rayon::current_num_threads() * runs_per_thread)
        .max(1)
}

/// Cuts `texts` into runs (a few per thread) and folds the documents of each run, in
/// parallel, into an accumulator of its own made by `start(bytes)` (`bytes`: the run's
/// size, to reserve rows by); `each(accumulator, document index, text)` adds one
/// document. Accumulators come back in input order; the first error of the first
/// failing run stops the rest.
pub(crate) fn fold_runs<A, E>(
    texts: &[PyText<'_>],
    start: impl Fn(usize) -> A + Sync,
    each: impl Fn(&mut A, usize, PyText<'_>) -> Result<(), E> + Sync,
) -> Result<Vec<A>, E>
where
    A: Send,
    E: Send,
{
    let run_len = run_length(texts.len(), RUNS_PER_THREAD);
    let runs: Vec<Result<A, E>> = texts
        .par_chunks(run_len)
        .enumerate()
        .map(|(run, documents)| {
            let mut accumulator = start(documents.iter().map(|t| t.size_hint()).sum());
            for (offset, text) in documents.iter().enumerate() {
                each(&mut accumulator, run * run_len + offset, *text)?;
            }
            Ok(accumulator)
        })
        .collect();
    // Runs are in input order, so the first failed run holds the first bad document.
    runs.into_iter().collect()
}

/// `N` named int64 columns of equal length.
pub(crate) struct Columns<const N: usize> {
    names: [&'static str; N],
    data: [Vec<i64>; N],
}

impl<const N: usize> Columns<N> {
    /// Empty columns with room for `rows` rows.
    pub(crate) fn with_capacity(names: [&'static str; N], rows: usize) -> Self {
        Columns {
            names,
            data: std::array::from_fn(|_| Vec::with_capacity(rows)),
        }
    }

    /// Appends one row, a value per column.
    #[inline]
    pub(crate) fn push(&mut self, row: [i64; N]) {
        for (column, value) in self.data.iter_mut().zip(row) {
            column.push(value);
        }
    }

    /// Number of rows.
    pub(crate) fn len(&self) -> usize {
        self.data.first().map_or(0, Vec::len)
    }

    /// Sets column `to` to `f` of column `from`, row by row (both must be names).
    pub(crate) fn derive(&mut self, from: &str, to: &str, f: impl Fn(i64) -> i64) {
        let index = |name: &str| {
            self.names
                .iter()
                .position(|&n| n == name)
                .expect("a known column")
        };
        let (from, to) = (index(from), index(to));
        assert_ne!(from, to, "a column derived from itself");
        let (low, high) = self.data.split_at_mut(from.max(to));
        let (source, target) = if from < to {
            (&low[from], &mut high[0])
        } else {
            (&high[0], &mut low[to])
        };
        for (value, &source) in target.iter_mut().zip(source.iter()) {
            *value = f(source);
        }
    }

    /// Fills the columns of `texts` in parallel, rows in input order.
    /// `fill(scratch, document, text, columns)` appends the rows of one document; the
    /// text is UTF-8 (transcoded by [`PyText::with_utf8`] where it was not), and
    /// `scratch` is working memory made by `new_scratch` once per run of documents.
    /// About one row per `bytes_per_row` bytes of text is reserved up front. Fails
    /// with the first document (its index) whose text holds a lone surrogate.
    pub(crate) fn build<S, F>(
        names: [&'static str; N],
        texts: &[PyText<'_>],
        bytes_per_row: usize,
        new_scratch: impl Fn() -> S + Sync,
        fill: F,
    ) -> Result<Self, (usize, LoneSurrogate)>
    where
        S: Send,
        F: Fn(&mut S, i64, &str, &mut Self) + Sync,
    {
        let runs = fold_runs(
            texts,
            |size| {
                (
                    Self::with_capacity(names, size / bytes_per_row + 16),
                    new_scratch(),
                )
            },
            |(columns, scratch), document, text| {
                text.with_utf8(|text| fill(scratch, document as i64, text, columns))
                    .map_err(|e| (document, e))
            },
        )?;
        Ok(Self::concatenate(
            names,
            runs.into_iter().map(|(columns, _)| columns).collect(),
        ))
    }

    /// The runs one after another, copied in parallel.
    pub(crate) fn concatenate(names: [&'static str; N], mut runs: Vec<Self>) -> Self {
        if runs.len() <= 1 {
            return runs.pop().unwrap_or_else(|| Self::with_capacity(names, 0));
        }
        let total: usize = runs.iter().map(Self::len).sum();
        let mut out = Columns {
            names,
            data: std::array::from_fn(|_| vec![0; total]),
        };
        let lengths: Vec<usize> = runs.iter().map(Self::len).collect();
        out.data.par_iter_mut().enumerate().for_each(|(n, target)| {
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
                .for_each(|(slice, run)| slice.copy_from_slice(&run.data[n]));
        });
        out
    }

    /// The columns of [`Columns::build`] as a dict of numpy int64 arrays, by name (the
    /// vectors move, no copy), or the `ValueError` for its bad document.
    pub(crate) fn dict_or_err(
        py: Python<'_>,
        built: Result<Self, (usize, LoneSurrogate)>,
    ) -> PyResult<Bound<'_, PyDict>> {
        match built {
            Ok(columns) => columns.into_dict(py),
            Err((document, surrogate)) => Err(surrogate.into_err(py, Origin::Item(document))),
        }
    }

    /// The columns as a dict of numpy int64 arrays, by name (the vectors move, no copy).
    pub(crate) fn into_dict(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let dict = PyDict::new(py);
        for (name, mut column) in self.names.into_iter().zip(self.data) {
            // numpy keeps the whole allocation: give back the room reserved and unused.
            column.shrink_to_fit();
            dict.set_item(name, column.into_pyarray(py))?;
        }
        Ok(dict)
    }
}
