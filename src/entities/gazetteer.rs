//! The gazetteer: known entities with their names, types, aliases and extra fields.

use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Value};

use crate::text::is_space;
use crate::text::normalize::is_word_char;

/// Extra fields of an entity, carried through to every mention of it.
pub type Extra = Map<String, Value>;

/// Index of an entity in its [`Gazetteer`].
pub type EntityIndex = u32;

/// A known entity.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Canonical id, unique in the gazetteer.
    pub id: String,
    /// Display name; it is matched like an alias.
    pub name: String,
    /// Type (`PERSON`, `ORG`, `GPE`, … or any label the user chooses).
    pub kind: Option<String>,
    /// Other names, without the display name, each once.
    pub aliases: Vec<String>,
    /// Extra fields, in the order first given.
    pub extra: Extra,
}

impl Entity {
    /// The name, then the aliases: every string the entity is matched by.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// One input row: a whole entity, or one alias of it (rows sharing an id merge).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntityRecord {
    /// Canonical id (`None` or empty: missing).
    pub id: Option<String>,
    /// Display name (defaults to the id).
    pub name: Option<String>,
    /// Type.
    pub kind: Option<String>,
    /// Aliases given on this row.
    pub aliases: Vec<String>,
    /// Extra fields given on this row.
    pub extra: Extra,
}

/// How rows are numbered in error messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RowNumbering {
    /// Positions from 0: `row 3` (records, data frames).
    #[default]
    Row,
    /// Lines of a file from 1: `line 4`.
    Line,
}

/// What was wrong with a gazetteer row or file.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The row has no id (and ids are not taken from names).
    MissingId,
    /// An alias (or the name) is empty or white space.
    EmptyAlias,
    /// An alias (or the name) has no letter or digit, so it can never be a whole word.
    NoWordCharacter {
        /// The alias as given.
        alias: String,
    },
    /// Two rows of one id disagree on a field.
    Conflict {
        /// The entity id.
        id: String,
        /// The field (`name`, `type` or an extra field).
        field: String,
        /// The value seen first.
        first: String,
        /// The value on this row.
        second: String,
    },
    /// A field has a value of the wrong kind.
    BadField {
        /// The field.
        field: String,
        /// What was expected.
        expected: &'static str,
    },
    /// The row is not valid JSON / CSV.
    Syntax {
        /// The parser's message.
        message: String,
    },
    /// A column the reader needs is not in the header.
    MissingColumn {
        /// The column name.
        column: String,
    },
    /// The file could not be read or written.
    Io {
        /// The system's message.
        message: String,
    },
}

/// An error that names the row (or line) and the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerError {
    row: Option<usize>,
    numbering: RowNumbering,
    kind: ErrorKind,
}

impl GazetteerError {
    /// An error at `row` (numbered as `numbering` says), or about the whole input.
    pub fn new(row: Option<usize>, numbering: RowNumbering, kind: ErrorKind) -> Self {
        GazetteerError { row, numbering, kind }
    }

    /// The row (or line) the error is about, if any.
    pub fn row(&self) -> Option<usize> {
        self.row
    }

    /// What was wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// True for a failed read or write (as opposed to bad content).
    pub fn is_io(&self) -> bool {
        matches!(self.kind, ErrorKind::Io { .. })
    }
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.row, self.numbering) {
            (Some(row), RowNumbering::Row) => write!(f, "row {row}: ")?,
            (Some(line), RowNumbering::Line) => write!(f, "line {line}: ")?,
            (None, _) => {}
        }
        write!(f, "{}", self.kind)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::MissingId => write!(f, "missing id"),
            ErrorKind::EmptyAlias => write!(f, "empty alias (empty or only white space)"),
            ErrorKind::NoWordCharacter { alias } => {
                write!(
                    f,
                    "alias {alias:?} has no letter or digit, so it can never match a whole word"
                )
            }
            ErrorKind::Conflict {
                id,
                field,
                first,
                second,
            } => write!(
                f,
                "entity {id:?} has {field} {first:?} on an earlier row and {second:?} here"
            ),
            ErrorKind::BadField { field, expected } => write!(f, "field {field:?} must be {expected}"),
            ErrorKind::Syntax { message } => write!(f, "{message}"),
            ErrorKind::MissingColumn { column } => write!(f, "no column {column:?}"),
            ErrorKind::Io { message } => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for GazetteerError {}

/// Known entities, in the order first given, each with a unique id.
///
/// ```
/// use presswork::entities::{EntityRecord, Gazetteer};
/// let mut builder = Gazetteer::builder();
/// builder.add(0, EntityRecord {
///     id: Some("putin".into()),
///     name: Some("Vladimir Putin".into()),
///     kind: Some("PERSON".into()),
///     aliases: vec!["Putin".into(), "President Putin".into()],
///     ..Default::default()
/// }).unwrap();
/// let gazetteer = builder.build();
/// assert_eq!(gazetteer.entity(0).names().count(), 3);
/// assert_eq!(gazetteer.position("putin"), Some(0));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    by_id: HashMap<String, EntityIndex>,
    /// Every extra field's name, in the order the rows first gave it.
    extra_fields: Vec<String>,
}

impl Gazetteer {
    /// A builder that takes rows one at a time.
    pub fn builder() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// True when there is no entity.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// The entities, in order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity at `index`.
    ///
    /// # Panics
    /// When `index` is out of range.
    pub fn entity(&self, index: EntityIndex) -> &Entity {
        &self.entities[index as usize]
    }

    /// The index of the entity with id `id`.
    pub fn position(&self, id: &str) -> Option<EntityIndex> {
        self.by_id.get(id).copied()
    }

    /// The names of the extra fields any entity has, in the order the rows first gave
    /// them: the columns a table of entities has, whichever entities it holds.
    pub fn extra_fields(&self) -> &[String] {
        &self.extra_fields
    }

    /// Number of names and aliases over all entities.
    pub fn alias_count(&self) -> usize {
        self.entities.iter().map(|e| 1 + e.aliases.len()).sum()
    }
}

/// Builds a [`Gazetteer`] row by row, checking each row and merging rows of one id.
#[derive(Clone, Debug, Default)]
pub struct GazetteerBuilder {
    gazetteer: Gazetteer,
    numbering: RowNumbering,
    ids_from_names: bool,
}

impl GazetteerBuilder {
    /// How rows are numbered in errors.
    pub fn numbering(mut self, numbering: RowNumbering) -> Self {
        self.numbering = numbering;
        self
    }

    /// Take a row's id from its name when the row has no id (for inputs without ids,
    /// such as a mapping of names to aliases).
    pub fn ids_from_names(mut self, yes: bool) -> Self {
        self.ids_from_names = yes;
        self
    }

    /// Adds one row; `row` is its number in error messages.
    pub fn add(&mut self, row: usize, record: EntityRecord) -> Result<(), GazetteerError> {
        let numbering = self.numbering;
        let error = |kind| GazetteerError::new(Some(row), numbering, kind);
        let name = record.name.map(clean).filter(|n| !n.is_empty());
        let id = record.id.map(clean).filter(|id| !id.is_empty());
        let id = match (id, &name) {
            (Some(id), _) => id,
            (None, Some(name)) if self.ids_from_names => name.clone(),
            (None, _) => return Err(error(ErrorKind::MissingId)),
        };
        if let Some(name) = &name {
            check_alias(name).map_err(error)?;
        }
        let mut aliases = Vec::with_capacity(record.aliases.len());
        for alias in record.aliases {
            let alias = clean(alias);
            check_alias(&alias).map_err(error)?;
            aliases.push(alias);
        }
        let kind = record.kind.map(clean).filter(|k| !k.is_empty());

        let gazetteer = &mut self.gazetteer;
        let index = match gazetteer.by_id.get(&id) {
            Some(&index) => index,
            None => {
                let name = match name.clone() {
                    Some(name) => name,
                    None => {
                        check_alias(&id).map_err(error)?;
                        id.clone()
                    }
                };
                let index = gazetteer.entities.len() as EntityIndex;
                gazetteer.entities.push(Entity {
                    id: id.clone(),
                    name,
                    kind: None,
                    aliases: Vec::new(),
                    extra: Extra::new(),
                });
                gazetteer.by_id.insert(id.clone(), index);
                index
            }
        };
        let entity = &mut gazetteer.entities[index as usize];
        let conflict = |field: &str, first: &str, second: &str| {
            error(ErrorKind::Conflict {
                id: id.clone(),
                field: field.to_string(),
                first: first.to_string(),
                second: second.to_string(),
            })
        };
        if let Some(name) = name {
            if name != entity.name {
                return Err(conflict("name", &entity.name, &name));
            }
        }
        match (&entity.kind, kind) {
            (Some(first), Some(second)) if *first != second => return Err(conflict("type", first, &second)),
            (None, Some(kind)) => entity.kind = Some(kind),
            _ => {}
        }
        for (key, value) in record.extra {
            match entity.extra.get(&key) {
                Some(first) if *first != value => {
                    return Err(conflict(&key, &first.to_string(), &value.to_string()));
                }
                Some(_) => {}
                None => {
                    entity.extra.insert(key, value);
                }
            }
        }
        for alias in aliases {
            if alias != entity.name && !entity.aliases.contains(&alias) {
                entity.aliases.push(alias);
            }
        }
        Ok(())
    }

    /// The gazetteer.
    pub fn build(mut self) -> Gazetteer {
        let mut fields: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for entity in &self.gazetteer.entities {
            for key in entity.extra.keys() {
                if seen.insert(key.as_str()) {
                    fields.push(key.clone());
                }
            }
        }
        self.gazetteer.extra_fields = fields;
        self.gazetteer
    }
}

/// Trims white space (non-breaking spaces included) from both ends.
fn clean(s: String) -> String {
    let trimmed = s.trim_matches(is_space);
    if trimmed.len() == s.len() {
        s
    } else {
        trimmed.to_string()
    }
}

/// An alias must have a letter or digit to be a whole word.
fn check_alias(alias: &str) -> Result<(), ErrorKind> {
    if alias.is_empty() {
        return Err(ErrorKind::EmptyAlias);
    }
    if !alias.chars().any(is_word_char) {
        return Err(ErrorKind::NoWordCharacter {
            alias: alias.to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, name: &str, aliases: &[&str]) -> EntityRecord {
        EntityRecord {
            id: (!id.is_empty()).then(|| id.to_string()),
            name: (!name.is_empty()).then(|| name.to_string()),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn rows_of_one_id_merge() {
        let mut builder = Gazetteer::builder();
        builder
            .add(0, record("putin", "Vladimir Putin", &["Putin"]))
            .unwrap();
        builder
            .add(
                1,
                record("putin", "", &["President Putin", "Putin", " Vladimir Putin "]),
            )
            .unwrap();
        let gazetteer = builder.build();
        assert_eq!(gazetteer.len(), 1);
        assert_eq!(gazetteer.entity(0).aliases, ["Putin", "President Putin"]);
        assert_eq!(gazetteer.alias_count(), 3);
    }

    #[test]
    fn bad_rows_are_named() {
        let mut builder = Gazetteer::builder();
        let err = builder.add(3, record("", "Nobody", &[])).unwrap_err();
        assert_eq!(err.to_string(), "row 3: missing id");
        let err = builder.add(4, record("x", "X", &["  "])).unwrap_err();
        assert_eq!(err.to_string(), "row 4: empty alias (empty or only white space)");
        let err = builder.add(5, record("x", "X", &["--"])).unwrap_err();
        assert!(err.to_string().starts_with("row 5: alias \"--\" has no letter"));
        builder.add(6, record("x", "X", &[])).unwrap();
        let err = builder.add(7, record("x", "Y", &[])).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Conflict { .. }), "{err}");
        let mut lines = Gazetteer::builder()
            .numbering(RowNumbering::Line)
            .ids_from_names(true);
        lines.add(9, record("", "Named", &[])).unwrap();
        assert_eq!(lines.build().entity(0).id, "Named");
    }
}
