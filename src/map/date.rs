//! Dates in the small EDTF subset that maps use: a year, a month, a day, an interval, approximate.

use std::fmt;

/// How precise one end of a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Day {
    /// `2017`: an `xsd:gYear`.
    Year(i32),
    /// `2017-09`: an `xsd:gYearMonth`.
    Month(i32, u8),
    /// `2017-11-11`: an `xsd:date`.
    Day(i32, u8, u8),
}

impl Day {
    /// The XML Schema datatype's local name for this precision.
    pub fn xsd_type(&self) -> &'static str {
        match self {
            Day::Year(_) => "gYear",
            Day::Month(..) => "gYearMonth",
            Day::Day(..) => "date",
        }
    }

    /// The first day this date can mean, for sorting a timeline.
    pub fn first_day(&self) -> (i32, u8, u8) {
        match *self {
            Day::Year(y) => (y, 1, 1),
            Day::Month(y, m) => (y, m, 1),
            Day::Day(y, m, d) => (y, m, d),
        }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Day::Year(y) => write!(f, "{y:04}"),
            Day::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Day::Day(y, m, d) => write!(f, "{y:04}-{m:02}-{d:02}"),
        }
    }
}

/// A date as a map writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Date {
    /// One day, month or year; `approximate` for a trailing `~`.
    Single { day: Day, approximate: bool },
    /// `start/end`.
    Interval { start: Day, end: Day },
    /// `start/..`: an interval open at its end, for a practice "since 1991"
    /// that the brief says has not stopped; `approximate` for `1995~/..`.
    Since { start: Day, approximate: bool },
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Date::Single { day, approximate } => {
                write!(f, "{day}{}", if *approximate { "~" } else { "" })
            }
            Date::Interval { start, end } => write!(f, "{start}/{end}"),
            Date::Since { start, approximate } => {
                write!(f, "{start}{}/..", if *approximate { "~" } else { "" })
            }
        }
    }
}

/// Parses a date of the subset, or says what is wrong with it.
pub fn parse_date(text: &str) -> Result<Date, String> {
    if text.starts_with("../") {
        return Err(format!(
            "`{text}` is open at its start, which the subset does not allow: write the start, or a single date"
        ));
    }
    if let Some(start) = text.strip_suffix("/..") {
        let (body, approximate) = match start.strip_suffix('~') {
            Some(body) => (body, true),
            None => (start, false),
        };
        return Ok(Date::Since {
            start: parse_day(body)?,
            approximate,
        });
    }
    if let Some((start, end)) = text.split_once('/') {
        let start = parse_day(start)?;
        let end = parse_day(end)?;
        if end.first_day() < start.first_day() {
            return Err(format!("the interval `{text}` ends before it starts"));
        }
        return Ok(Date::Interval { start, end });
    }
    let (body, approximate) = match text.strip_suffix('~') {
        Some(body) => (body, true),
        None => (text, false),
    };
    Ok(Date::Single {
        day: parse_day(body)?,
        approximate,
    })
}

fn parse_day(text: &str) -> Result<Day, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize, what: &str| -> Result<u32, String> {
        if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("`{text}`: the {what} must be {len} digits"));
        }
        s.parse::<u32>().map_err(|e| e.to_string())
    };
    match parts.as_slice() {
        [y] => Ok(Day::Year(number(y, 4, "year")? as i32)),
        [y, m] => {
            let month = number(m, 2, "month")?;
            if !(1..=12).contains(&month) {
                return Err(format!("`{text}`: there is no month {month}"));
            }
            Ok(Day::Month(number(y, 4, "year")? as i32, month as u8))
        }
        [y, m, d] => {
            let year = number(y, 4, "year")? as i32;
            let month = number(m, 2, "month")?;
            let day = number(d, 2, "day")?;
            if !(1..=12).contains(&month) {
                return Err(format!("`{text}`: there is no month {month}"));
            }
            if day == 0 || day > days_in_month(year, month) {
                return Err(format!(
                    "`{text}`: month {month} of {year} has no day {day}"
                ));
            }
            Ok(Day::Day(year, month as u8, day as u8))
        }
        _ => Err(format!("`{text}` is not a date")),
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// What the README says a date may be, for error messages.
pub const DATE_HELP: &str = "write a date as YYYY, YYYY-MM or YYYY-MM-DD, an interval START/END, an open interval START/.., or an approximate YYYY~";

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date (year, month, day) of a day counted from
/// 1970-01-01 (Hinnant's `civil_from_days`, the inverse of
/// [`days_from_civil`]).
pub fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subset_parses() {
        assert_eq!(
            parse_date("2017").unwrap(),
            Date::Single {
                day: Day::Year(2017),
                approximate: false
            }
        );
        assert_eq!(
            parse_date("1995~").unwrap(),
            Date::Single {
                day: Day::Year(1995),
                approximate: true
            }
        );
        assert_eq!(parse_date("2017-09").unwrap().to_string(), "2017-09");
        assert_eq!(
            parse_date("2017-12-05/2017-12-09").unwrap().to_string(),
            "2017-12-05/2017-12-09"
        );
        assert_eq!(
            parse_date("1991/..").unwrap(),
            Date::Since {
                start: Day::Year(1991),
                approximate: false
            }
        );
        assert_eq!(parse_date("1995~/..").unwrap().to_string(), "1995~/..");
    }

    #[test]
    fn bad_dates_say_why() {
        assert!(parse_date("2017-02-30").unwrap_err().contains("no day 30"));
        assert!(parse_date("2017-13").unwrap_err().contains("no month 13"));
        assert!(parse_date("17-01-01").unwrap_err().contains("4 digits"));
        assert!(
            parse_date("2017-12-09/2017-12-05")
                .unwrap_err()
                .contains("ends before")
        );
        assert!(parse_date("December 2017").is_err());
        assert!(
            parse_date("../2017")
                .unwrap_err()
                .contains("open at its start")
        );
        assert!(
            parse_date("2017-13/..")
                .unwrap_err()
                .contains("no month 13")
        );
    }
}
