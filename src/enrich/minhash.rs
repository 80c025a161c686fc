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

/// Values carry their position (so order does not matter when they come back from a
/// multi-valued fast field); see the packing at the end.
pub fn signature(text: &str) -> Vec<u64> {
    let mut mins = [u32::MAX; BINS];
    let mut filled = [false; BINS];
    // The last SHINGLE word hashes, as a ring; words are hashed byte by byte in one pass
    // (ASCII lower-cased; other bytes kept, so scripts without case compare as written).
    let mut ring = [0u64; SHINGLE];
    let mut words = 0usize;
    let mut h: u64 = FNV_OFFSET;
    let mut in_word = false;
    let bytes = text.as_bytes();
    for i in 0..=bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(b' ');
        let word_byte = b.is_ascii_alphanumeric() || b >= 0x80;
        if word_byte {
            h ^= b.to_ascii_lowercase() as u64;
            h = h.wrapping_mul(FNV_PRIME);
            in_word = true;
        } else if in_word {
            ring[words % SHINGLE] = h;
            words += 1;
            h = FNV_OFFSET;
            in_word = false;
            if words >= SHINGLE {
                let mut s = 0u64;
                for k in 0..SHINGLE {
                    // Oldest word first, so the shingle hash depends on word order.
                    s ^= ring[(words + k) % SHINGLE].rotate_left(17 * k as u32);
                }
                let s = mix(s);
                let bin = (s >> 59) as usize % BINS;
                let v = s as u32;
                if v <= mins[bin] {
                    mins[bin] = v;
                    filled[bin] = true;
                }
            }
        }
    }
    if words < SHINGLE {
        return Vec::new();
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
    // Two 30-bit min-hashes per stored value, with the pair's index in the top 4 bits: half
    // as many fast-field values to write as one per bin.
    (0..BINS / 2)
        .map(|p| {
            ((p as u64) << 60)
                | ((mins[2 * p] & MASK) as u64) << 30
                | (mins[2 * p + 1] & MASK) as u64
        })
        .collect()
}

const MASK: u32 = (1 << 30) - 1;

const FNV_OFFSET: u64 = 0xcbf29ce484222325;
const FNV_PRIME: u64 = 0x100000001b3;

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
        let pair = (v >> 60) as usize;
        if pair < BINS / 2 {
            out[2 * pair] = ((v >> 30) as u32) & MASK;
            out[2 * pair + 1] = (v as u32) & MASK;
            n += 1;
        }
    }
    (n == BINS / 2).then_some(out)
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
