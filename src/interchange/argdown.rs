//! Argdown: parsing an Argdown document into a map, and writing a stored brief back as Argdown.
//!
//! The parser follows Argdown 1.7's model: every statement occurrence
//! belongs to an equivalence class named by its title (untitled ones are
//! numbered `Untitled 1`, `Untitled 2`… in document order), arguments are
//! named by theirs, and relations are read from indented `+ - _ ><` lines
//! and their directed forms `<+ +> <- -> <_ _>`. In the default loose mode
//! `+` and `-` are support and attack; in strict mode (`model: mode:
//! strict` in the frontmatter) they are entailment and contrariety between
//! two statements. Premise-conclusion structures `(1) … ---- (n)` become AIF
//! inference nodes. Statements and arguments become claims; arguments are
//! also typed `arg:Argument`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use crate::interchange::common::{self, claim, empty_map, make_hypothesis, warning};
use crate::map::check::Checked;
use crate::map::diagnostic::{Diagnostic, Position};
use crate::map::model::*;
use crate::read::graph::BriefGraph;

/// A statement (equivalence class) or an argument, by title.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Ref {
    Statement(String),
    Argument(String),
}

/// A relation as Argdown's model names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RelationType {
    Support,
    Attack,
    Undercut,
    Contradictory,
    Contrary,
    Entails,
}

impl RelationType {
    /// The name Argdown's JSON export uses.
    pub fn as_str(&self) -> &'static str {
        match self {
            RelationType::Support => "support",
            RelationType::Attack => "attack",
            RelationType::Undercut => "undercut",
            RelationType::Contradictory => "contradictory",
            RelationType::Contrary => "contrary",
            RelationType::Entails => "entails",
        }
    }
}

/// One thing the document says about a statement or argument.
#[derive(Debug, Default, Clone)]
struct Entry {
    /// The first text given for it.
    text: Option<String>,
    tags: Vec<String>,
    section: Option<String>,
    data: Vec<(String, String, Position)>,
}

/// What a parse finds, in Argdown's terms.
#[derive(Debug, Default)]
pub struct Document {
    /// The frontmatter's title, if any.
    pub title: Option<String>,
    /// Statement titles, in order of first appearance.
    pub statements: Vec<String>,
    /// Argument titles, in order of first appearance.
    pub arguments: Vec<String>,
    /// (from, from is an argument, to, to is an argument, type), in document order, without repeats.
    pub relations: Vec<(String, bool, String, bool, RelationType)>,
    entries: HashMap<Ref, Entry>,
    /// Inference steps: (argument, premises, conclusion, rule).
    inferences: Vec<(String, Vec<String>, String, Option<String>)>,
}

struct Parser<'a> {
    path: &'a Path,
    strict: bool,
    doc: Document,
    seen: BTreeSet<Ref>,
    untitled: usize,
    diagnostics: Vec<Diagnostic>,
    section: Option<String>,
}

impl Parser<'_> {
    /// The name of the next element written without a title.
    fn untitled(&mut self, argument: bool) -> Ref {
        self.untitled += 1;
        let name = format!("Untitled {}", self.untitled);
        if argument {
            Ref::Argument(name)
        } else {
            Ref::Statement(name)
        }
    }

    fn error(&mut self, line: usize, column: usize, message: String, help: &str) {
        self.diagnostics.push(
            Diagnostic::error(self.path, Some(Position { line, column }), message).with_help(help),
        );
    }

    fn note(&mut self, r: &Ref) {
        if self.seen.insert(r.clone()) {
            match r {
                Ref::Statement(t) => self.doc.statements.push(t.clone()),
                Ref::Argument(t) => self.doc.arguments.push(t.clone()),
            }
        }
        let section = self.section.clone();
        let entry = self.doc.entries.entry(r.clone()).or_default();
        if entry.section.is_none() {
            entry.section = section;
        }
    }

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
        let (f, fa) = split(from);
        let (t, ta) = split(to);
        let rel = (f, fa, t, ta, kind);
        if !self.doc.relations.contains(&rel) {
            self.doc.relations.push(rel);
        }
    }
}

fn split(r: &Ref) -> (String, bool) {
    match r {
        Ref::Statement(t) => (t.clone(), false),
        Ref::Argument(t) => (t.clone(), true),
    }
}

/// Blanks out comments (`<!-- -->`, `/* */`, and `//` at the start of a
/// line or after white space), keeping line breaks so positions hold.
/// Returns the text and, for an unclosed comment, where it opens.
fn strip_comments(text: &str) -> (String, Option<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        let rest = &text[i..];
        let close = if rest.starts_with("<!--") {
            Some("-->")
        } else if rest.starts_with("/*") {
            Some("*/")
        } else if rest.starts_with("//") && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
            Some("\n")
        } else {
            None
        };
        let Some(close) = close else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
            continue;
        };
        let Some(end) = rest[2..].find(close) else {
            if close == "\n" {
                out.extend(rest.chars().map(|_| ' '));
                break;
            }
            return (out, Some(i));
        };
        let stop = 2 + end + if close == "\n" { 0 } else { close.len() };
        for c in rest[..stop].chars() {
            out.push(if c == '\n' { '\n' } else { ' ' });
        }
        i += stop;
    }
    (out, None)
}

/// Takes a trailing `{…}` data block and `#tags` out of a text.
fn take_extras(text: &str) -> (String, Vec<String>, Option<String>) {
    let mut text = text.trim().to_string();
    let mut data = None;
    if text.ends_with('}') && !text.ends_with("\\}") {
        let mut depth = 0usize;
        let mut start = None;
        let escaped = |i: usize| i > 0 && text.as_bytes()[i - 1] == b'\\';
        for (i, c) in text.char_indices().rev() {
            match c {
                '}' | '{' if escaped(i) => {}
                '}' => depth += 1,
                '{' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        start = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            data = Some(text[s..].to_string());
            text = text[..s].trim_end().to_string();
        }
    }
    let mut tags = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let at_word_start = i == 0 || chars[i - 1].is_whitespace();
        if chars[i] == '#' && at_word_start && i + 1 < chars.len() {
            if chars[i + 1] == '(' {
                if let Some(end) = chars[i + 2..].iter().position(|c| *c == ')') {
                    tags.push(chars[i + 2..i + 2 + end].iter().collect());
                    i += end + 3;
                    continue;
                }
            } else {
                let end = chars[i + 1..]
                    .iter()
                    .position(|c| c.is_whitespace())
                    .map_or(chars.len(), |p| i + 1 + p);
                if end > i + 1 {
                    tags.push(chars[i + 1..end].iter().collect());
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    // `write` marks a hypothesis with a `#hypothesis` tag beside its
    // `kind` in the data block; the tag is no part of the text.
    if data
        .as_deref()
        .is_some_and(|d| d.contains("kind: \"hypothesis\""))
    {
        if let Some(rest) = text.strip_suffix(" #hypothesis") {
            text = rest.to_string();
        }
    }
    (unescape(&text), tags, data)
}

/// Undoes [`escape`]: a backslash before a character that would start
/// Argdown syntax stands for that character.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if ESCAPED.contains(&next) {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// The characters [`escape`] puts a backslash before.
const ESCAPED: &[char] = &['[', ']', '<', '>', '#', '@', '{', '}', '*', '_', '\\', '/'];

/// Parses a YAML flow mapping `{key: value, …}` into plain key–value pairs;
/// nested values are kept as written.
fn parse_data(block: &str) -> Result<Vec<(String, String)>, String> {
    let inner = block
        .trim()
        .strip_prefix('{')
        .and_then(|b| b.strip_suffix('}'))
        .ok_or_else(|| "a data block is `{key: value, …}`".to_string())?;
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None, 0);
    let mut escaped = false;
    for (i, c) in inner.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match (c, quote) {
            // A backslash in a double-quoted string escapes the next character.
            ('\\', Some('"')) => escaped = true,
            ('"' | '\'', None) => quote = Some(c),
            (q, Some(open)) if q == open => quote = None,
            ('[' | '{', None) => depth += 1,
            (']' | '}', None) => depth -= 1,
            (',', None) if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if quote.is_some() || depth != 0 {
        return Err("the data block has an unclosed quote or bracket".into());
    }
    parts.push(&inner[start..]);
    let mut out = Vec::new();
    for part in parts.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
        let Some((key, value)) = part.split_once(':') else {
            return Err(format!("`{part}` is not `key: value`"));
        };
        let value = value.trim();
        // A double-quoted YAML string takes JSON's escapes (`\"`, `\\`,
        // `\n`, `\u0010`…), which is how `write` quotes every value.
        let decoded = (value.len() >= 2 && value.starts_with('"') && value.ends_with('"'))
            .then(|| serde_json::from_str::<String>(value).ok())
            .flatten();
        let value = match decoded {
            Some(v) => v,
            None => value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(value)
                .replace("\\\"", "\""),
        };
        out.push((key.trim().to_string(), value));
    }
    Ok(out)
}

/// The element a line (or relation) starts: a statement or argument,
/// defined (`[T]: text`), referenced (`[T]`), or untitled text.
fn element(text: &str) -> Result<(Option<Ref>, Option<String>), (usize, String)> {
    let t = text.trim_start();
    let (open, close, argument) = match t.chars().next() {
        Some('[') => ('[', ']', false),
        Some('<') if !t.starts_with("<!--") => ('<', '>', true),
        _ => return Ok((None, Some(t.to_string()))),
    };
    let Some(end) = t.find(close) else {
        return Err((
            0,
            format!("`{open}` opens a title that is never closed with `{close}`"),
        ));
    };
    let title = t[1..end].trim().to_string();
    let after = &t[end + 1..];
    // `[text](url)` is a link at the start of untitled text, not a title.
    if !argument && after.starts_with('(') {
        return Ok((None, Some(t.to_string())));
    }
    if title.is_empty() {
        return Err((
            0,
            format!("the title between `{open}` and `{close}` is empty"),
        ));
    }
    let r = if argument {
        Ref::Argument(title)
    } else {
        Ref::Statement(title)
    };
    match after.strip_prefix(':') {
        Some(rest) => Ok((Some(r), Some(rest.trim().to_string()))),
        None => Ok((
            Some(r),
            Some(after.trim().to_string()).filter(|s| !s.is_empty()),
        )),
    }
}

const RELATION_SYMBOLS: &[&str] = &["<+", "+>", "<-", "->", "<_", "_>", "><", "+", "-", "_"];

/// A relation line's indentation, symbol and the rest.
fn relation_line(line: &str) -> Option<(usize, &'static str, &str)> {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    RELATION_SYMBOLS.iter().find_map(|s| {
        let rest = trimmed.strip_prefix(s)?;
        rest.starts_with([' ', '\t'])
            .then(|| (indent, *s, rest.trim_start()))
    })
}

/// The open element whose text continuation lines add to.
struct Open {
    r: Ref,
    text: String,
    line: usize,
    has_text: bool,
}

/// Parses Argdown `text`; `path` is for messages only.
pub fn parse(path: &Path, text: &str) -> (Document, Vec<Diagnostic>) {
    let mut p = Parser {
        path,
        strict: false,
        doc: Document::default(),
        seen: BTreeSet::new(),
        untitled: 0,
        diagnostics: Vec::new(),
        section: None,
    };
    let (clean, unclosed) = strip_comments(text);
    if let Some(at) = unclosed {
        let pos = Position::of_byte(text, at);
        p.error(
            pos.line,
            pos.column,
            "this comment is never closed".into(),
            "close `<!--` with `-->` and `/*` with `*/`",
        );
        return (p.doc, p.diagnostics);
    }
    let lines: Vec<&str> = clean.lines().collect();
    let mut n = 0;
    // Frontmatter between `===` lines.
    while n < lines.len() && lines[n].trim().is_empty() {
        n += 1;
    }
    if n < lines.len() && lines[n].trim() == "===" {
        let start = n;
        let Some(end) = (n + 1..lines.len()).find(|i| lines[*i].trim() == "===") else {
            p.error(
                start + 1,
                1,
                "the frontmatter opened here is never closed".into(),
                "end the frontmatter with a line `===`",
            );
            return (p.doc, p.diagnostics);
        };
        let mut in_model = false;
        for l in &lines[start + 1..end] {
            if let Some(t) = l.strip_prefix("title:") {
                // `write` quotes the title with JSON's escapes.
                let t = t.trim();
                p.doc.title = Some(
                    serde_json::from_str::<String>(t)
                        .unwrap_or_else(|_| t.trim_matches('"').to_string()),
                );
            }
            if !l.starts_with([' ', '\t']) {
                in_model = l.trim_end() == "model:";
            } else if in_model && l.trim().replace(' ', "") == "mode:strict" {
                p.strict = true;
            }
        }
        n = end + 1;
    }

    // Parents of relation lines: (indentation, element); the root never pops.
    let mut stack: Vec<(i64, Ref)> = Vec::new();
    let mut open: Option<Open> = None;
    let mut blank_before = true;
    let mut last_argument: Option<Ref> = None;
    // The premise-conclusion structure being read: argument, items since the last conclusion, all items, rule.
    let mut pcs: Option<(Ref, Vec<String>, Option<String>)> = None;
    let mut after_separator = false;
    let mut in_rule: Option<String> = None;

    fn finish(p: &mut Parser, open: &mut Option<Open>) {
        let Some(o) = open.take() else { return };
        if !o.has_text {
            return;
        }
        let (text, tags, data) = take_extras(&o.text);
        let mut pairs = Vec::new();
        if let Some(block) = data {
            match parse_data(&block) {
                Ok(found) => pairs = found,
                Err(message) => p.error(
                    o.line,
                    1,
                    format!("data block: {message}"),
                    "write data as `{key: value, other: \"a text\"}`",
                ),
            }
        }
        let entry = p.doc.entries.entry(o.r).or_default();
        if entry.text.is_none() && !text.is_empty() {
            entry.text = Some(text.split_whitespace().collect::<Vec<_>>().join(" "));
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

    while n < lines.len() {
        let raw = lines[n];
        let line_no = n + 1;
        n += 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            finish(&mut p, &mut open);
            blank_before = true;
            continue;
        }
        let indent = (raw.len() - raw.trim_start().len()) as i64;
        let column = indent as usize + 1;
        // An inference rule between two separator lines.
        if let Some(rule) = &mut in_rule {
            if trimmed.chars().all(|c| c == '-') && trimmed.len() >= 2 {
                let (rule_text, _, _) = take_extras(rule);
                if let Some((_, _, r)) = &mut pcs {
                    *r = Some(rule_text.split_whitespace().collect::<Vec<_>>().join(" "));
                }
                in_rule = None;
                after_separator = true;
            } else {
                rule.push(' ');
                rule.push_str(trimmed);
            }
            continue;
        }
        // Headings.
        if trimmed.starts_with('#')
            && {
                let hashes = trimmed.chars().take_while(|c| *c == '#').count();
                trimmed[hashes..].starts_with([' ', '\t'])
            }
            && indent == 0
        {
            finish(&mut p, &mut open);
            let (title, _, _) = take_extras(trimmed.trim_start_matches('#'));
            p.section = Some(title);
            pcs = None;
            stack.clear();
            last_argument = None;
            blank_before = true;
            continue;
        }
        // Separators and inference rules of a premise-conclusion structure.
        if pcs.is_some() && trimmed.starts_with("--") {
            finish(&mut p, &mut open);
            if trimmed.chars().all(|c| c == '-') {
                if trimmed.len() == 2 {
                    in_rule = Some(String::new());
                } else {
                    after_separator = true;
                }
            } else {
                let (inner, _, _) = take_extras(trimmed.trim_matches('-'));
                if let Some((_, _, r)) = &mut pcs {
                    *r = Some(inner);
                }
                after_separator = true;
            }
            continue;
        }
        // A premise or conclusion `(n) …`.
        if let Some(rest) = trimmed.strip_prefix('(').and_then(|r| {
            let digits = r.chars().take_while(char::is_ascii_digit).count();
            (digits > 0 && r[digits..].starts_with(')')).then(|| &r[digits + 1..])
        }) {
            finish(&mut p, &mut open);
            if pcs.is_none() {
                let arg = last_argument.clone().unwrap_or_else(|| p.untitled(true));
                p.note(&arg);
                pcs = Some((arg, Vec::new(), None));
                after_separator = false;
            }
            let r = match element(rest) {
                Ok((Some(r @ Ref::Statement(_)), text)) => (r, text),
                Ok((Some(Ref::Argument(_)), _)) => {
                    p.error(
                        line_no,
                        column,
                        "a premise or conclusion must be a statement, not an argument".into(),
                        "write `(n) [Title]: text` or `(n) text`",
                    );
                    continue;
                }
                Ok((None, text)) => (p.untitled(false), text),
                Err((_, message)) => {
                    p.error(line_no, column, message, "close the title: `[Title]: text`");
                    continue;
                }
            };
            let (r, text) = r;
            p.note(&r);
            let title = split(&r).0;
            if let Some((arg, items, rule)) = &mut pcs {
                if after_separator {
                    let argument = split(arg).0;
                    p.doc.inferences.push((
                        argument,
                        std::mem::take(items),
                        title.clone(),
                        rule.take(),
                    ));
                    after_separator = false;
                }
                items.push(title);
            }
            stack = vec![(indent, r.clone())];
            open = Some(Open {
                r,
                has_text: text.is_some(),
                text: text.unwrap_or_default(),
                line: line_no,
            });
            blank_before = false;
            continue;
        }
        // A relation to the element above.
        if let Some((rel_indent, symbol, rest)) = relation_line(raw) {
            if !stack.is_empty() {
                finish(&mut p, &mut open);
                let rel_indent = rel_indent as i64;
                while stack.len() > 1 && stack.last().is_some_and(|(i, _)| *i >= rel_indent) {
                    stack.pop();
                }
                let parent = stack.last().map(|(_, r)| r.clone());
                let (child, text) = match element(rest) {
                    Ok((Some(r), text)) => (r, text),
                    Ok((None, text)) => (p.untitled(false), text),
                    Err((_, message)) => {
                        p.error(
                            line_no,
                            column,
                            message,
                            "close the title: `<Title>` or `[Title]`",
                        );
                        continue;
                    }
                };
                p.note(&child);
                if let Some(parent) = parent {
                    let (from, to) = match symbol {
                        "+" | "<+" | "-" | "<-" | "_" | "<_" => (&child, &parent),
                        _ => (&parent, &child),
                    };
                    let bare = symbol.trim_matches(['<', '>']);
                    let bare = if bare.is_empty() { "><" } else { bare };
                    p.relate(from, to, bare);
                }
                stack.push((rel_indent, child.clone()));
                open = Some(Open {
                    r: child,
                    has_text: text.is_some(),
                    text: text.unwrap_or_default(),
                    line: line_no,
                });
                blank_before = false;
                continue;
            }
            if trimmed.len() > 1 && !blank_before {
                // Text that happens to start with `- `: a continuation.
            } else {
                p.error(
                    line_no,
                    column,
                    format!("relation `{symbol}` with nothing above it to relate to"),
                    "put the relation on an indented line under the statement or argument it relates to",
                );
                continue;
            }
        }
        // A continuation of the open element's text.
        if !blank_before {
            if let Some(o) = &mut open {
                o.text.push(' ');
                o.text.push_str(trimmed);
                o.has_text = true;
                continue;
            }
        }
        // A new top-level element.
        finish(&mut p, &mut open);
        let (r, text) = match element(trimmed) {
            Ok((Some(r), text)) => (r, text),
            Ok((None, text)) => (p.untitled(false), text),
            Err((_, message)) => {
                p.error(
                    line_no,
                    column,
                    message,
                    "a statement is `[Title]: text` and an argument `<Title>: text`",
                );
                blank_before = false;
                continue;
            }
        };
        pcs = None;
        p.note(&r);
        last_argument = matches!(r, Ref::Argument(_)).then(|| r.clone());
        stack = vec![(-1, r.clone())];
        open = Some(Open {
            r,
            has_text: text.is_some(),
            text: text.unwrap_or_default(),
            line: line_no,
        });
        blank_before = false;
    }
    finish(&mut p, &mut open);
    // As in Argdown, a relation out of a reconstructed argument is a
    // relation out of its main conclusion (the last one of its structure);
    // one that would then point at itself is implied and dropped.
    let mut conclusion_of: HashMap<String, String> = HashMap::new();
    for (argument, _, conclusion, _) in &p.doc.inferences {
        conclusion_of.insert(argument.clone(), conclusion.clone());
    }
    let relations = std::mem::take(&mut p.doc.relations);
    for (from, fa, to, ta, kind) in relations {
        let (from, fa) = match conclusion_of.get(&from) {
            Some(c) if fa => (c.clone(), false),
            _ => (from, fa),
        };
        let rel = (from, fa, to, ta, kind);
        if (rel.0 != rel.2 || rel.1 != rel.3) && !p.doc.relations.contains(&rel) {
            p.doc.relations.push(rel);
        }
    }
    if in_rule.is_some() {
        p.error(
            lines.len(),
            1,
            "an inference rule opened with `--` is never closed".into(),
            "close the rule with a line `--`, then write the conclusion `(n) …`",
        );
    }
    (p.doc, p.diagnostics)
}

/// A slug for a title, unique among `used`.
fn slug(prefix: &str, title: &str, used: &mut BTreeSet<String>) -> String {
    let mut s = String::from(prefix);
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    let base = s.trim_end_matches('-').to_string();
    let mut key = base.clone();
    let mut n = 2;
    while !used.insert(key.clone()) {
        key = format!("{base}-{n}");
        n += 1;
    }
    key
}

/// Reads Argdown `text` from `path` into a map with brief id `id`.
pub fn read(path: &Path, text: &str, id: &str) -> Checked {
    let (doc, mut diagnostics) = parse(path, text);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Checked {
            map: None,
            diagnostics,
        };
    }
    let title = doc.title.clone().unwrap_or_else(|| {
        format!(
            "Argdown map {}",
            path.file_name().unwrap_or_default().to_string_lossy()
        )
    });
    let mut map = empty_map(path, id, &title, "Argdown");
    let mut used = BTreeSet::new();
    let mut index: BTreeMap<Ref, usize> = BTreeMap::new();
    let builtin = crate::map::hedge::builtin_table();
    let refs = doc
        .statements
        .iter()
        .map(|t| Ref::Statement(t.clone()))
        .chain(doc.arguments.iter().map(|t| Ref::Argument(t.clone())));
    let mut hypotheses = Vec::new();
    for r in refs {
        let (title, is_argument) = split(&r);
        let entry = doc.entries.get(&r).cloned().unwrap_or_default();
        let key = slug(if is_argument { "a-" } else { "s-" }, &title, &mut used);
        // A statement with no text of its own reads as its title, its white
        // space collapsed as in any text (the writer writes it so).
        let mut prop = claim(
            key,
            entry
                .text
                .clone()
                .unwrap_or_else(|| title.split_whitespace().collect::<Vec<_>>().join(" ")),
        );
        let i = map.propositions.len();
        for (k, v, at) in &entry.data {
            match k.as_str() {
                "hedge" => match crate::map::hedge::lookup(v, &[], &builtin) {
                    Some(e) => {
                        prop.hedge = Some(Hedge {
                            text: v.clone(),
                            entry: e.clone(),
                        })
                    }
                    None => diagnostics.push(
                        Diagnostic::warning(path, Some(*at), format!("hedge `{v}` is not in the hedge table; left out"))
                            .with_help("use a word of the table, such as `likely`, `could` or `almost certainly`"),
                    ),
                },
                "date" => match crate::map::date::parse_date(v) {
                    Ok(date) => {
                        prop.date = Some(Dated {
                            date,
                            inferred: false,
                        })
                    }
                    Err(message) => diagnostics.push(
                        Diagnostic::error(path, Some(*at), format!("date `{v}`: {message}"))
                            .with_help("write an EDTF date such as 2017-12-15 or 2017-12-05/2017-12-09"),
                    ),
                },
                "status" => match v.as_str() {
                    "reported" => prop.status = Status::Reported,
                    "observed" => prop.status = Status::Observed,
                    "inference" => prop.status = Status::Inference,
                    _ => diagnostics.push(
                        Diagnostic::error(path, Some(*at), format!("status `{v}` is unknown"))
                            .with_help("status is `reported`, `observed` or `inference`"),
                    ),
                },
                "note" => prop.note = Some(v.clone()),
                "quote" => map.interchange.annotations.push((i, "unanchoredQuote", v.clone())),
                "kind" if v == "hypothesis" => hypotheses.push(i),
                "kind" if v == "evidence" => prop.kind = PropositionKind::Evidence,
                "source" => {
                    let s = match map.sources.iter().position(|s| s.title == *v) {
                        Some(s) => s,
                        None => {
                            map.sources.push(Source {
                                key: slug("", v, &mut BTreeSet::new()),
                                iri: None,
                                kind: "document",
                                title: v.clone(),
                                by: None,
                                publisher: None,
                                date: None,
                                reliability: None,
                                credibility: None,
                                links: Vec::new(),
                                note: None,
                            });
                            map.sources.len() - 1
                        }
                    };
                    prop.source = Some(s);
                }
                _ => {}
            }
        }
        if entry.tags.iter().any(|t| t == "hypothesis") {
            hypotheses.push(i);
        }
        for t in &entry.tags {
            map.interchange.annotations.push((i, "tag", t.clone()));
        }
        if let Some(s) = &entry.section {
            map.interchange.annotations.push((i, "section", s.clone()));
        }
        map.propositions.push(prop);
        map.interchange.proposition_ids.push(title);
        if is_argument {
            map.interchange.arguments.push(i);
        }
        index.insert(r, i);
    }
    let lookup = |title: &str, argument: bool| {
        let r = if argument {
            Ref::Argument(title.to_string())
        } else {
            Ref::Statement(title.to_string())
        };
        index.get(&r).copied()
    };
    let mut relations = BTreeSet::new();
    for (from, fa, to, ta, kind) in &doc.relations {
        let (Some(f), Some(t)) = (lookup(from, *fa), lookup(to, *ta)) else {
            continue;
        };
        if f == t {
            diagnostics.push(warning(
                path,
                format!("`{from}` is related to itself; the relation is left out"),
                "relate two different statements or arguments",
            ));
            continue;
        }
        match kind {
            RelationType::Support => {
                relations.insert((f, t, RelationKind::Support));
            }
            RelationType::Attack => {
                relations.insert((f, t, RelationKind::Attack));
            }
            other => {
                let verb = match other {
                    RelationType::Undercut => "undercuts",
                    RelationType::Contradictory => "contradicts",
                    RelationType::Contrary => "contraryTo",
                    _ => "entails",
                };
                map.interchange.other_relations.push((f, t, verb));
            }
        }
    }
    map.relations = common::relations(relations);
    // A statement given a second source keeps the last one; a source that
    // no statement cites any more is not kept (Argdown could not write it).
    let cited: BTreeSet<usize> = map.propositions.iter().filter_map(|p| p.source).collect();
    if cited.len() < map.sources.len() {
        let mut index = vec![None; map.sources.len()];
        let mut kept = Vec::new();
        for (i, s) in std::mem::take(&mut map.sources).into_iter().enumerate() {
            if cited.contains(&i) {
                index[i] = Some(kept.len());
                kept.push(s);
            }
        }
        map.sources = kept;
        for p in &mut map.propositions {
            p.source = p.source.and_then(|s| index[s]);
        }
    }
    for (n, (argument, premises, conclusion, rule)) in doc.inferences.iter().enumerate() {
        let Some(a) = lookup(argument, true) else {
            continue;
        };
        let premises: Vec<Endpoint> = premises
            .iter()
            .filter_map(|t| lookup(t, false).map(Endpoint::Proposition))
            .collect();
        let Some(c) = lookup(conclusion, false) else {
            continue;
        };
        map.interchange.schemes.push(SchemeNode {
            key: format!("{}-{}", map.propositions[a].key, n + 1),
            original_id: format!("{argument} / {}", n + 1),
            kind: SchemeKind::Inference,
            text: rule.clone().unwrap_or_else(|| "inference".into()),
            scheme: rule.clone(),
            premises,
            conclusions: vec![Endpoint::Proposition(c)],
        });
        if let Some(rule) = rule {
            map.interchange
                .annotations
                .push((a, "inferenceRule", rule.clone()));
        }
    }
    for h in hypotheses {
        make_hypothesis(&mut map, h);
    }
    Checked {
        map: Some(map),
        diagnostics,
    }
}

/// Escapes the characters that would start Argdown syntax inside a text.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
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

/// A title that Argdown accepts: no brackets.
fn title_of(node: &crate::read::graph::Node) -> String {
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

/// Writes a stored brief as Argdown: frontmatter with the title and rights,
/// one definition per statement or argument (hypotheses tagged
/// `#hypothesis`, argmap's own facts in a data block), then the relations,
/// grouped under what they bear on.
pub fn write(graph: &BriefGraph) -> String {
    let mut out = String::new();
    out.push_str("===\n");
    out.push_str(&format!("title: {}\n", yaml_string(&graph.brief.title)));
    out.push_str(&format!("rights: {}\n", yaml_string(&graph.brief.rights)));
    out.push_str("===\n\n");
    let propositions: Vec<_> = graph
        .nodes
        .iter()
        .filter(|n| matches!(n.kind.as_str(), "hypothesis" | "claim" | "evidence"))
        .collect();
    let reference = |iri: &str| -> Option<String> {
        let n = propositions.iter().find(|n| n.iri == iri)?;
        Some(if n.argument {
            format!("<{}>", title_of(n))
        } else {
            format!("[{}]", title_of(n))
        })
    };
    for n in &propositions {
        let r = reference(&n.iri).unwrap_or_default();
        out.push_str(&format!("{r}: {}", escape(&n.text)));
        if n.kind == "hypothesis" {
            out.push_str(" #hypothesis");
        }
        let mut data = Vec::new();
        if n.kind != "claim" {
            data.push(format!("kind: {}", yaml_string(&n.kind)));
        }
        for (k, v) in [
            (
                "status",
                n.status.as_ref().map(|s| match s.as_str() {
                    "AuthorInference" => "inference".to_string(),
                    other => other.to_ascii_lowercase(),
                }),
            ),
            ("hedge", n.hedge.clone()),
            ("date", n.date.clone()),
            ("quote", n.quote.clone()),
        ] {
            if let Some(v) = v {
                data.push(format!("{k}: {}", yaml_string(&v)));
            }
        }
        if let Some(source) = graph
            .edges
            .iter()
            .find(|e| e.from == n.iri && e.kind == "source")
            .and_then(|e| graph.node(&e.to))
        {
            data.push(format!("source: {}", yaml_string(&source.text)));
        }
        if !data.is_empty() {
            out.push_str(&format!(" {{{}}}", data.join(", ")));
        }
        out.push_str("\n\n");
    }
    // Relations, grouped by the node they bear on (contradiction under its source).
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in &graph.edges {
        let (Some(from), Some(to)) = (reference(&e.from), reference(&e.to)) else {
            continue;
        };
        let (parent, line) = match e.kind.as_str() {
            "supports" => (to, format!("+ {from}")),
            "opposes" => (to, format!("- {from}")),
            "undercuts" => (to, format!("_ {from}")),
            "contradicts" => (from, format!(">< {to}")),
            _ => continue,
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
    out
}
