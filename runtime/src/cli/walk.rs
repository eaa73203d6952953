//! The answers `call` prints as they come rather than whole: every item of a paginated list
//! across its pages (`--all-pages`, walked by [`json_pages`]) and every event of a
//! `text/event-stream` answer (read by the runtime's event reader, ending at `[DONE]`).
//! Contract: one compact JSON value per line on stdout, printed as soon as it is read (an
//! event's `data` that is not JSON is printed as a JSON string); the first error ends the walk
//! and is returned for the caller to print.

use std::io::Write;

use serde_json::Value;

use super::args::Args;
use super::call::request;
use crate::client::Client;
use crate::dispatch::OperationInfo;
use crate::error::Error;
use crate::pagination::json_pages;
use crate::response::{RawResponse, ResponseValue};

/// Prints `line` and flushes, so a reader of the pipe sees it at once.
fn emit(line: &Value) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", serde_json::to_string(line).unwrap_or_default());
    let _ = out.flush();
}

/// Walks every page of `op` (which must be paginated) and prints each item; the number of
/// items printed, or the first error.
pub(super) async fn print_all_pages(
    client: &Client,
    op: &OperationInfo,
    args: &Args,
) -> Result<usize, Error<Value>> {
    let Some(pagination) = op.pagination else {
        return Err(Error::InvalidRequest(format!(
            "`{}` is not a paginated list: --all-pages walks only the operations whose help \
             says `paginated`",
            op.name
        )));
    };
    let mut items = json_pages(client, pagination, request(client, op, args)?).items::<Value>();
    let mut count = 0;
    while let Some(item) = items.next_item().await {
        emit(&item?);
        count += 1;
    }
    Ok(count)
}

/// A non-2xx answer to an event stream's request: its JSON body as the error.
fn untyped_error(raw: RawResponse) -> Result<ResponseValue<()>, Error<Value>> {
    Err(raw.error_json(|v: Value| v))
}

/// Sends `op` asking for `text/event-stream` and prints each event's data as it arrives, up
/// to the end of the body or a `[DONE]` data line; the number of events printed, or the
/// first error.
pub(super) async fn print_events(
    client: &Client,
    op: &OperationInfo,
    args: &Args,
) -> Result<usize, Error<Value>> {
    let req = request(client, op, args).map_err(Error::from);
    let mut events = client.events(req, untyped_error, crate::sse::text);
    let mut count = 0;
    while let Some(event) = events.next().await {
        let data = event?.data;
        emit(&serde_json::from_str(&data).unwrap_or(Value::String(data)));
        count += 1;
    }
    Ok(count)
}
