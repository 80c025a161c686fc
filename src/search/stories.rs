//! Syndication: which matching articles are copies of one story. Signatures are computed at
//! index time (`enrich::minhash`); clustering runs over the articles a query matches, with
//! LSH banding to find candidates, the signature agreement to confirm them, and exact URL
//! duplicates. The earliest article of a cluster is its original.

use std::collections::HashMap;

use tantivy::{DocAddress, Searcher};

use crate::enrich::minhash::{self, BINS};

/// Default similarity (estimated Jaccard of 4-word shingles) above which two articles are copies.
pub const DEFAULT_THRESHOLD: f64 = 0.7;
const ROWS: usize = 4;
/// Candidate groups larger than this are compared only against their first member.
const MAX_PAIRWISE: usize = 64;

#[derive(Clone, Debug)]
pub struct Member {
    pub addr: DocAddress,
    pub date: Option<i64>,
    /// Similarity to the cluster's original (1.0 for the original itself).
    pub similarity: f64,
}

/// Story of every article given: its original, and the clusters of two or more.
#[derive(Debug, Default)]
pub struct Stories {
    pub root: HashMap<DocAddress, DocAddress>,
    /// Clusters with at least two articles, original first, then by date.
    pub clusters: Vec<Vec<Member>>,
}

impl Stories {
    pub fn original_of(&self, a: DocAddress) -> DocAddress {
        self.root.get(&a).copied().unwrap_or(a)
    }
    pub fn is_copy(&self, a: DocAddress) -> bool {
        self.original_of(a) != a
    }
}

struct Doc {
    addr: DocAddress,
    date: Option<i64>,
    sig: Option<[u32; BINS]>,
    id: Option<u64>,
}

pub fn cluster(
    searcher: &Searcher,
    docs: &[DocAddress],
    threshold: f64,
) -> tantivy::Result<Stories> {
    let mut by_segment: HashMap<u32, Vec<DocAddress>> = HashMap::new();
    for d in docs {
        by_segment.entry(d.segment_ord).or_default().push(*d);
    }
    let mut all: Vec<Doc> = Vec::with_capacity(docs.len());
    for (seg, addrs) in by_segment {
        let reader = searcher.segment_reader(seg);
        let ff = reader.fast_fields();
        let sigs = ff.u64("minhash")?;
        let dates = ff.date("date")?;
        let ids = ff.u64("id_hash")?;
        for a in addrs {
            all.push(Doc {
                addr: a,
                date: dates.first(a.doc_id).map(|d| d.into_timestamp_secs()),
                sig: minhash::by_bin(sigs.values_for_doc(a.doc_id)),
                id: ids.first(a.doc_id),
            });
        }
    }
    // Earliest first, so union-find roots (the smaller index) are originals. Within one day, a
    // date without a time (midnight) proves nothing about the hour: timed articles go first.
    all.sort_by_key(|d| {
        (
            d.date.is_none(),
            d.date.map(|t| t.div_euclid(86_400)),
            d.date.map(|t| t % 86_400 == 0),
            d.date,
            d.addr,
        )
    });

    let mut uf = UnionFind::new(all.len());
    let mut by_id: HashMap<u64, usize> = HashMap::new();
    for (i, d) in all.iter().enumerate() {
        if let Some(id) = d.id {
            match by_id.get(&id) {
                Some(&j) => uf.union(j, i),
                None => {
                    by_id.insert(id, i);
                }
            }
        }
    }
    for band in 0..BINS / ROWS {
        let mut buckets: HashMap<[u32; ROWS], Vec<usize>> = HashMap::new();
        for (i, d) in all.iter().enumerate() {
            if let Some(sig) = &d.sig {
                let key: [u32; ROWS] = sig[band * ROWS..(band + 1) * ROWS]
                    .try_into()
                    .expect("ROWS values");
                buckets.entry(key).or_default().push(i);
            }
        }
        for members in buckets.values().filter(|m| m.len() > 1) {
            for (k, &i) in members.iter().enumerate() {
                let partners = if members.len() <= MAX_PAIRWISE {
                    &members[..k]
                } else {
                    &members[..k.min(1)]
                };
                for &j in partners {
                    if uf.find(i) != uf.find(j) && sim(&all[i], &all[j]) >= threshold {
                        uf.union(j, i);
                    }
                }
            }
        }
    }

    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..all.len() {
        groups.entry(uf.find(i)).or_default().push(i);
    }
    let mut stories = Stories::default();
    for (root, mut members) in groups {
        members.sort();
        let original = &all[members[0]];
        for &m in &members {
            stories.root.insert(all[m].addr, original.addr);
        }
        if members.len() > 1 {
            stories.clusters.push(
                members
                    .iter()
                    .map(|&m| Member {
                        addr: all[m].addr,
                        date: all[m].date,
                        similarity: if m == root {
                            1.0
                        } else {
                            sim(original, &all[m])
                        },
                    })
                    .collect(),
            );
        }
    }
    stories.clusters.sort_by(|a, b| {
        b.len()
            .cmp(&a.len())
            .then(a[0].date.cmp(&b[0].date))
            .then(a[0].addr.cmp(&b[0].addr))
    });
    Ok(stories)
}

fn sim(a: &Doc, b: &Doc) -> f64 {
    match (&a.sig, &b.sig) {
        (Some(x), Some(y)) => minhash::similarity(x, y),
        _ if a.id.is_some() && a.id == b.id => 1.0,
        _ => 0.0,
    }
}

/// Union-find whose root is always the smallest index (the earliest article).
struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind((0..n).collect())
    }
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.0[hi] = lo;
    }
}
