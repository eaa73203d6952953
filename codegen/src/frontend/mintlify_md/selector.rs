//! What both block variants share: the HTTP methods a selector may name and the pointer of the
//! selected operation.

use crate::diag::pointer_token;

/// HTTP methods that may name an operation, lowercase as in OpenAPI path items.
pub(super) use crate::vocab::HTTP_METHODS as METHODS;

/// The JSON pointer of the operation `method` on `path`.
pub(super) fn op_pointer(path: &str, method: &str) -> String {
    format!("/paths/{}/{}", pointer_token(path), method)
}
