//! Arbitrary bytes as JSON Lines input: every line is a record or an error
//! naming its line; nothing panics; lossy reading never reports bad UTF-8.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::{ErrorKind, JsonlReader, Utf8Policy};

fuzz_target!(|data: &[u8]| {
    let lines = data.split(|&b| b == b'\n').count();
    for policy in [Utf8Policy::Strict, Utf8Policy::Lossy] {
        let mut last = 0;
        for result in JsonlReader::new("fuzz.jsonl", data, policy) {
            match result {
                Ok(r) => {
                    assert!(
                        r.line > last && r.line <= lines,
                        "line {} after {last}",
                        r.line
                    );
                    last = r.line;
                }
                Err(e) => {
                    assert!(
                        e.kind() != ErrorKind::Io,
                        "reading a slice cannot fail: {e}"
                    );
                    assert!(
                        !(policy == Utf8Policy::Lossy && e.kind() == ErrorKind::Utf8),
                        "lossy reading reported bad UTF-8: {e}"
                    );
                    let msg = e.to_string();
                    let line: usize = msg
                        .strip_prefix("fuzz.jsonl:")
                        .and_then(|r| r.split(':').next())
                        .and_then(|n| n.parse().ok())
                        .unwrap_or_else(|| panic!("error names no line: {msg}"));
                    assert!(
                        line > last && line <= lines,
                        "error line {line} after {last}"
                    );
                    last = line;
                }
            }
        }
    }
});
