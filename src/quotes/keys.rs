//! [`KeyMap`]: the speaker layer's map from a name's key (`volk`, `brightline stores`) to
//! the person it names, with every key stored in one string, so that reading a document
//! allocates nothing per name and clearing the map for the next document keeps its room.

use std::hash::{BuildHasher, Hash};

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

/// A map from string keys to indices; keys live in one arena string.
///
/// ```ignore
/// let mut map = KeyMap::default();
/// map.insert("volk", 0);
/// assert_eq!(map.get("volk"), Some(0));
/// ```
#[derive(Default)]
pub(super) struct KeyMap {
    /// Every key, one after the other.
    arena: String,
    /// Per key: where it sits in the arena (start, end) and its value.
    table: HashTable<(usize, usize, usize)>,
}

impl KeyMap {
    /// The value of `key`, if it has one.
    pub(super) fn get(&self, key: &str) -> Option<usize> {
        let hash = hash_of(key);
        self.table
            .find(hash, |&(start, end, _)| &self.arena[start..end] == key)
            .map(|&(_, _, value)| value)
    }

    /// Whether `key` has a value.
    pub(super) fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Gives `key` the value `value` unless it has one; returns the value it keeps.
    pub(super) fn get_or_insert(&mut self, key: &str, value: usize) -> usize {
        let hash = hash_of(key);
        let arena = &self.arena;
        if let Some(&(_, _, old)) = self
            .table
            .find(hash, |&(start, end, _)| &arena[start..end] == key)
        {
            return old;
        }
        let start = self.arena.len();
        self.arena.push_str(key);
        let end = self.arena.len();
        let arena = &self.arena;
        self.table
            .insert_unique(hash, (start, end, value), |&(start, end, _)| {
                hash_of(&arena[start..end])
            });
        value
    }

    /// Empties the map, keeping its memory.
    pub(super) fn clear(&mut self) {
        self.arena.clear();
        self.table.clear();
    }
}

fn hash_of(key: &str) -> u64 {
    let mut hasher = FxBuildHasher.build_hasher();
    key.hash(&mut hasher);
    std::hash::Hasher::finish(&hasher)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_their_first_value_and_survive_growth_and_clearing() {
        let mut map = KeyMap::default();
        for round in 0..2 {
            for i in 0..1000 {
                assert_eq!(map.get_or_insert(&format!("name {i}"), i + round), i + round);
            }
            assert_eq!(map.get_or_insert("name 7", 99), 7 + round);
            assert_eq!(map.get("name 999"), Some(999 + round));
            assert!(!map.contains_key("name 1000"));
            assert!(map.contains_key("name 0"));
            map.clear();
            assert_eq!(map.get("name 0"), None);
        }
    }
}
