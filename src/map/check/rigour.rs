//! The tables of analytic rigour: where sources got their information (`derived-from`), `[assumption.<id>]` and `[indicator.<id>]` with its SPARQL ASK.

use std::collections::HashMap;

use super::Checker;
use super::ids::Ids;
use super::quotes::Anchoring;
use crate::map::date::DATE_HELP;
use crate::map::diagnostic::{Diagnostic, Position};
use crate::map::model::{
    ASSUMPTION_CONFIDENCES, Assumption, INDICATOR_DIRECTIONS, Indicator, Origin, Proposition,
    PropositionKind, Source,
};
use crate::map::parse::{RawMap, Str};

/// The deepest nesting of brackets an ASK may have before it is parsed,
/// because the parser's recursion follows it (the query layer's limit).
const MAX_ASK_DEPTH: usize = 128;

impl Checker<'_> {
    /// A source's `derived-from`: each id names a source or an actor. An id
    /// that names both is written `source:<id>` or `actor:<id>`.
    pub(super) fn derived_from(&mut self, list: &[Str], ids: &Ids, what: &str) -> Vec<Origin> {
        let mut origins = Vec::new();
        for reference in list {
            let value = reference.get_ref();
            let (kind, id) = match value.split_once(':') {
                Some((kind @ ("source" | "actor"), id)) => (Some(kind), id),
                _ => (None, value.as_str()),
            };
            let source = ids.sources.get(id).copied();
            let actor = ids.actors.get(id).copied();
            let origin = match (kind, source, actor) {
                (Some("source"), Some(s), _) | (None, Some(s), None) => Some(Origin::Source(s)),
                (Some("actor"), _, Some(a)) | (None, None, Some(a)) => Some(Origin::Actor(a)),
                (None, Some(_), Some(_)) => {
                    self.error(
                        reference,
                        format!("`derived-from` of {what} names `{id}`, which is both a source and an actor"),
                        format!("write `source:{id}` or `actor:{id}` to say which"),
                    );
                    None
                }
                _ => {
                    let mut known: Vec<&str> = ids.sources.keys().map(String::as_str).collect();
                    known.extend(ids.actors.keys().map(String::as_str));
                    let help = match crate::map::diagnostic::nearest(id, &known) {
                        Some(near) => format!(
                            "did you mean `{near}`? `derived-from` names sources and actors of this map"
                        ),
                        None => format!(
                            "define `[source.{id}]` or `[actor.{id}]`, or name an existing source or actor"
                        ),
                    };
                    self.error(
                        reference,
                        format!("`derived-from` of {what} names `{value}`, but there is no source or actor of that id"),
                        help,
                    );
                    None
                }
            };
            origins.extend(origin);
        }
        origins
    }

    /// Reports a source that is derived, through other sources, from itself:
    /// its information would have no origin.
    pub(super) fn derivation_cycles(&mut self, raw: &RawMap, sources: &[Source]) {
        for (start, (key, _)) in raw.sources.iter().enumerate() {
            let mut path = vec![start];
            let mut current = start;
            // Follow the first derivation that leads back, depth first.
            if let Some(cycle) = cycle_from(sources, start, &mut path, &mut current) {
                if cycle[0] != start || cycle.iter().skip(1).any(|&i| i < start) {
                    continue;
                }
                let keys: Vec<&str> = cycle.iter().map(|&i| sources[i].key.as_str()).collect();
                self.error(
                    key,
                    format!(
                        "[source.{}] is derived from itself: {} → {}",
                        keys[0],
                        keys.join(" → "),
                        keys[0]
                    ),
                    "a source cannot be its own origin: remove one `derived-from` of the cycle",
                );
            }
        }
    }

    /// `[assumption.<id>]`: what it says, what rests on it, how solid it is,
    /// and the indicators that would invalidate it.
    pub(super) fn assumptions(
        &mut self,
        raw: &RawMap,
        ids: &Ids,
        anchoring: &Anchoring,
    ) -> Vec<Assumption> {
        let indicators: HashMap<String, usize> = raw
            .indicators
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.get_ref().clone(), i))
            .collect();
        raw.assumptions
            .iter()
            .map(|(key, a)| {
                self.slug(key, "assumption");
                let what = format!("[assumption.{}]", key.get_ref());
                let a = a.get_ref();
                let text = self.required(&a.text, "text", key, &what);
                let quote = self.quote(&a.quote, &a.occurrence, anchoring);
                if a.supports.is_empty() {
                    self.error(
                        key,
                        format!("{what} supports nothing"),
                        "add `supports = [\"…\"]`: the hypotheses or claims that rest on the assumption",
                    );
                }
                let supports = a
                    .supports
                    .iter()
                    .filter_map(|s| self.resolve(s, &ids.propositions, "supports", "hypothesis, claim or evidence"))
                    .collect();
                let confidence =
                    self.one_of(&a.confidence, ASSUMPTION_CONFIDENCES, "confidence", key, &what);
                let invalidated_by = a
                    .invalidated_by
                    .iter()
                    .filter_map(|s| self.resolve(s, &indicators, "invalidated-by", "indicator"))
                    .collect();
                Assumption {
                    key: key.get_ref().clone(),
                    text,
                    quote,
                    supports,
                    confidence,
                    invalidated_by,
                    note: a.note.as_ref().map(|n| n.get_ref().clone()),
                }
            })
            .collect()
    }

    /// `[indicator.<id>]`: the hypothesis it bears on, its direction, when
    /// it is expected, and an ASK that parses.
    pub(super) fn indicators(
        &mut self,
        raw: &RawMap,
        ids: &Ids,
        propositions: &[Proposition],
    ) -> Vec<Indicator> {
        raw.indicators
            .iter()
            .map(|(key, i)| {
                self.slug(key, "indicator");
                let what = format!("[indicator.{}]", key.get_ref());
                let i = i.get_ref();
                let hypothesis = match &i.hypothesis {
                    None => {
                        self.error(key, format!("{what} has no `hypothesis`"), "add `hypothesis = \"…\"`: the id of the hypothesis it bears on");
                        None
                    }
                    Some(h) => self.resolve(h, &ids.propositions, "hypothesis", "hypothesis").filter(|&p| {
                        let is_hypothesis = matches!(propositions.get(p).map(|p| p.kind), Some(PropositionKind::Hypothesis { .. }) | None);
                        if !is_hypothesis {
                            self.error(h, format!("`hypothesis` of {what} names `{}`, which is not a hypothesis", h.get_ref()), "an indicator bears on a hypothesis: name one of the map's `[hypothesis.<id>]`");
                        }
                        is_hypothesis
                    }),
                };
                let direction = self.one_of(&i.direction, INDICATOR_DIRECTIONS, "direction", key, &what);
                let expected_by = i.expected_by.as_ref().and_then(|d| {
                    crate::map::date::parse_date(d.get_ref())
                        .map_err(|e| self.error(d, format!("bad `expected-by` date: {e}"), DATE_HELP))
                        .ok()
                });
                let ask = self.required(&i.ask, "ask", key, &what);
                if let Some(value) = &i.ask {
                    self.ask(value, &what);
                }
                Indicator {
                    key: key.get_ref().clone(),
                    hypothesis: hypothesis.unwrap_or(0),
                    direction,
                    expected_by,
                    ask,
                    text: i.text.as_ref().map(|t| t.get_ref().clone()),
                    note: i.note.as_ref().map(|n| n.get_ref().clone()),
                    at: i.ask.as_ref().map(|a| Position::of_byte(self.text, a.span().start)),
                }
            })
            .collect()
    }

    /// Reports an `ask` that is not a SPARQL ASK query, at the place in
    /// `map.toml` where the parser stopped when that can be told.
    fn ask(&mut self, value: &Str, what: &str) {
        let query = value.get_ref();
        if query.trim().is_empty() {
            return;
        }
        if nesting_depth(query) > MAX_ASK_DEPTH {
            self.error(
                value,
                format!("the `ask` of {what} nests deeper than {MAX_ASK_DEPTH} brackets"),
                "write a flatter query",
            );
            return;
        }
        match spargebra::SparqlParser::new().parse_query(query) {
            Ok(spargebra::Query::Ask { .. }) => {}
            Ok(other) => {
                let form = match other {
                    spargebra::Query::Select { .. } => "SELECT",
                    spargebra::Query::Construct { .. } => "CONSTRUCT",
                    _ => "DESCRIBE",
                };
                self.error(
                    value,
                    format!("the `ask` of {what} is a {form} query, not an ASK"),
                    "write `ASK { … }`: it answers whether the sign is in the store",
                );
            }
            Err(e) => {
                let message = e.to_string();
                let (place, said) = split_place(&message);
                let position = place
                    .and_then(|(line, column)| self.place_in_value(value, line, column))
                    .unwrap_or_else(|| Position::of_byte(self.text, value.span().start));
                let said = match said.find("expected one of") {
                    Some(cut) if cut > 0 => {
                        said[..cut].trim_end_matches([',', ' ', ';']).to_string()
                    }
                    Some(_) => "unexpected text".to_string(),
                    None => said.to_string(),
                };
                self.diagnostics.push(
                    Diagnostic::error(
                        self.path,
                        Some(position),
                        format!("the `ask` of {what} is not valid SPARQL: {said}"),
                    )
                    .with_help("write a SPARQL 1.1 ASK query, with a PREFIX for every prefix it uses; `argmap query` can try it on the store"),
                );
            }
        }
    }

    /// The place in `map.toml` of `line`:`column` (from 1) of a string
    /// value, when the file writes the value as it is (no escapes).
    fn place_in_value(&self, value: &Str, line: usize, column: usize) -> Option<Position> {
        let span = value.span();
        let raw = self.text.get(span.clone())?;
        let delimiter = if raw.starts_with("'''") || raw.starts_with("\"\"\"") {
            3
        } else {
            1
        };
        let mut body_start = span.start + delimiter;
        let body = self.text.get(body_start..span.end)?;
        let body = match body
            .strip_prefix("\r\n")
            .or_else(|| body.strip_prefix('\n'))
        {
            Some(rest) if delimiter == 3 => {
                body_start += body.len() - rest.len();
                rest
            }
            _ => body,
        };
        let query = value.get_ref();
        if !body.starts_with(query.as_str()) {
            return None;
        }
        let line_start: usize = query
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum();
        let in_line: usize = query[line_start..]
            .chars()
            .take(column.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        Some(Position::of_byte(
            self.text,
            body_start + line_start + in_line,
        ))
    }
}

/// A cycle of derivations through `current`, as the sources met.
fn cycle_from(
    sources: &[Source],
    start: usize,
    path: &mut Vec<usize>,
    current: &mut usize,
) -> Option<Vec<usize>> {
    for origin in &sources[*current].derived_from {
        let Origin::Source(next) = *origin else {
            continue;
        };
        if next == start {
            return Some(path.clone());
        }
        if path.contains(&next) {
            continue;
        }
        path.push(next);
        let mut at = next;
        if let Some(cycle) = cycle_from(sources, start, path, &mut at) {
            return Some(cycle);
        }
        path.pop();
    }
    None
}

/// The `line:column` a parser's message starts with (`error at 3:14: …`),
/// and the rest.
fn split_place(message: &str) -> (Option<(usize, usize)>, &str) {
    let Some(rest) = message.strip_prefix("error at ") else {
        return (None, message);
    };
    let Some((at, said)) = rest.split_once(": ") else {
        return (None, message);
    };
    let place = at
        .split_once(':')
        .and_then(|(l, c)| Some((l.parse().ok()?, c.parse().ok()?)));
    (place, said)
}

/// The deepest nesting of brackets in `text`, counted without parsing.
fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            '(' | '{' | '[' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' | '}' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}
