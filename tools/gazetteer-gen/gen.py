#!/usr/bin/env python3
"""Writes data/gazetteer/countries.toml and data/gazetteer/first_names.txt.

Country data comes from maintained packages pinned in requirements.txt, so that nothing in
the generated files is typed by hand except what supplement.py adds or corrects:

  country_converter  which ISO codes are UN member states (its UNmember column)
  babel (CLDR)       short country names in en, de, fr, es, ru, uk; capital names in those
                     languages where the capital names a time zone (exemplar cities)
  pycountry          ISO 3166-1 names, official long names and their translations
  countryinfo        capitals, English demonyms, alternative spellings, native names
  faker              given names of many locales (first_names.txt)
  anyascii           the same transliteration tables as the Rust `any_ascii` crate the
                     matcher folds with, to detect forms that collide once folded

Run from the repository root (see README.md):
    python3 -m venv tools/gazetteer-gen/.venv
    tools/gazetteer-gen/.venv/bin/pip install -r tools/gazetteer-gen/requirements.txt
    tools/gazetteer-gen/.venv/bin/python tools/gazetteer-gen/gen.py
"""

import csv
import gettext
import glob
import importlib.metadata
import importlib.util
import json
import re
import sys
import unicodedata
from pathlib import Path

import pycountry
from anyascii import anyascii
from babel import Locale
from babel.core import get_cldr_version, get_global

sys.dont_write_bytecode = True  # no __pycache__ beside the sources
sys.path.insert(0, str(Path(__file__).resolve().parent))
import first_names  # noqa: E402
import supplement as S  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "data" / "gazetteer"
LANGS = ["en", "de", "fr", "es", "ru", "uk"]
PACKAGES = ["babel", "pycountry", "countryinfo", "country_converter", "faker", "anyascii"]


# ---------------------------------------------------------------------------------------------
# Folding, as src/enrich/entities/fold.rs does it.

def fold(s: str) -> str:
    out = []
    for c in s.strip():
        if c.isascii():
            out.append(" " if c in "\t\n\r-" else c.lower())
        elif c in "ьЬъЪ":
            continue
        elif c.isspace() or c in "‐‑‒–—":
            out.append(" ")
        else:
            out.append(anyascii(c).lower())
    return " ".join("".join(out).split())


def slug(s: str) -> str:
    s = anyascii(s.replace("'", "").replace("’", "")).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def die(msg: str):
    sys.exit(f"gazetteer-gen: {msg}")


# ---------------------------------------------------------------------------------------------
# Sources.

def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        die(f"package {name} is not installed (pip install -r requirements.txt)")
    return Path(list(spec.submodule_search_locations)[0])


def load_un_members() -> set:
    """ISO alpha-2 codes of UN member states, from country_converter's data table."""
    path = package_dir("country_converter") / "country_data.tsv"
    members = set()
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["UNmember"] and row["UNmember"] != "nan":
                # A few codes are regexes there ("^GB$|^UK$").
                code = re.sub(r"[^A-Z].*", "", row["ISO2"].lstrip("^"))
                members.add(code)
    if len(members) != 193:
        die(f"country_converter lists {len(members)} UN members, expected 193")
    return members


def load_countryinfo() -> dict:
    by_code = {}
    for path in sorted(glob.glob(str(package_dir("countryinfo") / "data" / "*.json"))):
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        code = (d.get("ISO") or {}).get("alpha2")
        if code:
            by_code[code] = d
    return by_code


def pycountry_names(code: str) -> list:
    """ISO names, official names and common names, in English and translated."""
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return []
    en = [getattr(c, f) for f in ("name", "official_name", "common_name") if hasattr(c, f)]
    out = list(en)
    for lang in LANGS[1:]:
        t = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        out += [t.gettext(n) for n in en]
    return out


class Cldr:
    def __init__(self):
        self.loc = {l: Locale.parse(l) for l in LANGS}
        # CLDR keys its zone data by older tz ids ("Europe/Kiev" for "Europe/Kyiv").
        self.older = {}
        for old, new in get_global("zone_aliases").items():
            self.older.setdefault(new, []).append(old)

    def territory(self, lang: str, code: str):
        return self.loc[lang].territories.get(code)

    def zone_city(self, lang: str, zone: str):
        d = self.loc[lang].time_zones.get(zone)
        return d.get("city") if d else None

    def zone_for(self, names: list, zones: list):
        """The CLDR zone id, among a country's zones (and their older ids), whose city is one
        of `names` (a capital's): its exemplar city is the capital's name in each language."""
        keys = {fold(n) for n in names}
        def matches(z):
            city = z.rsplit("/", 1)[-1].replace("_", " ")
            en = self.zone_city("en", z)
            return fold(city) in keys or bool(en and fold(en) in keys)

        def has_data(z):
            return any(z in self.loc[l].time_zones for l in LANGS[1:])

        for zone in zones:
            older = self.older.get(zone, [])
            if matches(zone):
                # The current id names the capital: an older id with data is a former
                # spelling of it ("Asia/Katmandu" for "Asia/Kathmandu").
                return next((z for z in [zone] + older if has_data(z)), zone)
            for z in older:
                # An older id that names the capital is its own zone only if it has data;
                # else it is a link to another city's ("Australia/Canberra" -> Sydney).
                if matches(z) and has_data(z):
                    return z
        return None


# ---------------------------------------------------------------------------------------------
# Cleaning name forms.

LATIN_OR_CYRILLIC = re.compile(
    r"^[\sA-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF\u0400-\u04FF'’ʼ.,&()\-–—]+$")


def clean(s: str) -> str:
    """Stress marks, curly apostrophes and spaced hyphens out; spaces collapsed."""
    s = unicodedata.normalize("NFC", s.replace("\u0301", "")).strip()
    s = s.replace("’", "'").replace("ʼ", "'").replace(" - ", "-")
    return " ".join(s.split())


def variants(s: str) -> list:
    """A source's name form as zero or more press forms."""
    s = clean(s)
    if not s or ", " in s:  # "Korea, Republic of": an index form, not a name
        return []
    if not LATIN_OR_CYRILLIC.match(s):
        return []
    # "Myanmar (Burma)", "Hong Kong (RAE de China)": the qualifier is no name.
    s = " ".join(re.sub(r"\([^)]*\)", " ", s).split())
    s = re.sub(r"\bо-ва\b", "острова", s)  # CLDR ru abbreviates "islands"
    if s.startswith("the "):
        s = s[4:]
    if s.startswith("L'État"):
        s = s[2:]
    out = [s]
    if " & " in s:
        out.append(s.replace(" & ", " and "))
    if s.startswith("St. "):
        out.append("Saint " + s[4:])
    return out


def display_name(cldr_en: str) -> str:
    v = variants(cldr_en)
    name = v[0]
    name = name.replace(" & ", " and ")
    if name.startswith("St. "):
        name = "Saint " + name[4:]
    return name


def is_code(s: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{2,3}", s))


def dedupe_key(form: str) -> str:
    """Latin forms that differ only in case or diacritics are one form (folding matches
    both); Cyrillic ones are compared as spelt, so Russian "Украина" and Ukrainian "Україна"
    are both kept although they fold alike (ё and е are one letter for this)."""
    if re.search(r"[\u0400-\u04FF]", form):
        return form.lower().replace("ё", "е")
    return fold(form)


class Forms:
    """An ordered set of forms without case or diacritic variants (the first spelling wins).
    `keys` holds their folded forms, as the matcher sees them."""

    def __init__(self, drop=()):
        self.items = []
        self.seen = set()
        self.keys = set()
        self.drop = {fold(d) for d in drop}

    def add(self, form: str):
        k, d = fold(form), dedupe_key(form)
        if k and d not in self.seen and k not in self.drop:
            self.seen.add(d)
            self.keys.add(k)
            self.items.append(form)

    def remove_keys(self, keys: set):
        self.items = [f for f in self.items if fold(f) not in keys]
        self.seen = {dedupe_key(f) for f in self.items}
        self.keys -= keys


# ---------------------------------------------------------------------------------------------
# Countries and capitals.

def build_countries():
    cldr = Cldr()
    info = load_countryinfo()
    members = load_un_members()
    codes = sorted(members | set(S.OBSERVERS) | set(S.TERRITORIES))
    unknown = [c for c in S.COUNTRIES if c not in codes]
    if unknown:
        die(f"supplement.COUNTRIES names codes that are not generated: {unknown}")

    countries = []
    for code in codes:
        sup = S.COUNTRIES.get(code, {})
        ci = info.get(code, {})
        cldr_en = cldr.territory("en", code)
        if not cldr_en:
            die(f"{code}: CLDR has no English name")
        name = sup.get("name") or display_name(cldr_en)
        kind = ("observer" if code in S.OBSERVERS
                else "territory" if code in S.TERRITORIES else "country")

        dem = Forms()
        dem_drop = {fold(d) for d in sup.get("dem_drop", []) + S.DEMONYM_DROP_ALL}
        dem_drop.add(fold(name))  # countryinfo gives "Gibraltar" as Gibraltar's demonym
        for d in re.split(r"[,/]", ci.get("demonym") or ""):
            d = d.strip()
            if d and fold(d) not in dem_drop:
                dem.add(d)
        for d in sup.get("dem", []):
            dem.add(d)

        aliases = Forms(drop=sup.get("drop", []))
        sources = [name]
        sources += [cldr.territory(l, code) or "" for l in LANGS]
        sources += pycountry_names(code)
        sources += [ci.get("name") or "", ci.get("nativeName") or ""]
        sources += ci.get("altSpellings") or []
        sources += [t for l, t in (ci.get("translations") or {}).items() if l in LANGS]
        dem_spelt = {dedupe_key(d) for d in dem.items}
        for src in sources:
            for v in variants(src or ""):
                # ISO codes are no names; "Togolese" in altSpellings is a demonym (but
                # Russian "Сомали" is the country, though it folds like "Somali").
                if is_code(v) or dedupe_key(v) in dem_spelt:
                    continue
                aliases.add(v)
        for a in sup.get("add", []):  # hand-picked: acronyms allowed
            aliases.add(a)

        countries.append(dict(
            code=code, id=sup.get("id") or slug(name), name=name, kind=kind,
            aliases=aliases, demonyms=dem, amb=sup.get("amb", []), sup=sup, info=ci,
        ))

    # Capitals.
    country_ids = {c["id"] for c in countries}
    capitals = []
    for c in countries:
        sup, ci = c["sup"], c["info"]
        if "cap" in sup and sup["cap"] is None:
            c["capital"] = c["id"]  # a city-state is its own capital
            continue
        if sup.get("cap") == "":
            c["capital"] = None  # an archipelago without one
            continue
        cap_name = sup.get("cap") or ci.get("capital")
        if not cap_name:
            if c["kind"] == "country":
                die(f"{c['code']}: no capital in the data; add cap= to the supplement")
            c["capital"] = None
            continue
        cap_name = clean(cap_name)
        cap_id = sup.get("cap_id") or slug(cap_name)
        if cap_id in country_ids:
            cap_id += "-city"
        capsup = S.CAPITALS.get(cap_id, {})
        forms = Forms()
        forms.add(capsup.get("name") or cap_name)
        for a in capsup.get("aliases", []):
            forms.add(a)
        zone = capsup.get("tz") or cldr.zone_for(
            [cap_name] + capsup.get("aliases", []), ci.get("timezoneNames") or [])
        if zone:
            for l in LANGS:
                city = cldr.zone_city(l, zone)
                if city:
                    for v in variants(city):
                        forms.add(v)
        c["capital"] = cap_id
        capitals.append(dict(id=cap_id, code=c["code"], aliases=forms, zone=zone,
                             amb=capsup.get("amb", []), country_id=c["id"]))

    used_caps = {k["id"] for k in capitals}
    stale = [k for k in S.CAPITALS if k not in used_caps]
    if stale:
        die(f"supplement.CAPITALS has entries for no generated capital: {stale}")

    # A capital form that is also a country form belongs to the country ("Алжир", "Mexico").
    country_keys, key_owner = set(), {}
    for c in countries:
        country_keys |= c["aliases"].keys | c["demonyms"].keys
        for k in c["aliases"].keys | c["demonyms"].keys:
            key_owner.setdefault(k, c["id"])
    dropped = []
    by_id = {c["id"]: c for c in countries}
    for k in capitals:
        clash = k["aliases"].keys & country_keys
        # Forms the supplement keeps on both: ambiguous in both.
        for form in S.CAPITALS.get(k["id"], {}).get("shared", []):
            key = fold(form)
            if key in clash:
                clash.discard(key)
                k["amb"] = k["amb"] + [form]
                owner = by_id[key_owner[key]]
                owner["amb"] = owner["amb"] + [form]
        if clash:
            dropped.append((k["id"], sorted(f"{c} ({key_owner[c]})" for c in clash)))
            k["aliases"].remove_keys(clash)
        if not k["aliases"].items:
            die(f"capital {k['id']}: every form is also a country's ({dropped[-1][1]}); "
                "add a distinct alias to the supplement")
    return countries, capitals, dropped


def check_collisions(entities):
    """Forms shared by two entities must be marked ambiguous in both."""
    owners = {}
    for e in entities:
        for f in e["aliases"].items + (e["demonyms"].items if "demonyms" in e else []):
            owners.setdefault(fold(f), set()).add(e["id"])
    amb = {e["id"]: {fold(a) for a in e["amb"]} for e in entities}
    bad = []
    for key, ids in owners.items():
        if len(ids) > 1 and not all(key in amb[i] for i in ids):
            bad.append(f"{key!r}: {sorted(ids)}")
    if bad:
        die("forms shared by several entities, not marked ambiguous:\n  " + "\n  ".join(bad))


def ambiguous_forms(e) -> list:
    """Every alias or demonym of the entity that folds like one of its ambiguous forms."""
    forms = e["aliases"].items + (e["demonyms"].items if "demonyms" in e else [])
    keys = {fold(a) for a in e["amb"]}
    have = {fold(f) for f in forms}
    for a in e["amb"]:
        if fold(a) not in have:
            die(f"{e['id']}: ambiguous form {a!r} is not one of its aliases or demonyms")
    out = []
    for f in forms:
        if fold(f) in keys and f not in out:
            out.append(f)
    return out


# ---------------------------------------------------------------------------------------------
# TOML output.

def toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def toml_array(key: str, items: list) -> str:
    parts = [toml_str(i) for i in items]
    one = f"{key} = [{', '.join(parts)}]"
    if len(one) <= 100:
        return one
    lines, line = [f"{key} = ["], "   "
    for p in parts:
        if len(line) + len(p) + 2 > 100:
            lines.append(line)
            line = "   "
        line += f" {p},"
    lines.append(line)
    lines.append("]")
    return "\n".join(lines)


def entity_toml(fields: list) -> str:
    out = ["[[entity]]"]
    for key, value in fields:
        if value is None or value == []:
            continue
        if isinstance(value, list):
            out.append(toml_array(key, value))
        else:
            out.append(f"{key} = {toml_str(value)}")
    return "\n".join(out)


def versions() -> str:
    v = [f"{p} {importlib.metadata.version(p)}" for p in PACKAGES]
    return ", ".join(v) + f" (CLDR {get_cldr_version()})"


def write_countries(countries, capitals):
    by_id = {}
    for e in countries + capitals:
        if e["id"] in by_id:
            die(f"duplicate id {e['id']}")
        by_id[e["id"]] = e
    check_collisions(countries + capitals)

    blocks = []
    for c in sorted(countries, key=lambda c: c["id"]):
        blocks.append(entity_toml([
            ("id", c["id"]), ("type", "place"), ("name", c["name"]), ("country", c["code"]),
            ("kind", c["kind"]), ("aliases", c["aliases"].items),
            ("demonyms", c["demonyms"].items), ("capital", c["capital"]),
            ("ambiguous", ambiguous_forms(c)),
        ]))
    cap_blocks = []
    for k in sorted(capitals, key=lambda k: k["id"]):
        cap_blocks.append(entity_toml([
            ("id", k["id"]), ("type", "place"), ("name", k["aliases"].items[0]),
            ("country", k["code"]), ("kind", "capital"), ("aliases", k["aliases"].items),
            ("ambiguous", ambiguous_forms(k)),
        ]))
    header = (
        f"# Generated by tools/gazetteer-gen from {versions()}\n"
        "# and the supplement table in tools/gazetteer-gen/supplement.py; do not edit.\n"
        "# Format: data/gazetteer/README.md. Re-run: see tools/gazetteer-gen/README.md.\n"
        f"# {len(countries)} countries, observers and territories; {len(capitals)} capitals.\n"
    )
    text = (header + "\n# Countries, UN observers and territories\n\n"
            + "\n\n".join(blocks) + "\n\n# National capitals\n\n"
            + "\n\n".join(cap_blocks) + "\n")
    (OUT_DIR / "countries.toml").write_text(text, encoding="utf-8")


def verify():
    """Reads the written file back as the Rust loader would and checks its invariants."""
    import tomllib

    with open(OUT_DIR / "countries.toml", "rb") as f:
        entities = tomllib.load(f)["entity"]
    allowed = {"id", "type", "name", "qid", "country", "role", "kind", "aliases", "surnames",
               "first_names", "roles", "demonyms", "capital", "ambiguous"}
    by_id = {}
    for e in entities:
        if set(e) - allowed:
            die(f"{e['id']}: unknown fields {set(e) - allowed}")
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", e["id"]) or e["id"] in by_id:
            die(f"bad or duplicate id {e['id']!r}")
        by_id[e["id"]] = e
    states = [e for e in entities if e["kind"] in ("country", "observer", "territory")]
    if sum(e["kind"] == "country" for e in states) != 193 or len(states) < 195:
        die(f"{len(states)} states and territories")
    for e in states:
        cap = e.get("capital")
        if e["kind"] != "territory" and not cap:
            die(f"{e['id']}: no capital")
        if cap and cap not in by_id:
            die(f"{e['id']}: capital {cap} has no entry")
        if not e.get("aliases") or not e.get("demonyms") and e["kind"] == "country":
            die(f"{e['id']}: no aliases or demonyms")
    for e in entities:
        if e["kind"] == "capital" and by_id.get(e["id"]) is not e:
            die(f"{e['id']}: capital id not unique")
    want = {  # name in en, de, fr, es, ru, uk: all must be aliases
        "russia": ["Russia", "Russland", "Russie", "Rusia", "Россия", "Росія"],
        "ukraine": ["Ukraine", "Ucrania", "Украина", "Україна"],
        "germany": ["Germany", "Deutschland", "Allemagne", "Alemania", "Германия", "Німеччина"],
        "united-states": ["United States", "Vereinigte Staaten", "États-Unis", "Estados Unidos",
                          "США", "Сполучені Штати", "US", "USA", "U.S.", "America"],
        "china": ["China", "Chine", "Китай"],
        "united-kingdom": ["UK", "Britain", "Großbritannien", "Royaume-Uni", "Reino Unido",
                           "Великобритания", "Велика Британія"],
        "kyiv": ["Kyiv", "Kiev", "Kiew", "Киев", "Київ"],
        "moscow": ["Moscow", "Moskau", "Moscou", "Moscú", "Москва"],
    }
    for id_, forms in want.items():
        missing = [f for f in forms if f not in by_id[id_]["aliases"]]
        if missing:
            die(f"{id_}: missing aliases {missing}")
    return len(states), sum(e["kind"] == "capital" for e in entities)


def main():
    countries, capitals, dropped = build_countries()
    write_countries(countries, capitals)
    verify()
    exclude_keys = set()
    for c in countries:
        exclude_keys |= c["aliases"].keys | c["demonyms"].keys
    names, stats = first_names.collect(fold, exclude_keys)
    header = (
        f"# Generated by tools/gazetteer-gen from faker {importlib.metadata.version('faker')}"
        f" and anyascii {importlib.metadata.version('anyascii')}; do not edit.\n"
        "# Given names, one per line: a cue for unknown person names. Common words and\n"
        "# country names are left out (tools/gazetteer-gen/first_names.py).\n"
    )
    (OUT_DIR / "first_names.txt").write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    female = first_names.collect_female(fold, names)
    (OUT_DIR / "female_first_names.txt").write_text(
        "# Generated by tools/gazetteer-gen from faker "
        f"{importlib.metadata.version('faker')}; do not edit.\n"
        "# Given names of first_names.txt that faker lists only as women's names: the\n"
        "# gender a quote's \"she\" must agree with (tools/gazetteer-gen/first_names.py).\n"
        + "\n".join(female) + "\n",
        encoding="utf-8",
    )

    kinds = {}
    for c in countries:
        kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
    print(f"countries.toml: {kinds}, {len(capitals)} capitals")
    for cap, clash in dropped:
        print(f"  capital {cap}: left to the country: {', '.join(clash)}")
    print(f"first_names.txt: {len(names)} names ({stats})")
    print(f"female_first_names.txt: {len(female)} names")


if __name__ == "__main__":
    main()
