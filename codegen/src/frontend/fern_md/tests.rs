//! Tests of the Fern page frontend: collapse → recover → compare on the corpus, seed 001's
//! structure, reconciliation, and bad input.

use std::collections::BTreeMap;
use std::time::Instant;

use serde_json::{Value, json};

use super::render;
use super::*;
use crate::frontend::collapsed_yaml;
use crate::frontend::read_shared;

/// Every whitespace run → one space (the crawler's collapse).
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Deletes everything from `<` to the next `>` (the crawler's tag deletion).
fn delete_tags(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        match rest[i..].find('>') {
            Some(j) => rest = &rest[i + j + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Strings whitespace-normalised (and optionally tag-deleted), for comparison.
fn normalise(v: &Value, tags: bool) -> Value {
    match v {
        Value::String(s) => {
            let s = if tags { delete_tags(s) } else { s.clone() };
            let c = collapse(&s);
            if tags && c.is_empty() {
                Value::Null
            } else {
                Value::String(c)
            }
        }
        Value::Array(a) => Value::Array(a.iter().map(|x| normalise(x, tags)).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| {
                    let k = if tags {
                        collapse(&delete_tags(k))
                    } else {
                        k.clone()
                    };
                    (k, normalise(x, tags))
                })
                .collect(),
        ),
        o => o.clone(),
    }
}

#[derive(Default, Debug)]
struct Stats {
    total: usize,
    exact: usize,
    exact_flagged: usize,
    wrong_flagged: usize,
    wrong_silent: Vec<String>,
    errors: Vec<String>,
    flagged_lines: Vec<String>,
    /// Pages read exactly but flagged: the warnings' pointers and messages (FERN_FAILURES).
    cry_lines: Vec<String>,
    /// Pages read exactly with only a `fern.example-ambiguous` note.
    exact_noted: usize,
    /// Pages not read exactly only inside schema example data, with that note (counted in
    /// `wrong_flagged` too).
    wrong_noted: usize,
    classes: BTreeMap<String, usize>,
    max_ms: u128,
}

impl Stats {
    fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.exact as f64 / self.total as f64
        }
    }
    fn report(&self, name: &str) {
        eprintln!(
            "{name}: {} ops, exact {} ({:.2}%), of which flagged {} (noted in example data \
             only {}); wrong but flagged {} (noted, in example data only, {}); wrong silently \
             {}; errors {}; slowest {} ms; ambiguity classes {:?}",
            self.total,
            self.exact,
            100.0 * self.rate(),
            self.exact_flagged,
            self.exact_noted,
            self.wrong_flagged,
            self.wrong_noted,
            self.wrong_silent.len(),
            self.errors.len(),
            self.max_ms,
            self.classes
        );
        for w in self.wrong_silent.iter().take(5) {
            eprintln!("  silent: {w}");
        }
        for e in self.errors.iter().take(5) {
            eprintln!("  error: {e}");
        }
    }
}

fn class_of(pointer: &str) -> String {
    let segs: Vec<&str> = pointer.split('/').collect();
    let last = segs.last().copied().unwrap_or("");
    let parent = segs
        .len()
        .checked_sub(2)
        .and_then(|i| segs.get(i))
        .copied()
        .unwrap_or("");
    match (parent, last) {
        ("properties", _) => "nested-object boundary (property placement)".into(),
        (_, "example" | "examples" | "default" | "value") => "end of an Any value".into(),
        (_, "description" | "title" | "summary") => "key-like prose / description owner".into(),
        (_, "required") => "required owner".into(),
        _ => format!("other ({last})"),
    }
}

/// Collapses `page` (and optionally deletes tags), recovers the YAML and compares it with a
/// normal parse of the original.
fn check_page(page: &str, tags: bool, what: &str, st: &mut Stats) {
    st.total += 1;
    let block = find_block(page).expect("renderer pages have a block");
    let expected = crate::frontend::yaml::parse(&page[block.range.clone()])
        .unwrap_or_else(|e| panic!("{what}: rendered YAML does not parse: {e}\n{page}"));
    let mut crushed = collapse(page);
    if tags {
        crushed = delete_tags(&crushed);
    }
    let t0 = Instant::now();
    let got = find_block(&crushed).and_then(|b| {
        collapsed_yaml::parse(&crushed, b.range, &collapsed_yaml::Options::default())
    });
    st.max_ms = st.max_ms.max(t0.elapsed().as_millis());
    match got {
        Err(e) => st.errors.push(format!("{what}: {e}")),
        Ok(p) => {
            if let Ok(path) = std::env::var("FERN_GOT") {
                // One file per page: `what` ends in its method and path.
                let method = what.split(' ').nth(1).unwrap_or("");
                let _ = std::fs::write(
                    format!("{path}.{method}"),
                    format!("{:#}\n{:?}", p.value, p.diagnostics),
                );
            }
            let amb: Vec<&Diagnostic> = p
                .diagnostics
                .iter()
                .filter(|d| d.code == "fern.ambiguous")
                .collect();
            for d in &amb {
                *st.classes
                    .entry(class_of(d.pointer.as_deref().unwrap_or("")))
                    .or_default() += 1;
            }
            let flagged = !amb.is_empty() || p.diagnostics.iter().any(|d| d.is_error());
            let noted = p
                .diagnostics
                .iter()
                .any(|d| d.code == "fern.example-ambiguous");
            let (got, want) = (normalise(&p.value, tags), normalise(&expected, tags));
            if got == want {
                st.exact += 1;
                if noted && !flagged {
                    st.exact_noted += 1;
                }
                if flagged {
                    st.exact_flagged += 1;
                    let why: Vec<String> = amb
                        .iter()
                        .map(|d| format!("{} {}", d.pointer.as_deref().unwrap_or("-"), d.message))
                        .collect();
                    st.cry_lines.push(format!("{what}: {}", why.join(" | ")));
                }
                return;
            }
            let mut d = Vec::new();
            first_diff(&got, &want, "", &mut d);
            // A note covers a page whose only difference is inside schema example data.
            let data_only = noted && collapsed_yaml::only_example_data(&got, &want);
            if data_only && !flagged {
                st.wrong_noted += 1;
            }
            if flagged || data_only {
                st.wrong_flagged += 1;
                let ptrs: Vec<&str> = amb.iter().filter_map(|x| x.pointer.as_deref()).collect();
                st.flagged_lines
                    .push(format!("{what}: differs at {d:?}; flagged {ptrs:?}"));
            } else {
                st.wrong_silent.push(format!("{what}: differs at {d:?}"));
            }
        }
    }
}

fn first_diff(a: &Value, b: &Value, at: &str, out: &mut Vec<String>) {
    if a == b || out.len() > 2 {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let kx: Vec<_> = x.keys().collect();
            let ky: Vec<_> = y.keys().collect();
            if kx != ky {
                out.push(format!("{at}: keys {kx:?} vs {ky:?}"));
                return;
            }
            for (k, v) in x {
                first_diff(v, &y[k], &format!("{at}/{k}"), out);
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                first_diff(v, w, &format!("{at}/{i}"), out);
            }
        }
        _ => out.push(format!("{at}: {a} vs {b}")),
    }
}

/// The key orders the round trip renders pages in: Fern's fixed order (what real Fern pages
/// show) and the source's (the issue's wording); `FERN_ORDER=fern|source` keeps one.
fn key_orders() -> Vec<render::KeyOrder> {
    match std::env::var("FERN_ORDER").as_deref() {
        Ok("source") => vec![render::KeyOrder::Source],
        Ok("fern") => vec![render::KeyOrder::Fern],
        _ => vec![render::KeyOrder::Fern, render::KeyOrder::Source],
    }
}

fn run_spec(rel: &str, every: usize, tags: bool, order: render::KeyOrder) -> Option<Stats> {
    let text = read_shared(&format!("corpus/specs/{rel}"))?;
    let spec = crate::frontend::yaml::parse(&text).expect("corpus spec parses");
    let mut st = Stats::default();
    for (i, (p, m)) in render::operations(&spec).into_iter().enumerate() {
        if i % every != 0 {
            continue;
        }
        if let Ok(only) = std::env::var("FERN_ONLY") {
            if p != only {
                continue;
            }
        }
        let page = render::page_in(&spec, &p, &m, order);
        if let Ok(dump) = std::env::var("FERN_DUMP") {
            let _ = std::fs::write(format!("{dump}.{m}"), &page);
        }
        check_page(&page, tags, &format!("{rel} {m} {p}"), &mut st);
    }
    st.report(&format!(
        "{rel} (every {every}th, {order:?} key order, tags deleted: {tags})"
    ));
    Some(st)
}

/// Per key order (Fern's, then the source's): (least exact rate, most errors, most flagged
/// though read exactly).
type FullFloors = [(f64, usize, usize); 2];

/// Each spec of the full run with, per key order (Fern's, then the source's): the exact rate
/// it holds, the errors it may report (loud, never silent) and the most pages flagged
/// `fern.ambiguous` though read exactly (the warnings that cry wolf, issue #16). Measured in
/// release on 2026-12-03: exact 99.6% / 100% / 61.0% in Fern's order, 99.6% / 100% / 81.7% in
/// the source's; flagged though exact 102 / 45 / 556 and 172 / 25 / 560 (at the start of the
/// day: 141 / 72 / 653 and 184 / 85 / 938). Telnyx: one page has multi-word property keys
/// (`Interaction Data:`, §8 undecidable class 6), and in the source's order one more needs more
/// than the step budget.
const FULL_RUN_FLOOR: [(&str, FullFloors); 3] = [
    (
        "signalwire_rest_openapi.yaml",
        [(0.99, 0, 102), (0.99, 0, 172)],
    ),
    (
        "twilio_conversations_v1.json",
        [(0.99, 0, 45), (0.99, 0, 25)],
    ),
    ("telnyx_spec3.yml", [(0.609, 1, 556), (0.816, 2, 560)]),
];

/// The safety property: every operation not recovered exactly is flagged (never silently
/// wrong) and none fails.
fn assert_acceptance(st: &Stats) {
    assert!(
        st.wrong_silent.is_empty() && st.errors.is_empty(),
        "every operation not recovered exactly must be flagged, none may fail: {st:?}"
    );
}

/// Per key order (Fern's, then the source's): (least exact, most flagged wrong, most flagged
/// though read exactly).
type Floors = [(usize, usize, usize); 2];

/// The default (debug) runs' samples with, per key order (Fern's, then the source's), the
/// operations read exactly, the most read wrongly (flagged) and the most flagged
/// `fern.ambiguous` though read exactly (the warnings that cry wolf, issue #16) — the figures
/// measured on 2026-12-03 after the second-reading search passed over readings the page refutes,
/// told alternatives from the one the preferred reading took and noted example-data-only
/// differences, and R31 ruled owners out for whole runs of keywords: signalwire 85/85 exact,
/// 31 of them flagged in Fern's order (44 at the start of the day), 59 in the source's (61);
/// twilio 52/52, 19 (32) and 9 (40) flagged; telnyx 66/116 with 50 wrong and 50 (61)
/// exact-but-flagged in Fern's order, 96/116 with 20 wrong and 54 (96) exact-but-flagged in the
/// source's. Raise the exact floors and lower the ceilings as the reader improves; a reader that
/// flagged one more exact page, or read one more wrongly, fails.
const SAMPLE_FLOOR: [(&str, usize, Floors); 3] = [
    (
        "signalwire_rest_openapi.yaml",
        3,
        [(85, 0, 31), (85, 0, 59)],
    ),
    ("twilio_conversations_v1.json", 2, [(52, 0, 19), (52, 0, 9)]),
    ("telnyx_spec3.yml", 10, [(66, 50, 50), (96, 20, 54)]),
];

/// One sampled spec against its floor: the safety property, at least the measured number of
/// exact operations, at most the measured numbers of flagged wrong and flagged exact ones.
fn sample_run(rel: &str) {
    let (_, every, floors) = SAMPLE_FLOOR.iter().find(|(n, ..)| *n == rel).unwrap();
    for order in key_orders() {
        let Some(st) = run_spec(rel, *every, false, order) else {
            return;
        };
        let (min_exact, max_wrong, max_cry) =
            floors[usize::from(order == render::KeyOrder::Source)];
        assert_acceptance(&st);
        assert!(
            st.exact >= min_exact && st.wrong_flagged <= max_wrong && st.exact_flagged <= max_cry,
            "{rel} ({order:?} order, every {every}th): {} exact (floor {min_exact}), {} read \
             wrongly though flagged (at most {max_wrong}), {} flagged though exact (at most \
             {max_cry}), of {}",
            st.exact,
            st.wrong_flagged,
            st.exact_flagged,
            st.total
        );
    }
}

#[test]
fn corpus_specs_round_trip_sample() {
    sample_run("signalwire_rest_openapi.yaml");
    sample_run("twilio_conversations_v1.json");
}

/// Telnyx (every 10th operation), the hardest spec: fewer exact, but every miss flagged.
#[test]
fn corpus_telnyx_round_trip_sample() {
    sample_run("telnyx_spec3.yml");
}

/// Prints the per-spec table: ops, exact, flagged (exact or not), unflagged-wrong, errors.
fn table(rows: &[(String, render::KeyOrder, Stats)]) {
    eprintln!(
        "| spec | key order | ops | exact | exact % | flagged | flagged-but-exact | \
         wrong-but-flagged | unflagged-wrong | errors | noted (exact / wrong) |"
    );
    eprintln!("|---|---|---|---|---|---|---|---|---|---|---|");
    for (name, order, st) in rows {
        eprintln!(
            "| {name} | {order:?} | {} | {} | {:.1} | {} | {} | {} | {} | {} | {} / {} |",
            st.total,
            st.exact,
            100.0 * st.rate(),
            st.exact_flagged + st.wrong_flagged - st.wrong_noted,
            st.exact_flagged,
            st.wrong_flagged - st.wrong_noted,
            st.wrong_silent.len(),
            st.errors.len(),
            st.exact_noted,
            st.wrong_noted
        );
    }
    // Every failure, for diagnosis (FERN_FAILURES=path).
    if let Ok(path) = std::env::var("FERN_FAILURES") {
        let mut out = String::new();
        for (name, order, st) in rows {
            let name = format!("{name}:{order:?}");
            for l in st.wrong_silent.iter() {
                out.push_str(&format!("SILENT {name} {l}\n"));
            }
            for l in st.errors.iter() {
                out.push_str(&format!("ERROR {name} {l}\n"));
            }
            for l in st.flagged_lines.iter() {
                out.push_str(&format!("FLAGGED {name} {l}\n"));
            }
            for l in st.cry_lines.iter() {
                out.push_str(&format!("CRY {name} {l}\n"));
            }
        }
        let _ = std::fs::write(path, out);
    }
}

#[test]
#[ignore = "full corpus: slow in debug; run in release (.ci/slow)"]
fn corpus_specs_round_trip_full() {
    let mut rows = Vec::new();
    for order in key_orders() {
        for (rel, _) in FULL_RUN_FLOOR {
            if let Some(st) = run_spec(rel, 1, false, order) {
                rows.push((rel.to_string(), order, st));
            }
        }
    }
    table(&rows);
    let over: Option<f64> = std::env::var("FERN_FLOOR")
        .ok()
        .and_then(|s| s.parse().ok());
    for (name, order, st) in &rows {
        let floors = FULL_RUN_FLOOR
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, f)| f);
        let (floor, known_errors, max_cry) = floors.map_or((0.99, 0, 0), |f| {
            f[usize::from(*order == render::KeyOrder::Source)]
        });
        let floor = over.unwrap_or(floor);
        assert!(
            st.wrong_silent.is_empty()
                && st.errors.len() <= known_errors
                && st.rate() >= floor
                && (over.is_some() || st.exact_flagged <= max_cry),
            "{name} ({order:?} order): every miss flagged, >= {floor} exact, at most {max_cry} \
             flagged though exact: silent {:?}, errors {:?}, rate {}, flagged though exact {}",
            st.wrong_silent,
            st.errors,
            st.rate(),
            st.exact_flagged
        );
    }
}

/// The tag-deletion variant (the crawler also deletes everything from `<` to `>`, damage that
/// crosses strings and cannot be undone), per spec: the operations read exactly, the most read
/// wrongly though flagged and the most errors, as measured in release on 2026-12-03
/// (signalwire 235/253 with 18 flagged wrong; twilio 103/103; telnyx 705/1156 with 450 flagged
/// wrong and 1 error). None may be wrong silently.
const TAGS_DELETED_FLOOR: [(&str, usize, usize, usize); 3] = [
    ("signalwire_rest_openapi.yaml", 235, 18, 0),
    ("twilio_conversations_v1.json", 103, 0, 0),
    ("telnyx_spec3.yml", 705, 450, 1),
];

#[test]
#[ignore = "full corpus with tags deleted: slow in debug; run in release (.ci/slow)"]
fn corpus_specs_round_trip_tags_deleted() {
    for (rel, min_exact, max_wrong, max_errors) in TAGS_DELETED_FLOOR {
        let Some(st) = run_spec(rel, 1, true, render::KeyOrder::Fern) else {
            return;
        };
        assert!(
            st.wrong_silent.is_empty()
                && st.errors.len() <= max_errors
                && st.exact >= min_exact
                && st.wrong_flagged <= max_wrong,
            "{rel}, tags deleted: {} exact (floor {min_exact}), {} flagged wrong (at most \
             {max_wrong}), errors {:?} (at most {max_errors}), silent {:?}",
            st.exact,
            st.wrong_flagged,
            st.errors,
            st.wrong_silent
        );
    }
}

#[test]
fn corpus_pages_recover_exactly_after_collapse() {
    for name in ["cashapp_create-api-key.md", "elevenlabs_webhooks-list.md"] {
        let Some(page) = read_shared(&format!("corpus/pages/fern_md/{name}")) else {
            return;
        };
        let mut st = Stats::default();
        check_page(&page, false, name, &mut st);
        st.report(name);
        assert_eq!(st.exact, 1, "{name}: {st:?}");
        assert_eq!(st.exact_flagged, 0, "{name}: {st:?}");
        // The whole frontend agrees on both forms of the page.
        let a = recover(&page).unwrap();
        let b = recover(&collapse(&page)).unwrap();
        // The collapsed form is read in Fern's fixed key order (R10), not the fallback.
        assert!(
            b.diagnostics.iter().all(|d| d.code != "fern.key-order"),
            "{name}: {:?}",
            b.diagnostics
        );
        assert_eq!(normalise(&a.doc, false), normalise(&b.doc, false), "{name}");
    }
}

#[test]
fn corpus_pages_reconcile() {
    let Some(page) = read_shared("corpus/pages/fern_md/elevenlabs_webhooks-list.md") else {
        return;
    };
    let r = recover(&page).unwrap();
    let d = &r.doc;
    assert_eq!(d["servers"], json!([{"url": "https://api.elevenlabs.io"}]));
    let op = &d["paths"]["/v1/workspace/webhooks"]["get"];
    assert_eq!(op["tags"], json!(["subpackage_webhooks"]));
    assert_eq!(op["parameters"].as_array().map(Vec::len), Some(1));
    assert_eq!(d["security"], json!([{"ApiKeyAuth": []}]));
    assert_eq!(
        d["components"]["securitySchemes"]["ApiKeyAuth"],
        json!({"type": "apiKey", "in": "header", "name": "xi-api-key"})
    );
    assert_eq!(
        d["components"]["schemas"]["WebhookAuthMethodType"]["enum"],
        json!(["hmac", "oauth2", "mtls"])
    );
    assert!(
        r.diagnostics
            .iter()
            .any(|x| x.code == "fern.security-synthesised")
    );
    assert!(
        r.locations
            .get("/paths/~1v1~1workspace~1webhooks/get")
            .is_some_and(|&l| l > 10)
    );

    let Some(page) = read_shared("corpus/pages/fern_md/cashapp_create-api-key.md") else {
        return;
    };
    let r = recover(&page).unwrap();
    let s = &r.doc["components"]["schemas"];
    assert_eq!(s["Scopes"]["minItems"], json!(1));
    assert_eq!(
        s["ErrorResponse"]["properties"]["errors"]["minItems"],
        json!(1)
    );
    let rid = &s["ApiKey"]["properties"]["reference_id"];
    assert_eq!(
        (rid["minLength"].clone(), rid["maxLength"].clone()),
        (json!(1), json!(1024))
    );
    // `$ref` siblings carry no type: no constraint is invented for them.
    assert!(
        s["Error"]["properties"]["category"]
            .get("minLength")
            .is_none()
    );
    assert_eq!(
        r.doc["servers"][1]["url"],
        json!("https://sandbox.api.cash.app/management/v1")
    );
}

#[test]
fn seed_001_structure() {
    let page = crate::frontend::seed("001_");
    assert!(!page.contains('\n'));
    let r = recover(&page).unwrap();
    let d = &r.doc;
    let codes: Vec<&str> = r.diagnostics.iter().map(|x| x.code).collect();
    assert!(!codes.contains(&"fern.ambiguous"), "{:?}", r.diagnostics);
    // Root servers with the placeholder as a variable.
    assert_eq!(
        d["servers"][0]["url"],
        json!("https://{space}.signalwire.com/api/laml/2010-04-01")
    );
    let var = &d["servers"][0]["variables"]["space"];
    assert_eq!(var["default"], json!("YOUR_SPACE"));
    assert_eq!(var["x-cpaas-required"], json!(true));
    assert!(codes.contains(&"fern.server-placeholder"));
    // Read in Fern's fixed key order (R10, which the test renderer writes too), not the
    // source-order fallback; the operation's keys come in that order.
    assert!(!codes.contains(&"fern.key-order"), "{:?}", r.diagnostics);
    let op = &d["paths"]["/Accounts/{AccountSid}/tokens"]["post"];
    let ranks: Vec<usize> = op
        .as_object()
        .unwrap()
        .keys()
        .filter_map(|k| {
            collapsed_yaml::FERN_OPERATION_ORDER
                .iter()
                .position(|x| x == k)
        })
        .collect();
    assert!(
        ranks.len() >= 5 && ranks.windows(2).all(|w| w[0] < w[1]),
        "{ranks:?}"
    );
    assert_eq!(op["operationId"], json!("create-token"));
    assert_eq!(op["x-cpaas-operation-group"], json!("tokens"));
    assert!(
        op["description"]
            .as_str()
            .unwrap()
            .ends_with("your-signalwire-api-space).")
    );
    // Only AccountSid stays; the Authorization header became security.
    assert_eq!(op["parameters"].as_array().unwrap().len(), 1);
    assert_eq!(op["parameters"][0]["name"], json!("AccountSid"));
    assert_eq!(
        op["parameters"][0]["schema"],
        json!({"type": "string", "format": "uuid"})
    );
    assert_eq!(d["security"], json!([{"SignalWireBasicAuth": []}]));
    // The header content type wins.
    let content = op["requestBody"]["content"].as_object().unwrap();
    assert_eq!(
        content.keys().collect::<Vec<_>>(),
        ["application/x-www-form-urlencoded"]
    );
    assert!(codes.contains(&"fern.content-type-conflict"));
    assert_eq!(
        op["responses"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["200", "400", "401", "422"]
    );
    let s = &d["components"]["schemas"];
    assert_eq!(
        s.as_object().unwrap().keys().collect::<Vec<_>>(),
        [
            "CreateTokenRequest",
            "TokenResponse",
            "CompatibilityErrorResponse",
            "CompatibilityTokenValidationError"
        ]
    );
    assert_eq!(
        s["CreateTokenRequest"]["required"],
        json!(["name", "permissions"])
    );
    assert_eq!(
        s["TokenResponse"]["required"],
        json!(["id", "name", "permissions", "token"])
    );
    assert_eq!(
        s["CompatibilityErrorResponse"]["required"],
        json!(["code", "message", "more_info", "status"])
    );
    assert!(
        s["CompatibilityTokenValidationError"]
            .get("required")
            .is_none()
    );
    let perm = &s["CreateTokenRequest"]["properties"]["permissions"];
    assert_eq!(perm["items"], json!({"type": "string"}));
    assert!(
        perm["description"]
            .as_str()
            .unwrap()
            .ends_with("tasking, and video.")
    );
    assert_eq!(
        s["CreateTokenRequest"]["properties"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["name", "permissions", "subproject_id"]
    );
    assert_eq!(
        s["CompatibilityTokenValidationError"]["properties"]["type"],
        json!({"type": "string", "description": "Error type."})
    );
    assert_eq!(
        s["CompatibilityTokenValidationError"]["description"],
        json!("Token validation error response model.")
    );
    // The fenced examples stay inside their descriptions.
    let scheme = &d["components"]["securitySchemes"]["SignalWireBasicAuth"];
    assert_eq!(scheme["type"], json!("http"));
    assert!(
        scheme["description"]
            .as_str()
            .unwrap()
            .ends_with("Example: ``` Authorization: Basic base64(project_id:token) ```")
    );
    assert_eq!(
        r.locations
            .get("/paths/~1Accounts~1{AccountSid}~1tokens/post"),
        Some(&1)
    );
}

#[test]
fn header_is_read_on_collapsed_and_normal_pages() {
    let p = "# Source: https://x.io/a.mdx # Make a thing POST https://YOUR_SPACE.x.io/v1/things \
             Content-Type: application/json Makes one. Reference: https://x.io/docs ## OpenAPI \
             Specification ```yaml openapi: 3.1.0 ```";
    let h = parse_header(p);
    assert_eq!(h.title.as_deref(), Some("Make a thing"));
    assert_eq!(h.method.as_deref(), Some("POST"));
    assert_eq!(h.url.as_deref(), Some("https://YOUR_SPACE.x.io/v1/things"));
    assert_eq!(h.content_type.as_deref(), Some("application/json"));
    assert_eq!(h.reference.as_deref(), Some("https://x.io/docs"));
    let n = p
        .replace(" # Make", "\n\n# Make")
        .replace(" POST", "\nPOST");
    assert_eq!(parse_header(&n), h);
}

#[test]
fn fence_counting_even_count_warns() {
    // One description opens a fence it never closes: four fences, the last before `## ` closes.
    let p = "# T GET https://x.io/a ## OpenAPI Specification ```yaml openapi: 3.1.0 info: title: \
             t description: >- see ``` x version: 1.0.0 paths: /a: get: responses: '200': \
             description: ok ``` ## Other ``` y ```";
    let b = find_block(p).unwrap();
    assert!(b.collapsed);
    assert_eq!(b.warnings[0].code, "fern.fence-count");
    assert!(p[b.range.clone()].trim_end().ends_with("description: ok"));
}

#[test]
fn bad_input_is_an_error_with_a_position() {
    // A fence never closed.
    let e = recover("# T GET https://x.io/a ## OpenAPI Specification ```yaml openapi: 3.1.0")
        .unwrap_err();
    assert_eq!(e.code, "fern.unclosed-fence");
    assert_eq!((e.line, e.col), (1, 49));
    // A truncated block (cut inside a mapping that needs a value).
    let e = recover(
        "# T GET https://x.io/a ## OpenAPI Specification ```yaml openapi: 3.1.0 paths: /a: get: \
         responses: '200': content: application/json: schema: ```",
    );
    if let Ok(r) = &e {
        panic!("truncated block read as {}", r.doc);
    }
    // Garbage where a mapping is expected.
    let e = recover(
        "# T GET https://x.io/a ## OpenAPI Specification ```yaml openapi: 3.1.0 paths: /a: get: \
         responses: '200': this is not yaml ```",
    )
    .unwrap_err();
    assert_eq!(e.code, "fern.collapsed-syntax");
    assert!(e.col > 60 && e.message.contains("Response"), "{e}");
    // The same on a page with newlines goes through the YAML parser, with page lines.
    let e = recover("# T\n\nGET https://x.io/a\n\n## OpenAPI Specification\n\n```yaml\nopenapi: 3.1.0\npaths: [\n```\n")
        .unwrap_err();
    assert!(e.line >= 8, "{e}");
}

#[test]
fn hostile_megabyte_page_finishes_in_bounded_time() {
    let mut p = String::from(
        "# T GET https://x.io/a ## OpenAPI Specification ```yaml openapi: 3.1.0 components: \
         schemas: A: type: object properties: a: description: >-",
    );
    let mut i = 0;
    while p.len() < 1_000_000 {
        p.push_str(&format!(" k{i}: - x: >- y"));
        i += 1;
    }
    p.push_str(" ```");
    let t0 = Instant::now();
    let r = recover(&p);
    let secs = t0.elapsed().as_secs_f64();
    eprintln!(
        "hostile page: {secs:.1}s, {:?}",
        r.as_ref().err().map(|e| e.code)
    );
    assert!(secs < 60.0);
}

#[test]
fn embedded_openapi_gets_no_fern_rules() {
    let page = "# Doc\n\n## OpenAPI Specification\n\n```yaml\nopenapi: 3.0.1\ninfo:\n  title: ''\n  version: 1.0.0\npaths:\n  /a:\n    post:\n      parameters:\n        - name: Authorization\n          in: header\n          schema:\n            type: string\n      responses:\n        '200':\n          description: ok\n```\n";
    let (_, out) = crate::frontend::recover(page).unwrap();
    let crate::frontend::Outcome::Recovered(r) = out else {
        panic!("not recovered");
    };
    assert_eq!(
        r.doc["paths"]["/a"]["post"]["parameters"][0]["name"],
        json!("Authorization")
    );
    assert!(r.doc.get("security").is_none());
    assert_eq!(r.locations.get("/paths/~1a/post"), Some(&12));
    let collapsed = recover_embedded(&collapse(page)).unwrap();
    assert_eq!(collapsed.doc, r.doc);
}

/// The objects of a real Fern page's YAML, by kind (`operation`, `parameter`, `response`,
/// `schema`), each as its keys in the page's order.
fn page_key_orders(page: &str) -> Vec<(&'static str, Vec<String>)> {
    let start = page.find("```yaml\n").expect("a yaml block") + "```yaml\n".len();
    let end = start + page[start..].find("\n```").expect("the yaml block ends");
    let doc = crate::frontend::yaml::parse(&page[start..end]).expect("the page's YAML parses");
    fn keys(v: &Value) -> Vec<String> {
        v.as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    }
    fn schema(v: &Value, out: &mut Vec<(&'static str, Vec<String>)>) {
        let Some(m) = v.as_object() else { return };
        out.push(("schema", keys(v)));
        for k in ["properties", "patternProperties"] {
            for p in m.get(k).and_then(Value::as_object).into_iter().flatten() {
                schema(p.1, out);
            }
        }
        for k in ["items", "additionalProperties", "not"] {
            if let Some(s) = m.get(k) {
                schema(s, out);
            }
        }
        for k in ["allOf", "anyOf", "oneOf"] {
            for s in m.get(k).and_then(Value::as_array).into_iter().flatten() {
                schema(s, out);
            }
        }
    }
    fn content(v: &Value, out: &mut Vec<(&'static str, Vec<String>)>) {
        for media in v.as_object().into_iter().flat_map(|m| m.values()) {
            schema(&media["schema"], out);
        }
    }
    let mut out = Vec::new();
    for item in doc["paths"]
        .as_object()
        .into_iter()
        .flat_map(|m| m.values())
    {
        for (method, op) in item.as_object().into_iter().flatten() {
            if !crate::vocab::HTTP_METHODS.contains(&method.as_str()) {
                continue;
            }
            out.push(("operation", keys(op)));
            for p in op["parameters"].as_array().into_iter().flatten() {
                out.push(("parameter", keys(p)));
                schema(&p["schema"], &mut out);
            }
            for r in op["responses"]
                .as_object()
                .into_iter()
                .flat_map(|m| m.values())
            {
                out.push(("response", keys(r)));
                content(&r["content"], &mut out);
            }
            content(&op["requestBody"]["content"], &mut out);
        }
    }
    for s in doc["components"]["schemas"]
        .as_object()
        .into_iter()
        .flat_map(|m| m.values())
    {
        schema(s, &mut out);
    }
    out
}

/// The test renderer's key orders (written independently of the reader's) are the orders real
/// Fern pages show: in every operation, parameter, response and schema object of the corpus's
/// Fern pages, the renderer's pinned-first keys come first and in its order, its pinned-last
/// keys last and in its order; and the pages witness each neighbouring pair the renderer pins,
/// so an order the pages never showed cannot slip in.
#[test]
fn renderer_key_order_is_what_real_fern_pages_show() {
    let kinds: [(&str, &[&str], &[&str]); 4] = [
        ("operation", &render::OPERATION_ORDER, &[]),
        ("parameter", &render::PARAMETER_ORDER, &[]),
        ("response", &render::RESPONSE_ORDER, &[]),
        ("schema", &render::SCHEMA_FIRST, &render::SCHEMA_LAST),
    ];
    let mut witnessed = std::collections::BTreeSet::new();
    let mut objects = 0;
    for name in ["cashapp_create-api-key.md", "elevenlabs_webhooks-list.md"] {
        let Some(page) = read_shared(&format!("corpus/pages/fern_md/{name}")) else {
            return;
        };
        for (kind, keys) in page_key_orders(&page) {
            objects += 1;
            let (_, first, last) = kinds.iter().find(|k| k.0 == kind).unwrap();
            // The page's keys as the renderer ranks them: first-list index, then the rest, then
            // last-list index.
            let rank = |k: &String| match (
                first.iter().position(|x| x == k),
                last.iter().position(|x| x == k),
            ) {
                (Some(i), _) => (0, i),
                (None, Some(i)) => (2, i),
                (None, None) => (1, 0),
            };
            let ranks: Vec<_> = keys.iter().map(rank).collect();
            assert!(
                ranks.windows(2).all(|w| w[0] <= w[1]),
                "{name}: a {kind} written as {keys:?} contradicts the renderer's order \
                 (first {first:?}, last {last:?})"
            );
            for list in [*first, *last] {
                let present: Vec<&str> = list
                    .iter()
                    .copied()
                    .filter(|x| keys.iter().any(|k| k == x))
                    .collect();
                for w in list.windows(2) {
                    if present.contains(&w[0]) && present.contains(&w[1]) {
                        witnessed.insert((kind, w[0], w[1]));
                    }
                }
            }
        }
    }
    // Every neighbouring pair the renderer pins is shown by a real page, except `$ref` before
    // `type`: a `$ref` schema takes only `description`/`summary` beside it (docs/formats.md §8, R6), so
    // no page holds both.
    let unwitnessed: Vec<_> = kinds
        .iter()
        .flat_map(|(kind, first, last)| {
            [*first, *last]
                .into_iter()
                .flat_map(move |l| l.windows(2).map(move |w| (*kind, w[0], w[1])))
        })
        .filter(|p| !witnessed.contains(p))
        .collect();
    assert!(objects > 50, "{objects} objects read from the pages");
    assert_eq!(
        unwitnessed,
        [("schema", "$ref", "type")],
        "pinned pairs no real page shows"
    );
}

// Security alternatives: a page whose API allows basic or bearer, where the injected
// `Authorization` header describes basic only; both are kept.

/// A Fern page (line breaks kept) embedding a one-endpoint document with `schemes` and an
/// injected `Authorization` header described as `header_desc`.
fn auth_page(schemes: &str, header_desc: &str) -> String {
    format!(
        "# Create token\n\nPOST https://api.example.com/tokens\n\nReference: \
         https://docs.example.com/create-token\n\n## OpenAPI Specification\n\n```yaml\n\
         openapi: 3.1.0\ninfo:\n  title: API\n  version: 1.0.0\npaths:\n  /tokens:\n    post:\n      \
         operationId: create-token\n      summary: Create token\n      parameters:\n        \
         - name: Authorization\n          in: header\n          description: {header_desc}\n          \
         required: true\n          schema:\n            type: string\n      responses:\n        \
         '204':\n          description: Created\nservers:\n  - url: https://api.example.com\n\
         components:\n  securitySchemes:\n{schemes}```\n\n## SDK Code Examples\n\n```python\n\
         import requests\n```\n"
    )
}

const BOTH: &str = "    basic:\n      type: http\n      scheme: basic\n      description: Basic \
                    authentication\n    bearer:\n      type: http\n      scheme: bearer\n      \
                    description: Bearer authentication\n";

#[test]
fn both_http_schemes_are_kept_as_alternatives_with_a_warning() {
    let (_, out) = crate::frontend::recover(&auth_page(BOTH, "Basic authentication")).unwrap();
    let crate::frontend::Outcome::Recovered(r) = out else {
        panic!("recovered")
    };
    assert_eq!(r.doc["security"], json!([{"basic": []}, {"bearer": []}]));
    let w: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "fern.auth-alternatives")
        .collect();
    assert_eq!(w.len(), 1, "{:?}", r.diagnostics);
    assert!(w[0].message.contains("describes `basic` only"));
    assert!(w[0].message.contains("also hold `bearer`"));
}

#[test]
fn an_api_key_scheme_is_not_an_alternative_of_the_authorization_header() {
    let schemes = "    basic:\n      type: http\n      scheme: basic\n      description: Basic \
                   authentication\n    key:\n      type: apiKey\n      in: header\n      \
                   name: X-Key\n";
    let (_, out) = crate::frontend::recover(&auth_page(schemes, "Basic authentication")).unwrap();
    let crate::frontend::Outcome::Recovered(r) = out else {
        panic!("recovered")
    };
    assert_eq!(r.doc["security"], json!([{"basic": []}]));
    assert!(
        r.diagnostics
            .iter()
            .all(|d| d.code != "fern.auth-alternatives")
    );
}
