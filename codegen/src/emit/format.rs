//! Printing: every [`Piece`] formatted on its own, on as many threads as there are cores,
//! and joined in order into exactly the text prettyplease gives for the whole token tree.
//!
//! Entry point: [`format_pieces`].

use proc_macro2::TokenStream;
use quote::quote;

use super::options::EmitError;
use super::pieces::Piece;
use super::tokens::ident;

/// `items` as prettyplease prints them `depth` modules deep (same indentation, so the same
/// line breaks as printing the whole file at once).
fn format_in(depth: usize, items: TokenStream) -> Result<String, EmitError> {
    if items.is_empty() {
        return Ok(String::new());
    }
    let mut tokens = items;
    for _ in 0..depth {
        tokens = quote!(mod m { #tokens });
    }
    let file: syn::File = syn::parse2(tokens).map_err(|e| {
        EmitError::Internal(format!("internal: generated code does not parse: {e}"))
    })?;
    let text = prettyplease::unparse(&file);
    let lines: Vec<&str> = text.lines().collect();
    let inner = lines
        .get(depth..lines.len().saturating_sub(depth))
        .unwrap_or_default();
    let mut out = inner.join("\n");
    out.push('\n');
    Ok(out)
}

impl Piece<'_> {
    /// The piece's text, `depth` modules deep.
    fn format(&self, depth: usize) -> Result<String, EmitError> {
        match self {
            Piece::Items(make) => format_in(depth, make()?),
            Piece::Open { attrs, name } => {
                let (attrs, name) = (attrs()?, ident(name));
                let text = format_in(depth, quote!(#attrs pub mod #name {}))?;
                match text.trim_end().strip_suffix("{}") {
                    Some(head) => Ok(format!("{head}{{\n")),
                    None => Err(EmitError::Internal(format!(
                        "internal: unexpected module head: {text}"
                    ))),
                }
            }
            Piece::Close => Ok(format!("{}}}\n", "    ".repeat(depth))),
        }
    }
}

/// Prints every piece, on as many threads as there are cores, and joins them in order: the
/// bytes prettyplease gives for `pieces::assemble`'s tree.
pub(super) fn format_pieces(pieces: &[Piece]) -> Result<String, EmitError> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    // How many modules deep each piece stands (a `Close` at its module's own depth).
    let mut open = 0usize;
    let depths: Vec<usize> = pieces
        .iter()
        .map(|piece| match piece {
            Piece::Open { .. } => {
                open += 1;
                open - 1
            }
            Piece::Close => {
                open = open.saturating_sub(1);
                open
            }
            Piece::Items(_) => open,
        })
        .collect();
    let results: Vec<Mutex<Option<Result<String, EmitError>>>> =
        pieces.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let (Some(piece), Some(depth)) = (pieces.get(i), depths.get(i)) else {
                break;
            };
            let r = piece.format(*depth);
            if let Ok(mut slot) = results[i].lock() {
                *slot = Some(r);
            }
        }
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(pieces.len());
    std::thread::scope(|scope| {
        for _ in 1..workers {
            // A thread that cannot be started leaves its share to the others.
            let _ = std::thread::Builder::new().spawn_scoped(scope, work);
        }
        work();
    });
    let mut out = String::new();
    // Where each open module's body starts: a module left empty prints as `mod name {}`.
    let mut opened: Vec<usize> = Vec::new();
    for (piece, r) in pieces.iter().zip(results) {
        let text = match r.into_inner() {
            Ok(Some(Ok(text))) => text,
            Ok(Some(Err(e))) => return Err(e),
            _ => {
                return Err(EmitError::Internal(
                    "internal: a part of the generated file was not formatted".into(),
                ));
            }
        };
        match piece {
            Piece::Open { .. } => {
                out.push_str(&text);
                opened.push(out.len());
            }
            Piece::Close if opened.pop() == Some(out.len()) => {
                out.truncate(out.len() - "{\n".len());
                out.push_str("{}\n");
            }
            _ => out.push_str(&text),
        }
    }
    Ok(out)
}
