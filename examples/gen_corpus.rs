//! Writes a generated corpus to disk for benchmarks and manual testing:
//! `cargo run --release --example gen_corpus -- --articles N --seed S --out DIR`.
//! Must not put anything in the repository: DIR is the caller's choice, and the text itself
//! comes from `benches/support/corpus_gen.rs`, shared with the criterion benchmarks.

#[path = "../benches/support/corpus_gen.rs"]
mod corpus_gen;

use corpus_gen::Generator;
use std::path::PathBuf;
use std::process::ExitCode;

struct Args {
    articles: u64,
    seed: u64,
    out: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut articles = 10_000;
    let mut seed = 1;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--articles" => articles = value()?.parse().map_err(|e| format!("--articles: {e}"))?,
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => out = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let out = out.ok_or("--out DIR is required")?;
    Ok(Args {
        articles,
        seed,
        out,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen_corpus: {e}\nusage: gen_corpus --articles N --seed S --out DIR");
            return ExitCode::from(2);
        }
    };
    let generator = Generator::new(args.seed);
    let mut bytes: u64 = 0;
    for i in 0..args.articles {
        let path = args.out.join(Generator::path(i));
        let text = generator.article(i);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &text));
        if let Err(e) = written {
            eprintln!("gen_corpus: {}: {e}", path.display());
            return ExitCode::from(1);
        }
        bytes += text.len() as u64;
    }
    println!(
        "{} articles, {bytes} bytes ({:.1} MB), vocabulary {} words, seed {}, in {}",
        args.articles,
        bytes as f64 / 1e6,
        generator.vocabulary_len(),
        args.seed,
        args.out.display()
    );
    ExitCode::SUCCESS
}
