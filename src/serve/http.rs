//! The dev server's HTTP rules: a request in, a response out.
//!
//! Only files of the current build are ever served, looked up by path in
//! memory; a request path is decoded and checked first (`.` and `..`
//! segments, also encoded, backslashes, NUL, `:` and absolute forms are
//! refused; an encoded `/` is a `/`), and static
//! files read from disk are checked to still lie inside the site. HTML
//! pages get the live-reload script; `/__trellis/events` is the
//! Server-Sent Events stream (see `events`). Connections, timeouts and
//! limits are `server`'s; this module only decides what to answer.

use std::path::Path;

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};

use super::Shared;
use super::events::EventBody;
use crate::load::StaticSource;
use crate::render::Contents;

pub(super) const EVENTS_PATH: &str = "/__trellis/events";
pub(super) const SCRIPT_PATH: &str = "/__trellis/live.js";
const LIVE_JS: &str = include_str!("live.js");

/// A response body: a whole file, or the event stream.
pub(super) enum Body {
    Full(Full<Bytes>),
    Events(EventBody),
}

/// Answer one request.
pub(super) async fn respond<B>(request: Request<B>, shared: &Shared) -> Response<Body> {
    let method = request.method();
    if method != Method::GET && method != Method::HEAD {
        return text(
            StatusCode::METHOD_NOT_ALLOWED,
            "Only GET and HEAD are supported.\n",
        )
        .with_header(header::ALLOW, "GET, HEAD");
    }
    if shared.loopback_only && !host_allowed(&request) {
        return text(
            StatusCode::FORBIDDEN,
            "This server only answers requests for localhost, 127.0.0.1 or [::1].\n",
        );
    }
    let path_part = request.uri().path();
    if path_part == EVENTS_PATH {
        return shared.events.subscribe(|| shared.hello_event());
    }
    if path_part == SCRIPT_PATH {
        return bytes(
            StatusCode::OK,
            "text/javascript; charset=utf-8",
            LIVE_JS.as_bytes().to_vec(),
        );
    }
    let path = match decode_request_path(path_part) {
        Ok(p) => p,
        Err(why) => return text(StatusCode::BAD_REQUEST, &format!("Bad request: {why}.\n")),
    };
    let snapshot = shared.snapshot();
    if snapshot.files.is_empty() {
        // No good build yet: every page shows the errors until one succeeds.
        let html = inject_live_reload(ERROR_PAGE.as_bytes().to_vec(), &snapshot.build);
        return bytes(
            StatusCode::SERVICE_UNAVAILABLE,
            "text/html; charset=utf-8",
            html,
        );
    }
    let key = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    if let Some(contents) = snapshot.files.get(&key) {
        return match read_contents(contents, &shared.root).await {
            Some(body) => file_response(&key, body, &snapshot.build, StatusCode::OK),
            None => not_found(&snapshot, &shared.root).await,
        };
    }
    if snapshot.files.contains_key(&format!("{path}/index.html")) {
        // The raw (still encoded, so ASCII) path, plus the query.
        let query = request
            .uri()
            .query()
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        let location = format!("{path_part}/{query}");
        return text(
            StatusCode::MOVED_PERMANENTLY,
            &format!("Moved to {location}\n"),
        )
        .with_header(header::LOCATION, &location);
    }
    not_found(&snapshot, &shared.root).await
}

async fn not_found(snapshot: &super::Snapshot, root: &Path) -> Response<Body> {
    let body = match snapshot.files.get("404.html") {
        Some(c) => read_contents(c, root).await,
        None => None,
    };
    file_response(
        "404.html",
        body.unwrap_or_else(|| b"Not found\n".to_vec()),
        &snapshot.build,
        StatusCode::NOT_FOUND,
    )
}

/// The bytes of an output file. Static files are read now, and only if they
/// still resolve inside the site (a file swapped for a symlink since the
/// build is not followed out).
async fn read_contents(contents: &Contents, root: &Path) -> Option<Vec<u8>> {
    match contents {
        Contents::Bytes(b) => Some(b.clone()),
        Contents::Copy(StaticSource::Embedded(b)) => Some(b.to_vec()),
        Contents::Copy(StaticSource::Disk(p)) => {
            let real = tokio::fs::canonicalize(p).await.ok()?;
            if !real.starts_with(root) {
                return None;
            }
            tokio::fs::read(real).await.ok()
        }
    }
}

fn file_response(path: &str, mut body: Vec<u8>, build: &str, status: StatusCode) -> Response<Body> {
    let content_type = content_type(path);
    if content_type.starts_with("text/html") {
        body = inject_live_reload(body, build);
    }
    bytes(status, content_type, body).with_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
}

fn bytes(status: StatusCode, content_type: &str, body: Vec<u8>) -> Response<Body> {
    let mut r = Response::new(Body::Full(Full::new(Bytes::from(body))));
    *r.status_mut() = status;
    r.with_header(header::CONTENT_TYPE, content_type)
        .with_header(header::CACHE_CONTROL, "no-store")
}

fn text(status: StatusCode, message: &str) -> Response<Body> {
    bytes(
        status,
        "text/plain; charset=utf-8",
        message.as_bytes().to_vec(),
    )
}

trait WithHeader {
    fn with_header(self, name: header::HeaderName, value: &str) -> Self;
}

impl WithHeader for Response<Body> {
    /// Add a header; a value that is not a valid header is left out.
    fn with_header(mut self, name: header::HeaderName, value: &str) -> Self {
        if let Ok(v) = HeaderValue::from_str(value) {
            self.headers_mut().insert(name, v);
        }
        self
    }
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

const ERROR_PAGE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body><h1>Build failed</h1><p>The site has not built yet. The problems are listed over this page; fix them and save.</p></body></html>";

/// DNS rebinding protection: a loopback server answers only to loopback names.
fn host_allowed<B>(request: &Request<B>) -> bool {
    let Some(host) = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(|h| h.trim().to_ascii_lowercase())
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

/// The `Content-Type` for a file, by its extension (also what the PDF
/// stage hands Chromium).
pub(crate) fn content_type(path: &str) -> &'static str {
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
