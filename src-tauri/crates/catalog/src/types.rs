use serde::{Deserialize, Serialize};
use specta::Type;

/// A MAESTRO layer id: `L1` … `L7`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Type)]
#[serde(transparent)]
pub struct LayerId(pub String);

impl LayerId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    pub id: LayerId,
    pub name: String,
    pub focus: String,
    /// True for the layer drawn as a vertical band across the others (L6).
    #[serde(default)]
    pub band: bool,
}

/// How STRIDE treats an element: which of the six categories can apply to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "kebab-case")]
pub enum StrideClass {
    ExternalEntity,
    Process,
    DataStore,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct Kind {
    pub id: String,
    pub label: String,
    pub stride_class: StrideClass,
    pub default_layer: LayerId,
    /// Why an element of this kind sits in its default layer, in words shown to the user.
    pub layer_reason: String,
}

/// The whole catalog, in file order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct Catalog {
    pub layers: Vec<Layer>,
    pub kinds: Vec<Kind>,
}

impl Catalog {
    pub fn layer(&self, id: &LayerId) -> Option<&Layer> {
        self.layers.iter().find(|l| &l.id == id)
    }

    pub fn kind(&self, id: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.id == id)
    }
}
