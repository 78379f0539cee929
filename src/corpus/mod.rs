//! The corpus runner: what the command line does, for Rust programs and
//! the Python package alike.
//!
//! - [`Corpus`] reads inputs: files, directories (their `*.txt`, or
//!   `*.jsonl` files, recursively, sorted), JSON Lines records, Document
//!   JSON Lines written by `extract`, or standard input (`-`). It gives
//!   every document a unique id, and every bad file or record as an
//!   [`Input::Bad`] naming the file, line or byte offset, so a bad input
//!   never hides the good ones beside it.
//! - [`Runner`] extracts the records on several threads and hands the
//!   documents back **in input order**, batch by batch, so memory stays
//!   bounded whatever the corpus's size.
//!
//! # Document ids
//!
//! A text file's id is its path relative to the argument that named it,
//! without extension and with `/` between directories: `newsgraph extract
//! news` reads `news/2016/a/story.txt` as `2016/a/story`, and a file named
//! on its own is its stem. A JSON Lines record's id is its `id` field. Two
//! inputs with the same id are a collision: the second is an
//! [`Input::Bad`] that names the first. (The reader keeps every id it has
//! seen to tell: some 50 bytes a document.)
//!
//! # Example
//!
//! ```
//! use newsgraph::corpus::{Corpus, Runner, Processed};
//! use newsgraph::Extractor;
//!
//! let extractor = Extractor::default();
//! let mut ids = Vec::new();
//! let inputs = Corpus::new(["seeds"]).inputs();
//! Runner::new(&extractor).threads(2).run(inputs, |doc| doc.id().to_string(), |out| {
//!     if let Processed::Done(id) = out {
//!         ids.push(id);
//!     }
//!     Ok(true)
//! })?;
//! assert_eq!(ids.len(), 5);
//! assert!(ids.windows(2).all(|w| w[0] < w[1]), "input order");
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! This layer sits above the extractor: it knows files, records and
//! threads, and nothing of how a document is extracted.

mod read;
mod run;

pub use read::{Corpus, Input, InputFormat, Inputs};
pub use run::{Processed, Runner};
