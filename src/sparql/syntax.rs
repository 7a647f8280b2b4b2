//! SPARQL syntax errors said as a person reads them: the place, and what is wrong in a short sentence.

/// A SPARQL syntax error as a person reads it: the line and column the
/// parser gives (from 1), and what is wrong in a short sentence. The
/// parser's `expected one of …` lists every token and character class it
/// could take; they are cut to the words, a hint for a text that is empty,
/// an update, or Turtle, and a message the parser gave in words.
pub fn describe_syntax_error(text: &str, error: &str) -> (Option<(usize, usize)>, String) {
    let (place, what) = match error.strip_prefix("error at ").and_then(|rest| {
        let (at, what) = rest.split_once(": ")?;
        let (line, column) = at.split_once(':')?;
        Some(((line.parse().ok()?, column.parse().ok()?), what.to_string()))
    }) {
        Some((p, what)) => (Some(p), what),
        None => (None, error.to_string()),
    };
    let meaningful = text
        .lines()
        .map(|l| l.trim())
        .any(|l| !l.is_empty() && !l.starts_with('#'));
    if !meaningful {
        return (None, "the query is empty".into());
    }
    // Parsed only once measured: the guard keeps the parser's recursion bounded.
    if crate::sparql::guard::check(text).is_ok()
        && spargebra::SparqlParser::new().parse_update(text).is_ok()
    {
        return (
            None,
            "this is a SPARQL Update, not a query: only SELECT, ASK, CONSTRUCT and DESCRIBE run here".into(),
        );
    }
    let start = text.trim_start();
    if start.starts_with("@prefix") || start.starts_with("@base") {
        return (
            place,
            "this looks like Turtle, not SPARQL (`@prefix` is Turtle; SPARQL writes `PREFIX`)"
                .into(),
        );
    }
    // The parser's few messages in words, said as what to do.
    let in_words = |w: &str| match w {
        "Prefix not found" => Some(
            "this prefix is not declared: add `PREFIX name: <IRI>` before the query".to_string(),
        ),
        "IRI parsing failed" => Some("this is not a valid IRI".to_string()),
        w if w.contains(' ') && !w.starts_with('[') && !w.starts_with('"') => Some(w.to_string()),
        _ => None,
    };
    let Some(list) = what.strip_prefix("expected one of ") else {
        let message = match what.strip_prefix("expected ") {
            // A character class alone (`[_]`) means the parser stopped
            // inside a word: say which word, not which characters.
            Some(w) if w.starts_with('[') => word_before(text, place)
                .map(|word| format!("`{word}` is not a SPARQL keyword here: check its spelling (SELECT, ASK, CONSTRUCT, DESCRIBE, WHERE, PREFIX …)"))
                .unwrap_or_else(|| "a keyword or name is cut short here".to_string()),
            Some(w) => in_words(w).unwrap_or_else(|| format!("expected {w}")),
            None => what.clone(),
        };
        return (place, message);
    };
    // Split at top-level commas: character classes hold commas of their own.
    let (mut items, mut depth, mut current) = (Vec::new(), 0i32, String::new());
    for c in list.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            ',' if depth == 0 => {
                items.push(std::mem::take(&mut current).trim().to_string());
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    items.push(current.trim().to_string());
    // A message in words (`Prefix not found`) says more than any token.
    if let Some(words) = items.iter().find_map(|i| in_words(i)) {
        return (place, words);
    }
    let tokens: Vec<&String> = items.iter().filter(|i| !i.starts_with('[')).collect();
    let shown: Vec<&str> = tokens.iter().take(8).map(|s| s.as_str()).collect();
    let more = tokens.len().saturating_sub(shown.len());
    let mut out = format!("expected one of {}", shown.join(", "));
    if more > 0 {
        out.push_str(&format!(" (or {more} more)"));
    }
    if tokens.len() < items.len() {
        out.push_str(if tokens.is_empty() {
            "a name"
        } else {
            ", or a name"
        });
    }
    (place, out)
}

/// The word of letters, digits and `_` that ends just before `place`
/// (line and column from 1, the column counting characters), if any.
fn word_before(text: &str, place: Option<(usize, usize)>) -> Option<String> {
    let (line, column) = place?;
    let line: Vec<char> = text.lines().nth(line.checked_sub(1)?)?.chars().collect();
    let end = column.saturating_sub(1).min(line.len());
    let start = line[..end]
        .iter()
        .rposition(|c| !(c.is_alphanumeric() || *c == '_'))
        .map_or(0, |i| i + 1);
    (start < end).then(|| line[start..end].iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_keyword_is_named() {
        let text = "SELEC";
        let error = spargebra::SparqlParser::new()
            .parse_query(text)
            .unwrap_err()
            .to_string();
        let (place, what) = describe_syntax_error(text, &error);
        assert_eq!(place, Some((1, 6)));
        assert!(
            what.starts_with("`SELEC` is not a SPARQL keyword here"),
            "{what}"
        );
    }
}
