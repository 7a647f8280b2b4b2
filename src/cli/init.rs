//! `argmap init`: a brief's folder started, a commented skeleton `map.toml` beside the brief's text, and what to do next.

use std::path::{Path, PathBuf};

use anyhow::Result;
use argmap::Error;
use argmap::map::text::text_of;
use clap::Args;

use super::Global;

/// Start a brief's folder: write a commented map.toml skeleton beside brief.txt
///
/// With the brief's exact text in DIR/brief.txt, the skeleton takes its title (the first line) and
/// its rights (a line with © or "rights"), and checks clean as it is; add questions, hypotheses,
/// claims and evidence from the commented examples. Without brief.txt it says what to do next. An
/// existing map.toml is never overwritten.
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap init briefs/my-brief        # with briefs/my-brief/brief.txt in place\n  argmap init && argmap check ."
)]
pub struct InitArgs {
    /// The brief's folder (created when missing); its name becomes the brief's id
    #[arg(value_name = "DIR", default_value = ".")]
    dir: PathBuf,
    /// The language of the brief's text, a BCP 47 tag
    #[arg(long, default_value = "en", value_name = "TAG")]
    language: String,
    /// Who makes the map [default: $USER]
    #[arg(long, value_name = "NAME")]
    mapped_by: Option<String>,
}

pub fn run(args: InitArgs, global: &Global) -> Result<()> {
    let map_path = args.dir.join("map.toml");
    if map_path.exists() {
        return Err(Error::Refused(format!(
            "{} exists already: init never overwrites a map; edit it, or choose another folder",
            map_path.display()
        ))
        .into());
    }
    std::fs::create_dir_all(&args.dir).map_err(|e| {
        Error::Io(format!(
            "cannot create the folder {}: {e}",
            args.dir.display()
        ))
    })?;
    let text_path = args.dir.join("brief.txt");
    let text = std::fs::read(&text_path).ok().and_then(|b| text_of(b).ok());
    let mapped_by = args
        .mapped_by
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "the analyst".into());
    let skeleton = skeleton(text.as_deref(), &args.language, &mapped_by);
    std::fs::write(&map_path, skeleton).map_err(|e| {
        Error::Io(format!(
            "cannot write {}: {e}; choose a folder you may write",
            map_path.display()
        ))
    })?;
    if !global.quiet {
        eprintln!(
            "{}",
            next_steps(&args.dir, &map_path, &text_path, text.is_some())
        );
    }
    Ok(())
}

/// What to do after `init`, said on stderr.
fn next_steps(dir: &Path, map_path: &Path, text_path: &Path, has_text: bool) -> String {
    let dir = dir.display();
    if has_text {
        format!(
            "wrote {}: it checks against {} as it is\nnext: check the title and rights it took from the text, add questions, hypotheses, claims and evidence (the commented examples show the keys), and run `argmap check {dir}`",
            map_path.display(),
            text_path.display()
        )
    } else {
        format!(
            "wrote {}\nnext: put the brief's exact text in {} (plain UTF-8, as published), fill in the title and rights in [brief], then run `argmap check {dir}`",
            map_path.display(),
            text_path.display()
        )
    }
}

/// The skeleton map: `[brief]` filled in from the text where it can be,
/// and every other section as a commented example.
fn skeleton(text: Option<&str>, language: &str, mapped_by: &str) -> String {
    let lines: Vec<&str> = text
        .unwrap_or("")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let title = lines.first().copied().unwrap_or("The brief's title");
    let rights = lines
        .iter()
        .find(|l| l.contains('©') || l.to_lowercase().contains("rights"))
        .copied()
        .unwrap_or("The brief's rights statement, as it writes it");
    let today = argmap::link::provenance::now_utc();
    let today = today.get(..10).unwrap_or("2026-01-01");
    format!(
        r#"# The map of one brief, beside its exact text in brief.txt.
# `argmap check` says every problem at once. For completion in an editor:
# `argmap schema > map.schema.json`, then `#:schema ./map.schema.json` as
# this file's first line. Ids are lower-case letters, digits and `-`;
# quotes are the brief's exact words.

[brief]
title = {title}
language = {language}
rights = {rights}
mapped-by = {mapped_by}
mapped-on = "{today}"
# author = ["an-actor-id"]
# publisher = "an-actor-id"
# date = "2017"
# furniture = ["A running head", "Page 2"]

# [question.aim]
# text = "What does the author ask?"
# exclusive = true            # the hypotheses exclude each other

# [hypothesis.first-answer]
# answers = "aim"
# text = "One answer, in your words."
# quote = "The brief's exact words for it."
# hedge = "likely"

# [evidence.an-item]
# text = "What the brief reports."
# quote = "The brief's exact words."
# status = "reported"         # reported, observed or inference
# said-by = "an-actor-id"
# supports = ["first-answer"]

# [actor.an-actor-id]
# kind = "organisation"       # person, organisation, state or place
# name = "Its name"

# [[unmapped]]
# quote = "A passage left out on purpose."
# reason = "Why it is left out."
"#,
        title = toml_string(title),
        language = toml_string(language),
        rights = toml_string(rights),
        mapped_by = toml_string(mapped_by),
    )
}

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}
