//! Where things are on the canvas, as far as the model needs to know: which boundary an element
//! or a boundary has been put in, and the box that fits around a boundary's contents.
//!
//! Elements are stored by their top-left corner; the canvas draws them about
//! [`ELEMENT_SIZE`] large, and an element belongs to the innermost boundary under its centre.

use crate::ids::{BoundaryId, ElementId};
use crate::types::{Boundary, Element, Model, Position, Size};

/// The size an element is drawn at, near enough to decide which boundary it was dropped in.
pub const ELEMENT_SIZE: Size = Size { width: 220.0, height: 64.0 };

/// Room left between a fitted boundary and what it holds; the top has space for its title.
pub const BOUNDARY_PADDING: f64 = 32.0;
pub const BOUNDARY_HEADER: f64 = 36.0;

/// An axis-aligned rectangle on the canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn of_boundary(boundary: &Boundary) -> Rect {
        Rect::at(boundary.position, boundary.size)
    }

    pub fn of_element(element: &Element) -> Rect {
        Rect::at(element.position, ELEMENT_SIZE)
    }

    pub fn at(position: Position, size: Size) -> Rect {
        Rect { x: position.x, y: position.y, width: size.width, height: size.height }
    }

    pub fn centre(&self) -> Position {
        Position::new(self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    pub fn area(&self) -> f64 {
        self.width * self.height
    }

    pub fn contains_point(&self, p: Position) -> bool {
        p.x >= self.x && p.x <= self.x + self.width && p.y >= self.y && p.y <= self.y + self.height
    }

    pub fn contains_rect(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.x + other.width <= self.x + self.width
            && other.y + other.height <= self.y + self.height
    }

    /// Whether the two overlap (touching edges do not).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.width
            && other.x < self.x + self.width
            && self.y < other.y + other.height
            && other.y < self.y + self.height
    }

    /// The smallest rectangle covering all of `rects`, or `None` when there are none.
    pub fn covering(rects: impl IntoIterator<Item = Rect>) -> Option<Rect> {
        rects.into_iter().reduce(|a, b| {
            let (x, y) = (a.x.min(b.x), a.y.min(b.y));
            let right = (a.x + a.width).max(b.x + b.width);
            let bottom = (a.y + a.height).max(b.y + b.height);
            Rect { x, y, width: right - x, height: bottom - y }
        })
    }

    /// This rectangle grown to leave room around its contents and a title bar on top.
    pub fn padded(&self) -> Rect {
        Rect {
            x: self.x - BOUNDARY_PADDING,
            y: self.y - BOUNDARY_PADDING - BOUNDARY_HEADER,
            width: self.width + 2.0 * BOUNDARY_PADDING,
            height: self.height + 2.0 * BOUNDARY_PADDING + BOUNDARY_HEADER,
        }
    }

    pub fn position(&self) -> Position {
        Position::new(self.x, self.y)
    }

    pub fn size(&self) -> Size {
        Size::new(self.width, self.height)
    }
}

impl Model {
    /// The innermost boundary under the element's centre: where dropping it puts it.
    pub fn boundary_under_element(&self, element: &Element) -> Option<&BoundaryId> {
        let centre = Rect::of_element(element).centre();
        self.boundaries
            .iter()
            .filter(|b| Rect::of_boundary(b).contains_point(centre))
            .min_by(|a, b| Rect::of_boundary(a).area().total_cmp(&Rect::of_boundary(b).area()))
            .map(|b| &b.id)
    }

    /// The innermost other boundary that wholly encloses this one's box and is not nested in
    /// it: where dropping the boundary puts it.
    pub fn boundary_around_boundary(&self, boundary: &Boundary) -> Option<&BoundaryId> {
        let rect = Rect::of_boundary(boundary);
        let inside = self.boundaries_within(&boundary.id);
        self.boundaries
            .iter()
            .filter(|b| b.id != boundary.id && !inside.contains(&b.id))
            .filter(|b| Rect::of_boundary(b).contains_rect(&rect))
            .min_by(|a, b| Rect::of_boundary(a).area().total_cmp(&Rect::of_boundary(b).area()))
            .map(|b| &b.id)
    }

    /// The boundaries nested in `id`, at any depth (not `id` itself).
    pub fn boundaries_within(&self, id: &BoundaryId) -> Vec<BoundaryId> {
        let mut found: Vec<BoundaryId> = Vec::new();
        let mut frontier = vec![id.clone()];
        while let Some(current) = frontier.pop() {
            for child in self.boundaries.iter().filter(|b| b.parent.as_ref() == Some(&current)) {
                if child.id != *id && !found.contains(&child.id) {
                    found.push(child.id.clone());
                    frontier.push(child.id.clone());
                }
            }
        }
        found
    }

    /// The elements inside `id`, directly or in a boundary nested in it.
    pub fn elements_within(&self, id: &BoundaryId) -> Vec<ElementId> {
        let mut boundaries = self.boundaries_within(id);
        boundaries.push(id.clone());
        let mut elements: Vec<ElementId> = Vec::new();
        for boundary in self.boundaries.iter().filter(|b| boundaries.contains(&b.id)) {
            for member in &boundary.contains {
                if !elements.contains(member) {
                    elements.push(member.clone());
                }
            }
        }
        elements
    }

    /// How many boundaries enclose this one.
    pub fn boundary_depth(&self, id: &BoundaryId) -> usize {
        let mut depth = 0;
        let mut next = self.boundary(id).and_then(|b| b.parent.clone());
        while let Some(parent) = next {
            depth += 1;
            if depth > self.boundaries.len() {
                break; // a cycle; the model refuses them, but never loop on one
            }
            next = self.boundary(&parent).and_then(|b| b.parent.clone());
        }
        depth
    }

    /// The box that fits around everything inside the boundary, or `None` when it holds nothing.
    pub fn fitted_rect(&self, id: &BoundaryId) -> Option<Rect> {
        let boundary = self.boundary(id)?;
        let members = boundary.contains.iter().filter_map(|m| self.element(m)).map(Rect::of_element);
        let children = self.boundaries.iter().filter(|b| b.parent.as_ref() == Some(id)).map(Rect::of_boundary);
        Rect::covering(members.chain(children)).map(|r| r.padded())
    }

    /// Gives every boundary a box around its contents, innermost first. Used for models that
    /// were written without boundary geometry (older files, models as code).
    pub fn fit_boundaries(&mut self) {
        let all: Vec<BoundaryId> = self.boundaries.iter().map(|b| b.id.clone()).collect();
        self.fit_some_boundaries(&all);
    }

    /// Fits these boundaries around their contents, innermost first; the others keep their boxes.
    pub fn fit_some_boundaries(&mut self, ids: &[BoundaryId]) {
        let mut order: Vec<(usize, BoundaryId)> = self
            .boundaries
            .iter()
            .filter(|b| ids.contains(&b.id))
            .map(|b| (self.boundary_depth(&b.id), b.id.clone()))
            .collect();
        order.sort_by_key(|entry| std::cmp::Reverse(entry.0));
        for (_, id) in order {
            if let Some(rect) = self.fitted_rect(&id)
                && let Some(boundary) = self.boundaries.iter_mut().find(|b| b.id == id)
            {
                boundary.position = rect.position();
                boundary.size = rect.size();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(id: &str, x: f64, y: f64) -> Element {
        Element {
            id: id.into(),
            kind: "agent".into(),
            name: id.into(),
            position: Position::new(x, y),
            ..Default::default()
        }
    }

    fn boundary(id: &str, x: f64, y: f64, w: f64, h: f64, parent: Option<&str>) -> Boundary {
        Boundary {
            id: id.into(),
            name: id.into(),
            position: Position::new(x, y),
            size: Size::new(w, h),
            parent: parent.map(Into::into),
            ..Default::default()
        }
    }

    fn nested() -> Model {
        let mut model = Model::new("m");
        model.elements = vec![element("a", 100.0, 100.0), element("b", 700.0, 100.0), element("c", 2000.0, 0.0)];
        model.boundaries = vec![
            boundary("outer", 0.0, 0.0, 1200.0, 600.0, None),
            boundary("inner", 50.0, 50.0, 400.0, 300.0, Some("outer")),
        ];
        model.boundaries[1].contains = vec!["a".into()];
        model.boundaries[0].contains = vec!["b".into()];
        model
    }

    #[test]
    fn an_element_belongs_to_the_innermost_boundary_under_its_centre() {
        let model = nested();
        assert_eq!(model.boundary_under_element(&model.elements[0]), Some(&"inner".into()));
        assert_eq!(model.boundary_under_element(&model.elements[1]), Some(&"outer".into()));
        assert_eq!(model.boundary_under_element(&model.elements[2]), None);
    }

    #[test]
    fn a_boundary_sits_in_the_innermost_boundary_that_wholly_encloses_it_but_never_in_its_own_child() {
        let mut model = nested();
        assert_eq!(model.boundary_around_boundary(&model.boundaries[1]), Some(&"outer".into()));
        assert_eq!(model.boundary_around_boundary(&model.boundaries[0]), None);
        // Even covering its parent entirely, the parent cannot become its child.
        model.boundaries[1].size = Size::new(5000.0, 5000.0);
        model.boundaries[1].position = Position::new(-100.0, -100.0);
        assert_eq!(model.boundary_around_boundary(&model.boundaries[0]), None);
    }

    #[test]
    fn nesting_is_followed_for_elements_and_depth() {
        let model = nested();
        assert_eq!(model.boundaries_within(&"outer".into()), vec![BoundaryId::from("inner")]);
        assert_eq!(model.elements_within(&"outer".into()), vec![ElementId::from("b"), "a".into()]);
        assert_eq!(model.boundary_depth(&"inner".into()), 1);
        let around: Vec<&str> = model.boundaries_around(&"a".into()).iter().map(|b| b.id.as_str()).collect();
        assert_eq!(around, ["inner", "outer"]);
    }

    #[test]
    fn fitting_wraps_contents_innermost_first() {
        let mut model = nested();
        model.fit_boundaries();
        let inner = Rect::of_boundary(&model.boundaries[1]);
        let outer = Rect::of_boundary(&model.boundaries[0]);
        assert!(inner.contains_rect(&Rect::of_element(&model.elements[0])));
        assert!(outer.contains_rect(&inner));
        assert!(outer.contains_rect(&Rect::of_element(&model.elements[1])));
        assert!(!outer.contains_point(Rect::of_element(&model.elements[2]).centre()));
    }
}
