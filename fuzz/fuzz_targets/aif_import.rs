//! Fuzz target: the AIF importer on any JSON (or not-JSON) text.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let checked = argmap::interchange::aif::read(Path::new("fuzz.json"), text, "fuzz");
    if let Some(map) = &checked.map {
        argmap::store::compile::compile(map, &argmap::vocab::Iris::default());
    }
});
