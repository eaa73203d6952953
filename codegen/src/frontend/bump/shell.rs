//! Shell command words, for the `curl` commands Bump.sh pages print (the text page's trailer,
//! samples written into a Markdown page's descriptions): quotes, backslash escapes and
//! `\`+newline continuations, as a POSIX shell splits them.

/// Splits a shell command into words: quotes, backslash escapes and `\`+newline continuations.
/// Stops at the first unquoted, unescaped newline; returns the words and the bytes consumed.
pub(super) fn shell_words(src: &str) -> (Vec<String>, usize) {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = src.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                }
                return (words, i + 1);
            }
            ' ' | '\t' | '\r' => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            '\\' => match chars.next() {
                Some((_, '\n')) => {}
                Some((_, '\r')) => {
                    chars.next_if(|&(_, c)| c == '\n');
                }
                Some((_, o)) => {
                    cur.push(o);
                    in_word = true;
                }
                None => {}
            },
            '\'' => {
                in_word = true;
                for (_, q) in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    cur.push(q);
                }
            }
            '"' => {
                in_word = true;
                while let Some((_, q)) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' => {
                            if let Some((_, e)) = chars.next() {
                                if !matches!(e, '"' | '\\' | '$' | '`') {
                                    cur.push('\\');
                                }
                                cur.push(e);
                            }
                        }
                        _ => cur.push(q),
                    }
                }
            }
            _ => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    (words, src.len())
}
