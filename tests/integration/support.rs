//! Helpers shared by the integration tests.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    repo_root().join("tests/fixtures")
}

pub fn bless() -> bool {
    std::env::var_os("TRELLIS_BLESS").is_some_and(|v| v == "1")
}

/// Copy a directory tree (files and folders only).
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A fresh temp copy of a fixture site, with the plain test theme installed.
pub fn fixture_site(kind: &str, name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = fixtures().join(kind).join(name);
    for entry in fs::read_dir(&src).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "expected" || name == "expected.txt" {
            continue;
        }
        let target = dir.path().join(&name);
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
    copy_dir(
        &fixtures().join("theme-plain"),
        &dir.path().join("themes/plain"),
    );
    dir
}

/// A temp copy of the bundled guide (config, content, theme).
pub fn guide_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = repo_root();
    fs::copy(root.join("guide.toml"), dir.path().join("guide.toml")).unwrap();
    copy_dir(&root.join("content"), &dir.path().join("content"));
    copy_dir(&root.join("themes"), &dir.path().join("themes"));
    dir
}

/// A copy of the bundled guide plus `n` generated pages in 20 sections,
/// each a copy of a real step's prose (with its links adjusted).
pub fn generated_guide(n: usize) -> tempfile::TempDir {
    let dir = guide_copy();
    let prose = fs::read_to_string(repo_root().join("content/steps/03-communicate.md")).unwrap();
    let body = prose
        .splitn(3, "+++")
        .nth(2)
        .unwrap()
        .replace("](", "](../../steps/")
        .replace("../../steps/../", "../../");
    for i in 0..n {
        let section = dir
            .path()
            .join(format!("content/library/part-{:02}", i % 20));
        fs::create_dir_all(&section).unwrap();
        fs::write(
            section.join(format!("page-{i:05}.md")),
            format!("+++\ntitle = \"Reading {i}\"\nsummary = \"Page {i}.\"\n+++\n\n## Reading {i}\n\n{body}"),
        )
        .unwrap();
    }
    dir
}

/// Run the trellis binary.
pub fn trellis(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trellis"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// Every file below `dir`, relative, sorted, with `/` separators.
pub fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap();
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    out
}

/// Every internal `href`/`src` in the HTML files of a built site must name a
/// file that exists (`base_path` is the URL path the site is served under).
pub fn broken_links(site: &Path, base_path: &str) -> Vec<String> {
    let files = tree(site);
    let mut broken = Vec::new();
    for f in files.iter().filter(|f| f.ends_with(".html")) {
        let html = fs::read_to_string(site.join(f)).unwrap();
        let ids = ids_in(&html);
        let srcset = attr_values(&html, &["srcset"]);
        let candidates = srcset
            .iter()
            .flat_map(|s| s.split(", "))
            .filter_map(|c| c.split_whitespace().next().map(str::to_string));
        for url in attr_values(&html, &["href", "src"])
            .into_iter()
            .chain(candidates)
        {
            if url.starts_with("http:")
                || url.starts_with("https:")
                || url.starts_with("mailto:")
                || url.starts_with("data:")
            {
                continue;
            }
            // Browsers decode `%XX` in paths and fragments before matching.
            let (path, fragment) = match url.split_once('#') {
                Some((p, frag)) => (decode(p), Some(decode(frag))),
                None => (decode(&url), None),
            };
            if path.is_empty() {
                if let Some(frag) = fragment
                    && !frag.is_empty()
                    && !ids.contains(&frag)
                {
                    broken.push(format!("{f}: #{frag}"));
                }
                continue;
            }
            let Some(rel) = path.strip_prefix(base_path) else {
                broken.push(format!("{f}: {url} (outside {base_path})"));
                continue;
            };
            let target = if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel.to_string()
            };
            if !site.join(&target).is_file() {
                broken.push(format!("{f}: {url}"));
                continue;
            }
            if let Some(frag) = fragment
                && target.ends_with(".html")
                && !frag.is_empty()
            {
                let other = fs::read_to_string(site.join(&target)).unwrap();
                if !ids_in(&other).contains(&frag) {
                    broken.push(format!("{f}: {url} (no such id)"));
                }
            }
        }
    }
    broken
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

fn ids_in(html: &str) -> Vec<String> {
    attr_values(html, &["id"])
}

/// Values of the given attributes, by a plain scan (the HTML is ours).
pub fn attr_values(html: &str, names: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for name in names {
        let needle = format!(" {name}=\"");
        let mut rest = html;
        while let Some(i) = rest.find(&needle) {
            let after = &rest[i + needle.len()..];
            let end = after.find('"').unwrap_or(after.len());
            out.push(after[..end].replace("&amp;", "&"));
            rest = &after[end..];
        }
    }
    out
}
