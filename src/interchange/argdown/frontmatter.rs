//! The YAML of an Argdown frontmatter, read as far as argmap needs it: block mappings nested by indentation, scalars plain, quoted or in blocks and continued over lines, and lists.
//!
//! Argdown reads its frontmatter with a full YAML parser (js-yaml). argmap
//! keeps the frontmatter's text as written, so that the export writes back
//! every field; it reads only the values it uses (`title`, `model: mode`,
//! `argmap: hypothesis-tags`), and this small reader is enough for those.

/// A YAML value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Yaml {
    Scalar(String),
    List(Vec<Yaml>),
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    /// The value under `key`, for a mapping.
    pub(super) fn get(&self, key: &str) -> Option<&Yaml> {
        match self {
            Yaml::Map(pairs) => pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a scalar.
    pub(super) fn as_str(&self) -> Option<&str> {
        match self {
            Yaml::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The texts of a list of scalars, or of one scalar.
    pub(super) fn strings(&self) -> Vec<String> {
        match self {
            Yaml::Scalar(s) => vec![s.clone()],
            Yaml::List(items) => items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect(),
            Yaml::Map(_) => Vec::new(),
        }
    }
}

/// One line: its indentation and its text without it.
struct Line<'a> {
    indent: usize,
    text: &'a str,
}

/// Reads the frontmatter's text (between the `===` lines) as a mapping.
pub(super) fn parse(text: &str) -> Yaml {
    let lines: Vec<Line> = text
        .lines()
        .map(|l| Line {
            indent: l.len() - l.trim_start().len(),
            text: l.trim(),
        })
        .collect();
    let mut at = 0;
    block(&lines, &mut at, 0)
}

/// The block that starts at line `*at`, whose lines are indented at least
/// `min`: a mapping, a list, or a scalar.
fn block(lines: &[Line], at: &mut usize, min: usize) -> Yaml {
    skip_blank(lines, at);
    let Some(first) = lines.get(*at) else {
        return Yaml::Scalar(String::new());
    };
    if first.indent < min {
        return Yaml::Scalar(String::new());
    }
    let indent = first.indent;
    if first.text == "-" || first.text.starts_with("- ") {
        return list(lines, at, indent);
    }
    if key_of(first.text).is_none() {
        return Yaml::Scalar(scalar(&continued(lines, at, min)));
    }
    let mut pairs = Vec::new();
    while let Some(line) = lines.get(*at) {
        if line.text.is_empty() {
            *at += 1;
            continue;
        }
        if line.indent != indent {
            break;
        }
        let Some((key, rest)) = key_of(line.text) else {
            break;
        };
        *at += 1;
        let value = value(lines, at, rest, indent);
        pairs.push((key, value));
    }
    Yaml::Map(pairs)
}

/// A block list of items `- …` at `indent`.
fn list(lines: &[Line], at: &mut usize, indent: usize) -> Yaml {
    let mut items = Vec::new();
    while let Some(line) = lines.get(*at) {
        if line.text.is_empty() {
            *at += 1;
            continue;
        }
        if line.indent != indent || !(line.text == "-" || line.text.starts_with("- ")) {
            break;
        }
        *at += 1;
        let rest = line.text[1..].trim();
        items.push(value(lines, at, rest, indent));
    }
    Yaml::List(items)
}

/// The value after `key:` (its text on the line is `rest`), with whatever
/// more-indented lines follow.
fn value(lines: &[Line], at: &mut usize, rest: &str, indent: usize) -> Yaml {
    if rest.is_empty() {
        return block(lines, at, indent + 1);
    }
    if rest == "|" || rest == ">" || rest.starts_with("|-") || rest.starts_with(">-") {
        return Yaml::Scalar(block_scalar(lines, at, indent, rest.starts_with('|')));
    }
    let mut text = rest.to_string();
    while let Some(line) = lines.get(*at) {
        if line.text.is_empty() || line.indent <= indent {
            break;
        }
        text.push(' ');
        text.push_str(line.text);
        *at += 1;
    }
    if let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        return Yaml::List(
            inner
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Yaml::Scalar(scalar(s)))
                .collect(),
        );
    }
    Yaml::Scalar(scalar(&text))
}

/// A `|` (literal) or `>` (folded) block scalar.
fn block_scalar(lines: &[Line], at: &mut usize, indent: usize, literal: bool) -> String {
    let mut parts = Vec::new();
    while let Some(line) = lines.get(*at) {
        if !line.text.is_empty() && line.indent <= indent {
            break;
        }
        parts.push(line.text);
        *at += 1;
    }
    while parts.last().is_some_and(|p| p.is_empty()) {
        parts.pop();
    }
    parts.join(if literal { "\n" } else { " " })
}

/// The lines of a scalar that starts at `*at`, joined with spaces.
fn continued(lines: &[Line], at: &mut usize, min: usize) -> String {
    let mut text = String::new();
    while let Some(line) = lines.get(*at) {
        if line.text.is_empty() || line.indent < min {
            break;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(line.text);
        *at += 1;
    }
    text
}

fn skip_blank(lines: &[Line], at: &mut usize) {
    while lines.get(*at).is_some_and(|l| l.text.is_empty()) {
        *at += 1;
    }
}

/// `key: rest` or `key:` at the start of a line, the key unquoted.
fn key_of(text: &str) -> Option<(String, &str)> {
    if text.starts_with(['"', '\'', '[', '{', '-', '#']) {
        return None;
    }
    let colon = text
        .find(": ")
        .or_else(|| text.ends_with(':').then(|| text.len() - 1))?;
    Some((text[..colon].trim().to_string(), text[colon + 1..].trim()))
}

/// A scalar's text: a double-quoted one takes JSON's escapes, a
/// single-quoted one doubles its quotes, and a plain one loses a trailing
/// comment.
fn scalar(text: &str) -> String {
    let t = text.trim();
    if t.len() >= 2 && t.starts_with('"') && t.ends_with('"') {
        return serde_json::from_str::<String>(t).unwrap_or_else(|_| t[1..t.len() - 1].to_string());
    }
    if t.len() >= 2 && t.starts_with('\'') && t.ends_with('\'') {
        return t[1..t.len() - 1].replace("''", "'");
    }
    match t.find(" #") {
        Some(i) => t[..i].trim_end().to_string(),
        None => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_continued_on_an_indented_line_is_one_value() {
        let y = parse(
            "title: Influenza and\n  the Available Evidence\nauthor: A. Writer\nmodel:\n    mode: strict\n",
        );
        assert_eq!(
            y.get("title").and_then(Yaml::as_str),
            Some("Influenza and the Available Evidence")
        );
        assert_eq!(y.get("author").and_then(Yaml::as_str), Some("A. Writer"));
        let mode = y.get("model").and_then(|m| m.get("mode"));
        assert_eq!(mode.and_then(Yaml::as_str), Some("strict"));
    }

    #[test]
    fn lists_and_quoted_scalars_are_read() {
        let y = parse(
            "argmap:\n  hypothesis-tags: [H1, \"H2\"]\nother:\n  - a\n  - 'b''s'\nt: \"x\\\"y\"",
        );
        let tags = y.get("argmap").and_then(|a| a.get("hypothesis-tags"));
        assert_eq!(
            tags.map(Yaml::strings),
            Some(vec!["H1".into(), "H2".into()])
        );
        assert_eq!(
            y.get("other").map(Yaml::strings),
            Some(vec!["a".into(), "b's".into()])
        );
        assert_eq!(y.get("t").and_then(Yaml::as_str), Some("x\"y"));
    }
}
