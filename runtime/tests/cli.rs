//! `cli::Args` as the command line uses it: every value of a repeated flag, the last one for a
//! single value, and the flags no operation read.

use cpaas_runtime::cli::Args;

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
