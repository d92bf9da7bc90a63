//! Checking a model file against the catalog and turning it into a [`Model`].

use crate::ModelFileError;
use crate::schema::{ModelFile, RawProperties};
use maestro_catalog::{Catalog, Property, PropertyTarget, PropertyType};
use maestro_model::{
    Boundary, BoundaryId, Decision, EditOp, Element, Flow, FlowId, LayerOverride, Model, Placed, Position, Properties,
    PropertyValue, Size,
};
use std::collections::BTreeSet;

fn invalid(location: String, message: impl Into<String>) -> ModelFileError {
    ModelFileError::Invalid { location, message: message.into() }
}

/// A checked model, and the boundaries written without a box, to fit once everything has a place.
pub(crate) struct Built {
    pub model: Model,
    pub unfitted: Vec<BoundaryId>,
}

pub(crate) fn build(file: ModelFile, catalog: &Catalog) -> Result<Built, ModelFileError> {
    if file.name.trim().is_empty() {
        return Err(invalid("name".into(), "the model needs a name"));
    }
    let mut ids = BTreeSet::new();
    let mut elements = Vec::with_capacity(file.components.len());
    for (i, component) in file.components.into_iter().enumerate() {
        let at = |field: &str| format!("components[{i}] (id '{}'), field '{field}'", component.id);
        if component.id.trim().is_empty() {
            return Err(invalid(format!("components[{i}], field 'id'"), "a component needs an id"));
        }
        if !ids.insert(component.id.clone()) {
            return Err(invalid(at("id"), "this id is already used"));
        }
        let Some(kind) = catalog.kind(&component.kind) else {
            return Err(invalid(at("kind"), format!("unknown kind '{}'", component.kind)));
        };
        let properties = checked_properties(
            &component.properties,
            catalog,
            |p| kind.properties.contains(&p.id),
            |p| format!("'{p}' does not apply to kind '{}'", kind.id),
        )
        .map_err(|(field, message)| invalid(at(&format!("properties.{field}")), message))?;
        let layer_override = match (component.layer, component.justification) {
            (None, None) => None,
            (None, Some(_)) => return Err(invalid(at("justification"), "a justification goes with a 'layer'")),
            (Some(_), None) => return Err(invalid(at("layer"), "say why: add a 'justification' for the chosen layer")),
            (Some(layer), Some(justification)) => {
                if !catalog.layers.iter().any(|l| l.id.as_str() == layer && !l.cross_layer) {
                    return Err(invalid(at("layer"), format!("'{layer}' is not a layer (L1 to L7)")));
                }
                if justification.trim().is_empty() {
                    return Err(invalid(at("justification"), "the justification is empty"));
                }
                Some(LayerOverride { layer, justification })
            }
        };
        let position = component.position.map(|p| Position::new(p.x, p.y)).unwrap_or(Position::new(f64::NAN, f64::NAN));
        elements.push(Element {
            id: component.id.as_str().into(),
            kind: component.kind.as_str().into(),
            name: component.name,
            position,
            properties,
            layer_override,
            description: component.description,
            notes: component.notes,
        });
    }

    // Endpoints and members are looked up, not searched for: reading stays linear.
    let element_ids: std::collections::HashSet<String> = elements.iter().map(|e| e.id.as_str().to_owned()).collect();
    let mut flows = Vec::with_capacity(file.flows.len());
    for (i, entry) in file.flows.iter().enumerate() {
        let label = entry.id.as_deref().map(|id| format!(" (id '{id}')")).unwrap_or_default();
        let at = |field: &str| format!("flows[{i}]{label}, field '{field}'");
        for (field, end) in [("from", &entry.from), ("to", &entry.to)] {
            if !element_ids.contains(end.as_str()) {
                return Err(invalid(at(field), format!("'{end}' is not a component of this model")));
            }
        }
        if entry.from == entry.to {
            return Err(invalid(at("to"), "a flow must go to another component"));
        }
        let properties = checked_properties(
            &entry.properties,
            catalog,
            |p| p.applies_to.contains(&PropertyTarget::Flow),
            |p| format!("'{p}' does not apply to flows"),
        )
        .map_err(|(field, message)| invalid(at(&format!("properties.{field}")), message))?;
        if let Some(id) = &entry.id
            && !ids.insert(id.clone())
        {
            return Err(invalid(at("id"), "this id is already used"));
        }
        flows.push((entry.id.clone(), entry, properties));
    }
    // Flows without an id get the first free `flow-N`, after all given ids are known.
    let mut counter = 0;
    let flows: Vec<Flow> = flows
        .into_iter()
        .map(|(given, entry, properties)| {
            let id = given.unwrap_or_else(|| {
                loop {
                    counter += 1;
                    let candidate = format!("flow-{counter}");
                    if ids.insert(candidate.clone()) {
                        break candidate;
                    }
                }
            });
            Flow {
                id: FlowId::new(id),
                from: entry.from.as_str().into(),
                to: entry.to.as_str().into(),
                name: entry.name.clone(),
                properties,
                description: entry.description.clone(),
                notes: entry.notes.clone(),
            }
        })
        .collect();

    let mut boundaries = Vec::with_capacity(file.boundaries.len());
    for (i, entry) in file.boundaries.into_iter().enumerate() {
        let at = |field: &str| format!("boundaries[{i}] (id '{}'), field '{field}'", entry.id);
        if !ids.insert(entry.id.clone()) {
            return Err(invalid(at("id"), "this id is already used"));
        }
        if let Some(missing) = entry.contains.iter().find(|m| !element_ids.contains(m.as_str())) {
            return Err(invalid(at("contains"), format!("'{missing}' is not a component of this model")));
        }
        let properties = checked_properties(
            &entry.properties,
            catalog,
            |p| p.applies_to.contains(&PropertyTarget::Boundary),
            |p| format!("'{p}' does not apply to boundaries"),
        )
        .map_err(|(field, message)| invalid(at(&format!("properties.{field}")), message))?;
        let geometry = match (&entry.position, &entry.size) {
            (Some(p), Some(s)) => Some((Position::new(p.x, p.y), Size::new(s.width, s.height))),
            (None, None) => None,
            (Some(_), None) => return Err(invalid(at("size"), "a boundary with a 'position' needs a 'size' too")),
            (None, Some(_)) => return Err(invalid(at("position"), "a boundary with a 'size' needs a 'position' too")),
        };
        if let Some((position, size)) = geometry
            && (!position.is_finite() || !size.is_valid())
        {
            return Err(invalid(at("size"), "a boundary must be at least 40 wide and 40 high, at a finite position"));
        }
        let (position, size) = geometry.unwrap_or_default();
        boundaries.push((
            Boundary {
                id: entry.id.as_str().into(),
                name: entry.name,
                properties,
                contains: entry.contains.iter().map(|m| m.as_str().into()).collect(),
                parent: entry.parent.as_deref().map(Into::into),
                position,
                size,
                description: entry.description,
                notes: entry.notes,
            },
            geometry.is_none(),
        ));
    }

    let mut model = Model::new(file.name);
    model.description = file.description;
    // Positions are filled in by the layout afterwards; check everything else now.
    let placeholder = |mut e: Element| {
        if !e.position.is_finite() {
            e.position = Position::default();
        }
        e
    };
    let unplaced: BTreeSet<String> =
        elements.iter().filter(|e| !e.position.is_finite()).map(|e| e.id.as_str().to_owned()).collect();
    model
        .apply(EditOp::Insert {
            elements: elements.into_iter().map(placeholder).map(Placed::appended).collect(),
            flows: flows.into_iter().map(Placed::appended).collect(),
            memberships: Vec::new(),
        })
        .map_err(|e| invalid("model".into(), e.to_string()))?;
    for element in &mut model.elements {
        if unplaced.contains(element.id.as_str()) {
            element.position = Position::new(f64::NAN, f64::NAN);
        }
    }
    let mut unfitted = Vec::new();
    let mut nesting = Vec::new();
    let mut top_level = Vec::with_capacity(boundaries.len());
    for (i, (mut boundary, fit)) in boundaries.into_iter().enumerate() {
        let at = format!("boundaries[{i}] (id '{}'), field 'parent'", boundary.id);
        if let Some(parent) = boundary.parent.take() {
            nesting.push((at, EditOp::SetBoundaryParent { boundary: boundary.id.clone(), parent: Some(parent) }));
        }
        if fit {
            unfitted.push(boundary.id.clone());
        }
        top_level.push(boundary);
    }
    model.append_boundaries(top_level).map_err(|(id, e)| {
        // Those before the one refused are in, so its index is their count.
        let i = model.boundaries.len();
        invalid(format!("boundaries[{i}] (id '{id}')"), e.to_string())
    })?;
    for (at, op) in nesting {
        model.apply(op).map_err(|e| invalid(at, e.to_string()))?;
    }
    let mut decided = BTreeSet::new();
    for (i, entry) in file.decisions.into_iter().enumerate() {
        let at = |field: &str| format!("decisions[{i}] (finding '{}'), field '{field}'", entry.finding);
        if !decided.insert(entry.finding.clone()) {
            return Err(invalid(at("finding"), "this finding already has a decision"));
        }
        if entry.justification.trim().is_empty() {
            return Err(invalid(at("justification"), "say why: a decision needs a justification"));
        }
        model.decisions.push(Decision {
            finding: entry.finding.into(),
            status: entry.status,
            justification: entry.justification,
        });
    }
    model.decisions.sort_by(|a, b| a.finding.cmp(&b.finding));
    Ok(Built { model, unfitted })
}

/// Checks each property: known, applicable here, and of an allowed value. Errors are
/// (property id, message).
fn checked_properties(
    raw: &RawProperties,
    catalog: &Catalog,
    applies: impl Fn(&Property) -> bool,
    not_applicable: impl Fn(&str) -> String,
) -> Result<Properties, (String, String)> {
    let mut properties = Properties::new();
    for (id, value) in raw {
        let Some(property) = catalog.property(id) else {
            return Err((id.clone(), format!("unknown property '{id}'")));
        };
        if !applies(property) {
            return Err((id.clone(), not_applicable(id)));
        }
        let value = match (property.value_type, value) {
            (PropertyType::Bool, serde_json::Value::Bool(b)) => PropertyValue::Bool(*b),
            (PropertyType::Bool, other) => return Err((id.clone(), format!("must be true or false, not {other}"))),
            (PropertyType::Enum, serde_json::Value::String(text)) if property.values.contains(text) => {
                PropertyValue::Text(text.clone())
            }
            (PropertyType::Enum, other) => {
                return Err((id.clone(), format!("must be one of {}, not {other}", property.values.join(", "))));
            }
        };
        properties.insert(id.clone(), value);
    }
    Ok(properties)
}
