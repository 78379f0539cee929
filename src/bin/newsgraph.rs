//! The `newsgraph` command: glue between arguments, the library and stdout.

use std::fs;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand, ValueEnum};
use newsgraph::eval::{read_conll, Counts, NerType, Scorer};
use newsgraph::{
    decode_text, read_text, DefaultGazetteers, DefaultRules, Document, ErrorKind, Extractor,
    JsonlReader, Utf8Policy,
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
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Exact-span PER/LOC/ORG precision, recall and F1 on a CoNLL-2003 file (IOB1 or IOB2 tags).
    Conll(ConllArgs),
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
    fn build(&self) -> Result<Extractor, ExitCode> {
        let build = || -> Result<Extractor, newsgraph::Error> {
            let mut builder = Extractor::builder();
            if self.no_default_gazetteers {
                builder.default_gazetteers(DefaultGazetteers::Exclude);
            }
            for g in &self.gazetteers {
                builder.gazetteer_path(g)?;
            }
            if self.no_default_rules {
                builder.default_rules(DefaultRules::Exclude);
            }
            for r in &self.rules {
                builder.rules_path(r)?;
            }
            builder.build()
        };
        build().map_err(|e| {
            eprintln!("newsgraph: {e}");
            ExitCode::from(1)
        })
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
    /// Files or directories; `-` or nothing reads standard input.
    paths: Vec<PathBuf>,
    /// How to read the input.
    #[arg(long, value_enum, default_value = "text")]
    input: InputFormat,
    /// How to write the documents.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: OutputFormat,
    #[command(flatten)]
    gazetteers: GazetteerArgs,
    /// Replace invalid UTF-8 with U+FFFD instead of reporting an error.
    #[arg(long)]
    lossy: bool,
    /// Report bad records on stderr and go on; the exit status is still 1.
    #[arg(long)]
    keep_going: bool,
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
    }
}

/// Writes documents as JSON Lines or as one JSON array.
struct Sink<W: Write> {
    out: W,
    format: OutputFormat,
    count: usize,
}

impl<W: Write> Sink<W> {
    fn write(&mut self, doc: &Document) -> io::Result<()> {
        if self.format == OutputFormat::Json {
            self.out
                .write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
        }
        doc.write_json(&mut self.out)?;
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
    let extractor = match args.gazetteers.build() {
        Ok(x) => x,
        Err(code) => return code,
    };
    let stdout = io::stdout();
    let mut sink = Sink {
        out: BufWriter::with_capacity(1 << 16, stdout.lock()),
        format: args.format,
        count: 0,
    };
    let mut status = Status::default();
    let result = run(&args, &extractor, &mut sink, &mut status).and_then(|()| sink.finish());
    if let Err(e) = result {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return status.code();
        }
        eprintln!("newsgraph: writing output: {e}");
        return ExitCode::from(1);
    }
    if args.keep_going && status.data_errors > 0 {
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

fn run<W: Write>(
    args: &ExtractArgs,
    x: &Extractor,
    sink: &mut Sink<W>,
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
                if !jsonl(&name, reader, args, x, sink, status)? {
                    return Ok(());
                }
            }
            InputFormat::Text if is_stdin => {
                let mut bytes = Vec::new();
                if let Err(e) = io::stdin().read_to_end(&mut bytes) {
                    path_error(Path::new("<stdin>"), &e, status);
                    continue;
                }
                match decode_text("<stdin>", bytes, utf8) {
                    Ok(text) => sink.write(&x.extract("stdin", &text))?,
                    Err(e) => report(&e, status),
                }
            }
            InputFormat::Text => {
                for file in match text_files(path) {
                    Ok(files) => files,
                    Err(e) => {
                        path_error(path, &e, status);
                        continue;
                    }
                } {
                    match read_text(&file, utf8) {
                        Ok(text) => {
                            let id = file
                                .file_stem()
                                .map(|s| s.to_string_lossy().into_owned())
                                .unwrap_or_default();
                            sink.write(&x.extract(&id, &text))?;
                        }
                        Err(e) => report(&e, status),
                    }
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
fn jsonl<W: Write>(
    name: &str,
    reader: Box<dyn BufRead>,
    args: &ExtractArgs,
    x: &Extractor,
    sink: &mut Sink<W>,
    status: &mut Status,
) -> io::Result<bool> {
    let utf8 = if args.lossy {
        Utf8Policy::Lossy
    } else {
        Utf8Policy::Strict
    };
    for record in JsonlReader::new(name, reader, utf8) {
        match record {
            Ok(r) => sink.write(&x.extract(&r.id, &r.text))?,
            // A read error ends the reader; it counts as an unreadable path.
            Err(e) if e.kind() == ErrorKind::Io => report(&e, status),
            Err(e) => {
                report(&e, status);
                if !args.keep_going {
                    return Ok(false);
                }
            }
        }
    }
    Ok(true)
}
