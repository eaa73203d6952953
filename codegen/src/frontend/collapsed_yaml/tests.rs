//! Unit tests of the collapsed-YAML reader: small pages, one rule each.

use serde_json::{Value, json};

use super::checks::holds_structure;
use super::*;

fn p(text: &str) -> Result<Parsed, Diagnostic> {
    parse(text, 0..text.len(), &Options::default())
}

#[test]
fn nested_structure_and_scalars() {
    let t = "openapi: 3.1.0 info: title: x version: 1.0.0 paths: /a/{b}: get: operationId: g \
             parameters: - name: b in: path required: true schema: type: string format: uuid \
             - name: c in: query schema: type: array items: type: string description: >- \
             the cs. responses: '200': description: OK content: application/json: schema: \
             $ref: '#/components/schemas/X' '404': description: no";
    let r = p(t).unwrap();
    let v = &r.value;
    assert_eq!(v["info"]["version"], json!("1.0.0"));
    let op = &v["paths"]["/a/{b}"]["get"];
    assert_eq!(op["parameters"][0]["required"], json!(true));
    assert_eq!(
        op["parameters"][1]["schema"]["description"],
        json!("the cs.")
    );
    assert_eq!(op["responses"]["404"]["description"], json!("no"));
    assert!(
        r.diagnostics.iter().all(|d| d.code != "fern.ambiguous"),
        "{:?}",
        r.diagnostics
    );
}

#[test]
fn fences_keep_key_like_prose_inside_block_scalars() {
    let t = "openapi: 3.1.0 paths: /a: get: parameters: - name: A in: header description: >- \
             Example: ``` Authorization: Basic x ``` required: true schema: type: string";
    let v = p(t).unwrap().value;
    let prm = &v["paths"]["/a"]["get"]["parameters"][0];
    assert_eq!(
        prm["description"],
        json!("Example: ``` Authorization: Basic x ```")
    );
    assert_eq!(prm["required"], json!(true));
}

#[test]
fn garbage_is_an_error_with_a_position() {
    let t = "openapi: 3.1.0 paths: /a: get: responses: '200': nonsense words here";
    let e = p(t).unwrap_err();
    assert_eq!(e.code, "fern.collapsed-syntax");
    assert_eq!(e.line, 1);
    assert!(e.col > 1, "{e}");
}

#[test]
fn budget_bounds_the_search() {
    // Many key-like words in prose under an open property map: each is a candidate.
    let mut t = String::from(
        "openapi: 3.1.0 components: schemas: A: type: object properties: a: description: >-",
    );
    for i in 0..20000 {
        t.push_str(&format!(" w{i}: x"));
    }
    t.push_str(" zzz");
    let opts = Options {
        budget: Some(50_000),
        ..Default::default()
    };
    let start = std::time::Instant::now();
    let r = parse(&t, 0..t.len(), &opts);
    assert!(start.elapsed().as_secs() < 20);
    if let Err(e) = r {
        assert!(e.code.starts_with("fern."), "{e}");
    }
}
#[test]
fn enum_list_ends_before_a_schema_item() {
    // R18: `- type: string` after enum values is the next anyOf item, not an enum value.
    let t = "openapi: 3.1.0 info: title: x version: 1.0.0 paths: /a: get: responses: '200': \
             description: OK content: application/json: schema: anyOf: - type: string enum: \
             - red - blue - type: integer";
    let v = p(t).unwrap().value;
    let any = &v["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        ["anyOf"];
    assert_eq!(any[0]["enum"], json!(["red", "blue"]));
    assert_eq!(any[1], json!({"type": "integer"}));
}

#[test]
fn a_plain_string_too_long_for_a_deep_owner_goes_up() {
    // R20: js-yaml folds strings longer than max(40, 80 - indent); this 70-character
    // description is plain, so it cannot sit at the property's depth (keys at column 10,
    // values at 12, width 68) and belongs to the schema owning the property map (width 72).
    let d = "d".repeat(30) + " " + &"e".repeat(39);
    assert_eq!(d.len(), 70);
    let t = format!(
        "openapi: 3.1.0 info: title: x version: 1.0.0 paths: {{}} components: schemas: \
         A: type: object properties: p: type: string description: {d} title: A"
    );
    let r = p(&t).unwrap();
    let a = &r.value["components"]["schemas"]["A"];
    assert_eq!(a["description"], json!(d), "{:?}", r.diagnostics);
    assert_eq!(a["properties"]["p"], json!({"type": "string"}));
}

#[test]
fn a_string_holding_a_ref_entry_is_flagged() {
    let t = "openapi: 3.1.0 info: title: x version: 1.0.0 paths: {} components: schemas: \
             A: description: |- some text $ref: '#/components/schemas/B' more";
    let r = p(t).unwrap();
    assert!(
        r.diagnostics.iter().any(|d| d.code == "fern.ambiguous"
            && d.pointer.as_deref() == Some("/components/schemas/A/description")),
        "{:?}",
        r.diagnostics
    );
}

/// A page with one schema component `S` (collapsed `body`) referenced by a response.
fn with_schema(body: &str) -> String {
    format!(
        "openapi: 3.1.0 info: title: x version: 1.0.0 paths: /a: get: operationId: g \
         responses: '200': description: OK content: application/json: schema: $ref: \
         '#/components/schemas/S' components: schemas: {body}"
    )
}

#[test]
fn properties_named_like_sub_schema_slots_stay_properties() {
    // `items`, `then` and `else` as property names: not the array's `items` slot (R1), and
    // no `then`/`else` keyword without `if`.
    let t = with_schema(
        "S: type: object properties: when: type: string then: type: array items: $ref: \
         '#/components/schemas/S' description: Run when true. else: type: array items: \
         $ref: '#/components/schemas/S' description: Run otherwise. title: S",
    );
    let r = p(&t).unwrap();
    let s = &r.value["components"]["schemas"]["S"];
    let props = s["properties"].as_object().unwrap();
    assert_eq!(
        props.keys().collect::<Vec<_>>(),
        ["when", "then", "else"],
        "{s:#}"
    );
    assert_eq!(props["then"]["description"], json!("Run when true."));
    assert_eq!(props["else"]["description"], json!("Run otherwise."));
    assert_eq!(props["else"]["items"].as_object().unwrap().len(), 1);
}

#[test]
fn a_description_after_a_closing_ref_property_is_the_objects() {
    // R22: sources rarely describe a reference beside it; flagged all the same.
    let t = with_schema(
        "S: type: object properties: data: type: array items: $ref: \
         '#/components/schemas/M' meta: $ref: '#/components/schemas/M' description: A page \
         of items. M: type: string",
    );
    let r = p(&t).unwrap();
    let s = &r.value["components"]["schemas"]["S"];
    assert_eq!(s["description"], json!("A page of items."), "{s:#}");
    assert_eq!(
        s["properties"]["meta"],
        json!({"$ref": "#/components/schemas/M"})
    );
    assert!(
        r.diagnostics.iter().any(|d| d.code == "fern.ambiguous"),
        "{:?}",
        r.diagnostics
    );
}

#[test]
fn a_key_opening_a_block_scalar_ends_the_text_before_it() {
    // R23: `bogus: |-` is no prose, so the description cannot swallow it; with nothing to
    // take `bogus`, the page is an error naming it rather than a reading that hides it.
    let t = with_schema("S: type: object description: >- Text one. bogus: |- More. title: S");
    match p(&t) {
        Err(e) => assert!(e.message.contains("bogus"), "{e}"),
        Ok(r) => panic!(
            "read as {:#} with {:?}: `bogus` must be refused, not dropped",
            r.value["components"]["schemas"]["S"], r.diagnostics
        ),
    }
}

#[test]
fn a_page_in_its_sources_key_order_is_read_without_swallowing() {
    // Fern's order (R10) puts `operationId` before `description`; under it the description
    // would swallow the operation, so the page is read in its own order. The path item
    // keeps nothing but its method (R24).
    let t = "openapi: 3.1.0 info: title: x version: 1.0.0 paths: /a: get: description: >- \
             Lists the things. operationId: ListThings responses: '200': content: \
             application/json: schema: properties: id: type: string type: object \
             description: OK summary: List things tags: - Things";
    let r = p(t).unwrap();
    let op = &r.value["paths"]["/a"]["get"];
    assert_eq!(op["description"], json!("Lists the things."), "{op:#}");
    assert_eq!(op["operationId"], json!("ListThings"));
    assert_eq!(op["summary"], json!("List things"));
    assert_eq!(op["responses"]["200"]["description"], json!("OK"));
    assert_eq!(
        r.value["paths"]["/a"].as_object().unwrap().len(),
        1,
        "{:#}",
        r.value
    );
    assert!(
        r.diagnostics.iter().any(|d| d.code == "fern.key-order"),
        "{:?}",
        r.diagnostics
    );
}

#[test]
fn text_holding_schema_entries_is_flagged_as_swallowed() {
    assert!(holds_structure("x operationId: Foo"));
    assert!(holds_structure("a type: string description: b"));
    assert!(!holds_structure("the type: string form, as described"));
    assert!(!holds_structure("Returns the example: a JSON object."));
}

#[test]
fn a_variants_description_and_title_stay_with_it_in_source_order() {
    // The operation's `description` before its `operationId` puts the page in its source's
    // order (R10 off). R27: of two descriptions in one run the first is the deeper
    // schema's; a title right after a schema's description is that schema's.
    let t = "openapi: 3.1.0 info: title: x version: 1.0.0 paths: /a: get: description: Gets \
             it. operationId: g responses: '200': description: OK content: \
             application/json: schema: $ref: '#/components/schemas/S' components: schemas: \
             S: type: object title: S object required: - r properties: r: anyOf: - $ref: \
             '#/components/schemas/M' - type: array items: $ref: '#/components/schemas/M' \
             description: Each in turn. title: cond description: The result. M: type: \
             string";
    let r = p(t).unwrap();
    let s = &r.value["components"]["schemas"]["S"];
    let variant = &s["properties"]["r"]["anyOf"][1];
    assert_eq!(variant["description"], json!("Each in turn."), "{s:#}");
    assert_eq!(variant["title"], json!("cond"));
    assert_eq!(s["properties"]["r"]["description"], json!("The result."));
    assert_eq!(s["title"], json!("S object"));
    // Without a title of its own the component could take `title: cond` (R16); the
    // variant whose description it follows keeps it.
    let t = t.replace("title: S object ", "");
    let r = p(&t).unwrap();
    let s = &r.value["components"]["schemas"]["S"];
    assert_eq!(
        s["properties"]["r"]["anyOf"][1]["title"],
        json!("cond"),
        "{s:#}"
    );
    assert_eq!(s.get("title"), None);
}

#[test]
fn a_trailing_type_goes_to_the_schema_its_keywords_fit() {
    // Sorted keys write `type` last: `type: array` after `items: {oneOf: …}` is the array's
    // (R28), and the next `type: object` its owner's.
    let t = with_schema(
        "S: properties: list: description: Things. items: oneOf: - $ref: \
         '#/components/schemas/A' - $ref: '#/components/schemas/B' type: array type: object \
         A: type: string B: type: integer",
    );
    let r = p(&t).unwrap();
    let s = &r.value["components"]["schemas"]["S"];
    assert_eq!(s["properties"]["list"]["type"], json!("array"), "{s:#}");
    assert_eq!(s["properties"]["list"]["items"].get("type"), None);
    assert_eq!(s["type"], json!("object"));
}

#[test]
fn a_title_spelling_a_component_is_its_own_not_a_suffix_propertys() {
    let t = with_schema(
        "S: type: object properties: r: $ref: '#/components/schemas/CommandResult' \
         CommandResult: type: object properties: result: type: string example: ok title: \
         Command Result",
    );
    let r = p(&t).unwrap();
    let c = &r.value["components"]["schemas"]["CommandResult"];
    assert_eq!(c["title"], json!("Command Result"), "{c:#}");
    assert_eq!(c["properties"]["result"].get("title"), None);
}

#[test]
fn a_sorted_page_keeps_schema_keywords_ascending_and_title_with_type() {
    // A page in its source's order whose generator sorted every key (R17 for schemas):
    // `title: Global type: object` after the last `allOf` item is that item's.
    let t = "openapi: 3.1.0 info: title: x version: 1.0.0 paths: /a: get: description: Gets. \
             operationId: g responses: '200': content: application/json: schema: $ref: \
             '#/components/schemas/G' description: OK components: schemas: G: allOf: - \
             $ref: '#/components/schemas/R' - properties: a_id: description: A. type: string \
             b_on: description: B. type: boolean c_on: description: C. type: boolean title: \
             Global type: object R: properties: id: type: string kind: type: string name: \
             type: string type: object";
    let r = p(t).unwrap();
    let g = &r.value["components"]["schemas"]["G"];
    assert_eq!(g.as_object().unwrap().len(), 1, "{g:#}");
    assert_eq!(g["allOf"][1]["title"], json!("Global"));
    assert_eq!(g["allOf"][1]["type"], json!("object"));
    assert_eq!(
        r.value["components"]["schemas"]["R"]["type"],
        json!("object")
    );
}

#[test]
fn a_description_after_a_bare_ref_body_schema_is_the_bodys() {
    // Source order (`description` before `operationId`): a body's keys sorted put its
    // description after its content.
    let t = "openapi: 3.1.0 info: title: x version: 1.0.0 paths: /a: post: description: \
             Makes one. operationId: m requestBody: content: application/json: schema: \
             $ref: '#/components/schemas/S' description: What to make. required: true \
             responses: '200': description: OK components: schemas: S: type: string";
    let r = p(t).unwrap();
    let body = &r.value["paths"]["/a"]["post"]["requestBody"];
    assert_eq!(body["description"], json!("What to make."), "{body:#}");
    assert_eq!(
        body["content"]["application/json"]["schema"],
        json!({"$ref": "#/components/schemas/S"})
    );
}

#[test]
fn only_the_next_required_list_places_a_property() {
    // R19: `T`'s later `required: [id, b]` says nothing about `S`'s nested `b`.
    let t = with_schema(
        "S: type: object properties: id: type: string t: $ref: '#/components/schemas/T' \
         params: type: object properties: a: type: string b: type: string required: - id - \
         params T: type: object properties: id: type: string b: type: string required: - \
         id - b",
    );
    let r = p(&t).unwrap();
    let s = &r.value["components"]["schemas"]["S"];
    let inner: Vec<&String> = s["properties"]["params"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(inner, ["a", "b"], "{s:#}");
}

#[test]
fn a_discriminator_goes_to_the_schema_holding_its_property() {
    // Source order (`description` before `operationId`): `discriminator` after the last
    // property could be that property's; it names `kind`, a property of `S`.
    let t = "openapi: 3.1.0 info: title: x version: 1.0.0 paths: /a: get: description: Gets. \
             operationId: g responses: '200': content: application/json: schema: $ref: \
             '#/components/schemas/S' description: OK components: schemas: S: type: object \
             properties: kind: allOf: - $ref: '#/components/schemas/K' description: The \
             kind. discriminator: propertyName: kind description: Detection. K: type: string";
    let r = p(t).unwrap();
    let s = &r.value["components"]["schemas"]["S"];
    assert_eq!(s["discriminator"]["propertyName"], json!("kind"), "{s:#}");
    assert_eq!(s["properties"]["kind"].get("discriminator"), None);
    assert_eq!(s["description"], json!("Detection."));
}

#[test]
fn size_limits_and_numbered_example_keys_stay_with_their_property() {
    // `minProperties` after a property wrapping a reference is the property's, and
    // `channel2` after `channel1: {…}` is its sibling (R29).
    let t = with_schema(
        "S: type: object properties: ttl: type: integer channels: allOf: - $ref: \
         '#/components/schemas/C' minProperties: 1 examples: - channel1: read: true write: \
         true channel2: read: true write: false description: Channels. member_id: type: \
         string required: - ttl - channels C: type: object",
    );
    let r = p(&t).unwrap();
    let s = &r.value["components"]["schemas"]["S"];
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        keys(&s["properties"]),
        ["ttl", "channels", "member_id"],
        "{s:#}"
    );
    let channels = &s["properties"]["channels"];
    assert_eq!(channels["minProperties"], json!(1));
    assert_eq!(keys(&channels["examples"][0]), ["channel1", "channel2"]);
}

#[test]
fn a_property_after_a_nested_object_joins_the_map_it_resembles() {
    // R30: `title` has no description, like `code` and `detail` and unlike every member
    // of `source`.
    let t = with_schema(
        "S: type: object properties: code: type: string example: '1' detail: type: string \
         example: x source: type: object properties: parameter: type: string description: \
         P. pointer: type: string description: Q. title: type: string example: T",
    );
    let r = p(&t).unwrap();
    let s = &r.value["components"]["schemas"]["S"];
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        keys(&s["properties"]),
        ["code", "detail", "source", "title"],
        "{s:#}"
    );
    assert_eq!(
        keys(&s["properties"]["source"]["properties"]),
        ["parameter", "pointer"]
    );
}

#[test]
fn a_scalar_example_skips_an_object_variant() {
    // R25: `examples: - 120` after the last (object) variant is the union's.
    let t = with_schema(
        "S: type: object properties: hold: anyOf: - type: integer - type: object \
         properties: timeout: type: integer examples: - 300 description: Seconds. \
         examples: - 120 description: Hold.",
    );
    let r = p(&t).unwrap();
    let hold = &r.value["components"]["schemas"]["S"]["properties"]["hold"];
    assert_eq!(hold["examples"], json!([120]), "{hold:#}");
    assert_eq!(hold["anyOf"][1].get("examples"), None);
    assert_eq!(hold["description"], json!("Hold."));
}

/// The `fern.ambiguous` warnings of a reading.
fn ambiguities(r: &Parsed) -> Vec<&Diagnostic> {
    r.diagnostics
        .iter()
        .filter(|d| d.code == "fern.ambiguous")
        .collect()
}

#[test]
fn a_trailing_keyword_the_owner_cannot_hold_is_decided_not_flagged() {
    // R31: after `error: type: string`, a string `enum`, a string `format` and a multi-word
    // scalar example are the property's: an object owner cannot hold them, so no second reading
    // is offered (seed-like error components were flagged on every page that showed them).
    for (kw, want) in [
        (
            "enum: - Internal Server Error",
            json!(["Internal Server Error"]),
        ),
        ("format: date-time", json!("date-time")),
        ("example: Internal error", json!("Internal error")),
        ("minLength: 1", json!(1)),
    ] {
        let t = with_schema(&format!(
            "S: type: object properties: code: type: integer error: type: string {kw}"
        ));
        let r = p(&t).unwrap();
        let s = &r.value["components"]["schemas"]["S"];
        let key = kw.split(':').next().unwrap();
        assert_eq!(s["properties"]["error"][key], want, "{kw}: {s:#}");
        assert!(s.get(key).is_none(), "{kw}: {s:#}");
        assert!(ambiguities(&r).is_empty(), "{kw}: {:?}", r.diagnostics);
    }
}

#[test]
fn a_trailing_keyword_both_schemas_may_hold_stays_flagged_with_both_readings() {
    // A `description` after a map whose members are not described: the last property's or the
    // owner's, nothing on the page tells; the warning says what each reading gives.
    let t = with_schema(
        "S: type: object properties: a: type: string b: type: string description: Which?",
    );
    let r = p(&t).unwrap();
    let amb = ambiguities(&r);
    assert!(!amb.is_empty(), "{:?}", r.diagnostics);
    assert!(
        amb.iter()
            .any(|d| d.message.contains("`description`") && d.message.contains("the other")),
        "{amb:?}"
    );
}

#[test]
fn a_description_nearly_every_member_has_is_the_last_propertys() {
    // R31: three described members before the last one: its description, not the owner's.
    let t = with_schema(
        "S: type: object properties: a: type: string description: A. b: type: string \
         description: B. c: type: string description: C. d: type: string description: D.",
    );
    let r = p(&t).unwrap();
    let s = &r.value["components"]["schemas"]["S"];
    assert_eq!(s["properties"]["d"]["description"], json!("D."), "{s:#}");
    assert!(ambiguities(&r).is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn a_text_holding_its_own_key_is_found() {
    // A block scalar that ran past the next `description:` is found where it stands; prose
    // that merely mentions another key is not.
    let v = json!({"items": {"type": "object"}, "description": "First. description: Second.",
                   "title": "A description: of sorts"});
    let mut out = Vec::new();
    super::checks::own_key_in_text(&v, String::new(), 0, &mut out);
    assert_eq!(out, ["/description"]);
}

#[test]
fn a_description_after_a_responses_ref_schema_is_the_responses_unflagged() {
    // Sorted keys put a response's `content` before its `description`: the description could be
    // the `$ref` schema's sibling, but OpenAPI requires a response to have one, so the reading
    // that leaves the response without it is refuted, not offered as a second reading.
    let t = "openapi: 3.1.0 info: title: x version: 1.0.0 paths: /a: get: operationId: g \
             responses: '200': content: application/json: schema: \
             $ref: '#/components/schemas/S' description: The S. components: schemas: S: \
             type: string";
    // Another emitter's page (Fern's order would put the description before `content`).
    let opts = Options {
        fern_habits: false,
        ..Options::default()
    };
    let r = parse(t, 0..t.len(), &opts).unwrap();
    let ok = &r.value["paths"]["/a"]["get"]["responses"]["200"];
    assert_eq!(ok["description"], json!("The S."), "{ok:#}");
    assert_eq!(
        ok["content"]["application/json"]["schema"],
        json!({"$ref": "#/components/schemas/S"})
    );
    assert!(ambiguities(&r).is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn the_warning_names_the_key_and_where_each_reading_puts_it() {
    let t = with_schema(
        "S: type: object properties: a: type: string b: type: string description: Which?",
    );
    let r = p(&t).unwrap();
    let amb = ambiguities(&r);
    assert!(
        amb.iter().any(|d| d.message.contains(
            "the reading taken has `description` in Schema `/components/schemas/S/properties/b`, \
             the other `description` in Schema `/components/schemas/S`"
        )),
        "{amb:?}"
    );
}

#[test]
fn a_trailing_type_the_owner_cannot_be_is_the_last_propertys_unflagged() {
    // Sorted keys: `type: array` after `errors: items: {$ref}` is the array property's; an
    // owner holding `properties` is no array (R31), even with the item schema still open.
    let t = with_schema(
        "S: properties: errors: items: $ref: '#/components/schemas/E' type: array E: \
         type: string",
    );
    let r = p(&t).unwrap();
    let s = &r.value["components"]["schemas"]["S"];
    assert_eq!(s["properties"]["errors"]["type"], json!("array"), "{s:#}");
    assert!(s.get("type").is_none(), "{s:#}");
    assert!(ambiguities(&r).is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn example_data_in_sorted_order_holds_no_schema_keyword() {
    // Sorted keys write `example` before `properties`: on a page whose data mappings all
    // ascend, `properties` after `example: {page: 1, records: …, total: 2}` is no data key.
    let t = with_schema(
        "S: example: a: 1 b: 2 c: 3 d: 4 e: 5 f: 6 g: 7 h: 8 page: 1 total: 2 properties: \
         page: type: integer total: type: integer type: object",
    );
    // Another emitter's page (Fern's order would put `type` first).
    let opts = Options {
        fern_habits: false,
        ..Options::default()
    };
    let r = parse(&t, 0..t.len(), &opts).unwrap();
    let s = &r.value["components"]["schemas"]["S"];
    assert_eq!(s["properties"]["page"]["type"], json!("integer"), "{s:#}");
    assert!(ambiguities(&r).is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn readings_differing_only_in_example_data_are_noted_not_flagged() {
    // Whether the mapping example after `q`'s map is `p`'s or `q`'s changes only example data,
    // which the generated client never sees: a note, not a `fern.ambiguous` warning.
    let t = with_schema(
        "S: type: object properties: p: type: object properties: q: type: string example: \
         q: x",
    );
    let r = p(&t).unwrap();
    assert!(ambiguities(&r).is_empty(), "{:?}", r.diagnostics);
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.code == "fern.example-ambiguous"),
        "{:?}",
        r.diagnostics
    );
}
