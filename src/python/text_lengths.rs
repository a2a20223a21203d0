//! `_text_lengths`: the length of every text of a list in one loop, for
//! `presswork._documents`, which cuts the input into chunks by code points. It runs
//! before the analysis starts, on one core: for 8,500 news articles,
//! `np.fromiter(map(len, values))` took 0.5 ms on a warm list (1.0–1.3 ms inside
//! `Pipeline.analyze`), this loop 0.1 ms (0.4 ms on its first call).

use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

/// The length in code points of each item of `values`, as numpy int64; 0 for an item
/// that is not a `str` (a missing document, or one the analysis will refuse).
#[pyfunction]
#[pyo3(name = "_text_lengths")]
pub(crate) fn text_lengths<'py>(values: &Bound<'py, PyList>) -> PyResult<Bound<'py, PyArray1<i64>>> {
    let mut lengths = Vec::with_capacity(values.len());
    for item in values.iter() {
        let length = match item.cast::<PyString>() {
            Ok(text) => text.len()?,
            Err(_) => 0,
        };
        lengths.push(length as i64);
    }
    Ok(lengths.into_pyarray(values.py()))
}
