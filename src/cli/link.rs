//! `argmap link`: reconcile the store's entities with another dataset or endpoint, or import links, into a links graph with provenance.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use argmap::link::{
    Activity, Candidate, Decision, EndpointSearch, Index, LinkRecord, Options, Provenance,
    dataset_iri, endpoint_candidates, entities_of, imported_links, linked, links_quads, now_utc,
    reconcile, store_entities,
};
use argmap::render::table;
use argmap::sparql::remote::{Auth, EndpointConfig, Remote, redact};
use argmap::store::GraphData;
use clap::{Args, ValueEnum};
use oxigraph::model::NamedNode;

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
    if global.remote.endpoint.is_some() && !args.dry_run {
        bail!(argmap::Error::Refused(
            "link writes its links graph into the local store, and --endpoint reads another: run it on the local store (then `argmap push`), or add --dry-run to see the candidates".into()
        ));
    }
    if let Some(file) = &args.import {
        return import(&args, file, global);
    }
    let started = Instant::now();
    let mine = store_entities(global.read_store()?.as_ref())?;
    let (theirs, dataset, title) = match (&args.with, &args.against_endpoint) {
        (Some(file), _) => {
            let name = file_name(file);
            let dataset = args
                .dataset
                .clone()
                .unwrap_or_else(|| dataset_iri(&global.iris(), &name));
            (entities_of(&read_dataset(file)?), dataset, name)
        }
        (None, url) => ask_endpoint(&args, url.as_deref().unwrap_or_default(), &mine, global)?,
    };
    let dataset =
        NamedNode::new(&dataset).with_context(|| format!("--dataset `{dataset}` is not an IRI"))?;
    let index = Index::new(&theirs);
    let options = Options {
        min_score: args.min_score,
    };
    let candidates = reconcile(&mine, &index, options);
    print(&render(&candidates, args.format)?)?;
    let links = linked(&candidates);
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
    let activity = Activity::Reconciliation {
        min_score: args.min_score,
    };
    let provenance = Provenance::new(&global.iris(), activity, dataset, &title, &now_utc());
    write(global, &provenance, &links)?;
    global.note(&format!(
        "{summary}; written to <{}> in {:.0?}",
        provenance.graph.as_str(),
        started.elapsed()
    ));
    Ok(())
}

/// `--against-endpoint`: the endpoint's candidates for the store's
/// entities, the dataset's IRI and its title.
fn ask_endpoint(
    args: &LinkArgs,
    url: &str,
    mine: &[argmap::link::Entity],
    global: &Global,
) -> Result<(Vec<argmap::link::Entity>, String, String)> {
    let remote = Remote::new(EndpointConfig {
        query: url.to_string(),
        update: None,
        graph_store: None,
        auth: Auth::None,
        timeout: Some(global.remote.timeout()),
    })?;
    let search = EndpointSearch {
        batch: args.batch_size,
        delay: Duration::from_millis(args.delay_ms),
        language: args.language.clone(),
    };
    let show = global.show_progress();
    let progress = move |done: usize, all: usize| {
        if show {
            eprint!("\rasking {}: batch {done} of {all}", redact(url));
        }
    };
    let found = endpoint_candidates(&remote, mine, &search, &progress)?;
    if show {
        eprintln!();
    }
    let dataset = args
        .dataset
        .clone()
        .unwrap_or_else(|| remote.url().to_string());
    Ok((found, dataset, remote.url().to_string()))
}

/// `--import`: the links of a file about entities of the store.
fn import(args: &LinkArgs, file: &Path, global: &Global) -> Result<()> {
    let quads = read_dataset(file)?;
    let mine = store_entities(global.read_store()?.as_ref())?;
    let (links, elsewhere) = imported_links(&quads, &mine);
    let name = file_name(file);
    let dataset = args
        .dataset
        .clone()
        .unwrap_or_else(|| dataset_iri(&global.iris(), &name));
    let dataset =
        NamedNode::new(&dataset).with_context(|| format!("--dataset `{dataset}` is not an IRI"))?;
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
    let provenance = Provenance::new(
        &global.iris(),
        Activity::LinkImport,
        dataset,
        &name,
        &now_utc(),
    );
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
