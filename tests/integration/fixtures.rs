//! Fixture sites: valid ones against their expected output tree, invalid
//! ones against their expected diagnostics.

use std::fs;
use std::path::Path;

use trellis::diagnostics::{Code, Style, render_json, render_report};
use trellis::pipeline::{self, BuildOptions};

use crate::support::{bless, fixture_site, fixtures, tree};

fn check_valid(name: &str) {
    let site = fixture_site("valid", name);
    let out = site.path().join("public");
    let outcome = pipeline::build(&BuildOptions {
        root: site.path().to_path_buf(),
        output: out.clone(),
        base_url: None,
        drafts: false,
        pdf: false,
    });
    let report = render_report(&outcome.diagnostics, Style::Plain);
    assert!(outcome.built.is_some(), "{name} failed to build:\n{report}");
    assert!(!outcome.diagnostics.has_errors(), "{report}");
    let expected = fixtures().join("valid").join(name).join("expected");
    if bless() {
        let _ = fs::remove_dir_all(&expected);
        crate::support::copy_dir(&out, &expected);
        fs::write(expected.join("diagnostics.txt"), &report).unwrap();
        return;
    }
    let mut want = tree(&expected);
    want.retain(|f| f != "diagnostics.txt");
    assert_eq!(
        tree(&out),
        want,
        "{name}: the output files differ from expected/"
    );
    for f in &want {
        let got = fs::read(out.join(f)).unwrap();
        let exp = fs::read(expected.join(f)).unwrap();
        assert!(
            got == exp,
            "{name}: {f} differs from expected:\n{}",
            String::from_utf8_lossy(&got)
        );
    }
    let exp_report = fs::read_to_string(expected.join("diagnostics.txt")).unwrap_or_default();
    assert_eq!(report, exp_report, "{name}: warnings differ");
}

/// Valid fixture `name` passes `check --strict` with nothing to say, and
/// every link and image of its build resolves (under `base`). Returns the
/// site (kept alive) and its output folder.
fn checks_clean_and_every_link_resolves(
    name: &str,
    base: &str,
) -> (tempfile::TempDir, std::path::PathBuf) {
    let site = fixture_site("valid", name);
    let root = site.path().to_str().unwrap();
    let out = crate::support::trellis(&["check", "--strict", "--root", root], site.path());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "No problems found.\n",
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0));
    let out = crate::support::trellis(&["build", "--root", root], site.path());
    assert_eq!(out.status.code(), Some(0));
    let public = site.path().join("public");
    let broken = crate::support::broken_links(&public, base);
    assert!(broken.is_empty(), "{name}: {broken:#?}");
    (site, public)
}

#[test]
fn valid_basic() {
    check_valid("basic");
}

/// One guide in English, Spanish and Arabic: each language under its own
/// root, every link resolving, `check --strict` clean.
#[test]
fn valid_languages() {
    check_valid("languages");
    checks_clean_and_every_link_resolves("languages", "/guide/");
}

/// A guide in Russian, Arabic and Japanese: steps, worksheets whose fields
/// have ids derived from their prompts (longer than the 48-character id
/// limit), task lists, non-ASCII file names and links to headings in every
/// script. It must check clean with `--strict`.
#[test]
fn valid_many_scripts() {
    check_valid("many-scripts");
    // Percent-encoded fragments in every script too.
    checks_clean_and_every_link_resolves("many-scripts", "/");
}

/// Markdown as authors bring it from other tools: raw HTML anchors and
/// links (with `srcset`), reference links, email autolinks, a footnote in a
/// heading, loose and nested task lists, images in a folder with no pages,
/// a folder named with an underscore, all under a base path. It checks
/// clean with `--strict`, and every link and image in the output resolves.
#[test]
fn valid_markdown_as_written() {
    check_valid("markdown-as-written");
    let (_site, public) = checks_clean_and_every_link_resolves("markdown-as-written", "/book/");
    // A folder of images is not a section; files keep their place under
    // their section's URL, spelled as the pages are.
    assert!(!public.join("steps/img/index.html").exists());
    assert!(public.join("steps/img/diagram-2x.svg").is_file());
    assert!(public.join("for-developers/pic.svg").is_file());
    assert!(!public.join("for_developers").exists());
    let sitemap = fs::read_to_string(public.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("steps/img"), "{sitemap}");
}

/// Check every fixture in `tests/fixtures/<kind>/` against its expected
/// human report (`expected.txt`) and JSON lines (`expected.json`).
fn check_diagnostic_fixtures(kind: &str, should_build: bool) {
    let dir = fixtures().join(kind);
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut failures = Vec::new();
    for name in &names {
        let site = fixture_site(kind, name);
        let outcome = pipeline::render_in_memory(site.path(), None, false);
        let report = render_report(&outcome.diagnostics, Style::Plain);
        let json = render_json(&outcome.diagnostics);
        let expected_txt = dir.join(name).join("expected.txt");
        let expected_json = dir.join(name).join("expected.json");
        if bless() {
            fs::write(&expected_txt, &report).unwrap();
            fs::write(&expected_json, &json).unwrap();
            continue;
        }
        if outcome.built.is_some() != should_build {
            failures.push(format!(
                "{name}: built = {}, expected {should_build}\n{report}",
                outcome.built.is_some()
            ));
            continue;
        }
        if outcome.diagnostics.is_empty() {
            failures.push(format!("{name}: no diagnostics at all"));
        }
        let expected = fs::read_to_string(&expected_txt).unwrap_or_default();
        if report != expected {
            failures.push(format!(
                "{name}:\n--- expected\n{expected}\n--- got\n{report}"
            ));
        }
        let expected = fs::read_to_string(&expected_json).unwrap_or_default();
        if json != expected {
            failures.push(format!(
                "{name} (json):\n--- expected\n{expected}\n--- got\n{json}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Each invalid fixture fails with exactly its expected diagnostics.
#[test]
fn invalid_fixtures() {
    check_diagnostic_fixtures("invalid", false);
}

/// Each warning fixture builds, with exactly its expected warnings.
#[test]
fn warning_fixtures() {
    check_diagnostic_fixtures("warnings", true);
}

/// Every diagnostic code is documented and has a fixture that produces it.
#[test]
fn every_code_is_documented_and_covered() {
    let docs = fs::read_to_string(crate::support::repo_root().join("docs/diagnostics.md")).unwrap();
    let mut expected_all = String::new();
    for kind in ["invalid", "warnings"] {
        for e in fs::read_dir(fixtures().join(kind)).unwrap() {
            expected_all.push_str(
                &fs::read_to_string(e.unwrap().path().join("expected.json")).unwrap_or_default(),
            );
        }
    }
    for code in Code::ALL {
        let id = code.id();
        assert!(
            docs.contains(&format!("## {id}")),
            "{id} ({code:?}) is not in docs/diagnostics.md"
        );
        // E015 (output refused), E017 (server cannot start) and E020 (no
        // Chromium for PDFs) are covered by the CLI and serve tests, not by
        // fixture sites; E018 (a caught panic) by a unit test: no input may
        // produce it.
        if !matches!(
            code,
            Code::Output | Code::Server | Code::Internal | Code::Pdf
        ) {
            assert!(
                expected_all.contains(&format!("\"code\":\"{id}\"")),
                "no fixture produces {id} ({code:?})"
            );
        }
    }
    // And the docs list no code that does not exist.
    for line in docs.lines().filter_map(|l| l.strip_prefix("## ")) {
        if line.len() == 4 && (line.starts_with('E') || line.starts_with('W')) {
            assert!(
                Code::ALL.iter().any(|c| c.id() == line),
                "docs/diagnostics.md documents {line}, which no Code has"
            );
        }
    }
}

fn write_site(root: &Path, extra: &[(&str, &[u8])]) {
    fs::write(
        root.join("guide.toml"),
        "title = \"T\"\nbase_url = \"https://e.org/\"\ntheme = \"plain\"\n",
    )
    .unwrap();
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(
        root.join("content/_index.md"),
        "+++\ntitle = \"Home\"\nsummary = \"s\"\n+++\nHi.\n",
    )
    .unwrap();
    for (path, bytes) in extra {
        let p = root.join(path);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
    crate::support::copy_dir(&fixtures().join("theme-plain"), &root.join("themes/plain"));
}

fn errors_of(root: &Path) -> String {
    let outcome = pipeline::render_in_memory(root, None, false);
    assert!(outcome.built.is_none());
    render_report(&outcome.diagnostics, Style::Plain)
}

/// Inputs that cannot be committed as fixtures are made at test time.
#[cfg(unix)]
#[test]
fn symlink_loop_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), &[]);
    std::os::unix::fs::symlink("..", dir.path().join("content/loop")).unwrap();
    let report = errors_of(dir.path());
    assert!(
        report.contains("error[E014]: symbolic link loop"),
        "{report}"
    );
    assert!(report.contains("content/loop"), "{report}");
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_site_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.md"), "# Secret\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), &[]);
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        dir.path().join("content/secret.md"),
    )
    .unwrap();
    let report = errors_of(dir.path());
    assert!(
        report.contains("error[E014]: symbolic link points outside the site"),
        "{report}"
    );
    assert!(report.contains("content/secret.md"), "{report}");
}

/// The bug: a top-level `static/` (or `content/`, `templates/`, `themes/`,
/// the theme itself, `guide.toml`) that was itself a symlink out of the
/// guide was followed, and its files published; `check` said nothing.
#[cfg(unix)]
#[test]
fn top_level_folders_linked_out_of_the_site_are_refused() {
    for linked in [
        "static",
        "content",
        "templates",
        "themes",
        "themes/plain",
        "themes/plain/static",
        "guide.toml",
    ] {
        let outside = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(&root).unwrap();
        write_site(
            &root,
            &[
                ("static/keep.txt", b"ok"),
                ("templates/note.html", b"<p>note</p>"),
            ],
        );
        let target = root.join(linked);
        // The outside copy holds what the real folder held, plus a secret.
        let secret = outside.path().join("secret");
        if target.is_dir() {
            crate::support::copy_dir(&target, &secret);
            fs::remove_dir_all(&target).unwrap();
            fs::write(secret.join("id_rsa"), "KEY").unwrap();
        } else {
            fs::copy(&target, &secret).unwrap();
            fs::remove_file(&target).unwrap();
        }
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(&secret, &target).unwrap();

        let report = errors_of(&root);
        assert!(
            report.contains("error[E014]: symbolic link points outside the site"),
            "{linked}: {report}"
        );
        assert!(
            report.contains(&format!("--> {linked}")),
            "{linked}: {report}"
        );
        let out = crate::support::trellis(&["build", "--root", root.to_str().unwrap()], &root);
        assert_eq!(out.status.code(), Some(1), "{linked}");
        assert!(
            !root.join("public").exists(),
            "{linked}: something was published"
        );
    }
}

/// The bug: a symlinked folder under `content/` pointing out of the guide
/// was reported, and then its files were loaded anyway.
#[cfg(unix)]
#[test]
fn a_linked_folder_out_of_the_site_is_not_descended_into() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.md"), "# Secret diary\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), &[]);
    std::os::unix::fs::symlink(outside.path(), dir.path().join("content/linked")).unwrap();
    let outcome = pipeline::render_in_memory(dir.path(), None, false);
    let report = render_report(&outcome.diagnostics, Style::Plain);
    assert_eq!(outcome.diagnostics.error_count(), 1, "{report}");
    assert!(report.contains("--> content/linked"), "{report}");
    assert!(!report.contains("secret"), "{report}");
}

/// Two scales whose radio groups get one name in the workbook act as one
/// group there, even when their options differ.
#[test]
fn scales_sharing_a_group_name_in_the_workbook_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[
            (
                "content/worksheets/a.md",
                b"+++\ntitle = \"A\"\n+++\n```scale id=b-c min=1 max=2\nQ?\n```\n",
            ),
            (
                "content/worksheets/a-b.md",
                b"+++\ntitle = \"AB\"\n+++\n```scale id=c min=3 max=4\nR?\n```\n",
            ),
        ],
    );
    let report = errors_of(dir.path());
    assert!(
        report
            .contains("error[E012]: field `ws-a-b-c` is also a field of `content/worksheets/a.md`"),
        "{report}"
    );
}

/// Found in review: a template that doubles a string in a loop (kept in
/// Tera's own buffers, never written) grew until the machine ran out of
/// memory. The binary's allocator counts each page's growth; past 1 GiB
/// trellis stops, naming the template and the page.
#[test]
fn a_template_that_builds_text_without_end_is_stopped() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[
            ("content/page.md", b"+++\ntitle = \"Page\"\nsummary = \"s\"\n+++\nBody.\n"),
            (
                "templates/page.html",
                b"{% extends \"base.html\" %}{% block main %}{% set_global s = \"xxxxxxxx\" %}{% for i in range(end=40) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}{% endblock main %}",
            ),
        ],
    );
    let out = crate::support::trellis(
        &["check", "--root", dir.path().to_str().unwrap()],
        dir.path(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[E013]: template `page.html` used more than 1024 MiB of memory while rendering `content/page.md`"),
        "{err}"
    );
    // A build stopped so leaves no temporary folder of pages behind, and
    // says what became of the output.
    let out = crate::support::trellis(
        &[
            "build",
            "--root",
            dir.path().to_str().unwrap(),
            "--output",
            "public",
        ],
        dir.path(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("The output folder was left as it was."),
        "{err}"
    );
    let left = crate::cli::leftovers(dir.path());
    assert!(left.is_empty(), "{left:?}");
}

/// Found by a hostile-input sweep: a file whose name is not UTF-8 was
/// published under another name (its bad byte made U+FFFD), and of two
/// such names one silently replaced the other.
#[test]
fn names_that_are_not_utf8_are_errors_naming_each_file() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[(
            "content/page.md",
            b"+++\ntitle = \"Page\"\nsummary = \"s\"\n+++\nBody.\n",
        )],
    );
    std::fs::create_dir_all(dir.path().join("static")).unwrap();
    for (folder, byte) in [("static", 0xFF_u8), ("static", 0xFE), ("content", 0xFF)] {
        let name = [b'x', byte, b'.', b'p', b'n', b'g'];
        let name = std::ffi::OsStr::from_bytes(&name);
        std::fs::write(dir.path().join(folder).join(name), b"data").unwrap();
    }
    let report = errors_of(dir.path());
    for file in [
        "static/x\\xFE.png",
        "static/x\\xFF.png",
        "content/x\\xFF.png",
    ] {
        assert!(
            report.contains(&format!(
                "error[E014]: file name is not valid UTF-8\n --> {file}"
            )),
            "{file}: {report}"
        );
    }
}

#[test]
fn huge_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let big = vec![b'a'; (trellis::load::MAX_CONTENT_BYTES + 1) as usize];
    write_site(dir.path(), &[("content/big.md", &big)]);
    let report = errors_of(dir.path());
    assert!(
        report.contains("larger than the 8388608 byte limit"),
        "{report}"
    );
}

/// Arbitrary bytes never panic the pipeline: a small deterministic fuzz.
#[test]
fn garbage_input_never_panics() {
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let pieces: &[&[u8]] = &[
        b"+++",
        b"---",
        b"\n",
        b"title = \"x\"",
        b"```answer id=a",
        b"```",
        b"[l](x.md#y)",
        b"# H",
        b"\xff",
        b"\r\n",
        b"step = 99999999999",
        b"- [ ] t",
        b"[^1]",
        b"lines=-1",
        b"\"",
        b"\xef\xbb\xbf",
        b"![](/a.png)",
        b"<script>",
        b"{{ x }}",
        b"\0",
    ];
    for _ in 0..150 {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = Vec::new();
        for _ in 0..(next() % 12) {
            bytes.extend_from_slice(pieces[(next() % pieces.len() as u64) as usize]);
            if next() % 3 == 0 {
                bytes.push(b'\n');
            }
        }
        write_site(
            dir.path(),
            &[
                ("content/steps/01-x.md", &bytes),
                ("content/worksheets/w.md", &bytes),
            ],
        );
        // Must return (ok or diagnostics), never panic.
        let _ = pipeline::render_in_memory(dir.path(), None, false);
    }
}

/// `trellis build` reads each page's text as the model parses it and lets
/// it go (only the worksheets keep theirs, for the workbook); a diagnostic
/// reads the file again to quote it. What it writes, and what it reports,
/// must be exactly what the in-memory render (which holds every text)
/// makes: for the bundled guide and every fixture, one language or
/// several, with errors, warnings or none; as published, with drafts, and
/// under a base path.
#[test]
fn build_writes_and_reports_what_the_in_memory_render_makes() {
    use trellis::load::StaticSource;
    use trellis::render::Contents;
    let mut sites = vec![crate::support::guide_copy()];
    for kind in ["valid", "warnings", "invalid"] {
        let mut names: Vec<String> = fs::read_dir(fixtures().join(kind))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        sites.extend(names.iter().map(|name| fixture_site(kind, name)));
    }
    // As published, with drafts, and under a base path.
    let ways = [
        (None, false),
        (None, true),
        (Some("https://example.org/a/guide/"), false),
    ];
    let mut compared = 0;
    for (site, (base_url, drafts)) in sites.iter().flat_map(|s| ways.iter().map(move |w| (s, *w))) {
        let root = site.path();
        let what = format!(
            "{} (base URL {base_url:?}, drafts {drafts})",
            root.display()
        );
        let memory = pipeline::render_in_memory(root, base_url, drafts);
        let out = tempfile::tempdir().unwrap();
        let output = out.path().join("public");
        let built = pipeline::build(&BuildOptions {
            root: root.to_path_buf(),
            output: output.clone(),
            base_url: base_url.map(str::to_string),
            drafts,
            pdf: false,
        });
        assert_eq!(
            render_report(&built.diagnostics, Style::Plain),
            render_report(&memory.diagnostics, Style::Plain),
            "{what}: build and in-memory render report differently",
        );
        let Some(rendered) = memory.built.map(|b| b.rendered) else {
            assert!(built.built.is_none(), "{what}");
            continue;
        };
        assert!(built.built.is_some(), "{what}");
        // The marker that says the folder is trellis's output.
        let written: Vec<String> = tree(&output)
            .into_iter()
            .filter(|p| p != ".trellis-output")
            .collect();
        let paths: Vec<&str> = rendered.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(written, paths, "{what}");
        for f in &rendered.files {
            let expected = match &f.contents {
                Contents::Bytes(b) => b.clone(),
                Contents::Copy(StaticSource::Disk(p)) => fs::read(p).unwrap(),
                Contents::Copy(StaticSource::Embedded(b)) => b.to_vec(),
            };
            assert!(
                fs::read(output.join(&f.path)).unwrap() == expected,
                "{what}: {} differs between build and the in-memory render",
                f.path
            );
        }
        compared += 1;
    }
    assert!(compared >= 15, "only {compared} builds compared");
}
