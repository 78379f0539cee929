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
//!
//! The files here go from text to a compiled set, each using only those
//! before it: [`lexer`] and [`parser`] turn a pattern into the [`ast`]
//! (with [`lexicon`]s), [`checks`] refuse captures a match could leave
//! unbound, [`analysis`] and [`index`] compute each rule's [`filter`] and
//! intern the words, and [`set`] drives them all as directives are read.
//! None of them knows sentences or relations: that is the engine's and the
//! stage's, above.

mod analysis;
pub(super) mod ast;
mod checks;
pub(super) mod filter;
pub(super) mod index;
mod lexer;
pub(super) mod lexicon;
mod parser;
pub(super) mod set;

pub use ast::RuleKind;
pub use set::{RuleSet, MAX_RULES};
