//! The diagram of a model as SVG, drawn from the model's own geometry as the canvas draws it:
//! trust boundaries (framed by their trust), flows (curves between facing sides, those crossing a
//! boundary dashed and marked), elements (kind icon, name, kind, layer badge in the layer's
//! colour, and a badge with the number of open findings in the colour of the worst), and a legend.
//!
//! Options pick out one layer or one finding's chain (the rest is dimmed), lay the elements out
//! in the layer bands instead (L7 at the top, L1 at the bottom, L6 as a column across them all),
//! and scale the picture.
//!
//! Every text is escaped; every number is rounded to two decimals, so the same model always gives
//! the same bytes.

mod bands;
mod curve;
mod legend;
pub mod palette;
mod write;

use crate::Subject;
use crate::markup::one_line;
use maestro_analysis::{FindingStatus, LayerAssignment, Severity};
use maestro_catalog::LayerId;
use maestro_model::{ELEMENT_SIZE, Element, FindingId, Position, Rect};
use std::collections::{HashMap, HashSet};

/// What to pick out of the diagram; everything else is dimmed.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Highlight {
    #[default]
    Nothing,
    /// The elements in this layer (as primary or secondary) and the flows between them.
    Layer(LayerId),
    /// A finding's targets and its path: one cross-layer chain.
    Finding(FindingId),
}

impl Highlight {
    /// What a user named: a layer (`l3` reads as `L3`), else a finding's chain, else nothing.
    pub fn named(layer: Option<&str>, chain: Option<&str>) -> Highlight {
        match (layer, chain) {
            (Some(layer), _) => Highlight::Layer(LayerId(layer.to_ascii_uppercase())),
            (None, Some(finding)) => Highlight::Finding(finding.into()),
            (None, None) => Highlight::Nothing,
        }
    }
}

/// Where the elements are drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Arrangement {
    /// Where the user put them, in their trust boundaries.
    #[default]
    AsDrawn,
    /// In rows by primary layer; boundaries are left out, as on the canvas's layer view.
    Bands,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DiagramOptions {
    pub highlight: Highlight,
    pub arrangement: Arrangement,
    /// Multiplies the picture's size (its coordinates stay the model's).
    pub scale: f64,
    pub legend: bool,
}

impl Default for DiagramOptions {
    fn default() -> Self {
        DiagramOptions { highlight: Highlight::Nothing, arrangement: Arrangement::AsDrawn, scale: 1.0, legend: true }
    }
}

/// The largest scale: a 100-element diagram at 8× is already a poster.
pub const MAX_SCALE: f64 = 8.0;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DiagramError {
    #[error("there is no finding '{0}' to highlight (the report lists the findings' ids)")]
    NoSuchFinding(String),
    #[error("'{0}' is not a layer of the catalog (L1 to L7)")]
    NoSuchLayer(String),
    #[error("a scale is a number above 0 and at most {MAX_SCALE}, not {0}")]
    BadScale(f64),
}

/// How an element or flow is drawn under the highlight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Emphasis {
    Normal,
    Dimmed,
    /// On the highlighted chain.
    OnPath,
}

/// An element as drawn: where, and what its badges say.
struct PlacedElement<'a> {
    element: &'a Element,
    rect: Rect,
    colour: &'a str,
    icon: Option<&'a str>,
    kind_label: &'a str,
    known_kind: bool,
    layer: Option<&'a str>,
    secondary: Vec<&'a str>,
    /// The number of open findings and the worst of their severities.
    open: Option<(usize, Severity)>,
    emphasis: Emphasis,
}

/// The SVG of the model's diagram.
pub fn svg(subject: &Subject, options: &DiagramOptions) -> Result<String, DiagramError> {
    if !(options.scale.is_finite() && options.scale > 0.0 && options.scale <= MAX_SCALE) {
        return Err(DiagramError::BadScale(options.scale));
    }
    let emphasis = Emphases::of(subject, &options.highlight)?;
    let positions = match options.arrangement {
        Arrangement::AsDrawn => None,
        Arrangement::Bands => Some(bands::layout(subject)),
    };
    let elements = place_elements(subject, &emphasis, positions.as_ref().map(|b| &b.positions));
    Ok(write::document(subject, options, &elements, &emphasis, positions.as_ref()))
}

/// Elements in model order, each with its box and badges.
fn place_elements<'a>(
    subject: &Subject<'a>,
    emphasis: &Emphases,
    positions: Option<&HashMap<&str, Position>>,
) -> Vec<PlacedElement<'a>> {
    let catalog = subject.catalog;
    let kinds: HashMap<&str, &maestro_catalog::Kind> = catalog.kinds.iter().map(|k| (k.id.as_str(), k)).collect();
    let colours: HashMap<&str, &str> =
        catalog.layers.iter().filter_map(|l| Some((l.id.as_str(), l.colour.as_deref()?))).collect();
    let assignments: HashMap<&str, &LayerAssignment> =
        subject.analysis.layers.iter().map(|a| (a.element.as_str(), a)).collect();
    let open = open_findings(subject);
    subject
        .model
        .elements
        .iter()
        .map(|element| {
            let kind = kinds.get(element.kind.as_str());
            let assignment = assignments.get(element.id.as_str());
            let layer = assignment.and_then(|a| a.primary.as_ref()).map(LayerId::as_str);
            let position = positions.and_then(|p| p.get(element.id.as_str()).copied()).unwrap_or(element.position);
            PlacedElement {
                element,
                rect: Rect::at(position, ELEMENT_SIZE),
                colour: layer.and_then(|l| colours.get(l).copied()).unwrap_or(palette::UNASSIGNED),
                icon: kind.and_then(|k| k.icon.as_deref()),
                kind_label: kind.map_or(element.kind.as_str(), |k| k.label.as_str()),
                known_kind: kind.is_some(),
                layer,
                secondary: assignment.map(|a| a.secondary.iter().map(LayerId::as_str).collect()).unwrap_or_default(),
                open: open.get(element.id.as_str()).copied(),
                emphasis: emphasis.emphasis(element.id.as_str()),
            }
        })
        .collect()
}

/// Per target id: how many open findings it has and the worst of their severities.
fn open_findings<'a>(subject: &Subject<'a>) -> HashMap<&'a str, (usize, Severity)> {
    let mut open: HashMap<&str, (usize, Severity)> = HashMap::new();
    for finding in subject.analysis.findings.iter().filter(|f| f.status == FindingStatus::Open) {
        for target in &finding.targets {
            let entry = open.entry(target.as_str()).or_insert((0, finding.severity));
            entry.0 += 1;
            entry.1 = entry.1.max(finding.severity);
        }
    }
    open
}

/// Which elements and flows the highlight picks out.
struct Emphases {
    /// `None` when nothing is highlighted.
    picked: Option<HashSet<String>>,
    /// Whether what is picked is a chain (drawn on-path) rather than a layer (drawn as usual).
    chain: bool,
}

impl Emphases {
    fn of(subject: &Subject, highlight: &Highlight) -> Result<Emphases, DiagramError> {
        match highlight {
            Highlight::Nothing => Ok(Emphases { picked: None, chain: false }),
            Highlight::Layer(layer) => {
                if !subject.catalog.layers.iter().any(|l| &l.id == layer && !l.cross_layer) {
                    return Err(DiagramError::NoSuchLayer(layer.as_str().to_owned()));
                }
                let inside: HashSet<String> = subject
                    .analysis
                    .layers
                    .iter()
                    .filter(|a| a.touches(layer))
                    .map(|a| a.element.as_str().to_owned())
                    .collect();
                let flows: Vec<String> = subject
                    .model
                    .flows
                    .iter()
                    .filter(|f| inside.contains(f.from.as_str()) && inside.contains(f.to.as_str()))
                    .map(|f| f.id.as_str().to_owned())
                    .collect();
                let mut picked = inside;
                picked.extend(flows);
                Ok(Emphases { picked: Some(picked), chain: false })
            }
            Highlight::Finding(id) => {
                let finding = subject
                    .analysis
                    .findings
                    .iter()
                    .find(|f| &f.id == id)
                    .ok_or_else(|| DiagramError::NoSuchFinding(one_line(id.as_str())))?;
                let picked = finding
                    .targets
                    .iter()
                    .chain(&finding.path)
                    .chain(finding.legs.iter().flat_map(|l| &l.path))
                    .cloned()
                    .collect();
                Ok(Emphases { picked: Some(picked), chain: true })
            }
        }
    }

    fn emphasis(&self, id: &str) -> Emphasis {
        match &self.picked {
            None => Emphasis::Normal,
            Some(picked) if picked.contains(id) => {
                if self.chain {
                    Emphasis::OnPath
                } else {
                    Emphasis::Normal
                }
            }
            Some(_) => Emphasis::Dimmed,
        }
    }
}

#[cfg(test)]
mod tests;
