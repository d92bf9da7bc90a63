//! The layer view: one row per layer, L7 at the top and L1 at the bottom, with L6 as a column on
//! the right spanning them all, as the canvas lays it out. Only the picture moves: the model keeps
//! the user's positions.

use crate::Subject;
use maestro_model::Position;
use std::collections::HashMap;

/// Rows from the top; L6 is the column, elements no layer holds the row under the last.
pub(crate) const ROWS: [&str; 6] = ["L7", "L5", "L4", "L3", "L2", "L1"];
pub(crate) const BAND: &str = "L6";
pub(crate) const ROW: f64 = 170.0;
pub(crate) const COLUMN: f64 = 250.0;

/// A band's title and where it goes.
pub(crate) struct BandLabel<'a> {
    pub layer: &'a str,
    pub position: Position,
}

pub(crate) struct Bands<'a> {
    pub positions: HashMap<&'a str, Position>,
    pub labels: Vec<BandLabel<'a>>,
    /// Where the L6 column stands.
    pub band_x: f64,
    /// How many element columns the widest row has.
    pub widest: usize,
}

pub(crate) fn layout<'a>(subject: &Subject<'a>) -> Bands<'a> {
    let mut rows: HashMap<&str, Vec<&str>> = HashMap::new();
    for assignment in &subject.analysis.layers {
        let layer = assignment.primary.as_ref().map_or("unknown", |l| l.as_str());
        rows.entry(layer).or_default().push(assignment.element.as_str());
    }
    let mut positions = HashMap::new();
    let mut labels = Vec::new();
    let mut widest = 0;
    for (row, layer) in ROWS.iter().enumerate() {
        let y = row as f64 * ROW;
        labels.push(BandLabel { layer, position: Position::new(-COLUMN, y) });
        for (column, id) in rows.get(layer).into_iter().flatten().enumerate() {
            positions.insert(*id, Position::new(column as f64 * COLUMN, y));
            widest = widest.max(column + 1);
        }
    }
    let band_x = widest as f64 * COLUMN + COLUMN / 2.0;
    labels.push(BandLabel { layer: BAND, position: Position::new(band_x, -ROW * 0.6) });
    for (i, id) in rows.get(BAND).into_iter().flatten().enumerate() {
        positions.insert(*id, Position::new(band_x, i as f64 * ROW));
    }
    for (column, id) in rows.get("unknown").into_iter().flatten().enumerate() {
        positions.insert(*id, Position::new(column as f64 * COLUMN, ROWS.len() as f64 * ROW));
    }
    Bands { positions, labels, band_x, widest }
}
