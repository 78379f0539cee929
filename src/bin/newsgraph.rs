//! The `newsgraph` command: glue between arguments, the library and stdout.

use std::fs;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand, ValueEnum};
use graph::{GraphArgs, MergeArgs};
use newsgraph::eval::{read_conll, Counts, NerType, Scorer};
use newsgraph::{
    decode_text, read_text, DefaultGazetteers, DefaultRules, Document, EntityGraph, ErrorKind,
    Extractor, GraphFilter, JsonlReader, Modality, RelationKind, Utf8Policy,
};

#[derive(Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "People, places and organisations in English news, and how they relate"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities (and relations) from text files, directories of *.txt or JSON Lines.
    Extract(ExtractArgs),
    /// Score extraction against annotated data.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Build the entity graph of text files, directories of *.txt or JSON Lines, and export it.
    Graph(GraphArgs),
    /// Merge graphs written by `graph --format json` into one.
    Merge(MergeArgs),
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Exact-span PER/LOC/ORG precision, recall and F1 on a CoNLL-2003 file (IOB1 or IOB2 tags).
    Conll(ConllArgs),
    /// Asserted MEETS precision, recall and F1 on a judged development set, by half.
    Meets(MeetsArgs),
}

#[derive(clap::Args)]
struct MeetsArgs {
    /// The judged set (source, doc, sentence, a, b, place, date, modality, note).
    #[arg(long, default_value = "tests/data/meets/dev.tsv")]
    set: PathBuf,
    /// The folder the set's sources are read from.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Print each miss, spurious meeting and asserted negative.
    #[arg(long)]
    errors: bool,
    #[command(flatten)]
    gazetteers: GazetteerArgs,
}

#[derive(clap::Args)]
struct ConllArgs {
    /// The CoNLL file: token … tag per line, blank lines between sentences, -DOCSTART- between documents.
    file: PathBuf,
    #[command(flatten)]
    gazetteers: GazetteerArgs,
    /// Replace invalid UTF-8 with U+FFFD instead of reporting an error.
    #[arg(long)]
    lossy: bool,
}

/// Which gazetteers the extractor loads; shared by the subcommands.
#[derive(clap::Args)]
struct GazetteerArgs {
    /// Extra gazetteer file (TSV); may be repeated.
    #[arg(long = "gazetteer", value_name = "FILE")]
    gazetteers: Vec<PathBuf>,
    /// Use only the --gazetteer files, not the embedded defaults.
    #[arg(long)]
    no_default_gazetteers: bool,
    /// Extra relation rule file (rules/FORMAT.md); may be repeated.
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
    /// Use only the --rules files, not the embedded default rules.
    #[arg(long)]
    no_default_rules: bool,
}

impl GazetteerArgs {
    /// The extractor, or the error already printed and its exit status.
    ///
    /// It lives until the process ends: one command runs per process, and
    /// freeing the gazetteers' hundreds of thousands of allocations on the
    /// way out would only make every run that much longer.
    fn build(&self) -> Result<&'static Extractor, ExitCode> {
        let build = || -> Result<Extractor, newsgraph::Error> {
            let mut builder = Extractor::builder();
            if self.no_default_gazetteers {
                builder.default_gazetteers(DefaultGazetteers::Exclude);
            }
            for g in &self.gazetteers {
                builder.gazetteer_path(g);
            }
            if self.no_default_rules {
                builder.default_rules(DefaultRules::Exclude);
            }
            for r in &self.rules {
                builder.rules_path(r);
            }
            builder.build()
        };
        match build() {
            Ok(x) => Ok(Box::leak(Box::new(x))),
            Err(e) => {
                eprintln!("newsgraph: {e}");
                Err(ExitCode::from(1))
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputFormat {
    /// Plain text files, or directories of *.txt (document id = file stem).
    Text,
    /// JSON Lines, one {"id": …, "text": …} per line.
    Jsonl,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// One JSON array of documents.
    Json,
    /// One document object per line.
    Jsonl,
}

#[derive(clap::Args)]
struct ExtractArgs {
    #[command(flatten)]
    inputs: InputArgs,
    /// How to write the documents.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: OutputFormat,
}

/// The documents to read and how; shared by `extract` and `graph`.
#[derive(clap::Args)]
struct InputArgs {
    /// Files or directories; `-` or nothing reads standard input.
    paths: Vec<PathBuf>,
    /// How to read the input.
    #[arg(long, value_enum, default_value = "text")]
    input: InputFormat,
    #[command(flatten)]
    gazetteers: GazetteerArgs,
    /// Replace invalid UTF-8 with U+FFFD instead of reporting an error.
    #[arg(long)]
    lossy: bool,
    /// Report bad records on stderr and go on; the exit status is still 1.
    #[arg(long)]
    keep_going: bool,
    /// Worker threads for extraction (0: one per core). Output order is the
    /// input order whatever the number.
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N")]
    threads: usize,
}

/// Exit status: 0 all good, 1 bad input data, 2 unreadable or missing paths.
#[derive(Default)]
struct Status {
    data_errors: usize,
    path_errors: usize,
}

impl Status {
    fn code(&self) -> ExitCode {
        if self.path_errors > 0 {
            ExitCode::from(2)
        } else if self.data_errors > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Eval(EvalCommand::Conll(args)) => eval_conll(args),
        Command::Eval(EvalCommand::Meets(args)) => eval_meets(args),
        Command::Graph(args) => graph::build(args),
        Command::Merge(args) => graph::merge(args),
    }
}

/// Where `run` sends each document it reads, in two steps: `prepare` runs
/// on the worker threads, `write` on the main thread in input order.
trait DocumentSink {
    /// What a worker makes of a document.
    type Prepared: Send + 'static;
    fn prepare(doc: Document) -> Self::Prepared;
    fn write(&mut self, prepared: Self::Prepared) -> io::Result<()>;
}

impl<W: Write> DocumentSink for Sink<W> {
    /// The Document JSON.
    type Prepared = Vec<u8>;

    fn prepare(doc: Document) -> Vec<u8> {
        let mut out = Vec::with_capacity(doc.text().len() * 2);
        // Writing to a Vec cannot fail.
        let _ = doc.write_json(&mut out);
        out
    }

    fn write(&mut self, json: Vec<u8>) -> io::Result<()> {
        Sink::write(self, &json)
    }
}

/// Writes documents as JSON Lines or as one JSON array.
struct Sink<W: Write> {
    out: W,
    format: OutputFormat,
    count: usize,
}

impl<W: Write> Sink<W> {
    /// Writes one document, given as its Document JSON.
    fn write(&mut self, json: &[u8]) -> io::Result<()> {
        if self.format == OutputFormat::Json {
            self.out
                .write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
        }
        self.out.write_all(json)?;
        if self.format == OutputFormat::Jsonl {
            self.out.write_all(b"\n")?;
        }
        self.count += 1;
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.format == OutputFormat::Json {
            self.out
                .write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()
    }
}

fn extract(args: ExtractArgs) -> ExitCode {
    let extractor = match args.inputs.gazetteers.build() {
        Ok(x) => x,
        Err(code) => return code,
    };
    let stdout = io::stdout();
    let sink = Sink {
        out: BufWriter::with_capacity(1 << 16, stdout.lock()),
        format: args.format,
        count: 0,
    };
    let mut batch = match Batch::new(&args.inputs, extractor, sink) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let mut status = Status::default();
    let result = run(&args.inputs, &mut batch, &mut status).and_then(|()| batch.sink.finish());
    if let Err(e) = result {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return status.code();
        }
        eprintln!("newsgraph: writing output: {e}");
        return ExitCode::from(1);
    }
    if args.inputs.keep_going && status.data_errors > 0 {
        eprintln!("newsgraph: {} bad record(s) skipped", status.data_errors);
    }
    status.code()
}

fn eval_conll(args: ConllArgs) -> ExitCode {
    let utf8 = if args.lossy {
        Utf8Policy::Lossy
    } else {
        Utf8Policy::Strict
    };
    let docs = match read_conll(&args.file, utf8) {
        Ok(docs) => docs,
        Err(e) => {
            let mut status = Status::default();
            report(&e, &mut status);
            return status.code();
        }
    };
    let extractor = match args.gazetteers.build() {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mut scorer = Scorer::new();
    let (mut bytes, mut seconds) = (0, Duration::ZERO);
    for gold in &docs {
        let start = Instant::now();
        let doc = extractor.extract(gold.id(), gold.text());
        seconds += start.elapsed();
        bytes += gold.text().len();
        scorer.add_document(gold, &doc);
    }

    let mut out = String::from("type   precision  recall      F1      tp      fp      fn\n");
    let rows = NerType::ALL.map(|t| (t.as_str(), scorer.counts(t)));
    for (name, c) in rows.into_iter().chain([("micro", scorer.micro())]) {
        out.push_str(&row(name, c));
    }
    let (mb, secs) = (bytes as f64 / 1e6, seconds.as_secs_f64());
    out.push_str(&format!(
        "documents={} bytes={bytes} MB={mb:.3} seconds={secs:.3} MB/s={:.2} (extraction only, one thread)\n",
        docs.len(),
        if secs > 0.0 { mb / secs } else { 0.0 },
    ));
    match io::stdout().lock().write_all(out.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("newsgraph: writing output: {e}");
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}

fn eval_meets(args: MeetsArgs) -> ExitCode {
    use newsgraph::eval::meets;
    let mut status = Status::default();
    let set = match meets::read_set(&args.set) {
        Ok(set) => set,
        Err(e) => {
            report(&e, &mut status);
            return status.code();
        }
    };
    let extractor = match args.gazetteers.build() {
        Ok(x) => x,
        Err(code) => return code,
    };
    let scores = match meets::score(extractor, &args.data, &set) {
        Ok(s) => s,
        Err(e) => {
            report(&e, &mut status);
            return status.code();
        }
    };
    let mut out = String::from(
        "half   precision  recall      F1      tp      fp      fn  negatives asserted\n",
    );
    let mut total = meets::MeetScore::default();
    for (half, s) in &scores {
        out.push_str(&format!(
            "{}{:>11}\n",
            row(half.as_str(), s.counts).trim_end(),
            format!("{}/{}", s.negatives_asserted, s.negatives)
        ));
        total.counts += s.counts;
        total.negatives += s.negatives;
        total.negatives_asserted += s.negatives_asserted;
    }
    out.push_str(&format!(
        "{}{:>11}\n",
        row("all", total.counts).trim_end(),
        format!("{}/{}", total.negatives_asserted, total.negatives)
    ));
    if args.errors {
        for (half, s) in &scores {
            for e in &s.errors {
                out.push_str(&format!("{} {e}\n", half.as_str()));
            }
        }
    }
    match io::stdout().lock().write_all(out.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("newsgraph: writing output: {e}");
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// One line of the score table.
fn row(name: &str, c: Counts) -> String {
    format!(
        "{name:<6} {:>9.4} {:>7.4} {:>7.4} {:>7} {:>7} {:>7}\n",
        c.precision(),
        c.recall(),
        c.f1(),
        c.true_positives,
        c.false_positives,
        c.false_negatives
    )
}

/// What the input gives: a document to extract, or a bad record or file.
enum Item {
    Doc {
        id: String,
        text: String,
    },
    /// A file that cannot be read or decoded.
    Bad(newsgraph::Error),
    /// A JSON Lines record that is not `{"id": …, "text": …}`: the message.
    BadRecord(String),
}

/// Input items on their way to the sink: extracted together on the worker
/// threads, then written in input order. A batch holds a bounded number of
/// items and bytes, so memory stays bounded whatever the input's size.
struct Batch<'x, S: DocumentSink> {
    items: Vec<Item>,
    bytes: usize,
    /// The batch being extracted on the workers while this thread writes
    /// the one before and reads the one after.
    inflight: Option<std::thread::JoinHandle<Extracted<S>>>,
    threads: usize,
    pool: std::sync::Arc<rayon::ThreadPool>,
    extractor: &'x Extractor,
    keep_going: bool,
    /// A bad record ended processing (no --keep-going).
    stopped: bool,
    sink: S,
}

/// What a worker makes of an item: its document, prepared for the sink.
fn prepare<S: DocumentSink>(x: &Extractor, item: &Item) -> Option<S::Prepared> {
    match item {
        Item::Doc { id, text } => Some(S::prepare(x.extract(id, text))),
        _ => None,
    }
}

/// A batch's items with what the workers made of each document.
type Extracted<S> = (Vec<Item>, Vec<Option<<S as DocumentSink>::Prepared>>);

/// Most bytes of text in one batch.
const BATCH_BYTES: usize = 8 << 20;

/// Most documents in one batch, per worker thread.
const BATCH_DOCS_PER_THREAD: usize = 256;

impl<'x, S: DocumentSink> Batch<'x, S> {
    fn new(args: &InputArgs, extractor: &'x Extractor, sink: S) -> Result<Self, ExitCode> {
        let threads = match args.threads {
            0 => std::thread::available_parallelism().map_or(1, usize::from),
            n => n,
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| {
                eprintln!("newsgraph: cannot start {threads} threads: {e}");
                ExitCode::from(2)
            })?;
        let pool = std::sync::Arc::new(pool);
        Ok(Batch {
            items: Vec::new(),
            bytes: 0,
            inflight: None,
            threads,
            pool,
            extractor,
            keep_going: args.keep_going,
            stopped: false,
            sink,
        })
    }

    /// Adds an item; processes the batch when it is full. Returns false once
    /// processing has stopped.
    fn push(&mut self, item: Item, status: &mut Status) -> io::Result<bool> {
        if let Item::Doc { text, .. } = &item {
            self.bytes += text.len();
        }
        self.items.push(item);
        // One thread: no reason to wait (and no latency on a pipe). With
        // several, each batch costs a hand-over to the workers and back;
        // batches of a few hundred news articles per thread make that
        // cost small (64 per thread measured 2-3 % slower on two threads).
        if self.threads == 1
            || self.items.len() >= BATCH_DOCS_PER_THREAD * self.threads
            || self.bytes >= BATCH_BYTES
        {
            self.flush(status)?;
        }
        Ok(!self.stopped)
    }

    /// Extracts the batch's documents. With one thread they are extracted
    /// and written at once. With more, the batch goes to the workers and
    /// this thread writes the batch before it, then returns to read the
    /// next: reading and writing overlap extraction instead of leaving the
    /// workers idle.
    fn flush(&mut self, status: &mut Status) -> io::Result<()> {
        let items = std::mem::take(&mut self.items);
        self.bytes = 0;
        if self.stopped {
            return Ok(());
        }
        if self.threads == 1 {
            let x = self.extractor;
            let prepared = items.iter().map(|item| prepare::<S>(x, item)).collect();
            return self.write_out(items, prepared, status);
        }
        let before = self.inflight.take();
        if !items.is_empty() {
            let (x, pool) = (self.extractor.clone(), self.pool.clone());
            self.inflight = Some(std::thread::spawn(move || {
                use rayon::prelude::*;
                let prepared = pool.install(|| {
                    items
                        .par_iter()
                        .with_max_len(1)
                        .map(|item| prepare::<S>(&x, item))
                        .collect()
                });
                (items, prepared)
            }));
        }
        if let Some(before) = before {
            let (items, prepared) = before
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            self.write_out(items, prepared, status)?;
        }
        if self.stopped {
            // What is still being extracted is not written.
            self.inflight = None;
        }
        Ok(())
    }

    /// Extracts what is left and writes everything not yet written.
    fn finish(&mut self, status: &mut Status) -> io::Result<()> {
        self.flush(status)?;
        self.flush(status)
    }

    /// Writes a batch's documents and reports its bad items, in input order.
    fn write_out(
        &mut self,
        items: Vec<Item>,
        prepared: Vec<Option<S::Prepared>>,
        status: &mut Status,
    ) -> io::Result<()> {
        for (item, out) in items.iter().zip(prepared) {
            match (item, out) {
                (Item::Doc { .. }, Some(out)) => self.sink.write(out)?,
                // A bad file is reported, and the other files go on.
                (Item::Bad(e), _) => report(e, status),
                (Item::BadRecord(message), _) => {
                    eprintln!("newsgraph: {message}");
                    status.data_errors += 1;
                    if !self.keep_going {
                        self.stopped = true;
                        return Ok(());
                    }
                }
                (Item::Doc { .. }, None) => {}
            }
        }
        Ok(())
    }
}

/// Reads every input of `args` into `batch` and processes it to the end.
fn run<S: DocumentSink>(
    args: &InputArgs,
    batch: &mut Batch<'_, S>,
    status: &mut Status,
) -> io::Result<()> {
    read_inputs(args, batch, status)?;
    batch.finish(status)
}

fn read_inputs<S: DocumentSink>(
    args: &InputArgs,
    batch: &mut Batch<'_, S>,
    status: &mut Status,
) -> io::Result<()> {
    let utf8 = if args.lossy {
        Utf8Policy::Lossy
    } else {
        Utf8Policy::Strict
    };
    let stdin_only = args.paths.is_empty() || args.paths.iter().all(|p| p.as_os_str() == "-");
    let paths: Vec<PathBuf> = if stdin_only {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    for path in &paths {
        let is_stdin = path.as_os_str() == "-";
        match args.input {
            InputFormat::Jsonl => {
                let reader: Box<dyn BufRead> = if is_stdin {
                    Box::new(BufReader::new(io::stdin()))
                } else {
                    match fs::File::open(path) {
                        Ok(f) => Box::new(BufReader::with_capacity(1 << 16, f)),
                        Err(e) => {
                            path_error(path, &e, status);
                            continue;
                        }
                    }
                };
                let name = if is_stdin {
                    "<stdin>".to_string()
                } else {
                    path.display().to_string()
                };
                if !jsonl(&name, reader, args, batch, status)? {
                    return Ok(());
                }
            }
            InputFormat::Text if is_stdin => {
                let mut bytes = Vec::new();
                if let Err(e) = io::stdin().read_to_end(&mut bytes) {
                    path_error(Path::new("<stdin>"), &e, status);
                    continue;
                }
                let item = match decode_text("<stdin>", bytes, utf8) {
                    Ok(text) => Item::Doc {
                        id: "stdin".to_string(),
                        text,
                    },
                    Err(e) => Item::Bad(e),
                };
                batch.push(item, status)?;
            }
            InputFormat::Text => {
                for file in match text_files(path) {
                    Ok(files) => files,
                    Err(e) => {
                        path_error(path, &e, status);
                        continue;
                    }
                } {
                    let item = match read_text(&file, utf8) {
                        Ok(text) => Item::Doc {
                            id: file
                                .file_stem()
                                .map(|s| s.to_string_lossy().into_owned())
                                .unwrap_or_default(),
                            text,
                        },
                        Err(e) => Item::Bad(e),
                    };
                    batch.push(item, status)?;
                }
            }
        }
    }
    Ok(())
}

/// A file itself, or the `*.txt` files of a directory (recursively, sorted).
fn text_files(path: &Path) -> io::Result<Vec<PathBuf>> {
    let meta = fs::metadata(path)?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir)? {
            let p = entry?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "txt") {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Prints an error and counts it: unreadable paths apart from bad data.
fn report(err: &newsgraph::Error, status: &mut Status) {
    if err.kind() == ErrorKind::Io {
        eprintln!("newsgraph: {err}");
        status.path_errors += 1;
    } else if err.kind() == ErrorKind::Utf8 {
        eprintln!("newsgraph: {err} (use --lossy to replace it)");
        status.data_errors += 1;
    } else {
        eprintln!("newsgraph: {err}");
        status.data_errors += 1;
    }
}

fn path_error(path: &Path, e: &io::Error, status: &mut Status) {
    report(
        &newsgraph::Error::io(&path.display().to_string(), e),
        status,
    );
}

/// Processes JSON Lines; returns false when processing must stop.
fn jsonl(
    name: &str,
    reader: Box<dyn BufRead>,
    args: &InputArgs,
    batch: &mut Batch<'_, impl DocumentSink>,
    status: &mut Status,
) -> io::Result<bool> {
    let utf8 = if args.lossy {
        Utf8Policy::Lossy
    } else {
        Utf8Policy::Strict
    };
    for record in JsonlReader::new(name, reader, utf8) {
        let item = match record {
            Ok(r) => Item::Doc {
                id: r.id,
                text: r.text,
            },
            // A read error ends the reader; it counts as an unreadable path.
            Err(e) if e.kind() == ErrorKind::Io => {
                report(&e, status);
                return Ok(true);
            }
            Err(e) if e.kind() == ErrorKind::Utf8 => {
                Item::BadRecord(format!("{e} (use --lossy to replace it)"))
            }
            Err(e) => Item::BadRecord(e.to_string()),
        };
        if !batch.push(item, status)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The `graph` and `merge` subcommands.
mod graph {
    use super::*;

    #[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
    pub(super) enum GraphFormat {
        /// JSON node-link (networkx `node_link_graph`); `merge` reads it.
        Json,
        /// JSON Lines: node records, then edge records.
        Jsonl,
        /// Graphviz DOT.
        Dot,
        /// GraphML with typed attributes (Gephi, yEd, Cytoscape, networkx).
        Graphml,
        /// nodes.csv and edges.csv for Neo4j's bulk importer; needs -o DIR.
        Csv,
    }

    /// Edge filters; any of them also drops the nodes no kept edge touches.
    #[derive(clap::Args)]
    pub(super) struct FilterArgs {
        /// Keep only these relation types (comma-separated: MEETS,HOLDS_ROLE,LOCATED_IN,SAID,CALLS).
        #[arg(long, value_delimiter = ',', value_name = "TYPES")]
        relations: Vec<RelationKind>,
        /// Keep only evidence of these modalities (comma-separated: asserted,planned,hypothetical,negated).
        #[arg(long, value_delimiter = ',', value_name = "MODALITIES")]
        modality: Vec<Modality>,
        /// Keep only edges with at least N pieces of evidence.
        #[arg(long, value_name = "N")]
        min_evidence: Option<usize>,
    }

    /// The bound on a graph's evidence.
    #[derive(clap::Args)]
    pub(super) struct BoundArgs {
        /// Keep at most N pieces of evidence per edge, the first by document, span and rule (counts, documents, modalities and rules stay exact): bounds the graph's memory on large corpora.
        #[arg(long, value_name = "N")]
        max_evidence: Option<usize>,
    }

    impl BoundArgs {
        fn graph(&self) -> EntityGraph {
            let mut g = EntityGraph::new();
            g.set_max_evidence(self.max_evidence);
            g
        }
    }

    #[derive(clap::Args)]
    pub(super) struct GraphArgs {
        #[command(flatten)]
        inputs: InputArgs,
        #[command(flatten)]
        bound: BoundArgs,
        /// How to write the graph.
        #[arg(long, value_enum, default_value = "json")]
        format: GraphFormat,
        /// Output file (default: standard output); for csv, a directory that gets nodes.csv and edges.csv.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        #[command(flatten)]
        filter: FilterArgs,
    }

    #[derive(clap::Args)]
    pub(super) struct MergeArgs {
        /// Graph JSON files (`-` reads standard input).
        #[arg(required = true, value_name = "GRAPH.json")]
        graphs: Vec<PathBuf>,
        #[command(flatten)]
        bound: BoundArgs,
        /// How to write the merged graph.
        #[arg(long, value_enum, default_value = "json")]
        format: GraphFormat,
        /// Output file (default: standard output); for csv, a directory.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        #[command(flatten)]
        filter: FilterArgs,
    }

    struct GraphSink(EntityGraph);

    impl DocumentSink for GraphSink {
        type Prepared = Document;

        fn prepare(doc: Document) -> Document {
            doc
        }

        fn write(&mut self, doc: Document) -> io::Result<()> {
            self.0.add(&doc);
            Ok(())
        }
    }

    pub(super) fn build(args: GraphArgs) -> ExitCode {
        if let Err(code) = check_output(args.format, args.output.as_deref()) {
            return code;
        }
        let extractor = match args.inputs.gazetteers.build() {
            Ok(x) => x,
            Err(code) => return code,
        };
        let mut batch = match Batch::new(&args.inputs, extractor, GraphSink(args.bound.graph())) {
            Ok(b) => b,
            Err(code) => return code,
        };
        let mut status = Status::default();
        if let Err(e) = run(&args.inputs, &mut batch, &mut status) {
            eprintln!("newsgraph: {e}");
            return ExitCode::from(1);
        }
        let failed = status.data_errors + status.path_errors > 0;
        if failed && !args.inputs.keep_going {
            eprintln!(
                "newsgraph: no graph written (--keep-going writes the graph of the documents read)"
            );
            return status.code();
        }
        if args.inputs.keep_going && status.data_errors > 0 {
            eprintln!("newsgraph: {} bad record(s) skipped", status.data_errors);
        }
        match write(
            &args.filter.apply(batch.sink.0),
            args.format,
            args.output.as_deref(),
        ) {
            Ok(()) => status.code(),
            Err(code) => code,
        }
    }

    pub(super) fn merge(args: MergeArgs) -> ExitCode {
        if let Err(code) = check_output(args.format, args.output.as_deref()) {
            return code;
        }
        let mut graph = args.bound.graph();
        let mut status = Status::default();
        for path in &args.graphs {
            let read = if path.as_os_str() == "-" {
                EntityGraph::from_json(io::stdin().lock())
            } else {
                match fs::File::open(path) {
                    Ok(f) => EntityGraph::from_json(BufReader::new(f)),
                    Err(e) => {
                        path_error(path, &e, &mut status);
                        continue;
                    }
                }
            };
            match read {
                Ok(g) => graph.merge(g),
                Err(e) => {
                    eprintln!("newsgraph: {}: {e}", path.display());
                    status.data_errors += 1;
                }
            }
        }
        if status.data_errors + status.path_errors > 0 {
            eprintln!("newsgraph: no graph written");
            return status.code();
        }
        match write(
            &args.filter.apply(graph),
            args.format,
            args.output.as_deref(),
        ) {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => code,
        }
    }

    impl FilterArgs {
        fn apply(&self, graph: EntityGraph) -> EntityGraph {
            if self.relations.is_empty() && self.modality.is_empty() && self.min_evidence.is_none()
            {
                return graph;
            }
            let mut filter = GraphFilter::new();
            if !self.relations.is_empty() {
                filter.relations(self.relations.iter().copied());
            }
            if !self.modality.is_empty() {
                filter.modalities(self.modality.iter().copied());
            }
            filter.min_evidence(self.min_evidence.unwrap_or(1));
            graph.filter(&filter)
        }
    }

    /// CSV is two files: it needs a directory.
    fn check_output(format: GraphFormat, output: Option<&Path>) -> Result<(), ExitCode> {
        if format == GraphFormat::Csv && output.is_none() {
            eprintln!("newsgraph: --format csv writes nodes.csv and edges.csv: name their directory with -o DIR");
            return Err(ExitCode::from(2));
        }
        Ok(())
    }

    fn write(
        graph: &EntityGraph,
        format: GraphFormat,
        output: Option<&Path>,
    ) -> Result<(), ExitCode> {
        let fail = |what: &Path, e: io::Error| {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsgraph: writing {}: {e}", what.display());
            ExitCode::from(2)
        };
        if format == GraphFormat::Csv {
            let dir = output.unwrap_or(Path::new("."));
            fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
            let create = |name: &str| {
                let path = dir.join(name);
                fs::File::create(&path).map_err(|e| fail(&path, e))
            };
            let (nodes, edges) = (create("nodes.csv")?, create("edges.csv")?);
            return graph.write_csv(nodes, edges).map_err(|e| fail(dir, e));
        }
        let (out, name): (Box<dyn Write>, &Path) = match output {
            Some(path) => match fs::File::create(path) {
                Ok(f) => (Box::new(f), path),
                Err(e) => return Err(fail(path, e)),
            },
            None => (Box::new(io::stdout().lock()), Path::new("<stdout>")),
        };
        match format {
            GraphFormat::Json => graph.write_json(out),
            GraphFormat::Jsonl => graph.write_jsonl(out),
            GraphFormat::Dot => graph.write_dot(out),
            GraphFormat::Graphml => graph.write_graphml(out),
            GraphFormat::Csv => Ok(()),
        }
        .map_err(|e| fail(name, e))
    }
}
