//! CSV and TSV with a header row; a short or long row is reported and skipped, the rest kept.

use serde_json::Value;

use super::article::SkipKind;
use super::fields::Record;
use super::Sink;

pub fn read(text: &str, delimiter: u8, sink: Sink<'_>) {
    // A ".csv" whose header is separated by semicolons (what spreadsheets write where the
    // comma is the decimal mark) is read with them.
    let header = text.lines().next().unwrap_or("");
    let delimiter =
        if delimiter == b',' && header.matches(';').count() > header.matches(',').count() {
            b';'
        } else {
            delimiter
        };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .quoting(delimiter != b'\t')
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return sink(
                Some(1),
                Err((SkipKind::Malformed, format!("unreadable header row: {e}"))),
            )
        }
    };
    if headers.len() < 2 {
        let what = if delimiter == b'\t' {
            "tab"
        } else {
            "comma- or semicolon"
        };
        return sink(
            Some(1),
            Err((
                SkipKind::Malformed,
                format!("header row has no {what}-separated columns"),
            )),
        );
    }
    for row in reader.records() {
        match row {
            Ok(row) => {
                let line = row.position().map(|p| p.line());
                if row.len() != headers.len() {
                    let detail = format!(
                        "row has {} fields, the header has {}; row skipped",
                        row.len(),
                        headers.len()
                    );
                    sink(line, Err((SkipKind::Malformed, detail)));
                    continue;
                }
                let rec: Record = headers
                    .iter()
                    .zip(row.iter())
                    .map(|(h, v)| {
                        (
                            h.trim().to_string(),
                            Value::String(if delimiter == b'\t' {
                                unquoted(v)
                            } else {
                                v.to_string()
                            }),
                        )
                    })
                    .collect();
                sink(line, Ok(rec));
            }
            Err(e) => {
                let line = e.position().map(|p| p.line());
                sink(
                    line,
                    Err((SkipKind::Malformed, format!("invalid CSV: {e}"))),
                );
            }
        }
    }
}

/// A TSV field (read without CSV quoting, since tabs files hold stray marks) wrapped in double
/// quotes as a whole is the text inside them, with doubled marks undone: `"Talks resume"`.
fn unquoted(v: &str) -> String {
    let inner = v
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .filter(|i| !i.replace("\"\"", "").contains('"'));
    match inner {
        Some(i) => i.replace("\"\"", "\""),
        None => v.to_string(),
    }
}
