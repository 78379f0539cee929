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

/// One record of a JSON Lines input: `{"id": …, "text": …}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The `id` field: a string as is, any other JSON value as written (`7`).
    pub id: String,
    /// The `text` field.
    pub text: String,
    /// The 1-based line number the record was read from.
    pub line: usize,
}

#[derive(serde::Deserialize)]
struct RawRecord {
    id: serde_json::Value,
    text: String,
}

/// Parses one JSON Lines record; `source` and `line_no` name it in errors.
///
/// Extra fields are ignored. A trailing `\n` or `\r\n` is allowed.
///
/// # Errors
///
/// Malformed JSON, a missing `id` or `text`, or a `text` that is not a string
/// ([`ErrorKind::Json`]); invalid UTF-8 under [`Utf8Policy::Strict`]
/// ([`ErrorKind::Utf8`], with the byte offset in the line). Every message
/// starts with `source:line_no: `.
///
/// # Examples
///
/// ```
/// use newsgraph::{parse_jsonl_record, ErrorKind, Utf8Policy};
///
/// let r = parse_jsonl_record("in.jsonl", 1, br#"{"id": 7, "text": "Kerry met Lavrov."}"#, Utf8Policy::Strict)?;
/// assert_eq!((r.id.as_str(), r.text.as_str(), r.line), ("7", "Kerry met Lavrov.", 1));
///
/// let err = parse_jsonl_record("in.jsonl", 2, br#"{"id": "x"}"#, Utf8Policy::Strict).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Json);
/// assert_eq!(err.to_string(), "in.jsonl:2: bad record: missing field `text` at column 11");
/// # Ok::<(), newsgraph::Error>(())
/// ```
pub fn parse_jsonl_record(
    source: &str,
    line_no: usize,
    line: &[u8],
    policy: Utf8Policy,
) -> Result<Record, Error> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let bad = |reason: String| {
        Error::new(
            ErrorKind::Json,
            format!("{source}:{line_no}: bad record: {reason}"),
        )
    };
    let parsed = match std::str::from_utf8(line) {
        Ok(s) => serde_json::from_str::<RawRecord>(s),
        Err(_) if policy == Utf8Policy::Lossy => {
            serde_json::from_str::<RawRecord>(&String::from_utf8_lossy(line))
        }
        Err(e) => {
            return Err(Error::new(
                ErrorKind::Utf8,
                format!(
                    "{source}:{line_no}: bad record: invalid UTF-8 at byte offset {} of the line",
                    e.valid_up_to()
                ),
            ))
        }
    };
    let raw = parsed.map_err(|e| bad(json_reason(&e)))?;
    let id = match raw.id {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    };
    Ok(Record {
        id,
        text: raw.text,
        line: line_no,
    })
}

/// serde_json's message with its position as a column of the line: the
/// record is one line, so its "line 1" would only contradict ours.
fn json_reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&position) {
        Some(reason) => format!("{reason} at column {}", e.column()),
        None => text,
    }
}

/// Reads JSON Lines: an iterator of [`Record`]s, each bad line an error that
/// names `source` and the line number. Blank lines are skipped.
///
/// After a bad record the iterator goes on with the next line, so a caller
/// decides whether to stop; after a read error it ends.
///
/// # Examples
///
/// ```
/// use newsgraph::{JsonlReader, Utf8Policy};
///
/// let input = "{\"id\":\"a\",\"text\":\"Kerry.\"}\n\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":\"Lavrov.\"}\n";
/// let results: Vec<_> = JsonlReader::new("in.jsonl", input.as_bytes(), Utf8Policy::Strict).collect();
/// assert_eq!(results.len(), 3);
/// assert_eq!(results[0].as_ref().unwrap().id, "a");
/// assert!(results[1].as_ref().unwrap_err().to_string().starts_with("in.jsonl:3: bad record: "));
/// assert_eq!(results[2].as_ref().unwrap().line, 4);
/// ```
#[derive(Debug)]
pub struct JsonlReader<R> {
    source: String,
    reader: R,
    policy: Utf8Policy,
    line_no: usize,
    buf: Vec<u8>,
    done: bool,
    max: usize,
}

/// The longest JSON Lines record [`JsonlReader`] reads (64 MiB, the line
/// without its line break): a longer line is an error of kind
/// [`ErrorKind::Limit`] and is skipped without being held in memory.
pub const MAX_RECORD_BYTES: usize = 64 << 20;

impl<R: std::io::BufRead> JsonlReader<R> {
    /// Reads records from `reader`, named `source` in errors.
    pub fn new(source: &str, reader: R, policy: Utf8Policy) -> JsonlReader<R> {
        JsonlReader {
            source: source.to_string(),
            reader,
            policy,
            line_no: 0,
            buf: Vec::new(),
            done: false,
            max: MAX_RECORD_BYTES,
        }
    }

    /// Sets the longest record read, in bytes ([`MAX_RECORD_BYTES`] unless
    /// set).
    ///
    /// # Examples
    ///
    /// ```
    /// use newsgraph::{ErrorKind, JsonlReader, Utf8Policy};
    ///
    /// let input = format!("{{\"id\":1,\"text\":\"{}\"}}\n{{\"id\":2,\"text\":\"\"}}\n", "x".repeat(100));
    /// let mut reader = JsonlReader::new("in.jsonl", input.as_bytes(), Utf8Policy::Strict).max_record_bytes(50);
    /// let err = reader.next().unwrap().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Limit);
    /// assert_eq!(err.to_string(), "in.jsonl:1: bad record: longer than the limit of 50 bytes");
    /// assert_eq!(reader.next().unwrap()?.id, "2");
    /// # Ok::<(), newsgraph::Error>(())
    /// ```
    pub fn max_record_bytes(mut self, max: usize) -> JsonlReader<R> {
        self.max = max;
        self
    }

    /// Skips the rest of the current line, without keeping it.
    fn skip_line(&mut self) -> std::io::Result<()> {
        loop {
            let (newline, len) = match self.reader.fill_buf() {
                Ok(avail) => (avail.iter().position(|&b| b == b'\n'), avail.len()),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            match newline {
                Some(i) => {
                    self.reader.consume(i + 1);
                    return Ok(());
                }
                None if len == 0 => return Ok(()),
                None => self.reader.consume(len),
            }
        }
    }
}

impl<R: std::io::BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Record, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            // At most the longest record and its "\r\n".
            let limit = self.max.saturating_add(2) as u64;
            let mut window = std::io::Read::take(&mut self.reader, limit);
            match std::io::BufRead::read_until(&mut window, b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line_no += 1;
                    let ended = self.buf.last() == Some(&b'\n');
                    let line = self.buf.strip_suffix(b"\n").unwrap_or(&self.buf);
                    let line = line.strip_suffix(b"\r").unwrap_or(line);
                    if line.len() > self.max {
                        if !ended {
                            if let Err(e) = self.skip_line() {
                                self.done = true;
                                return Some(Err(Error::io(&self.source, &e)));
                            }
                        }
                        return Some(Err(Error::new(
                            ErrorKind::Limit,
                            format!(
                                "{}:{}: bad record: longer than the limit of {} bytes",
                                self.source, self.line_no, self.max
                            ),
                        )));
                    }
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(parse_jsonl_record(
                        &self.source,
                        self.line_no,
                        &self.buf,
                        self.policy,
                    ));
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(Error::io(&self.source, &e)));
                }
            }
        }
        None
    }
}
