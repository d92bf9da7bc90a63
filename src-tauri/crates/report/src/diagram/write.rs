//! The SVG markup: boundaries outermost first, then flows, then elements on top, then the legend.
//! Each part carries `data-element`, `data-flow` or `data-boundary` with its id, and a `<title>`
//! with its full text, so a reader (or a test) can tell what is what.

use super::bands::{self, Bands};
use super::curve::{self, Curve};
use super::{DiagramOptions, Emphases, Emphasis, PlacedElement, legend, palette};
use crate::Subject;
use crate::markup::{escape, escape_line, one_line};
use maestro_model::{Boundary, ELEMENT_SIZE, Model, PropertyValue, Rect};
use std::collections::HashMap;
use std::fmt::Write;

/// Room around the drawing.
const MARGIN: f64 = 32.0;
/// The model's name above the drawing.
const TITLE_HEIGHT: f64 = 40.0;
const FONT: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

/// A number as SVG writes it: at most two decimals, no trailing zeros, never `-0`.
pub(crate) fn num(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    let text = format!("{rounded:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// About how wide `text` is drawn at `size` px in DejaVu Sans, from the widths of classes of
/// characters (narrow, wide, capitals, digits, the rest), a little generous so text stays inside
/// its box; bold is a tenth wider.
pub(crate) fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let ems: f64 = text.chars().map(char_width).sum();
    ems * size * if bold { 1.1 } else { 1.0 }
}

/// A character's advance in ems, near DejaVu Sans's.
fn char_width(c: char) -> f64 {
    match c {
        ' ' | 'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.3,
        'f' | 'r' | 't' | '(' | ')' | '[' | ']' | '-' | '/' => 0.4,
        'm' | 'w' => 0.95,
        'M' | 'W' | '@' | '%' => 1.0,
        'A'..='Z' => 0.74,
        '0'..='9' => 0.64,
        c if c.is_ascii() => 0.62,
        // Beyond ASCII: accented letters near a capital's width, ideographs a full em.
        c if (c as u32) < 0x2E80 => 0.78,
        _ => 1.0,
    }
}

/// `text` on one line, cut with an ellipsis to fit `room` px at `size`.
pub(crate) fn fit(text: &str, room: f64, size: f64, bold: bool) -> String {
    let line = one_line(text);
    if text_width(&line, size, bold) <= room {
        return line;
    }
    let room = room - text_width("…", size, bold);
    let mut cut = String::new();
    let mut width = 0.0;
    for c in line.chars() {
        width += text_width(c.encode_utf8(&mut [0; 4]), size, bold);
        if width > room {
            break;
        }
        cut.push(c);
    }
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

fn opacity(emphasis: Emphasis) -> &'static str {
    match emphasis {
        Emphasis::Dimmed => r#" opacity="0.2""#,
        _ => "",
    }
}

pub(super) fn document(
    subject: &Subject,
    options: &DiagramOptions,
    elements: &[PlacedElement],
    emphasis: &Emphases,
    bands: Option<&Bands>,
) -> String {
    let model = subject.model;
    let rects: HashMap<&str, Rect> = elements.iter().map(|e| (e.element.id.as_str(), e.rect)).collect();
    let boundaries: Vec<&Boundary> = if bands.is_some() { Vec::new() } else { outermost_first(model) };

    let mut drawn = Rect::covering(
        elements
            .iter()
            .map(|e| e.rect)
            .chain(boundaries.iter().map(|b| Rect::of_boundary(b)))
            .chain(bands.map(band_area)),
    )
    .unwrap_or(Rect { x: 0.0, y: 0.0, width: 480.0, height: 120.0 });
    // Badges stick out over the top-right corner of an element.
    drawn.width += 12.0;
    let legend = options.legend.then(|| legend::Legend::of(subject));
    let legend_height = legend.as_ref().map_or(0.0, |l| l.height() + MARGIN);
    let x = drawn.x - MARGIN;
    let y = drawn.y - MARGIN - TITLE_HEIGHT;
    let width = (drawn.width + 2.0 * MARGIN).max(legend.as_ref().map_or(0.0, |l| l.width() + 2.0 * MARGIN));
    let height = drawn.height + 2.0 * MARGIN + TITLE_HEIGHT + legend_height;

    let mut out = String::with_capacity(4096 + 900 * elements.len() + 500 * model.flows.len());
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="{} {} {} {}" font-family="{FONT}" role="img" aria-label="{}">"#,
        num(width * options.scale),
        num(height * options.scale),
        num(x),
        num(y),
        num(width),
        num(height),
        escape_line(&format!("Diagram of {}", model.name)),
    );
    let _ = write!(out, "\n<title>{}</title>\n", escape_line(&model.name));
    defs(&mut out);
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
        num(x),
        num(y),
        num(width),
        num(height),
        palette::SURFACE
    );
    let _ = writeln!(
        out,
        r#"<text x="{}" y="{}" font-size="20" font-weight="700" fill="{}">{}</text>"#,
        num(drawn.x),
        num(drawn.y - MARGIN),
        palette::TEXT,
        escape(&fit(&model.name, width - 2.0 * MARGIN, 20.0, true)),
    );
    if let Some(bands) = bands {
        band_rows(&mut out, subject, bands);
    }
    for boundary in &boundaries {
        boundary_frame(&mut out, subject, boundary);
    }
    flows(&mut out, model, &rects, emphasis, bands.is_none());
    for element in elements {
        element_card(&mut out, element);
    }
    if let Some(legend) = legend {
        legend.write(&mut out, drawn.x, drawn.y + drawn.height + MARGIN);
    }
    out.push_str("</svg>\n");
    out
}

fn defs(out: &mut String) {
    out.push_str("<defs>");
    for (id, colour) in [("arrow", palette::FLOW), ("arrow-crossing", palette::CROSSING), ("arrow-path", palette::PATH)]
    {
        let _ = write!(
            out,
            r#"<marker id="{id}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="{colour}"/></marker>"#
        );
    }
    out.push_str("</defs>\n");
}

/// Boundaries with the outer ones first, so inner ones are drawn over them.
fn outermost_first(model: &Model) -> Vec<&Boundary> {
    let mut boundaries: Vec<(usize, usize, &Boundary)> =
        model.boundaries.iter().enumerate().map(|(i, b)| (model.boundary_depth(&b.id), i, b)).collect();
    boundaries.sort_by_key(|(depth, index, _)| (*depth, *index));
    boundaries.into_iter().map(|(_, _, b)| b).collect()
}

/// The trust a boundary shows: what it states, else the catalog's default for `trust`.
fn trust_of<'a>(subject: &'a Subject, boundary: &'a Boundary) -> &'a str {
    let stated = match boundary.properties.get("trust") {
        Some(PropertyValue::Text(t)) => Some(t.as_str()),
        _ => None,
    };
    stated
        .or_else(|| match subject.catalog.properties.iter().find(|p| p.id == "trust").map(|p| &p.default) {
            Some(PropertyValue::Text(t)) => Some(t.as_str()),
            _ => None,
        })
        .unwrap_or("partial")
}

fn boundary_frame(out: &mut String, subject: &Subject, boundary: &Boundary) {
    let r = Rect::of_boundary(boundary);
    let trust = trust_of(subject, boundary);
    let colour = palette::trust(trust);
    let trust_label = one_line(trust).to_uppercase();
    let pill = text_width(&trust_label, 11.0, false) + 14.0;
    let name = fit(&boundary.name, (r.width - pill - 30.0).max(24.0), 13.5, true);
    let name_width = text_width(&name, 13.5, true);
    let _ = write!(
        out,
        r#"<g data-boundary="{id}" data-trust="{trust_attr}"><title>{title}</title><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="12" fill="{colour}" fill-opacity="0.06" stroke="{colour}" stroke-width="2" stroke-dasharray="8 5"/>"#,
        id = escape(boundary.id.as_str()),
        trust_attr = escape(trust),
        title = escape_line(&format!("{} ({trust})", boundary.name)),
        x = num(r.x),
        y = num(r.y),
        w = num(r.width),
        h = num(r.height),
    );
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" font-size="13.5" font-weight="700" fill="{colour}">{}</text>"#,
        num(r.x + 10.0),
        num(r.y + 22.0),
        escape(&name)
    );
    let pill_x = r.x + 18.0 + name_width;
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="16" rx="8" fill="none" stroke="{colour}"/><text x="{}" y="{}" font-size="11" fill="{colour}" text-anchor="middle">{}</text></g>"#,
        num(pill_x),
        num(r.y + 9.0),
        num(pill),
        num(pill_x + pill / 2.0),
        num(r.y + 21.0),
        escape(&trust_label)
    );
}

/// The flows, each a curve with an arrowhead and its name on a label; a flow crossing a trust
/// boundary (its ends not inside the same boundaries) is dashed red and its label marked ⚠.
fn flows(out: &mut String, model: &Model, rects: &HashMap<&str, Rect>, emphasis: &Emphases, mark_crossings: bool) {
    let lanes = curve::lanes(&model.flows);
    let around = if mark_crossings && !model.boundaries.is_empty() {
        let mut around = model.boundaries_around_each();
        for a in &mut around {
            a.sort_unstable();
        }
        Some(around)
    } else {
        None
    };
    let index: HashMap<&str, usize> = model.elements.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
    for (flow, lane) in model.flows.iter().zip(lanes) {
        let (Some(from), Some(to)) = (rects.get(flow.from.as_str()), rects.get(flow.to.as_str())) else { continue };
        let crossing = match (&around, index.get(flow.from.as_str()), index.get(flow.to.as_str())) {
            (Some(around), Some(&a), Some(&b)) => around[a] != around[b],
            _ => false,
        };
        let emphasis = emphasis.emphasis(flow.id.as_str());
        let (colour, marker, width) = match (emphasis, crossing) {
            (Emphasis::OnPath, _) => (palette::PATH, "arrow-path", "3"),
            (_, true) => (palette::CROSSING, "arrow-crossing", "1.6"),
            _ => (palette::FLOW, "arrow", "1.6"),
        };
        let c: Curve = if flow.from == flow.to { self_loop(from) } else { curve::curve(from, to, lane) };
        let name = one_line(&flow.name);
        let label = match (crossing, name.is_empty()) {
            (true, true) => "⚠ crosses a boundary".to_owned(),
            (true, false) => format!("⚠ {name}"),
            (false, _) => name,
        };
        let _ = write!(
            out,
            r#"<g data-flow="{id}" data-crossing="{crossing}"{opacity}><title>{title}</title><path d="M{} {}C{} {} {} {} {} {}" fill="none" stroke="{colour}" stroke-width="{width}"{dash} marker-end="url(#{marker})"/>"#,
            num(c.start.x),
            num(c.start.y),
            num(c.control1.x),
            num(c.control1.y),
            num(c.control2.x),
            num(c.control2.y),
            num(c.end.x),
            num(c.end.y),
            id = escape(flow.id.as_str()),
            opacity = opacity(emphasis),
            title = escape_line(if flow.name.is_empty() { flow.id.as_str() } else { &flow.name }),
            dash = if crossing { r#" stroke-dasharray="7 4""# } else { "" },
        );
        if !label.is_empty() {
            let shown = fit(&label, c.label_room.map_or(180.0, |room| (room - 10.0).min(180.0)), 11.5, crossing);
            let w = text_width(&shown, 11.5, crossing) + 10.0;
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="18" rx="4" fill="{}" fill-opacity="0.92"/><text x="{}" y="{}" font-size="11.5" text-anchor="middle" fill="{}"{}>{}</text>"#,
                num(c.label.x - w / 2.0),
                num(c.label.y - 9.0),
                num(w),
                palette::SURFACE,
                num(c.label.x),
                num(c.label.y + 4.0),
                if crossing { palette::CROSSING } else { palette::TEXT_MUTED },
                if crossing { r#" font-weight="700""# } else { "" },
                escape(&shown)
            );
        }
        out.push_str("</g>\n");
    }
}

/// A flow from an element to itself: a loop over its top edge.
fn self_loop(rect: &Rect) -> Curve {
    let (x, y) = (rect.x + rect.width * 0.7, rect.y);
    let start = maestro_model::Position::new(x - 20.0, y);
    let end = maestro_model::Position::new(x + 20.0, y);
    Curve {
        start,
        control1: maestro_model::Position::new(x - 40.0, y - 60.0),
        control2: maestro_model::Position::new(x + 40.0, y - 60.0),
        end,
        label: maestro_model::Position::new(x, y - 46.0),
        label_room: None,
    }
}

fn element_card(out: &mut String, e: &PlacedElement) {
    let r = e.rect;
    let (w, h) = (ELEMENT_SIZE.width, ELEMENT_SIZE.height);
    let layer_text = e.layer.unwrap_or("?");
    let _ = write!(
        out,
        r#"<g data-element="{id}" data-kind="{kind}" data-layer="{layer}"{opacity}><title>{title}</title>"#,
        id = escape(e.element.id.as_str()),
        kind = escape(e.element.kind.as_str()),
        layer = escape(layer_text),
        opacity = opacity(e.emphasis),
        title = escape_line(&format!("{}: {} ({layer_text})", e.kind_label, e.element.name)),
    );
    if e.emphasis == Emphasis::OnPath {
        let _ = write!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="11" fill="none" stroke="{}" stroke-width="3"/>"#,
            num(r.x - 3.0),
            num(r.y - 3.0),
            num(w + 6.0),
            num(h + 6.0),
            palette::PATH
        );
    }
    // The card, with a band of the layer's colour along its top edge.
    let dash = if e.known_kind { "" } else { r#" stroke-dasharray="5 3""# };
    let _ = write!(
        out,
        r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="8" fill="{colour}"/><rect x="{x}" y="{y4}" width="{w}" height="{h4}" rx="7" fill="{surface}" stroke="{border}"{dash}/><rect x="{x}" y="{y4}" width="{w}" height="4" fill="{surface}"/>"#,
        x = num(r.x),
        y = num(r.y),
        y4 = num(r.y + 4.0),
        w = num(w),
        h = num(h),
        h4 = num(h - 4.0),
        colour = e.colour,
        surface = palette::SURFACE,
        border = palette::BORDER,
    );
    // The kind's icon, stroked in the layer's colour (a box with a question mark if unknown).
    let icon = e.icon.unwrap_or(UNKNOWN_ICON);
    let _ = write!(
        out,
        r#"<path d="{icon}" transform="translate({} {}) scale(1.0833)" fill="none" stroke="{}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>"#,
        num(r.x + 10.0),
        num(r.y + 21.0),
        e.colour
    );
    // The name across the card; under it the kind, and at the right the layer badge with the
    // secondary layers before it.
    let text_x = r.x + 46.0;
    let badge_w = text_width(layer_text, 11.0, true) + 12.0;
    let badge_x = r.x + w - 10.0 - badge_w;
    let secondary = if e.secondary.is_empty() { String::new() } else { format!("+{}", e.secondary.join(" ")) };
    let secondary_w = if secondary.is_empty() { 0.0 } else { text_width(&secondary, 10.0, false) + 6.0 };
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" font-size="14" font-weight="700" fill="{}">{}</text><text x="{}" y="{}" font-size="12" fill="{}">{}</text>"#,
        num(text_x),
        num(r.y + 29.0),
        palette::TEXT,
        escape(&fit(&e.element.name, w - 46.0 - 10.0, 14.0, true)),
        num(text_x),
        num(r.y + 49.0),
        palette::TEXT_MUTED,
        escape(&fit(e.kind_label, badge_x - text_x - secondary_w - 6.0, 12.0, false)),
    );
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="16" rx="8" fill="{}"/><text x="{}" y="{}" font-size="11" font-weight="700" fill="{}" text-anchor="middle">{}</text>"#,
        num(badge_x),
        num(r.y + 37.0),
        num(badge_w),
        e.colour,
        num(badge_x + badge_w / 2.0),
        num(r.y + 49.0),
        palette::SURFACE,
        escape(layer_text)
    );
    if !secondary.is_empty() {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="10" fill="{}" text-anchor="end">{}</text>"#,
            num(badge_x - 4.0),
            num(r.y + 49.0),
            palette::TEXT_MUTED,
            escape(&secondary)
        );
    }
    if let Some((count, worst)) = e.open {
        let label = count.to_string();
        let badge = (text_width(&label, 11.0, true) + 8.0).max(20.0);
        let _ = write!(
            out,
            r#"<g data-open-findings="{count}" data-worst="{}"><rect x="{}" y="{}" width="{}" height="20" rx="10" fill="{}"/><text x="{}" y="{}" font-size="11" font-weight="700" fill="{}" text-anchor="middle">{label}</text></g>"#,
            worst.as_str(),
            num(r.x + w - badge / 2.0),
            num(r.y - 10.0),
            num(badge),
            palette::severity(worst),
            num(r.x + w),
            num(r.y + 4.0),
            palette::SURFACE,
        );
    }
    out.push_str("</g>\n");
}

/// A box with a question mark: a kind this catalog does not know.
const UNKNOWN_ICON: &str = "M4 4h16v16H4z M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6 M12 17h.01";

/// The area the layer rows and the L6 column cover.
fn band_area(bands: &Bands) -> Rect {
    let right = bands.band_x + bands::COLUMN;
    let top = -bands::ROW * 0.6 - 10.0;
    Rect { x: -bands::COLUMN - 10.0, y: top, width: right + bands::COLUMN + 10.0, height: 7.0 * bands::ROW - top }
}

/// Each layer's row as a tinted band with its name, and the L6 column across them.
fn band_rows(out: &mut String, subject: &Subject, bands: &Bands) {
    let colours: HashMap<&str, &str> =
        subject.catalog.layers.iter().filter_map(|l| Some((l.id.as_str(), l.colour.as_deref()?))).collect();
    let names: HashMap<&str, &str> = subject.catalog.layers.iter().map(|l| (l.id.as_str(), l.name.as_str())).collect();
    let row_right = (bands.widest.max(1) as f64) * bands::COLUMN;
    for label in &bands.labels {
        let colour = colours.get(label.layer).copied().unwrap_or(palette::UNASSIGNED);
        let name = names.get(label.layer).copied().unwrap_or(label.layer);
        let p = label.position;
        let (x, y, width, height) = if label.layer == bands::BAND {
            (p.x - 15.0, p.y - 10.0, ELEMENT_SIZE.width + 30.0, 6.0 * bands::ROW + 10.0)
        } else {
            (p.x - 10.0, p.y - 26.0, row_right + bands::COLUMN + 10.0, ELEMENT_SIZE.height + 52.0)
        };
        let _ = writeln!(
            out,
            r#"<g data-band="{layer}"><rect x="{}" y="{}" width="{}" height="{}" rx="10" fill="{colour}" fill-opacity="0.07" stroke="{colour}" stroke-opacity="0.35"/><text x="{}" y="{}" font-size="14" font-weight="700" fill="{colour}">{}</text></g>"#,
            num(x),
            num(y),
            num(width),
            num(height),
            num(p.x),
            num(p.y + 16.0),
            escape(&fit(&format!("{} {name}", label.layer), ELEMENT_SIZE.width, 14.0, true)),
            layer = escape(label.layer),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_short_and_the_same_every_time() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.35");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(-7.5), "-7.5");
    }

    #[test]
    fn long_text_is_cut_to_fit_with_an_ellipsis() {
        assert_eq!(fit("short", 200.0, 14.0, false), "short");
        let cut = fit("a name far too long for the card it is drawn on", 100.0, 14.0, true);
        assert!(cut.ends_with('…') && text_width(&cut, 14.0, true) <= 100.0, "{cut}");
        assert_eq!(fit("two\nlines", 200.0, 14.0, false), "two lines");
    }
}
