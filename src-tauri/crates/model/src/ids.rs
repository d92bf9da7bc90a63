//! Identifiers. They are plain strings on the wire and in files, wrapped so they cannot be mixed up:
//! in Rust by their types, and in TypeScript by a brand (`string & { readonly __brand: "ElementId" }`),
//! so the UI cannot pass a flow's id where an element's is wanted either.

use serde::{Deserialize, Serialize};
use specta::Type;
use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        string_id!(@common $(#[$doc])* $name, String);
    };
    ($(#[$doc:meta])* $name:ident, branded) => {
        string_id!(@common $(#[$doc])* $name, brands::$name);
    };
    (@common $(#[$doc:meta])* $name:ident, $shape:ty) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Type)]
        #[serde(transparent)]
        pub struct $name(#[specta(type = $shape)] pub String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }
    };
}

/// The TypeScript shapes of the branded ids: each a string that carries its type's name.
mod brands {
    #![allow(dead_code)]
    use specta_typescript::branded;
    branded!(pub struct ElementId(String));
    branded!(pub struct FlowId(String));
    branded!(pub struct BoundaryId(String));
    branded!(pub struct FindingId(String));
}

string_id!(
    /// Identifies an element within its model; stable across saves, so findings keep their ids.
    ElementId,
    branded
);
string_id!(
    /// Identifies a flow within its model.
    FlowId,
    branded
);
string_id!(
    /// A catalog element kind such as `agent` or `vector-store`. The model does not judge whether
    /// the catalog knows it: an unknown kind is kept, shown and reported, never dropped.
    KindId
);
string_id!(
    /// Identifies a trust boundary within its model.
    BoundaryId,
    branded
);
string_id!(
    /// Identifies a finding: `threat:target`, or `threat:entry->impact` for a path. The analysis
    /// gives the same model the same ids on every run, so decisions recorded against them stick.
    FindingId,
    branded
);
