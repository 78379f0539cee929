//! Throughput of every layer, each beside a baseline in the same group and
//! the same run: a raw Aho-Corasick leftmost-longest whole-word scan of the
//! same forms (all gazetteer forms, ASCII case-insensitive) over the same
//! bytes.
//!
//! Inputs are real, non-repeated news: the five seed articles, and the
//! CoNLL-2003 train text rebuilt from `../shared/data/conll2003/eng.train`
//! (documents as `conll_ner.py` builds them) when that file is there; set
//! `NEWSGRAPH_CONLL` to use another CoNLL file. Without it those benchmarks
//! are skipped with a note.
//!
//! `cargo bench --bench pipeline` runs everything; `cargo bench --bench
//! pipeline -- conll` only the CoNLL inputs. Each benchmark returns a
//! checksum (hits, mentions, relations) so that nothing is optimised away.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use newsgraph::eval::read_conll;
use newsgraph::{DefaultRules, Document, EntityGraph, Extractor, Gazetteer, Utf8Policy};

/// A named input: documents as (id, text).
struct Corpus {
    name: &'static str,
    docs: Vec<(String, String)>,
}

impl Corpus {
    fn bytes(&self) -> u64 {
        self.docs.iter().map(|(_, t)| t.len() as u64).sum()
    }
}

fn corpora() -> Vec<Corpus> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut seeds: Vec<(String, String)> = std::fs::read_dir(root.join("seeds"))
        .expect("the seeds folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let id = p
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (id, std::fs::read_to_string(&p).expect("a seed article"))
        })
        .collect();
    seeds.sort();
    let mut out = vec![Corpus {
        name: "seeds",
        docs: seeds,
    }];
    let conll = std::env::var_os("NEWSGRAPH_CONLL")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/data/conll2003/eng.train"));
    match read_conll(&conll, Utf8Policy::Strict) {
        Ok(docs) => out.push(Corpus {
            name: "conll-train",
            docs: docs
                .iter()
                .map(|d| (d.id().to_string(), d.text().to_string()))
                .collect(),
        }),
        Err(e) => eprintln!("note: skipping the CoNLL benchmarks: {e}"),
    }
    out
}

/// The baseline: every form of the default gazetteers in one automaton.
fn baseline_automaton(gaz: &Gazetteer) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(gaz.form_keys())
        .expect("the baseline automaton builds")
}

/// Whole-word hits of the baseline automaton.
fn raw_scan(ac: &AhoCorasick, corpus: &Corpus) -> usize {
    let mut hits = 0;
    for (_, text) in &corpus.docs {
        let bytes = text.as_bytes();
        for m in ac.find_iter(bytes) {
            let before = m.start().checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(m.end()).copied();
            let word = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
            if !word(before) && !word(after) {
                hits += 1;
            }
        }
    }
    hits
}

fn extract_all(extractor: &Extractor, corpus: &Corpus) -> usize {
    corpus
        .docs
        .iter()
        .map(|(id, text)| {
            let doc = extractor.extract(id, text);
            doc.mentions().len() + doc.relations().len()
        })
        .sum()
}

fn benches(c: &mut Criterion) {
    let gaz = Gazetteer::defaults().expect("default gazetteers");
    let full = Extractor::default();
    let entities_only = Extractor::builder()
        .default_rules(DefaultRules::Exclude)
        .build()
        .expect("default gazetteers");
    let ac = baseline_automaton(&gaz);
    let corpora = corpora();

    let mut g = c.benchmark_group("gazetteer");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("build/newsgraph-defaults", |b| {
        b.iter(|| Gazetteer::defaults().expect("defaults").len())
    });
    g.bench_function("build/aho-corasick-same-forms", |b| {
        b.iter(|| baseline_automaton(black_box(&gaz)).patterns_len())
    });
    g.bench_function("build/extractor-default", |b| {
        b.iter(|| {
            Extractor::builder()
                .build()
                .expect("defaults")
                .rules()
                .len()
        })
    });
    g.finish();

    type Stage<'a> = Box<dyn Fn(&Corpus) -> usize + 'a>;
    let stages: Vec<(&str, Stage)> = vec![
        (
            "matcher",
            Box::new(|corpus: &Corpus| {
                corpus.docs.iter().map(|(_, t)| gaz.find_all(t).len()).sum()
            }),
        ),
        (
            "entities",
            Box::new(|corpus: &Corpus| extract_all(&entities_only, corpus)),
        ),
        (
            "pipeline",
            Box::new(|corpus: &Corpus| extract_all(&full, corpus)),
        ),
    ];
    for (stage, run) in &stages {
        let mut g = c.benchmark_group(*stage);
        g.sample_size(10).measurement_time(Duration::from_secs(8));
        for corpus in &corpora {
            g.throughput(Throughput::Bytes(corpus.bytes()));
            g.bench_with_input(
                BenchmarkId::new("newsgraph", corpus.name),
                corpus,
                |b, c| b.iter(|| run(black_box(c))),
            );
            g.bench_with_input(
                BenchmarkId::new("baseline-raw-aho-corasick", corpus.name),
                corpus,
                |b, c| b.iter(|| raw_scan(&ac, black_box(c))),
            );
        }
        g.finish();
    }

    // The graph of each corpus, from documents extracted beforehand, and
    // each export of it (to memory). Throughput is the corpus's text bytes.
    let mut g = c.benchmark_group("graph");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    for corpus in &corpora {
        let docs: Vec<Document> = corpus
            .docs
            .iter()
            .map(|(id, text)| full.extract(id, text))
            .collect();
        let mut graph = EntityGraph::new();
        docs.iter().for_each(|d| graph.add(d));
        g.throughput(Throughput::Bytes(corpus.bytes()));
        g.bench_with_input(BenchmarkId::new("build", corpus.name), &docs, |b, docs| {
            b.iter(|| {
                let mut graph = EntityGraph::new();
                docs.iter().for_each(|d| graph.add(d));
                graph.edge_count()
            })
        });
        type Export = fn(&EntityGraph, &mut Vec<u8>) -> std::io::Result<()>;
        let exports: [(&str, Export); 5] = [
            ("export-json", |g, out| g.write_json(out)),
            ("export-jsonl", |g, out| g.write_jsonl(out)),
            ("export-dot", |g, out| g.write_dot(out)),
            ("export-graphml", |g, out| g.write_graphml(out)),
            ("export-csv", |g, out| {
                let mut edges = Vec::new();
                g.write_csv(&mut *out, &mut edges)?;
                out.extend(edges);
                Ok(())
            }),
        ];
        for (name, export) in exports {
            g.bench_with_input(BenchmarkId::new(name, corpus.name), &graph, |b, graph| {
                b.iter(|| {
                    let mut out = Vec::new();
                    export(graph, &mut out).expect("writing to memory");
                    out.len()
                })
            });
        }
        g.bench_with_input(
            BenchmarkId::new("baseline-raw-aho-corasick", corpus.name),
            corpus,
            |b, c| b.iter(|| raw_scan(&ac, black_box(c))),
        );
    }
    g.finish();
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
