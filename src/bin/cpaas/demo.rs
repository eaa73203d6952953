//! The main job (`cargo run`), the mock provider and `spec diff`.
use std::process::ExitCode;

/// Runs the demo.
pub async fn run() -> Result<ExitCode, String> {
    Err("the demo is not built yet".into())
}

/// Serves the mock provider.
pub async fn serve_mock(_port: u16) -> Result<ExitCode, String> {
    Err("the mock is not built yet".into())
}

/// `cpaas spec diff`.
pub fn spec_diff(
    _old: &std::path::Path,
    _new: &std::path::Path,
    _json: bool,
) -> Result<ExitCode, String> {
    Err("spec diff is not built yet".into())
}

/// Prints one line per request attempt and retry on stderr.
pub fn init_verbose_tracing() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter("cpaas_runtime=debug")
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}
