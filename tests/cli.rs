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
