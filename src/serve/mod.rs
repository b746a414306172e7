//! `trellis serve`: watch the guide, rebuild what changed, reload browsers.
//!
//! Three parts beside the pipeline, never inside it: an HTTP server
//! (`http`) serving the last good build from memory, a watcher (`watch`)
//! turning file events into debounced batches of [`Change`]s, and this
//! loop, which applies each batch to a [`LiveSite`] and tells connected
//! browsers over Server-Sent Events to reload, swap stylesheets, or show
//! the errors. A failed rebuild keeps the last good pages served. The
//! production `public/` folder is never touched.

mod events;
mod http;
mod server;
mod watch;

use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Style, render_json, render_report};
use crate::incremental::{Files, LiveSite, Refresh, Update};

pub(crate) use http::content_type;
pub use http::decode_request_path;

/// How long the watcher waits for more events after one arrives before
/// rebuilding: long enough to see a save-by-rename as one change, short
/// enough not to be felt.
pub const DEBOUNCE: Duration = Duration::from_millis(20);
/// Browsers are sent a comment this often so proxies keep the stream open
/// and dead clients are noticed.
pub(crate) const KEEP_ALIVE: Duration = Duration::from_secs(15);

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub host: IpAddr,
    pub port: u16,
    pub open: bool,
    /// Poll the file system every this often instead of native events.
    pub poll: Option<Duration>,
    pub drafts: bool,
    pub verbose: bool,
    pub quiet: bool,
}

/// What the HTTP side serves: one build's files, its id, and the errors of
/// the latest rebuild if it failed.
pub(crate) struct Snapshot {
    pub files: Arc<Files>,
    pub build: String,
    pub errors: Option<Diagnostics>,
}

/// State shared between the HTTP side and the rebuild loop.
pub(crate) struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    events: events::Events,
    /// Canonical site root: static files are only read from below it.
    root: PathBuf,
    loopback_only: bool,
}

impl Shared {
    fn snapshot(&self) -> Arc<Snapshot> {
        match self.snapshot.read() {
            Ok(s) => Arc::clone(&s),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    fn set_snapshot(&self, snapshot: Snapshot) {
        let mut guard = match self.snapshot.write() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        *guard = Arc::new(snapshot);
    }

    /// The first event a browser gets: the current build and any errors.
    fn hello_event(&self) -> String {
        let s = self.snapshot();
        event("hello", &payload(&s.build, s.errors.as_ref(), &[]))
    }

    /// Send an event to every browser, never waiting for one.
    fn broadcast(&self, text: &str) -> usize {
        self.events.broadcast(text)
    }
}

fn event(name: &str, data: &str) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}

fn payload(build: &str, errors: Option<&Diagnostics>, changed: &[String]) -> String {
    let errors = errors
        .map(|d| {
            let json = render_json(d);
            let lines: Vec<&str> = json.lines().collect();
            format!("[{}]", lines.join(","))
        })
        .unwrap_or_else(|| "[]".to_string());
    let changed = serde_json::to_string(changed).unwrap_or_else(|_| "[]".to_string());
    format!("{{\"build\":\"{build}\",\"errors\":{errors},\"changed\":{changed}}}")
}

/// Run the dev server until interrupted.
pub fn serve(opts: &ServeOptions) -> Result<(), Diagnostic> {
    let listener = TcpListener::bind(SocketAddr::new(opts.host, opts.port)).map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
            "another program is using that port: pick another with `--port`, or `--port 0` for any free port"
        } else {
            "check `--host` and `--port`"
        };
        Diagnostic::new(Code::Server, format!("cannot listen on {}:{}: {e}", opts.host, opts.port)).hint(hint)
    })?;
    let addr = listener.local_addr().map_err(|e| {
        Diagnostic::new(Code::Server, format!("cannot read the server address: {e}"))
    })?;
    let shown_host = match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) if ip.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let url = format!("http://{shown_host}:{}/", addr.port());
    let root = std::fs::canonicalize(&opts.root).unwrap_or_else(|_| opts.root.clone());
    let shared = Arc::new(Shared {
        snapshot: RwLock::new(Arc::new(Snapshot {
            files: Arc::new(Files::new()),
            build: "none".to_string(),
            errors: None,
        })),
        events: events::Events::default(),
        root: root.clone(),
        loopback_only: opts.host.is_loopback(),
    });

    // The URL first, on its own line: scripts and tests read it.
    println!("Serving at {url}");
    let _ = std::io::stdout().flush();
    if !opts.host.is_loopback() {
        eprintln!(
            "warning: listening on {}: anyone on your network can read this site while trellis serve runs",
            opts.host
        );
    }

    // Watch before the first build, so no save made during it is missed.
    let mut watcher = watch::Watcher::start(&root, opts.poll).map_err(|e| {
        Diagnostic::new(Code::Server, format!("cannot watch the guide's files: {e}"))
    })?;
    let mut live = LiveSite::new(&root, Some(url.clone()), opts.drafts);
    let started = Instant::now();
    let mut publisher = Publisher {
        epoch: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0),
        builds: 0,
        last_warnings: Diagnostics::new(),
        quiet: opts.quiet,
        verbose: opts.verbose,
    };
    // A stuck rebuild is given up on here, not by ending the process.
    crate::render::stuck_renders_do_not_exit();
    let fresh = || LiveSite::new(&root, Some(url.clone()), opts.drafts);
    let mut rebuilds = Rebuilds::default();
    let first;
    (live, first) = rebuilds.run(live, fresh, |live| live.full_build())?;
    publisher.publish(&shared, &live, first, started);

    // Kept until serve returns: dropping it stops the server.
    let _http = server::start(listener, Arc::clone(&shared))
        .map_err(|e| Diagnostic::new(Code::Server, format!("cannot start the server: {e}")))?;
    {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(KEEP_ALIVE);
                shared.broadcast(": keep-alive\n\n");
            }
        });
    }
    let _ = ctrlc::set_handler(|| {
        eprintln!("\nStopped.");
        std::process::exit(0);
    });
    if opts.open {
        open_browser(&url);
    }

    let mut theme = "default".to_string();
    loop {
        // The last theme known survives a failed build or a reset.
        if let Some(t) = live.theme() {
            theme = t.to_string();
        }
        let Some(changes) = watcher.next_batch(&theme, DEBOUNCE) else {
            return Ok(());
        };
        if changes.is_empty() {
            continue;
        }
        let started = Instant::now();
        let result;
        (live, result) = rebuilds.run(live, fresh, move |live| live.apply(&changes))?;
        publisher.publish(&shared, &live, result, started);
    }
}

/// How long the server waits for one rebuild before it gives up on it.
const REBUILD_DEADLINE: Duration = Duration::from_secs(60);
/// Rebuilds given up on that may still be running, at most.
const MAX_ABANDONED: usize = 3;

/// Runs each rebuild on a thread of its own, so that a template that never
/// ends (one the template limits cannot stop from inside Tera) does not
/// stop the server: after [`REBUILD_DEADLINE`] the rebuild is abandoned, the
/// errors say why, the last good build stays served, and the next save
/// starts from scratch. A panic becomes E018 the same way.
struct Rebuilds {
    /// How long to wait for one rebuild.
    deadline: Duration,
    /// Abandoned rebuilds still running.
    abandoned: Arc<std::sync::atomic::AtomicUsize>,
}

impl Default for Rebuilds {
    fn default() -> Rebuilds {
        Rebuilds {
            deadline: REBUILD_DEADLINE,
            abandoned: Arc::default(),
        }
    }
}

impl Rebuilds {
    fn run(
        &mut self,
        mut live: LiveSite,
        fresh: impl Fn() -> LiveSite,
        job: impl FnOnce(&mut LiveSite) -> Result<Update, Diagnostics> + Send + 'static,
    ) -> Result<(LiveSite, Result<Update, Diagnostics>), Diagnostic> {
        use std::sync::atomic::Ordering;
        let (done, outcome) = std::sync::mpsc::channel();
        let given_up = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let abandoned = Arc::clone(&self.abandoned);
        let gave_up = Arc::clone(&given_up);
        let spawned = std::thread::Builder::new()
            .name("trellis-rebuild".into())
            .spawn(move || {
                let result = guarded(|| job(&mut live));
                if gave_up.load(Ordering::SeqCst) {
                    abandoned.fetch_sub(1, Ordering::SeqCst);
                }
                let _ = done.send((live, result));
            });
        if let Err(e) = spawned {
            return Err(Diagnostic::new(
                Code::Server,
                format!("cannot start a rebuild: {e}"),
            ));
        }
        match outcome.recv_timeout(self.deadline) {
            Ok((live, Ok(result))) => Ok((live, result)),
            Ok((_, Err(internal))) => {
                eprintln!(
                    "trellis: a rebuild failed inside trellis; starting again from scratch at the next save."
                );
                // The half-done rebuild may have left anything behind.
                Ok((fresh(), Err(internal)))
            }
            Err(_) => {
                given_up.store(true, Ordering::SeqCst);
                let still = self.abandoned.fetch_add(1, Ordering::SeqCst) + 1;
                if still > MAX_ABANDONED {
                    return Err(Diagnostic::new(
                        Code::Template,
                        format!("{still} rebuilds have run for more than {} s and do not stop; trellis serve is stopping", self.deadline.as_secs()),
                    )
                    .hint("a template loops without end: fix it, then start trellis serve again"));
                }
                let stuck = Diagnostic::new(
                    Code::Template,
                    format!("rebuilding took more than {} s, and trellis stopped waiting", self.deadline.as_secs()),
                )
                .hint("a template may loop without end; the last good build is still served, and the next save starts over");
                Ok((fresh(), Err(stuck.into())))
            }
        }
    }
}

/// Run a rebuild, catching a panic (a bug in trellis, never the guide's
/// fault) as an internal-error diagnostic so the server stays up and the
/// browser shows it.
fn guarded<T>(rebuild: impl FnOnce() -> T) -> Result<T, Diagnostics> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(rebuild)).map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_string());
        Diagnostics::from(
            Diagnostic::new(
                Code::Internal,
                format!("trellis failed while rebuilding: {what}"),
            )
            .hint("this is a bug in trellis, not in your guide: the last good build is still served, and the next save rebuilds from scratch; please report it with the files that caused it"),
        )
    })
}

/// Makes each rebuild's result visible: new files and a reload, or the errors.
struct Publisher {
    /// Build ids start with the server's start time, so a page from an
    /// earlier server run never mistakes a new build for its own.
    epoch: u128,
    builds: u64,
    last_warnings: Diagnostics,
    quiet: bool,
    verbose: bool,
}

impl Publisher {
    fn publish(
        &mut self,
        shared: &Shared,
        live: &LiveSite,
        result: Result<Update, Diagnostics>,
        started: Instant,
    ) {
        let style = Style::for_stderr();
        match result {
            Ok(update) => {
                let previous = shared.snapshot();
                let had_errors = previous.errors.is_some();
                if update.changed.is_empty() && !had_errors && previous.build != "none" {
                    return; // nothing visible changed (a save with no edit)
                }
                self.builds += 1;
                let build = format!("{}-{}", self.epoch, self.builds);
                shared.set_snapshot(Snapshot {
                    files: live.files(),
                    build: build.clone(),
                    errors: None,
                });
                let data = payload(&build, None, &update.changed);
                let kind = match update.refresh {
                    Refresh::Css if !had_errors => "css",
                    Refresh::Patch => "patch",
                    _ => "reload",
                };
                let clients = shared.broadcast(&event(kind, &data));
                // Warnings once, not again on every save while they stay the same.
                if !self.quiet
                    && !update.warnings.is_empty()
                    && update.warnings != self.last_warnings
                {
                    eprint!("{}", render_report(&update.warnings, style));
                }
                self.last_warnings = update.warnings.clone();
                if !self.quiet {
                    eprintln!(
                        "{} in {} ms: {} page{} rendered, {} file{} changed{}",
                        if previous.build == "none" {
                            "Built"
                        } else {
                            "Rebuilt"
                        },
                        started.elapsed().as_millis(),
                        update.pages_rendered,
                        if update.pages_rendered == 1 { "" } else { "s" },
                        update.changed.len(),
                        if update.changed.len() == 1 { "" } else { "s" },
                        if clients > 0 {
                            format!(", {clients} browser(s) told to {kind}")
                        } else {
                            String::new()
                        }
                    );
                }
                if self.verbose {
                    for c in &update.changed {
                        eprintln!("  {c}");
                    }
                }
            }
            Err(diags) => {
                let previous = shared.snapshot();
                eprint!("{}", render_report(&diags, style));
                eprintln!("Rebuild failed; still serving the last good build.");
                let data = payload(&previous.build, Some(&diags), &[]);
                shared.set_snapshot(Snapshot {
                    files: Arc::clone(&previous.files),
                    build: previous.build.clone(),
                    errors: Some(diags),
                });
                shared.broadcast(&event("errors", &data));
            }
        }
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("Could not open a browser; open {url} yourself.");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rebuild_that_does_not_end_is_given_up_and_the_server_goes_on() {
        // Found in review: a slow template ended trellis serve.
        use std::sync::atomic::Ordering;
        let dir = tempfile::tempdir().unwrap();
        let fresh = || LiveSite::new(dir.path(), None, false);
        let mut rebuilds = Rebuilds {
            deadline: Duration::from_millis(100),
            abandoned: Arc::default(),
        };
        let (_, result) = rebuilds
            .run(fresh(), fresh, |live| {
                std::thread::sleep(Duration::from_millis(400));
                live.full_build()
            })
            .unwrap();
        let errors = result.unwrap_err();
        let d = errors.iter().next().unwrap();
        assert_eq!(d.code, Code::Template);
        assert!(d.message.contains("trellis stopped waiting"), "{d}");
        assert_eq!(rebuilds.abandoned.load(Ordering::SeqCst), 1);
        // When the abandoned one ends at last, it is no longer counted.
        let deadline = Instant::now() + Duration::from_secs(5);
        while rebuilds.abandoned.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(rebuilds.abandoned.load(Ordering::SeqCst), 0);
        // Too many at once: serve stops, saying why.
        let gate = Arc::new(std::sync::RwLock::new(()));
        let held = gate.write().unwrap();
        for _ in 0..MAX_ABANDONED {
            let g = Arc::clone(&gate);
            let _ = rebuilds.run(fresh(), fresh, move |live| {
                drop(g.read());
                live.full_build()
            });
        }
        let stop = rebuilds.run(fresh(), fresh, |live| {
            std::thread::sleep(Duration::from_millis(400));
            live.full_build()
        });
        assert!(stop.is_err());
        drop(held);
    }

    #[test]
    fn a_panic_while_rebuilding_becomes_a_diagnostic() {
        let caught = guarded(|| -> u8 { panic!("boom in a stage") }).unwrap_err();
        let d = caught.iter().next().unwrap();
        assert_eq!(d.code, Code::Internal);
        assert!(d.message.contains("boom in a stage"), "{d}");
        assert_eq!(guarded(|| 7).unwrap(), 7);
    }
}
