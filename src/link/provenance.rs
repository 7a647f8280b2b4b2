//! The links graph: each accepted link as `skos:exactMatch` beside an `arg:Link` node, with the activity that made it, its dataset and date.

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use oxsdatatypes::{DateTime, Integer};

use crate::link::fold::fold;
use crate::link::score::{Candidate, Decision};
use crate::vocab::*;

/// What made a set of links.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Activity {
    /// `argmap link --with` or `--against-endpoint`, with its threshold.
    Reconciliation { min_score: f64 },
    /// `argmap link --import`.
    LinkImport,
}

impl Activity {
    /// The activity's class in argmap's ontology.
    fn class(self) -> &'static str {
        match self {
            Activity::Reconciliation { .. } => "Reconciliation",
            Activity::LinkImport => "LinkImport",
        }
    }

    /// The folder of its links graph (`graph/links/<folder>/…`) and of its IRI (`activity/<name>/…`).
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Activity::Reconciliation { .. } => ("reconciled", "reconciliation"),
            Activity::LinkImport => ("imported", "import"),
        }
    }
}

/// Where a set of links came from, for their provenance.
#[derive(Debug, Clone)]
pub struct Provenance {
    /// The links graph: replaced whole by each run for the same dataset.
    pub graph: NamedNode,
    /// The activity that made the links.
    pub activity: NamedNode,
    /// Reconciliation (with its threshold) or import.
    pub kind: Activity,
    /// The dataset or endpoint the links point into.
    pub dataset: NamedNode,
    /// A title for the dataset: its file name or endpoint.
    pub dataset_title: String,
    /// When, as an `xsd:dateTime` lexical form.
    pub when: String,
}

impl Provenance {
    /// The provenance of links made by `kind` at `when` (an `xsd:dateTime`
    /// in UTC, see [`now_utc`]) from `dataset`, titled `title`: their graph
    /// is named after the title, and the activity after the moment.
    pub fn new(
        iris: &Iris,
        kind: Activity,
        dataset: NamedNode,
        title: &str,
        when: &str,
    ) -> Provenance {
        let (graph_folder, activity_name) = kind.names();
        Provenance {
            graph: links_graph(iris, graph_folder, title),
            activity: NamedNode::new_unchecked(format!(
                "{}activity/{activity_name}/{}",
                iris.base(),
                when.replace([':', '-'], "")
            )),
            kind,
            dataset,
            dataset_title: title.to_string(),
            when: when.to_string(),
        }
    }
}

/// A link to write: the entity, the target, and for a reconciled link its
/// score and the labels that matched.
#[derive(Debug, Clone)]
pub struct LinkRecord {
    pub entity: String,
    pub target: String,
    pub score: Option<f64>,
    pub matched: Option<(String, String)>,
}

/// The links to write of a reconciliation: its linked candidates.
pub fn linked(candidates: &[Candidate]) -> Vec<LinkRecord> {
    candidates
        .iter()
        .filter(|c| c.decision == Decision::Linked)
        .map(|c| LinkRecord {
            entity: c.entity.clone(),
            target: c.target.clone(),
            score: Some(c.score),
            matched: Some(c.matched.clone()),
        })
        .collect()
}

/// The quads of a links graph: the activity with its dataset and date,
/// then each `skos:exactMatch`, and beside it an `arg:Link` node saying
/// which activity made it, from which dataset, with what score.
pub fn links_quads(provenance: &Provenance, links: &[LinkRecord]) -> Vec<Quad> {
    let mut out = Quads {
        graph: GraphName::NamedNode(provenance.graph.clone()),
        quads: Vec::new(),
    };
    activity_quads(&mut out, provenance);
    for link in links {
        link_quads(&mut out, provenance, link);
    }
    out.quads
}

/// The quads of one graph, as they are written.
struct Quads {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl Quads {
    fn add(&mut self, subject: &NamedNode, predicate: String, object: Term) {
        self.quads.push(Quad::new(
            subject.clone(),
            NamedNode::new_unchecked(predicate),
            object,
            self.graph.clone(),
        ));
    }
}

/// The activity, its software, its threshold, and the dataset it used.
fn activity_quads(out: &mut Quads, provenance: &Provenance) {
    let activity = &provenance.activity;
    let a = rdf::TYPE.as_str().to_string();
    out.add(activity, a.clone(), iri_term(format!("{PROV}Activity")));
    out.add(
        activity,
        a.clone(),
        iri_term(format!("{ARG}{}", provenance.kind.class())),
    );
    out.add(
        activity,
        format!("{PROV}used"),
        provenance.dataset.clone().into(),
    );
    out.add(
        activity,
        format!("{PROV}endedAtTime"),
        date_time(&provenance.when),
    );
    out.add(
        activity,
        format!("{PROV}wasAssociatedWith"),
        iri_term(format!(
            "https://w3id.org/argmap/software/{}",
            env!("CARGO_PKG_VERSION")
        )),
    );
    if let Activity::Reconciliation { min_score } = provenance.kind {
        out.add(activity, format!("{ARG}minScore"), decimal(min_score));
    }
    out.add(&provenance.dataset, a, iri_term(format!("{PROV}Entity")));
    out.add(
        &provenance.dataset,
        format!("{DCTERMS}title"),
        Literal::new_simple_literal(&provenance.dataset_title).into(),
    );
}

/// One link: the `skos:exactMatch`, and its `arg:Link` node, whose IRI is
/// a hash of the pair, so that a rerun names it the same.
fn link_quads(out: &mut Quads, provenance: &Provenance, link: &LinkRecord) {
    let entity = NamedNode::new_unchecked(&link.entity);
    let target = NamedNode::new_unchecked(&link.target);
    out.add(&entity, format!("{SKOS}exactMatch"), target.clone().into());
    let node = NamedNode::new_unchecked(format!(
        "{}/{:016x}",
        provenance.graph.as_str(),
        fnv(&format!("{}\u{0}{}", link.entity, link.target))
    ));
    out.add(
        &node,
        rdf::TYPE.as_str().into(),
        iri_term(format!("{ARG}Link")),
    );
    out.add(&node, format!("{ARG}linkSubject"), entity.into());
    out.add(&node, format!("{ARG}linkTarget"), target.into());
    out.add(
        &node,
        format!("{PROV}wasGeneratedBy"),
        provenance.activity.clone().into(),
    );
    out.add(
        &node,
        format!("{PROV}wasDerivedFrom"),
        provenance.dataset.clone().into(),
    );
    out.add(
        &node,
        format!("{PROV}generatedAtTime"),
        date_time(&provenance.when),
    );
    if let Some(score) = link.score {
        out.add(&node, format!("{ARG}score"), decimal(score));
    }
    if let Some((mine, theirs)) = &link.matched {
        out.add(
            &node,
            format!("{ARG}matchedLabel"),
            Literal::new_simple_literal(mine).into(),
        );
        out.add(
            &node,
            format!("{ARG}targetLabel"),
            Literal::new_simple_literal(theirs).into(),
        );
    }
}

fn iri_term(iri: String) -> Term {
    NamedNode::new_unchecked(iri).into()
}

fn decimal(value: f64) -> Term {
    Literal::new_typed_literal(format!("{value:.3}"), xsd::DECIMAL).into()
}

fn date_time(lexical: &str) -> Term {
    Literal::new_typed_literal(lexical, xsd::DATE_TIME).into()
}

/// FNV-1a, for stable link IRIs.
fn fnv(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A name for a dataset usable in an IRI path segment: lower-case letters,
/// digits and hyphens.
pub fn slug(text: &str) -> String {
    let text = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .unwrap_or(text);
    let folded = fold(text);
    let s = folded.tokens.join("-");
    if s.is_empty() { "dataset".into() } else { s }
}

/// The IRI that names a dataset read from the file `file_name`, when the
/// analyst gives none: `<base>dataset/<slug>`.
pub fn dataset_iri(iris: &Iris, file_name: &str) -> String {
    format!("{}dataset/{}", iris.base(), slug(file_name))
}

/// The graph of links reconciled against (or imported from) `dataset`.
pub fn links_graph(iris: &Iris, how: &str, dataset: &str) -> NamedNode {
    NamedNode::new_unchecked(format!(
        "{}graph/links/{how}/{}",
        iris.base(),
        slug(dataset)
    ))
}

/// The present moment as an `xsd:dateTime` in UTC, to the second.
pub fn now_utc() -> String {
    civil(DateTime::now())
}

/// `moment` in UTC, to the second (`2026-11-27T09:05:00Z`): seconds are
/// cut, not rounded, so that the moment is never in the future.
fn civil(moment: DateTime) -> String {
    let moment = moment
        .adjust(Some(oxsdatatypes::TimezoneOffset::UTC))
        .unwrap_or(moment);
    let second = Integer::try_from(moment.second()).map_or(0, i64::from);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{second:02}Z",
        moment.year(),
        moment.month(),
        moment.day(),
        moment.hour(),
        moment.minute(),
    )
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    #[test]
    fn dates_are_civil() {
        let now = now_utc();
        assert_eq!(now.len(), 20);
        assert!(now.starts_with("20"));
        let moment = DateTime::from_str("2017-12-15T08:59:07.75+09:00").unwrap();
        assert_eq!(civil(moment), "2017-12-14T23:59:07Z");
    }

    #[test]
    fn one_provenance_for_both_activities() {
        let iris = Iris::new("https://w3id.org/argmap/kb/");
        let dataset = NamedNode::new_unchecked("https://example.org/kb");
        let when = "2026-11-27T09:05:00Z";
        let reconciled = Provenance::new(
            &iris,
            Activity::Reconciliation { min_score: 0.9 },
            dataset.clone(),
            "decoys.ttl",
            when,
        );
        assert_eq!(
            reconciled.graph.as_str(),
            "https://w3id.org/argmap/kb/graph/links/reconciled/decoys-ttl"
        );
        assert_eq!(
            reconciled.activity.as_str(),
            "https://w3id.org/argmap/kb/activity/reconciliation/20261127T090500Z"
        );
        let imported = Provenance::new(&iris, Activity::LinkImport, dataset, "team.ttl", when);
        assert_eq!(
            imported.graph.as_str(),
            "https://w3id.org/argmap/kb/graph/links/imported/team-ttl"
        );
        let quads = links_quads(&imported, &[]);
        assert!(
            quads
                .iter()
                .all(|q| q.predicate.as_str() != format!("{ARG}minScore"))
        );
        assert!(
            links_quads(&reconciled, &[])
                .iter()
                .any(|q| q.predicate.as_str() == format!("{ARG}minScore"))
        );
    }
}
