//! Throughput of the layers on a CoNLL-2003 file's text, one thread, each
//! extractor built once: the matcher alone, entities (no relation rules),
//! the full pipeline. A quick look; `cargo bench` is the measurement.
//!
//! `cargo run --release --example throughput -- ../shared/data/conll2003/eng.train [ROUNDS] [LAYER]`

use std::time::Instant;

use newsgraph::eval::read_conll;
use newsgraph::{DefaultRules, Extractor, Gazetteer, Utf8Policy};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: throughput FILE [ROUNDS] [LAYER]");
    let rounds: usize = args
        .next()
        .map_or(1, |r| r.parse().expect("ROUNDS is a number"));
    let only = args.next();
    let docs = read_conll(&path, Utf8Policy::Strict).expect("a CoNLL file");
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    let wanted = |name: &str| only.as_deref().is_none_or(|o| o == name);
    // Only what the layers asked for is built (a profile of one layer is
    // then not mostly start-up).
    let t = Instant::now();
    let full = wanted("pipeline").then(Extractor::default);
    if full.is_some() {
        println!("default extractor built in {:?}", t.elapsed());
    }
    let gaz = wanted("matcher").then(|| Gazetteer::defaults().expect("default gazetteers"));
    let entities = wanted("entities").then(|| {
        Extractor::builder()
            .default_rules(DefaultRules::Exclude)
            .build()
            .expect("default gazetteers")
    });
    let time = |name: &str, run: &dyn Fn(&str, &str) -> usize| {
        if !wanted(name) {
            return;
        }
        let (t, cpu) = (Instant::now(), thread_cpu_secs());
        let mut sum = 0;
        for _ in 0..rounds {
            for d in &docs {
                sum += run(d.id(), d.text());
            }
        }
        let secs = t.elapsed().as_secs_f64();
        // On a shared machine the thread's CPU time leaves out the time
        // it waited for a core: a steadier figure to compare builds by.
        let cpu = match (cpu, thread_cpu_secs()) {
            (Some(a), Some(b)) if b > a => format!(
                ", {:.2} MB/s of CPU time",
                (bytes * rounds) as f64 / (b - a) / 1e6
            ),
            _ => String::new(),
        };
        println!(
            "{name:<10} {:>8.2} MB/s  ({} bytes × {rounds} in {secs:.3} s, checksum {sum}{cpu})",
            (bytes * rounds) as f64 / secs / 1e6,
            bytes
        );
    };
    if let Some(gaz) = &gaz {
        time("matcher", &|_, text| gaz.find_all(text).len());
    }
    if let Some(entities) = &entities {
        time("entities", &|id, text| {
            entities.extract(id, text).mentions().len()
        });
    }
    if let Some(full) = &full {
        time("pipeline", &|id, text| {
            let doc = full.extract(id, text);
            doc.mentions().len() + doc.relations().len()
        });
    }
}

/// This thread's CPU time (user and system) in seconds, where Linux tells
/// it (`/proc/thread-self/stat`, in clock ticks of 10 ms).
fn thread_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name, which is in brackets and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut fields = rest.split(' ').skip(11);
    let utime: f64 = fields.next()?.parse().ok()?;
    let stime: f64 = fields.next()?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
