//! The parser of the rule language: a pattern's lexemes → items and atoms
//! ([`ast`](super::ast)), definitions expanded, captures named from the
//! rule kind's slots.
//!
//! It reads the lexicons and definitions known so far but changes no rule
//! set; it knows nothing of indexing or matching. Checks on a whole rule
//! (which captures every path binds) are `checks.rs`'s.

use std::collections::HashMap;

use super::ast::{Atom, Item, RuleKind};
use super::lexer::lex_pattern;
use super::lexicon::Lexicon;
use crate::model::EntityKind;
use crate::relations::vocab::NO_WORD;

/// The largest count a `*` or `+` may take, so that work stays bounded.
pub(crate) const MAX_REPEAT: u16 = 40;

/// The alternatives of pattern `body`, with capture names pushed onto
/// `captures`: for a rule, from its `kind`'s slots; for a definition
/// (`None`), any slot name. `lexicons` and `defines` are those of the rule
/// set so far (`@lex`, `$name`).
pub(super) fn parse_pattern(
    lexicons: &[Lexicon],
    defines: &HashMap<String, String>,
    body: &str,
    captures: &mut Vec<&'static str>,
    kind: Option<RuleKind>,
) -> Result<Vec<Vec<Item>>, String> {
    let toks = lex_pattern(body)?;
    let mut p = Parser {
        lexicons,
        defines,
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

/// A recursive-descent parser over one pattern's lexemes; a `$name` it
/// meets gets a parser of its own over the definition's lexemes, which
/// shares the captures and the item count.
struct Parser<'a> {
    /// The rule set's lexicons, for `@lex` and `~lex`.
    lexicons: &'a [Lexicon],
    /// The rule set's definitions, for `$name`.
    defines: &'a HashMap<String, String>,
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
    /// The lexeme at the position, if any.
    fn peek(&self) -> Option<&str> {
        self.toks.get(self.pos).map(String::as_str)
    }

    /// Sequences separated by `|`, up to a `)` or the end.
    fn alternatives(&mut self) -> Result<Vec<Vec<Item>>, String> {
        let mut alts = vec![self.sequence()?];
        while self.peek() == Some("|") {
            self.pos += 1;
            alts.push(self.sequence()?);
        }
        Ok(alts)
    }

    /// Items up to a `|`, a `)` or the end.
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

    /// One item: an optional capture name, trigger mark, the atom (a group
    /// parsed whole) and an optional quantifier.
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

    /// The atom a lexeme names; a `$name` expands to a group of the
    /// definition's alternatives.
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
                    lexicons: self.lexicons,
                    defines: self.defines,
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

/// The counts of a `{m,n}` (or `{n}`) quantifier.
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
