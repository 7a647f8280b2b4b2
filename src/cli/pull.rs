//! `argmap pull`: bring briefs from a remote SPARQL store into the local store, all or nothing.

use anyhow::{Result, bail};
use argmap::KnowledgeBase;
use argmap::store::GraphData;
use argmap::vocab::ONTOLOGY;
use clap::Args;
use oxigraph::model::{GraphName, NamedNode, Quad};

use super::Global;

/// Copy briefs from the remote store (--endpoint) into the local store, replacing their graphs there
#[derive(Args)]
#[command(
    after_help = "Every brief is read whole and checked against the server's own count of its triples before \
anything is written; then all of them are written in one transaction.

Example:
  argmap --endpoint http://localhost:8890/sparql pull kinu-co-17-32"
)]
pub struct PullArgs {
    /// The briefs to bring in
    #[arg(required = true, value_name = "BRIEF")]
    briefs: Vec<String>,
    /// Rows per request while reading a graph (keep it under the server's row limit)
    #[arg(long, default_value_t = 5000, value_name = "N")]
    page_size: usize,
}

pub fn run(args: PullArgs, global: &Global) -> Result<()> {
    let remote = global.remote.open()?;
    let iris = global.iris();
    let mut graphs = Vec::new();
    let mut total = 0;
    for id in &args.briefs {
        let graph = NamedNode::new(iris.graph(id))?;
        let triples = remote.graph_triples(&graph, args.page_size.max(1))?;
        if triples.is_empty() {
            bail!(argmap::Error::NotFound(format!(
                "{} holds no brief `{id}` (its graph {graph} is empty or missing); nothing was pulled",
                remote.url()
            )));
        }
        total += triples.len();
        let name = GraphName::NamedNode(graph.clone());
        graphs.push(GraphData {
            quads: triples
                .into_iter()
                .map(|t| Quad::new(t.subject, t.predicate, t.object, name.clone()))
                .collect(),
            graph,
        });
    }
    let kb = global.open_store()?;
    let ontology = NamedNode::new_unchecked(ONTOLOGY);
    if !kb.has_graph(ontology.as_ref())? {
        graphs.push(GraphData {
            graph: ontology,
            quads: KnowledgeBase::ontology_quads()?,
        });
    }
    kb.replace_graphs(&graphs)?;
    if !global.quiet {
        eprintln!(
            "pulled {} ({total} triples) from {} into {}",
            args.briefs.join(", "),
            remote.url(),
            global.store_path().display()
        );
    }
    Ok(())
}
