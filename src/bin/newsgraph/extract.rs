//! `newsgraph extract`: documents in, Document JSON out, in input order.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::ValueEnum;
use newsgraph::Document;

use crate::args::InputArgs;
use crate::status::{self, Status};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON array of documents.
    Json,
    /// One document object per line.
    Jsonl,
}

#[derive(clap::Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    inputs: InputArgs,
    /// How to write the documents.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: OutputFormat,
}

/// The Document JSON of a document, made on a worker thread.
fn to_json(doc: Document) -> Vec<u8> {
    let mut out = Vec::with_capacity(doc.text().len() * 2);
    // Writing to a Vec cannot fail.
    let _ = doc.write_json(&mut out);
    out
}

pub fn run(args: ExtractArgs) -> ExitCode {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let json = args.format == OutputFormat::Json;
    let mut count = 0usize;
    let mut status = Status::default();
    let write = |doc: Vec<u8>| -> io::Result<()> {
        if json {
            out.write_all(if count == 0 { b"[\n" } else { b",\n" })?;
        }
        out.write_all(&doc)?;
        if !json {
            out.write_all(b"\n")?;
        }
        count += 1;
        Ok(())
    };
    if let Err(code) = args.inputs.run(to_json, write, &mut status) {
        return code;
    }
    let end = if !json {
        Ok(())
    } else if count == 0 {
        out.write_all(b"[]\n")
    } else {
        out.write_all(b"\n]\n")
    };
    if let Err(e) = end.and_then(|()| out.flush()) {
        return status::output_error("output", &e, &status);
    }
    status.summary();
    status.code()
}
