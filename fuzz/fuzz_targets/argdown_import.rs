//! Fuzz target: the Argdown importer on any text.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let checked = argmap::interchange::argdown::read(Path::new("fuzz.argdown"), text, "fuzz");
    if let Some(map) = &checked.map {
        argmap::store::compile::compile(map, &argmap::vocab::Iris::default());
    }
});
