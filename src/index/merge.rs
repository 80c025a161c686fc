//! Merge policy: tantivy's log merge policy, with a cap on the size of what one merge makes.
//!
//! A merge reads its source segments through memory maps, and every page it touches counts in
//! the process's resident memory until the sources are dropped. With the default policy the
//! last merges of a large run took in most of the index (2.5 GB mapped at 1M articles), so peak
//! memory grew with the corpus. Capping the documents per merged segment bounds that figure; a
//! million articles end in about ten segments either way.

use tantivy::index::SegmentMeta;
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
        let mut out = Vec::new();
        for MergeCandidate(mut ids) in self.inner.compute_merge_candidates(segments) {
            // Smallest first, packed into groups under the cap; a group of one is no merge.
            ids.sort_by_key(|&id| docs(id));
            let mut group = Vec::new();
            let mut total = 0u32;
            for id in ids {
                let n = docs(id);
                if total.saturating_add(n) > self.cap && !group.is_empty() {
                    if group.len() > 1 {
                        out.push(MergeCandidate(std::mem::take(&mut group)));
                    }
                    group.clear();
                    total = 0;
                }
                group.push(id);
                total = total.saturating_add(n);
            }
            if group.len() > 1 && total <= self.cap {
                out.push(MergeCandidate(group));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::index::SegmentId;
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
}
