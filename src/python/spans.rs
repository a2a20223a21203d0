//! `Span` (a paragraph) and `Sentence`: small frozen result objects with code-point
//! offsets, equality, hashing, tuple unpacking and pickling.

use pyo3::prelude::*;
use pyo3::pyclass::CompareOp;
use pyo3::types::{PyString, PyTuple};
use pyo3::IntoPyObjectExt;

/// A paragraph: `text[start:end] == span.text`; offsets are code points.
#[pyclass(module = "presswork", name = "Span", frozen)]
pub(crate) struct PySpan {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: Py<PyString>,
}

impl PySpan {
    pub(crate) fn from_slice(py: Python<'_>, start: usize, end: usize, text: &str) -> PySpan {
        PySpan {
            start,
            end,
            text: PyString::new(py, text).unbind(),
        }
    }

    /// A span whose text is already a Python string.
    pub(crate) fn from_py(start: usize, end: usize, text: Py<PyString>) -> PySpan {
        PySpan { start, end, text }
    }

    /// The span's text.
    pub(crate) fn text(&self) -> &Py<PyString> {
        &self.text
    }

    fn fields<'py>(&self, py: Python<'py>) -> (usize, usize, &Bound<'py, PyString>) {
        (self.start, self.end, self.text.bind(py))
    }
}

#[pymethods]
impl PySpan {
    #[new]
    fn new(start: usize, end: usize, text: Py<PyString>) -> PySpan {
        PySpan { start, end, text }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = self.text.bind(py).repr()?;
        Ok(format!(
            "Span(start={}, end={}, text={})",
            self.start, self.end, text
        ))
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<PySpan>() {
            Ok(other) => compare(py, self.fields(py), other.get().fields(py), op),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        self.fields(py).into_pyobject(py)?.hash()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.fields(py).into_pyobject(py)?.as_any().try_iter()?.into_any())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        (slf.get_type(), slf.get().fields(slf.py())).into_pyobject(slf.py())
    }
}

/// `==` and `!=` by comparing field tuples; other comparisons are not supported.
pub(crate) fn compare<'py, T>(py: Python<'py>, left: T, right: T, op: CompareOp) -> PyResult<Py<PyAny>>
where
    T: IntoPyObject<'py>,
{
    let left = left.into_bound_py_any(py)?;
    let right = right.into_bound_py_any(py)?;
    match op {
        CompareOp::Eq | CompareOp::Ne => Ok(left.rich_compare(right, op)?.unbind()),
        _ => Ok(py.NotImplemented()),
    }
}

/// A sentence: its span in code points and the index of its paragraph.
#[pyclass(module = "presswork", name = "Sentence", frozen)]
pub(crate) struct PySentence {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: Py<PyString>,
    #[pyo3(get)]
    paragraph: usize,
}

impl PySentence {
    pub(crate) fn from_slice(
        py: Python<'_>,
        start: usize,
        end: usize,
        text: &str,
        paragraph: usize,
    ) -> PySentence {
        PySentence {
            start,
            end,
            text: PyString::new(py, text).unbind(),
            paragraph,
        }
    }

    fn fields<'py>(&self, py: Python<'py>) -> (usize, usize, &Bound<'py, PyString>, usize) {
        (self.start, self.end, self.text.bind(py), self.paragraph)
    }
}

#[pymethods]
impl PySentence {
    #[new]
    fn new(start: usize, end: usize, text: Py<PyString>, paragraph: usize) -> PySentence {
        PySentence {
            start,
            end,
            text,
            paragraph,
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = self.text.bind(py).repr()?;
        Ok(format!(
            "Sentence(start={}, end={}, text={}, paragraph={})",
            self.start, self.end, text, self.paragraph
        ))
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<PySentence>() {
            Ok(other) => compare(py, self.fields(py), other.get().fields(py), op),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        self.fields(py).into_pyobject(py)?.hash()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.fields(py).into_pyobject(py)?.as_any().try_iter()?.into_any())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        (slf.get_type(), slf.get().fields(slf.py())).into_pyobject(slf.py())
    }
}
