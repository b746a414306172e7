//! `build --pdf` without Chromium: one clear error (E020) that says how to
//! install it, and the previous output left byte for byte. (Printing with
//! Chromium is tested in `tests/browser/pdf.test.mjs`.)

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use crate::support::{fixture_site, tree};

/// Run trellis with no Chromium to be found: PATH empty, and CHROME_PATH
/// as given (or unset).
fn without_chromium(args: &[&str], cwd: &Path, chrome_path: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_trellis"));
    cmd.args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("PATH", "")
        .env_remove("CHROME_PATH");
    if let Some(p) = chrome_path {
        cmd.env("CHROME_PATH", p);
    }
    cmd.output().unwrap()
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    tree(dir)
        .into_iter()
        .map(|f| {
            let b = fs::read(dir.join(&f)).unwrap();
            (f, b)
        })
        .collect()
}

fn leftovers(root: &Path) -> Vec<String> {
    fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("trellis-") && !n.ends_with(".trellis-lock"))
        .collect()
}

#[test]
fn pdf_without_chromium_fails_cleanly_and_replaces_nothing() {
    let site = fixture_site("valid", "basic");
    let root = site.path().to_str().unwrap();
    let ok = without_chromium(&["build", "--root", root], site.path(), None);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "a build without --pdf needs no Chromium: {}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let public = site.path().join("public");
    let before = snapshot(&public);
    assert!(before.iter().all(|(f, _)| !f.ends_with(".pdf")));

    let missing = site.path().join("no-such-chromium");
    for chrome_path in [None, Some(missing.to_str().unwrap())] {
        let out = without_chromium(
            &["build", "--pdf", "--root", root],
            site.path(),
            chrome_path,
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert_eq!(err.matches("error[").count(), 1, "one error: {err}");
        assert!(err.contains("error[E020]"), "{err}");
        assert!(err.contains("apt-get install chromium"), "{err}");
        assert!(err.contains("CHROME_PATH"), "{err}");
        if chrome_path.is_some() {
            assert!(err.contains("no-such-chromium"), "names the path: {err}");
        }
        assert!(!err.contains("panicked"), "{err}");
        assert!(snapshot(&public) == before, "the previous output changed");
        assert!(
            leftovers(site.path()).is_empty(),
            "{:?}",
            leftovers(site.path())
        );
    }

    // `pdf = true` in guide.toml asks for them too; `check` never needs
    // Chromium, even then.
    let config = site.path().join("guide.toml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("pdf = true\n{text}")).unwrap();
    let out = without_chromium(&["build", "--root", root], site.path(), None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("error[E020]"), "{err}");
    assert!(snapshot(&public) == before, "the previous output changed");
    let out = without_chromium(&["check", "--root", root], site.path(), None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Pages link their PDFs exactly when the build makes them.
#[test]
fn pages_link_pdfs_only_when_they_are_made() {
    let files = [
        (
            "content/_index.md".to_string(),
            "+++\ntitle = \"Home\"\n+++\nHi.\n".to_string(),
        ),
        (
            "content/worksheets/talk.md".to_string(),
            "+++\ntitle = \"Talk\"\n+++\n```answer\nWhat happened?\n```\n".to_string(),
        ),
    ];
    let page = |config: &str, path: &str| -> String {
        let outcome = trellis::pipeline::render_sources(config, &files, false);
        let built = outcome.built.expect("the guide builds");
        match &built.rendered.get(path).expect(path).contents {
            trellis::render::Contents::Bytes(b) => String::from_utf8(b.clone()).unwrap(),
            other => panic!("{path} is {other:?}"),
        }
    };
    let plain = "title = \"T\"\nbase_url = \"https://e.org/g/\"\n";
    for path in ["worksheets/talk/index.html", "workbook/index.html"] {
        let without = page(plain, path);
        assert!(!without.contains(".pdf"), "{path} links a PDF:\n{without}");
        let with = page(&format!("{plain}pdf = true\n"), path);
        let pdf = path.trim_end_matches("index.html");
        let name = pdf.trim_end_matches('/').rsplit('/').next().unwrap();
        for paper in ["a4", "letter"] {
            let href = format!("href=\"/g/{pdf}{name}-{paper}.pdf\"");
            assert!(with.contains(&href), "{path} lacks {href}:\n{with}");
        }
        assert!(with.contains("Download PDF:"), "{path}");
    }
}

#[test]
fn a_chromium_path_that_is_not_a_program_is_refused() {
    let site = fixture_site("valid", "basic");
    let root = site.path().to_str().unwrap();
    // A folder, and a file that cannot be run.
    let folder = site.path().join("content");
    let text = site.path().join("guide.toml");
    for bad in [&folder, &text] {
        let out = without_chromium(
            &["build", "--pdf", "--root", root],
            site.path(),
            Some(bad.to_str().unwrap()),
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains("error[E020]"), "{err}");
        assert!(err.contains("is not a program"), "{err}");
        assert!(!site.path().join("public").exists());
    }
}
