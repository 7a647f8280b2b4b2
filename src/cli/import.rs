//! `argmap import`: read AIF JSON and Argdown files into briefs of the store, all or nothing.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Result;
use argmap::KnowledgeBase;
use argmap::interchange::{Roles, default_id, import_with};
use argmap::map::diagnostic::{Diagnostic, has_errors};
use argmap::store::GraphData;
use argmap::store::compile::compile;
use argmap::vocab::ONTOLOGY;
use clap::Args;
use oxigraph::model::NamedNode;

use super::Global;

/// Import AIF (AIFdb JSON, OVA3/xAIF) and Argdown files as briefs of the store
///
/// The format comes from the extension (`.json` is AIF, `.argdown` is
/// Argdown) or, failing that, from the content. Each file becomes one brief,
/// by default named after the file; importing it again replaces it. A defect
/// (an edge to a missing node, a scheme node with no premise) is a warning
/// and the rest of the file imports; with --strict the file is refused. Either
/// way the store is written all or nothing.
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap import nodeset10.json\n  argmap import debate.argdown --brief my-debate\n  argmap import --strict maps/*.json"
)]
pub struct ImportArgs {
    /// Files to import: AIF JSON or Argdown
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The brief's id (only with one file) [default: the file's name]
    #[arg(long, value_name = "ID")]
    brief: Option<String>,
    /// Refuse a file with any defect instead of importing the rest of it
    #[arg(long)]
    strict: bool,
    /// An Argdown tag (without `#`) that marks a hypothesis, besides
    /// `#hypothesis`; repeat it for each (the frontmatter's
    /// `argmap: hypothesis-tags: [H1, H2]` says the same)
    #[arg(long, value_name = "TAG")]
    hypothesis_tag: Vec<String>,
    /// Read and check the files and count what they would add, but write
    /// nothing (the store need not exist)
    #[arg(long)]
    check: bool,
}

pub fn run(args: ImportArgs, global: &Global) -> Result<()> {
    let started = Instant::now();
    if args.brief.is_some() && args.files.len() > 1 {
        anyhow::bail!(
            "--brief names one brief, but {} files were given; import them one by one, or leave --brief out to name each after its file",
            args.files.len()
        );
    }
    if let Some(id) = &args.brief {
        let slug = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !slug {
            anyhow::bail!(
                "--brief `{id}` is not a slug; use lower-case letters a–z, digits and `-`"
            );
        }
    }
    let iris = global.iris();
    let mut diagnostics = Vec::new();
    let mut graphs = Vec::new();
    let mut ids: Vec<(String, PathBuf)> = Vec::new();
    for file in &args.files {
        let text = match read_text(file) {
            Ok(text) => text,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        let id = args.brief.clone().unwrap_or_else(|| default_id(file));
        if let Some((_, other)) = ids.iter().find(|(other, _)| *other == id) {
            diagnostics.push(
                Diagnostic::error(
                    file,
                    None,
                    format!("brief `{id}` is also imported from {}", other.display()),
                )
                .with_help("rename one of the files, or import them in two calls"),
            );
            continue;
        }
        let roles = Roles {
            hypothesis_tags: args
                .hypothesis_tag
                .iter()
                .map(|t| t.trim_start_matches('#').to_string())
                .collect(),
        };
        let checked = import_with(file, &text, &id, args.strict, &roles);
        diagnostics.extend(checked.diagnostics);
        if let Some(map) = checked.map {
            ids.push((id.clone(), file.clone()));
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
            anyhow::Error::new(argmap::Error::Invalid(errors)).context("nothing was imported")
        );
    }
    if args.check {
        let total: usize = graphs.iter().map(|g| g.quads.len()).sum();
        if !global.quiet {
            eprintln!(
                "checked {} brief{}: {total} quads, nothing written, in {:.0?}",
                ids.len(),
                if ids.len() == 1 { "" } else { "s" },
                started.elapsed()
            );
        }
        return Ok(());
    }
    graphs.push(GraphData {
        graph: NamedNode::new_unchecked(ONTOLOGY),
        quads: KnowledgeBase::ontology_quads()?,
    });
    let total: usize = graphs.iter().map(|g| g.quads.len()).sum();
    let kb = global.open_store()?;
    if global.show_progress() {
        eprintln!("importing {total} quads");
    }
    kb.replace_graphs(&graphs)?;
    if !global.quiet {
        eprintln!(
            "imported {} brief{}: {total} quads into {} in {:.0?}",
            ids.len(),
            if ids.len() == 1 { "" } else { "s" },
            global.store_path().display(),
            started.elapsed()
        );
    }
    Ok(())
}

/// The text of `file`, or why it has none: it cannot be read, or it is not
/// UTF-8 text (with the place of the first bad byte, or what it is instead).
fn read_text(file: &Path) -> Result<String, Diagnostic> {
    match std::fs::read(file).map(argmap::map::text::text_of) {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(Diagnostic::error(
            file,
            argmap::map::text::read_error_position(&e),
            e.to_string(),
        )
        .with_help(
            argmap::map::text::not_text_help(&e).unwrap_or_else(|| "save the file as UTF-8".into()),
        )),
        Err(e) => Err(Diagnostic::error(file, None, format!("cannot read: {e}"))),
    }
}
