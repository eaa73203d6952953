//! What the generated models accept and refuse when decoding, as users meet it through
//! `serde_json` or a response: required members, `null`, unknown members, enums.

use cpaas_tokens::signalwire::compatibility::types::{
    CompatibilityTokenValidationError, TokenResponse,
};
use serde_json::json;

const ID: &str = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

#[test]
fn a_model_decodes_its_members_and_skips_unknown_ones() {
    let t: TokenResponse = serde_json::from_value(json!({
        "id": ID, "name": "ci", "permissions": ["calling", "chat"], "token": "tok",
        "added_later": {"nested": [1, 2, 3]}
    }))
    .expect("decodes");
    assert_eq!(t.id.to_string(), ID);
    assert_eq!(t.permissions, ["calling", "chat"]);
    assert_eq!(t.token.expose(), "tok");
}

#[test]
fn a_missing_required_member_is_named_and_a_wrong_type_is_explained() {
    let e = serde_json::from_value::<TokenResponse>(json!({
        "id": ID, "name": "ci", "permissions": []
    }))
    .unwrap_err()
    .to_string();
    assert_eq!(e, "missing field `token`");
    let e = serde_json::from_str::<TokenResponse>(r#"{"id": 3}"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("invalid type: integer `3`"), "{e}");
    let e = serde_json::from_str::<TokenResponse>("[1]")
        .unwrap_err()
        .to_string();
    assert!(e.contains("expected an object (TokenResponse)"), "{e}");
}

#[test]
fn optional_members_read_null_and_absence_as_none() {
    let v: CompatibilityTokenValidationError = serde_json::from_value(json!({
        "type": null, "code": "invalid", "url": "https://example.com/e"
    }))
    .expect("decodes");
    assert_eq!(v.type_, None);
    assert_eq!(v.code.as_deref(), Some("invalid"));
    assert_eq!(v.message, None);
    assert_eq!(
        v.url.map(|u| u.to_string()).as_deref(),
        Some("https://example.com/e")
    );
}

#[test]
fn this_crates_models_serialize_back_to_what_was_received() {
    // cpaas-tokens builds with `full_serde`: a decoded token can be stored as JSON.
    let wire = json!({"id": ID, "name": "ci", "permissions": ["chat"], "token": "tok"});
    let t: TokenResponse = serde_json::from_value(wire.clone()).expect("decodes");
    assert_eq!(serde_json::to_value(&t).expect("serializes"), wire);
}
