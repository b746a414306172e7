//! Limits on template work: a template is code the guide's author (or a
//! theme's) wrote, and it can loop without end or write without end.
//!
//! Every page is rendered under a [`Guard`]: numbers made by `range` (this
//! module's own `range`, which replaces Tera's) count against a budget per
//! page, output is capped per file, and both check a deadline. A runaway
//! loop built from `range` stops at the `range` call, so Tera reports it
//! with the template's file, line and column; a page whose output passes
//! the cap or whose time runs out while writing stops at once. A template
//! that neither writes nor calls `range` cannot be stopped from inside
//! Tera: the [`watchdog`] reports it and, since a thread cannot be stopped
//! from outside, ends the process (the output is never half-written: the
//! writer runs only after every page is rendered). The dev server instead
//! stops waiting for such a rebuild (see `serve`), so only memory ends it.
//!
//! Memory: Tera keeps captured output and joined strings (`s ~ s` in a
//! loop) in its own buffers, which no writer sees. The binary's allocator
//! ([`CountingAllocator`]) counts what each thread grows by while it
//! renders a page; past [`MAX_RENDER_MEMORY`] the watchdog reports the
//! template and the page and ends the process before memory runs out.
//!
//! The budget and cap are counts, so whether a page passes them does not
//! depend on the machine; the deadline is a backstop for everything else.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use tera::{Kwargs, State, TeraResult};

/// Numbers `range` may make while rendering one page: loops of a few
/// hundred thousand are fine, a loop of 100,000 inside another is not.
pub(super) const MAX_RANGE_NUMBERS: u64 = 2_000_000;
/// The most one rendered file may hold.
pub(super) const MAX_OUTPUT_BYTES: u64 = 128 * 1024 * 1024;
/// How long one page may take to render.
pub(super) const DEADLINE: Duration = Duration::from_secs(30);
/// How long past the deadline the watchdog waits for a render that has
/// not stopped by itself before it gives up on the process.
const GRACE: Duration = Duration::from_secs(30);
/// The most memory one page's render may grow by.
pub const MAX_RENDER_MEMORY: isize = 1024 * 1024 * 1024;

/// The limits of the page being rendered on this thread.
struct Limits {
    numbers_left: u64,
    bytes_left: u64,
    deadline: Instant,
    /// Checks of the deadline left before the clock is read again.
    checks_to_clock: u32,
}

/// How many deadline checks (a write, a `range`) share one reading of the
/// clock: a template writes in many small pieces, and reading the clock
/// for each cost about 5% of a build. A runaway loop makes thousands of
/// checks a millisecond, so it is still stopped within one.
const CHECKS_PER_CLOCK: u32 = 256;

thread_local! {
    static LIMITS: RefCell<Option<Limits>> = const { RefCell::new(None) };
    /// The guard rendering on this thread (0: none), and what the thread
    /// has grown by since it started. Plain cells with no destructor, so
    /// the allocator may read them.
    static RENDERING: Cell<u64> = const { Cell::new(0) };
    static GROWN: Cell<isize> = const { Cell::new(0) };
}

/// The guard whose render passed [`MAX_RENDER_MEMORY`] (0: none).
static OVER_MEMORY: AtomicU64 = AtomicU64::new(0);
/// Whether a render stuck past its deadline ends the process (`build`,
/// `check`) or is left to the caller (`serve`, which stops waiting).
static EXIT_WHEN_STUCK: AtomicBool = AtomicBool::new(true);

/// The dev server stops waiting for a stuck rebuild itself; the watchdog
/// then ends the process only for memory.
pub(crate) fn stuck_renders_do_not_exit() {
    EXIT_WHEN_STUCK.store(false, Ordering::Relaxed);
}

/// The system allocator, counting what a thread grows by while it renders
/// a page (see the module's docs). Set by the `trellis` binary.
pub struct CountingAllocator;

fn note(delta: isize) {
    let _ = RENDERING.try_with(|guard| {
        let id = guard.get();
        if id == 0 {
            return;
        }
        let _ = GROWN.try_with(|grown| {
            let now = grown.get().saturating_add(delta);
            grown.set(now);
            if now > MAX_RENDER_MEMORY {
                let _ = OVER_MEMORY.compare_exchange(0, id, Ordering::Relaxed, Ordering::Relaxed);
            }
        });
    });
}

// SAFETY: every call is passed to the system allocator unchanged; the
// counting touches only const-initialised thread-local cells and an atomic,
// never the allocator.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            note(layout.size() as isize);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            note(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) };
        note(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            note(new_size as isize - layout.size() as isize);
        }
        p
    }
}

/// Renders one page under limits while it lives; registered with the
/// watchdog so a render that never returns is noticed.
pub(super) struct Guard {
    id: u64,
}

impl Guard {
    /// Start rendering `what` (a page's source, "the workbook") with
    /// template `template`.
    pub(super) fn new(template: &str, what: &str) -> Guard {
        let started = Instant::now();
        LIMITS.with(|l| {
            *l.borrow_mut() = Some(Limits {
                numbers_left: MAX_RANGE_NUMBERS,
                bytes_left: MAX_OUTPUT_BYTES,
                deadline: started + DEADLINE,
                checks_to_clock: CHECKS_PER_CLOCK,
            })
        });
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut active) = watchdog().active.lock() {
            active.insert(id, (started, template.to_string(), what.to_string()));
        }
        GROWN.with(|g| g.set(0));
        RENDERING.with(|r| r.set(id));
        Guard { id }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        RENDERING.with(|r| r.set(0));
        LIMITS.with(|l| *l.borrow_mut() = None);
        if let Ok(mut active) = watchdog().active.lock() {
            active.remove(&self.id);
        }
    }
}

fn past_deadline() -> bool {
    LIMITS.with(|l| {
        l.borrow_mut().as_mut().is_some_and(|l| {
            l.checks_to_clock -= 1;
            if l.checks_to_clock > 0 {
                return false;
            }
            l.checks_to_clock = CHECKS_PER_CLOCK;
            Instant::now() > l.deadline
        })
    })
}

fn deadline_message() -> String {
    format!(
        "rendering this page took longer than {} s; a loop that never ends?",
        DEADLINE.as_secs()
    )
}

/// `range(end=…, start=0, step_by=1)`, as Tera's, counting the numbers it
/// makes against the page's budget.
pub(super) fn range(kwargs: Kwargs, _: &State) -> TeraResult<Vec<i64>> {
    let start = kwargs.get::<i64>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i64>("end")?;
    let step_by = kwargs.get::<i64>("step_by")?.unwrap_or(1);
    if step_by == 0 {
        return Err(tera::Error::message("`range` was called with `step_by=0`"));
    }
    if start > end && step_by > 0 {
        return Err(tera::Error::message(
            "`range` was called with `start` greater than `end`",
        ));
    }
    let span = (i128::from(end) - i128::from(start)).unsigned_abs();
    let step = i128::from(step_by).unsigned_abs();
    let len = if (end >= start) == (step_by > 0) {
        span.div_ceil(step)
    } else {
        0
    };
    let len = u64::try_from(len).unwrap_or(u64::MAX);
    if past_deadline() {
        return Err(tera::Error::message(deadline_message()));
    }
    let over = LIMITS.with(|l| match l.borrow_mut().as_mut() {
        Some(l) if len > l.numbers_left => true,
        Some(l) => {
            l.numbers_left -= len;
            false
        }
        None => false,
    });
    if over {
        return Err(tera::Error::message(format!(
            "`range` would make more than {MAX_RANGE_NUMBERS} numbers for this page; is a long loop inside another loop?"
        )));
    }
    // In i128: `k * step_by` may pass i64 even when every number fits.
    Ok((0..len)
        .map(|k| (i128::from(start) + i128::from(k) * i128::from(step_by)) as i64)
        .collect())
}

/// Why a capped writer refused a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stop {
    TooBig,
    TooSlow,
}

impl Stop {
    pub(super) fn message(self) -> String {
        match self {
            Stop::TooBig => format!(
                "the page's output passed {} MiB; a loop that never ends?",
                MAX_OUTPUT_BYTES / 1024 / 1024
            ),
            Stop::TooSlow => deadline_message(),
        }
    }
}

/// The output of one page: refuses to grow past the cap or the deadline.
pub(super) struct CappedWriter {
    pub bytes: Vec<u8>,
    pub stopped: Option<Stop>,
}

impl CappedWriter {
    pub(super) fn new() -> CappedWriter {
        CappedWriter {
            bytes: Vec::with_capacity(16 * 1024),
            stopped: None,
        }
    }
}

impl Write for CappedWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let stop = LIMITS.with(|l| match l.borrow_mut().as_mut() {
            Some(l) if buf.len() as u64 > l.bytes_left => Some(Stop::TooBig),
            Some(l) => {
                l.bytes_left -= buf.len() as u64;
                None
            }
            None => None,
        });
        let stop = stop.or_else(|| past_deadline().then_some(Stop::TooSlow));
        if let Some(stop) = stop {
            self.stopped = Some(stop);
            return Err(io::Error::other(stop.message()));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Renders in progress, by guard id: when each started, with which
/// template, for what.
pub(super) struct Watchdog {
    active: Mutex<HashMap<u64, (Instant, String, String)>>,
}

/// The process's watchdog, started with the first render. Ten times a
/// second it looks for a render that grew past [`MAX_RENDER_MEMORY`], and
/// for one past its deadline and grace (only where stuck renders end the
/// process: `build` and `check`). Then it says which page and template,
/// and ends the process with exit code 1. Pages already written went to
/// the build's temporary folder, which goes as a failed build's does
/// ([`crate::output::abandon_builds`]); the output is never touched.
pub fn watchdog() -> &'static Watchdog {
    static DOG: OnceLock<Watchdog> = OnceLock::new();
    DOG.get_or_init(|| {
        std::thread::Builder::new()
            .name("trellis-watchdog".into())
            .spawn(|| {
                loop {
                    std::thread::sleep(Duration::from_millis(100));
                    let over = OVER_MEMORY.load(Ordering::Relaxed);
                    let active = match watchdog().active.lock() {
                        Ok(active) => active,
                        Err(poisoned) => poisoned.into_inner(),
                    };
                    if over != 0 {
                        let (template, what) = active
                            .get(&over)
                            .map(|(_, t, w)| (t.clone(), w.clone()))
                            .unwrap_or_else(|| ("?".into(), "a page".into()));
                        eprintln!(
                            "error[E013]: template `{template}` used more than {} MiB of memory while rendering {what} (text built up in a loop without end?); trellis is stopping before memory runs out. The output folder was left as it was.",
                            MAX_RENDER_MEMORY / 1024 / 1024
                        );
                        crate::output::abandon_builds();
                        std::process::exit(1);
                    }
                    if !EXIT_WHEN_STUCK.load(Ordering::Relaxed) {
                        continue;
                    }
                    let stuck = active
                        .values()
                        .find(|(started, _, _)| started.elapsed() > DEADLINE + GRACE)
                        .cloned();
                    if let Some((started, template, what)) = stuck {
                        eprintln!(
                            "error[E013]: template `{template}` has been rendering {what} for {} s and does not stop (a loop that never ends?); trellis is stopping. The output folder was left as it was.",
                            started.elapsed().as_secs()
                        );
                        crate::output::abandon_builds();
                        std::process::exit(1);
                    }
                }
            })
            .ok();
        Watchdog {
            active: Mutex::new(HashMap::new()),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_template(template: &str) -> tera::Tera {
        let mut tera = tera::Tera::default();
        tera.register_function("range", range);
        tera.add_raw_template("t.html", template).unwrap();
        tera
    }

    #[test]
    fn range_counts_against_a_budget_per_page() {
        let tera = one_template(
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
        );
        let _guard = Guard::new("t.html", "a page");
        let e = tera.render("t.html", &tera::Context::new()).unwrap_err();
        let tera::ErrorKind::RenderingError(report) = e.kind() else {
            panic!("{e:?}");
        };
        assert!(
            report.message().contains("more than 2000000 numbers"),
            "{}",
            report.message()
        );
        // The inner `range` call, where the loop runs away.
        assert_eq!(
            (report.span().start_line, report.span().start_col + 1),
            (1, 45)
        );
        drop(_guard);
        // Each page starts with a fresh budget; Tera's semantics are kept.
        let tera =
            one_template("{% for i in range(start=5, end=-5, step_by=-4) %}{{ i }},{% endfor %}");
        let _guard = Guard::new("t.html", "another page");
        assert_eq!(
            tera.render("t.html", &tera::Context::new()).unwrap(),
            "5,1,-3,"
        );
        // Found in review: the steps overflowed i64 in a debug build.
        let tera = one_template(
            "{% for i in range(start=-9223372036854775807, end=9223372036854775807, step_by=4611686018427387904) %}{{ i }},{% endfor %}",
        );
        assert_eq!(
            tera.render("t.html", &tera::Context::new()).unwrap(),
            "-9223372036854775807,-4611686018427387903,1,4611686018427387905,"
        );
    }

    #[test]
    fn a_renders_growth_is_counted() {
        // The allocator is the binary's; here, what it would be told.
        let guard = Guard::new("t.html", "a page");
        note(10);
        note(-3);
        assert_eq!(GROWN.with(Cell::get), 7);
        drop(guard);
        note(1_000);
        assert_eq!(GROWN.with(Cell::get), 7, "not counted outside a render");
        assert_eq!(OVER_MEMORY.load(Ordering::Relaxed), 0);
    }

    #[test]
    fn output_past_the_cap_is_refused() {
        let _guard = Guard::new("t.html", "a page");
        let mut out = CappedWriter::new();
        let chunk = vec![b'x'; 1024 * 1024];
        let mut written = 0;
        while out.write_all(&chunk).is_ok() {
            written += chunk.len() as u64;
            assert!(written <= MAX_OUTPUT_BYTES);
        }
        assert_eq!(out.stopped, Some(Stop::TooBig));
        assert_eq!(written, MAX_OUTPUT_BYTES);
        // Without a guard (outside a page render) nothing is capped.
        drop(_guard);
        let mut free = CappedWriter::new();
        free.write_all(&chunk).unwrap();
    }
}
