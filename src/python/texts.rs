//! Python text in, UTF-8 for the core, and code-point offsets back.

use std::borrow::Cow;
use std::cell::Cell;
use std::os::raw::c_char;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyString};
use rayon::prelude::*;

use super::errors::{type_error, value_error};
use crate::text::{transcode, CodePointCursor, Span};

unsafe extern "C" {
    // Part of CPython's public C API on every version presswork supports, and of the
    // stable ABI since 3.10. PyO3 hides it when building an abi3 wheel for 3.9, which
    // would force a copy of every document; the symbol is exported by 3.9 all the same.
    fn PyUnicode_AsUTF8AndSize(unicode: *mut ffi::PyObject, size: *mut ffi::Py_ssize_t) -> *const c_char;
}

/// Where a text came from, for error messages.
#[derive(Clone, Copy)]
pub(crate) enum Origin {
    /// The single `text` argument.
    Argument,
    /// Item `n` of a batch.
    Item(usize),
}

impl Origin {
    fn describe(self) -> String {
        match self {
            Origin::Argument => "text".to_string(),
            Origin::Item(n) => format!("texts[{n}]"),
        }
    }
}

/// A Python `str`'s text, borrowed from the object for as long as it lives.
///
/// Non-ASCII text stays in CPython's own fixed-width storage (PEP 393) until a
/// document is about to be processed: [`PyText::with_utf8`] then transcodes it into a
/// buffer the thread reuses. Asking CPython for the UTF-8 form instead would be slower
/// and would leave a UTF-8 copy inside every `str` object for the rest of its life.
/// ASCII text, already valid UTF-8, is used in place. The slices are plain data, so a
/// batch of `PyText`s crosses into rayon's threads with the GIL released; `str`
/// objects are immutable, so their storage cannot change meanwhile.
#[derive(Clone, Copy, Debug)]
pub(crate) enum PyText<'a> {
    /// ASCII text, or (abi3 builds) the UTF-8 form CPython keeps in the object.
    Utf8(&'a str),
    /// One byte per code point, some of them above U+007F.
    #[cfg_attr(feature = "abi3", allow(dead_code))]
    Latin1(&'a [u8]),
    /// Two bytes per code point (lone surrogates are found while transcoding).
    #[cfg_attr(feature = "abi3", allow(dead_code))]
    Ucs2(&'a [u16]),
    /// Four bytes per code point (lone surrogates are found while transcoding).
    #[cfg_attr(feature = "abi3", allow(dead_code))]
    Ucs4(&'a [u32]),
}

/// A lone surrogate (U+D800–U+DFFF) at this code-point index: a `str` can hold one,
/// UTF-8 cannot.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LoneSurrogate {
    index: usize,
    unit: u32,
}

impl LoneSurrogate {
    /// The `ValueError` that names the text and the surrogate's place.
    pub(crate) fn into_err(self, py: Python<'_>, origin: Origin) -> PyErr {
        value_error(py, self.message(origin))
    }

    /// What is wrong, naming the text and the surrogate's place.
    pub(crate) fn message(self, origin: Origin) -> String {
        format!(
            "{} cannot be encoded as UTF-8: lone surrogate U+{:04X} at index {}",
            origin.describe(),
            self.unit,
            self.index
        )
    }
}

thread_local! {
    /// The UTF-8 buffer [`PyText::with_utf8`] transcodes into on this thread.
    static SCRATCH: Cell<String> = const { Cell::new(String::new()) };
}

/// A scratch buffer grown past this (by a gigantic document) is freed after use
/// rather than kept for the thread's lifetime.
const SCRATCH_KEPT_BYTES: usize = 16 << 20;

impl<'a> PyText<'a> {
    /// Runs `f` on the text as UTF-8: in place when it already is, otherwise
    /// transcoded into this thread's scratch buffer (no allocation once warm), which
    /// reads the `str` once and finds any lone surrogate on the way.
    pub(crate) fn with_utf8<R>(self, f: impl FnOnce(&str) -> R) -> Result<R, LoneSurrogate> {
        if let PyText::Utf8(text) = self {
            return Ok(f(text));
        }
        let mut buffer = SCRATCH.take();
        buffer.clear();
        let result = self.push_utf8(&mut buffer).map(|()| f(&buffer));
        if buffer.capacity() <= SCRATCH_KEPT_BYTES {
            SCRATCH.set(buffer);
        }
        result
    }

    /// The text as UTF-8: borrowed when it already is, otherwise a new transcoded copy
    /// (for results that must outlive one call, such as sentence objects of a batch).
    pub(crate) fn to_utf8(self) -> Result<Cow<'a, str>, LoneSurrogate> {
        match self {
            PyText::Utf8(text) => Ok(Cow::Borrowed(text)),
            _ => {
                let mut owned = String::new();
                self.push_utf8(&mut owned)?;
                Ok(Cow::Owned(owned))
            }
        }
    }

    /// Length in bytes of UTF-8 text, in code points otherwise: near enough the UTF-8
    /// length of news text to reserve output rows by.
    pub(crate) fn size_hint(self) -> usize {
        match self {
            PyText::Utf8(text) => text.len(),
            PyText::Latin1(units) => units.len(),
            PyText::Ucs2(units) => units.len(),
            PyText::Ucs4(units) => units.len(),
        }
    }

    fn push_utf8(self, out: &mut String) -> Result<(), LoneSurrogate> {
        match self {
            PyText::Utf8(text) => out.push_str(text),
            PyText::Latin1(units) => transcode::push_latin1(out, units),
            PyText::Ucs2(units) => transcode::push_ucs2(out, units).map_err(|index| LoneSurrogate {
                index,
                unit: u32::from(units[index]),
            })?,
            PyText::Ucs4(units) => transcode::push_ucs4(out, units).map_err(|index| LoneSurrogate {
                index,
                unit: units[index],
            })?,
        }
        Ok(())
    }
}

/// Borrows the text of a Python `str`. Refuses non-`str` objects with a `TypeError`
/// naming `origin`. (Lone surrogates, which have no UTF-8 form, are found when the text
/// is transcoded: see [`LoneSurrogate`].)
pub(crate) fn borrow_text<'a>(object: &'a Bound<'_, PyAny>, origin: Origin) -> PyResult<PyText<'a>> {
    let py = object.py();
    let Ok(string) = object.cast::<PyString>() else {
        let kind = if object.is_none() {
            "None (a missing document?)".to_string()
        } else if object.cast::<PyFloat>().is_ok_and(|f| f.value().is_nan()) {
            "NaN (a missing document?)".to_string()
        } else {
            format!("of type {}", object.get_type().name()?)
        };
        return Err(type_error(
            py,
            format!("{} is {kind}; expected str", origin.describe()),
        ));
    };
    #[cfg(not(feature = "abi3"))]
    if let Some(text) = stored_units(string) {
        return Ok(text);
    }
    utf8_form(string, origin).map(PyText::Utf8)
}

/// The string's PEP 393 storage, or `None` when CPython cannot give it (a legacy
/// string that fails to become ready), in which case the UTF-8 form is used.
#[cfg(not(feature = "abi3"))]
fn stored_units<'a>(string: &'a Bound<'_, PyString>) -> Option<PyText<'a>> {
    use pyo3::types::string::PyStringData;
    // SAFETY: the slices point into the immutable `str`, which outlives `'a`; they
    // are only read as the kind CPython reports.
    let data = unsafe { string.data() };
    // A failure (a legacy string that cannot become ready) comes back as the fetched
    // exception: drop it and use the UTF-8 form.
    let Ok(data) = data.map_err(drop) else {
        return None;
    };
    Some(match data {
        PyStringData::Ucs1(units) => {
            // SAFETY: `string` is a live, ready `str` (data() made it ready).
            if unsafe { ffi::PyUnicode_IS_ASCII(string.as_ptr()) } != 0 {
                // SAFETY: ASCII bytes are valid UTF-8.
                PyText::Utf8(unsafe { std::str::from_utf8_unchecked(units) })
            } else {
                PyText::Latin1(units)
            }
        }
        PyStringData::Ucs2(units) => PyText::Ucs2(units),
        PyStringData::Ucs4(units) => PyText::Ucs4(units),
    })
}

/// The UTF-8 form CPython builds and caches in the object.
fn utf8_form<'a>(string: &'a Bound<'_, PyString>, origin: Origin) -> PyResult<&'a str> {
    let py = string.py();
    let mut size: ffi::Py_ssize_t = 0;
    // SAFETY: `string` is a live `str`; the returned buffer is owned by it and lives as
    // long as the object, which outlives the borrow `'a`.
    let data = unsafe { PyUnicode_AsUTF8AndSize(string.as_ptr(), &mut size) };
    if data.is_null() {
        let cause = PyErr::take(py).map(|e| e.to_string()).unwrap_or_default();
        return Err(value_error(
            py,
            format!(
                "{} cannot be encoded as UTF-8 (lone surrogate?): {cause}",
                origin.describe()
            ),
        ));
    }
    // SAFETY: CPython returned a valid UTF-8 buffer of `size` bytes (it checked for
    // surrogates while encoding).
    unsafe {
        let bytes = std::slice::from_raw_parts(data.cast::<u8>(), size as usize);
        Ok(std::str::from_utf8_unchecked(bytes))
    }
}

/// Collects an iterable of texts (refusing a lone `str`, which would iterate by
/// character) into owned references.
pub(crate) fn collect_texts<'py>(texts: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let py = texts.py();
    if texts.is_instance_of::<PyString>() {
        return Err(type_error(
            py,
            "texts must be an iterable of str, not a str (wrap one text in a list)".to_string(),
        ));
    }
    let iterator = texts.try_iter().map_err(|_| {
        let name = texts.get_type().name().map(|n| n.to_string()).unwrap_or_default();
        type_error(py, format!("texts must be an iterable of str, not {name}"))
    })?;
    iterator.collect()
}

/// Borrows every item of `objects` as text, naming the first bad one.
pub(crate) fn borrow_all<'a>(objects: &'a [Bound<'_, PyAny>]) -> PyResult<Vec<PyText<'a>>> {
    objects
        .iter()
        .enumerate()
        .map(|(n, object)| borrow_text(object, Origin::Item(n)))
        .collect()
}

/// Every text as UTF-8, transcoded in parallel with the GIL released; a lone surrogate
/// is reported for the first text that has one.
pub(crate) fn utf8_all<'a>(py: Python<'_>, texts: &[PyText<'a>]) -> PyResult<Vec<Cow<'a, str>>> {
    let converted: Vec<_> = py.detach(|| texts.par_iter().map(|text| text.to_utf8()).collect());
    converted
        .into_iter()
        .enumerate()
        .map(|(n, text)| text.map_err(|e| e.into_err(py, Origin::Item(n))))
        .collect()
}

/// Runs `f` on the UTF-8 text of `object` (see [`PyText::with_utf8`]), turning a wrong
/// type or a lone surrogate into a Python exception that names `origin`.
pub(crate) fn with_text<R>(
    object: &Bound<'_, PyAny>,
    origin: Origin,
    f: impl FnOnce(&str) -> PyResult<R>,
) -> PyResult<R> {
    borrow_text(object, origin)?
        .with_utf8(f)
        .map_err(|e| e.into_err(object.py(), origin))?
}

/// Converts byte spans (in document order) to code-point `(start, end)` pairs.
pub(crate) fn code_point_spans(text: &str, spans: impl Iterator<Item = Span>) -> Vec<(usize, usize)> {
    let mut cursor = CodePointCursor::new(text);
    spans
        .map(|span| {
            let start = cursor.advance_to(span.start);
            (start, cursor.advance_to(span.end))
        })
        .collect()
}
