//! `argmap load`: check maps, compile them, and replace their graphs in the store, all or nothing.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use argmap::KnowledgeBase;
use argmap::check::{Disk, check_map, map_path};
use argmap::compile::compile;
use argmap::diagnostic::has_errors;
use argmap::store::GraphData;
use argmap::vocab::ONTOLOGY;
use clap::Args;
use oxigraph::model::NamedNode;

use super::Global;

/// Check maps, then load them into the store; on any problem the store is left as it was
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap load seeds/kinu-co-17-32\n  argmap --store ./kb load seeds/*/\n  argmap load brief.ttl --graph https://example.org/graph/brief"
)]
pub struct LoadArgs {
    /// Maps to load: map.toml files, or folders holding one; or RDF files (.ttl, .trig, .nt, .nq, .rdf, .jsonld)
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The named graph that receives every triple of the RDF files (it is replaced); without it, a TriG, N-Quads or JSON-LD file's own named graphs are kept
    #[arg(long, value_name = "IRI", value_parser = super::export::parse_graph)]
    graph: Option<NamedNode>,
    /// Read every FILE as this RDF format [default: from each file's extension]
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<super::export::RdfInput>,
}

pub fn run(args: LoadArgs, global: &Global) -> Result<()> {
    let started = Instant::now();
    let iris = global.iris();
    let mut diagnostics = Vec::new();
    let mut graphs = Vec::new();
    let mut ids: Vec<(String, PathBuf)> = Vec::new();
    for file in &args.files {
        if let Some(read) = super::export::read_rdf(file, args.format, args.graph.as_ref()) {
            match read {
                Ok(rdf) => {
                    for g in rdf {
                        ids.push((format!("<{}>", g.graph.as_str()), file.clone()));
                        match graphs
                            .iter_mut()
                            .find(|o: &&mut GraphData| o.graph == g.graph)
                        {
                            Some(other) => other.quads.extend(g.quads),
                            None => graphs.push(g),
                        }
                    }
                }
                Err(d) => diagnostics.push(d),
            }
            continue;
        }
        let path = map_path(file);
        let checked = check_map(&path, &Disk);
        diagnostics.extend(checked.diagnostics);
        if let Some(map) = checked.map {
            if let Some((_, other)) = ids.iter().find(|(id, _)| *id == map.id) {
                diagnostics.push(
                    argmap::diagnostic::Diagnostic::error(
                        &path,
                        None,
                        format!("brief `{}` is also loaded from {}", map.id, other.display()),
                    )
                    .with_help("give each brief its own id, or load it once"),
                );
                continue;
            }
            ids.push((map.id.clone(), path));
            graphs.push(GraphData {
                graph: NamedNode::new_unchecked(iris.graph(&map.id)),
                quads: compile(&map, &iris),
            });
        }
    }
    for d in diagnostics.iter().filter(|d| !d.is_error()) {
        eprintln!("{d}");
    }
    if has_errors(&diagnostics) {
        let errors: Vec<_> = diagnostics.into_iter().filter(|d| d.is_error()).collect();
        return Err(
            anyhow::Error::new(argmap::Error::Invalid(errors)).context("nothing was loaded")
        );
    }
    graphs.push(GraphData {
        graph: NamedNode::new_unchecked(ONTOLOGY),
        quads: KnowledgeBase::ontology_quads()?,
    });
    let total: usize = graphs.iter().map(|g| g.quads.len()).sum();
    let kb = global.open_store()?;
    let show = global.show_progress();
    let progress = move |done: u64| {
        if show {
            eprint!("\rloading: {done} of {total} quads");
            let _ = std::io::stderr().flush();
        }
    };
    kb.replace_graphs(&graphs, &progress)?;
    if show {
        eprintln!();
    }
    if !global.quiet {
        let briefs: Vec<&str> = ids.iter().map(|(id, _)| id.as_str()).collect();
        eprintln!(
            "loaded {} brief{} ({}) and the ontology: {total} quads into {} in {:.0?}",
            briefs.len(),
            if briefs.len() == 1 { "" } else { "s" },
            briefs.join(", "),
            global.store_path().display(),
            started.elapsed()
        );
    }
    Ok(())
}
