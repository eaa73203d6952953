//! OpenAPI Overlay 1.0 documents (`<file>.overlay.yaml` beside a spec): ordered actions that
//! update or remove the nodes a JSONPath `target` selects in the recovered OpenAPI document.
//!
//! ```yaml
//! overlay: 1.0.0
//! info: {title: Fix content type, version: 1.0.0}
//! actions:
//!   - target: $.paths['/Accounts/{AccountSid}/tokens'].post.requestBody.content['application/json']
//!     remove: true
//! ```
//!
//! **Update** merges into every selected node: objects recursively (keys of the update win for
//! scalars, nested objects merge, nested arrays are appended to), an array target gets the update
//! appended (an array update is appended element by element), a scalar target is replaced.
//! **Remove** deletes every selected node from its parent object or array.
//!
//! **JSONPath subset** (the forms overlays use, RFC 9535 syntax plus the common `[?(…)]` filter
//! spelling): `$`, `.name` (letters, digits, `_`, `-`, `$`), `['name']` / `["name"]` (any name,
//! with `\` escapes), `.*` / `[*]`, `[N]` (negative counts from the end), unions such as
//! `['a','b']`, descendants `..name` / `..*` / `..[…]`, and filters `[?(@.key == 'value')]`,
//! `[?@.a.b != 3]`, `[?(@.flag)]` comparing a relative path with a string, number, boolean or
//! `null` literal.
//!
//! All actions are checked (structure and JSONPath syntax) before the first one is applied, so an
//! `Err` leaves the document untouched.

mod action;
mod apply;
mod jsonpath;

pub use self::apply::apply;

#[cfg(test)]
mod tests;
