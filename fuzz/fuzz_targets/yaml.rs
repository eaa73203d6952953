//! The YAML/JSON loader: any text gives a value or a `yaml.*` diagnostic with a position.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        match cpaas_codegen::frontend::yaml::parse_with_locations(text) {
            Ok(_) => {}
            Err(d) => assert!(d.is_error() && d.line >= 1, "error without a line: {d}"),
        }
    }
});
