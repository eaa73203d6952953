//! `cli::parse_arg` and `cli::Args` as the generated CLI uses them.

use cpaas_runtime::Error;
use cpaas_runtime::cli::{Args, parse_arg};
use serde::Deserialize;

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
enum Status {
    Active,
    Suspended,
    #[serde(rename = "closed")]
    ClosedForGood,
}

fn message(err: Error<()>) -> (String, String) {
    match err {
        Error::Validation { field, message } => (field, message),
        other => panic!("expected Validation, got {other:?}"),
    }
}

#[test]
fn integers() {
    assert_eq!(parse_arg::<u32>("page-size", "50").unwrap(), 50);
    assert_eq!(parse_arg::<i64>("offset", "-3").unwrap(), -3);
    assert_eq!(parse_arg::<f64>("ratio", "0.25").unwrap(), 0.25);
    let (field, msg) = message(parse_arg::<u32>("page-size", "fifty").unwrap_err());
    assert_eq!(field, "--page-size");
    assert!(msg.contains("u32") && msg.contains("fifty"), "{msg}");
    let (_, msg) = message(parse_arg::<u8>("n", "300").unwrap_err());
    assert!(msg.contains("u8"), "{msg}");
    assert!(parse_arg::<u32>("n", "-1").is_err());
}

#[test]
fn booleans() {
    assert!(parse_arg::<bool>("enabled", "true").unwrap());
    assert!(!parse_arg::<bool>("enabled", "false").unwrap());
    let (field, msg) = message(parse_arg::<bool>("enabled", "yes").unwrap_err());
    assert_eq!(field, "--enabled");
    assert!(msg.contains("bool"), "{msg}");
}

#[test]
fn strings_stay_verbatim() {
    assert_eq!(parse_arg::<String>("name", "my key").unwrap(), "my key");
    assert_eq!(
        parse_arg::<String>("name", "123").unwrap(),
        "123",
        "digits as a string"
    );
    assert_eq!(parse_arg::<String>("name", "true").unwrap(), "true");
    assert_eq!(
        parse_arg::<String>("name", "\"quoted\"").unwrap(),
        "quoted",
        "JSON string form"
    );
    assert_eq!(parse_arg::<String>("name", "a,b").unwrap(), "a,b");
    let uuid = "550e8400-e29b-41d4-a716-446655440000";
    assert_eq!(parse_arg::<String>("id", uuid).unwrap(), uuid);
    assert_eq!(
        parse_arg::<Option<String>>("id", uuid).unwrap().as_deref(),
        Some(uuid)
    );
}

#[test]
fn enums_as_strings() {
    assert_eq!(
        parse_arg::<Status>("status", "active").unwrap(),
        Status::Active
    );
    assert_eq!(
        parse_arg::<Status>("status", "suspended").unwrap(),
        Status::Suspended
    );
    assert_eq!(
        parse_arg::<Status>("status", "closed").unwrap(),
        Status::ClosedForGood
    );
    let (field, msg) = message(parse_arg::<Status>("status", "gone").unwrap_err());
    assert_eq!(field, "--status");
    assert!(msg.contains("Status") && msg.contains("active"), "{msg}");
}

#[test]
fn arrays() {
    assert_eq!(
        parse_arg::<Vec<u32>>("ids", "[1, 2, 3]").unwrap(),
        vec![1, 2, 3]
    );
    assert_eq!(
        parse_arg::<Vec<u32>>("ids", "1,2,3").unwrap(),
        vec![1, 2, 3]
    );
    assert_eq!(
        parse_arg::<Vec<String>>("tags", "a,b").unwrap(),
        vec!["a", "b"]
    );
    assert_eq!(
        parse_arg::<Vec<String>>("tags", "single").unwrap(),
        vec!["single"]
    );
    assert_eq!(
        parse_arg::<Vec<String>>("tags", "[\"x,y\"]").unwrap(),
        vec!["x,y"]
    );
    assert_eq!(
        parse_arg::<Vec<Status>>("s", "active,closed").unwrap(),
        vec![Status::Active, Status::ClosedForGood]
    );
    let (_, msg) = message(parse_arg::<Vec<u32>>("ids", "1,x").unwrap_err());
    assert!(msg.contains("Vec<u32>"), "{msg}");
}

#[test]
fn objects() {
    #[derive(Debug, Deserialize, PartialEq)]
    struct Meta {
        a: u32,
    }
    assert_eq!(
        parse_arg::<Meta>("meta", r#"{"a": 1}"#).unwrap(),
        Meta { a: 1 }
    );
    let (_, msg) = message(parse_arg::<Meta>("meta", r#"{"a": "x"}"#).unwrap_err());
    assert!(msg.contains("u32"), "{msg}");
}

#[test]
fn args_report_unused_flags() {
    let args = Args::new(vec![
        ("friendly-name".into(), "k".into()),
        ("permission".into(), "voice".into()),
        ("permission".into(), "sms".into()),
        ("typo-flag".into(), "x".into()),
        ("typo-flag".into(), "y".into()),
    ]);
    assert_eq!(args.get("friendly-name"), Some("k"));
    assert_eq!(args.get_all("permission"), vec!["voice", "sms"]);
    assert_eq!(args.get("missing"), None);
    assert_eq!(args.unused(), vec!["typo-flag".to_owned()]);
    assert_eq!(args.get("permission"), Some("sms"), "last one wins");
}
