//! Thread pools of a chosen size, for `Pipeline.analyze(threads=N)`: made at the first
//! call that asks for that size and kept for the process' life (a pool's threads sleep
//! while it has no work), so that calls with different sizes can alternate in one
//! process, as a benchmark or a notebook does, where `RAYON_NUM_THREADS` fixes rayon's
//! global pool once.

use std::sync::{Arc, Mutex, PoisonError};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use rayon::{ThreadPool, ThreadPoolBuilder};

use super::super::errors::value_error;

/// The most threads a pool may have: far more than any machine's cores, so that a typo
/// (`threads=10**6`) is refused instead of starting a million threads.
pub(crate) const MAX_THREADS: usize = 4096;

/// The pools made so far, by size.
static POOLS: Mutex<Vec<(usize, Arc<ThreadPool>)>> = Mutex::new(Vec::new());

/// The pool of `threads` threads (1 to [`MAX_THREADS`]), made at the first request.
pub(super) fn pool_of(py: Python<'_>, threads: usize) -> PyResult<Arc<ThreadPool>> {
    if !(1..=MAX_THREADS).contains(&threads) {
        let message = format!("threads must be between 1 and {MAX_THREADS}, not {threads}");
        return Err(value_error(py, message));
    }
    let mut pools = POOLS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, pool)) = pools.iter().find(|(size, _)| *size == threads) {
        return Ok(Arc::clone(pool));
    }
    let pool = ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(move |index| format!("presswork-{threads}-{index}"))
        .build()
        .map_err(|error| PyRuntimeError::new_err(format!("cannot start {threads} threads: {error}")))?;
    let pool = Arc::new(pool);
    pools.push((threads, Arc::clone(&pool)));
    Ok(pool)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Sizes out of range are refused with a PressworkValueError, which needs the
    // package: tested from Python (tests/test_pipeline.py).
    #[test]
    fn a_size_gets_one_pool_of_that_many_threads() {
        Python::initialize();
        Python::attach(|py| {
            let two = pool_of(py, 2).expect("a pool");
            assert_eq!(two.current_num_threads(), 2);
            assert!(Arc::ptr_eq(&two, &pool_of(py, 2).expect("the same pool")));
            assert_eq!(pool_of(py, 1).expect("a pool").current_num_threads(), 1);
        });
    }
}
