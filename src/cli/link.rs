//! `argmap link`: reconcile the store's entities with another dataset or endpoint, or import links, into a links graph with provenance.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use argmap::link::{
    Candidate, Decision, EndpointSearch, Index, LinkRecord, Options, Provenance,
    endpoint_candidates, entities_of, links_graph, links_quads, now_utc, reconcile, store_entities,
};
use argmap::render::table;
use argmap::sparql::remote::{Auth, EndpointConfig, Remote};
use argmap::store::GraphData;
use clap::{Args, ValueEnum};
use oxigraph::model::{NamedNode, Term};

use super::{Global, print};

/// Link the store's actors, places, sources and events to another knowledge base (skos:exactMatch, with provenance)
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap link --with wikidata-extract.ttl --dry-run\n  argmap link --with people.nt --min-score 0.95\n  argmap link --against-endpoint https://query.wikidata.org/sparql --delay-ms 1000\n  argmap link --import team-links.ttl\n\nAccepted links go into a links graph of their own, one per dataset, replaced whole on each run:\n<BASE>graph/links/reconciled/<dataset> (or .../imported/<dataset>), each link with the activity that made\nit (prov:wasGeneratedBy), the dataset (prov:used), its score (arg:score) and the date."
)]
#[command(group(clap::ArgGroup::new("against").required(true).args(["with", "against_endpoint", "import"])))]
pub struct LinkArgs {
    /// Reconcile against this RDF dataset (.ttl, .trig, .nt, .nq, .rdf, .jsonld)
    #[arg(long, value_name = "FILE")]
    with: Option<PathBuf>,
    /// Reconcile against this SPARQL endpoint, asking for the labels in batches
    #[arg(long, value_name = "URL")]
    against_endpoint: Option<String>,
    /// Import the skos:exactMatch and owl:sameAs links of this RDF file whose subject is in the store
    #[arg(long, value_name = "FILE")]
    import: Option<PathBuf>,
    /// The IRI that names the dataset in the provenance [default: the endpoint's URL, or one made from the file's name]
    #[arg(long, value_name = "IRI")]
    dataset: Option<String>,
    /// Link candidates scoring at least this (0 to 1); a fuzzy match scores at most 0.85
    #[arg(long, default_value_t = argmap::link::DEFAULT_MIN_SCORE, value_name = "SCORE", value_parser = parse_score)]
    min_score: f64,
    /// Print the candidates and decisions, and write nothing
    #[arg(long)]
    dry_run: bool,
    /// How to print the table of candidates
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
    /// Labels asked per request to the endpoint
    #[arg(long, default_value_t = 50, value_name = "N")]
    batch_size: usize,
    /// Milliseconds to wait between two requests to the endpoint
    #[arg(long, default_value_t = 1000, value_name = "MS")]
    delay_ms: u64,
    /// The language of the endpoint's labels to compare (plain literals are compared too)
    #[arg(long, default_value = "en", value_name = "TAG")]
    language: String,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TableFormat {
    Table,
    Json,
}

fn parse_score(text: &str) -> Result<f64, String> {
    let v: f64 = text.parse().map_err(|e| format!("not a number: {e}"))?;
    if !(0.0..=1.0).contains(&v) {
        return Err("a score is between 0 and 1".into());
    }
    Ok(v)
}

pub fn run(args: LinkArgs, global: &Global) -> Result<()> {
    if global.endpoint.is_some() && !args.dry_run {
        bail!(argmap::Error::Refused(
            "link writes its links graph into the local store, and --endpoint reads another: run it on the local store (then `argmap push`), or add --dry-run to see the candidates".into()
        ));
    }
    if let Some(file) = &args.import {
        return import(&args, file, global);
    }
    let started = Instant::now();
    let mine = store_entities(global.read_store()?.as_ref())?;
    let (theirs, dataset, title) = if let Some(file) = &args.with {
        let quads = read_dataset(file)?;
        let name = file_name(file);
        let dataset = args
            .dataset
            .clone()
            .unwrap_or_else(|| format!("{}dataset/{}", global.base, argmap::link::slug(&name)));
        (entities_of(&quads), dataset, name)
    } else {
        let url = args.against_endpoint.clone().unwrap_or_default();
        let remote = Remote::new(EndpointConfig {
            query: url.clone(),
            update: None,
            graph_store: None,
            auth: Auth::None,
            timeout: Some(Duration::from_secs(global.endpoint_timeout.max(1))),
        })?;
        let search = EndpointSearch {
            batch: args.batch_size,
            delay: Duration::from_millis(args.delay_ms),
            language: args.language.clone(),
        };
        let show = global.show_progress();
        let progress = move |done: usize, all: usize| {
            if show {
                eprint!("\rasking {}: batch {done} of {all}", remote_name(&url));
            }
        };
        let found = endpoint_candidates(&remote, &mine, &search, &progress)?;
        if show {
            eprintln!();
        }
        let dataset = args
            .dataset
            .clone()
            .unwrap_or_else(|| remote.url().to_string());
        (found, dataset, remote.url().to_string())
    };
    let dataset =
        NamedNode::new(&dataset).with_context(|| format!("--dataset `{dataset}` is not an IRI"))?;
    let index = Index::new(&theirs);
    let options = Options {
        min_score: args.min_score,
    };
    let candidates = reconcile(&mine, &index, options);
    print(&render(&candidates, args.format)?)?;
    let links: Vec<LinkRecord> = candidates
        .iter()
        .filter(|c| c.decision == Decision::Linked)
        .map(|c| LinkRecord {
            entity: c.entity.clone(),
            target: c.target.clone(),
            score: Some(c.score),
            matched: Some(c.matched.clone()),
        })
        .collect();
    let count = |d: Decision| candidates.iter().filter(|c| c.decision == d).count();
    let summary = format!(
        "{} of {} entities linked to {} ({} entities in it); {} ambiguous, {} near misses, {} type mismatches",
        links.len(),
        mine.len(),
        title,
        theirs.len(),
        count(Decision::Ambiguous),
        count(Decision::NearMiss),
        count(Decision::TypeMismatch),
    );
    if args.dry_run {
        global.note(&format!("dry run, nothing written: {summary}"));
        return Ok(());
    }
    let provenance = Provenance {
        graph: links_graph(&global.iris(), "reconciled", &title),
        activity: NamedNode::new_unchecked(format!(
            "{}activity/reconciliation/{}",
            global.base,
            now_utc().replace([':', '-'], "")
        )),
        activity_class: "Reconciliation",
        dataset,
        dataset_title: title,
        when: now_utc(),
        min_score: Some(args.min_score),
    };
    write(global, &provenance, &links)?;
    global.note(&format!(
        "{summary}; written to <{}> in {:.0?}",
        provenance.graph.as_str(),
        started.elapsed()
    ));
    Ok(())
}

/// `--import`: the links of a file about entities of the store.
fn import(args: &LinkArgs, file: &Path, global: &Global) -> Result<()> {
    let quads = read_dataset(file)?;
    let mine = store_entities(global.read_store()?.as_ref())?;
    let known: std::collections::BTreeSet<&str> = mine.iter().map(|e| e.iri.as_str()).collect();
    let same = [
        "http://www.w3.org/2004/02/skos/core#exactMatch",
        "http://www.w3.org/2002/07/owl#sameAs",
    ];
    let mut links = Vec::new();
    let mut elsewhere = 0;
    for q in &quads {
        if !same.contains(&q.predicate.as_str()) {
            continue;
        }
        let (oxigraph::model::NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) =
            (&q.subject, &q.object)
        else {
            continue;
        };
        // Either way round: a link is symmetric.
        let (entity, target) = if known.contains(s.as_str()) {
            (s, o)
        } else if known.contains(o.as_str()) {
            (o, s)
        } else {
            elsewhere += 1;
            continue;
        };
        if !links
            .iter()
            .any(|l: &LinkRecord| l.entity == entity.as_str() && l.target == target.as_str())
        {
            links.push(LinkRecord {
                entity: entity.as_str().to_string(),
                target: target.as_str().to_string(),
                score: None,
                matched: None,
            });
        }
    }
    let name = file_name(file);
    let dataset = args
        .dataset
        .clone()
        .unwrap_or_else(|| format!("{}dataset/{}", global.base, argmap::link::slug(&name)));
    let dataset =
        NamedNode::new(&dataset).with_context(|| format!("--dataset `{dataset}` is not an IRI"))?;
    let provenance = Provenance {
        graph: links_graph(&global.iris(), "imported", &name),
        activity: NamedNode::new_unchecked(format!(
            "{}activity/import/{}",
            global.base,
            now_utc().replace([':', '-'], "")
        )),
        activity_class: "LinkImport",
        dataset,
        dataset_title: name.clone(),
        when: now_utc(),
        min_score: None,
    };
    let summary = format!(
        "{} links about entities of the store ({} about other things left out)",
        links.len(),
        elsewhere
    );
    if args.dry_run {
        for l in &links {
            print(&format!("{}\t{}\n", l.entity, l.target))?;
        }
        global.note(&format!("dry run, nothing written: {summary}"));
        return Ok(());
    }
    write(global, &provenance, &links)?;
    global.note(&format!(
        "imported {summary} into <{}>",
        provenance.graph.as_str()
    ));
    Ok(())
}

/// Replaces the links graph in one write: all of it or nothing.
fn write(global: &Global, provenance: &Provenance, links: &[LinkRecord]) -> Result<()> {
    // Without a store the entities came from the bundled brief in memory:
    // links written into a new, empty store would point from nothing.
    let path = global.store_path();
    if !path.join("CURRENT").exists() {
        bail!(argmap::Error::NotFound(format!(
            "there is no store at {} to write links into; load briefs first (`argmap load seeds/kinu-co-17-32`), or use --dry-run",
            path.display()
        )));
    }
    let kb = global.open_store()?;
    kb.replace_graphs(&[GraphData {
        graph: provenance.graph.clone(),
        quads: links_quads(provenance, links),
    }])?;
    Ok(())
}

fn read_dataset(file: &Path) -> Result<Vec<oxigraph::model::Quad>> {
    let Some(format) = argmap::interchange::rdf::format_of(file) else {
        bail!(argmap::Error::NotFound(format!(
            "{}: not an RDF file argmap reads (give .ttl, .trig, .nt, .nq, .rdf or .jsonld)",
            file.display()
        )));
    };
    let data = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    argmap::interchange::rdf::read_all(file, &data, format)
        .map_err(|d| argmap::Error::Invalid(vec![d]).into())
}

fn file_name(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.display().to_string())
}

fn remote_name(url: &str) -> String {
    argmap::sparql::remote::redact(url)
}

fn render(candidates: &[Candidate], format: TableFormat) -> Result<String> {
    Ok(match format {
        TableFormat::Json => {
            let rows: Vec<serde_json::Value> = candidates
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "entity": c.entity,
                        "label": c.entity_label,
                        "candidate": c.target,
                        "candidate_label": c.target_label,
                        "matched": [c.matched.0, c.matched.1],
                        "score": c.score,
                        "decision": c.decision.name(),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&rows)? + "\n"
        }
        TableFormat::Table => {
            let rows: Vec<Vec<String>> = candidates
                .iter()
                .map(|c| {
                    vec![
                        c.entity_label.clone(),
                        c.target_label.clone(),
                        c.target.clone(),
                        format!("{:.3}", c.score),
                        c.decision.name().to_string(),
                    ]
                })
                .collect();
            let mut out = table(&["entity", "candidate", "iri", "score", "decision"], &rows);
            out.push_str(&format!(
                "{} candidate{}\n",
                rows.len(),
                if rows.len() == 1 { "" } else { "s" }
            ));
            out
        }
    })
}
