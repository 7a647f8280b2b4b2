//! The dates a sentence gives: explicit ones completed with the brief's year, and relative ones resolved against the date of issue.
//!
//! Every date found is written in the map's date language (`2017-12-05`,
//! `2017-09`, `1991`, `1995~`, an interval), so that `check` reads it. A
//! date the text does not write out ("last month", "the mid-1990s",
//! "since 1991", "one day after …", a month with no year) is marked
//! inferred, and the comment beside it says from which words.

use crate::draft::lexicon::{WEEKDAYS, month};
use crate::map::date::{civil_from_days, days_from_civil};

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Ymd {
    /// Reads `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Ymd> {
        let mut parts = text.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        valid(year, month, day).then_some(Ymd { year, month, day })
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_unix_days(days: i64) -> Ymd {
        from_days(days)
    }

    /// The date `days` later (earlier when negative).
    pub fn plus_days(&self, days: i64) -> Ymd {
        from_days(to_days(*self) + days)
    }

    /// The day of the week, 0 for Monday.
    fn weekday(&self) -> usize {
        // 1970-01-01 was a Thursday.
        (to_days(*self) + 3).rem_euclid(7) as usize
    }
}

fn leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in(year: i32, month: u8) -> u8 {
    match month {
        2 if leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn valid(year: i32, month: u8, day: u8) -> bool {
    (1000..=2999).contains(&year)
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in(year, month)
}

/// Days since 1970-01-01.
fn to_days(d: Ymd) -> i64 {
    days_from_civil(d.year, d.month, d.day)
}

/// The inverse of [`to_days`].
fn from_days(z: i64) -> Ymd {
    let (year, month, day) = civil_from_days(z);
    Ymd { year, month, day }
}

/// A date found in a sentence, in the map's date language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub date: String,
    pub inferred: bool,
    /// The words it was read from.
    pub from: String,
    /// A second date: that of the event this one is said to follow
    /// ("one day after the launch of …"), with the words naming that event.
    pub follows: Option<(String, String)>,
}

/// The words of `text`, lower case, with the punctuation around each word removed.
fn tokens(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .trim_matches('-')
                .to_lowercase()
        })
        .collect()
}

fn year_of(word: &str) -> Option<i32> {
    let y: i32 = (word.len() == 4).then(|| word.parse().ok())??;
    (1000..=2999).contains(&y).then_some(y)
}

fn day_of(word: &str) -> Option<u8> {
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))
        .unwrap_or(word);
    let d: u8 = (digits.len() <= 2).then(|| digits.parse().ok())??;
    (1..=31).contains(&d).then_some(d)
}

/// The first full date in `text`: `2017.12.15`, `2017-12-15`, `December 13, 2023` or `13 December 2023`.
pub fn full_date_in(text: &str) -> Option<Ymd> {
    for word in text.split(|c: char| c.is_whitespace() || c == '|') {
        let parts: Vec<&str> = word.trim_end_matches('.').split(['.', '-', '/']).collect();
        if let [y, m, d] = parts.as_slice() {
            if let (Ok(year), Ok(month), Ok(day)) = (y.parse(), m.parse(), d.parse()) {
                if y.len() == 4 && valid(year, month, day) {
                    return Some(Ymd { year, month, day });
                }
            }
        }
    }
    let words = tokens(text);
    for i in 0..words.len() {
        let at = |k: usize| words.get(i + k).map(String::as_str).unwrap_or("");
        if let (Some(m), Some(d), Some(y)) = (month(at(0)), day_of(at(1)), year_of(at(2))) {
            if valid(y, m, d) {
                return Some(Ymd {
                    year: y,
                    month: m,
                    day: d,
                });
            }
        }
        if let (Some(d), Some(m), Some(y)) = (day_of(at(0)), month(at(1)), year_of(at(2))) {
            if valid(y, m, d) {
                return Some(Ymd {
                    year: y,
                    month: m,
                    day: d,
                });
            }
        }
    }
    None
}

/// The year a month without one falls in: the brief's, or the year before
/// when the month comes after the date of issue.
fn complete(month: u8, issued: Ymd) -> i32 {
    if month <= issued.month {
        issued.year
    } else {
        issued.year - 1
    }
}

fn found(date: String, inferred: bool, from: &str) -> Found {
    Found {
        date,
        inferred,
        from: from.to_string(),
        follows: None,
    }
}

/// The date `sentence` gives, if any, against the date of issue.
pub fn date_of(sentence: &str, issued: Option<Ymd>) -> Option<Found> {
    let words = tokens(sentence);
    let mut result = explicit(&words, issued).or_else(|| relative(&words, issued))?;
    if let (Some(day), Some(_)) = (Ymd::parse(&result.date), issued) {
        result.follows = follows(&words, day);
    }
    Some(result)
}

/// Dates the text writes out, perhaps without their year.
fn explicit(words: &[String], issued: Option<Ymd>) -> Option<Found> {
    for i in 0..words.len() {
        let at = |k: usize| words.get(i + k).map(String::as_str).unwrap_or("");
        let Some(m) = month(at(0)) else {
            if let (Some(d), Some(m)) = (day_of(at(0)), month(at(1))) {
                let year = year_of(at(2)).or(issued.map(|t| complete(m, t)))?;
                let from = format!("{} {}", at(0), at(1));
                return valid(year, m, d).then(|| {
                    found(
                        Ymd {
                            year,
                            month: m,
                            day: d,
                        }
                        .iso(),
                        false,
                        &from,
                    )
                });
            }
            continue;
        };
        // "may" is a month only with a day or year beside it.
        if at(0) == "may" && day_of(at(1)).is_none() && year_of(at(1)).is_none() {
            continue;
        }
        if let Some(d) = day_of(at(1)) {
            let (end, skip) = match (at(2), day_of(at(3))) {
                ("to" | "-" | "through" | "and", Some(e)) if e > d => (Some(e), 2),
                _ => (None, 0),
            };
            let year = year_of(at(2 + skip)).or(issued.map(|t| complete(m, t)))?;
            let start = Ymd {
                year,
                month: m,
                day: d,
            };
            let from = words[i..(i + 2 + skip).min(words.len())].join(" ");
            return match end {
                Some(e) if valid(year, m, e) => {
                    let end = Ymd {
                        year,
                        month: m,
                        day: e,
                    };
                    Some(found(
                        format!("{}/{}", start.iso(), end.iso()),
                        false,
                        &from,
                    ))
                }
                _ => valid(year, m, d).then(|| found(start.iso(), false, &from)),
            };
        }
        if let Some(year) = year_of(at(1)) {
            return Some(found(
                format!("{year:04}-{m:02}"),
                false,
                &format!("{} {}", at(0), at(1)),
            ));
        }
        let before = if i > 0 { words[i - 1].as_str() } else { "" };
        if matches!(
            before,
            "in" | "of" | "since" | "during" | "until" | "early" | "late" | "mid"
        ) {
            let t = issued?;
            let from = format!("{before} {}", at(0));
            return Some(found(format!("{:04}-{m:02}", complete(m, t)), false, &from));
        }
    }
    for i in 0..words.len() {
        let before = if i > 0 { words[i - 1].as_str() } else { "" };
        if let Some(year) = year_of(&words[i]) {
            match before {
                "in" | "of" | "by" | "from" | "during" | "until" => {
                    return Some(found(format!("{year}"), false, &format!("{before} {year}")));
                }
                "since" => return Some(found(format!("{year}"), true, &format!("since {year}"))),
                _ => {}
            }
        }
    }
    None
}

/// Dates the text gives relative to the date of issue.
fn relative(words: &[String], issued: Option<Ymd>) -> Option<Found> {
    for (i, w) in words.iter().enumerate() {
        if let Some(decade) = w
            .strip_suffix("0s")
            .and_then(|d| d.rsplit('-').next())
            .and_then(|d| d.parse::<i32>().ok())
        {
            if (100..=299).contains(&decade) {
                let before = if i > 0 { words[i - 1].as_str() } else { "" };
                let offset = match (before, w.split('-').next().unwrap_or("")) {
                    (_, "mid") | ("mid", _) => 5,
                    (_, "early") | ("early", _) => 2,
                    (_, "late") | ("late", _) => 8,
                    _ => 5,
                };
                let from = if before.is_empty() {
                    w.clone()
                } else {
                    format!("{before} {w}")
                };
                // "Since the mid-1990s": from then on, an open interval.
                let since = words[i.saturating_sub(2)..i].iter().any(|w| w == "since");
                let (date, from) = if since {
                    (
                        format!("{}~/..", decade * 10 + offset),
                        format!("since {from}"),
                    )
                } else {
                    (format!("{}~", decade * 10 + offset), from)
                };
                return Some(found(date, true, &from));
            }
        }
    }
    let t = issued?;
    let pairs: Vec<(&str, &str)> = words
        .windows(2)
        .map(|p| (p[0].as_str(), p[1].as_str()))
        .collect();
    for (a, b) in &pairs {
        let from = format!("{a} {b}");
        let date = match (*a, *b) {
            ("last", "month") => {
                let (y, m) = if t.month == 1 {
                    (t.year - 1, 12)
                } else {
                    (t.year, t.month - 1)
                };
                format!("{y:04}-{m:02}")
            }
            ("last", "year") => format!("{}", t.year - 1),
            ("this", "year") | ("earlier", "this") => format!("{}", t.year),
            ("this", "month") => format!("{:04}-{:02}", t.year, t.month),
            ("on", day) if WEEKDAYS.contains(&day) => {
                let wanted = WEEKDAYS.iter().position(|w| w == &day).unwrap_or(0);
                let back = (t.weekday() + 7 - wanted) % 7;
                t.plus_days(-(back as i64)).iso()
            }
            _ => continue,
        };
        return Some(found(date, true, &from));
    }
    for w in words {
        match w.as_str() {
            "yesterday" => return Some(found(t.plus_days(-1).iso(), true, "yesterday")),
            "today" => return Some(found(t.iso(), true, "today")),
            "currently" => {
                return Some(found(
                    format!("{:04}-{:02}", t.year, t.month),
                    true,
                    "currently",
                ));
            }
            _ => {}
        }
    }
    None
}

/// "one day after the launch of the Hwaseong-15": the followed event's date and words.
fn follows(words: &[String], day: Ymd) -> Option<(String, String)> {
    const COUNTS: &[(&str, i64)] = &[
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("a", 1),
        ("1", 1),
        ("2", 2),
        ("3", 3),
    ];
    for i in 0..words.len().saturating_sub(3) {
        let n = COUNTS.iter().find(|(w, _)| *w == words[i]).map(|(_, n)| *n);
        let unit = words[i + 1].as_str();
        if let (Some(n), "day" | "days" | "week" | "weeks", "after" | "before") =
            (n, unit, words[i + 2].as_str())
        {
            let n = if unit.starts_with("week") { n * 7 } else { n };
            let sign = if words[i + 2] == "after" { -1 } else { 1 };
            let event: Vec<&str> = words[i + 3..].iter().take(6).map(String::as_str).collect();
            return Some((day.plus_days(sign * n).iso(), event.join(" ")));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISSUED: Ymd = Ymd {
        year: 2017,
        month: 12,
        day: 15,
    };

    fn date(s: &str) -> Option<(String, bool)> {
        date_of(s, Some(ISSUED)).map(|f| (f.date, f.inferred))
    }

    #[test]
    fn explicit_dates_take_the_brief_s_year() {
        assert_eq!(
            date("a visit from December 5th to 9th."),
            Some(("2017-12-05/2017-12-09".into(), false))
        );
        assert_eq!(
            date("It was November 30th, one day after"),
            Some(("2017-11-30".into(), false))
        );
        assert_eq!(
            date("In September, the minister"),
            Some(("2017-09".into(), false))
        );
        assert_eq!(
            date("both joined the UN in 1991."),
            Some(("1991".into(), false))
        );
        assert_eq!(
            date("on 13 December 2023"),
            Some(("2023-12-13".into(), false))
        );
        assert_eq!(date("They may agree."), None);
    }

    #[test]
    fn relative_dates_are_inferred() {
        assert_eq!(
            date("Last month, North Korea invited"),
            Some(("2017-11".into(), true))
        );
        assert_eq!(
            date("its fourth nuclear test last year,"),
            Some(("2016".into(), true))
        );
        assert_eq!(
            date("Since the mid-1990s, it has"),
            Some(("1995~/..".into(), true))
        );
        assert_eq!(
            date("in the early 1980s, it had"),
            Some(("1982~".into(), true))
        );
        assert_eq!(
            date("the FOMC on Thursday announced"),
            Some(("2017-12-14".into(), true))
        );
        let f = date_of(
            "It was November 30th, one day after the launch of the Hwaseong-15 that",
            Some(ISSUED),
        )
        .unwrap();
        assert_eq!(
            f.follows,
            Some((
                "2017-11-29".into(),
                "the launch of the hwaseong-15 that".into()
            ))
        );
    }

    #[test]
    fn full_dates() {
        assert_eq!(
            full_date_in("2017.12.15. | CO 17-32"),
            Some(Ymd {
                year: 2017,
                month: 12,
                day: 15
            })
        );
        assert_eq!(
            full_date_in("December 13, 2023"),
            Some(Ymd {
                year: 2023,
                month: 12,
                day: 13
            })
        );
    }
}
