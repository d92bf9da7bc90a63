//! Where a flow is drawn, as the canvas draws it: from the side of its source that faces its
//! target to the side of the target that faces the source, a cubic Bézier leaving and entering at
//! right angles; two flows in opposite directions between the same elements run apart, each with
//! its label nearer its own source.

use maestro_model::{Flow, Position, Rect};
use std::collections::HashSet;

/// How far apart the two curves of a pair of opposite flows are drawn.
const PAIR_SPACING: f64 = 14.0;
/// Where along its curve a flow's label sits, alone or as one of a pair.
const LABEL_AT_LONE: f64 = 0.5;
const LABEL_AT_PAIRED: f64 = 0.3;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Left,
    Right,
    Top,
    Bottom,
}

impl Side {
    fn normal(self) -> (f64, f64) {
        match self {
            Side::Left => (-1.0, 0.0),
            Side::Right => (1.0, 0.0),
            Side::Top => (0.0, -1.0),
            Side::Bottom => (0.0, 1.0),
        }
    }
}

/// A flow's curve: its four control points and where its label goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Curve {
    pub start: Position,
    pub control1: Position,
    pub control2: Position,
    pub end: Position,
    pub label: Position,
    /// How wide the label may be to stay between the two elements: between side-by-side
    /// elements the gap less a margin (never under 28 px); `None` for one above the other.
    pub label_room: Option<f64>,
}

/// The sides of `from` and `to` that face each other: side by side they face left and right,
/// one above the other (more apart in height than their widths allow) top and bottom.
fn facing_sides(from: &Rect, to: &Rect) -> (Side, Side) {
    let (a, b) = (from.centre(), to.centre());
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let horizontal = dx.abs() / ((from.width + to.width) / 2.0) >= dy.abs() / ((from.height + to.height) / 2.0);
    match (horizontal, dx >= 0.0, dy >= 0.0) {
        (true, true, _) => (Side::Right, Side::Left),
        (true, false, _) => (Side::Left, Side::Right),
        (false, _, true) => (Side::Bottom, Side::Top),
        (false, _, false) => (Side::Top, Side::Bottom),
    }
}

/// The middle of `side` of `rect`, moved `shift` along the side.
fn anchor(rect: &Rect, side: Side, shift: f64) -> Position {
    let c = rect.centre();
    match side {
        Side::Left => Position::new(rect.x, c.y + shift),
        Side::Right => Position::new(rect.x + rect.width, c.y + shift),
        Side::Top => Position::new(c.x + shift, rect.y),
        Side::Bottom => Position::new(c.x + shift, rect.y + rect.height),
    }
}

/// The curve of a flow from `from` to `to` in `lane`: -1 or +1 for one of a pair of opposite
/// flows (either side of the line between the elements), 0 for a lone flow.
pub(crate) fn curve(from: &Rect, to: &Rect, lane: i8) -> Curve {
    let (out, into) = facing_sides(from, to);
    let shift = f64::from(lane) * PAIR_SPACING;
    let (s, t) = (anchor(from, out, shift), anchor(to, into, shift));
    let reach = 30f64.max((t.x - s.x).hypot(t.y - s.y) * 0.35);
    let (n1, n2) = (out.normal(), into.normal());
    let c1 = Position::new(s.x + n1.0 * reach, s.y + n1.1 * reach);
    let c2 = Position::new(t.x + n2.0 * reach, t.y + n2.1 * reach);
    let at = if lane == 0 { LABEL_AT_LONE } else { LABEL_AT_PAIRED };
    let u = 1.0 - at;
    let point = |a: f64, b: f64, c: f64, d: f64| {
        u * u * u * a + 3.0 * u * u * at * b + 3.0 * u * at * at * c + at * at * at * d
    };
    Curve {
        start: s,
        control1: c1,
        control2: c2,
        end: t,
        label: Position::new(point(s.x, c1.x, c2.x, t.x), point(s.y, c1.y, c2.y, t.y)),
        label_room: matches!(out, Side::Left | Side::Right).then(|| 28f64.max(((t.x - s.x).abs() - 12.0).round())),
    }
}

/// The lane of each flow, in model order: a flow with a twin running the other way between the
/// same two elements gets -1 or +1 (the one from the element with the smaller id -1), others 0.
pub(crate) fn lanes(flows: &[Flow]) -> Vec<i8> {
    let directions: HashSet<(&str, &str)> = flows.iter().map(|f| (f.from.as_str(), f.to.as_str())).collect();
    flows
        .iter()
        .map(|f| {
            let paired = f.from != f.to && directions.contains(&(f.to.as_str(), f.from.as_str()));
            match (paired, f.from.as_str() < f.to.as_str()) {
                (false, _) => 0,
                (true, true) => -1,
                (true, false) => 1,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use maestro_model::Size;

    fn rect(x: f64, y: f64) -> Rect {
        Rect::at(Position::new(x, y), Size::new(220.0, 64.0))
    }

    #[test]
    fn side_by_side_elements_are_joined_right_to_left_and_stacked_ones_bottom_to_top() {
        let across = curve(&rect(0.0, 0.0), &rect(400.0, 20.0), 0);
        assert_eq!((across.start, across.end), (Position::new(220.0, 32.0), Position::new(400.0, 52.0)));
        assert!(across.control1.x > across.start.x && across.control2.x < across.end.x);
        let down = curve(&rect(0.0, 0.0), &rect(10.0, 300.0), 0);
        assert_eq!((down.start, down.end), (Position::new(110.0, 64.0), Position::new(120.0, 300.0)));
        let back = curve(&rect(400.0, 0.0), &rect(0.0, 0.0), 0);
        assert_eq!((back.start.x, back.end.x), (400.0, 220.0));
    }

    #[test]
    fn a_lone_flow_is_labelled_midway_and_a_pair_runs_apart_labelled_near_each_source() {
        let lone = curve(&rect(0.0, 0.0), &rect(400.0, 0.0), 0);
        assert_eq!(lone.label, Position::new(310.0, 32.0));
        let there = curve(&rect(0.0, 0.0), &rect(400.0, 0.0), -1);
        let back = curve(&rect(400.0, 0.0), &rect(0.0, 0.0), 1);
        assert_eq!((there.start.y, back.start.y), (18.0, 46.0));
        assert!(there.label.x < 310.0 && back.label.x > 310.0);
    }
}
