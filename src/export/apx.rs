//! A brief's framework in ICCMA's apx format (`arg(a).`, `att(a,b).`), for external argumentation solvers.
//!
//! apx names are ASP constants: a lower-case letter, then letters, digits
//! and `_`. Each argument's name is its kind and key made so (`h_buffer_zone`
//! for hypothesis `buffer-zone`, `e_…` evidence, `c_…` claims, `i_…` an
//! inference an undercut attacks), with a number added where two would
//! meet; a `%` comment line before the statements gives each name's IRI,
//! so that a solver's answer can be read back.

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::evaluate::Framework;

/// The framework as an apx file.
pub fn write(framework: &Framework, title: &str) -> String {
    let names = apx_names(framework);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "% {title}: {} arguments, {} attacks",
        framework.len(),
        framework.attack_list.len()
    );
    for (argument, name) in framework.arguments.iter().zip(&names) {
        let place = argument.iri.as_deref().unwrap_or(&argument.name);
        let _ = writeln!(out, "% {name} = {place}");
    }
    for name in &names {
        let _ = writeln!(out, "arg({name}).");
    }
    for &(a, b) in &framework.attack_list {
        let _ = writeln!(out, "att({},{}).", names[a as usize], names[b as usize]);
    }
    out
}

/// One apx name per argument, each different.
pub fn apx_names(framework: &Framework) -> Vec<String> {
    let mut taken = HashSet::new();
    framework
        .arguments
        .iter()
        .map(|argument| {
            let prefix = match argument.kind() {
                "hypothesis" => "h",
                "claim" => "c",
                "evidence" => "e",
                "inference" => "i",
                _ => "a",
            };
            let mut stem = format!("{prefix}_");
            for c in argument.name.chars() {
                if c.is_ascii_alphanumeric() {
                    stem.push(c.to_ascii_lowercase());
                } else if !stem.ends_with('_') {
                    stem.push('_');
                }
            }
            let mut name = stem.clone();
            let mut n = 1;
            while !taken.insert(name.clone()) {
                n += 1;
                name = format!("{stem}_{n}");
            }
            name
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::apx::parse_apx;
    use std::path::Path;

    #[test]
    fn what_is_written_reads_back_as_the_same_framework() {
        let f = Framework::abstract_of(3, &[(0, 1), (1, 2), (2, 2)]);
        let text = write(&f, "test");
        let back = parse_apx(Path::new("t.apx"), &text).unwrap();
        assert_eq!(back.len(), 3);
        assert_eq!(back.attack_list, f.attack_list);
    }
}
