//! The watcher: file events in, debounced batches of changes out.
//!
//! Watches `guide.toml` (through the root folder, so a config replaced by
//! rename is seen) and `content/`, `themes/`, `templates/`, `static/`
//! recursively, adding a watch when one of those folders appears later.
//! Everything else in the root (`public/`, `target/`, `.git/`) is never
//! watched. Events are collected until the file system has been quiet for
//! the debounce time, so an editor's write-temp-then-rename save is one
//! change; editor temp and swap files are ignored.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecursiveMode};

use crate::incremental::{Change, change_for_path};

/// Folders below the root that a build reads.
const WATCHED: &[&str] = &["content", "themes", "templates", "static"];
/// The longest a batch waits while events keep coming.
const MAX_BATCH: Duration = Duration::from_millis(250);

pub(super) struct Watcher {
    inner: Box<dyn notify::Watcher + Send>,
    events: Receiver<notify::Result<Event>>,
    root: PathBuf,
    watched: HashSet<PathBuf>,
    /// Watched folders that were themselves renamed, replaced or removed in
    /// this batch: their watch follows the old folder, so it is renewed.
    renew: HashSet<PathBuf>,
}

impl Watcher {
    pub(super) fn start(root: &Path, poll: Option<Duration>) -> notify::Result<Watcher> {
        let (tx, events) = channel();
        let inner: Box<dyn notify::Watcher + Send> = match poll {
            Some(interval) => Box::new(notify::PollWatcher::new(
                tx,
                // Modification times are compared in whole seconds; comparing
                // contents also catches two saves within one second.
                notify::Config::default()
                    .with_poll_interval(interval)
                    .with_compare_contents(true),
            )?),
            None => Box::new(notify::recommended_watcher(tx)?),
        };
        let mut w = Watcher {
            inner,
            events,
            root: root.to_path_buf(),
            watched: HashSet::new(),
            renew: HashSet::new(),
        };
        w.inner.watch(root, RecursiveMode::NonRecursive)?;
        w.watch_new_folders();
        Ok(w)
    }

    /// Watch any of the build's folders that exist and are not watched yet.
    fn watch_new_folders(&mut self) -> bool {
        let mut added = false;
        for dir in std::mem::take(&mut self.renew) {
            if self.watched.remove(&dir) {
                let _ = self.inner.unwatch(&dir);
            }
        }
        for name in WATCHED {
            let dir = self.root.join(name);
            if dir.is_dir()
                && !self.watched.contains(&dir)
                && self.inner.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                self.watched.insert(dir);
                added = true;
            } else if !dir.is_dir() && self.watched.remove(&dir) {
                let _ = self.inner.unwatch(&dir);
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
