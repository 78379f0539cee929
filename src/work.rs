//! A cheap count of the work an extraction does, so that tests can bound it
//! (`tests/integration/hostile.rs`) instead of timing anything.

use std::cell::Cell;

thread_local! {
    static RULE_STEPS: Cell<u64> = const { Cell::new(0) };
    static DROPPED: Cell<u64> = const { Cell::new(0) };
}

/// Counts a rule match dropped because a capture it needs is unbound or is
/// no span of the text (rules that load cannot make one; tests check).
pub(crate) fn dropped_match() {
    DROPPED.with(|c| c.set(c.get().wrapping_add(1)));
}

fn dropped() -> u64 {
    DROPPED.with(Cell::get)
}

/// Counts `n` matching steps of a relation rule on this thread.
#[inline]
pub(crate) fn rule_steps_add(n: u64) {
    RULE_STEPS.with(|c| c.set(c.get().wrapping_add(n)));
}

fn rule_steps() -> u64 {
    RULE_STEPS.with(Cell::get)
}

/// The work one extraction did: not a stable API, for tests.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Work {
    /// Tokens of the text.
    pub tokens: usize,
    /// Matching steps of the relation rules (each bounded per start
    /// position by the engine's step budget).
    pub rule_steps: u64,
    /// Rule matches dropped for a missing or empty capture, and relations
    /// or mentions dropped because a span of theirs was no char-boundary
    /// range of the text: always 0 unless the library has a bug.
    pub dropped: u64,
}

/// Runs `f` and returns what it made with the rule steps it took and the
/// matches and spans it dropped.
pub(crate) fn count<T>(f: impl FnOnce() -> T) -> (T, u64, u64) {
    let (steps, drops) = (rule_steps(), dropped());
    let out = f();
    (
        out,
        rule_steps().wrapping_sub(steps),
        dropped().wrapping_sub(drops),
    )
}
