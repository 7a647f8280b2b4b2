//! `argmap push`: upload briefs and the ontology from the local store to a remote SPARQL store, one named graph each.

use std::io::Write;
use std::time::Instant;

use anyhow::{Result, bail};
use argmap::sparql::remote::WriteMethod;
use argmap::vocab::ONTOLOGY;
use clap::Args;
use oxigraph::model::{NamedNode, Triple};

use super::Global;

/// Upload briefs and the ontology to the remote store (--endpoint), replacing each one's named graph
#[derive(Args)]
#[command(
    after_help = "Each graph is replaced whole: with one Graph Store Protocol PUT when --graph-store is given and \
the server takes it, else with DROP SILENT GRAPH and INSERT DATA in batches. A push that stops part way names \
the graphs that are complete; running it again finishes the job.

Examples:
  argmap --endpoint http://localhost:7878/query --update-endpoint http://localhost:7878/update \\
         --graph-store http://localhost:7878/store push
  ARGMAP_ENDPOINT=http://localhost:8890/sparql argmap push kinu-co-17-32"
)]
pub struct PushArgs {
    /// The briefs to push [default: every brief in the local store]
    #[arg(value_name = "BRIEF")]
    briefs: Vec<String>,
    /// Triples per INSERT DATA request when writing with SPARQL Update (servers such as Virtuoso refuse very large ones)
    #[arg(long, default_value_t = 2000, value_name = "N")]
    batch_size: usize,
}

pub fn run(args: PushArgs, global: &Global) -> Result<()> {
    let remote = global.remote.open()?;
    let path = global.store_path();
    if !path.join("CURRENT").exists() {
        bail!(argmap::Error::NotFound(format!(
            "there is no local store at {} to push from; load briefs with `argmap load DIR`",
            path.display()
        )));
    }
    let kb = global.open_store()?;
    let ids = briefs_to_push(&args, &kb, &path)?;
    let iris = global.iris();
    let mut graphs: Vec<(String, NamedNode)> = ids
        .iter()
        .map(|id| Ok((id.clone(), NamedNode::new(iris.graph(id))?)))
        .collect::<Result<_>>()?;
    graphs.push(("the ontology".into(), NamedNode::new_unchecked(ONTOLOGY)));

    let started = Instant::now();
    let show = global.show_progress();
    let mut done: Vec<&str> = Vec::new();
    let mut total = 0usize;
    let mut methods = Vec::new();
    for (i, (label, graph)) in graphs.iter().enumerate() {
        let triples: Vec<Triple> = kb
            .graph_quads(graph.as_ref())?
            .into_iter()
            .map(Triple::from)
            .collect();
        let count = triples.len();
        let mut progress = |written: usize| {
            if show {
                eprint!(
                    "\r\x1b[Kpushing {} of {}: {label}, {written} of {count} triples",
                    i + 1,
                    graphs.len()
                );
                let _ = std::io::stderr().flush();
            }
        };
        let written = remote
            .replace_graph(graph, &triples, args.batch_size, &mut progress)
            .and_then(|method| remote.check_count(graph, count).map(|()| method));
        match written {
            Ok(method) => {
                methods.push(method);
                done.push(label);
                total += count;
            }
            Err(e) => {
                if show {
                    eprintln!();
                }
                let rest: Vec<&str> = graphs[i..].iter().map(|(l, _)| l.as_str()).collect();
                let complete = if done.is_empty() {
                    "none".to_string()
                } else {
                    done.join(", ")
                };
                return Err(anyhow::Error::new(e).context(format!(
                    "the push stopped at {label} ({graph}).\n  complete on the server: {complete} ({} of {})\n  \
                     not complete: {}\n  run the same `argmap push` again to finish: each graph is replaced whole",
                    done.len(),
                    graphs.len(),
                    rest.join(", ")
                )));
            }
        }
    }
    if show {
        eprintln!();
    }
    if !global.quiet {
        let seconds = started.elapsed().as_secs_f64();
        let how = if methods.contains(&WriteMethod::Update) {
            "SPARQL Update"
        } else {
            "the Graph Store Protocol"
        };
        eprintln!(
            "pushed {} brief{} and the ontology: {total} triples to {} with {how} in {seconds:.2} s ({:.0} triples/s)",
            ids.len(),
            if ids.len() == 1 { "" } else { "s" },
            remote.url(),
            total as f64 / seconds.max(1e-9)
        );
    }
    Ok(())
}

/// The briefs named on the command line, all of them in the local store,
/// or every brief there when none is named.
fn briefs_to_push(
    args: &PushArgs,
    kb: &argmap::KnowledgeBase,
    path: &std::path::Path,
) -> Result<Vec<String>> {
    let known: Vec<String> = argmap::read::briefs::briefs(kb)?
        .into_iter()
        .map(|b| b.id)
        .collect();
    if args.briefs.is_empty() {
        return Ok(known);
    }
    let missing: Vec<&str> = args
        .briefs
        .iter()
        .filter(|b| !known.contains(b))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        bail!(argmap::Error::NotFound(format!(
            "no brief {} in the local store {}; nothing was pushed (`argmap list` shows what is there)",
            missing.join(", "),
            path.display()
        )));
    }
    Ok(args.briefs.clone())
}
