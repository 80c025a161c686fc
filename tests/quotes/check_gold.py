#!/usr/bin/env python3
"""Checks tests/quotes/gold.jsonl against the corpora.

Rebuilds each article body the way `attache` does (src/ingest/fields.rs `text_of`: allsides
`content_original` trimmed; basil `body-paragraphs` = sentences joined by " ", paragraphs by
"\n\n"), then checks that every "quote" occurs verbatim, sits at [start, end) (code points) and
[start_byte, end_byte) (UTF-8 bytes), is delimited by quote marks, and that articles.jsonl counts
agree with gold.jsonl.

    python3 tests/quotes/check_gold.py [CORPORA_DIR] [GOLD_DIR]
    # defaults: ../shared/corpora, this folder (tests/quotes/heldout for the held-out sample)
"""
import collections
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[1].parent / "shared" / "corpora"
GOLD = Path(sys.argv[2]) if len(sys.argv) > 2 else HERE
# A closing curly mark also opens a quote in some sources ("he said. ” I would rather …”").
OPEN, CLOSE = set("\"“‘'”"), set("\"”’'")
PATTERNS = {"after", "before", "inside", "according-to", "pronoun", "title", "anonymous", "not-a-quote"}
REQUIRED = ["corpus", "path", "record", "quote", "speaker", "speaker_in_text", "pattern"]


def text_of(v):
    if isinstance(v, str):
        return v.strip()
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, list):
        parts = []
        for item in v:
            if isinstance(item, list):
                parts.append(" ".join(t for t in (text_of(x) for x in item) if t is not None))
            else:
                t = text_of(item)
                if t is not None:
                    parts.append(t)
        parts = [p for p in parts if p]
        return "\n\n".join(parts) if parts else None
    if isinstance(v, dict):
        for k in ("name", "@value", "text", "value"):
            t = text_of(v.get(k))
            if t:
                return t
    return None


def body(corpus, path):
    rec = json.loads((CORPORA / corpus / path).read_text(encoding="utf-8"))
    return text_of(rec["content_original"] if corpus == "allsides" else rec["body-paragraphs"])


def main():
    if not CORPORA.is_dir():
        print(f"skipped: {CORPORA} not found")
        return 0
    gold = [json.loads(l) for l in (GOLD / "gold.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    arts = [json.loads(l) for l in (GOLD / "articles.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    errors, bodies = [], {}
    for i, e in enumerate(gold, 1):
        missing = [k for k in REQUIRED if k not in e]
        if missing or e["pattern"] not in PATTERNS:
            errors.append(f"line {i}: missing {missing} or bad pattern {e.get('pattern')!r}")
            continue
        key = (e["corpus"], e["path"])
        if key not in bodies:
            bodies[key] = body(*key)
        b, q = bodies[key], e["quote"]
        if q not in b:
            errors.append(f"line {i}: quote not found verbatim in {key}: {q[:60]!r}")
            continue
        s, t = e["start"], e["end"]
        if b[s:t] != q or b.encode()[e["start_byte"]:e["end_byte"]].decode() != q:
            errors.append(f"line {i}: offsets do not point at the quote")
        open_ok = s > 0 and b[s - 1] in OPEN
        after = b[t] if t < len(b) else ""
        close_ok = after in ("\n", "") if (e.get("multi_paragraph") or e.get("unclosed")) else after in CLOSE
        if not (open_ok and close_ok):
            errors.append(f"line {i}: not delimited by quote marks: {b[max(0, s - 1):t + 1][:80]!r}")
        if (e["pattern"] == "not-a-quote") != (e["speaker"] is None):
            errors.append(f"line {i}: speaker must be null exactly for not-a-quote")
    quotes = collections.Counter((e["corpus"], e["path"]) for e in gold if e["pattern"] != "not-a-quote")
    listed = {(a["corpus"], a["path"]) for a in arts}
    for a in arts:
        if quotes[(a["corpus"], a["path"])] != a["quotes"]:
            errors.append(f"articles.jsonl: {a['path']} says {a['quotes']}, gold has {quotes[(a['corpus'], a['path'])]}")
    for key in {(e["corpus"], e["path"]) for e in gold} - listed:
        errors.append(f"gold entry for an unlisted article {key}")
    pats = collections.Counter(e["pattern"] for e in gold)
    print(f"{len(gold)} entries: {len(gold) - pats['not-a-quote']} quotes, {pats['not-a-quote']} not-a-quote; "
          f"{len(arts)} articles ({collections.Counter(a['corpus'] for a in arts)})")
    print("patterns:", dict(pats.most_common()))
    for err in errors:
        print("ERROR", err)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
