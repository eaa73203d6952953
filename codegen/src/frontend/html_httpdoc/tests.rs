//! Hand-written pages in both httpdoc generations.

use serde_json::json;

use super::recover;

/// Seed 000, vendored in `specs/`.
fn seed() -> String {
    crate::frontend::seed("000_")
}

/// A complete hand-written page with every section.
fn full_page() -> String {
    page(
        "",
        "<h1 class=\"request-summary\">CreateThing</h1><p class=\"request-description\">Makes a thing.</p>",
        "<span class=\"request-line\">POST</span> <span class=\"http-target\">\\v1\\{owner}\\things</span> \
         <span class=\"http-version\">HTTP/1.1</span>&#xA;<span class=\"header-line\">host</span>: \
         <span class=\"header-value\">api.example.com:443</span>&#xA;<span class=\"header-line\">content-type</span>: \
         <span class=\"header-value\">application/json</span>&#xA;&#xA;null",
        "<dl class=\"parameters\"><h3>Parameters</h3><dt class=\"parameter\"><span class=\"parameter-name\">owner</span> [ in: \
         <span class=\"parameter-location\">path</span> type: <span class=\"parameter-type\">string</span> ]</dt>\
         <dd class=\"parameter\"><span class=\"parameter-description\">The owner.</span> <span class=\"parameter-required\">required</span></dd></dl>",
        "<section class=\"requestContent\"><h3>Request Body Schema</h3><pre class=\"schema\">{&#xA;  &quot;type&quot;: &quot;object&quot;,&#xA;  \
         &quot;properties&quot;: {&quot;n&quot;: {&quot;type&quot;: &quot;integer&quot;}}&#xA;}</pre></section>",
        "<li class=\"response\"><pre class=\"http-example\"><span class=\"status-line\">201</span> <span class=\"status-description\">Created</span>\n\
         <span class=\"header-line\">content-type</span>: <span class=\"header-value\">application/json</span>&#xA;&#xA;null</pre></li>",
    )
}

/// A page in the current (kebab-case) layout, assembled the way httpdoc writes it.
fn page(
    title: &str,
    overview: &str,
    request: &str,
    params: &str,
    body: &str,
    responses: &str,
) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title><link rel=\"stylesheet\" href=\"./OpenApi.css\"/>\
         <meta charset=\"utf-8\"/></head><body><article><section class=\"requestOverview\">{overview}</section>\
         <section class=\"http\"><h3>HTTP Request</h3><pre class=\"http-example\">{request}</pre></section>\
         {params}{body}<section class=\"responses\"><h2>Responses</h2><ul class=\"responses\">{responses}</ul>\
         </section></article></body></html>"
    )
}

fn codes(r: &super::Recovered) -> Vec<&'static str> {
    r.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn seed_page() {
    let seed = seed();
    let r = recover(&seed).unwrap();
    let op = &r.doc["paths"]["/2010-04-01/Accounts/{AccountSid}/Tokens.json"]["post"];
    assert_eq!(op["operationId"], "CreateToken");
    assert!(op.get("summary").is_none());
    assert_eq!(op["description"], "Create a new token for ICE servers");
    assert_eq!(r.doc["servers"], json!([{"url": "https://api.twilio.com"}]));
    assert_eq!(
        op["parameters"],
        json!([{
            "name": "AccountSid", "in": "path",
            "description": "The SID of the [Account](https://www.twilio.com/docs/iam/api/account) that will create the resource.",
            "required": true, "schema": {"type": "string"}
        }])
    );
    let media = &op["requestBody"]["content"]["application/x-www-form-urlencoded"];
    assert_eq!(media["schema"]["title"], "CreateTokenRequest");
    assert_eq!(media["schema"]["properties"]["Ttl"]["type"], "integer");
    assert!(media.get("example").is_none(), "`null` is no example");
    assert_eq!(
        op["responses"]["201"],
        json!({"description": "Created", "content": {"application/json": {}}})
    );
    assert!(r.doc.get("security").is_none() && op.get("security").is_none());
    assert_eq!(
        r.locations
            .get("/paths/~12010-04-01~1Accounts~1{AccountSid}~1Tokens.json/post"),
        Some(&1)
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn camel_case_generation() {
    // The older generator: camelCase classes, `<section  class=…>`, raw newlines, `../OpenApi.css`,
    // a fake eTag header, a schema encoded once, bare `<li class="response"><span class="statusLine">`.
    let text = "<!DOCTYPE html><html><head><title>Create a widget</title><link rel=\"stylesheet\" href=\"../OpenApi.css\"/></head>\n\
<body><article><section  class=\"requestOverview\"><h1  class=\"requestSummary\">Create a widget</h1>\
<p  class=\"requestDescription\">Makes <b>one</b> widget.</p></section>\n\
<section  class=\"http\"><h3>HTTP Request</h3><pre  class=\"httpExample\"><span  class=\"requestLine\">POST</span> \
<span  class=\"httpTarget\">\\shops\\{shopId}\\widgets{?dryRun}</span> <span  class=\"httpVersion\">HTTP/1.1</span>\n\
<span  class=\"headerLine\">host</span>: <span  class=\"headerValue\">api.example.com:8443</span>\n\
<span  class=\"headerLine\">eTag</span>: <span  class=\"headerValue\">\"23423432\"</span>\n\
<span  class=\"headerLine\">content-type</span>: <span  class=\"headerValue\">application/json</span>\n\
\n{ &quot;example&quot;: &quot;Example goes here&quot; }</pre></section>\n\
<dl  class=\"parameters\"><h3>Parameters</h3><dt  class=\"parameter\"><span  class=\"parameterName\">shopId</span> [ in: \
<span  class=\"parameterLocation\">path</span> type: <span  class=\"parameterType\">integer</span> ]</dt>\
<dd  class=\"parameter\"><span  class=\"parameterDescription\">The shop.</span> <span  class=\"parameterRequired\">required</span></dd>\
<dt  class=\"parameter\"><span  class=\"parameterName\">dryRun</span> [ in: <span  class=\"parameterLocation\">query</span> type: \
<span  class=\"parameterType\">boolean</span> ]</dt><dd  class=\"parameter\"><span  class=\"parameterDescription\"></span> \
<span  class=\"parameterRequired\">optional</span></dd></dl>\n\
<section  class=\"requestContent\"><h3>Request Body Schema</h3><pre  class=\"schema\">{\n  &quot;type&quot;: &quot;object&quot;,\n  \
&quot;properties&quot;: {&quot;name&quot;: {&quot;type&quot;: &quot;string&quot;, &quot;nullable&quot;: true}}\n}</pre></section>\n\
<section  class=\"responses\"><h2>Responses</h2><ul  class=\"responses\"><li  class=\"response\"><span  class=\"statusLine\">201</span> \
<span  class=\"statusDescription\">Created</span></li><li  class=\"response\"><span  class=\"statusLine\">default</span> \
<span  class=\"statusDescription\">Error</span></li></ul></section></article></body></html>\n";
    assert_eq!(
        crate::detect::detect(text).format,
        crate::detect::Format::HtmlHttpdoc
    );
    let r = recover(text).unwrap();
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(r.doc["servers"][0]["url"], "https://api.example.com:8443");
    let op = &r.doc["paths"]["/shops/{shopId}/widgets"]["post"];
    assert_eq!(op["summary"], "Create a widget");
    assert_eq!(op["description"], "Makes <b>one</b> widget.");
    assert_eq!(op["parameters"][0]["schema"], json!({"type": "integer"}));
    assert_eq!(op["parameters"][1]["name"], "dryRun");
    assert_eq!(op["parameters"][1]["required"], false);
    assert_eq!(
        op["parameters"][1]["explode"], false,
        "no `*` in the template"
    );
    assert!(op["parameters"][1].get("description").is_none());
    let media = &op["requestBody"]["content"]["application/json"];
    assert_eq!(
        media["schema"]["properties"]["name"]["type"],
        json!(["string", "null"])
    );
    assert!(
        media.get("example").is_none(),
        "the placeholder is no example"
    );
    assert_eq!(
        op["responses"],
        json!({"201": {"description": "Created"}, "default": {"description": "Error"}})
    );
    assert_eq!(r.locations.values().copied().collect::<Vec<_>>(), [3]);
}

#[test]
fn query_template_and_percent_encoded_names() {
    let text = page(
        "List calls",
        "",
        "<span class=\"request-line\">GET</span> <span class=\"http-target\">\\Accounts\\{AccountSid}\\Calls.json{?To*,StartTime%3C*,StartTime%3E*,Page%2DSize}</span> \
         <span class=\"http-version\">HTTP/1.1</span>&#xA;",
        "<dl class=\"parameters\"><h3>Parameters</h3><dt class=\"parameter\"><span class=\"parameter-name\">To</span> [ in: \
         <span class=\"parameter-location\">query</span> type: <span class=\"parameter-type\">string</span> ]</dt>\
         <dd class=\"parameter\"><span class=\"parameter-description\">Only calls to this number.</span> \
         <span class=\"parameter-required\">optional</span></dd><dt class=\"parameter\"><span class=\"parameter-name\">StartTime&lt;</span> \
         [ in: <span class=\"parameter-location\">query</span> type: <span class=\"parameter-type\">string</span> ]</dt>\
         <dd class=\"parameter\"><span class=\"parameter-description\">Before.</span> <span class=\"parameter-required\">optional</span></dd></dl>",
        "",
        "<li class=\"response\"><pre class=\"http-example\"><span class=\"status-line\">200</span> <span class=\"status-description\">OK</span>\n\
         <span class=\"header-line\">content-type</span>: <span class=\"header-value\">application/json</span>&#xA;&#xA;null</pre></li>",
    );
    let r = recover(&text).unwrap();
    let op = &r.doc["paths"]["/Accounts/{AccountSid}/Calls.json"]["get"];
    let params = op["parameters"].as_array().unwrap();
    let names: Vec<(&str, &str)> = params
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p["in"].as_str().unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            ("To", "query"),
            ("StartTime<", "query"),
            ("AccountSid", "path"),
            ("StartTime>", "query"),
            ("Page-Size", "query"),
        ]
    );
    // Listed: required known; from the template only: requiredness and type unknown.
    assert_eq!(params[0]["required"], false);
    assert!(
        params[0].get("explode").is_none(),
        "`*` is explode, the default"
    );
    assert_eq!(params[2]["required"], true);
    assert_eq!(params[3]["x-cpaas-required-unknown"], true);
    assert!(params[3].get("required").is_none());
    assert_eq!(params[3]["schema"], json!({}));
    assert_eq!(params[4]["explode"], false);
    assert_eq!(
        codes(&r),
        [
            "html_httpdoc.unlisted-path-parameter",
            "html_httpdoc.unlisted-query-parameter",
            "html_httpdoc.unlisted-query-parameter",
        ]
    );
    assert_eq!(
        r.diagnostics[1].pointer.as_deref(),
        Some("/paths/~1Accounts~1{AccountSid}~1Calls.json/get/parameters/3")
    );
    assert!(r.doc.get("servers").is_none(), "no host line, no server");
}

#[test]
fn truncated_pages_are_errors_with_positions() {
    let full = full_page();
    let full = full.as_str();
    assert!(recover(full).is_ok());
    // Cut at many points: never a panic; an error names a line and column.
    let mut errors = 0;
    for cut in (1..full.len()).step_by(37) {
        let Some(part) = full.get(..cut) else {
            continue;
        };
        match recover(part) {
            Ok(_) => panic!("truncated at {cut} but accepted"),
            Err(e) => {
                assert!(e.is_error());
                assert!(e.line >= 1 && e.col >= 1, "{e}");
                errors += 1;
            }
        }
    }
    assert!(errors > 20);
    let cut = full.find("</pre></section><dl").unwrap();
    let e = recover(full.get(..cut).unwrap()).unwrap_err();
    assert_eq!(e.code, "html_httpdoc.truncated");
    assert!(e.message.contains("<pre class=\"http-example\">"), "{e}");
    assert_eq!(e.line, 1);
    // Inside a raw description.
    let cut = full.find("The owner").unwrap();
    let e = recover(full.get(..cut).unwrap()).unwrap_err();
    assert_eq!(e.code, "html_httpdoc.unclosed-description");
}

#[test]
fn page_without_body_or_parameters() {
    let text = page(
        "Delete the thing",
        "<h1 class=\"request-summary\">Delete the thing</h1>",
        "<span class=\"request-line\">DELETE</span> <span class=\"http-target\">\\things\\{id}</span> \
         <span class=\"http-version\">HTTP/1.1</span>&#xA;<span class=\"header-line\">host</span>: \
         <span class=\"header-value\">api.example.com:80</span>&#xA;",
        "<dl class=\"parameters\"><h3>Parameters</h3><dt class=\"parameter\"><span class=\"parameter-name\">id</span> [ in: \
         <span class=\"parameter-location\">path</span> type: <span class=\"parameter-type\"></span> ]</dt>\
         <dd class=\"parameter\"><span class=\"parameter-description\"></span> <span class=\"parameter-required\">required</span></dd></dl>",
        "",
        "<li class=\"response\"><pre class=\"http-example\"><span class=\"status-line\">204</span> <span class=\"status-description\">No Content</span>\n</pre></li>",
    );
    let r = recover(&text).unwrap();
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(r.doc["servers"][0]["url"], "http://api.example.com");
    let op = &r.doc["paths"]["/things/{id}"]["delete"];
    assert!(op.get("requestBody").is_none());
    assert_eq!(
        op["parameters"][0]["schema"],
        json!({}),
        "empty type: untyped"
    );
    assert_eq!(
        op["responses"],
        json!({"204": {"description": "No Content"}})
    );
}

#[test]
fn entities_are_decoded_in_encoded_fields_only() {
    let text = page(
        "Caf&#xE9; &amp; &quot;bar&quot; &#x27;x&#x27; a&#x2B;b &eacute; &#128512;",
        "<h1 class=\"request-summary\">x</h1><p class=\"request-description\">Raw **markdown** &amp; <p>html</p> kept</p>",
        "<span class=\"request-line\">PUT</span> <span class=\"http-target\">\\a</span> <span class=\"http-version\">HTTP/1.1</span>&#xA;\
         <span class=\"header-line\">content-type</span>: <span class=\"header-value\">application/json</span>&#xA;&#xA;\
         {&#xA;  &quot;note&quot;: &quot;caf&#xE9; &#x2B;1&quot;&#xA;}",
        "",
        "<section class=\"requestContent\"><h3>Request Body Schema</h3><pre class=\"schema\">{&quot;type&quot;: &quot;object&quot;, \
         &quot;properties&quot;: {&quot;note&quot;: {&quot;type&quot;: &quot;string&quot;, &quot;pattern&quot;: &quot;^[a-z]&#x2B;$&quot;, \
         &quot;enum&quot;: [&quot;&#x27;q&#x27;&quot;]}}}</pre></section>",
        "<li class=\"response\"><pre class=\"http-example\"><span class=\"status-line\">200</span> <span class=\"status-description\">It&#x27;s &lt;OK&gt;</span>\n</pre></li>",
    );
    let r = recover(&text).unwrap();
    let op = &r.doc["paths"]["/a"]["put"];
    assert_eq!(op["summary"], "Café & \"bar\" 'x' a+b é 😀");
    assert_eq!(op["description"], "Raw **markdown** &amp; <p>html</p> kept");
    let media = &op["requestBody"]["content"]["application/json"];
    assert_eq!(media["example"], json!({"note": "café +1"}));
    assert_eq!(media["schema"]["properties"]["note"]["pattern"], "^[a-z]+$");
    assert_eq!(
        media["schema"]["properties"]["note"]["enum"],
        json!(["'q'"])
    );
    assert_eq!(op["responses"]["200"]["description"], "It's <OK>");
    assert_eq!(
        r.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(),
        ["html_httpdoc.summary-mismatch"]
    );
}

#[test]
fn accept_media_types_are_placed_after_their_response() {
    let text = page(
        "",
        "<h1 class=\"request-summary\">getReport</h1>",
        "<span class=\"request-line\">GET</span> <span class=\"http-target\">\\report</span> <span class=\"http-version\">HTTP/1.1</span>&#xA;\
         <span class=\"header-line\">accept</span>: <span class=\"header-value\">application/json,text/csv,application/problem+json</span>&#xA;",
        "",
        "",
        "<li class=\"response\"><pre class=\"http-example\"><span class=\"status-line\">200</span> <span class=\"status-description\">OK</span>\n\
         <span class=\"header-line\">content-type</span>: <span class=\"header-value\">application/json</span>&#xA;&#xA;[1, 2]</pre></li>\
         <li class=\"response\"><pre class=\"http-example\"><span class=\"status-line\">4XX</span> <span class=\"status-description\">Bad</span>\n\
         <span class=\"header-line\">content-type</span>: <span class=\"header-value\">application/problem+json</span>&#xA;&#xA;null</pre></li>",
    );
    let r = recover(&text).unwrap();
    let op = &r.doc["paths"]["/report"]["get"];
    assert_eq!(op["operationId"], "getReport");
    assert_eq!(
        op["responses"],
        json!({
            "200": {"description": "OK", "content": {"application/json": {"example": [1, 2]}, "text/csv": {}}},
            "4XX": {"description": "Bad", "content": {"application/problem+json": {}}}
        })
    );
    assert_eq!(codes(&r), ["html_httpdoc.accept-media-type-guessed"]);
}

#[test]
fn malformed_pages_are_errors() {
    let e = recover("<html><body>nothing here</body></html>").unwrap_err();
    assert_eq!(e.code, "html_httpdoc.no-request");
    let full = full_page();
    let bad_method = full.replace(">POST<", ">FETCH<");
    let e = recover(&bad_method).unwrap_err();
    assert_eq!(e.code, "html_httpdoc.bad-method");
    assert_eq!(e.line, 1);
    assert!(e.col > 1);
    let bad_schema = full.replace(
        "&quot;type&quot;: &quot;object&quot;,",
        "&quot;type&quot; &quot;object&quot;,",
    );
    let e = recover(&bad_schema).unwrap_err();
    assert_eq!(e.code, "html_httpdoc.bad-schema");
    // Garbage never panics.
    for junk in [
        "",
        "<",
        "</",
        "<pre class=\"http-example\">",
        "&#xFFFFFFFF;<<>>",
        "<dd class=parameter-description>",
    ] {
        assert!(recover(junk).is_err());
    }
}

#[test]
fn hostile_input_is_bounded_and_never_panics() {
    let deep = "<div>".repeat(100_000);
    let e = recover(&deep).unwrap_err();
    assert_eq!(e.code, "html_httpdoc.too-deep");

    // Deterministic mutations of a full page: cut, duplicate, or inject markup at pseudo-random
    // places. Each one must give a document or an error with a position, never a panic.
    let base = full_page().into_bytes();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    };
    let injections: [&[u8]; 6] = [
        b"<",
        b"</span>",
        b"&#x",
        b"<pre class=\"http-example\">",
        b"</p></section>",
        b"\n",
    ];
    for _ in 0..1500 {
        let mut b = base.clone();
        for _ in 0..1 + next(3) {
            let at = next(b.len());
            match next(3) {
                0 => {
                    let end = (at + next(40)).min(b.len());
                    b.drain(at..end);
                }
                1 => {
                    let end = (at + next(60)).min(b.len());
                    let chunk = b[at..end].to_vec();
                    b.splice(at..at, chunk);
                }
                _ => {
                    let inj = injections[next(injections.len())];
                    b.splice(at..at, inj.iter().copied());
                }
            }
        }
        let text = String::from_utf8_lossy(&b);
        if let Err(e) = recover(&text) {
            assert!(e.is_error() && e.line >= 1, "{e}");
        }
    }
}
