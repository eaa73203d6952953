//! The command-line binary of a generated crate, end to end: `cpaas generate`'s crate for a
//! small spec (`tests/fixtures/cli_loopback.yaml`: a multipart upload with path, query and
//! header parameters, a JSON body), built with `--features cli`, run as `<crate> call …`
//! against a loopback server. What arrives on the wire, what is printed and the exit status
//! are checked; bad flag values and missing credentials are refused before anything is sent,
//! and the token is printed nowhere. API keys reach the wire where the spec puts them (a header,
//! the query string, a cookie), from `<CRATE>_<SCHEME>` or `<CRATE>_API_KEY`.

#[path = "support/generated_crate.rs"]
mod generated_crate;
#[path = "../../runtime/tests/support/mod.rs"]
mod mock;

use std::path::{Path, PathBuf};

use generated_crate::workspace;
use std::process::Command;

/// One run of the binary: exit code, stdout, stderr.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `bin args…` with `env` (and nothing else of the caller's credentials) off the async
/// runtime, so the loopback server keeps answering.
async fn run(bin: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(bin);
    cmd.args(args).env("NO_COLOR", "1");
    // None of the caller's variables the generated binaries read (`CLI_…`).
    for (k, _) in std::env::vars() {
        if k.starts_with("CLI_") {
            cmd.env_remove(k);
        }
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = tokio::task::spawn_blocking(move || cmd.output().expect("the binary runs"))
        .await
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_generated_crates_binary_calls_its_operations_over_loopback() {
    let bin = cli_binary_of(
        "cli_loopback.yaml",
        "cli_loopback",
        "demo/files/openapi.yaml",
    )
    .await;
    let tmp = generated_crate::tmp();
    let token = [("CLI_LOOPBACK_TOKEN", "tok-secret-42")];

    // --help: the file flag says how to give a file; the readOnly `id` is no flag.
    let help = run(&bin, &["call", "create-upload", "--help"], &[]).await;
    assert_eq!(help.code, 0, "{}", help.stderr);
    assert!(
        help.stdout.contains("--file <file (@PATH)>"),
        "{}",
        help.stdout
    );
    assert!(
        help.stdout.contains("--x-trace <string>"),
        "{}",
        help.stdout
    );
    assert!(!help.stdout.contains("--id "), "{}", help.stdout);
    let list = run(&bin, &["call"], &[]).await;
    assert!(list.stdout.contains("create-note"), "{}", list.stdout);

    let server = mock::MockServer::start(vec![
        mock::Reply::json(201, r#"{"id":"u1"}"#)
            .header("X-Request-Id", "req-7")
            .into(),
        mock::Reply::json(200, r#"{"id":"n1"}"#).into(),
        mock::Reply::json(422, r#"{"message":"too long"}"#).into(),
        mock::Reply::json(201, r#"{"id":"u2"}"#).into(),
    ])
    .await;
    let url = server.url();
    let photo = tmp.join("cli_loopback_photo.png");
    let photo_bytes: Vec<u8> = (0..=255u8).collect();
    std::fs::write(&photo, &photo_bytes).unwrap();
    let at_photo = format!("@{}", photo.display());
    let upload = [
        "call",
        "create-upload",
        "--folder",
        "a b",
        "--dry-run",
        "true",
        "--tags",
        "x",
        "--tags",
        "y,z",
        "--x-trace",
        "t-1",
        "--title",
        "Holiday",
        "--count",
        "3",
        "--file",
        &at_photo,
        "--base-url",
        &url,
    ];
    let ok = run(&bin, &upload, &token).await;
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(ok.stdout.contains("\"id\": \"u1\""), "{}", ok.stdout);
    assert!(
        ok.stderr.contains("HTTP 201 (request id req-7)"),
        "{}",
        ok.stderr
    );
    let req = &server.requests()[0];
    assert_eq!(
        (req.method.as_str(), req.path()),
        ("POST", "/folders/a%20b/uploads")
    );
    assert_eq!(req.query(), Some("dry_run=true&tags=x&tags=y%2Cz"));
    assert_eq!(req.header("x-trace"), Some("t-1"));
    assert_eq!(req.header("authorization"), Some("Bearer tok-secret-42"));
    let ct = req.header("content-type").unwrap();
    let boundary = ct.strip_prefix("multipart/form-data; boundary=").unwrap();
    let expected = [
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHoliday\r\n").into_bytes(),
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"count\"\r\n\r\n3\r\n").into_bytes(),
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cli_loopback_photo.png\"\r\nContent-Type: image/png\r\n\r\n").into_bytes(),
        photo_bytes.clone(),
        format!("\r\n--{boundary}--\r\n").into_bytes(),
    ]
    .concat();
    assert_eq!(
        String::from_utf8_lossy(&req.body),
        String::from_utf8_lossy(&expected)
    );

    // A JSON body from flags: typed values, the enum checked, a JSON object flag.
    let note = |priority: &'static str| {
        [
            "call",
            "create-note",
            "--text",
            "hi",
            "--priority",
            priority,
            "--limit",
            "7",
            "--meta",
            r#"{"source":"cli"}"#,
            "--json",
            "--base-url",
        ]
    };
    let ok = run(&bin, &[&note("high")[..], &[url.as_str()]].concat(), &token).await;
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    let printed: serde_json::Value = serde_json::from_str(&ok.stdout).unwrap();
    assert_eq!(
        printed,
        serde_json::json!({"status": 200, "request_id": null, "body": {"id": "n1"}})
    );
    let req = &server.requests()[1];
    assert_eq!((req.method.as_str(), req.path()), ("POST", "/notes"));
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(
        req.body_str(),
        r#"{"text":"hi","priority":"high","limit":7,"meta":{"source":"cli"}}"#
    );

    // Refused before sending: a value outside the enum, a non-integer, a missing file.
    for (flag, value, says) in [
        ("--priority", "urgent", "one of: low, high"),
        ("--limit", "seven", "as an integer"),
    ] {
        let mut args = note("low").to_vec();
        let at = args.iter().position(|a| *a == flag).unwrap();
        args[at + 1] = value;
        args.push(&url);
        let bad = run(&bin, &args, &token).await;
        assert_eq!(bad.code, 1, "{}", bad.stdout);
        assert!(bad.stdout.contains(says), "{}", bad.stdout);
    }
    let mut missing_file = upload.to_vec();
    missing_file[17] = "@/no/such/file.png";
    let bad = run(&bin, &missing_file, &token).await;
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("--file"), "{}", bad.stderr);
    assert_eq!(server.count(), 2, "nothing was sent for refused flags");

    // A documented error: exit 1, the variant named, the body printed.
    let err = run(&bin, &upload, &token).await;
    assert_eq!(err.code, 1, "{}", err.stderr);
    assert!(
        err.stderr.contains("HTTP 422 (UnprocessableEntity)"),
        "{}",
        err.stderr
    );
    assert!(err.stdout.contains("too long"), "{}", err.stdout);

    // No credentials: refused with the variable's name; the token is printed nowhere.
    let none = run(&bin, &upload, &[]).await;
    assert_eq!(none.code, 1);
    assert!(
        none.stderr.contains("CLI_LOOPBACK_TOKEN"),
        "{}",
        none.stderr
    );
    assert_eq!(server.count(), 3);
    let verbose = run(&bin, &[&upload[..], &["--verbose"]].concat(), &token).await;
    for text in [&verbose.stdout, &verbose.stderr, &ok.stdout, &ok.stderr] {
        assert!(!text.contains("tok-secret-42"), "{text}");
    }
}

/// Generates the crate of `tests/fixtures/<fixture>` (laid out as `layout`) and builds its
/// binary with the `cli` feature; the binary's path.
async fn cli_binary_of(fixture: &str, name: &str, layout: &str) -> PathBuf {
    let (out, _) = generated_crate::fixture_crate(fixture, name, layout, "fn main() {}\n");
    let target = generated_crate::tmp().join("corpus-target");
    let built = {
        let (target, name) = (target.clone(), name.to_string());
        tokio::task::spawn_blocking(move || {
            generated_crate::cargo_in(
                &out,
                &workspace(),
                &target,
                &["build", "--features", "cli", "--bin", &name],
            )
        })
        .await
        .unwrap()
    };
    assert!(
        built.success(),
        "the generated binary of {name} does not build"
    );
    target.join("debug").join(name)
}

/// `--all-pages` walks three pages of each pattern (`tests/fixtures/pagination_loopback.yaml`)
/// and prints every item, one compact JSON value per line; a streaming operation
/// (`tests/fixtures/events_loopback.yaml`) prints each event's data as a line and stops at
/// `[DONE]`; `--all-pages` on a list that does not page is refused before anything is sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_generated_binary_walks_pages_and_prints_events() {
    let bin = cli_binary_of(
        "pagination_loopback.yaml",
        "cli_pages",
        "demo/lists/openapi.yaml",
    )
    .await;
    let page = |body: &str| mock::Reply::json(200, body.to_string()).into();
    let server = mock::MockServer::start(vec![
        page(r#"{"calls":[{"sid":"c1"}],"next_page_uri":"/calls?Page=1"}"#),
        page(r#"{"calls":[{"sid":"c2"}],"next_page_uri":"/calls?Page=2"}"#),
        page(r#"{"calls":[{"sid":"c3"}],"next_page_uri":null}"#),
        page(r#"{"data":[{"phone_number":"n1"}],"meta":{"page_number":1,"total_pages":3}}"#),
        page(r#"{"data":[{"phone_number":"n2"}],"meta":{"page_number":2,"total_pages":3}}"#),
        page(r#"{"data":[{"phone_number":"n3"}],"meta":{"page_number":3,"total_pages":3}}"#),
        page(r#"{"data":[{"id":"e1"}],"has_more":true}"#),
        page(r#"{"data":[{"id":"e2"},{"id":"e3"}],"has_more":true}"#),
        page(r#"{"data":[{"id":"e4"}],"has_more":false}"#),
        page(r#"{"data":[{"id":"never"}],"has_more":false}"#),
    ])
    .await;
    let url = server.url();
    let walks = [
        (
            "list-calls",
            "{\"sid\":\"c1\"}\n{\"sid\":\"c2\"}\n{\"sid\":\"c3\"}\n",
        ),
        (
            "list-numbers",
            "{\"phone_number\":\"n1\"}\n{\"phone_number\":\"n2\"}\n{\"phone_number\":\"n3\"}\n",
        ),
        (
            "list-events",
            "{\"id\":\"e1\"}\n{\"id\":\"e2\"}\n{\"id\":\"e3\"}\n{\"id\":\"e4\"}\n",
        ),
    ];
    for (op, printed) in walks {
        let r = run(&bin, &["call", op, "--all-pages", "--base-url", &url], &[]).await;
        assert_eq!(r.code, 0, "{op}: {}", r.stderr);
        assert_eq!(r.stdout, printed, "{op}");
    }
    let sent: Vec<String> = server
        .requests()
        .iter()
        .map(|r| match r.query() {
            Some(q) => format!("{}?{q}", r.path()),
            None => r.path().to_string(),
        })
        .collect();
    assert_eq!(
        sent,
        [
            "/calls",
            "/calls?Page=1",
            "/calls?Page=2",
            "/numbers",
            "/numbers?page%5Bnumber%5D=2",
            "/numbers?page%5Bnumber%5D=3",
            "/events",
            "/events?starting_after=e1",
            "/events?starting_after=e3",
        ]
    );

    let bin = cli_binary_of(
        "events_loopback.yaml",
        "cli_events",
        "demo/chat/openapi.yaml",
    )
    .await;
    let sse = "data: {\"message\":\"one\"}\n\n: a comment\nevent: log\ndata: {\"message\":\ndata: \"two\"}\n\ndata: [DONE]\n\ndata: {\"message\":\"after\"}\n\n";
    let server = mock::MockServer::start(vec![
        mock::Reply::new(200)
            .header("content-type", "text/event-stream")
            .body(sse)
            .into(),
    ])
    .await;
    let url = server.url();
    let r = run(
        &bin,
        &["call", "tail-logs", "--level", "info", "--base-url", &url],
        &[],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout, "{\"message\":\"one\"}\n{\"message\":\"two\"}\n",
        "each event's data on a line, none after [DONE]"
    );
    let req = &server.requests()[0];
    assert_eq!(req.header("accept"), Some("text/event-stream"));
    assert_eq!(req.query(), Some("level=info"));

    let refused = run(
        &bin,
        &["call", "tail-logs", "--all-pages", "--base-url", &url],
        &[],
    )
    .await;
    assert_eq!(refused.code, 1);
    assert!(
        refused.stderr.contains("not a paginated list"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        server.count(),
        1,
        "nothing sent for --all-pages on a stream"
    );
}

/// Every place an API key goes (`tests/fixtures/api_keys_loopback.yaml`): a header, the query
/// string and a cookie, each read from `CLI_KEYS_API_KEY` or the scheme's own variable
/// (`CLI_KEYS_QUERY_KEY` …), arrive where the spec says and nowhere else; a cursor walk carries
/// the query key on every page; the key is printed nowhere, also with `--verbose`, `--json` and
/// an error answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_generated_binary_sends_api_keys_where_the_spec_puts_them() {
    let bin = cli_binary_of(
        "api_keys_loopback.yaml",
        "cli_keys",
        "demo/keys/openapi.yaml",
    )
    .await;
    let help = run(&bin, &[], &[]).await;
    assert!(
        help.stdout
            .contains("CLI_KEYS_<SCHEME> or CLI_KEYS_API_KEY"),
        "{}",
        help.stdout
    );
    let item = |id: &str| mock::Reply::json(200, format!(r#"{{"id":"{id}"}}"#)).into();
    let page = |body: &str| mock::Reply::json(200, body.to_string()).into();
    let server = mock::MockServer::start(vec![
        item("h"),
        item("q"),
        item("c"),
        item("e1"),
        item("e2"),
        page(r#"{"data":[{"id":"i1"}],"has_more":true}"#),
        page(r#"{"data":[{"id":"i2"}],"has_more":false}"#),
        mock::Reply::json(401, r#"{"message":"bad key"}"#).into(),
    ])
    .await;
    let url = server.url();
    let key = "k3y-s3cret-77";
    let any = [("CLI_KEYS_API_KEY", key)];
    let mut outputs = Vec::new();
    for (op, extra) in [
        ("via-header", &[][..]),
        ("via-query", &["--q", "a b"][..]),
        ("via-cookie", &["--verbose"][..]),
    ] {
        let args = [&["call", op, "--base-url", &url][..], extra].concat();
        let r = run(&bin, &args, &any).await;
        assert_eq!(r.code, 0, "{op}: {}", r.stderr);
        outputs.push(r);
    }
    let reqs = server.requests();
    // Header: only there.
    assert_eq!(reqs[0].header("x-api-key"), Some(key));
    assert_eq!((reqs[0].query(), reqs[0].header("cookie")), (None, None));
    // Query: beside the operation's own parameter, no header.
    assert_eq!(reqs[1].path(), "/query");
    assert_eq!(reqs[1].query(), Some("q=a+b&api_key=k3y-s3cret-77"));
    assert_eq!(
        (reqs[1].header("x-api-key"), reqs[1].header("cookie")),
        (None, None)
    );
    // Cookie.
    assert_eq!(reqs[2].header("cookie"), Some("session=k3y-s3cret-77"));
    assert_eq!(reqs[2].query(), None);
    for r in &reqs[..3] {
        assert_eq!(r.header("authorization"), None);
    }

    // Either of two keys: each scheme's own variable is read first, so the second one is
    // chosen when only its variable is set, and the first when both are.
    let cookie_only = [("CLI_KEYS_SESSION_COOKIE", "cookie-key-1")];
    let r = run(&bin, &["call", "either", "--base-url", &url], &cookie_only).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let both = [
        ("CLI_KEYS_SESSION_COOKIE", "cookie-key-1"),
        ("CLI_KEYS_QUERY_KEY", "query-key-2"),
    ];
    let r = run(&bin, &["call", "either", "--base-url", &url], &both).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let reqs = server.requests();
    assert_eq!(
        (reqs[3].query(), reqs[3].header("cookie")),
        (None, Some("session=cookie-key-1"))
    );
    assert_eq!(
        (reqs[4].query(), reqs[4].header("cookie")),
        (Some("api_key=query-key-2"), None)
    );

    // Every page of a cursor walk carries the query key.
    let r = run(
        &bin,
        &["call", "list-items", "--all-pages", "--base-url", &url],
        &any,
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "{\"id\":\"i1\"}\n{\"id\":\"i2\"}\n");
    outputs.push(r);
    let reqs = server.requests();
    assert_eq!(reqs[5].query(), Some("api_key=k3y-s3cret-77"));
    assert_eq!(
        reqs[6].query(),
        Some("starting_after=i1&api_key=k3y-s3cret-77")
    );

    // An error answer, as JSON and verbose: printed, the key nowhere in it.
    let r = run(
        &bin,
        &[
            "call",
            "via-query",
            "--json",
            "--verbose",
            "--base-url",
            &url,
        ],
        &any,
    )
    .await;
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("bad key"), "{}", r.stdout);
    outputs.push(r);
    assert_eq!(server.count(), 8);

    // No key: refused before sending, naming the variables (per scheme, then the shared one).
    let none = run(&bin, &["call", "either", "--base-url", &url], &[]).await;
    assert_eq!(none.code, 1);
    assert!(
        none.stderr.contains(
            "set CLI_KEYS_QUERY_KEY (or CLI_KEYS_API_KEY), or CLI_KEYS_SESSION_COOKIE (or \
             CLI_KEYS_API_KEY)"
        ),
        "{}",
        none.stderr
    );
    assert_eq!(server.count(), 8, "nothing sent without a key");
    for r in &outputs {
        for text in [&r.stdout, &r.stderr] {
            assert!(!text.contains(key), "{text}");
        }
    }
}
