//! String columns built in Rust as Arrow's large-string layout (an int64 offset per
//! row plus one UTF-8 byte buffer, and a validity mask), handed to Python as numpy
//! arrays that pyarrow wraps without copying. A table of a million sentences then costs
//! one memcpy per sentence instead of a million Python `str` objects that pandas or
//! pyarrow would have to read again. A run fills a [`Utf8Column`]; the runs are joined
//! into a [`MappedUtf8Column`], whose buffers live in mappings of their own.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::mapped::Mapped;

/// One string column: the rows' bytes one after another.
#[derive(Debug)]
pub(crate) struct Utf8Column {
    /// Row `i` is `data[offsets[i]..offsets[i + 1]]`; one more offset than rows.
    offsets: Vec<i64>,
    data: Vec<u8>,
    /// False where the row is missing (an empty string in `data`).
    valid: Vec<bool>,
}

impl Default for Utf8Column {
    /// An empty column (room is made with [`Utf8Column::reserve`]).
    fn default() -> Self {
        Utf8Column {
            offsets: vec![0],
            data: Vec::new(),
            valid: Vec::new(),
        }
    }
}

impl Utf8Column {
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
}

/// A string column in mappings of its own, joined from the runs' columns.
#[derive(Default)]
pub(crate) struct MappedUtf8Column {
    /// As in [`Utf8Column`]: one more offset than rows (once a row is in).
    offsets: Mapped<i64>,
    data: Mapped<u8>,
    /// 1 where the row is present, 0 where it is missing.
    valid: Mapped<u8>,
}

impl MappedUtf8Column {
    /// An empty column with room for about `rows` rows of `bytes` bytes in all (mapped,
    /// not touched).
    pub(crate) fn with_capacity(rows: usize, bytes: usize) -> Self {
        MappedUtf8Column {
            offsets: Mapped::with_capacity(rows + 1),
            data: Mapped::with_capacity(bytes),
            valid: Mapped::with_capacity(rows),
        }
    }

    /// Appends the rows of `parts`, one after another (one reservation for all).
    pub(crate) fn extend(&mut self, parts: &[&Utf8Column]) {
        if self.offsets.len() == 0 {
            self.offsets.push(0);
        }
        let rows = parts.iter().map(|part| part.len()).sum();
        self.offsets.reserve(rows);
        self.valid.reserve(rows);
        self.data.reserve(parts.iter().map(|part| part.data.len()).sum());
        for part in parts {
            let shift = self.data.len() as i64;
            let offsets = &part.offsets[1..];
            self.offsets
                .extend(offsets.len(), offsets.iter().map(|&offset| offset + shift));
            self.data.extend_from_slice(&part.data);
            self.valid
                .extend(part.valid.len(), part.valid.iter().map(|&v| u8::from(v)));
        }
    }

    /// The column as a dict of numpy arrays over its mappings, nothing copied: `offsets`
    /// (int64), `data` (uint8) and `valid` (uint8, 0 where missing).
    pub(crate) fn into_dict(mut self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        if self.offsets.len() == 0 {
            self.offsets.push(0);
        }
        let dict = PyDict::new(py);
        dict.set_item("offsets", self.offsets.into_numpy(py)?)?;
        dict.set_item("data", self.data.into_numpy(py)?)?;
        dict.set_item("valid", self.valid.into_numpy(py)?)?;
        Ok(dict)
    }

    #[cfg(test)]
    fn parts(&self) -> (&[i64], &[u8], &[u8]) {
        (
            self.offsets.as_slice(),
            self.data.as_slice(),
            self.valid.as_slice(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_missing_rows() {
        let mut column = Utf8Column::default();
        column.push(Some("één"));
        column.push(None);
        column.push(Some("x"));
        assert_eq!(column.offsets, [0, 5, 5, 6]);
        assert_eq!(column.data, "éénx".as_bytes());
        assert_eq!(column.valid, [true, false, true]);
    }

    #[test]
    fn parts_extend_a_column_with_their_offsets_shifted() {
        let mut first = Utf8Column::default();
        first.push(Some("ab"));
        let mut second = Utf8Column::default();
        second.push(None);
        second.push(Some("c"));
        let mut head = Utf8Column::default();
        head.push(Some("é"));
        let mut column = MappedUtf8Column::with_capacity(1, 1);
        column.extend(&[&head]);
        column.extend(&[&first, &second]);
        let (offsets, data, valid) = column.parts();
        assert_eq!(offsets, [0, 2, 4, 4, 5]);
        assert_eq!(data, "éabc".as_bytes());
        assert_eq!(valid, [1, 1, 0, 1]);
        first.clear();
        assert_eq!((first.len(), first.offsets.as_slice()), (0, &[0][..]));
        let mut empty = MappedUtf8Column::default();
        empty.extend(&[]);
        assert_eq!(empty.parts(), (&[0][..], &[][..], &[][..]));
    }
}
