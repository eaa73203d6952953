//! `multipart/form-data` request bodies (RFC 7578), encoded by hand: a [`Form`] of named
//! [`Part`]s (text fields, files, JSON values), sent with [`Body::multipart`].
//!
//! Contract:
//! * parts are written in the order they were added; a name added twice is two parts (how
//!   arrays are sent);
//! * every part has `Content-Disposition: form-data; name="…"` (and `; filename="…"` for a
//!   part with a file name); in both, `"` is sent as `%22`, CR as `%0D` and LF as `%0A` (RFC
//!   7578 §4.2 and the HTML standard's form encoding); other characters, non-ASCII ones
//!   included, are sent as UTF-8 as they are;
//! * a text part has no `Content-Type` (RFC 7578 §4.4: `text/plain` is implied) unless one was
//!   given; a file part's `Content-Type` is the one given, else a default the operation states,
//!   else one guessed from a few common file name extensions, else `application/octet-stream`;
//! * the boundary is random and checked not to occur in any part (headers or content); the
//!   body is encoded once, so every retry re-sends exactly the same bytes;
//! * a header name or value (content type, file name excepted) with CR, LF or another control
//!   character makes the body fail with [`Error::InvalidRequest`] before anything is sent.
//!
//! Files are read when the [`Part`] is made ([`Part::file`]), not when the request is sent:
//! a missing file is an `io::Error` where the caller names it, nothing blocks inside the
//! async send, and retries need the same bytes in memory anyway.

use std::path::Path;

use serde::Serialize;

use crate::error::Error;
use crate::request::Body;

/// One part of a [`Form`]: its content, and optionally a file name, a content type and extra
/// headers. `Debug` shows the content's length, never the content.
#[derive(Clone)]
pub struct Part {
    data: Vec<u8>,
    file: bool,
    file_name: Option<String>,
    content_type: Option<String>,
    default_type: Option<String>,
    headers: Vec<(String, String)>,
}

impl std::fmt::Debug for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Part")
            .field("len", &self.data.len())
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field(
                "headers",
                &self.headers.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Part {
    fn new(data: Vec<u8>, file: bool) -> Part {
        Part {
            data,
            file,
            file_name: None,
            content_type: None,
            default_type: None,
            headers: Vec::new(),
        }
    }

    /// A text field's part (no `Content-Type` unless [`Part::content_type`] sets one).
    pub fn text(value: impl Into<String>) -> Part {
        Part::new(value.into().into_bytes(), false)
    }

    /// A file's part from bytes in memory; give it a [`file_name`](Part::file_name), which
    /// most servers need to treat it as a file.
    pub fn bytes(data: impl Into<Vec<u8>>) -> Part {
        Part::new(data.into(), true)
    }

    /// A file's part read from `path` now (see the module docs for why not at send time),
    /// named after the path's last component.
    pub fn file(path: impl AsRef<Path>) -> std::io::Result<Part> {
        let path = path.as_ref();
        let mut part = Part::bytes(std::fs::read(path)?);
        part.file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        Ok(part)
    }

    /// A JSON value's part, `Content-Type: application/json` (OpenAPI's default for an object
    /// property of a multipart body).
    pub fn json<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Part> {
        Ok(Part::new(serde_json::to_vec(value)?, false).content_type("application/json"))
    }

    /// Sets the file name sent as `filename="…"`.
    pub fn file_name(mut self, name: impl Into<String>) -> Part {
        self.file_name = Some(name.into());
        self
    }

    /// Sets the part's `Content-Type`.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Part {
        self.content_type = Some(content_type.into());
        self
    }

    /// The `Content-Type` sent when none was set with [`Part::content_type`] (generated code
    /// passes the one the API's `encoding` object states).
    pub fn default_content_type(mut self, content_type: impl Into<String>) -> Part {
        self.default_type = Some(content_type.into());
        self
    }

    /// Adds a header to the part (after `Content-Disposition` and `Content-Type`).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Part {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The `Content-Type` this part is sent with, if any.
    fn sent_type(&self) -> Option<&str> {
        let explicit = self
            .content_type
            .as_deref()
            .or(self.default_type.as_deref());
        if explicit.is_some() || !self.file {
            return explicit;
        }
        let guessed = self.file_name.as_deref().and_then(guess_type);
        Some(guessed.unwrap_or("application/octet-stream"))
    }
}

/// The content type of a few common file name extensions; `None` for any other.
fn guess_type(file_name: &str) -> Option<&'static str> {
    let (_, ext) = file_name.rsplit_once('.')?;
    Some(match ext.to_ascii_lowercase().as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "json" => "application/json",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "mp4" => "video/mp4",
        _ => return None,
    })
}

/// A `multipart/form-data` body being built: named parts, in order.
#[derive(Clone, Debug, Default)]
pub struct Form {
    parts: Vec<(String, Part)>,
}

impl Form {
    /// An empty form.
    pub fn new() -> Form {
        Form::default()
    }

    /// Adds a text field.
    pub fn text(self, name: impl Into<String>, value: impl Into<String>) -> Form {
        self.part(name, Part::text(value))
    }

    /// Adds a part; adding the same name again sends another part (an array's items).
    pub fn part(mut self, name: impl Into<String>, part: Part) -> Form {
        self.parts.push((name.into(), part));
        self
    }

    /// Adds `value` as a JSON part, or fails with [`Error::InvalidRequest`].
    pub fn json<T: Serialize + ?Sized, E>(
        self,
        name: impl Into<String>,
        value: &T,
    ) -> Result<Form, Error<E>> {
        let name = name.into();
        let part = Part::json(value).map_err(|e| {
            Error::InvalidRequest(format!(
                "the multipart field {name:?} does not serialize: {e}"
            ))
        })?;
        Ok(self.part(name, part))
    }

    /// The head of each part (delimiter excepted), or why a header cannot be sent.
    fn heads(&self) -> Result<Vec<String>, String> {
        self.parts
            .iter()
            .map(|(name, part)| {
                let mut head = format!("Content-Disposition: form-data; name=\"{}\"", quote(name));
                if let Some(file) = &part.file_name {
                    head.push_str(&format!("; filename=\"{}\"", quote(file)));
                }
                head.push_str("\r\n");
                let ct = part.sent_type().map(|ct| ("Content-Type", ct));
                let extra = part.headers.iter().map(|(n, v)| (n.as_str(), v.as_str()));
                for (n, v) in ct.into_iter().chain(extra) {
                    let bad_name =
                        n.is_empty() || !n.bytes().all(|b| b.is_ascii_graphic() && b != b':');
                    if bad_name || v.chars().any(|c| c.is_control() && c != '\t') {
                        return Err(format!(
                            "the multipart field {name:?} has a header {n:?} that cannot be sent \
                             (an invalid name, or CR, LF or another control character in its value)"
                        ));
                    }
                    head.push_str(&format!("{n}: {v}\r\n"));
                }
                Ok(head)
            })
            .collect()
    }

    /// The encoded body and its boundary, with the first boundary from `boundaries` that
    /// occurs nowhere in the parts.
    fn encode_with(
        &self,
        mut boundaries: impl FnMut() -> String,
    ) -> Result<(String, Vec<u8>), String> {
        let heads = self.heads()?;
        let boundary = loop {
            let b = boundaries();
            let occurs = heads.iter().any(|h| h.contains(&b))
                || self
                    .parts
                    .iter()
                    .any(|(_, p)| contains(&p.data, b.as_bytes()));
            if !occurs {
                break b;
            }
        };
        let size: usize = heads.iter().map(String::len).sum::<usize>()
            + self.parts.iter().map(|(_, p)| p.data.len()).sum::<usize>()
            + (boundary.len() + 8) * (self.parts.len() + 1);
        let mut out = Vec::with_capacity(size);
        for (head, (_, part)) in heads.iter().zip(&self.parts) {
            out.extend_from_slice(format!("--{boundary}\r\n{head}\r\n").as_bytes());
            out.extend_from_slice(&part.data);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        Ok((boundary, out))
    }
}

/// A name or file name inside `"…"`: `"` as `%22`, CR as `%0D`, LF as `%0A`.
fn quote(s: &str) -> String {
    s.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A random boundary: `cpaas-` and 32 letters and digits.
fn random_boundary() -> String {
    let mut b = String::from("cpaas-");
    b.extend(std::iter::repeat_with(fastrand::alphanumeric).take(32));
    b
}

impl Body {
    /// Encodes `form` as `multipart/form-data` (RFC 7578) with a random boundary that occurs
    /// in no part; the `Content-Type` names the boundary. The bytes are kept, so retries
    /// re-send them unchanged.
    pub fn multipart<E>(form: Form) -> Result<Body, Error<E>> {
        let (boundary, data) = form
            .encode_with(random_boundary)
            .map_err(Error::InvalidRequest)?;
        Ok(Body::Bytes {
            content_type: format!("multipart/form-data; boundary={boundary}"),
            data,
        })
    }
}

#[cfg(test)]
mod tests;
