//! Which searches run, in which order, and which reading is taken: the strict passes (R15:
//! readings without empty values first; R13 pruning before the unpruned search), the R10
//! fallback to the source's key order when Fern's order gives no reading or a misread one,
//! the relaxed search when no strict reading exists, and R17's sorted reading of a page that
//! sorts its keys.

use std::collections::HashSet;

use super::checks::{count_sorted_maps, diff, ref_in_text, refs_resolve, what_differs};
use super::options::{Options, Parsed};
use super::state::Search;
use super::tokens::Tok;
use crate::diag::Diagnostic;

/// The search passes, in order: (allow_empty, required_ends).
pub(super) const PASSES: [(bool, bool); 3] = [(false, true), (false, false), (true, false)];

pub(super) fn parse_inner(
    page: &str,
    toks: &[Tok],
    defined: &HashSet<String>,
    opts: &Options,
) -> Result<Parsed, Diagnostic> {
    let budget = opts.budget.unwrap_or(100_000 + 10 * toks.len());
    // js-yaml writes no empty values: a reading without any comes first (R15); one with empty
    // values (a deleted `<…>` placeholder) only when none exists.
    // R13 evidence (a `required` list naming open properties ends a block scalar for good)
    // prunes the search; where pruning leaves no reading within the budget, the unpruned search
    // follows.
    let mut first: Result<Parsed, Diagnostic> =
        Err(Diagnostic::error("fern.collapsed-syntax", "no reading"));
    let mut pass = (false, false);
    for p in PASSES {
        first = Search::new(page, toks, opts, true, budget, p).run();
        if first.is_ok() {
            pass = p;
            break;
        }
    }
    // A reading in which a local `$ref` dangles is not the page's (a page in its source's key
    // order read under R10 can pass `tags:`, `servers:`, `components:` off as property names).
    // Nor is one where a block scalar swallowed structure (R10 can force that too).
    let misread = |p: &Parsed| {
        let mut swallowed = Vec::new();
        ref_in_text(&p.value, String::new(), 0, &mut swallowed);
        !swallowed.is_empty() || !refs_resolve(&p.value, &p.value, defined, 0)
    };
    let dangling = first.as_ref().is_ok_and(misread);
    if opts.fern_habits && (dangling || first.is_err()) {
        // R10 off: a page in its source's key order rather than Fern's registry order.
        for pass in PASSES {
            let mut strict = Search::new(page, toks, opts, true, budget, pass);
            strict.fern_order = false;
            let r = strict.run();
            if let Ok(mut p) = r {
                if misread(&p) {
                    continue;
                }
                p.diagnostics.push(Diagnostic::warning(
                    "fern.key-order",
                    "the keys are not in Fern's fixed order; read in the source's order (R10 off)",
                ));
                return Ok(sorted_reading(page, toks, opts, budget, (pass, false), p));
            }
        }
    }
    match first {
        Ok(p) => Ok(sorted_reading(page, toks, opts, budget, (pass, true), p)),
        Err(e) if e.code == "fern.collapsed-budget" => Err(e),
        Err(e) => {
            // Relaxed rules, empty values allowed.
            let mut relaxed = Search::new(page, toks, opts, false, budget, (true, false));
            match relaxed.run() {
                Ok(mut p) => {
                    p.diagnostics.push(
                        Diagnostic::warning(
                            "fern.relaxed",
                            format!(
                                "no reading satisfies the strict OpenAPI rules ({}); read with \
                                 relaxed rules (`$ref` siblings, type-specific keywords, \
                                 `required` names)",
                                e.message
                            ),
                        )
                        .at(e.line, e.col),
                    );
                    Ok(p)
                }
                Err(_) => Err(e),
            }
        }
    }
}

/// R17 (ours): where the page sorts its property keys
/// (nearly every property map of that reading with two or more keys is in ascending order, as
/// generators that sort keys write them), reads the page again requiring every property map to
/// stay sorted: a property after a nested object then goes to the map it keeps sorted, and the
/// trailing keywords before it to the schema that lets it. The sorted reading is taken; every
/// place where it differs from the default one is flagged `fern.ambiguous`, as are the default
/// reading's own ambiguities, so a wrong sorted reading is never silent.
fn sorted_reading(
    page: &str,
    toks: &[Tok],
    opts: &Options,
    budget: usize,
    (pass, fern_order): ((bool, bool), bool),
    default: Parsed,
) -> Parsed {
    // Run whether or not the default reading is flagged: a placement the tie-break rules decide
    // (an annotation skipping a one-keyword sub-schema, R1) can still break the page's sorted
    // order, and only this reading shows it.
    if !opts.check_ambiguity {
        return default;
    }
    // `maps` counts key pairs, `sorted` the ascending ones.
    let mut props = [0usize; 2];
    let mut schemas = [0usize; 2];
    count_sorted_maps(&default.value, 0, &mut props, &mut schemas);
    // Nearly all pairs ascending: the default reading's misplacements break a few pairs, a
    // page in another order about half of them.
    let nearly_all = |[sorted, pairs]: [usize; 2]| pairs >= 4 && sorted * 10 >= pairs * 9;
    if !nearly_all(props) {
        return default;
    }
    let mut search = Search::new(page, toks, opts, true, budget, pass);
    search.sorted_props = true;
    search.fern_order = fern_order;
    // A page whose schemas sort their keywords too (its source's order, sorted by the
    // generator): each schema's keys ascend as well.
    search.sorted_schemas = nearly_all(schemas);
    search.check_ambiguity = false;
    let Ok(mut alt) = search.run() else {
        return default;
    };
    if alt.value == default.value {
        return default;
    }
    let mut diffs = Vec::new();
    diff(&alt.value, &default.value, String::new(), &mut diffs);
    let mut diagnostics: Vec<Diagnostic> = default
        .diagnostics
        .iter()
        .filter(|d| d.code != "fern.empty-value")
        .cloned()
        .collect();
    diagnostics.extend(alt.diagnostics.iter().cloned());
    for p in diffs.iter().take(5) {
        diagnostics.push(
            Diagnostic::warning(
                "fern.ambiguous",
                format!(
                    "read with property keys in sorted order, as the page's other property maps \
                     are (R17); the default reading differs here ({})",
                    what_differs(&alt.value, &default.value, p)
                ),
            )
            .pointer(p.clone()),
        );
    }
    alt.diagnostics = diagnostics;
    alt.steps += default.steps;
    alt
}
