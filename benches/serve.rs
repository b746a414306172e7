//! Dev-server benchmark: time from a file's save to the browser receiving
//! the event that tells it to patch or reload, over the real server
//! (release binary) and a raw Server-Sent Events connection, like a
//! browser's. (Save to screen, in a real browser, is
//! `tests/browser/bench-save-to-screen.mjs`.)
//!
//! Run: `cargo bench --bench serve` (bundled guide) or
//! `cargo bench --bench serve -- --pages 10000`. Prints median and p95 over
//! 50 saves (`--saves N` to change), and the rebuild time the server logged.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|n| n.parse::<usize>().ok())
    };
    let pages = arg("--pages");
    let saves = arg("--saves").unwrap_or(50);
    // `--edit title` edits the step's title instead of a word of its body:
    // every page shows the step list, so every page is rendered again.
    let title_edit = args
        .iter()
        .position(|a| a == "--edit")
        .and_then(|i| args.get(i + 1))
        .is_some_and(|e| e == "title");

    let site = match pages {
        Some(n) => common::generate_site(n),
        None => {
            let dir = tempfile::tempdir().expect("temp dir");
            let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
            fs::copy(repo.join("guide.toml"), dir.path().join("guide.toml")).expect("copy");
            common::copy(&repo.join("content"), &dir.path().join("content"));
            common::copy(&repo.join("themes"), &dir.path().join("themes"));
            dir
        }
    };
    let root = site.path();
    let bin = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/trellis");
    let status = Command::new("cargo")
        .args(["build", "--release", "--quiet"])
        .status()
        .expect("cargo build");
    assert!(status.success());

    let mut child = Command::new(&bin)
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start trellis serve");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    out.read_line(&mut line).expect("url line");
    let port: u16 = line
        .trim()
        .rsplit(':')
        .next()
        .and_then(|p| p.trim_end_matches('/').parse().ok())
        .expect("port");
    let stderr = child.stderr.take().expect("stderr");
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    {
        let log = log.clone();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stderr);
            let mut l = String::new();
            while r.read_line(&mut l).map(|n| n > 0).unwrap_or(false) {
                log.lock().map(|mut g| g.push_str(&l)).ok();
                l.clear();
            }
        });
    }
    // Wait for the first build.
    let start = Instant::now();
    while !log.lock().map(|g| g.contains("Built in")).unwrap_or(false) {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "first build did not finish"
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    let mut sse = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    sse.write_all(
        format!("GET /__trellis/events HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n").as_bytes(),
    )
    .expect("request");
    let mut sse = BufReader::new(sse);
    wait_for(&mut sse, "event: hello");

    let page = root.join("content/steps/03-communicate.md");
    let original = fs::read_to_string(&page).expect("read step");
    let mut times = Vec::new();
    for i in 0..saves + 3 {
        // A one-word edit, as an author makes.
        let text = if title_edit {
            original.replacen(
                "title = \"Communicate\"",
                &format!("title = \"Communicate{}\"", i % 7),
                1,
            )
        } else {
            original.replacen("Secrets", &format!("Secrets{}", i % 7), 1)
        };
        std::thread::sleep(Duration::from_millis(150));
        let t = Instant::now();
        fs::write(&page, text).expect("write");
        // A body edit patches the page; a title edit reloads it.
        wait_for_any(&mut sse, &["event: patch", "event: reload"]);
        if i >= 3 {
            times.push(t.elapsed());
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let p95 = times[(times.len() * 95).div_ceil(100) - 1];
    println!(
        "site: {} ({} pages), {} saves of a one-word edit to the {} of content/steps/03-communicate.md",
        if pages.is_some() {
            "generated"
        } else {
            "bundled guide"
        },
        pages.map(|n| n + 20).unwrap_or(20),
        times.len(),
        if title_edit { "title" } else { "body" }
    );
    println!(
        "save -> event: median {:.1} ms, p95 {:.1} ms, min {:.1} ms, max {:.1} ms (includes the {} ms debounce)",
        ms(times[times.len() / 2]),
        ms(p95),
        ms(times[0]),
        ms(times[times.len() - 1]),
        trellis::serve::DEBOUNCE.as_millis()
    );
    let rebuilds: Vec<u64> = log
        .lock()
        .map(|g| {
            g.lines()
                .filter_map(|l| l.strip_prefix("Rebuilt in "))
                .filter_map(|l| l.split(' ').next()?.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    if !rebuilds.is_empty() {
        let mut r = rebuilds.clone();
        r.sort();
        println!(
            "server-side rebuild (as logged): median {} ms, max {} ms",
            r[r.len() / 2],
            r[r.len() - 1]
        );
    }
    let mut rest = Vec::new();
    let _ = out.read_to_end(&mut rest);
}

fn wait_for(sse: &mut BufReader<TcpStream>, what: &str) {
    wait_for_any(sse, &[what]);
}

fn wait_for_any(sse: &mut BufReader<TcpStream>, what: &[&str]) {
    let mut line = String::new();
    loop {
        line.clear();
        let n = sse.read_line(&mut line).expect("read event stream");
        assert!(n > 0, "event stream closed");
        if what.contains(&line.trim_end()) {
            // Read the rest of the event.
            loop {
                line.clear();
                sse.read_line(&mut line).expect("read event");
                if line.trim().is_empty() {
                    return;
                }
            }
        }
    }
}
