//! The matrices as stable JSON, `"format": "argmap-matrix/1"` (documented in the README): the matrices' own fields, keys sorted.

use super::BriefMatrix;

/// The matrices as stable JSON (`"format": "argmap-matrix/1"`).
pub fn to_json(matrices: &[BriefMatrix]) -> serde_json::Value {
    serde_json::json!({ "format": "argmap-matrix/1", "briefs": matrices })
}
