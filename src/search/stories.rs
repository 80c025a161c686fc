//! Syndication: which articles are copies of one story. Signatures are computed while parsing
//! (`enrich::minhash`); clustering uses LSH banding to find candidates, the signature agreement
//! to confirm them, and exact URL duplicates. The earliest article of a cluster is its original.
//!
//! Every `attache index` run ends by clustering the whole index at the default threshold and
//! storing the result (`stories.bin` in the index folder): each copy's original and similarity.
//! The table is bound to the segments and deletes it was computed on; when they differ (a run
//! interrupted after its commit, an index from an older attache) or another threshold is asked
//! for, the articles a query matches are clustered on the spot instead.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};
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

fn cluster(searcher: &Searcher, docs: &[DocAddress], threshold: f64) -> tantivy::Result<Stories> {
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
    // Earliest first, so union-find roots (the smaller index) are originals.
    all.sort_by_key(|d| chronological(d.date, d.addr));

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
    sort_clusters(&mut stories.clusters);
    Ok(stories)
}

/// Largest first, then by the original's date.
fn sort_clusters(clusters: &mut [Vec<Member>]) {
    clusters.sort_by(|a, b| {
        b.len()
            .cmp(&a.len())
            .then(a[0].date.cmp(&b[0].date))
            .then(a[0].addr.cmp(&b[0].addr))
    });
}

/// The stories of `docs`: from the stored table when it describes this searcher and the
/// threshold is the default, else clustered now.
pub fn of(
    index_dir: &Path,
    searcher: &Searcher,
    docs: &[DocAddress],
    threshold: f64,
) -> tantivy::Result<Stories> {
    if threshold == DEFAULT_THRESHOLD {
        if let Some(table) = Table::load(index_dir, searcher) {
            return table.restrict(searcher, docs);
        }
    }
    cluster(searcher, docs, threshold)
}

const TABLE_FILE: &str = "stories.bin";
const MAGIC: &[u8] = b"attache stories 1\n";
/// Bytes per stored copy: segment, doc, original's segment, original's doc, similarity.
const RECORD: usize = 20;

/// What the stored table was computed on: every segment with its delete opstamp.
#[derive(Serialize, Deserialize, PartialEq, Debug)]
struct Header {
    threshold: f64,
    segments: Vec<(String, Option<u64>)>,
    records: u64,
}

fn header_for(searcher: &Searcher, threshold: f64, records: u64) -> Header {
    // In segment-ordinal order, so stored ordinals address this searcher's segments.
    let gen = searcher.generation().segments();
    Header {
        threshold,
        segments: searcher
            .segment_readers()
            .iter()
            .map(|r| {
                (
                    r.segment_id().uuid_string(),
                    gen.get(&r.segment_id()).copied().flatten(),
                )
            })
            .collect(),
        records,
    }
}

/// Every article of the index that belongs to a cluster of two or more, with its original and
/// its similarity to it.
pub struct Table {
    /// (article, original, similarity), sorted by article: read without hashing, looked up by
    /// binary search (at a million generated articles the table holds 690,000 of them).
    members: Vec<(DocAddress, DocAddress, f32)>,
}

impl Table {
    /// Clusters the whole index and stores the result, unless the stored table is current.
    pub fn refresh(index_dir: &Path, searcher: &Searcher) -> anyhow::Result<()> {
        if Table::load(index_dir, searcher).is_some() {
            return Ok(());
        }
        let mut all = Vec::with_capacity(searcher.num_docs() as usize);
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            all.extend(
                seg.doc_ids_alive()
                    .map(|doc| DocAddress::new(ord as u32, doc)),
            );
        }
        let found = cluster(searcher, &all, DEFAULT_THRESHOLD)?;
        drop(all);
        let mut members: Vec<(DocAddress, DocAddress, f32)> = found
            .clusters
            .iter()
            .flat_map(|c| c.iter().map(|m| (m.addr, c[0].addr, m.similarity as f32)))
            .collect();
        drop(found);
        members.sort_by_key(|m| m.0);
        let mut body = Vec::with_capacity(members.len() * RECORD);
        for (addr, root, sim) in &members {
            for v in [addr.segment_ord, addr.doc_id, root.segment_ord, root.doc_id] {
                body.extend_from_slice(&v.to_le_bytes());
            }
            body.extend_from_slice(&sim.to_le_bytes());
        }
        let records = members.len() as u64;
        let header = header_for(searcher, DEFAULT_THRESHOLD, records);
        // Written aside and renamed, so a reader never sees half a table.
        let tmp = index_dir.join(format!("{TABLE_FILE}.tmp"));
        let mut f = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        f.write_all(MAGIC)?;
        serde_json::to_writer(&mut f, &header)?;
        f.write_all(b"\n")?;
        f.write_all(&body)?;
        f.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, index_dir.join(TABLE_FILE))?;
        Ok(())
    }

    /// The stored table, if there is one and it describes exactly this searcher's segments.
    pub fn load(index_dir: &Path, searcher: &Searcher) -> Option<Table> {
        let bytes = std::fs::read(index_dir.join(TABLE_FILE)).ok()?;
        let rest = bytes.strip_prefix(MAGIC)?;
        let nl = rest.iter().position(|&b| b == b'\n')?;
        let header: Header = serde_json::from_slice(&rest[..nl]).ok()?;
        let body = &rest[nl + 1..];
        if header != header_for(searcher, header.threshold, header.records)
            || body.len() as u64 != header.records * RECORD as u64
        {
            return None;
        }
        // The header names this searcher's segments, so only the bounds need checking.
        let segments = searcher.segment_readers();
        let valid = |a: DocAddress| {
            segments
                .get(a.segment_ord as usize)
                .is_some_and(|r| a.doc_id < r.max_doc())
        };
        let mut members: Vec<(DocAddress, DocAddress, f32)> =
            Vec::with_capacity(header.records as usize);
        for r in body.chunks_exact(RECORD) {
            let n = |i: usize| u32::from_le_bytes(r[i * 4..i * 4 + 4].try_into().expect("4 bytes"));
            let (addr, root) = (DocAddress::new(n(0), n(1)), DocAddress::new(n(2), n(3)));
            let sorted = members.last().is_none_or(|l| l.0 < addr);
            if !valid(addr) || !valid(root) || !sorted {
                return None;
            }
            let sim = f32::from_le_bytes(r[16..20].try_into().expect("4 bytes"));
            members.push((addr, root, sim));
        }
        Some(Table { members })
    }

    /// One article's story: its original, its similarity to it, and how many articles the
    /// story has. None for an article with no copies.
    pub fn story_of(&self, addr: DocAddress) -> Option<(DocAddress, f32, usize)> {
        let i = self.members.binary_search_by_key(&addr, |m| m.0).ok()?;
        let (_, root, sim) = self.members[i];
        let size = self.members.iter().filter(|m| m.1 == root).count();
        Some((root, sim, size))
    }

    /// The stories of `docs`: originals are the whole index's (an original may lie outside
    /// `docs`); clusters list the members among `docs`, original first when it is one of them.
    fn restrict(&self, searcher: &Searcher, docs: &[DocAddress]) -> tantivy::Result<Stories> {
        let mut stories = Stories::default();
        let mut groups: HashMap<DocAddress, Vec<(DocAddress, f32)>> = HashMap::new();
        for d in docs {
            if let Ok(i) = self.members.binary_search_by_key(d, |m| m.0) {
                let (_, root, sim) = self.members[i];
                stories.root.insert(*d, root);
                groups.entry(root).or_default().push((*d, sim));
            }
        }
        // One date column per segment, opened once (a million articles put 690,000 in clusters).
        let dates = searcher
            .segment_readers()
            .iter()
            .map(|r| r.fast_fields().date("date"))
            .collect::<tantivy::Result<Vec<_>>>()?;
        for members in groups.into_values().filter(|m| m.len() > 1) {
            let mut cluster: Vec<Member> = Vec::with_capacity(members.len());
            for (addr, sim) in members {
                let dates = &dates[addr.segment_ord as usize];
                cluster.push(Member {
                    addr,
                    date: dates.first(addr.doc_id).map(|d| d.into_timestamp_secs()),
                    similarity: f64::from(sim),
                });
            }
            cluster.sort_by_key(|m| chronological(m.date, m.addr));
            stories.clusters.push(cluster);
        }
        sort_clusters(&mut stories.clusters);
        Ok(stories)
    }
}

/// Earliest first. Within one day, a date without a time (midnight) proves nothing about the
/// hour: timed articles go first.
fn chronological(date: Option<i64>, addr: DocAddress) -> impl Ord {
    (
        date.is_none(),
        date.map(|t| t.div_euclid(86_400)),
        date.map(|t| t % 86_400 == 0),
        date,
        addr,
    )
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
