//! The headless commands as a script would use them: output, exit status, errors.

use std::process::{Command, Output};

/// The binary, with its index cache in a folder of its own (not the user's).
fn veille(args: &[&str]) -> Output {
    let cache = tempfile::tempdir().expect("temp dir");
    Command::new(env!("CARGO_BIN_EXE_veille"))
        .args(args)
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .expect("run veille")
}

#[test]
fn search_exits_like_grep() {
    assert_eq!(veille(&["search", "europol"]).status.code(), Some(0));
    assert_eq!(veille(&["search", "zqxjk"]).status.code(), Some(1));
    let missing = veille(&["search", "europol", "/no/such/place"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/no/such/place"));
}

#[test]
fn search_json_lines_have_the_documented_fields() {
    let out = veille(&["search", "--json", "--limit", "3", "propagande"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(text.lines().count(), 3);
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON object per line");
        for key in ["path", "title", "date", "score", "matches", "snippet"] {
            assert!(v.get(key).is_some(), "{key} missing: {line}");
        }
    }
}

#[test]
fn search_reads_folders_given_after_the_query() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("note.md"), "Une note\n\nSur Wainwright.\n").expect("write");
    let path = dir.path().to_string_lossy().to_string();
    let out = veille(&["search", "wainwright", &path]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("note.md"));
}

#[test]
fn meta_prints_one_record_per_article() {
    let out = veille(&["meta", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(text.lines().count(), 5);
    let plain = veille(&["meta"]);
    assert!(String::from_utf8_lossy(&plain.stdout).contains("title: Question de M. CAMBON"));
}

#[test]
fn jsonl_on_stdin_with_field_overrides_and_a_broken_record() {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_veille"))
        .args([
            "search",
            "--field",
            "title=headline",
            "--field",
            "text=article",
            "europol",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run veille");
    let input = "{\"headline\":\"Un titre\",\"article\":\"Sur Europol.\"}\n{\"headline\": oops\n";
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Un titre\tstdin:1"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("stdin:2"),
        "the broken record is reported with its line: {err}"
    );
}

#[test]
fn a_bad_field_override_is_a_clear_error() {
    let out = veille(&["search", "--field", "nonsense", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("FIELD=KEY"));
}

#[test]
fn bench_pauses_before_each_key_when_asked() {
    let pause_ms = 300.0;
    let started = std::time::Instant::now();
    let out = veille(&["bench", "--replay", "/wai", "--pause", "300", "--json"]);
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // Four keys, 300 ms before each: at least 1.2 s, however fast the rest.
    assert!(took >= std::time::Duration::from_millis(1200), "{took:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let keys = json["keys"].as_array().expect("keys");
    assert_eq!(keys.len(), 4, "{json}");
    // The pause is not what is timed: were it, every echo would take 300 ms or more.
    for key in keys {
        let echo = key["echo_ms"].as_f64().expect("echo_ms");
        assert!(echo < pause_ms, "{key}");
    }
    let bad = veille(&["bench", "--replay", "/wai", "--pause", "x"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn bench_replays_keys_and_prints_a_row_per_keystroke_and_the_summaries() {
    let out = veille(&["bench", "--replay", "/wain<bs>x<esc>", "--repeat", "2"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let rows: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("round"))
        .skip(1)
        .take_while(|l| !l.starts_with("echo"))
        .collect();
    assert_eq!(rows.len(), 2 * 8, "{text}");
    assert!(text.starts_with("5 articles;"), "{text}");
    let echo = text.lines().find(|l| l.starts_with("echo")).expect("echo");
    let results = text
        .lines()
        .find(|l| l.starts_with("results"))
        .expect("results");
    for line in [echo, results] {
        for word in ["p50", "p95", "p99", "max"] {
            assert!(line.contains(word), "{line}");
        }
    }
    // "/wai" finds the Wainwright article; "/waix" finds nothing; Esc lists all again.
    let row = |query: &str| {
        rows.iter()
            .find(|r| r.split_whitespace().nth(2) == Some(query))
            .unwrap_or_else(|| panic!("no row for {query}: {text}"))
    };
    assert!(row("wai").ends_with(" 1"), "{text}");
    assert!(row("waix").ends_with(" 0"), "{text}");
    assert!(rows[7].ends_with(" 5"), "{text}");
}

#[test]
fn bench_json_has_the_documented_keys() {
    let out = veille(&["bench", "--json", "--replay", "/eu"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    for key in [
        "documents",
        "load_ms",
        "index_ms",
        "keys",
        "echo",
        "results",
    ] {
        assert!(v.get(key).is_some(), "{key} missing: {v}");
    }
    let keys = v["keys"].as_array().expect("keys is an array");
    assert_eq!(keys.len(), 3);
    assert_eq!(keys[2]["query"], "eu");
    assert!(keys[0]["results_ms"].is_null(), "`/` sends no search");
    assert!(keys[2]["results_ms"].is_f64());
    for p in ["p50", "p95", "p99", "max"] {
        assert!(
            v["echo"][p].is_f64() && v["results"][p].is_f64(),
            "{p}: {v}"
        );
    }
}

#[test]
fn bench_refuses_bad_keys_and_a_missing_corpus() {
    let bad = veille(&["bench", "--replay", "/ab<nope>"]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("unknown key <nope>"), "{err}");
    assert!(bad.stdout.is_empty());
    let missing = veille(&["bench", "--replay", "/a", "--corpus", "/no/such/place"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/no/such/place"));
}
