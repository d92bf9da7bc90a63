//! Telling a drawn screen from a blank one.

use anyhow::Result;
use std::collections::HashMap;

#[derive(Debug)]
pub struct Variety {
    /// Distinct colours, after dropping the low bits of each channel.
    pub colours: usize,
    /// Share of pixels that differ from the most common colour.
    pub off_background: f64,
}

impl Variety {
    /// A drawn editor has text, icons and lines in many colours over a good part of the window.
    pub fn looks_drawn(&self) -> bool {
        self.colours >= 16 && self.off_background >= 0.02
    }
}

pub fn variety(png_bytes: &[u8]) -> Result<Variety> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info()?;
    let mut buffer = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let info = reader.next_frame(&mut buffer)?;
    let channels = info.color_type.samples();
    let mut counts: HashMap<[u8; 3], usize> = HashMap::new();
    let pixels = buffer[..info.buffer_size()].chunks_exact(channels);
    let total = pixels.len().max(1);
    for px in pixels {
        let rgb = if channels >= 3 { [px[0], px[1], px[2]] } else { [px[0]; 3] };
        *counts.entry(rgb.map(|c| c & 0xF0)).or_default() += 1;
    }
    let background = counts.values().copied().max().unwrap_or(0);
    Ok(Variety { colours: counts.len(), off_background: 1.0 - background as f64 / total as f64 })
}
