//! Identifiers. They are plain strings on the wire and in files, wrapped so they cannot be mixed up.

use serde::{Deserialize, Serialize};
use specta::Type;
use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Type)]
        #[serde(transparent)]
        pub struct $name(pub String);

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

string_id!(
    /// Identifies an element within its model; stable across saves, so findings keep their ids.
    ElementId
);
string_id!(
    /// Identifies a flow within its model.
    FlowId
);
string_id!(
    /// A catalog element kind such as `agent` or `vector-store`. The model does not judge whether
    /// the catalog knows it: an unknown kind is kept, shown and reported, never dropped.
    KindId
);
string_id!(
    /// Identifies a trust boundary within its model.
    BoundaryId
);
