//! A mock provider on loopback that answers every generated operation from its API description.
//!
//! The answers were computed at generation time (see [`cpaas_runtime::cli::MockResponse`]): the
//! spec's example when it fits the generated type, else a value synthesised from the type. So a
//! generated client pointed at the mock gets a response it can decode, without network or
//! credentials.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use cpaas_cli::mock::MockProvider;
//! use cpaas_tokens::telnyx::v2::{API, Client};
//!
//! let mock = MockProvider::start(0).await?; // any free port
//! let client = Client::builder()
//!     .base_url(mock.base_url_for(&API))
//!     .auth(cpaas_tokens::runtime::Auth::Bearer("test".into()))
//!     .build()?;
//! let jwt = client.create_telephony_credential_token().id("x").send().await?;
//! assert_eq!(mock.requests().len(), 1);
//! # let _ = jwt; Ok(()) }
//! ```
//!
//! ## Routing
//!
//! Each API is served under `/<provider>/<api>`, which stands for its whole server URL
//! (`/telnyx/v2/telephony_credentials/{id}/token` for `https://api.telnyx.com/v2`);
//! [`MockHandle::base_url_for`] gives that prefix. So that a whole provider can be pointed at the
//! mock with one `<PROVIDER>_BASE_URL=http://127.0.0.1:PORT`, a request that matches no prefixed
//! route is also tried without the `/<provider>/<api>` prefix, then without the server's path.
//! `{param}` matches one non-empty path segment (or part of one: `{Sid}.json`).
//!
//! ## Answers
//!
//! * the operation's documented success response (status, `Content-Type`, body); a streaming
//!   operation's is a few `text/event-stream` events then `[DONE]`, also for a JSON success
//!   when the request asks for `Accept: text/event-stream` (what `events()` sends); a paginated
//!   list's is one of three pages following its pattern (`mock/pages.rs`), so walks stop;
//! * `401` with a JSON body naming what was expected when the operation requires credentials
//!   and the request carries none of the accepted kinds (presence only: any value passes);
//! * with the request header `x-cpaas-mock-status: <code>`, the documented response for that
//!   status (exact code, then `4XX`-style range, then `default`) with the requested code; a
//!   status the operation does not document is answered anyway, with a JSON body saying so;
//! * `404` (no route) or `405` (route, other method) with a JSON body listing what is served.
//!
//! Every request is recorded ([`MockHandle::requests`]); credentials are never recorded.

pub mod pages;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use cpaas_runtime::cli::{ApiEntry, AuthInfo, MockResponse, OperationInfo};
use cpaas_runtime::{ApiInfo, is_json};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::json;
use tokio::net::TcpListener;

/// The request header that asks the mock for a documented error status.
pub const STATUS_HEADER: &str = "x-cpaas-mock-status";

/// Request bodies larger than this are refused with `413`.
const MAX_BODY: usize = 4 << 20;

/// Called once per request the mock answered.
pub type RequestLog = Arc<dyn Fn(&RecordedRequest) + Send + Sync>;

/// Starts mock providers.
#[derive(Debug, Clone, Copy)]
pub struct MockProvider;

/// How to start a mock provider.
#[derive(Clone)]
pub struct MockOptions {
    /// Loopback port; 0 picks a free one.
    pub port: u16,
    /// The APIs to serve (default: every generated API, [`cpaas_tokens::registry::APIS`]).
    pub apis: &'static [ApiEntry],
    /// Called after every answered request.
    pub on_request: Option<RequestLog>,
}

impl Default for MockOptions {
    fn default() -> Self {
        MockOptions {
            port: 0,
            apis: cpaas_tokens::registry::APIS,
            on_request: None,
        }
    }
}

impl std::fmt::Debug for MockOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockOptions")
            .field("port", &self.port)
            .field("apis", &self.apis.len())
            .field("on_request", &self.on_request.is_some())
            .finish()
    }
}

/// One request the mock received, as answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// HTTP method.
    pub method: String,
    /// Path and query as sent (`/telnyx/v2/telephony_credentials/x/token`).
    pub target: String,
    /// The operation it matched: `(provider, api, operation)`.
    pub operation: Option<(String, String, String)>,
    /// Request headers; the values of `Authorization`, `Cookie` and API-key headers are
    /// replaced by `[redacted]`.
    pub headers: Vec<(String, String)>,
    /// The request body (lossy UTF-8).
    pub body: String,
    /// The status answered.
    pub status: u16,
    /// Time to answer.
    pub elapsed: Duration,
}

/// A running mock provider; stops when dropped (or with [`MockHandle::shutdown`]).
#[derive(Debug)]
pub struct MockHandle {
    addr: SocketAddr,
    state: Arc<State>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

struct State {
    apis: &'static [ApiEntry],
    log: Mutex<Vec<RecordedRequest>>,
    on_request: Option<RequestLog>,
    counter: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("apis", &self.apis.len())
            .finish_non_exhaustive()
    }
}

impl MockProvider {
    /// Serves every generated API on `127.0.0.1:port` (0: any free port). Must be called
    /// inside a tokio runtime; the server runs on it until the handle is dropped.
    pub async fn start(port: u16) -> std::io::Result<MockHandle> {
        Self::start_with(MockOptions {
            port,
            ..MockOptions::default()
        })
        .await
    }

    /// Serves `options.apis` on loopback.
    pub async fn start_with(options: MockOptions) -> std::io::Result<MockHandle> {
        let listener = TcpListener::bind(("127.0.0.1", options.port)).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State {
            apis: options.apis,
            log: Mutex::new(Vec::new()),
            on_request: options.on_request,
            counter: std::sync::atomic::AtomicU64::new(0),
        });
        let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
        let served = state.clone();
        let task = tokio::spawn(async move {
            loop {
                tokio::select! {
                    _ = &mut stopped => break,
                    accepted = listener.accept() => {
                        let Ok((stream, _)) = accepted else {
                            // Out of file descriptors and the like: do not spin.
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            continue;
                        };
                        let state = served.clone();
                        tokio::spawn(async move {
                            let service = service_fn(move |req| {
                                let state = state.clone();
                                async move { Ok::<_, Infallible>(state.answer(req).await) }
                            });
                            let _ = http1::Builder::new()
                                .serve_connection(TokioIo::new(stream), service)
                                .await;
                        });
                    }
                }
            }
        });
        Ok(MockHandle {
            addr,
            state,
            stop: Some(stop),
            task: Some(task),
        })
    }
}

impl MockHandle {
    /// The socket address served.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The base URL a client of `api` uses to reach the mock:
    /// `http://127.0.0.1:PORT/<provider>/<api>`, standing for the API's whole server URL.
    pub fn base_url_for(&self, api: &ApiInfo) -> String {
        format!("{}{}", self.base_url(), prefix(api))
    }

    /// Every request answered so far, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// Stops accepting connections and waits for the server loop to end.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for MockHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// `/<provider>/<api>`: a client's base URL replaces the whole server URL, path included, so
/// the mock's base URL for an API stands for all of it (no `/telnyx/v2/v2`).
fn prefix(api: &ApiInfo) -> String {
    format!("/{}/{}", api.provider, api.api)
}

/// The path part of the API's server URL, without a trailing `/`.
fn server_path(api: &ApiInfo) -> String {
    let url = api.base_url;
    let after_scheme = url.find("://").map_or(url, |i| &url[i + 3..]);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let mut out = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        let value = api
            .server_variables
            .iter()
            .find(|v| v.name == name)
            .and_then(|v| v.default)
            .unwrap_or(name);
        out.push_str(value);
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out.trim_end_matches('/').to_string()
}

/// Whether `actual` (one raw path segment) matches a template segment (`{Sid}.json`): each
/// `{…}` stands for one or more characters.
fn segment_matches(template: &str, actual: &str) -> bool {
    let Some(open) = template.find('{') else {
        return template == actual;
    };
    let Some(close) = template[open..].find('}').map(|c| c + open) else {
        return template == actual;
    };
    let (lit, rest) = (&template[..open], &template[close + 1..]);
    let Some(tail) = actual.strip_prefix(lit) else {
        return false;
    };
    // The parameter takes 1..=n characters; try the shortest split that lets the rest match.
    tail.char_indices()
        .skip(1)
        .map(|(i, _)| i)
        .chain(std::iter::once(tail.len()))
        .filter(|&i| i > 0)
        .any(|i| segment_matches(rest, &tail[i..]))
}

fn path_matches(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.trim_end_matches('/').split('/').collect();
    let p: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    t.len() == p.len() && t.iter().zip(&p).all(|(t, p)| segment_matches(t, p))
}

struct Route {
    entry: &'static ApiEntry,
    op: &'static OperationInfo,
    template: String,
}

impl State {
    /// Routes by tier: the full `/<provider>/<api>/…` path, then without that prefix, then the
    /// bare operation path. Returns the operations whose path matches in the first tier that
    /// has any.
    fn routes(&self, path: &str) -> Vec<Route> {
        for tier in 0..3 {
            let mut found = Vec::new();
            for entry in self.apis {
                for op in entry.operations {
                    let template = match tier {
                        0 => format!("{}{}", prefix(entry.info), op.path),
                        1 => format!("{}{}", server_path(entry.info), op.path),
                        _ => op.path.to_string(),
                    };
                    if path_matches(&template, path) {
                        found.push(Route {
                            entry,
                            op,
                            template,
                        });
                    }
                }
            }
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }

    async fn answer(&self, req: Request<Incoming>) -> Response<Full<Bytes>> {
        let started = Instant::now();
        let method = req.method().as_str().to_string();
        let target = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        let path = req.uri().path().to_string();
        let query = req.uri().query().unwrap_or("").to_string();
        let headers: Vec<(String, String)> = req
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        let body = match Limited::new(req.into_body(), MAX_BODY).collect().await {
            Ok(b) => String::from_utf8_lossy(&b.to_bytes()).into_owned(),
            Err(_) => {
                return json_response(
                    413,
                    &json!({"error": format!("request body over {MAX_BODY} bytes")}),
                );
            }
        };
        let routes = self.routes(&path);
        let chosen = routes
            .iter()
            .find(|r| r.op.method.eq_ignore_ascii_case(&method));
        let (response, operation, secret_names) = match chosen {
            Some(route) => {
                let secret_names: Vec<&str> = route
                    .op
                    .auth
                    .iter()
                    .filter(|a| a.location == "header")
                    .map(|a| a.name)
                    .collect();
                let op_id = (
                    route.entry.info.provider.to_string(),
                    route.entry.info.api.to_string(),
                    route.op.name.to_string(),
                );
                let n = self
                    .counter
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let mut resp = self.operation_answer(route, &headers, &path, &query);
                if let Ok(v) = format!("mock-{:06}", n + 1).parse() {
                    resp.headers_mut().insert("x-request-id", v);
                }
                (resp, Some(op_id), secret_names)
            }
            None if !routes.is_empty() => {
                let allowed: Vec<&str> = routes.iter().map(|r| r.op.method).collect();
                let mut resp = json_response(
                    405,
                    &json!({
                        "error": format!("`{path}` is served, but not for {method}"),
                        "allowed": allowed,
                        "operations": routes.iter().map(|r| format!("{} {} ({} {})", r.op.method, r.template, r.entry.info.provider, r.op.name)).collect::<Vec<_>>(),
                    }),
                );
                if let Ok(v) = allowed.join(", ").parse() {
                    resp.headers_mut().insert("allow", v);
                }
                (resp, None, Vec::new())
            }
            None => (self.not_found(&method, &path), None, Vec::new()),
        };
        let recorded = RecordedRequest {
            method,
            target,
            operation,
            headers: headers
                .into_iter()
                .map(|(k, v)| {
                    let secret = matches!(k.as_str(), "authorization" | "cookie")
                        || secret_names.iter().any(|n| n.eq_ignore_ascii_case(&k));
                    (k, if secret { "[redacted]".into() } else { v })
                })
                .collect(),
            body,
            status: response.status().as_u16(),
            elapsed: started.elapsed(),
        };
        if let Some(log) = &self.on_request {
            log(&recorded);
        }
        if let Ok(mut l) = self.log.lock() {
            l.push(recorded);
        }
        response
    }

    fn operation_answer(
        &self,
        route: &Route,
        headers: &[(String, String)],
        path: &str,
        query: &str,
    ) -> Response<Full<Bytes>> {
        let op = route.op;
        if !op.auth.is_empty() && !op.auth.iter().any(|a| has_auth(a, headers, query)) {
            let expected: Vec<String> = op.auth.iter().map(describe_auth).collect();
            let mut resp = json_response(
                401,
                &json!({
                    "error": "missing credentials",
                    "operation": format!("{} {}", route.entry.info.provider, op.name),
                    "expected_one_of": expected,
                }),
            );
            let challenge = if op.auth.iter().any(|a| a.kind == "basic") {
                "Basic realm=\"cpaas-mock\""
            } else {
                "Bearer"
            };
            resp.headers_mut().insert(
                "www-authenticate",
                hyper::header::HeaderValue::from_static(challenge),
            );
            return resp;
        }
        let asked = header(headers, STATUS_HEADER).map(str::trim);
        let Some(asked) = asked else {
            return match header(headers, "accept") {
                // A client reading events (`events()`) of an operation that also answers JSON.
                Some(a) if a.contains("text/event-stream") && is_json(op.mock.content_type) => {
                    event_stream_response(op.mock.status, op.mock.body)
                }
                _ => {
                    let mut resp = mock_response(op.mock.status, &op.mock);
                    let page = op
                        .pagination
                        .and_then(|p| pages::page_body(p, op.mock.body, path, query));
                    if let Some(page) = page {
                        *resp.body_mut() = Full::new(Bytes::from(page));
                    }
                    resp
                }
            };
        };
        let Ok(code) = asked.parse::<u16>() else {
            return json_response(
                400,
                &json!({"error": format!("{STATUS_HEADER}: expected a status code, got `{asked}`")}),
            );
        };
        if !(100..=599).contains(&code) {
            return json_response(
                400,
                &json!({"error": format!("{STATUS_HEADER}: {code} is not an HTTP status")}),
            );
        }
        if code == op.mock.status {
            return mock_response(code, &op.mock);
        }
        let class = format!("{}XX", code / 100);
        let documented = op
            .mock_errors
            .iter()
            .find(|m| m.covers == code.to_string())
            .or_else(|| op.mock_errors.iter().find(|m| m.covers == class))
            .or_else(|| op.mock_errors.iter().find(|m| m.covers == "default"));
        match documented {
            Some(m) => mock_response(code, m),
            None => {
                let listed: Vec<&str> = std::iter::once(op.mock.covers)
                    .chain(op.mock_errors.iter().map(|m| m.covers))
                    .collect();
                json_response(
                    code,
                    &json!({
                        "error": format!("status {code} is not documented for {}; answered as asked", op.name),
                        "documented": listed,
                    }),
                )
            }
        }
    }

    fn not_found(&self, method: &str, path: &str) -> Response<Full<Bytes>> {
        let mut served: Vec<(usize, String)> = self
            .apis
            .iter()
            .flat_map(|e| {
                e.operations.iter().map(move |o| {
                    let route = format!("{}{}", prefix(e.info), o.path);
                    (distance(path, &route), format!("{} {route}", o.method))
                })
            })
            .collect();
        let listed: Vec<String> = served.iter().take(50).map(|(_, r)| r.clone()).collect();
        served.sort();
        json_response(
            404,
            &json!({
                "error": format!("no mocked operation matches {method} {path}"),
                "hint": "use MockHandle::base_url_for(&API) (or `cpaas mock`'s printed base URLs) as the client's base URL",
                "closest": served.first().map(|(_, r)| r.clone()),
                "operations": listed,
            }),
        )
    }
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn has_auth(a: &AuthInfo, headers: &[(String, String)], query: &str) -> bool {
    let authorization = header(headers, "authorization").unwrap_or("").trim();
    let scheme_value = |scheme: &str| {
        authorization
            .get(..scheme.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
            && !authorization[scheme.len()..].trim().is_empty()
    };
    match (a.kind, a.location) {
        ("basic", _) => scheme_value("Basic "),
        ("bearer" | "oauth2", _) => scheme_value("Bearer "),
        ("api-key", "query") => query
            .split('&')
            .any(|kv| kv.split('=').next() == Some(a.name)),
        ("api-key", "cookie") => header(headers, "cookie").is_some_and(|c| {
            c.split(';')
                .any(|kv| kv.trim().split('=').next() == Some(a.name))
        }),
        ("api-key", _) => header(headers, a.name).is_some_and(|v| !v.trim().is_empty()),
        _ => !authorization.is_empty(),
    }
}

fn describe_auth(a: &AuthInfo) -> String {
    match a.kind {
        "basic" => format!(
            "HTTP basic credentials (`Authorization: Basic …`, scheme `{}`)",
            a.scheme
        ),
        "bearer" | "oauth2" => format!(
            "a bearer token (`Authorization: Bearer …`, scheme `{}`)",
            a.scheme
        ),
        "api-key" => format!(
            "an API key in {} `{}` (scheme `{}`)",
            a.location, a.name, a.scheme
        ),
        _ => format!("an `Authorization` header (scheme `{}`)", a.scheme),
    }
}

fn mock_response(status: u16, m: &MockResponse) -> Response<Full<Bytes>> {
    let mut b = Response::builder()
        .status(StatusCode::from_u16(status).unwrap_or(StatusCode::OK))
        .header("x-cpaas-mock-source", sanitize_header(m.source));
    if !m.content_type.is_empty() {
        b = b.header("content-type", m.content_type);
    }
    b.body(Full::new(Bytes::from_static(m.body.as_bytes())))
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::from_static(m.body.as_bytes()))))
}

/// `body` (JSON) as the data of a few events, then `[DONE]`.
fn event_stream_response(status: u16, body: &str) -> Response<Full<Bytes>> {
    let sse = cpaas_codegen::mock::sse_body(body);
    let mut resp = Response::new(Full::new(Bytes::from(sse)));
    *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    resp.headers_mut().insert(
        "content-type",
        hyper::header::HeaderValue::from_static("text/event-stream"),
    );
    resp
}

/// A header value from free text: printable ASCII only, at most 200 characters.
fn sanitize_header(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '?'
            }
        })
        .take(200)
        .collect()
}

fn json_response(status: u16, body: &serde_json::Value) -> Response<Full<Bytes>> {
    let text = serde_json::to_string_pretty(body).unwrap_or_default();
    let mut resp = Response::new(Full::new(Bytes::from(text)));
    *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    resp.headers_mut().insert(
        "content-type",
        hyper::header::HeaderValue::from_static("application/json"),
    );
    resp
}

/// Levenshtein distance (bounded inputs: request paths and route templates).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(512).collect();
    let b: Vec<char> = b.chars().take(512).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(ca != cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments() {
        assert!(segment_matches("{Sid}.json", "AC12.json"));
        assert!(!segment_matches("{Sid}.json", ".json"));
        assert!(segment_matches("Tokens.json", "Tokens.json"));
        assert!(segment_matches("{a}-{b}", "x-y-z"));
        assert!(!segment_matches("{a}-{b}", "xyz"));
        assert!(path_matches(
            "/v2/telephony_credentials/{id}/token",
            "/v2/telephony_credentials/abc/token/"
        ));
        assert!(!path_matches("/v2/{id}", "/v2/a/b"));
    }

    #[test]
    fn server_paths() {
        static A: ApiInfo = ApiInfo {
            provider: "p",
            api: "a",
            base_url: "https://{space}.example.com/api/{version}/",
            server_variables: &[cpaas_runtime::ServerVariable {
                name: "version",
                default: Some("v1"),
                env: None,
            }],
        };
        assert_eq!(server_path(&A), "/api/v1");
        assert_eq!(prefix(&A), "/p/a");
    }
}
