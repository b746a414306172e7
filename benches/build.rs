//! Build benchmark: the bundled guide (and, with `--pages N`, a generated
//! guide of N pages) built end to end in release mode, against a baseline of
//! bare pulldown-cmark over the same Markdown in the same run.
//!
//! Run: `cargo bench --bench build` or `cargo bench --bench build -- --pages 10000`.
//! Prints median, min and max over the runs, and the median ratio.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use trellis::pipeline::{self, BuildOptions};

mod common;
use common::generate_site;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let pages: Option<usize> = args
        .iter()
        .position(|a| a == "--pages")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok());
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(if pages.is_some() { 7 } else { 25 });

    let generated = pages.map(generate_site);
    let root = match &generated {
        Some(dir) => dir.path().to_path_buf(),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")),
    };
    let out_dir = tempfile::tempdir().expect("temp dir");
    let output = out_dir.path().join("public");
    let markdown = read_markdown(&root.join("content"));
    let bytes: usize = markdown.iter().map(String::len).sum();
    println!(
        "site: {} ({} Markdown files, {} KiB), {runs} runs after 2 warm-up runs, {} threads",
        if pages.is_some() {
            "generated"
        } else {
            "bundled guide"
        },
        markdown.len(),
        bytes / 1024,
        rayon::current_num_threads()
    );

    let build = || {
        let outcome = pipeline::build(&BuildOptions {
            root: root.clone(),
            output: output.clone(),
            base_url: None,
            drafts: false,
            pdf: false,
        });
        assert!(
            outcome.built.is_some(),
            "build failed: {:?}",
            outcome.diagnostics
        );
    };
    let baseline = || {
        let mut total = 0;
        for md in &markdown {
            let mut html = String::new();
            pulldown_cmark::html::push_html(
                &mut html,
                pulldown_cmark::Parser::new_ext(md, trellis::markdown::options()),
            );
            total += html.len();
        }
        std::hint::black_box(total);
    };
    // A bare static site generator: read each file, render it with
    // pulldown-cmark, write it to its own folder. This is the floor any
    // generator pays on this machine's disk.
    let bare_out = out_dir.path().join("bare");
    let files = markdown_files(&root.join("content"));
    let bare = || {
        let _ = fs::remove_dir_all(&bare_out);
        for (i, path) in files.iter().enumerate() {
            let md = fs::read_to_string(path).expect("read");
            let mut html = String::new();
            pulldown_cmark::html::push_html(
                &mut html,
                pulldown_cmark::Parser::new_ext(&md, trellis::markdown::options()),
            );
            let dir = bare_out.join(format!("p{i}"));
            fs::create_dir_all(&dir).expect("mkdir");
            fs::write(dir.join("index.html"), html).expect("write");
        }
    };
    let (mut t_build, mut t_base, mut t_bare) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..runs + 2 {
        let a = time(build);
        let b = time(baseline);
        let c = time(bare);
        if i >= 2 {
            t_build.push(a);
            t_base.push(b);
            t_bare.push(c);
        }
    }
    report("trellis build (load, render, write)", &mut t_build);
    report("baseline: pulldown-cmark in memory", &mut t_base);
    report("baseline: read, pulldown-cmark, write", &mut t_bare);
    let m = |v: &mut Vec<Duration>| median(v).as_secs_f64();
    println!(
        "ratio of medians: build / in-memory baseline {:.1}x, build / read-render-write baseline {:.2}x",
        m(&mut t_build) / m(&mut t_base),
        m(&mut t_build) / m(&mut t_bare)
    );
}

fn time(f: impl Fn()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn report(name: &str, v: &mut [Duration]) {
    v.sort();
    println!(
        "{name:40} median {:8.2} ms   min {:8.2} ms   max {:8.2} ms",
        v[v.len() / 2].as_secs_f64() * 1e3,
        v[0].as_secs_f64() * 1e3,
        v[v.len() - 1].as_secs_f64() * 1e3
    );
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.path().to_path_buf())
        .collect()
}

fn read_markdown(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.expect("walk");
        if e.path().extension().is_some_and(|x| x == "md") {
            out.push(fs::read_to_string(e.path()).expect("read"));
        }
    }
    out
}
