//! `trellis serve`: the real binary on a real port, driven over HTTP and
//! Server-Sent Events while files change on disk.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::fixture_site;

/// A running `trellis serve`, killed when dropped.
pub struct Server {
    child: Child,
    pub url: String,
    pub port: u16,
    _stderr: std::thread::JoinHandle<()>,
    pub log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Server {
    pub fn start(root: &Path, extra: &[&str]) -> Server {
        Server::start_with_env(root, extra, &[])
    }

    /// [`Server::start`] with extra environment variables.
    pub fn start_with_env(root: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_trellis"))
            .args(["serve", "--port", "0", "--root", root.to_str().unwrap()])
            .args(extra)
            .envs(env.iter().copied())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let url = line
            .trim()
            .strip_prefix("Serving at ")
            .unwrap_or_else(|| panic!("no URL line: {line:?}"))
            .to_string();
        let port = url
            .rsplit(':')
            .next()
            .unwrap()
            .trim_end_matches('/')
            .parse()
            .unwrap();
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let log2 = log.clone();
        let mut err = child.stderr.take().unwrap();
        let handle = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                log2.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let server = Server {
            child,
            url,
            port,
            _stderr: handle,
            log,
        };
        // Wait for the first build to be served.
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if server.log.lock().unwrap().contains("Built in")
                || server.log.lock().unwrap().contains("failed")
            {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    pub fn get(&self, path: &str) -> Reply {
        self.request("GET", path, &[])
    }

    /// A raw HTTP/1.1 request, so nothing normalises the path for us.
    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut req = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            req.push_str(&format!("Host: 127.0.0.1:{}\r\n", self.port));
        }
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        s.write_all(req.as_bytes()).unwrap();
        let mut raw = Vec::new();
        let _ = s.read_to_end(&mut raw);
        Reply::parse(&raw)
    }

    /// Connect to the event stream as a browser does; returns the stream
    /// and the data of the `hello` event every new client gets first.
    pub fn connect_events(&self) -> (Events, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let request = format!(
            "GET /__trellis/events HTTP/1.1\r\nHost: localhost:{}\r\n\r\n",
            self.port
        );
        s.write_all(request.as_bytes()).unwrap();
        s.set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let mut e = Events {
            reader: BufReader::new(s),
        };
        let (name, data) = e.next(Duration::from_secs(5)).expect("no hello event");
        assert_eq!(name, "hello");
        (e, data)
    }

    pub fn events(&self) -> Events {
        self.connect_events().0
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The log once it contains `text` (the server's stderr is read by a
    /// thread of its own, so it may lag an event), or as it is after 10 s.
    pub fn log_with(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let log = self.log();
            if log.contains(text) || Instant::now() > deadline {
                return log;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(raw.len());
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let body = raw.get(split + 4..).unwrap_or(&[]).to_vec();
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Reply {
            status,
            headers,
            body,
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

pub struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// The next event (name, data), skipping comments, within `timeout`.
    pub fn next(&mut self, timeout: Duration) -> Option<(String, String)> {
        let deadline = Instant::now() + timeout;
        let (mut name, mut data) = (String::new(), String::new());
        let mut line = String::new();
        while Instant::now() < deadline {
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) => return None,
                Ok(_) => {
                    let l = line.trim_end_matches(['\r', '\n']);
                    if let Some(v) = l.strip_prefix("event: ") {
                        name = v.to_string();
                    } else if let Some(v) = l.strip_prefix("data: ") {
                        data = v.to_string();
                    } else if l.is_empty() && !name.is_empty() {
                        return Some((name, data));
                    }
                }
                Err(e)
                    if e.kind() == std::io::ErrorKind::WouldBlock
                        || e.kind() == std::io::ErrorKind::TimedOut =>
                {
                    // A partial line stays in `line`? read_line appends; keep going.
                }
                Err(_) => return None,
            }
        }
        None
    }

    /// Wait for an event with this name, failing with what arrived instead.
    pub fn expect(&mut self, name: &str) -> String {
        let mut seen = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            match self.next(Duration::from_millis(500)) {
                Some((n, d)) if n == name => return d,
                Some(other) => seen.push(other),
                None => {}
            }
        }
        panic!("no `{name}` event within 10 s; saw {seen:?}");
    }

    /// Wait for a rebuild to be announced, whether browsers are told to
    /// patch the page or reload it.
    pub fn expect_rebuild(&mut self) -> String {
        let mut seen = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            match self.next(Duration::from_millis(500)) {
                Some((n, d)) if n == "reload" || n == "patch" => return d,
                Some(other) => seen.push(other),
                None => {}
            }
        }
        panic!("no `reload` or `patch` event within 10 s; saw {seen:?}");
    }

    /// No event arrives within `wait`.
    pub fn quiet(&mut self, wait: Duration) -> Option<(String, String)> {
        self.next(wait)
    }
}

fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = fixture_site("valid", "basic");
    let root = dir.path().to_path_buf();
    (dir, root)
}

/// Everything served equals a fresh full build of the same files with the
/// same base URL (the live-reload script aside).
fn assert_matches_full_build(server: &Server, root: &Path) {
    // The dev server's plain asset names (it swaps stylesheets by name).
    let outcome = trellis::pipeline::render_in_memory_naming(root, Some(&server.url), false, false);
    let built = outcome
        .built
        .unwrap_or_else(|| panic!("full build failed: {:?}", outcome.diagnostics));
    for f in &built.rendered.files {
        let reply = server.get(&format!("/{}", f.path.trim_end_matches("index.html")));
        let want = match &f.contents {
            trellis::render::Contents::Bytes(b) => b.clone(),
            trellis::render::Contents::Copy(trellis::load::StaticSource::Disk(p)) => {
                fs::read(p).unwrap()
            }
            trellis::render::Contents::Copy(trellis::load::StaticSource::Embedded(b)) => b.to_vec(),
        };
        let mut got = reply.body.clone();
        if f.path.ends_with(".html") {
            let text = String::from_utf8(got).unwrap();
            let start = text
                .find("<script>window.__TRELLIS_BUILD__")
                .expect("no live reload script");
            let end = text[start..].find("live.js\"></script>").unwrap()
                + start
                + "live.js\"></script>".len();
            got = format!("{}{}", &text[..start], &text[end..]).into_bytes();
        }
        assert_eq!(reply.status, 200, "{}", f.path);
        assert!(
            got == want,
            "{} differs from a full build:\n--- served\n{}\n--- full build\n{}",
            f.path,
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want)
        );
    }
}

#[test]
fn serves_pages_and_assets_with_types() {
    let (_dir, root) = site();
    let s = Server::start(&root, &[]);
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.text().contains("/__trellis/live.js"));
    for (path, ty) in [
        ("/plain.css", "text/css; charset=utf-8"),
        ("/img/pic.svg", "image/svg+xml"),
        ("/sitemap.xml", "application/xml"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/steps/begin/", "text/html; charset=utf-8"),
        ("/__trellis/live.js", "text/javascript; charset=utf-8"),
    ] {
        let r = s.get(path);
        assert_eq!(
            (r.status, r.header("content-type")),
            (200, Some(ty)),
            "{path}"
        );
    }
    let css = s.get("/plain.css");
    assert!(
        !css.text().contains("__trellis"),
        "script injected into CSS"
    );
    let missing = s.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("Not here."), "404 page body");
    let redirect = s.get("/steps/begin?x=1");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some("/steps/begin/?x=1"));
    assert_eq!(s.request("POST", "/", &[]).status, 405);
    assert_eq!(s.request("DELETE", "/", &[]).status, 405);
    let head = s.request("HEAD", "/", &[]);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    // Parts of static files, as video players ask; never of a page, which
    // differs on every answer.
    for path in ["/img/pic.svg", "/plain.css"] {
        let whole = s.get(path);
        assert_eq!(whole.header("accept-ranges"), Some("bytes"), "{path}");
        let part = s.request("GET", path, &[("Range", "bytes=2-5")]);
        assert_eq!(part.status, 206, "{path}");
        assert_eq!(part.body, whole.body[2..6], "{path}");
        let len = whole.body.len();
        assert_eq!(
            part.header("content-range"),
            Some(format!("bytes 2-5/{len}").as_str())
        );
        let past = s.request("GET", path, &[("Range", &format!("bytes={len}-"))]);
        assert_eq!(past.status, 416, "{path}");
        assert_eq!(
            past.header("content-range"),
            Some(format!("bytes */{len}").as_str())
        );
    }
    let page = s.request("GET", "/about/", &[("Range", "bytes=0-3")]);
    assert_eq!((page.status, page.header("accept-ranges")), (200, None));
    // No directory listings.
    assert_eq!(s.get("/img/").status, 404);
    // Production output is never written by serve.
    assert!(!root.join("public").exists());
}

#[test]
fn traversal_and_foreign_hosts_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "TOP SECRET").unwrap();
    let (_dir, root) = site();
    // Put the secret beside the site and link a static file to it later.
    fs::write(root.parent().unwrap().join("secret.txt"), "TOP SECRET").ok();
    let s = Server::start(&root, &[]);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/img/..%2f..%2fsecret.txt",
        "/img%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/img\\..\\..\\secret.txt",
        "/secret.txt%00.html",
        "//etc/passwd",
        &format!("/{}", outside.path().join("secret.txt").display()),
        "/C:/Windows/win.ini",
        "/%ff%fe",
    ] {
        let r = s.get(path);
        assert!(
            r.status == 400 || r.status == 404,
            "{path} answered {}",
            r.status
        );
        assert!(!r.text().contains("TOP SECRET"), "{path} leaked a file");
    }
    // A static file swapped for a symlink pointing out of the site after
    // the build is not followed.
    #[cfg(unix)]
    {
        let pic = root.join("static/img/pic.svg");
        fs::remove_file(&pic).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), &pic).unwrap();
        let r = s.get("/img/pic.svg");
        assert!(
            !r.text().contains("TOP SECRET"),
            "followed a symlink out: {}",
            r.status
        );
    }
    for host in [
        "evil.example",
        "evil.example:80",
        "127.0.0.1.evil.example",
        "localhost.evil",
        "10.0.0.1",
        "[::2]",
        "0x7f.1",
    ] {
        let r = s.request("GET", "/", &[("Host", host)]);
        assert_eq!(r.status, 403, "Host {host}");
    }
    for host in [
        "localhost",
        &format!("localhost:{}", s.port),
        "127.0.0.1",
        "[::1]:8080",
        // `--host 127.0.0.2` prints that address; it must answer there.
        "127.0.0.2:8080",
    ] {
        let r = s.request("GET", "/", &[("Host", host)]);
        assert_eq!(r.status, 200, "Host {host}");
    }
}

#[test]
fn edits_reload_and_match_a_full_build() {
    let (_dir, root) = site();
    let s = Server::start(&root, &[]);
    let mut events = s.events();
    assert_matches_full_build(&s, &root);

    // 1. A text edit: one page, patched in place (content only, steps 1-7).
    let begin = root.join("content/steps/01-begin.md");
    let text = fs::read_to_string(&begin).unwrap();
    fs::write(&begin, text.replace("## Talk", "## Talk it through")).unwrap();
    let data = events.expect("patch");
    // Only that page changed (and the search index, which holds its
    // text): no other page shows a step's headings.
    assert!(
        data.ends_with("\"changed\":[\"search-index.js\",\"steps/begin/index.html\"]}"),
        "{data}"
    );
    assert!(s.get("/steps/begin/").text().contains("Talk it through"));
    assert_matches_full_build(&s, &root);

    // 2. A title edit changes every page's navigation.
    fs::write(
        &begin,
        fs::read_to_string(&begin)
            .unwrap()
            .replace("title = \"Begin\"", "title = \"Start\""),
    )
    .unwrap();
    events.expect("patch");
    assert!(
        s.get("/about/").text().contains("1. Start"),
        "navigation not updated"
    );
    assert_matches_full_build(&s, &root);

    // 3. A new page.
    fs::write(
        root.join("content/new-page.md"),
        "+++\ntitle = \"Brand new\"\nsummary = \"x\"\n+++\n\nFresh.\n",
    )
    .unwrap();
    events.expect("patch");
    assert_eq!(s.get("/new-page/").status, 200);
    assert_matches_full_build(&s, &root);

    // 4. Renamed.
    fs::rename(
        root.join("content/new-page.md"),
        root.join("content/renamed.md"),
    )
    .unwrap();
    events.expect("patch");
    assert_eq!(s.get("/new-page/").status, 404);
    assert_eq!(s.get("/renamed/").status, 200);
    assert_matches_full_build(&s, &root);

    // 5. Deleted.
    fs::remove_file(root.join("content/renamed.md")).unwrap();
    events.expect("patch");
    assert_eq!(s.get("/renamed/").status, 404);
    assert_matches_full_build(&s, &root);

    // 6. A whole folder renamed.
    fs::rename(root.join("content/extras"), root.join("content/more")).unwrap();
    events.expect("patch");
    assert_eq!(s.get("/extras/").status, 404);
    assert_eq!(s.get("/more/deeper/note/").status, 200);
    assert_matches_full_build(&s, &root);

    // 7. A worksheet edit reaches the workbook too.
    let sheet = root.join("content/worksheets/starter.md");
    fs::write(
        &sheet,
        fs::read_to_string(&sheet)
            .unwrap()
            .replace("How do you *feel*?", "How do you feel today?"),
    )
    .unwrap();
    let data = events.expect("patch");
    assert!(data.contains("workbook/index.html"), "{data}");
    assert!(
        s.get("/workbook/")
            .text()
            .contains("How do you feel today?")
    );
    assert_matches_full_build(&s, &root);

    // 8. A template: everything.
    let tpl = root.join("themes/plain/templates/page.html");
    fs::write(
        &tpl,
        fs::read_to_string(&tpl)
            .unwrap()
            .replace("words,", "words (template edited),"),
    )
    .unwrap();
    events.expect("reload");
    assert!(s.get("/about/").text().contains("template edited"));
    assert_matches_full_build(&s, &root);

    // 9. A stylesheet: swapped without a reload.
    fs::write(
        root.join("themes/plain/static/plain.css"),
        "body { color: black; }\n",
    )
    .unwrap();
    let data = events.expect("css");
    assert!(data.contains("plain.css"), "{data}");
    assert!(s.get("/plain.css").text().contains("color: black"));

    // 10. The config replaced by rename.
    let cfg = fs::read_to_string(root.join("guide.toml"))
        .unwrap()
        .replace("Fixture Guide", "Renamed Guide");
    fs::write(root.join(".guide.toml.tmp"), cfg).unwrap();
    fs::rename(root.join(".guide.toml.tmp"), root.join("guide.toml")).unwrap();
    events.expect("reload");
    assert!(s.get("/about/").text().contains("Renamed Guide"));
    assert_matches_full_build(&s, &root);
}

#[test]
fn save_by_rename_is_one_change_and_temp_files_are_ignored() {
    let (_dir, root) = site();
    let s = Server::start(&root, &[]);
    let mut events = s.events();
    let about = root.join("content/about.md");
    let text = fs::read_to_string(&about)
        .unwrap()
        .replace("Because fixtures", "Because saved fixtures");
    // The way vim and many editors save: write a temp file, rename it over.
    fs::write(root.join("content/.about.md.swp"), "swap").unwrap();
    fs::write(root.join("content/4913"), "").unwrap();
    fs::remove_file(root.join("content/4913")).unwrap();
    fs::write(root.join("content/about.md~"), &text).unwrap();
    fs::rename(root.join("content/about.md~"), &about).unwrap();
    fs::remove_file(root.join("content/.about.md.swp")).unwrap();
    let data = events.expect_rebuild();
    assert!(data.contains("about/index.html"), "{data}");
    assert!(s.get("/about/").text().contains("Because saved fixtures"));
    assert_eq!(
        events.quiet(Duration::from_millis(600)),
        None,
        "a second event for one save"
    );
    // Temp files alone change nothing.
    fs::write(root.join("content/#about.md#"), "x").unwrap();
    fs::write(root.join("content/.#about.md"), "x").unwrap();
    assert_eq!(
        events.quiet(Duration::from_millis(600)),
        None,
        "an event for editor temp files"
    );
    assert_matches_full_build(&s, &root);
}

#[test]
fn broken_page_shows_errors_and_keeps_serving_until_fixed() {
    let (_dir, root) = site();
    let s = Server::start(&root, &[]);
    let mut events = s.events();
    let begin = root.join("content/steps/01-begin.md");
    let good = fs::read_to_string(&begin).unwrap();
    fs::write(
        &begin,
        good.replace("worksheet = \"starter\"", "worksheet = \"startr\""),
    )
    .unwrap();
    let data = events.expect("errors");
    let v: serde_json::Value = serde_json::from_str(&data).unwrap();
    let e = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["severity"] == "error")
        .expect("an error");
    assert_eq!(e["code"], "E008");
    assert_eq!(e["file"], "content/steps/01-begin.md");
    assert_eq!(e["line"], 4);
    assert_eq!(e["column"], 1);
    assert!(e["message"].as_str().unwrap().contains("startr"));
    // Still serving the last good build, and a new browser is told at once.
    assert_eq!(s.get("/steps/begin/").status, 200);
    let (_late_stream, late) = s.connect_events();
    assert!(late.contains("E008"), "{late}");
    let log = s.log_with("error[E008]");
    assert!(
        log.contains("error[E008]"),
        "terminal shows the error:\n{log}"
    );
    // A half-written file does not crash the server either.
    fs::write(&begin, "+++\ntitle = \"Be").unwrap();
    events.expect("errors");
    assert_eq!(s.get("/").status, 200);
    // The fix clears it.
    fs::write(&begin, &good).unwrap();
    events.expect_rebuild();
    assert_matches_full_build(&s, &root);
}

#[test]
fn first_build_may_fail_and_the_server_still_starts() {
    let (_dir, root) = site();
    let begin = root.join("content/steps/01-begin.md");
    let good = fs::read_to_string(&begin).unwrap();
    fs::write(
        &begin,
        good.replace("title = \"Begin\"", "titel = \"Begin\""),
    )
    .unwrap();
    let s = Server::start(&root, &[]);
    let page = s.get("/");
    assert_eq!(page.status, 503);
    assert!(page.text().contains("/__trellis/live.js"));
    let mut events = s.events();
    fs::write(&begin, &good).unwrap();
    events.expect_rebuild();
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn polling_mode_sees_changes() {
    let (_dir, root) = site();
    let s = Server::start(&root, &["--poll", "50"]);
    let mut events = s.events();
    let about = root.join("content/about.md");
    fs::write(
        &about,
        fs::read_to_string(&about)
            .unwrap()
            .replace("Because", "Polled because"),
    )
    .unwrap();
    events.expect_rebuild();
    assert!(s.get("/about/").text().contains("Polled because"));
}

#[test]
fn busy_port_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (_dir, root) = site();
    let out = Command::new(env!("CARGO_BIN_EXE_trellis"))
        .args(["serve", "--port", &port, "--root", root.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot listen on 127.0.0.1:") && err.contains("--port 0"),
        "{err}"
    );
}

#[test]
fn listening_beyond_loopback_warns() {
    let (_dir, root) = site();
    let s = Server::start(&root, &["--host", "0.0.0.0"]);
    let log = s.log_with("anyone on your network");
    assert!(log.contains("anyone on your network"), "{log}");
    // Any Host is accepted then, since it was asked for.
    assert_eq!(
        s.request("GET", "/", &[("Host", "my-laptop.local")]).status,
        200
    );
}

#[test]
fn content_folder_swapped_or_removed_is_followed() {
    let (_dir, root) = site();
    let s = Server::start(&root, &[]);
    let mut events = s.events();
    // Swap the whole content folder for an edited copy, as a git checkout
    // or a sync tool may.
    let fresh = root.join("content-new");
    crate::support::copy_dir(&root.join("content"), &fresh);
    let about = fresh.join("about.md");
    fs::write(
        &about,
        fs::read_to_string(&about)
            .unwrap()
            .replace("Because", "Swapped because"),
    )
    .unwrap();
    fs::rename(root.join("content"), root.join("content-old")).unwrap();
    fs::rename(&fresh, root.join("content")).unwrap();
    events.expect_rebuild();
    assert!(s.get("/about/").text().contains("Swapped because"));
    // Edits inside the new folder are still seen.
    let about = root.join("content/about.md");
    fs::write(
        &about,
        fs::read_to_string(&about)
            .unwrap()
            .replace("Swapped because", "Edited after the swap because"),
    )
    .unwrap();
    events.expect_rebuild();
    assert!(
        s.get("/about/")
            .text()
            .contains("Edited after the swap because")
    );
    assert_matches_full_build(&s, &root);
    // Moved away entirely: an error, not silence.
    fs::rename(root.join("content"), root.join("content-gone")).unwrap();
    let data = events.expect("errors");
    assert!(data.contains("E014"), "{data}");
    // And back.
    fs::rename(root.join("content-gone"), root.join("content")).unwrap();
    events.expect_rebuild();
    assert_matches_full_build(&s, &root);
}

/// Found by a load sweep: removing a watched folder that held a link into
/// another (`static/linked` → `content/`) dropped the kernel's watch the
/// two shared, and no save under `content/` was seen again until a
/// restart; and the guide's own `messages/` was not watched at all.
#[test]
fn watching_survives_a_removed_link_and_covers_messages() {
    let dir = crate::support::guide_copy();
    let root = dir.path().to_path_buf();
    let s = Server::start(&root, &[]);
    let mut events = s.events();
    // Each of these rebuilds (the linked pages are published as static
    // files, then go).
    let rebuilds = |n: usize| {
        let deadline = Instant::now() + Duration::from_secs(10);
        while s.log().matches("Rebuilt in").count() < n && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(s.log().matches("Rebuilt in").count(), n, "{}", s.log());
    };
    assert!(!root.join("static").exists());
    fs::create_dir_all(root.join("static")).unwrap();
    std::os::unix::fs::symlink("../content", root.join("static/linked")).unwrap();
    rebuilds(1);
    events.expect_rebuild();
    fs::remove_dir_all(root.join("static")).unwrap();
    rebuilds(2);
    events.expect_rebuild();
    assert!(
        root.join("content/safety.md").is_file(),
        "the link's target went"
    );
    let safety = root.join("content/safety.md");
    let text = fs::read_to_string(&safety).unwrap();
    fs::write(&safety, format!("{text}\nSeen after the link went.\n")).unwrap();
    events.expect_rebuild();
    assert!(
        s.get("/safety/")
            .text()
            .contains("Seen after the link went.")
    );
    // The guide's own messages: made, then changed.
    fs::create_dir_all(root.join("messages")).unwrap();
    fs::write(root.join("messages/en.ftl"), "quick-exit = Exit ONE\n").unwrap();
    events.expect_rebuild();
    assert!(s.get("/safety/").text().contains("Exit ONE"));
    fs::write(root.join("messages/en.ftl"), "quick-exit = Exit TWO\n").unwrap();
    events.expect_rebuild();
    assert!(s.get("/safety/").text().contains("Exit TWO"));
}

#[test]
fn browsers_that_went_away_are_dropped() {
    let (_dir, root) = site();
    let s = Server::start(&root, &[]);
    let mut stays = s.events();
    drop(s.events()); // a tab closed
    let about = root.join("content/about.md");
    // TCP may accept one write after the peer closed; the next one fails.
    for i in 0..4 {
        let text = fs::read_to_string(&about).unwrap();
        fs::write(&about, format!("{text}\nEdit {i}.\n")).unwrap();
        stays.expect_rebuild();
        // The terminal line is written just after the event is sent.
        let deadline = Instant::now() + Duration::from_secs(2);
        while s.log().matches("Rebuilt in").count() < i + 1 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        let log = s.log();
        let last = log
            .lines()
            .rfind(|l| l.starts_with("Rebuilt in"))
            .unwrap_or("");
        if last.ends_with("1 browser(s) told to patch") {
            return;
        }
    }
    panic!("the closed client was never dropped:\n{}", s.log());
}

#[test]
fn after_a_failed_rebuild_nothing_stale_is_served() {
    let (_dir, root) = site();
    let s = Server::start(&root, &[]);
    let mut events = s.events();
    let about = root.join("content/about.md");
    let good_about = fs::read_to_string(&about).unwrap();
    // An error in one page...
    fs::write(&about, format!("{good_about}\nBroken [x](nope.md).\n")).unwrap();
    events.expect("errors");
    // ...then a small edit elsewhere must not clear it.
    let begin = root.join("content/steps/01-begin.md");
    fs::write(
        &begin,
        fs::read_to_string(&begin)
            .unwrap()
            .replace("Go on to", "Then go on to"),
    )
    .unwrap();
    let data = events.expect("errors");
    assert!(
        data.contains("E009"),
        "the error was cleared by an unrelated edit: {data}"
    );
    // A template edit while the error stands...
    let tpl = root.join("themes/plain/templates/base.html");
    fs::write(
        &tpl,
        fs::read_to_string(&tpl)
            .unwrap()
            .replace("</main>", "</main><!-- t1 -->"),
    )
    .unwrap();
    events.expect("errors");
    // ...is in every page once the error is fixed.
    fs::write(&about, &good_about).unwrap();
    events.expect_rebuild();
    assert!(
        s.get("/steps/continue/").text().contains("<!-- t1 -->"),
        "a stale page was served"
    );
    assert_matches_full_build(&s, &root);
}

/// A guide in three languages: every language is served, and a save in a
/// translation (or a new translation) rebuilds every language to exactly
/// what a full build makes.
#[test]
fn a_guide_in_several_languages_is_served_and_rebuilt_whole() {
    let dir = fixture_site("valid", "languages");
    let root = dir.path().to_path_buf();
    let s = Server::start(&root, &[]);
    let mut events = s.events();
    assert_matches_full_build(&s, &root);
    let ar = s.get("/ar/steps/listen/").text();
    assert!(ar.contains("<html lang=\"ar\" dir=\"rtl\">"), "{ar}");

    // An edit to the Spanish step shows on its page and in every
    // language's navigation that lists it.
    let es = root.join("content/steps/01-listen.es.md");
    let text = fs::read_to_string(&es).unwrap();
    fs::write(&es, text.replace("Primero, escuchar", "Escuchar primero")).unwrap();
    events.expect_rebuild();
    assert!(s.get("/es/steps/plan/").text().contains("Escuchar primero"));
    assert_matches_full_build(&s, &root);

    // A translation removed: the Spanish page goes, its links fall back to
    // the English page, and the warning says so.
    fs::remove_file(&es).unwrap();
    events.expect_rebuild();
    assert_eq!(s.get("/es/steps/listen/").status, 404);
    assert!(
        s.get("/es/steps/plan/")
            .text()
            .contains("href=\"/steps/listen/\"")
    );
    assert_matches_full_build(&s, &root);
}
