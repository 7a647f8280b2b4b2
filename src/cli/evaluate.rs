//! `argmap evaluate`: which arguments stand under Dung's semantics, printed and written to each brief's evaluation graph.

use std::path::PathBuf;

use anyhow::{Context, Result};
use argmap::evaluate::apx::parse_apx;
use argmap::evaluate::graph::{evaluation_graph, evaluation_quads};
use argmap::evaluate::json::to_json;
use argmap::evaluate::text::to_text;
use argmap::evaluate::{
    DEFAULT_MAX_STEPS, Evaluation, Limits, Semantics, evaluate, read_framework,
};
use argmap::read::briefs::chosen;
use argmap::sparql::Backend;
use argmap::store::GraphData;
use clap::{Args, ValueEnum};
use oxigraph::model::Triple;

use super::{Global, print};

/// Label every argument in, out or undecided (Dung's abstract argumentation): which hypotheses stand, and what defeats the others
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap evaluate                                  # every brief, grounded semantics\n  argmap evaluate --brief kinu-co-17-32 --semantics preferred\n  argmap evaluate --apx framework.apx --semantics stable --format json\n\nThe attacks are the map's `opposes` edges (strong or not) and the undercuts of imported maps.\nThe labels are written to <BASE>graph/evaluation/<brief>, replaced whole on each run, with the\nsemantics and date as provenance (prov:wasGeneratedBy, prov:endedAtTime); `argmap drop` of the\nbrief removes it. With --endpoint they are read from and written to the remote store."
)]
pub struct EvaluateArgs {
    /// The brief to evaluate [default: every brief in the store]
    #[arg(long, value_name = "ID", conflicts_with = "apx")]
    brief: Option<String>,
    /// The semantics: grounded (computed in linear time), preferred or stable (by exact search)
    #[arg(long, value_enum, default_value_t = SemanticsArg::Grounded)]
    semantics: SemanticsArg,
    /// Output format
    #[arg(long, value_enum, default_value_t = EvaluateFormat::Text)]
    format: EvaluateFormat,
    /// Evaluate the framework of an ICCMA apx file instead of the store (nothing is written)
    #[arg(long, value_name = "FILE")]
    apx: Option<PathBuf>,
    /// Print the labels without writing them to the store
    #[arg(long)]
    no_write: bool,
    /// The most steps the preferred or stable search may take before it gives up and says to use an external solver
    #[arg(long, default_value_t = DEFAULT_MAX_STEPS, value_name = "N")]
    max_steps: u64,
}

#[derive(Clone, Copy, ValueEnum)]
enum SemanticsArg {
    /// The least complete labelling: accepted by every reasonable position
    Grounded,
    /// In when in every preferred (maximal admissible) extension
    Preferred,
    /// In when in every stable extension
    Stable,
}

#[derive(Clone, Copy, ValueEnum)]
enum EvaluateFormat {
    /// The verdict on each hypothesis and the arguments out or undecided, with reasons
    Text,
    /// Stable JSON (format "argmap-evaluate/1"), documented in the README
    Json,
}

pub fn run(args: EvaluateArgs, global: &Global) -> Result<()> {
    let semantics = match args.semantics {
        SemanticsArg::Grounded => Semantics::Grounded,
        SemanticsArg::Preferred => Semantics::Preferred,
        SemanticsArg::Stable => Semantics::Stable,
    };
    let limits = Limits {
        max_steps: args.max_steps,
    };
    let when = argmap::link::now_utc();
    let evaluations = match &args.apx {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let framework = parse_apx(path, &text)?;
            vec![evaluate(framework, semantics, limits, &when)?]
        }
        None => evaluate_store(&args, global, semantics, limits, &when)?,
    };
    match args.format {
        EvaluateFormat::Text => print(&to_text(&evaluations)),
        EvaluateFormat::Json => print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&to_json(&evaluations, &global.iris()))?
        )),
    }
}

/// Evaluates the chosen briefs and, unless told not to, writes their
/// labels: to the remote store with --endpoint, else to the local store
/// (all graphs in one write). With no store yet, the bundled brief is
/// evaluated and nothing is written.
fn evaluate_store(
    args: &EvaluateArgs,
    global: &Global,
    semantics: Semantics,
    limits: Limits,
    when: &str,
) -> Result<Vec<Evaluation>> {
    let remote = global.remote.endpoint.is_some();
    let local_exists = argmap::KnowledgeBase::exists(&global.store_path())?;
    if args.no_write || (!remote && !local_exists) {
        let kb = global.read_store()?;
        return run_all(kb.as_ref(), args, semantics, limits, when);
    }
    let iris = global.iris();
    if remote {
        let remote = global.remote.open()?;
        let evaluations = run_all(&remote, args, semantics, limits, when)?;
        for e in &evaluations {
            let Some(brief) = &e.brief else { continue };
            let graph = evaluation_graph(&iris, &brief.id);
            let triples: Vec<Triple> = evaluation_quads(&iris, e)
                .into_iter()
                .map(Triple::from)
                .collect();
            remote
                .replace_graph(&graph, &triples, 2000, &mut |_| {})
                .and_then(|_| remote.check_count(&graph, triples.len()))
                .with_context(|| format!("writing the labels of {} to {graph}", brief.id))?;
            global.note(&format!("labels written to {graph}"));
        }
        return Ok(evaluations);
    }
    let kb = global.open_store()?;
    let evaluations = run_all(&kb, args, semantics, limits, when)?;
    let graphs: Vec<GraphData> = evaluations
        .iter()
        .filter_map(|e| {
            let brief = e.brief.as_ref()?;
            Some(GraphData {
                graph: evaluation_graph(&iris, &brief.id),
                quads: evaluation_quads(&iris, e),
            })
        })
        .collect();
    kb.replace_graphs(&graphs)?;
    for g in &graphs {
        global.note(&format!("labels written to {}", g.graph));
    }
    Ok(evaluations)
}

/// Every chosen brief read as a framework and evaluated.
fn run_all(
    backend: &dyn Backend,
    args: &EvaluateArgs,
    semantics: Semantics,
    limits: Limits,
    when: &str,
) -> Result<Vec<Evaluation>> {
    let mut out = Vec::new();
    for brief in chosen(backend, args.brief.as_deref())? {
        let framework = read_framework(backend, &brief)?;
        let mut e = evaluate(framework, semantics, limits, when)
            .with_context(|| format!("evaluating brief {}", brief.id))?;
        e.brief = Some(brief);
        out.push(e);
    }
    Ok(out)
}
