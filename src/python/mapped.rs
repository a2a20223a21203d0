//! Column buffers in anonymous memory mappings of their own, handed to numpy without a
//! copy.
//!
//! The final columns of an analysis are large and live as long as its DataFrames. Put
//! in the process heap, what they cost would depend on the allocator's heuristics: glibc
//! places a block in the heap or in a mapping by a threshold that rises as the process
//! frees memory, and the heap keeps the pages of what was freed. In a mapping of its own
//! a column costs the pages it has written and no more (room reserved and never used is
//! never touched), grows on Linux by moving its page tables (`mremap`) instead of
//! copying, and goes back to the system when its numpy array is freed: the array's base
//! object owns the mapping.

use std::marker::PhantomData;
use std::mem::size_of;
use std::ptr::NonNull;

use memmap2::MmapMut;
use numpy::ndarray::ArrayView1;
use numpy::{Element, PyArray1};
use pyo3::prelude::*;

/// Plain values a mapping holds: numpy element types of which every bit pattern is a
/// valid value (so zeroed pages read as zeros).
pub(crate) trait Plain: Element + Copy + Send + Sync + 'static {}

impl Plain for i8 {}
impl Plain for i16 {}
impl Plain for i32 {}
impl Plain for i64 {}
impl Plain for u8 {}

/// A growable array of `T` in a mapping of its own (none while empty).
pub(crate) struct Mapped<T: Plain> {
    map: Option<MmapMut>,
    len: usize,
    marker: PhantomData<T>,
}

impl<T: Plain> Default for Mapped<T> {
    fn default() -> Self {
        Mapped {
            map: None,
            len: 0,
            marker: PhantomData,
        }
    }
}

impl<T: Plain> Mapped<T> {
    /// An empty array with room for `capacity` values (mapped, not touched).
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        let mut mapped = Mapped::default();
        mapped.reserve(capacity);
        mapped
    }

    /// Number of values.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Values it can hold without growing.
    pub(crate) fn capacity(&self) -> usize {
        self.map.as_ref().map_or(0, |map| map.len() / size_of::<T>())
    }

    /// The values.
    pub(crate) fn as_slice(&self) -> &[T] {
        match &self.map {
            // SAFETY: the mapping is page-aligned (so aligned for `T`), holds at least
            // `len` initialised values (written by `extend`, or zeroed pages, valid for a
            // `Plain` type), and is borrowed for as long as the slice.
            Some(map) => unsafe { std::slice::from_raw_parts(map.as_ptr().cast::<T>(), self.len) },
            None => &[],
        }
    }

    /// Makes room for `additional` more values: at least double the room, so that
    /// appending is amortised constant time.
    pub(crate) fn reserve(&mut self, additional: usize) {
        let needed = self.len.checked_add(additional).expect("capacity overflow");
        if needed <= self.capacity() {
            return;
        }
        let capacity = needed.max(self.capacity() * 2);
        let bytes = capacity.checked_mul(size_of::<T>()).expect("capacity overflow");
        self.map = Some(match self.map.take() {
            #[cfg(target_os = "linux")]
            Some(mut map) => {
                // SAFETY: no reference into the mapping outlives this call (`as_slice`
                // borrows `self`), so it may move.
                let remapped = unsafe { map.remap(bytes, memmap2::RemapOptions::new().may_move(true)) };
                remapped.unwrap_or_else(|error| panic!("cannot grow a column to {bytes} bytes: {error}"));
                map
            }
            #[cfg(not(target_os = "linux"))]
            Some(map) => {
                let mut grown = map_anonymous(bytes);
                let used = self.len * size_of::<T>();
                grown[..used].copy_from_slice(&map[..used]);
                grown
            }
            None => map_anonymous(bytes),
        });
    }

    /// Appends `values`.
    pub(crate) fn extend_from_slice(&mut self, values: &[T]) {
        self.extend(values.len(), values.iter().copied());
    }

    /// Appends the `count` values of `values`.
    pub(crate) fn extend(&mut self, count: usize, values: impl IntoIterator<Item = T>) {
        self.reserve(count);
        let start = self.len;
        let map = self.map.as_mut();
        let Some(map) = map else { return };
        // SAFETY: as in `as_slice`; `reserve` made room for `count` more values.
        let room = unsafe { std::slice::from_raw_parts_mut(map.as_mut_ptr().cast::<T>().add(start), count) };
        let mut written = 0;
        for (slot, value) in room.iter_mut().zip(values) {
            *slot = value;
            written += 1;
        }
        assert_eq!(written, count, "fewer values than counted");
        self.len += count;
    }

    /// Appends `value`.
    #[inline]
    pub(crate) fn push(&mut self, value: T) {
        self.extend(1, [value]);
    }

    /// The values as a numpy array that owns the mapping (no copy).
    pub(crate) fn into_numpy(self, py: Python<'_>) -> PyResult<Bound<'_, PyArray1<T>>> {
        let pointer = self
            .map
            .as_ref()
            .map_or(NonNull::<T>::dangling().as_ptr().cast_const(), |map| {
                map.as_ptr().cast::<T>()
            });
        // SAFETY: `pointer` is aligned and valid for `len` values (see `as_slice`) for
        // as long as the mapping lives, which the owner below keeps until numpy frees
        // the array; nothing changes the mapping meanwhile (the owner is frozen).
        let view = unsafe { ArrayView1::from_shape_ptr(self.len, pointer) };
        let owner = Bound::new(py, PyMappedMemory { _map: self.map })?;
        // SAFETY: as above: the owner, the array's base, keeps the memory in place.
        Ok(unsafe { PyArray1::borrow_from_array(&view, owner.into_any()) })
    }
}

fn map_anonymous(bytes: usize) -> MmapMut {
    MmapMut::map_anon(bytes).unwrap_or_else(|error| panic!("cannot map {bytes} bytes for a column: {error}"))
}

/// The memory of a column, owned by the numpy array over it (its `base`): unmapped when
/// the array is freed.
#[pyclass(module = "presswork._core", name = "_MappedMemory", frozen)]
pub(crate) struct PyMappedMemory {
    _map: Option<MmapMut>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_past_its_room_and_keeps_its_values() {
        let mut column = Mapped::<i64>::with_capacity(2);
        column.extend_from_slice(&[1, 2]);
        let values: Vec<i64> = (3..100_000).collect();
        column.extend_from_slice(&values);
        column.push(-1);
        assert_eq!(column.len(), 100_000);
        assert_eq!(&column.as_slice()[..3], &[1, 2, 3]);
        assert_eq!(column.as_slice().last(), Some(&-1));
        assert!(column.capacity() >= column.len());
    }

    #[test]
    fn empty_columns_map_nothing() {
        let mut column = Mapped::<u8>::default();
        column.extend_from_slice(&[]);
        assert_eq!(
            (column.len(), column.capacity(), column.as_slice()),
            (0, 0, &[][..])
        );
    }
}
