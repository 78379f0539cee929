//! `newsgraph eval`: scores against annotated data (CoNLL-2003 entities,
//! the judged meetings set).

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Subcommand;
use newsgraph::eval::{read_conll, Counts, NerType, Scorer};
use newsgraph::Utf8Policy;

use crate::args::GazetteerArgs;
use crate::status::{self, Status};

#[derive(Subcommand)]
pub enum EvalCommand {
    /// Exact-span PER/LOC/ORG precision, recall and F1 on a CoNLL-2003 file (IOB1 or IOB2 tags).
    Conll(ConllArgs),
    /// Asserted MEETS precision, recall and F1 on a judged development set, by half.
    Meets(MeetsArgs),
}

#[derive(clap::Args)]
pub struct MeetsArgs {
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
pub struct ConllArgs {
    /// The CoNLL file: token … tag per line, blank lines between sentences, -DOCSTART- between documents.
    file: PathBuf,
    #[command(flatten)]
    gazetteers: GazetteerArgs,
    /// Replace invalid UTF-8 with U+FFFD instead of reporting an error.
    #[arg(long)]
    lossy: bool,
}

pub fn run(command: EvalCommand) -> ExitCode {
    match command {
        EvalCommand::Conll(args) => eval_conll(args),
        EvalCommand::Meets(args) => eval_meets(args),
    }
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
            status.report(&e);
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
        Err(e) => status::output_error("output", &e, &Status::default()),
        Ok(()) => ExitCode::SUCCESS,
    }
}

fn eval_meets(args: MeetsArgs) -> ExitCode {
    use newsgraph::eval::meets;
    let mut status = Status::default();
    let set = match meets::read_set(&args.set) {
        Ok(set) => set,
        Err(e) => {
            status.report(&e);
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
            status.report(&e);
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
        Err(e) => status::output_error("output", &e, &Status::default()),
        Ok(()) => ExitCode::SUCCESS,
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
