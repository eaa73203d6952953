//! OpenAPI Overlay 1.0 (placeholder until the overlay engine lands).
use crate::diag::Diagnostic;

/// Applies an overlay document to `doc`.
pub fn apply(
    _doc: &mut serde_json::Value,
    _overlay_text: &str,
) -> Result<Vec<Diagnostic>, Diagnostic> {
    Err(Diagnostic::error(
        "overlay.unsupported",
        "overlays are not supported yet",
    ))
}
