//! `argmap report`: one self-contained HTML page per brief, to read, click through and print.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Result;
use argmap::report::{Options, choose_brief, gather, to_html};
use clap::Args;

use super::output::write_whole;
use super::{Global, print};

/// Write one self-contained HTML page for a brief: its map, support trees, text with every quote highlighted, matrix, timeline and actors
#[derive(Args)]
#[command(
    after_help = "The page makes no request of its own: fonts, styles and script are inline, so it opens offline and can be mailed as one file.\n\nExamples:\n  argmap report                               # the bundled brief (or the store's only brief) → kinu-co-17-32.html\n  argmap report --brief kinu-co-17-32 --out report.html\n  argmap report --out - > page.html           # to stdout\n  argmap --endpoint http://127.0.0.1:7878/query report --brief kinu-co-17-32"
)]
pub struct ReportArgs {
    /// The brief, by id or IRI [default: the bundled brief kinu-co-17-32 if the store holds it, else the store's only brief]
    #[arg(long, value_name = "ID|IRI")]
    brief: Option<String>,
    /// Where to write the page; `-` for stdout [default: BRIEF-ID.html in the current folder]
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Draw the argument map in full up to this many nodes; past it, only questions, hypotheses and claims
    #[arg(long, value_name = "N", default_value_t = argmap::report::MAP_LIMIT)]
    map_limit: usize,
}

pub fn run(args: ReportArgs, global: &Global) -> Result<()> {
    let started = Instant::now();
    let kb = global.read_store()?;
    let id = choose_brief(&*kb, args.brief.as_deref())?;
    let report = gather(&*kb, &id)?;
    let html = to_html(
        &report,
        &Options {
            map_limit: args.map_limit,
        },
    );
    let out = args
        .out
        .unwrap_or_else(|| PathBuf::from(format!("{}.html", file_stem(&id))));
    if out == Path::new("-") {
        return print(&html);
    }
    write_whole(&out, &html)?;
    global.note(&format!(
        "wrote {} ({} KB, {} passages) in {:.2} s",
        out.display(),
        html.len().div_ceil(1024),
        report.anchors.len(),
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}

/// A brief id as a file name: letters, digits, `-`, `_` and `.` kept, anything else `_`.
fn file_stem(id: &str) -> String {
    let stem: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let stem = stem.trim_start_matches('.');
    if stem.is_empty() {
        "report".to_string()
    } else {
        stem.to_string()
    }
}
