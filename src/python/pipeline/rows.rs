//! A run's table, row after row, in `i32` where every value fits: the rows of a run are
//! written as its documents are analysed and read once, column by column, when the run
//! is appended to the final columns.
//!
//! This is the memory the analysis writes most (some 6 values per sentence, mention,
//! paragraph and quote), so its layout counts on two threads, where the caches and the
//! memory bus are shared: row after row, a table is one stream of writes, where a vector
//! per column made some 70 streams at once; and `i32` values halve the bytes (see
//! BENCHMARKS.md for what it changed).

use super::super::int_column::Part;
use crate::pipeline::Pipeline;

/// `N` integer columns of equal length, stored row after row.
pub(super) enum Rows<const N: usize> {
    /// Every value fits in an `i32` (see [`Rows::clear`]).
    Narrow(Vec<i32>),
    /// Some value may not.
    Wide(Vec<i64>),
}

impl<const N: usize> Default for Rows<N> {
    fn default() -> Self {
        Rows::Narrow(Vec::new())
    }
}

impl<const N: usize> Rows<N> {
    /// Appends one row, a value per column; in narrow rows every value must fit in an
    /// `i32` (what [`Rows::clear`] was told).
    #[inline]
    pub(super) fn push(&mut self, row: [i64; N]) {
        match self {
            Rows::Narrow(values) => {
                debug_assert!(row.iter().all(|&v| i32::try_from(v).is_ok()), "{row:?}");
                values.extend(row.map(|v| v as i32));
            }
            Rows::Wide(values) => values.extend_from_slice(&row),
        }
    }

    /// Number of rows.
    pub(super) fn len(&self) -> usize {
        match self {
            Rows::Narrow(values) => values.len() / N,
            Rows::Wide(values) => values.len() / N,
        }
    }

    /// Removes every row, keeping the room, for rows that are narrow unless `wide` (some
    /// value may not fit in an `i32`).
    pub(super) fn clear(&mut self, wide: bool) {
        match (&mut *self, wide) {
            (Rows::Narrow(values), false) => values.clear(),
            (Rows::Wide(values), true) => values.clear(),
            (_, false) => *self = Rows::Narrow(Vec::new()),
            (_, true) => *self = Rows::Wide(Vec::new()),
        }
    }

    /// Makes room for `rows` more rows.
    pub(super) fn reserve(&mut self, rows: usize) {
        match self {
            Rows::Narrow(values) => values.reserve(rows * N),
            Rows::Wide(values) => values.reserve(rows * N),
        }
    }

    /// The values of column `index` (below `N`), row after row.
    pub(super) fn column(&self, index: usize) -> Part<'_> {
        match self {
            Rows::Narrow(values) => Part::strided_i32(values, index, N),
            Rows::Wide(values) => Part::strided(values, index, N),
        }
    }
}

impl Rows<1> {
    /// Whether `value` is among the values from row `first` on.
    pub(super) fn holds_since(&self, first: usize, value: i64) -> bool {
        match self {
            Rows::Narrow(values) => i32::try_from(value).is_ok_and(|value| values[first..].contains(&value)),
            Rows::Wide(values) => values[first..].contains(&value),
        }
    }
}

/// Whether a run of documents may hold a value beyond `i32` (its rows are then `i64`):
/// the values are document indices (the run's last is `last_document`), code-point
/// offsets and counts within a document (`longest` is the run's largest text, in bytes
/// or code points, at least its code points), and the matcher's pattern and entity
/// indices.
pub(super) fn needs_wide(pipeline: &Pipeline, last_document: usize, longest: usize) -> bool {
    let limit = i32::MAX as usize;
    let matcher = pipeline
        .matcher()
        .map_or(0, |m| m.pattern_count().max(m.gazetteer().len()));
    last_document > limit || longest > limit || matcher > limit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column<const N: usize>(rows: &Rows<N>, index: usize) -> Vec<i64> {
        rows.column(index).iter().collect()
    }

    #[test]
    fn columns_read_back_what_the_rows_wrote() {
        for wide in [false, true] {
            let mut rows = Rows::<3>::default();
            rows.clear(wide);
            rows.reserve(2);
            rows.push([1, 2, 3]);
            rows.push([4, -5, 6]);
            assert_eq!(rows.len(), 2);
            let columns = [0, 1, 2].map(|index| column(&rows, index));
            assert_eq!(columns, [vec![1, 4], vec![2, -5], vec![3, 6]]);
            assert_eq!(rows.column(2).len(), 2);
            rows.clear(wide);
            assert_eq!((rows.len(), rows.column(1).len()), (0, 0));
        }
    }

    #[test]
    fn wide_rows_keep_values_past_i32() {
        let mut rows = Rows::<2>::default();
        rows.clear(true);
        rows.push([1 << 40, -1]);
        assert_eq!(column(&rows, 0), [1 << 40]);
        assert_eq!(rows.column(0).as_slice(), None);
        // Narrow again at the next clear.
        rows.clear(false);
        rows.push([7, 8]);
        assert!(matches!(&rows, Rows::Narrow(v) if v == &[7, 8]));
    }

    #[test]
    fn rows_are_wide_only_where_a_value_may_pass_i32() {
        use crate::split::{Splitter, SplitterOptions};
        let pipeline = Pipeline::new(Splitter::new(SplitterOptions::default()), None);
        let past = i32::MAX as usize + 1;
        assert!(!needs_wide(&pipeline, 1_000_000, 1 << 20));
        assert!(needs_wide(&pipeline, past, 10));
        assert!(needs_wide(&pipeline, 10, past));
    }

    #[test]
    fn a_single_column_is_searched_from_a_row_on() {
        let mut rows = Rows::<1>::default();
        for value in [7, 8, 9] {
            rows.push([value]);
        }
        assert!(rows.holds_since(1, 9) && !rows.holds_since(1, 7));
        assert!(!rows.holds_since(0, 1 << 40));
    }
}
