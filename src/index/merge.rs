//! Merge policy: tantivy's log merge policy, with a cap on the size of what one merge makes.
//!
//! A merge reads its source segments through memory maps, and every page it touches counts in
//! the process's resident memory until the sources are dropped. With the default policy the
//! last merges of a large run took in most of the index (2.5 GB mapped at 1M articles), so peak
//! memory grew with the corpus. Capping the documents per merged segment bounds that figure; a
//! million articles end in about ten segments either way.

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};

/// Most documents a merge may produce. At the scale corpus's 4.75 KB per article, the sources
/// of such a merge are about 0.6 GB of index files.
pub const MAX_MERGED_DOCS: u32 = 150_000;

#[derive(Debug)]
pub struct BoundedMerges {
    inner: LogMergePolicy,
    cap: u32,
}

impl BoundedMerges {
    pub fn new(cap: u32) -> BoundedMerges {
        let mut inner = LogMergePolicy::default();
        // Segments already half the cap can only pair with small ones; leave them be.
        inner.set_max_docs_before_merge((cap / 2) as usize);
        BoundedMerges { inner, cap }
    }
}

impl Default for BoundedMerges {
    fn default() -> Self {
        BoundedMerges::new(MAX_MERGED_DOCS)
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs = |id| {
            segments
                .iter()
                .find(|s| s.id() == id)
                .map_or(0, |s| s.num_docs())
        };
        self.inner
            .compute_merge_candidates(segments)
            .into_iter()
            .flat_map(|MergeCandidate(ids)| {
                let sized: Vec<_> = ids.into_iter().map(|id| (id, docs(id))).collect();
                groups_under(sized, self.cap)
            })
            .map(MergeCandidate)
            .collect()
    }
}

/// Segments, smallest first, packed into groups of at least two under `cap` documents.
fn groups_under(mut sized: Vec<(SegmentId, u32)>, cap: u32) -> Vec<Vec<SegmentId>> {
    sized.sort_by_key(|&(_, n)| n);
    let mut out = Vec::new();
    let mut group = Vec::new();
    let mut total = 0u32;
    for (id, n) in sized {
        if total.saturating_add(n) > cap && !group.is_empty() {
            if group.len() > 1 {
                out.push(std::mem::take(&mut group));
            }
            group.clear();
            total = 0;
        }
        group.push(id);
        total = total.saturating_add(n);
    }
    if group.len() > 1 && total <= cap {
        out.push(group);
    }
    out
}

/// Above this many segments, `attache index` ends by packing the small ones (`pack`). Every
/// query command opens every segment (about seven files each), which at a million articles
/// cost about 0.15 ms per segment of a 4 ms `search --count`; the log merge policy leaves
/// levels of fewer than eight segments unmerged (14 segments at 1M).
pub const PACK_ABOVE: usize = 8;

/// The merges that pack an index with more than `PACK_ABOVE` segments: segments under half the
/// cap (the others are left alone, as by `BoundedMerges`), smallest first, in groups under the
/// cap. Empty when nothing is worth merging.
pub fn pack(segments: &[SegmentMeta], cap: u32) -> Vec<Vec<SegmentId>> {
    if segments.len() <= PACK_ABOVE {
        return Vec::new();
    }
    let small = segments
        .iter()
        .filter(|s| s.num_docs() < cap / 2)
        .map(|s| (s.id(), s.num_docs()))
        .collect();
    groups_under(small, cap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::Schema;
    use tantivy::Index;

    fn metas(index: &Index, sizes: &[u32]) -> Vec<SegmentMeta> {
        sizes
            .iter()
            .map(|&n| index.new_segment_meta(SegmentId::generate_random(), n))
            .collect()
    }

    fn merged_sizes(policy: &BoundedMerges, segs: &[SegmentMeta]) -> Vec<(usize, u32)> {
        policy
            .compute_merge_candidates(segs)
            .iter()
            .map(|MergeCandidate(ids)| {
                let total = ids
                    .iter()
                    .map(|id| segs.iter().find(|s| s.id() == *id).unwrap().num_docs())
                    .sum();
                (ids.len(), total)
            })
            .collect()
    }

    #[test]
    fn small_segments_still_merge() {
        let index = Index::create_in_ram(Schema::builder().build());
        let segs = metas(&index, &[16_000; 8]);
        assert_eq!(
            merged_sizes(&BoundedMerges::default(), &segs),
            vec![(8, 128_000)]
        );
    }

    #[test]
    fn no_merge_exceeds_the_cap() {
        let index = Index::create_in_ram(Schema::builder().build());
        // Eight segments of 60k: the log policy alone would merge them into 480k.
        let segs = metas(&index, &[60_000; 8]);
        let log = LogMergePolicy::default().compute_merge_candidates(&segs);
        assert_eq!(log.len(), 1);
        let sizes = merged_sizes(&BoundedMerges::new(130_000), &segs);
        assert!(!sizes.is_empty());
        assert!(
            sizes.iter().all(|&(n, total)| n > 1 && total <= 130_000),
            "{sizes:?}"
        );
    }

    #[test]
    fn segments_near_the_cap_are_left_alone() {
        let index = Index::create_in_ram(Schema::builder().build());
        let segs = metas(&index, &[128_000; 9]);
        assert!(merged_sizes(&BoundedMerges::default(), &segs).is_empty());
    }

    #[test]
    fn packing_merges_small_segments_of_a_many_segment_index() {
        let index = Index::create_in_ram(Schema::builder().build());
        // The segments a million-article build ended with.
        let sizes = [
            8_309, 9_494, 44_568, 44_584, 44_610, 44_669, 44_737, 44_877, 89_600, 89_653, 133_446,
            133_606, 133_812, 134_035,
        ];
        let segs = metas(&index, &sizes);
        let groups = pack(&segs, MAX_MERGED_DOCS);
        let docs = |g: &Vec<SegmentId>| -> u32 {
            g.iter()
                .map(|id| segs.iter().find(|s| s.id() == *id).unwrap().num_docs())
                .sum()
        };
        assert_eq!(groups.len(), 2, "{groups:?}");
        let ids: Vec<_> = groups.iter().flatten().collect();
        let unique: std::collections::HashSet<_> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "a segment in two merges");
        assert!(ids.iter().all(|id| segs
            .iter()
            .any(|s| s.id() == **id && s.num_docs() < MAX_MERGED_DOCS / 2)));
        assert!(groups
            .iter()
            .all(|g| g.len() > 1 && docs(g) <= MAX_MERGED_DOCS));
        let merged: usize = groups.iter().map(Vec::len).sum();
        assert_eq!(sizes.len() - merged + groups.len(), 9);
        // A few segments, or only large ones: nothing to do.
        assert!(pack(&segs[..PACK_ABOVE], MAX_MERGED_DOCS).is_empty());
        assert!(pack(&metas(&index, &[100_000; 12]), MAX_MERGED_DOCS).is_empty());
    }
}
