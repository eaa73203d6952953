//! `multipart/form-data` request bodies end to end: a small OpenAPI 3.1 fixture's generated
//! client (`tests/fixtures/multipart_loopback.yaml`), run against a loopback server, sends
//! file parts with their bytes, file name and content type, text fields, repeated parts for
//! arrays, a JSON part for an object and the `encoding` object's header; a required field
//! left unset is refused before sending, a `readOnly` one is neither asked for nor sent; and a
//! retried upload re-sends the same bytes.

#[path = "support/generated_crate.rs"]
mod generated_crate;
#[path = "../../runtime/tests/support/mod.rs"]
mod mock;

/// One part as received: its headers (names lower-cased) and content.
#[derive(Debug)]
struct Received {
    headers: Vec<(String, String)>,
    data: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    fn disposition(&self) -> &str {
        self.header("content-disposition").unwrap_or("")
    }
}

/// A test-only multipart parser: the parts between `--boundary` delimiters (RFC 2046 §5.1.1).
fn parse_multipart(content_type: &str, body: &[u8]) -> Vec<Received> {
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not multipart: {content_type}"));
    let delimiter = format!("--{boundary}");
    let d = delimiter.as_bytes();
    let find = |from: usize| {
        body[from..]
            .windows(d.len())
            .position(|w| w == d)
            .map(|i| i + from)
    };
    let mut parts = Vec::new();
    let mut at = find(0).expect("a first delimiter");
    assert_eq!(at, 0, "the body starts with the delimiter");
    loop {
        let after = at + d.len();
        if body[after..].starts_with(b"--") {
            assert_eq!(
                &body[after..],
                b"--\r\n",
                "the close delimiter ends the body"
            );
            break;
        }
        assert!(body[after..].starts_with(b"\r\n"));
        let start = after + 2;
        let next = find(start).expect("a closing delimiter");
        let part = &body[start..next - 2];
        assert_eq!(&body[next - 2..next], b"\r\n");
        let split = part
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a blank line after the part's headers");
        let head = std::str::from_utf8(&part[..split]).unwrap();
        let headers = head
            .split("\r\n")
            .map(|l| {
                let (n, v) = l.split_once(": ").expect("a header line");
                (n.to_ascii_lowercase(), v.to_string())
            })
            .collect();
        parts.push(Received {
            headers,
            data: part[split + 4..].to_vec(),
        });
        at = next;
    }
    parts
}

/// The example program run against the loopback server.
const EXAMPLE: &str = r#"
use cpaas_runtime::Part;
use multipart_loopback::demo::uploads::Client;

fn main() {
    let url = std::env::args().nth(1).expect("the server's URL");
    let photo_path = std::env::args().nth(2).expect("a file to upload");
    let client = Client::builder()
        .base_url(url)
        .retry_non_idempotent(true)
        .build()
        .expect("a client");
    cpaas_runtime::blocking::block_on(async {
        let missing = client
            .create_upload()
            .photo(Part::bytes(b"x".to_vec()))
            .send()
            .await;
        assert!(
            matches!(&missing, Err(cpaas_runtime::Error::Validation { field, .. }) if field == "name"),
            "{missing:?}"
        );
        let answer = client
            .create_upload()
            .name("Ada \"L\" Lovelace")
            .count(3)
            .tags(vec!["a".to_string(), "b c".to_string()])
            .photo(Part::file(&photo_path).expect("the photo"))
            .attachments(vec![
                Part::bytes(b"first\r\n--".to_vec()).file_name("résumé \"1\".txt"),
                Part::bytes(vec![0, 255, 13, 10]).file_name("blob.bin").content_type("application/x-blob"),
            ])
            .meta(multipart_loopback::demo::uploads::types::UploadFormMeta { source: Some("cli".into()) })
            .send()
            .await
            .expect("create_upload");
        assert_eq!(answer.id.as_deref(), Some("u1"));
    });
}
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_multipart_upload_arrives_part_by_part_and_a_retry_resends_it() {
    let tmp = generated_crate::tmp();
    let photo = tmp.join("multipart_loopback_photo.png");
    let photo_bytes: Vec<u8> = (0..=255u8).chain(*b"\x89PNG\r\n").collect();
    std::fs::write(&photo, &photo_bytes).unwrap();
    // The client is `demo::uploads::Client`.
    let (out, report) = generated_crate::fixture_crate(
        "multipart_loopback.yaml",
        "multipart_loopback",
        "demo/uploads/openapi.yaml",
        EXAMPLE,
    );
    assert!(!report.contains("lower.multipart"), "{report}");

    let server = mock::MockServer::start(vec![
        mock::Reply::new(503).header("Retry-After", "0").into(),
        mock::Reply::json(200, r#"{"id": "u1"}"#).into(),
    ])
    .await;
    let photo_arg = photo.display().to_string();
    generated_crate::run_loopback_example(out, &["--all-features"], vec![server.url(), photo_arg])
        .await;
    let reqs = server.requests();
    assert_eq!(
        reqs.len(),
        2,
        "the missing field is refused unsent, the 503 retried"
    );
    assert_eq!(
        reqs[0].body, reqs[1].body,
        "the retry re-sends the same bytes"
    );
    assert_eq!(
        reqs[0].header("content-type"),
        reqs[1].header("content-type")
    );
    let req = &reqs[1];
    assert_eq!((req.method.as_str(), req.path()), ("POST", "/uploads"));
    let parts = parse_multipart(req.header("content-type").unwrap(), &req.body);
    let got: Vec<(&str, Option<&str>, &[u8])> = parts
        .iter()
        .map(|p| (p.disposition(), p.header("content-type"), p.data.as_slice()))
        .collect();
    let json = br#"{"source":"cli"}"#;
    assert_eq!(
        got,
        vec![
            (
                "form-data; name=\"name\"",
                None,
                b"Ada \"L\" Lovelace".as_slice()
            ),
            ("form-data; name=\"count\"", None, b"3".as_slice()),
            ("form-data; name=\"tags\"", None, b"a".as_slice()),
            ("form-data; name=\"tags\"", None, b"b c".as_slice()),
            (
                "form-data; name=\"photo\"; filename=\"multipart_loopback_photo.png\"",
                Some("image/png"),
                photo_bytes.as_slice()
            ),
            (
                "form-data; name=\"attachments\"; filename=\"résumé %221%22.txt\"",
                Some("text/plain"),
                b"first\r\n--".as_slice()
            ),
            (
                "form-data; name=\"attachments\"; filename=\"blob.bin\"",
                Some("application/x-blob"),
                [0u8, 255, 13, 10].as_slice()
            ),
            (
                "form-data; name=\"meta\"",
                Some("application/json"),
                json.as_slice()
            ),
        ]
    );
    // The `encoding` object's fixed header goes on the photo's part only.
    assert_eq!(parts[4].header("x-kind"), Some("avatar"));
    assert!(
        parts
            .iter()
            .filter(|p| p.header("x-kind").is_some())
            .count()
            == 1
    );
}
