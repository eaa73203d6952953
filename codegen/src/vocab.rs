//! The small vocabulary every stage shares, written once: the HTTP methods an OpenAPI path item
//! may hold, the byte order mark a saved page may start with, and percent-decoding (of JSON
//! pointers in `$ref`s, of URLs in examples and templates).

/// The operation keys of an OpenAPI path item, lowercase, in the specification's order.
pub(crate) const HTTP_METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The same methods as reference pages write them (uppercase), most common first.
pub(crate) const METHOD_WORDS: [&str; 8] = [
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE",
];

/// `text` without a leading byte order mark (U+FEFF), which editors and crawlers leave on
/// saved pages.
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Decodes `%XX` escapes; a malformed escape stays as written, invalid UTF-8 is replaced.
pub(crate) fn percent_decode(s: &str) -> String {
    decode(s, false)
}

/// [`percent_decode`] for form encoding (`application/x-www-form-urlencoded`), where `+` is a
/// space (and `%2B` a plus).
pub(crate) fn form_decode(s: &str) -> String {
    decode(s, true)
}

fn decode(s: &str, plus_is_space: bool) -> String {
    if !(s.contains('%') || plus_is_space && s.contains('+')) {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            let hex = |k: usize| b.get(k).and_then(|h| (*h as char).to_digit(16));
            if let (Some(h), Some(l)) = (hex(i + 1), hex(i + 2)) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(if plus_is_space && c == b'+' { b' ' } else { c });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%2Fb%7Bc%7d"), "a/b{c}");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%+1"), "%+1", "a sign is no hex digit");
        assert_eq!(
            percent_decode("%a\u{e9}"),
            "%a\u{e9}",
            "no panic inside a character"
        );
        assert_eq!(percent_decode("%C3%A9"), "\u{e9}");
        assert_eq!(percent_decode("a+b"), "a+b");
        assert_eq!(form_decode("a+b%2Bc"), "a b+c");
    }

    #[test]
    fn byte_order_mark() {
        assert_eq!(strip_bom("\u{feff}openapi: 3.1.0"), "openapi: 3.1.0");
        assert_eq!(strip_bom("x\u{feff}"), "x\u{feff}");
    }
}
