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

fn with_type(status: u16, content_type: Option<&str>, body: &'static [u8]) -> RawResponse {
    let mut headers = HeaderMap::new();
    if let Some(ct) = content_type {
        headers.insert(http::header::CONTENT_TYPE, ct.parse().unwrap());
    }
    RawResponse::new(StatusCode::from_u16(status).unwrap(), headers, body)
}

#[test]
fn media_types_match_by_essence_then_json_family_then_wildcards() {
    use super::media::{is_json, pick_media};
    let docs = ["application/json", "text/plain"];
    assert_eq!(pick_media(Some("application/json"), &docs), Some(0));
    assert_eq!(
        pick_media(Some("Application/JSON; charset=utf-8"), &docs),
        Some(0)
    );
    assert_eq!(pick_media(Some("text/plain;charset=UTF-8"), &docs), Some(1));
    assert_eq!(pick_media(Some("application/problem+json"), &docs), Some(0));
    assert_eq!(pick_media(Some("text/html"), &docs), None);
    // No Content-Type: only the sole documented media type is taken.
    assert_eq!(pick_media(None, &docs), None);
    assert_eq!(pick_media(None, &["application/json"]), Some(0));
    assert_eq!(pick_media(Some(""), &["text/plain"]), Some(0));
    // Exact beats family; two family members are not guessed between.
    let two = ["application/json", "application/problem+json"];
    assert_eq!(pick_media(Some("application/problem+json"), &two), Some(1));
    assert_eq!(pick_media(Some("application/vnd.x+json"), &two), None);
    // Wildcards, specific before `*/*`.
    let wild = ["*/*", "image/*"];
    assert_eq!(pick_media(Some("image/png"), &wild), Some(1));
    assert_eq!(pick_media(Some("text/csv"), &wild), Some(0));
    assert!(is_json("application/merge-patch+json"));
    assert!(!is_json("application/x-ndjson"));
    assert!(!is_json("+json"));
}

#[test]
fn success_bodies_decode_into_a_variant_through_a_mapping_fn() {
    #[derive(Debug, PartialEq)]
    enum Success {
        Json(Vec<u32>),
        Text(String),
        Bytes(Vec<u8>),
        Empty,
    }
    let r = with_type(200, Some("application/json"), b"[1,2]");
    let v = r.json_into::<_, _, ()>(Success::Json).unwrap();
    assert_eq!(
        (v.inner(), v.status().as_u16()),
        (&Success::Json(vec![1, 2]), 200)
    );
    assert_eq!(v.raw_body(), b"[1,2]");
    let r = with_type(200, Some("text/plain"), b"hi");
    assert_eq!(
        *r.text_into::<_, ()>(Success::Text).unwrap(),
        Success::Text("hi".into())
    );
    let r = with_type(200, None, b"\x00\xff");
    assert_eq!(
        *r.bytes_into::<_, ()>(Success::Bytes).unwrap(),
        Success::Bytes(vec![0, 255])
    );
    let r = with_type(204, None, b"");
    let v = r.empty_as::<_, ()>(Success::Empty).unwrap();
    assert_eq!((v.inner(), v.status().as_u16()), (&Success::Empty, 204));
    let r = with_type(200, Some("text/plain"), b"\xff");
    assert!(matches!(
        r.text_into::<_, ()>(Success::Text),
        Err(Error::Decode { .. })
    ));
    let r = with_type(200, Some("application/json"), b"{");
    assert!(matches!(
        r.json_into::<_, _, ()>(Success::Json),
        Err(Error::Decode { .. })
    ));
}

#[test]
fn an_undocumented_media_type_is_an_error_naming_what_was_documented() {
    const DOCS: &[&str] = &["application/json", "text/plain"];
    let r = with_type(200, Some("text/plain; charset=utf-8"), b"ok");
    assert_eq!(r.media::<()>(DOCS).unwrap(), 1);
    let r = with_type(200, Some("text/html"), b"<h1>proxy login</h1>");
    match r.media::<()>(DOCS) {
        Err(e @ Error::UnexpectedContentType { .. }) => {
            assert_eq!(e.status(), Some(StatusCode::OK));
            let shown = e.to_string();
            assert!(shown.contains("text/html"), "{shown}");
            assert!(shown.contains("application/json, text/plain"), "{shown}");
            // A success body may be a minted credential: kept in the field, never shown.
            assert!(!shown.contains("proxy login"), "{shown}");
            assert!(!format!("{e:?}").contains("proxy login"), "{e:?}");
            let Error::UnexpectedContentType { body_excerpt, .. } = e else {
                unreachable!()
            };
            assert!(body_excerpt.contains("proxy login"), "{body_excerpt}");
        }
        other => panic!("expected UnexpectedContentType, got {other:?}"),
    }
    let r = with_type(200, None, b"?");
    assert!(matches!(
        r.media::<()>(DOCS),
        Err(Error::UnexpectedContentType { content_type, .. }) if content_type.is_empty()
    ));
}
