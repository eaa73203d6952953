//! Generates the typed clients from `specs/` into `OUT_DIR` (see cpaas-codegen's `Config`).
fn main() {
    let result = cpaas_codegen::Config::new()
        .specs_dir("specs")
        .templates_dir("templates")
        .env_hook("crate::auth::configure_from_env")
        // The credentials in src/auth.rs fill these (`ClientBuilder::path_default`).
        .client_path_param("twilio", "AccountSid")
        .client_path_param("signalwire", "AccountSid")
        .blocking(true)
        // The command-line tables only for the `cpaas` command (package cpaas-cli).
        .cli(cpaas_codegen::CliTables::Feature("cli".into()))
        // Five operations: both serde traits everywhere cost nothing noticeable, and users
        // can store a decoded token or credential as JSON.
        .full_serde(true)
        // The API lock: specs/<provider>/<api>.lock.json, the surface of each generated API.
        // A changed document warns until `CPAAS_UPDATE_LOCK=1 cargo build` rewrites it;
        // `CPAAS_LOCK=deny` (CI) makes breaking changes errors.
        .lock_dir("specs")
        .generate();
    if let Err(e) = result {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
