//! Walking paginated lists: the static [`Pagination`] descriptor generated code passes
//! (`descriptor`), and the walkers over it (`stream`).
//!
//! Contract: a walk stops at the end the pattern defines (no next URI, an empty page,
//! page >= total pages, `has_more: false`, no next cursor) and never sends the same request
//! twice in a row; a next-page URI is sent to the base URL's origin only (its path and query),
//! so credentials never go to another host. The streams are in `stream`; [`json_pages`] is the
//! untyped walk over raw JSON that a command line can use.

mod descriptor;
mod stream;

pub use descriptor::{Pagination, Pattern};
pub use stream::{Items, Pages, json_pages};

#[cfg(feature = "blocking")]
pub use stream::Blocking;

#[cfg(test)]
mod tests;
