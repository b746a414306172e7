//! Shared by the benchmarks: a generated guide of any size.

use std::fs;
use std::path::{Path, PathBuf};

/// A guide of `n` pages: the bundled guide's steps and worksheets, plus
/// `n` generated pages in 100 sections, each copying real guide prose.
pub fn generate_site(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let root = dir.path();
    fs::copy(repo.join("guide.toml"), root.join("guide.toml")).expect("copy guide.toml");
    copy(&repo.join("content"), &root.join("content"));
    copy(&repo.join("themes"), &root.join("themes"));
    let prose =
        fs::read_to_string(repo.join("content/steps/03-communicate.md")).expect("read step");
    let body = prose
        .splitn(3, "+++")
        .nth(2)
        .unwrap_or("")
        .replace("](", "](../../steps/")
        .replace("../../steps/../", "../../");
    for i in 0..n {
        let section = root.join(format!("content/library/part-{:03}", i % 100));
        fs::create_dir_all(&section).expect("mkdir");
        let text = format!(
            "+++\ntitle = \"Reading {i}\"\nsummary = \"Generated page {i}.\"\nweight = {i}\n+++\n\n## Reading {i}\n\n{body}"
        );
        fs::write(section.join(format!("page-{i:05}.md")), text).expect("write page");
    }
    dir
}

pub fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for e in fs::read_dir(from).expect("read dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy(&e.path(), &target);
        } else {
            fs::copy(e.path(), &target).expect("copy");
        }
    }
}
