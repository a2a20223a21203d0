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

    /// Number of rows.
    pub(crate) fn len(&self) -> usize {
        self.valid.len()
    }

    /// Bytes of text.
    pub(crate) fn bytes(&self) -> usize {
        self.data.len()
    }

    /// Removes every row, keeping the room.
    pub(crate) fn clear(&mut self) {
        self.offsets.truncate(1);
        self.data.clear();
        self.valid.clear();
    }

    /// Makes room for `rows` more rows of `bytes` more bytes in all.
    pub(crate) fn reserve(&mut self, rows: usize, bytes: usize) {
        self.offsets.reserve(rows);
        self.data.reserve(bytes);
        self.valid.reserve(rows);
    }

    /// Appends the rows of `parts`, one after another (one reservation for all).
    pub(crate) fn extend(&mut self, parts: &[&Utf8Column]) {
        let rows = parts.iter().map(|part| part.len()).sum();
        self.reserve(rows, parts.iter().map(|part| part.data.len()).sum());
        for part in parts {
            let shift = self.data.len() as i64;
            self.offsets
                .extend(part.offsets[1..].iter().map(|&offset| offset + shift));
            self.data.extend_from_slice(&part.data);
            self.valid.extend_from_slice(&part.valid);
        }
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

    #[test]
    fn parts_extend_a_column_with_their_offsets_shifted() {
        let mut first = Utf8Column::with_capacity(0, 0);
        first.push(Some("ab"));
        let mut second = Utf8Column::with_capacity(0, 0);
        second.push(None);
        second.push(Some("c"));
        let mut column = Utf8Column::with_capacity(0, 0);
        column.push(Some("é"));
        column.extend(&[&first, &second]);
        assert_eq!(column.offsets, [0, 2, 4, 4, 5]);
        assert_eq!(column.data, "éabc".as_bytes());
        assert_eq!(column.valid, [true, true, false, true]);
        first.clear();
        assert_eq!((first.len(), first.offsets.as_slice()), (0, &[0][..]));
    }
}
