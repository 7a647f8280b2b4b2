//! `argmap draft`: a first map of a brief from its text, written beside a copy of the text, never over a map.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use argmap::draft::dates::Ymd;
use argmap::draft::{Known, Options, draft};
use argmap::link::store_entities;
use argmap::map::check::{Disk, check_map};
use argmap::map::diagnostic::has_errors;
use argmap::map::model::Map;
use argmap::map::text::{read_error_position, text_of};
use clap::Args;

use super::Global;

/// Draft a map of a brief from its text: metadata, furniture, question and readings, claims, actors, dates
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap draft brief.txt --id my-brief --out seeds\n  argmap draft report.txt --date 2023-12-13 --no-reuse\n\nWrites DIR/ID/brief.txt (the text, byte for byte) and DIR/ID/map.toml. When DIR/ID/map.toml\nexists, writes the proposals for what it does not yet quote to DIR/ID/map.draft.toml instead.\nEvery guess carries a `# draft:` comment saying what it was guessed from."
)]
pub struct DraftArgs {
    /// The brief's text (UTF-8)
    #[arg(value_name = "BRIEF")]
    brief: PathBuf,
    /// The brief's id [default: the file's name, or its folder's when the file is brief.txt]
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    /// The folder the brief's folder is made in
    #[arg(long, value_name = "DIR", default_value = ".")]
    out: PathBuf,
    /// The date of issue (YYYY-MM-DD), when the text does not give it; relative dates are resolved against it
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<String>,
    /// Reuse no keys from the store (the actors, sources and events of the briefs already loaded)
    #[arg(long)]
    no_reuse: bool,
}

fn parse_date(text: &str) -> Result<String, String> {
    Ymd::parse(text)
        .map(|d| d.iso())
        .ok_or_else(|| format!("`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2017-12-15"))
}

pub fn run(args: DraftArgs, global: &Global) -> Result<()> {
    let bytes = std::fs::read(&args.brief)
        .with_context(|| format!("cannot read {}", args.brief.display()))?;
    let text = text_of(bytes.clone()).map_err(|e| not_text(&args.brief, &e))?;
    let id = match &args.id {
        Some(id) => id.clone(),
        None => default_id(&args.brief),
    };
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        bail!(argmap::Error::Refused(format!(
            "`{id}` is not a brief id: use lower-case letters a-z, digits and `-`, e.g. --id kinu-co-17-32"
        )));
    }
    let folder = args.out.join(&id);
    let existing = existing_map(&folder, &bytes)?;
    let mut known = if args.no_reuse {
        Vec::new()
    } else {
        store_known(global)?
    };
    let mut covered = Vec::new();
    if let Some(map) = &existing {
        known.splice(0..0, map_known(map));
        covered = map
            .quotes()
            .map(|(_, _, q)| (q.anchor.start, q.anchor.end))
            .collect();
    }
    let options = Options {
        id: id.clone(),
        today: today(),
        issued: args.date.clone(),
        known,
        covered,
    };
    let started = Instant::now();
    let drafted = draft(&text, &options);
    let elapsed = started.elapsed();
    let name = if existing.is_some() {
        "map.draft.toml"
    } else {
        "map.toml"
    };
    let target = folder.join(name);
    if target.exists() {
        bail!(argmap::Error::Refused(format!(
            "{} exists, and draft never overwrites a map: remove it, or give another --out or --id",
            target.display()
        )));
    }
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("cannot create {}", folder.display()))?;
    let brief_path = folder.join("brief.txt");
    if !brief_path.exists() {
        write_new(&brief_path, &bytes)?;
    }
    write_new(&target, drafted.toml.as_bytes())?;
    let checked = check_map(&target, &Disk);
    let s = &drafted.summary;
    let n = |count: usize, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    global.note(&format!(
        "drafted {} in {:.1} ms: {}, {} with {}, {} and evidence, {} unmapped, {} ({} reused), {}, {}{}",
        target.display(),
        elapsed.as_secs_f64() * 1000.0,
        n(s.sentences, "sentence", "sentences"),
        n(s.questions, "question", "questions"),
        n(s.hypotheses, "hypothesis", "hypotheses"),
        n(s.nodes, "claim", "claims"),
        s.unmapped,
        n(s.actors, "actor", "actors"),
        s.reused,
        n(s.events, "event", "events"),
        n(s.furniture, "furniture line", "furniture lines"),
        if s.covered > 0 { format!("; {} the map already quotes left out", n(s.covered, "sentence", "sentences")) } else { String::new() },
    ));
    if has_errors(&checked.diagnostics) {
        return Err(argmap::Error::Invalid(checked.diagnostics)).context(format!(
            "the draft {} was written but does not check; please report this with the text that caused it",
            target.display()
        ));
    }
    Ok(())
}

/// The error for a brief that is not UTF-8 text, with its place.
fn not_text(path: &Path, e: &io::Error) -> anyhow::Error {
    let place = match read_error_position(e) {
        Some(p) => format!("{}:{}:{}", path.display(), p.line, p.column),
        None => path.display().to_string(),
    };
    anyhow::Error::new(argmap::Error::Refused(format!(
        "{place}: {e}; draft reads UTF-8 text: convert the file (e.g. `iconv -f latin1 -t utf-8`) or extract its text first"
    )))
}

/// The id from the file's name: "brief.txt" takes its folder's.
fn default_id(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("brief");
    let name = if stem == "brief" {
        path.canonicalize()
            .ok()
            .and_then(|p| p.parent()?.file_name()?.to_str().map(String::from))
            .unwrap_or_else(|| stem.to_string())
    } else {
        stem.to_string()
    };
    argmap::draft::names::slug(&name)
}

/// The map already in `folder`, checked, when there is one; its text must be the brief's.
fn existing_map(folder: &Path, bytes: &[u8]) -> Result<Option<Map>> {
    let brief = folder.join("brief.txt");
    if brief.exists() && std::fs::read(&brief)? != bytes {
        bail!(argmap::Error::Refused(format!(
            "{} holds another text than the one given: draft never overwrites a brief; give another --id or --out",
            brief.display()
        )));
    }
    let map_path = folder.join("map.toml");
    if !map_path.exists() {
        return Ok(None);
    }
    let checked = check_map(&map_path, &Disk);
    match checked.map {
        Some(map) => Ok(Some(map)),
        None => Err(argmap::Error::Invalid(checked.diagnostics)).context(format!(
            "{} does not check: fix it first, so that the draft can leave out what it already maps",
            map_path.display()
        )),
    }
}

/// The actors, sources and events of a map, to reuse.
fn map_known(map: &Map) -> Vec<Known> {
    let actors = map.actors.iter().map(|a| Known {
        key: a.key.clone(),
        kind: a.kind.to_string(),
        names: std::iter::once(a.name.clone())
            .chain(a.aliases.iter().cloned())
            .collect(),
    });
    let sources = map.sources.iter().map(|s| Known {
        key: s.key.clone(),
        kind: "source".into(),
        names: vec![s.title.clone()],
    });
    let events = map.events.iter().map(|e| Known {
        key: e.key.clone(),
        kind: "event".into(),
        names: vec![e.text.clone()],
    });
    actors.chain(sources).chain(events).collect()
}

/// The store's actors, sources and events (the bundled brief's when there is no store yet).
fn store_known(global: &Global) -> Result<Vec<Known>> {
    let backend = global.read_store()?;
    let entities = store_entities(backend.as_ref())?;
    let base = global.iris().base().to_string();
    let mut out: Vec<Known> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for e in entities {
        let Some(rest) = e.iri.strip_prefix(&base) else {
            continue;
        };
        let Some((_, key)) = rest.split_once('/') else {
            continue;
        };
        if key.contains('/') {
            continue;
        }
        let Some(kind) = e.kinds.iter().next() else {
            continue;
        };
        let mut labels: Vec<&argmap::link::Label> = e.labels.iter().collect();
        labels.sort_by_key(|l| !l.preferred);
        let names: Vec<String> = labels.iter().map(|l| l.text.clone()).collect();
        match seen.get(key) {
            Some(&i) => out[i].names.extend(names),
            None => {
                seen.insert(key.to_string(), out.len());
                out.push(Known {
                    key: key.to_string(),
                    kind: kind.name().to_string(),
                    names,
                });
            }
        }
    }
    Ok(out)
}

/// Writes a new file whole: to a temporary name first, so that a failed write leaves nothing half-written.
fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let temporary = path.with_extension("draft-partial");
    std::fs::write(&temporary, bytes)
        .and_then(|()| std::fs::rename(&temporary, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&temporary);
        })
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Today's date, or that of SOURCE_DATE_EPOCH when it is set, so that a draft can be reproduced byte for byte.
fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    Ymd::from_unix_days(seconds.div_euclid(86_400)).iso()
}
