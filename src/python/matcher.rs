//! `EntityMatcher` and `Mention`: the Python face of [`crate::entities::EntityMatcher`].

use std::cell::Cell;
use std::sync::Arc;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::pyclass::CompareOp;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use super::columns::Columns;
use super::errors::value_error;
use super::gazetteer::{PyEntity, PyGazetteer};
use super::texts::{borrow_all, collect_texts, utf8_all, with_text, Origin};
use crate::entities::{EntityIndex, EntityMatcher, MatchOptions, Mention, PatternIndex};
use crate::text::CodePointCursor;

/// `find` releases the GIL for texts of this many bytes and more. A news article
/// (a few kilobytes) is matched in microseconds, about what releasing and taking back
/// the GIL costs; a batch method is the way to match many in parallel.
const DETACH_BYTES: usize = 64 << 10;

thread_local! {
    /// The mentions `find` found, kept between calls so that a call allocates no
    /// vector (and grows none).
    static FOUND: Cell<Vec<Mention>> = const { Cell::new(Vec::new()) };
}

/// A [`FOUND`] vector grown past this many mentions (by a gigantic document) is freed
/// after use rather than kept for the thread's lifetime.
const FOUND_KEPT: usize = 1 << 16;

/// Mention rows reserved per byte of text: news has about one mention per 80 bytes
/// with a 10k-name gazetteer.
const BYTES_PER_RESERVED_MENTION: usize = 64;

/// A mention of a known entity: `text[start:end] == mention.text`.
///
/// Made by the thousand, so it is cheap: it holds the document and the matcher's
/// pattern number, and the matched text, the alias and the candidate entities are
/// looked up when asked for (the alias and entities are shared by every mention of a
/// pattern). Like a spaCy `Span` it keeps its document alive. It is not tracked by the
/// cycle collector: nothing it holds leads back to it.
#[pyclass(module = "presswork", name = "Mention", frozen)]
pub(crate) struct PyMention {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    /// The text this mention lies in, and the offset of that text's first character
    /// (0 for a whole document; `start` for a mention made from its own text).
    document: Py<PyString>,
    base: usize,
    /// What matched: the alias as written in the gazetteer, and every entity it may
    /// refer to (more than one: ambiguous).
    target: Target,
}

/// What a mention is of.
enum Target {
    /// A pattern of a matcher, looked up on demand.
    Pattern(Py<PyEntityMatcher>, PatternIndex),
    /// As given to the constructor.
    Given(PatternObjects),
}

/// A pattern's alias as written in the gazetteer and its candidate entities.
struct PatternObjects {
    alias: Py<PyString>,
    entities: Py<PyTuple>,
}

impl PyMention {
    /// A mention of `document[start:end]`, untracked by the cycle collector.
    fn create(
        py: Python<'_>,
        start: usize,
        end: usize,
        document: Py<PyString>,
        target: Target,
    ) -> PyResult<Py<PyMention>> {
        let mention = Py::new(
            py,
            PyMention {
                start,
                end,
                document,
                base: 0,
                target,
            },
        )?;
        // SAFETY: the object is alive and fully initialised. It holds a string and a
        // matcher or a tuple of a string and entities, none of which holds a mention, so
        // it can never be part of a reference cycle: the case in which CPython allows
        // untracking (as it does for tuples of atoms).
        unsafe { ffi::PyObject_GC_UnTrack(mention.as_ptr().cast()) };
        Ok(mention)
    }

    fn text<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        let (start, end) = (self.start - self.base, self.end - self.base);
        // SAFETY: `document` is a live str; PyUnicode_Substring returns a new reference
        // or NULL with an exception set.
        unsafe {
            Bound::from_owned_ptr_or_err(
                py,
                ffi::PyUnicode_Substring(
                    self.document.as_ptr(),
                    start as ffi::Py_ssize_t,
                    end as ffi::Py_ssize_t,
                ),
            )?
            .cast_into::<PyString>()
            .map_err(Into::into)
        }
    }

    /// Calls `f` with the alias and entities.
    fn with_target<'py, T>(&self, py: Python<'py>, f: impl FnOnce(&PatternObjects) -> T) -> PyResult<T> {
        match &self.target {
            Target::Pattern(matcher, pattern) => Ok(f(matcher.get().pattern_objects(py, *pattern)?)),
            Target::Given(objects) => Ok(f(objects)),
        }
    }

    fn alias<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        self.with_target(py, |o| o.alias.bind(py).clone())
    }

    fn entities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        self.with_target(py, |o| o.entities.bind(py).clone())
    }

    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        (
            self.start,
            self.end,
            self.text(py)?,
            self.alias(py)?,
            self.entities(py)?,
        )
            .into_pyobject(py)
    }

    /// The one entity, or `None` when the alias is ambiguous.
    fn single<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyEntity>>> {
        let entities = self.entities(py)?;
        if entities.len() == 1 {
            Ok(Some(entities.get_item(0)?.cast_into::<PyEntity>()?))
        } else {
            Ok(None)
        }
    }
}

#[pymethods]
impl PyMention {
    #[new]
    fn new(
        py: Python<'_>,
        start: usize,
        end: usize,
        text: Py<PyString>,
        alias: Py<PyString>,
        entities: Py<PyTuple>,
    ) -> PyResult<Self> {
        let length = text.bind(py).len()?;
        if end < start || end - start != length {
            return Err(value_error(
                py,
                format!("a mention of {start}..{end} cannot have a text of {length} characters"),
            ));
        }
        Ok(PyMention {
            start,
            end,
            document: text,
            base: start,
            target: Target::Given(PatternObjects { alias, entities }),
        })
    }

    /// The text matched: `document[start:end]`.
    #[getter(text)]
    fn get_text<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        self.text(py)
    }

    /// The gazetteer alias that matched, as written there.
    #[getter(alias)]
    fn get_alias<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        self.alias(py)
    }

    /// Every entity the alias may refer to (more than one: ambiguous).
    #[getter(entities)]
    fn get_entities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        self.entities(py)
    }

    /// The entity mentioned, or `None` when the alias is ambiguous (see `entities`).
    #[getter]
    fn entity<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyEntity>>> {
        self.single(py)
    }

    /// The entity's id (`None` when ambiguous).
    #[getter]
    fn entity_id(&self, py: Python<'_>) -> PyResult<Option<Py<PyString>>> {
        Ok(self.single(py)?.map(|e| e.get().id().clone_ref(py)))
    }

    /// The entity's display name (`None` when ambiguous).
    #[getter]
    fn name(&self, py: Python<'_>) -> PyResult<Option<Py<PyString>>> {
        Ok(self.single(py)?.map(|e| e.get().name().clone_ref(py)))
    }

    /// The entity's type (`None` when ambiguous or untyped).
    #[getter(r#type)]
    fn kind(&self, py: Python<'_>) -> PyResult<Option<Py<PyString>>> {
        Ok(self
            .single(py)?
            .and_then(|e| e.get().kind().map(|k| k.clone_ref(py))))
    }

    /// The entity's extra fields (empty when ambiguous).
    #[getter]
    fn extra<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        match self.single(py)? {
            Some(entity) => entity.get().extra_copy(py),
            None => Ok(PyDict::new(py)),
        }
    }

    /// True when the alias belongs to several entities.
    #[getter]
    fn ambiguous(&self, py: Python<'_>) -> PyResult<bool> {
        Ok(self.entities(py)?.len() > 1)
    }

    /// The ids of every candidate entity.
    #[getter]
    fn candidates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let ids = self
            .entities(py)?
            .iter()
            .map(|e| Ok(e.cast_into::<PyEntity>()?.get().id().clone_ref(py)))
            .collect::<PyResult<Vec<_>>>()?;
        PyTuple::new(py, ids)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let target = match self.single(py)? {
            Some(entity) => format!("entity_id={}", entity.get().id().bind(py).repr()?),
            None => format!("candidates={}", self.candidates(py)?.repr()?),
        };
        Ok(format!(
            "Mention(start={}, end={}, text={}, {target})",
            self.start,
            self.end,
            self.text(py)?.repr()?
        ))
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<PyMention>() {
            Ok(other) => super::spans::compare(py, self.fields(py)?, other.get().fields(py)?, op),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        (self.start, self.end, self.text(py)?).into_pyobject(py)?.hash()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        (slf.get_type(), slf.get().fields(slf.py())?).into_pyobject(slf.py())
    }
}

/// Finds mentions of a gazetteer's entities in text (Aho-Corasick over every alias).
#[pyclass(module = "presswork", name = "EntityMatcher", frozen)]
pub(crate) struct PyEntityMatcher {
    inner: Arc<EntityMatcher>,
    gazetteer: Py<PyGazetteer>,
    /// Each pattern's alias and entities, made on first use.
    patterns: Vec<PyOnceLock<PatternObjects>>,
}

impl PyEntityMatcher {
    /// The core matcher, shared with the quote extractors built on it.
    pub(crate) fn core(&self) -> &Arc<EntityMatcher> {
        &self.inner
    }

    /// The gazetteer object this matcher was built from.
    pub(crate) fn gazetteer_object(&self) -> &Py<PyGazetteer> {
        &self.gazetteer
    }

    /// The alias and entities of a pattern, made on first use.
    fn pattern_objects(&self, py: Python<'_>, pattern: PatternIndex) -> PyResult<&PatternObjects> {
        self.patterns[pattern as usize].get_or_try_init(py, || {
            let gazetteer = self.gazetteer.bind(py).get();
            let entities = self
                .inner
                .candidates(pattern)
                .iter()
                .map(|&e| gazetteer.entity_object(py, e).cloned())
                .collect::<PyResult<Vec<_>>>()?;
            Ok(PatternObjects {
                alias: PyString::new(py, self.inner.alias(pattern)).unbind(),
                entities: PyTuple::new(py, entities)?.unbind(),
            })
        })
    }

    fn mention_list<'py>(
        slf: &Bound<'py, Self>,
        document: &Bound<'py, PyAny>,
        text: &str,
        mentions: &[Mention],
    ) -> PyResult<Bound<'py, PyList>> {
        let py = document.py();
        let document = document.cast::<PyString>()?;
        let mut cursor = CodePointCursor::new(text);
        let overlapping = slf.get().inner.options().overlapping;
        let objects = mentions
            .iter()
            .map(|m| {
                if overlapping {
                    // Ends are not in order when matches overlap: convert from the start.
                    cursor = CodePointCursor::new(text);
                }
                let start = cursor.advance_to(m.span.start);
                let end = cursor.advance_to(m.span.end);
                let target = Target::Pattern(slf.clone().unbind(), m.pattern);
                PyMention::create(py, start, end, document.clone().unbind(), target)
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, objects)
    }
}

#[pymethods]
impl PyEntityMatcher {
    #[new]
    #[pyo3(signature = (gazetteer, *, case_sensitive = false, normalize_punctuation = true, normalize_spaces = true, whole_words = true, overlapping = false))]
    fn new(
        py: Python<'_>,
        gazetteer: Py<PyGazetteer>,
        case_sensitive: bool,
        normalize_punctuation: bool,
        normalize_spaces: bool,
        whole_words: bool,
        overlapping: bool,
    ) -> PyResult<Self> {
        let options = MatchOptions {
            case_sensitive,
            normalize_punctuation,
            normalize_spaces,
            whole_words,
            overlapping,
        };
        let core = gazetteer.bind(py).get().core().clone();
        let inner = py
            .detach(|| EntityMatcher::new(core, options))
            .map_err(|e| value_error(py, e.to_string()))?;
        let patterns = (0..inner.pattern_count()).map(|_| PyOnceLock::new()).collect();
        Ok(PyEntityMatcher {
            inner: Arc::new(inner),
            gazetteer,
            patterns,
        })
    }

    /// The gazetteer this matcher was built from.
    #[getter]
    fn gazetteer(&self, py: Python<'_>) -> Py<PyGazetteer> {
        self.gazetteer.clone_ref(py)
    }

    #[getter]
    fn case_sensitive(&self) -> bool {
        self.inner.options().case_sensitive
    }

    #[getter]
    fn normalize_punctuation(&self) -> bool {
        self.inner.options().normalize_punctuation
    }

    #[getter]
    fn normalize_spaces(&self) -> bool {
        self.inner.options().normalize_spaces
    }

    #[getter]
    fn whole_words(&self) -> bool {
        self.inner.options().whole_words
    }

    #[getter]
    fn overlapping(&self) -> bool {
        self.inner.options().overlapping
    }

    /// Number of patterns: distinct aliases after folding.
    #[getter]
    fn pattern_count(&self) -> usize {
        self.inner.pattern_count()
    }

    /// Heap bytes held by the automaton.
    #[getter]
    fn automaton_memory(&self) -> usize {
        self.inner.automaton_memory()
    }

    /// Mentions in `text`, in document order. The GIL is released for texts of
    /// [`DETACH_BYTES`] and more.
    fn find<'py>(slf: &Bound<'py, Self>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let py = text.py();
        let matcher = &slf.get().inner;
        with_text(text, Origin::Argument, |utf8| {
            // Taken out while in use: making the objects may run Python code (a
            // collection's finalizers) that calls `find` again on this thread.
            let mut mentions = FOUND.take();
            if utf8.len() >= DETACH_BYTES {
                py.detach(|| matcher.find_into(utf8, &mut mentions));
            } else {
                matcher.find_into(utf8, &mut mentions);
            }
            let list = Self::mention_list(slf, text, utf8, &mentions);
            if mentions.capacity() <= FOUND_KEPT {
                FOUND.set(mentions);
            }
            list
        })
    }

    /// Mentions of many documents, found in parallel with the GIL released.
    fn find_batch<'py>(slf: &Bound<'py, Self>, texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let py = texts.py();
        let objects = collect_texts(texts)?;
        let utf8 = utf8_all(py, &borrow_all(&objects)?)?;
        let strs: Vec<&str> = utf8.iter().map(|text| &**text).collect();
        let matcher = &slf.get().inner;
        let found = py.detach(|| matcher.find_batch(&strs));
        let lists = objects
            .iter()
            .zip(&strs)
            .zip(&found)
            .map(|((object, text), mentions)| Self::mention_list(slf, object, text, mentions))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, lists)
    }

    /// Mentions of many documents as numpy int64 columns: `document`, `start`, `end`
    /// (code points), `pattern` and `entity` (the entity's index in the gazetteer, -1
    /// when the alias is ambiguous). Found in parallel with the GIL released.
    fn mention_columns<'py>(&self, texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
        let py = texts.py();
        let objects = collect_texts(texts)?;
        let texts = borrow_all(&objects)?;
        let matcher = &self.inner;
        let overlapping = matcher.options().overlapping;
        let built = py.detach(|| {
            Columns::build(
                ["document", "start", "end", "pattern", "entity"],
                &texts,
                BYTES_PER_RESERVED_MENTION,
                Vec::new,
                |mentions, document, text, columns| {
                    matcher.find_into(text, mentions);
                    let mut cursor = CodePointCursor::new(text);
                    for mention in mentions.iter() {
                        if overlapping {
                            // Ends are not in order when matches overlap.
                            cursor = CodePointCursor::new(text);
                        }
                        let start = cursor.advance_to(mention.span.start) as i64;
                        let end = cursor.advance_to(mention.span.end) as i64;
                        columns.push([document, start, end, i64::from(mention.pattern), 0]);
                    }
                },
            )
        });
        // The entity of each row's pattern, in one pass after the scan: the look-ups
        // are independent of each other, so their cache misses overlap.
        let built = built.map(|mut columns| {
            columns.derive("pattern", "entity", |pattern| {
                match matcher.candidates(pattern as PatternIndex) {
                    [one] => i64::from(*one),
                    _ => -1,
                }
            });
            columns
        });
        Columns::dict_or_err(py, built)
    }

    /// For each pattern index: the alias as written and the indices of its candidate
    /// entities in the gazetteer. Used by the DataFrame helpers.
    fn _pattern_table(
        &self,
        py: Python<'_>,
        patterns: Vec<PatternIndex>,
    ) -> PyResult<(Vec<String>, Vec<Vec<EntityIndex>>)> {
        let mut aliases = Vec::with_capacity(patterns.len());
        let mut candidates = Vec::with_capacity(patterns.len());
        for pattern in patterns {
            if pattern as usize >= self.inner.pattern_count() {
                return Err(value_error(py, format!("no pattern {pattern}")));
            }
            aliases.push(self.inner.alias(pattern).to_string());
            candidates.push(self.inner.candidates(pattern).to_vec());
        }
        Ok((aliases, candidates))
    }

    /// A pandas DataFrame, one row per mention (see `presswork.frames`).
    #[pyo3(signature = (texts, *, keys = None))]
    fn mentions_frame<'py>(
        slf: &Bound<'py, Self>,
        texts: &Bound<'py, PyAny>,
        keys: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let frames = slf.py().import("presswork.frames")?;
        frames.call_method1("mentions_frame", (slf, texts, keys))
    }

    /// Mentions per entity per document, as a DataFrame (see `presswork.frames`).
    #[pyo3(signature = (texts, *, keys = None))]
    fn count<'py>(
        slf: &Bound<'py, Self>,
        texts: &Bound<'py, PyAny>,
        keys: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let frames = slf.py().import("presswork.frames")?;
        frames.call_method1("count_mentions", (slf, texts, keys))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let o = self.inner.options();
        let flag = |b: bool| if b { "True" } else { "False" };
        Ok(format!(
            "EntityMatcher({}, case_sensitive={}, normalize_punctuation={}, normalize_spaces={}, whole_words={}, overlapping={})",
            self.gazetteer.bind(py).repr()?,
            flag(o.case_sensitive),
            flag(o.normalize_punctuation),
            flag(o.normalize_spaces),
            flag(o.whole_words),
            flag(o.overlapping)
        ))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let o = *slf.get().inner.options();
        let kwargs = PyDict::new(py);
        kwargs.set_item("case_sensitive", o.case_sensitive)?;
        kwargs.set_item("normalize_punctuation", o.normalize_punctuation)?;
        kwargs.set_item("normalize_spaces", o.normalize_spaces)?;
        kwargs.set_item("whole_words", o.whole_words)?;
        kwargs.set_item("overlapping", o.overlapping)?;
        let partial = py.import("functools")?.getattr("partial")?;
        let constructor = partial.call((slf.get_type(),), Some(&kwargs))?;
        (constructor, (slf.get().gazetteer.clone_ref(py),)).into_pyobject(py)
    }
}
