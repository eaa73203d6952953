//! placeholder
use super::Recovered;
use crate::diag::Diagnostic;
/// x
pub fn recover(_text: &str) -> Result<Recovered, Diagnostic> {
    todo!()
}
