//! Writing a stored brief as Argdown: the frontmatter, then each section's heading with the definitions of its statements and arguments (tags, data, premise-conclusion structures), then the relations.
//!
//! Every statement and argument is defined once, in its section; premises
//! and conclusions of a structure, and the ends of relations, are written
//! as references, so that the definition alone gives each its text and
//! section when Argdown reads the file back. Relations are written in the
//! frontmatter's mode: in strict mode `+` and `-` between two statements
//! are entailment and contrariety, in loose mode support and attack.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::ESCAPED;
use super::stored::{Extras, StoredItem};
use crate::map::model::SchemeKind;
use crate::read::graph::{BriefGraph, GraphNode, SchemeNode};
use crate::read::node::{EdgeKind, Kind};

/// Escapes the characters that would start Argdown syntax inside a text,
/// except in a link `[text](url)` or a mention `@[Title]`, `@<Title>`,
/// which are written as they are so that Argdown reads them as such.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if is_markup(word) {
            out.push_str(word);
            continue;
        }
        for c in word.chars() {
            if ESCAPED.contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Escapes a text as [`escape`] does, except that a word that is one of
/// `tags` (`#word` or `#(several words)`) is written as the tag it is; also
/// gives the tags so written.
fn escape_keeping_tags<'t>(
    text: &str,
    tags: &'t [String],
    from_argdown: bool,
) -> (String, Vec<&'t String>) {
    // A text read from Argdown keeps its emphasis (`*`, `_`) as written.
    let escape = |word: &str| {
        if from_argdown {
            escape(word).replace("\\*", "*").replace("\\_", "_")
        } else {
            escape(word)
        }
    };
    if tags.is_empty() && !from_argdown {
        return (escape(text), Vec::new());
    }
    let mut out = String::new();
    let mut inline = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        // A link read from Argdown, whose text may have spaces, is written
        // as it was.
        if let Some(len) = link_length(rest).filter(|_| from_argdown) {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            if rest.starts_with(char::is_whitespace) {
                rest = rest.trim_start();
                if !rest.is_empty() {
                    out.push(' ');
                }
            }
            continue;
        }
        let found = tags.iter().find_map(|t| {
            let written = tag(t);
            let after = rest.strip_prefix(written.as_str())?;
            after
                .chars()
                .next()
                .is_none_or(char::is_whitespace)
                .then_some((t, written.len()))
        });
        let end = match found {
            Some((t, len)) => {
                inline.push(t);
                out.push_str(&rest[..len]);
                len
            }
            None => {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                out.push_str(&escape(&rest[..end]));
                end
            }
        };
        rest = rest[end..].trim_start();
        if !rest.is_empty() {
            out.push(' ');
        }
    }
    (out, inline)
}

/// The length of a Markdown link `[text](url)` at the start of `text`, if
/// one is there (on one line, the url without spaces).
fn link_length(text: &str) -> Option<usize> {
    let inner = text.strip_prefix('[')?;
    let close = inner.find("](")?;
    if inner[..close].contains(['[', '\n']) {
        return None;
    }
    let url = &inner[close + 2..];
    let end = url.find(')')?;
    if url[..end].contains(char::is_whitespace) {
        return None;
    }
    Some(1 + close + 2 + end + 1)
}

/// Whether a word is a link or a mention, to be written unescaped.
fn is_markup(word: &str) -> bool {
    let mention = (word.starts_with("@[") && word.contains(']'))
        || (word.starts_with("@<") && word.contains('>'));
    let link = word.starts_with('[') && word.contains("](") && word.ends_with(')');
    mention || link
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A title that Argdown accepts: no brackets.
fn title_of(node: &GraphNode) -> String {
    node.identifier
        .clone()
        .unwrap_or_else(|| node.key.clone())
        .replace(['[', ']', '<', '>'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// A tag as Argdown writes it: `#word`, or `#(several words)`.
fn tag(t: &str) -> String {
    let simple = !t.is_empty()
        && t.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || u32::from(c) >= 0xA0);
    if simple {
        format!("#{t}")
    } else {
        format!("#({})", t.replace(')', " "))
    }
}

/// Writes a stored brief as Argdown. A brief imported from Argdown gets its
/// own frontmatter, sections, tags, data blocks and premise-conclusion
/// structures back; argmap's own briefs get a frontmatter with the title
/// and rights, hypotheses tagged `#hypothesis` and argmap's facts in each
/// statement's data block.
pub fn write(graph: &BriefGraph, extras: &Extras) -> String {
    let propositions: Vec<&GraphNode> = graph
        .nodes
        .iter()
        .filter(|n| n.kind.is_proposition())
        .collect();
    let references: HashMap<&str, String> = propositions
        .iter()
        .map(|n| {
            let r = if n.argument {
                format!("<{}>", title_of(n))
            } else {
                format!("[{}]", title_of(n))
            };
            (n.iri.as_str(), r)
        })
        .collect();
    let undercut = undercut_inferences(graph);
    let mut references = references;
    for u in &undercut {
        references.insert(u.inference.iri.as_str(), format!("<{}>", u.title));
    }
    let mut out = String::new();
    front(&mut out, graph, extras);
    let w = Writer {
        graph,
        extras,
        references: &references,
        sources: sources_of(graph),
        rephrases: rephrases_of(graph, &references),
    };
    // What no section holds comes first, before any heading.
    let mut by_section: HashMap<Option<&str>, Vec<&GraphNode>> = HashMap::new();
    for n in &propositions {
        let section = extras.section_of.get(&n.iri).map(String::as_str);
        by_section.entry(section).or_default().push(n);
    }
    for n in by_section.remove(&None).unwrap_or_default() {
        w.definition(&mut out, n);
    }
    for s in &extras.sections {
        out.push_str(&format!("{} {}\n\n", "#".repeat(s.level), escape(&s.title)));
        for n in by_section.remove(&Some(s.iri.as_str())).unwrap_or_default() {
            w.definition(&mut out, n);
        }
    }
    for u in &undercut {
        w.undercut_inference(&mut out, u);
    }
    w.relations(&mut out);
    out
}

/// An AIF inference that something undercuts, as Argdown writes it.
struct Undercut<'g> {
    inference: &'g SchemeNode,
    /// The title of the argument it is written as.
    title: String,
    /// The IRIs of the propositions that undercut it.
    by: Vec<&'g str>,
}

/// The AIF inferences that a conflict node aims at (undercuts): Argdown
/// undercuts an argument's inference, so each such inference becomes an
/// argument titled by its scheme and id, whose structure is its premises
/// and conclusion.
fn undercut_inferences(graph: &BriefGraph) -> Vec<Undercut<'_>> {
    let mut by: HashMap<&str, Vec<&str>> = HashMap::new();
    for s in graph
        .schemes
        .iter()
        .filter(|s| s.kind == SchemeKind::Conflict)
    {
        for c in &s.conclusions {
            by.entry(c.as_str())
                .or_default()
                .extend(s.premises.iter().map(String::as_str));
        }
    }
    graph
        .schemes
        .iter()
        .filter(|s| s.kind == SchemeKind::Inference)
        .filter_map(|s| {
            let by = by.remove(s.iri.as_str())?;
            let id = s.identifier.as_deref().unwrap_or(&s.key);
            let title = format!("{} {id}", s.scheme.as_deref().unwrap_or(&s.text))
                .replace(['[', ']', '<', '>'], " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            Some(Undercut {
                inference: s,
                title,
                by,
            })
        })
        .collect()
}

/// The title each node rephrases (an AIF MA node), by the node's IRI.
fn rephrases_of<'g>(
    graph: &'g BriefGraph,
    references: &HashMap<&str, String>,
) -> HashMap<&'g str, String> {
    let mut out = HashMap::new();
    for e in graph.edges.iter().filter(|e| e.kind == EdgeKind::Rephrases) {
        if let Some(r) = references.get(e.to.as_str()) {
            let title = r
                .trim_start_matches(['[', '<'])
                .trim_end_matches([']', '>']);
            out.entry(e.from.as_str())
                .or_insert_with(|| title.to_string());
        }
    }
    out
}

/// Writes the frontmatter: the imported one as it was written, or one with
/// the brief's title and rights (and strict mode for a brief whose
/// statements entail or are contrary to each other, and neither support
/// nor attack each other).
fn front(out: &mut String, graph: &BriefGraph, extras: &Extras) {
    if let Some(raw) = &extras.frontmatter {
        if raw.is_empty() {
            return;
        }
        out.push_str("===\n");
        out.push_str(raw);
        out.push_str("\n===\n\n");
        return;
    }
    let arguments: HashSet<&str> = graph
        .nodes
        .iter()
        .filter(|n| n.argument)
        .map(|n| n.iri.as_str())
        .collect();
    let statement = |iri: &str| !arguments.contains(iri);
    let kinds = |k: &[EdgeKind]| graph.edges.iter().any(|e| k.contains(&e.kind));
    let strict = kinds(&[EdgeKind::Entails, EdgeKind::Contrary])
        && !graph.edges.iter().any(|e| {
            matches!(e.kind, EdgeKind::Supports | EdgeKind::Opposes)
                && statement(&e.from)
                && statement(&e.to)
        });
    out.push_str("===\n");
    out.push_str(&format!("title: {}\n", yaml_string(&graph.brief.title)));
    out.push_str(&format!("rights: {}\n", yaml_string(&graph.brief.rights)));
    if strict {
        out.push_str("model:\n  mode: strict\n");
    }
    out.push_str("===\n\n");
}

/// The title of each node's source, by the node's IRI.
fn sources_of(graph: &BriefGraph) -> HashMap<&str, &str> {
    let labels: HashMap<&str, &str> = graph
        .nodes
        .iter()
        .map(|n| (n.iri.as_str(), n.text.as_str()))
        .collect();
    let mut out = HashMap::new();
    for e in graph.edges.iter().filter(|e| e.kind == EdgeKind::Source) {
        if let Some(title) = labels.get(e.to.as_str()) {
            out.entry(e.from.as_str()).or_insert(*title);
        }
    }
    out
}

/// What every definition needs to hand.
struct Writer<'a> {
    graph: &'a BriefGraph,
    extras: &'a Extras,
    references: &'a HashMap<&'a str, String>,
    sources: HashMap<&'a str, &'a str>,
    /// The title each node rephrases, by the node's IRI.
    rephrases: HashMap<&'a str, String>,
}

impl Writer<'_> {
    /// One statement or argument defined: its text, tags and data block,
    /// and for a reconstructed argument its premise-conclusion structure.
    fn definition(&self, out: &mut String, n: &GraphNode) {
        let r = self
            .references
            .get(n.iri.as_str())
            .cloned()
            .unwrap_or_default();
        let tags = self.extras.tags.get(&n.iri);
        let from_argdown = self.extras.frontmatter.is_some();
        let (text, inline) = escape_keeping_tags(
            &n.text,
            tags.map(Vec::as_slice).unwrap_or(&[]),
            from_argdown,
        );
        // An argument Argdown read without a text got its title as text;
        // it is written back without one.
        if from_argdown && n.argument && n.text == title_of(n) {
            out.push_str(&r);
        } else {
            out.push_str(&format!("{r}: {text}"));
        }
        // A tag the text holds stays where it is, as Argdown keeps it in
        // the text; the others follow it.
        for t in tags.into_iter().flatten().filter(|t| !inline.contains(t)) {
            out.push(' ');
            out.push_str(&tag(t));
        }
        // A brief read from Argdown says its roles in the data block (below),
        // so that its tags stay the tags Argdown read.
        if n.kind == Kind::Hypothesis && tags.is_none() && !from_argdown {
            out.push_str(" #hypothesis");
        }
        if let Some(block) = self.data_block(n) {
            out.push(' ');
            out.push_str(&block);
        }
        out.push_str("\n\n");
        let Some(items) = self.extras.structures.get(&n.iri) else {
            return;
        };
        let mut number = 0;
        for item in items {
            let Some(statement) = self.references.get(item.statement.as_str()) else {
                continue;
            };
            if item.role != "premise" {
                out.push_str(&inference_line(item.rule.as_deref(), item.data.as_deref()));
            }
            number += 1;
            out.push_str(&format!("({number}) {statement}\n"));
        }
        out.push('\n');
    }

    /// The data block of a node: the blocks it was imported with, merged,
    /// or for argmap's own nodes argmap's facts. A node read from Argdown
    /// that is a hypothesis or evidence says so with `kind`, however its
    /// role was given (a tag, an option, a roles file or inference), so
    /// that the file read again gives it the same role.
    fn data_block(&self, n: &GraphNode) -> Option<String> {
        let from_argdown = self.extras.frontmatter.is_some() && n.identifier.is_some();
        let role =
            (n.kind != Kind::Claim).then(|| format!("kind: {}", yaml_string(n.kind.as_str())));
        if let Some(blocks) = self.extras.data.get(&n.iri) {
            let said = blocks.iter().any(|b| b.contains("kind:"));
            let role = role.filter(|_| from_argdown && !said);
            // One block is written as it was, the role added at its end.
            if let [block] = blocks.as_slice() {
                return Some(match (role, block.trim_end().strip_suffix('}')) {
                    (Some(role), Some(open)) => format!("{open}, {role}}}"),
                    _ => block.clone(),
                });
            }
            let mut inner: Vec<String> = blocks
                .iter()
                .map(|b| {
                    b.trim()
                        .trim_start_matches('{')
                        .trim_end_matches('}')
                        .trim()
                        .to_string()
                })
                .filter(|b| !b.is_empty())
                .collect();
            // The stored blocks come in no order, and Argdown reads the last
            // of a key given twice: the block that gives the node's facts
            // as stored goes last, so that the file read again keeps them.
            let facts = [
                n.hedge.as_deref(),
                n.date.as_deref(),
                n.quote.as_deref(),
                self.sources.get(n.iri.as_str()).copied(),
            ];
            inner.sort_by_key(|b| facts.iter().flatten().filter(|v| b.contains(**v)).count());
            // A role the blocks say (as the user wrote it) stays as it is;
            // the writer's own goes last, where the reader finds it.
            inner.extend(role);
            return Some(format!("{{{}}}", inner.join(", ")));
        }
        if from_argdown {
            return role.map(|r| format!("{{{r}}}"));
        }
        let mut data = Vec::new();
        if n.kind != Kind::Claim {
            data.push(format!("kind: {}", yaml_string(n.kind.as_str())));
        }
        let status = n.status.as_ref().map(|s| s.word());
        for (k, v) in [
            ("status", status),
            ("hedge", n.hedge.clone()),
            ("date", n.date.clone()),
            ("quote", n.quote.clone()),
            (
                "source",
                self.sources.get(n.iri.as_str()).map(|s| s.to_string()),
            ),
            ("rephrases", self.rephrases.get(n.iri.as_str()).cloned()),
        ] {
            if let Some(v) = v {
                data.push(format!("{k}: {}", yaml_string(&v)));
            }
        }
        (!data.is_empty()).then(|| format!("{{{}}}", data.join(", ")))
    }

    /// The relations, grouped under the node they bear on (a
    /// contradiction under its source). The frontmatter's mode says how
    /// Argdown reads `+` and `-` between two statements.
    fn relations(&self, out: &mut String) {
        let implied = self.implied_supports();
        let argued = self.argued_conclusions();
        let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for e in &self.graph.edges {
            if e.kind == EdgeKind::Supports && implied.contains(&(e.from.as_str(), e.to.as_str())) {
                continue;
            }
            // Argdown reads a support or attack out of a reconstructed
            // argument as one out of its main conclusion; written back out
            // of the argument, it stays a support or attack in strict mode,
            // where `+` and `-` between two statements would not.
            let out_of = match e.kind {
                EdgeKind::Supports | EdgeKind::Opposes => argued.get(e.from.as_str()).copied(),
                _ => None,
            };
            let (Some(from), Some(to)) = (
                out_of.or_else(|| self.references.get(e.from.as_str())),
                self.references.get(e.to.as_str()),
            ) else {
                continue;
            };
            // Strict mode has no support or attack between two statements,
            // and loose mode no entailment or contrariety: each is written
            // as the nearest the mode has.
            let symbol = match e.kind {
                EdgeKind::Supports | EdgeKind::Entails => "+",
                EdgeKind::Opposes | EdgeKind::Contrary => "-",
                EdgeKind::Undercuts => "_",
                EdgeKind::Contradicts => "><",
                _ => continue,
            };
            let (parent, line) = if symbol == "><" {
                (from.clone(), format!(">< {to}"))
            } else {
                (to.clone(), format!("{symbol} {from}"))
            };
            groups.entry(parent).or_default().push(line);
        }
        for (parent, lines) in groups {
            out.push_str(&parent);
            out.push('\n');
            for l in lines {
                out.push_str(&format!("  {l}\n"));
            }
            out.push('\n');
        }
    }
}

impl<'a> Writer<'a> {
    /// An undercut AIF inference written as an argument (its premises, a
    /// separator, its conclusion), and the undercuts `_` of its inference.
    fn undercut_inference(&self, out: &mut String, u: &Undercut) {
        let Some(r) = self.references.get(u.inference.iri.as_str()) else {
            return;
        };
        let statement = |iri: &str| {
            self.references
                .get(iri)
                .filter(|r| r.starts_with('['))
                .cloned()
        };
        let premises: Vec<String> = u
            .inference
            .premises
            .iter()
            .filter_map(|p| statement(p))
            .collect();
        let conclusion = u.inference.conclusions.iter().find_map(|c| statement(c));
        out.push_str(&format!("{r}\n\n"));
        if let Some(conclusion) = conclusion {
            for (n, p) in premises.iter().enumerate() {
                out.push_str(&format!("({}) {p}\n", n + 1));
            }
            out.push_str("----\n");
            out.push_str(&format!("({}) {conclusion}\n\n", premises.len() + 1));
        }
        let by: Vec<String> =
            u.by.iter()
                .filter_map(|b| self.references.get(b).cloned())
                .collect();
        if by.is_empty() {
            return;
        }
        out.push_str(&format!("{r}\n"));
        for b in by {
            out.push_str(&format!("  _ {b}\n"));
        }
        out.push('\n');
    }

    /// The supports a premise-conclusion structure implies (each premise of
    /// a step to its conclusion, the reader adds them): the structure
    /// writes them, so they are not written again as relations.
    /// The reference of the reconstructed argument each statement is the
    /// main conclusion of (the first such argument by IRI), by the
    /// statement's IRI.
    fn argued_conclusions(&self) -> HashMap<&'a str, &'a String> {
        let mut arguments: Vec<(&String, &Vec<StoredItem>)> =
            self.extras.structures.iter().collect();
        arguments.sort_by_key(|(a, _)| *a);
        let mut out = HashMap::new();
        for (argument, items) in arguments {
            let (Some(last), Some(r)) = (items.last(), self.references.get(argument.as_str()))
            else {
                continue;
            };
            out.entry(last.statement.as_str()).or_insert(r);
        }
        out
    }

    fn implied_supports(&self) -> HashSet<(&'a str, &'a str)> {
        let mut out = HashSet::new();
        for s in &self.graph.schemes {
            if !self.references.contains_key(s.iri.as_str()) {
                continue;
            }
            for p in &s.premises {
                for c in &s.conclusions {
                    out.insert((p.as_str(), c.as_str()));
                }
            }
        }
        for items in self.extras.structures.values() {
            let mut premises: Vec<&str> = Vec::new();
            for item in items {
                if item.role == "premise" {
                    premises.push(&item.statement);
                    continue;
                }
                for p in premises.drain(..) {
                    out.insert((p, item.statement.as_str()));
                }
                premises.push(&item.statement);
            }
        }
        out
    }
}

/// The line before a conclusion: a separator, with the step's rule and
/// data between dashes when it has them.
fn inference_line(rule: Option<&str>, data: Option<&str>) -> String {
    match (rule, data) {
        (None, None) => "----\n".to_string(),
        (rule, data) => {
            // A rule is written as read: Argdown's own shorthands in it
            // (`.->.`, `.^.`) must stay as they are.
            let mut inner = rule.map(collapse).unwrap_or_default();
            if let Some(d) = data {
                if !inner.is_empty() {
                    inner.push(' ');
                }
                inner.push_str(d);
            }
            format!("-- {inner} --\n")
        }
    }
}
