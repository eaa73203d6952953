//! `host`, `basePath` and `schemes` into `servers`: one server per scheme (`https` first),
//! `{scheme}://{host}{basePath}`. Without `host` the API is served by the host serving the
//! document (as Swagger 2.0 says), so the server is the relative `basePath` (`/` if none);
//! without `schemes`, `https` is assumed, with a warning.

use serde_json::{Map, Value};

use super::context::{Ctx, strings};

/// The `servers` list of the 2.0 document `root`.
pub(super) fn servers(cx: &mut Ctx, root: &Value) -> Vec<Value> {
    let base = root.get("basePath").and_then(Value::as_str).unwrap_or("");
    let base = if base.is_empty() || base.starts_with('/') {
        base.to_string()
    } else {
        format!("/{base}")
    };
    let server = |url: String| {
        let mut m = Map::new();
        m.insert("url".into(), Value::String(url));
        Value::Object(m)
    };
    let Some(host) = root
        .get("host")
        .and_then(Value::as_str)
        .filter(|h| !h.is_empty())
    else {
        let url = if base.is_empty() { "/".into() } else { base };
        return vec![server(url)];
    };
    let mut schemes: Vec<String> = strings(root.get("schemes"))
        .unwrap_or_default()
        .into_iter()
        .filter(|s| matches!(s.as_str(), "http" | "https"))
        .collect();
    if schemes.is_empty() {
        cx.warn(
            "swagger2.scheme-assumed",
            "/host",
            format!(
                "no `schemes` (or none of http, https) for host `{host}`: https is assumed \
                 (expected `schemes: [https]`)"
            ),
        );
        schemes.push("https".into());
    }
    // The generated client uses the first server: prefer the secure one.
    schemes.sort_by_key(|s| s != "https");
    schemes.dedup();
    schemes
        .into_iter()
        .map(|s| server(format!("{s}://{host}{base}")))
        .collect()
}
