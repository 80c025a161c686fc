//! Dates from metadata, URLs and file names, always converted to UTC. Impossible dates (before
//! 1900, in the future) are rejected, never replaced by a guess.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc};
use regex::Regex;

/// Outcome of reading one metadata date.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    Valid(DateTime<Utc>),
    /// Present but unusable: unparseable, or outside 1900..now.
    Rejected(String),
}

/// Parses a metadata value; `None` when the value is empty.
pub fn parse(raw: &str) -> Option<Parsed> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    Some(match parse_any(s) {
        Some(dt) => check(dt),
        None => Parsed::Rejected(format!("unrecognised date {s:?}")),
    })
}

/// Parses without the plausibility check (for query bounds such as `date:[1990 TO 2030]`).
/// Also accepts a bare year or year-month, as the start of that period.
pub fn parse_unchecked(raw: &str) -> Option<DateTime<Utc>> {
    let s = raw.trim();
    if let Ok(y) = s.parse::<i32>() {
        return NaiveDate::from_ymd_opt(y, 1, 1).map(midnight);
    }
    if let Some((y, m)) = s
        .split_once('-')
        .filter(|(y, m)| y.len() == 4 && m.len() <= 2)
    {
        if let (Ok(y), Ok(m)) = (y.parse(), m.parse()) {
            return NaiveDate::from_ymd_opt(y, m, 1).map(midnight);
        }
    }
    parse_any(s)
}

/// Unix time in seconds or milliseconds.
pub fn parse_epoch(n: f64) -> Parsed {
    let secs = if n.abs() > 1e11 { n / 1000.0 } else { n };
    match Utc.timestamp_opt(secs as i64, 0).single() {
        Some(dt) => check(dt),
        None => Parsed::Rejected(format!("impossible timestamp {n}")),
    }
}

pub fn check(dt: DateTime<Utc>) -> Parsed {
    if dt.year() < 1900 {
        Parsed::Rejected(format!("date {} is before 1900", dt.date_naive()))
    } else if dt > Utc::now() + chrono::Duration::days(1) {
        Parsed::Rejected(format!("date {} is in the future", dt.date_naive()))
    } else {
        Parsed::Valid(dt)
    }
}

fn midnight(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight exists"))
}

static ORDINAL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d)(st|nd|rd|th)\b").unwrap());
static FOREIGN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\.?\s+(\p{L}+)\.?,?\s+(\d{4})").unwrap());
static SLASH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b").unwrap());

/// Month names of the languages in our corpora, lower-case, including Slavic genitives.
const MONTHS: &[(&str, u32)] = &[
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("enero", 1),
    ("gennaio", 1),
    ("января", 1),
    ("січня", 1),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("февраля", 2),
    ("лютого", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("марта", 3),
    ("березня", 3),
    ("april", 4),
    ("avril", 4),
    ("abril", 4),
    ("aprile", 4),
    ("апреля", 4),
    ("квітня", 4),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("мая", 5),
    ("травня", 5),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("июня", 6),
    ("червня", 6),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("luglio", 7),
    ("июля", 7),
    ("липня", 7),
    ("august", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("августа", 8),
    ("серпня", 8),
    ("september", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("settembre", 9),
    ("сентября", 9),
    ("вересня", 9),
    ("oktober", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("октября", 10),
    ("жовтня", 10),
    ("november", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("ноября", 11),
    ("листопада", 11),
    ("dezember", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dicembre", 12),
    ("декабря", 12),
    ("грудня", 12),
];

const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%Y%m%d",
    "%B %d, %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d %b. %Y",
    "%A, %B %d, %Y",
    "%a, %b %d, %Y",
    "%A %d %B %Y",
    "%B %d,%Y",
];

fn parse_any(s: &str) -> Option<DateTime<Utc>> {
    // The most common shape first: a bare ISO date.
    if s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' {
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Some(midnight(d));
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.with_timezone(&Utc));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.with_timezone(&Utc));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
            return Some(dt.with_timezone(&Utc));
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s.trim_end_matches('Z'), fmt) {
            return Some(Utc.from_utc_datetime(&dt));
        }
    }
    let cleaned = ORDINAL
        .replace_all(&s.replace("Sept.", "Sep.").replace("Sept ", "Sep "), "$1")
        .into_owned();
    if let Some(c) = SLASH.captures(&cleaned) {
        let (a, b, mut y): (u32, u32, i32) =
            (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
        if c[3].len() == 2 {
            // Two-digit years: the latest century that does not put the date in the future.
            let this_year = Utc::now().year() % 100;
            y += if y <= this_year { 2000 } else { 1900 };
        }
        // One value above 12 tells the order; otherwise US month/day, as most feeds use.
        let (m, d) = if a > 12 { (b, a) } else { (a, b) };
        return NaiveDate::from_ymd_opt(y, m, d).map(midnight);
    }
    for fmt in DATE_FORMATS {
        if let Ok((d, rest)) = NaiveDate::parse_and_remainder(&cleaned, fmt) {
            if rest.is_empty() || rest.starts_with([' ', 'T', ',', '|']) {
                return Some(midnight(d));
            }
        }
    }
    if let Some(c) = FOREIGN.captures(&cleaned) {
        let name = c[2].to_lowercase();
        let month = MONTHS.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)?;
        return NaiveDate::from_ymd_opt(c[3].parse().ok()?, month, c[1].parse().ok()?)
            .map(midnight);
    }
    None
}

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/_-]|$|\.html?)").unwrap()
});
static FILE_STAMP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{8})T(\d{6})Z").unwrap());
static FILE_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)\d{2})-?(\d{2})-?(\d{2})(?:[T_ .-]|$)").unwrap());

/// `/2025/08/17/` or `/2025-08-17/` in a URL path.
pub fn from_url(url: &str) -> Option<DateTime<Utc>> {
    let c = URL_DATE.captures(url)?;
    let d = NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
    valid(midnight(d))
}

/// `20220125T090000Z_…` or `2025-08-17-…` at the start of a file name.
pub fn from_file_name(name: &str) -> Option<DateTime<Utc>> {
    if let Some(c) = FILE_STAMP.captures(name) {
        let dt =
            NaiveDateTime::parse_from_str(&format!("{}{}", &c[1], &c[2]), "%Y%m%d%H%M%S").ok()?;
        return valid(Utc.from_utc_datetime(&dt));
    }
    let c = FILE_DATE.captures(name)?;
    let d = NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
    valid(midnight(d))
}

fn valid(dt: DateTime<Utc>) -> Option<DateTime<Utc>> {
    match check(dt) {
        Parsed::Valid(dt) => Some(dt),
        Parsed::Rejected(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(s: &str) -> String {
        match parse(s) {
            Some(Parsed::Valid(dt)) => dt.format("%Y-%m-%d %H:%M").to_string(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn common_formats() {
        assert_eq!(ymd("2025-08-17T21:30:00+03:00"), "2025-08-17 18:30");
        assert_eq!(ymd("2025-08-17T23:30:00-04:00"), "2025-08-18 03:30");
        assert_eq!(ymd("Sun, 17 Aug 2025 14:02:00 GMT"), "2025-08-17 14:02");
        assert_eq!(ymd("2025-08-17"), "2025-08-17 00:00");
        assert_eq!(ymd("August 17, 2025"), "2025-08-17 00:00");
        assert_eq!(ymd("Aug. 17, 2025"), "2025-08-17 00:00");
        assert_eq!(ymd("17 August 2025"), "2025-08-17 00:00");
        assert_eq!(ymd("17.08.2025"), "2025-08-17 00:00");
        assert_eq!(ymd("08/17/2025"), "2025-08-17 00:00");
        assert_eq!(ymd("17/08/2025"), "2025-08-17 00:00");
        assert_eq!(ymd("6/15/17"), "2017-06-15 00:00");
        assert_eq!(ymd("12/1/99"), "1999-12-01 00:00");
        assert_eq!(ymd("17. August 2025"), "2025-08-17 00:00");
        assert_eq!(ymd("18 août 2025"), "2025-08-18 00:00");
        assert_eq!(ymd("17 августа 2025"), "2025-08-17 00:00");
        assert_eq!(ymd("2016-09-20 14:05:00"), "2016-09-20 14:05");
        assert_eq!(ymd("September 4th, 2025"), "2025-09-04 00:00");
    }

    #[test]
    fn junk_and_impossible_dates_are_rejected() {
        assert!(matches!(
            parse("0001-01-01T00:00:00Z"),
            Some(Parsed::Rejected(_))
        ));
        assert!(matches!(parse("2999-01-01"), Some(Parsed::Rejected(_))));
        assert!(matches!(parse("yesterday-ish"), Some(Parsed::Rejected(_))));
        assert_eq!(parse("  "), None);
    }

    #[test]
    fn url_and_file_name_dates() {
        let d = |o: Option<DateTime<Utc>>| o.map(|d| d.format("%Y-%m-%d %H:%M").to_string());
        assert_eq!(
            d(from_url(
                "https://www.nytimes.com/2016/09/20/nyregion/x.html"
            ))
            .as_deref(),
            Some("2016-09-20 00:00")
        );
        assert_eq!(d(from_url("https://example.com/news/12345")), None);
        assert_eq!(
            d(from_file_name("20220125T090000Z_GB_en_7d015e6984.txt")).as_deref(),
            Some("2022-01-25 09:00")
        );
        assert_eq!(
            d(from_file_name("2025-08-17-witkoff.md")).as_deref(),
            Some("2025-08-17 00:00")
        );
        assert_eq!(d(from_file_name("001.txt")), None);
    }
}
