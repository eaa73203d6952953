//! The `text/event-stream` parser (WHATWG HTML, "Server-sent events", §9.2.6): bytes in, in
//! chunks split anywhere (inside a line, a CRLF pair or a UTF-8 sequence), [`RawEvent`]s out.
//! Contract: lines end at CR, LF or CRLF; a line is decoded (lossy UTF-8) only once complete;
//! one leading byte-order mark is dropped; `:` lines are comments; `data` lines are joined
//! with `\n`; `event`, `id` (ignored when it holds NUL; it persists across events) and `retry`
//! (ASCII digits only) are kept; other fields are ignored; an event is dispatched at a blank
//! line, and only when it has data; an unfinished event at the end of the stream is dropped.
//! A line longer than the limit is refused rather than buffered without bound.

use std::time::Duration;

/// One event as the stream gives it: the text of its fields, nothing decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEvent {
    /// The `event:` field (`None` when absent: the format's default type, `message`).
    pub event: Option<String>,
    /// The last event ID seen in the stream so far (`id:` persists across events).
    pub id: Option<String>,
    /// The `retry:` field, in milliseconds, when this event set it.
    pub retry: Option<Duration>,
    /// The `data:` lines, joined with `\n`.
    pub data: String,
}

/// The parser's state between chunks.
#[derive(Debug)]
pub(crate) struct Parser {
    /// Bytes of the line being read (no line end yet).
    line: Vec<u8>,
    /// The previous chunk ended with CR: a leading LF of the next one belongs to it.
    after_cr: bool,
    /// Still at the very start of the stream (a byte-order mark may come).
    at_start: bool,
    data: String,
    has_data: bool,
    event: Option<String>,
    retry: Option<Duration>,
    last_id: Option<String>,
    max_line: usize,
}

/// A line longer than the parser accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineTooLong(pub(crate) usize);

impl Parser {
    /// A parser refusing lines (and events' data) longer than `max_line` bytes.
    pub(crate) fn new(max_line: usize) -> Self {
        Parser {
            line: Vec::new(),
            after_cr: false,
            at_start: true,
            data: String::new(),
            has_data: false,
            event: None,
            retry: None,
            last_id: None,
            max_line,
        }
    }

    /// Feeds one chunk; appends every event it completes to `out`.
    pub(crate) fn push(
        &mut self,
        mut chunk: &[u8],
        out: &mut Vec<RawEvent>,
    ) -> Result<(), LineTooLong> {
        if chunk.is_empty() {
            return Ok(());
        }
        if self.after_cr {
            self.after_cr = false;
            if let Some(rest) = chunk.strip_prefix(b"\n") {
                chunk = rest;
            }
        }
        while let Some(end) = chunk.iter().position(|&b| b == b'\r' || b == b'\n') {
            self.line.extend_from_slice(&chunk[..end]);
            self.check_len()?;
            let line = std::mem::take(&mut self.line);
            self.line(&line, out)?;
            let crlf = chunk[end] == b'\r';
            chunk = &chunk[end + 1..];
            if crlf {
                match chunk.first() {
                    Some(b'\n') => chunk = &chunk[1..],
                    Some(_) => {}
                    None => self.after_cr = true,
                }
            }
        }
        self.line.extend_from_slice(chunk);
        self.check_len()
    }

    fn check_len(&self) -> Result<(), LineTooLong> {
        if self.line.len() > self.max_line || self.data.len() > self.max_line {
            return Err(LineTooLong(self.max_line));
        }
        Ok(())
    }

    /// One complete line (without its end).
    fn line(&mut self, bytes: &[u8], out: &mut Vec<RawEvent>) -> Result<(), LineTooLong> {
        let mut bytes = bytes;
        if std::mem::take(&mut self.at_start) {
            bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        }
        if bytes.is_empty() {
            self.dispatch(out);
            return Ok(());
        }
        if bytes[0] == b':' {
            return Ok(());
        }
        let text = String::from_utf8_lossy(bytes);
        let (field, value) = match text.split_once(':') {
            Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
            None => (&*text, ""),
        };
        match field {
            "data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.has_data = true;
                self.data.push_str(value);
                self.check_len()?;
            }
            "event" => self.event = Some(value.to_owned()),
            "id" if !value.contains('\0') => self.last_id = Some(value.to_owned()),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                if let Ok(ms) = value.parse::<u64>() {
                    self.retry = Some(Duration::from_millis(ms));
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn dispatch(&mut self, out: &mut Vec<RawEvent>) {
        let event = self.event.take().filter(|e| !e.is_empty());
        let retry = self.retry.take();
        if !std::mem::take(&mut self.has_data) {
            return;
        }
        out.push(RawEvent {
            event,
            id: self.last_id.clone().filter(|i| !i.is_empty()),
            retry,
            data: std::mem::take(&mut self.data),
        });
    }
}
