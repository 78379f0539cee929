//! Python bindings of newsgraph: `newsgraph._newsgraph`, re-exported by the
//! `newsgraph` package.
//!
//! Documents are views of one shared Rust [`Document`]: entities, mentions
//! and relations are built when asked for, with offsets in code points (as
//! Python indexes a `str`) and the byte offsets beside them. Extraction
//! releases the GIL; [`PyExtractor::extract_many`] extracts batches on a
//! thread pool and yields the documents in input order. Nothing panics
//! across the boundary: every error of the library is a `NewsgraphError`.

use std::collections::VecDeque;
use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use newsgraph::corpus::{Corpus, Input, InputFormat, Inputs};
use newsgraph::{
    Args, DefaultGazetteers, DefaultRules, Document, EntityGraph, Error, ErrorKind, Extractor,
    GraphFilter, Modality, Record, RelationKind, Utf8Policy,
};
use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyIterator, PyString, PyTuple};

create_exception!(
    _newsgraph,
    NewsgraphError,
    PyValueError,
    "An error of newsgraph: a bad gazetteer or rule file, a malformed graph, an unreadable file.\n\n\
     `kind` names the class of error (`gazetteer`, `rule`, `io`, ...); `path`, `line` and\n\
     `reason` split the message `path:line: reason` where it has them (else None)."
);

/// The error as a `NewsgraphError`, with `kind`, `path`, `line` and
/// `reason` set.
fn py_error(py: Python<'_>, err: &Error) -> PyErr {
    let message = err.to_string();
    let exc = NewsgraphError::new_err(message.clone());
    let value = exc.value(py);
    let kind = match err.kind() {
        ErrorKind::Io => "io",
        ErrorKind::Utf8 => "utf8",
        ErrorKind::Gazetteer => "gazetteer",
        ErrorKind::Json => "json",
        ErrorKind::Limit => "limit",
        ErrorKind::Rule => "rule",
        ErrorKind::Graph => "graph",
        _ => "other",
    };
    let (path, line, reason) = (err.path(), err.line(), err.reason());
    let set = |name: &str, v: Py<PyAny>| value.setattr(name, v);
    let none = || py.None();
    let _ = set("kind", PyString::new(py, kind).into_any().unbind());
    let _ = set(
        "path",
        path.map_or_else(none, |p| PyString::new(py, p).into_any().unbind()),
    );
    let _ = set(
        "line",
        line.map_or_else(none, |l| {
            l.into_pyobject(py)
                .map_or_else(|_| py.None(), |l| l.into_any().unbind())
        }),
    );
    let _ = set("reason", PyString::new(py, reason).into_any().unbind());
    exc
}

/// A 64-bit FNV-1a hash of `text`, in hex: the id of a document given none.
fn text_id(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Extracts entities and relations from English news text.
///
/// `Extractor(gazetteers=[], rules=[], default_gazetteers=True,
/// default_rules=True)`: gazetteer and rule files are paths (TSV as in
/// gazetteers/FORMAT.md; rule files as in rules/FORMAT.md), added to the
/// embedded defaults unless those are turned off. Build one and share it:
/// it is safe to use from several threads.
#[pyclass(module = "newsgraph", name = "Extractor", frozen)]
struct PyExtractor {
    inner: Arc<Extractor>,
}

#[pymethods]
impl PyExtractor {
    #[new]
    #[pyo3(signature = (gazetteers=Vec::new(), rules=Vec::new(), default_gazetteers=true, default_rules=true))]
    fn new(
        py: Python<'_>,
        gazetteers: Vec<PathBuf>,
        rules: Vec<PathBuf>,
        default_gazetteers: bool,
        default_rules: bool,
    ) -> PyResult<PyExtractor> {
        let built = py.detach(|| -> Result<Extractor, Error> {
            let mut b = Extractor::builder();
            b.default_gazetteers(if default_gazetteers {
                DefaultGazetteers::Include
            } else {
                DefaultGazetteers::Exclude
            });
            b.default_rules(if default_rules {
                DefaultRules::Include
            } else {
                DefaultRules::Exclude
            });
            for g in &gazetteers {
                b.gazetteer_path(g);
            }
            for r in &rules {
                b.rules_path(r);
            }
            b.build()
        });
        match built {
            Ok(x) => Ok(PyExtractor { inner: Arc::new(x) }),
            Err(e) => Err(py_error(py, &e)),
        }
    }

    /// Extracts one document. `id` defaults to a hash of the text.
    #[pyo3(signature = (text, id=None))]
    fn extract(&self, py: Python<'_>, text: String, id: Option<String>) -> PyDocument {
        let id = id.unwrap_or_else(|| text_id(&text));
        let x = &self.inner;
        let doc = py.detach(|| x.extract(&id, &text));
        PyDocument::new(doc)
    }

    /// Extracts every text of `texts`, yielding Documents in input order.
    ///
    /// An item is a `str` (its id is its position, from 0), an `(id, text)`
    /// pair, or a mapping with `id` and `text`. Batches are extracted on
    /// `threads` threads (default: one per core) with the GIL released.
    #[pyo3(signature = (texts, threads=None))]
    fn extract_many(
        &self,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<PyDocuments> {
        let threads = threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1);
        Ok(PyDocuments {
            extractor: self.inner.clone(),
            texts: texts.try_iter()?.unbind(),
            pool: pool(threads)?,
            batch: 16 * threads,
            ready: VecDeque::new(),
            position: 0,
        })
    }

    /// Extracts the documents of files and directories as the command line
    /// reads them, yielding Documents in input order.
    ///
    /// `input` is `"text"` (a file is a document; a directory's `*.txt`
    /// files, recursively; the id is the path relative to the argument,
    /// without extension), `"jsonl"` (`{"id", "text", "date"}` records) or
    /// `"documents"` (Document JSON Lines written by `newsgraph extract`,
    /// read back without extracting). `"-"` is standard input. A bad file
    /// or record (not UTF-8, malformed, an id already taken) raises a
    /// `NewsgraphError` naming its file and line when `errors="raise"`
    /// (the default), or is reported with `warnings.warn` and skipped when
    /// `errors="warn"`. `lossy=True` replaces invalid UTF-8.
    #[pyo3(signature = (paths, input="text", lossy=false, errors="raise", threads=None))]
    fn extract_paths(
        &self,
        paths: Vec<PathBuf>,
        input: &str,
        lossy: bool,
        errors: &str,
        threads: Option<usize>,
    ) -> PyResult<PyCorpusDocuments> {
        let format = match input {
            "text" => InputFormat::Text,
            "jsonl" => InputFormat::Jsonl,
            "documents" => InputFormat::Documents,
            other => {
                return Err(PyValueError::new_err(format!(
                    "input must be \"text\", \"jsonl\" or \"documents\", not {other:?}"
                )))
            }
        };
        let raise = match errors {
            "raise" => true,
            "warn" => false,
            other => {
                return Err(PyValueError::new_err(format!(
                    "errors must be \"raise\" or \"warn\", not {other:?}"
                )))
            }
        };
        let mut corpus = Corpus::new(paths);
        corpus.format(format);
        if lossy {
            corpus.utf8(Utf8Policy::Lossy);
        }
        let threads = threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1);
        Ok(PyCorpusDocuments {
            extractor: self.inner.clone(),
            inputs: corpus.inputs(),
            pool: pool(threads)?,
            batch: 16 * threads,
            ready: VecDeque::new(),
            raise,
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "Extractor({} gazetteer entries, {} rules)",
            self.inner.gazetteer().len(),
            self.inner.rules().len()
        )
    }
}

/// A pool of `threads` threads, or none for one.
fn pool(threads: usize) -> PyResult<Option<Arc<rayon::ThreadPool>>> {
    if threads <= 1 {
        return Ok(None);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| PyValueError::new_err(format!("no thread pool: {e}")))?;
    Ok(Some(Arc::new(pool)))
}

/// What a batch of a corpus holds, in input order.
enum Item {
    Record(Record),
    Document(Document),
    Bad(Error),
}

/// The documents of [`PyExtractor::extract_paths`], as an iterator. The
/// reader holds open files, so it stays on the thread that made it.
#[pyclass(module = "newsgraph", name = "CorpusDocuments", unsendable)]
struct PyCorpusDocuments {
    extractor: Arc<Extractor>,
    inputs: Inputs,
    pool: Option<Arc<rayon::ThreadPool>>,
    batch: usize,
    ready: VecDeque<Result<Document, Error>>,
    raise: bool,
}

#[pymethods]
impl PyCorpusDocuments {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<PyDocument>> {
        loop {
            if self.ready.is_empty() {
                self.fill(py)?;
            }
            match self.ready.pop_front() {
                None => return Ok(None),
                Some(Ok(doc)) => return Ok(Some(PyDocument::new(doc))),
                Some(Err(e)) if self.raise => return Err(py_error(py, &e)),
                Some(Err(e)) => warn(py, &e.to_string())?,
            }
        }
    }
}

impl PyCorpusDocuments {
    /// Reads the next batch and extracts its records with the GIL
    /// released. Warnings of the reader go to `warnings.warn` at once.
    fn fill(&mut self, py: Python<'_>) -> PyResult<()> {
        let mut items = Vec::with_capacity(self.batch);
        while items.len() < self.batch {
            match self.inputs.next() {
                Some(Input::Record(r)) => items.push(Item::Record(r)),
                Some(Input::Document(d)) => items.push(Item::Document(*d)),
                Some(Input::Bad(e)) => items.push(Item::Bad(e)),
                Some(Input::Warning(w)) => warn(py, &w)?,
                Some(_) => {}
                None => break,
            }
        }
        let x = &self.extractor;
        let pool = self.pool.clone();
        let one = |item: Item| match item {
            Item::Record(r) => Ok(x.extract_record(&r)),
            Item::Document(d) => Ok(d),
            Item::Bad(e) => Err(e),
        };
        let done: Vec<Result<Document, Error>> = py.detach(|| match pool {
            Some(pool) => pool.install(|| {
                use rayon::prelude::*;
                items.into_par_iter().with_max_len(1).map(one).collect()
            }),
            None => items.into_iter().map(one).collect(),
        });
        self.ready.extend(done);
        Ok(())
    }
}

/// `warnings.warn(message)`.
fn warn(py: Python<'_>, message: &str) -> PyResult<()> {
    py.import("warnings")?
        .call_method1("warn", (format!("newsgraph: {message}"),))?;
    Ok(())
}

/// The documents of [`PyExtractor::extract_many`], as an iterator.
#[pyclass(module = "newsgraph", name = "Documents")]
struct PyDocuments {
    extractor: Arc<Extractor>,
    texts: Py<PyIterator>,
    pool: Option<Arc<rayon::ThreadPool>>,
    batch: usize,
    ready: VecDeque<Document>,
    position: usize,
}

impl PyDocuments {
    /// The `(id, text)` of an input item.
    fn item(&mut self, item: &Bound<'_, PyAny>) -> PyResult<(String, String)> {
        let position = self.position;
        self.position += 1;
        if let Ok(text) = item.extract::<String>() {
            return Ok((position.to_string(), text));
        }
        if let Ok((id, text)) = item.extract::<(String, String)>() {
            return Ok((id, text));
        }
        if item.hasattr("keys")? {
            let id: String = item.get_item("id")?.extract()?;
            let text: String = item.get_item("text")?.extract()?;
            return Ok((id, text));
        }
        Err(PyTypeError::new_err(format!(
            "item {position} of extract_many: expected a str, an (id, text) pair or a mapping with id and text, got {}",
            item.get_type().name()?
        )))
    }
}

#[pymethods]
impl PyDocuments {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<PyDocument>> {
        if self.ready.is_empty() {
            let mut items = Vec::with_capacity(self.batch);
            let texts = self.texts.clone_ref(py);
            let mut iter = texts.into_bound(py);
            while items.len() < self.batch {
                match iter.next() {
                    Some(item) => items.push(self.item(&item?)?),
                    None => break,
                }
            }
            let x = &self.extractor;
            let pool = self.pool.clone();
            let docs: Vec<Document> = py.detach(|| match pool {
                Some(pool) => pool.install(|| {
                    use rayon::prelude::*;
                    items
                        .par_iter()
                        .map(|(id, text)| x.extract(id, text))
                        .collect()
                }),
                None => items.iter().map(|(id, text)| x.extract(id, text)).collect(),
            });
            self.ready.extend(docs);
        }
        Ok(self.ready.pop_front().map(PyDocument::new))
    }
}

/// A shared document and, for text that is not ASCII, the code-point
/// index of each byte offset.
struct Shared {
    doc: Document,
    chars: OnceLock<Option<Vec<u32>>>,
}

impl Shared {
    /// The code-point offset of byte offset `byte`.
    fn char_at(&self, byte: usize) -> usize {
        let text = self.doc.text();
        let map = self.chars.get_or_init(|| {
            (!text.is_ascii()).then(|| {
                let mut map = vec![0u32; text.len() + 1];
                let mut n = 0u32;
                for (i, c) in text.char_indices() {
                    for b in 0..c.len_utf8() {
                        map[i + b] = n;
                    }
                    n += 1;
                }
                map[text.len()] = n;
                map
            })
        });
        match map {
            Some(map) => map.get(byte).map_or(0, |&n| n as usize),
            None => byte,
        }
    }
}

/// A processed document: its entities, mentions and relations.
///
/// Offsets (`start`, `end`) are code points, so `doc.text[m.start:m.end] ==
/// m.text`; `byte_start` and `byte_end` are UTF-8 byte offsets.
/// `to_dict()` is the Document JSON.
#[pyclass(module = "newsgraph", name = "Document", frozen)]
struct PyDocument {
    shared: Arc<Shared>,
}

impl PyDocument {
    fn new(doc: Document) -> PyDocument {
        PyDocument {
            shared: Arc::new(Shared {
                doc,
                chars: OnceLock::new(),
            }),
        }
    }

    fn doc(&self) -> &Document {
        &self.shared.doc
    }

    fn entity(&self, index: usize) -> PyEntity {
        PyEntity {
            shared: self.shared.clone(),
            index,
        }
    }
}

#[pymethods]
impl PyDocument {
    /// Reads a document from its Document JSON (a line written by
    /// `newsgraph extract --format jsonl`, or `doc.to_json()`). The
    /// document read back holds the text of the spans its JSON quotes.
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str) -> PyResult<PyDocument> {
        Document::from_json(json)
            .map(PyDocument::new)
            .map_err(|e| py_error(py, &e))
    }

    /// The document id.
    #[getter]
    fn id(&self) -> &str {
        self.doc().id()
    }

    /// The text.
    #[getter]
    fn text(&self) -> &str {
        self.doc().text()
    }

    /// The date the text states (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), if any.
    #[getter]
    fn date(&self) -> Option<&str> {
        self.doc().date()
    }

    /// The entities, in order of first mention.
    #[getter]
    fn entities(&self) -> Vec<PyEntity> {
        (0..self.doc().entities().len())
            .map(|i| self.entity(i))
            .collect()
    }

    /// The mentions, in text order.
    #[getter]
    fn mentions(&self) -> Vec<PyMention> {
        (0..self.doc().mentions().len())
            .map(|index| PyMention {
                shared: self.shared.clone(),
                index,
            })
            .collect()
    }

    /// The relations, in text order.
    #[getter]
    fn relations(&self) -> Vec<PyRelation> {
        (0..self.doc().relations().len())
            .map(|index| PyRelation {
                shared: self.shared.clone(),
                index,
            })
            .collect()
    }

    /// The dateline that opens the story, as a dict (`text`, `place`,
    /// `entity`, `agency`, offsets), or None.
    #[getter]
    fn dateline<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let Some(d) = self.doc().dateline() else {
            return Ok(None);
        };
        let s = &self.shared;
        let out = PyDict::new(py);
        out.set_item("text", self.doc().span_text(d.span))?;
        out.set_item("start", s.char_at(d.span.start))?;
        out.set_item("end", s.char_at(d.span.end))?;
        out.set_item("place", self.doc().span_text(d.place))?;
        out.set_item("entity", d.entity.map(|i| self.entity(i)))?;
        out.set_item("agency", d.agency.map(|a| self.doc().span_text(a)))?;
        Ok(Some(out))
    }

    /// The Document JSON, as a string.
    fn to_json(&self) -> String {
        self.doc().to_json_string()
    }

    /// The Document JSON, as Python objects.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?.call_method1("loads", (self.to_json(),))
    }

    fn __repr__(&self) -> String {
        format!(
            "Document(id={:?}, {} entities, {} relations)",
            self.doc().id(),
            self.doc().entities().len(),
            self.doc().relations().len()
        )
    }
}

/// An entity of a document.
#[pyclass(module = "newsgraph", name = "Entity", frozen)]
struct PyEntity {
    shared: Arc<Shared>,
    index: usize,
}

impl PyEntity {
    fn get(&self) -> &newsgraph::Entity {
        &self.shared.doc.entities()[self.index]
    }
}

#[pymethods]
impl PyEntity {
    /// Gazetteer id, or `guess:<kind>:<slug>` for a guessed entity.
    #[getter]
    fn id(&self) -> &str {
        self.get().id.as_str()
    }

    /// The canonical name.
    #[getter]
    fn name(&self) -> &str {
        &self.get().name
    }

    /// `PERSON`, `PLACE` or `ORG`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.get().kind.as_str()
    }

    /// The gazetteer subkind (`city`, `country`, ...), if any.
    #[getter]
    fn subkind(&self) -> Option<&str> {
        self.get().subkind.as_deref()
    }

    /// `gazetteer` or `guess`.
    #[getter]
    fn source(&self) -> &'static str {
        self.get().source.as_str()
    }

    /// The entity's mentions, in text order.
    #[getter]
    fn mentions(&self) -> Vec<PyMention> {
        self.get()
            .mentions
            .iter()
            .map(|&index| PyMention {
                shared: self.shared.clone(),
                index,
            })
            .collect()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyEntity>()
            .is_ok_and(|o| o.get().get().id == self.get().id)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.get().id.as_str().hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        format!(
            "Entity({:?}, {}, {:?})",
            self.name(),
            self.kind(),
            self.id()
        )
    }
}

/// A mention of an entity in the text.
#[pyclass(module = "newsgraph", name = "Mention", frozen)]
struct PyMention {
    shared: Arc<Shared>,
    index: usize,
}

impl PyMention {
    fn get(&self) -> &newsgraph::Mention {
        &self.shared.doc.mentions()[self.index]
    }
}

#[pymethods]
impl PyMention {
    /// The text of the mention.
    #[getter]
    fn text(&self) -> &str {
        self.shared.doc.mention_text(self.get())
    }

    /// Start, in code points.
    #[getter]
    fn start(&self) -> usize {
        self.shared.char_at(self.get().span.start)
    }

    /// End, in code points.
    #[getter]
    fn end(&self) -> usize {
        self.shared.char_at(self.get().span.end)
    }

    /// Start, in bytes of the UTF-8 text.
    #[getter]
    fn byte_start(&self) -> usize {
        self.get().span.start
    }

    /// End, in bytes of the UTF-8 text.
    #[getter]
    fn byte_end(&self) -> usize {
        self.get().span.end
    }

    /// `name`, `demonym`, `nominal` or `pronoun`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.get().kind.as_str()
    }

    /// The rule that made the mention: `gazetteer`, `guess/title`, ...
    #[getter]
    fn rule(&self) -> &'static str {
        self.get().rule
    }

    /// The entity it names.
    #[getter]
    fn entity(&self) -> PyEntity {
        PyEntity {
            shared: self.shared.clone(),
            index: self.get().entity,
        }
    }

    /// The index of its sentence.
    #[getter]
    fn sentence(&self) -> Option<usize> {
        self.shared.doc.sentence_at(self.get().span.start)
    }

    fn __repr__(&self) -> String {
        format!(
            "Mention({:?}, {}..{}, {})",
            self.text(),
            self.start(),
            self.end(),
            self.kind()
        )
    }
}

/// A typed relation with its evidence.
///
/// `type` is `MEETS`, `HOLDS_ROLE`, `LOCATED_IN`, `SAID` or `CALLS`;
/// `arguments` maps each argument's name to an Entity (or, for `role` and
/// `quote`, a str): `a`, `b`, `place` for MEETS; `person`, `role`, `of` for
/// HOLDS_ROLE; `inner`, `outer` for LOCATED_IN; `speaker`, `quote` for SAID;
/// `a`, `b` for CALLS. Each is also an attribute (`r.a`, `r.place`), None
/// where the relation has no such argument.
#[pyclass(module = "newsgraph", name = "Relation", frozen)]
struct PyRelation {
    shared: Arc<Shared>,
    index: usize,
}

impl PyRelation {
    fn get(&self) -> &newsgraph::Relation {
        &self.shared.doc.relations()[self.index]
    }

    fn entity(&self, index: usize) -> PyEntity {
        PyEntity {
            shared: self.shared.clone(),
            index,
        }
    }

    /// The argument `name`, if the relation has it.
    fn argument(&self, py: Python<'_>, name: &str) -> PyResult<Option<Py<PyAny>>> {
        let e = |i: usize| -> PyResult<Option<Py<PyAny>>> {
            Ok(Some(Py::new(py, self.entity(i))?.into_any()))
        };
        let opt = |i: Option<usize>| -> PyResult<Option<Py<PyAny>>> {
            match i {
                Some(i) => e(i),
                None => Ok(None),
            }
        };
        let s = |t: &str| -> PyResult<Option<Py<PyAny>>> {
            Ok(Some(PyString::new(py, t).into_any().unbind()))
        };
        match (&self.get().args, name) {
            (Args::Meets { a, .. } | Args::Calls { a, .. }, "a") => e(*a),
            (Args::Meets { b, .. } | Args::Calls { b, .. }, "b") => e(*b),
            (Args::Meets { place, .. }, "place") => opt(*place),
            (Args::HoldsRole { person, .. }, "person") => e(*person),
            (Args::HoldsRole { of, .. }, "of") => opt(*of),
            (Args::HoldsRole { role, .. }, "role") => s(role),
            (Args::LocatedIn { inner, .. }, "inner") => e(*inner),
            (Args::LocatedIn { outer, .. }, "outer") => e(*outer),
            (Args::Said { speaker, .. }, "speaker") => e(*speaker),
            (Args::Said { quote: Some(q), .. }, "quote") => s(self.shared.doc.span_text(*q)),
            _ => Ok(None),
        }
    }

    fn argument_names(&self) -> &'static [&'static str] {
        match self.get().args {
            Args::Meets { .. } => &["a", "b", "place"],
            Args::HoldsRole { .. } => &["person", "role", "of"],
            Args::LocatedIn { .. } => &["inner", "outer"],
            Args::Said { .. } => &["speaker", "quote"],
            Args::Calls { .. } => &["a", "b"],
            _ => &[],
        }
    }
}

#[pymethods]
impl PyRelation {
    /// `MEETS`, `HOLDS_ROLE`, `LOCATED_IN`, `SAID` or `CALLS`.
    #[getter(r#type)]
    fn kind(&self) -> &'static str {
        self.get().kind().as_str()
    }

    /// `asserted`, `planned`, `hypothetical` or `negated`.
    #[getter]
    fn modality(&self) -> &'static str {
        self.get().modality.as_str()
    }

    /// The rule that found it: `meet/coordinated-subject`.
    #[getter]
    fn rule(&self) -> &str {
        &self.get().rule
    }

    /// The arguments by name.
    #[getter]
    fn arguments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for name in self.argument_names() {
            out.set_item(name, self.argument(py, name)?)?;
        }
        Ok(out)
    }

    #[getter]
    fn a(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        self.argument(py, "a")
    }

    #[getter]
    fn b(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        self.argument(py, "b")
    }

    #[getter]
    fn place(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        self.argument(py, "place")
    }

    #[getter]
    fn person(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        self.argument(py, "person")
    }

    #[getter]
    fn role(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        self.argument(py, "role")
    }

    #[getter]
    fn of(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        self.argument(py, "of")
    }

    #[getter]
    fn inner(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        self.argument(py, "inner")
    }

    #[getter]
    fn outer(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        self.argument(py, "outer")
    }

    #[getter]
    fn speaker(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        self.argument(py, "speaker")
    }

    #[getter]
    fn quote(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        self.argument(py, "quote")
    }

    /// The sentence (or sentences) stating it.
    #[getter]
    fn evidence(&self) -> &str {
        self.shared.doc.span_text(self.get().evidence)
    }

    /// Start of the evidence, in code points.
    #[getter]
    fn start(&self) -> usize {
        self.shared.char_at(self.get().evidence.start)
    }

    /// End of the evidence, in code points.
    #[getter]
    fn end(&self) -> usize {
        self.shared.char_at(self.get().evidence.end)
    }

    /// Start of the evidence, in bytes.
    #[getter]
    fn byte_start(&self) -> usize {
        self.get().evidence.start
    }

    /// End of the evidence, in bytes.
    #[getter]
    fn byte_end(&self) -> usize {
        self.get().evidence.end
    }

    /// The trigger words ("met"), if the rule marks them.
    #[getter]
    fn trigger(&self) -> Option<&str> {
        self.get().trigger.map(|t| self.shared.doc.span_text(t))
    }

    /// When it happened, as the text says it ("on Friday").
    #[getter]
    fn when(&self) -> Option<&str> {
        self.get().when.map(|t| self.shared.doc.span_text(t))
    }

    /// That time as `YYYY-MM-DD`, where the document's date allows.
    #[getter]
    fn date(&self) -> Option<&str> {
        self.get().date.as_deref()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let args = self.arguments(py)?;
        Ok(format!(
            "Relation({}, {}, {})",
            self.kind(),
            args.repr()?,
            self.modality()
        ))
    }
}

/// A graph of entities and the relations between them, over documents.
///
/// `Graph(max_evidence=None)`: with a bound, each edge keeps its first so
/// many pieces of evidence and exact counts, so the graph of a large corpus
/// stays small. `add` a Document, `merge` another Graph (associative and commutative, as
/// in Rust); a Graph pickles (as its JSON), so Spark and multiprocessing can
/// ship it. `write(path_or_file, format)` writes `json`, `jsonl`, `graphml`,
/// `dot` or `csv` (a directory that gets nodes.csv and edges.csv).
#[pyclass(module = "newsgraph", name = "Graph")]
#[derive(Clone)]
struct PyGraph {
    inner: EntityGraph,
}

fn relation_kind(name: &str) -> PyResult<RelationKind> {
    Ok(match name.to_ascii_uppercase().as_str() {
        "MEETS" => RelationKind::Meets,
        "HOLDS_ROLE" => RelationKind::HoldsRole,
        "LOCATED_IN" => RelationKind::LocatedIn,
        "SAID" => RelationKind::Said,
        "CALLS" => RelationKind::Calls,
        _ => {
            return Err(PyValueError::new_err(format!(
                "unknown relation type {name:?} (MEETS, HOLDS_ROLE, LOCATED_IN, SAID, CALLS)"
            )))
        }
    })
}

fn modality(name: &str) -> PyResult<Modality> {
    Ok(match name.to_ascii_lowercase().as_str() {
        "asserted" => Modality::Asserted,
        "planned" => Modality::Planned,
        "hypothetical" => Modality::Hypothetical,
        "negated" => Modality::Negated,
        _ => {
            return Err(PyValueError::new_err(format!(
                "unknown modality {name:?} (asserted, planned, hypothetical, negated)"
            )))
        }
    })
}

impl PyGraph {
    fn json(&self) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing to memory cannot fail.
        let _ = self.inner.write_json(&mut out);
        out
    }
}

#[pymethods]
impl PyGraph {
    #[new]
    #[pyo3(signature = (max_evidence=None))]
    fn new(max_evidence: Option<usize>) -> PyGraph {
        let mut inner = EntityGraph::new();
        inner.set_max_evidence(max_evidence);
        PyGraph { inner }
    }

    /// The most pieces of evidence an edge keeps (None: all). Counts,
    /// documents, modalities and rules stay exact; which evidence is kept
    /// does not depend on the order of adding and merging.
    #[getter]
    fn max_evidence(&self) -> Option<usize> {
        self.inner.max_evidence()
    }

    /// Adds a document's entities and relations.
    fn add(&mut self, doc: &PyDocument) {
        self.inner.add(doc.doc());
    }

    /// Adds every fact of `other` (which is left as it was).
    fn merge(&mut self, other: &PyGraph) {
        self.inner.merge(other.inner.clone());
    }

    /// The number of nodes.
    fn __len__(&self) -> usize {
        self.inner.node_count()
    }

    /// The number of nodes.
    #[getter]
    fn node_count(&self) -> usize {
        self.inner.node_count()
    }

    /// The number of edges.
    #[getter]
    fn edge_count(&self) -> usize {
        self.inner.edge_count()
    }

    /// Asserted meetings, as dicts: `a`, `b`, `place` (each a dict with
    /// `id` and `name`, place None if unknown), `documents`, `evidence`
    /// (how many statements).
    fn meetings<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let node = |id: &newsgraph::EntityId| -> PyResult<Bound<'py, PyDict>> {
            let d = PyDict::new(py);
            d.set_item("id", id.as_str())?;
            d.set_item(
                "name",
                self.inner.node(id.as_str()).map(|n| n.name().to_string()),
            )?;
            Ok(d)
        };
        self.inner
            .meetings()
            .map(|m| {
                let d = PyDict::new(py);
                d.set_item("a", node(m.a.id())?)?;
                d.set_item("b", node(m.b.id())?)?;
                d.set_item("place", m.place.map(|p| node(p.id())).transpose()?)?;
                d.set_item("documents", m.edge.documents().collect::<Vec<_>>())?;
                d.set_item("evidence", m.edge.evidence_count())?;
                Ok(d)
            })
            .collect()
    }

    /// The subgraph of the edges of the given types and modalities with at
    /// least `min_evidence` statements, and the nodes they join.
    #[pyo3(signature = (relations=None, modalities=None, min_evidence=None))]
    fn filter(
        &self,
        relations: Option<Vec<String>>,
        modalities: Option<Vec<String>>,
        min_evidence: Option<usize>,
    ) -> PyResult<PyGraph> {
        let mut f = GraphFilter::new();
        if let Some(r) = relations {
            f.relations(
                r.iter()
                    .map(|r| relation_kind(r))
                    .collect::<PyResult<Vec<_>>>()?,
            );
        }
        if let Some(m) = modalities {
            f.modalities(
                m.iter()
                    .map(|m| modality(m))
                    .collect::<PyResult<Vec<_>>>()?,
            );
        }
        if let Some(n) = min_evidence {
            f.min_evidence(n);
        }
        Ok(PyGraph {
            inner: self.inner.filter(&f),
        })
    }

    /// The graph JSON (node-link, as networkx reads it), as a string.
    fn to_json(&self) -> String {
        String::from_utf8_lossy(&self.json()).into_owned()
    }

    /// A graph read back from its JSON (str or bytes), with a bound on its
    /// evidence if given.
    #[staticmethod]
    #[pyo3(signature = (data, max_evidence=None))]
    fn from_json(
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        max_evidence: Option<usize>,
    ) -> PyResult<PyGraph> {
        let bytes: Vec<u8> = if data.is_instance_of::<PyString>() {
            data.extract::<String>()?.into_bytes()
        } else {
            data.extract::<Vec<u8>>()?
        };
        let mut inner = EntityGraph::from_json(&bytes[..]).map_err(|e| py_error(py, &e))?;
        inner.set_max_evidence(max_evidence);
        Ok(PyGraph { inner })
    }

    /// Writes the graph to a path or a binary file object, in `format`:
    /// `json`, `jsonl`, `graphml`, `dot`, or `csv` (a directory path).
    #[pyo3(signature = (path_or_file, format="json"))]
    fn write(&self, py: Python<'_>, path_or_file: &Bound<'_, PyAny>, format: &str) -> PyResult<()> {
        let io = |path: &str, e: std::io::Error| py_error(py, &Error::io(path, &e));
        if format == "csv" {
            let dir: PathBuf = path_or_file.extract().map_err(|_| {
                PyValueError::new_err(
                    "format csv writes nodes.csv and edges.csv: give a directory path",
                )
            })?;
            let shown = dir.display().to_string();
            fs::create_dir_all(&dir).map_err(|e| io(&shown, e))?;
            let nodes = fs::File::create(dir.join("nodes.csv")).map_err(|e| io(&shown, e))?;
            let edges = fs::File::create(dir.join("edges.csv")).map_err(|e| io(&shown, e))?;
            return self
                .inner
                .write_csv(nodes, edges)
                .map_err(|e| io(&shown, e));
        }
        let mut out = Vec::new();
        match format {
            "json" => self.inner.write_json(&mut out),
            "jsonl" => self.inner.write_jsonl(&mut out),
            "graphml" => self.inner.write_graphml(&mut out),
            "dot" => self.inner.write_dot(&mut out),
            _ => {
                return Err(PyValueError::new_err(format!(
                    "unknown format {format:?} (json, jsonl, graphml, dot, csv)"
                )))
            }
        }
        .map_err(|e| io("<memory>", e))?;
        if let Ok(path) = path_or_file.extract::<PathBuf>() {
            let shown = path.display().to_string();
            let mut f = fs::File::create(&path).map_err(|e| io(&shown, e))?;
            return f.write_all(&out).map_err(|e| io(&shown, e));
        }
        path_or_file.call_method1("write", (PyBytes::new(py, &out),))?;
        Ok(())
    }

    /// The graph's facts (before guessed entities are folded), as
    /// `(key, record)` pairs: records of one key join into one with
    /// `Graph.from_facts`. For builds no one machine holds (`newsgraph.spark`).
    fn facts(&self, py: Python<'_>) -> PyResult<Vec<(String, String)>> {
        let mut out = Vec::new();
        self.inner
            .write_facts(&mut out)
            .map_err(|e| py_error(py, &Error::io("<memory>", &e)))?;
        Ok(String::from_utf8_lossy(&out)
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(k, r)| (k.to_string(), r.to_string()))
            .collect())
    }

    /// A graph of fact records (`Graph.facts`), joined key by key.
    #[staticmethod]
    #[pyo3(signature = (records, max_evidence=None))]
    fn from_facts(
        py: Python<'_>,
        records: Vec<String>,
        max_evidence: Option<usize>,
    ) -> PyResult<PyGraph> {
        let text = records.join("\n");
        EntityGraph::from_facts(text.as_bytes(), max_evidence)
            .map(|inner| PyGraph { inner })
            .map_err(|e| py_error(py, &e))
    }

    /// `(id, is_guess, keys)` per node: a guess folds into the one
    /// gazetteer node that shares one of its keys, where only one does.
    fn alias_keys(&self) -> Vec<(String, bool, Vec<String>)> {
        self.inner.alias_keys()
    }

    /// The facts folded with `alias` (guess id → gazetteer id).
    fn folded(&self, alias: std::collections::HashMap<String, String>) -> PyGraph {
        PyGraph {
            inner: self
                .inner
                .folded(alias.iter().map(|(g, t)| (g.as_str(), t.as_str()))),
        }
    }

    /// The JSON export's lines for this graph, each with its sort key.
    fn json_lines(&self) -> Vec<(String, String)> {
        self.inner.json_lines()
    }

    /// The graph as a networkx MultiDiGraph (networkx must be installed).
    fn to_networkx<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let data = py
            .import("json")?
            .call_method1("loads", (self.to_json(),))?;
        let nx = py.import("networkx")?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("edges", "links")?;
        nx.call_method("node_link_graph", (data,), Some(&kwargs))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyGraph>()
            .is_ok_and(|o| o.borrow().inner == self.inner)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let from_json = py.get_type::<PyGraph>().getattr("from_json")?;
        let graph = slf.borrow();
        let json = PyBytes::new(py, &graph.json()).into_any();
        let max = graph.inner.max_evidence().into_pyobject(py)?.into_any();
        Ok((from_json, PyTuple::new(py, [json, max])?))
    }

    fn __repr__(&self) -> String {
        format!(
            "Graph({} nodes, {} edges)",
            self.inner.node_count(),
            self.inner.edge_count()
        )
    }
}

#[pymodule]
fn _newsgraph(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyExtractor>()?;
    m.add_class::<PyDocuments>()?;
    m.add_class::<PyCorpusDocuments>()?;
    m.add_class::<PyDocument>()?;
    m.add_class::<PyEntity>()?;
    m.add_class::<PyMention>()?;
    m.add_class::<PyRelation>()?;
    m.add_class::<PyGraph>()?;
    m.add("NewsgraphError", m.py().get_type::<NewsgraphError>())?;
    m.add("JSON_HEAD", newsgraph::JSON_HEAD)?;
    m.add("JSON_MIDDLE", newsgraph::JSON_MIDDLE)?;
    m.add("JSON_TAIL", newsgraph::JSON_TAIL)?;
    Ok(())
}
