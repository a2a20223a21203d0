//! Extra fields between Python objects and JSON values (the core keeps them as JSON,
//! so they save, load and pickle with the gazetteer).

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// A JSON value from a Python object: `None`, `bool`, `int`, `float`, `str`, lists,
/// tuples and `str`-keyed dicts of these (numpy scalars convert through `item()`).
/// `Err` says what could not be converted.
pub(crate) fn to_json(object: &Bound<'_, PyAny>) -> Result<Value, String> {
    if object.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = object.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if object.is_instance_of::<PyInt>() {
        if let Ok(n) = object.extract::<i64>() {
            return Ok(Value::Number(n.into()));
        }
        if let Ok(n) = object.extract::<u64>() {
            return Ok(Value::Number(n.into()));
        }
        return Err("an integer too large for JSON".to_string());
    }
    if let Ok(f) = object.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| "a float that is NaN or infinite".to_string());
    }
    if let Ok(s) = object.cast::<PyString>() {
        return Ok(Value::String(s.to_cow().map_err(|e| e.to_string())?.into_owned()));
    }
    if object.is_instance_of::<PyList>() || object.is_instance_of::<PyTuple>() {
        let items = object.try_iter().map_err(|e| e.to_string())?;
        return items
            .map(|item| to_json(&item.map_err(|e| e.to_string())?))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array);
    }
    if let Ok(dict) = object.cast::<PyDict>() {
        let mut map = Map::new();
        for (key, value) in dict.iter() {
            let key = key
                .extract::<String>()
                .map_err(|_| "a dict whose keys are not all str".to_string())?;
            map.insert(key, to_json(&value)?);
        }
        return Ok(Value::Object(map));
    }
    // numpy scalars (`np.int64(3)`, `np.str_`) and the like.
    if let Ok(item) = object.call_method0("item") {
        if !item.is(object) {
            return to_json(&item);
        }
    }
    let name = object
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default();
    Err(format!(
        "a value of type {name} (only None, bool, int, float, str, list and dict)"
    ))
}

/// A Python object from a JSON value.
pub(crate) fn to_python<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let items = items
                .iter()
                .map(|v| to_python(py, v))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        Value::Object(map) => to_dict(py, map)?.into_any(),
    })
}

/// A Python dict from a JSON object.
pub(crate) fn to_dict<'py>(py: Python<'py>, map: &Map<String, Value>) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (key, value) in map {
        dict.set_item(key, to_python(py, value)?)?;
    }
    Ok(dict)
}
