//! The relation rule format: lexicons, named sub-patterns and rules.
//!
//! A rule file is UTF-8 text, one directive per line (`rules/FORMAT.md` has
//! the full description):
//!
//! ```text
//! # comment
//! lexicon meet-verb: met | meets | held talks with
//! define persons: PERSON ((, | and | , and) PERSON)*
//! rule meet/coordinated-subject MEETS: a=$persons @modal* ^@meet-verb
//! ```
//!
//! A pattern is a sequence of items over a sentence's units (a mention, a
//! collapsed quotation, or a token):
//!
//! | item | matches |
//! |---|---|
//! | `PERSON` `PLACE` `ORG` `ENTITY` | a name (or resolved nominal) mention of that kind; `PLACE/city` adds a subkind |
//! | `DEMONYM` | a demonym mention ("Russian"); its entity is the place |
//! | `PRONOUN` | he, she, they, it, we (resolved by the engine) |
//! | `QUOTE` | a quotation, collapsed into one unit |
//! | `WORD` `CAP` `NUM` `_` | any word; a capitalised word; a number; any token |
//! | `@lex` / `~lex` | a phrase of lexicon `lex` / a letter word not in it |
//! | `$name` | the sub-pattern defined as `name` |
//! | `word` `,` `"quoted"` | that token, compared case-insensitively |
//! | `BOS` `EOS` | the start / end of the sentence |
//! | `( … \| … )` | a group with alternatives |
//! | `!( … )` | negative look-ahead: what follows must not match |
//!
//! Items take a quantifier (`?`, `*`, `+`, `{m,n}`), a capture name
//! (`a=PERSON`) and a trigger mark (`^@meet-verb`).

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::engine::MAX_CAPTURES;
use super::index::{index, Filter, First, Index, NO_WORD};
use crate::error::{Error, ErrorKind};
use crate::model::EntityKind;

/// The largest count a `*` or `+` may take, so that work stays bounded.
pub(crate) const MAX_REPEAT: u16 = 40;

/// What a rule produces.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleKind {
    /// A MEETS relation: slots `a`, `b`, `place`.
    Meets,
    /// A HOLDS_ROLE relation: slots `person`, `of`, `role`.
    HoldsRole,
    /// A LOCATED_IN relation: slots `inner`, `outer`.
    LocatedIn,
    /// A SAID relation: slots `speaker`, `quote`.
    Said,
    /// A role nominal ("the Russian foreign minister") that refers to the
    /// document's holder of that role: slots `of`, `role`.
    Nominal,
}

impl RuleKind {
    fn parse(s: &str) -> Option<RuleKind> {
        Some(match s {
            "MEETS" => RuleKind::Meets,
            "HOLDS_ROLE" => RuleKind::HoldsRole,
            "LOCATED_IN" => RuleKind::LocatedIn,
            "SAID" => RuleKind::Said,
            "NOMINAL" => RuleKind::Nominal,
            _ => return None,
        })
    }

    /// The capture names a rule of this kind may use: at most
    /// [`MAX_CAPTURES`].
    fn slots(&self) -> &'static [&'static str] {
        match self {
            RuleKind::Meets => &["a", "b", "place"],
            RuleKind::HoldsRole => &["person", "of", "role"],
            RuleKind::LocatedIn => &["inner", "outer"],
            RuleKind::Said => &["speaker", "quote"],
            RuleKind::Nominal => &["of", "role"],
        }
    }

    /// The capture names a rule of this kind must use.
    pub(crate) fn required(&self) -> &'static [&'static str] {
        match self {
            RuleKind::Meets => &["a"],
            RuleKind::HoldsRole => &["person", "role"],
            RuleKind::LocatedIn => &["inner", "outer"],
            RuleKind::Said => &["speaker"],
            RuleKind::Nominal => &["role"],
        }
    }
}

/// One pattern atom.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Atom {
    /// A mention of one of these kinds (`None`: any), with an optional
    /// subkind and its word id (set when the set is indexed).
    Mention(Option<EntityKind>, Option<(String, u32)>),
    Demonym,
    Pronoun,
    Quote,
    Word,
    Cap,
    Num,
    /// Any token that is not a mention or quotation.
    Any,
    /// Any unit at all.
    AnyUnit,
    Bos,
    Eos,
    /// A phrase of the lexicon with this index.
    Lexicon(usize),
    /// A letter word that is not in the lexicon with this index.
    NotLexicon(usize),
    /// A token, lower-cased, and its word id (set when the set is indexed).
    Literal(String, u32),
    /// Alternatives, each a sequence.
    Group(Vec<Vec<Item>>),
    /// Negative look-ahead.
    Not(Vec<Vec<Item>>),
}

/// An atom with its quantifier, capture and trigger mark.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Item {
    pub atom: Atom,
    pub min: u16,
    pub max: u16,
    /// Index into [`Rule::captures`].
    pub capture: Option<usize>,
    pub trigger: bool,
    /// For a group that cannot match nothing, the units it may start with:
    /// at any other unit it fails at once (set by [`index`]).
    pub gate: Option<Box<First>>,
}

/// A compiled rule.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub id: String,
    pub kind: RuleKind,
    pub pattern: Vec<Item>,
    /// Capture names, indexed by [`Item::capture`].
    pub captures: Vec<&'static str>,
    /// Options after the kind: `verify=gazetteer`.
    pub verify_gazetteer: bool,
    /// Fixed modality (`modality=planned`), instead of reading the context.
    pub modality: Option<String>,
    /// A generic role for HOLDS_ROLE rules without a `role` capture
    /// (`role=resident`); a specific role of the same person and `of` wins.
    pub role: Option<String>,
    /// Which sentences and positions the rule can match at all.
    pub filter: Filter,
}

impl Rule {
    pub fn capture(&self, name: &str) -> Option<usize> {
        self.captures.iter().position(|c| *c == name)
    }
}

/// A lexicon: lower-cased phrases, each a list of tokens.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    pub name: String,
    /// Phrases by their first token; longest first within a bucket.
    pub by_first: FxHashMap<String, Vec<Vec<String>>>,
}

impl Lexicon {
    fn add(&mut self, phrase: Vec<String>) {
        let bucket = self.by_first.entry(phrase[0].clone()).or_default();
        if !bucket.contains(&phrase) {
            bucket.push(phrase);
            bucket.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
    }

    /// Whether the lexicon holds this one-token phrase.
    pub fn contains_word(&self, word: &str) -> bool {
        self.by_first
            .get(word)
            .is_some_and(|b| b.iter().any(|p| p.len() == 1))
    }
}

/// A set of rules with their lexicons: the default rules, a user's file, or
/// both.
///
/// # Examples
///
/// ```
/// use newsgraph::RuleSet;
///
/// let mut rules = RuleSet::new();
/// rules.add_str("mine.rules", "lexicon greet: greeted | welcomed\n\
///                              rule meet/greeted MEETS: a=PERSON ^@greet b=PERSON\n")?;
/// assert_eq!(rules.len(), 1);
///
/// let err = rules.add_str("bad.rules", "rule x MEETS: a=PERSON @nope\n").unwrap_err();
/// assert_eq!(err.to_string(), "bad.rules:1: unknown lexicon `nope`");
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    pub(crate) lexicons: Vec<Lexicon>,
    /// Definitions by name: their pattern text, expanded where `$name` is used.
    pub(crate) defines: HashMap<String, String>,
    pub(crate) rules: Vec<Rule>,
    /// Interned words, lexicons in word ids, rules by needed word (see
    /// [`index`](super::index)).
    pub(crate) index: Index,
}

/// The rules embedded in the crate.
pub(crate) const DEFAULT_RULES: &str = include_str!("../../rules/default.rules");

/// The most rules one set may hold.
pub const MAX_RULES: usize = 10_000;

/// The most lexicons one set may hold.
pub(crate) const MAX_LEXICONS: usize = 10_000;

/// The most phrases one lexicon may hold.
pub(crate) const MAX_PHRASES: usize = 10_000;

impl RuleSet {
    /// An empty rule set.
    pub fn new() -> RuleSet {
        RuleSet::default()
    }

    /// The embedded default rules.
    ///
    /// # Errors
    ///
    /// None in practice: the embedded file is tested.
    pub fn defaults() -> Result<RuleSet, Error> {
        let mut set = RuleSet::new();
        set.add_str("rules/default.rules", DEFAULT_RULES)?;
        Ok(set)
    }

    /// The number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The ids of the rules, in file order.
    pub fn rule_ids(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| r.id.as_str())
    }

    /// Reads a rule file.
    ///
    /// # Errors
    ///
    /// The file cannot be read, or a line is malformed (`path:line: reason`).
    pub fn add_path(&mut self, path: impl AsRef<std::path::Path>) -> Result<&mut Self, Error> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let text = crate::input::read_text(path, crate::input::Utf8Policy::Strict)?;
        self.add_str(&name, &text)
    }

    /// Adds the directives of `text`, named `source` in errors. Lexicons and
    /// definitions of the same name extend (lexicons) or replace (definitions)
    /// earlier ones; a rule with an id already present replaces it.
    ///
    /// # Errors
    ///
    /// A malformed line, as `source:line: reason`. Nothing of `text` is added
    /// when it has an error.
    pub fn add_str(&mut self, source: &str, text: &str) -> Result<&mut Self, Error> {
        let mut next = self.clone();
        for (n, line) in text.lines().enumerate() {
            let at = |reason: String| {
                Error::new(ErrorKind::Rule, format!("{source}:{}: {reason}", n + 1))
            };
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            next.directive(line).map_err(at)?;
        }
        next.index = index(&next.lexicons, &mut next.rules);
        *self = next;
        Ok(self)
    }

    fn directive(&mut self, line: &str) -> Result<(), String> {
        let (head, body) = line
            .split_once(':')
            .ok_or_else(|| "expected `KEYWORD NAME …: BODY`".to_string())?;
        let mut words = head.split_whitespace();
        let keyword = words.next().unwrap_or("");
        match keyword {
            "lexicon" => {
                let name = one_name(&mut words, "lexicon")?;
                let index = match self.lexicons.iter().position(|l| l.name == name) {
                    Some(i) => i,
                    None if self.lexicons.len() >= MAX_LEXICONS => {
                        return Err(format!("more than {MAX_LEXICONS} lexicons"));
                    }
                    None => {
                        self.lexicons.push(Lexicon {
                            name: name.to_string(),
                            ..Lexicon::default()
                        });
                        self.lexicons.len() - 1
                    }
                };
                let mut any = false;
                let mut phrases: usize = self.lexicons[index].by_first.values().map(Vec::len).sum();
                for phrase in body.split('|') {
                    let toks = phrase_tokens(phrase);
                    if toks.is_empty() {
                        return Err(format!("empty phrase in lexicon `{name}`"));
                    }
                    // Adding a phrase scans its bucket: bounded, so that a
                    // runaway lexicon fails clearly instead of in hours.
                    phrases += 1;
                    if phrases > MAX_PHRASES {
                        return Err(format!(
                            "lexicon `{name}` has more than {MAX_PHRASES} phrases"
                        ));
                    }
                    self.lexicons[index].add(toks);
                    any = true;
                }
                if !any {
                    return Err(format!("lexicon `{name}` has no phrase"));
                }
                Ok(())
            }
            "define" => {
                let name = one_name(&mut words, "define")?;
                // Checked now, with any capture name allowed; captures are
                // checked again against each rule that uses the definition.
                let mut captures = Vec::new();
                self.parse_pattern(body, &mut captures, None)?;
                self.defines
                    .insert(name.to_string(), body.trim().to_string());
                Ok(())
            }
            "rule" => {
                let id = words
                    .next()
                    .ok_or_else(|| "a rule needs an id and a kind".to_string())?;
                let kind_word = words
                    .next()
                    .ok_or_else(|| format!("rule `{id}` needs a kind"))?;
                let kind = RuleKind::parse(kind_word).ok_or_else(|| {
                    format!("unknown rule kind `{kind_word}` (expected MEETS, HOLDS_ROLE, LOCATED_IN, SAID or NOMINAL)")
                })?;
                let mut verify_gazetteer = false;
                let mut modality = None;
                let mut role = None;
                for opt in words {
                    match opt.split_once('=') {
                        Some(("verify", "gazetteer")) => verify_gazetteer = true,
                        Some(("role", r)) if kind == RuleKind::HoldsRole && !r.is_empty() => {
                            role = Some(r.replace('_', " "))
                        }
                        Some((
                            "modality",
                            m @ ("asserted" | "planned" | "hypothetical" | "negated"),
                        )) => modality = Some(m.to_string()),
                        _ => return Err(format!("unknown rule option `{opt}`")),
                    }
                }
                let mut captures = Vec::new();
                let alts = self.parse_pattern(body, &mut captures, Some(kind))?;
                if alts.len() != 1 {
                    return Err(
                        "a rule's top level may not have alternatives: wrap them in ( )".into(),
                    );
                }
                let pattern = alts.into_iter().next().unwrap_or_default();
                check_captures(&pattern, &captures)?;
                let bound = always_binds(&pattern);
                for req in kind.required() {
                    let fixed_role = *req == "role" && role.is_some();
                    if fixed_role {
                        continue;
                    }
                    match captures.iter().position(|c| c == req) {
                        None => return Err(format!("rule `{id}` must capture `{req}`")),
                        Some(i) if bound & (1 << i) == 0 => {
                            return Err(format!(
                                "rule `{id}` must capture `{req}` on every path: an optional item or an alternative can leave it unbound"
                            ))
                        }
                        Some(_) => {}
                    }
                }
                if self.rules.len() >= MAX_RULES {
                    return Err(format!("more than {MAX_RULES} rules"));
                }
                // Captures are named from the kind's slots, so never more.
                debug_assert!(captures.len() <= MAX_CAPTURES);
                let rule = Rule {
                    id: id.to_string(),
                    kind,
                    pattern,
                    captures,
                    verify_gazetteer,
                    modality,
                    role,
                    filter: Filter::default(),
                };
                match self.rules.iter().position(|r| r.id == rule.id) {
                    Some(i) => self.rules[i] = rule,
                    None => self.rules.push(rule),
                }
                Ok(())
            }
            "" => Err("expected `lexicon`, `define` or `rule`".into()),
            other => Err(format!(
                "unknown directive `{other}` (expected `lexicon`, `define` or `rule`)"
            )),
        }
    }

    fn parse_pattern(
        &self,
        body: &str,
        captures: &mut Vec<&'static str>,
        kind: Option<RuleKind>,
    ) -> Result<Vec<Vec<Item>>, String> {
        let toks = lex_pattern(body)?;
        let mut p = Parser {
            set: self,
            toks: &toks,
            pos: 0,
            captures,
            kind,
            depth: 0,
            nesting: 0,
            items: &std::cell::Cell::new(0),
        };
        let alts = p.alternatives()?;
        if p.pos < toks.len() {
            return Err(format!("unexpected `{}`", toks[p.pos]));
        }
        if alts.iter().all(|a| a.is_empty()) {
            return Err("empty pattern".into());
        }
        Ok(alts)
    }
}

fn one_name<'a>(words: &mut impl Iterator<Item = &'a str>, what: &str) -> Result<&'a str, String> {
    let name = words
        .next()
        .ok_or_else(|| format!("`{what}` needs a name"))?;
    if words.next().is_some() {
        return Err(format!("`{what}` takes one name"));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(format!("bad name `{name}` (letters, digits, `-`, `_`)"));
    }
    Ok(name)
}

/// The tokens of a lexicon phrase: its words split on spaces, lower-cased.
/// Write them as the tokenizer cuts text: `'s` alone, "U.S." whole.
pub(crate) fn phrase_tokens(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(str::to_lowercase).collect()
}

/// Splits a pattern into lexemes: `(`, `)`, `!(`, `|`, quantifiers and words.
fn lex_pattern(body: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = body.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        match c {
            _ if c.is_whitespace() => {
                chars.next();
            }
            '(' | ')' | '|' => {
                out.push(c.to_string());
                chars.next();
            }
            '"' => {
                chars.next();
                let mut lit = String::from("\"");
                let mut closed = false;
                for (_, d) in chars.by_ref() {
                    if d == '"' {
                        closed = true;
                        break;
                    }
                    lit.push(d);
                }
                if !closed {
                    return Err(format!("unclosed quote `{}`", &body[i..]));
                }
                out.push(lit);
            }
            '{' => {
                let mut q = String::new();
                for (_, d) in chars.by_ref() {
                    q.push(d);
                    if d == '}' {
                        break;
                    }
                }
                out.push(q);
            }
            _ => {
                let mut w = String::new();
                while let Some(&(_, d)) = chars.peek() {
                    if d.is_whitespace() || matches!(d, ')' | '|' | '{') {
                        break;
                    }
                    if d == '(' {
                        // `!(` opens a look-ahead, also right after a
                        // capture name (`b=!(…)`, which is then refused);
                        // `^(` is a group marked as the trigger.
                        if w == "!" || w.ends_with("=!") || w == "^" || w.ends_with("=^") {
                            w.push('(');
                            chars.next();
                        }
                        break;
                    }
                    w.push(d);
                    chars.next();
                }
                // A trailing quantifier is a lexeme of its own: `PERSON?`.
                if w.len() > 1 && (w.ends_with('?') || w.ends_with('*') || w.ends_with('+')) {
                    let q = w.pop().map(String::from);
                    out.push(w);
                    out.extend(q);
                } else {
                    out.push(w);
                }
            }
        }
    }
    Ok(out)
}

struct Parser<'a> {
    set: &'a RuleSet,
    toks: &'a [String],
    pos: usize,
    captures: &'a mut Vec<&'static str>,
    kind: Option<RuleKind>,
    /// Nesting of `$definitions`, bounded.
    depth: usize,
    /// Nesting of groups `( )`, `!( )` and definitions, bounded.
    nesting: usize,
    /// Items made so far for this pattern, definitions expanded, bounded.
    items: &'a std::cell::Cell<usize>,
}

/// How deeply `$definitions` may nest.
const MAX_DEFINE_DEPTH: usize = 16;

/// How deeply groups (and definitions, which expand to groups) may nest:
/// parsing and matching recurse on nesting, so it is bounded.
pub(crate) const MAX_NESTING: usize = 32;

/// The most items one pattern may hold with its definitions expanded:
/// definitions that use a definition several times each grow exponentially.
pub(crate) const MAX_PATTERN_ITEMS: usize = 10_000;

/// Any capture name, for checking a definition outside a rule.
const ANY_SLOT: &[&str] = &[
    "a", "b", "place", "person", "of", "role", "inner", "outer", "speaker", "quote",
];

impl Parser<'_> {
    fn peek(&self) -> Option<&str> {
        self.toks.get(self.pos).map(String::as_str)
    }

    fn alternatives(&mut self) -> Result<Vec<Vec<Item>>, String> {
        let mut alts = vec![self.sequence()?];
        while self.peek() == Some("|") {
            self.pos += 1;
            alts.push(self.sequence()?);
        }
        Ok(alts)
    }

    fn sequence(&mut self) -> Result<Vec<Item>, String> {
        let mut items = Vec::new();
        while let Some(t) = self.peek() {
            if t == "|" || t == ")" {
                break;
            }
            items.push(self.item()?);
        }
        Ok(items)
    }

    fn item(&mut self) -> Result<Item, String> {
        self.items.set(self.items.get() + 1);
        if self.items.get() > MAX_PATTERN_ITEMS {
            return Err(format!(
                "pattern has more than {MAX_PATTERN_ITEMS} items with its definitions expanded"
            ));
        }
        let mut tok = self.toks[self.pos].clone();
        self.pos += 1;
        let mut capture = None;
        // `name=` prefix: a capture (not `=` alone, a literal).
        if let Some((name, rest)) = tok.clone().split_once('=') {
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase()) {
                let slots = self.kind.map_or(ANY_SLOT, |k| k.slots());
                let slot = slots
                    .iter()
                    .find(|s| **s == name)
                    .ok_or_else(|| match self.kind {
                        Some(_) => format!(
                            "`{name}` is not a slot of this rule kind (slots: {})",
                            slots.join(", ")
                        ),
                        None => format!("unknown capture `{name}`"),
                    })?;
                // The same name may capture in several alternatives.
                capture = Some(match self.captures.iter().position(|c| c == slot) {
                    Some(i) => i,
                    None => {
                        self.captures.push(slot);
                        self.captures.len() - 1
                    }
                });
                tok = rest.to_string();
                if tok.is_empty() {
                    // `a= (…)`: the atom is the next lexeme.
                    tok = self
                        .toks
                        .get(self.pos)
                        .cloned()
                        .ok_or_else(|| format!("capture `{name}` has nothing to capture"))?;
                    self.pos += 1;
                }
            }
        }
        if tok == "^" {
            return Err(
                "a trigger mark `^` goes right before its item: `^@meet-verb`, `^( … )`".into(),
            );
        }
        let mut trigger = false;
        if tok.len() > 1 && tok.starts_with('^') {
            trigger = true;
            tok.remove(0);
        }
        let atom = match tok.as_str() {
            "(" | "!(" => {
                if self.nesting >= MAX_NESTING {
                    return Err(format!("groups nest deeper than {MAX_NESTING}"));
                }
                self.nesting += 1;
                let alts = self.alternatives();
                self.nesting -= 1;
                let alts = alts?;
                if self.peek() != Some(")") {
                    return Err("missing `)`".into());
                }
                self.pos += 1;
                if tok == "(" {
                    Atom::Group(alts)
                } else {
                    Atom::Not(alts)
                }
            }
            ")" | "|" => return Err(format!("unexpected `{tok}`")),
            _ => self.atom(&tok)?,
        };
        let (mut min, mut max) = (1, 1);
        if let Some(q) = self.peek() {
            let parsed = match q {
                "?" => Some((0, 1)),
                "*" => Some((0, MAX_REPEAT)),
                "+" => Some((1, MAX_REPEAT)),
                _ if q.starts_with('{') => Some(parse_range(q)?),
                _ => None,
            };
            if let Some((a, b)) = parsed {
                min = a;
                max = b;
                self.pos += 1;
            }
        }
        if matches!(atom, Atom::Not(_)) && (min, max) != (1, 1) {
            return Err("a look-ahead `!( )` takes no quantifier".into());
        }
        Ok(Item {
            atom,
            min,
            max,
            capture,
            trigger,
            gate: None,
        })
    }

    fn atom(&mut self, tok: &str) -> Result<Atom, String> {
        let (head, sub) = match tok.split_once('/') {
            Some((h, s)) if h.chars().all(|c| c.is_ascii_uppercase()) && !h.is_empty() => {
                (h, Some(s))
            }
            _ => (tok, None),
        };
        let mention =
            |k: Option<EntityKind>| Atom::Mention(k, sub.map(|s| (s.to_string(), NO_WORD)));
        let atom = match head {
            "PERSON" => mention(Some(EntityKind::Person)),
            "PLACE" => mention(Some(EntityKind::Place)),
            "ORG" => mention(Some(EntityKind::Organisation)),
            "ENTITY" => mention(None),
            "DEMONYM" => Atom::Demonym,
            "PRONOUN" => Atom::Pronoun,
            "QUOTE" => Atom::Quote,
            "WORD" => Atom::Word,
            "CAP" => Atom::Cap,
            "NUM" => Atom::Num,
            "_" => Atom::Any,
            "ANY" => Atom::AnyUnit,
            "BOS" => Atom::Bos,
            "EOS" => Atom::Eos,
            _ if tok.starts_with('@') || tok.starts_with('~') => {
                let name = &tok[1..];
                let i = self
                    .set
                    .lexicons
                    .iter()
                    .position(|l| l.name == name)
                    .ok_or_else(|| format!("unknown lexicon `{name}`"))?;
                if tok.starts_with('@') {
                    Atom::Lexicon(i)
                } else {
                    Atom::NotLexicon(i)
                }
            }
            _ if tok.starts_with('$') => {
                let name = &tok[1..];
                let body = self
                    .set
                    .defines
                    .get(name)
                    .ok_or_else(|| format!("unknown definition `{name}`"))?;
                if self.nesting >= MAX_NESTING {
                    return Err(format!(
                        "groups and definitions nest deeper than {MAX_NESTING} at `{name}`"
                    ));
                }
                if self.depth >= MAX_DEFINE_DEPTH {
                    return Err(format!(
                        "definitions nest deeper than {MAX_DEFINE_DEPTH} at `{name}`"
                    ));
                }
                let toks = lex_pattern(body)?;
                let mut sub = Parser {
                    set: self.set,
                    toks: &toks,
                    pos: 0,
                    captures: self.captures,
                    kind: self.kind,
                    depth: self.depth + 1,
                    nesting: self.nesting + 1,
                    items: self.items,
                };
                let alts = sub
                    .alternatives()
                    .map_err(|e| format!("in definition `{name}`: {e}"))?;
                Atom::Group(alts)
            }
            _ if tok.starts_with('"') => {
                let lit = tok[1..].to_lowercase();
                if lit.is_empty() {
                    return Err("empty literal `\"\"`".into());
                }
                one_token(&lit, tok)?;
                Atom::Literal(lit, NO_WORD)
            }
            _ if head.chars().any(|c| c.is_ascii_uppercase())
                && head.chars().all(|c| c.is_ascii_uppercase() || c == '_') =>
            {
                return Err(format!("unknown item `{tok}`"));
            }
            _ => {
                let lit = tok.to_lowercase();
                one_token(&lit, tok)?;
                Atom::Literal(lit, NO_WORD)
            }
        };
        if sub.is_some() && !matches!(atom, Atom::Mention(..)) {
            return Err(format!("only mentions take a subkind: `{tok}`"));
        }
        Ok(atom)
    }
}

/// A literal matches one token, so it must be one token as the tokenizer
/// cuts text: `QUOTE,,` (three tokens glued) or `a=b` can never match and is
/// almost always a typo for spaced items.
fn one_token(lit: &str, written: &str) -> Result<(), String> {
    let toks = crate::text::tokenize(lit);
    if toks.len() == 1 && toks[0].span.range() == (0..lit.len()) {
        return Ok(());
    }
    let parts: Vec<&str> = toks.iter().map(|t| &lit[t.span]).collect();
    Err(format!(
        "`{written}` is not one token as text is cut ({}): write its parts apart, or quote a single token",
        if parts.is_empty() { "no token".to_string() } else { format!("`{}`", parts.join("` `")) }
    ))
}

/// Whether `atom` can match without taking a unit (`BOS`, a look-ahead, a
/// group with an alternative of optional items).
fn nullable(atom: &Atom) -> bool {
    match atom {
        Atom::Bos | Atom::Eos | Atom::Not(_) => true,
        Atom::Group(alts) => alts
            .iter()
            .any(|seq| seq.iter().all(|i| i.min == 0 || nullable(&i.atom))),
        _ => false,
    }
}

/// The captures (a bit per index into [`Rule::captures`]) that every match
/// of `seq` binds to at least one unit.
fn always_binds(seq: &[Item]) -> u32 {
    seq.iter().fold(0, |acc, item| {
        if item.min == 0 {
            return acc;
        }
        let inner = match &item.atom {
            Atom::Group(alts) => alts
                .iter()
                .map(|a| always_binds(a))
                .fold(u32::MAX, |x, y| x & y),
            _ => 0,
        };
        let own = match item.capture {
            Some(c) if c < 32 && !nullable(&item.atom) => 1 << c,
            _ => 0,
        };
        acc | inner | own
    })
}

/// Whether every unit `atom` can take is a quotation.
fn quotes_only(atom: &Atom) -> bool {
    match atom {
        Atom::Quote => true,
        Atom::Group(alts) => alts.iter().flatten().all(|i| quotes_only(&i.atom)),
        _ => false,
    }
}

/// What a capture binds is a span of units: never empty, and for `quote`
/// only quotations. Captures inside a look-ahead bind nothing and are
/// allowed.
fn check_captures(seq: &[Item], names: &[&'static str]) -> Result<(), String> {
    for item in seq {
        if let Some(c) = item.capture {
            let name = names.get(c).copied().unwrap_or("?");
            if nullable(&item.atom) {
                return Err(format!(
                    "capture `{name}` can match without taking a unit: capture an item that takes one"
                ));
            }
            if name == "quote" && !quotes_only(&item.atom) {
                return Err("capture `quote` may take only quotations (`QUOTE`)".into());
            }
        }
        if let Atom::Group(alts) = &item.atom {
            for alt in alts {
                check_captures(alt, names)?;
            }
        }
    }
    Ok(())
}

fn parse_range(q: &str) -> Result<(u16, u16), String> {
    let inner = q
        .strip_prefix('{')
        .and_then(|r| r.strip_suffix('}'))
        .ok_or_else(|| format!("bad quantifier `{q}`"))?;
    let (a, b) = match inner.split_once(',') {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (inner.trim(), inner.trim()),
    };
    let bad = || format!("bad quantifier `{q}` (expected {{m,n}} with m ≤ n ≤ {MAX_REPEAT})");
    let a: u16 = a.parse().map_err(|_| bad())?;
    let b: u16 = b.parse().map_err(|_| bad())?;
    if a > b || b > MAX_REPEAT || b == 0 {
        return Err(bad());
    }
    Ok((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_fit_the_engine() {
        for kind in [
            RuleKind::Meets,
            RuleKind::HoldsRole,
            RuleKind::LocatedIn,
            RuleKind::Said,
            RuleKind::Nominal,
        ] {
            assert!(kind.slots().len() <= MAX_CAPTURES, "{kind:?}");
        }
    }

    fn err(text: &str) -> String {
        let mut set = RuleSet::new();
        set.add_str("t.rules", "lexicon say: said | told\n")
            .unwrap();
        set.add_str("t.rules", text).unwrap_err().to_string()
    }

    #[test]
    fn defaults_parse() {
        let set = RuleSet::defaults().unwrap();
        assert!(set.len() > 20, "{}", set.len());
    }

    #[test]
    fn malformed_lines_name_file_line_and_reason() {
        let cases = [
            ("rule x SAID: speaker=PERSON @nope", "t.rules:1: unknown lexicon `nope`"),
            ("\n\nrule x SPEAKS: speaker=PERSON", "t.rules:3: unknown rule kind `SPEAKS` (expected MEETS, HOLDS_ROLE, LOCATED_IN, SAID or NOMINAL)"),
            ("rule x SAID: PERSON ^@say", "t.rules:1: rule `x` must capture `speaker`"),
            ("rule x SAID: who=PERSON ^@say", "t.rules:1: `who` is not a slot of this rule kind (slots: speaker, quote)"),
            ("rule x SAID: speaker=(PERSON | ORG ^@say", "t.rules:1: missing `)`"),
            ("rule x SAID: speaker=PERSON _{3,1}", "t.rules:1: bad quantifier `{3,1}` (expected {m,n} with m ≤ n ≤ 40)"),
            ("rule x SAID: speaker=PERSONS", "t.rules:1: unknown item `PERSONS`"),
            ("lexicon empty: a ||", "t.rules:1: empty phrase in lexicon `empty`"),
            ("rules x SAID: speaker=PERSON", "t.rules:1: unknown directive `rules` (expected `lexicon`, `define` or `rule`)"),
            ("rule x SAID speaker=PERSON", "t.rules:1: expected `KEYWORD NAME …: BODY`"),
            ("rule x SAID: speaker=PERSON $missing", "t.rules:1: unknown definition `missing`"),
            ("rule x SAID mode=fast: speaker=PERSON", "t.rules:1: unknown rule option `mode=fast`"),
            ("define d: who=PERSON", "t.rules:1: unknown capture `who`"),
            ("define d: of=ORG\nrule x SAID: speaker=PERSON $d", "t.rules:2: in definition `d`: `of` is not a slot of this rule kind (slots: speaker, quote)"),
            ("rule x SAID: speaker=PERSON \"unclosed", "t.rules:1: unclosed quote `\"unclosed`"),
        ];
        for (text, want) in cases {
            assert_eq!(err(text), want, "{text}");
        }
    }

    #[test]
    fn a_bad_file_adds_nothing() {
        let mut set = RuleSet::new();
        let text =
            "lexicon say: said\nrule ok SAID: speaker=PERSON ^@say\nrule bad SAID: speaker=\n";
        assert!(set.add_str("t.rules", text).is_err());
        assert!(set.is_empty());
        assert!(set.lexicons.is_empty());
    }

    #[test]
    fn patterns_compile_to_items() {
        let mut set = RuleSet::new();
        set.add_str(
            "t.rules",
            "lexicon say: said | told reporters\n\
             define who: PERSON | ORG\n\
             rule said/after SAID: QUOTE ,? ^@say speaker=$who{1,2} !(of)\n",
        )
        .unwrap();
        let rule = &set.rules[0];
        assert_eq!(rule.captures, ["speaker"]);
        let p = &rule.pattern;
        assert_eq!(p.len(), 5);
        assert_eq!(p[0].atom, Atom::Quote);
        assert_eq!((p[1].min, p[1].max), (0, 1));
        assert!(p[2].trigger);
        assert_eq!((p[3].min, p[3].max, p[3].capture), (1, 2, Some(0)));
        assert!(matches!(&p[3].atom, Atom::Group(alts) if alts.len() == 2));
        assert!(matches!(&p[4].atom, Atom::Not(_)));
        // The group of mentions is gated to start at a mention; other items
        // are not groups, and a group that may match nothing has no gate.
        let gate = p[3].gate.as_deref().expect("a gate on $who");
        assert!(gate.mention && !gate.token && !gate.quote && gate.words.is_empty());
        assert!(p
            .iter()
            .enumerate()
            .all(|(i, it)| i == 3 || it.gate.is_none()));
        set.add_str(
            "u.rules",
            "rule maybe SAID: (of | ORG?) speaker=PERSON ^@say\n",
        )
        .unwrap();
        assert!(set.rules[1].pattern[0].gate.is_none());
        assert_eq!(
            set.lexicons[0].by_first["told"],
            [vec!["told", "reporters"]]
        );
    }

    #[test]
    fn later_rules_replace_earlier_ones_by_id() {
        let mut set = RuleSet::new();
        set.add_str(
            "a",
            "lexicon say: said\nrule s SAID: speaker=PERSON ^@say\n",
        )
        .unwrap();
        set.add_str("b", "rule s SAID: speaker=ORG ^@say\n")
            .unwrap();
        assert_eq!(set.len(), 1);
        assert!(matches!(
            set.rules[0].pattern[0].atom,
            Atom::Mention(Some(EntityKind::Organisation), None)
        ));
    }
}
