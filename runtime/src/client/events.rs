//! Reading a response as server-sent events: [`RawEvents`], the non-generic reader (each
//! chunk through the [`crate::sse`] parser, an idle timeout per chunk, a size limit per event,
//! `[DONE]` ends it), which the command line can use on its own, and [`EventStream`], what an
//! operation's `events()` returns: the send (with retries, like `send()`), then each event's
//! data decoded. Contract: a non-2xx answer is one error item (the operation's typed error,
//! decoded as `send()` would), a 2xx answer that is not `text/event-stream` is
//! [`Error::UnexpectedContentType`]; after an error item the stream ends. No `reqwest` `stream`
//! feature is needed: each poll awaits `Response::chunk` in a boxed future.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures_core::Stream;
use http::StatusCode;

use super::call::{Sent, StreamFuture};
use super::send::{Client, describe};
use crate::error::Error;
use crate::request::Request;
use crate::response::{RawResponse, ResponseValue};
use crate::sse::parser::{Parser, RawEvent};
use crate::sse::{DONE, Event};

type ChunkFuture = Pin<
    Box<dyn Future<Output = (reqwest::Response, Result<Option<Bytes>, Error<Infallible>>)> + Send>,
>;

enum Source {
    Idle(reqwest::Response),
    Reading(ChunkFuture),
    Ended,
}

/// The events of a response body as they arrive, undecoded: a `Stream` of
/// `Result<RawEvent, Error<Infallible>>` that ends at the end of the body or at a `[DONE]`
/// data line, and after its first error. Non-generic, for callers that print each event's data
/// as it comes (the command line).
pub struct RawEvents {
    source: Source,
    parser: Parser,
    pending: VecDeque<RawEvent>,
    idle_timeout: Option<Duration>,
    done: bool,
}

impl fmt::Debug for RawEvents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawEvents")
            .field("pending", &self.pending.len())
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl RawEvents {
    /// Reads `response`'s body as events: each chunk must arrive within `idle_timeout` (none:
    /// wait for ever), and no line or event's data may exceed `max_event_bytes`.
    pub fn new(
        response: reqwest::Response,
        idle_timeout: Option<Duration>,
        max_event_bytes: usize,
    ) -> Self {
        RawEvents {
            source: Source::Idle(response),
            parser: Parser::new(max_event_bytes),
            pending: VecDeque::new(),
            idle_timeout,
            done: false,
        }
    }

    /// The next event (`None` at the end): `StreamExt::next` without the `futures` crate.
    pub async fn next(&mut self) -> Option<Result<RawEvent, Error<Infallible>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    fn fail(&mut self, e: Error<Infallible>) -> Poll<Option<Result<RawEvent, Error<Infallible>>>> {
        self.done = true;
        self.source = Source::Ended;
        self.pending.clear();
        Poll::Ready(Some(Err(e)))
    }
}

impl Stream for RawEvents {
    type Item = Result<RawEvent, Error<Infallible>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if this.done {
                return Poll::Ready(None);
            }
            if let Some(ev) = this.pending.pop_front() {
                if ev.data.trim() == DONE {
                    this.done = true;
                    this.source = Source::Ended;
                    return Poll::Ready(None);
                }
                return Poll::Ready(Some(Ok(ev)));
            }
            match std::mem::replace(&mut this.source, Source::Ended) {
                Source::Ended => {
                    this.done = true;
                }
                Source::Idle(mut resp) => {
                    let idle = this.idle_timeout;
                    this.source = Source::Reading(Box::pin(async move {
                        let chunk = async { resp.chunk().await.map_err(transport) };
                        let r = match idle {
                            Some(t) => tokio::time::timeout(t, chunk)
                                .await
                                .unwrap_or(Err(Error::Timeout { attempts: 1 })),
                            None => chunk.await,
                        };
                        (resp, r)
                    }));
                }
                Source::Reading(mut f) => match f.as_mut().poll(cx) {
                    Poll::Pending => {
                        this.source = Source::Reading(f);
                        return Poll::Pending;
                    }
                    Poll::Ready((_, Err(e))) => return this.fail(e),
                    // The end of the body: an unfinished event is dropped (the format says so).
                    Poll::Ready((_, Ok(None))) => this.done = true,
                    Poll::Ready((resp, Ok(Some(chunk)))) => {
                        let mut out = Vec::new();
                        if let Err(too_long) = this.parser.push(&chunk, &mut out) {
                            return this.fail(Error::Transport {
                                message: format!(
                                    "an event of the stream exceeds the limit of {} bytes",
                                    too_long.0
                                ),
                                attempts: 1,
                            });
                        }
                        this.pending.extend(out);
                        this.source = Source::Idle(resp);
                    }
                },
            }
        }
    }
}

fn transport(e: reqwest::Error) -> Error<Infallible> {
    Error::Transport {
        message: describe(e),
        attempts: 1,
    }
}

/// How a stream's non-2xx answer becomes the operation's error (its `decode`, erased).
type DecodeError<'a, E> = Box<dyn FnOnce(RawResponse) -> Error<E> + Send + 'a>;

enum State<'a, E> {
    Invalid(Option<Error<E>>),
    Sending(StreamFuture<'a>, Option<DecodeError<'a, E>>),
    Reading(StatusCode, Box<RawEvents>),
    Ended,
}

/// The events of an operation's `text/event-stream` answer, each `data` decoded into `T`: a
/// `Stream` of `Result<Event<T>, Error<E>>`, what a generated builder's `events()` returns.
/// Nothing is sent until it is first polled.
#[must_use = "a stream sends its request only when polled"]
pub struct EventStream<'a, T, E> {
    state: State<'a, E>,
    decode: fn(StatusCode, &str) -> Result<T, Error<E>>,
    /// The client's response size limit, applied to each line and event.
    max_event_bytes: usize,
}

// No field is structurally pinned: the futures are boxed.
impl<T, E> Unpin for EventStream<'_, T, E> {}

impl<T, E> EventStream<'_, T, E> {
    /// The next event (`None` at the end): `StreamExt::next` without the `futures` crate.
    pub async fn next(&mut self) -> Option<Result<Event<T>, Error<E>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<T, E> fmt::Debug for EventStream<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.state {
            State::Invalid(_) => "invalid",
            State::Sending(..) => "sending",
            State::Reading(..) => "reading",
            State::Ended => "ended",
        };
        f.debug_struct("EventStream")
            .field("state", &state)
            .finish()
    }
}

impl<T, E> Stream for EventStream<'_, T, E> {
    type Item = Result<Event<T>, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            match &mut this.state {
                State::Ended => return Poll::Ready(None),
                State::Invalid(e) => {
                    let e = e.take();
                    this.state = State::Ended;
                    return Poll::Ready(e.map(Err));
                }
                State::Sending(f, decode_error) => {
                    let sent = match f.as_mut().poll(cx) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(r) => r,
                    };
                    let decode_error = decode_error.take();
                    this.state = State::Ended;
                    match sent {
                        Err(e) => return Poll::Ready(Some(Err(e.into_error()))),
                        Ok(Sent {
                            raw,
                            live: Some(live),
                        }) => {
                            let events = Box::new(RawEvents::new(
                                live.response,
                                Some(live.idle),
                                this.max_event_bytes,
                            ));
                            this.state = State::Reading(raw.status(), events);
                        }
                        Ok(Sent { raw, live: None }) => {
                            let e = if raw.status().is_success() {
                                match raw.media(&["text/event-stream"]) {
                                    Err(e) => e,
                                    Ok(_) => raw.unexpected(),
                                }
                            } else {
                                match decode_error {
                                    Some(d) => d(raw),
                                    None => raw.unexpected(),
                                }
                            };
                            return Poll::Ready(Some(Err(e)));
                        }
                    }
                }
                State::Reading(status, events) => {
                    let status = *status;
                    return match Pin::new(&mut **events).poll_next(cx) {
                        Poll::Pending => Poll::Pending,
                        Poll::Ready(None) => {
                            this.state = State::Ended;
                            Poll::Ready(None)
                        }
                        Poll::Ready(Some(Err(e))) => {
                            this.state = State::Ended;
                            Poll::Ready(Some(Err(e.map_status(|never| match never {}))))
                        }
                        Poll::Ready(Some(Ok(raw))) => match (this.decode)(status, &raw.data) {
                            Ok(data) => Poll::Ready(Some(Ok(Event::new(raw, data)))),
                            Err(e) => {
                                this.state = State::Ended;
                                Poll::Ready(Some(Err(e)))
                            }
                        },
                    };
                }
            }
        }
    }
}

impl Client {
    /// Sends a request an operation built, asking for `text/event-stream`, and reads the
    /// answer as events, each `data` decoded with `decode` (`sse::json` or `sse::text`): what
    /// generated `events()` methods return. A non-2xx answer is decoded with `error` (the
    /// operation's `decode`, as `send()` uses it) into one error item. The request goes through
    /// the same send as `send()` (auth, per-request options, retries until the head arrives).
    pub fn events<'a, S: 'a, T, E: 'a>(
        &'a self,
        request: Result<Request, Error<E>>,
        error: fn(RawResponse) -> Result<ResponseValue<S>, Error<E>>,
        decode: fn(StatusCode, &str) -> Result<T, Error<E>>,
    ) -> EventStream<'a, T, E> {
        let state = match request {
            Ok(req) => {
                let req = req.header("Accept", "text/event-stream");
                let decode_error: DecodeError<'a, E> = Box::new(move |raw: RawResponse| {
                    let fallback = raw.clone();
                    match error(raw) {
                        Err(e) => e,
                        Ok(_) => fallback.unexpected(),
                    }
                });
                State::Sending(self.start_stream(req), Some(decode_error))
            }
            Err(e) => State::Invalid(Some(e)),
        };
        EventStream {
            state,
            decode,
            max_event_bytes: self.inner.max_response_bytes,
        }
    }
}
