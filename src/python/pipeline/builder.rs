//! `_TableBuilder`: the tables of one analysis, grown chunk by chunk of documents.
//!
//! `run` reads the chunks (lists of texts, or slices of an Arrow string array) from
//! Python one at a time, with the GIL, and hands each to rayon's pool (the global one,
//! or one of a chosen size, see `pools`; oldest chunk first when it has several
//! threads, see [`Tasks`]), where it is analysed in runs (a few per thread), every run
//! filling tables of its own (`rows`). Up to
//! [`SLOTS`] chunks are on their way at once; the task that finishes a chunk appends
//! every finished chunk whose turn has come to the analysis' final columns, in order, so
//! no thread waits at the end of a chunk, and reads the next chunks into the slots it
//! freed: the pool feeds itself, and never waits for the calling thread to be scheduled
//! (on a busy machine that can take milliseconds), which only waits and checks for
//! signals. Each value is copied once, from its run into its final column (or into the
//! column derived from it, see [`Derived`]). Integer columns stay `i32` while their values fit ([`IntColumn`]);
//! every final column lives in a memory mapping of its own and moves into numpy without
//! a copy: Python gets one array per column, whatever the number of chunks and runs.

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyList, PyString, PyTuple};
use rayon::prelude::*;
use rayon::ThreadPool;

use super::super::arrow_texts::ArrowTexts;
use super::super::columns::run_length;
use super::super::errors::value_error;
use super::super::int_column::{IntColumn, Part};
use super::super::texts::{borrow_text, collect_texts, Origin, PyText};
use super::super::thread_state;
use super::super::utf8_columns::{MappedUtf8Column, Utf8Column};
use super::derived::{only_derived, CodeTable, Derived};
use super::rows;
use super::runs::{panic_reason, Room, RunTables, Scratch, Strings, STRING_COLUMNS, TABLE_NAMES};
use super::PyPipeline;
use crate::pipeline::Pipeline;

/// Chunks on their way at once: while one is appended, the others are being analysed,
/// so the pool always has a chunk to work on, even while the oldest chunk's last run
/// holds the others' appending back (3 slots: 2 threads took about 4% longer). A stream
/// is read this many chunks ahead of the rows (Python sees it as
/// `_core._CHUNKS_IN_FLIGHT`).
pub(crate) const SLOTS: usize = 6;

/// Runs per thread: enough for rayon to balance uneven documents.
const RUNS_PER_THREAD: usize = 2;

/// The tables of an analysis so far. Made by `Pipeline._table_builder`; used by
/// `presswork.pipeline`, which gives it the chunks with [`PyTableBuilder::run`] and
/// takes the columns with [`PyTableBuilder::finish`].
#[pyclass(module = "presswork._core", name = "_TableBuilder")]
pub(crate) struct PyTableBuilder {
    pipeline: Py<PyPipeline>,
    wanted: Strings,
    /// Per table of [`TABLE_NAMES`], its columns' names and values.
    names: [&'static [&'static str]; TABLE_NAMES.len()],
    /// Per table, its integer columns; one that only serves derived columns
    /// ([`only_derived`]) stays empty.
    tables: [Vec<IntColumn>; TABLE_NAMES.len()],
    /// The columns derived from others as they are appended.
    derived: Vec<Derived>,
    /// The string columns of [`STRING_COLUMNS`] (empty where not wanted).
    strings: [MappedUtf8Column; STRING_COLUMNS.len()],
    /// Documents that failed: (index, reason).
    errors: Vec<(usize, String)>,
    /// Documents added so far: the index of the next one.
    documents: usize,
    /// The pool to run on (None: rayon's global pool).
    pool: Option<Arc<ThreadPool>>,
}

impl PyTableBuilder {
    /// A builder for about `documents` documents of `chars` code points in all (0 when
    /// unknown): the final columns are reserved up front, so they seldom grow (a growth
    /// copies the column, and the old one may stay in the process' heap).
    pub(super) fn new(
        pipeline: Py<PyPipeline>,
        wanted: Strings,
        documents: usize,
        chars: usize,
        codes: &[CodeTable],
        pool: Option<Arc<ThreadPool>>,
    ) -> Self {
        let names = RunTables::names();
        let mut room = Room::of(chars + chars / 8);
        room.rows[0] = documents;
        // Document indices are int64 from the start: they are the keys' positions.
        let mut tables: [Vec<IntColumn>; TABLE_NAMES.len()] = names.map(|columns| {
            columns
                .iter()
                .map(|&name| match name {
                    "document" => IntColumn::wide(),
                    _ => IntColumn::default(),
                })
                .collect()
        });
        if chars > 0 {
            for (table, (columns, &rows)) in tables.iter_mut().zip(&room.rows).enumerate() {
                for (column, name) in columns.iter_mut().zip(names[table]) {
                    if !only_derived(table, name) {
                        column.reserve(rows);
                    }
                }
            }
        }
        PyTableBuilder {
            pipeline,
            wanted,
            tables,
            names,
            derived: Derived::all(codes, (chars > 0).then_some(&room)),
            strings: std::array::from_fn(|column| {
                let (rows, bytes) = room.strings[column];
                match wanted.fills(column) && chars > 0 {
                    true => MappedUtf8Column::with_capacity(rows, bytes),
                    false => MappedUtf8Column::default(),
                }
            }),
            errors: Vec::new(),
            documents: 0,
            pool,
        }
    }
}

/// One final column and the runs' parts to append to it.
enum Append<'a> {
    Int(&'a mut IntColumn, Vec<Part<'a>>),
    Derived(&'a mut Derived, Vec<Part<'a>>),
    Text(&'a mut MappedUtf8Column, Vec<&'a Utf8Column>),
}

impl Append<'_> {
    /// Bytes to copy, to start the biggest first.
    fn bytes(&self) -> usize {
        match self {
            Append::Int(_, parts) => parts.iter().map(|p| p.len() * 8).sum(),
            Append::Derived(column, parts) => parts.iter().map(|p| p.len() * column.bytes_per_row()).sum(),
            Append::Text(_, parts) => parts.iter().map(|p| p.bytes()).sum(),
        }
    }

    fn run(self) {
        match self {
            Append::Int(column, parts) => column.extend(&parts),
            Append::Derived(column, parts) => column.extend(&parts),
            Append::Text(column, parts) => column.extend(&parts),
        }
    }
}

/// A chunk of documents on its way through the builder: its `str` objects (held so that
/// their text stays where the core reads it), that text, and the tables of its runs.
#[derive(Default)]
struct Slot {
    /// The chunk as given (a list), for the caller's `on_chunk`.
    chunk: Option<Py<PyAny>>,
    objects: Vec<Py<PyAny>>,
    texts: Vec<PyText<'static>>,
    /// The index of the chunk's first document in the analysis.
    first: usize,
    runs: Vec<RunTables>,
    /// Runs in use for this chunk (the first `used` of `runs`).
    used: usize,
}

impl Slot {
    /// Takes in the next chunk: borrows its texts; an item that is not `str` is analysed
    /// as an empty text if `is_missing(item)` (its index joins `missing`), else the
    /// analysis stops with the exception `refuse(index, item)` returns.
    fn fill(
        &mut self,
        chunk: Bound<'_, PyAny>,
        first: usize,
        is_missing: &Bound<'_, PyAny>,
        refuse: &Bound<'_, PyAny>,
        missing: &mut Vec<usize>,
    ) -> PyResult<()> {
        self.objects.clear();
        self.texts.clear();
        self.first = first;
        if !chunk.is_instance_of::<PyList>() {
            self.fill_arrow(&chunk, missing)?;
            self.chunk = Some(chunk.unbind());
            return Ok(());
        }
        for (n, item) in collect_texts(&chunk)?.into_iter().enumerate() {
            let index = first + n;
            if item.is_instance_of::<PyString>() {
                let text = borrow_text(&item, Origin::Item(index))?;
                // SAFETY: the text lies in the storage of a `str` object, immutable, and
                // `objects` holds a reference to that object until the chunk's rows are
                // in (the texts are cleared with the objects, never kept past them).
                self.texts
                    .push(unsafe { std::mem::transmute::<PyText<'_>, PyText<'static>>(text) });
                self.objects.push(item.unbind());
            } else if is_missing.call1((&item,))?.is_truthy()? {
                missing.push(index);
                self.texts.push(PyText::Utf8(""));
            } else {
                return Err(PyErr::from_value(refuse.call1((index, &item))?));
            }
        }
        self.chunk = Some(chunk.unbind());
        Ok(())
    }

    /// Takes in a chunk given as a slice of an Arrow string array (see
    /// [`ArrowTexts`]): its texts are borrowed from the array's UTF-8 bytes.
    fn fill_arrow(&mut self, chunk: &Bound<'_, PyAny>, missing: &mut Vec<usize>) -> PyResult<()> {
        let arrow = ArrowTexts::read(chunk)?;
        for n in 0..arrow.len() {
            let index = self.first + n;
            // SAFETY: the array is immutable and `objects` keeps it alive until the
            // chunk's rows are in (the texts are cleared with the objects).
            let text = unsafe { arrow.text(n) }.map_err(|error| {
                value_error(chunk.py(), format!("document {index} is not UTF-8: {error}"))
            })?;
            match text {
                // SAFETY: as above: the bytes outlive every use of the text.
                Some(text) => self.texts.push(PyText::Utf8(unsafe {
                    std::mem::transmute::<&str, &'static str>(text)
                })),
                None => {
                    missing.push(index);
                    self.texts.push(PyText::Utf8(""));
                }
            }
        }
        self.objects.push(arrow.data.into_any().unbind());
        Ok(())
    }

    /// Analyses the chunk's documents into the runs' tables, in parallel, each run with a
    /// scratch from `scratches` (given back after).
    fn analyze(&mut self, pipeline: &Pipeline, wanted: Strings, scratches: &Mutex<Vec<Scratch>>) {
        let run_len = run_length(self.texts.len(), RUNS_PER_THREAD);
        self.used = self.texts.len().div_ceil(run_len);
        if self.runs.len() < self.used {
            self.runs.resize_with(self.used, || RunTables::new(wanted));
        }
        let first = self.first;
        self.texts
            .par_chunks(run_len)
            .zip(self.runs[..self.used].par_iter_mut())
            .enumerate()
            .for_each(|(run, (documents, tables))| {
                let (bytes, longest) = documents.iter().fold((0, 0), |(all, longest), text| {
                    let size = text.size_hint();
                    (all + size, longest.max(size))
                });
                let last = first + run * run_len + documents.len();
                tables.clear_for(bytes, rows::needs_wide(pipeline, last, longest));
                let mut scratch = lock(scratches).pop().unwrap_or_default();
                for (offset, text) in documents.iter().enumerate() {
                    let document = first + run * run_len + offset;
                    let analysed = text.with_utf8(|text| tables.add(pipeline, &mut scratch, document, text));
                    if let Err(surrogate) = analysed {
                        tables.failed(document, surrogate.message(Origin::Argument));
                    }
                }
                lock(scratches).push(scratch);
            });
    }
}

/// The final columns, appended to by one task at a time.
struct Finals<'a> {
    tables: &'a mut [Vec<IntColumn>; TABLE_NAMES.len()],
    names: [&'static [&'static str]; TABLE_NAMES.len()],
    derived: &'a mut [Derived],
    strings: &'a mut [MappedUtf8Column; STRING_COLUMNS.len()],
    errors: &'a mut Vec<(usize, String)>,
}

/// Which chunk is appended next, and the chunks analysed but waiting for their turn.
#[derive(Default)]
struct Order {
    /// The sequence number of the next chunk to append.
    next: usize,
    /// A task is appending.
    appending: bool,
    /// (sequence number, slot) of chunks analysed and not yet appended.
    waiting: Vec<(usize, usize)>,
}

/// The input side of a run, used by one thread at a time (the feeder), with the GIL:
/// the chunks' iterator, the caller's callbacks, and what was read so far.
struct Reader<'a> {
    chunks: Py<PyIterator>,
    on_chunk: Py<PyAny>,
    is_missing: Py<PyAny>,
    refuse: Py<PyAny>,
    /// Documents read so far (the builder's count): the index of the next one.
    documents: &'a mut usize,
    /// The sequence number of the next chunk.
    sequence: usize,
    /// Documents found missing.
    missing: Vec<usize>,
}

impl Reader<'_> {
    /// Lets go of the chunk in `slot` (its rows are in), calling `on_chunk` unless the
    /// run is stopping; then, unless the input has `ended`, reads the next chunk into the
    /// slot. Returns whether the slot held a chunk, and the new chunk's sequence number
    /// (`None`: the input has no more).
    fn release_and_refill(
        &mut self,
        py: Python<'_>,
        slot: &Mutex<Slot>,
        ended: bool,
        stopping: bool,
    ) -> (bool, PyResult<Option<usize>>) {
        let mut slot = lock(slot);
        slot.texts.clear();
        slot.objects.clear();
        let released = slot.chunk.take();
        let held = released.is_some();
        if let Some(chunk) = released.filter(|_| !stopping) {
            if let Err(error) = self.on_chunk.call1(py, (chunk,)) {
                return (held, Err(error));
            }
        }
        if ended {
            return (held, Ok(None));
        }
        let read = (|| {
            let Some(chunk) = self.chunks.bind(py).clone().next() else {
                return Ok(None);
            };
            let first = *self.documents;
            slot.fill(
                chunk?,
                first,
                self.is_missing.bind(py),
                self.refuse.bind(py),
                &mut self.missing,
            )?;
            *self.documents += slot.texts.len();
            self.sequence += 1;
            Ok(Some(self.sequence - 1))
        })();
        (held, read)
    }
}

/// Where a run stands: the slots to release and refill, and how the run ends.
#[derive(Default)]
struct Progress {
    /// Slots whose chunk is in (in the order they went in) or never filled: to be
    /// released and refilled by the feeder.
    free: VecDeque<usize>,
    /// A thread is the feeder: it releases and refills the free slots.
    feeding: bool,
    /// Chunks read and not yet released.
    in_flight: usize,
    /// No more chunks are read: the input ended, or the run is stopping.
    ended: bool,
    /// The first Python exception: from the input, a callback, or a signal (Ctrl-C).
    error: Option<PyErr>,
    /// A task panicked (a bug): the reason.
    failed: Option<String>,
}

impl Progress {
    /// Stops reading, keeping the first error.
    fn stop(&mut self, error: PyErr) {
        self.ended = true;
        self.error.get_or_insert(error);
    }

    /// Whether the calling thread may stop waiting: every chunk read is in and let go,
    /// or the run failed.
    fn settled(&self) -> bool {
        self.failed.is_some()
            || (!self.feeding && (self.error.is_some() || (self.ended && self.in_flight == 0)))
    }
}

/// What the tasks of one `run` share: the chunks' slots, the pipeline, the input, the
/// order of appending and the final columns.
struct Shared<'a, 'f> {
    slots: [Mutex<Slot>; SLOTS],
    pipeline: &'a Pipeline,
    wanted: Strings,
    reader: Mutex<Reader<'f>>,
    progress: Mutex<Progress>,
    /// Signalled once the run has settled (see [`Progress::settled`]), and only then.
    settled: Condvar,
    order: Mutex<Order>,
    finals: Mutex<Finals<'f>>,
    /// The runs' working memory: one per thread at work, whatever the number of runs.
    scratches: Mutex<Vec<Scratch>>,
}

impl<'s> Shared<'_, '_> {
    /// Becomes the feeder, unless a thread already is: releases every free slot's chunk
    /// and reads the next chunk into it, with the GIL, and hands each chunk read to the
    /// pool. Whichever thread frees a slot feeds it, so the pool never waits for the
    /// calling thread to be scheduled.
    fn feed<S: Tasks<'s>>(&'s self, scope: &S) {
        {
            let mut progress = lock(&self.progress);
            if progress.feeding {
                return;
            }
            progress.feeding = true;
        }
        loop {
            let (slot, ended, stopping) = {
                let mut progress = lock(&self.progress);
                let Some(slot) = progress.free.pop_front() else {
                    progress.feeding = false;
                    // Only once the run is over: the calling thread, woken at every
                    // feed, took a core from the pool (some 150 times a call).
                    if progress.settled() {
                        self.settled.notify_all();
                    }
                    return;
                };
                (slot, progress.ended, progress.error.is_some())
            };
            let (held, read) = {
                let mut reader = lock(&self.reader);
                thread_state::keep();
                Python::attach(|py| reader.release_and_refill(py, &self.slots[slot], ended, stopping))
            };
            let mut progress = lock(&self.progress);
            progress.in_flight -= usize::from(held);
            match read {
                Ok(Some(sequence)) => {
                    progress.in_flight += 1;
                    scope.spawn_task(move |scope| self.analyze_and_append(sequence, slot, scope));
                }
                Ok(None) => progress.ended = true,
                Err(error) => progress.stop(error),
            }
        }
    }

    /// Feeds the pool its first chunks, then waits (on the calling thread, not one of
    /// the pool's) until the run settles, checking for signals (Ctrl-C) meanwhile.
    fn feed_and_wait<S: Tasks<'s>>(&'s self, scope: &S) {
        self.feed(scope);
        let mut progress = lock(&self.progress);
        while !progress.settled() {
            progress = self
                .settled
                .wait_timeout(progress, SIGNAL_CHECKS)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
            if progress.settled() {
                break;
            }
            drop(progress);
            let signals = Python::attach(|py| py.check_signals());
            progress = lock(&self.progress);
            if let Err(error) = signals {
                progress.stop(error);
            }
        }
    }

    /// Analyses the chunk in slot `slot` (sequence number `sequence`), then appends
    /// every analysed chunk whose turn has come, if no other task is appending (chunks
    /// go in in order, and no thread ever waits for another's chunk), and feeds the
    /// slots it freed.
    fn analyze_and_append<S: Tasks<'s>>(&'s self, sequence: usize, slot: usize, scope: &S) {
        let work = catch_unwind(AssertUnwindSafe(|| {
            lock(&self.slots[slot]).analyze(self.pipeline, self.wanted, &self.scratches);
            lock(&self.order).waiting.push((sequence, slot));
            // Each slot is fed as soon as it is freed, so that while this task appends
            // the chunks that were waiting for this one, the other threads have the
            // next chunks to analyse (fed after the last append, they sat idle).
            while self.append_next() {
                self.feed(scope);
            }
        }));
        if let Err(panic) = work {
            let mut progress = lock(&self.progress);
            progress.ended = true;
            progress.failed.get_or_insert(panic_reason(panic.as_ref()));
            self.settled.notify_all();
        }
    }

    /// Appends the next chunk in order if it is analysed and no other task is
    /// appending, and frees its slot; returns whether it did.
    fn append_next(&self) -> bool {
        let ready = {
            let mut order = lock(&self.order);
            let next = order.next;
            match order.waiting.iter().position(|&(q, _)| q == next) {
                Some(at) if !order.appending => {
                    order.appending = true;
                    order.waiting.swap_remove(at).1
                }
                _ => return false,
            }
        };
        {
            let mut finals = lock(&self.finals);
            let Finals {
                tables,
                names,
                derived,
                strings,
                errors,
            } = &mut *finals;
            let mut chunk = lock(&self.slots[ready]);
            let used = chunk.used;
            append(tables, *names, derived, strings, &chunk.runs[..used]);
            for run in &mut chunk.runs[..used] {
                errors.append(&mut run.errors);
            }
        }
        // Freed while still the appender, so slots are let go in the chunks' order.
        lock(&self.progress).free.push_back(ready);
        let mut order = lock(&self.order);
        order.next += 1;
        order.appending = false;
        true
    }
}

/// A rayon scope the chunks' tasks are spawned in: `Scope` starts the newest chunk
/// first, `ScopeFifo` the oldest.
///
/// Chunks are appended in order, so on two threads or more, newest first left the
/// oldest chunk for last: its appends, and every slot behind them, waited for it while
/// the other threads ran out of work, some 20 times a call. `run` takes oldest first
/// there (news, two threads: about 5% faster, eight interleaved A/B pairs). On one
/// thread nothing waits, and newest first measured faster (5–12% over several
/// sessions, for a reason not found: the same instructions and cache misses under
/// cachegrind), so a single thread keeps it.
trait Tasks<'s>: Sync {
    /// Spawns `task` in the scope, in the scope's order.
    fn spawn_task<F: FnOnce(&Self) + Send + 's>(&self, task: F);
}

impl<'s> Tasks<'s> for rayon::Scope<'s> {
    fn spawn_task<F: FnOnce(&Self) + Send + 's>(&self, task: F) {
        self.spawn(task);
    }
}

impl<'s> Tasks<'s> for rayon::ScopeFifo<'s> {
    fn spawn_task<F: FnOnce(&Self) + Send + 's>(&self, task: F) {
        self.spawn_fifo(task);
    }
}

/// How often the calling thread, waiting for a run, checks for signals (Ctrl-C).
const SIGNAL_CHECKS: Duration = Duration::from_millis(50);

#[pymethods]
impl PyTableBuilder {
    /// Analyses every chunk of `chunks` (an iterable of lists of texts, or of
    /// `ArrowChunk`s), in order, and appends their rows; returns the indices of the
    /// documents that were missing. `on_chunk(chunk)` is called, with the GIL, once a
    /// chunk's rows are in, chunk after chunk in order.
    ///
    /// Chunks overlap: while one is appended, the next ones are being analysed, so the
    /// threads never all wait at the end of a chunk. The pool's threads read the chunks
    /// and call the callbacks (with the GIL), the calling thread waits and checks for
    /// signals, so Ctrl-C stops the run. An item that is not `str` is missing if
    /// `is_missing(item)`, else the exception `refuse(index, item)` is raised.
    fn run(
        &mut self,
        py: Python<'_>,
        chunks: &Bound<'_, PyAny>,
        on_chunk: Py<PyAny>,
        is_missing: Py<PyAny>,
        refuse: Py<PyAny>,
    ) -> PyResult<Vec<usize>> {
        let chunks = chunks.try_iter()?.unbind();
        let wanted = self.wanted;
        let pipeline = &self.pipeline.get().inner;
        let PyTableBuilder {
            tables,
            names,
            derived,
            strings,
            errors,
            documents,
            pool,
            ..
        } = self;
        let shared = Shared {
            slots: std::array::from_fn(|_| Mutex::new(Slot::default())),
            pipeline,
            wanted,
            reader: Mutex::new(Reader {
                chunks,
                on_chunk,
                is_missing,
                refuse,
                documents,
                sequence: 0,
                missing: Vec::new(),
            }),
            progress: Mutex::new(Progress {
                free: (0..SLOTS).collect(),
                ..Progress::default()
            }),
            settled: Condvar::new(),
            order: Mutex::new(Order::default()),
            finals: Mutex::new(Finals {
                tables,
                names: *names,
                derived,
                strings,
                errors,
            }),
            scratches: Mutex::new(Vec::new()),
        };
        // Oldest chunk first on several threads, newest first on one (see `Tasks`).
        let threads = pool
            .as_ref()
            .map_or_else(rayon::current_num_threads, |p| p.current_num_threads());
        py.detach(|| match (pool, threads > 1) {
            (Some(pool), true) => pool.in_place_scope_fifo(|scope| shared.feed_and_wait(scope)),
            (Some(pool), false) => pool.in_place_scope(|scope| shared.feed_and_wait(scope)),
            (None, true) => rayon::in_place_scope_fifo(|scope| shared.feed_and_wait(scope)),
            (None, false) => rayon::in_place_scope(|scope| shared.feed_and_wait(scope)),
        });
        // The slots' objects are let go with the GIL.
        for slot in &shared.slots {
            let mut slot = lock(slot);
            slot.objects.clear();
            slot.texts.clear();
            slot.chunk = None;
        }
        let progress = std::mem::take(&mut *lock(&shared.progress));
        if let Some(reason) = progress.failed {
            return Err(PyRuntimeError::new_err(format!(
                "internal error in presswork: {reason}"
            )));
        }
        if let Some(error) = progress.error {
            return Err(error);
        }
        let reader = shared.reader.into_inner().unwrap_or_else(PoisonError::into_inner);
        Ok(reader.missing)
    }

    /// The tables so far, and the builder emptied: by table name, a dict of numpy int32
    /// or int64 columns and of the columns derived from them; by table and column, the string columns as Arrow large-string
    /// buffers (`offsets`, `data`, `valid` numpy arrays); and the documents that failed
    /// as a list of (index, reason).
    fn finish<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let tables = PyDict::new(py);
        for (index, ((name, columns), values)) in TABLE_NAMES
            .into_iter()
            .zip(self.names)
            .zip(&mut self.tables)
            .enumerate()
        {
            let table = PyDict::new(py);
            for (column, values) in columns.iter().zip(std::mem::take(values)) {
                if !only_derived(index, column) {
                    table.set_item(column, values.into_numpy(py)?)?;
                }
            }
            tables.set_item(name, table)?;
        }
        for derived in std::mem::take(&mut self.derived) {
            derived.into_dict(&tables)?;
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

/// Locks a mutex; one poisoned by a panic is still usable (a slot's tables are cleared
/// before each use), and the panic itself is reported.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Appends every run's rows to the final columns, one job per column on the pool
/// (biggest first), while the pool also analyses the chunks that come after.
fn append(
    tables: &mut [Vec<IntColumn>; TABLE_NAMES.len()],
    names: [&'static [&'static str]; TABLE_NAMES.len()],
    derived: &mut [Derived],
    strings: &mut [MappedUtf8Column; STRING_COLUMNS.len()],
    runs: &[RunTables],
) {
    let mut jobs = Vec::new();
    for (table, columns) in tables.iter_mut().enumerate() {
        for (index, (column, name)) in columns.iter_mut().zip(names[table]).enumerate() {
            if !only_derived(table, name) {
                let parts = runs.iter().map(|run| run.column(table, index));
                jobs.push(Append::Int(column, parts.collect()));
            }
        }
    }
    for column in derived {
        let (table, index) = column.source();
        let parts = runs.iter().map(|run| run.column(table, index));
        jobs.push(Append::Derived(column, parts.collect()));
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
