//! Build script: lists `seeds/` and writes an `include_bytes!` table for `corpus::source`.
//! Must not read or change anything else; the seeds are embedded byte for byte.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=seeds");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let seeds = Path::new(&manifest).join("seeds");
    let mut names: Vec<String> = std::fs::read_dir(&seeds)
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                // A name that is not UTF-8 could not be written as a Rust literal; skip it.
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut table = String::from("/// `(file name, bytes)` of every seed, by name.\n");
    table.push_str("pub static SEEDS: &[(&str, &[u8])] = &[\n");
    for name in &names {
        let full = seeds.join(name);
        // `{:?}` of a str is a valid Rust string literal, whatever the name holds.
        let _ = writeln!(
            table,
            "    ({name:?}, include_bytes!({:?})),",
            full.display().to_string()
        );
    }
    table.push_str("];\n");
    let target = Path::new(&out_dir).join("seeds.rs");
    std::fs::write(&target, table).expect("OUT_DIR is writable during the build");
}
