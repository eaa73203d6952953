//! Paginated lists in a request builder: `pages()` and `stream()` over the runtime's walkers
//! (`cpaas_runtime::pagination`), with the recognised pattern as a static descriptor, and the
//! sentence the operation's documentation gets. Generated code only names the pattern's
//! fields; the walking is the runtime's.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::type_tokens;
use crate::ir::{Api, Operation, PagePattern, Pagination};

/// The sentence an operation's documentation gets about its pagination.
pub(super) fn pagination_doc(p: &Pagination) -> String {
    let how = if p.declared {
        "declared by `x-cpaas-pagination`"
    } else {
        "recognised"
    };
    format!(
        "\nPaginated ({how}): {}; the items are `{}`. `.stream()` walks the items across pages, \
         `.pages()` the whole pages; with the `blocking` feature, `.blocking()` on either is an \
         iterator.\n",
        p.pattern.describe(),
        p.items.join("."),
    )
}

fn path(p: &[String]) -> TokenStream {
    quote!(&[#(#p),*])
}

fn opt_path(p: &Option<Vec<String>>) -> TokenStream {
    match p {
        Some(p) => {
            let p = path(p);
            quote!(::std::option::Option::Some(#p))
        }
        None => quote!(::std::option::Option::None),
    }
}

/// The runtime's `Pagination` descriptor of `p`, as a constant expression (the builder's
/// `pages()` and the command-line table both use it).
pub(super) fn descriptor(p: &Pagination) -> TokenStream {
    let items = path(&p.items);
    let pattern = match &p.pattern {
        PagePattern::NextUri { next } => {
            let next = path(next);
            quote!(::cpaas_runtime::pagination::Pattern::NextUri { next: #next })
        }
        PagePattern::PageNumber {
            param,
            number,
            total,
        } => {
            let (number, total) = (opt_path(number), opt_path(total));
            quote!(::cpaas_runtime::pagination::Pattern::PageNumber { param: #param, number: #number, total: #total })
        }
        PagePattern::Cursor {
            param,
            next,
            last_item,
            has_more,
        } => {
            let (next, has_more) = (opt_path(next), opt_path(has_more));
            let last = match last_item {
                Some(f) => quote!(::std::option::Option::Some(#f)),
                None => quote!(::std::option::Option::None),
            };
            quote!(::cpaas_runtime::pagination::Pattern::Cursor { param: #param, next: #next, last_item: #last, has_more: #has_more })
        }
    };
    quote!(::cpaas_runtime::pagination::Pagination { items: #items, pattern: #pattern })
}

/// The `pages()` and `stream()` methods of `op`'s builder (nothing for an unpaginated one).
/// `success` and `error` are the operation's success type and typed error.
pub(super) fn paging_methods(
    api: &Api,
    op: &Operation,
    success: &TokenStream,
    error: &TokenStream,
) -> TokenStream {
    let Some(p) = &op.pagination else {
        return quote!();
    };
    let descriptor = descriptor(p);
    let item = type_tokens(api, &p.item, false);
    let pages_doc = format!(
        " Every page of the list, fetched one at a time as the stream is polled, each sent \
         like `send()` (retries, tracing, auth). Pagination: {}.",
        p.pattern.describe()
    );
    let items_doc = format!(
        " Every item of the list (`{}` of each page), across pages, fetched lazily; an error \
         ends the stream after it is yielded.",
        p.items.join(".")
    );
    quote! {
        #[doc = #pages_doc]
        #[inline]
        pub fn pages(self) -> ::cpaas_runtime::pagination::Pages<'a, #success, #error> {
            static PAGINATION: ::cpaas_runtime::pagination::Pagination = #descriptor;
            let runtime = &self.client.runtime;
            ::cpaas_runtime::pagination::Pages::new(runtime, &PAGINATION, self.request(), Self::decode)
        }

        #[doc = #items_doc]
        #[inline]
        pub fn stream(self) -> ::cpaas_runtime::pagination::Items<'a, #item, #success, #error> {
            self.pages().items()
        }
    }
}
