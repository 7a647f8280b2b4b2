//! `argmap reanchor`: move a map's quotes to a revised text of its brief, reporting quote by quote, and write the new text and map unless told not to.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use argmap::map::check::map_path;
use argmap::map::diagnostic::Diagnostic;
use argmap::map::parse::{RawMap, parse_map};
use argmap::map::reanchor::{
    Entry, MapEdits, MapQuote, OldQuote, Side, Site, edit_map, map_quotes, reanchor,
    repeated_lines, to_json, to_text,
};
use argmap::map::text::{digest, text_of};
use argmap::read::quotes::{StoredText, stored_quotes};
use clap::{Args, ValueEnum};

use super::{Global, Reported, print};

/// Re-anchor a map's quotes in a revised text: each exact, normalised, fuzzy or orphaned, never moved to a lookalike
#[derive(Args)]
#[command(after_help = "Examples:
  argmap reanchor briefs/co-17-32 --text revised.txt --dry-run
  argmap reanchor briefs/co-17-32 --text revised.txt
  argmap reanchor --from-store kinu-co-17-32 --text revised.txt
  argmap reanchor briefs/co-17-32 --from-store kinu-co-17-32 --text revised.txt

Without --dry-run, the map's text file is replaced by the revised text and
each quote found is rewritten in map.toml (comments and layout kept); an
orphaned quote is kept as it was, with a comment saying why. [brief] gets
`revises = \"sha256:…\"`, the digest of the old text, which `load` records
as prov:wasRevisionOf.")]
pub struct ReanchorArgs {
    /// The map: a map.toml, or the folder that holds one (optional with --from-store)
    #[arg(value_name = "MAP_DIR")]
    map: Option<PathBuf>,
    /// The revised text of the brief
    #[arg(long, value_name = "NEW.txt")]
    text: PathBuf,
    /// Report only: write neither the text nor the map
    #[arg(long)]
    dry_run: bool,
    /// Take the old text and each quote's stored prefix, suffix and offsets from brief ID in the store
    #[arg(long, value_name = "ID")]
    from_store: Option<String>,
    /// A running head or page number of the revised text (repeat it); replaces the map's `furniture`
    #[arg(long, value_name = "TEXT")]
    furniture: Vec<String>,
    /// How to report
    #[arg(long, value_enum, default_value_t = ReanchorFormat::Text)]
    format: ReanchorFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReanchorFormat {
    /// One paragraph per quote
    Text,
    /// A JSON document
    Json,
}

/// The map being re-anchored, as read from disk.
struct MapOnDisk {
    path: PathBuf,
    text: String,
    raw: RawMap,
    /// The brief's text file, from `source` in [brief].
    text_path: PathBuf,
}

pub fn run(args: ReanchorArgs, global: &Global) -> Result<()> {
    let new_text = read_text(&args.text)?;
    let map = args.map.as_deref().map(read_map).transpose()?;
    let stored = match &args.from_store {
        Some(id) => Some(stored_quotes(global.read_store()?.as_ref(), id)?),
        None => None,
    };
    let (old_text, old_furniture) = old_text(map.as_ref(), stored.as_ref())?;
    let new_furniture = new_furniture(&args.furniture, &old_furniture, &new_text, global);
    let quotes = match &map {
        Some(m) => map_quotes(&m.raw, &m.text),
        None => stored_sites(stored.as_ref()),
    };
    let old_f: Vec<&str> = old_furniture.iter().map(String::as_str).collect();
    let new_f: Vec<&str> = new_furniture.iter().map(String::as_str).collect();
    let old = Side::new(&old_text, &old_f);
    let new = Side::new(&new_text, &new_f);
    let olds: Vec<OldQuote> = quotes
        .iter()
        .map(|q| old_quote(q, &old, stored.as_ref()))
        .collect();
    let outcomes = reanchor(&olds, &old, &new);
    let entries: Vec<Entry> = quotes
        .iter()
        .zip(olds)
        .zip(outcomes)
        .map(|((q, o), outcome)| Entry {
            quote: q.clone(),
            old_start: o.old.map(|a| a.start),
            outcome,
        })
        .collect();
    let map_name = map
        .as_ref()
        .map_or("store".into(), |m| m.path.display().to_string());
    match args.format {
        ReanchorFormat::Text => print(&to_text(
            &entries,
            &map_name,
            &args.text.display().to_string(),
            &new_text,
            &old_text,
        ))?,
        ReanchorFormat::Json => print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&to_json(&entries, &new_text))?
        ))?,
    }
    let Some(map) = map else {
        global.note("no map given: nothing written");
        return Ok(());
    };
    if args.dry_run {
        global.note("dry run: nothing written");
        return Ok(());
    }
    let edits = MapEdits {
        revises: (digest(&old_text) != digest(&new_text))
            .then(|| format!("sha256:{}", digest(&old_text))),
        furniture: (new_furniture != old_furniture).then_some(new_furniture.clone()),
    };
    let pairs: Vec<(MapQuote, _)> = entries.into_iter().map(|e| (e.quote, e.outcome)).collect();
    let new_map = edit_map(&map.text, &pairs, &edits)
        .map_err(|e| anyhow::anyhow!("cannot edit {}: {e}", map.path.display()))?;
    write_both(&map, &new_map, &std::fs::read(&args.text)?)?;
    global.note(&format!(
        "wrote {} and {}",
        map.text_path.display(),
        map.path.display()
    ));
    Ok(())
}

/// The revised text's furniture: what `--furniture` gives, else the map's
/// own and every short line the revised text repeats on its own (a running
/// head renamed by the reissue), which is noted.
fn new_furniture(given: &[String], old: &[String], new_text: &str, global: &Global) -> Vec<String> {
    if !given.is_empty() {
        return given.to_vec();
    }
    let found: Vec<String> = repeated_lines(new_text)
        .into_iter()
        .filter(|l| !old.iter().any(|f| f.trim() == l))
        .collect();
    if !found.is_empty() {
        global.note(&format!(
            "taking lines the revised text repeats on their own for page furniture: \"{}\" (give --furniture to choose)",
            found.join("\", \"")
        ));
    }
    old.iter().cloned().chain(found).collect()
}

/// Reads a text file through the one reader of user text, naming the file in any error.
fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    text_of(bytes).with_context(|| format!("cannot read {}", path.display()))
}

/// Reads and parses the map; its syntax errors are printed and end the command.
fn read_map(arg: &Path) -> Result<MapOnDisk> {
    let path = map_path(arg);
    let text = read_text(&path)
        .map_err(|e| anyhow::anyhow!("{e:#}\nhelp: give the folder of a map, or its map.toml"))?;
    let (raw, diagnostics) = parse_map(&path, &text);
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    let Some(raw) = raw.filter(|_| errors.is_empty()) else {
        for d in &errors {
            eprintln!("{d}");
        }
        bail!(Reported(1));
    };
    let source = raw
        .brief
        .as_ref()
        .and_then(|b| b.get_ref().source.as_ref())
        .map_or("brief.txt".to_string(), |s| s.get_ref().clone());
    let text_path = path.parent().unwrap_or(Path::new("")).join(source);
    Ok(MapOnDisk {
        path,
        text,
        raw,
        text_path,
    })
}

/// The text the quotes were anchored in, and its furniture: the store's
/// copy when asked for, else the map's own text file.
fn old_text(map: Option<&MapOnDisk>, stored: Option<&StoredText>) -> Result<(String, Vec<String>)> {
    if let Some(s) = stored {
        return Ok((s.content.clone(), s.furniture.clone()));
    }
    let Some(map) = map else {
        bail!(
            "give the map to re-anchor (MAP_DIR), or --from-store ID to re-anchor a stored brief"
        );
    };
    let furniture = map
        .raw
        .brief
        .as_ref()
        .map(|b| {
            b.get_ref()
                .furniture
                .iter()
                .map(|f| f.get_ref().clone())
                .collect()
        })
        .unwrap_or_default();
    let text = read_text(&map.text_path).map_err(|e| {
        anyhow::anyhow!(
            "{e:#}\nhelp: that is the text the map's quotes were anchored in; if it is gone, re-anchor from the store's copy with --from-store ID"
        )
    })?;
    Ok((text, furniture))
}

/// The quotes of a stored brief as sites, when no map is given.
fn stored_sites(stored: Option<&StoredText>) -> Vec<MapQuote> {
    let Some(s) = stored else { return Vec::new() };
    s.quotes
        .iter()
        .filter_map(|q| {
            Some(MapQuote {
                site: site_of(&q.kind, &q.key)?,
                position: None,
                quote: q.quote.clone(),
                occurrence: None,
            })
        })
        .collect()
}

fn site_of(kind: &str, key: &str) -> Option<Site> {
    let kind = match kind {
        "question" => "question",
        "hypothesis" => "hypothesis",
        "claim" => "claim",
        "evidence" => "evidence",
        "event" => "event",
        "unmapped" => {
            let n: usize = key.parse().ok()?;
            return Some(Site::Unmapped {
                index: n.checked_sub(1)?,
            });
        }
        _ => return None,
    };
    Some(Site::Table {
        kind,
        key: key.to_string(),
    })
}

/// The quote with its old place: from the store when it holds the same
/// quote for the same site, else anchored in the old text as `check` does.
fn old_quote(q: &MapQuote, old: &Side, stored: Option<&StoredText>) -> OldQuote {
    let from_store = stored.and_then(|s| {
        s.quotes
            .iter()
            .find(|sq| site_of(&sq.kind, &sq.key).as_ref() == Some(&q.site) && sq.quote == q.quote)
    });
    let anchor = match from_store {
        Some(sq) => Some(sq.anchor.clone()),
        None => match old.find(&q.quote, q.occurrence) {
            argmap::map::anchor::Found::Anchored { anchor, .. } => Some(anchor),
            _ => None,
        },
    };
    OldQuote {
        quote: q.quote.clone(),
        old: anchor,
    }
}

/// Writes the new text and map beside the old ones, then puts them in
/// place: a failed write leaves both files as they were.
fn write_both(map: &MapOnDisk, new_map: &str, new_text: &[u8]) -> Result<()> {
    let temp = |path: &Path| {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".reanchor-new");
        path.with_file_name(name)
    };
    let (text_temp, map_temp) = (temp(&map.text_path), temp(&map.path));
    let written = std::fs::write(&text_temp, new_text)
        .with_context(|| format!("cannot write {}", text_temp.display()))
        .and_then(|()| {
            std::fs::write(&map_temp, new_map)
                .with_context(|| format!("cannot write {}", map_temp.display()))
        });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&text_temp);
        let _ = std::fs::remove_file(&map_temp);
        return Err(e.context("nothing was changed"));
    }
    std::fs::rename(&text_temp, &map.text_path)
        .with_context(|| format!("cannot replace {}", map.text_path.display()))?;
    std::fs::rename(&map_temp, &map.path)
        .with_context(|| format!("cannot replace {}", map.path.display()))?;
    Ok(())
}
