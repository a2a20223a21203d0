//! String columns built in Rust as Arrow's large-string layout (an int64 offset per
//! row plus one UTF-8 byte buffer, and a validity mask), handed to Python as numpy
//! arrays that pyarrow wraps without copying. A table of a million sentences then costs
//! one memcpy per sentence instead of a million Python `str` objects that pandas or
//! pyarrow would have to read again.

use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// One string column: the rows' bytes one after another.
#[derive(Debug)]
pub(crate) struct Utf8Column {
    /// Row `i` is `data[offsets[i]..offsets[i + 1]]`; one more offset than rows.
    offsets: Vec<i64>,
    data: Vec<u8>,
    /// False where the row is missing (an empty string in `data`).
    valid: Vec<bool>,
}

impl Utf8Column {
    /// An empty column with room for about `rows` rows of `bytes` bytes in all.
    pub(crate) fn with_capacity(rows: usize, bytes: usize) -> Self {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        Utf8Column {
            offsets,
            data: Vec::with_capacity(bytes),
            valid: Vec::with_capacity(rows),
        }
    }

    /// Appends `value`, or a missing row for `None`.
    #[inline]
    pub(crate) fn push(&mut self, value: Option<&str>) {
        if let Some(value) = value {
            self.data.extend_from_slice(value.as_bytes());
        }
        self.offsets.push(self.data.len() as i64);
        self.valid.push(value.is_some());
    }

    /// The column as a dict of numpy arrays: `offsets` (int64), `data` (uint8) and
    /// `valid` (bool); the vectors move, nothing is copied.
    pub(crate) fn into_dict(mut self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        // numpy keeps the whole allocation: give back the room reserved and unused.
        self.data.shrink_to_fit();
        self.offsets.shrink_to_fit();
        self.valid.shrink_to_fit();
        let dict = PyDict::new(py);
        dict.set_item("offsets", self.offsets.into_pyarray(py))?;
        dict.set_item("data", self.data.into_pyarray(py))?;
        dict.set_item("valid", self.valid.into_pyarray(py))?;
        Ok(dict)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_missing_rows() {
        let mut column = Utf8Column::with_capacity(0, 0);
        column.push(Some("één"));
        column.push(None);
        column.push(Some("x"));
        assert_eq!(column.offsets, [0, 5, 5, 6]);
        assert_eq!(column.data, "éénx".as_bytes());
        assert_eq!(column.valid, [true, false, true]);
    }
}
