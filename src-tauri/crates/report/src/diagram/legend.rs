//! The key under a diagram: the layers' colours, the severity badges, the boundaries' trust and
//! the two kinds of flow line.

use super::palette;
use super::write::num;
use crate::Subject;
use crate::markup::escape;
use maestro_analysis::Severity;
use std::fmt::Write;

const COLUMN: f64 = 228.0;
/// The width of one boundary or flow sample with its label.
const SAMPLE: f64 = 165.0;
const LINE: f64 = 24.0;
const PER_ROW: usize = 4;

pub(super) struct Legend<'a> {
    /// Layer id, name and colour, in catalog order.
    layers: Vec<(&'a str, &'a str, &'a str)>,
}

impl<'a> Legend<'a> {
    pub fn of(subject: &Subject<'a>) -> Legend<'a> {
        let layers = subject
            .catalog
            .layers
            .iter()
            .filter(|l| !l.cross_layer)
            .map(|l| (l.id.as_str(), l.name.as_str(), l.colour.as_deref().unwrap_or(palette::UNASSIGNED)))
            .collect();
        Legend { layers }
    }

    fn layer_rows(&self) -> usize {
        self.layers.len().div_ceil(PER_ROW)
    }

    pub fn width(&self) -> f64 {
        COLUMN * PER_ROW as f64 + 20.0
    }

    pub fn height(&self) -> f64 {
        // A heading, the layer rows, then severities, then boundaries and flows.
        30.0 + LINE * (self.layer_rows() + 2) as f64 + 16.0
    }

    pub fn write(&self, out: &mut String, x: f64, y: f64) {
        let _ = write!(
            out,
            r#"<g data-legend="true"><rect x="{}" y="{}" width="{}" height="{}" rx="8" fill="{}" stroke="{}"/><text x="{}" y="{}" font-size="13" font-weight="700" fill="{}">Legend</text>"#,
            num(x),
            num(y),
            num(self.width()),
            num(self.height()),
            palette::SURFACE,
            palette::BORDER,
            num(x + 12.0),
            num(y + 22.0),
            palette::TEXT,
        );
        let top = y + 30.0;
        for (i, (id, name, colour)) in self.layers.iter().enumerate() {
            let cx = x + 12.0 + (i % PER_ROW) as f64 * COLUMN;
            let cy = top + (i / PER_ROW) as f64 * LINE;
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="26" height="14" rx="7" fill="{colour}"/><text x="{}" y="{}" font-size="11.5" fill="{}">{}</text>"#,
                num(cx),
                num(cy),
                num(cx + 32.0),
                num(cy + 11.5),
                palette::TEXT,
                escape(&super::write::fit(&format!("{id} {name}"), COLUMN - 36.0, 11.5, false)),
            );
        }
        let cy = top + self.layer_rows() as f64 * LINE;
        label(out, x + 12.0, cy, "Open findings, by the worst:");
        for (i, severity) in Severity::ALL.iter().enumerate() {
            let cx = x + 12.0 + (i + 1) as f64 * COLUMN * 0.75;
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="20" height="16" rx="8" fill="{}"/>"#,
                num(cx + 40.0),
                num(cy - 1.0),
                palette::severity(*severity)
            );
            label(out, cx + 66.0, cy, severity.as_str());
        }
        let cy = cy + LINE;
        for (i, trust) in ["trusted", "partial", "untrusted"].iter().enumerate() {
            let cx = x + 12.0 + i as f64 * SAMPLE;
            let colour = palette::trust(trust);
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="26" height="14" rx="4" fill="{colour}" fill-opacity="0.06" stroke="{colour}" stroke-width="2" stroke-dasharray="5 3"/>"#,
                num(cx),
                num(cy),
            );
            label(out, cx + 32.0, cy, &format!("{trust} boundary"));
        }
        let cx = x + 12.0 + 3.0 * SAMPLE;
        for (i, (text, colour, dash)) in
            [("flow", palette::FLOW, ""), ("crosses a boundary", palette::CROSSING, r#" stroke-dasharray="7 4""#)]
                .iter()
                .enumerate()
        {
            let lx = cx + i as f64 * 90.0;
            let _ = write!(
                out,
                r#"<path d="M{} {}h28" stroke="{colour}" stroke-width="1.6"{dash}/>"#,
                num(lx),
                num(cy + 7.0),
            );
            label(out, lx + 34.0, cy, text);
        }
        out.push_str("</g>\n");
    }
}

fn label(out: &mut String, x: f64, y: f64, text: &str) {
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" font-size="11.5" fill="{}">{}</text>"#,
        num(x),
        num(y + 11.5),
        palette::TEXT,
        escape(text)
    );
}
