//! Scoring meetings against a judged development set.
//!
//! The set (`tests/data/meets/dev.tsv`) stores references, never text: per
//! row a source file of `../shared/data`, a document and a sentence in it,
//! the two people, the place and date if stated, and the modality a reader
//! judged (`asserted`, or a negative: `planned`, `hypothetical`, `negated`,
//! `call`, `letter`, `other`). The texts are read at run time from the data
//! folder, rebuilt as [`parse_conll`](super::parse_conll) rebuilds CoNLL-2003
//! documents (CoNLL04 sentences are documents of one sentence).
//!
//! Scoring, per half of the set (see [`Half`]):
//!
//! - a gold **asserted** pair is a true positive when the extractor gives an
//!   asserted MEETS between two entities whose names match the two people
//!   ([`same_person`]) with evidence that overlaps the gold sentence, else a
//!   false negative;
//! - a predicted asserted MEETS that matches no gold asserted pair is a
//!   false positive, wherever it is in the documents of that half: the set
//!   is meant to hold every meeting of the judged files;
//! - a **negative** row that some asserted MEETS matches counts as a
//!   negative asserted (it is a false positive too).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::{read_conll, Counts};
use crate::document::Document;
use crate::error::{Error, ErrorKind};
use crate::extractor::Extractor;
use crate::input::{read_text, Utf8Policy};
use crate::model::{Args, Modality, RelationKind, Span};

/// Which half of the development set a document is in: fixed by a hash of
/// its source and document id, so rules are tuned on one half and the other
/// is kept aside to report on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Half {
    /// The half rules may be written from.
    Tune,
    /// The half kept aside.
    Held,
}

impl Half {
    /// The half of `(source, doc)`: FNV-1a of `source/doc`, even → tune.
    pub fn of(source: &str, doc: &str) -> Half {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in source.bytes().chain([b'/']).chain(doc.bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        if h % 2 == 0 {
            Half::Tune
        } else {
            Half::Held
        }
    }

    /// `tune` or `held`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Half::Tune => "tune",
            Half::Held => "held",
        }
    }
}

/// One judged pair of people in one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldMeeting {
    /// The data file, relative to the data folder: `conll2003/eng.train`.
    pub source: String,
    /// `doc-00042` (CoNLL-2003) or `s-00042` (CoNLL04).
    pub doc: String,
    /// 0-based sentence of the document.
    pub sentence: usize,
    /// The two people, as the document names them.
    pub a: String,
    /// See `a`.
    pub b: String,
    /// `asserted`, `planned`, `hypothetical`, `negated`, `call`, `letter` or `other`.
    pub modality: String,
    /// The line of the set file.
    pub line: usize,
}

impl GoldMeeting {
    /// Whether the pair met as the text asserts.
    pub fn asserted(&self) -> bool {
        self.modality == "asserted"
    }
}

const MODALITIES: [&str; 7] = [
    "asserted",
    "planned",
    "hypothetical",
    "negated",
    "call",
    "letter",
    "other",
];

/// Reads a development set: a header line, then tab-separated rows
/// `source doc sentence a b place date modality note`; `#` lines are
/// comments.
///
/// # Errors
///
/// The file cannot be read, or a row is malformed (`path:line: reason`).
pub fn read_set(path: impl AsRef<Path>) -> Result<Vec<GoldMeeting>, Error> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let text = read_text(path, Utf8Policy::Strict)?;
    parse_set(&name, &text)
}

/// Parses a development set read from `source` (see [`read_set`]).
///
/// # Errors
///
/// A malformed row, as `source:line: reason`.
pub fn parse_set(source: &str, text: &str) -> Result<Vec<GoldMeeting>, Error> {
    let mut out = Vec::new();
    let mut header = true;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let bad = |why: String| Error::at_line(ErrorKind::Json, source, n, why);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if std::mem::take(&mut header) {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 8 {
            return Err(bad(format!(
                "expected at least 8 tab-separated columns, found {}",
                cols.len()
            )));
        }
        let sentence = cols[2]
            .trim()
            .parse()
            .map_err(|_| bad(format!("bad sentence number {:?}", cols[2])))?;
        let modality = cols[7].trim();
        if !MODALITIES.contains(&modality) {
            return Err(bad(format!(
                "unknown modality {modality:?} (expected one of {})",
                MODALITIES.join(", ")
            )));
        }
        out.push(GoldMeeting {
            source: cols[0].trim().to_string(),
            doc: cols[1].trim().to_string(),
            sentence,
            a: cols[3].trim().to_string(),
            b: cols[4].trim().to_string(),
            modality: modality.to_string(),
            line: n,
        });
    }
    Ok(out)
}

/// A document of a source file: its id, text and sentence spans.
#[derive(Clone, Debug)]
pub struct SourceDocument {
    /// The data file it comes from.
    pub source: String,
    /// Its id in that file.
    pub id: String,
    /// The rebuilt text.
    pub text: String,
    /// Byte spans of its sentences.
    pub sentences: Vec<Span>,
}

/// Reads every document of one source file under `data` (CoNLL-2003 by
/// its `-DOCSTART-` documents, CoNLL04 JSON by sentence).
///
/// # Errors
///
/// The file cannot be read or parsed.
pub fn read_source(data: &Path, source: &str) -> Result<Vec<SourceDocument>, Error> {
    let path = data.join(source);
    if source.ends_with(".json") {
        let name = path.display().to_string();
        let text = read_text(&path, Utf8Policy::Strict)?;
        let rows: Vec<serde_json::Value> = serde_json::from_str(&text)
            .map_err(|e| Error::in_file(ErrorKind::Json, &name, e.to_string()))?;
        return Ok(rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let tokens: Vec<&str> = row["tokens"]
                    .as_array()
                    .map(|t| t.iter().filter_map(|x| x.as_str()).collect())
                    .unwrap_or_default();
                let text = tokens.join(" ");
                let sentences = vec![Span::new(0, text.len())];
                SourceDocument {
                    source: source.to_string(),
                    id: format!("s-{i:05}"),
                    text,
                    sentences,
                }
            })
            .collect());
    }
    let docs = read_conll(&path, Utf8Policy::Strict)?;
    Ok(docs
        .into_iter()
        .map(|d| {
            let sentences = d
                .sentences()
                .iter()
                .map(|r| Span::new(d.tokens()[r.start].start, d.tokens()[r.end - 1].end))
                .collect();
            SourceDocument {
                source: source.to_string(),
                id: d.id().to_string(),
                text: d.text().to_string(),
                sentences,
            }
        })
        .collect())
}

/// Whether an entity named `name` is the person the set calls `gold`: the
/// same name, or the same last word (a surname), case aside.
pub fn same_person(name: &str, gold: &str) -> bool {
    let (n, g) = (fold(name), fold(gold));
    // The last word, after any hyphen: "al-Kabariti" is "Kabariti".
    let last = |s: &str| {
        s.split_whitespace()
            .last()
            .and_then(|w| w.rsplit('-').next())
            .map(str::to_string)
    };
    // A one-word name (a guess from "his wife Naina") is any word of the other.
    let one_word_of = |a: &str, b: &str| !a.contains(' ') && b.split_whitespace().any(|w| w == a);
    n == g
        || (last(&n).is_some() && last(&n) == last(&g))
        || one_word_of(&n, &g)
        || one_word_of(&g, &n)
}

/// Lower case without the diacritics of Latin letters, so "Milošević" is
/// the "Milosevic" of 1996 wire text.
fn fold(name: &str) -> String {
    const FROM: &str = "àáâãäåāăąçćčďđèéêëēėęěğìíîïīįıķĺļľłñńņňòóôõöøōőŕřśşšșţťțùúûüūůűųýÿźżžß";
    const TO: &str = "aaaaaaaaacccddeeeeeeeegiiiiiiikllllnnnnoooooooorrsssstttuuuuuuuuyyzzzs";
    name.to_lowercase()
        .chars()
        .map(|c| {
            FROM.chars()
                .position(|f| f == c)
                .and_then(|i| TO.chars().nth(i))
                .unwrap_or(c)
        })
        .collect()
}

/// One asserted MEETS the extractor found: document, sentence, the names.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    /// Source file.
    pub source: String,
    /// Document id.
    pub doc: String,
    /// Sentence of the evidence's start.
    pub sentence: usize,
    /// The two names, sorted.
    pub names: (String, String),
}

/// The asserted meetings of a document, one per sentence and pair.
pub fn found_meetings(src: &SourceDocument, doc: &Document) -> Vec<Found> {
    let mut out = BTreeSet::new();
    for r in doc.relations() {
        let Args::Meets { a, b, .. } = r.args else {
            continue;
        };
        if r.kind() != RelationKind::Meets || r.modality != Modality::Asserted {
            continue;
        }
        let sentence = src
            .sentences
            .iter()
            .position(|s| s.end > r.evidence.start)
            .unwrap_or(0);
        let (x, y) = (&doc.entities()[a].name, &doc.entities()[b].name);
        let names = if x <= y {
            (x.clone(), y.clone())
        } else {
            (y.clone(), x.clone())
        };
        out.insert(Found {
            source: src.source.clone(),
            doc: src.id.clone(),
            sentence,
            names,
        });
    }
    out.into_iter().collect()
}

/// Scores of one half.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MeetScore {
    /// Asserted pairs found (tp), asserted MEETS no gold pair has (fp), gold
    /// asserted pairs missed (fn).
    pub counts: Counts,
    /// Negative rows of the half.
    pub negatives: usize,
    /// Negative rows an asserted MEETS matched.
    pub negatives_asserted: usize,
    /// What went wrong, one line each (for `--errors`).
    pub errors: Vec<String>,
}

/// Whether a found meeting matches a gold row: same document, the gold
/// sentence or the one after (evidence may start a sentence early when a
/// quotation joins them), and both names.
fn matches(f: &Found, g: &GoldMeeting) -> bool {
    let (x, y) = (&f.names.0, &f.names.1);
    f.source == g.source
        && f.doc == g.doc
        && (f.sentence == g.sentence || f.sentence + 1 == g.sentence)
        && ((same_person(x, &g.a) && same_person(y, &g.b))
            || (same_person(x, &g.b) && same_person(y, &g.a)))
}

/// Runs `extractor` over every document of the set's sources under `data`
/// and scores both halves.
///
/// # Errors
///
/// A source file cannot be read.
pub fn score(
    extractor: &Extractor,
    data: &Path,
    set: &[GoldMeeting],
) -> Result<BTreeMap<Half, MeetScore>, Error> {
    let sources: BTreeSet<&str> = set.iter().map(|g| g.source.as_str()).collect();
    let mut found: Vec<Found> = Vec::new();
    for source in sources {
        for src in read_source(data, source)? {
            let doc = extractor.extract(&src.id, &src.text);
            found.extend(found_meetings(&src, &doc));
        }
    }
    let mut scores: BTreeMap<Half, MeetScore> = BTreeMap::new();
    scores.insert(Half::Tune, MeetScore::default());
    scores.insert(Half::Held, MeetScore::default());
    let mut used = vec![false; found.len()];
    for g in set {
        let half = Half::of(&g.source, &g.doc);
        let s = scores.entry(half).or_default();
        let hit: Vec<usize> = (0..found.len())
            .filter(|&i| matches(&found[i], g))
            .collect();
        let at = format!(
            "{} {} sentence {} ({}–{}, {})",
            g.source, g.doc, g.sentence, g.a, g.b, g.modality
        );
        if g.asserted() {
            if hit.is_empty() {
                s.counts.false_negatives += 1;
                s.errors.push(format!("missed    {at}"));
            } else {
                s.counts.true_positives += 1;
            }
            for i in hit {
                used[i] = true;
            }
        } else {
            s.negatives += 1;
            if !hit.is_empty() {
                s.negatives_asserted += 1;
                s.errors.push(format!("asserted  {at}"));
            }
        }
    }
    for (f, used) in found.iter().zip(used) {
        if used {
            continue;
        }
        let s = scores.entry(Half::of(&f.source, &f.doc)).or_default();
        s.counts.false_positives += 1;
        s.errors.push(format!(
            "spurious  {} {} sentence {} ({}–{})",
            f.source, f.doc, f.sentence, f.names.0, f.names.1
        ));
    }
    Ok(scores)
}

/// The data folder beside the checkout (`../shared/data`), if present.
pub fn default_data_dir(manifest_dir: &Path) -> Option<PathBuf> {
    let d = manifest_dir.join("../shared/data");
    d.is_dir().then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_by_full_name_or_surname() {
        assert!(same_person("Boris Yeltsin", "Yeltsin"));
        assert!(same_person("boris yeltsin", "Boris Yeltsin"));
        assert!(!same_person("Boris Yeltsin", "Bill Clinton"));
        assert!(same_person("Slobodan Milošević", "Slobodan Milosevic"));
        assert!(same_person("Kabariti", "Abdul-Karim al-Kabariti"));
        assert!(same_person("Naina", "Naina Yeltsin"));
        assert!(!same_person("Naina", "Boris Yeltsin"));
    }

    #[test]
    fn rows_parse_and_bad_rows_name_their_line() {
        let set = "source\tdoc\tsentence\ta\tb\tplace\tdate\tmodality\tnote\n\
                   # comment\n\
                   conll2003/eng.testa\tdoc-00001\t3\tA B\tC D\t\t\tasserted\tx\n";
        let rows = parse_set("s.tsv", set).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].sentence, rows[0].line), (3, 3));
        let bad = "h\nx\ty\tz\ta\tb\t\t\tmaybe\t\n";
        assert_eq!(
            parse_set("s.tsv", bad).unwrap_err().to_string(),
            "s.tsv:2: bad sentence number \"z\""
        );
        let bad = "h\nx\ty\t1\ta\tb\t\t\tmaybe\t\n";
        assert!(parse_set("s.tsv", bad)
            .unwrap_err()
            .to_string()
            .starts_with("s.tsv:2: unknown modality \"maybe\""));
    }

    #[test]
    fn halves_are_fixed_and_both_used() {
        let halves: BTreeSet<Half> = (0..20)
            .map(|i| Half::of("conll2003/eng.train", &format!("doc-{i:05}")))
            .collect();
        assert_eq!(halves.len(), 2);
        assert_eq!(
            Half::of("conll2003/eng.train", "doc-00003"),
            Half::of("conll2003/eng.train", "doc-00003")
        );
    }
}
