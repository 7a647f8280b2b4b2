//! Indicators: every indicator's ASK run against the store, each said to be observed, not yet observed or overdue, and what that means for its hypothesis.
//!
//! The rule for a hypothesis: an observed indicator that confirms it, or an
//! overdue one that would have refuted it (a test it could have failed and
//! did not), counts for it ("gains"); an observed indicator that refutes
//! it, or an overdue one that should have confirmed it by now, counts
//! against it ("loses"). An indicator not yet observed and not overdue
//! says nothing yet. An observed indicator invalidates the assumptions
//! that name it in `invalidated-by`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::Error;
use crate::map::date::{Date, Day, parse_date};
use crate::read::briefs::{chosen, graph_bindings};
use crate::read::rows::{rows, select};
use crate::render::table;
use crate::sparql::{Answer, Backend};

/// What an indicator's ASK found, as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// The ASK answers true.
    Observed,
    /// False, and the indicator is not yet due (or has no date).
    NotYetObserved,
    /// False, and the day it was expected by is past.
    Overdue,
}

impl State {
    /// The words the text output writes.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Observed => "observed",
            State::NotYetObserved => "not yet observed",
            State::Overdue => "overdue",
        }
    }
}

/// What an indicator's state means for its hypothesis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bearing {
    Gains,
    Loses,
    /// Nothing yet.
    None,
}

impl Bearing {
    /// The word the text output writes.
    pub fn as_str(self) -> &'static str {
        match self {
            Bearing::Gains => "gains",
            Bearing::Loses => "loses",
            Bearing::None => "—",
        }
    }
}

/// One indicator and what its ASK found.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorState {
    pub brief: String,
    pub key: String,
    pub iri: String,
    pub text: Option<String>,
    /// The key of the hypothesis it bears on.
    pub hypothesis: String,
    pub hypothesis_text: String,
    /// `confirms` or `refutes`.
    pub direction: String,
    /// The EDTF date it was expected by, as written.
    pub expected_by: Option<String>,
    pub state: State,
    pub bearing: Bearing,
    /// The assumptions it invalidates once observed (their keys).
    pub invalidates: Vec<String>,
}

/// A hypothesis and the indicators that count for and against it.
#[derive(Debug, Clone, Serialize)]
pub struct HypothesisBearing {
    pub brief: String,
    pub key: String,
    pub gains: Vec<String>,
    pub loses: Vec<String>,
}

/// Every indicator of the briefs asked for, as of one day.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorReport {
    pub as_of: String,
    pub indicators: Vec<IndicatorState>,
    pub hypotheses: Vec<HypothesisBearing>,
    /// The assumptions an observed indicator invalidates: (brief, assumption, indicator).
    pub invalidated: Vec<(String, String, String)>,
}

/// Runs the ASK of every indicator of `brief` (every brief when `None`)
/// on `backend`, as of `as_of`.
pub fn indicators(
    backend: &dyn Backend,
    brief: Option<&str>,
    as_of: Day,
) -> Result<IndicatorReport, Error> {
    let mut found: BTreeMap<(String, String), IndicatorState> = BTreeMap::new();
    let mut asks: BTreeMap<(String, String), String> = BTreeMap::new();
    let scopes = match brief {
        Some(_) => chosen(backend, brief)?
            .iter()
            .map(|b| graph_bindings(b).map(|g| g.to_vec()))
            .collect::<Result<Vec<_>, _>>()?,
        None => vec![Vec::new()],
    };
    for bindings in scopes {
        let answer = select(backend, "indicators", &bindings)?;
        for row in rows(&answer) {
            let text = |v: &str| row.text(v).unwrap_or_default();
            let id = (text("brief"), text("key"));
            let entry = found.entry(id.clone()).or_insert_with(|| IndicatorState {
                brief: text("brief"),
                key: text("key"),
                iri: text("indicator"),
                text: row.text("text"),
                hypothesis: text("hypothesisKey"),
                hypothesis_text: text("hypothesisText"),
                direction: text("direction"),
                expected_by: row.text("expectedBy"),
                state: State::NotYetObserved,
                bearing: Bearing::None,
                invalidates: Vec::new(),
            });
            if let Some(a) = row.text("assumption") {
                entry.invalidates.push(a);
            }
            asks.insert(id, text("ask"));
        }
    }
    for (id, state) in found.iter_mut() {
        let observed = ask(backend, &asks[id], state)?;
        state.state = state_of(observed, state.expected_by.as_deref(), as_of);
        state.bearing = bearing(state.state, &state.direction);
    }
    let indicators: Vec<IndicatorState> = found.into_values().collect();
    Ok(IndicatorReport {
        as_of: as_of.to_string(),
        hypotheses: bearings(&indicators),
        invalidated: indicators
            .iter()
            .filter(|i| i.state == State::Observed)
            .flat_map(|i| {
                i.invalidates
                    .iter()
                    .map(|a| (i.brief.clone(), a.clone(), i.key.clone()))
            })
            .collect(),
        indicators,
    })
}

/// Runs one indicator's ASK.
fn ask(backend: &dyn Backend, query: &str, indicator: &IndicatorState) -> Result<bool, Error> {
    let failed = |what: String| {
        Error::Query(format!(
            "the ASK of indicator `{}` (brief `{}`) {what}; correct `ask` in its map and load it again",
            indicator.key, indicator.brief
        ))
    };
    match backend.run(query, &[]) {
        Ok(Answer::Boolean(b)) => Ok(b),
        Ok(_) => Err(failed("is not an ASK query".into())),
        Err(e) => Err(failed(format!("failed: {e}"))),
    }
}

/// The state of an indicator whose ASK answered `observed`.
fn state_of(observed: bool, expected_by: Option<&str>, as_of: Day) -> State {
    if observed {
        return State::Observed;
    }
    let due = expected_by
        .and_then(|d| parse_date(d).ok())
        .and_then(last_day);
    match due {
        Some(due) if as_of.first_day() > due => State::Overdue,
        _ => State::NotYetObserved,
    }
}

/// The last day a date can mean, `None` for an interval open at its end.
fn last_day(date: Date) -> Option<(i32, u8, u8)> {
    let day = match date {
        Date::Single { day, .. } => day,
        Date::Interval { end, .. } => end,
        Date::Since { .. } => return None,
    };
    Some(match day {
        Day::Year(y) => (y, 12, 31),
        Day::Month(y, m) => (y, m, 31),
        Day::Day(y, m, d) => (y, m, d),
    })
}

/// What a state means for the hypothesis, by the rule of this module.
fn bearing(state: State, direction: &str) -> Bearing {
    let confirms = direction == "confirms";
    match (state, confirms) {
        (State::Observed, true) | (State::Overdue, false) => Bearing::Gains,
        (State::Observed, false) | (State::Overdue, true) => Bearing::Loses,
        (State::NotYetObserved, _) => Bearing::None,
    }
}

/// The indicators for and against each hypothesis that has any.
fn bearings(indicators: &[IndicatorState]) -> Vec<HypothesisBearing> {
    let mut by: BTreeMap<(String, String), HypothesisBearing> = BTreeMap::new();
    for i in indicators {
        let h = by
            .entry((i.brief.clone(), i.hypothesis.clone()))
            .or_insert_with(|| HypothesisBearing {
                brief: i.brief.clone(),
                key: i.hypothesis.clone(),
                gains: Vec::new(),
                loses: Vec::new(),
            });
        match i.bearing {
            Bearing::Gains => h.gains.push(i.key.clone()),
            Bearing::Loses => h.loses.push(i.key.clone()),
            Bearing::None => {}
        }
    }
    by.into_values().collect()
}

/// The report as stable JSON, `"format": "argmap-indicators/1"`.
pub fn to_json(report: &IndicatorReport) -> serde_json::Value {
    serde_json::json!({
        "format": "argmap-indicators/1",
        "as_of": report.as_of,
        "indicators": report.indicators,
        "hypotheses": report.hypotheses,
        "invalidated": report.invalidated.iter().map(|(b, a, i)| serde_json::json!({
            "brief": b, "assumption": a, "indicator": i,
        })).collect::<Vec<_>>(),
    })
}

/// The report as text: a table of the indicators, then what each
/// hypothesis gains or loses, then the assumptions invalidated.
pub fn to_text(report: &IndicatorReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Indicators as of {}", report.as_of);
    if report.indicators.is_empty() {
        out.push_str("(no indicators in the brief(s) asked for)\n");
        return out;
    }
    let rows: Vec<Vec<String>> = report
        .indicators
        .iter()
        .map(|i| {
            vec![
                i.brief.clone(),
                i.key.clone(),
                i.hypothesis.clone(),
                i.direction.clone(),
                i.expected_by.clone().unwrap_or_else(|| "—".into()),
                i.state.as_str().to_string(),
                i.bearing.as_str().to_string(),
            ]
        })
        .collect();
    let header = [
        "brief",
        "indicator",
        "hypothesis",
        "direction",
        "expected by",
        "state",
        "bearing",
    ];
    out.push_str(&table(&header, &rows));
    out.push('\n');
    for h in &report.hypotheses {
        let list = |l: &[String]| {
            if l.is_empty() {
                "—".to_string()
            } else {
                l.join(", ")
            }
        };
        let _ = writeln!(
            out,
            "{}/{}: gains from {}; loses from {}",
            h.brief,
            h.key,
            list(&h.gains),
            list(&h.loses)
        );
    }
    for (brief, assumption, indicator) in &report.invalidated {
        let _ = writeln!(
            out,
            "! {brief}: assumption {assumption} is invalidated: indicator {indicator} is observed"
        );
    }
    out
}
