//! A cheap count of the work an extraction does, so that tests can bound it
//! (`tests/integration/hostile.rs`) instead of timing anything.

use std::cell::Cell;

thread_local! {
    static RULE_STEPS: Cell<u64> = const { Cell::new(0) };
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
}

/// Runs `f` and returns what it made with the rule steps it took.
pub(crate) fn count<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let before = rule_steps();
    let out = f();
    (out, rule_steps().wrapping_sub(before))
}
