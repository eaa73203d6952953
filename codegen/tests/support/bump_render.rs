//! Test-only renderers from an OpenAPI 3.0 operation into the two Bump.sh page formats
//! (docs/formats.md §6 `bump_md`, §7 `text_dump`), and the facts each format carries, so the
//! frontends can be checked by rendering real operations and reading them back.

#![allow(dead_code)]

use serde_json::{Value, json};

/// Follows `$ref`s (`#/components/...`), ignoring siblings as OpenAPI 3.0 (and Bump.sh) do.
pub fn resolve<'a>(spec: &'a Value, mut s: &'a Value) -> &'a Value {
    for _ in 0..32 {
        let Some(r) = s.get("$ref").and_then(Value::as_str) else {
            return s;
        };
        match r.strip_prefix('#').and_then(|p| spec.pointer(p)) {
            Some(t) => s = t,
            None => return s,
        }
    }
    s
}

/// The types a schema names: OpenAPI 3.0's `type` string, or a 3.1 type array.
pub fn type_names(s: &Value) -> Vec<&str> {
    match s.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// The Bump.sh type string of a schema: `string(date-time) | null`, `array[object]`, `` (untyped).
/// A 3.1 type array is written as its alternatives (`string | integer | null`).
pub fn type_string(spec: &Value, s: &Value) -> String {
    let s = resolve(spec, s);
    let types = type_names(s);
    let nullable = s.get("nullable") == Some(&json!(true)) || types.contains(&"null");
    let alts: Vec<String> = types
        .iter()
        .filter(|t| **t != "null")
        .map(|&t| {
            if t == "array" {
                match s.get("items").map(|i| type_string(spec, i)) {
                    Some(it) if !it.is_empty() => format!("array[{it}]"),
                    _ => "array".to_string(),
                }
            } else {
                match s.get("format").and_then(Value::as_str) {
                    Some(f) => format!("{t}({f})"),
                    None => t.to_string(),
                }
            }
        })
        .collect();
    let mut base = alts.join(" | ");
    if nullable {
        base.push_str(if base.is_empty() { "null" } else { " | null" });
    }
    base
}

/// The object schema whose properties a field lists (itself, or its array's items), resolved.
pub fn props_owner<'a>(spec: &'a Value, s: &'a Value) -> Option<&'a Value> {
    let s = resolve(spec, s);
    match type_names(s).contains(&"array") {
        true => props_owner(spec, s.get("items")?),
        false => s
            .get("properties")
            .and_then(Value::as_object)
            .filter(|p| !p.is_empty())
            .map(|_| s),
    }
}

/// `CreateNewKey` -> `Create new key`; `accountSid_authToken` -> `Account sid auth token`.
pub fn humanize(id: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in id.chars() {
        if c == '_' || c == '-' || c == ' ' {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
        } else if c.is_uppercase() && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
            cur.push(c);
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    let s = words.join(" ").to_lowercase();
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => s,
    }
}

fn non_empty(v: Option<&Value>) -> Option<&str> {
    v.and_then(Value::as_str).filter(|s| !s.trim().is_empty())
}

fn title(op: &Value) -> String {
    non_empty(op.get("summary"))
        .or_else(|| non_empty(op.get("description")))
        .map(str::to_string)
        .unwrap_or_else(|| humanize(op["operationId"].as_str().unwrap_or("")))
}

fn params<'a>(spec: &'a Value, path_item: &'a Value, op: &'a Value) -> Vec<&'a Value> {
    let mut out = Vec::new();
    for src in [path_item.get("parameters"), op.get("parameters")] {
        for p in src.and_then(Value::as_array).into_iter().flatten() {
            out.push(resolve(spec, p));
        }
    }
    out
}

fn servers<'a>(spec: &'a Value, path_item: &'a Value, op: &'a Value) -> Vec<&'a Value> {
    [
        op.get("servers"),
        path_item.get("servers"),
        spec.get("servers"),
    ]
    .into_iter()
    .flatten()
    .filter_map(Value::as_array)
    .find(|a| !a.is_empty())
    .map(|a| a.iter().collect())
    .unwrap_or_default()
}

fn security_keys(spec: &Value, op: &Value) -> Vec<String> {
    let req = op.get("security").or_else(|| spec.get("security"));
    let mut out = Vec::new();
    for r in req.and_then(Value::as_array).into_iter().flatten() {
        for k in r.as_object().into_iter().flat_map(|o| o.keys()) {
            if !out.contains(k) {
                out.push(k.clone());
            }
        }
    }
    out
}

fn first_media(content: Option<&Value>) -> Option<(&String, &Value)> {
    content
        .and_then(Value::as_object)
        .and_then(|c| c.iter().next())
}

fn example_of(media: &Value) -> Option<&Value> {
    media.get("example").or_else(|| {
        media
            .get("examples")
            .and_then(Value::as_object)
            .and_then(|e| e.values().next())
            .and_then(|e| e.get("value"))
    })
}

// ---------------------------------------------------------------- bump_md

/// Renders one operation as a Bump.sh Markdown page, line breaks kept.
pub fn render_bump_md(spec: &Value, path: &str, method: &str) -> String {
    let pi = &spec["paths"][path];
    let op = &pi[method];
    let mut o = String::new();
    o += &format!(
        "# {}\n\n**{} {}**\n\n",
        title(op),
        method.to_uppercase(),
        path
    );
    for d in [
        non_empty(op.get("description")),
        non_empty(pi.get("description")),
    ]
    .into_iter()
    .flatten()
    {
        o += &format!("{d}\n\n");
    }
    let ss = servers(spec, pi, op);
    if !ss.is_empty() {
        o += "## Servers\n\n";
        for s in ss {
            let url = s["url"].as_str().unwrap_or("");
            let desc = non_empty(s.get("description")).unwrap_or(url);
            o += &format!("- {desc}: {url} ()\n");
        }
        o += "\n";
    }
    let keys = security_keys(spec, op);
    if !keys.is_empty() {
        o += "## Authentication methods\n\n";
        for k in keys {
            o += &format!("- {}\n", humanize(&k));
        }
        o += "\n";
    }
    let ps = params(spec, pi, op);
    let body = first_media(
        op.get("requestBody")
            .and_then(|b| resolve(spec, b).get("content")),
    );
    if !ps.is_empty() || body.is_some() {
        o += "## Parameters\n\n";
        for (loc, label) in [
            ("path", "Path parameters"),
            ("query", "Query parameters"),
            ("header", "Headers"),
            ("cookie", "Cookies"),
        ] {
            let here: Vec<&&Value> = ps.iter().filter(|p| p["in"] == loc).collect();
            if here.is_empty() {
                continue;
            }
            o += &format!("### {label}\n\n");
            for p in here {
                md_item(
                    spec,
                    &mut o,
                    p["name"].as_str().unwrap_or(""),
                    &p["schema"],
                    p.get("description"),
                    0,
                );
            }
            o += "\n";
        }
        if let Some((mt, media)) = body {
            md_body(spec, &mut o, "###", mt, media);
        }
    }
    o += "## Responses\n\n";
    for (code, r) in op["responses"].as_object().into_iter().flatten() {
        let r = resolve(spec, r);
        o += &format!(
            "### {code}\n{}\n\n",
            r["description"].as_str().unwrap_or("")
        );
        if let Some(hs) = r
            .get("headers")
            .and_then(Value::as_object)
            .filter(|h| !h.is_empty())
        {
            o += "#### Headers\n\n";
            for (name, h) in hs {
                let h = resolve(spec, h);
                md_item(spec, &mut o, name, &h["schema"], h.get("description"), 0);
            }
            o += "\n";
        }
        if let Some((mt, media)) = first_media(r.get("content")) {
            md_body(spec, &mut o, "####", mt, media);
        }
    }
    o += "[Powered by Bump.sh](https://bump.sh)\n";
    o
}

fn md_body(spec: &Value, o: &mut String, level: &str, mt: &str, media: &Value) {
    let schema = media.get("schema").unwrap_or(&Value::Null);
    *o += &format!("{level} Body: {mt} ({})\n\n", type_string(spec, schema));
    if let Some(d) = non_empty(resolve(spec, schema).get("description")) {
        *o += &format!("{d}\n\n");
    }
    md_children(spec, o, schema, 0);
    *o += "\n";
}

fn md_children(spec: &Value, o: &mut String, schema: &Value, indent: usize) {
    // 17 levels, two spaces each (cyclic schemas end here).
    if indent > 32 {
        return;
    }
    if let Some(owner) = props_owner(spec, schema) {
        for (name, p) in owner["properties"].as_object().into_iter().flatten() {
            let desc = resolve(spec, p).get("description").or(p.get("description"));
            md_item(spec, o, name, p, desc, indent);
        }
    }
}

fn md_item(
    spec: &Value,
    o: &mut String,
    name: &str,
    schema: &Value,
    desc: Option<&Value>,
    indent: usize,
) {
    let pad = " ".repeat(indent);
    *o += &format!("{pad}- **{name}** ({})\n", type_string(spec, schema));
    if let Some(d) = non_empty(desc) {
        for line in d.lines() {
            *o += &format!("{pad}  {}\n", line.trim());
        }
    }
    md_children(spec, o, schema, indent + 2);
}

/// Every whitespace run to one space, as the crawler did to seed 003.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------- text_dump

/// Newline bookkeeping of a block-level text dump: between two blocks as many line breaks as
/// the larger of the first's trailing and the second's leading requirement (2 = paragraph,
/// 1 = list item or line).
struct Blocks {
    out: String,
    pending: Option<usize>,
}

impl Blocks {
    fn push(&mut self, lead: usize, text: &str, trail: usize) {
        if let Some(p) = self.pending {
            self.out += &"\n".repeat(p.max(lead));
        }
        self.out += text;
        self.pending = Some(trail);
    }
}

/// `Add MCP server … Close` chrome of newer Bump.sh pages: (API display name, MCP URL).
pub type Chrome<'a> = Option<(&'a str, &'a str)>;

/// Renders one operation as the plain text of its Bump.sh HTML page.
pub fn render_text_dump(spec: &Value, path: &str, method: &str, chrome: Chrome<'_>) -> String {
    let pi = &spec["paths"][path];
    let op = &pi[method];
    let mut b = Blocks {
        out: String::new(),
        pending: None,
    };
    b.push(2, &title(op), 2);
    if let Some((name, url)) = chrome {
        for p in [
            "Add MCP server to your AI tool",
            "Allow AI tools and LLMs to interact with the API documentation portal through MCP.",
            "MCP server URL",
            url,
            "Standard setup for AI tools providing an mcp.json file",
        ] {
            b.push(2, p, 2);
        }
        b.push(1, "mcp.json", 1);
        b.push(
            1,
            &format!("\"{name} MCP server\": {{\n  \"url\": \"{url}\"\n}}"),
            1,
        );
        b.push(1, "Close", 1);
    }
    let method_line = format!("{} {}", method.to_uppercase(), path);
    b.push(1, &method_line, 1);
    for d in [
        non_empty(pi.get("description")),
        non_empty(op.get("description")),
    ]
    .into_iter()
    .flatten()
    {
        for p in paragraphs(d) {
            b.push(2, &p, 2);
        }
    }
    let body = first_media(
        op.get("requestBody")
            .and_then(|r| resolve(spec, r).get("content")),
    );
    if let Some((mt, _)) = body {
        b.push(1, mt, 1);
    }
    let ps = params(spec, pi, op);
    for (loc, label) in [
        ("header", "Headers"),
        ("path", "Path parameters"),
        ("query", "Query parameters"),
        ("cookie", "Cookies"),
    ] {
        let here: Vec<&&Value> = ps.iter().filter(|p| p["in"] == loc).collect();
        if here.is_empty() {
            continue;
        }
        b.push(2, label, 2);
        for p in here {
            let req = p.get("required") == Some(&json!(true));
            td_field(
                spec,
                &mut b,
                p["name"].as_str().unwrap_or(""),
                &p["schema"],
                p.get("description"),
                req,
                0,
            );
        }
    }
    if let Some((_, media)) = body {
        b.push(2, "Body", 2);
        let schema = media.get("schema").unwrap_or(&Value::Null);
        if let Some(d) = non_empty(resolve(spec, schema).get("description")) {
            for p in paragraphs(d) {
                b.push(2, &p, 2);
            }
        }
        td_children(spec, &mut b, schema, 0);
    }
    b.push(2, "Responses", 2);
    for (code, r) in op["responses"].as_object().into_iter().flatten() {
        let r = resolve(spec, r);
        let media = first_media(r.get("content"));
        let head = match media {
            Some((mt, _)) => format!("  • {code} {mt}"),
            None => format!("  • {code}"),
        };
        b.push(1, &head, 1);
        if let Some(d) = non_empty(r.get("description")) {
            for p in paragraphs(d) {
                b.push(2, &format!("    {p}"), 2);
            }
        }
        if let Some(hs) = r
            .get("headers")
            .and_then(Value::as_object)
            .filter(|h| !h.is_empty())
        {
            b.push(1, "    Hide headers attributes Show headers attributes", 1);
            for (name, h) in hs {
                let h = resolve(spec, h);
                td_field(
                    spec,
                    &mut b,
                    name,
                    &h["schema"],
                    h.get("description"),
                    false,
                    1,
                );
            }
        }
        if let Some((_, m)) = media {
            if let Some(s) = m.get("schema") {
                b.push(
                    1,
                    &format!(
                        "    Hide response attributes Show response attributes {}",
                        type_string(spec, s)
                    ),
                    1,
                );
                td_children(spec, &mut b, s, 1);
            }
        }
    }
    b.push(1, &method_line, 1);
    // curl
    let server = servers(spec, pi, op)
        .first()
        .and_then(|s| s["url"].as_str())
        .unwrap_or("")
        .to_string();
    // Credentials as Bump.sh's curl sample shows them: `--user` for basic, an `Authorization:
    // Bearer` header for bearer and OAuth 2, the key's own header, or the key in the query.
    let mut query = String::new();
    let mut auth_lines: Vec<String> = Vec::new();
    for k in security_keys(spec, op) {
        let s = &spec["components"]["securitySchemes"][&k];
        let line = match (s["type"].as_str(), s["scheme"].as_str(), s["in"].as_str()) {
            (Some("http"), Some(sc), _) if sc.eq_ignore_ascii_case("basic") => {
                " --user \"username:password\"".to_string()
            }
            (Some("http"), Some(sc), _) if sc.eq_ignore_ascii_case("bearer") => {
                " --header \"Authorization: Bearer $ACCESS_TOKEN\"".to_string()
            }
            (Some("oauth2" | "openIdConnect"), _, _) => {
                " --header \"Authorization: Bearer $ACCESS_TOKEN\"".to_string()
            }
            (Some("apiKey"), _, Some("header")) => {
                format!(
                    " --header \"{}: $API_KEY\"",
                    s["name"].as_str().unwrap_or("")
                )
            }
            (Some("apiKey"), _, Some("query")) => {
                query.push(if query.is_empty() { '?' } else { '&' });
                query += &format!("{}=$API_KEY", s["name"].as_str().unwrap_or(""));
                continue;
            }
            _ => continue,
        };
        if !auth_lines.contains(&line) {
            auth_lines.push(line);
        }
    }
    let mut lines = vec![
        "curl".to_string(),
        format!(
            " --request {} '{server}{path}{query}'",
            method.to_uppercase()
        ),
    ];
    lines.extend(auth_lines);
    for p in ps.iter().filter(|p| p["in"] == "header") {
        let s = resolve(spec, &p["schema"]);
        let v = p
            .get("example")
            .or_else(|| s.get("enum").and_then(|e| e.get(0)))
            .map(scalar_text)
            .unwrap_or_else(|| s["type"].as_str().unwrap_or("string").to_string());
        lines.push(format!(
            " --header \"{}: {v}\"",
            p["name"].as_str().unwrap_or("")
        ));
    }
    let req_example = body.and_then(|(mt, m)| example_of(m).map(|e| (mt, e)));
    if let Some((mt, _)) = body {
        lines.push(format!(" --header \"Content-Type: {mt}\""));
    }
    if let Some((mt, ex)) = req_example {
        let data = if mt.contains("json") {
            serde_json::to_string(ex).unwrap_or_default()
        } else {
            form_data(ex)
        };
        lines.push(format!(" --data '{data}'"));
    }
    let n = lines.len();
    let curl: Vec<String> = lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| if i + 1 < n { format!("{l} \\") } else { l })
        .collect();
    b.push(1, &curl.join("\n"), 1);
    let mut ends_with_curl = true;
    if let Some((mt, ex)) = req_example {
        b.push(1, "Request example", 1);
        let text = if mt.contains("json") {
            serde_json::to_string_pretty(ex).unwrap_or_default()
        } else {
            ruby_inspect(ex)
        };
        b.push(1, &text, 1);
        ends_with_curl = false;
    }
    for (code, r) in op["responses"].as_object().into_iter().flatten() {
        let r = resolve(spec, r);
        if let Some(ex) = first_media(r.get("content")).and_then(|(_, m)| example_of(m)) {
            b.push(1, &format!("Response examples ({code})"), 1);
            b.push(1, &serde_json::to_string_pretty(ex).unwrap_or_default(), 1);
            ends_with_curl = false;
        }
    }
    if ends_with_curl {
        b.out.push('\n');
    }
    b.out
}

fn td_children(spec: &Value, b: &mut Blocks, schema: &Value, depth: usize) {
    if depth > 16 {
        return;
    }
    if let Some(owner) = props_owner(spec, schema) {
        let required: Vec<&Value> = owner
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().collect())
            .unwrap_or_default();
        for (name, p) in owner["properties"].as_object().into_iter().flatten() {
            let desc = resolve(spec, p).get("description").or(p.get("description"));
            let req = required.contains(&&json!(name));
            td_field(spec, b, name, p, desc, req, depth);
        }
    }
}

fn td_field(
    spec: &Value,
    b: &mut Blocks,
    name: &str,
    schema: &Value,
    desc: Option<&Value>,
    required: bool,
    depth: usize,
) {
    let ind = " ".repeat(2 + 2 * depth);
    let sub = " ".repeat(4 + 2 * depth);
    let ty = type_string(spec, schema);
    let mut head = format!("{ind}• {name}");
    if !ty.is_empty() {
        head = format!("{head} {ty}");
    }
    let s = resolve(spec, schema);
    if required {
        head += " Required";
    }
    if s.get("deprecated") == Some(&json!(true)) {
        head += " Deprecated";
    }
    b.push(1, &head, 1);
    if let Some(d) = non_empty(desc) {
        for p in paragraphs(d) {
            b.push(2, &format!("{sub}{p}"), 2);
        }
    }
    let enum_src = if type_names(s).contains(&"array") {
        resolve(spec, &s["items"])
    } else {
        s
    };
    if let Some(vals) = enum_src.get("enum").and_then(Value::as_array) {
        let v: Vec<String> = vals.iter().map(scalar_text).collect();
        let sentence = match v.as_slice() {
            [] => String::new(),
            [a] => format!("Value is {a}."),
            [a, c] => format!("Values are {a} or {c}."),
            [init @ .., last] => format!("Values are {}, or {last}.", init.join(", ")),
        };
        if !sentence.is_empty() {
            b.push(2, &format!("{sub}{sentence}"), 2);
        }
    }
    let mut cs: Vec<String> = Vec::new();
    for (lo, hi, word) in [
        ("minLength", "maxLength", "length"),
        ("minimum", "maximum", "value"),
    ] {
        match (s.get(lo), s.get(hi)) {
            (Some(a), Some(c)) => cs.push(format!("Minimum {word} is {a}, maximum {word} is {c}.")),
            (Some(a), None) => cs.push(format!("Minimum {word} is {a}.")),
            (None, Some(c)) => cs.push(format!("Maximum {word} is {c}.")),
            (None, None) => {}
        }
    }
    if let Some(d) = s.get("default") {
        cs.push(format!("Default value is {}.", scalar_text(d)));
    }
    if let Some(p) = s.get("pattern").and_then(Value::as_str) {
        cs.push(format!("Format should match the following pattern: {p}."));
    }
    if !cs.is_empty() {
        b.push(2, &format!("{sub}{}", cs.join(" ")), 2);
    }
    if props_owner(spec, schema).is_some() {
        b.push(
            1,
            &format!("{sub}Hide {name} attributes Show {name} attributes object"),
            1,
        );
        td_children(spec, b, schema, depth + 1);
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Markdown description to the text a browser shows: links lose their URL, code and bold lose
/// their markers, soft line breaks become spaces; blank lines separate paragraphs.
fn paragraphs(md: &str) -> Vec<String> {
    md.split("\n\n")
        .map(|p| {
            let mut t = String::new();
            let mut rest = p;
            while let Some(open) = rest.find('[') {
                let Some(mid) = rest[open..].find("](").map(|m| open + m) else {
                    break;
                };
                let Some(close) = rest[mid..].find(')').map(|c| mid + c) else {
                    break;
                };
                t += &rest[..open];
                t += &rest[open + 1..mid];
                rest = &rest[close + 1..];
            }
            t += rest;
            t.replace("**", "")
                .replace('`', "")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect()
}

fn form_data(ex: &Value) -> String {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    };
    let mut pairs = Vec::new();
    for (k, v) in ex.as_object().into_iter().flatten() {
        match v {
            Value::Array(xs) => pairs.extend(
                xs.iter()
                    .map(|x| format!("{}={}", enc(k), enc(&scalar_text(x)))),
            ),
            other => pairs.push(format!("{}={}", enc(k), enc(&scalar_text(other)))),
        }
    }
    pairs.join("&")
}

/// Ruby (< 3.4) `Hash#inspect` of a JSON value: `{"Type"=>"apn", "N"=>nil}`.
fn ruby_inspect(v: &Value) -> String {
    match v {
        Value::Null => "nil".into(),
        Value::String(s) => serde_json::to_string(s)
            .unwrap_or_default()
            .replace("#{", "\\#{"),
        Value::Array(xs) => format!(
            "[{}]",
            xs.iter().map(ruby_inspect).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, v)| format!("{}=>{}", ruby_inspect(&json!(k)), ruby_inspect(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}
