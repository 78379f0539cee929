//! The lexer of the rule language: a pattern's text → lexemes.
//!
//! Lexemes are `(`, `)`, `!(`, `^(`, `|`, quantifiers (`?`, `*`, `+`,
//! `{m,n}`), quoted literals and words (`PERSON`, `a=PERSON`, `@lex`). The
//! lexer knows nothing of what they mean: that is the parser's.

/// Splits a pattern into lexemes: `(`, `)`, `!(`, `|`, quantifiers and words.
pub(super) fn lex_pattern(body: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = body.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        match c {
            _ if c.is_whitespace() => {
                chars.next();
            }
            '(' | ')' | '|' => {
                out.push(c.to_string());
                chars.next();
            }
            '"' => {
                chars.next();
                let mut lit = String::from("\"");
                let mut closed = false;
                for (_, d) in chars.by_ref() {
                    if d == '"' {
                        closed = true;
                        break;
                    }
                    lit.push(d);
                }
                if !closed {
                    return Err(format!("unclosed quote `{}`", &body[i..]));
                }
                out.push(lit);
            }
            '{' => {
                let mut q = String::new();
                for (_, d) in chars.by_ref() {
                    q.push(d);
                    if d == '}' {
                        break;
                    }
                }
                out.push(q);
            }
            _ => {
                let mut w = String::new();
                while let Some(&(_, d)) = chars.peek() {
                    if d.is_whitespace() || matches!(d, ')' | '|' | '{') {
                        break;
                    }
                    if d == '(' {
                        // `!(` opens a look-ahead, also right after a
                        // capture name (`b=!(…)`, which is then refused);
                        // `^(` is a group marked as the trigger.
                        if w == "!" || w.ends_with("=!") || w == "^" || w.ends_with("=^") {
                            w.push('(');
                            chars.next();
                        }
                        break;
                    }
                    w.push(d);
                    chars.next();
                }
                // A trailing quantifier is a lexeme of its own: `PERSON?`.
                if w.len() > 1 && (w.ends_with('?') || w.ends_with('*') || w.ends_with('+')) {
                    let q = w.pop().map(String::from);
                    out.push(w);
                    out.extend(q);
                } else {
                    out.push(w);
                }
            }
        }
    }
    Ok(out)
}
