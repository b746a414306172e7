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

/// A response body: a whole file in memory, a static file read from disk
/// as it is sent, or the event stream.
pub(super) enum Body {
    Full(Full<Bytes>),
    File(FileBody),
    Events(EventBody),
}

/// A static file sent as it is read, a chunk at a time, so a large one
/// (a video) costs a chunk of memory per connection, not its size.
pub(super) struct FileBody {
    pub(super) file: tokio::fs::File,
    /// Bytes still to send.
    pub(super) left: u64,
    pub(super) chunk: Vec<u8>,
}

/// How much of a static file is read at a time.
pub(super) const FILE_CHUNK: usize = 64 * 1024;

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
            "This server only answers requests for localhost or a loopback address (127.0.0.1, [::1]).\n",
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
        // A part of a file (`Range: bytes=…`), as video players ask; not of
        // a page, whose live-reload script makes each answer differ, and
        // not under `If-Range`, which names a version this server has no
        // name for.
        let range = request
            .headers()
            .get(header::RANGE)
            .and_then(|v| v.to_str().ok())
            .filter(|_| !request.headers().contains_key(header::IF_RANGE))
            .filter(|_| !content_type(&key).starts_with("text/html"));
        if let Contents::Copy(StaticSource::Disk(source)) = &**contents {
            return match open_static(source, &shared.root).await {
                Some((file, len)) => file_stream(&key, file, len, range).await,
                None => not_found(&snapshot, &shared.root).await,
            };
        }
        return match read_contents(contents, &shared.root).await {
            Some(body) => match range.map(|r| byte_range(r, body.len() as u64)) {
                Some(Some(Ok((start, end)))) => {
                    let len = body.len() as u64;
                    let part = body[start as usize..=end as usize].to_vec();
                    partial(&key, part, start, end, len)
                }
                Some(Some(Err(()))) => unsatisfiable(body.len() as u64),
                _ => file_response(&key, body, &snapshot.build, StatusCode::OK),
            },
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
    let page = content_type.starts_with("text/html");
    if page {
        body = inject_live_reload(body, build);
    }
    let r =
        bytes(status, content_type, body).with_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    if page {
        r
    } else {
        r.with_header(header::ACCEPT_RANGES, "bytes")
    }
}

/// A static file on disk, opened only if it still resolves inside the site
/// (a file swapped for a symlink since the build is not followed out),
/// with its length.
async fn open_static(source: &Path, root: &Path) -> Option<(tokio::fs::File, u64)> {
    let real = tokio::fs::canonicalize(source).await.ok()?;
    if !real.starts_with(root) {
        return None;
    }
    let file = tokio::fs::File::open(real).await.ok()?;
    let meta = file.metadata().await.ok()?;
    meta.is_file().then_some((file, meta.len()))
}

/// A static file sent from disk as it is read: whole, or the part a
/// `Range` header asks for.
async fn file_stream(
    path: &str,
    mut file: tokio::fs::File,
    len: u64,
    range: Option<&str>,
) -> Response<Body> {
    use tokio::io::AsyncSeekExt;
    let (status, start, end) = match range.and_then(|r| byte_range(r, len)) {
        Some(Ok((start, end))) => (StatusCode::PARTIAL_CONTENT, start, end),
        Some(Err(())) => return unsatisfiable(len),
        None => (StatusCode::OK, 0, len.saturating_sub(1)),
    };
    if start > 0 && file.seek(std::io::SeekFrom::Start(start)).await.is_err() {
        return text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The file could not be read.\n",
        );
    }
    let left = if len == 0 { 0 } else { end - start + 1 };
    let mut r = Response::new(Body::File(FileBody {
        file,
        left,
        chunk: Vec::new(),
    }));
    *r.status_mut() = status;
    let r = r
        .with_header(header::CONTENT_TYPE, content_type(path))
        .with_header(header::CACHE_CONTROL, "no-store")
        .with_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .with_header(header::ACCEPT_RANGES, "bytes");
    if status == StatusCode::PARTIAL_CONTENT {
        r.with_header(header::CONTENT_RANGE, &format!("bytes {start}-{end}/{len}"))
    } else {
        r
    }
}

/// Bytes `start..=end` of a file of `len` in memory.
fn partial(path: &str, part: Vec<u8>, start: u64, end: u64, len: u64) -> Response<Body> {
    let mut r = bytes(StatusCode::PARTIAL_CONTENT, content_type(path), part)
        .with_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .with_header(header::ACCEPT_RANGES, "bytes")
        .with_header(header::CONTENT_RANGE, &format!("bytes {start}-{end}/{len}"));
    *r.status_mut() = StatusCode::PARTIAL_CONTENT;
    r
}

fn unsatisfiable(len: u64) -> Response<Body> {
    text(
        StatusCode::RANGE_NOT_SATISFIABLE,
        "The range asked for is not in the file.\n",
    )
    .with_header(header::CONTENT_RANGE, &format!("bytes */{len}"))
}

/// The bytes `(first, last)` that `Range` header `value` asks for in a file
/// of `len` bytes (RFC 9110, 14.1.2): `Some(Err)` when none of them is in
/// the file, `None` when the header is to be ignored (not bytes, several
/// ranges, or malformed), and the whole file is sent.
pub(super) fn byte_range(value: &str, len: u64) -> Option<Result<(u64, u64), ()>> {
    let spec = value.trim().strip_prefix("bytes=")?.trim();
    if spec.contains(',') {
        return None;
    }
    let (first, last) = spec.split_once('-')?;
    let number = |s: &str| -> Option<u64> {
        let s = s.trim();
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if first.trim().is_empty() {
        // The last `n` bytes.
        let n = number(last)?;
        if n == 0 || len == 0 {
            return Some(Err(()));
        }
        return Some(Ok((len.saturating_sub(n), len - 1)));
    }
    let first = number(first)?;
    let last = if last.trim().is_empty() {
        None
    } else {
        Some(number(last)?)
    };
    if last.is_some_and(|l| l < first) {
        return None;
    }
    if first >= len {
        return Some(Err(()));
    }
    Some(Ok((first, last.map_or(len - 1, |l| l.min(len - 1)))))
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
    // Any loopback address written as an address (`127.0.0.2`, as
    // `--host 127.0.0.2` prints it): rebinding needs a name, not a number.
    let address = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(&name);
    name == "localhost"
        || address
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
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
    fn byte_ranges_are_read_as_rfc_9110_says() {
        for (value, len, want) in [
            ("bytes=0-1", 10, Some(Ok((0, 1)))),
            ("bytes=5-", 10, Some(Ok((5, 9)))),
            ("bytes=-3", 10, Some(Ok((7, 9)))),
            ("bytes=-30", 10, Some(Ok((0, 9)))),
            ("bytes=8-100", 10, Some(Ok((8, 9)))),
            ("bytes=10-", 10, Some(Err(()))),
            ("bytes=-0", 10, Some(Err(()))),
            ("bytes=0-", 0, Some(Err(()))),
            ("bytes=0-1,3-4", 10, None),
            ("bytes=3-1", 10, None),
            ("items=0-1", 10, None),
            ("bytes=a-b", 10, None),
            ("bytes=+1-2", 10, None),
            ("bytes=99999999999999999999-", 10, None),
        ] {
            assert_eq!(byte_range(value, len), want, "{value} of {len}");
        }
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
