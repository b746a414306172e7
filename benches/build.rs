//! Build benchmark: trellis against a floor program and Hugo, each run as
//! a fresh process on the same generated articles, on the same machine, in
//! the same run (pair by pair, so the ratios hold when the machine's speed
//! drifts).
//!
//! ```text
//! cargo bench --bench build                                  # 1,000 and 10,000 pages, 5 runs
//! cargo bench --bench build -- --pages 200 --runs 1          # what scripts/test runs
//! cargo bench --bench build -- --pages 1000,10000 --runs 7
//! cargo bench --bench build -- --trellis /path/to/other/trellis
//! ```
//!
//! - **trellis**: `trellis build -q` (release) into the same output folder
//!   every run, so each run also swaps out and removes the previous site.
//! - **floor**: this binary run with `--floor`: walk `content/`, read each
//!   file, render it with pulldown-cmark with trellis's options, write it
//!   to its own folder, all in parallel with rayon. No templates, links,
//!   search index or swap: what any generator pays to read, parse and
//!   write. It writes over its previous output in place, as trellis does.
//! - **Hugo**, when `hugo` is on the PATH: the same articles as a Hugo site
//!   with a minimal layout (`hugo --quiet`), into the same folder each run.
//!
//! Prints the median (and range) of each, the ratios of the medians, and
//! each program's peak memory (the largest `ru_maxrss` over its runs, from
//! `wait4`). The bundled guide is also built cold (a fresh process, 40
//! runs at least), for the "under 20 ms" goal.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use rayon::prelude::*;

mod common;
use common::generate_site;

/// Runs of the bundled guide, at least.
const BUNDLED_RUNS: usize = 40;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    if let (Some(content), Some(out)) = (arg("--floor"), args.last()) {
        floor(Path::new(content), Path::new(out));
        return;
    }
    let sizes: Vec<usize> = arg("--pages")
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1000, 10_000]);
    let runs: usize = arg("--runs").and_then(|n| n.parse().ok()).unwrap_or(5);
    // `--trellis PATH` times another build of trellis (main's, say).
    let trellis = arg("--trellis")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_trellis")));
    let hugo = Command::new("hugo")
        .arg("version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    println!(
        "{} cores; trellis {}; {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        trellis.display(),
        hugo.as_deref()
            .unwrap_or("hugo is not on the PATH: Hugo is skipped")
    );

    // The bundled guide, cold: a fresh process each run. A run is about
    // 20 ms, which the machine moves by a few: forty runs, so the median
    // is the program's and not one slow moment's.
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().expect("temp dir");
    let guide_out = out.path().join("guide");
    let mut guide = Runs::default();
    for i in 0..runs.max(BUNDLED_RUNS) + 1 {
        let run = measure(build_command(&trellis, &repo, &guide_out));
        if i > 0 {
            guide.add(run);
        }
    }
    guide.report("bundled guide: trellis build (cold process)");

    let mut medians = Vec::new();
    for &n in &sizes {
        let site = generate_site(n);
        let root = site.path();
        let pages = markdown_files(&root.join("content")).len();
        let hugo_site = hugo.as_ref().map(|_| hugo_site(root));
        println!("\n{pages} Markdown files ({n} generated), {runs} runs after a warm-up");
        let trellis_out = out.path().join(format!("trellis-{n}"));
        let floor_out = out.path().join(format!("floor-{n}"));
        let hugo_out = out.path().join(format!("hugo-{n}"));
        let (mut t, mut f, mut h) = (Runs::default(), Runs::default(), Runs::default());
        for i in 0..runs + 1 {
            let a = measure(build_command(&trellis, root, &trellis_out));
            let mut c = Command::new(std::env::current_exe().expect("this binary"));
            c.arg("--floor").arg(root.join("content")).arg(&floor_out);
            let b = measure(c);
            let hugo_run = hugo_site.as_ref().map(|dir| {
                let mut c = Command::new("hugo");
                c.arg("--quiet")
                    .arg("--source")
                    .arg(dir.path())
                    .arg("--destination")
                    .arg(&hugo_out);
                measure(c)
            });
            if i > 0 {
                t.add(a);
                f.add(b);
                if let Some(r) = hugo_run {
                    h.add(r);
                }
            }
        }
        t.report("trellis build");
        f.report("floor (read, pulldown-cmark, write; rayon)");
        let tm = t.median();
        let mut ratios = format!("trellis/floor {:.2}", tm / f.median());
        if !h.times.is_empty() {
            h.report("hugo");
            ratios.push_str(&format!(", trellis/Hugo {:.2}", tm / h.median()));
        }
        println!("ratios of medians: {ratios}");
        medians.push((n, tm));
    }
    for pair in medians.windows(2) {
        let ((a, ta), (b, tb)) = (pair[0], pair[1]);
        println!(
            "\ntrellis {b} pages / {a} pages: {:.1}x the time for {:.1}x the pages",
            tb / ta,
            b as f64 / a as f64
        );
    }
}

fn build_command(trellis: &Path, root: &Path, output: &Path) -> Command {
    let mut c = Command::new(trellis);
    c.arg("build")
        .arg("-q")
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(output);
    c
}

/// One run of a program: its wall time and peak resident memory.
struct Run {
    wall: Duration,
    max_rss_kib: i64,
}

/// Run `command` to the end; its own `rusage` comes from `wait4`.
fn measure(mut command: Command) -> Run {
    let started = Instant::now();
    // Reaped by wait4 below, which std's `wait` cannot do with rusage.
    #[allow(clippy::zombie_processes)]
    let child = command.spawn().expect("start the program");
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, by its pid; `child` is never
    // waited on by std afterwards (dropping a Child does not wait).
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert!(
        pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{command:?} failed (status {status})"
    );
    Run {
        wall,
        // Linux reports kilobytes.
        max_rss_kib: usage.ru_maxrss,
    }
}

#[derive(Default)]
struct Runs {
    times: Vec<Duration>,
    max_rss_kib: i64,
}

impl Runs {
    fn add(&mut self, run: Run) {
        self.times.push(run.wall);
        self.max_rss_kib = self.max_rss_kib.max(run.max_rss_kib);
    }

    fn median(&self) -> f64 {
        let mut v = self.times.clone();
        v.sort();
        v[v.len() / 2].as_secs_f64()
    }

    fn report(&self, name: &str) {
        let mut v = self.times.clone();
        v.sort();
        println!(
            "{name:45} median {:9.1} ms  (range {:.1}–{:.1})  peak memory {:6.1} MiB",
            self.median() * 1e3,
            v[0].as_secs_f64() * 1e3,
            v[v.len() - 1].as_secs_f64() * 1e3,
            self.max_rss_kib as f64 / 1024.0
        );
    }
}

/// The floor: every Markdown file under `content` read, rendered with
/// pulldown-cmark (trellis's options) and written to `out/<path>/index.html`,
/// in parallel. The output folder stays from one run to the next, and each
/// file is written over in place and cut to length, the cheapest way to
/// write a site again on the disks measured here (making files anew right
/// after removing them makes ext4 scan past every freed inode; emptying a
/// file before writing it makes ext4 flush it on close).
fn floor(content: &Path, out: &Path) {
    markdown_files(content).par_iter().for_each(|path| {
        let md = fs::read_to_string(path).expect("read");
        let mut html = String::with_capacity(md.len() * 3 / 2);
        pulldown_cmark::html::push_html(
            &mut html,
            pulldown_cmark::Parser::new_ext(&md, trellis::markdown::options()),
        );
        let rel = path.strip_prefix(content).expect("below content");
        let dir = out.join(rel.with_extension(""));
        fs::create_dir_all(&dir).expect("mkdir");
        let mut file = fs::File::options()
            .write(true)
            .create(true)
            .truncate(false)
            .open(dir.join("index.html"))
            .expect("open");
        file.write_all(html.as_bytes()).expect("write");
        file.set_len(html.len() as u64).expect("cut to length");
    });
}

/// The generated guide's articles as a Hugo site with a minimal layout: a
/// page is its title and content, a section lists its pages.
fn hugo_site(root: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path();
    fs::write(
        site.join("hugo.toml"),
        "baseURL = \"https://example.org/\"\ntitle = \"Bench\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n",
    )
    .expect("hugo.toml");
    let layouts = site.join("layouts/_default");
    fs::create_dir_all(&layouts).expect("mkdir");
    let frame = |body: &str| {
        format!(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{{{ .Title }}}} · {{{{ .Site.Title }}}}</title></head>\n<body><main><h1>{{{{ .Title }}}}</h1>\n{body}</main></body></html>\n"
        )
    };
    fs::write(layouts.join("single.html"), frame("{{ .Content }}")).expect("single.html");
    fs::write(
        layouts.join("list.html"),
        frame("{{ .Content }}\n<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>"),
    )
    .expect("list.html");
    common::copy(&root.join("content"), &site.join("content"));
    dir
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
