use crate::ids::{BoundaryId, ElementId, FindingId, FlowId, KindId};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::{BTreeMap, HashMap};

/// A property value as the catalog types them: booleans, enumerated or free text, numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
#[serde(untagged)]
pub enum PropertyValue {
    Bool(bool),
    Number(f64),
    Text(String),
}

/// Properties by their catalog id, kept sorted so files and reports are deterministic.
pub type Properties = BTreeMap<String, PropertyValue>;

/// A point on the canvas, in canvas units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

impl Position {
    pub fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }

    /// Canvas coordinates must be finite: NaN or infinity cannot be stored or drawn.
    pub fn is_finite(&self) -> bool {
        self.x.is_finite() && self.y.is_finite()
    }
}

/// A width and height on the canvas, in canvas units.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct Size {
    pub width: f64,
    pub height: f64,
}

impl Size {
    pub fn new(width: f64, height: f64) -> Self {
        Self { width, height }
    }

    /// Sizes must be finite and at least [`MIN_BOUNDARY_SIDE`] each way, so a boundary can be seen and grabbed.
    pub fn is_valid(&self) -> bool {
        self.width.is_finite()
            && self.height.is_finite()
            && self.width >= MIN_BOUNDARY_SIDE
            && self.height >= MIN_BOUNDARY_SIDE
    }
}

impl Default for Size {
    fn default() -> Self {
        Self { width: 320.0, height: 200.0 }
    }
}

/// The smallest width or height a boundary can have.
pub const MIN_BOUNDARY_SIDE: f64 = 40.0;

/// Something the user drew: an agent, a tool, a store, a peer…
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct Element {
    pub id: ElementId,
    pub kind: KindId,
    pub name: String,
    pub position: Position,
    /// What it is, in the user's words; shown in reports.
    #[serde(default)]
    pub description: String,
    /// Working notes: open questions, assumptions, who to ask.
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub properties: Properties,
    /// The user's choice of primary layer, which wins over the analysis's.
    #[serde(default)]
    pub layer_override: Option<LayerOverride>,
}

/// A layer chosen by the user, with the reason they gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct LayerOverride {
    /// A layer id such as `L4`.
    pub layer: String,
    pub justification: String,
}

/// A trust boundary: a group of elements that share a level of trust, drawn as a box that may
/// sit inside another boundary.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct Boundary {
    pub id: BoundaryId,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub properties: Properties,
    /// The elements inside, directly (not those of boundaries nested in this one).
    #[serde(default)]
    pub contains: Vec<ElementId>,
    /// The boundary this one sits in, if any.
    #[serde(default)]
    pub parent: Option<BoundaryId>,
    /// The top-left corner of its box.
    #[serde(default)]
    pub position: Position,
    #[serde(default)]
    pub size: Size,
}

/// What the user decided about a finding the analysis reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Type)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionStatus {
    Accepted,
    Transferred,
    NotApplicable,
}

/// A user's decision on one finding, kept with the model so it survives saving and re-analysis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Decision {
    /// The finding's stable id.
    pub finding: FindingId,
    pub status: DecisionStatus,
    pub justification: String,
}

/// A directed flow of data or control from one element to another.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct Flow {
    pub id: FlowId,
    pub from: ElementId,
    pub to: ElementId,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub properties: Properties,
}

/// A whole threat model. Order is kept as the user created it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct Model {
    pub name: String,
    /// What the system is and what the model covers, in the user's words; reports open with it.
    #[serde(default)]
    pub description: String,
    pub elements: Vec<Element>,
    pub flows: Vec<Flow>,
    #[serde(default)]
    pub boundaries: Vec<Boundary>,
    /// Decisions on findings, by finding id, in the order they were made.
    #[serde(default)]
    pub decisions: Vec<Decision>,
}

impl Model {
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), ..Self::default() }
    }

    pub fn element(&self, id: &ElementId) -> Option<&Element> {
        self.elements.iter().find(|e| &e.id == id)
    }

    pub fn flow(&self, id: &FlowId) -> Option<&Flow> {
        self.flows.iter().find(|f| &f.id == id)
    }

    pub fn boundary(&self, id: &BoundaryId) -> Option<&Boundary> {
        self.boundaries.iter().find(|b| &b.id == id)
    }

    pub(crate) fn boundary_index(&self, id: &BoundaryId) -> Option<usize> {
        self.boundaries.iter().position(|b| &b.id == id)
    }

    /// The boundaries that hold the element directly, in model order.
    pub fn boundaries_holding(&self, element: &ElementId) -> impl Iterator<Item = &Boundary> {
        self.boundaries.iter().filter(move |b| b.contains.contains(element))
    }

    /// Every boundary the element is inside: those holding it directly and all that enclose
    /// them, each once, innermost first.
    pub fn boundaries_around(&self, element: &ElementId) -> Vec<&Boundary> {
        let mut around: Vec<&Boundary> = Vec::new();
        for direct in self.boundaries_holding(element) {
            let mut next = Some(direct);
            while let Some(boundary) = next {
                if around.iter().any(|b| b.id == boundary.id) {
                    break;
                }
                around.push(boundary);
                next = boundary.parent.as_ref().and_then(|p| self.boundary(p));
            }
        }
        around
    }

    /// [`Model::boundaries_around`] for every element at once, as boundary indices in model
    /// order of the elements: one pass over the memberships and the nesting, where asking element
    /// by element scans every boundary each time.
    pub fn boundaries_around_each(&self) -> Vec<Vec<usize>> {
        let element_index: HashMap<&str, usize> =
            self.elements.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
        // The first boundary with an id is the one `boundary()` finds.
        let mut first_with_id: HashMap<&str, usize> = HashMap::with_capacity(self.boundaries.len());
        for (i, b) in self.boundaries.iter().enumerate() {
            first_with_id.entry(b.id.as_str()).or_insert(i);
        }
        let parent: Vec<Option<usize>> = self
            .boundaries
            .iter()
            .map(|b| b.parent.as_ref().and_then(|p| first_with_id.get(p.as_str()).copied()))
            .collect();
        let mut holders: Vec<Vec<usize>> = vec![Vec::new(); self.elements.len()];
        for (b, boundary) in self.boundaries.iter().enumerate() {
            for member in &boundary.contains {
                if let Some(&e) = element_index.get(member.as_str()) {
                    // A boundary holds an element once, however often its list names it.
                    if holders[e].last() != Some(&b) {
                        holders[e].push(b);
                    }
                }
            }
        }
        holders
            .into_iter()
            .map(|direct| {
                let mut around: Vec<usize> = Vec::with_capacity(direct.len());
                for d in direct {
                    let mut next = Some(d);
                    while let Some(b) = next {
                        if around.iter().any(|&a| self.boundaries[a].id == self.boundaries[b].id) {
                            break;
                        }
                        around.push(b);
                        next = parent[b];
                    }
                }
                around
            })
            .collect()
    }

    pub(crate) fn element_index(&self, id: &ElementId) -> Option<usize> {
        self.elements.iter().position(|e| &e.id == id)
    }

    pub(crate) fn flow_index(&self, id: &FlowId) -> Option<usize> {
        self.flows.iter().position(|f| &f.id == id)
    }

    /// The first id of the form `{prefix}-{n}` (n from 1) that no element or flow uses yet.
    /// Deterministic, so the same edits always give the same ids.
    pub fn fresh_id(&self, prefix: &str) -> String {
        let prefix = sanitize_id_prefix(prefix);
        (1..)
            .map(|n| format!("{prefix}-{n}"))
            .find(|candidate| {
                !self.elements.iter().any(|e| e.id.as_str() == candidate)
                    && !self.flows.iter().any(|f| f.id.as_str() == candidate)
                    && !self.boundaries.iter().any(|b| b.id.as_str() == candidate)
            })
            .expect("an unbounded range always yields a free id")
    }
}

fn sanitize_id_prefix(prefix: &str) -> String {
    let cleaned: String =
        prefix.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    let trimmed = cleaned.trim_matches('-');
    if trimmed.is_empty() { "item".to_owned() } else { trimmed.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_skip_taken_ones_and_sanitize_the_prefix() {
        let mut model = Model::new("m");
        model.elements.push(Element {
            id: "agent-1".into(),
            kind: "agent".into(),
            name: "A".into(),
            ..Default::default()
        });
        assert_eq!(model.fresh_id("agent"), "agent-2");
        assert_eq!(model.fresh_id("Peer Agent!"), "peer-agent-1");
        assert_eq!(model.fresh_id("<>"), "item-1");
    }

    fn boundary(id: &str, contains: &[&str], parent: Option<&str>) -> Boundary {
        Boundary {
            id: id.into(),
            name: id.to_uppercase(),
            contains: contains.iter().map(|&m| m.into()).collect(),
            parent: parent.map(Into::into),
            ..Default::default()
        }
    }

    #[test]
    fn boundaries_around_each_element_are_those_asked_for_one_at_a_time() {
        let mut model = Model::new("m");
        for id in ["a", "b", "c", "d"] {
            model.elements.push(Element { id: id.into(), kind: "agent".into(), name: id.into(), ..Default::default() });
        }
        model.boundaries = vec![
            boundary("outer", &["a"], None),
            boundary("inner", &["b", "b", "a"], Some("outer")),
            boundary("side", &["b", "ghost"], Some("missing")),
            // A loop of parents, which the model refuses but a damaged file may hold.
            boundary("x", &["c"], Some("y")),
            boundary("y", &[], Some("x")),
        ];
        let each = model.boundaries_around_each();
        for (i, element) in model.elements.iter().enumerate() {
            let one: Vec<&str> = model.boundaries_around(&element.id).iter().map(|b| b.id.as_str()).collect();
            let all: Vec<&str> = each[i].iter().map(|&b| model.boundaries[b].id.as_str()).collect();
            assert_eq!(all, one, "element {}", element.id);
        }
        assert_eq!(each[1], [1, 0, 2], "inner, its parent, then side");
        assert!(each[3].is_empty());
    }
}
