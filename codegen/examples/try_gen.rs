use std::path::PathBuf;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut inputs = Vec::new();
    for a in &args {
        let p = PathBuf::from(a);
        let (rep, rec, diags) = cpaas_codegen::config::recover_file(&p).unwrap_or_else(|e| {
            for d in e {
                eprintln!("{d}");
            }
            std::process::exit(1)
        });
        for d in diags {
            eprintln!("{d}");
        }
        if let Some(rec) = rec {
            inputs.push(cpaas_codegen::lower::Input {
                path: p,
                format: rep.format.id().into(),
                recovered: rec,
            });
        }
    }
    let t = std::time::Instant::now();
    let (api, diags) = cpaas_codegen::lower::lower("test", "api", &inputs).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    for d in diags.iter().take(20) {
        eprintln!("{d}");
    }
    eprintln!(
        "lowered {} ops {} types in {:?}",
        api.operations.len(),
        api.types.len(),
        t.elapsed()
    );
    let t = std::time::Instant::now();
    let code = cpaas_codegen::emit::emit(&[api], &Default::default()).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    eprintln!(
        "emitted {} lines in {:?}",
        code.lines().count(),
        t.elapsed()
    );
    println!("{code}");
}
