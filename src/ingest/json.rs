//! JSON (one object, an array of objects, or an object wrapping such an array) and JSON Lines.

use std::io::BufRead;

use serde_json::Value;

use super::article::SkipKind;
use super::fields::Record;
use super::Sink;

pub fn read(text: &str, sink: Sink<'_>) {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return sink(
                Some(e.line() as u64),
                Err((SkipKind::Malformed, format!("invalid JSON: {e}"))),
            );
        }
    };
    match value {
        Value::Object(map) => match wrapped_array(&map) {
            Some(items) => each(items, sink),
            None => sink(None, Ok(map)),
        },
        Value::Array(items) => each(&items, sink),
        _ => sink(
            None,
            Err((
                SkipKind::Malformed,
                "JSON is neither an object nor an array of objects".into(),
            )),
        ),
    }
}

fn each(items: &[Value], sink: Sink<'_>) {
    for (i, item) in items.iter().enumerate() {
        let n = Some(i as u64 + 1);
        match item {
            Value::Object(map) => sink(n, Ok(map.clone())),
            _ => sink(
                n,
                Err((
                    SkipKind::Malformed,
                    format!("array element {} is not a JSON object", i + 1),
                )),
            ),
        }
    }
}

/// `{"articles": [{…}, …]}`: an object whose only list of objects holds the records.
fn wrapped_array(map: &Record) -> Option<&Vec<Value>> {
    let mut lists = map.values().filter_map(|v| match v {
        Value::Array(a) if !a.is_empty() && a.iter().all(Value::is_object) => Some(a),
        _ => None,
    });
    let first = lists.next()?;
    let has_text = map
        .values()
        .any(|v| matches!(v, Value::String(s) if s.len() > 200));
    (lists.next().is_none()
        && !has_text
        && first
            .iter()
            .any(|o| o.as_object().is_some_and(|o| o.len() > 2)))
    .then_some(first)
}

/// Lines whose invalid UTF-8 bytes were replaced: the first few line numbers and the total.
#[derive(Debug, Default)]
pub struct Repaired {
    pub lines: Vec<u64>,
    pub total: u64,
}

/// Line numbers kept for warnings; the rest are only counted.
const REPAIRED_LINES_KEPT: usize = 20;

/// JSON Lines, streamed: one record per line, bounded memory whatever the file size: a line
/// longer than `max_line` bytes is skipped (and never held in memory) with a reason.
pub fn read_lines(
    reader: &mut dyn BufRead,
    max_line: u64,
    sink: Sink<'_>,
) -> std::io::Result<Repaired> {
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    let mut repaired = Repaired::default();
    loop {
        buf.clear();
        let (read, too_long) = read_line_bounded(reader, &mut buf, max_line)?;
        if read == 0 {
            return Ok(repaired);
        }
        line_no += 1;
        if too_long == Overflow::Text {
            sink(
                Some(line_no),
                Err((
                    SkipKind::TooLarge,
                    format!(
                        "line of {} is above the record limit of {}; raise --max-record-size to read it",
                        super::limits::human(read as u64),
                        super::limits::human(max_line)
                    ),
                )),
            );
            continue;
        }
        let line = String::from_utf8_lossy(&buf);
        if matches!(line, std::borrow::Cow::Owned(_)) {
            repaired.total += 1;
            if repaired.lines.len() < REPAIRED_LINES_KEPT {
                repaired.lines.push(line_no);
            }
        }
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(map)) => sink(Some(line_no), Ok(map)),
            Ok(_) => sink(
                Some(line_no),
                Err((SkipKind::Malformed, "line is not a JSON object".into())),
            ),
            Err(e) => sink(
                Some(line_no),
                Err((SkipKind::Malformed, format!("invalid JSON: {e}"))),
            ),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Overflow {
    No,
    /// Longer than the limit, but only whitespace: a blank line, like any other.
    Blank,
    Text,
}

/// Reads up to and including the next newline. Keeps at most `max` bytes in `buf`: past that
/// the rest of the line is read and dropped. Returns the bytes read and whether it overflowed.
fn read_line_bounded(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: u64,
) -> std::io::Result<(usize, Overflow)> {
    let mut total = 0usize;
    let mut over = Overflow::No;
    loop {
        let avail = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok((total, over));
        }
        let blank = |b: &[u8]| b.iter().all(u8::is_ascii_whitespace);
        let (used, done) = match memchr::memchr(b'\n', avail) {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        match over {
            Overflow::No if (buf.len() + used) as u64 > max => {
                over = if blank(buf) && blank(&avail[..used]) {
                    Overflow::Blank
                } else {
                    Overflow::Text
                };
                *buf = Vec::new();
            }
            Overflow::No => buf.extend_from_slice(&avail[..used]),
            Overflow::Blank if !blank(&avail[..used]) => over = Overflow::Text,
            _ => {}
        }
        reader.consume(used);
        total += used;
        if done {
            return Ok((total, over));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_skipped_without_losing_the_next() {
        let long = format!("{{\"body\": \"{}\"}}", "x".repeat(5000));
        let text = format!("{{\"body\": \"one\"}}\n{long}\n{{\"body\": \"three\"}}");
        let mut got = Vec::new();
        read_lines(&mut text.as_bytes(), 1000, &mut |line, rec| {
            got.push((line, rec.map(|_| ()).map_err(|e| e.0)))
        })
        .unwrap();
        assert_eq!(
            got,
            vec![
                (Some(1), Ok(())),
                (Some(2), Err(SkipKind::TooLarge)),
                (Some(3), Ok(()))
            ]
        );
        // The same file with room enough reads all three.
        let mut n = 0;
        read_lines(&mut text.as_bytes(), 10_000, &mut |_, rec| {
            n += rec.is_ok() as usize
        })
        .unwrap();
        assert_eq!(n, 3);
        // An overlong line of spaces is a blank line, not a skipped record.
        let padded = format!(
            "{{\"body\": \"one\"}}\n{}\n{{\"body\": \"two\"}}",
            " ".repeat(5000)
        );
        let mut got = Vec::new();
        read_lines(&mut padded.as_bytes(), 1000, &mut |line, rec| {
            got.push((line, rec.is_ok()))
        })
        .unwrap();
        assert_eq!(got, vec![(Some(1), true), (Some(3), true)]);
    }
}
