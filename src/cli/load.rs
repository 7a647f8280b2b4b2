//! `argmap load`: check maps, compile them, and replace their graphs in the store, all or nothing.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use argmap::map::check::{Disk, map_paths};
use argmap::store::GraphData;
use argmap::store::load::{Progress, check_maps, load_maps};
use clap::{Args, ValueEnum};
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::model::NamedNode;

use super::Global;

/// Check maps, then load them into the store; on any problem the store is left as it was
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap load seeds/kinu-co-17-32\n  argmap --store ./kb load seeds/*/\n  argmap load brief.ttl --graph https://example.org/graph/brief"
)]
pub struct LoadArgs {
    /// Maps to load: map.toml files, folders holding one, or folders of briefs (every map.toml below); or RDF files (.ttl, .trig, .nt, .nq, .rdf, .jsonld)
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The named graph that receives every triple of the RDF files (it is replaced); without it, a TriG, N-Quads or JSON-LD file's own named graphs are kept
    #[arg(long, value_name = "IRI", value_parser = parse_graph)]
    graph: Option<NamedNode>,
    /// Read every FILE as this RDF format [default: from each file's extension]
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<RdfInput>,
}

/// The RDF formats `load --format` reads.
#[derive(Clone, Copy, ValueEnum)]
pub enum RdfInput {
    Turtle,
    Trig,
    Ntriples,
    Nquads,
    Rdfxml,
    Jsonld,
}

impl RdfInput {
    fn format(self) -> RdfFormat {
        match self {
            RdfInput::Turtle => RdfFormat::Turtle,
            RdfInput::Trig => RdfFormat::TriG,
            RdfInput::Ntriples => RdfFormat::NTriples,
            RdfInput::Nquads => RdfFormat::NQuads,
            RdfInput::Rdfxml => RdfFormat::RdfXml,
            RdfInput::Jsonld => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }
}

/// `--graph IRI`: an absolute IRI.
fn parse_graph(text: &str) -> Result<NamedNode, String> {
    NamedNode::new(text).map_err(|e| format!("not an IRI: {e}"))
}

pub fn run(args: LoadArgs, global: &Global) -> Result<()> {
    let started = Instant::now();
    let iris = global.iris();
    // RDF files are read whole here; maps are checked on every core below.
    let mut rdf_diagnostics = Vec::new();
    let mut rdf_graphs: Vec<GraphData> = Vec::new();
    let mut map_files = Vec::new();
    for file in &args.files {
        let format = args.format.map(RdfInput::format);
        match argmap::interchange::rdf::read_file(file, format, args.graph.as_ref()) {
            Some(Ok(rdf)) => {
                for g in rdf {
                    match rdf_graphs.iter_mut().find(|o| o.graph == g.graph) {
                        Some(other) => other.quads.extend(g.quads),
                        None => rdf_graphs.push(g),
                    }
                }
            }
            Some(Err(d)) => rdf_diagnostics.push(d),
            None => map_files.extend(map_paths(file)),
        }
    }
    let (maps, mut diagnostics) = check_maps(&map_files, &Disk);
    diagnostics.extend(rdf_diagnostics);
    let maps = maps.filter(|_| !argmap::map::diagnostic::has_errors(&diagnostics));
    for d in diagnostics.iter().filter(|d| !d.is_error()) {
        eprintln!("{d}");
    }
    let Some(maps) = maps else {
        let errors: Vec<_> = diagnostics.into_iter().filter(|d| d.is_error()).collect();
        return Err(
            anyhow::Error::new(argmap::Error::Invalid(errors)).context("nothing was loaded")
        );
    };
    let kb = global.open_store()?;
    refuse_disagreements(&kb, &maps, &iris)?;
    let show = global.show_progress();
    let progress = move |p: Progress| {
        if show && (p.maps.is_multiple_of(16) || p.maps == p.total_maps) {
            eprint!(
                "\rloading: {} of {} maps, {} quads",
                p.maps, p.total_maps, p.quads
            );
            let _ = std::io::stderr().flush();
        }
    };
    let rdf_names: Vec<String> = rdf_graphs
        .iter()
        .map(|g| format!("<{}>", g.graph.as_str()))
        .collect();
    let mut report = load_maps(&kb, &maps, rdf_graphs, &iris, &progress)?;
    report.briefs.extend(rdf_names);
    if show {
        eprintln!();
    }
    if !global.quiet {
        let briefs = &report.briefs;
        let listed = if briefs.len() <= 10 {
            briefs.join(", ")
        } else {
            format!("{}, … {}", briefs[..3].join(", "), briefs[briefs.len() - 1])
        };
        eprintln!(
            "loaded {} brief{} ({listed}) and the ontology: {} quads into {} in {:.0?}",
            briefs.len(),
            if briefs.len() == 1 { "" } else { "s" },
            report.quads,
            global.store_path().display(),
            started.elapsed()
        );
    }
    Ok(())
}

/// Refuses, before anything is written, a map whose shared actors or
/// sources disagree in kind or name with another brief's description of
/// the same entity: one already in the store (unless this load replaces
/// that brief) or an earlier map of this load.
fn refuse_disagreements(
    kb: &argmap::store::KnowledgeBase,
    maps: &[argmap::store::load::CheckedMap],
    iris: &argmap::vocab::Iris,
) -> Result<()> {
    use argmap::store::agree::{describe, disagreements, stored};
    let replaced: Vec<&str> = maps.iter().map(|m| m.map.id.as_str()).collect();
    let mut known: Vec<_> = stored(kb)?
        .into_iter()
        .filter(|d| !replaced.contains(&d.brief.as_str()))
        .collect();
    let mut problems = Vec::new();
    for m in maps {
        let described = describe(&m.map, &m.path, iris);
        problems.extend(disagreements(&described, &known));
        known.extend(described);
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(anyhow::Error::new(argmap::Error::Invalid(problems)).context("nothing was loaded"))
}
