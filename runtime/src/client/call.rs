//! [`Call`], the future an operation's `send()` returns: the boxed, non-generic send of a
//! request, then the operation's decoding. Contract: a request that could not be built is
//! answered with its error, nothing sent; send failures become [`Error`]s.

use std::fmt;
use std::time::Duration;

use crate::error::Error;
use crate::response::{RawResponse, ResponseValue};

/// What a send gives back: the final answer, and, for an event stream answered with a 2xx
/// `text/event-stream`, the response still being read (`raw` then has no body).
pub(super) struct Sent {
    pub(super) raw: RawResponse,
    pub(super) live: Option<LiveBody>,
}

/// A 2xx `text/event-stream` answer still being read, and how long each chunk may take.
pub(super) struct LiveBody {
    pub(super) response: reqwest::Response,
    pub(super) idle: Duration,
}

pub(super) type StreamFuture<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Sent, SendError>> + Send + 'a>>;

pub(super) type SendFuture<'a> = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<RawResponse, SendError>> + Send + 'a>,
>;

/// A request in flight, as an operation's `send()` returns it: await it for the typed answer.
#[must_use = "a request is sent only when awaited"]
pub struct Call<'a, T, E> {
    pub(super) state: CallState<'a, E>,
    pub(super) decode: fn(RawResponse) -> Result<ResponseValue<T>, Error<E>>,
}

pub(super) enum CallState<'a, E> {
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

pub(super) enum SendError {
    InvalidRequest(String),
    Timeout { attempts: u32 },
    Transport { message: String, attempts: u32 },
}

impl SendError {
    pub(super) fn into_error<E>(self) -> Error<E> {
        match self {
            SendError::InvalidRequest(m) => Error::InvalidRequest(m),
            SendError::Timeout { attempts } => Error::Timeout { attempts },
            SendError::Transport { message, attempts } => Error::Transport { message, attempts },
        }
    }
}
