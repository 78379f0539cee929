//! Extraction throughput on a CoNLL-2003 file's text, the extractor built once.
//!
//! `cargo run --release --example throughput -- ../shared/data/conll2003/eng.train [ROUNDS]`

use std::time::Instant;

use newsgraph::eval::read_conll;
use newsgraph::{Extractor, Utf8Policy};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: throughput FILE [ROUNDS]");
    let rounds: usize = args
        .next()
        .map_or(1, |r| r.parse().expect("ROUNDS is a number"));
    let docs = read_conll(&path, Utf8Policy::Strict).expect("a CoNLL file");
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    let t = Instant::now();
    let extractor = Extractor::default();
    let built = t.elapsed();
    let t = Instant::now();
    let (mut mentions, mut relations) = (0, 0);
    for _ in 0..rounds {
        for d in &docs {
            let doc = extractor.extract(d.id(), d.text());
            mentions += doc.mentions().len();
            relations += doc.relations().len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "build={built:?} docs={} bytes={bytes} mentions={mentions} relations={relations} seconds={secs:.3} MB/s={:.2}",
        docs.len(),
        (bytes * rounds) as f64 / secs / 1e6
    );
}
