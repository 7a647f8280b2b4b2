//! ICCMA's apx files read as frameworks: `arg(a).` and `att(a,b).` one to a line, `%` comments, every problem reported at its file:line:col.

use std::collections::HashMap;
use std::path::Path;

use super::framework::{Argument, Framework, Role};
use crate::Error;
use crate::map::diagnostic::{Diagnostic, Position};

/// The framework an apx file's `text` describes; `path` names it in errors.
pub fn parse_apx(path: &Path, text: &str) -> Result<Framework, Error> {
    let mut arguments: Vec<Argument> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut pending: Vec<(String, String, Position)> = Vec::new();
    let mut problems = Vec::new();
    // Lines are counted as they are read: finding each statement's place
    // from the start of the text would make a large file quadratic.
    for (number, line) in text.split_inclusive('\n').enumerate() {
        let body = line.split('%').next().unwrap_or("");
        let lead = body.len() - body.trim_start().len();
        let statement = body.trim();
        if statement.is_empty() {
            continue;
        }
        let at = Position {
            line: number + 1,
            column: body[..lead].chars().count() + 1,
        };
        match parse_statement(statement) {
            Some(Statement::Arg(name)) => {
                if index.contains_key(&name) {
                    continue;
                }
                index.insert(name.clone(), arguments.len());
                arguments.push(Argument {
                    name,
                    iri: None,
                    role: Role::Abstract,
                    text: String::new(),
                });
            }
            Some(Statement::Att(a, b)) => pending.push((a, b, at)),
            None => problems.push(
                Diagnostic::error(path, Some(at), format!("`{statement}` is not an apx statement"))
                    .with_help("write one `arg(name).` or `att(attacker,attacked).` per line; `%` starts a comment"),
            ),
        }
    }
    let mut attacks = Vec::new();
    for (a, b, at) in pending {
        let unknown: Vec<&str> = [&a, &b]
            .into_iter()
            .filter(|n| !index.contains_key(*n))
            .map(String::as_str)
            .collect();
        if !unknown.is_empty() {
            problems.push(
                Diagnostic::error(
                    path,
                    Some(at),
                    format!(
                        "`att({a},{b})` names an argument no `arg(…)` declares: {}",
                        unknown.join(", ")
                    ),
                )
                .with_help(format!("declare it with `arg({}).`", unknown[0])),
            );
            continue;
        }
        attacks.push((index[&a] as u32, index[&b] as u32));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(Framework::new(arguments, attacks))
}

enum Statement {
    Arg(String),
    Att(String, String),
}

/// One statement without its comment: `arg(x).` or `att(x,y).`.
fn parse_statement(text: &str) -> Option<Statement> {
    let text = text.strip_suffix('.')?.trim_end();
    let (head, rest) = text.split_once('(')?;
    let inner = rest.strip_suffix(')')?;
    let names: Vec<&str> = inner.split(',').map(str::trim).collect();
    if names.iter().any(|n| !is_name(n)) {
        return None;
    }
    match (head.trim(), names.as_slice()) {
        ("arg", [a]) => Some(Statement::Arg(a.to_string())),
        ("att", [a, b]) => Some(Statement::Att(a.to_string(), b.to_string())),
        _ => None,
    }
}

/// Whether `name` can name an argument: letters, digits, `_`, `-`, `.`.
fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_and_attacks_are_read_with_comments_and_spaces() {
        let f = parse_apx(
            Path::new("x.apx"),
            "% a chain\narg(a).\n arg( b ).\narg(c).\natt(a,b). % a attacks b\natt(b, c).\n",
        )
        .unwrap();
        assert_eq!(f.len(), 3);
        assert_eq!(f.attack_list, [(0, 1), (1, 2)]);
    }

    #[test]
    fn a_bad_line_and_an_undeclared_name_are_placed() {
        let e = parse_apx(Path::new("x.apx"), "arg(a).\nattack(a,b).\natt(a,z).\n").unwrap_err();
        let Error::Invalid(d) = e else { panic!("{e}") };
        let text: Vec<String> = d.iter().map(|d| d.to_string()).collect();
        assert!(text[0].contains("x.apx:2:1"), "{text:?}");
        assert!(
            text[1].contains("x.apx:3:1") && text[1].contains("z"),
            "{text:?}"
        );
    }
}
