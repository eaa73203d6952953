//! Responses: the raw one `execute` returns and the typed one operations return.

//! Split into the typed value ([`value`]), the body excerpt errors keep ([`excerpt`]), media
//! type matching ([`media`]) and the raw response that decodes into either ([`raw`]);
//! [`crate::error`] depends only on the first two, so nothing imports back in a circle.

pub(crate) mod excerpt;
mod media;
pub(crate) mod raw;
pub(crate) mod value;

pub use media::{is_json, pick_media};
pub use raw::RawResponse;
pub(crate) use raw::decode_json;
pub use value::ResponseValue;

#[cfg(test)]
mod tests;
