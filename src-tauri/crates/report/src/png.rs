//! The diagram as PNG: the SVG of [`crate::diagram`] rasterised, so the two always show the same.
//! The text is drawn with the fonts built into the crate (`fonts/`), never the machine's, so the
//! same model gives the same picture everywhere, in a container without fonts too.

use crate::Subject;
use crate::diagram::{self, DiagramError, DiagramOptions};
use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// The most pixels a PNG may have (about 8,000 × 8,000): past that, a lower scale is asked for
/// rather than gigabytes of memory.
pub const MAX_PIXELS: u64 = 64_000_000;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PngError {
    #[error(transparent)]
    Diagram(#[from] DiagramError),
    #[error(
        "the picture would be {width} × {height} pixels, more than a PNG may have here ({MAX_PIXELS} pixels); draw it at a lower scale"
    )]
    TooLarge { width: u32, height: u32 },
    /// The diagram writer made SVG the rasteriser cannot read: a defect, reported rather than hidden.
    #[error("the diagram could not be rasterised: {0}")]
    Rasterise(String),
}

/// The built-in fonts, loaded once.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(REGULAR.to_vec());
            db.load_font_data(BOLD.to_vec());
            db.set_sans_serif_family("DejaVu Sans");
            Arc::new(db)
        })
        .clone()
}

/// The model's diagram as the bytes of a PNG file.
pub fn png(subject: &Subject, options: &DiagramOptions) -> Result<Vec<u8>, PngError> {
    rasterise(&diagram::svg(subject, options)?)
}

/// An SVG drawn at its own size, as PNG.
pub(crate) fn rasterise(svg: &str) -> Result<Vec<u8>, PngError> {
    let mut options = usvg::Options { font_family: "DejaVu Sans".to_owned(), ..usvg::Options::default() };
    options.fontdb = fonts();
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| PngError::Rasterise(e.to_string()))?;
    let size = tree.size().to_int_size();
    let (width, height) = (size.width(), size.height());
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PngError::TooLarge { width, height });
    }
    let mut pixmap =
        tiny_skia::Pixmap::new(width, height).ok_or_else(|| PngError::Rasterise(format!("{width} × {height}")))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| PngError::Rasterise(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use maestro_analysis::analyze;
    use maestro_catalog::Catalog;

    fn drawn(options: &DiagramOptions) -> Result<Vec<u8>, PngError> {
        let model = maestro_document::sample_model();
        let analysis = analyze(&model, Catalog::builtin());
        png(&Subject { model: &model, analysis: &analysis, catalog: Catalog::builtin(), source: "m" }, options)
    }

    /// Width and height from a PNG's header.
    fn size_of(png: &[u8]) -> (u32, u32) {
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
        let word = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
        (word(16), word(20))
    }

    #[test]
    fn the_diagram_is_a_png_of_the_svg_size_and_the_same_bytes_every_time() {
        let once = drawn(&DiagramOptions::default()).unwrap();
        assert_eq!(once, drawn(&DiagramOptions::default()).unwrap());
        let (w, h) = size_of(&once);
        let double = drawn(&DiagramOptions { scale: 2.0, ..Default::default() }).unwrap();
        assert_eq!(size_of(&double), (w * 2, h * 2));
    }

    #[test]
    fn text_is_drawn_with_the_built_in_fonts() {
        let db = fonts();
        let families: Vec<_> = db.faces().flat_map(|f| f.families.iter().map(|(name, _)| name.clone())).collect();
        assert!(families.iter().all(|f| f == "DejaVu Sans"), "{families:?}");
        assert_eq!(db.faces().count(), 2, "regular and bold");
    }

    #[test]
    fn a_picture_too_large_is_refused_with_a_reason() {
        let huge = r#"<svg xmlns="http://www.w3.org/2000/svg" width="20000" height="20000"/>"#;
        assert_eq!(rasterise(huge), Err(PngError::TooLarge { width: 20_000, height: 20_000 }));
    }
}
