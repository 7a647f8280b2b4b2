//! `argmap export`: the store, a brief or a hypothesis's support tree as RDF (six formats), as a picture (DOT, SVG, GraphML, Mermaid, Cytoscape.js), or a brief in an interchange format (AIF JSON, AIF RDF, Argdown, ICCMA apx).

use std::path::PathBuf;

use anyhow::{Context, Result};
use argmap::export::{self, Scope, cytoscape, dot, graphml, mermaid, svg};
use clap::{Args, ValueEnum};
use oxigraph::io::{JsonLdProfileSet, RdfFormat};

use super::output::write_whole;
use super::{Global, Reported, print};

/// Export the store, a brief or one hypothesis's support tree, as RDF or as a picture
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap export --format trig > store.trig                  # the whole store\n  argmap export --brief kinu-co-17-32 --format jsonld\n  argmap export --brief kinu-co-17-32 --format dot | dot -Tpng > map.png\n  argmap export --brief kinu-co-17-32 --format svg --entities > with-actors.svg\n  argmap export --hypothesis buffer-zone --format svg --output buffer-zone.svg\n\nThe whole store needs a format that holds named graphs (trig, nquads, jsonld);\nevery other format needs --brief or --hypothesis."
)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, short, value_enum)]
    format: ExportFormat,
    /// Export one brief [default: the whole store]
    #[arg(long, value_name = "ID")]
    brief: Option<String>,
    /// Export one hypothesis's support tree: what supports it down to the evidence, what opposes any node of it, its question, and the sources and actors cited (with --brief when several briefs have a hypothesis of that id)
    #[arg(long, value_name = "ID")]
    hypothesis: Option<String>,
    /// Pictures (dot, svg, graphml, mermaid, cytoscape): draw actors and events too, with their mentions, said-by and participant links [default: the argument only: question, hypotheses, claims, evidence and sources]
    #[arg(long)]
    entities: bool,
    /// Write to FILE instead of stdout (written whole, or not at all)
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Every format `export` writes. RDF formats come first, then pictures.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// RDF Turtle (one brief or hypothesis)
    Turtle,
    /// RDF TriG: named graphs kept
    Trig,
    /// RDF N-Triples (one brief or hypothesis)
    Ntriples,
    /// RDF N-Quads: named graphs kept
    Nquads,
    /// RDF/XML (one brief or hypothesis)
    Rdfxml,
    /// JSON-LD with the project's prefixes in @context and compact IRIs
    Jsonld,
    /// Graphviz DOT, one cluster per hypothesis
    Dot,
    /// SVG laid out by argmap itself (no Graphviz needed)
    Svg,
    /// GraphML with typed attributes (yEd, Gephi, networkx)
    Graphml,
    /// A Mermaid flowchart for Markdown pages
    Mermaid,
    /// Cytoscape.js JSON
    Cytoscape,
    /// AIFdb JSON: {"nodes", "edges", "locutions"} (one brief)
    Aif,
    /// AIF RDF in Turtle, namespace http://www.arg.tech/aif# (one brief)
    AifRdf,
    /// Argdown text (one brief)
    Argdown,
    /// ICCMA apx (`arg(a).`, `att(a,b).`): the brief's attacks, for external argumentation solvers (one brief)
    Apx,
}

impl ExportFormat {
    /// The RDF format, for the RDF variants.
    pub fn rdf(self) -> Option<RdfFormat> {
        Some(match self {
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::Trig => RdfFormat::TriG,
            ExportFormat::Ntriples => RdfFormat::NTriples,
            ExportFormat::Nquads => RdfFormat::NQuads,
            ExportFormat::Rdfxml => RdfFormat::RdfXml,
            ExportFormat::Jsonld => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
            _ => return None,
        })
    }

    fn name(self) -> String {
        self.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }
}

pub fn run(args: ExportArgs, global: &Global) -> Result<()> {
    let scope = match (&args.hypothesis, &args.brief) {
        (Some(key), brief) => Scope::Hypothesis {
            brief: brief.clone(),
            key: key.clone(),
        },
        (None, Some(id)) => Scope::Brief(id.clone()),
        (None, None) => Scope::Store,
    };
    let dataset = args.format.rdf().is_some_and(|f| f.supports_datasets());
    if scope == Scope::Store && !dataset {
        let why = if args.format.rdf().is_some() {
            format!(
                "{} cannot hold the store's named graphs: use TriG (--format trig) or N-Quads (--format nquads), or JSON-LD, for the whole store; or export one brief with --brief ID",
                args.format.name()
            )
        } else {
            format!(
                "--format {} exports one brief: give --brief ID or --hypothesis ID (`argmap list` shows them)",
                args.format.name()
            )
        };
        eprintln!("error: {why}");
        return Err(Reported(2).into());
    }
    let interchange = matches!(
        args.format,
        ExportFormat::Aif | ExportFormat::AifRdf | ExportFormat::Argdown | ExportFormat::Apx
    );
    if interchange && !matches!(scope, Scope::Brief(_)) {
        eprintln!(
            "error: --format {} writes a whole brief: give --brief ID",
            args.format.name()
        );
        return Err(Reported(2).into());
    }
    let picture_format = matches!(
        args.format,
        ExportFormat::Dot
            | ExportFormat::Svg
            | ExportFormat::Graphml
            | ExportFormat::Mermaid
            | ExportFormat::Cytoscape
    );
    if args.entities && !picture_format {
        eprintln!(
            "error: --entities chooses what a picture draws; --format {} always holds the actors and events: leave --entities out, or choose dot, svg, graphml, mermaid or cytoscape",
            args.format.name()
        );
        return Err(Reported(2).into());
    }
    let kb = global.read_store()?;
    let interchange_graph = || -> Result<argmap::read::graph::BriefGraph> {
        let Scope::Brief(id) = &scope else {
            unreachable!("checked above")
        };
        Ok(argmap::read::graph::brief_graph(kb.as_ref(), id)?)
    };
    if interchange {
        let graph = interchange_graph()?;
        let text = interchange_text(args.format, kb.as_ref(), &graph)?;
        return match &args.output {
            Some(path) => write_whole(path, &text),
            None => print(&text),
        };
    }
    let selection = export::select(kb.as_ref(), &scope)?;
    // One arm per format, with no catch-all, so that a new variant must say how it is written.
    let picture = || {
        selection
            .as_ref()
            .map(|s| {
                export::picture(
                    s,
                    export::PictureOptions {
                        entities: args.entities,
                    },
                )
            })
            .expect("a picture has a brief: checked above")
    };
    let text = match args.format {
        ExportFormat::Turtle
        | ExportFormat::Trig
        | ExportFormat::Ntriples
        | ExportFormat::Nquads
        | ExportFormat::Rdfxml
        | ExportFormat::Jsonld => {
            let format = args.format.rdf().expect("an RDF format");
            let quads = export::quads(kb.as_ref(), selection.as_ref())?;
            let mut bytes = Vec::new();
            let prefixes = export::prefixes(&global.iris(), selection.as_ref());
            export::rdf::write(&quads, format, &prefixes, &mut bytes)?;
            String::from_utf8(bytes).context("the RDF writer wrote invalid UTF-8")?
        }
        ExportFormat::Dot => dot::write(&picture()),
        ExportFormat::Svg => svg::write(&picture()),
        ExportFormat::Graphml => graphml::write(&picture()),
        ExportFormat::Mermaid => mermaid::write(&picture()),
        ExportFormat::Cytoscape => {
            serde_json::to_string_pretty(&cytoscape::write(&picture()))? + "\n"
        }
        ExportFormat::Aif | ExportFormat::AifRdf | ExportFormat::Argdown | ExportFormat::Apx => {
            unreachable!("written above")
        }
    };
    match &args.output {
        Some(path) => write_whole(path, &text),
        None => print(&text),
    }
}

/// A brief's graph in one of the interchange formats (AIF, AIF-RDF, Argdown, apx).
fn interchange_text(
    format: ExportFormat,
    kb: &dyn argmap::sparql::Backend,
    graph: &argmap::read::graph::BriefGraph,
) -> Result<String> {
    Ok(match format {
        ExportFormat::Aif => argmap::interchange::aif::write_json(graph),
        ExportFormat::AifRdf => argmap::interchange::aif::write_rdf(graph)?,
        ExportFormat::Apx => {
            let framework = argmap::evaluate::read_framework(kb, &graph.brief)?;
            export::apx::write(&framework, &format!("brief {}", graph.brief.id))
        }
        _ => {
            let extras = argmap::interchange::argdown::extras(kb, graph)?;
            argmap::interchange::argdown::write(graph, &extras)
        }
    })
}
