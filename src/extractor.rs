//! The extractor: compiled gazetteers and rules, shared by all threads.

use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use once_cell::sync::Lazy;

use crate::document::Document;

use crate::error::Error;
use crate::gazetteer::{Gazetteer, GazetteerBuilder};
use crate::matcher::find_candidates;
use crate::model::{Dateline, Entity, EntityId, EntityKind, Mention, Sentence, Source, Span};
use crate::relations::{self, RuleSet};
use crate::resolve::{self, GivenNames, Referent};
use crate::text::{
    find_date, find_datelines, sentence_span, split_sentences, tokenize, Normalized, Token,
};

const GIVEN_NAMES: &str = include_str!("../gazetteers/given_names.tsv");

/// The given-name list, parsed once per process: every extractor built
/// shares it, so building many (a test suite, a fuzzer) stays cheap.
static GIVEN: Lazy<GivenNames> = Lazy::new(|| GivenNames::parse(GIVEN_NAMES));

/// Whether an extractor loads the embedded default gazetteers.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefaultGazetteers {
    /// Load them, then any files added (the default).
    Include,
    /// Load only the files added.
    Exclude,
}

/// Whether an extractor loads the embedded default relation rules.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefaultRules {
    /// Load them, then any rule files added (the default).
    Include,
    /// Load only the rule files added.
    Exclude,
}

struct Inner {
    gazetteer: Gazetteer,
    given: &'static GivenNames,
    rules: RuleSet,
}

/// Turns text into [`Document`]s.
///
/// Build it once and share it: it is `Send + Sync` and cheap to clone.
///
/// # Examples
///
/// ```
/// use newsgraph::{EntityKind, Extractor};
///
/// let extractor = Extractor::default();
/// let doc = extractor.extract("ex", "Russian Foreign Minister Sergei Lavrov met Kerry.");
/// let lavrov = doc.entity("person:sergei-lavrov").unwrap();
/// assert_eq!(lavrov.kind, EntityKind::Person);
/// ```
#[derive(Clone)]
pub struct Extractor {
    inner: Arc<Inner>,
}

static DEFAULT: Lazy<Extractor> = Lazy::new(|| {
    ExtractorBuilder::new()
        .build()
        .expect("embedded gazetteers are valid (tested)")
});

impl Default for Extractor {
    /// The extractor over the embedded gazetteers, built once per process on
    /// first use.
    fn default() -> Extractor {
        DEFAULT.clone()
    }
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor")
            .field("entries", &self.inner.gazetteer.len())
            .finish()
    }
}

/// Adds mentions made by coreference, keeping mentions in text order and
/// each entity's list of its mentions.
fn add_mentions(mentions: &mut Vec<Mention>, entities: &mut [Entity], added: Vec<Mention>) {
    if added.is_empty() {
        return;
    }
    mentions.extend(added);
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    for e in entities.iter_mut() {
        e.mentions.clear();
    }
    for (i, m) in mentions.iter().enumerate() {
        entities[m.entity].mentions.push(i);
    }
}

/// The datelines found, in the original text's offsets, each with the
/// entity its place names.
fn datelines(
    found: &[crate::text::DatelineMatch],
    mentions: &[Mention],
    map: impl Fn(Span) -> Span,
) -> Vec<Dateline> {
    found
        .iter()
        .map(|d| {
            let place = map(d.place);
            // Mentions are in text order: search from the place's start (a
            // scan from the top for every dateline was quadratic in a page
            // of many stories).
            let from = mentions.partition_point(|m| m.span.start < place.start);
            let entity = mentions[from..]
                .iter()
                .take_while(|m| m.span.start < place.end)
                .find(|m| place.contains(m.span))
                .map(|m| m.entity);
            Dateline {
                span: map(d.span),
                place,
                entity,
                agency: d.agency.map(&map),
            }
        })
        .collect()
}

impl Extractor {
    /// A builder to load other gazetteers.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// The compiled gazetteers.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.inner.gazetteer
    }

    /// The compiled relation rules.
    pub fn rules(&self) -> &RuleSet {
        &self.inner.rules
    }

    /// Extracts the entities and relations of `text` into a document named `id`.
    ///
    /// Never fails and never panics: empty text gives an empty document.
    pub fn extract(&self, id: &str, text: &str) -> Document {
        self.extract_dated(id, text, None)
    }

    /// Extracts a record of a corpus: its id, its text, and its date, which
    /// is the document's date (it resolves "on Friday" in meetings) in
    /// place of the date the text states near its top.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsgraph::{Extractor, Record};
    ///
    /// let record = Record::new("d1", "John Kerry met Sergei Lavrov in Munich on Friday.").with_date("2016-02-15")?;
    /// let doc = Extractor::default().extract_record(&record);
    /// assert_eq!(doc.date(), Some("2016-02-15"));
    /// assert_eq!(doc.relations()[0].date.as_deref(), Some("2016-02-12"));
    /// # Ok::<(), newsgraph::Error>(())
    /// ```
    pub fn extract_record(&self, record: &crate::Record) -> Document {
        self.extract_dated(&record.id, &record.text, record.date.as_deref())
    }

    /// The pipeline, stage by stage:
    ///
    /// 1. **text**: fold, cut tokens and sentences, find datelines and the
    ///    date (all on the folded text);
    /// 2. **matcher**: the gazetteer forms written in an acceptable case;
    /// 3. **resolve**: one entity per name, guesses, names linked to names;
    /// 4. **mentions and entities**, mapped to the original text's offsets;
    /// 5. **coreference**: "he" and "she" as mentions of their person;
    /// 6. **roles**, whose nominals ("the Russian foreign minister") are
    ///    mentions of their holder, then **relations**, which read the
    ///    final mentions and only return relations;
    /// 7. the **document**, its invariants checked.
    fn extract_dated(&self, id: &str, text: &str, date: Option<&str>) -> Document {
        let (gazetteer, rules) = (&self.inner.gazetteer, &self.inner.rules);
        // 1. Text.
        let norm = Normalized::new(text);
        let folded = norm.as_str();
        let ftokens = tokenize(folded);
        let ranges = split_sentences(folded, &ftokens);
        let found = find_datelines(folded);
        let date = match date {
            Some(d) => Some(d.to_string()),
            None => find_date(folded).map(|(_, d)| d),
        };
        // 2. The matcher.
        let candidates = find_candidates(gazetteer, folded, &ftokens);
        // 3. Resolution.
        let places: Vec<Span> = found.iter().map(|d| d.place).collect();
        let input = resolve::ResolverInput {
            text: folded,
            tokens: &ftokens,
            datelines: &places,
        };
        let resolved = resolve::resolve(gazetteer, self.inner.given, &input, &candidates);
        // 4. Mentions and entities, in the original text's offsets.
        let map = |s: Span| Span::new(norm.to_original(s.start), norm.to_original(s.end));
        let tokens: Vec<Token> = ftokens
            .iter()
            .map(|t| Token {
                span: map(t.span),
                ..*t
            })
            .collect();
        let sentences = ranges
            .iter()
            .map(|r| Sentence {
                span: map(sentence_span(&ftokens, r)),
                tokens: r.clone(),
            })
            .collect();
        let (mut mentions, mut entities) = self.mentions_and_entities(&resolved, &tokens);
        let datelines = datelines(&found, &mentions, map);
        // 5. Coreference: pronouns.
        let genders = self.genders(&entities, &mentions, &tokens, text);
        let quotes = crate::text::find_quotes(text, &tokens);
        let pronouns = resolve::coref::pronouns(
            text, &tokens, &ranges, &quotes, &mentions, &entities, &genders,
        );
        add_mentions(&mut mentions, &mut entities, pronouns);
        // 6. Roles and their nominals, then relations.
        let rel_input = relations::RelationInput {
            text,
            folded,
            tokens: &tokens,
            ftokens: &ftokens,
            sentences: &ranges,
            datelines: &datelines,
            date: date.as_deref(),
            quotes: &quotes,
        };
        let mut roles = relations::roles(rules, gazetteer, &rel_input, &mentions, &entities);
        let nominals = std::mem::take(&mut roles.nominals);
        let changed = !nominals.is_empty();
        add_mentions(&mut mentions, &mut entities, nominals);
        let relations = relations::extract(roles, changed, &mentions, &entities);
        // 7. The document.
        Document {
            id: id.to_string(),
            text: text.to_string(),
            tokens,
            sentences,
            mentions,
            entities,
            datelines,
            relations,
            date,
        }
        .checked()
    }

    /// The mentions the resolver found, in text order, and their entities
    /// in order of first mention; spans in the original text's offsets.
    fn mentions_and_entities(
        &self,
        resolved: &[resolve::Resolved],
        tokens: &[Token],
    ) -> (Vec<Mention>, Vec<Entity>) {
        let mut entities: Vec<Entity> = Vec::new();
        // The entity of each referent, keyed by what the resolved mentions
        // hold (no copy of a guessed name).
        let mut of_entry: FxHashMap<u32, usize> = FxHashMap::default();
        let mut of_guess: FxHashMap<(EntityKind, &str), usize> = FxHashMap::default();
        let mut mentions = Vec::with_capacity(resolved.len());
        for r in resolved {
            let next = entities.len();
            let e = *match &r.target {
                Referent::Gazetteer(i) => of_entry.entry(*i).or_insert(next),
                Referent::Guess(kind, name) => of_guess.entry((*kind, name)).or_insert(next),
            };
            if e == next {
                entities.push(self.entity(&r.target, r.rule));
            }
            let span = Span::new(
                tokens[r.tokens.0].span.start,
                tokens[r.tokens.1 - 1].span.end,
            );
            entities[e].mentions.push(mentions.len());
            mentions.push(Mention {
                span,
                entity: e,
                kind: r.kind,
                rule: r.rule,
            });
        }
        (mentions, entities)
    }

    /// [`extract`](Self::extract), with a count of the work it did: for
    /// tests that bound work on hostile input. Not a stable API.
    #[doc(hidden)]
    pub fn extract_counting(&self, id: &str, text: &str) -> (Document, crate::Work) {
        let (doc, rule_steps, dropped) = crate::work::count(|| self.extract(id, text));
        let tokens = doc.tokens.len();
        let work = crate::Work {
            tokens,
            rule_steps,
            dropped,
        };
        (doc, work)
    }

    /// The gender each person's titles or given name state, for pronouns:
    /// "Mrs. Ahern", "Queen Rania", "Angela Merkel" are women. `None` for
    /// everything else, unisex names included.
    fn genders(
        &self,
        entities: &[Entity],
        mentions: &[Mention],
        tokens: &[Token],
        text: &str,
    ) -> Vec<Option<resolve::Gender>> {
        use resolve::Gender::{Female, Male};
        entities
            .iter()
            .map(|e| {
                if e.kind != EntityKind::Person {
                    return None;
                }
                let titled = e.mentions.iter().find_map(|&m| {
                    let at = tokens.partition_point(|t| t.span.start < mentions[m].span.start);
                    let before = at.checked_sub(1).map(|i| &text[tokens[i].span.range()])?;
                    match before.trim_end_matches('.') {
                        "Mr" | "Sir" | "King" | "Prince" | "Lord" | "Sultan" | "Emir" => Some(Male),
                        "Mrs" | "Ms" | "Miss" | "Madam" | "Queen" | "Princess" | "Lady"
                        | "Dame" => Some(Female),
                        _ => None,
                    }
                });
                titled.or_else(|| {
                    let first = e.name.split_whitespace().next()?;
                    (e.name.split_whitespace().count() > 1)
                        .then(|| self.inner.given.gender(first))
                        .flatten()
                })
            })
            .collect()
    }

    fn entity(&self, target: &Referent, rule: &'static str) -> Entity {
        match target {
            Referent::Gazetteer(i) => {
                let e = self.inner.gazetteer.entry(*i);
                Entity {
                    id: e.id().clone(),
                    kind: e.kind(),
                    subkind: e.subkind().map(str::to_string),
                    name: e.name().to_string(),
                    source: Source::Gazetteer,
                    rule: None,
                    mentions: Vec::new(),
                }
            }
            Referent::Guess(kind, name) => Entity {
                id: EntityId::new(["guess:", kind.slug(), ":", &slug(name)].concat()),
                kind: *kind,
                subkind: None,
                name: name.clone(),
                source: Source::Guess,
                rule: Some(rule),
                mentions: Vec::new(),
            },
        }
    }
}

/// Lower-case letters and digits joined by single hyphens.
fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    if name.is_ascii() {
        for b in name.bytes() {
            if b.is_ascii_alphanumeric() {
                out.push(char::from(b.to_ascii_lowercase()));
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        while out.ends_with('-') {
            out.pop();
        }
        return out;
    }
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Configures an [`Extractor`]. Its setters only record what to load, so
/// they cannot fail; [`build`](ExtractorBuilder::build) reads and compiles
/// everything, in the order added, and reports the first bad file.
///
/// # Examples
///
/// ```
/// use newsgraph::{DefaultGazetteers, Extractor};
///
/// let mine = "id\tkind\tname\taliases\tattributes\norg:acme\torg/company\tAcme Corp\tAcme\t\n";
/// let extractor = Extractor::builder()
///     .default_gazetteers(DefaultGazetteers::Exclude)
///     .gazetteer_str("mine.tsv", mine)
///     .build()?;
/// let doc = extractor.extract("x", "Acme said so.");
/// assert_eq!(doc.entities()[0].name, "Acme Corp");
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct ExtractorBuilder {
    defaults: DefaultGazetteers,
    /// Users' gazetteer files, loaded in order on top of the defaults.
    gazetteers: Vec<File>,
    default_rules: DefaultRules,
    /// Users' rule files, read in order on top of the defaults.
    rules: Vec<File>,
}

/// A file to load: a path read at build time, or text given with its name.
#[derive(Clone, Debug)]
enum File {
    Path(PathBuf),
    Text { name: String, text: String },
}

impl Default for ExtractorBuilder {
    fn default() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }
}

impl ExtractorBuilder {
    /// A builder with the default gazetteers and rules and nothing else.
    pub fn new() -> ExtractorBuilder {
        ExtractorBuilder {
            defaults: DefaultGazetteers::Include,
            gazetteers: Vec::new(),
            default_rules: DefaultRules::Include,
            rules: Vec::new(),
        }
    }

    /// Whether to load the embedded gazetteers (default: `Include`).
    pub fn default_gazetteers(&mut self, which: DefaultGazetteers) -> &mut Self {
        self.defaults = which;
        self
    }

    /// Adds a gazetteer file (`gazetteers/FORMAT.md`), read by
    /// [`build`](ExtractorBuilder::build).
    pub fn gazetteer_path(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.gazetteers
            .push(File::Path(path.as_ref().to_path_buf()));
        self
    }

    /// Adds gazetteer text, named `source` in errors.
    pub fn gazetteer_str(&mut self, source: &str, text: &str) -> &mut Self {
        self.gazetteers.push(File::Text {
            name: source.to_string(),
            text: text.to_string(),
        });
        self
    }

    /// Whether to load the embedded relation rules (default: `Include`).
    pub fn default_rules(&mut self, which: DefaultRules) -> &mut Self {
        self.default_rules = which;
        self
    }

    /// Adds a relation rule file (`rules/FORMAT.md`), read by
    /// [`build`](ExtractorBuilder::build). Its lexicons extend the default
    /// ones of the same name; its rules replace default rules with the same
    /// id.
    pub fn rules_path(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.rules.push(File::Path(path.as_ref().to_path_buf()));
        self
    }

    /// Adds relation rules from text, named `source` in errors.
    pub fn rules_str(&mut self, source: &str, text: &str) -> &mut Self {
        self.rules.push(File::Text {
            name: source.to_string(),
            text: text.to_string(),
        });
        self
    }

    fn build_gazetteer(&self) -> Result<Gazetteer, Error> {
        let mut all = GazetteerBuilder::new();
        if self.defaults == DefaultGazetteers::Include {
            all.add_defaults()?;
        }
        for file in &self.gazetteers {
            match file {
                File::Path(path) => all.add_path(path)?,
                File::Text { name, text } => all.add_str(name, text)?,
            };
        }
        all.finish()
    }

    fn compile_rules(&self) -> Result<RuleSet, Error> {
        let mut rules = match self.default_rules {
            DefaultRules::Include => RuleSet::defaults()?,
            DefaultRules::Exclude => RuleSet::new(),
        };
        for file in &self.rules {
            match file {
                File::Path(path) => rules.add_path(path)?,
                File::Text { name, text } => rules.add_str(name, text)?,
            };
        }
        Ok(rules)
    }

    /// Reads the files added and compiles the extractor.
    ///
    /// # Errors
    ///
    /// The first file that cannot be read or has a malformed line (the error
    /// names the file and line), a user file whose ids clash with the
    /// defaults, or a gazetteer too large to compile. A gazetteer error is
    /// reported before a rule error.
    pub fn build(&self) -> Result<Extractor, Error> {
        // The rules and the given names do not depend on the gazetteer:
        // they are compiled on a thread of their own meanwhile.
        let (gazetteer, rules) = std::thread::scope(|scope| {
            let side = scope.spawn(|| {
                Lazy::force(&GIVEN);
                self.compile_rules()
            });
            let gazetteer = self.build_gazetteer();
            let rules = side
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (gazetteer, rules)
        });
        let (gazetteer, rules, given) = (gazetteer?, rules?, &*GIVEN);
        Ok(Extractor {
            inner: Arc::new(Inner {
                gazetteer,
                given,
                rules,
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Extractor>();
        check::<Document>();
    }

    /// The engine's own guard, behind the load-time checks: a rule whose
    /// required capture one alternative leaves unbound (which `add_str`
    /// refuses) has that match dropped and counted, not turned into an
    /// index or a span.
    #[test]
    fn unbound_required_capture_is_dropped_and_counted() {
        use crate::relations::Atom;
        let mut x = Extractor::builder()
            .default_rules(DefaultRules::Exclude)
            .rules_str(
                "r.rules",
                "lexicon say: said\n\
                 rule q SAID: quote=QUOTE ,? (^@say speaker=PERSON | speaker=PERSON ^@say)\n",
            )
            .build()
            .unwrap();
        let inner = Arc::get_mut(&mut x.inner).unwrap();
        // Unbind `speaker` in the first alternative, as a rule that slipped
        // past the checks would.
        let rule = &mut inner.rules.rules[0];
        let group = rule.pattern.iter_mut().find_map(|i| match &mut i.atom {
            Atom::Group(alts) => Some(alts),
            _ => None,
        });
        group.unwrap()[0][1].capture = None;
        let text =
            "\u{201C}We will talk,\u{201D} said John Kerry. \u{201C}Yes,\u{201D} John Kerry said.";
        let (doc, work) = x.extract_counting("d", text);
        assert_eq!(work.dropped, 1);
        assert_eq!(doc.relations().len(), 1);
        let r = &doc.relations()[0];
        let crate::Args::Said { quote: Some(q), .. } = r.args else {
            panic!("{r:?}");
        };
        assert_eq!(doc.span_text(q), "\u{201C}Yes,\u{201D}");
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Center for Strategic Trend Studies"),
            "center-for-strategic-trend-studies"
        );
        assert_eq!(slug("Nadeau-Dubois, Gabriel!"), "nadeau-dubois-gabriel");
    }
}
