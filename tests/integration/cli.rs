//! The command line: exit codes, refusals, and a failed build leaving the
//! previous output untouched.

use std::fs;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{fixture_site, generated_guide, tree, trellis};

#[test]
fn build_succeeds_with_exit_0() {
    let site = fixture_site("valid", "basic");
    let out = trellis(
        &["build", "--root", site.path().to_str().unwrap()],
        site.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site.path().join("public/index.html").is_file());
    assert!(site.path().join("public/.trellis-output").is_file());
}

#[test]
fn usage_error_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = trellis(&["build", "--no-such-flag"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let out = trellis(&["frobnicate"], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn missing_config_exits_1_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let out = trellis(&["build"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no `guide.toml`"), "{err}");
    assert!(err.contains("trellis new"), "{err}");
}

#[test]
fn failed_build_leaves_previous_output_byte_for_byte() {
    let site = fixture_site("valid", "basic");
    let root = site.path().to_str().unwrap();
    assert_eq!(
        trellis(&["build", "--root", root], site.path())
            .status
            .code(),
        Some(0)
    );
    let public = site.path().join("public");
    let before: Vec<(String, Vec<u8>)> = tree(&public)
        .into_iter()
        .map(|f| {
            let b = fs::read(public.join(&f)).unwrap();
            (f, b)
        })
        .collect();
    fs::write(
        site.path().join("content/steps/01-begin.md"),
        "+++\ntitle = \"Begin\"\nworksheet = 3\n+++\n",
    )
    .unwrap();
    let out = trellis(&["build", "--root", root], site.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("content/steps/01-begin.md:3:13"), "{err}");
    let after: Vec<(String, Vec<u8>)> = tree(&public)
        .into_iter()
        .map(|f| {
            let b = fs::read(public.join(&f)).unwrap();
            (f, b)
        })
        .collect();
    assert!(before == after, "the previous output changed");
    // No temp folders left behind.
    let leftovers: Vec<_> = fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("trellis-") && !n.ends_with(".trellis-lock"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn output_into_sources_is_refused_and_nothing_deleted() {
    let site = fixture_site("valid", "basic");
    let root = site.path().to_str().unwrap();
    let before = tree(site.path());
    for bad in [
        "content",
        ".",
        "content/steps",
        "static",
        "..",
        "missing/../content",
        "missing/deeper/../../content",
        "missing/..",
        "./content/./",
        "messages",
        "messages/out",
    ] {
        let out = trellis(&["build", "--root", root, "--output", bad], site.path());
        assert_eq!(out.status.code(), Some(1), "--output {bad} was accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("refusing to write the site"), "{err}");
    }
    assert_eq!(tree(site.path()), before, "files changed");
}

/// Found by a hostile-input sweep: an output that is a link to nothing
/// failed only at the swap, with "Not a directory", and left the new site
/// stranded beside it.
#[test]
fn output_that_is_a_dangling_link_is_refused_up_front() {
    let site = fixture_site("valid", "basic");
    let link = site.path().join("public");
    std::os::unix::fs::symlink(site.path().join("nowhere"), &link).unwrap();
    let out = trellis(
        &[
            "build",
            "--root",
            site.path().to_str().unwrap(),
            "--output",
            link.to_str().unwrap(),
        ],
        site.path(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("it is a symbolic link to"), "{err}");
    assert!(err.contains("which does not exist"), "{err}");
    let stranded: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    assert!(stranded.is_empty(), "{stranded:?}");
}

#[test]
fn foreign_folder_reached_through_dot_dot_is_refused() {
    let site = fixture_site("valid", "basic");
    let other = tempfile::tempdir().unwrap();
    fs::write(other.path().join("notes.txt"), "precious").unwrap();
    let sneaky = site
        .path()
        .join("missing/deeper/../..")
        .join(pathdiff(other.path(), site.path()));
    let out = trellis(
        &[
            "build",
            "--root",
            site.path().to_str().unwrap(),
            "--output",
            sneaky.to_str().unwrap(),
        ],
        site.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        fs::read_to_string(other.path().join("notes.txt")).unwrap(),
        "precious"
    );
    assert_eq!(
        fs::read_dir(other.path()).unwrap().count(),
        1,
        "something was written beside the notes"
    );
}

/// `to` relative to `from` (both absolute), with `..` steps.
fn pathdiff(to: &std::path::Path, from: &std::path::Path) -> std::path::PathBuf {
    let ups = from.components().count() - 1;
    let mut p = std::path::PathBuf::new();
    for _ in 0..ups {
        p.push("..");
    }
    p.join(to.strip_prefix("/").unwrap())
}

#[test]
fn foreign_non_empty_folder_is_refused() {
    let site = fixture_site("valid", "basic");
    fs::create_dir_all(site.path().join("mine")).unwrap();
    fs::write(site.path().join("mine/notes.txt"), "mine").unwrap();
    let out = trellis(
        &[
            "build",
            "--root",
            site.path().to_str().unwrap(),
            "--output",
            "mine",
        ],
        site.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".trellis-output"));
    assert_eq!(
        fs::read_to_string(site.path().join("mine/notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn new_scaffolds_a_guide_that_builds_with_the_built_in_theme() {
    let dir = tempfile::tempdir().unwrap();
    let out = trellis(&["new", "my-guide"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let guide = dir.path().join("my-guide");
    assert!(!guide.join("themes").exists());
    let out = trellis(&["build", "--root", "my-guide"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(guide.join("public/steps/get-started/index.html").is_file());
    assert!(
        guide
            .join("public/worksheets/first-worksheet/index.html")
            .is_file()
    );
    assert!(guide.join("public/css/trellis.css").is_file());
    // Refuses to scaffold over existing files.
    let again = trellis(&["new", "my-guide"], dir.path());
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn version_and_help() {
    let dir = tempfile::tempdir().unwrap();
    let v = trellis(&["--version"], dir.path());
    assert!(String::from_utf8_lossy(&v.stdout).starts_with("trellis "));
    let h = trellis(&["build", "--help"], dir.path());
    let help = String::from_utf8_lossy(&h.stdout);
    for flag in ["--root", "--output", "--base-url", "--drafts"] {
        assert!(help.contains(flag), "{help}");
    }
}

#[test]
fn check_reports_and_writes_nothing() {
    let site = fixture_site("invalid", "many-problems");
    let before = tree(site.path());
    let out = trellis(
        &["check", "--root", site.path().to_str().unwrap()],
        site.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let expected =
        fs::read_to_string(crate::support::fixtures().join("invalid/many-problems/expected.txt"))
            .unwrap();
    assert_eq!(text, expected);
    assert!(!text.contains('\u{1b}'), "colour without a terminal");
    assert_eq!(tree(site.path()), before, "check wrote files");
}

#[test]
fn check_json_is_one_object_per_line() {
    let site = fixture_site("invalid", "many-problems");
    let out = trellis(
        &[
            "check",
            "--format",
            "json",
            "--root",
            site.path().to_str().unwrap(),
        ],
        site.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 8, "{text}");
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for field in [
            "severity",
            "code",
            "message",
            "file",
            "line",
            "column",
            "end_column",
            "source_line",
            "hint",
        ] {
            assert!(v.get(field).is_some(), "{field} missing in {line}");
        }
    }
}

#[test]
fn check_strict_fails_on_warnings_only() {
    let site = fixture_site("warnings", "w005-page-without-summary");
    let root = site.path().to_str().unwrap();
    let lenient = trellis(&["check", "--root", root], site.path());
    assert_eq!(
        lenient.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&lenient.stdout)
    );
    assert!(String::from_utf8_lossy(&lenient.stdout).contains("warning[W005]"));
    let strict = trellis(&["check", "--strict", "--root", root], site.path());
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn bundled_guide_checks_clean_with_strict() {
    let root = crate::support::repo_root();
    let out = trellis(
        &["check", "--strict", "--root", root.to_str().unwrap()],
        &root,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "No problems found.\n");
}

/// `-q` prints errors only, for `check` as for `build`; under `--strict`
/// warnings fail the check, so they are printed.
#[test]
fn check_quiet_prints_only_errors() {
    let site = crate::support::fixture_site("warnings", "w005-page-without-summary");
    let root = site.path().to_str().unwrap();
    let loud = trellis(&["check", "--root", root], site.path());
    assert!(String::from_utf8_lossy(&loud.stdout).contains("warning[W005]"));
    let quiet = trellis(&["check", "-q", "--root", root], site.path());
    assert_eq!(String::from_utf8_lossy(&quiet.stdout), "");
    assert_eq!(quiet.status.code(), Some(0));
    let json = trellis(
        &["check", "-q", "--format", "json", "--root", root],
        site.path(),
    );
    assert_eq!(String::from_utf8_lossy(&json.stdout), "");
    let strict = trellis(&["check", "-q", "--strict", "--root", root], site.path());
    assert!(String::from_utf8_lossy(&strict.stdout).contains("warning[W005]"));
    assert_eq!(strict.status.code(), Some(1));
    let errors = crate::support::fixture_site("invalid", "broken-link");
    let root = errors.path().to_str().unwrap();
    let out = trellis(&["check", "-q", "--root", root], errors.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("error[E009]") && !stdout.contains("warning["),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(1));
}

fn build_command(root: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_trellis"));
    c.args(["build", "-q", "--root", root.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// Temporary folders trellis left beside `public/` (not the previous
/// output, `.public.trellis-old`, which stays for the next build to write
/// over).
pub(crate) fn leftovers(root: &std::path::Path) -> Vec<String> {
    fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".trellis-tmp-"))
        .collect()
}

/// The bug: two builds into the same output both exited 0 with an
/// incomplete `public/`, because a starting build deleted the other's live
/// temporary folder. Now the second waits for the first.
#[test]
fn two_builds_at_once_never_lose_the_site() {
    let site = generated_guide(400);
    let root = site.path();
    assert!(build_command(root).status().unwrap().success());
    let expected = tree(&root.join("public"));
    for pair in 0..4 {
        let first = build_command(root).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(30 * pair));
        let second = build_command(root).spawn().unwrap();
        for child in [first, second] {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "pair {pair}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_eq!(tree(&root.join("public")), expected, "pair {pair}");
        assert!(
            leftovers(root).is_empty(),
            "pair {pair}: {:?}",
            leftovers(root)
        );
    }
}

/// A build killed with SIGKILL while writing leaves the previous site as it
/// was; the next build removes its temporary folder (its owner is gone).
#[cfg(unix)]
#[test]
fn a_killed_build_leaves_the_previous_site_and_its_leftovers_are_cleaned() {
    let site = generated_guide(600);
    let root = site.path();
    assert!(build_command(root).status().unwrap().success());
    let public = root.join("public");
    let before = tree(&public);
    let index = fs::read(public.join("index.html")).unwrap();
    let mut killed_while_writing = false;
    for _ in 0..5 {
        let mut child = build_command(root).spawn().unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        while leftovers(root).is_empty() && Instant::now() < deadline {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        child.kill().unwrap();
        let _ = child.wait();
        killed_while_writing |= !leftovers(root).is_empty();
        // Whatever moment it died at, public/ is a complete site.
        assert_eq!(tree(&public), before);
        assert_eq!(fs::read(public.join("index.html")).unwrap(), index);
        if killed_while_writing {
            break;
        }
    }
    assert!(
        killed_while_writing,
        "never caught the build while it wrote"
    );
    assert!(build_command(root).status().unwrap().success());
    assert!(leftovers(root).is_empty(), "{:?}", leftovers(root));
    assert_eq!(tree(&public), before);
    // The killed build's folder became the one the next build writes over.
    assert!(root.join(".public.trellis-old/.trellis-output").is_file());
}
