//! A Python thread state kept for the life of each pool thread that calls into Python.
//!
//! The table builder's pool threads read the chunks and call the progress callback with
//! the GIL (`Python::attach`). A thread that has no Python thread state gets a new one at
//! each attach, and loses it at the end: CPython allocates the state and its 16 KiB frame
//! stack (a memory mapping of its own) every time, and unmaps the stack after. On news
//! that was some 80 `mmap`/`munmap` pairs a call, and with two threads each unmapping
//! interrupts the other core to flush its TLB. Kept, the state is made once per thread.

use std::cell::Cell;

use pyo3::ffi;

thread_local! {
    /// This thread holds a thread state of its own, made by [`keep`].
    static KEPT: Cell<bool> = const { Cell::new(false) };
}

/// Makes this thread's Python thread state last until the thread ends, if it has none:
/// later `Python::attach` calls on the thread reuse it instead of making and dropping one
/// each time. A thread that has a state already (the calling thread, say) is left as it
/// is. Call it without holding the GIL.
pub(crate) fn keep() {
    if KEPT.get() {
        return;
    }
    KEPT.set(true);
    // SAFETY: the interpreter is running (the caller is inside a call from Python) and
    // this thread does not hold the GIL. A thread without a state gets one from
    // `PyGILState_Ensure`, which also takes the GIL; `PyEval_SaveThread` lets the GIL go
    // and keeps the state, with its `PyGILState` count at one, so that the count of
    // every later attach returns to one, not zero, and the state stays. The state is
    // never released: pool threads live as long as the process.
    unsafe {
        if ffi::PyGILState_GetThisThreadState().is_null() {
            ffi::PyGILState_Ensure();
            ffi::PyEval_SaveThread();
        }
    }
}

#[cfg(test)]
mod tests {
    use pyo3::prelude::*;

    use super::*;

    /// The address of the thread state this thread has now (0: none).
    fn this_thread_state() -> usize {
        // SAFETY: reads this thread's slot; the interpreter is initialised.
        unsafe { ffi::PyGILState_GetThisThreadState() as usize }
    }

    #[test]
    fn a_kept_state_outlives_each_attach() {
        Python::initialize();
        let states = std::thread::spawn(|| {
            Python::attach(|_| ());
            let unkept = this_thread_state();
            keep();
            let kept = this_thread_state();
            Python::attach(|_| ());
            Python::attach(|_| ());
            (unkept == 0, kept, this_thread_state())
        })
        .join()
        .expect("the thread ran");
        let (unkept_was_null, kept, after) = states;
        assert!(unkept_was_null, "an attach leaves no state behind by itself");
        assert_ne!(kept, 0);
        assert_eq!(kept, after, "the attaches reused the kept state");
    }

    #[test]
    fn a_thread_with_a_state_keeps_its_own() {
        Python::initialize();
        std::thread::spawn(|| {
            keep();
            let first = this_thread_state();
            keep();
            assert_eq!(first, this_thread_state());
        })
        .join()
        .expect("the thread ran");
    }
}
