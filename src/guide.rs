//! The guide, rendered by rustdoc: the file formats a user writes, how fast
//! the library is and how that is measured, and its limits. Each page is
//! the repository's own Markdown file, so the two never disagree.

#[doc = include_str!("../gazetteers/FORMAT.md")]
pub mod gazetteers {}

#[doc = include_str!("../rules/FORMAT.md")]
pub mod rules {}

#[doc = include_str!("../docs/performance.md")]
pub mod performance {}

#[doc = include_str!("../docs/robustness.md")]
pub mod robustness {}
