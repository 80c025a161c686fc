#!/usr/bin/env python3
"""Evaluate the quotes of `attache extract` against the hand-labelled gold in tests/quotes/.

Usage (from the repo root):

    cargo build --release
    python3 scripts/quotes_eval.py                   # tables
    python3 scripts/quotes_eval.py --json            # JSON object on stdout, tables on stderr
    python3 scripts/quotes_eval.py --errors 10       # up to 10 cases of each kind of error
    python3 scripts/quotes_eval.py --skip-missing    # exit 0 with a message if the corpora are absent
    python3 scripts/quotes_eval.py --gold-dir tests/quotes/heldout5  # the blind sample
    python3 scripts/quotes_eval.py --corpora DIR --bin PATH --extract-arg ARG

What it does:

* Reads tests/quotes/articles.jsonl (48 fully labelled articles) and tests/quotes/gold.jsonl
  (one entry per quote-mark span: 297 quotes, 59 `not-a-quote`), finds every article under
  `--corpora` (default: `$ATTACHE_SHARED/corpora` when ATTACHE_SHARED is set, else
  `../shared/corpora` relative to the repo root), and rebuilds each body the way attache
  stores it (as tests/quotes/check_gold.py does) for offset checks and error context.
* Runs ONE `attache extract PATH…` with the 48 absolute paths and matches the output lines to
  the articles by their `path` field (compared after resolving both paths).
* Matches predicted quotes to gold spans of the same article, one-to-one. Texts are
  normalised (NFKC, lowercase, curly quotes made straight, whitespace collapsed, quote marks
  and punctuation stripped at both ends). A pair is a candidate when the Jaccard index of the
  two word sets is >= 0.5, or when one text contains the other's first 30 normalised
  characters (starting at a word boundary; the whole text, ending at a word boundary, when it
  is shorter; the contained text must have at least two words). Candidates are assigned
  greedily, best first: pairs whose character spans overlap (when the prediction's offsets are
  valid) before pairs that only share text, then higher Jaccard. So offsets only break ties
  (duplicated texts); a quote with wrong offsets but the right text still matches.
  `not-a-quote` spans take part in the matching: a prediction matched to one is a false
  positive.

Scores:

* Detection: TP = predictions matched to a real gold quote; FP = all other predictions
  (matched to a `not-a-quote` span, or to nothing); FN = real gold quotes matched by nothing.
  Precision = TP / predictions, recall = TP / 297.
* Speaker attribution (the issue's targets: precision >= 0.90, recall >= 0.75):
  - precision = correctly attributed / predicted quotes with a non-null `speaker` or
    `speaker_id`. Every prediction with a speaker is in the denominator: one matched to a real
    quote is right or wrong, one matched to a `not-a-quote` span or to nothing is wrong.
    Predictions without a speaker are abstentions and count on neither side.
  - recall = real gold quotes whose matched prediction has the correct speaker / all real gold
    quotes (297; `not-a-quote` excluded).
  - Anonymous gold speakers (pattern `anonymous`, speaker "anonymous"): the prediction is
    correct when its speaker is null (counts for recall only, being an abstention), when the
    speaker says so ("anonymous", "unnamed …", "unidentified …", "unknown"), or when it is the
    description as written: speaker_id null, last word starting lower-case ("official"), and
    its words a subset of the gold `speaker_in_text` with the same last word ("a State
    Department official"). A named speaker (or an entity id) for an anonymous quote is wrong.
  - Named gold speakers: candidate names are the predicted `speaker`, the `name` of the entity
    `speaker_id` refers to (from the same output line's `entities`; the id with hyphens as
    spaces if it is not there). Names are normalised: no diacritics, lowercase, possessive 's
    and dots dropped ("U.S." -> "us"), hyphens and other punctuation as spaces, leading titles
    dropped (Mr., Mrs., Dr., President, Sen., Rep., Gov., Secretary, Gen., Prime Minister,
    the, former …), trailing Jr./Sr./II/III dropped. A gold speaker "A and B" accepts A or B.
    A candidate is correct when the full names match (also with spaces removed: "Jong-un" =
    "Jong Un"), or when the last words match (surname: "Trump" = "Donald Trump" =
    "President Trump"). When the gold name ends in a generic word (administration, ministry,
    house, team, media, military, statement …) the last-word rule is stricter: the word sets
    must be equal, or have the same last word, one contain the other, and share a
    non-generic word ("Foreign Ministry" = "Russian Foreign Ministry"; "the administration",
    "Trump administration" != "Obama administration"; "House" != "White House").
  - One allowance beyond the names: when the gold attribution names the speaker
    (pattern before/after/inside/according-to), a predicted speaker equal to the gold
    `speaker_in_text` is correct ("the IISS", "Russia" for "Russian government": the name as
    written when attache does not know the canonical one). These are counted separately
    (`correct_as_written`).
* Per pattern (before/after/pronoun/title/according-to/inside/anonymous) and per flag
  (fragment, continuation, multi_paragraph, unclosed): detection recall, and attribution
  precision (correct / detected with a speaker, within that pattern) and recall. Unmatched
  predictions have no pattern, so only the overall attribution precision counts them.

`--errors N` prints up to N cases of each kind (missed quotes, false positives, wrong
speakers, missing speakers), spread over the list, with the body around the span. It is for
diagnosis only: never copy gold speakers, names or rules into attache to fix them, or these
figures stop meaning anything.

Exit status: 0 after a report (whatever the scores), 2 on errors (binary missing, contract
broken). Standard library only (Python 3.11).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = REPO_ROOT / "tests" / "quotes"
DEFAULT_BIN = "target/release/attache"  # relative to the repo root

PATTERNS = ("before", "after", "pronoun", "title", "according-to", "inside", "anonymous")
NOT_A_QUOTE = "not-a-quote"
FLAGS = ("fragment", "continuation", "multi_paragraph", "unclosed")
NAMED_PATTERNS = ("before", "after", "inside", "according-to")  # speaker_in_text is a name
TARGET_PRECISION = 0.90
TARGET_RECALL = 0.75

JACCARD_MIN = 0.5
PREFIX_CHARS = 30

# --------------------------------------------------------------------------------------
# Text normalisation
# --------------------------------------------------------------------------------------

_QUOTE_MAP = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "‹": "'", "›": "'", "`": "'", "´": "'", "′": "'",
    }
)
_WORD = re.compile(r"[^\W_]+")
_ENDS = re.compile(r"^[\W_]+|[\W_]+$")
_SPACES = re.compile(r"\s+")


def norm_text(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).translate(_QUOTE_MAP).lower()
    s = _SPACES.sub(" ", s).strip()
    return _ENDS.sub("", s)


def words(s: str) -> list[str]:
    return _WORD.findall(s)


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def contains_prefix(hay: str, needle: str, needle_words: int) -> bool:
    """hay contains needle's first PREFIX_CHARS characters, from a word boundary (and to a
    word boundary when needle is that short). needle must have >= 2 words."""
    if needle_words < 2 or not needle:
        return False
    if len(needle) <= PREFIX_CHARS:
        pat = r"(?<![^\W_])" + re.escape(needle) + r"(?![^\W_])"
    else:
        pat = r"(?<![^\W_])" + re.escape(needle[:PREFIX_CHARS])
    return re.search(pat, hay) is not None


TITLES = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "president", "vice", "sen",
    "senator", "rep", "representative", "gov", "governor", "secretary", "chancellor",
    "ambassador", "gen", "general", "adm", "admiral", "col", "colonel", "lt", "capt", "captain",
    "sgt", "king", "queen", "prince", "princess", "pope", "rev", "reverend", "sir", "dame",
    "lord", "lady", "judge", "justice", "mayor", "premier", "sheikh", "ayatollah", "prime",
    "minister", "speaker", "chairman", "chairwoman", "the", "former",
}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
GENERIC = {
    "administration", "government", "ministry", "department", "house", "team", "party",
    "media", "military", "committee", "service", "official", "officials", "minister",
    "ministers", "embassy", "force", "forces", "brigade", "council", "office", "agency",
    "statement", "group", "spokesman", "spokeswoman", "spokesperson", "institute", "studies",
    "security", "defense", "defence", "campaign", "army", "court", "staff", "senate",
    "congress", "parliament", "state", "union", "organization", "organisation", "people",
}
STOP = {"of", "for", "on", "in", "the", "and", "a", "an", "to", "at", "us"}
ANON_WORDS = {"anonymous", "unnamed", "unidentified", "unknown"}
DETERMINERS = {"a", "an", "the", "one", "some", "two", "three", "several"}


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def name_words(s: str, drop_titles: bool = True) -> tuple[str, ...]:
    s = strip_accents(unicodedata.normalize("NFKC", s)).translate(_QUOTE_MAP).lower()
    s = re.sub(r"'s\b", "", s)
    s = s.replace("'", "").replace(".", "")
    w = re.sub(r"[\W_]+", " ", s).split()
    if drop_titles:
        while w and w[0] in TITLES:
            w.pop(0)
        while w and w[-1] in SUFFIXES:
            w.pop()
    return tuple(w)


def gold_alternatives(speaker: str) -> list[tuple[str, ...]]:
    alts = [name_words(speaker)]
    parts = re.split(r"\s+(?:and|&)\s+", speaker)
    if len(parts) > 1:
        alts += [name_words(p) for p in parts]
    return [a for a in alts if a]


def same_name(pred: tuple[str, ...], gold: tuple[str, ...]) -> bool:
    if not pred or not gold:
        return False
    if pred == gold or "".join(pred) == "".join(gold):
        return True
    if gold[-1] in GENERIC:
        p, g = set(pred) - STOP, set(gold) - STOP
        if p == g:
            return True
        if pred[-1] != gold[-1] or not (p <= g or g <= p):
            return False
        return any(w not in GENERIC for w in p & g)
    return pred[-1] == gold[-1]


# --------------------------------------------------------------------------------------
# Gold and bodies
# --------------------------------------------------------------------------------------


def text_of(v):
    """Mirror of src/ingest/fields.rs `text_of` (as in tests/quotes/check_gold.py)."""
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


@dataclass
class Gold:
    idx: int  # line index in gold.jsonl
    e: dict
    norm: str = ""
    wset: set = field(default_factory=set)
    nwords: int = 0

    @property
    def is_quote(self) -> bool:
        return self.e["pattern"] != NOT_A_QUOTE


@dataclass
class Pred:
    idx: int  # position in the article's quotes array
    q: dict
    text: str
    start: int | None
    end: int | None
    offsets_ok: bool  # valid range and body[start:end] matches text
    speaker: str | None
    speaker_id: str | None
    id_name: str | None
    norm: str = ""
    wset: set = field(default_factory=set)
    nwords: int = 0
    gold: Gold | None = None
    correct: bool | None = None  # speaker correctness, when matched to a real quote
    as_written: bool = False

    @property
    def has_speaker(self) -> bool:
        return bool(self.speaker) or bool(self.speaker_id)


@dataclass
class Article:
    corpus: str
    path: str
    meta: dict
    file: Path
    body: str = ""
    gold: list = field(default_factory=list)
    preds: list = field(default_factory=list)
    rec: dict | None = None


def read_jsonl(path: Path) -> list[dict]:
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                die(f"{path}:{i}: not JSON ({e})")
    return out


def die(msg: str) -> None:
    print(f"quotes_eval: error: {msg}", file=sys.stderr)
    sys.exit(2)


def default_corpora() -> Path:
    shared = os.environ.get("ATTACHE_SHARED")
    base = Path(shared) if shared else REPO_ROOT.parent / "shared"
    return (base / "corpora").resolve()


# --------------------------------------------------------------------------------------
# Running attache
# --------------------------------------------------------------------------------------


def run_extract(bin_path: Path, arts: list[Article], extra: list[str]) -> tuple[float, dict]:
    cmd = [str(bin_path), "extract", *extra, *[str(a.file) for a in arts]]
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        die(f"could not run {bin_path}: {e}")
    elapsed = time.perf_counter() - t0
    stderr = proc.stderr.decode("utf-8", "replace").strip()
    if proc.returncode != 0:
        die(f"`{bin_path} extract …` exited with status {proc.returncode}" + (f":\n{stderr}" if stderr else ""))
    by_path = {os.path.realpath(a.file): a for a in arts}
    stats = {"output_lines": 0, "unknown_paths": [], "duplicate_records": 0, "records_without_quotes": 0}
    for n, line in enumerate(proc.stdout.decode("utf-8").split("\n"), 1):
        if not line.strip():
            continue
        stats["output_lines"] += 1
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            die(f"output line {n} is not JSON ({e}): {line[:200]}")
        if not isinstance(rec, dict) or not isinstance(rec.get("path"), str):
            die(f"output line {n} is not an object with a string `path`: {line[:200]}")
        art = by_path.get(os.path.realpath(rec["path"]))
        if art is None:
            stats["unknown_paths"].append(rec["path"])
            continue
        if art.rec is not None:  # single-record files: keep the first record
            stats["duplicate_records"] += 1
            continue
        art.rec = rec
    missing = [a for a in arts if a.rec is None]
    if missing:
        die(
            f"no output line for {len(missing)} of {len(arts)} articles (first: {missing[0].file}); "
            "the contract is one JSON line per article" + (f"\nstderr:\n{stderr}" if stderr else "")
        )
    stats["stderr"] = stderr[:2000]
    return elapsed, stats


def entity_names(rec: dict) -> dict[str, str]:
    out = {}
    for ent in rec.get("entities") or []:
        if isinstance(ent, dict) and isinstance(ent.get("id"), str) and isinstance(ent.get("name"), str):
            out[ent["id"]] = ent["name"]
    return out


def read_predictions(art: Article, stats: dict) -> None:
    rec = art.rec
    assert rec is not None
    quotes = rec.get("quotes")
    if quotes is None:
        stats["records_without_quotes"] += 1
        quotes = []
    if not isinstance(quotes, list):
        die(f"{art.file}: `quotes` is not a list")
    names = entity_names(rec)
    for i, q in enumerate(quotes):
        if not isinstance(q, dict):
            die(f"{art.file}: quotes[{i}] is not an object")
        s, e = q.get("start"), q.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(art.body)):
            s = e = None
            stats["bad_offsets"] += 1
        text = q.get("text")
        if not isinstance(text, str):
            if s is None:
                stats["no_text"] += 1
                text = ""
            else:
                text = art.body[s:e]
        ok = s is not None and norm_text(art.body[s:e]) == norm_text(text)
        if s is not None and not ok:
            stats["text_mismatch"] += 1
            if len(stats["text_mismatch_examples"]) < 3:
                stats["text_mismatch_examples"].append(
                    {"path": art.path, "start": s, "end": e, "text": text[:120], "body_slice": art.body[s:e][:120]}
                )
        spk = q.get("speaker")
        spk = spk.strip() if isinstance(spk, str) and spk.strip() else None
        sid = q.get("speaker_id")
        sid = sid if isinstance(sid, str) and sid else None
        id_name = None
        if sid is not None:
            id_name = names.get(sid)
            if id_name is None:
                stats["speaker_id_not_in_entities"] += 1
                id_name = sid.replace("-", " ").replace("_", " ")
        p = Pred(i, q, text, s, e, ok, spk, sid, id_name)
        p.norm = norm_text(text)
        w = words(p.norm)
        p.wset, p.nwords = set(w), len(w)
        art.preds.append(p)


# --------------------------------------------------------------------------------------
# Matching and scoring
# --------------------------------------------------------------------------------------


def match_article(art: Article) -> None:
    cands = []
    for p in art.preds:
        if not p.norm:
            continue
        for g in art.gold:
            jac = jaccard(p.wset, g.wset)
            contain = contains_prefix(p.norm, g.norm, g.nwords) or contains_prefix(g.norm, p.norm, p.nwords)
            if jac < JACCARD_MIN and not contain:
                continue
            overlap = p.start is not None and p.start < g.e["end"] and g.e["start"] < p.end
            dist = abs(p.start - g.e["start"]) if p.start is not None else 0
            cands.append((not overlap, -jac, not contain, dist, p.idx, g.idx, p, g))
    cands.sort(key=lambda c: c[:6])
    used_p, used_g = set(), set()
    for *_, p, g in cands:
        if p.idx in used_p or g.idx in used_g:
            continue
        used_p.add(p.idx)
        used_g.add(g.idx)
        p.gold = g


def speaker_correct(p: Pred, g: Gold) -> tuple[bool, bool]:
    """(correct, via the as-written allowance)."""
    e = g.e
    if e["pattern"] == "anonymous" or e["speaker"] == "anonymous":
        if not p.has_speaker:
            return True, False
        if p.speaker_id is not None or not p.speaker:
            return False, False
        raw = name_words(p.speaker, drop_titles=False)
        if set(raw) & ANON_WORDS:
            return True, False
        last_raw = re.findall(r"[^\W_]+", p.speaker)
        desc = [w for w in raw if w not in DETERMINERS]
        gin = [w for w in name_words(e.get("speaker_in_text") or "", drop_titles=False) if w not in DETERMINERS]
        if last_raw and last_raw[-1][:1].islower() and desc and gin and desc[-1] == gin[-1] and set(desc) <= set(gin):
            return True, False
        return False, False
    if not p.has_speaker:
        return False, False
    cands = [name_words(x) for x in (p.speaker, p.id_name) if x]
    for alt in gold_alternatives(e["speaker"]):
        if any(same_name(c, alt) for c in cands):
            return True, False
    if e["pattern"] in NAMED_PATTERNS and p.speaker:
        sit = name_words(e.get("speaker_in_text") or "")
        if sit and name_words(p.speaker) == sit:
            return True, True
    return False, False


def ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def evaluate(arts: list[Article]) -> dict:
    det = {"predicted": 0, "tp": 0, "fp_not_a_quote": 0, "fp_unmatched": 0, "fn": 0, "gold_quotes": 0}
    att = {"with_speaker": 0, "correct": 0, "correct_as_written": 0, "wrong_matched": 0,
           "wrong_not_a_quote": 0, "wrong_unmatched": 0, "correct_null_anonymous": 0}
    groups = {k: {"gold": 0, "detected": 0, "with_speaker": 0, "correct": 0, "correct_with_speaker": 0}
              for k in (*PATTERNS, *FLAGS)}
    naq = {"gold": 0, "predicted_as_quote": 0, "with_speaker": 0}
    errors = {"missed": [], "false_positive": [], "wrong_speaker": [], "no_speaker": []}

    for art in arts:
        for g in art.gold:
            if g.is_quote:
                det["gold_quotes"] += 1
                groups[g.e["pattern"]]["gold"] += 1
                for f in FLAGS:
                    if g.e.get(f):
                        groups[f]["gold"] += 1
            else:
                naq["gold"] += 1
        matched_gold = set()
        for p in art.preds:
            det["predicted"] += 1
            if p.has_speaker:
                att["with_speaker"] += 1
            g = p.gold
            if g is None:
                det["fp_unmatched"] += 1
                if p.has_speaker:
                    att["wrong_unmatched"] += 1
                errors["false_positive"].append((art, p, None))
                continue
            matched_gold.add(g.idx)
            if not g.is_quote:
                det["fp_not_a_quote"] += 1
                naq["predicted_as_quote"] += 1
                if p.has_speaker:
                    att["wrong_not_a_quote"] += 1
                    naq["with_speaker"] += 1
                errors["false_positive"].append((art, p, g))
                continue
            det["tp"] += 1
            ok, written = speaker_correct(p, g)
            p.correct, p.as_written = ok, written
            keys = [g.e["pattern"]] + [f for f in FLAGS if g.e.get(f)]
            for k in keys:
                groups[k]["detected"] += 1
                if p.has_speaker:
                    groups[k]["with_speaker"] += 1
                if ok:
                    groups[k]["correct"] += 1
                    if p.has_speaker:
                        groups[k]["correct_with_speaker"] += 1
            if ok:
                att["correct"] += 1
                att["correct_as_written"] += written
                if not p.has_speaker:
                    att["correct_null_anonymous"] += 1
            elif p.has_speaker:
                att["wrong_matched"] += 1
                errors["wrong_speaker"].append((art, p, g))
            else:
                errors["no_speaker"].append((art, p, g))
        for g in art.gold:
            if g.is_quote and g.idx not in matched_gold:
                det["fn"] += 1
                errors["missed"].append((art, None, g))

    tp, n_pred, n_gold = det["tp"], det["predicted"], det["gold_quotes"]
    det["fp"] = det["fp_not_a_quote"] + det["fp_unmatched"]
    det["precision"] = ratio(tp, n_pred)
    det["recall"] = ratio(tp, n_gold)
    p_, r_ = det["precision"] or 0.0, det["recall"] or 0.0
    det["f1"] = 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0

    # correct predictions that carry a speaker (null speakers on anonymous gold are abstentions)
    att["correct_with_speaker"] = att["correct"] - att["correct_null_anonymous"]
    att["precision"] = ratio(att["correct_with_speaker"], att["with_speaker"])
    att["recall"] = ratio(att["correct"], n_gold)
    att["accuracy_on_detected"] = ratio(att["correct"], tp)

    per = {k: dict(c) for k, c in groups.items()}
    for k, c in per.items():
        c["detection_recall"] = ratio(c["detected"], c["gold"])
        c["attribution_precision"] = ratio(c["correct_with_speaker"], c["with_speaker"])
        c["attribution_recall"] = ratio(c["correct"], c["gold"])
    targets = {
        "precision_min": TARGET_PRECISION,
        "recall_min": TARGET_RECALL,
        "precision_met": att["precision"] is not None and att["precision"] >= TARGET_PRECISION,
        "recall_met": att["recall"] is not None and att["recall"] >= TARGET_RECALL,
    }
    return {
        "detection": det,
        "attribution": att,
        "targets": targets,
        "per_pattern": {k: per[k] for k in PATTERNS},
        "per_flag": {k: per[k] for k in FLAGS},
        "not_a_quote": naq,
        "_errors": errors,
    }


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------


def fmt(x: float | None) -> str:
    return "    -" if x is None else f"{x:5.3f}"


def context(body: str, s: int, e: int, width: int) -> str:
    left, right = body[max(0, s - width) : s], body[e : e + width]
    return ((left + "[[" + body[s:e] + "]]" + right).replace("\n", " / "))


def spread(items: list, n: int) -> list:
    if n <= 0 or not items:
        return []
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def error_samples(errors: dict, n: int, width: int) -> dict:
    out = {}
    for kind, items in errors.items():
        lst = []
        for art, p, g in spread(items, n):
            item = {"corpus": art.corpus, "path": art.path}
            if p is not None:
                item["predicted"] = {
                    "text": p.text[:300], "start": p.start, "end": p.end, "speaker": p.speaker,
                    "speaker_id": p.speaker_id, "speaker_id_name": p.id_name,
                    "speaker_text": p.q.get("speaker_text"), "verb": p.q.get("verb"),
                    "offsets_ok": p.offsets_ok,
                }
            if g is not None:
                item["gold"] = {k: g.e.get(k) for k in ("quote", "start", "end", "speaker", "speaker_in_text", "pattern", "position", "note") if g.e.get(k) is not None}
                item["gold"].update({f: True for f in FLAGS if g.e.get(f)})
            if kind == "missed":
                near = [q for q in art.preds if q.start is not None and q.start < g.e["end"] and g.e["start"] < q.end]
                item["why"] = (
                    f"a prediction overlaps the span but its text does not match ({near[0].text[:80]!r})"
                    if near else "no prediction overlaps the span"
                )
            elif kind == "false_positive":
                item["why"] = f"matches a not-a-quote span ({g.e.get('note') or 'no note'})" if g else "matches no gold span"
            if g is not None:
                s, e = g.e["start"], g.e["end"]
            elif p.offsets_ok:
                s, e = p.start, p.end
            else:  # offsets missing or wrong: show the text where it first occurs, if it does
                s = art.body.find(p.text) if p.text else -1
                s, e = (s, s + len(p.text)) if s >= 0 else (None, None)
            item["context"] = (context(art.body, s, e, width) if s is not None
                               else f"(offsets invalid, text not in the body) {p.text[:200]!r}")
            lst.append(item)
        out[kind] = {"total": len(items), "shown": lst}
    return out


def print_report(res: dict, out) -> None:
    det, att, tg = res["detection"], res["attribution"], res["targets"]
    run = res["run"]
    print(
        f"Gold: {run['articles']} articles, {det['gold_quotes']} quotes, {res['not_a_quote']['gold']} not-a-quote "
        f"spans. One `attache extract` call: {run['seconds']:.2f} s.",
        file=out,
    )
    print("", file=out)
    print("Quote detection (predicted quotes vs gold quotes; a match on a not-a-quote span is a FP)", file=out)
    print(
        f"  predicted {det['predicted']}  TP {det['tp']}  FP {det['fp']} (not-a-quote {det['fp_not_a_quote']}, "
        f"no gold span {det['fp_unmatched']})  FN {det['fn']}",
        file=out,
    )
    print(f"  precision {fmt(det['precision'])}  recall {fmt(det['recall'])}  F1 {fmt(det['f1'])}", file=out)
    print("", file=out)
    print("Speaker attribution", file=out)
    print(
        f"  predicted quotes with a speaker {att['with_speaker']}: correct {att['correct_with_speaker']}, "
        f"wrong {att['wrong_matched']} on gold quotes + {att['wrong_not_a_quote']} on not-a-quote spans "
        f"+ {att['wrong_unmatched']} on no gold span",
        file=out,
    )
    print(
        f"  gold quotes attributed correctly {att['correct']} of {det['gold_quotes']} "
        f"(of which null speaker on an anonymous quote {att['correct_null_anonymous']}, "
        f"speaker as written in the text {att['correct_as_written']})",
        file=out,
    )
    mark = lambda ok: "met" if ok else "NOT MET"  # noqa: E731
    print(
        f"  precision {fmt(att['precision'])}  (target >= {TARGET_PRECISION:.2f}: {mark(tg['precision_met'])})",
        file=out,
    )
    print(
        f"  recall    {fmt(att['recall'])}  (target >= {TARGET_RECALL:.2f}: {mark(tg['recall_met'])})",
        file=out,
    )
    print(f"  accuracy on detected quotes {fmt(att['accuracy_on_detected'])}", file=out)
    print("", file=out)
    head = f"  {'':<20}{'gold':>5}{'found':>6}{'det R':>7}{'w/spk':>6}{'right':>6}{'attr P':>8}{'attr R':>8}"
    print("Per pattern (attr P: correct / found with a speaker; attr R: correct / gold)", file=out)
    print(head, file=out)
    rows = [("overall", {
        "gold": det["gold_quotes"], "detected": det["tp"], "with_speaker": sum(
            c["with_speaker"] for c in res["per_pattern"].values()),
        "correct": att["correct"], "detection_recall": det["recall"],
        "attribution_precision": ratio(
            sum(c["correct_with_speaker"] for c in res["per_pattern"].values()),
            sum(c["with_speaker"] for c in res["per_pattern"].values())),
        "attribution_recall": att["recall"]})]
    rows += list(res["per_pattern"].items())
    rows += [(f"flag {k}", v) for k, v in res["per_flag"].items()]
    for name, c in rows:
        print(
            f"  {name:<20}{c['gold']:>5}{c['detected']:>6}{fmt(c['detection_recall']):>7}{c['with_speaker']:>6}"
            f"{c['correct']:>6}{fmt(c['attribution_precision']):>8}{fmt(c['attribution_recall']):>8}",
            file=out,
        )
        if name in ("overall", PATTERNS[-1]):
            print("", file=out)
    naq = res["not_a_quote"]
    print(
        f"  {'not-a-quote':<20}{naq['gold']:>5}  predicted as quotes {naq['predicted_as_quote']} "
        f"({naq['with_speaker']} with a speaker)",
        file=out,
    )
    print("  (the overall row's attr P leaves out predictions on not-a-quote or no gold span; "
          "the attribution precision above counts them as wrong)", file=out)

    st = res["stats"]
    warn = []
    if st["records_without_quotes"]:
        warn.append(f"{st['records_without_quotes']} of {run['articles']} output lines have no `quotes` field "
                    "(treated as no quotes)")
    if st["bad_offsets"]:
        warn.append(f"{st['bad_offsets']} predicted quotes with missing or out-of-range start/end")
    if st["text_mismatch"]:
        warn.append(f"{st['text_mismatch']} predicted quotes whose `text` differs from body[start:end] "
                    "(offsets not in Unicode characters of the body?); first: "
                    + json.dumps(st["text_mismatch_examples"][0], ensure_ascii=False))
    if st["no_text"]:
        warn.append(f"{st['no_text']} predicted quotes with neither text nor valid offsets (never match)")
    if st["speaker_id_not_in_entities"]:
        warn.append(f"{st['speaker_id_not_in_entities']} speaker_id values not among the line's entities "
                    "(the id itself was used as the name)")
    if st["duplicate_records"]:
        warn.append(f"{st['duplicate_records']} extra output lines for an article already seen (ignored)")
    if st["unknown_paths"]:
        warn.append(f"{len(st['unknown_paths'])} output lines for paths not in the sample (ignored), "
                    f"first: {st['unknown_paths'][0]}")
    if warn:
        print("", file=out)
        for w in warn:
            print(f"WARNING: {w}", file=out)

    if "errors" in res:
        print("", file=out)
        print("Sample errors, for diagnosis only: never copy gold speakers or names into attache.", file=out)
        titles = {
            "missed": "Missed gold quotes",
            "false_positive": "False positive quotes",
            "wrong_speaker": "Detected, wrong speaker",
            "no_speaker": "Detected, no speaker (gold names one)",
        }
        for kind, block in res["errors"].items():
            print(f"\n{titles[kind]} ({block['total']} in all, {len(block['shown'])} shown):", file=out)
            for it in block["shown"]:
                print(f"  {it['corpus']}/{it['path']}", file=out)
                if "predicted" in it:
                    pr = it["predicted"]
                    print(f"    predicted {pr['text'][:120]!r} [{pr['start']}:{pr['end']}]"
                          + ("" if pr["offsets_ok"] else " (offsets do not point at the text)"), file=out)
                    print(f"    speaker={pr['speaker']!r} speaker_id={pr['speaker_id']!r}"
                          + (f" ({pr['speaker_id_name']!r})" if pr["speaker_id"] else "")
                          + f" speaker_text={pr['speaker_text']!r} verb={pr['verb']!r}", file=out)
                if "gold" in it:
                    g = it["gold"]
                    flags = [f for f in FLAGS if g.get(f)]
                    print(f"    gold [{g['start']}:{g['end']}] pattern={g['pattern']}"
                          + (f" position={g['position']}" if g.get("position") else "")
                          + (f" flags={','.join(flags)}" if flags else "")
                          + f" speaker={g.get('speaker')!r} in_text={g.get('speaker_in_text')!r}", file=out)
                    if g.get("note"):
                        print(f"    note: {g['note']}", file=out)
                if "why" in it:
                    print(f"    why: {it['why']}", file=out)
                print(f"    …{it['context']}…", file=out)


def round_floats(x):
    if isinstance(x, float):
        return round(x, 4)
    if isinstance(x, dict):
        return {k: round_floats(v) for k, v in x.items()}
    if isinstance(x, list):
        return [round_floats(v) for v in x]
    return x


def main() -> None:
    ap = argparse.ArgumentParser(description="Evaluate `attache extract` quotes against tests/quotes/ gold.")
    ap.add_argument("--corpora", default=None,
                    help="folder holding allsides/ and basil/ (default: $ATTACHE_SHARED/corpora, "
                         "else ../shared/corpora relative to the repo root)")
    ap.add_argument("--bin", default=None, help=f"attache binary (default: {DEFAULT_BIN} relative to the repo root)")
    ap.add_argument("--gold-dir", default=str(GOLD_DIR), help="gold folder (default tests/quotes; tests/quotes/heldout5 for the blind sample)")
    ap.add_argument("--skip-missing", action="store_true", help="exit 0 with a message if the corpora are absent")
    ap.add_argument("--json", action="store_true", help="print a JSON summary on stdout (the tables go to stderr)")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="show up to N missed, false-positive, wrong-speaker and no-speaker cases each")
    ap.add_argument("--context", type=int, default=100, metavar="CHARS", help="context on each side for --errors")
    ap.add_argument("--extract-arg", action="append", default=[], metavar="ARG",
                    help="extra argument passed to `attache extract` (repeatable)")
    args = ap.parse_args()
    if args.errors < 0:
        ap.error("--errors must be >= 0")

    gold_dir = Path(args.gold_dir)
    corpora = Path(args.corpora).resolve() if args.corpora else default_corpora()
    meta = read_jsonl(gold_dir / "articles.jsonl")
    gold_rows = read_jsonl(gold_dir / "gold.jsonl")

    arts: list[Article] = []
    by_key: dict[tuple[str, str], Article] = {}
    for m in meta:
        a = Article(m["corpus"], m["path"], m, corpora / m["corpus"] / m["path"])
        arts.append(a)
        by_key[(a.corpus, a.path)] = a
    missing = [a for a in arts if not a.file.is_file()]
    if missing:
        msg = (f"corpora not found at {corpora}" if not corpora.is_dir()
               else f"{len(missing)} of {len(arts)} sample articles missing under {corpora} (first: {missing[0].file})")
        if args.skip_missing:
            print(f"quotes_eval: SKIPPED: {msg} (--skip-missing)")
            sys.exit(0)
        die(msg + " (use --corpora DIR, or --skip-missing)")

    for a in arts:
        rec = json.loads(a.file.read_text(encoding="utf-8"))
        a.body = text_of(rec["content_original"] if a.corpus == "allsides" else rec["body-paragraphs"]) or ""
    for i, e in enumerate(gold_rows):
        a = by_key.get((e["corpus"], e["path"]))
        if a is None:
            die(f"gold.jsonl line {i + 1}: article {e['corpus']}/{e['path']} is not in articles.jsonl")
        if e["pattern"] not in (*PATTERNS, NOT_A_QUOTE):
            die(f"gold.jsonl line {i + 1}: unknown pattern {e['pattern']!r}")
        if a.body[e["start"] : e["end"]] != e["quote"]:
            die(f"gold.jsonl line {i + 1}: offsets do not point at the quote in the rebuilt body "
                "(run tests/quotes/check_gold.py)")
        g = Gold(i, e)
        g.norm = norm_text(e["quote"])
        w = words(g.norm)
        g.wset, g.nwords = set(w), len(w)
        a.gold.append(g)

    bin_path = Path(args.bin).resolve() if args.bin else (REPO_ROOT / DEFAULT_BIN)
    if not bin_path.exists():
        die(f"attache binary not found at {bin_path} (run `cargo build --release`, or pass --bin)")
    if not os.access(bin_path, os.X_OK):
        die(f"{bin_path} is not executable")

    seconds, stats = run_extract(bin_path, arts, args.extract_arg)
    stats.update({"bad_offsets": 0, "text_mismatch": 0, "text_mismatch_examples": [], "no_text": 0,
                  "speaker_id_not_in_entities": 0})
    for a in arts:
        read_predictions(a, stats)
        match_article(a)

    res = evaluate(arts)
    errors = res.pop("_errors")
    res["stats"] = stats
    res["run"] = {"articles": len(arts), "seconds": seconds, "bin": str(bin_path), "corpora": str(corpora)}
    if args.errors:
        res["errors"] = error_samples(errors, args.errors, args.context)
    human = sys.stderr if args.json else sys.stdout
    print_report(res, human)
    if args.json:
        print(json.dumps(round_floats(res), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
