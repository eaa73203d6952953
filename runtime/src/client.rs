//! The client: configuration, sending, retries and tracing.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http::{Method, StatusCode};
use tracing::Instrument as _;

use crate::config::{ApiInfo, ConfigError, env_opt};
use crate::error::Error;
use crate::request::{Request, form_encode_into, is_dot_segment};
use crate::response::{RawResponse, ResponseValue};
use crate::secret::{Auth, base64};

/// The default `User-Agent`: `cpaas-tokens/<version of this crate>`.
pub const DEFAULT_USER_AGENT: &str = concat!("cpaas-tokens/", env!("CARGO_PKG_VERSION"));
/// The default per-attempt timeout (connect, send, and reading the whole body).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// The default largest response body read (64 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// How retries wait, and whether non-idempotent requests may be retried.
///
/// See the [crate docs](crate#retries) for what is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The backoff before the first retry (default 0.5 s); it doubles per retry.
    pub base_delay: Duration,
    /// The backoff never exceeds this (default 8 s).
    pub max_delay: Duration,
    /// Full jitter (default `true`): wait a uniformly random time between zero and the
    /// backoff. `false` waits exactly the backoff.
    pub jitter: bool,
    /// The longest `Retry-After` honoured (default 60 s). A response asking for a longer
    /// wait is not retried but returned.
    pub max_retry_after: Duration,
    /// Retry requests that are not idempotent (POST, PATCH without an idempotency key) on
    /// failures where the server may have acted on them (default `false`).
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            jitter: true,
            max_retry_after: Duration::from_secs(60),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// The backoff before retry number `retry` (1-based), before jitter.
    pub fn backoff(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1).min(30));
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }

    fn wait(&self, retry: u32) -> Duration {
        let cap = self.backoff(retry);
        if self.jitter {
            cap.mul_f64(fastrand::f64())
        } else {
            cap
        }
    }
}

/// A configured API client. Cheap to clone (an `Arc`); share one per API and credential.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    api: &'static ApiInfo,
    base_url: String,
    path_defaults: HashMap<String, String>,
    http: reqwest::Client,
    /// Accept, User-Agent and the (sensitive) auth header.
    default_headers: HeaderMap,
    auth_kind: &'static str,
    timeout: Duration,
    max_retries: u32,
    policy: RetryPolicy,
    max_response_bytes: usize,
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

/// Builds a [`Client`]; start with [`Client::builder`].
pub struct ClientBuilder {
    api: &'static ApiInfo,
    base_url: Option<String>,
    server_variables: HashMap<String, String>,
    auth: Auth,
    path_defaults: HashMap<String, String>,
    timeout: Duration,
    connect_timeout: Duration,
    max_retries: u32,
    policy: RetryPolicy,
    user_agent: Option<String>,
    http_client: Option<reqwest::Client>,
    proxies: Vec<reqwest::Proxy>,
    max_response_bytes: usize,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("provider", &self.api.provider)
            .field("api", &self.api.api)
            .field("base_url", &self.base_url.as_deref().map(redact_userinfo))
            .field("server_variables", &self.server_variables)
            .field("auth", &self.auth)
            .field("path_defaults", &self.path_defaults)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_retries", &self.max_retries)
            .field("retry_policy", &self.policy)
            .field("user_agent", &self.user_agent)
            .field(
                "http_client",
                &self.http_client.as_ref().map(|_| "[custom]"),
            )
            .field("proxies", &self.proxies.len())
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

impl ClientBuilder {
    /// Replaces the server URL, including its path prefix (`http://127.0.0.1:8080/v2`).
    /// `{var}` placeholders in it are substituted like those of the default URL.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Sets a `{name}` of the server URL; takes precedence over its environment variable
    /// and its default.
    pub fn server_variable(mut self, name: &str, value: impl Into<String>) -> Self {
        self.server_variables.insert(name.to_owned(), value.into());
        self
    }

    /// Sets the credentials (default [`Auth::None`]).
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = auth;
        self
    }

    /// A client-scoped path parameter value (Twilio's `AccountSid`), used by the generated
    /// code when the caller does not pass one.
    pub fn path_default(mut self, name: &str, value: impl Into<String>) -> Self {
        self.path_defaults.insert(name.to_owned(), value.into());
        self
    }

    /// The total time one attempt may take: connecting, sending, and reading the whole
    /// response body (default 60 s).
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }

    /// The time a TCP+TLS connect may take (default 10 s). Ignored with
    /// [`http_client`](Self::http_client).
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// Retries after the first attempt (default 2, so at most 3 attempts; 0 disables).
    pub fn max_retries(mut self, n: u32) -> Self {
        self.max_retries = n;
        self
    }

    /// Replaces the whole retry policy, including `retry_non_idempotent`.
    pub fn retry_policy(mut self, p: RetryPolicy) -> Self {
        self.policy = p;
        self
    }

    /// Allows retrying non-idempotent requests where the server may have acted on them.
    pub fn retry_non_idempotent(mut self, yes: bool) -> Self {
        self.policy.retry_non_idempotent = yes;
        self
    }

    /// Replaces the `User-Agent` (default [`DEFAULT_USER_AGENT`]).
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = Some(ua.into());
        self
    }

    /// Uses this `reqwest::Client` (your proxies, TLS roots, pool settings). Then
    /// [`connect_timeout`](Self::connect_timeout) and [`proxy`](Self::proxy) are yours to set
    /// on it; [`timeout`](Self::timeout) still applies per attempt. Its redirect policy is
    /// yours too: the default client follows no redirects, so that no credential is ever
    /// sent to another host.
    pub fn http_client(mut self, c: reqwest::Client) -> Self {
        self.http_client = Some(c);
        self
    }

    /// Adds a proxy to the default HTTP client (can be called repeatedly). Without it,
    /// `reqwest` uses the `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` environment variables.
    pub fn proxy(mut self, p: reqwest::Proxy) -> Self {
        self.proxies.push(p);
        self
    }

    /// The largest response body read (default 64 MiB); a longer one fails the call with
    /// [`Error::Transport`] (not retried) instead of exhausting memory.
    pub fn max_response_bytes(mut self, n: usize) -> Self {
        self.max_response_bytes = n;
        self
    }

    /// Resolves the server URL and builds the client.
    ///
    /// Fails with [`ConfigError::MissingServerVariable`] (naming the variable and its
    /// environment variable) when a `{var}` has no value, [`ConfigError::InvalidBaseUrl`]
    /// when the result is not an absolute `http(s)` URL without user info, query or
    /// fragment, and [`ConfigError::Http`] when a credential or the user agent cannot be
    /// sent as a header or the HTTP client cannot be built.
    pub fn build(self) -> Result<Client, ConfigError> {
        let template = self.base_url.as_deref().unwrap_or(self.api.base_url);
        let base_url = resolve_base_url(template, self.api, &self.server_variables)?;

        let http = match self.http_client {
            Some(c) => {
                if !self.proxies.is_empty() {
                    return Err(ConfigError::Http(
                        "proxy() has no effect with http_client(): configure the proxy on that client"
                            .into(),
                    ));
                }
                c
            }
            None => {
                let mut b = reqwest::Client::builder()
                    .connect_timeout(self.connect_timeout)
                    .redirect(reqwest::redirect::Policy::none());
                for p in self.proxies {
                    b = b.proxy(p);
                }
                b.build().map_err(|e| ConfigError::Http(describe(e)))?
            }
        };

        let mut default_headers = HeaderMap::new();
        default_headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        let ua = self.user_agent.as_deref().unwrap_or(DEFAULT_USER_AGENT);
        let ua = HeaderValue::from_str(ua).map_err(|_| {
            ConfigError::Http("the user agent contains characters not allowed in a header".into())
        })?;
        default_headers.insert(header::USER_AGENT, ua);
        let bad_credential = || {
            ConfigError::Http(
                "the credential contains characters not allowed in an HTTP header \
                 (a newline or another control character?)"
                    .into(),
            )
        };
        let secret_header = |text: String| {
            HeaderValue::try_from(text).map(|mut v| {
                v.set_sensitive(true);
                v
            })
        };
        let auth_kind = match &self.auth {
            Auth::None => "none",
            Auth::Basic { username, password } => {
                let token = base64(format!("{username}:{}", password.expose()).as_bytes());
                let v = secret_header(format!("Basic {token}")).map_err(|_| bad_credential())?;
                default_headers.insert(header::AUTHORIZATION, v);
                "basic"
            }
            Auth::Bearer(token) => {
                let v = secret_header(format!("Bearer {}", token.expose()))
                    .map_err(|_| bad_credential())?;
                default_headers.insert(header::AUTHORIZATION, v);
                "bearer"
            }
            Auth::ApiKeyHeader { name, value } => {
                let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                    ConfigError::Http(format!("{name:?} is not a valid header name"))
                })?;
                let v = secret_header(value.expose().to_owned()).map_err(|_| bad_credential())?;
                default_headers.insert(name, v);
                "api_key_header"
            }
        };

        Ok(Client {
            inner: Arc::new(Inner {
                api: self.api,
                base_url,
                path_defaults: self.path_defaults,
                http,
                default_headers,
                auth_kind,
                timeout: self.timeout,
                max_retries: self.max_retries,
                policy: self.policy,
                max_response_bytes: self.max_response_bytes,
            }),
        })
    }
}

/// Substitutes `{var}`s (builder value, then environment variable, then default), trims a
/// trailing `/` and checks the URL.
fn resolve_base_url(
    template: &str,
    api: &ApiInfo,
    explicit: &HashMap<String, String>,
) -> Result<String, ConfigError> {
    let mut url = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        url.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(ConfigError::InvalidBaseUrl {
                url: redact_userinfo(template),
                reason: "a `{` without its `}`".into(),
            });
        };
        let name = &after[..close];
        let decl = api.server_variables.iter().find(|v| v.name == name);
        let env = decl.and_then(|d| d.env);
        let value = explicit
            .get(name)
            .cloned()
            .or_else(|| env.and_then(env_opt))
            .or_else(|| decl.and_then(|d| d.default).map(str::to_owned))
            .ok_or_else(|| ConfigError::MissingServerVariable {
                name: name.to_owned(),
                env,
            })?;
        url.push_str(&value);
        rest = &after[close + 1..];
    }
    url.push_str(rest);
    while url.ends_with('/') {
        url.pop();
    }

    let invalid = |reason: &str| ConfigError::InvalidBaseUrl {
        url: redact_userinfo(&url),
        reason: reason.to_owned(),
    };
    let parsed = reqwest::Url::parse(&url).map_err(|e| invalid(&e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(invalid("the scheme must be http or https"));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(invalid("there is no host"));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(invalid(
            "credentials in the URL are not supported; use .auth(Auth::Basic { .. })",
        ));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(invalid("a base URL cannot have a query or fragment"));
    }
    Ok(url)
}

/// Removes `user:password@` from a URL-like string.
fn redact_userinfo(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_owned();
    };
    let authority_start = scheme_end + 3;
    let authority_end = url[authority_start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| authority_start + i);
    match url[authority_start..authority_end].rfind('@') {
        Some(at) => format!(
            "{}[redacted]@{}",
            &url[..authority_start],
            &url[authority_start + at + 1..]
        ),
        None => url.to_owned(),
    }
}

/// A reqwest error as text: its chain of causes, never the URL.
fn describe(e: reqwest::Error) -> String {
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
    /// Starts configuring a client for `api`.
    pub fn builder(api: &'static ApiInfo) -> ClientBuilder {
        ClientBuilder {
            api,
            base_url: None,
            server_variables: HashMap::new(),
            auth: Auth::None,
            path_defaults: HashMap::new(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            policy: RetryPolicy::default(),
            user_agent: None,
            http_client: None,
            proxies: Vec::new(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }

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
        Box::pin(self.send(req, span.clone()).instrument(span))
    }

    /// The non-generic body of `execute`.
    async fn send(&self, req: Request, span: tracing::Span) -> Result<RawResponse, SendError> {
        let inner = &*self.inner;
        let started = Instant::now();
        let prepared = self.prepare(req)?;
        let max_attempts = inner.max_retries.saturating_add(1);
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            span.record("attempt", attempt);
            let attempt_started = Instant::now();
            let outcome = self.attempt(&prepared).await;
            let elapsed_ms = millis(attempt_started.elapsed());
            let can_retry = attempt < max_attempts;
            let (wait, reason) = match outcome {
                Ok(raw) => {
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
                        return Ok(raw);
                    }
                    match retry_after(raw.headers()) {
                        Some(d) if d > inner.policy.max_retry_after => {
                            tracing::debug!(
                                attempt,
                                retry_after_ms = millis(d),
                                "not retrying: Retry-After exceeds the configured maximum"
                            );
                            span.record("latency_ms", millis(started.elapsed()));
                            return Ok(raw);
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

    fn prepare(&self, req: Request) -> Result<Prepared, SendError> {
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
        for (i, (name, value)) in req.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            form_encode_into(&mut url, name);
            url.push('=');
            form_encode_into(&mut url, value);
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
        if let Some(key) = &req.idempotency_key {
            let v = HeaderValue::from_str(key).map_err(|_| {
                SendError::InvalidRequest(
                    "the idempotency key contains characters not allowed in a header (CR, LF or another control character)"
                        .into(),
                )
            })?;
            headers.push((HeaderName::from_static("idempotency-key"), v));
        }
        for (name, value) in &req.headers {
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
            || req.idempotency_key.is_some()
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
        })
    }

    async fn attempt(&self, p: &Prepared) -> Result<RawResponse, Failure> {
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
        *r.timeout_mut() = Some(inner.timeout);
        // reqwest's per-request timeout covers connecting, sending and the whole body.
        let mut resp = inner.http.execute(r).await?;
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

type SendFuture<'a> = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<RawResponse, SendError>> + Send + 'a>,
>;

/// A request in flight, as an operation's `send()` returns it: await it for the typed answer.
#[must_use = "a request is sent only when awaited"]
pub struct Call<'a, T, E> {
    state: CallState<'a, E>,
    decode: fn(RawResponse) -> Result<ResponseValue<T>, Error<E>>,
}

enum CallState<'a, E> {
    Invalid(Option<Error<E>>),
    Running(SendFuture<'a>),
}

// No field is structurally pinned: the in-flight future is boxed, the error is moved out.
impl<T, E> Unpin for Call<'_, T, E> {}

impl<T, E> std::future::Future for Call<'_, T, E> {
    type Output = Result<ResponseValue<T>, Error<E>>;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        use std::task::Poll;
        let this = self.get_mut();
        match &mut this.state {
            CallState::Invalid(e) => Poll::Ready(Err(e.take().unwrap_or_else(|| {
                Error::InvalidRequest("the call was awaited again after it finished".into())
            }))),
            CallState::Running(f) => match f.as_mut().poll(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(Ok(raw)) => Poll::Ready((this.decode)(raw)),
                Poll::Ready(Err(e)) => Poll::Ready(Err(e.into_error())),
            },
        }
    }
}

impl<T, E> fmt::Debug for Call<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.state {
            CallState::Invalid(_) => "invalid",
            CallState::Running(_) => "running",
        };
        f.debug_struct("Call").field("state", &state).finish()
    }
}

enum SendError {
    InvalidRequest(String),
    Timeout { attempts: u32 },
    Transport { message: String, attempts: u32 },
}

impl SendError {
    fn into_error<E>(self) -> Error<E> {
        match self {
            SendError::InvalidRequest(m) => Error::InvalidRequest(m),
            SendError::Timeout { attempts } => Error::Timeout { attempts },
            SendError::Transport { message, attempts } => Error::Transport { message, attempts },
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RetryClass {
    Never,
    IfIdempotent,
    Always,
}

impl RetryClass {
    fn allows(self, idempotent: bool) -> bool {
        match self {
            RetryClass::Never => false,
            RetryClass::IfIdempotent => idempotent,
            RetryClass::Always => true,
        }
    }
}

fn status_retry_class(raw: &RawResponse) -> RetryClass {
    match raw
        .headers()
        .get("x-should-retry")
        .and_then(|v| v.to_str().ok())
    {
        Some(v) if v.eq_ignore_ascii_case("true") => return RetryClass::Always,
        Some(v) if v.eq_ignore_ascii_case("false") => return RetryClass::Never,
        _ => {}
    }
    match raw.status() {
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => RetryClass::Always,
        StatusCode::REQUEST_TIMEOUT
        | StatusCode::CONFLICT
        | StatusCode::INTERNAL_SERVER_ERROR
        | StatusCode::BAD_GATEWAY
        | StatusCode::GATEWAY_TIMEOUT => RetryClass::IfIdempotent,
        _ => RetryClass::Never,
    }
}

/// `retry-after-ms` (milliseconds), else `Retry-After` (delta seconds or HTTP-date).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(ms) = text("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        if ms.is_finite() && ms >= 0.0 {
            return Some(Duration::from_secs_f64((ms / 1000.0).min(1e9)));
        }
    }
    let v = text("retry-after")?;
    if let Ok(secs) = v.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(1e9)));
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(
        at.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    static API: ApiInfo = ApiInfo {
        provider: "p",
        api: "a",
        base_url: "https://{space}.example.com/api/",
        server_variables: &[crate::ServerVariable {
            name: "space",
            default: None,
            env: Some("CPAAS_RUNTIME_UNIT_TEST_SPACE_UNSET"),
        }],
    };

    #[test]
    fn retry_after_forms() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("2"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert(
            "retry-after",
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&h), Some(Duration::ZERO));
        let future = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(120));
        h.insert("retry-after", HeaderValue::from_str(&future).unwrap());
        let d = retry_after(&h).unwrap();
        assert!(
            d > Duration::from_secs(110) && d <= Duration::from_secs(120),
            "{d:?}"
        );
        h.insert("retry-after", HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&h), None);
        h.insert("retry-after-ms", HeaderValue::from_static("250"));
        assert_eq!(retry_after(&h), Some(Duration::from_millis(250)));
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff(1), Duration::from_millis(500));
        assert_eq!(p.backoff(2), Duration::from_secs(1));
        assert_eq!(p.backoff(5), Duration::from_secs(8));
        assert_eq!(p.backoff(100), Duration::from_secs(8));
        for _ in 0..100 {
            assert!(p.wait(3) <= Duration::from_secs(2));
        }
    }

    #[test]
    fn base_url_resolution() {
        let mut vars = HashMap::new();
        let err = resolve_base_url(API.base_url, &API, &vars).unwrap_err();
        assert!(
            err.to_string()
                .contains("CPAAS_RUNTIME_UNIT_TEST_SPACE_UNSET"),
            "{err}"
        );
        vars.insert("space".to_owned(), "acme".to_owned());
        assert_eq!(
            resolve_base_url(API.base_url, &API, &vars).unwrap(),
            "https://acme.example.com/api"
        );
        let err = resolve_base_url("https://u:hunter2@h.example/x", &API, &vars).unwrap_err();
        assert!(!err.to_string().contains("hunter2"), "{err}");
        assert!(resolve_base_url("ftp://h.example", &API, &vars).is_err());
        assert!(resolve_base_url("https://h.example/{other}", &API, &vars).is_err());
        assert!(resolve_base_url("https://h.example/{open", &API, &vars).is_err());
        assert!(resolve_base_url("/relative", &API, &vars).is_err());
    }

    #[test]
    fn redacts_userinfo() {
        assert_eq!(
            redact_userinfo("https://a:b@h/x@y"),
            "https://[redacted]@h/x@y"
        );
        assert_eq!(redact_userinfo("https://h/x@y"), "https://h/x@y");
    }
}
