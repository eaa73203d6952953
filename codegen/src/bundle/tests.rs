//! Unit tests of the bundler on fixture trees written to a temporary folder.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use tempfile::TempDir;

use super::{Bundled, bundle, bundle_within, may_hold_external_refs};
use crate::diag::Diagnostic;

/// Writes `files` (path relative to the temporary folder, text) and returns the folder.
fn tree(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

fn run(dir: &Path, entry: &str) -> Result<Bundled, Vec<Diagnostic>> {
    let path = dir.join(entry);
    let text = std::fs::read_to_string(&path).unwrap();
    bundle(&path, crate::frontend::yaml::parse(&text).unwrap())
}

fn ok(dir: &Path, entry: &str) -> Bundled {
    run(dir, entry).unwrap_or_else(|e| panic!("{e:#?}"))
}

/// The one error of a failed bundle.
fn err(dir: &Path, entry: &str) -> Diagnostic {
    let mut e = run(dir, entry).expect_err("bundling should fail");
    assert_eq!(e.len(), 1, "{e:#?}");
    e.remove(0)
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

/// The JSON of a path whose tokens are given plainly (not pointer-escaped).
fn at<'a>(v: &'a Value, path: &[&str]) -> &'a Value {
    let mut v = v;
    for p in path {
        v = match v {
            Value::Array(a) => &a[p.parse::<usize>().unwrap()],
            _ => v.get(*p).unwrap_or_else(|| panic!("no `{p}` in {v:#}")),
        };
    }
    v
}

const ENTRY: &str = "openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /pets/{petId}:
    $ref: paths/pets.yaml
";

const PETS: &str = "get:
  operationId: getPet
  parameters:
    - $ref: ../components/parameters.yaml#/PetId
    - $ref: '../components/parameters.yaml#/Limit'
  responses:
    '200':
      description: ok
      content:
        application/json:
          schema:
            $ref: ../components/schemas/Pet.yaml
    default:
      $ref: ../components/responses/Error.yaml
";

fn pets_tree() -> TempDir {
    tree(&[
        ("openapi.yaml", ENTRY),
        ("paths/pets.yaml", PETS),
        (
            "components/parameters.yaml",
            "PetId: {name: petId, in: path, required: true, schema: {type: string}}\n\
             Limit: {name: limit, in: query, schema: {type: integer}}\n",
        ),
        (
            "components/schemas/Pet.yaml",
            "type: object\nproperties:\n  id: {type: string}\n  owner:\n    $ref: ./Owner.yaml\n",
        ),
        (
            "components/schemas/Owner.yaml",
            "type: object\nproperties: {name: {type: string}}\n",
        ),
        (
            "components/responses/Error.yaml",
            "description: error\ncontent:\n  application/json:\n    schema:\n      $ref: '../schemas/common.yaml#/Error'\n",
        ),
        (
            "components/schemas/common.yaml",
            "Error:\n  type: object\n  properties: {message: {type: string}}\n",
        ),
    ])
}

#[test]
fn fragment_and_whole_file_refs_up_to_a_sibling_folder() {
    let dir = pets_tree();
    let b = ok(dir.path(), "openapi.yaml");
    let get = at(&b.doc, &["paths", "/pets/{petId}", "get"]);
    assert_eq!(get["operationId"], "getPet");
    assert_eq!(at(get, &["parameters", "0", "name"]), "petId");
    assert_eq!(at(get, &["parameters", "1", "in"]), "query");
    let ok_schema = at(
        get,
        &["responses", "200", "content", "application/json", "schema"],
    );
    assert_eq!(ok_schema, &json!({"$ref": "#/components/schemas/Pet"}));
    let error = at(get, &["responses", "default"]);
    assert_eq!(error["description"], "error");
    assert_eq!(
        at(error, &["content", "application/json", "schema", "$ref"]),
        "#/components/schemas/Error"
    );
    let schemas = at(&b.doc, &["components", "schemas"]);
    assert_eq!(
        at(schemas, &["Pet", "properties", "owner", "$ref"]),
        "#/components/schemas/Owner"
    );
    assert_eq!(at(schemas, &["Owner", "type"]), "object");
    assert_eq!(
        at(schemas, &["Error", "properties", "message", "type"]),
        "string"
    );
    // Nothing external is left.
    assert!(!serde_json::to_string(&b.doc).unwrap().contains(".yaml"));
    // Every file read, the entry first, under the entry's folder as given.
    assert_eq!(b.files[0], dir.path().join("openapi.yaml"));
    assert_eq!(b.files.len(), 7, "{:?}", b.files);
    assert!(
        b.files
            .contains(&dir.path().join("components/schemas/common.yaml"))
    );
}

#[test]
fn bundling_is_deterministic() {
    let dir = pets_tree();
    let a = ok(dir.path(), "openapi.yaml");
    let b = ok(dir.path(), "openapi.yaml");
    assert_eq!(
        serde_json::to_string(&a.doc).unwrap(),
        serde_json::to_string(&b.doc).unwrap()
    );
}

#[test]
fn nested_refs_three_files_deep() {
    let dir = tree(&[
        (
            "openapi.yaml",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    $ref: a/path.yaml\n",
        ),
        (
            "a/path.yaml",
            "post:\n  requestBody:\n    $ref: ../b/body.yaml\n  responses:\n    '204': {description: none}\n",
        ),
        (
            "b/body.yaml",
            "content:\n  application/json:\n    schema:\n      $ref: ../c/Thing.json\n    examples:\n      one:\n        $ref: ../c/example.yaml\n",
        ),
        (
            "c/Thing.json",
            r#"{"type": "object", "properties": {"n": {"type": "integer"}}}"#,
        ),
        ("c/example.yaml", "summary: one\nvalue: {n: 1}\n"),
    ]);
    let b = ok(dir.path(), "openapi.yaml");
    let media = at(
        &b.doc,
        &[
            "paths",
            "/a",
            "post",
            "requestBody",
            "content",
            "application/json",
        ],
    );
    assert_eq!(
        media["schema"],
        json!({"$ref": "#/components/schemas/Thing"})
    );
    assert_eq!(at(media, &["examples", "one", "value", "n"]), 1);
    assert_eq!(
        at(
            &b.doc,
            &["components", "schemas", "Thing", "properties", "n", "type"]
        ),
        "integer"
    );
}

fn cycle_files(entry: &str) -> TempDir {
    tree(&[
        ("openapi.yaml", entry),
        (
            "schemas/A.yaml",
            "type: object\nproperties:\n  b:\n    $ref: B.yaml\n  self:\n    type: array\n    items:\n      $ref: ./A.yaml\n",
        ),
        (
            "schemas/B.yaml",
            "type: object\nproperties:\n  a:\n    $ref: ../schemas/A.yaml\n",
        ),
    ])
}

#[test]
fn a_cycle_across_two_files_becomes_component_references() {
    let dir = cycle_files(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: schemas/A.yaml\n",
    );
    let b = ok(dir.path(), "openapi.yaml");
    let schemas = at(&b.doc, &["components", "schemas"]);
    assert_eq!(schemas.as_object().unwrap().len(), 2, "{schemas:#}");
    assert_eq!(
        at(schemas, &["A", "properties", "b", "$ref"]),
        "#/components/schemas/B"
    );
    assert_eq!(
        at(schemas, &["A", "properties", "self", "items", "$ref"]),
        "#/components/schemas/A"
    );
    assert_eq!(
        at(schemas, &["B", "properties", "a", "$ref"]),
        "#/components/schemas/A"
    );
}

#[test]
fn a_component_that_is_only_a_reference_takes_the_files_schema_and_keeps_its_name() {
    let dir = cycle_files(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Root:\n      $ref: schemas/A.yaml\n    Alias:\n      $ref: schemas/A.yaml\n",
    );
    let b = ok(dir.path(), "openapi.yaml");
    let schemas = at(&b.doc, &["components", "schemas"]);
    let names: Vec<&String> = schemas.as_object().unwrap().keys().collect();
    assert_eq!(names, ["Root", "Alias", "B"]);
    assert_eq!(at(schemas, &["Root", "type"]), "object");
    assert_eq!(
        at(schemas, &["Root", "properties", "self", "items", "$ref"]),
        "#/components/schemas/Root"
    );
    assert_eq!(
        schemas["Alias"],
        json!({"$ref": "#/components/schemas/Root"})
    );
    assert_eq!(
        at(schemas, &["B", "properties", "a", "$ref"]),
        "#/components/schemas/Root"
    );
}

#[test]
fn same_names_in_different_folders_get_qualified_names_whatever_the_order() {
    let files = |first: &str, second: &str| {
        tree(&[
            (
                "openapi.yaml",
                &format!(
                    "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    One:\n      items:\n        $ref: {first}\n    Two:\n      items:\n        $ref: {second}\n"
                ),
            ),
            ("store/Pet.yaml", "type: object\ntitle: store\n"),
            ("zoo/Pet.yaml", "type: object\ntitle: zoo\n"),
        ])
    };
    for (first, second) in [
        ("store/Pet.yaml", "zoo/Pet.yaml"),
        ("zoo/Pet.yaml", "store/Pet.yaml"),
    ] {
        let dir = files(first, second);
        let b = ok(dir.path(), "openapi.yaml");
        let schemas = at(&b.doc, &["components", "schemas"]);
        assert_eq!(at(schemas, &["store_Pet", "title"]), "store");
        assert_eq!(at(schemas, &["zoo_Pet", "title"]), "zoo");
        assert!(schemas.get("Pet").is_none());
        let one = if first.starts_with("store") {
            "#/components/schemas/store_Pet"
        } else {
            "#/components/schemas/zoo_Pet"
        };
        assert_eq!(at(schemas, &["One", "items", "$ref"]), one);
    }
}

#[test]
fn a_name_of_the_entry_document_is_not_overwritten() {
    let dir = tree(&[
        (
            "openapi.yaml",
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Pet: {type: string}\n    Other:\n      type: array\n      items:\n        $ref: models/Pet.yaml\n",
        ),
        ("models/Pet.yaml", "type: object\n"),
    ]);
    let b = ok(dir.path(), "openapi.yaml");
    let schemas = at(&b.doc, &["components", "schemas"]);
    assert_eq!(schemas["Pet"], json!({"type": "string"}));
    assert_eq!(schemas["models_Pet"], json!({"type": "object"}));
    assert_eq!(
        at(schemas, &["Other", "items", "$ref"]),
        "#/components/schemas/models_Pet"
    );
}

#[test]
fn refs_local_to_an_external_file_resolve_against_that_file() {
    let dir = tree(&[
        (
            "openapi.yaml",
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /o:\n    get:\n      responses:\n        '200':\n          $ref: lib/Order.yaml#/responses/Ok\ncomponents:\n  schemas:\n    Item: {type: string, title: entry}\n",
        ),
        (
            "lib/Order.yaml",
            "responses:\n  Ok:\n    description: ok\n    content:\n      application/json:\n        schema:\n          $ref: '#/Order'\nOrder:\n  type: object\n  properties:\n    item:\n      $ref: '#/Item'\nItem:\n  type: integer\n",
        ),
    ]);
    let b = ok(dir.path(), "openapi.yaml");
    let schemas = at(&b.doc, &["components", "schemas"]);
    // `#/Item` of Order.yaml is not the entry's `Item`.
    assert_eq!(schemas["Item"], json!({"type": "string", "title": "entry"}));
    assert_eq!(
        at(schemas, &["Order", "properties", "item", "$ref"]),
        "#/components/schemas/lib_Order_Item"
    );
    assert_eq!(schemas["lib_Order_Item"], json!({"type": "integer"}));
    assert_eq!(
        at(
            &b.doc,
            &[
                "paths",
                "/o",
                "get",
                "responses",
                "200",
                "content",
                "application/json",
                "schema",
                "$ref"
            ]
        ),
        "#/components/schemas/Order"
    );
}

#[test]
fn yaml_refers_to_json_and_json_back_to_yaml() {
    let dir = tree(&[
        (
            "openapi.yaml",
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    $ref: './paths/x.json'\n",
        ),
        (
            "paths/x.json",
            r#"{"get": {"parameters": [{"$ref": "../params/q.yaml"}], "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "../schemas.json#/components/schemas/X"}}}}}}}"#,
        ),
        (
            "params/q.yaml",
            "name: q\nin: query\nschema: {type: string}\n",
        ),
        (
            "schemas.json",
            r#"{"components": {"schemas": {"X": {"type": "object", "properties": {"y": {"$ref": "./y.yaml"}}}}}}"#,
        ),
        ("y.yaml", "type: boolean\n"),
    ]);
    let b = ok(dir.path(), "openapi.yaml");
    let get = at(&b.doc, &["paths", "/x", "get"]);
    assert_eq!(at(get, &["parameters", "0", "name"]), "q");
    let schemas = at(&b.doc, &["components", "schemas"]);
    assert_eq!(
        at(schemas, &["X", "properties", "y", "$ref"]),
        "#/components/schemas/y"
    );
    assert_eq!(schemas["y"], json!({"type": "boolean"}));
}

#[test]
fn a_ref_into_the_entry_document_becomes_local() {
    let dir = tree(&[
        (
            "openapi.yaml",
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    $ref: paths/x.yaml\ncomponents:\n  schemas:\n    E: {type: string}\n  parameters:\n    P: {name: p, in: query}\n",
        ),
        (
            "paths/x.yaml",
            "get:\n  parameters:\n    - $ref: ../openapi.yaml#/components/parameters/P\n  responses:\n    '200':\n      description: ok\n      content:\n        application/json:\n          schema:\n            $ref: '../openapi.yaml#/components/schemas/E'\n",
        ),
    ]);
    let b = ok(dir.path(), "openapi.yaml");
    let get = at(&b.doc, &["paths", "/x", "get"]);
    assert_eq!(
        get["parameters"][0],
        json!({"$ref": "#/components/parameters/P"})
    );
    assert_eq!(
        at(
            get,
            &["responses", "200", "content", "application/json", "schema"]
        ),
        &json!({"$ref": "#/components/schemas/E"})
    );
}

#[test]
fn discriminator_mappings_literal_data_and_extensions() {
    let dir = tree(&[
        (
            "openapi.yaml",
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      x-codeSamples:\n        - lang: C\n          source:\n            $ref: code/get.c\n      responses:\n        default:\n          $ref: r.yaml\ncomponents:\n  schemas:\n    Animal:\n      $ref: s/Animal.yaml\n",
        ),
        ("r.yaml", "description: any\n"),
        (
            "s/Animal.yaml",
            "oneOf:\n  - $ref: ./Cat.yaml\ndiscriminator:\n  propertyName: kind\n  mapping:\n    cat: ./Cat.yaml\n    dog: Dog\nexample:\n  $ref: not/a/file.yaml\nproperties:\n  default:\n    $ref: ./Cat.yaml\n",
        ),
        ("s/Cat.yaml", "type: object\n"),
    ]);
    let b = ok(dir.path(), "openapi.yaml");
    let get = at(&b.doc, &["paths", "/x", "get"]);
    // Extensions are left as written, `default` responses followed.
    assert_eq!(
        at(get, &["x-codeSamples", "0", "source", "$ref"]),
        "code/get.c"
    );
    assert_eq!(at(get, &["responses", "default", "description"]), "any");
    let animal = at(&b.doc, &["components", "schemas", "Animal"]);
    assert_eq!(
        at(animal, &["discriminator", "mapping", "cat"]),
        "#/components/schemas/Cat"
    );
    assert_eq!(at(animal, &["discriminator", "mapping", "dog"]), "Dog");
    assert_eq!(
        at(animal, &["oneOf", "0", "$ref"]),
        "#/components/schemas/Cat"
    );
    assert_eq!(at(animal, &["example", "$ref"]), "not/a/file.yaml");
    // A property named `default` is a schema, not literal data.
    assert_eq!(
        at(animal, &["properties", "default", "$ref"]),
        "#/components/schemas/Cat"
    );
}

#[test]
fn swagger2_schemas_go_to_definitions() {
    let dir = tree(&[
        (
            "swagger.yaml",
            "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      parameters:\n        - $ref: 'parameters.yaml#/limit'\n      responses:\n        '200':\n          description: ok\n          schema:\n            type: array\n            items:\n              $ref: Pet.yaml\n",
        ),
        (
            "parameters.yaml",
            "limit: {name: limit, in: query, type: integer}\n",
        ),
        ("Pet.yaml", "type: object\n"),
    ]);
    let b = ok(dir.path(), "swagger.yaml");
    let get = at(&b.doc, &["paths", "/pets", "get"]);
    assert_eq!(at(get, &["parameters", "0", "name"]), "limit");
    assert_eq!(
        at(get, &["responses", "200", "schema", "items", "$ref"]),
        "#/definitions/Pet"
    );
    assert_eq!(b.doc["definitions"]["Pet"], json!({"type": "object"}));
    assert!(b.doc.get("components").is_none());
}

/// An entry document in `api/` whose `/x` path item is `$ref: REF` (on line 5).
fn refusing(reference: &str) -> (TempDir, String) {
    let text = format!(
        "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths:\n  /x:\n    $ref: '{reference}'\n"
    );
    let dir = tree(&[
        ("api/openapi.yaml", &text),
        (
            "outside.yaml",
            "get: {responses: {'200': {description: ok}}}\n",
        ),
        (
            "api/sub/p.yaml",
            "get: {responses: {'200': {description: ok}}}\n",
        ),
    ]);
    (dir, text)
}

fn assert_names_file_and_line(d: &Diagnostic, file: &Path, line: usize, reference: &str) {
    assert!(d.is_error());
    assert_eq!(d.file.as_deref(), Some(file), "{d}");
    assert_eq!(d.line, line, "{d}");
    assert!(d.col > 0, "{d}");
    assert!(d.message.contains(reference), "{d}");
    let shown = d.to_string();
    assert!(
        shown.starts_with(&format!("{}:{line}:", file.display())),
        "{shown}"
    );
}

#[test]
fn a_ref_that_leaves_the_folder_is_refused_with_file_and_line() {
    for reference in [
        "../outside.yaml",
        "sub/../../outside.yaml",
        "../../../../etc/passwd",
    ] {
        let (dir, text) = refusing(reference);
        let d = err(dir.path(), "api/openapi.yaml");
        assert_eq!(d.code, "bundle.ref-outside", "{d}");
        let entry = dir.path().join("api/openapi.yaml");
        assert_names_file_and_line(&d, &entry, line_of(&text, "$ref"), reference);
        assert!(d.message.contains("expected a file inside"), "{d}");
    }
    // Coming back down into the folder is fine.
    let (dir, _) = refusing("sub/../sub/p.yaml");
    ok(dir.path(), "api/openapi.yaml");
}

#[test]
fn a_bundle_root_lets_references_climb_to_it_and_no_further() {
    let within = |dir: &Path, reference: &str, root: &Path| {
        let (path, text) = (dir.join("api/openapi.yaml"), refusing(reference).1);
        std::fs::write(&path, &text).unwrap();
        bundle_within(
            &path,
            crate::frontend::yaml::parse(&text).unwrap(),
            Some(root),
        )
    };
    let (dir, _) = refusing("../outside.yaml");
    // The tree's top declared as the root: `../outside.yaml` is inlined.
    let b = within(dir.path(), "../outside.yaml", dir.path()).unwrap_or_else(|e| panic!("{e:#?}"));
    assert!(b.doc["paths"]["/x"]["get"].is_object(), "{}", b.doc);
    assert_eq!(b.files.len(), 2, "{:?}", b.files);
    // Still nothing above the root.
    let e = within(dir.path(), "../../outside.yaml", dir.path()).unwrap_err();
    assert_eq!(e[0].code, "bundle.ref-outside", "{e:#?}");
    // A root that does not hold the entry document is refused.
    let other = dir.path().join("api/sub");
    let e = within(dir.path(), "../outside.yaml", &other).unwrap_err();
    assert_eq!(e[0].code, "bundle.root-outside", "{e:#?}");
    // The default (no root) is unchanged: the entry's folder.
    assert_eq!(
        err(dir.path(), "api/openapi.yaml").code,
        "bundle.ref-outside"
    );
}

#[test]
fn an_absolute_path_is_refused_with_file_and_line() {
    let abs = std::path::absolute("/etc/passwd").unwrap();
    for reference in [
        abs.display().to_string(),
        "/etc/passwd".into(),
        "C:\\x.yaml".into(),
    ] {
        let (dir, text) = refusing(&reference);
        let d = err(dir.path(), "api/openapi.yaml");
        assert_eq!(d.code, "bundle.ref-absolute", "{d}");
        let entry = dir.path().join("api/openapi.yaml");
        assert_names_file_and_line(&d, &entry, line_of(&text, "$ref"), &reference);
    }
}

#[test]
fn a_url_is_refused_with_file_and_line() {
    for reference in [
        "https://example.com/openapi.yaml#/paths/x",
        "http://example.com/p.yaml",
        "//example.com/p.yaml",
        "file:///etc/passwd",
    ] {
        let (dir, text) = refusing(reference);
        let d = err(dir.path(), "api/openapi.yaml");
        assert_eq!(d.code, "bundle.ref-url", "{d}");
        let entry = dir.path().join("api/openapi.yaml");
        assert_names_file_and_line(&d, &entry, line_of(&text, "$ref"), reference);
    }
}

#[test]
fn a_missing_file_names_the_referring_file_line_and_reference() {
    let dir = pets_tree();
    std::fs::remove_file(dir.path().join("components/schemas/Owner.yaml")).unwrap();
    let d = err(dir.path(), "openapi.yaml");
    assert_eq!(d.code, "bundle.ref-missing-file", "{d}");
    let pet = dir.path().join("components/schemas/Pet.yaml");
    let text = std::fs::read_to_string(&pet).unwrap();
    assert_names_file_and_line(&d, &pet, line_of(&text, "Owner.yaml"), "./Owner.yaml");
    assert!(d.message.contains("Owner.yaml"), "{d}");
}

#[test]
fn a_missing_fragment_names_the_referring_file_line_and_reference() {
    let dir = pets_tree();
    let pets = dir.path().join("paths/pets.yaml");
    std::fs::write(&pets, PETS.replace("#/Limit", "#/Limits")).unwrap();
    let d = err(dir.path(), "openapi.yaml");
    assert_eq!(d.code, "bundle.ref-missing-fragment", "{d}");
    assert_names_file_and_line(
        &d,
        &pets,
        line_of(PETS, "#/Limit"),
        "../components/parameters.yaml#/Limits",
    );
    assert!(d.message.contains("#/Limits"), "{d}");
}

/// Redocly's `split` (seen in PingOne's published tree) names the path item of
/// `/flows/{id}#clone+json` `paths/flows_{id}#clone+json.yaml` and refers to it unescaped.
#[test]
fn a_file_name_holding_a_hash_is_read_whole_when_it_exists() {
    let entry = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /flows/{id}#clone+json:\n    $ref: paths/flows_{id}#clone+json.yaml\n";
    let dir = tree(&[
        ("openapi.yaml", entry),
        (
            "paths/flows_{id}#clone+json.yaml",
            "post:\n  operationId: cloneFlow\n  responses:\n    '204': {description: none}\n",
        ),
    ]);
    let b = ok(dir.path(), "openapi.yaml");
    assert_eq!(
        at(
            &b.doc,
            &["paths", "/flows/{id}#clone+json", "post", "operationId"]
        ),
        "cloneFlow"
    );
    // No such file: still a fragment that is no JSON pointer, named with its line.
    let dir = tree(&[(
        "openapi.yaml",
        &entry.replace("clone+json.yaml", "other.yaml"),
    )]);
    let d = err(dir.path(), "openapi.yaml");
    assert_eq!(d.code, "bundle.ref-fragment", "{d}");
    assert_eq!(d.line, 5, "{d}");
}

#[test]
fn every_broken_reference_is_reported() {
    let dir = tree(&[(
        "openapi.yaml",
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    $ref: a.yaml\n  /b:\n    $ref: https://x/b.yaml\n",
    )]);
    let e = run(dir.path(), "openapi.yaml").unwrap_err();
    let codes: Vec<_> = e.iter().map(|d| (d.code, d.line)).collect();
    assert_eq!(
        codes,
        [("bundle.ref-missing-file", 5), ("bundle.ref-url", 7)]
    );
}

#[test]
fn a_cycle_of_path_items_is_an_error_not_a_hang() {
    let dir = tree(&[
        (
            "openapi.yaml",
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    $ref: a.yaml\n",
        ),
        ("a.yaml", "$ref: b.yaml\n"),
        ("b.yaml", "$ref: a.yaml\n"),
    ]);
    let d = err(dir.path(), "openapi.yaml");
    assert_eq!(d.code, "bundle.ref-cycle", "{d}");
    assert_eq!(d.file.as_deref(), Some(dir.path().join("b.yaml").as_path()));
    assert_eq!(d.line, 1);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_folder_is_refused() {
    let (dir, _) = refusing("sub/link.yaml");
    std::os::unix::fs::symlink(
        dir.path().join("outside.yaml"),
        dir.path().join("api/sub/link.yaml"),
    )
    .unwrap();
    let d = err(dir.path(), "api/openapi.yaml");
    assert_eq!(d.code, "bundle.ref-outside", "{d}");
    assert_eq!(d.line, 5);
}

#[test]
fn odd_input_gives_errors_not_panics() {
    for (reference, other) in [
        ("''", "x"),
        ("'#'", "x"),
        ("'#anchor'", "x"),
        ("b.yaml", "\u{0}\u{1}: ["),
        ("b.yaml", "[1, 2]"),
        ("b.yaml#/0/x", "[1, 2]"),
        ("'b.yaml#/~2'", "a: 1"),
        ("'%zz%2'", "a: 1"),
        ("'b.yaml#%2Fa'", "a: 1"),
        ("sub", "a: 1"),
        ("12", "a: 1"),
        ("{a: 1}", "a: 1"),
    ] {
        let dir = tree(&[
            (
                "openapi.yaml",
                &format!(
                    "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    $ref: {reference}\n    get:\n      responses:\n        default:\n          $ref: {reference}\ncomponents:\n  schemas:\n    S:\n      $ref: {reference}\n"
                ),
            ),
            ("b.yaml", other),
            ("sub/c.yaml", "a: 1"),
        ]);
        let _ = run(dir.path(), "openapi.yaml");
    }
}

#[test]
fn the_text_test_finds_external_refs() {
    assert!(may_hold_external_refs("a:\n  $ref: paths/a.yaml\n"));
    assert!(may_hold_external_refs(r#"{"$ref" : "./a.json#/x"}"#));
    assert!(!may_hold_external_refs(
        "a:\n  $ref: '#/components/schemas/A'\n"
    ));
    assert!(!may_hold_external_refs(r##"{"$ref":"#/a"}"##));
    assert!(!may_hold_external_refs("no refs at all"));
}

/// `specs/<provider>/<api>/` with a multi-file document, through the whole pipeline.
fn specs_tree(entry_ref: &str) -> TempDir {
    tree(&[
        (
            "specs/acme/v1/openapi.yaml",
            &format!(
                "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\nservers: [{{url: 'https://x'}}]\npaths:\n  /things/{{id}}:\n    $ref: {entry_ref}\n"
            ),
        ),
        (
            "specs/acme/v1/paths/thing.yaml",
            "get:\n  operationId: getThing\n  parameters:\n    - $ref: ../common.yaml#/Id\n  responses:\n    '200':\n      description: ok\n      content:\n        application/json:\n          schema:\n            $ref: ../schemas/Thing.yaml\n",
        ),
        (
            "specs/acme/v1/common.yaml",
            "Id: {name: id, in: path, required: true, schema: {type: integer}}\n",
        ),
        (
            "specs/acme/v1/schemas/Thing.yaml",
            "type: object\nproperties: {name: {type: string}}\n",
        ),
        (
            "outside.yaml",
            "get: {responses: {'200': {description: ok}}}\n",
        ),
    ])
}

#[test]
fn recover_file_bundles_and_reports_every_file_read() {
    let dir = specs_tree("paths/thing.yaml");
    let entry = dir.path().join("specs/acme/v1/openapi.yaml");
    let (report, rec, diags) = crate::config::recover_file(&entry).unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    let doc = rec.unwrap().doc;
    assert_eq!(
        doc["paths"]["/things/{id}"]["get"]["parameters"][0]["name"],
        "id"
    );
    let sources: Vec<PathBuf> = report.sources.clone();
    assert_eq!(
        sources,
        [
            entry.clone(),
            dir.path().join("specs/acme/v1/paths/thing.yaml"),
            dir.path().join("specs/acme/v1/common.yaml"),
            dir.path().join("specs/acme/v1/schemas/Thing.yaml"),
        ]
    );
}

#[test]
fn recover_file_refuses_a_ref_out_of_the_tree() {
    let dir = specs_tree("../../../outside.yaml");
    let entry = dir.path().join("specs/acme/v1/openapi.yaml");
    let e = crate::config::recover_file(&entry).unwrap_err();
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].code, "bundle.ref-outside");
    assert_eq!(e[0].file.as_deref(), Some(entry.as_path()));
    assert_eq!(e[0].line, 6);
    assert!(e[0].message.contains("../../../outside.yaml"), "{}", e[0]);
}

#[test]
fn a_referenced_file_in_the_api_folder_is_not_a_document_of_its_own() {
    let dir = specs_tree("paths/thing.yaml");
    let g = crate::Config::new()
        .specs_dir(dir.path().join("specs"))
        .cargo_directives(false)
        .run()
        .unwrap_or_else(|e| panic!("{e}"));
    let notes: Vec<_> = g
        .diagnostics
        .iter()
        .filter(|d| d.code == "bundle.part-of-document")
        .collect();
    assert_eq!(notes.len(), 1, "{:?}", g.diagnostics);
    assert!(notes[0].file.as_ref().unwrap().ends_with("common.yaml"));
    assert!(notes[0].message.contains("openapi.yaml"));
    assert_eq!(g.files.len(), 1);
    assert_eq!(g.apis.len(), 1);
    let op = &g.apis[0].operations[0];
    assert_eq!(op.params.len(), 1, "{op:#?}");
    assert!(
        !g.diagnostics
            .iter()
            .any(|d| d.code == "lower.path-parameter-undeclared"),
        "{:?}",
        g.diagnostics
    );
}
