//! Size limits that keep memory bounded on hostile or odd input. Anything above a limit is
//! skipped with a reason that names the flag to raise; everything else is indexed.

/// Set from `--max-file-size` / `--max-record-size` or `[limits]` in attache.toml.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read whole (every format except streamed JSON Lines), and the most a `.gz`
    /// file may unpack to when read whole.
    pub max_file: u64,
    /// Largest record: one JSON Lines line, and the text (title and body) of one article.
    pub max_record: u64,
    /// Largest HTML page: parsing builds a DOM of up to ~30 times the page's size.
    pub max_html: u64,
}

pub const DEFAULT_MAX_FILE: u64 = 256 << 20;
pub const DEFAULT_MAX_RECORD: u64 = 8 << 20;
pub const DEFAULT_MAX_HTML: u64 = 16 << 20;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file: DEFAULT_MAX_FILE,
            max_record: DEFAULT_MAX_RECORD,
            max_html: DEFAULT_MAX_HTML,
        }
    }
}

/// "512K", "8M", "1G", "1.5GB", "300000" (bytes) → bytes.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let lower = lower
        .strip_suffix("ib")
        .or_else(|| lower.strip_suffix('b'))
        .unwrap_or(&lower);
    let (num, mult) = match lower.chars().last() {
        Some('k') => (&lower[..lower.len() - 1], 1u64 << 10),
        Some('m') => (&lower[..lower.len() - 1], 1 << 20),
        Some('g') => (&lower[..lower.len() - 1], 1 << 30),
        Some('t') => (&lower[..lower.len() - 1], 1 << 40),
        _ => (lower, 1),
    };
    match num.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && n >= 1.0 && n * (mult as f64) < u64::MAX as f64 => {
            Ok((n * mult as f64) as u64)
        }
        _ => Err(format!(
            "invalid size '{t}': use a number of bytes or a number with K, M or G (e.g. 16M, 1G)"
        )),
    }
}

/// Bytes for messages: "8 MB", "1.5 GB", "900 bytes" (binary units, as the flags take).
pub fn human(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)];
    for (name, size) in UNITS {
        if bytes >= size {
            let v = bytes as f64 / size as f64;
            return if (v - v.round()).abs() < 0.05 {
                format!("{} {name}", v.round())
            } else {
                format!("{v:.1} {name}")
            };
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("8M"), Ok(8 << 20));
        assert_eq!(parse_size("8MB"), Ok(8 << 20));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("1.5g"), Ok(3 << 29));
        assert_eq!(parse_size("4096"), Ok(4096));
        assert!(parse_size("0").is_err());
        assert!(parse_size("lots").is_err());
        assert!(parse_size("-5M").is_err());
        assert_eq!(human(8 << 20), "8 MB");
        assert_eq!(human(3 << 29), "1.5 GB");
        assert_eq!(human(900), "900 bytes");
    }
}
