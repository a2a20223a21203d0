//! Columns derived from the runs' integer columns as they are appended, in parallel with
//! the analysis, so that Python has no pass of its own to make them: flags as numpy
//! bools, list offsets from counts, and categorical codes in the width pandas keeps them
//! in (a gazetteer's labels through the code tables Python gives, the core's own small
//! code lists as they are).

use numpy::{PyArray1, PyArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::super::errors::value_error;
use super::super::int_column::{IntColumn, Part};
use super::super::mapped::{Mapped, Plain};
use super::runs::{Room, RunTables, TABLE_NAMES};

const PARAGRAPHS: usize = 1;
const SENTENCES: usize = 2;
const MENTIONS: usize = 3;
const QUOTES: usize = 4;

/// How a derived column is made from its source column's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Derivation {
    /// 0 or 1 → a bool.
    Flag,
    /// Negative → true (an entity of -1: the mention is ambiguous).
    Negative,
    /// Counts → the offsets of a list column: 0, then the running sums (one more value
    /// than rows).
    Offsets,
    /// A code of the core's own short lists (-1: none) → an `int8` code.
    SmallCode,
    /// An index (a pattern, an entity; -1: none) → its code in the code table of this
    /// name (given by Python), in the width of that table's codes.
    Code(&'static str),
}

/// A derived column: made from column `source` of table `table` (an index into
/// [`TABLE_NAMES`]), and called `name` in that table. `replaces`: the source only serves
/// this column (or others that replace it too) and is not kept itself.
struct Spec {
    table: usize,
    source: &'static str,
    name: &'static str,
    how: Derivation,
    replaces: bool,
}

/// A column made from `source`, which stays a column of its own.
const fn derives(table: usize, source: &'static str, name: &'static str, how: Derivation) -> Spec {
    Spec {
        table,
        source,
        name,
        how,
        replaces: false,
    }
}

/// A column made from `source`, which is not kept.
const fn replaces(table: usize, source: &'static str, name: &'static str, how: Derivation) -> Spec {
    Spec {
        replaces: true,
        ..derives(table, source, name, how)
    }
}

/// Every derived column.
const SPECS: [Spec; 17] = [
    replaces(PARAGRAPHS, "boilerplate", "boilerplate", Derivation::SmallCode),
    replaces(SENTENCES, "counted", "counted", Derivation::Flag),
    replaces(MENTIONS, "counted", "counted", Derivation::Flag),
    derives(MENTIONS, "entity", "ambiguous", Derivation::Negative),
    replaces(MENTIONS, "candidates", "candidate_offsets", Derivation::Offsets),
    replaces(MENTIONS, "pattern", "alias", Derivation::Code("alias")),
    derives(MENTIONS, "entity", "entity_id", Derivation::Code("id")),
    derives(MENTIONS, "entity", "name", Derivation::Code("name")),
    derives(MENTIONS, "entity", "type", Derivation::Code("type")),
    replaces(QUOTES, "counted", "counted", Derivation::Flag),
    replaces(QUOTES, "continues", "continues", Derivation::Flag),
    replaces(QUOTES, "kind", "kind", Derivation::SmallCode),
    replaces(QUOTES, "how", "how", Derivation::SmallCode),
    replaces(QUOTES, "cue", "cue", Derivation::SmallCode),
    derives(QUOTES, "entity", "entity_id", Derivation::Code("id")),
    derives(QUOTES, "entity", "entity_name", Derivation::Code("name")),
    replaces(QUOTES, "entity_count", "entity_offsets", Derivation::Offsets),
];

/// Whether column `name` of table `table` only serves derived columns (is not kept).
pub(super) fn only_derived(table: usize, name: &str) -> bool {
    SPECS
        .iter()
        .any(|spec| spec.replaces && spec.table == table && spec.source == name)
}

/// A code table from Python: the code of each index, and the width of the codes.
pub(super) struct CodeTable {
    name: String,
    codes: Vec<i32>,
    width: usize,
}

impl CodeTable {
    /// The code tables of `tables` (name → 1-d numpy array of int8, int16 or int32
    /// codes, one per index, -1 for none), checked.
    pub(super) fn read_all(tables: Option<&Bound<'_, PyDict>>) -> PyResult<Vec<CodeTable>> {
        let Some(tables) = tables else {
            return Ok(Vec::new());
        };
        let mut read = Vec::new();
        for (name, codes) in tables.iter() {
            let name: String = name.extract()?;
            let (codes, width) = if let Ok(codes) = codes.cast::<PyArray1<i8>>() {
                (widen(codes.readonly().as_slice()?), 1)
            } else if let Ok(codes) = codes.cast::<PyArray1<i16>>() {
                (widen(codes.readonly().as_slice()?), 2)
            } else if let Ok(codes) = codes.cast::<PyArray1<i32>>() {
                (codes.readonly().as_slice()?.to_vec(), 4)
            } else {
                let shown = codes.repr()?;
                return Err(value_error(
                    tables.py(),
                    format!("code table {name:?} must be a 1-d int8, int16 or int32 array, not {shown}"),
                ));
            };
            read.push(CodeTable { name, codes, width });
        }
        Ok(read)
    }
}

/// Codes of a narrower type as `i32`.
fn widen<T: Copy + Into<i32>>(codes: &[T]) -> Vec<i32> {
    codes.iter().map(|&code| code.into()).collect()
}

/// The values of a derived column.
enum Values {
    Bools(Mapped<u8>),
    Offsets { offsets: IntColumn, total: i64 },
    I8(Mapped<i8>),
    I16(Mapped<i16>),
    I32(Mapped<i32>),
}

/// A derived column of the final tables.
pub(super) struct Derived {
    spec: &'static Spec,
    /// Index of the source column in its table.
    source: usize,
    /// The code table (for [`Derivation::Code`]).
    codes: Vec<i32>,
    values: Values,
}

impl Derived {
    /// The derived columns that `code_tables` allow (a [`Derivation::Code`] needs its
    /// table: without a matcher there is none), with room for the rows of `room`.
    pub(super) fn all(code_tables: &[CodeTable], room: Option<&Room>) -> Vec<Derived> {
        let names = RunTables::names();
        SPECS
            .iter()
            .filter_map(|spec| {
                let source = names[spec.table].iter().position(|&n| n == spec.source)?;
                let (codes, width) = match spec.how {
                    Derivation::Code(table) => {
                        let table = code_tables.iter().find(|t| t.name == table)?;
                        (table.codes.clone(), table.width)
                    }
                    Derivation::SmallCode => (Vec::new(), 1),
                    _ => (Vec::new(), 0),
                };
                let values = match (spec.how, width) {
                    (Derivation::Flag | Derivation::Negative, _) => Values::Bools(Mapped::default()),
                    (Derivation::Offsets, _) => Values::Offsets {
                        offsets: IntColumn::default(),
                        total: 0,
                    },
                    (_, 1) => Values::I8(Mapped::default()),
                    (_, 2) => Values::I16(Mapped::default()),
                    _ => Values::I32(Mapped::default()),
                };
                let mut derived = Derived {
                    spec,
                    source,
                    codes,
                    values,
                };
                derived.reserve(room.map_or(0, |room| room.rows[spec.table]));
                if let Values::Offsets { offsets, .. } = &mut derived.values {
                    offsets.extend(&[Part::from(&[0][..])]);
                }
                Some(derived)
            })
            .collect()
    }

    fn reserve(&mut self, rows: usize) {
        match &mut self.values {
            Values::Bools(values) => values.reserve(rows),
            Values::Offsets { offsets, .. } => offsets.reserve(rows + 1),
            Values::I8(values) => values.reserve(rows),
            Values::I16(values) => values.reserve(rows),
            Values::I32(values) => values.reserve(rows),
        }
    }

    /// The table (an index into [`TABLE_NAMES`]) and the column its values come from.
    pub(super) fn source(&self) -> (usize, usize) {
        (self.spec.table, self.source)
    }

    /// Appends the values derived from the runs' `parts` of the source column.
    pub(super) fn extend(&mut self, parts: &[Part<'_>]) {
        let rows = parts.iter().map(Part::len).sum();
        let values = parts.iter().flat_map(Part::iter);
        let codes = &self.codes;
        let code = |value: i64| match usize::try_from(value) {
            Ok(index) => codes.get(index).copied().unwrap_or(-1),
            Err(_) => -1,
        };
        match (&mut self.values, self.spec.how) {
            (Values::Bools(bools), Derivation::Negative) => {
                bools.extend(rows, values.map(|v| u8::from(v < 0)))
            }
            (Values::Bools(bools), _) => bools.extend(rows, values.map(|v| u8::from(v != 0))),
            (Values::Offsets { offsets, total }, _) => {
                let sums: Vec<i64> = values
                    .map(|count| {
                        *total += count;
                        *total
                    })
                    .collect();
                offsets.extend(&[Part::from(&sums[..])]);
            }
            // Codes fit their width by construction: the tables' codes come in that
            // width, the core's own lists are short.
            (Values::I8(out), Derivation::SmallCode) => out.extend(rows, values.map(|v| v as i8)),
            (Values::I8(out), _) => out.extend(rows, values.map(|v| code(v) as i8)),
            (Values::I16(out), _) => out.extend(rows, values.map(|v| code(v) as i16)),
            (Values::I32(out), _) => out.extend(rows, values.map(code)),
        }
    }

    /// Bytes to write, to start the biggest job first.
    pub(super) fn bytes_per_row(&self) -> usize {
        match &self.values {
            Values::Bools(_) | Values::I8(_) => 1,
            Values::I16(_) => 2,
            Values::I32(_) => 4,
            Values::Offsets { .. } => 8,
        }
    }

    /// Puts the column into `tables[table name][column name]` as a numpy array over its
    /// mapping (bools as `uint8`, for Python to view as `bool`).
    pub(super) fn into_dict(self, tables: &Bound<'_, PyDict>) -> PyResult<()> {
        let py = tables.py();
        let table = TABLE_NAMES[self.spec.table];
        if tables.get_item(table)?.is_none() {
            tables.set_item(table, PyDict::new(py))?;
        }
        let columns = tables.get_item(table)?.expect("just set");
        let array = match self.values {
            Values::Bools(values) => numpy(py, values)?,
            Values::Offsets { offsets, .. } => offsets.into_numpy(py)?,
            Values::I8(values) => numpy(py, values)?,
            Values::I16(values) => numpy(py, values)?,
            Values::I32(values) => numpy(py, values)?,
        };
        columns.set_item(self.spec.name, array)
    }
}

fn numpy<T: Plain>(py: Python<'_>, values: Mapped<T>) -> PyResult<Bound<'_, PyAny>> {
    Ok(values.into_numpy(py)?.into_any())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(alias: Vec<i32>, width: usize) -> Vec<CodeTable> {
        vec![CodeTable {
            name: "alias".to_string(),
            codes: alias,
            width,
        }]
    }

    fn parts<'a>(slices: &[&'a [i64]]) -> Vec<Part<'a>> {
        slices.iter().map(|&slice| Part::from(slice)).collect()
    }

    fn find<'a>(derived: &'a mut [Derived], table: usize, name: &str) -> &'a mut Derived {
        derived
            .iter_mut()
            .find(|d| d.spec.table == table && d.spec.name == name)
            .expect("a derived column")
    }

    #[test]
    fn codes_need_their_table_and_come_in_its_width() {
        let mut derived = Derived::all(&tables(vec![3, 0, 1], 2), None);
        assert!(derived.iter().all(|d| d.spec.name != "entity_id"));
        let alias = find(&mut derived, MENTIONS, "alias");
        alias.extend(&parts(&[&[2, 0], &[], &[-1, 1, 7]]));
        assert!(matches!(&alias.values, Values::I16(v) if v.as_slice() == [1, 3, -1, 0, -1]));
    }

    #[test]
    fn offsets_run_on_across_appends_and_flags_are_bools() {
        let mut derived = Derived::all(&[], None);
        let offsets = find(&mut derived, MENTIONS, "candidate_offsets");
        offsets.extend(&parts(&[&[1, 2], &[0]]));
        offsets.extend(&parts(&[&[3]]));
        assert!(matches!(
            &offsets.values,
            Values::Offsets { offsets: IntColumn::Narrow(v), .. } if v.as_slice() == [0, 1, 3, 3, 6]
        ));
        let ambiguous = find(&mut derived, MENTIONS, "ambiguous");
        ambiguous.extend(&parts(&[&[-1, 4, 0]]));
        assert!(matches!(&ambiguous.values, Values::Bools(v) if v.as_slice() == [1, 0, 0]));
        let counted = find(&mut derived, SENTENCES, "counted");
        counted.extend(&parts(&[&[1, 0, 1]]));
        assert!(matches!(&counted.values, Values::Bools(v) if v.as_slice() == [1, 0, 1]));
    }

    #[test]
    fn every_source_is_a_column_of_its_table() {
        let names = RunTables::names();
        for spec in &SPECS {
            assert!(names[spec.table].contains(&spec.source), "{}", spec.source);
        }
        for (table, name) in [(PARAGRAPHS, "paragraphs"), (SENTENCES, "sentences")] {
            assert_eq!(TABLE_NAMES[table], name);
        }
        assert_eq!(
            (TABLE_NAMES[MENTIONS], TABLE_NAMES[QUOTES]),
            ("mentions", "quotes")
        );
        // A source some column keeps is kept: no spec replaces it.
        assert!(!only_derived(MENTIONS, "entity") && only_derived(MENTIONS, "pattern"));
    }
}
