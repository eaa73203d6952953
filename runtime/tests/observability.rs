//! Tracing output and secret hygiene. This binary installs a global TRACE subscriber (also
//! capturing `log` records of reqwest/hyper) that writes everything to a buffer.

mod support;

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use cpaas_runtime::http::Method;
use cpaas_runtime::{ApiInfo, Auth, Client, Error, Request, RetryPolicy, Secret};
use support::{Action, MockServer, Reply, refused_port};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{Layer, registry::LookupSpan};

const SECRET: &str = "sk_wrong_Secret_Value_42";
/// base64("AC0000:" + SECRET)
const SECRET_B64: &str = "QUMwMDAwOnNrX3dyb25nX1NlY3JldF9WYWx1ZV80Mg==";

static API: ApiInfo = ApiInfo {
    provider: "test",
    api: "obs",
    base_url: "http://127.0.0.1:1",
    server_variables: &[],
};

#[derive(Clone, Default)]
struct Buf(Arc<Mutex<Vec<u8>>>);

impl Write for Buf {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

type Fields = BTreeMap<String, String>;
/// (span name, the span's `operation` field, event fields)
type EventRecord = (Option<String>, Option<String>, Fields);

/// Spans (fields as recorded over their life, kept at close) and events with their span.
#[derive(Default)]
struct Recorder {
    open: Mutex<Vec<(Id, String, Fields)>>,
    closed: Mutex<Vec<(String, Fields)>>,
    /// (span name, the span's `operation` field, event fields)
    events: Mutex<Vec<EventRecord>>,
}

struct FieldVisitor<'a>(&'a mut Fields);

impl Visit for FieldVisitor<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

struct RecordLayer(Arc<Recorder>);

impl<S: tracing::Subscriber + for<'a> LookupSpan<'a>> Layer<S> for RecordLayer {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, _: Context<'_, S>) {
        let mut fields = Fields::new();
        attrs.record(&mut FieldVisitor(&mut fields));
        self.0
            .open
            .lock()
            .unwrap()
            .push((id.clone(), attrs.metadata().name().to_owned(), fields));
    }
    fn on_record(&self, id: &Id, values: &Record<'_>, _: Context<'_, S>) {
        let mut open = self.0.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, _, fields)) = open.iter_mut().rev().find(|(i, _, _)| i == id) {
            values.record(&mut FieldVisitor(fields));
        }
    }
    fn on_event(&self, event: &tracing::Event<'_>, ctx: Context<'_, S>) {
        let mut fields = Fields::new();
        event.record(&mut FieldVisitor(&mut fields));
        let span = ctx.event_span(event);
        let operation = span.as_ref().and_then(|s| {
            let open = self.0.open.lock().unwrap_or_else(|e| e.into_inner());
            open.iter()
                .rev()
                .find(|(i, _, _)| *i == s.id())
                .and_then(|(_, _, f)| f.get("operation").cloned())
        });
        let span = span.map(|s| s.name().to_owned());
        self.0
            .events
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((span, operation, fields));
    }
    fn on_close(&self, id: Id, _: Context<'_, S>) {
        let mut open = self.0.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(pos) = open.iter().rposition(|(i, _, _)| *i == id) {
            let (_, name, fields) = open.remove(pos);
            self.0
                .closed
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((name, fields));
        }
    }
}

struct Capture {
    text: Buf,
    recorder: Arc<Recorder>,
}

fn capture() -> &'static Capture {
    static CAPTURE: OnceLock<Capture> = OnceLock::new();
    CAPTURE.get_or_init(|| {
        let text = Buf::default();
        let recorder = Arc::new(Recorder::default());
        let writer = text.clone();
        tracing_subscriber::registry()
            .with(tracing_subscriber::filter::LevelFilter::TRACE)
            .with(
                tracing_subscriber::fmt::layer()
                    .with_ansi(false)
                    .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
                    .with_writer(move || writer.clone()),
            )
            .with(RecordLayer(recorder.clone()))
            .try_init()
            .expect("install the global subscriber");
        Capture { text, recorder }
    })
}

fn logs() -> String {
    String::from_utf8_lossy(&capture().text.0.lock().unwrap_or_else(|e| e.into_inner()))
        .into_owned()
}

fn fast() -> RetryPolicy {
    RetryPolicy {
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        ..Default::default()
    }
}

fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(SECRET), "{what} leaks the secret: {text}");
    assert!(
        !text.contains(SECRET_B64),
        "{what} leaks the basic credential: {text}"
    );
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct AuthError {
    code: u32,
    message: String,
}

#[tokio::test]
async fn wrong_secret_appears_nowhere() {
    capture();
    let server = MockServer::repeating(Reply::json(
        401,
        r#"{"code": 20003, "message": "Authenticate"}"#,
    ))
    .await;
    let auth = Auth::Basic {
        username: "AC0000".into(),
        password: Secret::new(SECRET),
    };
    let proxy = cpaas_runtime::reqwest::Proxy::all("http://127.0.0.1:9")
        .unwrap()
        .basic_auth("p", SECRET);
    let builder = Client::builder(&API)
        .base_url(server.url())
        .auth(auth.clone())
        .retry_policy(fast());
    assert_clean("Debug of ClientBuilder", &format!("{builder:?}"));
    assert_clean(
        "Debug of ClientBuilder with proxy",
        &format!("{:?}", builder_with_proxy(auth.clone(), proxy)),
    );
    let client = builder.build().unwrap();
    assert_clean("Debug of Client", &format!("{client:?}"));
    assert_clean("Debug of Auth", &format!("{auth:?}"));
    assert_clean(
        "Secret",
        &format!("{:?} {}", Secret::new(SECRET), Secret::new(SECRET)),
    );
    assert_clean("Bearer", &format!("{:?}", Auth::Bearer(SECRET.into())));

    let req = Request::new(
        "FetchAccount",
        Method::GET,
        "/Accounts/{Sid}.json",
        "/Accounts/AC0000.json".into(),
    );
    let resp = client.execute::<AuthError>(req).await.unwrap();
    assert_eq!(resp.status(), 401);
    assert_eq!(
        server.requests()[0].header("authorization"),
        Some(format!("Basic {SECRET_B64}").as_str())
    );
    let err = resp.clone().error_json::<AuthError, AuthError>(|e| e);
    assert!(matches!(err, Error::Status(_)));
    assert_clean("Error::Status", &format!("{err} {err:?}"));
    let err = resp.unexpected::<()>();
    assert_clean("Error::UnexpectedStatus", &format!("{err} {err:?}"));

    // Transport errors and timeouts with the credential configured.
    let port = refused_port().await;
    let refused = Client::builder(&API)
        .base_url(format!("http://127.0.0.1:{port}"))
        .auth(Auth::Bearer(SECRET.into()))
        .retry_policy(fast())
        .build()
        .unwrap();
    let req = Request::new("Refused", Method::POST, "/x", "/x".into())
        .body(cpaas_runtime::Body::text("b"));
    let err = refused.execute::<()>(req).await.unwrap_err();
    assert!(
        matches!(err, Error::Transport { attempts: 3, .. }),
        "{err:?}"
    );
    assert_clean("Error::Transport", &format!("{err} {err:?}"));

    let slow = MockServer::repeating(Action::RespondAfter(
        Duration::from_secs(5),
        Reply::new(200),
    ))
    .await;
    let timing_out = Client::builder(&API)
        .base_url(slow.url())
        .auth(Auth::ApiKeyHeader {
            name: "X-Api-Key",
            value: SECRET.into(),
        })
        .timeout(Duration::from_millis(100))
        .max_retries(0)
        .build()
        .unwrap();
    let err = timing_out
        .execute::<()>(Request::new("Slow", Method::GET, "/s", "/s".into()))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { attempts: 1 }), "{err:?}");
    assert_clean("Error::Timeout", &format!("{err} {err:?}"));

    // Base URLs with credentials are refused without echoing them.
    let err = Client::builder(&API)
        .base_url(format!("http://user:{SECRET}@127.0.0.1:1"))
        .build()
        .unwrap_err();
    assert_clean("ConfigError", &format!("{err} {err:?}"));

    let logs = logs();
    if std::env::var("DUMP_LOGS").is_ok() {
        eprintln!("{logs}");
    }
    assert!(logs.contains("cpaas.request"), "the capture works: {logs}");
    assert!(logs.contains("attempt finished"), "{logs}");
    assert_clean("TRACE logs", &logs);
}

fn builder_with_proxy(
    auth: Auth,
    proxy: cpaas_runtime::reqwest::Proxy,
) -> cpaas_runtime::ClientBuilder {
    Client::builder(&API).auth(auth).proxy(proxy)
}

#[tokio::test]
async fn span_records_request_fields_and_retries() {
    capture();
    let server =
        MockServer::start(vec![Reply::new(503).into(), Reply::json(200, "{}").into()]).await;
    let client = Client::builder(&API)
        .base_url(server.url())
        .retry_policy(fast())
        .build()
        .unwrap();
    let req = Request::new(
        "SpanProbe",
        Method::GET,
        "/things/{id}",
        "/things/id-987".into(),
    );
    let resp = client.execute::<()>(req).await.unwrap();
    assert_eq!(resp.status(), 200);

    let rec = &capture().recorder;
    // Copy out, so no lock is held while asserting (the other test keeps logging).
    let closed = rec.closed.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let (name, fields) = closed
        .iter()
        .find(|(_, f)| f.get("operation").map(String::as_str) == Some("SpanProbe"))
        .expect("a closed span for SpanProbe");
    assert_eq!(name, "cpaas.request");
    assert_eq!(fields["provider"], "test");
    assert_eq!(fields["api"], "obs");
    assert_eq!(fields["method"], "GET");
    assert_eq!(fields["url_template"], "/things/{id}");
    assert_eq!(fields["status"], "200");
    assert_eq!(fields["attempt"], "2");
    assert!(fields["latency_ms"].parse::<u64>().is_ok(), "{fields:?}");
    assert!(
        !fields.values().any(|v| v.contains("id-987")),
        "no filled path in the span: {fields:?}"
    );

    let events: Vec<Fields> = rec
        .events
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .filter(|(span, op, _)| {
            span.as_deref() == Some("cpaas.request") && op.as_deref() == Some("SpanProbe")
        })
        .map(|(_, _, f)| f.clone())
        .collect();
    let retries: Vec<&Fields> = events
        .iter()
        .filter(|f| f.get("message").is_some_and(|m| m == "retrying request"))
        .collect();
    assert_eq!(retries.len(), 1, "{events:?}");
    assert!(
        retries[0].contains_key("wait_ms") && retries[0]["reason"] == "status 503",
        "{retries:?}"
    );
    let attempts = events
        .iter()
        .filter(|f| f.get("message").is_some_and(|m| m == "attempt finished"))
        .count();
    assert_eq!(attempts, 2, "one debug event per attempt: {events:?}");
}
