//! Integration tests, one binary: library behaviour, the CLI, and the seeds.

mod cli;
mod corpus;
mod eval;
mod extraction;
mod fuzz_checks;
mod fuzz_replay;
mod graph;
mod hostile;
mod invariants;
mod limits;
mod meets_dev;
mod properties;
mod relations;
mod seeds;
