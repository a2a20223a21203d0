//! The PyO3 binding, module `presswork._core`. It only converts: Python objects to
//! borrowed UTF-8 text, core byte spans to code-point offsets and Python objects or
//! numpy columns, core errors to the package's exceptions. All the work is in the core.

mod arrow_texts;
mod columns;
mod errors;
mod gazetteer;
mod int_column;
mod json;
mod mapped;
mod matcher;
mod pipeline;
mod quotes;
mod spans;
mod splitter;
mod substrings;
mod text_lengths;
mod texts;
mod thread_state;
mod utf8_columns;

use pyo3::prelude::*;

/// The extension module.
#[pymodule]
#[pyo3(name = "_core")]
fn core_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    m.add_class::<spans::PySpan>()?;
    m.add_class::<spans::PySentence>()?;
    m.add_class::<splitter::PySplitter>()?;
    m.add_class::<gazetteer::PyEntity>()?;
    m.add_class::<gazetteer::PyGazetteer>()?;
    m.add_class::<matcher::PyEntityMatcher>()?;
    m.add_class::<matcher::PyMention>()?;
    m.add_class::<quotes::PyQuoteExtractor>()?;
    m.add_class::<quotes::PyQuote>()?;
    m.add_class::<pipeline::PyPipeline>()?;
    m.add_class::<pipeline::PyTableBuilder>()?;
    m.add("_CHUNKS_IN_FLIGHT", pipeline::CHUNKS_IN_FLIGHT)?;
    m.add("_MAX_THREADS", pipeline::MAX_THREADS)?;
    m.add_function(wrap_pyfunction!(substrings::substrings, m)?)?;
    m.add_function(wrap_pyfunction!(text_lengths::text_lengths, m)?)?;
    Ok(())
}
