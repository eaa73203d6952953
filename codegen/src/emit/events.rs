//! The `events()` method of a request builder whose operation documents a `text/event-stream`
//! success answer ([`crate::ir::EventStream`]): the request sent through the runtime's
//! streaming send, each event's data decoded into the type lowering chose (JSON of the event
//! schema's type, or text), non-2xx answers decoded by the builder's own `decode` (so errors are
//! the same as `send()`'s). Contract: prints only what the IR says; nothing when the operation
//! has no event stream.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::tokens::type_tokens;
use crate::ir::{Api, Operation, ResponseBody};

/// The `events()` method of `op`'s builder (whose error enum is `error`), if it streams.
pub(super) fn events_method(api: &Api, op: &Operation, error: &Ident) -> TokenStream {
    let Some(stream) = &op.events else {
        return quote!();
    };
    let (item, decode) = match &stream.data {
        ResponseBody::Json(t) => (
            type_tokens(api, t, false),
            quote!(::cpaas_runtime::sse::json),
        ),
        ResponseBody::Untyped => (
            quote!(::cpaas_runtime::serde_json::Value),
            quote!(::cpaas_runtime::sse::json),
        ),
        _ => (
            quote!(::std::string::String),
            quote!(::cpaas_runtime::sse::text),
        ),
    };
    let doc = format!(
        " Sends the request asking for `{}` (server-sent events) and yields each event as it \
         arrives, its data decoded: a `futures_core::Stream` of `Result<Event<_>, Error<_>>` \
         that ends with the body or at a `[DONE]` data line. Retries apply until the answer \
         starts; a non-2xx answer is one error item, decoded as by `send`.",
        stream.media_type
    );
    quote! {
        #[doc = #doc]
        #[inline]
        pub fn events(self) -> ::cpaas_runtime::EventStream<'a, #item, super::errors::#error> {
            let runtime = &self.client.runtime;
            runtime.events(self.request(), Self::decode, #decode)
        }
    }
}
