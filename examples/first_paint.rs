//! Times what a person sees when the reader starts on a folder, for BENCHMARKS.md:
//! `cargo build --release && cargo run --release --example first_paint -- DIR [RUNS]`
//! runs the release `veille DIR` in a 120×40 pseudo-terminal (the binary beside this
//! example, or $VEILLE_BIN) and prints, per run, the time from spawn to the first screen
//! with the status line (first paint), to the first titles listed while files are
//! still read, to the whole corpus listed (read), to the index ready (no "indexing"
//! left), and to the cards made (no "finding names" left; a first run makes them once the
//! corpus is searchable). With `QUERY MS`, types `/QUERY` MS milliseconds after spawn and also prints when
//! its first answer (over the first articles read) and its whole answer were drawn.
//! Before each run, what earlier runs wrote is flushed to disk and every file under DIR is
//! read twice, so that each run starts with a warm page cache and an idle disk: a first run
//! writes as much as it reads (a scratch file, then the cache entry), and one started while
//! those writes went out read its files at a quarter of the CPU.
//! Must not be used as a test: timings vary by machine.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const PATIENCE: Duration = Duration::from_secs(1800);

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: first_paint DIR [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = match args.next().map(|r| r.parse()) {
        None => 1,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!("first_paint: RUNS must be a positive number");
            std::process::exit(2);
        }
    };
    let typing = match (args.next(), args.next().map(|ms| ms.parse())) {
        (None, _) => None,
        (Some(query), Some(Ok(ms))) => Some((query, Duration::from_millis(ms))),
        _ => {
            eprintln!("usage: first_paint DIR [RUNS] [QUERY MS]");
            std::process::exit(2);
        }
    };
    let Some(bin) = binary() else {
        eprintln!("first_paint: no veille binary beside this example; set VEILLE_BIN");
        std::process::exit(2);
    };
    println!("{}: {dir}", bin.display());
    print!("run  first paint ms  first rows ms  list ms  index ready ms  cards ms");
    println!(
        "{}",
        if typing.is_some() {
            "  typed ms  first answer ms"
        } else {
            ""
        }
    );
    for run in 1..=runs {
        for _ in 0..2 {
            if let Err(e) = settle(std::path::Path::new(&dir)) {
                eprintln!("first_paint: {e}");
                std::process::exit(1);
            }
        }
        match measure(&bin, &dir, typing.as_ref()) {
            Ok(([paint, rows, list, ready, cards], answers)) => {
                print!(
                    "{run:>3}  {paint:>14.1}  {rows:>13.1}  {list:>7.1}  {ready:>14.1}  {cards:>8.1}"
                );
                match answers {
                    Some((typed, Some(first))) => println!("  {typed:>8.1}  {first:>15.1}"),
                    Some((typed, None)) => println!("  {typed:>8.1}  {:>15}", "none"),
                    None => println!(),
                }
            }
            Err(e) => {
                eprintln!("first_paint: {e}");
                std::process::exit(1);
            }
        }
    }
}

/// Everything written so far flushed to disk, then every file under `dir` read.
fn settle(dir: &std::path::Path) -> Result<(), String> {
    // SAFETY: sync() takes nothing and only asks the kernel to write dirty pages out.
    unsafe { libc::sync() };
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder)
            .map_err(|e| format!("cannot list {}: {e}", folder.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => folders.push(path),
                Ok(t) if t.is_file() => {
                    let _ = std::fs::read(&path);
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// `target/release/examples/first_paint` → `target/release/veille`.
fn binary() -> Option<PathBuf> {
    if let Some(bin) = std::env::var_os("VEILLE_BIN") {
        return Some(PathBuf::from(bin));
    }
    let exe = std::env::current_exe().ok()?;
    let bin = exe.parent()?.parent()?.join("veille");
    bin.exists().then_some(bin)
}

/// Milliseconds from spawn to: the status line drawn, the first titles listed, the list
/// filled, the index ready (with a query typed: its whole answer shown), the cards made;
/// and when typing, to the query typed and its first answer over the first articles read.
type Times = ([f64; 5], Option<(f64, Option<f64>)>);

fn measure(bin: &PathBuf, dir: &str, typing: Option<&(String, Duration)>) -> Result<Times, String> {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .map_err(|e| format!("open a pty: {e}"))?;
    let mut cmd = CommandBuilder::new(bin);
    cmd.arg(dir);
    cmd.env("TERM", "xterm-256color");
    let start = Instant::now();
    let mut child = pty
        .slave
        .spawn_command(cmd)
        .map_err(|e| format!("spawn: {e}"))?;
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().map_err(|e| e.to_string())?;
    let mut writer = pty.master.take_writer().map_err(|e| e.to_string())?;
    let (tx, output) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let size = |n| NonZeroU16::new(n).ok_or("a zero terminal size");
    let mut parser = vt100::Parser::new(size(ROWS)?, size(COLS)?, 0);
    let (mut paint, mut rows, mut list) = (None, None, None);
    let (mut typed, mut first_answer) = (None, None);
    let mut drew = Instant::now();
    let (mut ready, mut cards) = (None, None);
    loop {
        if let Some((query, when)) = typing.filter(|_| typed.is_none()) {
            if start.elapsed() >= *when {
                writer
                    .write_all(format!("/{query}").as_bytes())
                    .and_then(|()| writer.flush())
                    .map_err(|e| format!("type the query: {e}"))?;
                typed = Some(start.elapsed().as_secs_f64() * 1000.0);
            }
        }
        let bytes = match output.recv_timeout(Duration::from_millis(5)) {
            Ok(bytes) => bytes,
            // A screen waiting for nothing more is not redrawn.
            Err(RecvTimeoutError::Timeout) if ready.is_some() && cards.is_some() => break,
            Err(RecvTimeoutError::Timeout) if drew.elapsed() < PATIENCE => continue,
            Err(_) => return Err("veille drew nothing more for 30 minutes, or exited".into()),
        };
        drew = Instant::now();
        let at = start.elapsed().as_secs_f64() * 1000.0;
        parser.process(&bytes);
        let status = parser.screen().rows(0, COLS).last().unwrap_or_default();
        if status.trim().is_empty() {
            continue;
        }
        paint.get_or_insert(at);
        // The list pane's title counts what it lists: "Articles 0" until titles arrive.
        let top = parser.screen().rows(0, COLS).next().unwrap_or_default();
        if top.contains("Articles ") && !top.contains("Articles 0 ") {
            rows.get_or_insert(at);
        }
        // The position ("1/N") takes the place of "loading…" and of "reading N% (…files)"
        // once the list is filled.
        if typed.is_some() && status.contains("in the first") {
            first_answer.get_or_insert(at);
        }
        let answering = status.contains("in the first") || status.contains("waits");
        let waiting_to_type = typing.is_some() && typed.is_none();
        if !status.contains("loading…") && !status.contains("files)") {
            list.get_or_insert(at);
            if !status.contains("indexing") && !answering && !waiting_to_type {
                ready.get_or_insert(at);
            }
        }
        if ready.is_some() && !status.contains("finding names") {
            cards.get_or_insert(at);
        }
    }
    let (ready, cards) = match (ready, cards) {
        (Some(ready), Some(cards)) => (ready, cards),
        _ => return Err("the screen stopped before the index and cards were ready".into()),
    };
    if typed.is_some() {
        // Out of the filter first; apart, or the terminal reads Esc q as Alt-q.
        let _ = writer.write_all(b"\x1b");
        let _ = writer.flush();
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = writer.write_all(b"q");
    let _ = writer.flush();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let list = list.unwrap_or(ready);
    let times = [
        paint.unwrap_or(ready),
        rows.unwrap_or(list),
        list,
        ready,
        cards,
    ];
    Ok((times, typed.map(|typed| (typed, first_answer))))
}
