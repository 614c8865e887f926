//! criterion benchmarks on a generated corpus: reading articles, index build, each keystroke
//! of a few typing sequences, one frame render, opening a 1 MB article. Size from `VEILLE_BENCH_ARTICLES`
//! (default 10 000). Must not assert on time: figures go to BENCHMARKS.md, never into tests.

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

use corpus_gen::Generator;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;
use veille::app::snippets::first_screen;
use veille::app::{Action, Command, Effect, Key, Keymap, Model};
use veille::corpus::cards::Cards;
use veille::corpus::keywords::Shared;
use veille::corpus::source::document;
use veille::corpus::{Corpus, Document};
use veille::search::{self, Index};

const SEED: u64 = 1;
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn articles() -> usize {
    std::env::var("VEILLE_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

/// The corpus as `veille DIR` would load it, minus the disk: same text, same parser.
fn corpus(n: usize) -> Corpus {
    let generator = Generator::new(SEED);
    let docs = (0..n as u64)
        .map(|i| {
            let path = Generator::path(i);
            document(generator.article(i).as_bytes(), &path, &path)
        })
        .collect();
    Corpus {
        docs,
        warnings: Vec::new(),
    }
}

/// Every prefix of `word`, as typed one key at a time.
fn prefixes(word: &str) -> Vec<String> {
    word.char_indices()
        .map(|(i, c)| word[..i + c.len_utf8()].to_string())
        .collect()
}

fn bench_search(c: &mut Criterion) {
    let n = articles();
    let corpus = Arc::new(corpus(n));
    let bytes: usize = corpus
        .docs
        .iter()
        .flat_map(|d| d.blocks.iter())
        .map(|b| b.text().len())
        .sum();
    eprintln!("corpus: {n} articles, {bytes} bytes of body text");

    let mut group = c.benchmark_group("index_build");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function(format!("{n}"), |b| {
        b.iter(|| Index::build(black_box(&corpus)))
    });
    group.finish();

    let index = Arc::new(Index::build(&corpus));
    let sequences: Vec<(&str, Vec<String>)> = vec![
        ("radical", prefixes("radical")),
        ("typo", prefixes("propagnde")),
        ("two_terms", prefixes("europol amaq")),
        ("phrase", prefixes("\"parquet federal\"")),
        ("no_match", prefixes("zqxjk")),
    ];
    for (name, typed) in &sequences {
        let mut group = c.benchmark_group(format!("keystroke/{name}"));
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(2));
        for query in typed.iter().filter(|q| !q.trim().is_empty()) {
            group.bench_function(query.as_str(), |b| {
                b.iter(|| search::run(&index, &corpus, black_box(query)))
            });
        }
        group.finish();
    }

    let mut model = model(Arc::clone(&corpus), &index);
    type_keys(&mut model, &index, "/radical<enter>");
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
    c.bench_function("render/frame", |b| {
        b.iter(|| {
            terminal
                .draw(|f| veille::tui::view::view(&model, f))
                .map(|_| ())
                .expect("draw")
        })
    });
}

fn model(corpus: Arc<Corpus>, index: &Arc<Index>) -> Model {
    let mut model = Model::new(
        corpus,
        Arc::new(Keymap::default_keymap()),
        Rect::new(0, 0, WIDTH, HEIGHT),
    );
    model.update(Action::IndexReady(Arc::clone(index)));
    model
}

/// Keys through the real keymap, searches run at once, as the worker would answer them.
fn type_keys(model: &mut Model, index: &Index, seq: &str) {
    for key in Key::parse_sequence(seq).expect("key sequence") {
        let mut next = model.action_for_key(key);
        while let Some(action) = next.take() {
            if let Some(Effect::Search {
                generation,
                query,
                rows,
            }) = model.update(action)
            {
                // As the worker answers: ranked, snippets for the first screen only.
                let never = std::sync::atomic::AtomicBool::new(false);
                next = search::rank(index, &model.corpus, &query, &never).and_then(|ranked| {
                    let (hits, snippets) = first_screen(ranked, &model.corpus, rows, &never)?;
                    Some(Action::SearchDone {
                        generation,
                        hits,
                        snippets: Some(snippets),
                        partial: None,
                    })
                });
            }
        }
    }
}

/// Select a 1 MB article in the list and draw the first frame: wrapping it, placing
/// matches, drawing the visible lines. A fresh model each time, so no cache helps.
fn bench_open(c: &mut Criterion) {
    let generator = Generator::new(SEED);
    let mut big = generator.article_with(1, 0);
    let mut i = 2;
    while big.len() < 1 << 20 {
        let next = generator.article(i);
        // Drop the next article's headline: one long article, many paragraphs.
        big.push_str(
            next.split_once("\n\n")
                .map_or(next.as_str(), |(_, body)| body),
        );
        i += 1;
    }
    let small = document(generator.article(0).as_bytes(), "small.txt", "small");
    let corpus = Arc::new(Corpus {
        docs: vec![small, document(big.as_bytes(), "big.txt", "big")],
        warnings: Vec::new(),
    });
    let index = Arc::new(Index::build(&corpus));
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
    let mut group = c.benchmark_group("open_1mb_article");
    group.sample_size(20);
    group.bench_function("select_and_draw", |b| {
        b.iter_batched(
            || model(Arc::clone(&corpus), &index),
            |mut model| {
                model.update(Action::Command(Command::NextArticle));
                terminal
                    .draw(|f| veille::tui::view::view(&model, f))
                    .map(|_| ())
                    .expect("draw");
                model
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// `Esc` from a short list of results back to every article, and the frame after it: the
/// echo of that key on the UI thread, at `VEILLE_BENCH_ROWS` articles (default 1 000 000)
/// of a title each (the full list costs per row, not per word).
fn bench_escape(c: &mut Criterion) {
    let rows = std::env::var("VEILLE_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let docs = (0..rows)
        .map(|i| {
            let rare = if i % 1000 == 0 { " rare" } else { "" };
            Document {
                path: format!("{i:07}.txt"),
                title: format!("Article {i}{rare}"),
                ..Document::default()
            }
        })
        .collect();
    let corpus = Arc::new(Corpus {
        docs,
        warnings: Vec::new(),
    });
    let index = Arc::new(Index::build(&corpus));
    let mut model = model(corpus, &index);
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
    let mut group = c.benchmark_group("escape_to_full_list");
    group.sample_size(20);
    group.bench_function(format!("{rows}"), |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                type_keys(&mut model, &index, "/rare");
                let start = std::time::Instant::now();
                type_keys(&mut model, &index, "<esc>");
                terminal
                    .draw(|f| veille::tui::view::view(&model, f))
                    .map(|_| ())
                    .expect("draw");
                spent += start.elapsed();
                assert_eq!(model.results.len(), rows, "back to every article");
            }
            spent
        })
    });
    group.finish();
}

/// Reading 1 000 articles from their bytes as a first run of the reader does each file:
/// decoding, sanitising, parsing into a document (title, dateline, blocks, words, language),
/// its card put off to after the index. A first run's reading phase is this on every file.
fn bench_read(c: &mut Criterion) {
    let generator = Generator::new(SEED);
    let files: Vec<(String, String)> = (0..1000)
        .map(|i| (Generator::path(i), generator.article(i)))
        .collect();
    let bytes: usize = files.iter().map(|(_, text)| text.len()).sum();
    let read = || Corpus {
        docs: files
            .iter()
            .map(|(path, text)| document(black_box(text.as_bytes()), path, path))
            .collect(),
        warnings: Vec::new(),
    };
    let mut group = c.benchmark_group("read_articles");
    group.throughput(criterion::Throughput::Bytes(bytes as u64));
    group.bench_function("1000", |b| {
        b.iter(|| Shared::new(Cards::Later).load(read).0.docs.len())
    });
    group.finish();
}

criterion_group!(benches, bench_read, bench_search, bench_open, bench_escape);
criterion_main!(benches);
