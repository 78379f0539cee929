//! The `newsgraph` command: glue between arguments, the library and the
//! terminal. Each subcommand lives in a file of its own; reading a corpus
//! and the ordered parallel map are the library's ([`newsgraph::corpus`]).

mod args;
mod eval;
mod extract;
mod graph;
mod status;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "People, places and organisations in English news, and how they relate",
    after_help = status::EXIT_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities (and relations) from text files, directories of *.txt or JSON Lines.
    #[command(after_help = args::INPUT_HELP)]
    Extract(extract::ExtractArgs),
    /// Score extraction against annotated data.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Build the entity graph of text files, directories of *.txt, JSON Lines, or documents written by `extract`, and export it.
    #[command(after_help = args::INPUT_HELP)]
    Graph(graph::GraphArgs),
    /// Merge graphs written by `graph --format json` into one.
    Merge(graph::MergeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Eval(command) => eval::run(command),
        Command::Graph(args) => graph::build(args),
        Command::Merge(args) => graph::merge(args),
    }
}
