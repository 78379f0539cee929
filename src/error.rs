//! The crate's one error type.
//!
//! Every error names where it happened (file, line, byte offset) and why, in a
//! lowercase message meant to be printed as is: `newsgraph: {error}`.

use std::fmt;

/// What went wrong, for callers that want to react to it.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A file or stream could not be read or written.
    Io,
    /// Input text is not valid UTF-8.
    Utf8,
    /// A gazetteer file has a malformed line or conflicting entries.
    Gazetteer,
    /// A JSON Lines input record is malformed.
    Json,
    /// A limit was exceeded (alias length, number of aliases, record size).
    Limit,
    /// A relation rule file has a malformed line.
    Rule,
    /// A graph JSON file is malformed, or a relation type or modality name
    /// is unknown.
    Graph,
}

/// An error with a message that names the file, line or byte offset and the
/// reason.
///
/// # Examples
///
/// ```
/// use newsgraph::{ErrorKind, Gazetteer};
///
/// let tsv = "id\tkind\tname\taliases\tattributes\nx\tplanet\tMars\t\t\n";
/// let err = Gazetteer::builder().add_str("planets.tsv", tsv).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Gazetteer);
/// assert!(err.to_string().contains("planets.tsv:2"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// An I/O error on `path`, phrased like the crate's other errors:
    /// `path: no such file or directory`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io;
    /// use newsgraph::{Error, ErrorKind};
    ///
    /// let err = Error::io("seeds/x.txt", &io::Error::from(io::ErrorKind::NotFound));
    /// assert_eq!(err.kind(), ErrorKind::Io);
    /// assert!(err.to_string().starts_with("seeds/x.txt: "));
    /// ```
    pub fn io(path: &str, err: &std::io::Error) -> Error {
        Error::new(ErrorKind::Io, format!("{path}: {}", io_reason(err)))
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

/// The OS message without the "(os error 2)" suffix, lowercased like ours.
fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    let text = match text.find(" (os error") {
        Some(i) => &text[..i],
        None => &text[..],
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
