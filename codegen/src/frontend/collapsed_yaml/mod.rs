//! Recovery of OpenAPI YAML whose whitespace a crawler collapsed (docs/formats.md §2, §8).
//!
//! YAML closes mappings, lists and block scalars only by indentation, so once every whitespace
//! run became one space, every such end is ambiguous. This module parses the token stream with a
//! schema-guided, deterministic depth-first search: it knows which keys each OpenAPI object takes
//! (closed types with fixed fields plus `x-*`, open maps such as Paths, Responses, Content and
//! property maps, typed lists), tries candidates in a fixed order (the tie-break rules R1–R7 of
//! §8), backtracks on misfits, memoises failed states and stops after a step budget with an error
//! naming the furthest position reached (never a guess).
//!
//! After the preferred complete parse it searches for a second one; where two complete readings
//! differ it reports `fern.ambiguous` warnings with the JSON pointers of the differences, the key
//! the readings part at and where each puts it. The second-reading search tells each choice's
//! alternatives from the one the preferred reading took, and passes over complete readings the
//! page refutes (`checks::refutation`: a response left without its required `description`,
//! example data out of the order the page's data keeps). A second reading that differs only
//! inside schema example data (which the lowering never reads) is noted once as
//! `fern.example-ambiguous` and the search goes on for one that differs in what reaches the
//! generated code.
//!
//! Our rules beyond §8, each documented where it acts:
//! - **Key order.** R10: Fern's fixed key order. When no reading keeps it, or the one that does
//!   swallowed structure into a string (`holds_structure`) or left a `$ref` dangling, the page is
//!   read in its source's order instead (`fern.key-order`). R17: on a page that sorts its keys,
//!   property maps (and, where the schemas sort theirs, schema keywords) stay ascending. R24: a
//!   Fern path item holds its method only.
//! - **Which schema a keyword belongs to.**
//!   - R8: structural keywords after a property map go to its owner (size limits such as
//!     `minProperties` stay with the property before it).
//!   - R16: titles go to the schema they spell.
//!   - R22: a description after a bare `$ref` schema (an object's last property, or a body's
//!     schema) is its owner's.
//!   - R25: scalar examples skip object and array schemas.
//!   - R27: of two descriptions in one run, the first is the deeper schema's.
//!   - R28: `type` goes where the schema's keywords fit it; a discriminator to the schema
//!     holding its property or variants.
//!   - Properties named `items`, `then` or `else` are not sub-schema slots.
//! - **Where text ends.** R13: a `required` list naming open properties ends a block scalar;
//!   R20: js-yaml's fold width; R23: no prose holds `key: |-`.
//! - **Where a property goes after a nested object.** R19: the next `required` list naming it;
//!   R30: the property map whose members it resembles (all described, or none).
//! - **Lists and data.** R18: an enum list ends at `- type:`; R21: data-mapping list items;
//!   R29: numbered data keys (`channel1`, `channel2`) are siblings.
//!
//! What no rule decides stays flagged; `fern_md`'s round-trip tests measure both key orders.
//!
//! Layout, one job a file:
//! - `options`: [`Options`] and [`Parsed`], what the reader takes and returns.
//! - `passes`: which searches run in which order and which reading is taken (R10 fallback,
//!   R13 pruning, R15 empty values last, R17 sorted reading, relaxed rules).
//! - `checks`: whole-reading checks on a built value (swallowed structure, dangling `$ref`s,
//!   sorted key pairs, differences between two readings).
//! - `tokens`: whitespace tokens, block indicators, fences, quoted scalars.
//! - `vocabulary`: the OpenAPI key vocabulary (node types, keys each takes), keyword lists and
//!   Fern's fixed key orders (R10) and fold width (R20).
//! - `state`: the search state (frames, events, alternatives) and how an alternative changes it.
//! - `search`: the depth-first search itself (backtracking, memo, budget, second reading).
//! - `values`: reading values and looking ahead at them (scalars, flow collections, lists).
//! - `rules`: which frame may take a key and in which order the candidates are tried.
//! - `build`: the JSON document and node offsets from a reading's events.

use std::collections::HashSet;

use crate::diag::Diagnostic;

mod build;
mod checks;
mod options;
mod passes;
mod rules;
mod search;
mod state;
mod tokens;
mod values;
mod vocabulary;

#[cfg(test)]
mod tests;

use checks::{own_key_in_text, ref_in_text, refs_resolve};
use passes::parse_inner;

pub use options::{Options, Parsed};
pub(super) use tokens::{is_fence, tokenize};
// Fern's operation key order, for `fern_md`'s test of seed 001 (the test renderer states
// its own orders, from the pages, so a wrong order here cannot pass its round trip).
#[cfg(test)]
pub(crate) use vocabulary::FERN_OPERATION_ORDER;
// Whether two readings differ only in schema example data, for `fern_md`'s round trips (a page
// noted `fern.example-ambiguous` is read right wherever it is not exact only there).
#[cfg(test)]
pub(crate) use checks::only_example_data;

/// Parses the collapsed YAML in `page[range]`; diagnostics carry positions in `page`.
pub fn parse(
    page: &str,
    range: std::ops::Range<usize>,
    opts: &Options,
) -> Result<Parsed, Diagnostic> {
    let toks = tokenize(page, range);
    // Names written as keys somewhere on the page: a `$ref` to one of them must resolve.
    let defined: HashSet<String> = toks
        .iter()
        .filter_map(|t| page.get(t.s..t.e)?.strip_suffix(':'))
        .map(|k| k.trim_matches(['\'', '"']).to_string())
        .collect();
    let mut p = parse_inner(page, &toks, &defined, opts)?;
    if !refs_resolve(&p.value, &p.value, &defined, 0) {
        p.diagnostics.push(Diagnostic::warning(
            "fern.ambiguous",
            "a local `$ref` does not resolve in the reading taken: the collapsed YAML was \
             probably misread",
        ));
    }
    // A block scalar that swallowed structure: its text holds `$ref: '#/…`.
    let mut swallowed = Vec::new();
    ref_in_text(&p.value, String::new(), 0, &mut swallowed);
    for at in swallowed.into_iter().take(5) {
        p.diagnostics.push(
            Diagnostic::warning(
                "fern.ambiguous",
                "this string holds `$ref: '#/…'`: a block scalar probably swallowed mappings \
                 after it",
            )
            .pointer(at),
        );
    }
    // A block scalar that ran past the next key of its own name (`description: … description:`).
    let mut repeated = Vec::new();
    own_key_in_text(&p.value, String::new(), 0, &mut repeated);
    for at in repeated {
        p.diagnostics.push(
            Diagnostic::warning(
                "fern.ambiguous",
                "this text holds its own key (`description: …` inside a description): a block \
                 scalar probably ran past the next key of the same name",
            )
            .pointer(at),
        );
    }
    Ok(p)
}
