//! The SSE parser against the WHATWG format: fields, comments, multi-line data, the three
//! line ends, the byte-order mark, and the same stream split at every byte (inside CRLF pairs
//! and UTF-8 sequences) giving the same events.

use std::time::Duration;

use super::parser::{LineTooLong, Parser, RawEvent};

fn parse_chunks(chunks: &[&[u8]]) -> Vec<RawEvent> {
    let mut p = Parser::new(1 << 20);
    let mut out = Vec::new();
    for c in chunks {
        p.push(c, &mut out).unwrap();
    }
    out
}

fn parse(s: &str) -> Vec<RawEvent> {
    parse_chunks(&[s.as_bytes()])
}

fn ev(data: &str) -> RawEvent {
    RawEvent {
        event: None,
        id: None,
        retry: None,
        data: data.into(),
    }
}

#[test]
fn fields_comments_and_multi_line_data() {
    let got = parse(
        ": a comment\n\
         event: delta\n\
         id: 7\n\
         retry: 1500\n\
         data: {\"a\":\n\
         data:1}\n\
         \n\
         data\n\
         \n\
         unknown: x\n\
         retry: 12ms\n\
         data:  two spaces\n\n",
    );
    assert_eq!(
        got,
        vec![
            RawEvent {
                event: Some("delta".into()),
                id: Some("7".into()),
                retry: Some(Duration::from_millis(1500)),
                data: "{\"a\":\n1}".into(),
            },
            // `data` without a colon is an empty data line; the id persists.
            RawEvent {
                id: Some("7".into()),
                ..ev("")
            },
            // Only the first space is dropped; a retry that is not all digits is ignored.
            RawEvent {
                id: Some("7".into()),
                ..ev(" two spaces")
            },
        ]
    );
}

#[test]
fn events_without_data_are_not_dispatched_and_their_type_does_not_leak() {
    let got = parse("event: ping\n\nid: 1\n\ndata: x\n\nid\ndata: y\n\n");
    assert_eq!(
        got,
        vec![
            RawEvent {
                id: Some("1".into()),
                ..ev("x")
            },
            // `id` with no value resets the last event id.
            ev("y"),
        ]
    );
    // An id holding NUL is ignored.
    assert_eq!(parse("id: a\0b\ndata: z\n\n"), vec![ev("z")]);
}

#[test]
fn an_unfinished_event_at_the_end_is_dropped() {
    assert_eq!(parse("data: a\n\ndata: b\n"), vec![ev("a")]);
    assert_eq!(parse("data: a\n\ndata: b"), vec![ev("a")]);
}

#[test]
fn line_ends_and_bom() {
    for text in [
        "\u{feff}data: a\r\ndata: b\r\n\r\ndata: c\r\n\r\n",
        "data: a\rdata: b\r\rdata: c\r\r",
        "data: a\ndata: b\n\ndata: c\n\n",
        "data: a\rdata: b\r\n\ndata: c\n\r",
    ] {
        assert_eq!(parse(text), vec![ev("a\nb"), ev("c")], "{text:?}");
    }
    // Only a BOM at the very start is dropped.
    assert_eq!(parse("data: \u{feff}x\n\n"), vec![ev("\u{feff}x")]);
}

#[test]
fn any_split_of_the_bytes_gives_the_same_events() {
    let text = "\u{feff}: hi\r\nevent: é\r\ndata: {\"t\":\"日本\"}\r\n\r\ndata: 🎉\rdata: b\r\rid: 9\ndata: [DONE]\n\n";
    let bytes = text.as_bytes();
    let whole = parse_chunks(&[bytes]);
    assert_eq!(whole.len(), 3);
    assert_eq!(whole[0].event.as_deref(), Some("é"));
    assert_eq!(whole[0].data, "{\"t\":\"日本\"}");
    assert_eq!(whole[1].data, "🎉\nb");
    // Every single split, then every pair of splits.
    for i in 0..=bytes.len() {
        assert_eq!(
            parse_chunks(&[&bytes[..i], &bytes[i..]]),
            whole,
            "split at {i}"
        );
        for j in i..=bytes.len() {
            let got = parse_chunks(&[&bytes[..i], &bytes[i..j], &bytes[j..]]);
            assert_eq!(got, whole, "split at {i} and {j}");
        }
    }
    // Byte by byte, and in pseudo-random chunk sizes.
    let one_by_one: Vec<&[u8]> = bytes.chunks(1).collect();
    assert_eq!(parse_chunks(&one_by_one), whole);
    let mut seed = 7u32;
    for _ in 0..200 {
        let mut chunks = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let n = 1 + (seed >> 16) as usize % 9;
            let end = (at + n).min(bytes.len());
            chunks.push(&bytes[at..end]);
            at = end;
        }
        assert_eq!(parse_chunks(&chunks), whole);
    }
}

#[test]
fn a_line_over_the_limit_is_refused() {
    let mut p = Parser::new(16);
    let mut out = Vec::new();
    assert_eq!(p.push(b"data: 0123456789", &mut out), Ok(()));
    assert_eq!(p.push(b"abcdef", &mut out), Err(LineTooLong(16)));
    // Data growing over many short lines is bounded too.
    let mut p = Parser::new(16);
    let r = (0..10).try_for_each(|_| p.push(b"data: abc\n", &mut out));
    assert_eq!(r, Err(LineTooLong(16)));
}
