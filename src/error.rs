//! The crate's one error type.
//!
//! Every error names where it happened (file, line, byte offset) and why, in a
//! lowercase message meant to be printed as is: `newsgraph: {error}`.

use std::fmt;
use std::sync::Arc;

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

/// An error that names where it happened and why.
///
/// Its parts are there for programs ([`kind`](Error::kind),
/// [`path`](Error::path), [`line`](Error::line), [`offset`](Error::offset),
/// [`reason`](Error::reason), and the I/O error under it as
/// [`source`](std::error::Error::source)); its `Display` joins them the way
/// people read them: `path:line: reason`, `path: reason` or `reason`.
///
/// # Examples
///
/// ```
/// use newsgraph::{ErrorKind, Gazetteer};
///
/// let tsv = "id\tkind\tname\taliases\tattributes\nx\tplanet\tMars\t\t\n";
/// let err = Gazetteer::builder().add_str("planets.tsv", tsv).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Gazetteer);
/// assert_eq!((err.path(), err.line()), (Some("planets.tsv"), Some(2)));
/// assert!(err.to_string().starts_with("planets.tsv:2: "));
/// ```
#[derive(Clone, Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<String>,
    line: Option<usize>,
    offset: Option<usize>,
    reason: String,
    source: Option<Arc<std::io::Error>>,
}

impl Error {
    /// An error whose message says where it happened itself (or needs not).
    pub(crate) fn new(kind: ErrorKind, reason: impl Into<String>) -> Error {
        Error {
            kind,
            path: None,
            line: None,
            offset: None,
            reason: reason.into(),
            source: None,
        }
    }

    /// An error at a line of a file: `path:line: reason`.
    pub(crate) fn at_line(
        kind: ErrorKind,
        path: &str,
        line: usize,
        reason: impl Into<String>,
    ) -> Error {
        Error {
            path: Some(path.to_string()),
            line: Some(line),
            ..Error::new(kind, reason)
        }
    }

    /// An error at an origin written `path:line` (as gazetteer entries
    /// record theirs), or `path` alone.
    pub(crate) fn at_origin(kind: ErrorKind, origin: &str, reason: impl Into<String>) -> Error {
        match origin.rsplit_once(':') {
            Some((path, line)) if line.parse::<usize>().is_ok() => {
                Error::at_line(kind, path, line.parse().unwrap_or(0), reason)
            }
            _ => Error::in_file(kind, origin, reason),
        }
    }

    /// An error in a file, at no line: `path: reason`.
    pub(crate) fn in_file(kind: ErrorKind, path: &str, reason: impl Into<String>) -> Error {
        Error {
            path: Some(path.to_string()),
            ..Error::new(kind, reason)
        }
    }

    /// The same error with the byte offset it happened at (in the file, or
    /// in the line where it has one).
    pub(crate) fn with_offset(mut self, offset: usize) -> Error {
        self.offset = Some(offset);
        self
    }

    /// An I/O error on `path`, phrased like the crate's other errors:
    /// `path: no such file or directory`. The I/O error is its
    /// [`source`](std::error::Error::source).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::error::Error as _;
    /// use std::io;
    /// use newsgraph::{Error, ErrorKind};
    ///
    /// let err = Error::io("seeds/x.txt", &io::Error::from(io::ErrorKind::NotFound));
    /// assert_eq!(err.kind(), ErrorKind::Io);
    /// assert_eq!(err.path(), Some("seeds/x.txt"));
    /// assert!(err.to_string().starts_with("seeds/x.txt: "));
    /// assert!(err.source().is_some());
    /// ```
    pub fn io(path: &str, err: &std::io::Error) -> Error {
        let copy = match err.get_ref() {
            Some(inner) => std::io::Error::new(err.kind(), inner.to_string()),
            None => std::io::Error::from(err.kind()),
        };
        Error {
            source: Some(Arc::new(copy)),
            ..Error::in_file(ErrorKind::Io, path, io_reason(err))
        }
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The file (or stream: `<stdin>`) the error is in, where it has one.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// The 1-based line of [`path`](Error::path), where the error has one.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// The byte offset the error happened at, where known: in the file, or
    /// in the line when the error has a [`line`](Error::line).
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }

    /// Why, without where: `invalid UTF-8 at byte offset 5`.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// Errors are equal when they say the same thing: kind, place and reason
/// (an I/O source compares by its kind).
impl PartialEq for Error {
    fn eq(&self, other: &Error) -> bool {
        (self.kind, &self.path, self.line, self.offset, &self.reason)
            == (
                other.kind,
                &other.path,
                other.line,
                other.offset,
                &other.reason,
            )
            && self.source.as_ref().map(|e| e.kind()) == other.source.as_ref().map(|e| e.kind())
    }
}

impl Eq for Error {}

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
        match (&self.path, self.line) {
            (Some(path), Some(line)) => write!(f, "{path}:{line}: {}", self.reason),
            (Some(path), None) => write!(f, "{path}: {}", self.reason),
            (None, _) => f.write_str(&self.reason),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}
