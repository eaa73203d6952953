//! [`RequestOptions`]: what one call may set over its client's configuration (timeout, retry
//! count, extra headers, idempotency key), as Stainless SDKs' `RequestOptions` do. Contract: a
//! value holds settings only; the send checks the headers (a bad name or value is
//! [`Error::InvalidRequest`](crate::Error::InvalidRequest), nothing sent) and applies them;
//! `Debug` prints header names, never their values, nor the idempotency key.

use std::fmt;
use std::time::Duration;

/// Settings for one call that override its client's configuration. Every generated request
/// builder takes one with `.options(…)`:
///
/// ```no_run
/// # use std::time::Duration;
/// use cpaas_runtime::RequestOptions;
/// let opts = RequestOptions::new()
///     .timeout(Duration::from_secs(5))
///     .max_retries(0)
///     .header("X-Trace", "abc")
///     .idempotency_key("order-42");
/// # let _ = opts;
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RequestOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) idempotency_key: Option<String>,
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestOptions")
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field(
                "headers",
                &self.headers.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .field(
                "idempotency_key",
                &self.idempotency_key.as_ref().map(|_| "[set]"),
            )
            .finish()
    }
}

impl RequestOptions {
    /// No overrides: the client's configuration applies.
    pub fn new() -> Self {
        Self::default()
    }

    /// The per-attempt timeout of this call, instead of the client's
    /// ([`ClientBuilder::timeout`](crate::ClientBuilder::timeout)). For an event stream it
    /// bounds the wait for the response head and for each chunk after it.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The number of retries of this call after the first attempt (`0`: one attempt only),
    /// instead of the client's ([`ClientBuilder::max_retries`](crate::ClientBuilder::max_retries)).
    /// What is retried stays as the [crate docs](crate#retries) say.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Adds a header to this call, sent after (and so replacing) the client's default headers
    /// and the operation's own header parameters of the same name.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sends `Idempotency-Key: <key>` on every attempt of this call (the same key on each
    /// retry), which also makes the call retryable like an idempotent one.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }
}
