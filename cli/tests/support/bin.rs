//! The `cpaas` binary as the integration tests run it: nothing it reads about providers is
//! inherited from the environment running the tests, so each test states its own.

use std::process::Command;

/// Provider credentials and base URL overrides the binary reads.
const PROVIDER_VARS: &[&str] = &[
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
    "TWILIO_API_KEY",
    "TWILIO_API_SECRET",
    "SIGNALWIRE_PROJECT_ID",
    "SIGNALWIRE_API_TOKEN",
    "SIGNALWIRE_SPACE",
    "TELNYX_API_KEY",
    "TWILIO_BASE_URL",
    "TELNYX_BASE_URL",
    "SIGNALWIRE_BASE_URL",
];

/// `cpaas` with none of the provider variables set.
pub fn cpaas() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cpaas"));
    for v in PROVIDER_VARS {
        c.env_remove(v);
    }
    c
}
