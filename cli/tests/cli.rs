//! The `cpaas call` contract, run as a user runs it: real binary, real HTTP on loopback,
//! credentials from the environment; and `cpaas generate`'s names and paths.

#[path = "support/bin.rs"]
mod bin;
#[path = "../../codegen/tests/support/shared.rs"]
mod shared;
#[path = "../../runtime/tests/support/mod.rs"]
mod support;

use support::{MockServer, Reply};
use tokio::process::Command;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

async fn cpaas(args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = Command::from(bin::cpaas())
        .args(args)
        .envs(env.iter().copied())
        .output()
        .await
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[tokio::test]
async fn telnyx_call_prints_the_jwt_and_a_404_exits_1_with_the_typed_error() {
    // Answered twice: as text, then with --json.
    let answers = [
        Reply::new(201)
            .header("Content-Type", "text/plain")
            .header("X-Request-Id", "req-1")
            .body("eyJ.payload.sig")
            .into(),
        Reply::new(404)
            .header("X-Request-Id", "req-2")
            .body("Resource not Found")
            .into(),
    ];
    let server = MockServer::start([answers.clone(), answers].concat()).await;
    let url = server.url();
    let args = [
        "call",
        "telnyx",
        "create-telephony-credential-token",
        "--id",
        "abc",
        "--base-url",
        url.as_str(),
    ];
    let ok = cpaas(&args, &[("TELNYX_API_KEY", "k")]).await;
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert_eq!(ok.stdout.trim(), "eyJ.payload.sig");
    let req = &server.requests()[0];
    assert_eq!(
        (req.method.as_str(), req.path()),
        ("POST", "/telephony_credentials/abc/token")
    );
    assert_eq!(req.header("authorization"), Some("Bearer k"));

    let not_found = cpaas(&args, &[("TELNYX_API_KEY", "k")]).await;
    assert_eq!(not_found.code, 1);
    assert!(not_found.stderr.contains("404"), "{}", not_found.stderr);
    // `error: HTTP 404 (NotFound)` on stderr, the body on stdout.
    assert!(
        not_found.stderr.contains("NotFound"),
        "{}",
        not_found.stderr
    );
    assert!(
        not_found.stdout.contains("Resource not Found"),
        "{}",
        not_found.stdout
    );

    // --json: the body as received, and the typed error's variant.
    let json_args = [&args[..], &["--json"]].concat();
    let json = |r: &Run| -> serde_json::Value {
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
    };
    let ok = cpaas(&json_args, &[("TELNYX_API_KEY", "k")]).await;
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert_eq!(
        json(&ok),
        serde_json::json!({"status": 201, "request_id": "req-1", "body": "eyJ.payload.sig"})
    );
    let not_found = cpaas(&json_args, &[("TELNYX_API_KEY", "k")]).await;
    assert_eq!(not_found.code, 1, "{}", not_found.stderr);
    assert_eq!(
        json(&not_found),
        serde_json::json!({
            "error": "HTTP 404 (NotFound)",
            "status": 404,
            "variant": "NotFound",
            "request_id": "req-2",
            "body": "Resource not Found",
        })
    );
}

#[tokio::test]
async fn twilio_calls_send_pascal_case_form_bodies() {
    let server = MockServer::repeating(Reply::json(201, r#"{"sid":"X"}"#)).await;
    let url = server.url();
    let env = [
        ("TWILIO_ACCOUNT_SID", "AC11111111111111111111111111111111"),
        ("TWILIO_AUTH_TOKEN", "tok"),
    ];
    for (args, path, body) in [
        (
            vec!["create-token", "--ttl", "60"],
            "/2010-04-01/Accounts/AC11111111111111111111111111111111/Tokens.json",
            "Ttl=60",
        ),
        (
            vec!["create-new-key", "--friendly-name", "x"],
            "/2010-04-01/Accounts/AC11111111111111111111111111111111/Keys.json",
            "FriendlyName=x",
        ),
        (
            vec!["create-credential", "--type", "apn", "--sandbox", "true"],
            "/v2/Credentials",
            "Type=apn&Sandbox=true",
        ),
    ] {
        let mut full = vec!["call", "twilio"];
        full.extend(args);
        full.extend(["--base-url", url.as_str()]);
        let r = cpaas(&full, &env).await;
        assert_eq!(r.code, 0, "{full:?}: {}", r.stderr);
        let req = server.requests().pop().unwrap();
        assert_eq!(req.path(), path);
        assert_eq!(req.body_str(), body);
        // base64 of `AC11111111111111111111111111111111:tok`.
        assert_eq!(
            req.header("authorization"),
            Some("Basic QUMxMTExMTExMTExMTExMTExMTExMTExMTExMTExMTExMTp0b2s=")
        );
    }
}

#[tokio::test]
async fn signalwire_call_sends_repeated_keys_and_422_is_typed() {
    let server = MockServer::start(vec![
        Reply::json(
            200,
            r#"{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","name":"ci","permissions":["calling","chat"],"token":"T"}"#,
        )
        .into(),
        Reply::json(422, r#"{"type":"validation_error","message":"bad","attribute":"permissions"}"#).into(),
    ])
    .await;
    let url = server.url();
    let args = [
        "call",
        "signalwire",
        "create-token",
        "--account-sid",
        "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "--name",
        "ci",
        "--permissions",
        "calling",
        "--permissions",
        "chat",
        "--base-url",
        url.as_str(),
    ];
    let env = [
        ("SIGNALWIRE_PROJECT_ID", "p"),
        ("SIGNALWIRE_API_TOKEN", "t"),
    ];
    let ok = cpaas(&args, &env).await;
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(ok.stdout.contains("\"token\": \"T\""), "{}", ok.stdout);
    let req = &server.requests()[0];
    assert_eq!(
        req.path(),
        "/Accounts/3fa85f64-5717-4562-b3fc-2c963f66afa6/tokens"
    );
    assert_eq!(
        req.body_str(),
        "name=ci&permissions=calling&permissions=chat"
    );
    assert_eq!(req.header("authorization"), Some("Basic cDp0"));

    let err = cpaas(&args, &env).await;
    assert_eq!(err.code, 1);
    assert!(err.stderr.contains("UnprocessableEntity"), "{}", err.stderr);
    assert!(
        err.stdout.contains("\"attribute\": \"permissions\""),
        "{}",
        err.stdout
    );
}

#[tokio::test]
async fn errors_say_what_to_do_and_never_print_secrets() {
    let missing = cpaas(
        &[
            "call",
            "telnyx",
            "create-telephony-credential-token",
            "--id",
            "a",
        ],
        &[],
    )
    .await;
    assert_eq!(missing.code, 1);
    assert!(
        missing.stderr.contains("TELNYX_API_KEY"),
        "{}",
        missing.stderr
    );

    let typo = cpaas(&["call", "twilio", "create-tokn"], &[]).await;
    assert_eq!(typo.code, 1);
    assert!(typo.stderr.contains("create-token"), "{}", typo.stderr);

    let bad_flag = cpaas(&["call", "twilio", "create-token", "--tll", "5"], &[]).await;
    assert_eq!(bad_flag.code, 1);
    assert!(bad_flag.stderr.contains("--ttl"), "{}", bad_flag.stderr);

    let server = MockServer::repeating(Reply::json(401, r#"{"code":20003}"#)).await;
    let secret = "super-secret-auth-token-987";
    let r = cpaas(
        &[
            "call",
            "twilio",
            "create-new-key",
            "--verbose",
            "--base-url",
            server.url().as_str(),
        ],
        &[("TWILIO_ACCOUNT_SID", "AC1"), ("TWILIO_AUTH_TOKEN", secret)],
    )
    .await;
    assert_eq!(r.code, 1);
    // The request went out once, with the credentials, and the 401 came back and was reported …
    let sent = server.requests();
    assert_eq!(sent.len(), 1, "sent once, a 401 is not retried");
    let basic = format!(
        "Basic {}",
        support_base64(format!("AC1:{secret}").as_bytes())
    );
    assert_eq!(sent[0].header("authorization"), Some(basic.as_str()));
    assert!(r.stderr.contains("error: HTTP 401"), "{}", r.stderr);
    // … and the secret is printed nowhere, not even base64-encoded.
    for out in [&r.stdout, &r.stderr] {
        assert!(!out.contains(secret) && !out.contains(&basic[6..]), "{out}");
    }
}

/// Standard base64 with padding, written apart from the runtime's encoder.
fn support_base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[tokio::test]
async fn verbose_shows_each_attempt_of_a_retried_call() {
    let server = MockServer::start(vec![
        Reply::new(503).header("Retry-After", "0").into(),
        Reply::new(201).body("jwt").into(),
    ])
    .await;
    let r = cpaas(
        &[
            "call",
            "telnyx",
            "create-telephony-credential-token",
            "--id",
            "a",
            "--verbose",
            "--base-url",
            server.url().as_str(),
        ],
        &[("TELNYX_API_KEY", "k")],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(server.count(), 2);
    assert!(r.stderr.contains("attempt"), "{}", r.stderr);
    assert!(r.stderr.contains("503"), "{}", r.stderr);
}

#[tokio::test]
async fn max_retries_overrides_the_client_for_one_call() {
    let replies = || {
        vec![
            Reply::new(503).header("Retry-After", "0").into(),
            Reply::new(201).body("jwt").into(),
        ]
    };
    let call = |url: String, retries: &'static str| async move {
        cpaas(
            &[
                "call",
                "telnyx",
                "create-telephony-credential-token",
                "--id",
                "a",
                "--max-retries",
                retries,
                "--base-url",
                url.as_str(),
            ],
            &[("TELNYX_API_KEY", "k")],
        )
        .await
    };
    // No retry: the 503 is the answer.
    let server = MockServer::start(replies()).await;
    let r = call(server.url().to_string(), "0").await;
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert_eq!(server.count(), 1);
    // One retry: the 201 after it.
    let server = MockServer::start(replies()).await;
    let r = call(server.url().to_string(), "1").await;
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(server.count(), 2);
    // Not a number: refused (exit 1, as any flag that does not check out) before anything is
    // sent.
    let r = call(server.url().to_string(), "many").await;
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("--max-retries"), "{}", r.stderr);
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn spec_export_converts_swagger2_and_root_lets_references_climb_to_it() {
    let Some(tree) =
        shared::shared_or_skip("corpus/swagger2/oai-examples-v2.0/yaml/petstore-separate")
    else {
        return;
    };
    let entry = tree.join("spec/swagger.yaml");
    let entry = entry.to_str().unwrap();
    // By default references stay in the entry's folder: `../common/Error.yaml` is refused.
    let run = cpaas(&["spec", "export", entry], &[]).await;
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stderr.contains("bundle.ref-outside"), "{}", run.stderr);
    assert!(
        run.stderr.contains("../common/Error.yaml"),
        "{}",
        run.stderr
    );
    // With the tree declared as the root, the converted document is printed.
    let root = tree.to_str().unwrap();
    let run = cpaas(&["spec", "export", entry, "--root", root], &[]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc.get("swagger").is_none());
    assert_eq!(doc["servers"][0]["url"], "http://petstore.swagger.io/api");
    assert!(doc["components"]["schemas"]["Error"].is_object(), "{doc:#}");
    let add = &doc["paths"]["/pets"]["post"]["requestBody"];
    assert_eq!(add["required"], true);
    assert!(
        add["content"]["application/json"]["schema"]["$ref"]
            .as_str()
            .is_some_and(|r| r.starts_with("#/components/schemas/"))
    );
    // The tags array of the GET is csv: one comma-joined value.
    let tags = &doc["paths"]["/pets"]["get"]["parameters"][0];
    assert_eq!(
        (&tags["style"], &tags["explode"]),
        (&"form".into(), &false.into())
    );
}

#[tokio::test]
async fn generate_names_the_crate_from_flags_and_writes_no_absolute_path() {
    let base = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-generate");
    let _ = std::fs::remove_dir_all(&base);
    let dir = base.join("specs").join("async").join("v1");
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("gen.yaml");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../specs/telnyx/v2/002_1ffeaa7590c6150a.txt"),
        &spec,
    )
    .unwrap();
    let out = base.join("out").join("crate");
    let (spec, out_s) = (spec.to_str().unwrap(), out.to_str().unwrap());
    // The repository holding the binary's sources (and the runtime the crate depends on).
    let workspace = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap();

    // Flags give the names; a keyword given as the crate name is made valid.
    let run = cpaas(
        &[
            "generate",
            "--out",
            out_s,
            "--crate-name",
            "gen",
            "--provider",
            "Acme",
            spec,
        ],
        &[],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cargo = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(cargo.contains("name = \"gen-client\""), "{cargo}");
    assert!(lib.contains("pub mod acme {") && lib.contains("pub mod gen_ {"));
    assert!(!lib.contains("pub mod async") && !lib.contains("pub mod v1 {"));
    // The runtime is reached by a relative path; nothing names the machine's folders.
    assert!(cargo.contains("cpaas-runtime = { path = \"../"), "{cargo}");
    for text in [&cargo, &lib] {
        assert!(!text.contains(base.to_str().unwrap()), "{text}");
        assert!(!text.contains(workspace.to_str().unwrap()), "{text}");
    }

    // `--runtime-version` depends on the registry's runtime; `--api` names the module.
    let run = cpaas(
        &[
            "generate",
            "--out",
            out_s,
            "--runtime-version",
            "0.1",
            "--api",
            "tokens",
            spec,
        ],
        &[],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cargo = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(cargo.contains("cpaas-runtime = \"0.1\""), "{cargo}");
    assert!(lib.contains("pub mod generated {") && lib.contains("pub mod tokens {"));
}
