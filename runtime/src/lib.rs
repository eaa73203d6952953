//! cpaas-runtime
