//! The bundled brief, KINU Online Series CO 17-32, built into the binary so that `trace` works before anything is loaded.

use std::io;
use std::path::Path;

use crate::map::check::{Checked, MapFiles, check_map};

/// The bundled brief's id.
pub const ID: &str = "kinu-co-17-32";
/// Where the bundled map lives in the source tree; also the name its diagnostics carry.
pub const MAP_PATH: &str = "seeds/kinu-co-17-32/map.toml";
const MAP: &str = include_str!("../../seeds/kinu-co-17-32/map.toml");
const TEXT: &str = include_str!("../../seeds/kinu-co-17-32/brief.txt");

/// Serves the bundled map and text instead of the disk.
pub struct Bundled;

impl MapFiles for Bundled {
    fn read(&self, path: &Path) -> io::Result<String> {
        match path.file_name().and_then(|n| n.to_str()) {
            Some("map.toml") => Ok(MAP.to_string()),
            Some("brief.txt") => Ok(TEXT.to_string()),
            _ => Err(io::Error::new(
                io::ErrorKind::NotFound,
                "not part of the bundled brief",
            )),
        }
    }
}

/// Checks the bundled map.
pub fn bundled() -> Checked {
    check_map(Path::new(MAP_PATH), &Bundled)
}
