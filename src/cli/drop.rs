//! `argmap drop`: remove briefs from the store, all of them or none.

use anyhow::Result;
use clap::Args;
use oxigraph::model::NamedNode;

use super::Global;

/// Remove briefs (their named graphs) from the store
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap drop kinu-co-17-32\n  argmap drop --graph 'https://example.org/graph/brief'"
)]
pub struct DropArgs {
    /// The ids of the briefs to remove
    #[arg(value_name = "BRIEF", required_unless_present = "graph")]
    briefs: Vec<String>,
    /// A named graph to remove, by its IRI (any graph: one loaded with
    /// `load --graph`, a links graph, or one whose name is not a valid IRI)
    #[arg(long, value_name = "IRI")]
    graph: Vec<String>,
}

pub fn run(args: DropArgs, global: &Global) -> Result<()> {
    let kb = global.open_store()?;
    let iris = global.iris();
    // The names are taken as they are, unchecked: a store written by an
    // earlier argmap may hold a graph whose name is not a valid IRI (a
    // brief id from a folder such as `CRS Upper`), and dropping it is how
    // such a store is repaired.
    let mut names: Vec<String> = args.briefs.clone();
    let mut graphs: Vec<NamedNode> = args
        .briefs
        .iter()
        .map(|b| NamedNode::new_unchecked(iris.graph(b)))
        .collect();
    for g in &args.graph {
        let iri = g.trim().trim_start_matches('<').trim_end_matches('>');
        names.push(format!("<{iri}>"));
        graphs.push(NamedNode::new_unchecked(iri));
    }
    let missing: Vec<&str> = names
        .iter()
        .zip(&graphs)
        .filter(|(_, g)| !kb.has_graph(g.as_ref()).unwrap_or(false))
        .map(|(b, _)| b.as_str())
        .collect();
    if !missing.is_empty() {
        anyhow::bail!(argmap::Error::NotFound(format!(
            "no brief or graph {} in the store {}; nothing was dropped (`argmap list` shows the briefs, \
             `argmap query --sparql 'SELECT DISTINCT ?g {{ GRAPH ?g {{}} }}'` every graph)",
            missing.join(", "),
            global.store_path().display()
        )));
    }
    // A brief's evaluation graph (`argmap evaluate`) goes with it.
    let evaluations: Vec<NamedNode> = args
        .briefs
        .iter()
        .map(|b| NamedNode::new_unchecked(iris.evaluation_graph(b)))
        .filter(|g| kb.has_graph(g.as_ref()).unwrap_or(false))
        .collect();
    graphs.extend(evaluations);
    kb.remove_graphs(&graphs)?;
    if !global.quiet {
        eprintln!("dropped {}", names.join(", "));
    }
    Ok(())
}
