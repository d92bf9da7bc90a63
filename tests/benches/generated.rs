//! Generated models of a realistic mix of kinds, for benchmarks and the pytm comparison.

use maestro_model::{Element, Flow, Model, Position, Properties, PropertyValue};

/// Kinds in rough proportion to real agentic systems: many agents and tools, fewer stores, a few
/// outside parties and controls.
const MIX: &[&str] = &[
    "agent",
    "agent",
    "agent",
    "tool",
    "tool",
    "tool",
    "mcp-server",
    "orchestrator",
    "llm",
    "vector-store",
    "memory",
    "database",
    "document-store",
    "code-interpreter",
    "web-content",
    "peer-agent",
    "external-api",
    "human",
    "logging",
    "monitoring",
    "secrets-manager",
    "runtime",
    "training-pipeline",
    "message-bus",
];

/// Elements sit on a grid, this many to a row (about three times as wide as it is tall)…
pub const COLUMNS: usize = 40;
/// …this far apart, with room between neighbours (an element is drawn 220 × 64).
pub const PITCH: (f64, f64) = (280.0, 140.0);

/// The middle of element `index` on the canvas.
#[allow(dead_code)] // used by the app benchmark and the end-to-end tests
pub fn centre(index: usize) -> (f64, f64) {
    let (column, row) = ((index % COLUMNS) as f64, (index / COLUMNS) as f64);
    (column * PITCH.0 + 110.0, row * PITCH.1 + 32.0)
}

/// A height on the canvas halfway between row `row` and the next, where nothing is drawn.
#[allow(dead_code)] // used by the app benchmark and the end-to-end tests
pub fn between_rows(row: usize) -> f64 {
    row as f64 * PITCH.1 + (64.0 + PITCH.1) / 2.0
}

/// A small deterministic generator, so every run measures the same model.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// `elements` elements and about three flows per element, with some properties set.
pub fn model(elements: usize) -> Model {
    let mut rng = Lcg(42);
    let mut model = Model::new(format!("generated {elements}"));
    for i in 0..elements {
        let kind = MIX[i % MIX.len()];
        let mut properties = Properties::new();
        match rng.next() % 4 {
            0 => drop(properties.insert("autonomy".into(), PropertyValue::Text("autonomous".into()))),
            1 if kind == "tool" => drop(properties.insert("side_effect".into(), PropertyValue::Text("write".into()))),
            2 => drop(properties.insert("internet_exposed".into(), PropertyValue::Bool(true))),
            _ => {}
        }
        model.elements.push(Element {
            id: format!("e{i}").as_str().into(),
            kind: kind.into(),
            name: format!("{kind} {i}"),
            position: Position::new((i % COLUMNS) as f64 * PITCH.0, (i / COLUMNS) as f64 * PITCH.1),
            properties,
            ..Default::default()
        });
    }
    let mut seen = std::collections::HashSet::new();
    let mut f = 0;
    while f < elements * 3 {
        // Mostly local wiring, as real systems are clustered.
        let from = (rng.next() as usize) % elements;
        let to = (from + 1 + (rng.next() as usize) % 12) % elements;
        if from == to || !seen.insert((from, to)) {
            continue;
        }
        model.flows.push(Flow {
            id: format!("f{f}").as_str().into(),
            from: format!("e{from}").as_str().into(),
            to: format!("e{to}").as_str().into(),
            ..Default::default()
        });
        f += 1;
    }
    model
}

/// Elements in each generated boundary: two rows of the grid.
const PER_BOUNDARY: usize = 2 * COLUMNS;

/// The trust each generated boundary states, in turn; `None` states none.
const TRUSTS: [Option<&str>; 4] = [None, Some("trusted"), Some("partial"), Some("untrusted")];

/// [`model`] with its elements in trust boundaries, as real models are drawn: every two rows of
/// the grid in a boundary of its own, stating a trust in turn (none, trusted, partial, untrusted),
/// and every fourth boundary nested in the one before it. Analyses ask which boundaries surround
/// an element, so a lookup that scans every boundary would show here as growth faster than the
/// model.
#[allow(dead_code)] // used by the analysis, document and command-line benchmarks
pub fn model_in_boundaries(elements: usize) -> Model {
    let mut model = model(elements);
    let groups = elements.div_ceil(PER_BOUNDARY);
    for group in 0..groups {
        let members = (group * PER_BOUNDARY..((group + 1) * PER_BOUNDARY).min(elements))
            .map(|i| model.elements[i].id.clone())
            .collect();
        let mut properties = Properties::new();
        if let Some(trust) = TRUSTS[group % TRUSTS.len()] {
            properties.insert("trust".into(), PropertyValue::Text(trust.into()));
        }
        let top = (group * 2) as f64 * PITCH.1 - 20.0;
        model.boundaries.push(maestro_model::Boundary {
            id: format!("b{group}").as_str().into(),
            name: format!("zone {group}"),
            properties,
            contains: members,
            parent: (group % 4 == 3).then(|| format!("b{}", group - 1).as_str().into()),
            position: Position::new(-20.0, top),
            size: maestro_model::Size { width: COLUMNS as f64 * PITCH.0 + 40.0, height: 2.0 * PITCH.1 },
            ..Default::default()
        });
    }
    model
}
