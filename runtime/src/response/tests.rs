use super::excerpt::{EXCERPT_CAP, excerpt};
use super::raw::RawResponse;
use crate::error::Error;
use http::{HeaderMap, StatusCode};

#[test]
fn excerpt_caps_at_char_boundary() {
    let body = "é".repeat(EXCERPT_CAP); // 2 bytes each
    let e = excerpt(body.as_bytes());
    assert!(e.ends_with('…'));
    assert!(!e.contains('\u{FFFD}'));
    assert!(e.len() <= EXCERPT_CAP + '…'.len_utf8());
    assert_eq!(excerpt(b"short"), "short");
}

#[test]
fn decode_error_names_path_line_and_column() {
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Item {
        id: u32,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct List {
        data: Vec<Item>,
    }
    let body = b"{\"data\": [{\"id\": 1},\n {\"id\": \"x\"}]}";
    let raw = RawResponse::new(StatusCode::OK, HeaderMap::new(), &body[..]);
    match raw.json::<List, ()>() {
        Err(Error::Decode { message, .. }) => {
            assert!(message.contains("line 2 column"), "{message}");
            assert!(message.contains("(path data[1].id)"), "{message}");
            assert!(message.contains("expected u32"), "{message}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    let raw = RawResponse::new(StatusCode::OK, HeaderMap::new(), &b"{\"data\": []} x"[..]);
    assert!(matches!(raw.json::<List, ()>(), Err(Error::Decode { .. })));
}
