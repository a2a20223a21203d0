//! Texts read straight from an Arrow string array: pandas' default string dtype (and
//! `pd.ArrowDtype(pa.string())`) keeps a Series' texts as Arrow's offsets and UTF-8
//! bytes, so the core can borrow them there instead of asking pandas for a Python `str`
//! per document (a second copy of the corpus, made on one core).
//!
//! Python hands over one slice of an array as numpy views of its buffers:
//! `offsets` (int32 or int64, one more than the documents, positions in `data`), `data`
//! (uint8) and `valid` (bool, or None when no document is missing).

use std::str::Utf8Error;

use numpy::{PyArray1, PyArrayMethods, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyAny;

use super::errors::value_error;

/// The documents of one slice of an Arrow string array.
pub(crate) struct ArrowTexts<'py> {
    /// The UTF-8 bytes the offsets point into.
    pub(crate) data: Bound<'py, PyArray1<u8>>,
    offsets: Vec<usize>,
    valid: Option<Vec<bool>>,
}

impl<'py> ArrowTexts<'py> {
    /// Reads `offsets`, `data` and `valid` off `chunk`, checking that every offset lies
    /// in `data`, in order, and that `valid` has one flag per document.
    pub(crate) fn read(chunk: &Bound<'py, PyAny>) -> PyResult<Self> {
        let py = chunk.py();
        let bad = |what: &str| value_error(py, format!("an Arrow chunk of texts needs {what}"));
        let data = chunk
            .getattr("data")?
            .cast_into::<PyArray1<u8>>()
            .map_err(|_| bad("`data`, a uint8 numpy array"))?;
        if !data.is_contiguous() {
            return Err(bad("`data` in one contiguous block"));
        }
        let offsets = chunk.getattr("offsets")?;
        let offsets: Vec<usize> = if let Ok(wide) = offsets.cast::<PyArray1<i64>>() {
            let wide = wide.readonly();
            wide.as_slice()?
                .iter()
                .map(|&o| usize::try_from(o).unwrap_or(usize::MAX))
                .collect()
        } else if let Ok(narrow) = offsets.cast::<PyArray1<i32>>() {
            let narrow = narrow.readonly();
            narrow
                .as_slice()?
                .iter()
                .map(|&o| usize::try_from(o).unwrap_or(usize::MAX))
                .collect()
        } else {
            return Err(bad("`offsets`, an int32 or int64 numpy array"));
        };
        if offsets.is_empty() || offsets.windows(2).any(|pair| pair[0] > pair[1]) {
            return Err(bad("`offsets` in increasing order, one more than the documents"));
        }
        if offsets.last().is_some_and(|&end| end > data.len()) {
            return Err(bad("`offsets` within `data`"));
        }
        let valid = chunk.getattr("valid")?;
        let valid = if valid.is_none() {
            None
        } else {
            let flags = valid
                .cast_into::<PyArray1<bool>>()
                .map_err(|_| bad("`valid`, a bool numpy array or None"))?;
            let flags = flags.readonly().as_slice()?.to_vec();
            if flags.len() + 1 != offsets.len() {
                return Err(bad("one `valid` flag per document"));
            }
            Some(flags)
        };
        Ok(ArrowTexts { data, offsets, valid })
    }

    /// Number of documents.
    pub(crate) fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The text of document `n` (None where it is missing), or the UTF-8 error of its
    /// bytes (Arrow's string type promises there is none).
    ///
    /// # Safety
    /// Nothing may write to `data` while the text is in use (pandas' and Arrow's arrays
    /// are immutable), and the caller keeps `data` alive as long as the text.
    pub(crate) unsafe fn text(&self, n: usize) -> Result<Option<&str>, Utf8Error> {
        if self.valid.as_ref().is_some_and(|valid| !valid[n]) {
            return Ok(None);
        }
        // SAFETY: the caller's promise; `data` is a contiguous uint8 array of `len`
        // bytes and the range lies in it (both checked in `read`).
        let data = unsafe { std::slice::from_raw_parts(self.data.data().cast_const(), self.data.len()) };
        std::str::from_utf8(&data[self.offsets[n]..self.offsets[n + 1]]).map(Some)
    }
}
