//! The real binary in a pseudo-terminal: what a person sees and what the terminal is left in.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

struct Session {
    parser: vt100::Parser,
    output: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// Everything the program wrote, to check what it left the terminal in.
    raw: Vec<u8>,
}

impl Session {
    fn start(args: &[&str]) -> Session {
        Session::start_with(args, &[])
    }

    fn start_with(args: &[&str], env: &[(&str, &std::path::Path)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 140,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_veille"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn veille");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let (tx, output) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        // Keep the master alive as long as the session: dropping it hangs up the child.
        std::mem::forget(pty.master);
        Session {
            parser: vt100::Parser::new(nonzero(24), nonzero(140), 0),
            output,
            writer,
            child,
            raw: Vec::new(),
        }
    }

    fn pump(&mut self, wait: Duration) {
        while let Ok(bytes) = self.output.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    /// Wait until the screen shows `text`, or fail with what it shows.
    fn wait_for(&mut self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            self.pump(Duration::from_millis(50));
            let screen = self.parser.screen().contents();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "never saw {text:?}; screen:\n{screen}"
            );
        }
    }

    fn wait_until(&mut self, what: &str, done: impl Fn(&vt100::Screen) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            self.pump(Duration::from_millis(50));
            if done(self.parser.screen()) {
                return self.parser.screen().contents();
            }
            let screen = self.parser.screen().contents();
            assert!(Instant::now() < deadline, "never {what}; screen:\n{screen}");
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    fn exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            self.pump(Duration::from_millis(20));
            if let Some(status) = self.child.try_wait().expect("wait") {
                self.pump(Duration::from_millis(100));
                return status.exit_code();
            }
            assert!(Instant::now() < deadline, "veille did not exit");
        }
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a non-zero size")
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

const TITLE_000: &str = "Les outils de propagande de Daesh";

#[test]
fn starts_on_the_bundled_corpus_with_five_articles() {
    let mut s = Session::start(&[]);
    let screen = s.wait_for(TITLE_000);
    assert!(s.parser.screen().alternate_screen());
    assert!(screen.contains("Articles 5"), "{screen}");
    for title in [
        TITLE_000,
        "La propagande terroriste en ligne",
        "La vaste cyberattaque",
        "Le groupe État islamique",
        "Question de M. CAMBON",
    ] {
        assert!(screen.contains(title), "{title} missing from\n{screen}");
    }
    assert!(screen.contains("1/5"), "{screen}");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn typing_a_filter_narrows_the_list() {
    let mut s = Session::start(&[]);
    s.wait_for(TITLE_000);
    s.send("/trebes");
    let screen = s.wait_for("Articles 1/5");
    assert!(screen.contains(TITLE_000), "{screen}");
    assert!(!screen.contains("Question de M. CAMBON"), "{screen}");
    s.send("\x1b");
    s.wait_for("Articles 5");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn open_an_article_then_quit_leaves_the_alternate_screen() {
    let mut s = Session::start(&[]);
    s.wait_for(TITLE_000);
    s.send("jjjj\rG");
    s.wait_for("pénale.");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.wait_until("left the alternate screen", |screen| {
        !screen.alternate_screen()
    });
    assert!(
        !s.parser.screen().hide_cursor(),
        "the cursor is shown again"
    );
    let raw = String::from_utf8_lossy(&s.raw);
    let left = raw.rfind("\x1b[?1049l").expect("alternate screen left");
    assert!(
        raw.rfind("\x1b[?1049h")
            .is_some_and(|entered| entered < left)
    );
}

fn signal(s: &Session, name: &str) {
    let pid = s.child.process_id().expect("pid");
    let sent = std::process::Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(sent.success());
}

#[test]
fn sigterm_sighup_and_sigint_restore_the_terminal_and_exit_128_plus_n() {
    for (name, code) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
        let mut s = Session::start(&[]);
        s.wait_for(TITLE_000);
        signal(&s, name);
        assert_eq!(s.exit_code(), code, "SIG{name}");
        s.wait_until("left the alternate screen", |screen| {
            !screen.alternate_screen()
        });
    }
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_continuing_redraws() {
    let mut s = Session::start(&[]);
    s.wait_for(TITLE_000);
    s.send("\x1a");
    s.wait_until("left the alternate screen on Ctrl-Z", |screen| {
        !screen.alternate_screen()
    });
    signal(&s, "CONT");
    let screen = s.wait_until("came back on SIGCONT", |screen| {
        screen.alternate_screen() && screen.contents().contains(TITLE_000)
    });
    assert!(screen.contains("Articles 5"), "{screen}");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn without_a_terminal_the_reader_exits_2_with_a_message() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_veille"))
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run veille");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("terminal"));
}

#[test]
fn help_and_version_work_without_a_terminal() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_veille"))
        .arg("--version")
        .output()
        .expect("run veille");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("veille "));
}

#[test]
fn a_missing_folder_is_reported_before_the_screen_is_taken() {
    let mut s = Session::start(&["/no/such/folder"]);
    assert_eq!(s.exit_code(), 2);
    let screen = s.parser.screen().contents();
    assert!(screen.contains("no such file or folder"), "{screen}");
    assert!(!s.parser.screen().alternate_screen());
}

/// A temporary folder with `corpus/` of two articles (the first about Zebulon): the folder,
/// `corpus/`, and `corpus/` as an argument.
fn two_articles() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    std::fs::write(corpus.join("a.txt"), "Zebulon arrive\n\nZebulon parle.\n").expect("write");
    std::fs::write(corpus.join("b.txt"), "Autre chose\n\nRien a voir.\n").expect("write");
    let folder = corpus.to_string_lossy().to_string();
    (dir, corpus, folder)
}

#[test]
fn the_reader_fills_the_index_cache_then_starts_from_it() {
    let (dir, _, folder) = two_articles();
    let cache = dir.path().join("cache");
    let entries = || -> Vec<(std::path::PathBuf, Vec<u8>)> {
        let Ok(dir) = std::fs::read_dir(cache.join("veille")) else {
            return Vec::new();
        };
        let paths = dir.flatten().map(|e| e.path());
        paths
            .map(|p| (p.clone(), std::fs::read(&p).unwrap_or_default()))
            .collect()
    };
    let mut written = Vec::new();
    for run in ["first", "second"] {
        let mut s = Session::start_with(&[&folder], &[("XDG_CACHE_HOME", &cache)]);
        s.wait_for("Articles 2");
        s.send("/zebulon");
        let screen = s.wait_for("Articles 1/2");
        assert!(screen.contains("Zebulon arrive"), "{run}: {screen}");
        s.send("\x1b");
        s.wait_for("Articles 2");
        s.send("q");
        assert_eq!(s.exit_code(), 0, "{run}");
        // Written once the index was built, complete before the process exited, and
        // left as it is by a run that found it up to date.
        if run == "first" {
            written = entries();
            assert_eq!(written.len(), 1);
        }
        assert_eq!(entries(), written, "{run}");
    }
}

#[test]
fn a_file_changed_since_the_index_cache_was_written_shows_as_it_is_now() {
    let (dir, corpus, folder) = two_articles();
    let cache = dir.path().join("cache");
    let mut s = Session::start_with(&[&folder], &[("XDG_CACHE_HOME", &cache)]);
    s.wait_for("Articles 2");
    s.send("q");
    assert_eq!(s.exit_code(), 0, "first run");

    // The second run starts from the entry, then finds the file changed.
    std::fs::write(corpus.join("a.txt"), "Zoé revient\n\nZoé parle encore.\n").expect("write");
    let mut s = Session::start_with(&[&folder], &[("XDG_CACHE_HOME", &cache)]);
    let screen = s.wait_for("Zoé revient");
    assert!(!screen.contains("Zebulon"), "{screen}");
    s.send("/zoe");
    let screen = s.wait_for("Articles 1/2");
    assert!(screen.contains("Zoé parle encore"), "{screen}");
    s.send("\x1b");
    s.wait_for("Articles 2");
    s.send("q");
    assert_eq!(s.exit_code(), 0, "second run");

    // Written again for what the folder holds now: a third run finds it at once.
    let mut s = Session::start_with(&[&folder], &[("XDG_CACHE_HOME", &cache)]);
    let screen = s.wait_for("Articles 2");
    assert!(screen.contains("Zoé revient"), "{screen}");
    s.send("q");
    assert_eq!(s.exit_code(), 0, "third run");
}

#[test]
fn a_first_run_shows_an_articles_names_once_found_and_keeps_them_in_the_cache() {
    let (dir, corpus, folder) = two_articles();
    std::fs::write(
        corpus.join("a.txt"),
        "Zebulon arrive\n\nMarie Dupont a rencontré le parquet fédéral à Liège.\n",
    )
    .expect("write");
    let cache = dir.path().join("cache");
    for run in ["first", "second"] {
        let mut s = Session::start_with(&[&folder], &[("XDG_CACHE_HOME", &cache)]);
        s.wait_for("Articles 2");
        // The first article open, its card in the sidebar: its names come with the cards,
        // made after the index on a first run, read from the cache on the second.
        // The body says the names too: the card's labels are what tell them found.
        s.send("\r");
        let screen = s.wait_for("Places");
        assert!(screen.contains("People"), "{run}: {screen}");
        assert!(screen.contains("Organisations"), "{run}: {screen}");
        assert!(!screen.contains("being found"), "{run}: {screen}");
        s.send("q");
        assert_eq!(s.exit_code(), 0, "{run}");
        let written = std::fs::read_dir(cache.join("veille")).map(|d| d.count());
        assert_eq!(
            written.ok(),
            Some(1),
            "{run}: the entry, written once the cards were"
        );
    }
}
