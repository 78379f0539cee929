//! `newsgraph graph` and `newsgraph merge`: documents into a graph, graphs
//! into one, and the graph out in the format asked for.

use std::fs;
use std::io::{self, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use newsgraph::{Document, EntityGraph, GraphFilter, Modality, RelationKind};

use crate::args::InputArgs;
use crate::status::{self, Status};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
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
pub struct FilterArgs {
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
pub struct BoundArgs {
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
pub struct GraphArgs {
    #[command(flatten)]
    inputs: InputArgs,
    #[command(flatten)]
    out: OutputArgs,
}

#[derive(clap::Args)]
pub struct MergeArgs {
    /// Graph JSON files (`-` reads standard input).
    #[arg(required = true, value_name = "GRAPH.json")]
    graphs: Vec<PathBuf>,
    #[command(flatten)]
    out: OutputArgs,
}

/// How a graph is bounded, filtered and written; shared by `graph` and
/// `merge`.
#[derive(clap::Args)]
struct OutputArgs {
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

pub fn build(args: GraphArgs) -> ExitCode {
    if let Err(code) = check_output(args.out.format, args.out.output.as_deref()) {
        return code;
    }
    let mut graph = args.out.bound.graph();
    let mut status = Status::default();
    let add = |doc: Document| {
        graph.add(&doc);
        Ok(())
    };
    if let Err(code) = args.inputs.run(|doc| doc, add, &mut status) {
        return code;
    }
    if status.failed() && args.inputs.strict {
        eprintln!("newsgraph: no graph written (--strict)");
        return status.code();
    }
    status.summary();
    match write(
        &args.out.filter.apply(graph),
        args.out.format,
        args.out.output.as_deref(),
    ) {
        Ok(()) => status.code(),
        Err(code) => code,
    }
}

pub fn merge(args: MergeArgs) -> ExitCode {
    if let Err(code) = check_output(args.out.format, args.out.output.as_deref()) {
        return code;
    }
    let mut graph = args.out.bound.graph();
    let mut status = Status::default();
    for path in &args.graphs {
        let read = if path.as_os_str() == "-" {
            EntityGraph::from_json(io::stdin().lock())
        } else {
            match fs::File::open(path) {
                Ok(f) => EntityGraph::from_json(BufReader::new(f)),
                Err(e) => {
                    status.report(&newsgraph::Error::io(&path.display().to_string(), &e));
                    continue;
                }
            }
        };
        match read {
            Ok(g) => graph.merge(g),
            Err(e) => {
                eprintln!("newsgraph: {}: {e}", path.display());
                status.bad += 1;
            }
        }
    }
    if status.failed() {
        eprintln!("newsgraph: no graph written");
        return status.code();
    }
    match write(
        &args.out.filter.apply(graph),
        args.out.format,
        args.out.output.as_deref(),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

impl FilterArgs {
    fn apply(&self, graph: EntityGraph) -> EntityGraph {
        if self.relations.is_empty() && self.modality.is_empty() && self.min_evidence.is_none() {
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
        return Err(ExitCode::from(status::USAGE));
    }
    Ok(())
}

fn write(graph: &EntityGraph, format: GraphFormat, output: Option<&Path>) -> Result<(), ExitCode> {
    let fail = |what: &Path, e: io::Error| {
        status::output_error(&what.display().to_string(), &e, &Status::default())
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
