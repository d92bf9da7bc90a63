//! What every analysis step looks things up in: the model's elements and flows by index, their
//! neighbours, the catalog by id, property values (stated or defaulted), kind traits, and the
//! channels data moves along.
//!
//! ## Channels
//!
//! A flow's `role` says how data moves along it. A `data` flow carries data one way. A `request`
//! is a call whose answer comes back over the same channel, so data moves both ways. A `response`
//! drawn the other way between the same two elements is the answer to the request (or data flow)
//! it pairs with: the two are one channel. The analyses follow [`Hop`]s, not flows: a hop is one
//! direction of one channel, and its `answer` side says that it carries a callee's reply to its
//! caller, which never carries what another caller sent the callee. A `two-way` flow carries data
//! both ways on either side's initiative: the analysis is given it with its mirror image (see
//! [`crate::two_way`]), and each is a one-way hop.

use crate::graph::{sensitivity::Sensitivity, untrusted::Untrusted};
use crate::options::AnalysisOptions;
use maestro_catalog::{Catalog, Kind, KindTrait, Property, PropertyTarget, Threat};
use maestro_model::{Element, Flow, Model, PropertyValue};
use std::cell::OnceCell;
use std::collections::HashMap;

pub(crate) struct Context<'a> {
    pub model: &'a Model,
    pub catalog: &'a Catalog,
    pub options: AnalysisOptions,
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
    /// Per flow: the flow it forms one channel with (a response and its request), if any.
    pub pair: Vec<Option<usize>>,
    /// Per flow: for the mirror image of a two-way flow, the flow drawn.
    mirror_of: Vec<Option<usize>>,
    /// Every hop, and per element the hops that leave it and arrive at it, in model order.
    pub hops: Vec<Hop>,
    pub hops_out: Vec<Vec<usize>>,
    pub hops_in: Vec<Vec<usize>>,
    untrusted: OnceCell<Untrusted>,
    sensitivity: OnceCell<Sensitivity>,
    /// Per element: its kind in the catalog, and its kind's traits as bits.
    element_kinds: Vec<Option<&'a Kind>>,
    /// Per element: the properties its kind takes, each with the value it has when the model
    /// leaves it unset (the kind's default, else the property's). Shared by elements of a kind.
    element_defaults: Vec<Option<std::rc::Rc<Defaults<'a>>>>,
    /// The properties a flow takes, with their defaults.
    flow_defaults: Defaults<'a>,
    element_traits: Vec<u32>,
    /// Per flow: whether it states `validated = true` (looked up on every hop of every flood).
    validated: Vec<bool>,
    /// Per element: the boundaries around it, innermost first (indices into the model's).
    around: Vec<Vec<usize>>,
}

/// Properties that apply to a kind of target, by id, with the value each has when unset.
type Defaults<'a> = HashMap<&'a str, &'a PropertyValue>;

/// A trait as one bit of an element's trait set.
fn trait_bit(t: KindTrait) -> u32 {
    1 << (t as u32)
}

/// How a flow moves data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Data,
    Request,
    Response,
    /// One direction of a two-way flow: one-way data, never the answer to anything.
    TwoWay,
}

/// One direction of one channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hop {
    /// The flow whose properties govern this direction: the flow itself, the response drawn for
    /// the answer, or the request when its answer is not drawn.
    pub flow: usize,
    pub from: usize,
    pub to: usize,
    pub side: Side,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    /// One-way data.
    Data,
    /// A caller's request to a callee.
    Request,
    /// A callee's answer to its caller.
    Answer,
}

/// What a condition or rule is looking at.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Target {
    Element(usize),
    Flow(usize),
}

impl<'a> Context<'a> {
    pub fn new(model: &'a Model, catalog: &'a Catalog, options: AnalysisOptions) -> Self {
        let element_index: HashMap<&str, usize> =
            model.elements.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
        let mut incoming = vec![Vec::new(); model.elements.len()];
        let mut outgoing = vec![Vec::new(); model.elements.len()];
        let mut ends = Vec::with_capacity(model.flows.len());
        // A flow with the id of one before it is that flow's mirror image (see `two_way`).
        let mut first_with_id: HashMap<&str, usize> = HashMap::with_capacity(model.flows.len());
        let mut mirror_of = Vec::with_capacity(model.flows.len());
        for (i, flow) in model.flows.iter().enumerate() {
            let first = *first_with_id.entry(flow.id.as_str()).or_insert(i);
            mirror_of.push((first != i).then_some(first));
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
        let mut cx = Context {
            by_kind,
            model,
            catalog,
            options,
            kinds: catalog.kinds.iter().map(|k| (k.id.as_str(), k)).collect(),
            properties: catalog.properties.iter().map(|p| (p.id.as_str(), p)).collect(),
            threats: catalog.threats.iter().enumerate().map(|(i, t)| (t.id.as_str(), (i, t))).collect(),
            incoming,
            outgoing,
            ends,
            pair: Vec::new(),
            mirror_of,
            hops: Vec::new(),
            hops_out: Vec::new(),
            hops_in: Vec::new(),
            untrusted: OnceCell::new(),
            sensitivity: OnceCell::new(),
            element_kinds: Vec::new(),
            element_defaults: Vec::new(),
            flow_defaults: catalog
                .properties
                .iter()
                .filter(|p| p.applies_to.contains(&PropertyTarget::Flow))
                .map(|p| (p.id.as_str(), &p.default))
                .collect(),
            element_traits: Vec::new(),
            validated: Vec::new(),
            around: model.boundaries_around_each(),
        };
        cx.element_kinds = model.elements.iter().map(|e| cx.kinds.get(e.kind.as_str()).copied()).collect();
        let mut by_kind_id: HashMap<&str, std::rc::Rc<Defaults>> = HashMap::new();
        cx.element_defaults = cx
            .element_kinds
            .iter()
            .map(|kind| {
                let kind = (*kind)?;
                let defaults = by_kind_id.entry(kind.id.as_str()).or_insert_with(|| {
                    let taken = kind.properties.iter().filter_map(|id| cx.properties.get(id.as_str()));
                    std::rc::Rc::new(
                        taken.map(|p| (p.id.as_str(), kind.defaults.get(&p.id).unwrap_or(&p.default))).collect(),
                    )
                });
                Some(defaults.clone())
            })
            .collect();
        cx.element_traits = cx
            .element_kinds
            .iter()
            .map(|k| k.map_or(0, |k| k.traits.iter().fold(0u32, |bits, t| bits | trait_bit(*t))))
            .collect();
        let yes = PropertyValue::Bool(true);
        cx.validated = (0..model.flows.len()).map(|f| cx.states(Target::Flow(f), "validated", &yes)).collect();
        cx.build_channels();
        cx
    }

    /// Whether the flow states `validated = true`: the receiver checks what arrives.
    pub fn validated(&self, flow: usize) -> bool {
        self.validated[flow]
    }

    /// Pairs responses with their requests and lays out the hops.
    fn build_channels(&mut self) {
        let n_flows = self.model.flows.len();
        let roles: Vec<Role> = (0..n_flows).map(|f| self.role(f)).collect();
        let mut pair = vec![None; n_flows];
        for f in 0..n_flows {
            if roles[f] != Role::Response {
                continue;
            }
            let (from, to) = self.ends[f];
            // The request it answers: the first flow drawn the other way that is not itself a
            // response and not yet paired.
            let request = self.outgoing[to].iter().copied().find(|&g| {
                self.ends[g].1 == from && !matches!(roles[g], Role::Response | Role::TwoWay) && pair[g].is_none()
            });
            if let Some(g) = request {
                pair[f] = Some(g);
                pair[g] = Some(f);
            }
        }
        let mut hops = Vec::with_capacity(n_flows * 2);
        for f in 0..n_flows {
            let (from, to) = self.ends[f];
            match (roles[f], pair[f]) {
                (Role::Response, Some(_)) => hops.push(Hop { flow: f, from, to, side: Side::Answer }),
                (Role::Response, None) | (Role::Data, None) | (Role::TwoWay, _) => {
                    hops.push(Hop { flow: f, from, to, side: Side::Data })
                }
                (Role::Data | Role::Request, Some(_)) => hops.push(Hop { flow: f, from, to, side: Side::Request }),
                (Role::Request, None) => {
                    hops.push(Hop { flow: f, from, to, side: Side::Request });
                    hops.push(Hop { flow: f, from: to, to: from, side: Side::Answer });
                }
            }
        }
        let n = self.model.elements.len();
        let mut hops_out = vec![Vec::new(); n];
        let mut hops_in = vec![Vec::new(); n];
        for (h, hop) in hops.iter().enumerate() {
            hops_out[hop.from].push(h);
            hops_in[hop.to].push(h);
        }
        self.pair = pair;
        self.hops = hops;
        self.hops_out = hops_out;
        self.hops_in = hops_in;
    }

    fn role(&self, flow: usize) -> Role {
        match self.value(Target::Flow(flow), "role") {
            Some(PropertyValue::Text(t)) if t == "request" => Role::Request,
            Some(PropertyValue::Text(t)) if t == "response" => Role::Response,
            Some(PropertyValue::Text(t)) if t == crate::two_way::TWO_WAY => Role::TwoWay,
            _ => Role::Data,
        }
    }

    /// Whether the flow is the answer half of a channel whose request is another flow.
    pub fn is_paired_response(&self, flow: usize) -> bool {
        self.pair[flow].is_some() && self.role(flow) == Role::Response
    }

    /// The flow that stands for the channel a flow belongs to: the request of a paired response,
    /// the flow drawn for the mirror image of a two-way flow, else the flow itself.
    pub fn channel_of(&self, flow: usize) -> usize {
        if let Some(drawn) = self.mirror_of[flow] {
            drawn
        } else if self.is_paired_response(flow) {
            self.pair[flow].expect("paired")
        } else {
            flow
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

    /// Whether the element's kind has the trait.
    pub fn has(&self, element: usize, trait_: KindTrait) -> bool {
        self.element_traits[element] & trait_bit(trait_) != 0
    }

    /// The kind's label, for sentences ("an agent"); the kind id when the catalog lacks the kind.
    pub fn kind_label(&self, element: usize) -> String {
        self.kind(self.kind_of(element)).map_or_else(|| self.kind_of(element).to_owned(), |k| k.label.to_lowercase())
    }

    pub fn threat(&self, id: &str) -> Option<(usize, &'a Threat)> {
        self.threats.get(id).copied()
    }

    /// The value of `property` on the target: set in the model, else the kind's default, else the
    /// property's default. `None` when the property does not apply to this kind of target.
    pub fn value(&self, target: Target, property: &str) -> Option<&'a PropertyValue> {
        match target {
            Target::Element(i) => {
                let default = self.element_defaults[i].as_ref()?.get(property)?;
                Some(self.element(i).properties.get(property).unwrap_or(default))
            }
            Target::Flow(i) => {
                let default = self.flow_defaults.get(property)?;
                Some(self.flow(i).properties.get(property).unwrap_or(default))
            }
        }
    }

    /// The value of `property` only where the model states it: no default of the kind or the
    /// property counts. `None` when unset or not applicable.
    pub fn stated(&self, target: Target, property: &str) -> Option<&'a PropertyValue> {
        self.value(target, property)?;
        match target {
            Target::Element(i) => self.element(i).properties.get(property),
            Target::Flow(i) => self.flow(i).properties.get(property),
        }
    }

    /// The value of `property` on an element as the model states it or, failing that, as its kind
    /// defines it (a code interpreter executes); the property's own default does not count.
    pub fn stated_or_kind_default(&self, element: usize, property: &str) -> Option<&'a PropertyValue> {
        self.stated(Target::Element(element), property)
            .or_else(|| self.element_kinds[element].and_then(|kind| kind.defaults.get(property)))
    }

    /// Whether the model states `property = value` on the target.
    pub fn states(&self, target: Target, property: &str, value: &PropertyValue) -> bool {
        self.stated(target, property) == Some(value)
    }

    /// Whether the target's property, stated or defaulted, is `value`.
    pub fn is(&self, target: Target, property: &str, value: &PropertyValue) -> bool {
        self.value(target, property) == Some(value)
    }

    /// The trust a boundary states, if it states one.
    pub fn stated_trust(boundary: &maestro_model::Boundary) -> Option<&str> {
        match boundary.properties.get("trust") {
            Some(PropertyValue::Text(t)) => Some(t.as_str()),
            _ => None,
        }
    }

    /// Every boundary the element is inside, innermost first.
    pub fn boundaries_around(&self, element: usize) -> impl Iterator<Item = &'a maestro_model::Boundary> + use<'a, '_> {
        self.around[element].iter().map(|&b| &self.model.boundaries[b])
    }

    /// The boundaries around an element that state a trust, innermost first, with that trust.
    pub fn boundary_trusts(&self, element: usize) -> Vec<(&'a maestro_model::Boundary, &'a str)> {
        self.boundaries_around(element).filter_map(|b| Self::stated_trust(b).map(|t| (b, t))).collect()
    }

    /// A boundary around both elements that states one of `levels` as its trust, if there is one.
    pub fn shared_boundary(&self, a: usize, b: usize, levels: &[&str]) -> Option<&'a maestro_model::Boundary> {
        let around_b = self.boundary_trusts(b);
        self.boundary_trusts(a)
            .into_iter()
            .find(|(boundary, trust)| {
                levels.contains(trust) && around_b.iter().any(|(other, _)| other.id == boundary.id)
            })
            .map(|(boundary, _)| boundary)
    }

    /// Untrusted sources and what their content reaches (computed once, on first use).
    pub fn untrusted(&self) -> &Untrusted {
        self.untrusted.get_or_init(|| Untrusted::compute(self))
    }

    /// Labelled data and where it goes (computed once, on first use).
    pub fn sensitivity(&self) -> &Sensitivity {
        self.sensitivity.get_or_init(|| Sensitivity::compute(self))
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
