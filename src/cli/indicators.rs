//! `argmap indicators`: every indicator's ASK run on the store, each observed, not yet observed or overdue, and which hypotheses gain or lose.

use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Result, bail};
use argmap::map::date::{Date, Day, civil_from_days, parse_date};
use argmap::read::rigour::indicators::{indicators, to_json, to_text};
use clap::{Args, ValueEnum};

use super::{Global, print};

/// Run every indicator's ASK on the store: observed, not yet observed or overdue, and which hypotheses gain or lose
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap indicators\n  argmap indicators --as-of 2018-06-30 --brief kinu-co-17-32\n  argmap indicators --format json | jq '.hypotheses'"
)]
pub struct IndicatorsArgs {
    /// The day to judge `expected-by` against, a date such as 2018-06-30 [default: today, UTC]
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// The brief whose indicators to run [default: every brief in the store]
    #[arg(long, value_name = "ID")]
    brief: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = IndicatorsFormat::Text)]
    format: IndicatorsFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum IndicatorsFormat {
    /// A table of the indicators, then what each hypothesis gains or loses
    Text,
    /// Stable JSON (format "argmap-indicators/1"), documented in the README
    Json,
}

pub fn run(args: IndicatorsArgs, global: &Global) -> Result<()> {
    let as_of = match &args.as_of {
        Some(text) => as_of(text)?,
        None => today(),
    };
    let kb = global.read_store()?;
    let report = indicators(&*kb, args.brief.as_deref(), as_of)?;
    match args.format {
        IndicatorsFormat::Text => print(&to_text(&report)),
        IndicatorsFormat::Json => print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&to_json(&report))?
        )),
    }
}

/// `--as-of`: one year, month or day.
fn as_of(text: &str) -> Result<Day> {
    match parse_date(text) {
        Ok(Date::Single {
            day,
            approximate: false,
        }) => Ok(day),
        Ok(_) => bail!(argmap::Error::NotFound(format!(
            "--as-of `{text}` is not one day: give a date such as 2018-06-30"
        ))),
        Err(e) => bail!(argmap::Error::NotFound(format!(
            "--as-of `{text}` is not a date ({e}): give a date such as 2018-06-30"
        ))),
    }
}

/// Today in UTC, from the clock.
fn today() -> Day {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    Day::Day(y, m, d)
}
