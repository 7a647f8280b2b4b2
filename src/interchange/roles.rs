//! Which propositions of an imported map are hypotheses and which evidence, and whether the hypotheses exclude each other: said by the user (options, a roles file) or inferred from the map's structure, with a note for each inference.
//!
//! An AIF or Argdown map made by another tool rarely says which of its
//! propositions are the rival answers and which the evidence, yet `matrix`
//! needs both. The user may say it ([`Roles`], from `import`'s options or a
//! roles file `<file>.argmap.toml` read by [`read_roles_file`]); what is not
//! said is inferred where the structure makes it clear ([`apply`]):
//!
//! - hypotheses: the conclusions of inference nodes whose scheme is named
//!   like "Evidence to Hypothesis"; failing that, when there are at least
//!   two, the propositions that are concluded and never a premise of a
//!   support (the tops of the map);
//! - evidence: the leaves (supported by nothing) from which a support or
//!   attack leads to a hypothesis;
//! - exclusive: when two hypotheses conflict, or the schemes are named for
//!   competing hypotheses.
//!
//! Every step is linear in the size of the map.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use crate::interchange::common::make_hypothesis;
use crate::map::diagnostic::{Diagnostic, Position, nearest};
use crate::map::model::{Map, PropositionKind, RelationKind, SchemeKind};
use crate::map::parse::{Str, parse_roles};

/// One name the user gave: an id of the file (AIF `nodeID`, Argdown
/// title), a proposition's key, or a tag; and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub name: String,
    /// The roles file and position it was written at; `None` for an option
    /// on the command line.
    pub at: Option<(PathBuf, Position)>,
}

impl Named {
    /// A name given on the command line.
    pub fn option(name: &str) -> Named {
        Named {
            name: name.to_string(),
            at: None,
        }
    }
}

/// What the user says about an imported map's roles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roles {
    /// Hypotheses, by id or key.
    pub hypotheses: Vec<Named>,
    /// Tags that mark hypotheses (with or without the leading `#`).
    pub hypothesis_tags: Vec<Named>,
    /// Evidence, by id or key.
    pub evidence: Vec<Named>,
    /// Whether the hypotheses exclude each other; `None` leaves it to the
    /// file or to inference.
    pub exclusive: Option<bool>,
    /// The question the hypotheses answer.
    pub question: Option<String>,
}

impl Roles {
    /// These roles with `more` added: `more`'s lists after these, and its
    /// exclusivity and question, where it gives them, in place of these.
    pub fn and(mut self, more: Roles) -> Roles {
        self.hypotheses.extend(more.hypotheses);
        self.hypothesis_tags.extend(more.hypothesis_tags);
        self.evidence.extend(more.evidence);
        self.exclusive = more.exclusive.or(self.exclusive);
        self.question = more.question.or(self.question);
        self
    }

    /// Whether the user says nothing.
    pub fn is_empty(&self) -> bool {
        *self == Roles::default()
    }
}

/// The roles file for an imported `file`: `<file>.argmap.toml` beside it.
pub fn roles_file_for(file: &Path) -> PathBuf {
    let mut name = file.file_name().unwrap_or_default().to_os_string();
    name.push(".argmap.toml");
    file.with_file_name(name)
}

/// Reads the roles file `text` at `path`, or says what is wrong with it.
pub fn read_roles_file(path: &Path, text: &str) -> Result<Roles, Vec<Diagnostic>> {
    let (raw, problems) = parse_roles(path, text);
    let raw = match raw {
        Some(raw) if problems.is_empty() => raw,
        _ => return Err(problems),
    };
    let named = |list: Option<Vec<Str>>| -> Vec<Named> {
        list.unwrap_or_default()
            .into_iter()
            .map(|s| Named {
                at: Some((path.to_path_buf(), Position::of_byte(text, s.span().start))),
                name: s.into_inner(),
            })
            .collect()
    };
    Ok(Roles {
        hypotheses: named(raw.hypotheses),
        hypothesis_tags: named(raw.hypothesis_tags),
        evidence: named(raw.evidence),
        exclusive: raw.exclusive.map(|e| *e.get_ref()),
        question: raw.question.map(|q| q.into_inner()),
    })
}

/// Gives the propositions of `map`, imported from `path`, the roles the
/// user says and those the structure makes clear. Returns an error for
/// each name that matches nothing, and a note for each inference.
pub fn apply(path: &Path, map: &mut Map, roles: &Roles) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let lookup = Lookup::new(map);
    let said_hypotheses = lookup.resolve(path, &roles.hypotheses, "hypothesis", &mut out);
    let tagged = lookup.tagged(path, &roles.hypothesis_tags, &mut out);
    let said_evidence = lookup.resolve(path, &roles.evidence, "evidence", &mut out);
    if out.iter().any(Diagnostic::is_error) {
        return out;
    }
    for &p in said_hypotheses.iter().chain(&tagged) {
        if !is_hypothesis(map, p) {
            make_hypothesis(map, p);
        }
    }
    let mut rivals_by_scheme = false;
    if !(0..map.propositions.len()).any(|p| is_hypothesis(map, p)) {
        rivals_by_scheme = infer_hypotheses(path, map, &mut out);
    }
    for &p in &said_evidence {
        if is_hypothesis(map, p) {
            out.push(
                Diagnostic::error(
                    path,
                    None,
                    format!(
                        "`{}` is named both a hypothesis and evidence",
                        lookup.name(map, p)
                    ),
                )
                .with_help("leave it out of one of the two lists"),
            );
            continue;
        }
        map.propositions[p].kind = PropositionKind::Evidence;
    }
    if said_evidence.is_empty() {
        infer_evidence(path, map, &mut out);
    }
    if let Some(question) = map.questions.first_mut() {
        if let Some(text) = &roles.question {
            question.text = text.clone();
        }
    }
    match roles.exclusive {
        Some(exclusive) => map
            .questions
            .iter_mut()
            .for_each(|q| q.exclusive = exclusive),
        None => infer_exclusive(path, map, rivals_by_scheme, &mut out),
    }
    out
}

fn is_hypothesis(map: &Map, p: usize) -> bool {
    matches!(map.propositions[p].kind, PropositionKind::Hypothesis { .. })
}

/// The propositions by the names a user may give them: the file's ids, the
/// keys, and the tags.
struct Lookup {
    by_name: HashMap<String, usize>,
    by_tag: HashMap<String, Vec<usize>>,
}

impl Lookup {
    fn new(map: &Map) -> Lookup {
        let mut by_name = HashMap::new();
        for (p, id) in map.interchange.proposition_ids.iter().enumerate() {
            by_name.entry(id.clone()).or_insert(p);
        }
        for (p, prop) in map.propositions.iter().enumerate() {
            by_name.entry(prop.key.clone()).or_insert(p);
        }
        let mut by_tag: HashMap<String, Vec<usize>> = HashMap::new();
        for (p, property, value) in &map.interchange.annotations {
            if *property == "tag" {
                by_tag
                    .entry(bare_tag(value).to_string())
                    .or_default()
                    .push(*p);
            }
        }
        Lookup { by_name, by_tag }
    }

    /// The file's id of proposition `p`, or its key.
    fn name<'m>(&self, map: &'m Map, p: usize) -> &'m str {
        map.interchange
            .proposition_ids
            .get(p)
            .unwrap_or(&map.propositions[p].key)
    }

    /// The propositions `names` name, and an error for each that names none.
    fn resolve(
        &self,
        path: &Path,
        names: &[Named],
        role: &str,
        out: &mut Vec<Diagnostic>,
    ) -> Vec<usize> {
        let mut found = Vec::new();
        for n in names {
            match self.by_name.get(&n.name) {
                Some(&p) => found.push(p),
                None => out.push(not_found(path, n, role, self.by_name.keys())),
            }
        }
        found
    }

    /// The propositions that carry one of `tags`, and an error for each tag
    /// no proposition carries.
    fn tagged(&self, path: &Path, tags: &[Named], out: &mut Vec<Diagnostic>) -> Vec<usize> {
        let mut found = Vec::new();
        for t in tags {
            match self.by_tag.get(bare_tag(&t.name)) {
                Some(ps) => found.extend(ps),
                None => out.push(not_found(path, t, "hypothesis tag", self.by_tag.keys())),
            }
        }
        found
    }
}

/// A tag without its leading `#`.
fn bare_tag(tag: &str) -> &str {
    tag.trim().trim_start_matches('#')
}

/// The error for a name that matches nothing, at the place it was written.
fn not_found<'a>(
    path: &Path,
    n: &Named,
    role: &str,
    known: impl Iterator<Item = &'a String>,
) -> Diagnostic {
    // Sorted, so that among names equally near the same one is offered each time.
    let mut known: Vec<&str> = known.map(String::as_str).collect();
    known.sort_unstable();
    let help = match nearest(&n.name, &known) {
        Some(near) => {
            format!("did you mean `{near}`? Name a node by its id in the file or its key")
        }
        None => "name a node by its id in the file (an AIF nodeID, an Argdown title) or its key"
            .to_string(),
    };
    let (file, position, given) = match &n.at {
        Some((file, position)) => (file.as_path(), Some(*position), ""),
        None => (path, None, " (given on the command line)"),
    };
    Diagnostic::error(
        file,
        position,
        format!(
            "{role} `{}`{given} is not a node of {}",
            n.name,
            path.display()
        ),
    )
    .with_help(help)
}

/// Up to eight names of `ps`, for a note.
fn some_names(map: &Map, ps: &[usize]) -> String {
    let name = |p: usize| {
        map.interchange
            .proposition_ids
            .get(p)
            .unwrap_or(&map.propositions[p].key)
            .clone()
    };
    let mut names: Vec<String> = ps
        .iter()
        .take(8)
        .map(|&p| format!("`{}`", name(p)))
        .collect();
    if ps.len() > 8 {
        names.push(format!("and {} more", ps.len() - 8));
    }
    names.join(", ")
}

/// Whether a scheme's name says it leads from evidence to a hypothesis, as
/// a competing-hypotheses map names its inferences.
fn names_evidence_to_hypothesis(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.contains("evidence") && name.contains("hypothes")
}

/// Makes hypotheses of what the structure shows, with a note; returns
/// whether the scheme names showed them (a competing-hypotheses map).
fn infer_hypotheses(path: &Path, map: &mut Map, out: &mut Vec<Diagnostic>) -> bool {
    let mut by_scheme: Vec<usize> = Vec::new();
    let mut seen = HashSet::new();
    let mut scheme_name = String::new();
    for s in &map.interchange.schemes {
        let name = s.scheme.as_deref().unwrap_or(&s.text);
        if s.kind != SchemeKind::Inference || !names_evidence_to_hypothesis(name) {
            continue;
        }
        scheme_name = name.to_string();
        for c in &s.conclusions {
            if let crate::map::model::Endpoint::Proposition(p) = c {
                if seen.insert(*p) {
                    by_scheme.push(*p);
                }
            }
        }
    }
    if !by_scheme.is_empty() {
        for &p in &by_scheme {
            make_hypothesis(map, p);
        }
        out.push(note(
            path,
            format!(
                "{} hypotheses inferred: the conclusions of the inferences named \"{scheme_name}\" ({})",
                by_scheme.len(),
                some_names(map, &by_scheme)
            ),
        ));
        return true;
    }
    let n = map.propositions.len();
    let (mut concluded, mut premise) = (vec![false; n], vec![false; n]);
    for r in map
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Support)
    {
        concluded[r.to] = true;
        premise[r.from] = true;
    }
    let tops: Vec<usize> = (0..n).filter(|&p| concluded[p] && !premise[p]).collect();
    if tops.len() >= 2 {
        for &p in &tops {
            make_hypothesis(map, p);
        }
        out.push(note(
            path,
            format!(
                "{} hypotheses inferred: the propositions that are concluded and support nothing ({})",
                tops.len(),
                some_names(map, &tops)
            ),
        ));
    }
    false
}

/// Makes evidence of the leaves from which a support or attack leads to a
/// hypothesis (not Argdown arguments, which are reasoning, not items),
/// with a note.
fn infer_evidence(path: &Path, map: &mut Map, out: &mut Vec<Diagnostic>) {
    let n = map.propositions.len();
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut supported = vec![false; n];
    for r in &map.relations {
        into[r.to].push(r.from);
        if r.kind == RelationKind::Support {
            supported[r.to] = true;
        }
    }
    // Walk down from every hypothesis, each proposition once.
    let mut reached = vec![false; n];
    let mut queue: VecDeque<usize> = (0..n).filter(|&p| is_hypothesis(map, p)).collect();
    queue.iter().for_each(|&p| reached[p] = true);
    while let Some(p) = queue.pop_front() {
        for &q in &into[p] {
            if !reached[q] {
                reached[q] = true;
                queue.push_back(q);
            }
        }
    }
    let arguments: HashSet<usize> = map.interchange.arguments.iter().copied().collect();
    let leaves: Vec<usize> = (0..n)
        .filter(|&p| reached[p] && !supported[p] && !arguments.contains(&p))
        .filter(|&p| map.propositions[p].kind == PropositionKind::Claim)
        .collect();
    if leaves.is_empty() {
        return;
    }
    for &p in &leaves {
        map.propositions[p].kind = PropositionKind::Evidence;
    }
    out.push(note(
        path,
        format!(
            "{} items of evidence inferred: the propositions nothing supports from which a support or attack leads to a hypothesis ({})",
            leaves.len(),
            some_names(map, &leaves)
        ),
    ));
}

/// Marks the question exclusive when two of its hypotheses conflict, or
/// when the schemes are named for competing hypotheses; a note says which.
fn infer_exclusive(path: &Path, map: &mut Map, rivals_by_scheme: bool, out: &mut Vec<Diagnostic>) {
    if map.questions.is_empty() || map.questions[0].exclusive {
        return;
    }
    let conflict = map.relations.iter().find(|r| {
        r.kind == RelationKind::Attack && is_hypothesis(map, r.from) && is_hypothesis(map, r.to)
    });
    let why = match (conflict, rivals_by_scheme) {
        (Some(r), _) => format!(
            "hypotheses `{}` and `{}` conflict",
            some_names(map, &[r.from]).trim_matches('`'),
            some_names(map, &[r.to]).trim_matches('`')
        ),
        (None, true) => "the inferences are named for competing hypotheses".to_string(),
        (None, false) => {
            out.push(note(path, "the hypotheses are taken to be complementary: nothing in the file says they exclude each other; `--exclusive` says they do".into()));
            return;
        }
    };
    map.questions[0].exclusive = true;
    out.push(note(
        path,
        format!("the hypotheses are taken to exclude each other, and `matrix` ranks them: {why}; `--complementary` says they do not"),
    ));
}

fn note(path: &Path, message: String) -> Diagnostic {
    Diagnostic::note(path, None, message)
}
