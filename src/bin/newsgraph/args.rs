//! Arguments shared by the subcommands: which gazetteers and rules the
//! extractor loads, and which documents to read and how.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use newsgraph::corpus::{Corpus, Input, InputFormat, Processed, Runner};
use newsgraph::{DefaultGazetteers, DefaultRules, Document, Extractor, Utf8Policy};

use crate::status::{self, Status};

/// How input is read and what ids documents get, as `--help` prints it.
pub const INPUT_HELP: &str = "\
Input:
  A file is one document; a directory's *.txt files are read recursively, in path order.
  A document's id is its path relative to the argument, without extension
  (news/2016/a/story.txt read as `news` is 2016/a/story); a file named on its own is its stem.
  --input jsonl reads {\"id\": …, \"text\": …, \"date\": \"YYYY-MM-DD\"} per line (date optional:
  the publication date); --input documents reads what `extract --format jsonl` wrote.
  Two inputs with the same id: the second is a bad input.
Bad input (a file that is not UTF-8, a malformed record, an id already taken) is
reported on stderr with its file and line and skipped; the rest is processed and the
exit status is 1 (3 if a path could not be read). --strict stops at the first.";

/// Which gazetteers and rules the extractor loads; shared by the subcommands.
#[derive(clap::Args)]
pub struct GazetteerArgs {
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
    /// Whether any option differs from the defaults.
    fn any(&self) -> bool {
        !self.gazetteers.is_empty()
            || !self.rules.is_empty()
            || self.no_default_gazetteers
            || self.no_default_rules
    }

    /// The extractor, or the error already printed and its exit status.
    ///
    /// It lives until the process ends: one command runs per process, and
    /// freeing the gazetteers' hundreds of thousands of allocations on the
    /// way out would only make every run that much longer.
    pub fn build(&self) -> Result<&'static Extractor, ExitCode> {
        let mut builder = Extractor::builder();
        if self.no_default_gazetteers {
            builder.default_gazetteers(DefaultGazetteers::Exclude);
        }
        if self.no_default_rules {
            builder.default_rules(DefaultRules::Exclude);
        }
        for g in &self.gazetteers {
            builder.gazetteer_path(g);
        }
        for r in &self.rules {
            builder.rules_path(r);
        }
        match builder.build() {
            Ok(x) => Ok(Box::leak(Box::new(x))),
            Err(e) => {
                eprintln!("newsgraph: {e}");
                Err(ExitCode::from(status::CONFIG))
            }
        }
    }
}

/// How to read the input.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputArg {
    /// Plain text files, or directories of *.txt.
    Text,
    /// JSON Lines, one {"id": …, "text": …} per line (optional "date"); directories of *.jsonl.
    Jsonl,
    /// Document JSON Lines as written by `extract --format jsonl`: extract once, graph many times.
    Documents,
}

/// The documents to read and how; shared by `extract` and `graph`.
#[derive(clap::Args)]
pub struct InputArgs {
    /// Files or directories; `-` or nothing reads standard input.
    pub paths: Vec<PathBuf>,
    /// How to read the input.
    #[arg(long, value_enum, default_value = "text")]
    pub input: InputArg,
    #[command(flatten)]
    pub gazetteers: GazetteerArgs,
    /// Replace invalid UTF-8 with U+FFFD instead of reporting an error.
    #[arg(long)]
    pub lossy: bool,
    /// Stop at the first bad input (default: report it, skip it and go on).
    #[arg(long)]
    pub strict: bool,
    /// Report bad input and go on: the default, kept for old scripts.
    #[arg(long, hide = true)]
    pub keep_going: bool,
    /// Worker threads for extraction (0: one per core). Output order is the
    /// input order whatever the number.
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N")]
    pub threads: usize,
}

impl InputArgs {
    /// Reads every input, turns each document into a `T` with `prepare`
    /// on the workers, and gives them to `write` in input order. Bad input
    /// and warnings are reported on the way. `Err` only for an output
    /// error, with its exit status.
    pub fn run<T: Send>(
        &self,
        prepare: impl Fn(Document) -> T + Sync,
        mut write: impl FnMut(T) -> std::io::Result<()>,
        status: &mut Status,
    ) -> Result<(), ExitCode> {
        // Documents read back need no extractor: build none for them.
        let extractor = match self.input {
            InputArg::Documents => {
                if self.gazetteers.any() {
                    status::warn("gazetteer and rule options do not apply to --input documents, which are read as extracted");
                }
                Extractor::builder()
                    .default_gazetteers(DefaultGazetteers::Exclude)
                    .default_rules(DefaultRules::Exclude)
                    .build()
                    .map(|x| &*Box::leak(Box::new(x)))
                    .map_err(|_| ExitCode::from(status::CONFIG))?
            }
            _ => self.gazetteers.build()?,
        };
        let mut corpus = Corpus::new(self.paths.iter().cloned());
        corpus.format(match self.input {
            InputArg::Text => InputFormat::Text,
            InputArg::Jsonl => InputFormat::Jsonl,
            InputArg::Documents => InputFormat::Documents,
        });
        if self.lossy {
            corpus.utf8(Utf8Policy::Lossy);
        }
        let inputs = corpus.inputs().inspect(|input| {
            if let Input::Warning(w) = input {
                status::warn(w);
            }
        });
        let runner = Runner::new(extractor).threads(self.threads);
        let mut output_error = None;
        let result = runner.run(inputs, prepare, |out| {
            match out {
                Processed::Done(t) => {
                    if let Err(e) = write(t) {
                        output_error = Some(e);
                        return Ok(false);
                    }
                }
                Processed::Bad(e) => {
                    status.report(&e);
                    if self.strict {
                        return Ok(false);
                    }
                }
                _ => {}
            }
            Ok(true)
        });
        match output_error.or(result.err()) {
            Some(e) => Err(status::output_error("output", &e, status)),
            None => Ok(()),
        }
    }
}
