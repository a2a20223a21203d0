//! Gazetteers in files: JSON Lines (one entity or alias row per line) and CSV.
//!
//! JSON Lines: one object per line with `id`, `name`, `type` and `aliases` (a list of
//! strings, or one string); every other key is an extra field. Blank lines are skipped.
//! This is also the format [`write_jsonl`] saves.
//!
//! ```text
//! {"id": "putin", "name": "Vladimir Putin", "type": "PERSON", "aliases": ["Putin"], "country": "RU"}
//! ```
//!
//! CSV: a header row naming the columns (which column holds what is a [`CsvColumns`]);
//! the alias cell may hold several aliases split by a separator (`|` by default);
//! every other column is an extra field (empty cells are left out).

use std::io::{BufRead, Write};

use serde_json::{Map, Value};

use super::gazetteer::{EntityRecord, ErrorKind, Gazetteer, GazetteerError, RowNumbering};

/// Reads a JSON Lines gazetteer. Errors name the line (from 1).
pub fn read_jsonl(reader: impl BufRead) -> Result<Gazetteer, GazetteerError> {
    let mut builder = Gazetteer::builder().numbering(RowNumbering::Line);
    for (n, line) in reader.lines().enumerate() {
        let line_number = n + 1;
        let error = |kind| GazetteerError::new(Some(line_number), RowNumbering::Line, kind);
        let line = line.map_err(|e| {
            error(ErrorKind::Io {
                message: e.to_string(),
            })
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(&line).map_err(|e| {
            error(ErrorKind::Syntax {
                message: format!("invalid JSON: {e}"),
            })
        })?;
        let Value::Object(object) = value else {
            return Err(error(ErrorKind::Syntax {
                message: "expected a JSON object".to_string(),
            }));
        };
        builder.add(line_number, record_from_object(object).map_err(error)?)?;
    }
    Ok(builder.build())
}

/// One record from a JSON object: `id`, `name`, `type`, `aliases`; the rest is extra.
/// (`shift_remove` keeps the extra fields in the order the row gives them).
pub fn record_from_object(mut object: Map<String, Value>) -> Result<EntityRecord, ErrorKind> {
    let mut take_str = |field: &str| -> Result<Option<String>, ErrorKind> {
        match object.shift_remove(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(Value::Number(n)) if field == "id" => Ok(Some(n.to_string())),
            Some(_) => Err(ErrorKind::BadField {
                field: field.to_string(),
                expected: "a string",
            }),
        }
    };
    let id = take_str("id")?;
    let name = take_str("name")?;
    let kind = take_str("type")?;
    let aliases = match object.shift_remove("aliases") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => vec![s],
        Some(Value::Array(items)) => items
            .into_iter()
            .map(|item| match item {
                Value::String(s) => Ok(s),
                _ => Err(ErrorKind::BadField {
                    field: "aliases".to_string(),
                    expected: "a list of strings",
                }),
            })
            .collect::<Result<_, _>>()?,
        Some(_) => {
            return Err(ErrorKind::BadField {
                field: "aliases".to_string(),
                expected: "a list of strings",
            })
        }
    };
    Ok(EntityRecord {
        id,
        name,
        kind,
        aliases,
        extra: object,
    })
}

/// One entity as the JSON object [`read_jsonl`] reads.
pub fn entity_to_object(entity: &super::Entity) -> Map<String, Value> {
    let mut object = Map::new();
    object.insert("id".into(), Value::String(entity.id.clone()));
    object.insert("name".into(), Value::String(entity.name.clone()));
    if let Some(kind) = &entity.kind {
        object.insert("type".into(), Value::String(kind.clone()));
    }
    object.insert(
        "aliases".into(),
        Value::Array(entity.aliases.iter().cloned().map(Value::String).collect()),
    );
    for (key, value) in &entity.extra {
        object.insert(key.clone(), value.clone());
    }
    object
}

/// Writes `gazetteer` as JSON Lines, one entity per line.
pub fn write_jsonl(gazetteer: &Gazetteer, mut writer: impl Write) -> std::io::Result<()> {
    for entity in gazetteer.entities() {
        serde_json::to_writer(&mut writer, &Value::Object(entity_to_object(entity)))?;
        writer.write_all(b"\n")?;
    }
    writer.flush()
}

/// Which CSV column holds what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvColumns {
    /// The id column; `None`: ids are the names.
    pub id: Option<String>,
    /// The name column; `None` (or absent from the header): names are the ids.
    pub name: Option<String>,
    /// The type column, if any.
    pub kind: Option<String>,
    /// The alias column, if any.
    pub aliases: Option<String>,
    /// Splits several aliases in one cell; `None`: one alias per cell.
    pub separator: Option<char>,
}

impl Default for CsvColumns {
    fn default() -> Self {
        CsvColumns {
            id: Some("id".into()),
            name: Some("name".into()),
            kind: Some("type".into()),
            aliases: Some("aliases".into()),
            separator: Some('|'),
        }
    }
}

/// Reads a CSV gazetteer with a header row. Errors name the line (from 1, the
/// header being line 1).
pub fn read_csv(reader: impl std::io::Read, columns: &CsvColumns) -> Result<Gazetteer, GazetteerError> {
    let whole = |kind| GazetteerError::new(None, RowNumbering::Line, kind);
    let mut csv = csv::ReaderBuilder::new().flexible(false).from_reader(reader);
    let header = csv
        .headers()
        .map_err(|e| {
            whole(ErrorKind::Syntax {
                message: e.to_string(),
            })
        })?
        .clone();
    let find = |column: &Option<String>, required: bool| -> Result<Option<usize>, GazetteerError> {
        let Some(column) = column else { return Ok(None) };
        match header.iter().position(|h| h.trim() == column) {
            Some(i) => Ok(Some(i)),
            None if required => Err(whole(ErrorKind::MissingColumn {
                column: column.clone(),
            })),
            None => Ok(None),
        }
    };
    let id = find(&columns.id, true)?;
    let name = find(&columns.name, columns.id.is_none())?;
    let kind = find(&columns.kind, false)?;
    let aliases = find(&columns.aliases, false)?;
    let known = [id, name, kind, aliases];
    let mut builder = Gazetteer::builder()
        .numbering(RowNumbering::Line)
        .ids_from_names(columns.id.is_none());
    let mut record = csv::StringRecord::new();
    loop {
        let line = csv.position().line() as usize;
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(GazetteerError::new(
                    Some(line),
                    RowNumbering::Line,
                    ErrorKind::Syntax {
                        message: e.to_string(),
                    },
                ))
            }
        }
        let cell = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(str::to_string)
                .filter(|s| !s.trim().is_empty())
        };
        let alias_cell = cell(aliases);
        let aliases = match (alias_cell, columns.separator) {
            (None, _) => Vec::new(),
            (Some(cell), Some(separator)) => cell
                .split(separator)
                .map(str::to_string)
                .filter(|a| !a.trim().is_empty())
                .collect(),
            (Some(cell), None) => vec![cell],
        };
        let mut extra = Map::new();
        for (i, value) in record.iter().enumerate() {
            if !known.contains(&Some(i)) && !value.trim().is_empty() {
                extra.insert(header[i].trim().to_string(), Value::String(value.to_string()));
            }
        }
        let entity = EntityRecord {
            id: cell(id),
            name: cell(name),
            kind: cell(kind),
            aliases,
            extra,
        };
        builder.add(line, entity)?;
    }
    Ok(builder.build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_round_trip() {
        let text = concat!(
            "{\"id\": \"putin\", \"name\": \"Vladimir Putin\", \"type\": \"PERSON\", ",
            "\"aliases\": [\"Putin\"], \"country\": \"RU\", \"born\": 1952}\n",
            "\n",
            "{\"id\": \"putin\", \"aliases\": \"President Putin\"}\n",
        );
        let gazetteer = read_jsonl(text.as_bytes()).unwrap();
        assert_eq!(gazetteer.len(), 1);
        let mut saved = Vec::new();
        write_jsonl(&gazetteer, &mut saved).unwrap();
        assert_eq!(read_jsonl(saved.as_slice()).unwrap(), gazetteer);
        assert_eq!(gazetteer.entity(0).extra["born"], 1952);
    }

    #[test]
    fn jsonl_errors_name_the_line() {
        let err = read_jsonl("{\"id\": \"a\"}\n{\"id\": \"b\", \"aliases\": [\"\"]}\n".as_bytes());
        assert_eq!(
            err.unwrap_err().to_string(),
            "line 2: empty alias (empty or only white space)"
        );
        let err = read_jsonl("{\"id\": \"a\"}\nnot json\n".as_bytes()).unwrap_err();
        assert!(err.to_string().starts_with("line 2: invalid JSON"), "{err}");
        let err = read_jsonl("{\"id\": \"a\", \"aliases\": 5}\n".as_bytes()).unwrap_err();
        assert!(err.to_string().contains("\"aliases\" must be a list"), "{err}");
    }

    #[test]
    fn csv_rows_per_alias_and_per_entity() {
        let text = "id,name,type,aliases,country\nputin,Vladimir Putin,PERSON,Putin|President Putin,RU\n\
                    isis,ISIS,ORG,Islamic State,\nisis,,,Daesh,\n";
        let gazetteer = read_csv(text.as_bytes(), &CsvColumns::default()).unwrap();
        assert_eq!(gazetteer.len(), 2);
        assert_eq!(gazetteer.entity(1).aliases, ["Islamic State", "Daesh"]);
        assert!(gazetteer.entity(1).extra.is_empty());
        let err = read_csv("name\nA\n".as_bytes(), &CsvColumns::default()).unwrap_err();
        assert_eq!(err.to_string(), "no column \"id\"");
        let err = read_csv("id,name\na,A\n,B\n".as_bytes(), &CsvColumns::default()).unwrap_err();
        assert_eq!(err.to_string(), "line 3: missing id");
    }
}
