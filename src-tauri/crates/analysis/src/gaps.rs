//! What the catalog does not know: parts of the model the analysis could not judge.
//!
//! A model may come from a newer version or another catalog: an element of a kind this catalog
//! lacks, a property it does not define, a property on a part it does not apply to, or a value
//! outside the property's choices. Such parts are kept as they are (the model never drops them),
//! but no rule can speak about them, so a report without saying so would read as "no threats
//! here". Every gap names the part and the field, so the headless gate can refuse the model and
//! the editor can show what was left out.

use maestro_catalog::{Catalog, PropertyTarget};
use maestro_model::{Model, Properties, PropertyValue};
use serde::{Deserialize, Serialize};
use specta::Type;

/// One part of the model the catalog does not cover.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CatalogGap {
    /// The element, flow or boundary, e.g. `element 'x-1' (Unknown)`.
    pub part: String,
    /// The id of that element, flow or boundary.
    pub id: String,
    /// `kind`, or `properties.NAME`.
    pub field: String,
    /// What the catalog lacks, in words shown to the user.
    pub problem: String,
}

impl std::fmt::Display for CatalogGap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}, field '{}': {}", self.part, self.field, self.problem)
    }
}

/// Every gap, in model order: elements, then flows, then boundaries.
pub fn gaps(model: &Model, catalog: &Catalog) -> Vec<CatalogGap> {
    let mut found = Vec::new();
    for element in &model.elements {
        let part = format!("element '{}' ({})", element.id, element.name);
        let Some(kind) = catalog.kind(element.kind.as_str()) else {
            found.push(CatalogGap {
                part,
                id: element.id.as_str().to_owned(),
                field: "kind".into(),
                problem: format!(
                    "the catalog has no kind '{}', so nothing about this element is analysed",
                    element.kind
                ),
            });
            continue;
        };
        let applies = |property: &str| kind.properties.iter().any(|p| p == property);
        let label = &kind.label;
        check_properties(&element.properties, catalog, &part, element.id.as_str(), &applies, label, &mut found);
    }
    for flow in &model.flows {
        let part = format!("flow '{}' ({})", flow.id, flow.name);
        let applies =
            |property: &str| catalog.property(property).is_some_and(|p| p.applies_to.contains(&PropertyTarget::Flow));
        check_properties(&flow.properties, catalog, &part, flow.id.as_str(), &applies, "a flow", &mut found);
    }
    for boundary in &model.boundaries {
        let part = format!("boundary '{}' ({})", boundary.id, boundary.name);
        let applies = |property: &str| {
            catalog.property(property).is_some_and(|p| p.applies_to.contains(&PropertyTarget::Boundary))
        };
        let id = boundary.id.as_str();
        check_properties(&boundary.properties, catalog, &part, id, &applies, "a boundary", &mut found);
    }
    found
}

fn check_properties(
    properties: &Properties,
    catalog: &Catalog,
    part: &str,
    id: &str,
    applies: &dyn Fn(&str) -> bool,
    holder: &str,
    found: &mut Vec<CatalogGap>,
) {
    for (name, value) in properties {
        let gap = |problem: String| CatalogGap {
            part: part.to_owned(),
            id: id.to_owned(),
            field: format!("properties.{name}"),
            problem,
        };
        match catalog.property(name) {
            None => found.push(gap(format!("the catalog has no property '{name}', so it is not read"))),
            Some(_) if !applies(name) => {
                found.push(gap(format!("'{name}' does not apply to {holder}, so it is not read")));
            }
            Some(property) if !property.accepts(value) => {
                let allowed =
                    if property.values.is_empty() { "true or false".to_owned() } else { property.values.join(", ") };
                let value = match value {
                    PropertyValue::Bool(b) => b.to_string(),
                    PropertyValue::Number(n) => n.to_string(),
                    PropertyValue::Text(text) => format!("'{text}'"),
                };
                found.push(gap(format!("{value} is not one of its values ({allowed}), so it is not read")));
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use maestro_model::{Boundary, Element, Flow};

    fn element(id: &str, kind: &str, properties: &[(&str, PropertyValue)]) -> Element {
        Element {
            id: id.into(),
            kind: kind.into(),
            name: id.to_uppercase(),
            properties: properties.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn a_model_the_catalog_knows_has_no_gaps() {
        let mut model = Model::new("known");
        model.elements.push(element("a", "agent", &[("autonomy", PropertyValue::Text("autonomous".into()))]));
        assert_eq!(gaps(&model, Catalog::builtin()), []);
    }

    #[test]
    fn each_gap_names_the_part_and_the_field() {
        let mut model = Model::new("from elsewhere");
        model.elements.push(element("x", "warp-drive", &[]));
        model.elements.push(element(
            "a",
            "agent",
            &[
                ("sparkle", PropertyValue::Bool(true)),
                ("autonomy", PropertyValue::Text("reckless".into())),
                ("encrypted", PropertyValue::Bool(true)),
            ],
        ));
        model.flows.push(Flow {
            id: "f".into(),
            from: "a".into(),
            to: "x".into(),
            name: "calls".into(),
            properties: [("autonomy".to_owned(), PropertyValue::Text("autonomous".into()))].into(),
            ..Default::default()
        });
        model.boundaries.push(Boundary {
            id: "b".into(),
            name: "Zone".into(),
            properties: [("trust".to_owned(), PropertyValue::Bool(true))].into(),
            ..Default::default()
        });
        let found: Vec<String> = gaps(&model, Catalog::builtin()).iter().map(ToString::to_string).collect();
        let fields: Vec<(&str, &str)> = found
            .iter()
            .map(|g| {
                let (part, rest) = g.split_once(", field '").unwrap();
                (part, rest.split('\'').next().unwrap())
            })
            .collect();
        assert_eq!(
            fields,
            [
                ("element 'x' (X)", "kind"),
                ("element 'a' (A)", "properties.autonomy"),
                ("element 'a' (A)", "properties.encrypted"),
                ("element 'a' (A)", "properties.sparkle"),
                ("flow 'f' (calls)", "properties.autonomy"),
                ("boundary 'b' (Zone)", "properties.trust"),
            ],
            "{found:#?}"
        );
        assert!(found[0].contains("no kind 'warp-drive'"), "{}", found[0]);
        assert!(found[1].contains("'reckless' is not one of its values"), "{}", found[1]);
    }
}
