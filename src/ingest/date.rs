//! Dates from metadata, URLs and file names, always converted to UTC. Impossible dates (before
//! 1900, in the future) are rejected, never replaced by a guess.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};
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
    // Epoch seconds or milliseconds written as a string (a CSV cell, a quoted JSON value).
    if matches!(s.len(), 10 | 13) && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<f64>().ok().map(parse_epoch);
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
/// Day, month name, year: "17 août 2025", "17. August 2025", "1er août 2025",
/// "17 de agosto de 2025", "17 августа 2025 г.".
static FOREIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{1,2})(?:er|º|°)?\.?\s+(?:de\s+)?(\p{L}+)\.?,?\s+(?:del?\s+)?(\d{4})(?:\s*(?:г\.|года|р\.|року))?",
    )
    .unwrap()
});
/// Numeric day and month with a slash (`6/15/17`, `17/08/2025`) or a dash (`17-08-2025`).
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})([/-])(\d{1,2})([/-])(\d{4}|\d{2})\b").unwrap());
/// A word before the date that says nothing about it: a weekday or an article.
static LEAD_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([\p{L}'’-]+)\.?,?\s+").unwrap());
/// What may stand between a date and its time: "T", "at", "à", "a las", "um", "alle", "в"…
static CONNECTOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s,;|·•@–—-]*(?:(?:at|à|a\s+las|a\s+la|às|as|um|alle|ore|om|kl\.?|в|о)\s+|T(\d))?",
    )
    .unwrap()
});
/// A time of day: "23:30", "11:30:15 PM", "11:30 p.m.", "11 PM", "14h30", "14.30 Uhr".
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(\d{1,2})(?:(?::|h|\.)(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?)?(?:\s*([ap])\.?\s?m(?:\.|\b))?(\s*(?:uhr|hrs|hs|h|ч)\b\.?)?",
    )
    .unwrap()
});
/// A numeric UTC offset: "+0200", "-04:00", "UTC+3", "GMT+5:30", "(UTC−03:00)".
static OFFSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\(?(?:(UTC|GMT|UT)\s*)?([+\-−])\s?(\d{1,2})(?::?(\d{2}))?\)?").unwrap()
});
static ZONE_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*\(?(\p{L}+)\)?").unwrap());

/// Month names of the languages in our corpora, lower-case, including Slavic genitives. A
/// name may be abbreviated ("févr.", "sept", "dic."): any prefix of three letters or more
/// that names one month only.
const MONTHS: &[(&str, u32)] = &[
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("enero", 1),
    ("gennaio", 1),
    ("janeiro", 1),
    ("января", 1),
    ("січня", 1),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("fevereiro", 2),
    ("февраля", 2),
    ("лютого", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("março", 3),
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
    ("maio", 5),
    ("мая", 5),
    ("травня", 5),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("junho", 6),
    ("июня", 6),
    ("червня", 6),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("luglio", 7),
    ("julho", 7),
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
    ("setiembre", 9),
    ("settembre", 9),
    ("setembro", 9),
    ("сентября", 9),
    ("вересня", 9),
    ("oktober", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("outubro", 10),
    ("октября", 10),
    ("жовтня", 10),
    ("november", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("ноября", 11),
    ("листопада", 11),
    ("dezember", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dicembre", 12),
    ("dezembro", 12),
    ("декабря", 12),
    ("грудня", 12),
];

/// Weekdays (skipped: the date says which day it is, and a wrong weekday is no reason to drop
/// the date) and articles ("le 17 août", "am 17. August", "el 17 de agosto").
const LEAD_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonnabend",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "miercoles",
    "jueves",
    "viernes",
    "sábado",
    "sabado",
    "domingo",
    "lunedì",
    "lunedi",
    "martedì",
    "martedi",
    "mercoledì",
    "mercoledi",
    "giovedì",
    "giovedi",
    "venerdì",
    "venerdi",
    "sabato",
    "domenica",
    "segunda-feira",
    "terça-feira",
    "quarta-feira",
    "quinta-feira",
    "sexta-feira",
    "понедельник",
    "вторник",
    "среда",
    "четверг",
    "пятница",
    "суббота",
    "воскресенье",
    "понеділок",
    "вівторок",
    "середа",
    "четвер",
    "п'ятниця",
    "п’ятниця",
    "субота",
    "неділя",
    "le",
    "el",
    "il",
    "am",
    "on",
    "den",
];

/// Time zone abbreviations, with their offset east of UTC in minutes. Abbreviations are
/// ambiguous; these are the readings a news feed most likely means:
/// - `IST` is India (+05:30), not Irish Summer Time or Israel: Indian outlets use it on
///   every article, the other two are rare in bylines.
/// - `CST`/`CDT` are US Central (with `EST`, `MST`, `PST` as RFC 2822 has them), not China.
/// - `BST` is British Summer Time, not Bangladesh.
/// - `AST` (Atlantic or Arabia) is left out: an unknown zone keeps only the date.
const ZONES: &[(&str, Zone)] = &[
    ("UTC", Zone::Fixed(0)),
    ("UT", Zone::Fixed(0)),
    ("GMT", Zone::Fixed(0)),
    ("Z", Zone::Fixed(0)),
    ("WET", Zone::Fixed(0)),
    ("WEST", Zone::Fixed(60)),
    ("BST", Zone::Fixed(60)),
    ("CET", Zone::Fixed(60)),
    ("CEST", Zone::Fixed(120)),
    ("MEZ", Zone::Fixed(60)),
    ("MESZ", Zone::Fixed(120)),
    ("WAT", Zone::Fixed(60)),
    ("EET", Zone::Fixed(120)),
    ("EEST", Zone::Fixed(180)),
    ("CAT", Zone::Fixed(120)),
    ("SAST", Zone::Fixed(120)),
    ("IDT", Zone::Fixed(180)),
    ("MSK", Zone::Fixed(180)),
    ("МСК", Zone::Fixed(180)),
    ("TRT", Zone::Fixed(180)),
    ("EAT", Zone::Fixed(180)),
    ("GST", Zone::Fixed(240)),
    ("PKT", Zone::Fixed(300)),
    ("IST", Zone::Fixed(330)),
    ("ICT", Zone::Fixed(420)),
    ("WIB", Zone::Fixed(420)),
    ("HKT", Zone::Fixed(480)),
    ("SGT", Zone::Fixed(480)),
    ("PHT", Zone::Fixed(480)),
    ("AWST", Zone::Fixed(480)),
    ("JST", Zone::Fixed(540)),
    ("KST", Zone::Fixed(540)),
    ("ACST", Zone::Fixed(570)),
    ("ACDT", Zone::Fixed(630)),
    ("AEST", Zone::Fixed(600)),
    ("AEDT", Zone::Fixed(660)),
    ("NZST", Zone::Fixed(720)),
    ("NZDT", Zone::Fixed(780)),
    ("BRT", Zone::Fixed(-180)),
    ("ART", Zone::Fixed(-180)),
    ("EST", Zone::Fixed(-300)),
    ("EDT", Zone::Fixed(-240)),
    ("CST", Zone::Fixed(-360)),
    ("CDT", Zone::Fixed(-300)),
    ("MST", Zone::Fixed(-420)),
    ("MDT", Zone::Fixed(-360)),
    ("PST", Zone::Fixed(-480)),
    ("PDT", Zone::Fixed(-420)),
    ("AKST", Zone::Fixed(-540)),
    ("AKDT", Zone::Fixed(-480)),
    ("HST", Zone::Fixed(-600)),
    // "ET", "11:30 p.m. ET": standard or daylight time, whichever was in force that day.
    ("ET", Zone::UsLocal(-300)),
    ("CT", Zone::UsLocal(-360)),
    ("MT", Zone::UsLocal(-420)),
    ("PT", Zone::UsLocal(-480)),
];

/// The time zone written after a time of day (offsets in minutes east of UTC).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Zone {
    /// None written: taken as UTC, as for ISO times without an offset.
    Unstated,
    Fixed(i32),
    /// A US zone without "standard" or "daylight": the offset of standard time, plus an hour
    /// while daylight saving time is in force.
    UsLocal(i32),
    /// An abbreviation not in [`ZONES`]: the time cannot be converted, so only the date is kept.
    Unknown,
}

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
    "%d-%b-%Y",
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
    let s = skip_lead_words(&cleaned);
    // A date, then perhaps a time: "August 17, 2025 11:30 PM EDT", "17.08.2025 um 14:30 Uhr".
    if let Some((date, rest)) = date_prefix(s) {
        return Some(match clock(after_connector(rest)) {
            Some((time, zone, tail)) if !tail.starts_with(char::is_alphanumeric) => {
                at(date, time, zone)
            }
            _ => midnight(date),
        });
    }
    // A time, then the date: "11:30 PM EDT, August 17, 2025", "14:30, 17 August 2025".
    let (time, zone, rest) = clock(s)?;
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || ",;|·•–—-".contains(c));
    let (date, tail) = date_prefix(skip_lead_words(rest))?;
    tail.trim().is_empty().then(|| at(date, time, zone))
}

/// Skips up to three weekdays or articles before a date ("Sunday, August 17",
/// "dimanche 17 août", "am Sonntag, 17. August").
fn skip_lead_words(mut s: &str) -> &str {
    for _ in 0..3 {
        let Some(c) = LEAD_WORD.captures(s) else {
            break;
        };
        if !LEAD_WORDS.contains(&c[1].to_lowercase().as_str()) {
            break;
        }
        s = &s[c[0].len()..];
    }
    s
}

/// A calendar date at the start of `s`, and what follows it.
fn date_prefix(s: &str) -> Option<(NaiveDate, &str)> {
    if let Some(c) = NUMERIC.captures(s) {
        let (sep, year) = (&c[2], &c[5]);
        // Both separators alike; two-digit years only with slashes ("25-08-17" may well be
        // year-month-day).
        if sep != &c[4] || (sep == "-" && year.len() == 2) {
            return None;
        }
        let (a, b, mut y): (u32, u32, i32) =
            (c[1].parse().ok()?, c[3].parse().ok()?, year.parse().ok()?);
        if year.len() == 2 {
            // Two-digit years: the latest century that does not put the date in the future.
            let this_year = Utc::now().year() % 100;
            y += if y <= this_year { 2000 } else { 1900 };
        }
        // One value above 12 tells the order; otherwise US month/day, as most feeds use. The
        // same for dashes: 17-08-2025 is day-month, 08-07-2025 is August 7 like 08/07/2025.
        let (m, d) = if a > 12 { (b, a) } else { (a, b) };
        return Some((NaiveDate::from_ymd_opt(y, m, d)?, &s[c[0].len()..]));
    }
    for fmt in DATE_FORMATS {
        if let Ok((d, rest)) = NaiveDate::parse_and_remainder(s, fmt) {
            if rest.is_empty() || rest.starts_with([' ', 'T', ',', '|']) {
                return Some((d, rest));
            }
        }
    }
    let c = FOREIGN.captures(s)?;
    let rest = &s[c[0].len()..];
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let month = month_number(&c[2])?;
    let d = NaiveDate::from_ymd_opt(c[3].parse().ok()?, month, c[1].parse().ok()?)?;
    Some((d, rest))
}

/// The month a (possibly abbreviated) month name stands for.
fn month_number(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    if word.chars().count() < 3 {
        return None;
    }
    let mut months = MONTHS
        .iter()
        .filter(|(name, _)| name.starts_with(&word))
        .map(|&(_, m)| m);
    let first = months.next()?;
    months.all(|m| m == first).then_some(first)
}

/// Skips what may stand between a date and its time ("T", ", ", " at ", " um "…).
fn after_connector(s: &str) -> &str {
    match CONNECTOR.captures(s) {
        // "T23:30": keep the digit.
        Some(c) => match c.get(1) {
            Some(digit) => &s[digit.start()..],
            None => &s[c[0].len()..],
        },
        None => s,
    }
}

/// A time of day at the start of `s`, with its time zone if one follows, and the rest.
fn clock(s: &str) -> Option<(NaiveTime, Zone, &str)> {
    let c = CLOCK.captures(s)?;
    let (minutes, meridiem) = (c.get(2), c.get(4));
    // A bare number is not a time: "11 PM" and "14h" are.
    if minutes.is_none() && meridiem.is_none() && c.get(5).is_none() {
        return None;
    }
    let mut hour: u32 = c[1].parse().ok()?;
    let minute = minutes.map_or(Some(0), |m| m.as_str().parse().ok())?;
    let second = c.get(3).map_or(Some(0), |m| m.as_str().parse().ok())?;
    if let Some(m) = meridiem {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = hour % 12
            + if m.as_str().eq_ignore_ascii_case("p") {
                12
            } else {
                0
            };
    }
    let time = NaiveTime::from_hms_opt(hour, minute, second)?;
    let rest = &s[c[0].len()..];
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None; // "10.000 people"
    }
    let (zone, rest) = zone(rest);
    if rest.starts_with(char::is_alphanumeric) {
        return None; // "11:30pmfoo"
    }
    Some((time, zone, rest))
}

/// The time zone at the start of `s` (after a time of day), and the rest.
fn zone(s: &str) -> (Zone, &str) {
    if let Some(c) = OFFSET.captures(s) {
        let (hours, minutes) = (&c[3], c.get(4));
        // A bare sign and a number may be anything ("14:30 - 2 hours ago"): without "UTC"
        // or "GMT", only "+hhmm" and "+hh:mm" are offsets.
        if c.get(1).is_some() || (hours.len() == 2 && minutes.is_some()) {
            let h: i32 = hours.parse().unwrap_or(99);
            let m: i32 = minutes.map_or(0, |m| m.as_str().parse().unwrap_or(99));
            if h <= 14 && m < 60 {
                let sign = if &c[2] == "+" { 1 } else { -1 };
                return (Zone::Fixed(sign * (h * 60 + m)), &s[c[0].len()..]);
            }
        }
    }
    if let Some(c) = ZONE_WORD.captures(s) {
        let word = &c[1];
        if let Some(&(_, zone)) = ZONES.iter().find(|(name, _)| *name == word) {
            return (zone, &s[c[0].len()..]);
        }
        // Zone abbreviations are written in capitals; any other word is not one.
        if word.chars().count() <= 5 && word.chars().all(char::is_uppercase) {
            return (Zone::Unknown, &s[c[0].len()..]);
        }
    }
    // A zone by name ("Europe/Kyiv", "Kyiv time", "(heure de Paris)") is a zone we cannot
    // convert: the date is kept, not the time (read as UTC it was hours off).
    let tail = s.trim_start().trim_start_matches('(').to_lowercase();
    let iana = tail
        .split_whitespace()
        .next()
        .is_some_and(|w| w.contains('/') && w.starts_with(|c: char| c.is_alphabetic()));
    let named = tail.split(|c: char| !c.is_alphabetic()).any(|w| {
        matches!(
            w,
            "time" | "heure" | "hora" | "zeit" | "ora" | "время" | "часу" | "времени"
        )
    });
    if iana || (named && tail.len() <= 40) {
        return (Zone::Unknown, "");
    }
    (Zone::Unstated, s)
}

/// The moment a local date and time in `zone` stands for; midnight UTC of the date when the
/// zone is unknown (a time that cannot be converted is not kept).
fn at(date: NaiveDate, time: NaiveTime, zone: Zone) -> DateTime<Utc> {
    let local = date.and_time(time);
    let minutes = match zone {
        Zone::Unstated => 0,
        Zone::Fixed(m) => m,
        Zone::UsLocal(m) => m + if us_daylight_time(local) { 60 } else { 0 },
        Zone::Unknown => return midnight(date),
    };
    Utc.from_utc_datetime(&(local - chrono::Duration::minutes(minutes.into())))
}

/// US daylight saving time, from 2:00 local time on its first day to 2:00 on its last: since
/// 2007 from the second Sunday of March to the first Sunday of November, 1987–2006 from the
/// first Sunday of April, before that from the last Sunday of April, to the last Sunday of
/// October (the 1974–75 wartime exceptions aside).
fn us_daylight_time(local: NaiveDateTime) -> bool {
    let y = local.year();
    let sunday = |month, n| NaiveDate::from_weekday_of_month_opt(y, month, Weekday::Sun, n);
    let last_sunday = |month| sunday(month, 5).or_else(|| sunday(month, 4));
    let (start, end) = if y >= 2007 {
        (sunday(3, 2), sunday(11, 1))
    } else if y >= 1987 {
        (sunday(4, 1), last_sunday(10))
    } else {
        (last_sunday(4), last_sunday(10))
    };
    let two_am = |d: Option<NaiveDate>| d.and_then(|d| d.and_hms_opt(2, 0, 0));
    match (two_am(start), two_am(end)) {
        (Some(start), Some(end)) => start <= local && local < end,
        _ => false,
    }
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
    fn zones_by_name_keep_only_the_date() {
        for s in [
            "2025-08-17T14:30:00 Europe/Kyiv",
            "August 17, 2025 14:30 Kyiv time",
            "17 août 2025 à 14h30 (heure de Paris)",
        ] {
            assert_eq!(ymd_hm(s), "2025-08-17 00:00", "{s}");
        }
        // A known zone still converts.
        assert_eq!(ymd_hm("August 17, 2025 11:30 PM EDT"), "2025-08-18 03:30");
    }

    fn ymd_hm(s: &str) -> String {
        match parse(s) {
            Some(Parsed::Valid(d)) => d.format("%Y-%m-%d %H:%M").to_string(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn epoch_strings() {
        assert_eq!(ymd_hm("1755441000"), "2025-08-17 14:30");
        assert_eq!(ymd_hm("1755441000000"), "2025-08-17 14:30");
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
    fn time_of_day_and_zone_after_a_written_date() {
        for s in [
            "August 17, 2025 11:30 PM EDT",
            "Sunday, August 17, 2025 11:30 PM EDT",
            "August 17, 2025 23:30 EDT",
            "August 17, 2025 11:30:00 PM EDT",
            "August 17, 2025 23:30:00 EDT",
            "August 17, 2025 at 11:30 p.m. ET",
            "Aug. 17, 2025, 11:30PM EDT",
            "August 17, 2025 11:30 pm (EDT)",
            "August 17, 2025 11:30 PM -0400",
            "August 17, 2025 11:30 PM UTC-4",
            "August 17, 2025 8:30 PM PT",
            "August 17, 2025 8:30 PM PDT",
            "Monday, August 17, 2025 11:30 PM EDT", // wrong weekday: the date decides
            "11:30 PM EDT, August 17, 2025",
            "11:30 p.m. ET Sunday, August 17, 2025",
            "2025-08-17 23:30 EDT",
            "2025-08-17T23:30:00 EDT",
            "08/17/2025 11:30 PM EDT",
        ] {
            assert_eq!(ymd(s), "2025-08-18 03:30", "{s}");
        }
        // "ET" is standard time in winter.
        assert_eq!(ymd("January 17, 2025 at 11:30 p.m. ET"), "2025-01-18 04:30");
        assert_eq!(ymd("March 9, 2025 1:30 AM ET"), "2025-03-09 06:30");
        assert_eq!(ymd("March 9, 2025 3:30 AM ET"), "2025-03-09 07:30");
        assert_eq!(ymd("July 4, 2005 noon"), "2005-07-04 00:00");
        assert_eq!(ymd("July 4, 2005 12:00 PM ET"), "2005-07-04 16:00");
        assert_eq!(ymd("August 17, 2025 12:15 AM EDT"), "2025-08-17 04:15");
        assert_eq!(ymd("17 Aug 2025 00:30 CEST"), "2025-08-16 22:30");
        assert_eq!(ymd("17 August 2025, 14:02 BST"), "2025-08-17 13:02");
        assert_eq!(ymd("17 August 2025 08:15 IST"), "2025-08-17 02:45");
        assert_eq!(ymd("17 August 2025 08:15 JST"), "2025-08-16 23:15");
        assert_eq!(ymd("17 August 2025 08:15 AEST"), "2025-08-16 22:15");
        assert_eq!(ymd("17 August 2025 08:15 GMT+5:30"), "2025-08-17 02:45");
        assert_eq!(ymd("17 August 2025 08:15 +05:30"), "2025-08-17 02:45");
        // No zone: the time is taken as UTC, like an ISO time without an offset.
        assert_eq!(ymd("August 17, 2025 11:30 PM"), "2025-08-17 23:30");
        assert_eq!(ymd("17.08.2025 14:30"), "2025-08-17 14:30");
        assert_eq!(ymd("14:30, 17 August 2025"), "2025-08-17 14:30");
        // A zone we cannot convert: the date only, never a time in the wrong zone.
        assert_eq!(ymd("August 17, 2025 11:30 PM XYZT"), "2025-08-17 00:00");
        // Things after the date that are no time leave it at midnight.
        assert_eq!(ymd("August 17, 2025 | Updated"), "2025-08-17 00:00");
        assert_eq!(ymd("17 August 2025, 10.000 people"), "2025-08-17 00:00");
        assert_eq!(ymd("August 17, 2025 11:30pmfoo"), "2025-08-17 00:00");
        assert_eq!(ymd("August 17, 2025 - 2 hours ago"), "2025-08-17 00:00");
        assert_eq!(ymd("August 17, 2025 25:30 EDT"), "2025-08-17 00:00");
        assert_eq!(ymd("August 17, 2025 13:30 PM EDT"), "2025-08-17 00:00");
    }

    #[test]
    fn rfc_2822_with_other_zone_names() {
        assert_eq!(ymd("Sun, 17 Aug 2025 00:30:00 CEST"), "2025-08-16 22:30");
        assert_eq!(ymd("Sun, 17 Aug 2025 00:30:00 MSK"), "2025-08-16 21:30");
        assert_eq!(ymd("Sun, 17 Aug 2025 00:30 EEST"), "2025-08-16 21:30");
        assert_eq!(ymd("Sun, 17 Aug 2025 09:30:00 KST"), "2025-08-17 00:30");
        assert_eq!(ymd("Sun, 17 Aug 2025 00:30:00 UTC"), "2025-08-17 00:30");
        assert_eq!(ymd("Sun, 17 Aug 2025 00:30:00 Z"), "2025-08-17 00:30");
        assert_eq!(ymd("Sun, 17 Aug 2025 00:30:00 +0300"), "2025-08-16 21:30");
        // JavaScript's Date.toString().
        assert_eq!(
            ymd("Sun Aug 17 2025 23:30:00 GMT+0300 (Moscow Standard Time)"),
            "2025-08-17 20:30"
        );
        // A wrong weekday is no reason to lose the date.
        assert_eq!(ymd("Mon, 17 Aug 2025 14:02:00 GMT"), "2025-08-17 14:02");
    }

    #[test]
    fn month_names_in_other_languages() {
        for s in [
            "17 de agosto de 2025",
            "17 de agosto del 2025",
            "domingo, 17 de agosto de 2025",
            "17 agosto 2025",
            "domenica 17 agosto 2025",
            "17 août 2025",
            "le 17 août 2025",
            "dimanche 17 août 2025",
            "17. August 2025",
            "Sonntag, 17. August 2025",
            "am 17. August 2025",
            "17 августа 2025",
            "17 августа 2025 г.",
            "воскресенье, 17 августа 2025 года",
            "17 серпня 2025",
            "17 серпня 2025 р.",
        ] {
            assert_eq!(ymd(s), "2025-08-17 00:00", "{s}");
        }
        assert_eq!(ymd("1er août 2025"), "2025-08-01 00:00");
        assert_eq!(ymd("1º de agosto de 2025"), "2025-08-01 00:00");
        assert_eq!(ymd("17 de março de 2025"), "2025-03-17 00:00");
        assert_eq!(ymd("17 de setembro de 2024"), "2024-09-17 00:00");
        assert_eq!(ymd("17 janv. 2025"), "2025-01-17 00:00");
        assert_eq!(ymd("17 févr. 2025"), "2025-02-17 00:00");
        assert_eq!(ymd("17 dic. 2024"), "2024-12-17 00:00");
        assert_eq!(ymd("17 Okt. 2024"), "2024-10-17 00:00");
        assert_eq!(ymd("17 сент. 2024"), "2024-09-17 00:00");
        // With a time of day.
        assert_eq!(ymd("17 de agosto de 2025 a las 14:30"), "2025-08-17 14:30");
        assert_eq!(ymd("17 août 2025 à 14h30"), "2025-08-17 14:30");
        assert_eq!(ymd("17. August 2025 um 14:30 Uhr MESZ"), "2025-08-17 12:30");
        assert_eq!(ymd("17 августа 2025 в 14:30 МСК"), "2025-08-17 11:30");
        assert_eq!(ymd("17 августа 2025, 14:30 MSK"), "2025-08-17 11:30");
        // Not a month, or not one month only ("jui": juin or juillet).
        assert!(matches!(parse("17 de 2025"), Some(Parsed::Rejected(_))));
        assert!(matches!(parse("17 jui 2025"), Some(Parsed::Rejected(_))));
        assert!(matches!(parse("17 xyzzy 2025"), Some(Parsed::Rejected(_))));
    }

    #[test]
    fn day_month_year_with_dashes() {
        assert_eq!(ymd("17-08-2025"), "2025-08-17 00:00");
        assert_eq!(ymd("17-08-2025 14:30"), "2025-08-17 14:30");
        assert_eq!(ymd("7-8-2025"), "2025-07-08 00:00"); // ambiguous: US order, as 7/8/2025
        assert_eq!(ymd("08-17-2025"), "2025-08-17 00:00");
        assert_eq!(ymd("17-Aug-2025"), "2025-08-17 00:00");
        // "25-08-17" may be year-month-day: not guessed.
        assert!(matches!(parse("25-08-17"), Some(Parsed::Rejected(_))));
        assert!(matches!(parse("17-08/2025"), Some(Parsed::Rejected(_))));
        assert!(matches!(parse("31-02-2025"), Some(Parsed::Rejected(_))));
        assert!(matches!(parse("17-13-2025"), Some(Parsed::Rejected(_))));
    }

    #[test]
    fn us_daylight_saving_rules() {
        let t = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        assert!(!us_daylight_time(t("2025-03-09 01:59")));
        assert!(us_daylight_time(t("2025-03-09 02:00")));
        assert!(us_daylight_time(t("2025-11-02 01:59")));
        assert!(!us_daylight_time(t("2025-11-02 02:00")));
        assert!(!us_daylight_time(t("2005-03-20 12:00"))); // before 2007: from April
        assert!(us_daylight_time(t("2005-04-03 12:00")));
        assert!(!us_daylight_time(t("2005-10-30 12:00")));
        assert!(!us_daylight_time(t("1980-04-20 12:00"))); // before 1987: last Sunday of April
        assert!(us_daylight_time(t("1980-04-27 12:00")));
    }

    #[test]
    fn junk_and_impossible_dates_are_rejected() {
        assert!(matches!(
            parse("0001-01-01T00:00:00Z"),
            Some(Parsed::Rejected(_))
        ));
        assert!(matches!(parse("2999-01-01"), Some(Parsed::Rejected(_))));
        assert!(matches!(parse("yesterday-ish"), Some(Parsed::Rejected(_))));
        // A time, a zone or a weekday alone is no date.
        for junk in [
            "11:30 PM EDT",
            "Sunday",
            "Sunday 11:30",
            "EDT",
            "14h30",
            "at 11:30",
        ] {
            assert!(matches!(parse(junk), Some(Parsed::Rejected(_))), "{junk}");
        }
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
