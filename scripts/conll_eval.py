#!/usr/bin/env python3
"""Evaluate `attache extract` against CoNLL-2003 English (eng.testa by default).

Usage (from the repo root):

    cargo build --release
    python3 scripts/conll_eval.py                      # table
    python3 scripts/conll_eval.py --json               # JSON object on stdout, table on stderr
    python3 scripts/conll_eval.py --errors 10          # sample false positives / negatives
    python3 scripts/conll_eval.py --parse-only         # gold statistics only, no attache run
    python3 scripts/conll_eval.py --skip-missing       # exit 0 with a message if the corpus is absent

What it does:

* Parses the CoNLL file (columns: token POS chunk NER; IOB1 tags as in the original
  CoNLL-2003 release: I-XXX, with B-XXX only where two entities of the same type are
  adjacent; `-DOCSTART-` lines separate documents, blank lines separate sentences) into
  gold spans per document.
* Builds one JSON Lines record per document: body = sentences joined by "\\n", tokens of a
  sentence joined by single spaces (so every token has exact character offsets), and sends
  all documents to ONE `attache extract -` process, reading its output lines in order.
* Maps predicted mentions to spans (person->PER, place->LOC, org->ORG). Mentions with
  kind "demonym" or "role" are ignored: CoNLL tags nationalities as MISC and does not
  annotate role phrases ("the Ukrainian president"). A predicted span counts only if its
  start and end fall exactly on token boundaries; spans that do not are false positives
  (and are counted separately as "unaligned").
* Scores exact spans: precision, recall, F1 per PER, LOC, ORG and micro-averaged over the
  three (MISC is not scored: attache has no such type). Offsets are Unicode characters.

`--errors N` is for diagnosing failures by eye. The gold annotations must never be fed back
into attache (no gazetteer entries, rules or thresholds copied from eng.testa); that would
make these figures meaningless.

Standard library only (Python 3.11).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = "../shared/corpora/conll2003/eng.testa"  # relative to the repo root
DEFAULT_BIN = "target/release/attache"  # relative to the repo root

SCORED = ("PER", "LOC", "ORG")
TYPE_MAP = {"person": "PER", "place": "LOC", "org": "ORG"}
IGNORED_KINDS = ("demonym", "role")

# spaCy en_core_web_sm 3.8 on eng.testa, exact spans.
REFERENCE_NAME = "spaCy en_core_web_sm 3.8"
REFERENCE_F1 = {"PER": 72.3, "LOC": 77.0, "ORG": 34.1}
REFERENCE_OVERALL_F1 = 65.1  # includes MISC, so not like-for-like with the micro over PER/LOC/ORG

# --------------------------------------------------------------------------------------
# CoNLL parsing
# --------------------------------------------------------------------------------------


@dataclass
class Document:
    index: int  # 0-based position in the file
    line: int  # 1-based line of the first token
    sentences: list[list[tuple[str, str]]] = field(default_factory=list)  # (token, tag)
    body: str = ""
    token_starts: set[int] = field(default_factory=set)
    token_ends: set[int] = field(default_factory=set)
    # gold spans: (start, end, type) with character offsets into body
    gold: list[tuple[int, int, str]] = field(default_factory=list)
    n_tokens: int = 0


class ConllError(Exception):
    pass


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # The original Reuters-derived files are Latin-1 in some distributions.
        return data.decode("latin-1")


def split_tag(tag: str, where: str) -> tuple[str, str | None]:
    """'I-PER' -> ('I', 'PER'); 'O' -> ('O', None)."""
    if tag == "O":
        return "O", None
    prefix, sep, typ = tag.partition("-")
    if not sep or prefix not in ("I", "B", "E", "S") or not typ:
        raise ConllError(f"{where}: unexpected NER tag {tag!r}")
    return prefix, typ


def parse_conll(path: Path) -> tuple[list[Document], int]:
    """Return (documents, number of -DOCSTART- lines).

    Text before the first -DOCSTART- (if any) is a document too; a -DOCSTART- with no
    sentences after it (e.g. a trailing one) does not produce an empty document.
    """
    docs: list[Document] = []
    docstarts = 0
    cur: Document | None = None
    sent: list[tuple[str, str]] = []

    def close_sentence() -> None:
        nonlocal sent
        if sent:
            assert cur is not None
            cur.sentences.append(sent)
            sent = []

    def close_document() -> None:
        nonlocal cur
        close_sentence()
        if cur is not None and cur.sentences:
            docs.append(cur)
        cur = None

    for lineno, raw in enumerate(read_text(path).splitlines(), start=1):
        line = raw.strip()
        if not line:
            close_sentence()
            continue
        cols = line.split()
        if cols[0] == "-DOCSTART-":
            docstarts += 1
            close_document()
            continue
        if len(cols) < 2:
            raise ConllError(f"{path}:{lineno}: expected 'token POS chunk NER', got {raw!r}")
        tag = cols[-1]
        split_tag(tag, f"{path}:{lineno}")  # validate
        if cur is None:
            cur = Document(index=len(docs), line=lineno)
        sent.append((cols[0], tag))
    close_document()

    for i, doc in enumerate(docs):
        doc.index = i
        build_body(doc)
    return docs, docstarts


def build_body(doc: Document) -> None:
    """Body text, token boundaries and gold spans (IOB1, also accepts IOB2/IOBES)."""
    parts: list[str] = []
    pos = 0
    for s_i, sent in enumerate(doc.sentences):
        if s_i:
            parts.append("\n")
            pos += 1
        ent_start = ent_end = -1
        ent_type: str | None = None
        for t_i, (tok, tag) in enumerate(sent):
            if t_i:
                parts.append(" ")
                pos += 1
            start, end = pos, pos + len(tok)
            parts.append(tok)
            pos = end
            doc.token_starts.add(start)
            doc.token_ends.add(end)
            doc.n_tokens += 1

            prefix, typ = split_tag(tag, f"document {doc.index}")
            continues = typ is not None and typ == ent_type and prefix in ("I", "E")
            if continues:
                ent_end = end
            else:
                if ent_type is not None:
                    doc.gold.append((ent_start, ent_end, ent_type))
                if typ is None:
                    ent_type = None
                else:
                    ent_start, ent_end, ent_type = start, end, typ
        if ent_type is not None:  # entities never cross a sentence boundary
            doc.gold.append((ent_start, ent_end, ent_type))
    doc.body = "".join(parts)
    for s, e, _ in doc.gold:
        assert doc.body[s:e].strip() == doc.body[s:e] and s < e


# --------------------------------------------------------------------------------------
# Running attache
# --------------------------------------------------------------------------------------


def run_extract(bin_path: Path, docs: list[Document], extra_args: list[str]) -> tuple[list[dict], float]:
    payload = "".join(
        json.dumps({"id": f"conll-testa-{d.index:04d}", "body": d.body}, ensure_ascii=False) + "\n"
        for d in docs
    )
    cmd = [str(bin_path), "extract", *extra_args, "-"]
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd, input=payload.encode("utf-8"), stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except OSError as e:
        die(f"could not run {' '.join(cmd)}: {e}")
    elapsed = time.perf_counter() - t0
    stderr = proc.stderr.decode("utf-8", "replace").strip()
    if proc.returncode != 0:
        die(
            f"`{' '.join(cmd)}` exited with status {proc.returncode}"
            + (f":\n{stderr}" if stderr else "")
        )
    lines = [l for l in proc.stdout.decode("utf-8").split("\n") if l.strip()]
    if len(lines) != len(docs):
        die(
            f"`attache extract` printed {len(lines)} JSON lines for {len(docs)} records; "
            "the contract is one line per record, in input order"
            + (f"\nstderr:\n{stderr}" if stderr else "")
        )
    out = []
    for i, l in enumerate(lines):
        try:
            rec = json.loads(l)
        except json.JSONDecodeError as e:
            die(f"output line {i + 1} is not JSON ({e}): {l[:200]}")
        if not isinstance(rec, dict):
            die(f"output line {i + 1} is not a JSON object: {l[:200]}")
        out.append(rec)
    return out, elapsed


# --------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------


@dataclass
class Pred:
    start: int
    end: int
    type: str
    aligned: bool
    method: str
    known: bool  # entity id not null


def collect_predictions(doc: Document, rec: dict, stats: dict) -> list[Pred]:
    """Predicted spans of one document (deduplicated on (start, end, type))."""
    preds: dict[tuple[int, int, str], Pred] = {}
    ents = rec.get("entities") or []
    if not isinstance(ents, list):
        die(f"record {doc.index}: 'entities' is not a list")
    for ent in ents:
        etype = ent.get("type")
        mapped = TYPE_MAP.get(etype)
        for m in ent.get("mentions") or []:
            stats["mentions"] += 1
            kind = m.get("kind") or "name"
            if kind in IGNORED_KINDS:
                stats["ignored_kind"][kind] = stats["ignored_kind"].get(kind, 0) + 1
                continue
            if mapped is None:
                stats["ignored_type"][str(etype)] = stats["ignored_type"].get(str(etype), 0) + 1
                continue
            try:
                s, e = int(m["start"]), int(m["end"])
            except (KeyError, TypeError, ValueError):
                stats["bad_offsets"] += 1
                continue
            if not (0 <= s < e <= len(doc.body)):
                stats["bad_offsets"] += 1
                continue
            text = m.get("text")
            if text is not None and doc.body[s:e] != text:
                stats["text_mismatch"] += 1
                if len(stats["text_mismatch_examples"]) < 3:
                    stats["text_mismatch_examples"].append(
                        {"record": doc.index, "start": s, "end": e, "text": text, "body_slice": doc.body[s:e]}
                    )
            key = (s, e, mapped)
            if key in preds:
                stats["duplicate_spans"] += 1
                continue
            preds[key] = Pred(
                start=s,
                end=e,
                type=mapped,
                aligned=s in doc.token_starts and e in doc.token_ends,
                method=str(m.get("method") or "?"),
                known=ent.get("id") is not None,
            )
    return list(preds.values())


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def context(body: str, s: int, e: int, width: int = 40) -> str:
    left = body[max(0, s - width) : s]
    right = body[e : e + width]
    return (left + "[[" + body[s:e] + "]]" + right).replace("\n", " / ")


def spread(items: list, n: int) -> list:
    """n items spread evenly over the list (deterministic), not just the first n."""
    if n <= 0 or not items:
        return []
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def evaluate(docs: list[Document], outputs: list[dict], n_errors: int) -> dict:
    stats = {
        "mentions": 0,
        "ignored_kind": {},
        "ignored_type": {},
        "bad_offsets": 0,
        "text_mismatch": 0,
        "text_mismatch_examples": [],
        "duplicate_spans": 0,
    }
    counts = {t: {"tp": 0, "fp": 0, "fn": 0, "unaligned": 0} for t in SCORED}
    by_method: dict[str, dict[str, int]] = {}
    by_id = {"known": {"tp": 0, "fp": 0}, "unknown": {"tp": 0, "fp": 0}}
    fps: dict[str, list] = {t: [] for t in SCORED}
    fns: dict[str, list] = {t: [] for t in SCORED}

    for doc, rec in zip(docs, outputs):
        gold = {(s, e, t) for s, e, t in doc.gold if t in SCORED}
        preds = collect_predictions(doc, rec, stats)
        pred_keys = set()
        for p in preds:
            key = (p.start, p.end, p.type)
            pred_keys.add(key)
            ok = key in gold
            c = counts[p.type]
            bm = by_method.setdefault(p.method, {"tp": 0, "fp": 0})
            bi = by_id["known" if p.known else "unknown"]
            if ok:
                c["tp"] += 1
                bm["tp"] += 1
                bi["tp"] += 1
            else:
                c["fp"] += 1
                bm["fp"] += 1
                bi["fp"] += 1
                if not p.aligned:
                    c["unaligned"] += 1
                fps[p.type].append((doc, p))
        for key in sorted(gold - pred_keys):
            counts[key[2]]["fn"] += 1
            fns[key[2]].append((doc, key))

    result: dict = {"per_type": {}, "stats": stats, "by_method": by_method, "by_entity_id": by_id}
    tot = {"tp": 0, "fp": 0, "fn": 0, "unaligned": 0}
    for t in SCORED:
        c = counts[t]
        result["per_type"][t] = {**prf(c["tp"], c["fp"], c["fn"]), "unaligned_fp": c["unaligned"]}
        for k in tot:
            tot[k] += c[k]
    result["micro"] = {**prf(tot["tp"], tot["fp"], tot["fn"]), "unaligned_fp": tot["unaligned"]}

    if n_errors > 0:
        samples: dict = {}
        for t in SCORED:
            fp_list = []
            for doc, p in spread(fps[t], n_errors):
                g = {(s, e): gt for s, e, gt in doc.gold}
                if not p.aligned:
                    why = "unaligned with token boundaries"
                elif (p.start, p.end) in g:
                    why = f"type: gold says {g[(p.start, p.end)]}"
                else:
                    over = [(s, e, gt) for s, e, gt in doc.gold if s < p.end and p.start < e]
                    if over:
                        s, e, gt = over[0]
                        why = f"boundary: overlaps gold {gt} {doc.body[s:e]!r}"
                    else:
                        why = "no gold entity here"
                fp_list.append(
                    {
                        "record": doc.index,
                        "start": p.start,
                        "end": p.end,
                        "text": doc.body[p.start : p.end],
                        "method": p.method,
                        "why": why,
                        "context": context(doc.body, p.start, p.end),
                    }
                )
            fn_list = []
            for doc, (s, e, _) in spread(fns[t], n_errors):
                fn_list.append(
                    {
                        "record": doc.index,
                        "start": s,
                        "end": e,
                        "text": doc.body[s:e],
                        "context": context(doc.body, s, e),
                    }
                )
            samples[t] = {"false_positives": fp_list, "false_negatives": fn_list}
        result["errors"] = samples
    return result


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------


def die(msg: str) -> None:
    print(f"conll_eval: error: {msg}", file=sys.stderr)
    sys.exit(2)


def gold_counts(docs: list[Document]) -> dict[str, int]:
    c: dict[str, int] = {}
    for d in docs:
        for _, _, t in d.gold:
            c[t] = c.get(t, 0) + 1
    order = {"PER": 0, "LOC": 1, "ORG": 2, "MISC": 3}
    return dict(sorted(c.items(), key=lambda kv: (order.get(kv[0], 4), kv[0])))


def print_gold(path: Path, docs: list[Document], docstarts: int, out) -> None:
    gc = gold_counts(docs)
    n_sent = sum(len(d.sentences) for d in docs)
    n_tok = sum(d.n_tokens for d in docs)
    chars = sum(len(d.body) for d in docs)
    print(f"Gold: {path}", file=out)
    print(
        f"  {len(docs)} documents ({docstarts} -DOCSTART- lines), {n_sent} sentences, "
        f"{n_tok} tokens, {chars} body characters",
        file=out,
    )
    print("  entities: " + ", ".join(f"{t} {n}" for t, n in gc.items()) + f" (total {sum(gc.values())})", file=out)


def pct(x: float) -> str:
    return f"{100 * x:5.1f}"


def print_report(res: dict, out) -> None:
    print("", file=out)
    print("Exact-span scores (attache extract vs gold, PER/LOC/ORG; MISC not scored)", file=out)
    print(f"  {'type':<6}{'P':>7}{'R':>7}{'F1':>7}{'TP':>7}{'FP':>7}{'FN':>7}{'unalig':>8}  vs reference F1", file=out)
    for t in SCORED:
        r = res["per_type"][t]
        ref = REFERENCE_F1[t]
        f1 = round(100 * r["f1"], 1)
        verdict = "at or above" if f1 >= ref else "BELOW"
        print(
            f"  {t:<6}{pct(r['precision']):>7}{pct(r['recall']):>7}{pct(r['f1']):>7}"
            f"{r['tp']:>7}{r['fp']:>7}{r['fn']:>7}{r['unaligned_fp']:>8}  {verdict} {ref:.1f}",
            file=out,
        )
    m = res["micro"]
    print(
        f"  {'micro':<6}{pct(m['precision']):>7}{pct(m['recall']):>7}{pct(m['f1']):>7}"
        f"{m['tp']:>7}{m['fp']:>7}{m['fn']:>7}{m['unaligned_fp']:>8}  "
        f"(reference overall {REFERENCE_OVERALL_F1:.1f} includes MISC: not like-for-like)",
        file=out,
    )
    print("", file=out)
    print(
        f"Reference: {REFERENCE_NAME} on eng.testa, exact spans: "
        + ", ".join(f"{t} F1 {REFERENCE_F1[t]:.1f}" for t in SCORED)
        + f" (overall {REFERENCE_OVERALL_F1:.1f} incl. MISC).",
        file=out,
    )
    ref_cmp = res["reference_comparison"]
    print(
        "attache at or above the reference: "
        + ", ".join(f"{t} {'yes' if ref_cmp[t]['at_or_above'] else 'no'}" for t in SCORED),
        file=out,
    )

    st = res["stats"]
    print("", file=out)
    ik = st["ignored_kind"]
    print(
        f"Mentions read: {st['mentions']}. Ignored {sum(ik.values())} with kind demonym/role "
        f"({', '.join(f'{k} {v}' for k, v in sorted(ik.items())) or 'none'}): CoNLL tags "
        "nationalities as MISC and does not annotate role phrases.",
        file=out,
    )
    if st["ignored_type"]:
        print(
            "Ignored mentions of unscored entity types: "
            + ", ".join(f"{k} {v}" for k, v in sorted(st["ignored_type"].items())),
            file=out,
        )
    print(
        f"Unaligned predicted spans (start/end not on token boundaries, counted as FP): "
        f"{res['micro']['unaligned_fp']}. Duplicate spans collapsed: {st['duplicate_spans']}.",
        file=out,
    )
    if st["bad_offsets"]:
        print(f"WARNING: {st['bad_offsets']} mentions with missing or out-of-range offsets (skipped).", file=out)
    if st["text_mismatch"]:
        print(
            f"WARNING: {st['text_mismatch']} mentions whose 'text' differs from body[start:end] "
            "(offsets not in Unicode characters of the body?). First: "
            + json.dumps(st["text_mismatch_examples"][0], ensure_ascii=False),
            file=out,
        )
    bi = res["by_entity_id"]
    print(
        f"Predicted spans by entity id: known TP {bi['known']['tp']} FP {bi['known']['fp']}; "
        f"unknown (id null) TP {bi['unknown']['tp']} FP {bi['unknown']['fp']}",
        file=out,
    )
    if res["by_method"]:
        print(
            "By method: "
            + "; ".join(f"{k} TP {v['tp']} FP {v['fp']}" for k, v in sorted(res["by_method"].items())),
            file=out,
        )
    t = res["timing"]
    print("", file=out)
    print(
        f"Timing: one `attache extract -` call, {t['documents']} records, {t['body_bytes'] / 1e6:.3f} MB "
        f"of body text in {t['seconds']:.3f} s = {t['mb_per_s']:.2f} MB/s "
        "(wall clock, includes process start-up and loading)",
        file=out,
    )

    if "errors" in res:
        print("", file=out)
        print(
            "Sample errors, for diagnosis only. Do not feed these annotations back into attache "
            "(no gazetteer entries or rules copied from the test set).",
            file=out,
        )
        for t in SCORED:
            e = res["errors"][t]
            print(f"\n{t} false positives ({res['per_type'][t]['fp']} in all):", file=out)
            for x in e["false_positives"]:
                print(f"  #{x['record']} {x['text']!r} [{x['method']}; {x['why']}]", file=out)
                print(f"      {x['context']}", file=out)
            print(f"{t} false negatives ({res['per_type'][t]['fn']} in all):", file=out)
            for x in e["false_negatives"]:
                print(f"  #{x['record']} {x['text']!r}", file=out)
                print(f"      {x['context']}", file=out)


def main() -> None:
    ap = argparse.ArgumentParser(
        description="Evaluate `attache extract` on CoNLL-2003 (exact spans, PER/LOC/ORG)."
    )
    ap.add_argument(
        "--corpus",
        default=None,
        help=f"CoNLL-2003 file (default: {DEFAULT_CORPUS} relative to the repo root)",
    )
    ap.add_argument(
        "--bin", default=None, help=f"attache binary (default: {DEFAULT_BIN} relative to the repo root)"
    )
    ap.add_argument("--skip-missing", action="store_true", help="exit 0 with a message if the corpus is absent")
    ap.add_argument("--json", action="store_true", help="print a JSON object on stdout (the table goes to stderr)")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="show N sample FPs and FNs per type")
    ap.add_argument("--parse-only", action="store_true", help="only parse the corpus and print gold statistics")
    ap.add_argument(
        "--extract-arg",
        action="append",
        default=[],
        metavar="ARG",
        help="extra argument passed to `attache extract` (repeatable)",
    )
    args = ap.parse_args()
    if args.errors < 0:
        ap.error("--errors must be >= 0")

    corpus = Path(args.corpus) if args.corpus else (REPO_ROOT / DEFAULT_CORPUS).resolve()
    if not corpus.is_file():
        if args.skip_missing:
            print(f"conll_eval: SKIPPED: CoNLL-2003 file not found at {corpus} (--skip-missing)")
            sys.exit(0)
        die(f"CoNLL-2003 file not found at {corpus} (use --corpus PATH, or --skip-missing)")

    try:
        docs, docstarts = parse_conll(corpus)
    except ConllError as e:
        die(str(e))
    if not docs:
        die(f"no documents in {corpus}")

    human = sys.stderr if args.json else sys.stdout
    print_gold(corpus, docs, docstarts, human)
    gold = {
        "path": str(corpus),
        "documents": len(docs),
        "docstart_lines": docstarts,
        "sentences": sum(len(d.sentences) for d in docs),
        "tokens": sum(d.n_tokens for d in docs),
        "entities": gold_counts(docs),
    }
    if args.parse_only:
        if args.json:
            print(json.dumps({"gold": gold}, indent=2))
        return

    bin_path = Path(args.bin) if args.bin else (REPO_ROOT / DEFAULT_BIN).resolve()
    if not bin_path.exists():
        die(f"attache binary not found at {bin_path} (run `cargo build --release`, or pass --bin)")
    if not os.access(bin_path, os.X_OK):
        die(f"{bin_path} is not executable")

    outputs, seconds = run_extract(bin_path, docs, args.extract_arg)
    res = evaluate(docs, outputs, args.errors)
    body_bytes = sum(len(d.body.encode("utf-8")) for d in docs)
    res["timing"] = {
        "documents": len(docs),
        "body_chars": sum(len(d.body) for d in docs),
        "body_bytes": body_bytes,
        "seconds": seconds,
        "mb_per_s": body_bytes / 1e6 / seconds if seconds > 0 else None,
    }
    res["reference"] = {
        "name": REFERENCE_NAME,
        "f1": REFERENCE_F1,
        "overall_f1_incl_misc": REFERENCE_OVERALL_F1,
    }
    res["reference_comparison"] = {
        t: {
            "attache_f1": round(100 * res["per_type"][t]["f1"], 1),
            "reference_f1": REFERENCE_F1[t],
            "at_or_above": round(100 * res["per_type"][t]["f1"], 1) >= REFERENCE_F1[t],
        }
        for t in SCORED
    }
    res["ignored_kinds_note"] = (
        "mentions with kind demonym or role are ignored: CoNLL tags nationalities as MISC "
        "and does not annotate role phrases"
    )
    res["gold"] = gold
    res["bin"] = str(bin_path)

    print_report(res, human)
    if args.json:
        print(json.dumps(res, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
