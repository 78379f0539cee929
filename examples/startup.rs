//! Times the stages of building the default extractor.
//!
//! `cargo run --release --example startup`

use std::time::Instant;

fn main() {
    let t = Instant::now();
    let mut b = newsgraph::Gazetteer::builder();
    b.add_defaults().expect("defaults parse");
    let parsed = t.elapsed();
    let g = b.build().expect("defaults compile");
    let built = t.elapsed();
    let _x = newsgraph::Extractor::default();
    let all = t.elapsed();
    println!(
        "entries={} forms={} parse={:?} compile={:?} extractor(total)={:?}",
        g.len(),
        g.form_count(),
        parsed,
        built - parsed,
        all - built
    );
}
