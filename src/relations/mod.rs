//! Relations: rules over a sentence's mentions and tokens → typed relations
//! with evidence.
//!
//! The rules are data ([`RuleSet`], `rules/default.rules`); this module turns
//! their matches into [`Relation`]s and does the work a pattern cannot say:
//! pairing the people of a coordinated subject, finding a meeting's place
//! ("in the German city of Munich", "here" and the dateline), reading
//! modality ("will meet"), reading the person of a pronoun from its
//! mention (coreference is the resolver's: `resolve::coref`), resolving
//! "they" to the last pair that met, filling a role's country from the
//! gazetteer, and carrying a quotation over the sentences it spans.
//!
//! Two stages, in the extractor's order, after the resolver's pronouns:
//! [`roles`] runs the HOLDS_ROLE and NOMINAL rules and gives the role
//! nominals ("the Russian foreign minister") as mentions of their holders,
//! which the extractor adds; [`extract`] then reads the final mentions and
//! builds the other relations. Neither changes a mention.
//!
//! The files depend one way, bottom to top: `vocab.rs` (interned words) →
//! `unit.rs` (what patterns match over) → `rules/` (rule files → a compiled
//! [`RuleSet`]) → `engine.rs` (the backtracking matcher) → `stage/` (one
//! document's segments, matches applied as relations, and the steps after)
//! → this file, which runs the stages in order.

mod engine;
mod rules;
mod stage;
mod unit;
mod vocab;

pub use rules::{RuleKind, RuleSet, MAX_RULES};
pub use stage::{MAX_EVIDENCE_BYTES, MAX_MEETING_PARTICIPANTS};

#[cfg(test)]
pub(crate) use rules::ast::Atom;
pub(crate) use stage::RelationInput;

use crate::gazetteer::Gazetteer;
use crate::model::{Entity, Mention, Relation};
use stage::Stage;

/// The roles a document states (its HOLDS_ROLE relations) and the role
/// nominals they resolve: the stage before relations. The caller adds
/// `nominals` to the mentions (coreference: "the Russian foreign minister"
/// is a mention of the one person the document gives that role), then
/// hands the stage to [`extract`], which goes on with the same segments.
pub(crate) struct Roles<'a> {
    stage: Option<Stage<'a>>,
    /// Nominal mentions ("coref/role-nominal"), in text order.
    pub nominals: Vec<Mention>,
}

/// Runs the HOLDS_ROLE rules, then the NOMINAL rules over what they found:
/// the role stage, run before [`extract`] with the same rule engine. It
/// changes no mention; the caller adds [`Roles::nominals`].
pub(crate) fn roles<'a>(
    rules: &'a RuleSet,
    gazetteer: &'a Gazetteer,
    input: &'a RelationInput<'a>,
    mentions: &[Mention],
    entities: &[Entity],
) -> Roles<'a> {
    if rules.is_empty() || input.tokens.is_empty() {
        return Roles {
            stage: None,
            nominals: Vec::new(),
        };
    }
    let mut stage = Stage::new(rules, gazetteer, input);
    stage.set_segments(mentions, entities);
    stage.run(RuleKind::HoldsRole, mentions, entities);
    let nominals = stage.nominal_mentions(mentions);
    Roles {
        stage: Some(stage),
        nominals,
    }
}

/// The relations of a document whose mentions are final (the role stage's
/// nominals and the resolver's pronouns included): relations read
/// mentions and never change them. `mentions_changed`: the caller added
/// mentions since [`roles`] (its nominals), so the units are built again.
pub(crate) fn extract(
    roles: Roles<'_>,
    mentions_changed: bool,
    mentions: &[Mention],
    entities: &[Entity],
) -> Vec<Relation> {
    let Some(mut stage) = roles.stage else {
        return Vec::new();
    };
    if mentions_changed {
        stage.set_segments(mentions, entities);
    }
    for kind in [RuleKind::Meets, RuleKind::LocatedIn, RuleKind::Said] {
        stage.run(kind, mentions, entities);
    }
    stage.gazetteer_roles(mentions, entities);
    stage.quote_continuations();
    stage.dedupe();
    stage.into_relations()
}
