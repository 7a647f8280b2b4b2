//! Shared entities described alike: an actor or source that several briefs name must have the same kind and name in each.
//!
//! Actors and sources keep one IRI across the corpus, and each brief's
//! graph holds its own copy of their description. Two copies that disagree
//! on what the thing is (a state in one, an organisation in another) or on
//! its name would leave the store saying both, and the links of one beside
//! the name of the other. So the kind and the name (a source's title) must
//! agree; aliases, role, links, grades and notes may differ, since each
//! brief may know more or less of the same thing. A different thing takes
//! a key (or `iri`) of its own.

use std::path::{Path, PathBuf};

use oxigraph::model::Term;

use crate::Error;
use crate::map::diagnostic::{Diagnostic, Position};
use crate::map::model::Map;
use crate::sparql::{Backend, lexical};
use crate::vocab::Iris;

/// One brief's description of a shared actor or source.
#[derive(Debug, Clone)]
pub struct Description {
    /// The entity's IRI, which is what makes two descriptions one entity.
    pub iri: String,
    /// `"actor"` or `"source"`.
    pub what: &'static str,
    /// Its id in the map.
    pub key: String,
    /// Its kind, as a map writes it (`"state"`, `"media"`).
    pub kind: String,
    /// Its name, or a source's title.
    pub label: String,
    /// The brief that describes it.
    pub brief: String,
    /// The map that describes it, and where, when known.
    pub file: Option<PathBuf>,
    pub at: Option<Position>,
}

/// The class of an actor of `kind`, a local name in `arg:`.
pub fn actor_class(kind: &str) -> &'static str {
    match kind {
        "person" => "Person",
        "organisation" => "Organisation",
        "place" => "Place",
        _ => "State",
    }
}

/// The class of a source of `kind`, a local name in `arg:`.
pub fn source_class(kind: &str) -> &'static str {
    match kind {
        "report" => "Report",
        "interview" => "Interview",
        "statement" => "Statement",
        "speech" => "Speech",
        "media" => "MediaReport",
        "briefing" => "Briefing",
        _ => "Document",
    }
}

/// The kind word of the class `local`, the reverse of [`actor_class`] and
/// [`source_class`].
fn kind_of_class(local: &str) -> Option<(&'static str, &'static str)> {
    let actors = ["person", "organisation", "place", "state"];
    let sources = [
        "report",
        "interview",
        "statement",
        "speech",
        "media",
        "briefing",
        "document",
    ];
    actors
        .into_iter()
        .find(|k| actor_class(k) == local)
        .map(|k| ("actor", k))
        .or_else(|| {
            sources
                .into_iter()
                .find(|k| source_class(k) == local)
                .map(|k| ("source", k))
        })
}

/// The shared actors and sources `map` (read from `path`) describes.
pub fn describe(map: &Map, path: &Path, iris: &Iris) -> Vec<Description> {
    let actors = map.actors.iter().map(|a| Description {
        iri: a
            .iri
            .clone()
            .unwrap_or_else(|| iris.shared("actor", &a.key)),
        what: "actor",
        key: a.key.clone(),
        kind: a.kind.to_string(),
        label: a.name.clone(),
        brief: map.id.clone(),
        file: Some(path.to_path_buf()),
        at: a.at,
    });
    let sources = map.sources.iter().map(|s| Description {
        iri: s
            .iri
            .clone()
            .unwrap_or_else(|| iris.shared("source", &s.key)),
        what: "source",
        key: s.key.clone(),
        kind: s.kind.to_string(),
        label: s.title.clone(),
        brief: map.id.clone(),
        file: Some(path.to_path_buf()),
        at: s.at,
    });
    actors.chain(sources).collect()
}

/// The descriptions of shared actors and sources already in `store`, one
/// per brief that holds one.
pub fn stored(store: &dyn Backend) -> Result<Vec<Description>, Error> {
    let query = "PREFIX arg: <https://w3id.org/argmap/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?brief ?entity ?key ?class ?label WHERE {
  GRAPH ?g {
    ?b a arg:Brief ; arg:key ?brief .
    { ?entity a arg:Actor } UNION { ?entity a arg:Source }
    ?entity a ?class ; arg:key ?key ; rdfs:label ?label .
  }
}";
    let answer = store.select(query, &[])?;
    let column = |name: &str| answer.column(name);
    let (Some(b), Some(e), Some(k), Some(c), Some(l)) = (
        column("brief"),
        column("entity"),
        column("key"),
        column("class"),
        column("label"),
    ) else {
        return Ok(Vec::new());
    };
    let text = |row: &[Option<Term>], i: usize| row[i].as_ref().map(lexical).unwrap_or_default();
    let mut out = Vec::new();
    for row in &answer.rows {
        let class = text(row, c);
        let local = class.rsplit(['#', '/']).next().unwrap_or_default();
        let Some((what, kind)) = kind_of_class(local) else {
            continue;
        };
        out.push(Description {
            iri: text(row, e),
            what,
            key: text(row, k),
            kind: kind.to_string(),
            label: text(row, l),
            brief: text(row, b),
            file: None,
            at: None,
        });
    }
    Ok(out)
}

/// An error for each description of `new` that disagrees, on kind or name,
/// with one of `known` (earlier maps of the same run, or the store) for the
/// same entity in another brief. Descriptions of a brief being replaced
/// should be left out of `known` by the caller.
pub fn disagreements(new: &[Description], known: &[Description]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for d in new {
        let Some(other) = known.iter().find(|k| {
            k.iri == d.iri
                && k.what == d.what
                && k.brief != d.brief
                && (k.kind != d.kind || k.label != d.label)
        }) else {
            continue;
        };
        let name = if d.what == "actor" { "name" } else { "title" };
        let place = match (&other.file, other.at) {
            (Some(f), Some(p)) => format!(" ({}:{}:{})", f.display(), p.line, p.column),
            (Some(f), None) => format!(" ({})", f.display()),
            _ => " (in the store)".to_string(),
        };
        let message = format!(
            "{what} `{key}` is described differently by brief `{brief}`{place}: there it is {kind} with the {name} \"{label}\", here {dkind} with the {name} \"{dlabel}\"",
            what = d.what,
            key = d.key,
            brief = other.brief,
            kind = article(&other.kind),
            label = other.label,
            dkind = article(&d.kind),
            dlabel = d.label,
        );
        let help = format!(
            "a shared {what} has one kind and one {name} in every brief that names it (aliases, role, links and notes may differ): copy `{brief}`'s kind and {name}, or, if this is a different {what}, give it a key or `iri` of its own",
            what = d.what,
            brief = other.brief,
        );
        let file = d.file.clone().unwrap_or_default();
        out.push(Diagnostic::error(&file, d.at, message).with_help(help));
    }
    out
}

/// `kind` with its indefinite article: "a state", "an organisation".
fn article(kind: &str) -> String {
    if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {kind}")
    } else {
        format!("a {kind}")
    }
}
