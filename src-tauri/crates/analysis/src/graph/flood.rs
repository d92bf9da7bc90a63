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
    /// Up to [`ORIGINS`] preferred sources per element, with their ways.
    origins: Origins,
}

/// How many of the preferred sources reaching an element are kept for it.
const ORIGINS: usize = 8;

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
        let mut ordered = chosen.clone();
        ordered.extend(sources.iter().copied().filter(|s| !chosen.contains(s)));
        let origins = Origins::run(cx, &ordered, ORIGINS, &pass, &conduit);
        Reach { all, preferred, origins }
    }

    /// Preferred sources that reach `element` (a few), each with its way there.
    pub fn origins(&self) -> &Origins {
        &self.origins
    }

    pub fn reached(&self, element: usize) -> bool {
        self.all.reached(element)
    }

    /// The way to `element`: from a preferred source where one reaches it, else from the nearest.
    pub fn path(&self, cx: &Context, element: usize) -> (Vec<usize>, Vec<usize>) {
        if self.preferred.reached(element) { self.preferred.path(cx, element) } else { self.all.path(cx, element) }
    }
}

/// For every element, up to a few sources that reach it, each with the way it came: each origin
/// travels on its own and each element keeps at most `limit` of them, so the work is at most
/// `limit` times one flood. Used where a finding names every entry an attacker has, not only the nearest.
pub(crate) struct Origins {
    /// Per element and state: the origins that arrived there.
    sets: Vec<[Vec<Arrived>; 2]>,
}

/// An origin at an element: which, and the hop it arrived by with the state it left in (none at
/// the origin itself).
type Arrived = (usize, Option<(usize, usize)>);

impl Origins {
    pub fn run(
        cx: &Context,
        sources: &[usize],
        limit: usize,
        pass: &impl Fn(&Hop) -> bool,
        conduit: &impl Fn(usize) -> bool,
    ) -> Origins {
        let n = cx.model.elements.len();
        let mut sets: Vec<[Vec<Arrived>; 2]> = vec![[Vec::new(), Vec::new()]; n];
        // Each origin travels on its own, one arrival at a time, in breadth-first order: an
        // element and state take each origin once and at most `limit` of them.
        let mut queue: VecDeque<(usize, usize, usize)> = VecDeque::new();
        for &s in sources {
            if !sets[s][BY_DATA].iter().any(|(o, _)| *o == s) && sets[s][BY_DATA].len() < limit {
                sets[s][BY_DATA].push((s, None));
                queue.push_back((s, BY_DATA, s));
            }
        }
        while let Some((at, state, origin)) = queue.pop_front() {
            // What arrived at an element leaves it only if it passes things on; a source always
            // sends its own.
            if origin != at && !conduit(at) {
                continue;
            }
            for &h in &cx.hops_out[at] {
                let hop = &cx.hops[h];
                if (state == BY_REQUEST && hop.side == Side::Answer) || !pass(hop) || hop.to == origin {
                    continue;
                }
                let next_state = if hop.side == Side::Request { BY_REQUEST } else { BY_DATA };
                let set = &mut sets[hop.to][next_state];
                if set.len() < limit && !set.iter().any(|(seen, _)| *seen == origin) {
                    set.push((origin, Some((h, state))));
                    queue.push_back((hop.to, next_state, origin));
                }
            }
        }
        Origins { sets }
    }

    /// The sources that reach `element`, in the order they arrived.
    pub fn of(&self, element: usize) -> Vec<usize> {
        let mut all: Vec<usize> = Vec::new();
        for state in [BY_DATA, BY_REQUEST] {
            for (o, _) in &self.sets[element][state] {
                if !all.contains(o) {
                    all.push(*o);
                }
            }
        }
        all
    }

    /// A leg from each origin that reaches `element`, besides those already on `shown`.
    pub fn legs(&self, cx: &Context, element: usize, shown: &[usize]) -> Vec<super::Leg> {
        self.of(element)
            .into_iter()
            .filter(|o| !shown.contains(o))
            .filter_map(|origin| {
                let (elements, flows) = self.path(cx, origin, element);
                (!elements.is_empty()).then(|| super::Leg {
                    name: format!("from {}", cx.element(origin).name),
                    elements,
                    flows,
                })
            })
            .collect()
    }

    /// The state in which `origin` arrived at `element` over a hop that is not an answer: what
    /// reached the element's input, not only the reply to its own request.
    fn input_state(&self, cx: &Context, origin: usize, element: usize) -> Option<usize> {
        [BY_REQUEST, BY_DATA].into_iter().find(|&s| {
            self.sets[element][s]
                .iter()
                .any(|(o, via)| *o == origin && via.is_some_and(|(h, _)| cx.hops[h].side != Side::Answer))
        })
    }

    /// The origins whose writing reaches what `element` holds or returns: they arrived by data or
    /// by an answer, not only as a request the element was sent. In the order they arrived.
    pub fn content_from(&self, element: usize) -> impl Iterator<Item = usize> + '_ {
        self.sets[element][BY_DATA].iter().filter(|(_, via)| via.is_some()).map(|(o, _)| *o)
    }

    /// Whether `origin` reaches `element`'s input (over a hop that is not an answer).
    pub fn reaches_input(&self, cx: &Context, origin: usize, element: usize) -> bool {
        self.input_state(cx, origin, element).is_some()
    }

    /// The way from `origin` to `element`'s input (see [`Origins::reaches_input`]).
    pub fn input_path(&self, cx: &Context, origin: usize, element: usize) -> (Vec<usize>, Vec<usize>) {
        match self.input_state(cx, origin, element) {
            Some(state) => self.path_from(cx, origin, element, state),
            None => (Vec::new(), Vec::new()),
        }
    }

    /// The way from `origin` to `element`, elements and flows in order; empty if it does not reach.
    pub fn path(&self, cx: &Context, origin: usize, element: usize) -> (Vec<usize>, Vec<usize>) {
        match [BY_DATA, BY_REQUEST].into_iter().find(|&s| self.sets[element][s].iter().any(|(o, _)| *o == origin)) {
            Some(state) => self.path_from(cx, origin, element, state),
            None => (Vec::new(), Vec::new()),
        }
    }

    fn path_from(&self, cx: &Context, origin: usize, element: usize, state: usize) -> (Vec<usize>, Vec<usize>) {
        let mut state = state;
        let mut elements = vec![element];
        let mut flows = Vec::new();
        let mut at = element;
        while let Some(&(_, Some((h, from_state)))) = self.sets[at][state].iter().find(|(o, _)| *o == origin) {
            let hop = &cx.hops[h];
            flows.push(hop.flow);
            at = hop.from;
            state = from_state;
            elements.push(at);
            if elements.len() > self.sets.len() + 1 {
                break;
            }
        }
        elements.reverse();
        flows.reverse();
        (elements, flows)
    }
}
