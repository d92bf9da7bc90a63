//! Blast radius: what a compromise of an element can reach, and, the other way round, who can
//! reach an element ("which agents can reach this database?").
//!
//! One breadth-first search along the channels data moves on (or against them), linear in the
//! model; the answer to a request travels back to the caller. Results are
//! ranked by impact: points of impact first (as the catalog's attack-chain rules define them),
//! then by distance, then in model order.

use crate::condition::holds;
use crate::context::{Context, Target};
use crate::options::AnalysisOptions;
use maestro_catalog::{Catalog, GraphAnalysis};
use maestro_model::{ElementId, Model};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::VecDeque;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum ReachDirection {
    /// What the element can reach: its blast radius if compromised.
    Downstream,
    /// Who can reach the element.
    Upstream,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct Reached {
    pub element: ElementId,
    /// Hops from the element.
    pub distance: u32,
    /// Whether it is a point of impact (a consequential tool, a sensitive store, secrets…).
    pub impact: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct Reach {
    pub element: ElementId,
    pub direction: ReachDirection,
    /// Ranked: impact points first, then nearer before farther, then model order.
    pub reached: Vec<Reached>,
}

/// What `element` reaches (or is reached by); `None` when the model has no such element.
pub fn reach(model: &Model, catalog: &Catalog, element: &ElementId, direction: ReachDirection) -> Option<Reach> {
    let directed = crate::two_way::with_mirrors(model);
    let cx = Context::new(&directed, catalog, AnalysisOptions::default());
    let start = model.elements.iter().position(|e| &e.id == element)?;
    let impact_conditions: Vec<_> = catalog
        .rules
        .iter()
        .filter(|r| r.analysis == Some(GraphAnalysis::AttackChain))
        .filter_map(|r| r.to.as_ref())
        .collect();
    let n = model.elements.len();
    let mut distance: Vec<Option<u32>> = vec![None; n];
    distance[start] = Some(0);
    let mut queue = VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        let next: Vec<usize> = match direction {
            ReachDirection::Downstream => cx.hops_out[at].iter().map(|&h| cx.hops[h].to).collect(),
            ReachDirection::Upstream => cx.hops_in[at].iter().map(|&h| cx.hops[h].from).collect(),
        };
        for e in next {
            if distance[e].is_none() {
                distance[e] = Some(distance[at].expect("queued elements have a distance") + 1);
                queue.push_back(e);
            }
        }
    }
    let mut reached: Vec<(usize, Reached)> = (0..n)
        .filter(|&e| e != start)
        .filter_map(|e| {
            let d = distance[e]?;
            let impact = impact_conditions.iter().any(|c| holds(&cx, c, Target::Element(e)));
            Some((e, Reached { element: model.elements[e].id.clone(), distance: d, impact }))
        })
        .collect();
    reached.sort_by_key(|(e, r)| (!r.impact, r.distance, *e));
    Some(Reach { element: element.clone(), direction, reached: reached.into_iter().map(|(_, r)| r).collect() })
}
