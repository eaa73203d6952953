//! Detection plus every frontend present: `frontend::recover` on arbitrary text must return a
//! document or a diagnostic, never panic or hang.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = cpaas_codegen::frontend::recover(text);
    }
});
