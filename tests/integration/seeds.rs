//! The five seed articles against their hand-made gold annotations.
//!
//! The scoring mirrors ../shared/tools/score_seeds.py for entities: a gold
//! entity is found when a predicted entity of the same type, with at least
//! one name mention, shares a surface form with it (case-insensitive, curly
//! apostrophes folded).

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use newsgraph::{Extractor, MentionKind};
use serde_json::Value;

fn fold(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

struct Counts {
    tp_pred: usize,
    pred: usize,
    tp_gold: usize,
    gold: usize,
}

fn score(kind_filter: Option<&str>) -> Counts {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let x = Extractor::default();
    let mut c = Counts {
        tp_pred: 0,
        pred: 0,
        tp_gold: 0,
        gold: 0,
    };
    let mut stems: Vec<_> = fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    stems.sort();
    assert_eq!(stems.len(), 5, "five seed articles");
    for path in stems {
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        let text = fs::read_to_string(&path).unwrap();
        let gold: Value = serde_json::from_str(
            &fs::read_to_string(root.join("gold").join(format!("{stem}.json"))).unwrap(),
        )
        .unwrap();
        let doc = x.extract(&stem, &text);
        let gold_entities: Vec<(String, String, HashSet<String>)> = gold["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let mut forms: HashSet<String> = e["mentions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| fold(m.as_str().unwrap()))
                    .collect();
                forms.insert(fold(e["name"].as_str().unwrap()));
                (
                    e["name"].as_str().unwrap().to_string(),
                    e["type"].as_str().unwrap().to_string(),
                    forms,
                )
            })
            .filter(|(_, t, _)| kind_filter.is_none_or(|k| k == t))
            .collect();
        let mut found = HashSet::new();
        for e in doc.entities() {
            if kind_filter.is_some_and(|k| k != e.kind.as_str()) {
                continue;
            }
            if !e
                .mentions
                .iter()
                .any(|&m| doc.mentions()[m].kind == MentionKind::Name)
            {
                continue;
            }
            let mut forms: HashSet<String> = e
                .mentions
                .iter()
                .map(|&m| fold(doc.mention_text(&doc.mentions()[m])))
                .collect();
            forms.insert(fold(&e.name));
            c.pred += 1;
            let hits: Vec<&String> = gold_entities
                .iter()
                .filter(|(_, t, gf)| t == e.kind.as_str() && !gf.is_disjoint(&forms))
                .map(|(n, _, _)| n)
                .collect();
            if !hits.is_empty() {
                c.tp_pred += 1;
                found.extend(hits.into_iter().cloned());
            }
        }
        c.gold += gold_entities.len();
        c.tp_gold += gold_entities
            .iter()
            .filter(|(n, _, _)| found.contains(n))
            .count();
    }
    c
}

#[test]
fn seed_entities_micro_f1() {
    let c = score(None);
    let p = c.tp_pred as f64 / c.pred as f64;
    let r = c.tp_gold as f64 / c.gold as f64;
    let f1 = 2.0 * p * r / (p + r);
    assert!(f1 >= 0.92, "entity micro-F1 {f1:.3} (P={p:.3} R={r:.3})");
}

#[test]
fn seed_person_recall() {
    let c = score(Some("PERSON"));
    let r = c.tp_gold as f64 / c.gold as f64;
    assert!(r >= 0.90, "PERSON recall {r:.3}");
}

#[test]
fn seed_mention_spans_are_their_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let x = Extractor::default();
    for entry in fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        let doc = x.extract("s", &text);
        let json = serde_json::to_value(&doc).unwrap();
        for e in json["entities"].as_array().unwrap() {
            for m in e["mentions"].as_array().unwrap() {
                let (s, t) = (
                    m["start"].as_u64().unwrap() as usize,
                    m["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(
                    &text.as_bytes()[s..t],
                    m["text"].as_str().unwrap().as_bytes(),
                    "{}",
                    path.display()
                );
            }
        }
    }
}
