//! The Mintlify Markdown frontend called directly (no detection in front of it), so inputs that
//! detection would route elsewhere still reach its fence and block parsing.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = cpaas_codegen::frontend::mintlify_md::recover(text);
    }
});
