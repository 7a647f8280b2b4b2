//! Text written for people and pages: the plain-text table of `trace`, `query`, `matrix` and `link`, the one escape for HTML and XML, and TOML's strings and arrays for the maps argmap writes.

use std::fmt::Write as _;

/// A plain-text table with a header, columns padded to their widest cell.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let line = |out: &mut String, cells: Vec<&str>| {
        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect();
        let _ = writeln!(out, "{}", padded.join("  ").trim_end());
    };
    line(&mut out, header.to_vec());
    line(
        &mut out,
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect(),
    );
    for row in rows {
        line(&mut out, row.iter().map(String::as_str).collect());
    }
    out
}

/// `cell` padded with spaces to `width` characters. Written by hand because
/// `format!`'s width is limited to 65,535, and a literal in a store may be
/// longer than that.
fn pad(cell: &str, width: usize) -> String {
    let missing = width.saturating_sub(cell.chars().count());
    let mut out = String::with_capacity(cell.len() + missing);
    out.push_str(cell);
    out.extend(std::iter::repeat_n(' ', missing));
    out
}

/// `text` escaped for HTML and XML alike, as element content or as an
/// attribute value in either quote.
///
/// The five markup characters become references (`'` as `&#39;`, which
/// HTML 4 knows and `&apos;` is not). A line break or tab is written as a
/// character reference, because an XML parser turns a literal one inside
/// an attribute into a space, and a label's line breaks mean something.
/// Every other control character is dropped: XML 1.0 cannot carry them and
/// HTML forbids them.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML array of strings, on one line.
pub fn toml_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|k| toml_string(k)).collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_wider_than_any_format_width_is_padded() {
        let long = "x".repeat(70_000);
        let out = table(
            &["a", "b"],
            &[vec![long.clone(), "y".into()], vec!["z".into(), "w".into()]],
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[2], format!("{long}  y"));
        assert_eq!(lines[3].chars().count(), 70_003);
    }

    #[test]
    fn escape_covers_markup_quotes_and_control_characters() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>\u{7}\u{1b}\r\n\t\u{85}é"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;&#10;&#9;é"
        );
    }
}
