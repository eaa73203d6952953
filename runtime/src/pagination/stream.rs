//! The page walkers: [`Pages`] (a [`Stream`] of whole typed pages) and [`Items`] (a
//! [`Stream`] of the items across pages), fetching lazily: one page is requested only when
//! the previous one is used up, each through [`Client::call`] (auth, retries, tracing, the
//! operation's typed decoding). Contract: an error ends the walk after it is yielded.

use std::collections::VecDeque;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::descriptor::Pagination;
use crate::client::{Call, Client};
use crate::error::Error;
use crate::request::Request;
use crate::response::{RawResponse, ResponseValue, decode_json};

type Decode<T, E> = fn(RawResponse) -> Result<ResponseValue<T>, Error<E>>;

/// A page with its JSON, or why there is none.
type PageWithJson<T, E> = Result<(ResponseValue<T>, Value), Error<E>>;

/// The pages of a paginated list, each a typed answer of the operation: a
/// [`Stream`] of `Result<ResponseValue<T>, Error<E>>`. Made by a generated builder's
/// `pages()`; [`items`](Self::items) walks the items instead.
#[must_use = "a stream does nothing until polled"]
pub struct Pages<'a, T, E> {
    client: &'a Client,
    pagination: &'static Pagination,
    decode: Decode<T, E>,
    /// The next request to send, or why the first could not be built.
    next: Option<Result<Request, Error<E>>>,
    in_flight: Option<(Request, Call<'a, T, E>)>,
}

// No field is structurally pinned: the in-flight call is `Unpin`.
impl<T, E> Unpin for Pages<'_, T, E> {}

impl<T, E> std::fmt::Debug for Pages<'_, T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("pagination", self.pagination)
            .field("in_flight", &self.in_flight.is_some())
            .field("done", &(self.next.is_none() && self.in_flight.is_none()))
            .finish()
    }
}

impl<'a, T, E> Pages<'a, T, E> {
    /// The walk that starts with `first` (an operation's request, or why it cannot be built)
    /// and decodes every page with `decode`.
    pub fn new(
        client: &'a Client,
        pagination: &'static Pagination,
        first: Result<Request, Error<E>>,
        decode: Decode<T, E>,
    ) -> Self {
        Pages {
            client,
            pagination,
            decode,
            next: Some(first),
            in_flight: None,
        }
    }

    /// The items of every page, deserialized as `I`, in order.
    pub fn items<I: DeserializeOwned>(self) -> Items<'a, I, T, E> {
        Items {
            pages: self,
            buffer: VecDeque::new(),
            status: http::StatusCode::OK,
            _item: PhantomData,
        }
    }

    /// The next page, or `None` after the last one (or after an error).
    pub async fn next_page(&mut self) -> Option<Result<ResponseValue<T>, Error<E>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Walks synchronously: an [`Iterator`] of pages (feature `blocking`).
    #[cfg(feature = "blocking")]
    pub fn blocking(self) -> Blocking<Self> {
        Blocking(self)
    }

    /// Polls for the next page and its JSON (what the items are read from).
    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<PageWithJson<T, E>>> {
        if self.in_flight.is_none() {
            match self.next.take() {
                None => return Poll::Ready(None),
                Some(Err(e)) => return Poll::Ready(Some(Err(e))),
                Some(Ok(req)) => {
                    let call = self.client.call(Ok(req.clone()), self.decode);
                    self.in_flight = Some((req, call));
                }
            }
        }
        let Some((_, call)) = self.in_flight.as_mut() else {
            return Poll::Ready(None);
        };
        let out = match Pin::new(call).poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(out) => out,
        };
        let sent = self.in_flight.take().map(|(s, _)| s);
        let page = match out {
            Ok(page) => page,
            Err(e) => return Poll::Ready(Some(Err(e))),
        };
        // A success body that is no JSON has no items and no next page.
        let json: Value = serde_json::from_slice(page.raw_body()).unwrap_or(Value::Null);
        self.next = match sent.map(|s| self.pagination.next_request(&s, &json)) {
            Some(Ok(next)) => next.map(Ok),
            Some(Err(why)) => Some(Err(Error::InvalidRequest(why))),
            None => None,
        };
        Poll::Ready(Some(Ok((page, json))))
    }
}

impl<T, E> Stream for Pages<'_, T, E> {
    type Item = Result<ResponseValue<T>, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut()
            .poll_page(cx)
            .map(|o| o.map(|r| r.map(|(page, _)| page)))
    }
}

/// The items of a paginated list across its pages: a [`Stream`] of `Result<I, Error<E>>`.
/// Made by a generated builder's `stream()`.
#[must_use = "a stream does nothing until polled"]
pub struct Items<'a, I, T, E> {
    pages: Pages<'a, T, E>,
    buffer: VecDeque<Value>,
    status: http::StatusCode,
    _item: PhantomData<fn() -> I>,
}

impl<I, T, E> Unpin for Items<'_, I, T, E> {}

impl<I, T, E> std::fmt::Debug for Items<'_, I, T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("buffered", &self.buffer.len())
            .finish()
    }
}

impl<I: DeserializeOwned, T, E> Items<'_, I, T, E> {
    /// The next item, or `None` after the last one (or after an error).
    pub async fn next_item(&mut self) -> Option<Result<I, Error<E>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Walks synchronously: an [`Iterator`] of items (feature `blocking`).
    #[cfg(feature = "blocking")]
    pub fn blocking(self) -> Blocking<Self> {
        Blocking(self)
    }
}

impl<I: DeserializeOwned, T, E> Stream for Items<'_, I, T, E> {
    type Item = Result<I, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.pop_front() {
                let bytes = serde_json::to_vec(&item).unwrap_or_default();
                return Poll::Ready(Some(decode_json::<I, E>(this.status, &bytes)));
            }
            match this.pages.poll_page(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Some(Ok((page, json)))) => {
                    this.status = page.status();
                    let items = this.pages.pagination.items_of(&json);
                    this.buffer.extend(items.iter().cloned());
                }
            }
        }
    }
}

fn decode_untyped(raw: RawResponse) -> Result<ResponseValue<Value>, Error<Value>> {
    if raw.status().is_success() {
        raw.json()
    } else {
        Err(raw.error_json(|v: Value| v))
    }
}

/// The untyped walk, for a command line (`--all-pages`): every page as JSON, starting with
/// `first`; a non-2xx answer is [`Error::Status`] with its JSON body (or
/// [`Error::Decode`] when it has none). `.items::<Value>()` gives the items.
pub fn json_pages<'a>(
    client: &'a Client,
    pagination: &'static Pagination,
    first: Request,
) -> Pages<'a, Value, Value> {
    Pages::new(client, pagination, Ok(first), decode_untyped)
}

/// A stream walked synchronously, as an [`Iterator`] (feature `blocking`): each `next()`
/// runs [`crate::blocking::block_on`] until the stream yields.
#[cfg(feature = "blocking")]
#[derive(Debug)]
pub struct Blocking<S>(S);

#[cfg(feature = "blocking")]
impl<S: Stream + Unpin> Iterator for Blocking<S> {
    type Item = S::Item;

    fn next(&mut self) -> Option<S::Item> {
        let stream = &mut self.0;
        crate::blocking::block_on(std::future::poll_fn(|cx| {
            Pin::new(&mut *stream).poll_next(cx)
        }))
    }
}
