//! Near-duplicate signatures: one-permutation MinHash over word shingles.
//!
//! Each shingle (SHINGLE consecutive words, lower-cased) is hashed once; the top bits pick one
//! of `BINS` bins and each bin keeps its smallest hash. Two texts agree in a bin with
//! probability close to the Jaccard similarity of their shingle sets. Costs about one hash per
//! word, so it adds little to indexing.

/// Bins in a signature (values stored per article).
pub const BINS: usize = 32;
/// Words per shingle.
pub const SHINGLE: usize = 4;

/// Bin index in the high 32 bits, min-hash in the low 32 bits (so order does not matter when
/// the values come back from a multi-valued fast field).
pub fn signature(text: &str) -> Vec<u64> {
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(word_hash)
        .collect();
    if words.len() < SHINGLE {
        return Vec::new();
    }
    let mut mins = [u32::MAX; BINS];
    let mut filled = [false; BINS];
    for w in words.windows(SHINGLE) {
        let mut h = 0u64;
        for (i, x) in w.iter().enumerate() {
            h ^= x.rotate_left(17 * i as u32);
        }
        let h = mix(h);
        let bin = (h >> 59) as usize % BINS;
        let v = h as u32;
        if v <= mins[bin] {
            mins[bin] = v;
            filled[bin] = true;
        }
    }
    // Densify: an empty bin borrows the next filled bin's value, salted with the distance, so
    // short texts still compare bin by bin.
    let src = mins;
    for b in 0..BINS {
        if !filled[b] {
            let (d, from) = (1..BINS)
                .map(|d| (d, (b + d) % BINS))
                .find(|(_, j)| filled[*j])
                .expect("one bin is filled");
            mins[b] = mix(src[from] as u64 ^ (d as u64) << 40) as u32;
        }
    }
    mins.iter()
        .enumerate()
        .map(|(b, v)| ((b as u64) << 32) | *v as u64)
        .collect()
}

fn word_hash(w: &str) -> u64 {
    // FNV-1a over lower-cased characters.
    let mut h: u64 = 0xcbf29ce484222325;
    for c in w.chars().flat_map(char::to_lowercase) {
        h ^= c as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// splitmix64 finaliser.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
    z ^ (z >> 31)
}

/// Signature values in bin order, whatever order they were stored in.
pub fn by_bin(values: impl IntoIterator<Item = u64>) -> Option<[u32; BINS]> {
    let mut out = [0u32; BINS];
    let mut n = 0;
    for v in values {
        let bin = (v >> 32) as usize;
        if bin < BINS {
            out[bin] = v as u32;
            n += 1;
        }
    }
    (n == BINS).then_some(out)
}

/// Estimated Jaccard similarity: the share of bins that agree.
pub fn similarity(a: &[u32; BINS], b: &[u32; BINS]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / BINS as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "Russian President Vladimir Putin agreed during his summit with U.S. President Donald Trump in Alaska that the United States and European allies could extend security guarantees to Ukraine resembling NATO's mutual defence clause, U.S. special envoy Steve Witkoff said on Sunday. We got the Russians to accept that America and Europe can give Ukraine protection that looks like Article 5, Witkoff told CNN. That is the first time we have heard them agree to it, and it is game-changing. Witkoff said the two leaders also discussed territorial questions and a possible three-way meeting with Volodymyr Zelenskyy, but gave no details. Secretary of State Marco Rubio said new sanctions would not bring a ceasefire and that the talks must continue.";

    fn sig(t: &str) -> [u32; BINS] {
        by_bin(signature(t)).unwrap()
    }

    #[test]
    fn copies_are_similar_and_rewrites_are_not() {
        let trimmed = WIRE.rsplit_once(" Secretary of State").unwrap().0;
        let copy = format!("{trimmed} Local lawmakers welcomed the news on Monday.");
        assert!(
            similarity(&sig(WIRE), &sig(&copy)) >= 0.6,
            "{}",
            similarity(&sig(WIRE), &sig(&copy))
        );
        let rewrite = "The American envoy claimed Moscow had accepted that Washington and its allies may protect Ukraine with a clause like NATO's Article 5, a concession he called game-changing, while the secretary of state warned that sanctions alone would not end the war.";
        assert!(similarity(&sig(WIRE), &sig(rewrite)) < 0.2);
        assert_eq!(similarity(&sig(WIRE), &sig(WIRE)), 1.0);
    }

    #[test]
    fn values_survive_any_order() {
        let mut v = signature(WIRE);
        v.reverse();
        assert_eq!(by_bin(v).unwrap(), sig(WIRE));
        assert!(signature("too short").is_empty());
    }
}
