//! Byte spans into the original text.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A byte range `start..end` into the ORIGINAL text of a document.
///
/// Spans produced by this crate always lie on UTF-8 character boundaries, so
/// `&text[span]` never panics and equals the surface form.
///
/// # Examples
///
/// ```
/// use newsgraph::Span;
///
/// let text = "Kerry met Lavrov.";
/// let span = Span::new(10, 16);
/// assert_eq!(&text[span], "Lavrov");
/// assert_eq!(span.len(), 6);
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (exclusive).
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The span as a `Range`, for slicing.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl std::ops::Index<Span> for str {
    type Output = str;

    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

impl std::ops::Index<Span> for String {
    type Output = str;

    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}
