//! A tantivy collector that counts matches per group and calendar bucket from fast fields only
//! (no stored documents are read), and remembers each group's first and last match.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts for one group (outlet or language).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupCounts {
    pub articles: u64,
    /// Bucket key (days since epoch of the bucket's first day, or months since year 0) → count.
    pub buckets: HashMap<i64, u64>,
    /// Earliest and latest dated match: (unix seconds, document).
    pub first: Option<(i64, DocAddress)>,
    pub last: Option<(i64, DocAddress)>,
    /// Every article counted (for story clustering).
    pub docs: Vec<DocAddress>,
}

impl GroupCounts {
    fn add(&mut self, bucket: Option<i64>, date: Option<i64>, addr: DocAddress) {
        self.articles += 1;
        self.docs.push(addr);
        if let Some(b) = bucket {
            *self.buckets.entry(b).or_default() += 1;
        }
        if let Some(d) = date {
            self.note(Some((d, addr)), Some((d, addr)));
        }
    }

    /// Adds another group's counts (another segment, or another outlet of the same country).
    pub fn merge(&mut self, other: GroupCounts) {
        self.articles += other.articles;
        self.docs.extend(other.docs);
        for (b, n) in other.buckets {
            *self.buckets.entry(b).or_default() += n;
        }
        self.note(other.first, other.last);
    }

    fn note(&mut self, first: Option<(i64, DocAddress)>, last: Option<(i64, DocAddress)>) {
        if let Some(f) = first {
            if self.first.is_none_or(|s| f < s) {
                self.first = Some(f);
            }
        }
        if let Some(l) = last {
            if self.last.is_none_or(|s| l > s) {
                self.last = Some(l);
            }
        }
    }
}

/// Groups by a keyword fast field (`outlet`, `lang`); buckets by an i64 fast field (`day`,
/// `week`, `month`). Articles without a group value are counted under "".
pub struct GroupBucketCollector {
    pub group_field: &'static str,
    pub bucket_field: &'static str,
}

pub struct GroupBucketSegment {
    segment: SegmentOrdinal,
    groups: Option<StrColumn>,
    buckets: Column<i64>,
    dates: Column<tantivy::DateTime>,
    /// Group ordinal (u64::MAX = none) → counts.
    by_ord: HashMap<u64, GroupCounts>,
}

impl Collector for GroupBucketCollector {
    type Fruit = HashMap<String, GroupCounts>;
    type Child = GroupBucketSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<GroupBucketSegment> {
        let ff = reader.fast_fields();
        Ok(GroupBucketSegment {
            segment,
            groups: ff.str(self.group_field)?,
            buckets: ff.i64(self.bucket_field)?,
            dates: ff.date("date")?,
            by_ord: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<HashMap<String, GroupCounts>>,
    ) -> tantivy::Result<Self::Fruit> {
        let mut out: HashMap<String, GroupCounts> = HashMap::new();
        for fruit in fruits {
            for (g, c) in fruit {
                out.entry(g).or_default().merge(c);
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for GroupBucketSegment {
    type Fruit = HashMap<String, GroupCounts>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let ord = self
            .groups
            .as_ref()
            .and_then(|c| c.ords().first(doc))
            .unwrap_or(u64::MAX);
        let date = self.dates.first(doc).map(|d| d.into_timestamp_secs());
        let bucket = self.buckets.first(doc);
        self.by_ord
            .entry(ord)
            .or_default()
            .add(bucket, date, DocAddress::new(self.segment, doc));
    }

    fn harvest(self) -> Self::Fruit {
        let mut out = HashMap::with_capacity(self.by_ord.len());
        let mut buf = String::new();
        for (ord, counts) in self.by_ord {
            buf.clear();
            if ord != u64::MAX {
                if let Some(col) = &self.groups {
                    // A dictionary read cannot fail for an ordinal taken from the same column.
                    let _ = col.ord_to_str(ord, &mut buf);
                }
            }
            out.insert(buf.clone(), counts);
        }
        out
    }
}
