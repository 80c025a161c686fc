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
