//! The dev server's HTTP side: requests in, files from the in-memory build out.
//!
//! Only files of the current build are ever served, looked up by path in
//! memory; a request path is decoded and checked first (`..`, encoded
//! slashes, backslashes, NUL and absolute forms are refused), and static
//! files read from disk are checked to still lie inside the site. HTML
//! pages get the live-reload script; `/__trellis/events` is the
//! Server-Sent Events stream, written on the raw connection.

use std::io::Write;
use std::path::Path;
use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::{Client, Shared};
use crate::load::StaticSource;
use crate::render::Contents;

pub(super) const EVENTS_PATH: &str = "/__trellis/events";
pub(super) const SCRIPT_PATH: &str = "/__trellis/live.js";
const LIVE_JS: &str = include_str!("live.js");

/// Answer one request.
pub(super) fn handle(request: Request, shared: &Shared) {
    let method = request.method().clone();
    if method != Method::Get && method != Method::Head {
        let r = Response::from_string("Only GET and HEAD are supported.\n")
            .with_status_code(405)
            .with(header("Allow", "GET, HEAD"));
        let _ = request.respond(r);
        return;
    }
    if shared.loopback_only && !host_allowed(&request) {
        let r = Response::from_string(
            "This server only answers requests for localhost, 127.0.0.1 or [::1].\n",
        )
        .with_status_code(403);
        let _ = request.respond(r);
        return;
    }
    let raw = request.url().to_string();
    let path_part = raw.split(['?', '#']).next().unwrap_or("");
    if path_part == EVENTS_PATH {
        subscribe(request, shared);
        return;
    }
    if path_part == SCRIPT_PATH {
        let r = Response::from_string(LIVE_JS)
            .with(header("Content-Type", "text/javascript; charset=utf-8"))
            .with(header("Cache-Control", "no-store"));
        let _ = request.respond(r);
        return;
    }
    let path = match decode_request_path(path_part) {
        Ok(p) => p,
        Err(why) => {
            let _ = request.respond(
                Response::from_string(format!("Bad request: {why}.\n")).with_status_code(400),
            );
            return;
        }
    };
    let snapshot = shared.snapshot();
    if snapshot.files.is_empty() {
        // No good build yet: every page shows the errors until one succeeds.
        let html = error_page(&snapshot.build);
        let _ = request.respond(html_response(html.into_bytes(), 503));
        return;
    }
    let key = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    if let Some(contents) = snapshot.files.get(&key) {
        match read_contents(contents, &shared.root) {
            Some(bytes) => {
                let _ = request.respond(file_response(&key, bytes, &snapshot.build, 200));
            }
            None => not_found(request, &snapshot),
        }
        return;
    }
    if snapshot.files.contains_key(&format!("{path}/index.html")) {
        // The raw (still encoded, so ASCII) path, plus the query.
        let query = raw.find('?').map(|i| &raw[i..]).unwrap_or("");
        let location = format!("{path_part}/{query}");
        let r = Response::from_string(format!("Moved to {location}\n"))
            .with_status_code(301)
            .with(header("Location", &location));
        let _ = request.respond(r);
        return;
    }
    not_found(request, &snapshot);
}

fn not_found(request: Request, snapshot: &super::Snapshot) {
    let body = snapshot
        .files
        .get("404.html")
        .and_then(|c| read_contents(c, Path::new("/")))
        .unwrap_or_else(|| b"Not found\n".to_vec());
    let _ = request.respond(file_response("404.html", body, &snapshot.build, 404));
}

/// The bytes of an output file. Static files are read now, and only if they
/// still resolve inside the site (a file swapped for a symlink since the
/// build is not followed out).
fn read_contents(contents: &Contents, root: &Path) -> Option<Vec<u8>> {
    match contents {
        Contents::Bytes(b) => Some(b.clone()),
        Contents::Copy(StaticSource::Embedded(b)) => Some(b.to_vec()),
        Contents::Copy(StaticSource::Disk(p)) => {
            let real = std::fs::canonicalize(p).ok()?;
            if !real.starts_with(root) {
                return None;
            }
            std::fs::read(real).ok()
        }
    }
}

fn file_response(
    path: &str,
    mut bytes: Vec<u8>,
    build: &str,
    status: u16,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let content_type = content_type(path);
    if content_type.starts_with("text/html") {
        bytes = inject_live_reload(bytes, build);
    }
    Response::from_data(bytes)
        .with_status_code(StatusCode(status))
        .with(header("Content-Type", content_type))
        .with(header("Cache-Control", "no-store"))
        .with(header("X-Content-Type-Options", "nosniff"))
}

fn html_response(bytes: Vec<u8>, status: u16) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(bytes)
        .with_status_code(StatusCode(status))
        .with(header("Content-Type", "text/html; charset=utf-8"))
        .with(header("Cache-Control", "no-store"))
}

/// Add the live-reload script before `</body>` (or at the end).
pub(super) fn inject_live_reload(mut html: Vec<u8>, build: &str) -> Vec<u8> {
    let snippet = format!(
        "<script>window.__TRELLIS_BUILD__=\"{}\";</script><script src=\"{SCRIPT_PATH}\"></script>",
        build.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "")
    );
    let lower = html.to_ascii_lowercase();
    let at = lower
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    html.splice(at..at, snippet.into_bytes());
    html
}

fn error_page(build: &str) -> String {
    let body = inject_live_reload(
        b"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body><h1>Build failed</h1><p>The site has not built yet. The problems are listed over this page; fix them and save.</p></body></html>".to_vec(),
        build,
    );
    String::from_utf8_lossy(&body).into_owned()
}

/// Start a Server-Sent Events stream on the raw connection. tiny_http's
/// responses buffer small writes, so the headers and every event are
/// written and flushed by hand.
fn subscribe(request: Request, shared: &Shared) {
    let mut writer = request.into_writer();
    let hello = shared.hello_event();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: keep-alive\r\nX-Accel-Buffering: no\r\n\r\n";
    let ok = writer.write_all(head.as_bytes()).is_ok()
        && writer.write_all(hello.as_bytes()).is_ok()
        && writer.flush().is_ok();
    if ok {
        shared.add_client(Client { writer });
    }
}

/// DNS rebinding protection: a loopback server answers only to loopback names.
fn host_allowed(request: &Request) -> bool {
    let Some(host) = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().trim().to_ascii_lowercase())
    else {
        return true; // HTTP/1.0 without Host cannot be a rebinding attack from a browser
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']')
            .next()
            .map(|h| format!("[{h}]"))
            .unwrap_or_default()
    } else {
        host.split(':').next().unwrap_or("").to_string()
    };
    matches!(name.as_str(), "localhost" | "127.0.0.1" | "[::1]")
}

/// Decode a request path into a safe, relative lookup key. Anything that
/// could name a place outside the site is refused.
pub fn decode_request_path(path: &str) -> Result<String, &'static str> {
    if !path.starts_with('/') {
        return Err("the path must start with /");
    }
    let decoded = crate::text::percent_decode_strict(path)
        .ok_or("bad percent-encoding, or the path is not UTF-8")?;
    if decoded.contains(['\0', '\\']) {
        return Err("the path has a NUL or a backslash");
    }
    let rel = &decoded[1..];
    if rel.starts_with('/') {
        return Err("the path is absolute");
    }
    for segment in rel.split('/') {
        if segment == ".." || segment == "." {
            return Err("the path has a `.` or `..` segment");
        }
        if segment.contains(':') {
            return Err("the path has a `:`");
        }
    }
    Ok(rel.to_string())
}

pub(super) fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "wasm" => "application/wasm",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// A header from ASCII text; anything else is dropped rather than sent.
fn header(name: &str, value: &str) -> Vec<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .into_iter()
        .collect()
}

trait WithHeaders: Sized {
    fn with(self, headers: Vec<Header>) -> Self;
}

impl<R: std::io::Read> WithHeaders for Response<R> {
    fn with(mut self, headers: Vec<Header>) -> Self {
        for h in headers {
            self.add_header(h);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/%2e%2e/%2e%2e/x",
            "/a%2f..%2f..%2fx",
            "/..%5c..%5cwin.ini",
            "/a\\b",
            "/a%00b",
            "//etc/passwd",
            "/./x",
            "/c:/windows",
            "/%ff",
            "/%zz",
            "/%2",
            "relative",
        ] {
            assert!(decode_request_path(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn ordinary_paths_decode() {
        assert_eq!(decode_request_path("/").unwrap(), "");
        assert_eq!(
            decode_request_path("/steps/communicate/").unwrap(),
            "steps/communicate/"
        );
        assert_eq!(decode_request_path("/a%20b.png").unwrap(), "a b.png");
    }

    #[test]
    fn script_goes_before_body_end() {
        let html = inject_live_reload(b"<html><BODY>x</BODY></html>".to_vec(), "7-1");
        let s = String::from_utf8(html).unwrap();
        assert!(s.contains("x<script>window.__TRELLIS_BUILD__=\"7-1\";</script><script src=\"/__trellis/live.js\"></script></BODY>"), "{s}");
    }

    #[test]
    fn types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("css/trellis.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("js/worksheet.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("x.SVG"), "image/svg+xml");
    }
}
