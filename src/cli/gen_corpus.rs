//! `argmap gen-corpus`: write synthetic briefs and their maps, deterministic for a seed, for tests and benchmarks.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use argmap::corpus::{Corpus, CorpusConfig, roster};
use argmap::map::check::Disk;
use argmap::store::KnowledgeBase;
use argmap::store::load::{check_maps, compile_maps};
use clap::Args;

use super::Global;

/// Write N synthetic briefs (brief.txt and map.toml each) of the shape of a real mapped brief; the same seed gives the same bytes
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap gen-corpus --briefs 500 --seed 1 --out corpus --nquads corpus.nq\n  argmap gen-corpus --briefs 1 --evidence 2000 --out big     # one large brief\n  argmap gen-corpus --briefs 1 --hypotheses 4 --exclusive --out ach   # rival hypotheses, ranked by `matrix`\n  argmap gen-corpus --briefs 1 --actors 10000 --link-dataset people.ttl --out roster\n  argmap load corpus/*/"
)]
pub struct GenCorpusArgs {
    /// How many briefs to write
    #[arg(long, value_name = "N")]
    briefs: usize,
    /// The seed: the same seed and sizes give the same files
    #[arg(long, default_value_t = 1, value_name = "S")]
    seed: u64,
    /// The folder to write into, one sub-folder per brief (created if missing)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Evidence items per brief [default: 20 to 40, drawn per brief]
    #[arg(long, value_name = "N")]
    evidence: Option<usize>,
    /// Claims per brief [default: 10 to 15, drawn per brief]
    #[arg(long, value_name = "N")]
    claims: Option<usize>,
    /// Hypotheses per brief, at least 2 [default: 3 to 6, drawn per brief]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(2..))]
    hypotheses: Option<u16>,
    /// Make every question's hypotheses exclusive, so that `matrix` ranks them [default: drawn per question]
    #[arg(long)]
    exclusive: bool,
    /// Also declare N actors of unique names in every brief (every tenth an organisation), for `argmap link` to reconcile
    #[arg(long, value_name = "N", value_parser = parse_roster)]
    actors: Option<usize>,
    /// Write a Turtle dataset to reconcile the --actors against: a true match of each, spelt another way, and a decoy
    #[arg(long, value_name = "FILE", requires = "actors")]
    link_dataset: Option<PathBuf>,
    /// Also write the compiled corpus (and the ontology) as one N-Quads file, for other stores to load
    #[arg(long, value_name = "FILE")]
    nquads: Option<PathBuf>,
}

pub fn run(args: GenCorpusArgs, global: &Global) -> Result<()> {
    let corpus = Corpus::new(CorpusConfig {
        seed: args.seed,
        evidence: args.evidence,
        claims: args.claims,
        hypotheses: args.hypotheses.map(usize::from),
        exclusive: args.exclusive.then_some(true),
        roster: args.actors.unwrap_or(0),
    });
    let mut paths = Vec::with_capacity(args.briefs);
    for index in 0..args.briefs {
        let brief = corpus.brief(index);
        let dir = args.out.join(&brief.id);
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let map = dir.join("map.toml");
        fs::write(dir.join("brief.txt"), &brief.text)
            .with_context(|| format!("cannot write {}", dir.join("brief.txt").display()))?;
        fs::write(&map, &brief.map).with_context(|| format!("cannot write {}", map.display()))?;
        paths.push(map);
    }
    let quads = match &args.nquads {
        Some(file) => write_nquads(&paths, file, global)?,
        None => 0,
    };
    if let Some(file) = &args.link_dataset {
        fs::write(file, roster::dataset(args.actors.unwrap_or(0)))
            .with_context(|| format!("cannot write {}", file.display()))?;
    }
    if !global.quiet {
        let also = match &args.nquads {
            Some(file) => format!(", and {quads} quads to {}", file.display()),
            None => String::new(),
        };
        eprintln!(
            "wrote {} brief{} (seed {}) to {}{also}",
            args.briefs,
            if args.briefs == 1 { "" } else { "s" },
            args.seed,
            args.out.display()
        );
    }
    Ok(())
}

/// Writes the compiled corpus and the ontology to `file` as N-Quads; returns how many quads.
fn write_nquads(paths: &[PathBuf], file: &Path, global: &Global) -> Result<usize> {
    let (maps, diagnostics) = check_maps(paths, &Disk);
    let Some(maps) = maps else {
        // A generated map that fails its check is a bug in the generator.
        let first = diagnostics
            .iter()
            .find(|d| d.is_error())
            .map(ToString::to_string)
            .unwrap_or_default();
        return Err(argmap::Error::Internal(format!(
            "a generated map does not pass its check: {first}"
        ))
        .into());
    };
    let out =
        fs::File::create(file).with_context(|| format!("cannot create {}", file.display()))?;
    let mut out = BufWriter::new(out);
    let iris = global.iris();
    let mut quads = 0usize;
    let mut line = String::new();
    let mut write = |q: &oxigraph::model::Quad| -> Result<(), argmap::Error> {
        use std::fmt::Write as _;
        line.clear();
        let _ = writeln!(line, "{q} .");
        quads += 1;
        out.write_all(line.as_bytes())
            .map_err(|e| argmap::Error::Io(format!("cannot write {}: {e}", file.display())))
    };
    compile_maps(&maps, &iris, |_, compiled| {
        compiled.iter().try_for_each(&mut write)
    })?;
    for q in KnowledgeBase::ontology_quads()? {
        write(&q)?;
    }
    out.flush()
        .with_context(|| format!("cannot write {}", file.display()))?;
    Ok(quads)
}

fn parse_roster(text: &str) -> Result<usize, String> {
    let n: usize = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    if n > roster::MAX {
        return Err(format!(
            "at most {} actors have names of their own",
            roster::MAX
        ));
    }
    Ok(n)
}
