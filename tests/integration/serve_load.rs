//! `trellis serve` under load and faults: many kept-alive clients, a second
//! request on a kept-alive connection, hundreds of event streams coming and
//! going, a browser that never reads, oversized headers, slowloris
//! connections. The real binary on a real port; the load comes from
//! threads of this test. No fixed sleeps decide a result: every wait is
//! for something to happen, with a deadline.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::serve::Server;
use crate::support::guide_copy;

/// A kept-alive HTTP/1.1 connection that reads whole responses.
struct Client {
    reader: BufReader<TcpStream>,
}

impl Client {
    fn connect(port: u16) -> Client {
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        Client {
            reader: BufReader::new(stream),
        }
    }

    /// GET `path`; returns the status, or an error.
    fn get(&mut self, path: &str) -> std::io::Result<u16> {
        let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        self.reader.get_mut().write_all(request.as_bytes())?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
        let mut length = 0usize;
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body)?;
        Ok(status)
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Threads and resident memory of a process, from /proc.
#[cfg(target_os = "linux")]
fn threads_and_rss(pid: u32) -> (usize, usize) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let field = |name: &str| -> usize {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("Threads:"), field("VmRSS:"))
}

fn guide() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = guide_copy();
    let root = dir.path().to_path_buf();
    (dir, root)
}

/// The bug: a burst of kept-alive clients left some unanswered for good,
/// and every response after the first on a connection waited ~40 ms.
/// Latency under load is a property of the optimised build, so this runs
/// against it (`scripts/test` runs it with `--release`).
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "measures latency under load: run with --release (scripts/test does)"
)]
fn sixty_four_kept_alive_clients_are_all_answered_quickly() {
    let (_dir, root) = guide();
    let s = Server::start(&root, &[]);
    let port = s.port;
    let stop = Arc::new(AtomicBool::new(false));
    let pages = [
        "/",
        "/steps/communicate/",
        "/worksheets/weekly-check-in/",
        "/css/trellis.css",
    ];
    let clients: Vec<_> = (0..64)
        .map(|k| {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut client = Client::connect(port);
                let mut latencies = Vec::new();
                let mut errors = 0;
                let mut n = k;
                while !stop.load(Ordering::Relaxed) {
                    let started = Instant::now();
                    match client.get(pages[n % pages.len()]) {
                        Ok(200) => latencies.push(started.elapsed()),
                        _ => errors += 1,
                    }
                    n += 1;
                }
                (latencies, errors)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(10));
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    let mut errors = 0;
    let mut fewest = usize::MAX;
    for c in clients {
        let (latencies, e) = c.join().unwrap();
        fewest = fewest.min(latencies.len());
        errors += e;
        all.extend(latencies);
    }
    all.sort();
    let (p50, p99) = (percentile(&all, 0.5), percentile(&all, 0.99));
    eprintln!(
        "64 clients, 10 s: {} responses, {errors} errors, fewest per client {fewest}, p50 {p50:?}, p99 {p99:?}",
        all.len()
    );
    assert_eq!(errors, 0);
    // No client starved: each got a fair share, not a handful.
    assert!(
        fewest * 64 * 4 >= all.len(),
        "a client got {fewest} of {}",
        all.len()
    );
    assert!(p99 < Duration::from_millis(20), "p99 {p99:?}");
}

#[test]
fn a_second_request_on_a_kept_alive_connection_is_not_delayed() {
    let (_dir, root) = guide();
    let s = Server::start(&root, &[]);
    let mut client = Client::connect(s.port);
    // Warm up, then time the second request of each pair.
    let mut seconds = Vec::new();
    for _ in 0..20 {
        assert_eq!(client.get("/").unwrap(), 200);
        let started = Instant::now();
        assert_eq!(client.get("/steps/communicate/").unwrap(), 200);
        seconds.push(started.elapsed());
    }
    seconds.sort();
    let median = percentile(&seconds, 0.5);
    eprintln!("second request on a kept-alive connection: median {median:?}");
    // Nagle's algorithm meeting delayed ACKs made it ~40 ms.
    assert!(median < Duration::from_millis(5), "median {median:?}");
}

/// Five hundred browsers open the event stream and go away, again and
/// again: the server's threads and open files come back to exactly where
/// they were, and its memory stops growing after the first rounds (no
/// leak per connection).
///
/// Memory is resident set size with glibc told to keep one arena and give
/// free memory back (in this test's environment only): with its defaults,
/// per-thread arenas keep what a burst reserved, which hides a leak.
#[cfg(target_os = "linux")]
#[test]
fn five_hundred_event_streams_come_and_go() {
    let (_dir, root) = guide();
    let s = Server::start_with_env(
        &root,
        &[],
        &[(
            "GLIBC_TUNABLES",
            "glibc.malloc.arena_max=1:glibc.malloc.trim_threshold=131072",
        )],
    );
    let pid = s.pid();
    let fds = || {
        std::fs::read_dir(format!("/proc/{pid}/fd"))
            .unwrap()
            .count()
    };
    assert_eq!(Client::connect(s.port).get("/").unwrap(), 200);
    let (threads_before, _) = threads_and_rss(pid);
    let fds_before = fds();
    let mut rss = Vec::new();
    for round in 0..12 {
        let streams: Vec<_> = (0..500).map(|_| s.connect_events().0).collect();
        let (threads_during, _) = threads_and_rss(pid);
        assert!(
            threads_during <= threads_before,
            "round {round}: a thread per stream?"
        );
        drop(streams);
        // Wait (with a deadline) for the server to close all 500.
        let deadline = Instant::now() + Duration::from_secs(20);
        while fds() > fds_before && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(fds() <= fds_before, "round {round}: connections left open");
        assert_eq!(threads_and_rss(pid).0, threads_before, "round {round}");
        rss.push(threads_and_rss(pid).1);
    }
    eprintln!(
        "500 event streams, 12 rounds: threads {threads_before}, open files {fds_before}; RSS after each round (KiB): {rss:?}"
    );
    // The allocator settles over the first rounds (on a busy machine it can
    // take six or seven: each adds less than the one before). After eight
    // rounds, four more add less than 1 MiB; a leak of 1 KiB per connection
    // would add 2 MiB.
    assert!(rss[11] <= rss[7] + 1024, "{rss:?}");
    assert_eq!(Client::connect(s.port).get("/").unwrap(), 200);
}

/// The bug: the broadcast wrote to every browser under a lock with no
/// timeout, so one that stopped reading froze rebuilds for everyone.
#[test]
fn a_browser_that_never_reads_delays_no_rebuild() {
    let (_dir, root) = guide();
    let s = Server::start(&root, &[]);
    // Connected, past the hello, and never read again.
    let (stuck, _) = s.connect_events();
    let mut events = s.events();
    let page = root.join("content/can-trust-be-rebuilt.md");
    let original = std::fs::read_to_string(&page).unwrap();
    // A broken page with many problems: large error events fill the stuck
    // browser's socket and its queue quickly.
    let broken: String = (0..400)
        .map(|i| format!("[broken link {i}](missing-page-number-{i}.md)\n\n"))
        .collect();
    for round in 0..12 {
        let text = if round % 2 == 0 {
            format!("{original}\n{broken}")
        } else {
            original.clone()
        };
        std::fs::write(&page, text).unwrap();
        let started = Instant::now();
        if round % 2 == 0 {
            events.expect("errors");
        } else {
            events.expect_rebuild();
        }
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "round {round}: the event took {:?}",
            started.elapsed()
        );
    }
    drop(stuck);
}

#[test]
fn oversized_request_headers_get_431() {
    let (_dir, root) = guide();
    let s = Server::start(&root, &[]);
    let big = "a".repeat(20 * 1024);
    let r = s.request("GET", "/", &[("X-Big", &big)]);
    assert_eq!(r.status, 431);
    // Just under the limit is fine.
    let ok = "a".repeat(12 * 1024);
    assert_eq!(s.request("GET", "/", &[("X-Ok", &ok)]).status, 200);
}

/// Fifty connections trickling a request one byte at a time hold nothing
/// up; normal requests are answered meanwhile.
#[test]
fn slowloris_connections_do_not_block_normal_requests() {
    let (_dir, root) = guide();
    let s = Server::start(&root, &[]);
    let port = s.port;
    let stop = Arc::new(AtomicBool::new(false));
    let trickles: Vec<_> = (0..50)
        .map(|_| {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
                let request = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ";
                for &byte in request.iter().cycle().take(200) {
                    if stop.load(Ordering::Relaxed) || stream.write_all(&[byte]).is_err() {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let mut client = Client::connect(port);
    for _ in 0..20 {
        let started = Instant::now();
        assert_eq!(client.get("/steps/communicate/").unwrap(), 200);
        assert!(started.elapsed() < Duration::from_secs(1));
    }
    stop.store(true, Ordering::Relaxed);
    for t in trickles {
        t.join().unwrap();
    }
}
