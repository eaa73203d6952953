//! Retries: the [`RetryPolicy`] (backoff with full jitter), which statuses and failures are
//! retried (always, only when idempotent, never), and the `Retry-After` a response asks for.
//! Contract: decides only whether and how long to wait; the send loop does the waiting.

use std::time::{Duration, SystemTime};

use http::StatusCode;
use http::header::HeaderMap;

use crate::response::RawResponse;

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

    pub(super) fn wait(&self, retry: u32) -> Duration {
        let cap = self.backoff(retry);
        if self.jitter {
            cap.mul_f64(fastrand::f64())
        } else {
            cap
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RetryClass {
    Never,
    IfIdempotent,
    Always,
}

impl RetryClass {
    pub(super) fn allows(self, idempotent: bool) -> bool {
        match self {
            RetryClass::Never => false,
            RetryClass::IfIdempotent => idempotent,
            RetryClass::Always => true,
        }
    }
}

pub(super) fn status_retry_class(raw: &RawResponse) -> RetryClass {
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
pub(super) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
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
