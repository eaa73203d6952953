//! cpaas-tokens
