//! Classification crossings: labelled data going where it is trusted less.
//!
//! Data the model labels confidential or restricted flows along channels, over any number of
//! hops (see [`super::sensitivity`]). A crossing is the hop where it first reaches an element
//! cleared for less — one that states a lower classification, a party outside the system, or an
//! element in a boundary that states less trust — from one cleared for it. Only what the model
//! labels counts: no default classification or trust ever makes a crossing. One finding per
//! crossing hop, with the way from the label to the crossing as its path.

use super::sensitivity::LEVELS;
use super::{PathHit, describe_path};
use crate::context::Context;

pub(crate) fn find(cx: &Context) -> Vec<PathHit> {
    let sensitivity = cx.sensitivity();
    sensitivity
        .crossings
        .iter()
        .map(|crossing| {
            let hop = &cx.hops[crossing.hop];
            let (mut elements, mut flows) = sensitivity.path_at(cx, crossing.level, hop.from);
            if elements.is_empty() {
                elements.push(hop.from);
            }
            elements.push(hop.to);
            flows.push(hop.flow);
            let level = LEVELS[crossing.level];
            let why = sensitivity.clearance[hop.to].as_ref().map_or("", |(_, why)| why.as_str());
            let facts = vec![
                format!("{level} data reaches \"{}\", where {why}", cx.element(hop.to).name),
                format!("path {}", describe_path(cx, &elements)),
            ];
            let legs = sensitivity.other_origins(cx, crossing.level, hop.from, &elements);
            let mut hit = PathHit::new(elements, flows, facts);
            hit.legs = legs;
            hit
        })
        .collect()
}
