//! The configured [`Client`] and its one non-generic send: preparing a request (URL, query,
//! headers, idempotency, per-request options), each attempt (timeouts, body limit), the retry
//! loop and the tracing span. Contract: returns the final attempt's response whatever its
//! status, or why nothing (more) could be sent; never puts a URL, header or body into an error
//! or a trace. An event-stream send (`streaming`) hands back a 2xx `text/event-stream` answer
//! unread, for [`super::events`], and reads every other answer whole.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::Method;
use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use tracing::Instrument as _;

use super::call::{Call, CallState, LiveBody, SendError, SendFuture, Sent, StreamFuture};
use super::retry::{RetryClass, RetryPolicy, retry_after, status_retry_class};
use crate::config::ApiInfo;
use crate::error::Error;
use crate::request::{Request, form_encode_into, is_dot_segment};
use crate::response::{RawResponse, ResponseValue};
use crate::secret::Secret;

/// A configured API client. Cheap to clone (an `Arc`); share one per API and credential.
#[derive(Clone)]
pub struct Client {
    pub(super) inner: Arc<Inner>,
}

pub(super) struct Inner {
    pub(super) api: &'static ApiInfo,
    pub(super) base_url: String,
    pub(super) path_defaults: HashMap<String, String>,
    pub(super) http: reqwest::Client,
    /// Accept, User-Agent and the (sensitive) auth header.
    pub(super) default_headers: HeaderMap,
    pub(super) auth_kind: &'static str,
    /// The API key sent in the query string (`Auth::ApiKeyQuery`), added to every request.
    pub(super) auth_query: Option<(&'static str, Secret)>,
    pub(super) timeout: Duration,
    pub(super) max_retries: u32,
    pub(super) policy: RetryPolicy,
    pub(super) max_response_bytes: usize,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        f.debug_struct("Client")
            .field("provider", &i.api.provider)
            .field("api", &i.api.api)
            .field("base_url", &i.base_url)
            .field("auth", &i.auth_kind)
            .field("path_defaults", &i.path_defaults)
            .field("timeout", &i.timeout)
            .field("max_retries", &i.max_retries)
            .field("retry_policy", &i.policy)
            .field("max_response_bytes", &i.max_response_bytes)
            .finish()
    }
}

/// A reqwest error as text: its chain of causes, never the URL.
pub(super) fn describe(e: reqwest::Error) -> String {
    let e = e.without_url();
    let mut out = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        let text = s.to_string();
        if !out.ends_with(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    out
}

impl Client {
    /// The API this client talks to.
    pub fn api(&self) -> &'static ApiInfo {
        self.inner.api
    }

    /// The resolved server URL (variables substituted), without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The client-scoped value of path parameter `name`, if configured.
    pub fn path_default(&self, name: &str) -> Option<&str> {
        self.inner.path_defaults.get(name).map(String::as_str)
    }

    /// Sends `req` with auth, user agent, timeouts and retries, inside a `cpaas.request`
    /// tracing span, and returns the final attempt's response whatever its status.
    ///
    /// Errors: [`Error::InvalidRequest`] (nothing sent), [`Error::Timeout`],
    /// [`Error::Transport`]. Statuses are left to the caller.
    pub async fn execute<E>(&self, req: Request) -> Result<RawResponse, Error<E>> {
        self.start(req).await.map_err(SendError::into_error)
    }

    /// Sends a request an operation built and decodes the answer with `decode` (the
    /// operation's status-to-type mapping): what generated `send()` methods return. A request
    /// that could not be built (`Err`) is answered with that error, nothing sent.
    pub fn call<T, E>(
        &self,
        request: Result<Request, Error<E>>,
        decode: fn(RawResponse) -> Result<ResponseValue<T>, Error<E>>,
    ) -> Call<'_, T, E> {
        let state = match request {
            Ok(req) => CallState::Running(self.start(req)),
            Err(e) => CallState::Invalid(Some(e)),
        };
        Call { state, decode }
    }

    /// `execute` without its error type: one boxed future, compiled once for every operation
    /// of every generated client.
    fn start(&self, req: Request) -> SendFuture<'_> {
        let (span, fut) = self.start_any(req, false);
        Box::pin(async move { fut.await.map(|sent| sent.raw) }.instrument(span))
    }

    /// The send of an event stream: a 2xx `text/event-stream` answer comes back unread.
    pub(super) fn start_stream(&self, req: Request) -> StreamFuture<'_> {
        let (span, fut) = self.start_any(req, true);
        Box::pin(fut.instrument(span))
    }

    fn start_any(
        &self,
        req: Request,
        streaming: bool,
    ) -> (
        tracing::Span,
        impl std::future::Future<Output = Result<Sent, SendError>> + Send + '_,
    ) {
        let span = tracing::info_span!(
            "cpaas.request",
            provider = self.inner.api.provider,
            api = self.inner.api.api,
            operation = req.operation,
            method = %req.method,
            url_template = req.path_template,
            status = tracing::field::Empty,
            attempt = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        (span.clone(), self.send(req, span, streaming))
    }

    /// The non-generic body of `execute`.
    async fn send(
        &self,
        req: Request,
        span: tracing::Span,
        streaming: bool,
    ) -> Result<Sent, SendError> {
        let inner = &*self.inner;
        let started = Instant::now();
        let prepared = self.prepare(req, streaming)?;
        let max_attempts = prepared.max_retries.saturating_add(1);
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            span.record("attempt", attempt);
            let attempt_started = Instant::now();
            let outcome = self.attempt(&prepared).await;
            let elapsed_ms = millis(attempt_started.elapsed());
            let can_retry = attempt < max_attempts;
            let (wait, reason) = match outcome {
                Ok(sent) if sent.live.is_some() => {
                    span.record("status", sent.raw.status().as_u16());
                    span.record("latency_ms", millis(started.elapsed()));
                    return Ok(sent);
                }
                Ok(Sent { raw, .. }) => {
                    let status = raw.status();
                    span.record("status", status.as_u16());
                    tracing::debug!(
                        attempt,
                        status = status.as_u16(),
                        elapsed_ms,
                        "attempt finished"
                    );
                    let retry = status_retry_class(&raw).allows(prepared.idempotent);
                    if !(retry && can_retry) {
                        span.record("latency_ms", millis(started.elapsed()));
                        return Ok(Sent { raw, live: None });
                    }
                    match retry_after(raw.headers()) {
                        Some(d) if d > inner.policy.max_retry_after => {
                            tracing::debug!(
                                attempt,
                                retry_after_ms = millis(d),
                                "not retrying: Retry-After exceeds the configured maximum"
                            );
                            span.record("latency_ms", millis(started.elapsed()));
                            return Ok(Sent { raw, live: None });
                        }
                        Some(d) => (d, format!("status {}", status.as_u16())),
                        None => (
                            inner.policy.wait(attempt),
                            format!("status {}", status.as_u16()),
                        ),
                    }
                }
                Err(failure) => {
                    tracing::debug!(attempt, error = %failure.message, elapsed_ms, "attempt failed");
                    if !(failure.retry.allows(prepared.idempotent) && can_retry) {
                        span.record("latency_ms", millis(started.elapsed()));
                        return Err(if failure.timeout {
                            SendError::Timeout { attempts: attempt }
                        } else {
                            SendError::Transport {
                                message: failure.message,
                                attempts: attempt,
                            }
                        });
                    }
                    let reason = if failure.timeout {
                        "timeout".to_owned()
                    } else {
                        "connection error".to_owned()
                    };
                    (inner.policy.wait(attempt), reason)
                }
            };
            tracing::info!(attempt, wait_ms = millis(wait), reason = %reason, "retrying request");
            tokio::time::sleep(wait).await;
        }
    }

    fn prepare(&self, req: Request, streaming: bool) -> Result<Prepared, SendError> {
        let inner = &*self.inner;
        let mut url = String::with_capacity(inner.base_url.len() + req.path.len() + 16);
        url.push_str(&inner.base_url);
        if !req.path.starts_with('/') {
            url.push('/');
        }
        url.push_str(&req.path);
        if let Some(seg) = req.path.split('/').find(|s| is_dot_segment(s)) {
            return Err(SendError::InvalidRequest(format!(
                "the path segment {seg:?} would be resolved as `.`/`..` by URL parsers and address \
                 a different resource; such a value cannot be sent as a path parameter"
            )));
        }
        if req.path.contains(['?', '#']) {
            return Err(SendError::InvalidRequest(
                "the path contains an unencoded `?` or `#` (path parameters must go through encode_path)"
                    .into(),
            ));
        }
        if let Some(target) = &req.target {
            url = origin_target(&inner.base_url, target)?;
        } else {
            push_query(&mut url, &req.query);
        }
        // The query API key rides on every request, a page a next-page URI names too.
        if let Some((name, key)) = &inner.auth_query {
            push_query(&mut url, &[(*name, key.expose().to_owned())]);
        }
        let url = reqwest::Url::parse(&url)
            .map_err(|e| SendError::InvalidRequest(format!("the request URL is invalid: {e}")))?;

        // Added to the client's default headers per attempt (saves cloning a map twice).
        let mut headers: Vec<(HeaderName, HeaderValue)> = Vec::new();
        if let Some(ct) = req.body.content_type() {
            let v = HeaderValue::from_str(ct).map_err(|_| {
                SendError::InvalidRequest(
                    "the body's content type is not a valid header value".into(),
                )
            })?;
            headers.push((header::CONTENT_TYPE, v));
        }
        let options = req.options;
        let idempotency_key = options.idempotency_key.or(req.idempotency_key);
        if let Some(key) = &idempotency_key {
            let v = HeaderValue::from_str(key).map_err(|_| {
                SendError::InvalidRequest(
                    "the idempotency key contains characters not allowed in a header (CR, LF or another control character)"
                        .into(),
                )
            })?;
            headers.push((HeaderName::from_static("idempotency-key"), v));
        }
        let extra = options.headers.iter().map(|(n, v)| (n.as_str(), v));
        for (name, value) in req.headers.iter().map(|(n, v)| (*n, v)).chain(extra) {
            let n = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                SendError::InvalidRequest(format!("{name:?} is not a valid header name"))
            })?;
            let v = HeaderValue::from_str(value).map_err(|_| {
                SendError::InvalidRequest(format!(
                    "the value of header {name:?} contains characters not allowed in a header (CR, LF or another control character)"
                ))
            })?;
            headers.push((n, v));
        }
        let idempotent = inner.policy.retry_non_idempotent
            || idempotency_key.is_some()
            || matches!(
                req.method,
                Method::GET
                    | Method::HEAD
                    | Method::PUT
                    | Method::DELETE
                    | Method::OPTIONS
                    | Method::TRACE
            );
        Ok(Prepared {
            method: req.method,
            url,
            headers,
            body: req.body.into_bytes(),
            idempotent,
            timeout: options.timeout.unwrap_or(inner.timeout),
            max_retries: options.max_retries.unwrap_or(inner.max_retries),
            streaming,
        })
    }

    async fn attempt(&self, p: &Prepared) -> Result<Sent, Failure> {
        let inner = &*self.inner;
        let mut r = reqwest::Request::new(p.method.clone(), p.url.clone());
        let mut headers = inner.default_headers.clone();
        for (name, value) in &p.headers {
            headers.insert(name.clone(), value.clone());
        }
        *r.headers_mut() = headers;
        if !p.body.is_empty() {
            *r.body_mut() = Some(p.body.clone().into());
        }
        if p.streaming {
            // No timeout over the whole body (a stream may last): the head within the
            // timeout, then each chunk (see `RawEvents`); a whole answer within it too.
            let timed_out = |_| Failure {
                retry: RetryClass::IfIdempotent,
                timeout: true,
                message: "the attempt timed out".into(),
            };
            let resp = tokio::time::timeout(p.timeout, inner.http.execute(r))
                .await
                .map_err(timed_out)??;
            if resp.status().is_success() && is_event_stream(resp.headers()) {
                let raw = RawResponse::new(resp.status(), resp.headers().clone(), Bytes::new());
                return Ok(Sent {
                    raw,
                    live: Some(LiveBody {
                        response: resp,
                        idle: p.timeout,
                    }),
                });
            }
            let raw = tokio::time::timeout(p.timeout, self.read_whole(resp))
                .await
                .map_err(timed_out)??;
            return Ok(Sent { raw, live: None });
        }
        *r.timeout_mut() = Some(p.timeout);
        // reqwest's per-request timeout covers connecting, sending and the whole body.
        let resp = inner.http.execute(r).await?;
        let raw = self.read_whole(resp).await?;
        Ok(Sent { raw, live: None })
    }

    /// The whole body of `resp`, within the size limit.
    async fn read_whole(&self, mut resp: reqwest::Response) -> Result<RawResponse, Failure> {
        let inner = &*self.inner;
        let status = resp.status();
        let headers = std::mem::take(resp.headers_mut());
        let limit = inner.max_response_bytes;
        let too_large = || Failure {
            retry: RetryClass::Never,
            timeout: false,
            message: format!("the response body exceeds the limit of {limit} bytes"),
        };
        match resp.content_length() {
            Some(n) if n > limit as u64 => return Err(too_large()),
            // Known length within the limit: one buffer, no copy.
            Some(_) => return Ok(RawResponse::new(status, headers, resp.bytes().await?)),
            None => {}
        }
        let mut body = bytes::BytesMut::new();
        while let Some(chunk) = resp.chunk().await? {
            if body.len() + chunk.len() > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(RawResponse::new(status, headers, body.freeze()))
    }
}

struct Prepared {
    method: Method,
    url: reqwest::Url,
    /// Set or replaced on top of the client's default headers.
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Bytes,
    idempotent: bool,
    /// The per-attempt timeout and retry count: the call's options, else the client's.
    timeout: Duration,
    max_retries: u32,
    streaming: bool,
}

/// Whether a response's `Content-Type` is `text/event-stream`.
fn is_event_stream(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("text/event-stream"))
}

struct Failure {
    /// `Always` when the connection failed before the request could be written, `Never`
    /// when retrying cannot help (the body is over the limit).
    retry: RetryClass,
    timeout: bool,
    message: String,
}

impl From<reqwest::Error> for Failure {
    fn from(e: reqwest::Error) -> Self {
        Failure {
            retry: if e.is_connect() {
                RetryClass::Always
            } else {
                RetryClass::IfIdempotent
            },
            timeout: e.is_timeout(),
            message: describe(e),
        }
    }
}

/// `target` (an origin-relative path and query, see [`crate::pagination`]) on the origin of
/// `base_url`: credentials never go to another host. The URL is not put into the error.
/// Appends `pairs` to `url`'s query string, form-encoded.
fn push_query(url: &mut String, pairs: &[(&'static str, String)]) {
    for (name, value) in pairs {
        url.push(if url.contains('?') { '&' } else { '?' });
        form_encode_into(url, name);
        url.push('=');
        form_encode_into(url, value);
    }
}

fn origin_target(base_url: &str, target: &str) -> Result<String, SendError> {
    let invalid =
        || SendError::InvalidRequest("a next-page URI is not a path on the API's host".into());
    let base = reqwest::Url::parse(base_url).map_err(|_| invalid())?;
    if !target.starts_with('/') || target.starts_with("//") || target.contains('#') {
        return Err(invalid());
    }
    let path = target.split('?').next().unwrap_or_default();
    if path.split('/').any(is_dot_segment) {
        return Err(invalid());
    }
    Ok(format!("{}{target}", base.origin().ascii_serialization()))
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
