//! AIF, the Argument Interchange Format: reading AIFdb JSON (bare or in the OVA3/xAIF wrapper) into a map, and writing a stored brief back as AIFdb JSON or AIF RDF.
//!
//! Reading (`read.rs`) is lenient: ids may be numbers, strings or compound
//! strings, keys argmap does not use are ignored, and a defect (an edge to a
//! missing node, a scheme node with no premise or no conclusion) is a
//! warning that names it while the rest imports. `--strict` turns those
//! warnings into errors (see [`crate::interchange::import`]). Writing
//! (`write.rs`) gives back an imported brief's own scheme and dialogue
//! nodes, and makes them up for a brief of argmap's own.

mod read;
mod write;

pub use read::read;
pub use write::{write_json, write_rdf};

/// The YA text that marks an I-node as a hypothesis.
fn is_hypothesising(text: &str) -> bool {
    let t = text.trim().to_ascii_lowercase();
    t == "hypothesising" || t == "hypothesizing"
}
