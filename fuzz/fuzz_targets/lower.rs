//! Lowering on arbitrary JSON: any document gives an IR or an error diagnostic, never a panic.
//! The input is JSON text (seeded with real OpenAPI documents), so mutations stay schema-shaped.
#![no_main]
use cpaas_codegen::frontend::Recovered;
use cpaas_codegen::lower::{Input, lower};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let input = Input {
        path: "fuzz.json".into(),
        format: "openapi".into(),
        recovered: Recovered::new(doc),
    };
    let _ = lower("fuzz", "api", &[input]);
});
