//! Snapshot tests of the code generated for the vendored seed documents: any change to what
//! users get shows up as a reviewable diff (`cargo insta review`, or `INSTA_UPDATE=always`).

use cpaas_codegen::emit::{EmitOptions, emit};
use cpaas_codegen::{CliTables, Config};

#[test]
fn generated_code_for_each_seed_api() {
    let specs = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs");
    let generated = Config::new()
        .specs_dir(specs)
        .cargo_directives(false)
        .run()
        .expect("the vendored specs generate");
    let names: Vec<String> = generated
        .apis
        .iter()
        .map(|a| format!("{}::{}", a.provider, a.name))
        .collect();
    assert_eq!(
        names,
        [
            "signalwire::compatibility",
            "telnyx::v2",
            "twilio::api_v2010",
            "twilio::ip_messaging_v2"
        ]
    );
    // The options build.rs uses.
    let opts = EmitOptions {
        env_hook: Some("crate::auth::configure_from_env".into()),
        blocking: true,
        cli: CliTables::Always,
        full_serde: true,
        ..EmitOptions::default()
    };
    for mut api in generated.apis {
        // Paths relative to the repository, so the snapshot does not depend on the checkout.
        for s in &mut api.sources {
            s.path = s.path.strip_prefix(specs).unwrap_or(&s.path).to_path_buf();
        }
        for op in &mut api.operations {
            op.source.file = op
                .source
                .file
                .strip_prefix(specs)
                .unwrap_or(&op.source.file)
                .to_path_buf();
        }
        let code = emit(std::slice::from_ref(&api), &opts).expect("emits");
        insta::assert_snapshot!(format!("{}__{}", api.provider, api.name), code);
    }
}
