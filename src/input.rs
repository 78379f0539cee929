//! Reading input: bytes and files to UTF-8 text, with errors that name the
//! source and the byte offset.
//!
//! Used by the gazetteer loader and the command line alike, so both report a
//! bad file the same way.

use std::path::Path;

use crate::error::{Error, ErrorKind};

/// What to do with bytes that are not valid UTF-8.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Utf8Policy {
    /// Report the first invalid byte as an error.
    Strict,
    /// Replace invalid sequences with U+FFFD.
    Lossy,
}

/// Decodes `bytes` read from `source` (a name for errors).
///
/// # Errors
///
/// Under [`Utf8Policy::Strict`], invalid UTF-8, with the byte offset.
///
/// # Examples
///
/// ```
/// use newsgraph::{decode_text, ErrorKind, Utf8Policy};
///
/// let err = decode_text("a.txt", b"Kerry\xff".to_vec(), Utf8Policy::Strict).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Utf8);
/// assert_eq!(err.to_string(), "a.txt: invalid UTF-8 at byte offset 5");
/// let text = decode_text("a.txt", b"Kerry\xff".to_vec(), Utf8Policy::Lossy).unwrap();
/// assert_eq!(text, "Kerry\u{FFFD}");
/// ```
pub fn decode_text(source: &str, bytes: Vec<u8>, policy: Utf8Policy) -> Result<String, Error> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) if policy == Utf8Policy::Lossy => {
            Ok(String::from_utf8_lossy(e.as_bytes()).into_owned())
        }
        Err(e) => Err(Error::new(
            ErrorKind::Utf8,
            format!(
                "{source}: invalid UTF-8 at byte offset {}",
                e.utf8_error().valid_up_to()
            ),
        )),
    }
}

/// Reads a file as UTF-8 text.
///
/// # Errors
///
/// The file cannot be read ([`ErrorKind::Io`], with the OS reason), or is not
/// UTF-8 under [`Utf8Policy::Strict`] ([`ErrorKind::Utf8`], with the byte offset).
///
/// # Examples
///
/// ```
/// use newsgraph::{read_text, ErrorKind, Utf8Policy};
///
/// let err = read_text("no/such/file.txt", Utf8Policy::Strict).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Io);
/// assert!(err.to_string().starts_with("no/such/file.txt: "));
/// ```
pub fn read_text(path: impl AsRef<Path>, policy: Utf8Policy) -> Result<String, Error> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::io(&name, &e))?;
    decode_text(&name, bytes, policy)
}
