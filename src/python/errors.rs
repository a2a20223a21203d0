//! The package's exceptions, made once at import and raised from one place.
//!
//! `PressworkError` is the base; `PressworkTypeError` and `PressworkValueError` also
//! derive from the built-in `TypeError` and `ValueError`, so callers can catch either.

use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

static TYPE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static VALUE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

const MODULE: &str = "presswork._core";

/// Creates the exception classes and adds them to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let base = new_class(
        py,
        "PressworkError",
        &[py.get_type::<PyException>()],
        "Base class of every error presswork raises itself.",
    )?;
    let type_error = new_class(
        py,
        "PressworkTypeError",
        &[base.clone(), py.get_type::<PyTypeError>()],
        "An argument (or a batch item) has the wrong type; the message names it.",
    )?;
    let value_error = new_class(
        py,
        "PressworkValueError",
        &[base.clone(), py.get_type::<PyValueError>()],
        "An argument (or a batch item) has an unusable value; the message names it.",
    )?;
    m.add("PressworkError", base)?;
    m.add("PressworkTypeError", type_error)?;
    m.add("PressworkValueError", value_error)?;
    Ok(())
}

fn new_class<'py>(
    py: Python<'py>,
    name: &str,
    bases: &[Bound<'py, PyType>],
    doc: &str,
) -> PyResult<Bound<'py, PyType>> {
    let namespace = PyDict::new(py);
    namespace.set_item("__module__", "presswork")?;
    namespace.set_item("__doc__", doc)?;
    let bases = PyTuple::new(py, bases)?;
    Ok(py
        .get_type::<PyType>()
        .call1((name, bases, namespace))?
        .cast_into::<PyType>()?)
}

/// A `PressworkTypeError` with `message`.
pub(crate) fn type_error(py: Python<'_>, message: String) -> PyErr {
    match TYPE_ERROR.import(py, MODULE, "PressworkTypeError") {
        Ok(class) => PyErr::from_type(class.clone(), message),
        Err(err) => err,
    }
}

/// A `PressworkValueError` with `message`.
pub(crate) fn value_error(py: Python<'_>, message: String) -> PyErr {
    match VALUE_ERROR.import(py, MODULE, "PressworkValueError") {
        Ok(class) => PyErr::from_type(class.clone(), message),
        Err(err) => err,
    }
}

/// `object` as the presswork class `T` (`expected`, as the user writes it: `Splitter`),
/// or the `TypeError` that names the argument and what it was instead.
pub(crate) fn cast_argument<'a, 'py, T: pyo3::type_object::PyTypeCheck>(
    object: &'a Bound<'py, PyAny>,
    argument: &str,
    expected: &str,
) -> PyResult<&'a Bound<'py, T>> {
    object.cast::<T>().map_err(|_| {
        let name = object
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default();
        type_error(
            object.py(),
            format!("{argument} must be a presswork.{expected}, not {name}"),
        )
    })
}
