//! A growing integer column that stays `i32` while every value fits and widens to `i64`
//! at the first value that does not: offsets of documents under 2³¹ code points, row
//! indices and counts take half the memory, and a gigantic document still gets exact
//! offsets. Its values live in a mapping of their own ([`Mapped`]).

use pyo3::prelude::*;

use super::mapped::Mapped;

/// An integer column, narrow until it must be wide.
pub(crate) enum IntColumn {
    /// Every value so far fits in an `i32`.
    Narrow(Mapped<i32>),
    /// Some value does not.
    Wide(Mapped<i64>),
}

impl Default for IntColumn {
    fn default() -> Self {
        IntColumn::Narrow(Mapped::default())
    }
}

impl IntColumn {
    /// An empty column that is `i64` from the start (document indices: they become the
    /// tables' int64 keys without a conversion).
    pub(crate) fn wide() -> Self {
        IntColumn::Wide(Mapped::default())
    }

    /// Makes room for `rows` more values (narrow: most columns stay so).
    pub(crate) fn reserve(&mut self, rows: usize) {
        match self {
            IntColumn::Narrow(values) => values.reserve(rows),
            IntColumn::Wide(values) => values.reserve(rows),
        }
    }

    /// Appends the values of `parts`, one after another (one reservation for all).
    pub(crate) fn extend(&mut self, parts: &[&[i64]]) {
        let total = parts.iter().map(|part| part.len()).sum();
        if let IntColumn::Narrow(values) = self {
            let fits = parts.iter().all(|part| {
                let (low, high) = part
                    .iter()
                    .fold((0i64, 0i64), |(low, high), &v| (low.min(v), high.max(v)));
                low >= i64::from(i32::MIN) && high <= i64::from(i32::MAX)
            });
            if !fits {
                let mut wide = Mapped::with_capacity(values.len() + total);
                let narrow = values.as_slice();
                wide.extend(narrow.len(), narrow.iter().map(|&v| i64::from(v)));
                *self = IntColumn::Wide(wide);
            }
        }
        match self {
            IntColumn::Narrow(values) => {
                values.reserve(total);
                for part in parts {
                    // In range: checked above.
                    values.extend(part.len(), part.iter().map(|&v| v as i32));
                }
            }
            IntColumn::Wide(values) => {
                values.reserve(total);
                for part in parts {
                    values.extend_from_slice(part);
                }
            }
        }
    }

    /// The column as a numpy array (int32 or int64) over its mapping, no copy.
    pub(crate) fn into_numpy(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        Ok(match self {
            IntColumn::Narrow(values) => values.into_numpy(py)?.into_any(),
            IntColumn::Wide(values) => values.into_numpy(py)?.into_any(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_narrow_while_values_fit() {
        let mut column = IntColumn::default();
        column.extend(&[&[1, -1], &[i64::from(i32::MAX)]]);
        assert!(matches!(&column, IntColumn::Narrow(v) if v.as_slice() == [1, -1, i32::MAX]));
    }

    #[test]
    fn widens_at_the_first_value_that_does_not_fit() {
        let mut column = IntColumn::default();
        column.extend(&[&[1, 2]]);
        column.extend(&[&[3], &[1 << 40]]);
        assert!(matches!(&column, IntColumn::Wide(v) if v.as_slice() == [1, 2, 3, 1 << 40]));
        column.extend(&[&[-5]]);
        assert!(matches!(&column, IntColumn::Wide(v) if v.len() == 5));
    }
}
