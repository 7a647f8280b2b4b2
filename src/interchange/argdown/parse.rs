//! Parsing Argdown text into a [`Document`]: a line-by-line parser with one step per construct (frontmatter, headings, statements and arguments, relations, premise-conclusion structures, inference rules, data blocks).
//!
//! Comments are blanked out first, keeping every line break, so the
//! positions of every message are those of the file.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::frontmatter::{self, Yaml};
use super::syntax::{
    element, is_heading, numbered_item, parse_data, relation_line, strip_comments, take_extras,
};
use super::{
    Document, Inference, Pcs as PcsModel, PcsRole, Ref, Relation, RelationType, Section,
    collapse_space,
};
use crate::map::diagnostic::{Diagnostic, Position};

/// Parses Argdown `text`; `path` is for messages only.
pub fn parse(path: &Path, text: &str) -> (Document, Vec<Diagnostic>) {
    let mut p = Parser::new(path);
    let (clean, unclosed) = strip_comments(text);
    if let Some(at) = unclosed {
        p.error(
            Position::of_byte(text, at),
            "this comment is never closed".into(),
            "close `<!--` with `-->` and `/*` with `*/`",
        );
        return p.done();
    }
    let lines: Vec<&str> = clean.lines().collect();
    let Some(body) = p.frontmatter(&lines) else {
        return p.done();
    };
    for (n, raw) in lines.iter().enumerate().skip(body) {
        p.line(n + 1, raw);
    }
    p.finish_open();
    p.finish_heading();
    p.end_pcs();
    p.relations_out_of_conclusions();
    if p.in_rule.is_some() {
        p.error(
            Position {
                line: lines.len(),
                column: 1,
            },
            "an inference rule opened with `--` is never closed".into(),
            "close the rule with a line `--`, then write the conclusion `(n) …`",
        );
    }
    p.done()
}

/// The state of a parse between two lines.
struct Parser<'a> {
    path: &'a Path,
    /// `model: mode: strict` in the frontmatter: `+` and `-` between two
    /// statements are entailment and contrariety.
    strict: bool,
    doc: Document,
    /// Every statement and argument named so far, so each is listed once.
    seen: HashSet<Ref>,
    /// Every relation recorded so far, so each is recorded once.
    related: HashSet<Relation>,
    /// How many elements were written without a title so far.
    untitled: usize,
    diagnostics: Vec<Diagnostic>,
    /// The section the next element falls under (an index into the
    /// document's sections).
    section: Option<usize>,
    /// A heading being read: its level and its text so far, which may
    /// continue on the lines below it.
    heading: Option<(usize, String)>,
    /// Parents of relation lines: (indentation, element); the root never pops.
    stack: Vec<(usize, Ref)>,
    /// The element whose text continuation lines add to.
    open: Option<Open>,
    /// The line before was blank (or a heading): text starts a new element
    /// rather than continuing the one above.
    blank_before: bool,
    /// The last top-level argument: a premise-conclusion structure that
    /// follows it reconstructs it.
    last_argument: Option<Ref>,
    /// The premise-conclusion structure being read.
    pcs: Option<Pcs>,
    /// A separator was read since the last item: the next item concludes an
    /// inference step.
    after_separator: bool,
    /// The text of an inference rule between two `--` lines, while it is read.
    in_rule: Option<String>,
}

/// The element whose text continuation lines add to.
struct Open {
    r: Ref,
    text: String,
    line: usize,
    has_text: bool,
}

/// A premise-conclusion structure being read.
struct Pcs {
    /// The argument it reconstructs.
    argument: Ref,
    /// The items since the last conclusion, that conclusion included: the
    /// premises of the next inference step.
    items: Vec<String>,
    /// The rule of the next inference step, once read.
    rule: Option<String>,
    /// The data block of the next inference step, once read.
    data: Option<String>,
    /// Every item so far, with whether it concludes a step.
    all: Vec<(String, bool)>,
}

impl<'a> Parser<'a> {
    fn new(path: &'a Path) -> Self {
        Parser {
            path,
            strict: false,
            doc: Document::default(),
            seen: HashSet::new(),
            related: HashSet::new(),
            untitled: 0,
            diagnostics: Vec::new(),
            section: None,
            heading: None,
            stack: Vec::new(),
            open: None,
            blank_before: true,
            last_argument: None,
            pcs: None,
            after_separator: false,
            in_rule: None,
        }
    }

    fn done(self) -> (Document, Vec<Diagnostic>) {
        (self.doc, self.diagnostics)
    }

    fn error(&mut self, at: Position, message: String, help: &str) {
        self.diagnostics
            .push(Diagnostic::error(self.path, Some(at), message).with_help(help));
    }

    /// Reads the frontmatter between `===` lines, if the document opens
    /// with one, and returns the index of the first line after it; `None`
    /// when it is never closed.
    fn frontmatter(&mut self, lines: &[&str]) -> Option<usize> {
        let Some(start) = lines.iter().position(|l| !l.trim().is_empty()) else {
            return Some(lines.len());
        };
        if lines[start].trim() != "===" {
            return Some(start);
        }
        let Some(end) = (start + 1..lines.len()).find(|i| lines[*i].trim() == "===") else {
            self.error(
                Position {
                    line: start + 1,
                    column: 1,
                },
                "the frontmatter opened here is never closed".into(),
                "end the frontmatter with a line `===`",
            );
            return None;
        };
        let raw = lines[start + 1..end].join("\n");
        let yaml = frontmatter::parse(&raw);
        // `write` quotes the title with JSON's escapes, which YAML reads.
        self.doc.title = yaml.get("title").and_then(Yaml::as_str).map(collapse_space);
        self.strict = yaml
            .get("model")
            .and_then(|m| m.get("mode"))
            .and_then(Yaml::as_str)
            == Some("strict");
        self.doc.strict = self.strict;
        self.doc.hypothesis_tags = yaml
            .get("argmap")
            .and_then(|a| a.get("hypothesis-tags"))
            .map(Yaml::strings)
            .unwrap_or_default();
        self.doc.frontmatter = Some(raw);
        Some(end + 1)
    }

    /// Reads line `line_no` (counted from 1) of the body: each construct is
    /// tried in turn, and text that is none of them continues the open
    /// element or starts a new one.
    fn line(&mut self, line_no: usize, raw: &str) {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            self.finish_open();
            self.finish_heading();
            self.blank_before = true;
            return;
        }
        if self.heading.is_some() {
            if continues_heading(trimmed) {
                if let Some((_, text)) = &mut self.heading {
                    text.push(' ');
                    text.push_str(trimmed);
                }
                return;
            }
            self.finish_heading();
        }
        let indent = raw.len() - raw.trim_start().len();
        let at = Position {
            line: line_no,
            column: indent + 1,
        };
        if self.in_rule.is_some() {
            return self.rule_line(trimmed);
        }
        if indent == 0 && is_heading(trimmed) {
            return self.heading(trimmed);
        }
        if self.pcs.is_some() && trimmed.starts_with("--") {
            return self.separator(trimmed);
        }
        if let Some(rest) = numbered_item(trimmed) {
            return self.pcs_item(at, indent, rest);
        }
        if let Some((rel_indent, symbol, rest)) = relation_line(raw) {
            if !self.stack.is_empty() {
                return self.relation(at, rel_indent, symbol, rest);
            }
            // Text that happens to start with `- ` right under other text
            // continues it; anywhere else the relation has no parent.
            if trimmed.len() <= 1 || self.blank_before {
                self.error(
                    at,
                    format!("relation `{symbol}` with nothing above it to relate to"),
                    "put the relation on an indented line under the statement or argument it relates to",
                );
                return;
            }
        }
        if !self.blank_before {
            if let Some(o) = &mut self.open {
                o.text.push(' ');
                o.text.push_str(trimmed);
                o.has_text = true;
                return;
            }
        }
        self.top_level(at, trimmed);
    }

    /// A heading: the section of what follows, and the end of any
    /// structure. Its text may go on over the lines below it, up to a blank
    /// line, so the section is made once it ends.
    fn heading(&mut self, trimmed: &str) {
        self.finish_open();
        self.end_pcs();
        let level = trimmed.chars().take_while(|c| *c == '#').count();
        self.heading = Some((level, trimmed[level..].trim().to_string()));
        self.stack.clear();
        self.last_argument = None;
        self.blank_before = true;
    }

    /// Ends the heading being read: a section, nested under the nearest
    /// section before it of a lower level, as Argdown nests them.
    fn finish_heading(&mut self) {
        let Some((level, text)) = self.heading.take() else {
            return;
        };
        let (title, _, _) = take_extras(&text);
        let mut parent = self.section;
        while let Some(p) = parent {
            if self.doc.sections[p].level < level {
                break;
            }
            parent = self.doc.sections[p].parent;
        }
        self.doc.sections.push(Section {
            title: collapse_space(&title),
            level,
            parent,
        });
        self.section = Some(self.doc.sections.len() - 1);
    }

    /// Ends the premise-conclusion structure being read, keeping its items
    /// and their roles.
    fn end_pcs(&mut self) {
        let Some(pcs) = self.pcs.take() else {
            return;
        };
        let last = pcs.all.len().saturating_sub(1);
        let items = pcs
            .all
            .into_iter()
            .enumerate()
            .map(|(i, (title, concludes))| {
                let role = match (concludes, i == last) {
                    (true, true) => PcsRole::MainConclusion,
                    (true, false) => PcsRole::IntermediaryConclusion,
                    _ => PcsRole::Premise,
                };
                (title, role)
            })
            .collect();
        self.doc.pcs.push(PcsModel {
            argument: pcs.argument.title().to_string(),
            items,
        });
    }

    /// A statement or argument at the top level, defined, referenced or
    /// untitled: the new parent of the relation lines below it.
    fn top_level(&mut self, at: Position, trimmed: &str) {
        self.finish_open();
        let (r, text) = match element(trimmed) {
            Ok((Some(r), text)) => (r, text),
            Ok((None, text)) => (self.untitled_ref(false), text),
            Err(message) => {
                self.error(
                    at,
                    message,
                    "a statement is `[Title]: text` and an argument `<Title>: text`",
                );
                self.blank_before = false;
                return;
            }
        };
        self.end_pcs();
        self.note(&r, text.is_none());
        self.last_argument = r.is_argument().then(|| r.clone());
        self.stack = vec![(0, r.clone())];
        self.open_element(r, text, at.line);
    }

    /// A relation line: the element it starts, related to the nearest
    /// element above it that is less indented.
    fn relation(&mut self, at: Position, indent: usize, symbol: &str, rest: &str) {
        self.finish_open();
        while self.stack.len() > 1 && self.stack.last().is_some_and(|(i, _)| *i >= indent) {
            self.stack.pop();
        }
        let parent = self.stack.last().map(|(_, r)| r.clone());
        let (child, text) = match element(rest) {
            Ok((Some(r), text)) => (r, text),
            Ok((None, text)) => (self.untitled_ref(false), text),
            Err(message) => {
                self.error(at, message, "close the title: `<Title>` or `[Title]`");
                return;
            }
        };
        self.note(&child, text.is_none());
        if let Some(parent) = parent {
            let (from, to) = match symbol {
                "+" | "<+" | "-" | "<-" | "_" | "<_" => (&child, &parent),
                _ => (&parent, &child),
            };
            let bare = symbol.trim_matches(['<', '>']);
            let bare = if bare.is_empty() { "><" } else { bare };
            self.relate(from, to, bare);
        }
        self.stack.push((indent, child.clone()));
        self.open_element(child, text, at.line);
    }

    /// A premise or conclusion `(n) …` of a premise-conclusion structure,
    /// which the first one opens. After a separator the item concludes an
    /// inference step from the items before it.
    fn pcs_item(&mut self, at: Position, indent: usize, rest: &str) {
        self.finish_open();
        if self.pcs.is_none() {
            let argument = self
                .last_argument
                .clone()
                .unwrap_or_else(|| self.untitled_ref(true));
            self.note(&argument, true);
            // As in Argdown, the argument belongs to the section of its
            // structure.
            if let Some(section) = self.section {
                self.doc
                    .entries
                    .entry(argument.clone())
                    .or_default()
                    .section = Some(section);
            }
            self.pcs = Some(Pcs {
                argument,
                items: Vec::new(),
                rule: None,
                data: None,
                all: Vec::new(),
            });
            self.after_separator = false;
        }
        let (r, text) = match element(rest) {
            Ok((Some(r @ Ref::Statement(_)), text)) => (r, text),
            Ok((Some(Ref::Argument(_)), _)) => {
                self.error(
                    at,
                    "a premise or conclusion must be a statement, not an argument".into(),
                    "write `(n) [Title]: text` or `(n) text`",
                );
                return;
            }
            Ok((None, text)) => (self.untitled_ref(false), text),
            Err(message) => {
                self.error(at, message, "close the title: `[Title]: text`");
                return;
            }
        };
        self.note(&r, text.is_none());
        let title = r.title().to_string();
        if let Some(pcs) = &mut self.pcs {
            let concludes = self.after_separator;
            if concludes {
                self.doc.inferences.push(Inference {
                    argument: pcs.argument.title().to_string(),
                    premises: std::mem::take(&mut pcs.items),
                    conclusion: title.clone(),
                    rule: pcs.rule.take(),
                    data: pcs.data.take(),
                });
                self.after_separator = false;
            }
            pcs.items.push(title.clone());
            pcs.all.push((title, concludes));
        }
        self.stack = vec![(indent, r.clone())];
        self.open_element(r, text, at.line);
    }

    /// A line starting `--` inside a premise-conclusion structure: a
    /// separator (`----`), a separator with its rule inline (`-- rule --`),
    /// or `--` opening a rule written over the lines up to the next `--`.
    fn separator(&mut self, trimmed: &str) {
        self.finish_open();
        if trimmed.chars().all(|c| c == '-') {
            if trimmed.len() == 2 {
                self.in_rule = Some(String::new());
            } else {
                self.after_separator = true;
            }
        } else {
            let (inner, _, data) = take_extras(trimmed.trim_matches('-'));
            if let Some(pcs) = &mut self.pcs {
                pcs.rule = Some(inner).filter(|r| !r.is_empty());
                pcs.data = data;
            }
            self.after_separator = true;
        }
    }

    /// A line of an inference rule opened with `--`: more of its text, or
    /// the `--` that closes it.
    fn rule_line(&mut self, trimmed: &str) {
        let Some(rule) = &mut self.in_rule else {
            return;
        };
        if trimmed.chars().all(|c| c == '-') && trimmed.len() >= 2 {
            let (rule_text, _, data) = take_extras(rule);
            if let Some(pcs) = &mut self.pcs {
                pcs.rule = Some(collapse_space(&rule_text)).filter(|r| !r.is_empty());
                pcs.data = data;
            }
            self.in_rule = None;
            self.after_separator = true;
        } else {
            rule.push(' ');
            rule.push_str(trimmed);
        }
    }

    /// Makes `r` the element that continuation lines add to.
    fn open_element(&mut self, r: Ref, text: Option<String>, line: usize) {
        self.open = Some(Open {
            r,
            has_text: text.is_some(),
            text: text.unwrap_or_default(),
            line,
        });
        self.blank_before = false;
    }

    /// Ends the open element: its text, tags and data block go into its entry.
    fn finish_open(&mut self) {
        let Some(o) = self.open.take() else { return };
        if !o.has_text {
            return;
        }
        let (text, tags, data) = take_extras(&o.text);
        let data_raw = data.clone();
        let mut pairs = Vec::new();
        if let Some(block) = data {
            match parse_data(&block) {
                Ok(found) => pairs = found,
                Err(message) => self.error(
                    Position {
                        line: o.line,
                        column: 1,
                    },
                    format!("data block: {message}"),
                    "write data as `{key: value, other: \"a text\"}`",
                ),
            }
        }
        let entry = self.doc.entries.entry(o.r).or_default();
        // Argdown's canonical text is that of the last definition.
        if !text.trim().is_empty() {
            entry.text = Some(collapse_space(&text));
        }
        if let Some(block) = data_raw {
            entry.raw_data.push(block);
        }
        for t in tags {
            if !entry.tags.contains(&t) {
                entry.tags.push(t);
            }
        }
        for (k, v) in pairs {
            entry.data.push((
                k,
                v,
                Position {
                    line: o.line,
                    column: 1,
                },
            ));
        }
    }

    /// The name of the next element written without a title.
    fn untitled_ref(&mut self, argument: bool) -> Ref {
        self.untitled += 1;
        let name = format!("Untitled {}", self.untitled);
        if argument {
            Ref::Argument(name)
        } else {
            Ref::Statement(name)
        }
    }

    /// Lists `r` the first time it is named; its first definition
    /// (`reference` false) in a section gives it that section, as in
    /// Argdown, and failing one its first occurrence does.
    fn note(&mut self, r: &Ref, reference: bool) {
        if self.seen.insert(r.clone()) {
            match r {
                Ref::Statement(t) => self.doc.statements.push(t.clone()),
                Ref::Argument(t) => self.doc.arguments.push(t.clone()),
            }
        }
        let section = self.section;
        let entry = self.doc.entries.entry(r.clone()).or_default();
        if entry.first_section.is_none() {
            entry.first_section = Some(section);
        }
        if !reference && entry.section.is_none() {
            entry.section = section;
        }
    }

    /// Records a relation `symbol` (`+ - _ ><`) from `from` to `to`, once.
    fn relate(&mut self, from: &Ref, to: &Ref, symbol: &str) {
        let both_statements = matches!((from, to), (Ref::Statement(_), Ref::Statement(_)));
        let kind = match symbol {
            "+" if self.strict && both_statements => RelationType::Entails,
            "-" if self.strict && both_statements => RelationType::Contrary,
            "+" => RelationType::Support,
            "-" => RelationType::Attack,
            "_" => RelationType::Undercut,
            _ => RelationType::Contradictory,
        };
        let rel = Relation {
            from: from.clone(),
            to: to.clone(),
            kind,
        };
        if self.related.insert(rel.clone()) {
            self.doc.relations.push(rel);
        }
    }

    /// As in Argdown, a relation out of a reconstructed argument is a
    /// relation out of its main conclusion (the last one of its structure);
    /// one that would then point at itself is implied and dropped.
    fn relations_out_of_conclusions(&mut self) {
        let mut conclusion_of: HashMap<String, String> = HashMap::new();
        for step in &self.doc.inferences {
            conclusion_of.insert(step.argument.clone(), step.conclusion.clone());
        }
        let relations = std::mem::take(&mut self.doc.relations);
        self.related.clear();
        for rel in relations {
            let from = match &rel.from {
                Ref::Argument(a) => conclusion_of
                    .get(a)
                    .map_or(rel.from.clone(), |c| Ref::Statement(c.clone())),
                statement => statement.clone(),
            };
            let rel = Relation { from, ..rel };
            if rel.from != rel.to && self.related.insert(rel.clone()) {
                self.doc.relations.push(rel);
            }
        }
    }
}

/// Whether a line below a heading goes on with its text: it starts no
/// construct of its own (a statement, argument, relation, numbered item or
/// heading).
fn continues_heading(trimmed: &str) -> bool {
    !(trimmed.starts_with(['[', '<'])
        || is_heading(trimmed)
        || numbered_item(trimmed).is_some()
        || relation_line(trimmed).is_some()
        || trimmed.starts_with("--"))
}
