//! What every analysis step looks things up in: the model's elements and flows by index, their
//! neighbours, the catalog by id, and property values with their defaults.

use maestro_catalog::{Catalog, Kind, Property, PropertyTarget, Threat};
use maestro_model::{Element, Flow, Model, PropertyValue};
use std::collections::HashMap;

pub(crate) struct Context<'a> {
    pub model: &'a Model,
    pub catalog: &'a Catalog,
    kinds: HashMap<&'a str, &'a Kind>,
    properties: HashMap<&'a str, &'a Property>,
    threats: HashMap<&'a str, (usize, &'a Threat)>,
    /// Element indices by kind id, in model order.
    by_kind: HashMap<&'a str, Vec<usize>>,
    /// Per element: indices of flows into it and out of it.
    pub incoming: Vec<Vec<usize>>,
    pub outgoing: Vec<Vec<usize>>,
    /// Per flow: indices of its source and destination elements.
    pub ends: Vec<(usize, usize)>,
}

/// What a condition or rule is looking at.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Target {
    Element(usize),
    Flow(usize),
}

impl<'a> Context<'a> {
    pub fn new(model: &'a Model, catalog: &'a Catalog) -> Self {
        let element_index: HashMap<&str, usize> =
            model.elements.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
        let mut incoming = vec![Vec::new(); model.elements.len()];
        let mut outgoing = vec![Vec::new(); model.elements.len()];
        let mut ends = Vec::with_capacity(model.flows.len());
        for (i, flow) in model.flows.iter().enumerate() {
            // The model guarantees both ends exist.
            let from = element_index[flow.from.as_str()];
            let to = element_index[flow.to.as_str()];
            outgoing[from].push(i);
            incoming[to].push(i);
            ends.push((from, to));
        }
        let mut by_kind: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, element) in model.elements.iter().enumerate() {
            by_kind.entry(element.kind.as_str()).or_default().push(i);
        }
        Context {
            by_kind,
            model,
            catalog,
            kinds: catalog.kinds.iter().map(|k| (k.id.as_str(), k)).collect(),
            properties: catalog.properties.iter().map(|p| (p.id.as_str(), p)).collect(),
            threats: catalog.threats.iter().enumerate().map(|(i, t)| (t.id.as_str(), (i, t))).collect(),
            incoming,
            outgoing,
            ends,
        }
    }

    pub fn element(&self, index: usize) -> &'a Element {
        &self.model.elements[index]
    }

    pub fn flow(&self, index: usize) -> &'a Flow {
        &self.model.flows[index]
    }

    /// The elements of a kind, in model order.
    pub fn elements_of_kind(&self, kind: &str) -> &[usize] {
        self.by_kind.get(kind).map(Vec::as_slice).unwrap_or_default()
    }

    pub fn kind(&self, id: &str) -> Option<&'a Kind> {
        self.kinds.get(id).copied()
    }

    pub fn kind_of(&self, element: usize) -> &'a str {
        self.element(element).kind.as_str()
    }

    pub fn threat(&self, id: &str) -> Option<(usize, &'a Threat)> {
        self.threats.get(id).copied()
    }

    /// The value of `property` on the target: set in the model, else the kind's default, else the
    /// property's default. `None` when the property does not apply to this kind of target.
    pub fn value(&self, target: Target, property: &str) -> Option<&'a PropertyValue> {
        let definition = self.properties.get(property)?;
        match target {
            Target::Element(i) => {
                let element = self.element(i);
                let kind = self.kind(element.kind.as_str())?;
                if !kind.properties.iter().any(|p| p == property) {
                    return None;
                }
                element.properties.get(property).or_else(|| kind.defaults.get(property)).or(Some(&definition.default))
            }
            Target::Flow(i) => {
                if !definition.applies_to.contains(&PropertyTarget::Flow) {
                    return None;
                }
                self.flow(i).properties.get(property).or(Some(&definition.default))
            }
        }
    }

    pub fn target_id(&self, target: Target) -> &'a str {
        match target {
            Target::Element(i) => self.element(i).id.as_str(),
            Target::Flow(i) => self.flow(i).id.as_str(),
        }
    }

    /// How a target is named in explanations: `"Researcher" (agent)` or `flow "brief" from A to B`.
    pub fn describe(&self, target: Target) -> String {
        match target {
            Target::Element(i) => format!("\"{}\" ({})", self.element(i).name, self.kind_of(i)),
            Target::Flow(i) => {
                let (from, to) = self.ends[i];
                let name = &self.flow(i).name;
                let label = if name.is_empty() { String::new() } else { format!(" \"{name}\"") };
                format!("flow{label} from \"{}\" to \"{}\"", self.element(from).name, self.element(to).name)
            }
        }
    }
}
