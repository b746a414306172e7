//! The watcher: file events in, debounced batches of changes out.
//!
//! Watches `guide.toml` (through the root folder, so a config replaced by
//! rename is seen) and `content/`, `themes/`, `templates/`, `static/`,
//! `messages/` recursively, adding a watch when one of those folders
//! appears later. When one of them is removed or replaced, the others'
//! watches are made again: a symbolic link from one into another shares
//! the kernel's watch of the folder it names (inotify keeps one per
//! folder), and dropping the removed one's would drop it for both.
//! Everything else in the root (`public/`, `target/`, `.git/`) is never
//! watched. Events are collected until the file system has been quiet for
//! the debounce time, so an editor's write-temp-then-rename save is one
//! change; editor temp and swap files are ignored.
//!
//! Native events can fail to be set up (on Linux, the inotify limit on
//! watched folders). Then, at start or whenever a folder appears later, the
//! watcher says so, with the fix, and polls instead: changes are never
//! silently missed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecursiveMode};

use crate::incremental::{Change, change_for_path};

/// Folders below the root that a build reads.
const WATCHED: &[&str] = &["content", "themes", "templates", "static", "messages"];
/// The longest a batch waits while events keep coming.
const MAX_BATCH: Duration = Duration::from_millis(250);
/// How often to poll when native events cannot be had.
const FALLBACK_POLL: Duration = Duration::from_millis(500);

type Events = Sender<notify::Result<Event>>;

pub(super) struct Watcher {
    inner: Box<dyn notify::Watcher + Send>,
    /// Set once polling (asked for, or fallen back to).
    polling: bool,
    sender: Events,
    events: Receiver<notify::Result<Event>>,
    root: PathBuf,
    watched: HashSet<PathBuf>,
    /// Watched folders that were themselves renamed, replaced or removed in
    /// this batch: their watch follows the old folder, so it is renewed.
    renew: HashSet<PathBuf>,
}

impl Watcher {
    pub(super) fn start(root: &Path, poll: Option<Duration>) -> notify::Result<Watcher> {
        Watcher::start_with(root, poll, |tx| {
            Ok(Box::new(notify::recommended_watcher(tx)?) as Box<dyn notify::Watcher + Send>)
        })
    }

    /// [`Watcher::start`] with the native watcher made by `native`.
    fn start_with(
        root: &Path,
        poll: Option<Duration>,
        native: impl FnOnce(Events) -> notify::Result<Box<dyn notify::Watcher + Send>>,
    ) -> notify::Result<Watcher> {
        let (tx, events) = channel();
        let (inner, polling) = match poll {
            Some(interval) => (poller(tx.clone(), interval)?, true),
            None => match native(tx.clone()) {
                Ok(w) => (w, false),
                Err(e) => {
                    warn_polling(&e);
                    (poller(tx.clone(), FALLBACK_POLL)?, true)
                }
            },
        };
        let mut w = Watcher {
            inner,
            polling,
            sender: tx,
            events,
            root: root.to_path_buf(),
            watched: HashSet::new(),
            renew: HashSet::new(),
        };
        if let Err(e) = w.inner.watch(root, RecursiveMode::NonRecursive) {
            if w.polling {
                return Err(e);
            }
            w.fall_back(&e)?;
            w.inner.watch(root, RecursiveMode::NonRecursive)?;
        }
        w.watch_new_folders();
        Ok(w)
    }

    /// Native events failed: say so, with the fix, and poll from now on.
    fn fall_back(&mut self, why: &notify::Error) -> notify::Result<()> {
        warn_polling(why);
        self.inner = poller(self.sender.clone(), FALLBACK_POLL)?;
        self.polling = true;
        self.watched.clear();
        self.inner.watch(&self.root, RecursiveMode::NonRecursive)
    }

    /// Whether changes are found by polling.
    #[cfg(test)]
    fn is_polling(&self) -> bool {
        self.polling
    }

    /// Watch any of the build's folders that exist and are not watched yet.
    fn watch_new_folders(&mut self) -> bool {
        let mut added = false;
        let mut dropped = false;
        for dir in std::mem::take(&mut self.renew) {
            if self.watched.remove(&dir) {
                let _ = self.inner.unwatch(&dir);
                dropped = true;
            }
        }
        for name in WATCHED {
            let dir = self.root.join(name);
            if !dir.is_dir() && self.watched.remove(&dir) {
                let _ = self.inner.unwatch(&dir);
                dropped = true;
            }
        }
        if dropped && !self.polling {
            // What a dropped watch shared (through a link) is watched anew.
            for dir in std::mem::take(&mut self.watched) {
                let _ = self.inner.unwatch(&dir);
            }
        }
        for name in WATCHED {
            let dir = self.root.join(name);
            if dir.is_dir() && !self.watched.contains(&dir) {
                match self.inner.watch(&dir, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watched.insert(dir);
                        added = true;
                    }
                    // Native events gave out: poll every folder instead.
                    Err(e) if !self.polling => {
                        if self.fall_back(&e).is_ok() {
                            self.watch_new_folders();
                            return true;
                        }
                    }
                    Err(e) => {
                        eprintln!("warning: cannot watch `{}` for changes: {e}", dir.display());
                    }
                }
            }
        }
        added
    }

    /// Block until something changes, then return every change seen until
    /// the file system has been quiet for `quiet`. `None` when the watcher
    /// has stopped.
    pub(super) fn next_batch(&mut self, theme: &str, quiet: Duration) -> Option<HashSet<Change>> {
        let mut changes = HashSet::new();
        let first = self.events.recv().ok()?;
        self.add(first, theme, &mut changes);
        let start = Instant::now();
        loop {
            let left = MAX_BATCH.saturating_sub(start.elapsed());
            if left.is_zero() {
                break;
            }
            match self.events.recv_timeout(quiet.min(left)) {
                Ok(e) => self.add(e, theme, &mut changes),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        if self.watch_new_folders() {
            // A folder appeared (or was renamed into place): read it all.
            for name in WATCHED {
                if let Some(c) = change_for_path(&self.root, &self.root.join(name), theme) {
                    changes.insert(c);
                }
            }
        }
        Some(changes)
    }

    fn add(&mut self, event: notify::Result<Event>, theme: &str, changes: &mut HashSet<Change>) {
        let Ok(event) = event else {
            // A lost event (queue overflow): rebuild from the top to be safe.
            changes.insert(Change::Config);
            return;
        };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in &event.paths {
            if self.watched.contains(path)
                && !matches!(
                    event.kind,
                    EventKind::Modify(notify::event::ModifyKind::Data(_))
                )
            {
                self.renew.insert(path.clone());
            }
            if let Some(c) = change_for_path(&self.root, path, theme) {
                changes.insert(c);
            }
        }
    }
}

fn poller(tx: Events, interval: Duration) -> notify::Result<Box<dyn notify::Watcher + Send>> {
    Ok(Box::new(notify::PollWatcher::new(
        tx,
        // Modification times are compared in whole seconds; comparing
        // contents also catches two saves within one second.
        notify::Config::default()
            .with_poll_interval(interval)
            .with_compare_contents(true),
    )?))
}

fn warn_polling(why: &notify::Error) {
    eprintln!(
        "warning: cannot watch the guide's files for changes ({why}); checking them every {} ms instead.",
        FALLBACK_POLL.as_millis()
    );
    if cfg!(target_os = "linux") {
        eprintln!(
            "  On Linux this is usually the limit on watched folders; raise it with: sudo sysctl fs.inotify.max_user_watches=524288"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A native watcher that can never watch anything, as when the inotify
    /// limit is reached.
    struct Exhausted;

    impl notify::Watcher for Exhausted {
        fn new<F: notify::EventHandler>(_: F, _: notify::Config) -> notify::Result<Self> {
            Ok(Exhausted)
        }
        fn watch(&mut self, _: &Path, _: RecursiveMode) -> notify::Result<()> {
            Err(notify::Error::new(notify::ErrorKind::MaxFilesWatch))
        }
        fn unwatch(&mut self, _: &Path) -> notify::Result<()> {
            Ok(())
        }
        fn kind() -> notify::WatcherKind {
            notify::WatcherKind::NullWatcher
        }
    }

    #[test]
    fn a_failed_watch_falls_back_to_polling_and_still_sees_changes() {
        // The bug: a failed watch() was ignored, so saves were never seen.
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content/a.md"), "one").unwrap();
        let mut w = Watcher::start_with(&root, None, |_| Ok(Box::new(Exhausted))).unwrap();
        assert!(w.is_polling());
        std::thread::sleep(FALLBACK_POLL);
        std::fs::write(root.join("content/a.md"), "two").unwrap();
        let changes = w.next_batch("default", Duration::from_millis(20)).unwrap();
        assert!(
            changes.contains(&Change::Content("content/a.md".to_string())),
            "{changes:?}"
        );
    }
}
