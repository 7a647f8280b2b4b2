//! Linting a map for estimative language and sourcing: findings that `check` lets pass but an analyst should look at.
//!
//! [`lint_map`] runs on a map that checks clean (it returns `check`'s own
//! problems otherwise) and reports, as warnings with a place and a fix:
//! hedges that no published scale defines, hypotheses with no hedge, a
//! likelihood term and a confidence term in one sentence of the brief (ICD
//! 203 forbids it), a hypothesis's hedge that its own quote contradicts,
//! evidence with no source, sources never cited, reported statements with
//! no speaker, and "observed" items whose quote hedges.

use std::collections::BTreeSet;
use std::path::Path;

use crate::map::check::{MapFiles, check_map};
use crate::map::diagnostic::{Diagnostic, Position};
use crate::map::hedge::{HedgeEntry, builtin_table, contains_words, normalise};
use crate::map::model::{Map, Status};
use crate::map::parse::{RawMap, RawProposition, Str, parse_map};

/// Words that mark an inference, not an observation, when a quote carries them.
pub const INFERENCE_MARKERS: &[&str] = &[
    "seems",
    "seem",
    "seemed",
    "appears to",
    "apparently",
    "must have",
    "implying",
    "implies",
    "suggests",
    "suggesting",
    "presumably",
    "probably",
    "likely",
];

/// Words that state confidence in ICD 203's sense.
pub const CONFIDENCE_TERMS: &[&str] = &[
    "high confidence",
    "moderate confidence",
    "low confidence",
    "confidence",
    "confident",
    "confidently",
];

/// Lints the map at `path`: `check`'s problems when it does not check clean, else the findings.
pub fn lint_map(path: &Path, files: &dyn MapFiles) -> Vec<Diagnostic> {
    let checked = check_map(path, files);
    let Some(map) = checked.map else {
        return checked.diagnostics;
    };
    let Ok(text) = files.read(path) else {
        return checked.diagnostics;
    };
    let (Some(raw), _) = parse_map(path, &text) else {
        return checked.diagnostics;
    };
    let mut lint = Lint {
        path,
        text: &text,
        map: &map,
        findings: Vec::new(),
    };
    lint.hedges(&raw);
    lint.brief_sentences(&raw);
    lint.sourcing(&raw);
    lint.observed_with_hedge(&raw);
    let mut findings = lint.findings;
    findings.sort_by(|a, b| (&a.file, a.position).cmp(&(&b.file, b.position)));
    findings
}

struct Lint<'a> {
    path: &'a Path,
    text: &'a str,
    map: &'a Map,
    findings: Vec<Diagnostic>,
}

impl Lint<'_> {
    fn warn<T>(&mut self, at: &toml::Spanned<T>, message: String, help: String) {
        let position = Some(Position::of_byte(self.text, at.span().start));
        self.findings
            .push(Diagnostic::warning(self.path, position, message).with_help(help));
    }

    /// The table of hedges this map uses: its own entries, then the built-in ones.
    fn table(&self) -> Vec<HedgeEntry> {
        let mut entries: Vec<HedgeEntry> = Vec::new();
        for p in &self.map.propositions {
            if let Some(h) = &p.hedge {
                if h.entry.scale == "map" && !entries.contains(&h.entry) {
                    entries.push(h.entry.clone());
                }
            }
        }
        entries.extend(builtin_table());
        entries
    }

    fn hedges(&mut self, raw: &RawMap) {
        let table = self.table();
        for (key, h) in &raw.hypotheses {
            let h = h.get_ref();
            let Some(i) = self.map.proposition(key.get_ref()) else {
                continue;
            };
            let p = &self.map.propositions[i];
            match (&h.hedge, &p.hedge) {
                (None, _) => self.warn(
                    key,
                    format!("hypothesis `{}` records no hedge", key.get_ref()),
                    "record how likely the author holds it, in the author's words: `hedge = \"…\"` (e.g. \"could be\", \"would probably\")".into(),
                ),
                (Some(span), Some(hedge)) => {
                    self.unscaled(span, &hedge.entry);
                    let Some(quote) = &p.quote else { continue };
                    let words = normalise(&quote.text);
                    if contains_words(&words, &normalise(&hedge.entry.term)) {
                        continue;
                    }
                    let said = table
                        .iter()
                        .filter(|e| contains_words(&words, &normalise(&e.term)))
                        .max_by_key(|e| e.term.len());
                    if let Some(said) = said {
                        self.warn(
                            span,
                            format!(
                                "hypothesis `{}` records the hedge `{}`, but its quote says `{}`",
                                key.get_ref(),
                                hedge.text,
                                said.term
                            ),
                            format!(
                                "record the quote's own hedge (`hedge = \"{}\"`), or quote the passage where the author says `{}`",
                                said.term, hedge.entry.term
                            ),
                        );
                    }
                }
                _ => {}
            }
        }
        for (key, p) in raw.claims.iter().chain(raw.evidence.iter()) {
            let Some(span) = &p.get_ref().hedge else {
                continue;
            };
            let Some(i) = self.map.proposition(key.get_ref()) else {
                continue;
            };
            if let Some(hedge) = &self.map.propositions[i].hedge {
                let entry = hedge.entry.clone();
                self.unscaled(span, &entry);
            }
        }
    }

    /// A hedge matched only by the map's own entry, which names no scale.
    fn unscaled(&mut self, span: &Str, entry: &HedgeEntry) {
        if entry.scale != "map" {
            return;
        }
        self.warn(
            span,
            format!(
                "the hedge `{}` is on no published scale: only this map defines `{}`",
                span.get_ref(),
                entry.term
            ),
            format!(
                "use a term of ICD 203 (e.g. \"likely\", \"unlikely\") where the author's words allow, or name the source of the band with `scale` in [hedges.\"{}\"]",
                entry.term
            ),
        );
    }

    /// ICD 203: likelihood and confidence are never stated in one sentence.
    fn brief_sentences(&mut self, raw: &RawMap) {
        let source = raw
            .brief
            .as_ref()
            .and_then(|b| b.get_ref().source.as_ref())
            .map_or("brief.txt", |s| s.get_ref().as_str());
        let brief_path = self.path.parent().unwrap_or(Path::new("")).join(source);
        let likelihood: Vec<HedgeEntry> = self
            .table()
            .into_iter()
            .filter(|e| e.band.is_some())
            .collect();
        let text = self.map.text.as_str();
        for (start, end) in sentences(text) {
            let sentence = &text[start..end];
            let words = normalise(sentence);
            let found = |terms: &mut dyn Iterator<Item = &str>| {
                terms
                    .filter(|t| contains_words(&words, &normalise(t)))
                    .max_by_key(|t| t.len())
                    .map(str::to_string)
            };
            let Some(confidence) = found(&mut CONFIDENCE_TERMS.iter().copied()) else {
                continue;
            };
            let Some(likely) = found(&mut likelihood.iter().map(|e| e.term.as_str())) else {
                continue;
            };
            self.findings.push(
                Diagnostic::warning(
                    &brief_path,
                    Some(Position::of_byte(text, start)),
                    format!(
                        "this sentence states a likelihood (`{likely}`) and a confidence (`{confidence}`) together, which ICD 203 forbids"
                    ),
                )
                .with_help(
                    "ICD 203 keeps likelihood and confidence in separate sentences; in the map, record the hedge with `hedge` and the confidence with `confidence` of the hypothesis, and note the mix in `note`",
                ),
            );
        }
    }

    fn sourcing(&mut self, raw: &RawMap) {
        let mut cited: BTreeSet<&str> = BTreeSet::new();
        for (_, p) in raw.claims.iter().chain(raw.evidence.iter()) {
            if let Some(s) = &p.get_ref().source {
                cited.insert(s.get_ref());
            }
        }
        for (key, p) in &raw.evidence {
            let p: &RawProposition = p.get_ref();
            let status = self.status(key);
            if p.source.is_none() && status != Some(Status::Inference) {
                self.warn(
                    key,
                    format!("evidence `{}` names no source", key.get_ref()),
                    "add `source = \"<source id>\"` and grade the source (`reliability`, `credibility`); `argmap matrix` weighs an item with no source as ungraded (F6)".into(),
                );
            }
        }
        for (key, p) in raw.claims.iter().chain(raw.evidence.iter()) {
            if self.status(key) == Some(Status::Reported) && p.get_ref().said_by.is_none() {
                self.warn(
                    key,
                    format!(
                        "`{}` is reported, but names no speaker",
                        key.get_ref()
                    ),
                    "add `said-by = \"<actor id>\"`: who made the statement, apart from where it was reported".into(),
                );
            }
        }
        for (key, _) in &raw.sources {
            if !cited.contains(key.get_ref().as_str()) {
                self.warn(
                    key,
                    format!("source `{}` is never cited", key.get_ref()),
                    format!(
                        "cite it from the claims or evidence it backs with `source = \"{}\"`, or remove it",
                        key.get_ref()
                    ),
                );
            }
        }
    }

    fn status(&self, key: &Str) -> Option<Status> {
        self.map
            .proposition(key.get_ref())
            .map(|i| self.map.propositions[i].status)
    }

    /// An observed fact is not hedged: a hedge in its quote marks an inference.
    fn observed_with_hedge(&mut self, raw: &RawMap) {
        for (key, p) in raw.claims.iter().chain(raw.evidence.iter()) {
            let Some(i) = self.map.proposition(key.get_ref()) else {
                continue;
            };
            let node = &self.map.propositions[i];
            if node.status != Status::Observed {
                continue;
            }
            let Some(quote) = &node.quote else { continue };
            let words = normalise(&quote.text);
            let Some(marker) = INFERENCE_MARKERS
                .iter()
                .filter(|m| contains_words(&words, &normalise(m)))
                .max_by_key(|m| m.len())
            else {
                continue;
            };
            let Some(status) = &p.get_ref().status else {
                continue;
            };
            self.warn(
                status,
                format!(
                    "`{}` is marked observed, but its quote hedges (`{marker}`): the author infers it",
                    key.get_ref()
                ),
                format!(
                    "mark it `status = \"inference\"` and record the author's hedge (`hedge = \"{marker}\"`, under `[hedges]` when no scale defines it), or quote the passage that states the fact plainly"
                ),
            );
        }
    }
}

/// The sentences of `text` as byte ranges: ended by `.`, `?` or `!` before
/// white space, or by a blank line.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if start.is_none() && !c.is_whitespace() {
            start = Some(i);
        }
        let next = chars.peek().map(|(_, n)| *n);
        let ends = matches!(c, '.' | '?' | '!') && next.is_none_or(char::is_whitespace);
        let blank_line = c == '\n' && next == Some('\n');
        if let Some(s) = start {
            if ends {
                out.push((s, i + c.len_utf8()));
                start = None;
            } else if blank_line {
                out.push((s, i));
                start = None;
            }
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_stops_and_blank_lines() {
        let text = "One is likely. Two?\n\nThree";
        let got: Vec<&str> = sentences(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(got, ["One is likely.", "Two?", "Three"]);
    }
}
