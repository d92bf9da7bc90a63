//! The layer × STRIDE matrix: findings counted per MAESTRO layer (and the cross-layer row) and
//! STRIDE category, by severity and by status, with the share mitigated per layer.

use crate::findings::{Finding, FindingStatus};
use crate::severity::Severity;
use maestro_catalog::{Catalog, LayerId, Stride};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Counts {
    pub total: u32,
    pub low: u32,
    pub medium: u32,
    pub high: u32,
    pub critical: u32,
    pub open: u32,
    pub mitigated: u32,
    pub accepted: u32,
    pub transferred: u32,
    pub not_applicable: u32,
}

impl Counts {
    fn add(&mut self, finding: &Finding) {
        self.total += 1;
        *match finding.severity {
            Severity::Low => &mut self.low,
            Severity::Medium => &mut self.medium,
            Severity::High => &mut self.high,
            Severity::Critical => &mut self.critical,
        } += 1;
        *match finding.status {
            FindingStatus::Open => &mut self.open,
            FindingStatus::Mitigated => &mut self.mitigated,
            FindingStatus::Accepted => &mut self.accepted,
            FindingStatus::Transferred => &mut self.transferred,
            FindingStatus::NotApplicable => &mut self.not_applicable,
        } += 1;
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct MatrixCell {
    pub stride: Stride,
    pub counts: Counts,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct MatrixRow {
    pub layer: LayerId,
    /// S, T, R, I, D, E in that order.
    pub cells: Vec<MatrixCell>,
    pub totals: Counts,
    /// Mitigated findings as a share of the row's findings (0 when there are none).
    pub mitigated_share: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct Matrix {
    /// One row per catalog layer, in catalog order (L1…L7, then cross-layer).
    pub rows: Vec<MatrixRow>,
}

pub(crate) fn tally(catalog: &Catalog, findings: &[Finding]) -> Matrix {
    let rows = catalog
        .layers
        .iter()
        .map(|layer| {
            let mut cells: Vec<MatrixCell> =
                Stride::ALL.iter().map(|&stride| MatrixCell { stride, counts: Counts::default() }).collect();
            let mut totals = Counts::default();
            for finding in findings.iter().filter(|f| f.layer == layer.id) {
                totals.add(finding);
                let cell =
                    cells.iter_mut().find(|c| c.stride == finding.stride).expect("every STRIDE letter has a cell");
                cell.counts.add(finding);
            }
            let mitigated_share =
                if totals.total == 0 { 0.0 } else { f64::from(totals.mitigated) / f64::from(totals.total) };
            MatrixRow { layer: layer.id.clone(), cells, totals, mitigated_share }
        })
        .collect();
    Matrix { rows }
}
