//! Layer 1, the text layer: folding, tokens, sentences and datelines.
//!
//! Everything here works on plain strings and knows nothing of gazetteers,
//! entities or relations. The extractor runs it on the folded copy of a
//! document ([`Normalized`]) and maps spans back to the original text.

mod date;
mod dateline;
mod normalize;
mod quotes;
mod sentence;
mod token;

pub use date::{find_date, DATE_WINDOW};
pub use dateline::{find_datelines, DatelineMatch};
pub use normalize::{fold_char, Normalized};
pub use quotes::find_quotes;
pub use sentence::{sentence_span, split_sentences};
pub use token::{is_abbreviation, shape_of, tokenize, Shape, Token};
