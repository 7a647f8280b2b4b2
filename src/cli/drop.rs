//! `argmap drop`: remove briefs from the store, all of them or none.

use anyhow::Result;
use clap::Args;
use oxigraph::model::NamedNode;

use super::Global;

/// Remove briefs (their named graphs) from the store
#[derive(Args)]
#[command(after_help = "Example:\n  argmap drop kinu-co-17-32")]
pub struct DropArgs {
    /// The ids of the briefs to remove
    #[arg(required = true, value_name = "BRIEF")]
    briefs: Vec<String>,
}

pub fn run(args: DropArgs, global: &Global) -> Result<()> {
    let kb = global.open_store()?;
    let iris = global.iris();
    let graphs: Vec<NamedNode> = args
        .briefs
        .iter()
        .map(|b| NamedNode::new(iris.graph(b)))
        .collect::<Result<_, _>>()?;
    let missing: Vec<&str> = args
        .briefs
        .iter()
        .zip(&graphs)
        .filter(|(_, g)| !kb.has_graph(g.as_ref()).unwrap_or(false))
        .map(|(b, _)| b.as_str())
        .collect();
    if !missing.is_empty() {
        anyhow::bail!(argmap::Error::NotFound(format!(
            "no brief {} in the store {}; nothing was dropped (`argmap list` shows what is there)",
            missing.join(", "),
            global.store_path().display()
        )));
    }
    kb.remove_graphs(&graphs)?;
    if !global.quiet {
        eprintln!("dropped {}", args.briefs.join(", "));
    }
    Ok(())
}
