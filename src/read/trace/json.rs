//! The trace as stable JSON, `"format": "argmap-trace/1"` (documented in the README): the traces' own fields, keys sorted.

use super::BriefTrace;

/// The trace as stable, documented JSON.
pub fn to_json(traces: &[BriefTrace]) -> serde_json::Value {
    serde_json::json!({ "format": "argmap-trace/1", "briefs": traces })
}
