//! Fuzz target: the map parser and checker on any map.toml and brief.txt.
//!
//! The input is split at its first NUL byte: the map before it, the brief's
//! text after it (so quotes and the text vary together).
#![no_main]

use std::io;
use std::path::Path;

use argmap::map::check::{MapFiles, check_map};
use libfuzzer_sys::fuzz_target;

struct Memory<'a> {
    map: &'a [u8],
    text: &'a [u8],
}

impl MapFiles for Memory<'_> {
    fn read(&self, path: &Path) -> io::Result<String> {
        let bytes = if path.ends_with("map.toml") {
            self.map
        } else {
            self.text
        };
        String::from_utf8(bytes.to_vec())
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))
    }
}

fuzz_target!(|data: &[u8]| {
    let cut = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let files = Memory {
        map: &data[..cut],
        text: data.get(cut + 1..).unwrap_or(&[]),
    };
    let checked = check_map(Path::new("fuzz/map.toml"), &files);
    if let Some(map) = &checked.map {
        // A map that checks must compile.
        argmap::store::compile::compile(map, &argmap::vocab::Iris::default());
    }
    for d in &checked.diagnostics {
        let _ = d.to_string();
    }
});
