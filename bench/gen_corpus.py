#!/usr/bin/env python3
"""Scale corpus for benchmarks: N articles recombined from the paragraphs of the AllSides
corpus (../shared/corpora/allsides), written as JSON Lines shards. Deterministic for a seed;
nothing it writes belongs in the repository.

    python3 bench/gen_corpus.py OUT_DIR [-n 1000000] [--seed 42] [--shard 1000]
        [--allsides ../shared/corpora/allsides] [--foreign FOREIGN.jsonl]

What it imitates:
- outlets: AllSides' own source names with their real frequencies (a long tail of 400+ names),
  plus a few non-English outlets;
- dates: 2015-01-01 .. 2025-12-31, weekdays busier than weekends, a random hour;
- languages: ~93% English; the rest (de, fr, es, ru, uk) recombined from paragraphs of
  non-English articles given with --foreign (JSON Lines of {lang, title, body}, e.g. exported
  from the bundled corpus by bench/scale.sh); without it every article is English;
- bodies: a contiguous run of 60-100% of the paragraphs of one source article, with one to three
  paragraphs swapped in from others (so lengths and vocabulary look like real articles);
- syndication: ~6% of articles are near-copies of one of the previous 500 (another outlet,
  0-2 days later, a dateline added, the last paragraph sometimes cut).
Fields: id, url, title, body, outlet, date (ISO 8601); no language field (attache detects it).
"""

import argparse
import datetime as dt
import json
import os
import random
import sys

LANG_SHARE = [("en", 0.93), ("de", 0.02), ("fr", 0.02), ("es", 0.01), ("ru", 0.01), ("uk", 0.01)]
FOREIGN_OUTLETS = {
    "de": ["Rheinische Abendpost", "Elbe Kurier", "Alpenland Zeitung"],
    "fr": ["Le Courrier de l'Est", "La Gazette du Rhône", "Le Matin Continental"],
    "es": ["El Diario Global", "La Voz del Sur"],
    "ru": ["Vestnik Severa", "Volzhskaya Pravda"],
    "uk": ["Kyivskyi Kurier", "Dniprovska Hazeta"],
}
SYNDICATED = 0.06
DATELINES = ["WASHINGTON", "LONDON", "BRUSSELS", "KYIV", "MOSCOW", "BEIJING", "GENEVA", "PARIS"]


def load_allsides(root):
    articles, outlets = [], []
    for dirpath, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith(".json"):
                continue
            try:
                with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                    rec = json.load(f)
            except (OSError, ValueError):
                continue
            paras = [p.strip() for p in (rec.get("content_original") or "").split("\n") if p.strip()]
            if len(paras) < 2:
                continue
            articles.append((rec.get("title") or "", paras))
            outlets.append(rec.get("source") or "Unknown")
    if not articles:
        sys.exit(f"no AllSides articles under {root}")
    return articles, outlets


def load_foreign(path):
    by_lang = {}
    if not path:
        return by_lang
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            paras = [p.strip() for p in rec["body"].split("\n") if p.strip()]
            if paras:
                by_lang.setdefault(rec["lang"], []).append((rec.get("title") or "", paras))
    return by_lang


def body_from(rng, pool):
    title, paras = rng.choice(pool)
    k = min(len(paras), max(2, round(len(paras) * rng.uniform(0.6, 1.0))))
    start = rng.randint(0, len(paras) - k)
    chosen = paras[start:start + k]
    for _ in range(rng.randint(1, 3)):
        _, other = rng.choice(pool)
        chosen[rng.randrange(len(chosen))] = rng.choice(other)
    return title, chosen


def slug(text, n):
    s = "".join(c.lower() if c.isalnum() else "-" for c in text[:60]).strip("-")
    return f"{s or 'article'}-{n}"


def domain(outlet):
    return "".join(c for c in outlet.lower() if c.isalnum())[:30] + ".example"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("-n", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--shard", type=int, default=1000, help="articles per JSON Lines file")
    ap.add_argument("--allsides", default=os.path.join(os.path.dirname(__file__), "../../shared/corpora/allsides"))
    ap.add_argument("--foreign", help="JSON Lines of {lang, title, body} for non-English articles")
    a = ap.parse_args()

    rng = random.Random(a.seed)
    articles, outlets = load_allsides(a.allsides)
    foreign = load_foreign(a.foreign)
    langs = [l for l, _ in LANG_SHARE if l == "en" or l in foreign]
    weights = [w for l, w in LANG_SHARE if l in langs]
    start = dt.datetime(2015, 1, 1, tzinfo=dt.timezone.utc)
    days = (dt.datetime(2025, 12, 31, tzinfo=dt.timezone.utc) - start).days + 1
    os.makedirs(a.out, exist_ok=True)
    recent = []  # (record, lang) of the last 500 originals, for syndicated copies
    shard, out = -1, None
    for n in range(a.n):
        if n % a.shard == 0:
            if out:
                out.close()
            shard += 1
            out = open(os.path.join(a.out, f"shard-{shard:05d}.jsonl"), "w", encoding="utf-8")
        if recent and rng.random() < SYNDICATED:
            orig, lang = rng.choice(recent)
            paras = orig["body"].split("\n\n")
            if len(paras) > 3 and rng.random() < 0.5:
                paras = paras[:-1]
            paras[0] = f"{rng.choice(DATELINES)} (Wire) - {paras[0]}"
            when = dt.datetime.fromisoformat(orig["date"]) + dt.timedelta(hours=rng.randint(0, 48))
            outlet = rng.choice(FOREIGN_OUTLETS[lang]) if lang != "en" else rng.choice(outlets)
            rec = {"title": orig["title"], "body": "\n\n".join(paras)}
        else:
            lang = rng.choices(langs, weights)[0]
            pool = articles if lang == "en" else foreign[lang]
            title, paras = body_from(rng, pool)
            if lang != "en" and not title:
                title = paras[0][:80]
            day = rng.randrange(days)
            when = start + dt.timedelta(days=day, hours=rng.randint(5, 22), minutes=rng.randint(0, 59))
            while when.weekday() >= 5 and rng.random() < 0.4:
                when += dt.timedelta(days=1)
            outlet = rng.choice(FOREIGN_OUTLETS[lang]) if lang != "en" else rng.choice(outlets)
            rec = {"title": title, "body": "\n\n".join(paras)}
        url = f"https://{domain(outlet)}/{when:%Y/%m/%d}/{slug(rec['title'], n)}"
        rec = {"id": f"gen-{a.seed}-{n}", "url": url, "title": rec["title"], "body": rec["body"],
               "outlet": outlet, "date": when.isoformat()}
        out.write(json.dumps(rec, ensure_ascii=False))
        out.write("\n")
        if not rec["body"].startswith(tuple(DATELINES)):
            recent.append((rec, lang))
            if len(recent) > 500:
                recent.pop(0)
    if out:
        out.close()
    print(f"wrote {a.n} articles in {shard + 1} shards to {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
