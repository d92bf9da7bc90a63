//! Placing components that were written without a position: one row per MAESTRO layer, L7 at the
//! top and L1 at the bottom, in the order the file lists them.

use maestro_catalog::Catalog;
use maestro_model::{Model, Position};

const COLUMN: f64 = 260.0;
const ROW: f64 = 150.0;

pub(crate) fn place_unpositioned(model: &mut Model, catalog: &Catalog) {
    let mut next_in_row = [0usize; 8];
    for element in &mut model.elements {
        if element.position.is_finite() {
            continue;
        }
        let layer = element
            .layer_override
            .as_ref()
            .map(|o| o.layer.clone())
            .or_else(|| catalog.kind(element.kind.as_str()).map(|k| k.default_layer.as_str().to_owned()))
            .unwrap_or_default();
        // L7 → row 0 … L1 → row 6; anything else below.
        let row = layer.strip_prefix('L').and_then(|n| n.parse::<usize>().ok()).map_or(7, |n| 7 - n.clamp(1, 7));
        let column = next_in_row[row];
        next_in_row[row] += 1;
        element.position = Position::new(column as f64 * COLUMN, row as f64 * ROW);
    }
}
