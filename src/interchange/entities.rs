//! The entity budget of RDF/XML: how much a document's entity declarations would expand to, reckoned before the parser expands them.
//!
//! The RDF/XML parser expands each `<!ENTITY>` of the internal DTD subset
//! as it reads its declaration, and each reference to one where it occurs.
//! Nine levels of ten references each ("billion laughs") make a file of a
//! kilobyte expand to three gigabytes of text. The sizes are reckoned here
//! first, from the declarations' text, without expanding anything; a file
//! whose entities would exceed [`MAX_ENTITY_EXPANSION`] is refused with the
//! place of the declaration or reference that crosses it.

use std::collections::HashMap;

use crate::map::diagnostic::Position;

/// The most characters a document's entities may expand to, declarations
/// and references together: far above any real use (a few namespace IRIs
/// referenced in attributes), far below what can exhaust memory.
pub const MAX_ENTITY_EXPANSION: usize = 1 << 20;

/// The first place where the entities of `text` pass the budget, with what
/// happens there; `None` within it.
pub fn over_budget(text: &str) -> Option<(Position, String)> {
    let mut sizes: HashMap<&str, usize> = HashMap::new();
    let mut spent = 0usize;
    let mut rest_from = 0;
    let mut search_from = 0;
    while let Some(found) = text[search_from..].find("<!ENTITY") {
        let at = search_from + found;
        let (name, value, end) = declaration(text, at)?;
        let size = expanded(value, &sizes);
        spent = spent.saturating_add(size);
        if size > MAX_ENTITY_EXPANSION || spent > MAX_ENTITY_EXPANSION {
            return Some((
                Position::of_byte(text, at),
                format!(
                    "the entity `{name}` would expand to {} characters, past the {} that argmap expands in one file",
                    if size > MAX_ENTITY_EXPANSION {
                        size
                    } else {
                        spent
                    },
                    MAX_ENTITY_EXPANSION
                ),
            ));
        }
        sizes.insert(name, size);
        search_from = end;
        rest_from = end;
    }
    // References in the document itself.
    let body = &text[rest_from..];
    let mut from = 0;
    while let Some(found) = body[from..].find('&') {
        let at = from + found;
        from = at + 1;
        let Some(len) = body[at + 1..].find(';') else {
            break;
        };
        if let Some(size) = sizes.get(&body[at + 1..at + 1 + len]) {
            spent = spent.saturating_add(*size);
            if spent > MAX_ENTITY_EXPANSION {
                return Some((
                    Position::of_byte(text, rest_from + at),
                    format!(
                        "the entities referenced up to here expand to {spent} characters, past the {MAX_ENTITY_EXPANSION} that argmap expands in one file"
                    ),
                ));
            }
        }
    }
    None
}

/// The name and quoted value of the declaration at byte `at`, and where it
/// ends; `None` when it is malformed (the parser then says how).
fn declaration(text: &str, at: usize) -> Option<(&str, &str, usize)> {
    let rest = text[at + "<!ENTITY".len()..].trim_start();
    let name_len = rest.find(|c: char| c.is_whitespace())?;
    let name = &rest[..name_len];
    let after_name = rest[name_len..].trim_start();
    let quote = after_name
        .chars()
        .next()
        .filter(|c| *c == '"' || *c == '\'')?;
    let value_len = after_name[1..].find(quote)?;
    let value = &after_name[1..1 + value_len];
    let end = text.len() - after_name.len() + 1 + value_len + 1;
    Some((name, value, end))
}

/// The length of `value` with each reference to a declared entity counted
/// as that entity's own expanded length.
fn expanded(value: &str, sizes: &HashMap<&str, usize>) -> usize {
    let mut size = 0usize;
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        size = size.saturating_add(at);
        let after = &rest[at + 1..];
        match after.find(';') {
            Some(len) if sizes.contains_key(&after[..len]) => {
                size = size.saturating_add(sizes[&after[..len]]);
                rest = &after[len + 1..];
            }
            _ => {
                size += 1;
                rest = after;
            }
        }
    }
    size.saturating_add(rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn laughs(levels: usize) -> String {
        let mut text =
            String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [\n <!ENTITY lol0 \"lol\">\n");
        for i in 1..=levels {
            text.push_str(&format!(
                " <!ENTITY lol{i} \"{}\">\n",
                format!("&lol{};", i - 1).repeat(10)
            ));
        }
        text.push_str(&format!("]>\n<rdf:RDF><x>&lol{levels};</x></rdf:RDF>\n"));
        text
    }

    #[test]
    fn nested_entities_are_reckoned_without_expanding_them() {
        let (at, message) = over_budget(&laughs(9)).expect("nine levels are refused");
        assert_eq!(at.line, 9, "{message}");
        assert!(message.contains("`lol6`"), "{message}");
        assert_eq!(over_budget(&laughs(2)), None);
    }

    #[test]
    fn many_references_to_one_entity_are_counted_together() {
        let entity = "x".repeat(1000);
        let text = format!(
            "<!DOCTYPE r [ <!ENTITY e \"{entity}\"> ]><r>{}</r>",
            "&e;".repeat(2000)
        );
        let (at, _) = over_budget(&text).expect("two megabytes of references are refused");
        assert_eq!(at.line, 1);
    }
}
