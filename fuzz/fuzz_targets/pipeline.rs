//! The whole pipeline as `Config::run` drives it, bytes to code: detect, recover, lower, emit (tokens, syn,
//! prettyplease). Every stage must end in a result or a diagnostic; the emitter must always
//! produce code that parses (an `emit.internal` error is a bug, so it panics here).
#![no_main]
use cpaas_codegen::emit::{EmitOptions, emit};
use cpaas_codegen::frontend::{Outcome, recover};
use cpaas_codegen::lower::{Input, lower};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok((detected, Outcome::Recovered(recovered))) = recover(text) else {
        return;
    };
    let input = Input {
        path: "fuzz.yaml".into(),
        format: detected.format.id().into(),
        recovered,
    };
    let Ok((api, _)) = lower("fuzz", "api", &[input]) else {
        return;
    };
    if let Err(e) = emit(&[api], &EmitOptions::default()) {
        panic!("{e}");
    }
});
