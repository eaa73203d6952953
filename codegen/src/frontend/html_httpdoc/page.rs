//! From the event list of [`super::scan`] to the fields of one httpdoc page.
//!
//! Elements are recognised by their (normalised) class, never by position, so both httpdoc
//! generations are read by the same code: the current one (kebab-case classes, responses as
//! `<li class="response"><pre class="http-example">…`) and the older one (camelCase classes,
//! `<section  class=…>`, raw newlines, bare `<li class="response"><span class="statusLine">`).

use super::scan::Event;
use crate::diag::Diagnostic;

/// A text field of the page with the byte offset where its element starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Field {
    /// The decoded text.
    pub text: String,
    /// Byte offset of the element's start tag.
    pub at: usize,
}

/// An HTTP message example (`pre.http-example`): the classed spans in order and the text after
/// the last of them (the body example).
#[derive(Debug, Clone, Default)]
pub(crate) struct Message {
    /// `(class, field)` for every classed span, in order.
    pub fields: Vec<(String, Field)>,
    /// Text after the last span (headers end with a blank line, then the body example).
    pub tail: String,
    /// Byte offset of the message element.
    pub at: usize,
}

impl Message {
    /// The first field of `class`.
    pub fn field(&self, class: &str) -> Option<&Field> {
        self.fields.iter().find(|(c, _)| c == class).map(|(_, f)| f)
    }

    /// `(name, value)` header pairs: each `header-line` with the `header-value` after it.
    pub fn headers(&self) -> Vec<(&Field, Option<&Field>)> {
        let mut out = Vec::new();
        let mut it = self.fields.iter().peekable();
        while let Some((class, f)) = it.next() {
            if class == "header-line" {
                let value = match it.peek() {
                    Some((c, v)) if c == "header-value" => {
                        it.next();
                        Some(v)
                    }
                    _ => None,
                };
                out.push((f, value));
            }
        }
        out
    }
}

/// One `dt.parameter` + `dd.parameter` pair.
#[derive(Debug, Clone, Default)]
pub(crate) struct ParamRow {
    /// `parameter-name`.
    pub name: Option<Field>,
    /// `parameter-location`.
    pub location: Option<Field>,
    /// `parameter-type`.
    pub ty: Option<Field>,
    /// Raw `parameter-description`.
    pub description: Option<String>,
    /// `parameter-required` (`required` / `optional`).
    pub required: Option<Field>,
    /// Byte offset of the row.
    pub at: usize,
}

/// Everything the page shows.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    /// `<title>` text.
    pub title: Option<Field>,
    /// `h1.request-summary` text.
    pub summary: Option<Field>,
    /// Raw `p.request-description`.
    pub description: Option<String>,
    /// The request example (`section.http pre.http-example`).
    pub request: Option<Message>,
    /// Parameter rows.
    pub params: Vec<ParamRow>,
    /// `pre.schema` text and whether a `section.request-content` was present.
    pub schema: Option<Field>,
    /// Offset of `section.request-content`, when present.
    pub request_content: Option<usize>,
    /// One message per `li.response`.
    pub responses: Vec<Message>,
}

/// Span classes whose text is a field of a message or a parameter row.
const FIELD_CLASSES: [&str; 12] = [
    "request-line",
    "http-target",
    "http-version",
    "header-line",
    "header-value",
    "status-line",
    "status-description",
    "parameter-name",
    "parameter-location",
    "parameter-type",
    "parameter-required",
    "request-summary",
];

/// Elements that never have an end tag.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param",
];

/// Open elements allowed at once. httpdoc pages nest less than ten deep (raw descriptions are
/// cut out before tokenizing); the bound keeps the per-tag stack scans linear on hostile input.
const MAX_OPEN: usize = 256;

#[derive(Debug)]
struct Open {
    name: String,
    classes: Vec<String>,
    at: usize,
    /// What closing this element finishes.
    role: Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    None,
    Title,
    Field,
    Schema,
    Request,
    Response,
}

#[derive(Debug)]
struct Capture {
    class: String,
    text: String,
    at: usize,
}

/// Reads the page's fields from its events. `text` is the page, for positions in errors.
pub(crate) fn read(text: &str, events: &[Event]) -> Result<Page, Diagnostic> {
    let mut page = Page::default();
    let mut stack: Vec<Open> = Vec::new();
    let mut capture: Option<Capture> = None;
    let mut message: Option<Message> = None;
    let mut schema: Option<Field> = None;
    let mut title: Option<Field> = None;

    for ev in events {
        match ev {
            Event::Start {
                name,
                classes,
                self_closing,
                at,
            } => {
                let has = |c: &str| classes.iter().any(|x| x == c);
                let inside = |c: &str| stack.iter().any(|o| o.classes.iter().any(|x| x == c));
                let mut role = Role::None;
                if name == "title" && title.is_none() {
                    role = Role::Title;
                    title = Some(Field {
                        text: String::new(),
                        at: *at,
                    });
                } else if has("response") && name == "li" && message.is_none() {
                    role = Role::Response;
                    message = Some(Message {
                        at: *at,
                        ..Default::default()
                    });
                } else if has("http-example")
                    && message.is_none()
                    && !inside("responses")
                    && page.request.is_none()
                {
                    role = Role::Request;
                    message = Some(Message {
                        at: *at,
                        ..Default::default()
                    });
                } else if has("schema") && name == "pre" && inside("request-content") {
                    role = Role::Schema;
                    schema = Some(Field {
                        text: String::new(),
                        at: *at,
                    });
                } else if has("request-content") {
                    page.request_content.get_or_insert(*at);
                } else if name == "dt" && has("parameter") {
                    page.params.push(ParamRow {
                        at: *at,
                        ..Default::default()
                    });
                } else if name == "dd" && has("parameter") {
                    if page.params.last().is_none_or(|p| p.required.is_some()) {
                        // A `dd` without its `dt`: a row with no name (reported later).
                        page.params.push(ParamRow {
                            at: *at,
                            ..Default::default()
                        });
                    }
                } else if let Some(class) = FIELD_CLASSES.iter().find(|c| has(c)) {
                    if capture.is_none() {
                        role = Role::Field;
                        capture = Some(Capture {
                            class: (*class).to_string(),
                            text: String::new(),
                            at: *at,
                        });
                    }
                }
                if !*self_closing && !VOID.contains(&name.as_str()) {
                    if stack.len() >= MAX_OPEN {
                        return Err(Diagnostic::error(
                            "html_httpdoc.too-deep",
                            format!(
                                "more than {MAX_OPEN} nested open elements at <{name}>: expected an \
                                 httpdoc page (its elements nest less than ten deep)"
                            ),
                        )
                        .at_offset(text, *at));
                    }
                    stack.push(Open {
                        name: name.clone(),
                        classes: classes.clone(),
                        at: *at,
                        role,
                    });
                }
            }
            Event::Text { text: t, .. } => {
                if let Some(c) = capture.as_mut() {
                    c.text.push_str(t);
                } else if stack.last().is_some_and(|o| o.role == Role::Title) {
                    if let Some(f) = title.as_mut() {
                        f.text.push_str(t);
                    }
                } else if let Some(f) = schema.as_mut().filter(|_| in_role(&stack, Role::Schema)) {
                    f.text.push_str(t);
                } else if let Some(m) = message.as_mut() {
                    m.tail.push_str(t);
                }
            }
            Event::Raw { text: raw, .. } => {
                let in_class = |c: &str| {
                    stack
                        .last()
                        .is_some_and(|o| o.classes.iter().any(|x| x == c))
                };
                if in_class("request-description") {
                    page.description.get_or_insert_with(|| raw.clone());
                } else if in_class("parameter-description") {
                    if let Some(row) = page.params.last_mut() {
                        row.description = Some(raw.clone());
                    }
                }
            }
            Event::End { name, .. } => {
                let Some(idx) = stack.iter().rposition(|o| &o.name == name) else {
                    continue;
                };
                for open in stack.drain(idx..).rev() {
                    match open.role {
                        Role::Field => {
                            if let Some(c) = capture.take() {
                                finish_field(&mut page, message.as_mut(), c);
                            }
                        }
                        Role::Title => {}
                        Role::Schema => {
                            page.schema = schema.take();
                        }
                        Role::Request => {
                            page.request = message.take();
                        }
                        Role::Response => {
                            if let Some(m) = message.take() {
                                page.responses.push(m);
                            }
                        }
                        Role::None => {}
                    }
                }
            }
        }
    }
    if let Some(open) = stack.last() {
        let class = open
            .classes
            .first()
            .map(|c| format!(" class=\"{c}\""))
            .unwrap_or_default();
        let (l, c) = crate::diag::line_col(text, open.at);
        return Err(Diagnostic::error(
            "html_httpdoc.truncated",
            format!(
                "the page ends inside <{}{class}> opened at {l}:{c}: expected `</{}>` and the \
                 rest of the page (is the file truncated?)",
                open.name, open.name
            ),
        )
        .at_offset(text, text.len()));
    }
    page.title = title;
    Ok(page)
}

fn in_role(stack: &[Open], role: Role) -> bool {
    stack.iter().any(|o| o.role == role)
}

fn finish_field(page: &mut Page, message: Option<&mut Message>, c: Capture) {
    let field = Field {
        text: c.text,
        at: c.at,
    };
    match c.class.as_str() {
        "request-summary" => {
            page.summary.get_or_insert(field);
        }
        "parameter-name" | "parameter-location" | "parameter-type" | "parameter-required" => {
            if page.params.is_empty() {
                page.params.push(ParamRow {
                    at: field.at,
                    ..Default::default()
                });
            }
            if let Some(row) = page.params.last_mut() {
                let slot = match c.class.as_str() {
                    "parameter-name" => &mut row.name,
                    "parameter-location" => &mut row.location,
                    "parameter-type" => &mut row.ty,
                    _ => &mut row.required,
                };
                slot.get_or_insert(field);
            }
        }
        _ => {
            if let Some(m) = message {
                m.fields.push((c.class, field));
                // The tail is what follows the *last* span.
                m.tail.clear();
            }
        }
    }
}
