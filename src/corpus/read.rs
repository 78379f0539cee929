//! Reading a corpus: paths, directories, JSON Lines and standard input to
//! records with unique ids, bad inputs and warnings, in input order.

use std::collections::VecDeque;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use crate::document::Document;
use crate::error::{Error, ErrorKind};
use crate::input::{decode_text, JsonlReader, Record, Utf8Policy};

/// How a corpus's files are read.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text: a file is a document; a directory's `*.txt` files are.
    Text,
    /// JSON Lines, one `{"id": …, "text": …, "date": …}` per line (`date`
    /// optional); a directory's `*.jsonl` files.
    Jsonl,
    /// Document JSON Lines, as `extract` writes them: documents already
    /// extracted, read back ([`Document::from_json`]); a directory's
    /// `*.jsonl` files.
    Documents,
}

/// What a corpus gives, in input order.
#[non_exhaustive]
#[derive(Debug)]
pub enum Input {
    /// A document to extract.
    Record(Record),
    /// A document extracted before (the [`InputFormat::Documents`] format).
    Document(Box<Document>),
    /// A file or record that cannot be read: missing, not UTF-8, malformed,
    /// or an id already taken. The error names the file and line.
    Bad(Error),
    /// Something read that is probably not what the user meant: a
    /// directory without a file to read, a text file that is JSON Lines.
    Warning(String),
}

/// The files and streams a corpus is read from, and how.
///
/// # Examples
///
/// ```
/// use newsgraph::corpus::{Corpus, Input, InputFormat};
///
/// let mut corpus = Corpus::new(["no/such/dir", "seeds"]);
/// corpus.format(InputFormat::Text);
/// let inputs: Vec<Input> = corpus.inputs().collect();
/// assert!(matches!(&inputs[0], Input::Bad(e) if e.path() == Some("no/such/dir")));
/// assert!(matches!(&inputs[1], Input::Record(r) if r.id == "000_5d4fefdc7511866f"));
/// assert_eq!(inputs.len(), 6);
/// ```
#[derive(Clone, Debug)]
pub struct Corpus {
    paths: Vec<PathBuf>,
    format: InputFormat,
    utf8: Utf8Policy,
}

impl Corpus {
    /// A corpus of these paths (`-` is standard input; no path at all is
    /// standard input too), read as text with strict UTF-8.
    pub fn new<P: Into<PathBuf>>(paths: impl IntoIterator<Item = P>) -> Corpus {
        let mut paths: Vec<PathBuf> = paths.into_iter().map(Into::into).collect();
        if paths.is_empty() {
            paths.push(PathBuf::from("-"));
        }
        Corpus {
            paths,
            format: InputFormat::Text,
            utf8: Utf8Policy::Strict,
        }
    }

    /// How to read the files (default: [`InputFormat::Text`]).
    pub fn format(&mut self, format: InputFormat) -> &mut Self {
        self.format = format;
        self
    }

    /// What to do with invalid UTF-8 (default: [`Utf8Policy::Strict`]).
    pub fn utf8(&mut self, policy: Utf8Policy) -> &mut Self {
        self.utf8 = policy;
        self
    }

    /// The inputs, lazily: a file is read when its turn comes.
    pub fn inputs(&self) -> Inputs {
        Inputs {
            paths: self.paths.iter().cloned().collect(),
            format: self.format,
            utf8: self.utf8,
            current: Current::Idle,
            pending: VecDeque::new(),
            seen: FxHashMap::default(),
        }
    }
}

/// The inputs of a [`Corpus`], in order: an iterator of [`Input`].
pub struct Inputs {
    paths: VecDeque<PathBuf>,
    format: InputFormat,
    utf8: Utf8Policy,
    current: Current,
    /// Inputs found but not yet given (a warning before its file's records).
    pending: VecDeque<Input>,
    /// Every id given so far, with where it came from.
    seen: FxHashMap<String, String>,
}

impl std::fmt::Debug for Inputs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("paths", &self.paths)
            .field("format", &self.format)
            .finish_non_exhaustive()
    }
}

/// What is being read.
enum Current {
    Idle,
    /// Text files of one argument: the files left, and the argument they
    /// are named relative to (none for a file named on its own).
    Files {
        files: std::vec::IntoIter<PathBuf>,
        root: Option<PathBuf>,
    },
    /// JSON Lines (records or documents), file after file.
    Lines {
        reader: JsonlReader<Box<dyn BufRead>>,
        files: std::vec::IntoIter<PathBuf>,
    },
}

/// `<stdin>` for `-`, else the path as written.
fn display(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// The files of a directory whose extension is `ext`, recursively,
/// sorted; a file is itself.
fn files_of(path: &Path, ext: &str) -> io::Result<Vec<PathBuf>> {
    if !fs::metadata(path)?.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir)? {
            let p = entry?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A text file's id: its path relative to `root` without extension, `/`
/// between directories; its stem when named on its own.
fn file_id(file: &Path, root: Option<&Path>) -> String {
    let relative = root.and_then(|r| file.strip_prefix(r).ok());
    match relative {
        Some(rel) => {
            let rel = rel.with_extension("");
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            parts.join("/")
        }
        None => file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    }
}

/// Whether text read as prose looks like JSON Lines: its first line is a
/// JSON object with a `"text"` field.
fn looks_like_jsonl(text: &str) -> bool {
    let first = text.trim_start().lines().next().unwrap_or("");
    first.starts_with('{') && first.trim_end().ends_with('}') && first.contains("\"text\"")
}

fn open(path: &Path) -> io::Result<Box<dyn BufRead>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(BufReader::new(io::stdin())));
    }
    Ok(Box::new(BufReader::with_capacity(
        1 << 16,
        fs::File::open(path)?,
    )))
}

impl Inputs {
    /// Checks that an id is new; the second use of one is a bad input.
    fn claim(&mut self, id: &str, origin: impl FnOnce() -> String) -> Result<(), Error> {
        if let Some(first) = self.seen.get(id) {
            let here = origin();
            return Err(Error::in_file(
                ErrorKind::Json,
                &here,
                format!("document id {id:?} is already the id of {first}"),
            ));
        }
        self.seen.insert(id.to_string(), origin());
        Ok(())
    }

    /// Starts on the next path; false when none is left.
    fn next_path(&mut self) -> bool {
        let Some(path) = self.paths.pop_front() else {
            return false;
        };
        let is_stdin = path.as_os_str() == "-";
        let (ext, what) = match self.format {
            InputFormat::Text => ("txt", ".txt"),
            InputFormat::Jsonl | InputFormat::Documents => ("jsonl", ".jsonl"),
        };
        let files = if is_stdin {
            Ok(vec![path.clone()])
        } else {
            files_of(&path, ext)
        };
        let files = match files {
            Ok(files) => files,
            Err(e) => {
                self.pending
                    .push_back(Input::Bad(Error::io(&display(&path), &e)));
                return true;
            }
        };
        if files.is_empty() {
            self.pending.push_back(Input::Warning(format!(
                "{}: no {what} files in this directory",
                path.display()
            )));
            return true;
        }
        let is_dir = !is_stdin && path.is_dir();
        self.current = match self.format {
            InputFormat::Text => Current::Files {
                files: files.into_iter(),
                root: is_dir.then_some(path),
            },
            InputFormat::Jsonl | InputFormat::Documents => {
                let mut files = files.into_iter();
                match self.open_lines(&mut files) {
                    Some(reader) => Current::Lines { reader, files },
                    None => Current::Idle,
                }
            }
        };
        true
    }

    /// Opens the next JSON Lines file that opens; a file that does not is
    /// a bad input.
    fn open_lines(
        &mut self,
        files: &mut std::vec::IntoIter<PathBuf>,
    ) -> Option<JsonlReader<Box<dyn BufRead>>> {
        for file in files.by_ref() {
            match open(&file) {
                Ok(reader) => return Some(JsonlReader::new(&display(&file), reader, self.utf8)),
                Err(e) => self
                    .pending
                    .push_back(Input::Bad(Error::io(&display(&file), &e))),
            }
        }
        None
    }

    /// Reads one text file (or standard input) as a record.
    fn text_file(&mut self, file: &Path, root: Option<&Path>) {
        let name = display(file);
        let mut bytes = Vec::new();
        let read = if file.as_os_str() == "-" {
            io::stdin().read_to_end(&mut bytes).map(|_| ())
        } else {
            fs::File::open(file).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
        };
        if let Err(e) = read {
            self.pending.push_back(Input::Bad(Error::io(&name, &e)));
            return;
        }
        let text = match decode_text(&name, bytes, self.utf8) {
            Ok(text) => text,
            Err(e) => {
                self.pending.push_back(Input::Bad(e));
                return;
            }
        };
        if looks_like_jsonl(&text) {
            self.pending.push_back(Input::Warning(format!(
                "{name}: looks like JSON Lines but is read as text (read JSON Lines with `--input jsonl`, InputFormat::Jsonl)"
            )));
        }
        let id = if file.as_os_str() == "-" {
            "stdin".to_string()
        } else {
            file_id(file, root)
        };
        match self.claim(&id, || name.clone()) {
            Ok(()) => self.pending.push_back(Input::Record(Record::new(id, text))),
            Err(e) => self.pending.push_back(Input::Bad(e)),
        }
    }

    /// Reads one line of JSON Lines: a record or a document.
    fn line(&mut self, reader: &mut JsonlReader<Box<dyn BufRead>>) -> Option<Input> {
        if self.format == InputFormat::Jsonl {
            return Some(match reader.next()? {
                Ok(r) => {
                    let (source, line) = (reader.line().0, r.line);
                    match self.claim(&r.id, || format!("{source}:{line}")) {
                        Ok(()) => Input::Record(r),
                        Err(e) => Input::Bad(e),
                    }
                }
                Err(e) => Input::Bad(e),
            });
        }
        if let Err(e) = reader.next_line()? {
            return Some(Input::Bad(e));
        }
        let (source, line_no, bytes) = reader.line();
        let at = |e: Error| Error::at_line(ErrorKind::Json, source, line_no, e.reason());
        let json = match std::str::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                let reason = format!(
                    "bad record: invalid UTF-8 at byte offset {} of the line",
                    e.valid_up_to()
                );
                let err = Error::at_line(ErrorKind::Utf8, source, line_no, reason);
                return Some(Input::Bad(err.with_offset(e.valid_up_to())));
            }
        };
        Some(match Document::from_json(json) {
            Ok(doc) => {
                let origin = format!("{source}:{line_no}");
                match self.claim(doc.id(), || origin) {
                    Ok(()) => Input::Document(Box::new(doc)),
                    Err(e) => Input::Bad(e),
                }
            }
            Err(e) => Input::Bad(at(e)),
        })
    }
}

impl Iterator for Inputs {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            if let Some(input) = self.pending.pop_front() {
                return Some(input);
            }
            match std::mem::replace(&mut self.current, Current::Idle) {
                Current::Idle => {
                    if !self.next_path() {
                        return None;
                    }
                }
                Current::Files { mut files, root } => {
                    if let Some(file) = files.next() {
                        self.text_file(&file, root.as_deref());
                        self.current = Current::Files { files, root };
                    }
                }
                Current::Lines {
                    mut reader,
                    mut files,
                } => match self.line(&mut reader) {
                    Some(input) => {
                        self.current = Current::Lines { reader, files };
                        return Some(input);
                    }
                    None => {
                        if let Some(reader) = self.open_lines(&mut files) {
                            self.current = Current::Lines { reader, files };
                        }
                    }
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_paths_relative_to_the_argument() {
        let root = Path::new("news");
        assert_eq!(
            file_id(Path::new("news/2016/a/story.txt"), Some(root)),
            "2016/a/story"
        );
        assert_eq!(file_id(Path::new("news/story.txt"), Some(root)), "story");
        assert_eq!(file_id(Path::new("x/y/story.txt"), None), "story");
    }

    #[test]
    fn json_lines_read_as_text_are_noticed() {
        assert!(looks_like_jsonl("{\"id\": 1, \"text\": \"Kerry.\"}\n{…}"));
        assert!(!looks_like_jsonl("{Kerry} met Lavrov, \"text\" said."));
        assert!(!looks_like_jsonl("Kerry met Lavrov."));
    }
}
