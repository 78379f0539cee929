//! A rule set: loading rule files (directives, lexicons, definitions,
//! rules), the limits on what one set may hold, and the embedded defaults.
//!
//! It drives the parser and the load-time checks, then hands the result to
//! the index; it knows nothing of matching or of relations.

use std::collections::HashMap;

use super::ast::{Rule, RuleKind, MAX_CAPTURES};
use super::checks::{always_binds, check_captures};
use super::filter::Filter;
use super::index::{index, Index};
use super::lexicon::{phrase_tokens, Lexicon};
use super::parser::parse_pattern;
use crate::error::{Error, ErrorKind};

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
pub(crate) const DEFAULT_RULES: &str = include_str!("../../../rules/default.rules");

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
            let at = |reason: String| Error::at_line(ErrorKind::Rule, source, n + 1, reason);
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

    /// Reads one directive line (`lexicon`, `define` or `rule`) into the set;
    /// the error is the reason, without the file and line.
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
                parse_pattern(&self.lexicons, &self.defines, body, &mut captures, None)?;
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
                let alts = parse_pattern(
                    &self.lexicons,
                    &self.defines,
                    body,
                    &mut captures,
                    Some(kind),
                )?;
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
}

/// The one name after a `lexicon` or `define` keyword.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind;
    use crate::relations::rules::ast::Atom;

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
