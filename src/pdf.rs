//! PDF: every worksheet page and the workbook printed to PDF, in A4 and US
//! Letter, by headless Chromium (`trellis build --pdf`, or `pdf = true`).
//!
//! Runs once the HTML is written into the build's temporary folder and
//! before that folder is swapped in (see [`crate::output::write_site`]), so
//! a failure here replaces nothing. Chromium is driven over the DevTools
//! protocol with `chromiumoxide` (on tokio, which the dev server already
//! uses). It gets a fresh profile in a temporary folder, removed afterwards,
//! and no network: every request a page makes is paused by DevTools request
//! interception and answered from the staged folder, or refused when it is
//! for anything else. The pages print through the theme's print stylesheet,
//! so a PDF is what the browser's own "Print" makes. Only bytes come back
//! from here: `output` writes them, beside their pages.
//!
//! Nothing else in trellis needs Chromium: without PDFs this module is
//! never called, and [`find_chromium`] is the first thing it does.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use chromiumoxide::cdp::browser_protocol::fetch::{
    self, EventRequestPaused, FailRequestParams, FulfillRequestParams, HeaderEntry, RequestPattern,
};
use chromiumoxide::cdp::browser_protocol::network::ErrorReason;
use chromiumoxide::cdp::browser_protocol::page::PrintToPdfParams;
use chromiumoxide::{Browser, BrowserConfig, Page};
use futures::StreamExt;

use crate::diagnostics::{Code, Diagnostic};
use crate::render::{Contents, OutputFile};
use crate::site::PdfTarget;

/// Where the staged site is served to Chromium. `.invalid` never resolves,
/// so a request that slipped past interception could go nowhere.
const ORIGIN: &str = "https://trellis.invalid";

/// How many pages print at once: a few tabs of one browser.
const TABS: usize = 3;

/// The longest one page may take to load and print, both sizes.
const PAGE_TIMEOUT: Duration = Duration::from_secs(120);

/// Programs looked for on `PATH`, in order, when `CHROME_PATH` is not set.
const PROGRAMS: &[&str] = &["chromium", "chromium-browser", "google-chrome"];

/// What Chromium is started with (besides the DevTools port and the
/// profile folder): headless, no sandbox (it runs as root in containers and
/// CI), and none of its own traffic: no updates, sync, first-run pages or
/// background requests; every host name resolves to nothing. (Written
/// without the leading `--`, which chromiumoxide adds.)
const CHROMIUM_ARGS: &[&str] = &[
    "headless",
    "no-sandbox",
    "disable-gpu",
    "disable-background-networking",
    "disable-component-update",
    "disable-sync",
    "no-first-run",
    "disable-default-apps",
    "disable-dev-shm-usage",
    "hide-scrollbars",
    "mute-audio",
    "host-resolver-rules=MAP * ~NOTFOUND",
];

/// A paper size, in inches (what `Page.printToPDF` takes).
#[derive(Debug, Clone, Copy)]
enum Paper {
    A4,
    Letter,
}

impl Paper {
    fn inches(self) -> (f64, f64) {
        match self {
            Paper::A4 => (210.0 / 25.4, 297.0 / 25.4),
            Paper::Letter => (8.5, 11.0),
        }
    }
}

const INSTALL_HINT: &str = "install Chromium (`sudo apt-get install chromium` on Debian and Ubuntu) or set CHROME_PATH to a Chromium or Chrome program; without PDFs, build without `--pdf` and without `pdf = true` in guide.toml";

/// The Chromium to print with: `CHROME_PATH` when it is set, else the first
/// of `chromium`, `chromium-browser` and `google-chrome` on `PATH`.
pub(crate) fn find_chromium() -> Result<PathBuf, Diagnostic> {
    if let Some(named) = std::env::var_os("CHROME_PATH").filter(|p| !p.is_empty()) {
        let named = PathBuf::from(named);
        if is_program(&named) {
            return Ok(named);
        }
        return Err(Diagnostic::new(
            Code::Pdf,
            format!(
                "PDFs need Chromium, but CHROME_PATH names `{}`, which is not a program",
                named.display()
            ),
        )
        .hint(INSTALL_HINT));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in PROGRAMS {
            let candidate = dir.join(name);
            if is_program(&candidate) {
                return Ok(candidate);
            }
        }
    }
    Err(Diagnostic::new(
        Code::Pdf,
        format!(
            "PDFs need Chromium, and none was found: CHROME_PATH is not set and none of {} is on PATH",
            PROGRAMS.join(", ")
        ),
    )
    .hint(INSTALL_HINT))
}

fn is_program(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// Print each target's page, read from the site written into `dir` (whose
/// URLs start with `base_path`), to its two PDFs. The PDFs come back as
/// files for `output` to write, in `targets` order, A4 then Letter.
pub(crate) fn print_pages(
    chromium: &Path,
    dir: &Path,
    base_path: &str,
    targets: &[PdfTarget],
) -> Result<Vec<OutputFile>, Diagnostic> {
    if targets.is_empty() {
        return Ok(Vec::new());
    }
    let profile = Profile::new()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| {
            Diagnostic::new(Code::Pdf, format!("cannot start the PDF printer: {e}"))
                .hint("this is a problem with the machine's resources; try again")
        })?;
    let site = Arc::new(Staged {
        dir: dir.to_path_buf(),
        base_path: base_path.to_string(),
    });
    let printed = runtime.block_on(print_all(chromium, &profile.0, site, targets));
    // Chromium has exited (or been killed) by now; its profile can go.
    drop(runtime);
    drop(profile);
    let epoch = source_date_epoch();
    let mut files = Vec::with_capacity(targets.len() * 2);
    for (target, [a4, letter]) in targets.iter().zip(printed?) {
        for (path, mut bytes) in [(&target.a4, a4), (&target.letter, letter)] {
            fix_dates(&mut bytes, epoch);
            files.push(OutputFile {
                path: path.clone(),
                contents: Contents::Bytes(bytes),
            });
        }
    }
    Ok(files)
}

/// The site as written into the temporary folder, and the base path its
/// URLs start with.
struct Staged {
    dir: PathBuf,
    base_path: String,
}

async fn print_all(
    chromium: &Path,
    profile: &Path,
    site: Arc<Staged>,
    targets: &[PdfTarget],
) -> Result<Vec<[Vec<u8>; 2]>, Diagnostic> {
    let shown = chromium.display().to_string();
    let config = BrowserConfig::builder()
        .chrome_executable(chromium)
        .user_data_dir(profile)
        .disable_default_args()
        .args(CHROMIUM_ARGS.iter().copied())
        // "With head" only stops chromiumoxide adding its own headless
        // flags: `--headless` is in CHROMIUM_ARGS.
        .with_head()
        .viewport(None::<chromiumoxide::handler::viewport::Viewport>)
        .launch_timeout(Duration::from_secs(60))
        .request_timeout(Duration::from_secs(60))
        .build()
        .map_err(|e| cannot_start(&shown, &e))?;
    let (mut browser, mut handler) = Browser::launch(config)
        .await
        .map_err(|e| cannot_start(&shown, &e.to_string()))?;
    // The connection to Chromium is served by this task until it closes.
    let connection = tokio::spawn(async move { while handler.next().await.is_some() {} });
    let printed: Vec<Result<[Vec<u8>; 2], Diagnostic>> = futures::stream::iter(targets)
        .map(|target| {
            let browser = &browser;
            let site = Arc::clone(&site);
            async move {
                match tokio::time::timeout(PAGE_TIMEOUT, print_one(browser, site, target)).await {
                    Ok(result) => result,
                    Err(_) => Err(Diagnostic::new(
                        Code::Pdf,
                        format!(
                            "Chromium took more than {} s to print `{}`",
                            PAGE_TIMEOUT.as_secs(),
                            target.page
                        ),
                    )
                    .hint("the machine may be overloaded; build again, or without `--pdf`")),
                }
            }
        })
        .buffered(TABS)
        .collect()
        .await;
    // Ask Chromium to quit; one that does not within seconds is killed, so
    // a hung browser never holds the build.
    let closed = browser.close().await.is_ok()
        && tokio::time::timeout(Duration::from_secs(10), browser.wait())
            .await
            .is_ok();
    if !closed {
        let _ = browser.kill().await;
    }
    connection.abort();
    printed.into_iter().collect()
}

fn cannot_start(program: &str, e: &str) -> Diagnostic {
    Diagnostic::new(
        Code::Pdf,
        format!("cannot start Chromium (`{program}`) to print PDFs: {e}"),
    )
    .hint(format!(
        "check that `{program} --headless --version` runs; {INSTALL_HINT}"
    ))
}

/// Load one page in a tab of its own and print it on A4 and on Letter.
async fn print_one(
    browser: &Browser,
    site: Arc<Staged>,
    target: &PdfTarget,
) -> Result<[Vec<u8>; 2], Diagnostic> {
    let failed = |e: &dyn std::fmt::Display| {
        Diagnostic::new(
            Code::Pdf,
            format!("Chromium could not print `{}`: {e}", target.page),
        )
        .hint("build again; if it keeps failing, build without `--pdf` and report it")
    };
    let page = browser
        .new_page("about:blank")
        .await
        .map_err(|e| failed(&e))?;
    let mut paused = page
        .event_listener::<EventRequestPaused>()
        .await
        .map_err(|e| failed(&e))?;
    let answering = page.clone();
    let base_path = site.base_path.clone();
    let server = tokio::spawn(async move {
        while let Some(request) = paused.next().await {
            answer(&answering, &site, &request).await;
        }
    });
    let printed = async {
        page.execute(
            fetch::EnableParams::builder()
                .pattern(RequestPattern::builder().url_pattern("*").build())
                .build(),
        )
        .await
        .map_err(|e| failed(&e))?;
        let folder = target.page.strip_suffix("index.html").unwrap_or("");
        // `base_path` is already a URL path; the folder is a file path.
        page.goto(format!(
            "{ORIGIN}{base_path}{}",
            crate::text::encode_path(folder)
        ))
        .await
        .map_err(|e| failed(&e))?;
        // Print once the page's fonts are loaded, as a reader's print would.
        page.evaluate("document.fonts.ready.then(() => true)")
            .await
            .map_err(|e| failed(&e))?;
        let mut out = [Vec::new(), Vec::new()];
        for (slot, paper) in out.iter_mut().zip([Paper::A4, Paper::Letter]) {
            *slot = page
                .pdf(print_params(paper))
                .await
                .map_err(|e| failed(&e))?;
        }
        Ok(out)
    }
    .await;
    server.abort();
    let _ = page.close().await;
    printed
}

fn print_params(paper: Paper) -> PrintToPdfParams {
    let (width, height) = paper.inches();
    PrintToPdfParams::builder()
        .landscape(false)
        .display_header_footer(false)
        // As a reader's "Print" does by default; the stylesheet draws ruled
        // lines with borders and marks chosen options so they still print.
        .print_background(false)
        .paper_width(width)
        .paper_height(height)
        .prefer_css_page_size(false)
        .generate_tagged_pdf(true)
        .generate_document_outline(true)
        .build()
}

/// Answer one paused request: a file of the staged site, a 404 for a
/// missing one, and a refusal for anything not of the site.
async fn answer(page: &Page, site: &Staged, request: &EventRequestPaused) {
    let id = request.request_id.clone();
    let Some(path) = request.request.url.strip_prefix(ORIGIN) else {
        let _ = page
            .execute(FailRequestParams::new(id, ErrorReason::BlockedByClient))
            .await;
        return;
    };
    let file = site_file(&site.dir, &site.base_path, path);
    let (status, content_type, body) = match file.as_ref().and_then(|f| std::fs::read(f).ok()) {
        Some(body) => (
            200,
            // The same types the dev server sends.
            crate::serve::content_type(
                &file
                    .as_deref()
                    .map(|f| f.to_string_lossy())
                    .unwrap_or_default(),
            ),
            body,
        ),
        None => (404, "text/plain; charset=utf-8", b"Not found".to_vec()),
    };
    let mut fulfil = FulfillRequestParams::new(id, status);
    fulfil.response_headers = Some(vec![HeaderEntry::new("Content-Type", content_type)]);
    fulfil.body = Some(
        base64::engine::general_purpose::STANDARD
            .encode(body)
            .into(),
    );
    let _ = page.execute(fulfil).await;
}

/// The file in `dir` that URL path `path` (`/guide/css/a.css?v=1`) names,
/// or `None` when it is outside `base_path` or tries to leave `dir`.
fn site_file(dir: &Path, base_path: &str, path: &str) -> Option<PathBuf> {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let below = path.strip_prefix(base_path)?;
    let below = crate::text::percent_decode_strict(below)?;
    let mut file = dir.to_path_buf();
    for segment in below.split('/').filter(|s| !s.is_empty()) {
        if segment == "." || segment == ".." || segment.contains(['\\', '\0']) {
            return None;
        }
        file.push(segment);
    }
    if below.is_empty() || below.ends_with('/') {
        file.push("index.html");
    }
    Some(file)
}

/// Chromium's profile folder for one build, removed when dropped.
struct Profile(PathBuf);

impl Profile {
    fn new() -> Result<Profile, Diagnostic> {
        let base = std::env::temp_dir();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = base.join(format!(
            "trellis-pdf-profile-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir(&dir).map_err(|e| {
            Diagnostic::new(
                Code::Pdf,
                format!(
                    "cannot make a profile folder for Chromium in `{}`: {e}",
                    base.display()
                ),
            )
            .hint("check that the temporary folder (TMPDIR) exists and can be written")
        })?;
        Ok(Profile(dir))
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `SOURCE_DATE_EPOCH`, the reproducible-builds convention for "the time
/// this was made", when it is set to a number.
fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
}

/// Make a PDF reproducible: Chromium writes the time of printing into its
/// `/CreationDate` and `/ModDate`. Each is rewritten in place, to
/// `SOURCE_DATE_EPOCH` when it is set and otherwise to spaces (the entry
/// gone: the HTML carries no time either). Every byte keeps its offset,
/// so the cross-reference table stays right.
fn fix_dates(pdf: &mut [u8], epoch: Option<i64>) {
    for key in [&b"/CreationDate"[..], b"/ModDate"] {
        let mut from = 0;
        while let Some(at) = find(&pdf[from..], key).map(|i| from + i) {
            // `/Key (D:YYYYMMDDHHmmSS+hh'mm')`: the string runs to `)`.
            let Some(open) = pdf[at + key.len()..]
                .iter()
                .position(|&b| b != b' ')
                .map(|i| at + key.len() + i)
                .filter(|&i| pdf[i] == b'(')
            else {
                from = at + key.len();
                continue;
            };
            let Some(close) = pdf[open..]
                .iter()
                .position(|&b| b == b')')
                .map(|i| open + i)
            else {
                return;
            };
            match epoch.map(pdf_date) {
                // Same length or shorter, padded with spaces after the `)`.
                Some(date) if date.len() + 2 <= close + 1 - open => {
                    let mut value = Vec::with_capacity(close + 1 - open);
                    value.push(b'(');
                    value.extend_from_slice(date.as_bytes());
                    value.push(b')');
                    value.resize(close + 1 - open, b' ');
                    pdf[open..=close].copy_from_slice(&value);
                }
                _ => pdf[at..=close].fill(b' '),
            }
            from = close + 1;
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A PDF date, `D:YYYYMMDDHHmmSSZ`, of a Unix time (UTC).
fn pdf_date(epoch: i64) -> String {
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "D:{year:04}{month:02}{day:02}{:02}{:02}{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_rewritten_in_place() {
        let pdf = b"<</Creator (Chromium)\n/CreationDate (D:20261127193012+00'00')\n/ModDate (D:20261127193012+00'00')>>".to_vec();
        let mut blank = pdf.clone();
        fix_dates(&mut blank, None);
        assert_eq!(blank.len(), pdf.len());
        let text = String::from_utf8(blank).unwrap();
        assert!(!text.contains("Date"), "{text}");
        assert!(text.contains("/Creator (Chromium)"));
        let mut fixed = pdf.clone();
        fix_dates(&mut fixed, Some(1_700_000_000));
        assert_eq!(fixed.len(), pdf.len());
        let text = String::from_utf8(fixed).unwrap();
        assert!(text.contains("/CreationDate (D:20231114221320Z)"), "{text}");
        assert!(text.contains("/ModDate (D:20231114221320Z)"), "{text}");
        assert!(!text.contains("2026"), "{text}");
    }

    #[test]
    fn pdf_dates() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(951_782_400), "D:20000229000000Z");
        assert_eq!(pdf_date(-1), "D:19691231235959Z");
    }

    #[test]
    fn files_are_found_below_the_base_path_only() {
        let dir = Path::new("/site");
        let f = |p| site_file(dir, "/guide/", p);
        assert_eq!(f("/guide/"), Some(PathBuf::from("/site/index.html")));
        assert_eq!(
            f("/guide/worksheets/a/?x=1#y"),
            Some(PathBuf::from("/site/worksheets/a/index.html"))
        );
        assert_eq!(
            f("/guide/css/trellis.css"),
            Some(PathBuf::from("/site/css/trellis.css"))
        );
        assert_eq!(
            f("/guide/%D1%88%D0%B0%D0%B3%D0%B8/"),
            Some(PathBuf::from("/site/шаги/index.html"))
        );
        assert_eq!(f("/other/"), None);
        assert_eq!(f("/guide/../etc/passwd"), None);
        assert_eq!(f("/guide/%2e%2e/x"), None);
    }
}
