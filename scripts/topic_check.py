#!/usr/bin/env python3
"""Spot-check the precision of `attache extract` topic tags by hand.

Reads the JSON Lines written by `attache extract` (one article per line, with
`topics[]` = {"id", "label", "mentions": [{"text", "start", "end"}]}; offsets are Unicode
code-point offsets into the article body), draws a seeded random sample of tagged
articles per topic, re-reads each source article to recover the body, checks that
body[start:end] equals every mention text, and prints each sampled tag with the article
title, the topic and up to --max-mentions matched texts with context, so that a person
can judge whether the article is really about that topic.

Sampling (seeded, default seed 2026):
  * the focus topics (--focus, default ceasefire, sanctions, security-guarantee):
    --focus-n tagged articles each (default 20);
  * every other topic found in the extract: --other-n tagged articles each (default 2);
  * topics are visited in a fixed order (focus topics first, in the given order, then the
    others sorted by id) and, per topic, articles are drawn uniformly without replacement
    from the articles carrying that tag (in file order), so a seed gives a fixed sample.
    An article may be drawn for several topics; each (article, topic) pair is one tag.

Body reconstruction: AllSides records keep the body in `content_original`; like
src/ingest/fields.rs (`text_of`) the string is trimmed. Other body keys of other corpora
are tried in the same order as scripts/spot_check.py.

Usage:
  python3 scripts/topic_check.py                         # seed 2026, 20/20/20 + 2 per other topic
  python3 scripts/topic_check.py --seed 7 --context 200
  python3 scripts/topic_check.py --tsv sheet.tsv         # also write a TSV sheet to fill in
  python3 scripts/topic_check.py --verify-all            # check offsets of every topic mention

Exit status 1 when any offset of the sample (or, with --verify-all, of the whole file)
does not match.

Standard library only.
"""

import argparse
import json
import random
import sys

BODY_KEYS = [
    "content_original", "body", "text", "content", "maintext", "body-paragraphs",
    "paragraphs", "article", "articleBody", "full_text", "story",
]
FOCUS = ["ceasefire", "sanctions", "security-guarantee"]


def key_norm(k):
    return k.lower().replace("-", "").replace("_", "")


def text_of(v):
    """Python port of fields::text_of (strings trimmed, paragraph lists joined)."""
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, list):
        parts = []
        for item in v:
            if isinstance(item, list):
                part = " ".join(t for t in (text_of(x) for x in item) if t)
            else:
                part = text_of(item)
            if part:
                parts.append(part)
        return "\n\n".join(parts) if parts else None
    return None


_body_cache = {}


def body_of(path, record=1):
    """Article (title, body) of one source file (an object, or record N of a JSON list)."""
    key = (path, record)
    if key not in _body_cache:
        with open(path, encoding="utf-8-sig") as f:
            data = json.load(f)
        if isinstance(data, list):
            data = data[record - 1]
        keyed = {key_norm(k): v for k, v in data.items()}
        body = None
        for want in BODY_KEYS:
            t = text_of(keyed.get(key_norm(want)))
            if t:
                body = t
                break
        _body_cache[key] = (data.get("title"), body)
    return _body_cache[key]


def check(body, m):
    """None when body[start:end] == mention text, else a description of the mismatch."""
    if body is None:
        return "no body found in source file"
    got = body[m["start"]:m["end"]]
    if got != m["text"]:
        return f"offset mismatch: body[{m['start']}:{m['end']}]={got!r} != {m['text']!r}"
    return None


def context(body, start, end, width):
    lo = max(0, start - width)
    hi = min(len(body), end + width)
    s = ("…" if lo > 0 else "") + body[lo:start] + "[[" + body[start:end] + "]]" + body[end:hi] + (
        "…" if hi < len(body) else "")
    return " ".join(s.split())


def short(path):
    return path.split("/articles/", 1)[-1]


def clean(x):
    return " ".join(str(x).replace("\t", " ").split())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--extract", default="/tmp/allsides_extract.jsonl")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--focus", default=",".join(FOCUS),
                    help="comma-separated focus topics (default %(default)s)")
    ap.add_argument("--focus-n", type=int, default=20, help="tags per focus topic (default 20)")
    ap.add_argument("--other-n", type=int, default=2, help="tags per other topic (default 2)")
    ap.add_argument("--context", type=int, default=120,
                    help="characters of context on each side of a match (default 120)")
    ap.add_argument("--max-mentions", type=int, default=3,
                    help="matched texts shown per tag (default 3)")
    ap.add_argument("--tsv", help="also write a TSV sheet (verdict/note empty) to this path")
    ap.add_argument("--verify-all", action="store_true",
                    help="also check the offsets of every topic mention in the extract")
    args = ap.parse_args()

    arts = []
    by_topic = {}
    with open(args.extract, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line)
            ai = len(arts)
            arts.append(rec)
            for ti, t in enumerate(rec.get("topics") or []):
                by_topic.setdefault(t["id"], []).append((ai, ti))

    focus = [t for t in args.focus.split(",") if t]
    order = focus + sorted(t for t in by_topic if t not in focus)
    rng = random.Random(args.seed)

    print(f"# seed={args.seed} extract={args.extract}: {len(arts)} articles")
    print("# tagged articles per topic: " + ", ".join(
        f"{t}={len(by_topic.get(t, []))}" for t in order))

    mismatches = 0
    if args.verify_all:
        total = 0
        for rec in arts:
            _, body = body_of(rec["path"], rec.get("record", 1))
            for t in rec.get("topics") or []:
                for m in t.get("mentions") or []:
                    total += 1
                    p = check(body, m)
                    if p:
                        mismatches += 1
                        print(f"!! {short(rec['path'])} {t['id']}: {p}")
        print(f"# verify-all: {total} topic mentions, {mismatches} offset mismatches")

    rows = []
    n = 0
    for topic in order:
        pool = by_topic.get(topic, [])
        k = args.focus_n if topic in focus else args.other_n
        print(f"\n## {topic} ({min(k, len(pool))} of {len(pool)} tagged articles)\n")
        for ai, ti in rng.sample(pool, min(k, len(pool))):
            n += 1
            rec = arts[ai]
            tag = rec["topics"][ti]
            src_title, body = body_of(rec["path"], rec.get("record", 1))
            title = rec.get("title") or src_title or ""
            ms = tag.get("mentions") or []
            problems = [p for p in (check(body, m) for m in ms) if p]
            mismatches += len(problems)
            texts = []
            for m in ms:
                if m["text"] not in texts:
                    texts.append(m["text"])
            print(f"[{n}] {topic} | {short(rec['path'])} | {rec.get('outlet', '')} "
                  f"{(rec.get('date') or '')[:10]}")
            print(f"    title  : {title}")
            print(f"    matched: {len(ms)} mention(s): " + ", ".join(repr(x) for x in texts))
            for p in problems:
                print(f"    !! {p}")
            if body is not None:
                for m in ms[:args.max_mentions]:
                    print(f"    context: {context(body, m['start'], m['end'], args.context)}")
            print()
            rows.append([n, topic, rec["path"], clean(title), clean(" | ".join(texts)), "", ""])

    print(f"# tags sampled: {n}; offset mismatches: {mismatches}")
    if args.tsv:
        with open(args.tsv, "w", encoding="utf-8") as f:
            f.write("\t".join(["n", "topic", "path", "title", "matched", "verdict", "note"]) + "\n")
            for r in rows:
                f.write("\t".join(str(x) for x in r) + "\n")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
