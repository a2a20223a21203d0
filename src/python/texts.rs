//! Python text in, borrowed UTF-8 out, and code-point offsets back.

use std::os::raw::c_char;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyString};

use super::errors::{type_error, value_error};
use crate::text::{CodePointCursor, Span};

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

/// Borrows the UTF-8 form of a Python `str` (CPython caches it in the object, so this
/// copies nothing for ASCII text and at most once per string otherwise). Refuses
/// non-`str` objects with a `TypeError` and lone surrogates with a `ValueError`,
/// both naming `origin`.
pub(crate) fn borrow_str<'a>(object: &'a Bound<'_, PyAny>, origin: Origin) -> PyResult<&'a str> {
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

/// Borrows every item of `objects` as `str`, naming the first bad one.
pub(crate) fn borrow_all<'a>(objects: &'a [Bound<'_, PyAny>]) -> PyResult<Vec<&'a str>> {
    objects
        .iter()
        .enumerate()
        .map(|(n, object)| borrow_str(object, Origin::Item(n)))
        .collect()
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
