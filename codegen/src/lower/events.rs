//! `text/event-stream` success answers (server-sent events) into an [`ir::EventStream`]: how
//! each event's `data` reads, for the `events()` method of the operation's builder. Contract:
//! the schema of one event is the media type's `itemSchema` (OpenAPI 3.2) or its `schema`. A
//! schema of the event itself (properties among `data`, `event`, `id`, `retry`, with `data`)
//! gives its `data`'s: a `contentSchema` (3.1, with a JSON `contentMediaType` or none) or the
//! `data` property's own schema. A string schema, or none, reads the data as text; anything
//! else as JSON of the schema's type. The answer's other media types are left to `send()`.
//!
//! [`ir::EventStream`]: crate::ir::EventStream

use serde_json::Value;

use super::helpers::str_of;
use super::state::{Doc, Lowerer};
use crate::ir::{EventStream, ResponseBody};

/// Whether a media type is `text/event-stream` (parameters ignored).
pub(super) fn is_event_stream(media_type: &str) -> bool {
    media_type
        .split(';')
        .next()
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("text/event-stream"))
}

/// The names an event object's properties may have (the SSE fields).
const EVENT_FIELDS: [&str; 4] = ["data", "event", "id", "retry"];

impl Lowerer {
    /// The event stream of a success answer `resp` (a response object), if it documents one;
    /// types made for the data are named from `hint`.
    pub(super) fn event_stream(
        &mut self,
        doc: &Doc,
        resp: &Value,
        hint: &str,
    ) -> Option<EventStream> {
        let content = resp.get("content").and_then(Value::as_object)?;
        let (ct, media) = content.iter().find(|(ct, _)| is_event_stream(ct))?;
        let schema = media.get("itemSchema").or_else(|| media.get("schema"));
        let data = match schema {
            None => ResponseBody::Text,
            Some(s) => self.event_data(doc, s, hint),
        };
        Some(EventStream {
            media_type: ct.clone(),
            data,
        })
    }

    fn event_data(&mut self, doc: &Doc, schema: &Value, hint: &str) -> ResponseBody {
        let resolved = self.deref_value(doc, schema);
        let data = resolved
            .get("properties")
            .and_then(Value::as_object)
            .filter(|p| {
                p.contains_key("data") && p.keys().all(|k| EVENT_FIELDS.contains(&k.as_str()))
            })
            .and_then(|p| p.get("data"));
        let schema = match data {
            Some(raw) => {
                // The `$ref` itself when there is one, so a named schema keeps its name.
                let d = self.deref_value(doc, raw);
                let json_content = str_of(d, "contentMediaType")
                    .is_none_or(|m| m.to_ascii_lowercase().contains("json"));
                match d.get("contentSchema") {
                    Some(inner) if json_content => inner,
                    _ => raw,
                }
            }
            None => schema,
        };
        let resolved = self.deref_value(doc, schema);
        let is_string = match resolved.get("type") {
            Some(Value::String(t)) => t == "string",
            Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
            _ => false,
        };
        let empty = resolved.as_object().is_none_or(|o| o.is_empty());
        if is_string || empty {
            ResponseBody::Text
        } else {
            ResponseBody::Json(self.schema_type(doc, schema, hint))
        }
    }
}
