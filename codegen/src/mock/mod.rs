//! Mock data computed from the IR at generation time: for every operation, the response a mock
//! provider answers (the spec's example when it fits the generated type, else a value synthesised
//! from the type), its documented error responses, and an example value for every argument. A
//! streaming operation (`text/event-stream` only) answers a few events, then `[DONE]`.
//!
//! Synthesis is deterministic (the same IR gives the same bytes) and bounded: optional members are
//! filled only near the root, a type met again inside itself gets only its required members, and
//! a budget caps the number of values per document.
//!
//! [`conforms`] checks a JSON value against an IR type the way the generated serde types read it
//! (required members present, formats parseable, any string for an enum with its `Unknown`
//! fallback); an example that does not conform is replaced by a synthesised value.

mod conformance;
mod events;
mod patterns;
mod responses;
mod synth;

pub use conformance::conforms;
pub use events::{MOCK_EVENTS, sse_body};
pub use patterns::pattern_string;
pub use responses::{MockBody, OperationMock, operation_mock, response_body};
pub use synth::{Synthesized, flag_example, synthesize};

#[cfg(test)]
mod tests;
