#!/usr/bin/env python3
"""Spot-check the precision of `attache extract` entity mentions by hand.

Reads the JSON Lines written by `attache extract` (one article per line, with
`entities[].mentions[]` carrying Unicode code-point offsets into the body), draws a
seeded random sample of mentions, re-reads each source article to recover the body,
checks that body[start:end] equals the mention text, and prints every sampled mention
with its context so that a person can judge it.

Sampling:
  * known mentions (entity id not null): uniform over all known mentions of each
    corpus; --allsides-n from the first file, --basil-n from the second;
  * unknown candidates (entity id null): uniform over candidate entities (one
    per article and name), --unknown-n in all, split between the corpora in the same
    proportion as the known sample; the first mention gives the context.

Body reconstruction mirrors src/ingest/fields.rs (`text_of`):
  * AllSides records: `content_original`, trimmed;
  * BASIL records: `body-paragraphs` is a list of paragraphs, each a list of
    sentences; sentences are trimmed and joined with " ", non-empty paragraphs are
    joined with "\\n\\n".

Usage:
  python3 scripts/spot_check.py                      # seed 2026, 40 + 10 known, 20 unknown
  python3 scripts/spot_check.py --seed 7 --context 200
  python3 scripts/spot_check.py --tsv out.tsv        # also write a TSV skeleton to fill in

Standard library only.
"""

import argparse
import json
import random
import sys

BODY_KEYS = [
    "body", "text", "content_original", "content", "maintext", "body-paragraphs",
    "paragraphs", "article", "articleBody", "full_text", "story",
]


def key_norm(k):
    return k.lower().replace("-", "").replace("_", "")


def text_of(v):
    """Python port of fields::text_of (strings trimmed, paragraph lists joined)."""
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, list):
        parts = []
        for item in v:
            if isinstance(item, list):
                s = [t for t in (text_of(x) for x in item) if t is not None]
                part = " ".join(s)
            else:
                part = text_of(item)
            if part:
                parts.append(part)
        return "\n\n".join(parts) if parts else None
    if isinstance(v, dict):
        for k in ("name", "@value", "text", "value"):
            if k in v:
                t = text_of(v[k])
                if t is not None:
                    return t
    return None


def is_blank(v):
    if v is None:
        return True
    if isinstance(v, str):
        return not v.strip()
    if isinstance(v, (list, dict)):
        return len(v) == 0
    return False


_body_cache = {}


def body_of(path, record=1):
    """Article body of one source file (single JSON object, or record N of a JSON list)."""
    key = (path, record)
    if key in _body_cache:
        return _body_cache[key]
    with open(path, encoding="utf-8-sig") as f:
        data = json.load(f)
    if isinstance(data, list):
        data = data[record - 1]
    keyed = [(key_norm(k), v) for k, v in data.items()]
    body = None
    for want in BODY_KEYS:
        want = key_norm(want)
        hit = next((v for k, v in keyed if k == want and not is_blank(v)), None)
        if hit is not None:
            t = text_of(hit)
            if t:
                body = t
                break
    _body_cache[key] = body
    return body


def load(path):
    """Returns (articles, known mentions, unknown candidates) of one extract file."""
    arts, known, unknown = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line)
            ai = len(arts)
            arts.append(rec)
            for ei, ent in enumerate(rec.get("entities") or []):
                if ent.get("id") is None:
                    if ent.get("mentions"):
                        unknown.append((ai, ei))
                else:
                    for mi in range(len(ent.get("mentions") or [])):
                        known.append((ai, ei, mi))
    return arts, known, unknown


def context(body, start, end, width):
    lo = max(0, start - width)
    hi = min(len(body), end + width)
    s = ("…" if lo > 0 else "") + body[lo:start] + "[[" + body[start:end] + "]]" + body[end:hi] + (
        "…" if hi < len(body) else "")
    return " ".join(s.split())


def check(body, m):
    """Returns None when body[start:end] == mention text, else a description of the mismatch."""
    if body is None:
        return "no body found in source file"
    got = body[m["start"]:m["end"]]
    if got != m["text"]:
        return f"offset mismatch: body[{m['start']}:{m['end']}]={got!r} != {m['text']!r}"
    return None


def short(path):
    return path.split("/articles/", 1)[-1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--allsides", default="/tmp/allsides_extract.jsonl")
    ap.add_argument("--basil", default="/tmp/basil_extract.jsonl")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--n", type=int, default=50, help="known mentions in all (default 50)")
    ap.add_argument("--basil-n", type=int, default=10, help="of which from BASIL (default 10)")
    ap.add_argument("--unknown-n", type=int, default=20, help="unknown candidates (default 20)")
    ap.add_argument("--context", type=int, default=150,
                    help="characters of context on each side of the mention (default 150)")
    ap.add_argument("--tsv", help="also write a TSV skeleton (verdict/note empty) to this path")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    corpora = [("allsides", args.allsides, args.n - args.basil_n),
               ("basil", args.basil, args.basil_n)]
    unk_total = args.unknown_n
    rows = []
    mismatches = 0

    loaded = {name: load(path) for name, path, _ in corpora}

    print(f"# seed={args.seed}")
    for name, path, _ in corpora:
        arts, known, unknown = loaded[name]
        print(f"# {name}: {len(arts)} articles, {len(known)} known mentions, "
              f"{len(unknown)} unknown candidates ({path})")

    # Known mentions.
    print("\n## KNOWN MENTIONS (entity id not null)\n")
    n = 0
    for name, path, k in corpora:
        arts, known, _ = loaded[name]
        for ai, ei, mi in rng.sample(known, min(k, len(known))):
            n += 1
            art, ent = arts[ai], arts[ai]["entities"][ei]
            m = ent["mentions"][mi]
            body = body_of(art["path"], art.get("record", 1))
            problem = check(body, m)
            mismatches += problem is not None
            print(f"[{n}] {name} {short(art['path'])}")
            print(f"    entity : {ent['id']} | {ent['name']} | {ent['type']}")
            print(f"    mention: {m['text']!r} [{m['start']}:{m['end']}] method={m['method']} "
                  f"conf={m['confidence']} kind={m['kind']}")
            if problem:
                print(f"    !! {problem}")
            if body is not None:
                print(f"    context: {context(body, m['start'], m['end'], args.context)}")
            print()
            rows.append([n, name, art["path"], ent["id"], m["text"], m["method"], m["kind"],
                         "", "", "known", ent["type"], ent["name"]])

    # Unknown candidates.
    print("\n## UNKNOWN CANDIDATES (entity id null)\n")
    total_known_k = sum(k for _, _, k in corpora) or 1
    split = []
    left = unk_total
    for i, (name, path, k) in enumerate(corpora):
        share = left if i == len(corpora) - 1 else round(unk_total * k / total_known_k)
        split.append((name, share))
        left -= share
    u = 0
    for name, k in split:
        arts, _, unknown = loaded[name]
        for ai, ei in rng.sample(unknown, min(k, len(unknown))):
            u += 1
            art, ent = arts[ai], arts[ai]["entities"][ei]
            ms = ent["mentions"]
            m = ms[0]
            body = body_of(art["path"], art.get("record", 1))
            problems = [p for p in (check(body, x) for x in ms) if p]
            mismatches += len(problems)
            print(f"[U{u}] {name} {short(art['path'])}")
            print(f"    candidate: {ent['name']!r} | {ent['type']} | {len(ms)} mention(s): "
                  + ", ".join(f"{x['text']!r}/{x['method']}" for x in ms[:8])
                  + (" …" if len(ms) > 8 else ""))
            for p in problems:
                print(f"    !! {p}")
            if body is not None:
                print(f"    context: {context(body, m['start'], m['end'], args.context)}")
            print()
            rows.append([f"U{u}", name, art["path"], "null", m["text"], m["method"], m["kind"],
                         "", "", "unknown", ent["type"], ent["name"]])

    print(f"# offset mismatches: {mismatches}")
    if args.tsv:
        with open(args.tsv, "w", encoding="utf-8") as f:
            f.write("\t".join(["n", "corpus", "path", "entity_id", "mention_text", "method", "kind",
                               "verdict", "note", "status", "entity_type", "entity_name"]) + "\n")
            for r in rows:
                f.write("\t".join(str(x).replace("\t", " ") for x in r) + "\n")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
