//! `_TableBuilder`: the tables of one analysis, grown chunk by chunk of documents.
//!
//! Each chunk is analysed in runs (a few per thread), in parallel with the GIL released;
//! every run fills tables of its own, whose buffers are kept from chunk to chunk. The
//! runs are then appended to the analysis' final columns, one column per rayon task, so
//! each value is copied once, on every core. Integer columns stay `i32` while their
//! values fit ([`IntColumn`]), and at the end every column moves into numpy without a
//! copy: Python gets one array per column, whatever the number of chunks and runs.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;

use super::super::int_column::IntColumn;
use super::super::texts::{borrow_text, collect_texts, Origin, PyText};
use super::super::utf8_columns::{MappedUtf8Column, Utf8Column};
use super::runs::{Room, RunTables, Strings, STRING_COLUMNS, TABLE_NAMES};
use super::PyPipeline;

/// Runs per thread: enough for rayon to balance uneven documents.
const RUNS_PER_THREAD: usize = 2;

/// The tables of an analysis so far. Made by `Pipeline._table_builder`; used by
/// `presswork.pipeline`, which feeds it chunks with [`PyTableBuilder::add`] and takes
/// the columns with [`PyTableBuilder::finish`].
#[pyclass(module = "presswork._core", name = "_TableBuilder")]
pub(crate) struct PyTableBuilder {
    pipeline: Py<PyPipeline>,
    /// The runs' tables, kept from chunk to chunk.
    runs: Vec<RunTables>,
    wanted: Strings,
    /// Per table of [`TABLE_NAMES`], its columns' names and values.
    names: [&'static [&'static str]; TABLE_NAMES.len()],
    tables: [Vec<IntColumn>; TABLE_NAMES.len()],
    /// The string columns of [`STRING_COLUMNS`] (empty where not wanted).
    strings: [MappedUtf8Column; STRING_COLUMNS.len()],
    /// Documents that failed: (index, reason).
    errors: Vec<(usize, String)>,
    /// Documents added so far: the index of the next one.
    documents: usize,
}

impl PyTableBuilder {
    /// A builder for about `documents` documents of `chars` code points in all (0 when
    /// unknown): the final columns are reserved up front, so they seldom grow (a growth
    /// copies the column, and the old one may stay in the process' heap).
    pub(super) fn new(pipeline: Py<PyPipeline>, wanted: Strings, documents: usize, chars: usize) -> Self {
        let names = RunTables::names();
        let mut room = Room::of(chars + chars / 8);
        room.rows[0] = documents;
        let mut tables: [Vec<IntColumn>; TABLE_NAMES.len()] =
            names.map(|columns| columns.iter().map(|_| IntColumn::default()).collect());
        if chars > 0 {
            for (columns, &rows) in tables.iter_mut().zip(&room.rows) {
                columns.iter_mut().for_each(|column| column.reserve(rows));
            }
        }
        PyTableBuilder {
            pipeline,
            runs: Vec::new(),
            wanted,
            tables,
            names,
            strings: std::array::from_fn(|column| {
                let (rows, bytes) = room.strings[column];
                match wanted.fills(column) && chars > 0 {
                    true => MappedUtf8Column::with_capacity(rows, bytes),
                    false => MappedUtf8Column::default(),
                }
            }),
            errors: Vec::new(),
            documents: 0,
        }
    }
}

/// One final column and the runs' parts to append to it.
enum Append<'a> {
    Int(&'a mut IntColumn, Vec<&'a [i64]>),
    Text(&'a mut MappedUtf8Column, Vec<&'a Utf8Column>),
}

impl Append<'_> {
    /// Bytes to copy, to start the biggest first.
    fn bytes(&self) -> usize {
        match self {
            Append::Int(_, parts) => parts.iter().map(|p| p.len() * 8).sum(),
            Append::Text(_, parts) => parts.iter().map(|p| p.bytes()).sum(),
        }
    }

    fn run(self) {
        match self {
            Append::Int(column, parts) => column.extend(&parts),
            Append::Text(column, parts) => column.extend(&parts),
        }
    }
}

#[pymethods]
impl PyTableBuilder {
    /// Analyses `texts` (an iterable of `str`), the next documents of the analysis, and
    /// appends their rows. Parallel, with the GIL released. Items that are not `str`
    /// (None, NaN) are analysed as empty texts; their positions in `texts` are returned
    /// for the caller to flag or refuse.
    fn add(&mut self, texts: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
        let py = texts.py();
        let objects = collect_texts(texts)?;
        let mut not_text = Vec::new();
        let texts = objects
            .iter()
            .enumerate()
            .map(|(n, object)| {
                if object.is_instance_of::<PyString>() {
                    borrow_text(object, Origin::Item(n))
                } else {
                    not_text.push(n);
                    Ok(PyText::Utf8(""))
                }
            })
            .collect::<PyResult<Vec<_>>>()?;
        let first = self.documents;
        let run_len = texts
            .len()
            .div_ceil(rayon::current_num_threads() * RUNS_PER_THREAD)
            .max(1);
        let run_count = texts.len().div_ceil(run_len);
        let wanted = self.wanted;
        if self.runs.len() < run_count {
            self.runs.resize_with(run_count, || RunTables::new(wanted));
        }
        let pipeline = &self.pipeline.get().inner;
        let PyTableBuilder {
            runs,
            tables,
            strings,
            errors,
            ..
        } = self;
        let runs = &mut runs[..run_count];
        py.detach(|| {
            texts
                .par_chunks(run_len)
                .zip(runs.par_iter_mut())
                .enumerate()
                .for_each(|(run, (documents, tables))| {
                    tables.clear_for(documents.iter().map(|t| t.size_hint()).sum());
                    for (offset, text) in documents.iter().enumerate() {
                        let document = first + run * run_len + offset;
                        let analysed = text.with_utf8(|text| tables.add(pipeline, document, text));
                        if let Err(surrogate) = analysed {
                            tables.failed(document, surrogate.message(Origin::Argument));
                        }
                    }
                });
            append(tables, strings, runs);
        });
        for run in runs.iter_mut() {
            errors.append(&mut run.errors);
        }
        self.documents += texts.len();
        Ok(not_text)
    }

    /// The tables so far, and the builder emptied: by table name, a dict of numpy int32
    /// or int64 columns; by table and column, the string columns as Arrow large-string
    /// buffers (`offsets`, `data`, `valid` numpy arrays); and the documents that failed
    /// as a list of (index, reason).
    fn finish<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        // The runs' buffers go first, before the columns move into numpy.
        self.runs = Vec::new();
        let tables = PyDict::new(py);
        for ((name, columns), values) in TABLE_NAMES.into_iter().zip(self.names).zip(&mut self.tables) {
            let table = PyDict::new(py);
            for (column, values) in columns.iter().zip(std::mem::take(values)) {
                table.set_item(column, values.into_numpy(py)?)?;
            }
            tables.set_item(name, table)?;
        }
        let strings = PyDict::new(py);
        for (index, ((table, column), values)) in
            STRING_COLUMNS.into_iter().zip(&mut self.strings).enumerate()
        {
            let values = std::mem::take(values);
            if !self.wanted.fills(index) {
                continue;
            }
            if strings.get_item(table)?.is_none() {
                strings.set_item(table, PyDict::new(py))?;
            }
            let columns = strings.get_item(table)?.expect("just set");
            columns.set_item(column, values.into_dict(py)?)?;
        }
        let errors = PyList::new(py, std::mem::take(&mut self.errors))?;
        self.documents = 0;
        PyTuple::new(py, [tables.into_any(), strings.into_any(), errors.into_any()])
    }
}

/// Appends every run's rows to the final columns, a column per rayon task, biggest first.
fn append(
    tables: &mut [Vec<IntColumn>; TABLE_NAMES.len()],
    strings: &mut [MappedUtf8Column; STRING_COLUMNS.len()],
    runs: &[RunTables],
) {
    let mut jobs = Vec::new();
    for (table, columns) in tables.iter_mut().enumerate() {
        for (index, column) in columns.iter_mut().enumerate() {
            let parts = runs.iter().map(|run| run.table(table)[index].as_slice());
            jobs.push(Append::Int(column, parts.collect()));
        }
    }
    for (index, column) in strings.iter_mut().enumerate() {
        if runs.first().is_some_and(|run| run.fills(index)) {
            let parts = runs.iter().map(|run| &run.strings[index]);
            jobs.push(Append::Text(column, parts.collect()));
        }
    }
    jobs.sort_by_key(|job| std::cmp::Reverse(job.bytes()));
    jobs.into_par_iter().for_each(Append::run);
}
