#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from the repository's own files (corpus/, the
# benchmark queries, and ../shared/seed when present). Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/ingest corpus/enrich corpus/query
python3 - <<'PY'
import glob, gzip, os
names = ["a.txt", "a.md", "a.json", "a.jsonl", "a.csv", "a.tsv", "a.html",
         "a.json.gz", "a.jsonl.gz", "a.txt.gz", "noextension"]
by_ext = {".txt": 0, ".md": 1, ".json": 2, ".jsonl": 3, ".csv": 4, ".tsv": 5, ".html": 6}
for i, p in enumerate(sorted(glob.glob("../corpus/**/*", recursive=True))):
    if not os.path.isfile(p):
        continue
    data = open(p, "rb").read()[:20000]
    if p.endswith(".gz"):
        k = 8 if ".jsonl." in p else 7 if ".json." in p else 9
    else:
        k = by_ext.get(os.path.splitext(p)[1], 10)
    open(f"corpus/ingest/c{i}", "wb").write(bytes([k]) + data)
    if os.path.splitext(p)[1] in (".txt", ".md"):
        open(f"corpus/enrich/c{i}", "wb").write(data[:8000])
for j, line in enumerate(open("../bench/queries.txt", encoding="utf-8")):
    q = line.rstrip("\n").split("\t")[0]
    if q and not q.startswith("#"):
        open(f"corpus/query/q{j}", "w", encoding="utf-8").write(q)
for p in glob.glob("../../shared/seed/*.txt"):
    open("corpus/enrich/seed", "wb").write(open(p, "rb").read())
PY
echo "seed corpora in $(pwd)/corpus: $(ls corpus/ingest | wc -l) ingest, $(ls corpus/enrich | wc -l) enrich, $(ls corpus/query | wc -l) query"
