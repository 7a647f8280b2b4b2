//! Checking a raw map against itself and its brief's text, collecting every problem, and building the model.
//!
//! [`check_map`] resolves every reference to an index, anchors every quote,
//! parses dates and hedges, and looks for support cycles. It never stops at
//! the first problem: all of them come back together, each with a place in
//! `map.toml` (or `brief.txt`) and advice on how to fix it.

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::{Path, PathBuf};

use toml::Spanned;

use crate::map::anchor::{Found, Text};
use crate::map::date::{DATE_HELP, Date, parse_date};
use crate::map::diagnostic::{Diagnostic, Position, has_errors, nearest};
use crate::map::hedge::{HedgeEntry, builtin_table, lookup};
use crate::map::model::*;
use crate::map::parse::{RawMap, RawProposition, Str, parse_map};
use crate::map::text::{not_text_help, read_error_position, text_of};

/// Where a map's files come from: the disk, or text built into the binary.
pub trait MapFiles {
    /// Reads the file at `path` as UTF-8 text.
    fn read(&self, path: &Path) -> io::Result<String>;
}

/// Reads maps from the file system.
pub struct Disk;

impl MapFiles for Disk {
    fn read(&self, path: &Path) -> io::Result<String> {
        let bytes = std::fs::read(path)?;
        text_of(bytes)
    }
}

/// The outcome of checking one map: the model when there is no error, and every problem.
#[derive(Debug)]
pub struct Checked {
    pub map: Option<Map>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Resolves a command-line argument to a map file: a folder means its `map.toml`.
pub fn map_path(arg: &Path) -> PathBuf {
    if arg.is_dir() {
        arg.join("map.toml")
    } else {
        arg.to_path_buf()
    }
}

/// Reads and checks the map at `path`.
pub fn check_map(path: &Path, files: &dyn MapFiles) -> Checked {
    let text = match files.read(path) {
        Ok(text) => text,
        Err(e) => {
            let help = not_text_help(&e).unwrap_or_else(|| {
                "give the path of a map.toml, or of a folder that holds one".into()
            });
            return Checked {
                map: None,
                diagnostics: vec![
                    Diagnostic::error(
                        path,
                        read_error_position(&e),
                        format!("cannot read the map: {e}"),
                    )
                    .with_help(help),
                ],
            };
        }
    };
    let (raw, mut diagnostics) = parse_map(path, &text);
    let Some(raw) = raw else {
        return Checked {
            map: None,
            diagnostics,
        };
    };
    let mut checker = Checker {
        path,
        text: &text,
        diagnostics: &mut diagnostics,
    };
    let map = checker.map(raw, files);
    let map = if has_errors(&diagnostics) { None } else { map };
    // Report in the order of the file, as a reader goes through it.
    diagnostics.sort_by(|a, b| (&a.file, a.position).cmp(&(&b.file, b.position)));
    Checked { map, diagnostics }
}

struct Checker<'a> {
    path: &'a Path,
    text: &'a str,
    diagnostics: &'a mut Vec<Diagnostic>,
}

/// The ids of each kind of node, for resolving references.
#[derive(Default)]
struct Ids {
    questions: HashMap<String, usize>,
    propositions: HashMap<String, usize>,
    sources: HashMap<String, usize>,
    actors: HashMap<String, usize>,
    events: HashMap<String, usize>,
}

impl Checker<'_> {
    fn at<T>(&self, value: &Spanned<T>) -> Option<Position> {
        Some(Position::of_byte(self.text, value.span().start))
    }

    fn error<T>(&mut self, at: &Spanned<T>, message: impl Into<String>, help: impl Into<String>) {
        let position = self.at(at);
        self.diagnostics
            .push(Diagnostic::error(self.path, position, message).with_help(help));
    }

    fn required(&mut self, value: &Option<Str>, key: &str, owner: &Str, what: &str) -> String {
        match value {
            Some(v) if v.get_ref().trim().is_empty() => {
                self.error(
                    v,
                    format!("`{key}` of {what} is empty"),
                    format!("write the {key} of {what}"),
                );
                String::new()
            }
            Some(v) => v.get_ref().clone(),
            None => {
                self.error(
                    owner,
                    format!("{what} has no `{key}`"),
                    format!("add `{key} = \"…\"` to {what}"),
                );
                String::new()
            }
        }
    }

    fn map(&mut self, raw: RawMap, files: &dyn MapFiles) -> Option<Map> {
        let ids = self.collect_ids(&raw);
        let Some(brief) = raw.brief.as_ref() else {
            self.diagnostics.push(
                Diagnostic::error(self.path, Some(Position { line: 1, column: 1 }), "the map has no `[brief]` table")
                    .with_help("start the map with `[brief]` and its title, language, rights, mapped-by and mapped-on"),
            );
            return None;
        };
        let brief_span: Str = Spanned::new(brief.span(), "[brief]".to_string());
        let b = brief.get_ref();
        let id = match &b.id {
            Some(id) => {
                self.slug(id, "brief");
                id.get_ref().clone()
            }
            None => self
                .path
                .parent()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "brief".into()),
        };
        let title = self.required(&b.title, "title", &brief_span, "[brief]");
        let language = self.required(&b.language, "language", &brief_span, "[brief]");
        if let Some(tag) = &b.language {
            if oxigraph::model::Literal::new_language_tagged_literal("x", tag.get_ref()).is_err() {
                self.error(
                    tag,
                    format!("`{}` is not a BCP 47 language tag", tag.get_ref()),
                    "write a tag such as \"en\" or \"ko\"",
                );
            }
        }
        let rights = self.required(&b.rights, "rights", &brief_span, "[brief]");
        let mapped_by = self.required(&b.mapped_by, "mapped-by", &brief_span, "[brief]");
        let mapped_on = match &b.mapped_on {
            None => {
                self.error(
                    &brief_span,
                    "[brief] has no `mapped-on`",
                    "add `mapped-on = \"YYYY-MM-DD\"`, the day the map was made",
                );
                None
            }
            Some(d) => match parse_date(d.get_ref()) {
                Ok(Date::Single {
                    day: day @ crate::map::date::Day::Day(..),
                    approximate: false,
                }) => Some(day),
                Ok(_) => {
                    self.error(
                        d,
                        format!("`mapped-on` must be one day, not `{}`", d.get_ref()),
                        "write it as YYYY-MM-DD",
                    );
                    None
                }
                Err(e) => {
                    self.error(d, format!("bad date: {e}"), "write it as YYYY-MM-DD");
                    None
                }
            },
        };
        let furniture: Vec<String> = b.furniture.iter().map(|f| f.get_ref().clone()).collect();
        for f in &b.furniture {
            if f.get_ref().trim().is_empty() {
                self.error(
                    f,
                    "an empty furniture string",
                    "remove it, or write the running head it stands for",
                );
            }
        }
        let authors = b
            .author
            .iter()
            .filter_map(|a| self.resolve(a, &ids.actors, "author", "actor"))
            .collect();
        let publisher = b
            .publisher
            .as_ref()
            .and_then(|p| self.resolve(p, &ids.actors, "publisher", "actor"));
        let date = b.date.as_ref().and_then(|d| self.dated(d, None));

        // The brief's text.
        let source = b
            .source
            .as_ref()
            .map(|s| s.get_ref().as_str())
            .unwrap_or("brief.txt");
        let text_path = self.path.parent().unwrap_or(Path::new("")).join(source);
        let text = match files.read(&text_path) {
            Ok(t) => Some(t),
            Err(e) => {
                let message = format!("cannot read the brief's text {}: {e}", text_path.display());
                let help = not_text_help(&e).unwrap_or_else(|| {
                    "put the brief's exact text beside the map as brief.txt, or name it with `source` in [brief]".into()
                });
                match &b.source {
                    Some(s) => self.error(s, message, help),
                    None => self.error(&brief_span, message, help),
                }
                None
            }
        };
        let furniture_refs: Vec<&str> = furniture.iter().map(String::as_str).collect();
        let anchor_text = text.as_deref().map(|t| Text::new(t, &furniture_refs));
        let anchoring = Anchoring {
            text: anchor_text.as_ref(),
            text_path: &text_path,
            quotes: Default::default(),
            missing: Default::default(),
        };

        let hedges = self.hedges(&raw);
        let builtin = builtin_table();

        let actors = self.actors(&raw, &ids);
        let sources = self.sources(&raw, &ids);
        let events = self.events(&raw, &ids, &anchoring);
        let questions = self.questions(&raw, &anchoring);
        let mut propositions = Vec::new();
        let mut relations = Vec::new();
        let mut ratings = Vec::new();
        for (key, h) in &raw.hypotheses {
            let what = format!("[hypothesis.{}]", key.get_ref());
            let h = h.get_ref();
            let text = self.required(&h.text, "text", key, &what);
            let question = match &h.answers {
                None => {
                    self.error(
                        key,
                        format!("hypothesis `{}` answers no question", key.get_ref()),
                        "add `answers = \"<question id>\"`",
                    );
                    None
                }
                Some(q) => self.resolve(q, &ids.questions, "answers", "question"),
            };
            let confidence = h
                .confidence
                .as_ref()
                .and_then(|c| match c.get_ref().as_str() {
                    "low" => Some(Confidence::Low),
                    "moderate" => Some(Confidence::Moderate),
                    "high" => Some(Confidence::High),
                    other => {
                        self.error(
                            c,
                            format!("unknown confidence `{other}`"),
                            "write \"low\", \"moderate\" or \"high\" (ICD 203)",
                        );
                        None
                    }
                });
            propositions.push(Proposition {
                kind: PropositionKind::Hypothesis {
                    question: question.unwrap_or(0),
                    confidence,
                },
                key: key.get_ref().clone(),
                text,
                quote: self.quote(&h.quote, &h.occurrence, &anchoring),
                status: Status::Inference,
                hedge: self.hedge(&h.hedge, &hedges, &builtin),
                said_by: None,
                source: None,
                date: None,
                mentions: Vec::new(),
                event: None,
                note: h.note.as_ref().map(|n| n.get_ref().clone()),
            });
        }
        let kinds = [
            (PropositionKind::Claim, &raw.claims),
            (PropositionKind::Evidence, &raw.evidence),
        ];
        for (kind, nodes) in kinds {
            for (key, p) in nodes {
                let from = propositions.len();
                let proposition =
                    self.proposition(kind, key, p.get_ref(), &ids, &anchoring, &hedges, &builtin);
                propositions.push(proposition);
                self.relations(from, key, p.get_ref(), &ids, &mut relations);
                self.ratings(kind, from, key, p.get_ref(), &raw, &ids, &mut ratings);
            }
        }
        let unmapped = raw
            .unmapped
            .iter()
            .filter_map(|u| {
                let span: Str = Spanned::new(u.span(), String::new());
                let u = u.get_ref();
                let reason = self.required(&u.reason, "reason", &span, "[[unmapped]]");
                if u.quote.is_none() {
                    self.error(
                        &span,
                        "[[unmapped]] has no `quote`",
                        "add `quote = \"…\"`, the passage left out",
                    );
                }
                let quote = self.quote(&u.quote, &u.occurrence, &anchoring)?;
                Some(Unmapped { quote, reason })
            })
            .collect();
        self.cycles(&raw, &propositions, &relations);
        self.stale(&anchoring, &brief_span);

        Some(Map {
            id,
            meta: BriefMeta {
                title,
                authors,
                publisher,
                series: b.series.as_ref().map(|s| s.get_ref().clone()),
                number: b.number.as_ref().map(|s| s.get_ref().clone()),
                date,
                language,
                rights,
                furniture,
                mapped_by,
                mapped_on: Some(mapped_on?),
            },
            text: text?,
            questions,
            propositions,
            relations,
            sources,
            actors,
            events,
            unmapped,
            ratings,
            interchange: Default::default(),
        })
    }

    /// The analyst's ACH ratings of an item of evidence: each names a
    /// hypothesis and one of CC, C, N, I, II, NA.
    #[allow(clippy::too_many_arguments)]
    fn ratings(
        &mut self,
        kind: PropositionKind,
        from: usize,
        key: &Str,
        p: &RawProposition,
        raw: &RawMap,
        ids: &Ids,
        ratings: &mut Vec<Rating>,
    ) {
        if p.ratings.is_empty() {
            return;
        }
        if kind != PropositionKind::Evidence {
            let first = p.ratings.values().next().unwrap_or(key);
            self.error(
                first,
                format!(
                    "claim `{}` has `ratings`, but only evidence is rated against hypotheses",
                    key.get_ref()
                ),
                "move the ratings to the items of evidence behind the claim, or remove them",
            );
            return;
        }
        // Hypotheses come first among the propositions, in map order.
        let hypotheses: Vec<&str> = raw
            .hypotheses
            .iter()
            .map(|(k, _)| k.get_ref().as_str())
            .collect();
        for (hypothesis, value) in &p.ratings {
            let target = ids
                .propositions
                .get(hypothesis)
                .copied()
                .filter(|&i| i < hypotheses.len());
            let Some(target) = target else {
                let help = match nearest(hypothesis, &hypotheses) {
                    Some(near) => format!(
                        "did you mean `{near}`? Ratings name hypotheses: {}",
                        hypotheses.join(", ")
                    ),
                    None => format!("ratings name hypotheses: {}", hypotheses.join(", ")),
                };
                self.error(
                    value,
                    format!("`ratings` of `{}` names `{hypothesis}`, but there is no hypothesis of that id", key.get_ref()),
                    help,
                );
                continue;
            };
            match Consistency::parse(value.get_ref()) {
                Some(v) => ratings.push(Rating {
                    evidence: from,
                    hypothesis: target,
                    value: v,
                }),
                None => {
                    let upper = value.get_ref().trim().to_uppercase();
                    let help = match Consistency::parse(&upper) {
                        Some(near) => format!(
                            "did you mean \"{}\"? Ratings are written in capitals; ",
                            near.as_str()
                        ),
                        None => String::new(),
                    };
                    self.error(
                        value,
                        format!("rating `{}` of `{}` against `{hypothesis}` is not an ACH rating", value.get_ref(), key.get_ref()),
                        format!("{help}a rating is \"CC\" (very consistent), \"C\", \"N\" (neutral), \"I\", \"II\" (very inconsistent) or \"NA\" (not applicable)"),
                    );
                }
            }
        }
    }

    fn slug(&mut self, id: &Str, what: &str) {
        let s = id.get_ref();
        let ok = !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-');
        if !ok {
            self.error(
                id,
                format!("`{s}` is not a valid {what} id"),
                "ids are lower-case letters a-z, digits and `-`, and do not start with `-`",
            );
        }
    }

    fn collect_ids(&mut self, raw: &RawMap) -> Ids {
        let mut ids = Ids::default();
        let mut seen: BTreeMap<String, &'static str> = BTreeMap::new();
        let mut index = |checker: &mut Self,
                         map: &mut HashMap<String, usize>,
                         key: &Str,
                         i: usize,
                         kind: &'static str,
                         shared: bool| {
            checker.slug(key, kind);
            if !shared {
                if let Some(other) = seen.get(key.get_ref()) {
                    checker.error(
                        key,
                        format!("`{}` names both a {other} and a {kind}", key.get_ref()),
                        "give each question, hypothesis, claim and item of evidence its own id",
                    );
                }
                seen.insert(key.get_ref().clone(), kind);
            }
            map.insert(key.get_ref().clone(), i);
        };
        for (i, (k, _)) in raw.questions.iter().enumerate() {
            index(self, &mut ids.questions, k, i, "question", false);
        }
        let propositions = raw
            .hypotheses
            .iter()
            .map(|(k, _)| (k, "hypothesis"))
            .chain(raw.claims.iter().map(|(k, _)| (k, "claim")))
            .chain(raw.evidence.iter().map(|(k, _)| (k, "evidence")));
        for (i, (k, kind)) in propositions.enumerate() {
            index(self, &mut ids.propositions, k, i, kind, false);
        }
        for (i, (k, _)) in raw.sources.iter().enumerate() {
            index(self, &mut ids.sources, k, i, "source", true);
        }
        for (i, (k, _)) in raw.actors.iter().enumerate() {
            index(self, &mut ids.actors, k, i, "actor", true);
        }
        for (i, (k, _)) in raw.events.iter().enumerate() {
            index(self, &mut ids.events, k, i, "event", true);
        }
        ids
    }

    fn resolve(
        &mut self,
        reference: &Str,
        ids: &HashMap<String, usize>,
        key: &str,
        kind: &str,
    ) -> Option<usize> {
        if let Some(&i) = ids.get(reference.get_ref()) {
            return Some(i);
        }
        let known: Vec<&str> = ids.keys().map(String::as_str).collect();
        let help = match nearest(reference.get_ref(), &known) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!(
                "define `[{}.{}]`, or name an existing {kind}",
                kind.split(' ').next().unwrap_or(kind),
                reference.get_ref()
            ),
        };
        self.error(
            reference,
            format!(
                "`{key}` names `{}`, but there is no {kind} of that id",
                reference.get_ref()
            ),
            help,
        );
        None
    }

    fn dated(&mut self, date: &Str, inferred: Option<&Spanned<bool>>) -> Option<Dated> {
        match parse_date(date.get_ref()) {
            Ok(d) => Some(Dated {
                date: d,
                inferred: inferred.is_some_and(|i| *i.get_ref()),
            }),
            Err(e) => {
                self.error(date, format!("bad date: {e}"), DATE_HELP);
                None
            }
        }
    }

    fn links(&mut self, iri: &Option<Str>, links: &[Str]) -> (Option<String>, Vec<String>) {
        let valid = |checker: &mut Self, s: &Str| -> Option<String> {
            match oxigraph::model::NamedNode::new(s.get_ref()) {
                Ok(_) if prefixed_name(s.get_ref()) => {
                    checker.error(
                        s,
                        format!("`{}` is a prefixed name, not an IRI", s.get_ref()),
                        "write the full IRI, e.g. http://www.wikidata.org/entity/Q… for wd:Q…",
                    );
                    None
                }
                Ok(_) => Some(s.get_ref().clone()),
                Err(e) => {
                    checker.error(
                        s,
                        format!("`{}` is not an IRI: {e}", s.get_ref()),
                        "write a full IRI such as http://www.wikidata.org/entity/Q…",
                    );
                    None
                }
            }
        };
        let iri = iri.as_ref().and_then(|i| valid(self, i));
        let links = links.iter().filter_map(|l| valid(self, l)).collect();
        (iri, links)
    }

    fn actors(&mut self, raw: &RawMap, ids: &Ids) -> Vec<Actor> {
        raw.actors
            .iter()
            .map(|(key, a)| {
                let what = format!("[actor.{}]", key.get_ref());
                let a = a.get_ref();
                let kind = self.one_of(&a.kind, crate::map::model::ACTOR_KINDS, "kind", key, &what);
                let (iri, links) = self.links(&a.iri, &a.links);
                Actor {
                    key: key.get_ref().clone(),
                    iri,
                    kind,
                    name: self.required(&a.name, "name", key, &what),
                    aliases: a.aliases.iter().map(|s| s.get_ref().clone()).collect(),
                    role: a.role.as_ref().map(|s| s.get_ref().clone()),
                    member_of: a
                        .member_of
                        .as_ref()
                        .and_then(|m| self.resolve(m, &ids.actors, "member-of", "actor")),
                    links,
                    note: a.note.as_ref().map(|n| n.get_ref().clone()),
                }
            })
            .collect()
    }

    fn one_of(
        &mut self,
        value: &Option<Str>,
        allowed: &[&'static str],
        key: &str,
        owner: &Str,
        what: &str,
    ) -> &'static str {
        match value {
            None => {
                self.error(
                    owner,
                    format!("{what} has no `{key}`"),
                    format!("add `{key} = ` one of: {}", allowed.join(", ")),
                );
                allowed[0]
            }
            Some(v) => match allowed.iter().find(|a| **a == v.get_ref()) {
                Some(a) => a,
                None => {
                    let help = match nearest(v.get_ref(), allowed) {
                        Some(near) => format!(
                            "did you mean `{near}`? {key} is one of: {}",
                            allowed.join(", ")
                        ),
                        None => format!("{key} is one of: {}", allowed.join(", ")),
                    };
                    self.error(
                        v,
                        format!("unknown {key} `{}` in {what}", v.get_ref()),
                        help,
                    );
                    allowed[0]
                }
            },
        }
    }

    fn sources(&mut self, raw: &RawMap, ids: &Ids) -> Vec<Source> {
        raw.sources
            .iter()
            .map(|(key, s)| {
                let what = format!("[source.{}]", key.get_ref());
                let s = s.get_ref();
                let kind = self.one_of(&s.kind, crate::map::model::SOURCE_KINDS, "kind", key, &what);
                let reliability = s.reliability.as_ref().and_then(|r| {
                    let value = r.get_ref();
                    match value.as_str() {
                        "A" | "B" | "C" | "D" | "E" | "F" => value.chars().next(),
                        _ => {
                            self.error(r, format!("reliability `{value}` is not on the Admiralty scale"), "write one letter from \"A\" (completely reliable) to \"F\" (cannot be judged)");
                            None
                        }
                    }
                });
                let credibility = s.credibility.as_ref().and_then(|c| match *c.get_ref() {
                    v @ 1..=6 => Some(v as u8),
                    v => {
                        self.error(c, format!("credibility {v} is not on the Admiralty scale"), "write a number from 1 (confirmed) to 6 (cannot be judged)");
                        None
                    }
                });
                let (iri, links) = self.links(&s.iri, &s.links);
                Source {
                    key: key.get_ref().clone(),
                    iri,
                    kind,
                    title: self.required(&s.title, "title", key, &what),
                    by: s.by.as_ref().and_then(|b| self.resolve(b, &ids.actors, "by", "actor")),
                    publisher: s.publisher.as_ref().and_then(|b| self.resolve(b, &ids.actors, "publisher", "actor")),
                    date: s.date.as_ref().and_then(|d| self.dated(d, s.date_inferred.as_ref())),
                    reliability,
                    credibility,
                    links,
                    note: s.note.as_ref().map(|n| n.get_ref().clone()),
                }
            })
            .collect()
    }

    fn events(&mut self, raw: &RawMap, ids: &Ids, anchoring: &Anchoring) -> Vec<Event> {
        raw.events
            .iter()
            .map(|(key, e)| {
                let what = format!("[event.{}]", key.get_ref());
                let e = e.get_ref();
                let date = match &e.date {
                    Some(d) => self.dated(d, e.date_inferred.as_ref()),
                    None => {
                        self.error(
                            key,
                            format!("{what} has no `date`"),
                            format!("add `date = \"…\"`; {DATE_HELP}"),
                        );
                        None
                    }
                };
                let (iri, links) = self.links(&e.iri, &e.links);
                Event {
                    key: key.get_ref().clone(),
                    iri,
                    text: self.required(&e.text, "text", key, &what),
                    date: date.unwrap_or(Dated {
                        date: Date::Single {
                            day: crate::map::date::Day::Year(0),
                            approximate: false,
                        },
                        inferred: false,
                    }),
                    actors: e
                        .actors
                        .iter()
                        .filter_map(|a| self.resolve(a, &ids.actors, "actors", "actor"))
                        .collect(),
                    quote: self.quote(&e.quote, &e.occurrence, anchoring),
                    links,
                    note: e.note.as_ref().map(|n| n.get_ref().clone()),
                }
            })
            .collect()
    }

    fn questions(&mut self, raw: &RawMap, anchoring: &Anchoring) -> Vec<Question> {
        raw.questions
            .iter()
            .map(|(key, q)| {
                let what = format!("[question.{}]", key.get_ref());
                let q = q.get_ref();
                let exclusive = match &q.exclusive {
                    Some(e) => *e.get_ref(),
                    None => {
                        self.error(key, format!("{what} has no `exclusive`"), "add `exclusive = true` when its hypotheses exclude each other, `exclusive = false` when they are complementary");
                        false
                    }
                };
                Question {
                    key: key.get_ref().clone(),
                    text: self.required(&q.text, "text", key, &what),
                    quote: self.quote(&q.quote, &q.occurrence, anchoring),
                    exclusive,
                    note: q.note.as_ref().map(|n| n.get_ref().clone()),
                }
            })
            .collect()
    }

    fn hedges(&mut self, raw: &RawMap) -> Vec<HedgeEntry> {
        raw.hedges
            .iter()
            .filter_map(|(term, h)| {
                let h = h.get_ref();
                let band = match (&h.low, &h.high) {
                    (None, None) => None,
                    (Some(low), Some(high)) => {
                        let (l, hi) = (*low.get_ref(), *high.get_ref());
                        if !(0..=100).contains(&l) || !(0..=100).contains(&hi) || l > hi {
                            self.error(low, format!("the band {l}–{hi} of hedge `{}` is not a range of percentages", term.get_ref()), "write 0 ≤ low ≤ high ≤ 100");
                            return None;
                        }
                        Some((l as u8, hi as u8))
                    }
                    _ => {
                        self.error(term, format!("hedge `{}` has only one end of its band", term.get_ref()), "give both `low` and `high`, or neither for a word that states no likelihood");
                        return None;
                    }
                };
                Some(HedgeEntry {
                    term: term.get_ref().to_lowercase(),
                    band,
                    scale: h.scale.as_ref().map_or("map".to_string(), |s| s.get_ref().clone()),
                })
            })
            .collect()
    }

    fn hedge(
        &mut self,
        hedge: &Option<Str>,
        map_entries: &[HedgeEntry],
        builtin: &[HedgeEntry],
    ) -> Option<Hedge> {
        let hedge = hedge.as_ref()?;
        match lookup(hedge.get_ref(), map_entries, builtin) {
            Some(entry) => Some(Hedge {
                text: hedge.get_ref().clone(),
                entry: entry.clone(),
            }),
            None => {
                self.error(
                    hedge,
                    format!("unknown hedge `{}`: no term of the hedge table occurs in it", hedge.get_ref()),
                    format!(
                        "use a term of ICD 203 or may/might/could/can, or define it in the map: [hedges.\"{}\"] with `low` and `high` (or neither, for a word that states no likelihood)",
                        hedge.get_ref()
                    ),
                );
                None
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn proposition(
        &mut self,
        kind: PropositionKind,
        key: &Str,
        p: &RawProposition,
        ids: &Ids,
        anchoring: &Anchoring,
        hedges: &[HedgeEntry],
        builtin: &[HedgeEntry],
    ) -> Proposition {
        let what = format!("[{}.{}]", kind.as_str(), key.get_ref());
        let status = match &p.status {
            None => {
                self.error(
                    key,
                    format!("{what} has no `status`"),
                    "add `status = ` \"reported\", \"observed\" or \"inference\"",
                );
                Status::Inference
            }
            Some(s) => match s.get_ref().as_str() {
                "reported" => Status::Reported,
                "observed" => Status::Observed,
                "inference" => Status::Inference,
                other => {
                    let help = match nearest(other, &["reported", "observed", "inference"]) {
                        Some(near) => format!(
                            "did you mean `{near}`? status is \"reported\", \"observed\" or \"inference\""
                        ),
                        None => "status is \"reported\", \"observed\" or \"inference\"".to_string(),
                    };
                    self.error(s, format!("unknown status `{other}`"), help);
                    Status::Inference
                }
            },
        };
        if status == Status::Reported && p.said_by.is_none() && p.source.is_none() {
            self.error(
                key,
                format!("{what} is reported, but says neither who said it nor where"),
                "add `said-by = \"<actor id>\"`, `source = \"<source id>\"`, or both",
            );
        }
        let mentions = p
            .mentions
            .iter()
            .filter_map(|m| {
                if let Some(&i) = ids.actors.get(m.get_ref()) {
                    return Some(Mention::Actor(i));
                }
                if let Some(&i) = ids.events.get(m.get_ref()) {
                    return Some(Mention::Event(i));
                }
                let mut known: Vec<&str> = ids.actors.keys().map(String::as_str).collect();
                known.extend(ids.events.keys().map(String::as_str));
                let help = match nearest(m.get_ref(), &known) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("define `[actor.{0}]` or `[event.{0}]`", m.get_ref()),
                };
                self.error(
                    m,
                    format!(
                        "`mentions` names `{}`, but there is no actor or event of that id",
                        m.get_ref()
                    ),
                    help,
                );
                None
            })
            .collect();
        Proposition {
            kind,
            key: key.get_ref().clone(),
            text: self.required(&p.text, "text", key, &what),
            quote: self.quote(&p.quote, &p.occurrence, anchoring),
            status,
            hedge: self.hedge(&p.hedge, hedges, builtin),
            said_by: p
                .said_by
                .as_ref()
                .and_then(|s| self.resolve(s, &ids.actors, "said-by", "actor")),
            source: p
                .source
                .as_ref()
                .and_then(|s| self.resolve(s, &ids.sources, "source", "source")),
            date: p
                .date
                .as_ref()
                .and_then(|d| self.dated(d, p.date_inferred.as_ref())),
            mentions,
            event: p
                .event
                .as_ref()
                .and_then(|e| self.resolve(e, &ids.events, "event", "event")),
            note: p.note.as_ref().map(|n| n.get_ref().clone()),
        }
    }

    fn relations(
        &mut self,
        from: usize,
        key: &Str,
        p: &RawProposition,
        ids: &Ids,
        relations: &mut Vec<Relation>,
    ) {
        let lists = [
            ("supports", &p.supports, RelationKind::Support, false),
            (
                "supports-strongly",
                &p.supports_strongly,
                RelationKind::Support,
                true,
            ),
            ("opposes", &p.opposes, RelationKind::Attack, false),
            (
                "opposes-strongly",
                &p.opposes_strongly,
                RelationKind::Attack,
                true,
            ),
        ];
        for (name, targets, kind, strong) in lists {
            for target in targets {
                if target.get_ref() == key.get_ref() {
                    let verb = if kind == RelationKind::Support {
                        "supports"
                    } else {
                        "opposes"
                    };
                    self.error(
                        target,
                        format!("`{}` {verb} itself", key.get_ref()),
                        format!("remove `{}` from `{name}`", key.get_ref()),
                    );
                    continue;
                }
                let Some(to) = self.resolve(
                    target,
                    &ids.propositions,
                    name,
                    "hypothesis, claim or evidence",
                ) else {
                    continue;
                };
                if relations
                    .iter()
                    .any(|r: &Relation| r.from == from && r.to == to)
                {
                    self.error(target, format!("`{}` is related to `{}` twice", key.get_ref(), target.get_ref()), "keep one of `supports`, `supports-strongly`, `opposes`, `opposes-strongly` for each target");
                    continue;
                }
                relations.push(Relation {
                    from,
                    to,
                    kind,
                    strong,
                });
            }
        }
    }

    /// Reports each cycle of support once, at the first edge that closes it.
    fn cycles(&mut self, raw: &RawMap, propositions: &[Proposition], relations: &[Relation]) {
        for path in crate::map::model::support_cycles(propositions.len(), relations) {
            let keys: Vec<&str> = path.iter().map(|&i| propositions[i].key.as_str()).collect();
            let message = format!("support cycle: {}", keys.join(" → "));
            let key = keys[keys.len() - 2];
            let target = keys[keys.len() - 1];
            let span = supports_span(raw, key, target);
            let position = span.map(|s| Position::of_byte(self.text, s));
            self.diagnostics.push(
                Diagnostic::error(self.path, position, message)
                    .with_help(format!("an argument cannot rest on itself: remove one support of the cycle, e.g. `{target}` from `{key}`'s supports")),
            );
        }
    }

    /// When at least two quotes and at least half of all are not in the
    /// text, says so once: the text has likely changed under the map.
    fn stale(&mut self, anchoring: &Anchoring, brief: &Str) {
        let missing = anchoring.missing.borrow();
        let total = anchoring.quotes.get();
        let empty = anchoring.text.is_some_and(|t| t.as_str().trim().is_empty());
        if missing.len() < 2 || missing.len() * 2 < total || empty {
            return;
        }
        let lines: Vec<String> = missing.iter().map(usize::to_string).collect();
        self.error(
            brief,
            format!(
                "{} of {total} quotes are not in {} (the quotes at lines {} of the map): has the text changed since the map was made?",
                missing.len(),
                anchoring.text_path.display(),
                lines.join(", ")
            ),
            "compare the text with the one the map was made from: put that text back, or update each stale quote",
        );
    }

    fn quote(
        &mut self,
        quote: &Option<Str>,
        occurrence: &Option<Spanned<i64>>,
        anchoring: &Anchoring,
    ) -> Option<Quote> {
        let quote = quote.as_ref()?;
        let text = anchoring.text?;
        let wanted = match occurrence {
            Some(o) if *o.get_ref() < 1 => {
                self.error(
                    o,
                    format!("occurrence {} is not a position", o.get_ref()),
                    "count occurrences from 1",
                );
                return None;
            }
            Some(o) => Some(*o.get_ref() as usize),
            None => None,
        };
        anchoring.quotes.set(anchoring.quotes.get() + 1);
        match text.find(quote.get_ref(), wanted) {
            Found::Anchored { anchor, count } => {
                if count > 1 && wanted.is_none() {
                    let position = self.at(quote);
                    self.diagnostics.push(
                        Diagnostic::warning(self.path, position, format!("the quote occurs {count} times in the text; the first is taken"))
                            .with_help("add `occurrence = n` to choose another, or lengthen the quote until it is unique"),
                    );
                }
                Some(Quote {
                    text: quote.get_ref().clone(),
                    anchor,
                })
            }
            Found::TooFew { count } => {
                let message = format!(
                    "the quote occurs {count} time{}, so there is no occurrence {}",
                    if count == 1 { "" } else { "s" },
                    wanted.unwrap_or(1)
                );
                let help = format!("write an occurrence from 1 to {count}");
                match occurrence {
                    Some(o) => self.error(o, message, help),
                    None => self.error(quote, message, help),
                }
                None
            }
            Found::Empty => {
                self.error(
                    quote,
                    "the quote is empty",
                    "write the brief's words, or remove `quote`",
                );
                None
            }
            Found::Missing { closest } => {
                if let Some(p) = self.at(quote) {
                    anchoring.missing.borrow_mut().push(p.line);
                }
                let help = match closest {
                    Some(c) => {
                        let p = Position::of_char(text.as_str(), c.start);
                        // A line of the passage none of whose words is in the
                        // quote (a page number, a running head), or more
                        // words than the quote has: furniture may interrupt it.
                        let words: std::collections::HashSet<&str> =
                            quote.get_ref().split_whitespace().collect();
                        let foreign_line = c.exact.lines().skip(1).any(|line| {
                            let mut w = line.split_whitespace().peekable();
                            w.peek().is_some() && w.all(|x| !words.contains(x))
                        });
                        let furniture = if foreign_line
                            || c.exact.split_whitespace().count()
                                > quote.get_ref().split_whitespace().count()
                        {
                            "\nif a running head or page number interrupts the quote there, list it in `furniture` in [brief]"
                        } else {
                            ""
                        };
                        format!(
                            "the closest passage is at {}:{}:{}: \"{}\"\ncopy the brief's words exactly, typos included{furniture}",
                            anchoring.text_path.display(),
                            p.line,
                            p.column,
                            c.exact.split_whitespace().collect::<Vec<_>>().join(" ")
                        )
                    }
                    None if text.as_str().trim().is_empty() => format!(
                        "{} is empty: put the brief's exact text in it",
                        anchoring.text_path.display()
                    ),
                    None => "copy the brief's words exactly, typos included".into(),
                };
                self.error(
                    quote,
                    format!(
                        "quote not found in {}: \"{}\"",
                        anchoring.text_path.display(),
                        quote.get_ref()
                    ),
                    help,
                );
                None
            }
        }
    }
}

struct Anchoring<'a> {
    text: Option<&'a Text<'a>>,
    text_path: &'a Path,
    /// How many quotes were looked for, and the lines of those not found:
    /// when most are missing, the text has likely changed under the map.
    quotes: std::cell::Cell<usize>,
    missing: std::cell::RefCell<Vec<usize>>,
}

/// The byte offset of `target` in the supports lists of `key`.
fn supports_span(raw: &RawMap, key: &str, target: &str) -> Option<usize> {
    raw.claims
        .iter()
        .chain(raw.evidence.iter())
        .filter(|(k, _)| k.get_ref() == key)
        .flat_map(|(_, p)| {
            p.get_ref()
                .supports
                .iter()
                .chain(p.get_ref().supports_strongly.iter())
        })
        .find(|t| t.get_ref() == target)
        .map(|t| t.span().start)
}

/// Whether `text`, which parses as an IRI, is a prefixed name written for
/// one (`wd:Q423`): its scheme is a prefix other knowledge bases use and
/// it has no `//`.
fn prefixed_name(text: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "wd", "wdt", "dbr", "dbo", "dbpedia", "schema", "skos", "rdfs", "owl", "foaf", "viaf",
        "isni", "orcid", "geonames", "gnd", "lcnaf", "ex", "arg",
    ];
    match text.split_once(':') {
        Some((scheme, rest)) => {
            PREFIXES.contains(&scheme.to_ascii_lowercase().as_str()) && !rest.starts_with("//")
        }
        None => false,
    }
}
