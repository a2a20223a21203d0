//! Helpers shared by the crate's unit tests.

use std::sync::Arc;

use crate::entities::{EntityMatcher, EntityRecord, Gazetteer, MatchOptions};

/// A matcher over a gazetteer of people: (canonical name, aliases); ids are the names.
pub(crate) fn person_matcher(entities: &[(&str, &[&str])]) -> Arc<EntityMatcher> {
    let mut builder = Gazetteer::builder();
    for (row, (name, aliases)) in entities.iter().enumerate() {
        let record = EntityRecord {
            id: Some(name.to_string()),
            name: Some(name.to_string()),
            kind: Some("PERSON".to_string()),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            extra: Default::default(),
        };
        builder.add(row, record).expect("a good row");
    }
    let gazetteer = Arc::new(builder.build());
    Arc::new(EntityMatcher::new(gazetteer, MatchOptions::default()).expect("a matcher"))
}
