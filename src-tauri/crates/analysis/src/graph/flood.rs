//! A breadth-first flood along hops, from many sources at once: what data leaving the sources
//! reaches, and the shortest way it gets there.
//!
//! An element is visited in two states: reached by data or an answer, and reached only as the
//! callee of a request. From the second state the flood does not take answer hops, because a
//! callee's answers go back to each caller with that caller's own data, never with another's: a
//! tool that two agents call does not carry one agent's context to the other. Each state of each
//! element is visited once, so a flood is linear in the model.

use crate::context::{Context, Hop, Side};
use std::collections::VecDeque;

#[derive(Clone, Copy, Debug)]
enum Arrival {
    Source,
    /// By this hop, from the hop's source in this state.
    Hop {
        hop: usize,
        from_state: usize,
    },
}

pub(crate) struct Flood {
    /// Per element, per state (0: by data or answer, or a source; 1: as a request's callee).
    arrivals: Vec<[Option<(Arrival, u32)>; 2]>,
}

const BY_DATA: usize = 0;
const BY_REQUEST: usize = 1;

impl Flood {
    /// Floods from `sources` along hops that `pass` allows, leaving only elements that are
    /// sources or for which `conduit` holds.
    pub fn run(
        cx: &Context,
        sources: impl IntoIterator<Item = usize>,
        pass: &impl Fn(&Hop) -> bool,
        conduit: &impl Fn(usize) -> bool,
    ) -> Flood {
        let n = cx.model.elements.len();
        let mut arrivals: Vec<[Option<(Arrival, u32)>; 2]> = vec![[None, None]; n];
        let mut queue = VecDeque::new();
        for s in sources {
            if arrivals[s][BY_DATA].is_none() {
                arrivals[s][BY_DATA] = Some((Arrival::Source, 0));
                queue.push_back((s, BY_DATA));
            }
        }
        while let Some((at, state)) = queue.pop_front() {
            let (arrival, distance) = arrivals[at][state].expect("queued states have arrived");
            if !matches!(arrival, Arrival::Source) && !conduit(at) {
                continue;
            }
            for &h in &cx.hops_out[at] {
                let hop = &cx.hops[h];
                if (state == BY_REQUEST && hop.side == Side::Answer) || !pass(hop) {
                    continue;
                }
                let next_state = if hop.side == Side::Request { BY_REQUEST } else { BY_DATA };
                if arrivals[hop.to][next_state].is_none() {
                    arrivals[hop.to][next_state] = Some((Arrival::Hop { hop: h, from_state: state }, distance + 1));
                    queue.push_back((hop.to, next_state));
                }
            }
        }
        Flood { arrivals }
    }

    pub fn reached(&self, element: usize) -> bool {
        self.best(element).is_some()
    }

    /// The state the element was reached in first.
    fn best(&self, element: usize) -> Option<usize> {
        match self.arrivals[element] {
            [Some((_, a)), Some((_, b))] => Some(if a <= b { BY_DATA } else { BY_REQUEST }),
            [Some(_), None] => Some(BY_DATA),
            [None, Some(_)] => Some(BY_REQUEST),
            [None, None] => None,
        }
    }

    /// The shortest way from a source to `element`: elements and flows in order, the source
    /// first. Empty when the element was not reached.
    pub fn path(&self, cx: &Context, element: usize) -> (Vec<usize>, Vec<usize>) {
        let Some(mut state) = self.best(element) else { return (Vec::new(), Vec::new()) };
        let mut elements = vec![element];
        let mut flows = Vec::new();
        let mut at = element;
        while let Some((Arrival::Hop { hop, from_state }, _)) = self.arrivals[at][state] {
            let hop = &cx.hops[hop];
            flows.push(hop.flow);
            at = hop.from;
            state = from_state;
            elements.push(at);
        }
        elements.reverse();
        flows.reverse();
        (elements, flows)
    }
}

/// A flood whose paths prefer some sources: where a preferred source reaches an element, the way
/// from it is the element's path, even when another source is nearer.
pub(crate) struct Reach {
    all: Flood,
    preferred: Flood,
    /// Per element: up to [`ORIGINS`] preferred sources that reach it, nearest first.
    origins: Vec<Vec<usize>>,
}

/// How many of the preferred sources reaching an element are kept for it.
const ORIGINS: usize = 4;

impl Reach {
    pub fn run(
        cx: &Context,
        sources: &[usize],
        preferred: impl Fn(usize) -> bool,
        pass: impl Fn(&Hop) -> bool,
        conduit: impl Fn(usize) -> bool,
    ) -> Reach {
        let all = Flood::run(cx, sources.iter().copied(), &pass, &conduit);
        let chosen: Vec<usize> = sources.iter().copied().filter(|&s| preferred(s)).collect();
        let preferred = Flood::run(cx, chosen.iter().copied(), &pass, &conduit);
        let origins = origins(cx, &chosen, &pass, &conduit);
        Reach { all, preferred, origins }
    }

    /// Preferred sources that reach `element` (a few, nearest first).
    pub fn origins(&self, element: usize) -> &[usize] {
        &self.origins[element]
    }

    pub fn reached(&self, element: usize) -> bool {
        self.all.reached(element)
    }

    /// The way to `element`: from a preferred source where one reaches it, else from the nearest.
    pub fn path(&self, cx: &Context, element: usize) -> (Vec<usize>, Vec<usize>) {
        if self.preferred.reached(element) { self.preferred.path(cx, element) } else { self.all.path(cx, element) }
    }
}

/// For every element, up to [`ORIGINS`] sources that reach it, found by passing small sets along
/// hops (each state's set grows at most [`ORIGINS`] times, so this stays linear in the model).
fn origins(
    cx: &Context,
    sources: &[usize],
    pass: &impl Fn(&Hop) -> bool,
    conduit: &impl Fn(usize) -> bool,
) -> Vec<Vec<usize>> {
    let n = cx.model.elements.len();
    let mut sets: Vec<[Vec<usize>; 2]> = vec![[Vec::new(), Vec::new()]; n];
    let mut queue = VecDeque::new();
    for &s in sources {
        if !sets[s][BY_DATA].contains(&s) && sets[s][BY_DATA].len() < ORIGINS {
            sets[s][BY_DATA].push(s);
            queue.push_back((s, BY_DATA));
        }
    }
    while let Some((at, state)) = queue.pop_front() {
        let carried = sets[at][state].clone();
        let leaves = carried.contains(&at) || conduit(at);
        if !leaves {
            continue;
        }
        for &h in &cx.hops_out[at] {
            let hop = &cx.hops[h];
            if (state == BY_REQUEST && hop.side == Side::Answer) || !pass(hop) {
                continue;
            }
            let next_state = if hop.side == Side::Request { BY_REQUEST } else { BY_DATA };
            let set = &mut sets[hop.to][next_state];
            let mut grew = false;
            for &o in &carried {
                // A source passes on only what it sends itself, as any element does.
                if o != hop.to && !set.contains(&o) && set.len() < ORIGINS && (o == at || conduit(at)) {
                    set.push(o);
                    grew = true;
                }
            }
            if grew {
                queue.push_back((hop.to, next_state));
            }
        }
    }
    sets.into_iter()
        .map(|[data, request]| {
            let mut all = data;
            for o in request {
                if !all.contains(&o) {
                    all.push(o);
                }
            }
            all
        })
        .collect()
}
