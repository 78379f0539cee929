//! Prints the mentions newsgraph finds in a text given as arguments.
//!
//! `cargo run --release --example debug -- "Kerry met Lavrov in Munich."`

fn main() {
    let text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    let doc = newsgraph::Extractor::default().extract("debug", &text);
    for m in doc.mentions() {
        let e = &doc.entities()[m.entity];
        println!(
            "{:>5}..{:<5} {:<30} {:<8} {:<24} {} ({})",
            m.span.start,
            m.span.end,
            doc.mention_text(m),
            e.kind,
            m.rule,
            e.name,
            e.id
        );
    }
}
