//! `argmap import`: read AIF JSON and Argdown files into briefs of the store, all or nothing.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Result;
use argmap::KnowledgeBase;
use argmap::interchange::{
    ImportOptions, Named, Roles, default_id, import_with, read_roles_file, roles_file_for,
};
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
///
/// Which propositions are the rival hypotheses and which the evidence is
/// inferred where the map's structure makes it clear (and a note says
/// what was inferred); --hypothesis, --hypothesis-tag, --evidence and
/// --exclusive say it explicitly, as does a roles file `<file>.argmap.toml`
/// beside the file (or named with --roles).
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap import nodeset10.json\n  argmap import debate.argdown --brief my-debate\n  argmap import --strict maps/*.json\n  argmap import ach.json --hypothesis h1 --hypothesis h2 --exclusive\n  argmap import debate.argdown --hypothesis-tag H1 --hypothesis-tag H2"
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
    /// A hypothesis, by its id in the file (AIF nodeID, Argdown title) or key (repeatable; one file only)
    #[arg(long = "hypothesis", value_name = "ID")]
    hypotheses: Vec<String>,
    /// A tag whose statements are hypotheses, such as H1 or #H1 (repeatable)
    #[arg(long = "hypothesis-tag", value_name = "TAG")]
    hypothesis_tags: Vec<String>,
    /// An item of evidence, by its id in the file or key (repeatable; one file only)
    #[arg(long = "evidence", value_name = "ID")]
    evidence: Vec<String>,
    /// The hypotheses exclude each other: `matrix` ranks them
    #[arg(long, conflicts_with = "complementary")]
    exclusive: bool,
    /// The hypotheses do not exclude each other: `matrix` compares them without a winner
    #[arg(long)]
    complementary: bool,
    /// The question the hypotheses answer
    #[arg(long, value_name = "TEXT")]
    question: Option<String>,
    /// The roles file [default: <FILE>.argmap.toml beside the file, if there is one]
    #[arg(long, value_name = "TOML")]
    roles: Option<PathBuf>,
    /// Read and check the files and count what they would add, but write
    /// nothing (the store need not exist)
    #[arg(long)]
    check: bool,
}

impl ImportArgs {
    /// The roles the command line says.
    fn roles(&self) -> Roles {
        let named = |list: &[String]| list.iter().map(|n| Named::option(n)).collect();
        Roles {
            hypotheses: named(&self.hypotheses),
            hypothesis_tags: named(&self.hypothesis_tags),
            evidence: named(&self.evidence),
            exclusive: match (self.exclusive, self.complementary) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            },
            question: self.question.clone(),
        }
    }
}

/// The roles for `file`: its roles file's (the one named, or the one
/// beside it), then the command line's.
fn roles_for(file: &Path, named: Option<&Path>, options: Roles) -> Result<Roles, Vec<Diagnostic>> {
    let sidecar = named.map_or_else(|| roles_file_for(file), Path::to_path_buf);
    if named.is_none() && !sidecar.exists() {
        return Ok(options);
    }
    let text = read_text(&sidecar).map_err(|d| vec![d])?;
    Ok(read_roles_file(&sidecar, &text)?.and(options))
}

pub fn run(args: ImportArgs, global: &Global) -> Result<()> {
    let started = Instant::now();
    if args.brief.is_some() && args.files.len() > 1 {
        anyhow::bail!(
            "--brief names one brief, but {} files were given; import them one by one, or leave --brief out to name each after its file",
            args.files.len()
        );
    }
    let per_file = !args.hypotheses.is_empty() || !args.evidence.is_empty() || args.roles.is_some();
    if per_file && args.files.len() > 1 {
        anyhow::bail!(
            "--hypothesis, --evidence and --roles name the nodes of one file, but {} files were given; import them one by one, or put a roles file <FILE>.argmap.toml beside each",
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
        let roles = match roles_for(file, args.roles.as_deref(), args.roles()) {
            Ok(roles) => roles,
            Err(problems) => {
                diagnostics.extend(problems);
                continue;
            }
        };
        let options = ImportOptions {
            strict: args.strict,
            roles,
        };
        let checked = import_with(file, &text, &id, &options);
        diagnostics.extend(checked.diagnostics);
        if let Some(map) = checked.map {
            ids.push((id.clone(), file.clone()));
            graphs.push(GraphData {
                graph: NamedNode::new_unchecked(iris.graph(&map.id)),
                quads: compile(&map, &iris),
            });
        }
    }
    // Notes say what was inferred; --quiet keeps them back, not the warnings.
    let shown = |d: &&Diagnostic| {
        !d.is_error() && (d.severity != argmap::map::diagnostic::Severity::Note || !global.quiet)
    };
    for d in diagnostics.iter().filter(shown) {
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
