//! Layer assignment: which MAESTRO layer each element belongs to, and why.
//!
//! First cut: an element sits in its kind's default layer, with the catalog's reason. An element
//! whose kind the catalog does not know gets no layer and a reason saying so, rather than a guess.

use maestro_catalog::{Catalog, LayerId};
use maestro_model::{ElementId, Model};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct LayerAssignment {
    pub element: ElementId,
    /// `None` when the element's kind is not in the catalog.
    pub primary: Option<LayerId>,
    pub reason: String,
}

pub fn assign_layers(model: &Model, catalog: &Catalog) -> Vec<LayerAssignment> {
    model
        .elements
        .iter()
        .map(|element| match catalog.kind(element.kind.as_str()) {
            Some(kind) => LayerAssignment {
                element: element.id.clone(),
                primary: Some(kind.default_layer.clone()),
                reason: format!("{} (default layer for kind '{}')", kind.layer_reason, kind.id),
            },
            None => LayerAssignment {
                element: element.id.clone(),
                primary: None,
                reason: format!("The catalog has no kind '{}', so no layer is assigned.", element.kind),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use maestro_model::{Element, Position, Properties};

    fn model_with(kinds: &[&str]) -> Model {
        let mut model = Model::new("m");
        for (i, kind) in kinds.iter().enumerate() {
            model.elements.push(Element {
                id: format!("e{i}").as_str().into(),
                kind: (*kind).into(),
                name: kind.to_string(),
                position: Position::default(),
                properties: Properties::new(),
            });
        }
        model
    }

    #[test]
    fn each_palette_kind_lands_in_its_default_layer_with_a_reason() {
        let model = model_with(&["agent", "tool", "database", "peer-agent"]);
        let layers = assign_layers(&model, Catalog::builtin());
        let primaries: Vec<_> = layers.iter().map(|a| a.primary.as_ref().unwrap().as_str()).collect();
        assert_eq!(primaries, ["L3", "L3", "L2", "L7"]);
        assert!(layers[3].reason.contains("peer-agent"), "{}", layers[3].reason);
    }

    #[test]
    fn an_unknown_kind_gets_no_layer_and_says_why() {
        let layers = assign_layers(&model_with(&["quantum-oracle"]), Catalog::builtin());
        assert_eq!(layers[0].primary, None);
        assert!(layers[0].reason.contains("quantum-oracle"));
    }
}
