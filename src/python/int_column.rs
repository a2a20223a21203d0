//! A growing integer column that stays `i32` while every value fits and widens to `i64`
//! at the first value that does not: offsets of documents under 2³¹ code points, row
//! indices and counts take half the memory, and a gigantic document still gets exact
//! offsets. Its values live in a mapping of their own ([`Mapped`]).

use pyo3::prelude::*;

use super::mapped::Mapped;

/// The values of one column of a run's table: every `stride`-th value of `values` from
/// `first` on (a stride of 1: a plain slice).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Part<'a> {
    values: Values<'a>,
    first: usize,
    stride: usize,
}

/// The values a [`Part`] reads from.
#[derive(Clone, Copy, Debug)]
enum Values<'a> {
    I64(&'a [i64]),
    I32(&'a [i32]),
}

impl<'a> Part<'a> {
    /// Every `stride`-th value of `values` (at least 1) from index `first` on.
    pub(crate) fn strided(values: &'a [i64], first: usize, stride: usize) -> Self {
        Part {
            values: Values::I64(values),
            first,
            stride: stride.max(1),
        }
    }

    /// Every `stride`-th value of `values` (at least 1) from index `first` on.
    pub(crate) fn strided_i32(values: &'a [i32], first: usize, stride: usize) -> Self {
        Part {
            values: Values::I32(values),
            first,
            stride: stride.max(1),
        }
    }

    /// Number of values.
    pub(crate) fn len(&self) -> usize {
        let all = match self.values {
            Values::I64(values) => values.len(),
            Values::I32(values) => values.len(),
        };
        all.saturating_sub(self.first).div_ceil(self.stride)
    }

    /// The values, in order.
    pub(crate) fn iter(&self) -> PartIter<'a> {
        match self.values {
            Values::I64(values) => PartIter::I64(self.every(values)),
            Values::I32(values) => PartIter::I32(self.every(values)),
        }
    }

    /// Every `stride`-th value of `values` from `first` on.
    fn every<T>(&self, values: &'a [T]) -> std::iter::StepBy<std::slice::Iter<'a, T>> {
        values
            .get(self.first..)
            .unwrap_or_default()
            .iter()
            .step_by(self.stride)
    }

    /// The values as a slice, when they are contiguous int64.
    pub(crate) fn as_slice(&self) -> Option<&'a [i64]> {
        match self.values {
            Values::I64(values) if self.stride == 1 => values.get(self.first..),
            _ => None,
        }
    }

    /// Whether every value fits in an `i32` (without reading them when they are `i32`).
    pub(crate) fn fits_i32(&self) -> bool {
        match self.values {
            Values::I32(_) => true,
            Values::I64(_) => self.iter().all(|v| i32::try_from(v).is_ok()),
        }
    }
}

/// The values of a [`Part`], in order.
pub(crate) enum PartIter<'a> {
    I64(std::iter::StepBy<std::slice::Iter<'a, i64>>),
    I32(std::iter::StepBy<std::slice::Iter<'a, i32>>),
}

impl Iterator for PartIter<'_> {
    type Item = i64;

    #[inline]
    fn next(&mut self) -> Option<i64> {
        match self {
            PartIter::I64(values) => values.next().copied(),
            PartIter::I32(values) => values.next().map(|&v| i64::from(v)),
        }
    }
}

impl<'a> From<&'a [i64]> for Part<'a> {
    fn from(values: &'a [i64]) -> Self {
        Part::strided(values, 0, 1)
    }
}

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
    pub(crate) fn extend(&mut self, parts: &[Part<'_>]) {
        let total = parts.iter().map(Part::len).sum();
        if let IntColumn::Narrow(values) = self {
            if !parts.iter().all(Part::fits_i32) {
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
                    values.extend(part.len(), part.iter().map(|v| v as i32));
                }
            }
            IntColumn::Wide(values) => {
                values.reserve(total);
                for part in parts {
                    match part.as_slice() {
                        Some(slice) => values.extend_from_slice(slice),
                        None => values.extend(part.len(), part.iter()),
                    }
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

    fn parts<'a>(slices: &[&'a [i64]]) -> Vec<Part<'a>> {
        slices.iter().map(|&slice| Part::from(slice)).collect()
    }

    #[test]
    fn a_strided_part_reads_every_stride_th_value() {
        let values = [0, 1, 2, 3, 4, 5, 6];
        let part = Part::strided(&values, 1, 3);
        assert_eq!((part.len(), part.iter().collect::<Vec<_>>()), (2, vec![1, 4]));
        assert_eq!(part.as_slice(), None);
        let mut column = IntColumn::default();
        column.extend(&[part, Part::from(&values[5..])]);
        assert!(matches!(&column, IntColumn::Narrow(v) if v.as_slice() == [1, 4, 5, 6]));
    }

    #[test]
    fn stays_narrow_while_values_fit() {
        let mut column = IntColumn::default();
        column.extend(&parts(&[&[1, -1], &[i64::from(i32::MAX)]]));
        assert!(matches!(&column, IntColumn::Narrow(v) if v.as_slice() == [1, -1, i32::MAX]));
    }

    #[test]
    fn widens_at_the_first_value_that_does_not_fit() {
        let mut column = IntColumn::default();
        column.extend(&parts(&[&[1, 2]]));
        column.extend(&parts(&[&[3], &[1 << 40]]));
        assert!(matches!(&column, IntColumn::Wide(v) if v.as_slice() == [1, 2, 3, 1 << 40]));
        column.extend(&parts(&[&[-5]]));
        assert!(matches!(&column, IntColumn::Wide(v) if v.len() == 5));
    }
}
