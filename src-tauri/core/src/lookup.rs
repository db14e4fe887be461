//! Lookups by id over a snapshot's tables, built once by whatever walks the map (export, render,
//! layout, listings) instead of each building its own.
use std::collections::HashMap;

use crate::model::{Contact, Organization, Project, Teammate};

/// An item of a map that has an id and a name people know it by.
pub trait Named {
    /// The item's id.
    fn id(&self) -> &str;
    /// The item's name.
    fn name(&self) -> &str;
}

macro_rules! named {
    ($($kind:ty),*) => {$(
        impl Named for $kind {
            fn id(&self) -> &str {
                &self.id
            }
            fn name(&self) -> &str {
                &self.name
            }
        }
    )*};
}
named!(Organization, Teammate, Contact, Project);

/// Each item by its id.
pub fn by_id<T: Named>(items: &[T]) -> HashMap<&str, &T> {
    items.iter().map(|item| (item.id(), item)).collect()
}

/// Each item's name by its id.
pub fn names_by_id<T: Named>(items: &[T]) -> HashMap<&str, &str> {
    items.iter().map(|item| (item.id(), item.name())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_item_and_its_name_by_id() {
        let contacts = vec![Contact::named("c1", "Elena"), Contact::named("c2", "Bruno")];
        let found = by_id(&contacts);
        assert_eq!(found.len(), 2);
        assert_eq!(found["c2"].name, "Bruno");
        let names = names_by_id(&contacts);
        assert_eq!(names["c1"], "Elena");
        assert!(!names.contains_key("c3"));
    }
}
