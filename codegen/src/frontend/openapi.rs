//! OpenAPI 3.0/3.1 documents as YAML or JSON.
use super::recovered::Recovered;
use crate::diag::Diagnostic;

/// Parses an OpenAPI document.
pub fn recover(text: &str) -> Result<Recovered, Diagnostic> {
    let doc = super::yaml::parse(text)?;
    Ok(Recovered::new(doc))
}
