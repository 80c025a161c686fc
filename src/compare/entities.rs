//! Article counts per entity among a query's matches, from the multi-valued keyword fast
//! fields (`persons`, `orgs`, `places`, and the unknown-candidate fields): no stored
//! document is read.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts, per field (by position in `fields`) and term, the matching articles naming it.
pub struct TermCounter {
    pub fields: Vec<&'static str>,
}

pub struct TermCounterSegment {
    columns: Vec<Option<StrColumn>>,
    counts: Vec<HashMap<u64, u64>>,
    docs: u64,
    ords: Vec<u64>,
}

/// (matching articles, per field: term → articles).
pub type TermCounts = (u64, Vec<HashMap<String, u64>>);

impl Collector for TermCounter {
    type Fruit = TermCounts;
    type Child = TermCounterSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let ff = reader.fast_fields();
        let columns = self
            .fields
            .iter()
            .map(|f| ff.str(f))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(TermCounterSegment {
            counts: vec![HashMap::new(); columns.len()],
            columns,
            docs: 0,
            ords: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<TermCounts>) -> tantivy::Result<TermCounts> {
        let mut total = 0;
        let mut out: Vec<HashMap<String, u64>> = vec![HashMap::new(); self.fields.len()];
        for (n, per_field) in fruits {
            total += n;
            for (acc, m) in out.iter_mut().zip(per_field) {
                for (k, v) in m {
                    *acc.entry(k).or_default() += v;
                }
            }
        }
        Ok((total, out))
    }
}

impl SegmentCollector for TermCounterSegment {
    type Fruit = TermCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.docs += 1;
        for (col, counts) in self.columns.iter().zip(self.counts.iter_mut()) {
            if let Some(col) = col {
                self.ords.clear();
                self.ords.extend(col.term_ords(doc));
                self.ords.dedup();
                for &o in &self.ords {
                    *counts.entry(o).or_default() += 1;
                }
            }
        }
    }

    fn harvest(self) -> TermCounts {
        let mut out = Vec::with_capacity(self.columns.len());
        for (col, counts) in self.columns.iter().zip(self.counts) {
            let mut m = HashMap::with_capacity(counts.len());
            if let Some(col) = col {
                let mut buf = String::new();
                for (ord, n) in counts {
                    buf.clear();
                    // Ordinals come from the same column: the dictionary read cannot miss.
                    if col.ord_to_str(ord, &mut buf).unwrap_or(false) {
                        m.insert(buf.clone(), n);
                    }
                }
            }
            out.push(m);
        }
        (self.docs, out)
    }
}

/// The `n` entities named by most of `docs` (any type), most frequent first:
/// (type, id, articles). Reads only the `persons`, `orgs`, `places` fast fields.
pub fn top_in(
    searcher: &tantivy::Searcher,
    docs: &[tantivy::DocAddress],
    n: usize,
) -> tantivy::Result<Vec<(crate::enrich::entities::EntityType, String, u64)>> {
    use crate::enrich::entities::EntityType;
    const FIELDS: [(&str, EntityType); 3] = [
        ("persons", EntityType::Person),
        ("orgs", EntityType::Org),
        ("places", EntityType::Place),
    ];
    let mut by_segment: HashMap<u32, Vec<DocId>> = HashMap::new();
    for d in docs {
        by_segment.entry(d.segment_ord).or_default().push(d.doc_id);
    }
    let mut counts: HashMap<(EntityType, String), u64> = HashMap::new();
    for (seg, ids) in by_segment {
        let ff = searcher.segment_reader(seg).fast_fields();
        for (field, t) in FIELDS {
            let Some(col) = ff.str(field)? else { continue };
            let mut per_ord: HashMap<u64, u64> = HashMap::new();
            for &doc in &ids {
                let mut ords: Vec<u64> = col.term_ords(doc).collect();
                ords.dedup();
                for o in ords {
                    *per_ord.entry(o).or_default() += 1;
                }
            }
            let mut buf = String::new();
            for (o, c) in per_ord {
                buf.clear();
                if col.ord_to_str(o, &mut buf)? {
                    *counts.entry((t, buf.clone())).or_default() += c;
                }
            }
        }
    }
    let mut out: Vec<(EntityType, String, u64)> =
        counts.into_iter().map(|((t, id), c)| (t, id, c)).collect();
    out.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    out.truncate(n);
    Ok(out)
}

/// Counts, per value of a keyword `group` field (outlet), the articles carrying each term of
/// a multi-valued keyword `field` (topics), plus each group's article count.
pub struct GroupedTermCounter {
    pub group: &'static str,
    pub field: &'static str,
}

pub type GroupedCounts = HashMap<String, (u64, HashMap<String, u64>)>;

pub struct GroupedTermSegment {
    group: Option<StrColumn>,
    field: Option<StrColumn>,
    counts: HashMap<u64, (u64, HashMap<u64, u64>)>,
}

impl Collector for GroupedTermCounter {
    type Fruit = GroupedCounts;
    type Child = GroupedTermSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let ff = reader.fast_fields();
        Ok(GroupedTermSegment {
            group: ff.str(self.group)?,
            field: ff.str(self.field)?,
            counts: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<GroupedCounts>) -> tantivy::Result<GroupedCounts> {
        let mut out: GroupedCounts = HashMap::new();
        for f in fruits {
            for (g, (n, terms)) in f {
                let slot = out.entry(g).or_default();
                slot.0 += n;
                for (t, c) in terms {
                    *slot.1.entry(t).or_default() += c;
                }
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for GroupedTermSegment {
    type Fruit = GroupedCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let g = self
            .group
            .as_ref()
            .and_then(|c| c.ords().first(doc))
            .unwrap_or(u64::MAX);
        let slot = self.counts.entry(g).or_default();
        slot.0 += 1;
        if let Some(col) = &self.field {
            for o in col.term_ords(doc) {
                *slot.1.entry(o).or_default() += 1;
            }
        }
    }

    fn harvest(self) -> GroupedCounts {
        let mut out: GroupedCounts = HashMap::new();
        let mut buf = String::new();
        for (g, (n, terms)) in self.counts {
            buf.clear();
            if g != u64::MAX {
                if let Some(col) = &self.group {
                    let _ = col.ord_to_str(g, &mut buf);
                }
            }
            let slot = out.entry(buf.clone()).or_default();
            slot.0 += n;
            if let Some(col) = &self.field {
                let mut t = String::new();
                for (o, c) in terms {
                    t.clear();
                    if col.ord_to_str(o, &mut t).unwrap_or(false) {
                        *slot.1.entry(t.clone()).or_default() += c;
                    }
                }
            }
        }
        out
    }
}
