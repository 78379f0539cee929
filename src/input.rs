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
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let reason = format!("invalid UTF-8 at byte offset {at}");
            Err(Error::in_file(ErrorKind::Utf8, source, reason).with_offset(at))
        }
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

/// One record of a JSON Lines input: `{"id": …, "text": …}`, and the
/// publication `date` where the record has one.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The `id` field: a string as is, any other JSON value as written (`7`).
    pub id: String,
    /// The `text` field.
    pub text: String,
    /// The `date` field, as `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (the date of
    /// a timestamp such as `2016-09-20T08:00:00Z`): the document's date,
    /// which resolves "on Friday" in its meetings. Without it, the date
    /// the text states near its top is used.
    pub date: Option<String>,
    /// The 1-based line number the record was read from.
    pub line: usize,
}

impl Record {
    /// A record of `id` and `text`, at no line and with no date.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Record {
        Record {
            id: id.into(),
            text: text.into(),
            date: None,
            line: 0,
        }
    }

    /// The same record with a publication date.
    ///
    /// # Errors
    ///
    /// A date that is not `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (a timestamp's
    /// date part counts), of kind [`ErrorKind::Json`].
    pub fn with_date(mut self, date: &str) -> Result<Record, Error> {
        self.date = Some(
            document_date(date)
                .ok_or_else(|| Error::new(ErrorKind::Json, bad_date(date)))?
                .to_string(),
        );
        Ok(self)
    }
}

/// Why a date is refused.
fn bad_date(date: &str) -> String {
    let date: String = date.chars().take(40).collect();
    format!("date {date:?} is not YYYY-MM-DD, YYYY-MM or YYYY")
}

/// The date part of a publication date: `2016-09-20`, `2016-09`, `2016`,
/// or the date of a timestamp (`2016-09-20T08:00:00Z`, `2016-09-20 08:00`).
pub(crate) fn document_date(date: &str) -> Option<&str> {
    let date = date.trim();
    let day = match date.as_bytes().get(10) {
        Some(b'T' | b' ') => &date[..10],
        _ => date,
    };
    let parts: Vec<&str> = day.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let in_range = |s: &str, hi: u32| s.parse::<u32>().is_ok_and(|v| (1..=hi).contains(&v));
    let ok = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && in_range(m, 12),
        [y, m, d] => {
            digits(y, 4) && digits(m, 2) && in_range(m, 12) && digits(d, 2) && in_range(d, 31)
        }
        _ => false,
    };
    ok.then_some(day)
}

#[derive(serde::Deserialize)]
struct RawRecord {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    date: Option<String>,
}

/// Parses one JSON Lines record; `source` and `line_no` name it in errors.
///
/// An optional `date` field sets the document's date (see
/// [`Record::date`]); other fields are ignored. A trailing `\n` or `\r\n` is allowed.
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
        Error::at_line(
            ErrorKind::Json,
            source,
            line_no,
            format!("bad record: {reason}"),
        )
    };
    let parsed = match std::str::from_utf8(line) {
        Ok(s) => serde_json::from_str::<RawRecord>(s),
        Err(_) if policy == Utf8Policy::Lossy => {
            serde_json::from_str::<RawRecord>(&String::from_utf8_lossy(line))
        }
        Err(e) => {
            let at = e.valid_up_to();
            let reason = format!("bad record: invalid UTF-8 at byte offset {at} of the line");
            return Err(Error::at_line(ErrorKind::Utf8, source, line_no, reason).with_offset(at));
        }
    };
    let raw = parsed.map_err(|e| bad(json_reason(&e)))?;
    let id = match raw.id {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    };
    let date = match raw.date.as_deref() {
        None => None,
        Some(d) => Some(
            document_date(d)
                .ok_or_else(|| bad(bad_date(d)))?
                .to_string(),
        ),
    };
    Ok(Record {
        id,
        text: raw.text,
        date,
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

impl<R: std::io::BufRead> JsonlReader<R> {
    /// Reads the next line that is not blank into the buffer
    /// ([`JsonlReader::line`]): `None` at the end, an error for a line over
    /// the limit (skipped) or a read error (which ends the reader).
    pub(crate) fn next_line(&mut self) -> Option<Result<(), Error>> {
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
                        return Some(Err(Error::at_line(
                            ErrorKind::Limit,
                            &self.source,
                            self.line_no,
                            format!("bad record: longer than the limit of {} bytes", self.max),
                        )));
                    }
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(Ok(()));
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

    /// The line [`next_line`](JsonlReader::next_line) read, its line
    /// break included, with its number and the source's name.
    pub(crate) fn line(&self) -> (&str, usize, &[u8]) {
        (&self.source, self.line_no, &self.buf)
    }
}

impl<R: std::io::BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Record, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(match self.next_line()? {
            Ok(()) => parse_jsonl_record(&self.source, self.line_no, &self.buf, self.policy),
            Err(e) => Err(e),
        })
    }
}
