//! Every frontend called directly, past detection: the first byte picks the frontend, the rest
//! is the page. Detection routes only inputs carrying a format's markers to its frontend; this
//! target also feeds each frontend pages that lost them.
#![no_main]
use cpaas_codegen::frontend::{bump, fern_md, html_httpdoc, mintlify_md, openapi};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let _ = match pick % 7 {
        0 => openapi::recover(text),
        1 => mintlify_md::recover(text),
        2 => html_httpdoc::recover(text),
        3 => bump::md::recover(text),
        4 => bump::text::recover(text),
        5 => fern_md::recover(text),
        _ => fern_md::recover_embedded(text),
    };
});
