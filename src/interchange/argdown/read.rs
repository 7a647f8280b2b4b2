//! Reading an Argdown document into a map: each statement and argument a claim (with what its data block says), the relations, the sources cited, and the inference steps.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use super::{Document, Entry, Ref, RelationType, collapse_space, parse};
use crate::interchange::common::{self, claim, empty_map, make_hypothesis, warning};
use crate::map::check::Checked;
use crate::map::diagnostic::{Diagnostic, Position};
use crate::map::hedge::HedgeEntry;
use crate::map::model::*;

/// Reads Argdown `text` from `path` into a map with brief id `id`.
pub fn read(path: &Path, text: &str, id: &str) -> Checked {
    read_with(path, text, id, &[])
}

/// Reads Argdown `text` from `path` into a map with brief id `id`; a
/// statement or argument with one of `hypothesis_tags` (or of the tags the
/// frontmatter's `argmap: hypothesis-tags` names, or `#hypothesis`) is a
/// hypothesis.
pub fn read_with(path: &Path, text: &str, id: &str, hypothesis_tags: &[String]) -> Checked {
    let (doc, diagnostics) = parse(path, text);
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
    let mut reader = Reader {
        path,
        map: empty_map(path, id, &title, "Argdown"),
        diagnostics,
        index: BTreeMap::new(),
        hypotheses: Vec::new(),
        keys: BTreeSet::new(),
        builtin: crate::map::hedge::builtin_table(),
        hypothesis_tags: ["hypothesis".to_string()]
            .into_iter()
            .chain(hypothesis_tags.iter().cloned())
            .chain(doc.hypothesis_tags.iter().cloned())
            .collect(),
        source_index: HashMap::new(),
        rephrases: Vec::new(),
    };
    reader.sections(&doc);
    let refs = doc
        .statements
        .iter()
        .map(|t| Ref::Statement(t.clone()))
        .chain(doc.arguments.iter().map(|t| Ref::Argument(t.clone())));
    let no_entry = Entry::default();
    for r in refs {
        let entry = doc.entries.get(&r).unwrap_or(&no_entry);
        reader.proposition(r, entry);
    }
    reader.relations(&doc);
    reader.keep_cited_sources();
    reader.inferences(&doc);
    reader.structures(&doc);
    let Reader {
        mut map,
        diagnostics,
        hypotheses,
        ..
    } = reader;
    for h in hypotheses {
        make_hypothesis(&mut map, h);
    }
    Checked {
        map: Some(map),
        diagnostics,
    }
}

/// The map being built from a parsed document.
struct Reader<'a> {
    path: &'a Path,
    map: Map,
    diagnostics: Vec<Diagnostic>,
    /// The proposition of each statement and argument.
    index: BTreeMap<Ref, usize>,
    /// The propositions marked as hypotheses, made hypotheses once all are read.
    hypotheses: Vec<usize>,
    /// The proposition keys given so far, so that each is unique.
    keys: BTreeSet<String>,
    builtin: Vec<HedgeEntry>,
    /// The tags that mark a hypothesis.
    hypothesis_tags: BTreeSet<String>,
    /// Each source's index by its title, so that a source cited by many
    /// statements is found at once.
    source_index: HashMap<String, usize>,
    /// Each proposition whose data block says which statement it rephrases
    /// (an AIF MA node written as Argdown), with that statement's title.
    rephrases: Vec<(usize, String)>,
}

impl Reader<'_> {
    /// Adds the claim of statement or argument `r`, with its entry's data,
    /// tags and section.
    fn proposition(&mut self, r: Ref, entry: &Entry) {
        let title = r.title().to_string();
        let is_argument = r.is_argument();
        let key = slug(
            if is_argument { "a-" } else { "s-" },
            &title,
            &mut self.keys,
        );
        // A statement with no text of its own reads as its title, its white
        // space collapsed as in any text (the writer writes it so).
        let text = match &entry.text {
            Some(text) => without_trailing_tags(text, &entry.tags),
            None => collapse_space(&title),
        };
        let mut prop = claim(key, text);
        let i = self.map.propositions.len();
        for (k, v, at) in &entry.data {
            self.datum(i, &mut prop, k, v, *at);
        }
        if entry.tags.iter().any(|t| self.hypothesis_tags.contains(t)) {
            self.hypotheses.push(i);
        } else if entry.tags.iter().any(|t| t == "evidence") {
            // `#evidence` says what `kind: evidence` says.
            prop.kind = PropositionKind::Evidence;
        }
        let x = &mut self.map.interchange;
        for t in &entry.tags {
            x.annotations.push((i, "tag", t.clone()));
        }
        for block in entry.raw_data.iter().filter_map(|b| without_role(b)) {
            x.annotations.push((i, "data", block));
        }
        if let Some(s) = entry.section() {
            x.proposition_sections.push((i, s));
        }
        self.map.propositions.push(prop);
        self.map.interchange.proposition_ids.push(title);
        if is_argument {
            self.map.interchange.arguments.push(i);
        }
        self.index.insert(r, i);
    }

    /// Applies one key of a data block (at `at`) to `prop`, proposition `i`.
    /// A key argmap has no use for is left alone, as Argdown leaves it.
    fn datum(&mut self, i: usize, prop: &mut Proposition, key: &str, v: &str, at: Position) {
        let path = self.path;
        match key {
            "hedge" => match crate::map::hedge::lookup(v, &[], &self.builtin) {
                Some(e) => {
                    prop.hedge = Some(Hedge {
                        text: v.to_string(),
                        entry: e.clone(),
                    })
                }
                None => self.diagnostics.push(
                    Diagnostic::warning(
                        path,
                        Some(at),
                        format!("hedge `{v}` is not in the hedge table; left out"),
                    )
                    .with_help(
                        "use a word of the table, such as `likely`, `could` or `almost certainly`",
                    ),
                ),
            },
            "date" => match crate::map::date::parse_date(v) {
                Ok(date) => {
                    prop.date = Some(Dated {
                        date,
                        inferred: false,
                    })
                }
                Err(message) => self.diagnostics.push(
                    Diagnostic::error(path, Some(at), format!("date `{v}`: {message}")).with_help(
                        "write an EDTF date such as 2017-12-15 or 2017-12-05/2017-12-09",
                    ),
                ),
            },
            "status" => match v {
                "reported" => prop.status = Status::Reported,
                "observed" => prop.status = Status::Observed,
                "inference" => prop.status = Status::Inference,
                _ => self.diagnostics.push(
                    Diagnostic::error(path, Some(at), format!("status `{v}` is unknown"))
                        .with_help("status is `reported`, `observed` or `inference`"),
                ),
            },
            "note" => prop.note = Some(v.to_string()),
            "quote" => self
                .map
                .interchange
                .annotations
                .push((i, "unanchoredQuote", v.to_string())),
            "kind" if v == "hypothesis" => self.hypotheses.push(i),
            "kind" if v == "evidence" => prop.kind = PropositionKind::Evidence,
            "source" => prop.source = Some(self.source(v)),
            "rephrases" => self.rephrases.push((i, v.to_string())),
            _ => {}
        }
    }

    /// The index of the source titled `title`, added the first time.
    fn source(&mut self, title: &str) -> usize {
        if let Some(&s) = self.source_index.get(title) {
            return s;
        }
        let sources = &mut self.map.sources;
        self.source_index.insert(title.to_string(), sources.len());
        sources.push(Source {
            key: slug("", title, &mut BTreeSet::new()),
            iri: None,
            kind: "document",
            title: title.to_string(),
            by: None,
            publisher: None,
            date: None,
            reliability: None,
            credibility: None,
            links: Vec::new(),
            derived_from: Vec::new(),
            note: None,
            at: None,
        });
        sources.len() - 1
    }

    /// The document's relations: support and attack as argmap's own, the
    /// others (undercut, contradiction, contrariety, entailment) kept as
    /// interchange relations.
    fn relations(&mut self, doc: &Document) {
        let mut relations = BTreeSet::new();
        for rel in &doc.relations {
            let (Some(&f), Some(&t)) = (self.index.get(&rel.from), self.index.get(&rel.to)) else {
                continue;
            };
            if f == t {
                self.diagnostics.push(warning(
                    self.path,
                    format!(
                        "`{}` is related to itself; the relation is left out",
                        rel.from.title()
                    ),
                    "relate two different statements or arguments",
                ));
                continue;
            }
            let verb = match rel.kind {
                RelationType::Support => {
                    relations.insert((f, t, RelationKind::Support));
                    continue;
                }
                RelationType::Attack => {
                    relations.insert((f, t, RelationKind::Attack));
                    continue;
                }
                RelationType::Undercut => "undercuts",
                RelationType::Contradictory => "contradicts",
                RelationType::Contrary => "contraryTo",
                RelationType::Entails => "entails",
            };
            self.map.interchange.other_relations.push((f, t, verb));
        }
        for (f, title) in std::mem::take(&mut self.rephrases) {
            match self.index.get(&Ref::Statement(title.clone())) {
                Some(&t) if t != f => self.map.interchange.other_relations.push((f, t, "rephrases")),
                _ => self.diagnostics.push(warning(
                    self.path,
                    format!("`{title}`, which a data block says is rephrased, is no statement of the file; left out"),
                    "name the title of a statement of the file in `rephrases`",
                )),
            }
        }
        self.map.relations = common::relations(relations);
    }

    /// A statement given a second source keeps the last one; a source that
    /// no statement cites any more is not kept (Argdown could not write it).
    fn keep_cited_sources(&mut self) {
        let map = &mut self.map;
        let cited: BTreeSet<usize> = map.propositions.iter().filter_map(|p| p.source).collect();
        if cited.len() == map.sources.len() {
            return;
        }
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

    /// The document's headings as sections, and its frontmatter as written.
    fn sections(&mut self, doc: &Document) {
        let x = &mut self.map.interchange;
        x.sections = doc
            .sections
            .iter()
            .map(|s| SectionNode {
                title: s.title.clone(),
                level: s.level,
                parent: s.parent,
            })
            .collect();
        // Written even when empty, so that the export knows the brief came
        // from Argdown and writes back no frontmatter where it had none.
        let raw = doc.frontmatter.clone().unwrap_or_default();
        x.brief_annotations.push(("frontmatter", raw));
    }

    /// Each premise-conclusion structure with its numbered statements in
    /// order, each conclusion with the rule and data of the step it ends.
    fn structures(&mut self, doc: &Document) {
        let steps: HashMap<(&str, &str), &super::Inference> = doc
            .inferences
            .iter()
            .map(|s| ((s.argument.as_str(), s.conclusion.as_str()), s))
            .collect();
        for pcs in &doc.pcs {
            let Some(&argument) = self.index.get(&Ref::Argument(pcs.argument.clone())) else {
                continue;
            };
            let mut items = Vec::new();
            for (title, role) in &pcs.items {
                let Some(&statement) = self.index.get(&Ref::Statement(title.clone())) else {
                    continue;
                };
                let step = steps.get(&(pcs.argument.as_str(), title.as_str()));
                let concludes = *role != super::PcsRole::Premise;
                items.push(StructureItem {
                    statement,
                    role: role.as_str(),
                    rule: step.filter(|_| concludes).and_then(|s| s.rule.clone()),
                    data: step.filter(|_| concludes).and_then(|s| s.data.clone()),
                });
            }
            self.map
                .interchange
                .structures
                .push(Structure { argument, items });
        }
    }

    /// Each inference step of a premise-conclusion structure as an AIF
    /// inference node, its rule (if any) noted on the argument.
    ///
    /// Each premise of a step also supports its conclusion, as an AIF
    /// inference node's premises do, so that `trace` and `matrix` follow
    /// the argument from its premises to what it concludes.
    fn inferences(&mut self, doc: &Document) {
        let mut supports: BTreeSet<(usize, usize, RelationKind)> = self
            .map
            .relations
            .iter()
            .map(|r| (r.from, r.to, r.kind))
            .collect();
        for (n, step) in doc.inferences.iter().enumerate() {
            let lookup = |r: Ref| self.index.get(&r).copied();
            let Some(a) = lookup(Ref::Argument(step.argument.clone())) else {
                continue;
            };
            let premises: Vec<Endpoint> = step
                .premises
                .iter()
                .filter_map(|t| lookup(Ref::Statement(t.clone())).map(Endpoint::Proposition))
                .collect();
            let Some(c) = lookup(Ref::Statement(step.conclusion.clone())) else {
                continue;
            };
            for p in &premises {
                if let Endpoint::Proposition(p) = *p {
                    if p != c {
                        supports.insert((p, c, RelationKind::Support));
                    }
                }
            }
            let x = &mut self.map.interchange;
            x.schemes.push(SchemeNode {
                key: format!("{}-{}", self.map.propositions[a].key, n + 1),
                original_id: format!("{} / {}", step.argument, n + 1),
                kind: SchemeKind::Inference,
                text: step.rule.clone().unwrap_or_else(|| "inference".into()),
                scheme: step.rule.clone(),
                premises,
                conclusions: vec![Endpoint::Proposition(c)],
            });
            if let Some(rule) = &step.rule {
                x.annotations.push((a, "inferenceRule", rule.clone()));
            }
        }
        self.map.relations = common::relations(supports);
    }
}

/// `text` without the tags (of `tags`) it ends with. The tags are kept as
/// tags, and the writer writes them after the text: a text read, written
/// and read again stays the same. A tag inside the text stays in it.
fn without_trailing_tags(text: &str, tags: &[String]) -> String {
    let mut rest = text.trim_end();
    loop {
        let cut = if let Some(open) = rest.strip_suffix(')').and_then(|r| r.rfind("#(")) {
            let inner = &rest[open + 2..rest.len() - 1];
            tags.iter().any(|t| t == inner.trim()).then_some(open)
        } else {
            let start = rest.rfind(char::is_whitespace).map_or(0, |i| i + 1);
            rest[start..]
                .strip_prefix('#')
                .filter(|t| tags.iter().any(|tag| tag == t))
                .map(|_| start)
        };
        match cut {
            Some(at) if at > 0 => rest = rest[..at].trim_end(),
            _ => return rest.to_string(),
        }
    }
}

/// A data block as kept: without the role (`kind: …`) when it says it
/// last, and nothing when that is all it says. The role is kept as the
/// proposition's kind, and the writer says it again at the end of the
/// block, so that a block read, written and read again is kept the same.
fn without_role(block: &str) -> Option<String> {
    let is_role = |entry: &str| {
        let Some(value) = entry.trim().strip_prefix("kind:") else {
            return false;
        };
        let value = value.trim().trim_matches('"');
        ["hypothesis", "evidence", "claim"].contains(&value)
    };
    let trimmed = block.trim_end();
    let Some(inner) = trimmed.strip_suffix('}') else {
        return Some(block.to_string());
    };
    match inner.rfind(',') {
        Some(comma) if is_role(&inner[comma + 1..]) => Some(format!("{}}}", &inner[..comma])),
        None if is_role(inner.trim_start().trim_start_matches('{')) => None,
        _ => Some(block.to_string()),
    }
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
