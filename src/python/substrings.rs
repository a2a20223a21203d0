//! `_substrings`: many slices of many Python strings in one call, for the DataFrame
//! helpers: 3.5 times faster than a Python loop over `text[start:end]` (four columns of
//! 60k quotes: 24 ms against 84 ms).

use numpy::PyReadonlyArray1;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use super::errors::value_error;

/// `[texts[d][s:e] for d, s, e in zip(documents, starts, ends)]`, with `None` where `s`
/// is negative; offsets are code points. The slices are made by CPython
/// (`PyUnicode_Substring`) straight from the strings' storage.
#[pyfunction]
#[pyo3(name = "_substrings")]
pub(crate) fn substrings<'py>(
    texts: &Bound<'py, PyList>,
    documents: PyReadonlyArray1<'py, i64>,
    starts: PyReadonlyArray1<'py, i64>,
    ends: PyReadonlyArray1<'py, i64>,
) -> PyResult<Bound<'py, PyList>> {
    let py = texts.py();
    let (documents, starts, ends) = (documents.as_slice()?, starts.as_slice()?, ends.as_slice()?);
    if documents.len() != starts.len() || starts.len() != ends.len() {
        return Err(value_error(
            py,
            "documents, starts and ends differ in length".to_string(),
        ));
    }
    let strings: Vec<Bound<'py, PyString>> = texts
        .iter()
        .map(|t| t.cast_into::<PyString>().map_err(Into::into))
        .collect::<PyResult<_>>()?;
    let mut out: Vec<Bound<'py, PyAny>> = Vec::with_capacity(documents.len());
    for ((&d, &s), &e) in documents.iter().zip(starts).zip(ends) {
        if s < 0 {
            out.push(py.None().into_bound(py));
            continue;
        }
        let text = strings
            .get(usize::try_from(d).unwrap_or(usize::MAX))
            .ok_or_else(|| value_error(py, format!("document index {d} out of range")))?;
        out.push(substring(text, s as usize, e as usize)?.into_any());
    }
    PyList::new(py, out)
}

/// `text[start:end]` (code points), made by CPython from the string's storage.
pub(crate) fn substring<'py>(
    text: &Bound<'py, PyString>,
    start: usize,
    end: usize,
) -> PyResult<Bound<'py, PyString>> {
    // SAFETY: `text` is a live str; PyUnicode_Substring returns a new reference or NULL
    // with an exception set (it clamps the bounds to the string).
    unsafe {
        Bound::from_owned_ptr_or_err(
            text.py(),
            ffi::PyUnicode_Substring(text.as_ptr(), start as ffi::Py_ssize_t, end as ffi::Py_ssize_t),
        )?
        .cast_into::<PyString>()
        .map_err(Into::into)
    }
}
