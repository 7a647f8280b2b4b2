//! Reading `map.toml`: the raw map, exactly as the file says it, with the span of every value.
//!
//! This is the only module that knows TOML. It reports syntax errors, values
//! of the wrong type and unknown keys (with the nearest known key), all at
//! once; [`crate::map::check`] then turns the raw map into a validated model.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::map::diagnostic::{Diagnostic, Position, nearest};

/// A string with the byte span of its value in `map.toml`.
pub type Str = Spanned<String>;

pub use crate::map::rigour::{RawAssumption, RawIndicator};

/// The whole map as written.
#[derive(Debug, Default)]
pub struct RawMap {
    /// `[brief]`, when present.
    pub brief: Option<Spanned<RawBrief>>,
    /// `[question.<id>]`, in map order (as the file writes them).
    pub questions: Vec<(Str, Spanned<RawQuestion>)>,
    /// `[hypothesis.<id>]`, in map order.
    pub hypotheses: Vec<(Str, Spanned<RawHypothesis>)>,
    /// `[claim.<id>]`, in map order.
    pub claims: Vec<(Str, Spanned<RawProposition>)>,
    /// `[evidence.<id>]`, in map order.
    pub evidence: Vec<(Str, Spanned<RawProposition>)>,
    /// `[source.<id>]`, in map order.
    pub sources: Vec<(Str, Spanned<RawSource>)>,
    /// `[actor.<id>]`, in map order.
    pub actors: Vec<(Str, Spanned<RawActor>)>,
    /// `[event.<id>]`, in map order.
    pub events: Vec<(Str, Spanned<RawEvent>)>,
    /// `[[unmapped]]`, in order.
    pub unmapped: Vec<Spanned<RawUnmapped>>,
    /// `[hedges."<term>"]`, by term.
    pub hedges: Vec<(Str, Spanned<RawHedge>)>,
    /// `[assumption.<id>]`, by id.
    pub assumptions: Vec<(Str, Spanned<RawAssumption>)>,
    /// `[indicator.<id>]`, by id.
    pub indicators: Vec<(Str, Spanned<RawIndicator>)>,
}

/// `[brief]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawBrief {
    pub id: Option<Str>,
    pub title: Option<Str>,
    #[serde(default)]
    pub author: Vec<Str>,
    pub publisher: Option<Str>,
    pub series: Option<Str>,
    pub number: Option<Str>,
    pub date: Option<Str>,
    pub language: Option<Str>,
    pub rights: Option<Str>,
    pub source: Option<Str>,
    #[serde(default)]
    pub furniture: Vec<Str>,
    pub mapped_by: Option<Str>,
    pub mapped_on: Option<Str>,
    /// `sha256:` and the digest of the text this one revises (written by `reanchor`).
    pub revises: Option<Str>,
}

/// `[question.<id>]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawQuestion {
    pub text: Option<Str>,
    pub quote: Option<Str>,
    pub occurrence: Option<Spanned<i64>>,
    pub exclusive: Option<Spanned<bool>>,
    pub note: Option<Str>,
}

/// `[hypothesis.<id>]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawHypothesis {
    pub answers: Option<Str>,
    pub text: Option<Str>,
    pub quote: Option<Str>,
    pub occurrence: Option<Spanned<i64>>,
    pub hedge: Option<Str>,
    pub confidence: Option<Str>,
    pub note: Option<Str>,
}

/// `[claim.<id>]` and `[evidence.<id>]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawProposition {
    pub text: Option<Str>,
    pub quote: Option<Str>,
    pub occurrence: Option<Spanned<i64>>,
    pub status: Option<Str>,
    pub hedge: Option<Str>,
    pub said_by: Option<Str>,
    pub source: Option<Str>,
    pub date: Option<Str>,
    pub date_inferred: Option<Spanned<bool>>,
    #[serde(default)]
    pub mentions: Vec<Str>,
    pub event: Option<Str>,
    #[serde(default)]
    pub supports: Vec<Str>,
    #[serde(default)]
    pub supports_strongly: Vec<Str>,
    #[serde(default)]
    pub opposes: Vec<Str>,
    #[serde(default)]
    pub opposes_strongly: Vec<Str>,
    /// The targets among the four lists above that the analyst linked,
    /// where the brief draws no such line.
    #[serde(default)]
    pub analyst_links: Vec<Str>,
    /// The analyst's own ACH ratings of this item against hypotheses,
    /// `{ <hypothesis id> = "CC" | "C" | "N" | "I" | "II" | "NA" }`. The
    /// spans are those of the values: toml gives none for inline-table keys
    /// through serde.
    #[serde(default)]
    pub ratings: BTreeMap<String, Str>,
    pub note: Option<Str>,
}

/// `[source.<id>]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawSource {
    pub kind: Option<Str>,
    pub title: Option<Str>,
    pub by: Option<Str>,
    pub publisher: Option<Str>,
    pub date: Option<Str>,
    pub date_inferred: Option<Spanned<bool>>,
    pub reliability: Option<Str>,
    pub credibility: Option<Spanned<i64>>,
    pub iri: Option<Str>,
    #[serde(default)]
    pub links: Vec<Str>,
    /// The sources or actors this source got its information from.
    #[serde(default)]
    pub derived_from: Vec<Str>,
    pub note: Option<Str>,
}

/// `[actor.<id>]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawActor {
    pub kind: Option<Str>,
    pub name: Option<Str>,
    #[serde(default)]
    pub aliases: Vec<Str>,
    pub role: Option<Str>,
    pub member_of: Option<Str>,
    pub iri: Option<Str>,
    #[serde(default)]
    pub links: Vec<Str>,
    pub note: Option<Str>,
}

/// `[event.<id>]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawEvent {
    pub text: Option<Str>,
    pub date: Option<Str>,
    pub date_inferred: Option<Spanned<bool>>,
    #[serde(default)]
    pub actors: Vec<Str>,
    pub quote: Option<Str>,
    pub occurrence: Option<Spanned<i64>>,
    pub iri: Option<Str>,
    #[serde(default)]
    pub links: Vec<Str>,
    pub note: Option<Str>,
}

/// `[[unmapped]]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawUnmapped {
    pub quote: Option<Str>,
    pub occurrence: Option<Spanned<i64>>,
    pub reason: Option<Str>,
}

/// `[hedges."<term>"]`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawHedge {
    pub low: Option<Spanned<i64>>,
    pub high: Option<Spanned<i64>>,
    pub scale: Option<Str>,
    pub note: Option<Str>,
}

/// The keys each table accepts, for unknown-key suggestions and the README.
pub const BRIEF_KEYS: &[&str] = &[
    "id",
    "title",
    "author",
    "publisher",
    "series",
    "number",
    "date",
    "language",
    "rights",
    "source",
    "furniture",
    "mapped-by",
    "mapped-on",
    "revises",
];
const QUESTION_KEYS: &[&str] = &["text", "quote", "occurrence", "exclusive", "note"];
const HYPOTHESIS_KEYS: &[&str] = &[
    "answers",
    "text",
    "quote",
    "occurrence",
    "hedge",
    "confidence",
    "note",
];
const PROPOSITION_KEYS: &[&str] = &[
    "text",
    "quote",
    "occurrence",
    "status",
    "hedge",
    "said-by",
    "source",
    "date",
    "date-inferred",
    "mentions",
    "event",
    "supports",
    "supports-strongly",
    "opposes",
    "opposes-strongly",
    "analyst-links",
    "ratings",
    "note",
];
const SOURCE_KEYS: &[&str] = &[
    "kind",
    "title",
    "by",
    "publisher",
    "date",
    "date-inferred",
    "reliability",
    "credibility",
    "iri",
    "links",
    "derived-from",
    "note",
];
const ACTOR_KEYS: &[&str] = &[
    "kind",
    "name",
    "aliases",
    "role",
    "member-of",
    "iri",
    "links",
    "note",
];
const EVENT_KEYS: &[&str] = &[
    "text",
    "date",
    "date-inferred",
    "actors",
    "quote",
    "occurrence",
    "iri",
    "links",
    "note",
];
const UNMAPPED_KEYS: &[&str] = &["quote", "occurrence", "reason"];
const HEDGE_KEYS: &[&str] = &["low", "high", "scale", "note"];
const ASSUMPTION_KEYS: &[&str] = &[
    "text",
    "quote",
    "occurrence",
    "supports",
    "confidence",
    "invalidated-by",
    "note",
];
const INDICATOR_KEYS: &[&str] = &[
    "hypothesis",
    "direction",
    "expected-by",
    "ask",
    "text",
    "note",
];
const SECTIONS: &[&str] = &[
    "brief",
    "question",
    "hypothesis",
    "claim",
    "evidence",
    "source",
    "actor",
    "event",
    "unmapped",
    "hedges",
    "assumption",
    "indicator",
];

/// Reads `text`, the contents of the map at `path`, into a raw map.
///
/// Returns the map as far as it could be read and every problem found; a map
/// with a syntax error yields no raw map, since its structure is unknown.
pub fn parse_map(path: &Path, text: &str) -> (Option<RawMap>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let text_no_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - text_no_bom.len();
    let starts = crate::map::diagnostic::line_starts(text);
    let at = |span: Range<usize>| Some(Position::of_byte_in(text, &starts, span.start + bom));
    // Kept alive for `root`, which borrows it: the text with duplicated
    // keys set aside, when they are its only problem.
    let recovered: String;
    let (mut root, errors) = DeTable::parse_recoverable(text_no_bom);
    if !errors.is_empty() {
        match recover(path, text_no_bom, &at, &errors, &mut problems) {
            Some(text) => recovered = text,
            None => return (None, problems),
        }
        root = DeTable::parse_recoverable(&recovered).0;
    }
    let mut reader = Reader {
        path,
        at: &at,
        problems: &mut problems,
    };
    let mut map = RawMap::default();
    for (key, value) in root.into_inner() {
        let section = key.get_ref().as_ref();
        match section {
            "brief" => map.brief = reader.node(value, BRIEF_KEYS, "[brief]"),
            "question" => {
                map.questions = reader.nodes(key.span(), value, QUESTION_KEYS, "question")
            }
            "hypothesis" => {
                map.hypotheses = reader.nodes(key.span(), value, HYPOTHESIS_KEYS, "hypothesis")
            }
            "claim" => map.claims = reader.nodes(key.span(), value, PROPOSITION_KEYS, "claim"),
            "evidence" => {
                map.evidence = reader.nodes(key.span(), value, PROPOSITION_KEYS, "evidence")
            }
            "source" => map.sources = reader.nodes(key.span(), value, SOURCE_KEYS, "source"),
            "actor" => map.actors = reader.nodes(key.span(), value, ACTOR_KEYS, "actor"),
            "event" => map.events = reader.nodes(key.span(), value, EVENT_KEYS, "event"),
            "hedges" => map.hedges = reader.nodes(key.span(), value, HEDGE_KEYS, "hedges"),
            "assumption" => {
                map.assumptions = reader.nodes(key.span(), value, ASSUMPTION_KEYS, "assumption")
            }
            "indicator" => {
                map.indicators = reader.nodes(key.span(), value, INDICATOR_KEYS, "indicator")
            }
            "unmapped" => {
                let span = value.span();
                match value.into_inner() {
                    DeValue::Array(items) => {
                        for item in items {
                            if let Some(u) = reader.node(item, UNMAPPED_KEYS, "[[unmapped]]") {
                                map.unmapped.push(u);
                            }
                        }
                    }
                    _ => reader.problem(
                        span,
                        "`unmapped` must be an array of tables",
                        "write each passage as its own `[[unmapped]]` table with `quote` and `reason`",
                    ),
                }
            }
            other => {
                let help = match nearest(other, SECTIONS) {
                    Some(near) => format!(
                        "did you mean `{near}`? The sections are: {}",
                        SECTIONS.join(", ")
                    ),
                    None => format!("the sections are: {}", SECTIONS.join(", ")),
                };
                reader.problem(key.span(), &format!("unknown section `{other}`"), &help);
            }
        }
    }
    (Some(map), problems)
}

/// Reports the TOML `errors` of `text`; when they are all duplicated keys,
/// returns the text with the later ones set aside, which then reads, so
/// that every other problem of the map is still found. Otherwise the last
/// problem says that others may be hidden.
fn recover(
    path: &Path,
    text: &str,
    at: &impl Fn(Range<usize>) -> Option<Position>,
    errors: &[toml::de::Error],
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    let duplicates: Vec<Range<usize>> = errors
        .iter()
        .filter(|e| e.message().contains("duplicate key"))
        .filter_map(|e| e.span())
        .collect();
    let set_aside = set_aside_duplicates(text, &duplicates);
    let first = problems.len();
    for error in errors {
        // A key inside a duplicated table goes with the table.
        let inside_set_aside_table = error.span().is_some_and(|s| {
            set_aside
                .tables
                .iter()
                .any(|(key, table)| *key != s && table.contains(&s.start))
        });
        if !inside_set_aside_table {
            problems.push(toml_problem(path, text, at, error));
        }
    }
    let reads = duplicates.len() == errors.len()
        && DeTable::parse_recoverable(&set_aside.text).1.is_empty();
    let help = if reads {
        "the later one is set aside so that the rest of the map is checked"
    } else {
        "other problems of this map may be hidden until the TOML reads: check again once it is fixed"
    };
    // Each duplicate says it was set aside; otherwise the last problem
    // says what may be hidden behind them all.
    let told = if reads {
        first..problems.len()
    } else {
        problems.len().saturating_sub(1)..problems.len()
    };
    for problem in &mut problems[told] {
        problem.help = Some(format!(
            "{}\n{help}",
            problem.help.take().unwrap_or_default()
        ));
    }
    reads.then_some(set_aside.text)
}

/// A TOML error as a diagnostic at its place, with what to do.
fn toml_problem(
    path: &Path,
    text: &str,
    at: &impl Fn(Range<usize>) -> Option<Position>,
    error: &toml::de::Error,
) -> Diagnostic {
    let position = error.span().and_then(at);
    let message = first_line(error.message());
    let help = if message.contains("duplicate key") {
        let key = error
            .span()
            .and_then(|s| text.get(s))
            .map(|k| k.trim().to_string())
            .unwrap_or_default();
        format!(
            "`{key}` is given twice in the same table: keep one (the ids of nodes must be unique too)"
        )
    } else {
        "fix the TOML syntax at this place; see the map format in the README".to_string()
    };
    Diagnostic::error(path, position, format!("malformed TOML: {message}")).with_help(help)
}

/// A text with its duplicated keys set aside (blanked, so that every other
/// byte keeps its offset), and the byte ranges of the duplicated tables.
struct SetAside {
    text: String,
    /// Each duplicated table: the span of its key, and the bytes set aside.
    tables: Vec<(Range<usize>, Range<usize>)>,
}

/// Blanks each duplicated key of `text` at `spans`: a table header with its
/// whole table (up to the next header), a key with its value's lines (up to
/// the next line that starts a key, a header, a comment or is empty).
fn set_aside_duplicates(text: &str, spans: &[Range<usize>]) -> SetAside {
    let mut bytes = text.as_bytes().to_vec();
    let mut tables = Vec::new();
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
    for span in spans {
        let start = line_start(span.start.min(text.len()));
        let header = text[start..].trim_start().starts_with('[');
        let mut end = text[start..]
            .find('\n')
            .map_or(text.len(), |i| start + i + 1);
        while end < text.len() {
            let line = text[end..].split('\n').next().unwrap_or("");
            let next = line.trim_start();
            let starts_key = next.split_once('=').is_some_and(|(k, _)| {
                !k.trim().is_empty()
                    && k.trim()
                        .chars()
                        .all(|c| c.is_alphanumeric() || "-_.\"' ".contains(c))
            });
            let stop = if header {
                next.starts_with('[')
            } else {
                next.is_empty() || next.starts_with('[') || next.starts_with('#') || starts_key
            };
            if stop {
                break;
            }
            end += line.len() + 1;
        }
        let end = end.min(text.len());
        if header {
            tables.push((span.clone(), start..end));
        }
        for b in &mut bytes[start..end] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    SetAside {
        // Every byte of a character was blanked or kept whole: lines are
        // cut at newlines, which are never inside a character.
        text: String::from_utf8(bytes).unwrap_or_default(),
        tables,
    }
}

fn first_line(message: &str) -> &str {
    message.trim().lines().next().unwrap_or("")
}

struct Reader<'a, F: Fn(Range<usize>) -> Option<Position>> {
    path: &'a Path,
    at: &'a F,
    problems: &'a mut Vec<Diagnostic>,
}

impl<F: Fn(Range<usize>) -> Option<Position>> Reader<'_, F> {
    fn problem(&mut self, span: Range<usize>, message: &str, help: &str) {
        self.problems
            .push(Diagnostic::error(self.path, (self.at)(span), message).with_help(help));
    }

    /// Reads the tables under a section such as `[claim.<id>]`.
    fn nodes<T: DeserializeOwned>(
        &mut self,
        section_span: Range<usize>,
        value: Spanned<DeValue<'_>>,
        keys: &[&str],
        section: &str,
    ) -> Vec<(Str, Spanned<T>)> {
        let mut nodes = Vec::new();
        let DeValue::Table(table) = value.into_inner() else {
            self.problem(
                section_span,
                &format!("`{section}` must be a table of tables"),
                &format!("write each as `[{section}.<id>]` followed by its keys"),
            );
            return nodes;
        };
        for (id, node) in table {
            let id_str: Str = Spanned::new(id.span(), id.get_ref().to_string());
            let what = format!("[{section}.{}]", id.get_ref());
            if let Some(node) = self.node(node, keys, &what) {
                nodes.push((id_str, node));
            }
        }
        // Map order: the order the file writes the tables in, which every
        // list of nodes follows (TOML's own tables are sorted by key).
        nodes.sort_by_key(|(id, _)| id.span().start);
        nodes
    }

    /// Reads one table, reporting unknown keys and values of the wrong type.
    fn node<T: DeserializeOwned>(
        &mut self,
        value: Spanned<DeValue<'_>>,
        keys: &[&str],
        what: &str,
    ) -> Option<Spanned<T>> {
        let span = value.span();
        let DeValue::Table(table) = value.get_ref() else {
            self.problem(
                span,
                &format!("{what} must be a table"),
                "write it as a table header followed by its keys",
            );
            return None;
        };
        let key_spans: BTreeMap<String, Range<usize>> = table
            .iter()
            .map(|(k, _)| (k.get_ref().to_string(), k.span()))
            .collect();
        let mut unknown = Vec::new();
        let result: Result<T, _> =
            serde_ignored::deserialize(ValueDeserializer::from(value), |path| {
                unknown.push(path.to_string())
            });
        for key in unknown {
            let top = key.split('.').next().unwrap_or(&key).to_string();
            let key_span = key_spans.get(&top).cloned().unwrap_or(span.clone());
            let help = match nearest(&top, keys) {
                Some(near) => format!("did you mean `{near}`? {what} takes: {}", keys.join(", ")),
                None => format!("{what} takes: {}", keys.join(", ")),
            };
            self.problem(key_span, &format!("unknown key `{key}` in {what}"), &help);
        }
        match result {
            Ok(node) => Some(Spanned::new(span, node)),
            Err(error) => {
                let error_span = error.span().unwrap_or(span);
                self.problem(
                    error_span,
                    &format!("in {what}: {}", first_line(error.message())),
                    "give the value the type the map format documents for this key",
                );
                None
            }
        }
    }
}

/// A roles file beside an imported map (`<file>.argmap.toml`): which of
/// the map's propositions are hypotheses and which evidence, and whether
/// the hypotheses exclude each other.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawRoles {
    pub hypotheses: Option<Vec<Str>>,
    pub hypothesis_tags: Option<Vec<Str>>,
    pub evidence: Option<Vec<Str>>,
    pub exclusive: Option<Spanned<bool>>,
    pub question: Option<Str>,
}

const ROLE_KEYS: &[&str] = &[
    "hypotheses",
    "hypothesis-tags",
    "evidence",
    "exclusive",
    "question",
];

/// Reads `text`, the roles file at `path`, with every problem found
/// (spans are byte offsets into `text`).
pub fn parse_roles(path: &Path, text: &str) -> (Option<RawRoles>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let at = |span: Range<usize>| Some(Position::of_byte(text, span.start));
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for error in errors {
            problems.push(
                Diagnostic::error(
                    path,
                    error.span().and_then(&at),
                    format!("malformed TOML: {}", first_line(error.message())),
                )
                .with_help("fix the TOML syntax at this place; see \"Weighing imported hypotheses\" in the README"),
            );
        }
        return (None, problems);
    }
    let mut reader = Reader {
        path,
        at: &at,
        problems: &mut problems,
    };
    let whole = Spanned::new(0..text.len(), DeValue::Table(root.into_inner()));
    let roles = reader.node::<RawRoles>(whole, ROLE_KEYS, "the roles file");
    (roles.map(Spanned::into_inner), problems)
}
