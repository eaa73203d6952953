//! [`call`]: one operation called from its table row, compiled once for every operation of
//! every generated client. The request is built from the row (path template, flags with their
//! location, wire name and kind, body media type) and the flags' text, sent through the same
//! [`Client`] as the typed builders (base URL, auth, retries, tracing), and the answer is read
//! as JSON: a documented success status is an [`Output`], a documented error status is
//! [`Error::Status`] holding `{"Variant": body}`, any other status is
//! [`Error::UnexpectedStatus`]. Hooks for other answers (pages, event streams) belong beside
//! [`decode`], which sees the operation and the raw answer.

use serde_json::{Map, Value};

use super::args::Args;
use super::value::{flag_value, parse_file};
use crate::client::Client;
use crate::dispatch::{
    BodyKind, CallResult, FlagInfo, FlagKind, OperationInfo, Output, body_value,
};
use crate::error::Error;
use crate::multipart::{Form, Part};
use crate::request::{Body, Request, encode_path};
use crate::response::RawResponse;

/// Calls `op` on `client` with the flags in `args` (kebab-case names, as the table has them).
///
/// Flag values are checked against their kind before anything is sent ([`flag_value`]);
/// required parameters and body fields must be given (path parameters may come from the
/// client's [`path_default`](Client::path_default)); flags the table does not name are left
/// unread ([`Args::unused`] lists them).
pub async fn call(client: &Client, op: &OperationInfo, args: &Args) -> CallResult {
    let request = request(client, op, args)?;
    let raw = client.execute::<Value>(request).await?;
    decode(op, raw)
}

/// The values given for `flag`: every one for a repeated flag, else the last.
fn given<'a>(flag: &FlagInfo, args: &'a Args) -> Vec<&'a str> {
    if flag.repeated {
        args.get_all(flag.name)
    } else {
        args.get(flag.name).into_iter().collect()
    }
}

/// The flag's values as JSON: an array for a repeated flag, else the one value.
fn json_of(flag: &FlagInfo, raw: &[&str]) -> Result<Option<Value>, Error<()>> {
    let values = raw
        .iter()
        .map(|r| flag_value(flag, r))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(match (flag.repeated, values.is_empty()) {
        (_, true) => None,
        (true, false) => Some(Value::Array(values)),
        (false, false) => values.into_iter().next(),
    })
}

/// A value as it goes into a path segment, query string or header.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        v => v.to_string(),
    }
}

/// The request of `op` with the flags in `args`, or why it cannot be sent.
pub(super) fn request(
    client: &Client,
    op: &OperationInfo,
    args: &Args,
) -> Result<Request, Error<()>> {
    let method = http::Method::from_bytes(op.method.as_bytes())
        .map_err(|_| Error::InvalidRequest(format!("bad HTTP method {:?}", op.method)))?;
    let path = fill_path(client, op, args)?;
    let mut request = Request::new(op.id, method, op.path, path);
    for flag in op.flags {
        if flag.location == "path" || flag.location == "body" {
            continue;
        }
        let raw = given(flag, args);
        if raw.is_empty() && flag.required {
            return Err(Error::validation(
                flag.wire,
                "a required parameter is missing",
            ));
        }
        let values = raw
            .iter()
            .map(|r| flag_value(flag, r).map(|v| text(&v)))
            .collect::<Result<Vec<_>, _>>()?;
        match flag.location {
            "query" if !flag.join.is_empty() && !values.is_empty() => {
                request = request.query(flag.wire, values.join(flag.join));
            }
            "query" => {
                for v in values {
                    request = request.query(flag.wire, v);
                }
            }
            "header" => {
                for v in values {
                    request = request.header(flag.wire, v);
                }
            }
            _ => {
                for v in values {
                    request = request.header("Cookie", format!("{}={v}", flag.wire));
                }
            }
        }
    }
    let Some(body) = op.body else {
        return Ok(request);
    };
    if !body.fields {
        if body.required {
            return Err(Error::validation("body", "a request body is required"));
        }
        return Ok(request);
    }
    let fields = op.flags.iter().filter(|f| f.location == "body");
    match body.kind {
        BodyKind::Multipart => {
            let mut form = Form::new();
            for flag in fields {
                form = add_parts(form, flag, &given(flag, args))?;
            }
            Ok(request.body(Body::multipart(form)?))
        }
        kind => {
            let mut map = Map::new();
            for flag in fields {
                match json_of(flag, &given(flag, args))? {
                    Some(v) => {
                        map.insert(flag.wire.to_owned(), v);
                    }
                    None if flag.required => {
                        return Err(Error::validation(
                            flag.wire,
                            "a required body field is missing",
                        ));
                    }
                    None => {}
                }
            }
            let value = Value::Object(map);
            let standard = matches!(
                body.content_type.to_ascii_lowercase().as_str(),
                "application/json" | "application/x-www-form-urlencoded"
            );
            request = request.body(if kind == BodyKind::Form {
                Body::form(&value)?
            } else {
                Body::json(&value)?
            });
            if !standard {
                request = request.header("Content-Type", body.content_type);
            }
            Ok(request)
        }
    }
}

/// The path of `op` with its parameters filled from the flags (or the client's defaults) and
/// percent-encoded; a placeholder no flag names stays as it is.
fn fill_path(client: &Client, op: &OperationInfo, args: &Args) -> Result<String, Error<()>> {
    let mut out = String::with_capacity(op.path.len());
    let mut rest = op.path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        let flag = op
            .flags
            .iter()
            .find(|f| f.location == "path" && f.wire == name);
        match flag {
            Some(flag) => {
                let value = match args.get(flag.name) {
                    Some(raw) => text(&flag_value(flag, raw)?),
                    None => client
                        .path_default(name)
                        .map(str::to_owned)
                        .ok_or_else(|| {
                            Error::validation(flag.wire, "a required path parameter is missing")
                        })?,
                };
                out.push_str(&encode_path(&value));
            }
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The parts of one multipart field: a file part per file flag value, a text part per scalar,
/// a JSON part per JSON value; the `encoding` object's content type and headers on each.
fn add_parts(mut form: Form, flag: &FlagInfo, raw: &[&str]) -> Result<Form, Error<()>> {
    if raw.is_empty() && flag.required && !flag.ty.ends_with(" or null") {
        return Err(Error::validation(
            flag.wire,
            "a required body field is missing",
        ));
    }
    for r in raw {
        let mut part = match flag.kind {
            FlagKind::File => parse_file(flag.name, r)?,
            FlagKind::Json => {
                let v = flag_value(flag, r)?;
                Part::json(&v).map_err(|e| {
                    Error::InvalidRequest(format!(
                        "the multipart field {:?} does not serialize: {e}",
                        flag.wire
                    ))
                })?
            }
            _ => Part::text(text(&flag_value(flag, r)?)),
        };
        if !flag.part_content_type.is_empty() {
            part = part.default_content_type(flag.part_content_type);
        }
        for (name, value) in flag.part_headers {
            part = part.header(*name, *value);
        }
        form = form.part(flag.wire, part);
    }
    Ok(form)
}

/// The answer by status: exact codes first, then classes (`4XX`), then `default`.
fn decode(op: &OperationInfo, raw: RawResponse) -> CallResult {
    let code = raw.status().as_u16();
    let exact = code.to_string();
    let class = format!("{}XX", code / 100);
    let found = [exact.as_str(), class.as_str(), "default"]
        .iter()
        .find_map(|s| op.responses.iter().find(|r| r.status == *s));
    match found {
        None => Err(raw.unexpected()),
        Some(r) if r.variant.is_empty() => Ok(Output {
            status: code,
            request_id: crate::response::value::request_id_of(raw.headers()).map(str::to_owned),
            body: body_value(raw.body()),
        }),
        Some(r) => {
            let body = body_value(raw.body());
            let mut named = Map::new();
            named.insert(r.variant.to_owned(), body);
            Err(raw.error_text(|_| Value::Object(named)))
        }
    }
}
