//! `Gazetteer` and `Entity`: the Python face of [`crate::entities::Gazetteer`].
//!
//! Rows come in as records (mappings), as columns (lists, from a DataFrame), as a
//! mapping of names to aliases, or from JSON Lines / CSV files; the binding only turns
//! Python values into [`EntityRecord`]s, and the core checks them and names bad rows.

use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::sync::Arc;

use pyo3::exceptions::{PyKeyError, PyOSError};
use pyo3::prelude::*;
use pyo3::pyclass::CompareOp;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyFloat, PyList, PyMapping, PyString, PyTuple};

use super::errors::{type_error, value_error};
use super::json::{to_dict, to_json};
use crate::entities::{io, Entity, EntityIndex, EntityRecord, Gazetteer, GazetteerError};

/// A known entity: id, display name, type, aliases and extra fields.
#[pyclass(module = "presswork", name = "Entity", frozen)]
pub(crate) struct PyEntity {
    #[pyo3(get)]
    id: Py<PyString>,
    #[pyo3(get)]
    name: Py<PyString>,
    #[pyo3(get, name = "type")]
    kind: Option<Py<PyString>>,
    #[pyo3(get)]
    aliases: Py<PyTuple>,
    extra: Py<PyDict>,
}

impl PyEntity {
    fn from_core(py: Python<'_>, entity: &Entity) -> PyResult<PyEntity> {
        Ok(PyEntity {
            id: PyString::new(py, &entity.id).unbind(),
            name: PyString::new(py, &entity.name).unbind(),
            kind: entity.kind.as_deref().map(|k| PyString::new(py, k).unbind()),
            aliases: PyTuple::new(py, &entity.aliases)?.unbind(),
            extra: to_dict(py, &entity.extra)?.unbind(),
        })
    }

    pub(crate) fn id(&self) -> &Py<PyString> {
        &self.id
    }

    pub(crate) fn name(&self) -> &Py<PyString> {
        &self.name
    }

    pub(crate) fn kind(&self) -> Option<&Py<PyString>> {
        self.kind.as_ref()
    }

    pub(crate) fn extra_copy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.extra.bind(py).copy()
    }

    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        (
            self.id.bind(py),
            self.name.bind(py),
            self.kind.as_ref().map(|k| k.bind(py)),
            self.aliases.bind(py),
            self.extra.bind(py).copy()?,
        )
            .into_pyobject(py)
    }
}

#[pymethods]
impl PyEntity {
    #[new]
    #[pyo3(signature = (id, name, r#type = None, aliases = None, extra = None))]
    fn new(
        py: Python<'_>,
        id: &str,
        name: &str,
        r#type: Option<&str>,
        aliases: Option<Vec<String>>,
        extra: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyEntity> {
        Ok(PyEntity {
            id: PyString::new(py, id).unbind(),
            name: PyString::new(py, name).unbind(),
            kind: r#type.map(|k| PyString::new(py, k).unbind()),
            aliases: PyTuple::new(py, aliases.unwrap_or_default())?.unbind(),
            extra: match extra {
                Some(extra) => extra.copy()?.unbind(),
                None => PyDict::new(py).unbind(),
            },
        })
    }

    /// Extra fields (a copy: entities are immutable).
    #[getter]
    fn extra<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.extra.bind(py).copy()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let kind = match &self.kind {
            Some(kind) => kind.bind(py).repr()?.to_string(),
            None => "None".to_string(),
        };
        Ok(format!(
            "Entity(id={}, name={}, type={}, aliases={})",
            self.id.bind(py).repr()?,
            self.name.bind(py).repr()?,
            kind,
            self.aliases.bind(py).repr()?
        ))
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<PyEntity>() {
            Ok(other) => super::spans::compare(py, self.fields(py)?, other.get().fields(py)?, op),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        (self.id.bind(py), self.name.bind(py)).into_pyobject(py)?.hash()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        (slf.get_type(), slf.get().fields(slf.py())?).into_pyobject(slf.py())
    }
}

/// Which field (record key or DataFrame column) holds what.
struct FieldNames {
    id: Option<String>,
    name: String,
    kind: String,
    aliases: String,
    separator: Option<String>,
}

impl FieldNames {
    fn new(id: Option<&str>, name: &str, kind: &str, aliases: &str, separator: Option<&str>) -> Self {
        FieldNames {
            id: id.map(str::to_string),
            name: name.to_string(),
            kind: kind.to_string(),
            aliases: aliases.to_string(),
            separator: separator.map(str::to_string),
        }
    }

    fn role(&self, key: &str) -> Option<Role> {
        if self.id.as_deref() == Some(key) {
            Some(Role::Id)
        } else if key == self.name {
            Some(Role::Name)
        } else if key == self.kind {
            Some(Role::Kind)
        } else if key == self.aliases {
            Some(Role::Aliases)
        } else {
            None
        }
    }
}

#[derive(Clone, Copy)]
enum Role {
    Id,
    Name,
    Kind,
    Aliases,
}

/// `None`, NaN, `pd.NA` and `pd.NaT`: a missing cell.
fn is_missing(value: &Bound<'_, PyAny>) -> bool {
    value.is_none()
        || value.cast::<PyFloat>().is_ok_and(|f| f.value().is_nan())
        || value
            .get_type()
            .name()
            .is_ok_and(|n| n == "NAType" || n == "NaTType")
}

/// Builds a record field by field; `Err` is the message (the caller adds the row).
struct RecordBuilder<'a> {
    fields: &'a FieldNames,
    record: EntityRecord,
}

impl<'a> RecordBuilder<'a> {
    fn new(fields: &'a FieldNames) -> Self {
        RecordBuilder {
            fields,
            record: EntityRecord::default(),
        }
    }

    fn set(&mut self, key: &str, value: &Bound<'_, PyAny>) -> Result<(), String> {
        if is_missing(value) {
            return Ok(());
        }
        let text = |what: &str| -> Result<String, String> {
            if let Ok(s) = value.cast::<PyString>() {
                return s.to_cow().map(|c| c.into_owned()).map_err(|e| e.to_string());
            }
            if what == "id" && value.extract::<i64>().is_ok() {
                return Ok(value.str().map_err(|e| e.to_string())?.to_string());
            }
            let name = value.get_type().name().map(|n| n.to_string()).unwrap_or_default();
            Err(format!("field {key:?} ({what}) must be a str, not {name}"))
        };
        match self.fields.role(key) {
            Some(Role::Id) => self.record.id = Some(text("id")?),
            Some(Role::Name) => self.record.name = Some(text("name")?),
            Some(Role::Kind) => self.record.kind = Some(text("type")?),
            Some(Role::Aliases) => self.add_aliases(key, value)?,
            None => {
                let json = to_json(value).map_err(|e| format!("extra field {key:?} holds {e}"))?;
                self.record.extra.insert(key.to_string(), json);
            }
        }
        Ok(())
    }

    fn add_aliases(&mut self, key: &str, value: &Bound<'_, PyAny>) -> Result<(), String> {
        if let Ok(s) = value.cast::<PyString>() {
            let s = s.to_cow().map_err(|e| e.to_string())?;
            match &self.fields.separator {
                Some(separator) => self.record.aliases.extend(
                    s.split(separator.as_str())
                        .filter(|a| !a.trim().is_empty())
                        .map(str::to_string),
                ),
                None => self.record.aliases.push(s.to_string()),
            }
            return Ok(());
        }
        let bad = || format!("field {key:?} (aliases) must be a str or a list of str");
        let items = value.try_iter().map_err(|_| bad())?;
        for item in items {
            let item = item.map_err(|e| e.to_string())?;
            if is_missing(&item) {
                continue;
            }
            let alias = item.cast::<PyString>().map_err(|_| bad())?;
            self.record
                .aliases
                .push(alias.to_cow().map_err(|e| e.to_string())?.into_owned());
        }
        Ok(())
    }
}

/// Known entities (id, name, type, aliases, extra fields), the input of an
/// `EntityMatcher`. Immutable; pickles as JSON Lines.
#[pyclass(module = "presswork", name = "Gazetteer", frozen)]
pub(crate) struct PyGazetteer {
    inner: Arc<Gazetteer>,
    /// `Entity` objects, made on first use.
    entity_objects: Vec<PyOnceLock<Py<PyEntity>>>,
}

impl PyGazetteer {
    pub(crate) fn from_core(inner: Gazetteer) -> PyGazetteer {
        let entity_objects = (0..inner.len()).map(|_| PyOnceLock::new()).collect();
        PyGazetteer {
            inner: Arc::new(inner),
            entity_objects,
        }
    }

    pub(crate) fn core(&self) -> &Arc<Gazetteer> {
        &self.inner
    }

    /// The `Entity` object of entity `index` (made once, then shared).
    pub(crate) fn entity_object<'py>(
        &self,
        py: Python<'py>,
        index: EntityIndex,
    ) -> PyResult<&Bound<'py, PyEntity>> {
        let cell = &self.entity_objects[index as usize];
        let entity = cell.get_or_try_init(py, || {
            Py::new(py, PyEntity::from_core(py, self.inner.entity(index))?)
        })?;
        Ok(entity.bind(py))
    }

    fn rows_error(py: Python<'_>, error: GazetteerError, labels: Option<&Bound<'_, PyList>>) -> PyErr {
        if error.is_io() {
            return PyOSError::new_err(error.to_string());
        }
        let label = match (error.row(), labels) {
            (Some(row), Some(labels)) => labels
                .get_item(row)
                .and_then(|l| l.repr())
                .map(|r| format!("row {row} (index {r}): "))
                .ok(),
            _ => None,
        };
        match label {
            Some(label) => value_error(py, format!("{label}{}", error.kind())),
            None => value_error(py, error.to_string()),
        }
    }
}

fn open(path: &str) -> PyResult<File> {
    File::open(path).map_err(|e| PyOSError::new_err(format!("{path}: {e}")))
}

#[pymethods]
impl PyGazetteer {
    /// A gazetteer from records (mappings); see `Gazetteer.from_records`.
    #[new]
    #[pyo3(signature = (records = None))]
    fn new(py: Python<'_>, records: Option<&Bound<'_, PyAny>>) -> PyResult<PyGazetteer> {
        match records {
            None => Ok(PyGazetteer::from_core(Gazetteer::default())),
            Some(records) => Self::from_records(py, records, Some("id"), "name", "type", "aliases", None),
        }
    }

    /// One entity (or one alias row) per mapping: `id`, `name`, `type`, `aliases`
    /// (a list, or one str, split by `alias_separator` when given); other keys are
    /// extra fields. Rows with the same id merge. `id=None`: ids are the names.
    #[staticmethod]
    #[pyo3(
        signature = (records, *, id = Some("id"), name = "name", r#type = "type", aliases = "aliases", alias_separator = None),
        text_signature = "(records, *, id='id', name='name', type='type', aliases='aliases', alias_separator=None)"
    )]
    fn from_records(
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        id: Option<&str>,
        name: &str,
        r#type: &str,
        aliases: &str,
        alias_separator: Option<&str>,
    ) -> PyResult<PyGazetteer> {
        if records.is_instance_of::<PyString>() || records.cast::<PyMapping>().is_ok() {
            return Err(type_error(
                py,
                "records must be an iterable of mappings (use Gazetteer.from_dict for a dict of names)"
                    .to_string(),
            ));
        }
        let fields = FieldNames::new(id, name, r#type, aliases, alias_separator);
        let mut builder = Gazetteer::builder().ids_from_names(id.is_none());
        let iterator = records
            .try_iter()
            .map_err(|_| type_error(py, "records must be an iterable of mappings".to_string()))?;
        for (row, item) in iterator.enumerate() {
            let item = item?;
            let Ok(mapping) = item.cast::<PyMapping>() else {
                let kind = item.get_type().name()?;
                return Err(type_error(
                    py,
                    format!("row {row}: expected a mapping, not {kind}"),
                ));
            };
            let mut record = RecordBuilder::new(&fields);
            for pair in mapping.items()?.iter() {
                let (key, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = pair.extract()?;
                let key: String = key
                    .extract()
                    .map_err(|_| type_error(py, format!("row {row}: keys must be str")))?;
                record
                    .set(&key, &value)
                    .map_err(|message| value_error(py, format!("row {row}: {message}")))?;
            }
            builder
                .add(row, record.record)
                .map_err(|e| Self::rows_error(py, e, None))?;
        }
        Ok(PyGazetteer::from_core(builder.build()))
    }

    /// Columns (equal-length lists, as from a DataFrame) to a gazetteer; `labels` names
    /// rows in errors. Used by `Gazetteer.from_frame`.
    #[staticmethod]
    #[pyo3(signature = (columns, labels, *, id, name, r#type, aliases, alias_separator = None))]
    #[allow(clippy::too_many_arguments)]
    fn _from_columns(
        py: Python<'_>,
        columns: &Bound<'_, PyDict>,
        labels: &Bound<'_, PyList>,
        id: Option<&str>,
        name: &str,
        r#type: &str,
        aliases: &str,
        alias_separator: Option<&str>,
    ) -> PyResult<PyGazetteer> {
        let fields = FieldNames::new(id, name, r#type, aliases, alias_separator);
        let columns: Vec<(String, Bound<'_, PyList>)> = columns
            .iter()
            .map(|(k, v)| Ok((k.extract::<String>()?, v.cast_into::<PyList>()?)))
            .collect::<PyResult<_>>()?;
        let mut builder = Gazetteer::builder().ids_from_names(id.is_none());
        for row in 0..labels.len() {
            let mut record = RecordBuilder::new(&fields);
            for (key, column) in &columns {
                record.set(key, &column.get_item(row)?).map_err(|message| {
                    let label = labels.get_item(row).and_then(|l| l.repr()).map(|r| r.to_string());
                    value_error(
                        py,
                        format!("row {row} (index {}): {message}", label.unwrap_or_default()),
                    )
                })?;
            }
            builder
                .add(row, record.record)
                .map_err(|e| Self::rows_error(py, e, Some(labels)))?;
        }
        Ok(PyGazetteer::from_core(builder.build()))
    }

    /// A gazetteer from a pandas DataFrame (see `presswork.frames.gazetteer_from_frame`):
    /// one row per entity or one row per alias; other columns are extra fields.
    #[staticmethod]
    #[pyo3(
        signature = (frame, *, id = Some("id"), name = "name", r#type = "type", aliases = "aliases", alias_separator = None),
        text_signature = "(frame, *, id='id', name='name', type='type', aliases='aliases', alias_separator=None)"
    )]
    fn from_frame<'py>(
        py: Python<'py>,
        frame: &Bound<'py, PyAny>,
        id: Option<&str>,
        name: &str,
        r#type: &str,
        aliases: &str,
        alias_separator: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let kwargs = PyDict::new(py);
        kwargs.set_item("id", id)?;
        kwargs.set_item("name", name)?;
        kwargs.set_item("type", r#type)?;
        kwargs.set_item("aliases", aliases)?;
        kwargs.set_item("alias_separator", alias_separator)?;
        let frames = py.import("presswork.frames")?;
        frames
            .getattr("gazetteer_from_frame")?
            .call((frame,), Some(&kwargs))
    }

    /// One row per name or alias: `id`, `name`, `type`, `alias`, `is_name`, and one
    /// column per extra field.
    fn to_frame<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let frames = slf.py().import("presswork.frames")?;
        frames.call_method1("gazetteer_frame", (slf,))
    }

    /// `{name: aliases}`: each key is an entity's name (and id); its value is a list of
    /// aliases, one alias, or `None`. `type` applies to every entity.
    #[staticmethod]
    #[pyo3(signature = (mapping, *, r#type = None))]
    fn from_dict(py: Python<'_>, mapping: &Bound<'_, PyAny>, r#type: Option<&str>) -> PyResult<PyGazetteer> {
        let Ok(mapping) = mapping.cast::<PyMapping>() else {
            return Err(type_error(
                py,
                "mapping must be a dict of name -> aliases".to_string(),
            ));
        };
        let fields = FieldNames::new(None, "name", "type", "aliases", None);
        let mut builder = Gazetteer::builder().ids_from_names(true);
        for (row, pair) in mapping.items()?.iter().enumerate() {
            let (key, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = pair.extract()?;
            let mut record = RecordBuilder::new(&fields);
            let described = key.repr().map(|r| r.to_string()).unwrap_or_default();
            let fail = |message: String| value_error(py, format!("row {row} (key {described}): {message}"));
            record.set("name", &key).map_err(fail)?;
            record.set("aliases", &value).map_err(fail)?;
            record.record.kind = r#type.map(str::to_string);
            builder
                .add(row, record.record)
                .map_err(|e| value_error(py, format!("row {row} (key {described}): {}", e.kind())))?;
        }
        Ok(PyGazetteer::from_core(builder.build()))
    }

    /// Reads a JSON Lines file (the format `save` writes): one object per line with
    /// `id`, `name`, `type`, `aliases`, and extra fields. Errors name the line.
    #[staticmethod]
    fn read_jsonl(py: Python<'_>, path: std::path::PathBuf) -> PyResult<PyGazetteer> {
        let display = path.display().to_string();
        let file = open(&display)?;
        let gazetteer = py
            .detach(|| io::read_jsonl(BufReader::new(file)))
            .map_err(|e| Self::rows_error(py, e, None))
            .map_err(|e| prefix(py, &display, e))?;
        Ok(PyGazetteer::from_core(gazetteer))
    }

    /// Reads a CSV file with a header row. `aliases` names the alias column, whose cells
    /// may hold several aliases split by `alias_separator`; other columns are extra
    /// fields. `id=None`: ids are the names. Errors name the line.
    #[staticmethod]
    #[pyo3(
        signature = (path, *, id = Some("id"), name = "name", r#type = "type", aliases = "aliases", alias_separator = Some("|")),
        text_signature = "(path, *, id='id', name='name', type='type', aliases='aliases', alias_separator='|')"
    )]
    fn read_csv(
        py: Python<'_>,
        path: std::path::PathBuf,
        id: Option<&str>,
        name: &str,
        r#type: &str,
        aliases: &str,
        alias_separator: Option<&str>,
    ) -> PyResult<PyGazetteer> {
        let separator = match alias_separator {
            None => None,
            Some(s) if s.chars().count() == 1 => s.chars().next(),
            Some(s) => {
                return Err(value_error(
                    py,
                    format!("alias_separator must be one character, not {s:?}"),
                ))
            }
        };
        let columns = io::CsvColumns {
            id: id.map(str::to_string),
            name: Some(name.to_string()),
            kind: Some(r#type.to_string()),
            aliases: Some(aliases.to_string()),
            separator,
        };
        let display = path.display().to_string();
        let file = open(&display)?;
        let gazetteer = py
            .detach(|| io::read_csv(BufReader::new(file), &columns))
            .map_err(|e| Self::rows_error(py, e, None))
            .map_err(|e| prefix(py, &display, e))?;
        Ok(PyGazetteer::from_core(gazetteer))
    }

    /// Saves as JSON Lines (read back with `Gazetteer.read_jsonl`).
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        let display = path.display().to_string();
        let file = File::create(&path).map_err(|e| PyOSError::new_err(format!("{display}: {e}")))?;
        py.detach(|| io::write_jsonl(&self.inner, BufWriter::new(file)))
            .map_err(|e| PyOSError::new_err(format!("{display}: {e}")))
    }

    /// The gazetteer as JSON Lines text.
    fn to_jsonl(&self) -> PyResult<String> {
        let mut out = Vec::new();
        io::write_jsonl(&self.inner, &mut out).map_err(|e| PyOSError::new_err(e.to_string()))?;
        String::from_utf8(out).map_err(|e| PyOSError::new_err(e.to_string()))
    }

    /// A gazetteer from JSON Lines text (what `to_jsonl` returns).
    #[staticmethod]
    fn from_jsonl(py: Python<'_>, text: &str) -> PyResult<PyGazetteer> {
        let gazetteer = io::read_jsonl(text.as_bytes()).map_err(|e| Self::rows_error(py, e, None))?;
        Ok(PyGazetteer::from_core(gazetteer))
    }

    /// Aliases shared by several entities (compared as the default matcher folds
    /// them): `{alias: [id, ...]}`.
    fn ambiguous_aliases(&self) -> Vec<(String, Vec<String>)> {
        let normalizer = crate::text::normalize::Normalizer::default();
        let mut by_key: std::collections::HashMap<String, (String, Vec<EntityIndex>)> = Default::default();
        let mut order = Vec::new();
        for (index, entity) in self.inner.entities().iter().enumerate() {
            for alias in entity.names() {
                let key = normalizer.normalize(alias);
                let entry = by_key.entry(key.clone()).or_insert_with(|| {
                    order.push(key);
                    (alias.to_string(), Vec::new())
                });
                if !entry.1.contains(&(index as EntityIndex)) {
                    entry.1.push(index as EntityIndex);
                }
            }
        }
        order
            .into_iter()
            .filter_map(|key| {
                let (alias, entities) = by_key.remove(&key)?;
                (entities.len() > 1).then(|| {
                    let ids = entities
                        .iter()
                        .map(|&e| self.inner.entity(e).id.clone())
                        .collect();
                    (alias, ids)
                })
            })
            .collect()
    }

    /// Columns `id`, `name`, `type` and every extra field for the entities at
    /// `indices` (missing extras are `None`). Used by the DataFrame helpers.
    fn _entity_table<'py>(&self, py: Python<'py>, indices: Vec<EntityIndex>) -> PyResult<Bound<'py, PyDict>> {
        for &index in &indices {
            self.check_index(py, index)?;
        }
        // Every extra field of the gazetteer, in its order: tables of any subset of the
        // entities have the same columns.
        let extra_keys = self.inner.extra_fields();
        let entities: Vec<&Entity> = indices.iter().map(|&i| self.inner.entity(i)).collect();
        let table = PyDict::new(py);
        table.set_item("id", entities.iter().map(|e| e.id.as_str()).collect::<Vec<_>>())?;
        table.set_item(
            "name",
            entities.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(),
        )?;
        table.set_item(
            "type",
            entities.iter().map(|e| e.kind.as_deref()).collect::<Vec<_>>(),
        )?;
        for key in extra_keys {
            let values = entities
                .iter()
                .map(|e| match e.extra.get(key) {
                    Some(value) => super::json::to_python(py, value),
                    None => Ok(py.None().into_bound(py)),
                })
                .collect::<PyResult<Vec<_>>>()?;
            table.set_item(key, values)?;
        }
        Ok(table)
    }

    /// The entity with id `id`.
    fn __getitem__<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyEntity>> {
        match self.inner.position(id) {
            Some(index) => Ok(self.entity_object(py, index)?.clone()),
            None => Err(PyKeyError::new_err(id.to_string())),
        }
    }

    fn __contains__(&self, id: &Bound<'_, PyAny>) -> bool {
        id.extract::<String>()
            .is_ok_and(|id| self.inner.position(&id).is_some())
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let entities = (0..self.inner.len() as EntityIndex)
            .map(|i| self.entity_object(py, i).cloned())
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, entities)?
            .as_any()
            .try_iter()
            .map(Bound::into_any)
    }

    /// Number of names and aliases over all entities.
    #[getter]
    fn alias_count(&self) -> usize {
        self.inner.alias_count()
    }

    fn __repr__(&self) -> String {
        format!(
            "Gazetteer({} entities, {} names and aliases)",
            self.inner.len(),
            self.inner.alias_count()
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let constructor = slf.get_type().getattr("from_jsonl")?;
        (constructor, (slf.get().to_jsonl()?,)).into_pyobject(py)
    }
}

impl PyGazetteer {
    fn check_index(&self, py: Python<'_>, index: EntityIndex) -> PyResult<()> {
        if (index as usize) < self.inner.len() {
            Ok(())
        } else {
            Err(value_error(py, format!("no entity at index {index}")))
        }
    }
}

/// Puts the file name in front of an error's message.
fn prefix(py: Python<'_>, path: &str, error: PyErr) -> PyErr {
    let message = format!("{path}: {}", error.value(py));
    if error.is_instance_of::<PyOSError>(py) {
        PyOSError::new_err(message)
    } else {
        value_error(py, message)
    }
}
