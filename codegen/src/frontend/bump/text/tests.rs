//! Unit tests of the text reader: seed 004, the corpus page with UI chrome, duplicates and
//! nameless bullets, descriptions without their owner, sentences, Ruby hashes, located errors
//! and arbitrary input.

use serde_json::{Map, json};

use super::examples::example_value;
use super::recover;
use super::sentences::{Raw, constraints, enum_values};
use crate::frontend::recovered::Recovered;

const CORPUS: &str =
    "corpus/pages/text_dump/twilio_conversations_deleteServiceConversationMessage.txt";

fn rec(t: &str) -> Recovered {
    match recover(t) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn seed_004() {
    let t = crate::frontend::seed("004_");
    let r = rec(&t);
    let op = &r.doc["paths"]["/v2/Credentials"]["post"];
    assert_eq!(op["summary"], "Create credential");
    let media = &op["requestBody"]["content"]["application/x-www-form-urlencoded"];
    assert_eq!(media["schema"]["required"], json!(["Type"]));
    assert_eq!(
        media["schema"]["properties"]["Type"],
        json!({"type": "string", "enum": ["gcm", "apn", "fcm"]})
    );
    assert_eq!(media["example"], json!({"Type": "apn"}));
    let resp = &op["responses"]["201"]["content"]["application/json"];
    assert_eq!(
        resp["schema"]["properties"]["sid"],
        json!({"type": ["string", "null"], "minLength": 34, "maxLength": 34, "pattern": "^CR[0-9a-fA-F]{32}$"})
    );
    assert_eq!(
        resp["schema"]["properties"]["date_created"],
        json!({"type": ["string", "null"], "format": "date-time"})
    );
    assert_eq!(resp["example"]["sandbox"], "False");
    assert_eq!(
        op["responses"]["201"]["headers"].as_object().map(Map::len),
        Some(5)
    );
    assert_eq!(
        r.doc["servers"],
        json!([{"url": "https://ip-messaging.twilio.com"}])
    );
    assert_eq!(op["security"], json!([{"basicAuth": []}]));
    assert_eq!(r.locations.get("/paths/~1v2~1Credentials/post"), Some(&3));
}

/// Text after the method line that does not end with the title is the operation's, every
/// paragraph of it, without a warning: the page does not say whether the operation or its path
/// item owns it, and the generated code is the same either way.
#[test]
fn descriptions_not_ending_with_the_title_are_the_operations() {
    let t = crate::frontend::seed("004_").replacen(
        "POST /v2/Credentials\n",
        "POST /v2/Credentials\nCredentials of a push service.\n\nMakes one: the type, then the secret.\n\n",
        1,
    );
    let r = rec(&t);
    let item = &r.doc["paths"]["/v2/Credentials"];
    assert_eq!(
        item["post"]["description"],
        "Credentials of a push service.\n\nMakes one: the type, then the secret."
    );
    assert!(item.get("description").is_none());
    assert!(
        r.diagnostics
            .iter()
            .all(|d| !d.code.contains("description")),
        "{:?}",
        r.diagnostics
    );
    // The request media type after them is still the body's.
    assert!(
        item["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"].is_object()
    );
}

#[test]
fn corpus_page_with_chrome() {
    let Some(t) = crate::frontend::read_shared(CORPUS) else {
        return;
    };
    let r = rec(&t);
    let path = "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Messages/{Sid}";
    let item = &r.doc["paths"][path];
    let op = &item["delete"];
    assert_eq!(op["summary"], "Remove a message from the conversation");
    assert_eq!(op["description"], "Remove a message from the conversation");
    assert_eq!(
        item["description"],
        "A Service Message resource represents a message in a conversation within a specific service."
    );
    let ps = op["parameters"].as_array().cloned().unwrap_or_default();
    let names: Vec<(&str, &str, bool)> = ps
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap_or(""),
                p["in"].as_str().unwrap_or(""),
                p["required"] == true,
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("X-Twilio-Webhook-Enabled", "header", false),
            ("ChatServiceSid", "path", true),
            ("ConversationSid", "path", true),
            ("Sid", "path", true)
        ]
    );
    assert_eq!(ps[0]["schema"]["enum"], json!(["true", "false"]));
    assert_eq!(ps[3]["schema"]["pattern"], "^IM[0-9a-fA-F]{32}$");
    assert_eq!(
        op["responses"]["204"],
        json!({"description": "The resource was deleted successfully."})
    );
    assert_eq!(
        r.doc["servers"][0]["url"],
        "https://conversations.twilio.com"
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn duplicates_and_nameless_bullets_are_flagged() {
    let t = "List calls\n\nGET /Calls.json\n\nQuery parameters\n\n  • StartTime string(date-time)\n  \
• StartTime string(date-time)\n  • Only shown when you filter\n\nResponses\n\n  • 200 application/json\n\n    OK\n\n    \
Hide response attributes Show response attributes object\n    • calls array[object]\n\n      \
Hide calls attributes Show calls attributes object\n      • sid string Required\n      • sid string\n";
    let r = rec(t);
    let op = &r.doc["paths"]["/Calls.json"]["get"];
    assert_eq!(op["parameters"].as_array().map(Vec::len), Some(2));
    let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            "text_dump.duplicate-name",
            "text_dump.nameless-bullet",
            "text_dump.duplicate-name"
        ]
    );
    let items = &op["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["calls"]
        ["items"];
    assert_eq!(items["required"], json!(["sid"]));
    assert_eq!(items["x-cpaas-duplicate-properties"][0]["name"], "sid");
    assert_eq!(r.diagnostics[1].line, 9);
}

#[test]
fn sentences() {
    assert_eq!(
        enum_values("Values are a, b, or c."),
        Some(vec!["a".into(), "b".into(), "c".into()])
    );
    assert_eq!(
        enum_values("Values are a or b."),
        Some(vec!["a".into(), "b".into()])
    );
    assert_eq!(enum_values("Value is a."), Some(vec!["a".into()]));
    assert_eq!(enum_values("Values are nice."), None);
    let c = constraints("Minimum value is 1, maximum value is 50. Default value is 0.").map(|v| {
        v.into_iter()
            .map(|(k, r)| match r {
                Raw::Num(n) => format!("{k}={n}"),
                Raw::Text(t) => format!("{k}:{t}"),
            })
            .collect::<Vec<_>>()
    });
    assert_eq!(
        c,
        Some(vec![
            "minimum=1".into(),
            "maximum=50".into(),
            "default:0".into()
        ])
    );
    assert!(constraints("Minimum value for this timer is 1 minute.").is_none());
    let p = constraints("Format should match the following pattern: ^a.b$.");
    assert!(matches!(p.as_deref(), Some([("pattern", Raw::Text(t))]) if t == "^a.b$"));
}

#[test]
fn ruby_hashes() {
    assert_eq!(
        example_value(r#"{"Type"=>"apn", "N"=>nil, "A"=>["x", 1, true], "S"=>"a\"b\#{c}"}"#),
        Some(json!({"Type": "apn", "N": null, "A": ["x", 1, true], "S": "a\"b#{c}"}))
    );
    assert_eq!(example_value(r#"{"k" => "v"}"#), Some(json!({"k": "v"})));
    assert_eq!(example_value("{\"a\"=>\"unterminated}"), None);
}

#[test]
fn bad_input_is_a_located_error() {
    let e = recover("Title\n\nBody\n\n  • a string\n").err();
    assert!(e.is_some_and(|e| e.code == "text_dump.no-method" && e.line == 1));
    let mut deep = String::from("T\n\nPOST /a\n\nBody\n\n");
    for d in 0..200 {
        deep.push_str(&" ".repeat(2 + 2 * d));
        deep.push_str("• a object\n");
    }
    let e = recover(&deep).err();
    assert!(e.is_some_and(|e| e.code == "text_dump.too-deep" && e.line > 40));
}

#[test]
fn arbitrary_input_never_panics() {
    let pieces = [
        "GET /a\n",
        "Responses\n",
        "Body\n",
        "  • ",
        "x string",
        " Required",
        "\n",
        "    ",
        "Hide x attributes Show x attributes object\n",
        "Values are a or b.\n",
        "Minimum length is 3",
        ", maximum length is",
        ".",
        "curl \\\n",
        " --data '",
        "\"",
        "Request example\n",
        "{\"a\"=>",
        "Response examples (200)\n",
        "é",
        "201 application/json\n",
    ];
    let mut seed = 11u64;
    for _ in 0..3000 {
        let mut t = String::new();
        for _ in 0..16 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        let _ = recover(&t);
    }
}

/// A text page with an `Authentication methods` section holding `methods` (bullet lines) and a
/// curl command with `curl_auth` (continuation lines, may be empty).
fn auth_page(methods: &str, curl_auth: &str) -> String {
    format!(
        "Get a\n\nGET /a\n\nAuthentication methods\n\n{methods}\nResponses\n\n  • 204\n\n    \
         No content\n\nGET /a\ncurl \\\n --request GET 'https://api.example.com/a'{curl_auth}\n"
    )
}

fn auth_warnings(r: &Recovered) -> Vec<(Option<String>, usize, usize)> {
    r.diagnostics
        .iter()
        .filter(|d| d.code == "text_dump.auth-type-unknown")
        .map(|d| (d.pointer.clone(), d.line, d.col))
        .collect()
}

#[test]
fn a_named_method_no_sample_types_is_kept_with_a_warning() {
    let r = rec(&auth_page("  • Account sid auth token\n", ""));
    let op = &r.doc["paths"]["/a"]["get"];
    assert_eq!(op["security"], json!([{"accountSidAuthToken": []}]));
    assert_eq!(
        r.doc["components"]["securitySchemes"]["accountSidAuthToken"],
        json!({"x-cpaas-scheme-type-unknown": true, "description": "Account sid auth token"})
    );
    assert_eq!(
        auth_warnings(&r),
        [(
            Some("/components/securitySchemes/accountSidAuthToken".to_string()),
            7,
            3
        )]
    );
}

#[test]
fn the_curl_command_types_the_named_method() {
    let r = rec(&auth_page(
        "  • Account sid auth token\n",
        " \\\n --user \"username:password\"",
    ));
    assert!(auth_warnings(&r).is_empty(), "{:?}", r.diagnostics);
    assert_eq!(
        r.doc["components"]["securitySchemes"]["accountSidAuthToken"],
        json!({"type": "http", "scheme": "basic", "description": "Account sid auth token"})
    );
}

#[test]
fn curl_credentials_without_names_are_the_alternatives() {
    let r = rec(&auth_page(
        "",
        " \\\n --user \"username:password\" \\\n --header \"Authorization: Bearer $TOKEN\"",
    ));
    let op = &r.doc["paths"]["/a"]["get"];
    assert_eq!(
        op["security"],
        json!([{"basicAuth": []}, {"bearerAuth": []}])
    );
    assert_eq!(
        r.doc["components"]["securitySchemes"]["bearerAuth"],
        json!({"type": "http", "scheme": "bearer"})
    );
    // No credentials shown, none named: no security at all, no warning.
    let r = rec(&auth_page("", ""));
    assert!(r.doc["paths"]["/a"]["get"].get("security").is_none());
    assert!(auth_warnings(&r).is_empty());
}

#[test]
fn a_method_entry_may_say_where_its_key_goes() {
    let r = rec(&auth_page(
        "  • Api key\n\n    Sent in the header `X-API-Key`.\n",
        "",
    ));
    assert!(auth_warnings(&r).is_empty(), "{:?}", r.diagnostics);
    assert_eq!(
        r.doc["components"]["securitySchemes"]["apiKey"],
        json!({"type": "apiKey", "in": "header", "name": "X-API-Key", "description": "Api key"})
    );
}

#[test]
fn api_keys_in_a_header_or_the_query_are_read_from_the_curl_sample() {
    let r = rec(&auth_page(
        "",
        "?api_key=$API_KEY' \\\n --header \"X-Auth-Token: $API_KEY\" \\\n --header \"X-Request-Id: abc\"",
    )
    .replacen("/a'?api_key", "/a?api_key", 1));
    let op = &r.doc["paths"]["/a"]["get"];
    assert_eq!(
        op["security"],
        json!([{"api_keyQueryKey": []}, {"xAuthTokenHeaderKey": []}])
    );
    let schemes = &r.doc["components"]["securitySchemes"];
    assert_eq!(
        schemes["api_keyQueryKey"],
        json!({"type": "apiKey", "in": "query", "name": "api_key"})
    );
    assert_eq!(
        schemes["xAuthTokenHeaderKey"],
        json!({"type": "apiKey", "in": "header", "name": "X-Auth-Token"})
    );
    // The server is the URL without its query.
    assert_eq!(r.doc["servers"][0]["url"], "https://api.example.com");
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn an_authorization_header_of_no_known_scheme_is_a_warning_not_a_guess() {
    for (header, shown) in [
        ("Token $DOC_TOKEN", "scheme `Token`"),
        ("s3cr3t-value", "no scheme word"),
    ] {
        let r = rec(&auth_page(
            "",
            &format!(" \\\n --header \"Authorization: {header}\""),
        ));
        assert!(r.doc["paths"]["/a"]["get"].get("security").is_none());
        let w: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.code == "text_dump.auth-type-unknown")
            .collect();
        assert_eq!(w.len(), 1, "{:?}", r.diagnostics);
        assert!(w[0].message.contains(shown), "{}", w[0].message);
        // The value itself is never repeated: it may be the credential.
        assert!(!w[0].message.contains("s3cr3t") && !w[0].message.contains("DOC_TOKEN"));
        // At the curl command.
        assert_eq!(w[0].line, 15);
    }
}

/// The lossy fixtures (`codegen/tests/fixtures/lossy/`).
fn lossy(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lossy")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn a_lossy_page_whose_field_names_are_gone_is_refused_with_what_is_missing() {
    // Seed 004 with its body's names and types dropped and `Values are` split.
    let e = recover(&lossy("create_credential_names_dropped.txt")).unwrap_err();
    assert_eq!(e.code, "text_dump.lossy");
    assert_eq!((e.line, e.col), (8, 1), "{e}");
    for part in [
        "`POST /v2/Credentials` (line 3)",
        "line 8: a `Body` item without name and type (`• Required`)",
        "line 10: an inline element split onto a line of its own (`Values are`)",
        "line 12: an inline element split onto a line of its own (`,`)",
        "line 18: a `Body` item without name and type (`• `)",
        "Missing evidence: each field's `• NAME TYPE` head",
    ] {
        assert!(e.message.contains(part), "{part:?} not in {}", e.message);
    }
}

#[test]
fn nameless_path_parameters_are_named_from_the_template_by_position() {
    let r = rec(&lossy("delete_message_path_names_dropped.txt"));
    let op = &r.doc["paths"]["/v1/Conversations/{ConversationSid}/Messages/{Sid}"]["delete"];
    let names: Vec<&str> = op["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["ConversationSid", "Sid"]);
    // What the page still states is kept: the second one's constraints.
    assert_eq!(
        op["parameters"][1]["schema"]["pattern"],
        "^IM[0-9a-fA-F]{32}$"
    );
    assert_eq!(op["parameters"][1]["schema"]["type"], "string");
    let warned: Vec<(&str, usize)> = r
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("text_dump.lossy"))
        .map(|d| (d.code, d.line))
        .collect();
    assert_eq!(
        warned,
        [
            ("text_dump.lossy-recovered", 9),
            ("text_dump.lossy-recovered", 13)
        ]
    );
    // One nameless item too many for the template: refused, not guessed.
    let t = lossy("delete_message_path_names_dropped.txt").replacen(
        "Path parameters\n\n",
        "Path parameters\n\n  • Required\n\n",
        1,
    );
    let e = recover(&t).unwrap_err();
    assert_eq!(e.code, "text_dump.lossy");
    assert!(
        e.message
            .contains("3 nameless `Path parameters` items for the path's 2 variables")
    );
}

#[test]
fn a_lossy_page_with_no_marker_left_is_refused_as_lossy_not_unknown() {
    let t = lossy("list_calls_lists_vanished.txt");
    let e = crate::frontend::recover(&t).unwrap_err();
    assert_eq!(e.code, "text_dump.lossy", "{e}");
    assert_eq!(e.line, 5);
    assert!(
        e.message
            .contains("line 5: `Query parameters` holds text but no `• NAME TYPE` item")
    );
    assert!(
        e.message
            .contains("line 13: an inline element split onto a line of its own (`,`)")
    );
}

#[test]
fn request_line_headers_under_the_method_line_state_auth_too() {
    let t = auth_page("", "").replace(
        "GET /a\ncurl",
        "GET /a\nAuthorization: Bearer $TOKEN\nX-API-Key: $API_KEY\ncurl",
    );
    let r = rec(&t);
    assert_eq!(
        r.doc["paths"]["/a"]["get"]["security"],
        json!([{"bearerAuth": []}, {"xAPIKeyHeaderKey": []}])
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let t = auth_page("", "").replace("GET /a\ncurl", "GET /a\nAuthorization: Token $T\ncurl");
    let r = rec(&t);
    assert!(r.doc["paths"]["/a"]["get"].get("security").is_none());
    assert_eq!(
        r.diagnostics
            .iter()
            .map(|d| (d.code, d.line))
            .collect::<Vec<_>>(),
        [("text_dump.auth-type-unknown", 15)]
    );
}

/// A text page with what issue #16's round trips found misread: media type parameters, an
/// untyped response schema, an untyped array's values, non-string defaults, a body without
/// fields, a templated server scheme, values holding `, `.
const TEXT_EDGES: &str = r#"Edges

POST /things
application/octet-stream

Body

Responses

  • 200 application/json; charset=utf-8

    OK

    Hide response attributes Show response attributes 
  • 201 application/json

    Made

    Hide response attributes Show response attributes object
    • tags array

      Values are a, b, or c.

      Default value is ["a"].

    • limit integer

      Default value is null.

    • ip string

      Default value is null.

    • place string

      Values are Latency, Chicago, IL, or Sydney, Australia.

POST /things
curl \
 --request POST '{scheme}://api.example.com/v1/things' \
 --header "Content-Type: application/octet-stream"
"#;

#[test]
fn what_the_round_trips_found_misread() {
    let r = rec(TEXT_EDGES);
    let op = &r.doc["paths"]["/things"]["post"];
    let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code).collect();
    // A body listing no fields states no type: any value, flagged.
    assert_eq!(
        op["requestBody"]["content"]["application/octet-stream"]["schema"],
        json!({})
    );
    assert!(codes.contains(&"text_dump.body-type-unknown"), "{codes:?}");
    // The whole media type, parameters included; no type after the toggle: untyped.
    assert_eq!(
        op["responses"]["200"]["content"]["application/json; charset=utf-8"]["schema"],
        json!({})
    );
    let made = &op["responses"]["201"]["content"]["application/json"]["schema"]["properties"];
    assert_eq!(made["tags"]["items"], json!({"enum": ["a", "b", "c"]}));
    assert_eq!(made["tags"]["default"], json!(["a"]));
    assert_eq!(made["limit"]["default"], json!(null));
    assert_eq!(made["ip"]["default"], json!(null));
    // Values holding `, ` do not split: no enum, and a warning says so.
    assert!(made["place"].get("enum").is_none());
    assert!(codes.contains(&"text_dump.enum-unread"), "{codes:?}");
    // A templated scheme is still the server, its variable flagged.
    assert_eq!(
        r.doc["servers"],
        json!([{"url": "{scheme}://api.example.com/v1"}])
    );
    assert!(codes.contains(&"text_dump.server-variables"), "{codes:?}");
}

#[test]
fn a_websocket_curl_url_is_the_server() {
    let page = TEXT_EDGES.replace("{scheme}://", "wss://");
    let r = rec(&page);
    assert_eq!(
        r.doc["servers"],
        json!([{"url": "wss://api.example.com/v1"}])
    );
    assert!(
        !r.diagnostics
            .iter()
            .any(|d| d.code == "text_dump.server-variables")
    );
}
