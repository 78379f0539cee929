//! One document's relation extraction, step by step, as methods of
//! [`Stage`]: segments and units ([`segments`]), then per rule kind the
//! matches applied as relations ([`apply`], which asks [`qualifiers`],
//! [`places`], [`pronouns`] and [`gazetteer_roles`]); between the stages
//! the role nominals ([`nominals`]); at the end the quotations that run on
//! ([`continuations`]) and [`dedupe`].
//!
//! Every file adds methods to the [`Stage`] of [`state`] and uses only
//! those of files it names (a step never calls one that runs after it);
//! `relations/mod.rs` calls the steps in order. Relations read mentions
//! and never change them.

mod apply;
mod continuations;
mod dedupe;
mod gazetteer_roles;
mod nominals;
mod places;
mod pronouns;
mod qualifiers;
mod segments;
mod state;
mod titles;
mod when;

pub use apply::MAX_MEETING_PARTICIPANTS;
pub use qualifiers::MAX_EVIDENCE_BYTES;
pub(crate) use state::{RelationInput, Stage};
