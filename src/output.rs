//! Output: the one place that writes a built site to disk.
//!
//! The site is written into a temporary folder beside the output folder,
//! and swapped in only when every file is written. A failed build never
//! gets here; a failed write leaves the previous output as it was.
//!
//! The output a swap replaces is kept beside it, as `.<name>.trellis-old`,
//! and the next build writes into it: each file there is written over in
//! place and the ones not written again are removed before the swap. Files
//! made new and removed on every build cost far more than the writing on
//! some file systems (ext4 scans past every recently freed inode before it
//! reuses one, so a build of a few thousand files after another took
//! seconds); written over, the same files cost what their bytes do. A file
//! is written over only if it is a plain file with one link; a symlink, a
//! file linked elsewhere or anything else in the way is removed first, so
//! nothing outside the folder is ever written through it.
//! Before anything is written, the output folder is checked: never the site
//! itself, its sources, or a folder of someone else's files. Folders trellis
//! writes carry a marker file so it knows they are its own to replace.
//!
//! One build writes an output folder at a time: a build holds an exclusive
//! lock on `.<name>.trellis-lock` beside the output while it writes, and a
//! second build waits for it (up to [`LOCK_WAIT`]), then fails naming the
//! other process. A build's temporary folder is locked too (its marker
//! file), so a leftover temporary folder is removed only once its owner is
//! gone. The locks are the operating system's (`flock`), released when a
//! process ends however it ends.

use std::collections::HashSet;
use std::fs::{self, File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::diagnostics::{Code, Diagnostic};
use crate::load::StaticSource;
#[cfg(test)]
use crate::render::RenderedSite;
use crate::render::{Contents, OutputFile};

/// Marks a folder as written by trellis (and so safe to replace).
pub(crate) const MARKER: &str = ".trellis-output";
const MARKER_TEXT: &str = "This folder is written by trellis. Each build replaces all of it.\n";
/// How long a build waits for another build writing the same output.
pub(crate) const LOCK_WAIT: Duration = Duration::from_secs(10);

/// Refuse output folders that would destroy sources or someone's files.
pub(crate) fn check_output_dir(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let output = absolute(output);
    let refuse = |why: String| {
        Err(Diagnostic::new(
            Code::Output,
            format!(
                "refusing to write the site to `{}`: {why}",
                output.display()
            ),
        )
        .hint("choose another folder with `--output`, such as `public`"))
    };
    if output == root {
        return refuse("it is the site's own folder".to_string());
    }
    if root.starts_with(&output) {
        return refuse("it contains the site's sources".to_string());
    }
    for protected in [
        "content",
        "themes",
        "static",
        "templates",
        "messages",
        crate::config::CONFIG_FILE,
    ] {
        // Resolved like the output, so a symlinked `content/` is still `content/`.
        let p = absolute(&root.join(protected));
        if output == p || output.starts_with(&p) {
            return refuse(format!(
                "it is inside `{protected}`, which holds the site's sources"
            ));
        }
        if p.starts_with(&output) {
            return refuse(format!("it contains `{protected}`"));
        }
    }
    if output.is_file() {
        return refuse("it is a file".to_string());
    }
    // A link to nothing: the new site would be moved onto the link itself,
    // which cannot become a folder.
    if !output.exists()
        && let Ok(target) = fs::read_link(&output)
    {
        return Err(Diagnostic::new(
            Code::Output,
            format!(
                "refusing to write the site to `{}`: it is a symbolic link to `{}`, which does not exist",
                output.display(),
                target.display()
            ),
        )
        .hint("make the folder it points to, remove the link, or choose another folder with `--output`"));
    }
    if output.is_dir() && !output.join(MARKER).is_file() {
        let empty = fs::read_dir(&output)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return refuse(
                "it is not empty and was not created by trellis (it has no `.trellis-output` marker)".to_string(),
            );
        }
    }
    Ok(())
}

/// Write `site` to `output`, replacing what was there only on success.
#[cfg(test)]
pub(crate) fn write_site(
    root: &Path,
    output: &Path,
    site: &RenderedSite,
) -> Result<(), Diagnostic> {
    write_site_waiting(root, output, site, LOCK_WAIT)
}

/// [`write_site`], waiting at most `wait` for another build of `output`.
#[cfg(test)]
fn write_site_waiting(
    root: &Path,
    output: &Path,
    site: &RenderedSite,
    wait: Duration,
) -> Result<(), Diagnostic> {
    use rayon::prelude::*;
    let staging = Staging::begin_waiting(root, output, wait)?;
    staging.make_folders(site.files.iter().map(|f| f.path.as_str()))?;
    site.files.par_iter().try_for_each(|f| staging.write(f))?;
    staging.finish()
}

/// A site being written: the temporary folder beside the output, which
/// becomes the output in [`Staging::finish`]. Files are written into it as
/// they are rendered, from any number of threads ([`Staging::write`] takes
/// `&self`). Dropped without `finish` (an error, a failed build), it
/// removes the temporary folder and leaves the output as it was.
pub(crate) struct Staging {
    output: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    /// Folders made so far, relative to `tmp` (`""` is `tmp` itself).
    folders: Mutex<HashSet<String>>,
    /// Held while a write makes folders it was not told of: another thread
    /// may have claimed a folder in `folders` and not yet made it. (Not
    /// `folders` held through the making: `make_folders` makes a level's
    /// folders on rayon's threads, and a thread waiting there may run
    /// another page's write, which would wait on that lock for ever. One
    /// file's folders are one a level, made without splitting.)
    late_folders: Mutex<()>,
    /// The temporary folder's marker, locked while this build owns it.
    marker: Option<File>,
    /// The output's lock, held while this build writes and swaps.
    _lock: File,
    /// The removal of a previous output that could not be reused,
    /// running while this build writes.
    leftover: Option<Removal>,
    swapped: bool,
    /// Files written so far.
    written: AtomicUsize,
    /// `tmp` is a previous output being written over (see the module's
    /// notes): the files written so far, relative to `tmp`, so that the
    /// rest can be removed before the swap. `None` in a fresh folder.
    reused: Option<Mutex<HashSet<String>>>,
}

/// A previous output that could not be written over, being removed in
/// the background while the build writes. Dropping it waits for the
/// removal to finish; a process killed meanwhile leaves
/// `.<output>.trellis-old`, which the next build takes over.
#[must_use = "dropping a Removal waits for it"]
struct Removal(Option<std::thread::JoinHandle<()>>);

impl Removal {
    fn start(dir: PathBuf) -> Removal {
        let target = dir.clone();
        let handle = std::thread::Builder::new()
            .name("trellis-remove-old".to_string())
            .spawn(move || remove_tree(&target));
        if handle.is_err() {
            // No thread to be had: remove it here and now.
            remove_tree(&dir);
        }
        Removal(handle.ok())
    }
}

impl Drop for Removal {
    fn drop(&mut self) {
        if let Some(h) = self.0.take() {
            let _ = h.join();
        }
    }
}

impl std::fmt::Debug for Removal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Removal(running)"
        } else {
            "Removal(done)"
        })
    }
}

/// Remove a folder trellis made, its marker last: a removal stopped half
/// way still leaves a folder that the next build knows as its own. Every
/// folder's entries go in parallel (a site is mostly one deep tree, so
/// splitting only the top would leave one thread doing it all).
fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    fn clear(dir: &Path, keep: Option<&str>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        let entries: Vec<_> = entries
            .flatten()
            .filter(|e| keep.is_none_or(|k| e.file_name() != k))
            .collect();
        entries.par_iter().for_each(|e| {
            let path = e.path();
            // Not followed if a symlink: `file_type` does not follow it.
            match e.file_type() {
                Ok(t) if t.is_dir() => {
                    clear(&path, None);
                    let _ = fs::remove_dir(&path);
                }
                _ => {
                    let _ = fs::remove_file(&path);
                }
            }
        });
    }
    clear(dir, Some(MARKER));
    let _ = fs::remove_file(dir.join(MARKER));
    let _ = fs::remove_dir(dir);
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::new(
        Code::Output,
        format!("cannot {what} `{}`: {e}", path.display()),
    )
    .hint("check the folder's permissions and free space; the previous output was left as it was")
}

impl Staging {
    /// Check `output`, take its lock (waiting up to [`LOCK_WAIT`] for
    /// another build), clean up after interrupted builds, and make the
    /// temporary folder with its locked marker.
    pub(crate) fn begin(root: &Path, output: &Path) -> Result<Staging, Diagnostic> {
        Staging::begin_waiting(root, output, LOCK_WAIT)
    }

    fn begin_waiting(root: &Path, output: &Path, wait: Duration) -> Result<Staging, Diagnostic> {
        check_output_dir(root, output)?;
        let output = absolute(output);
        let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else {
            return Err(Diagnostic::new(
                Code::Output,
                format!(
                    "refusing to write the site to `{}`: it has no folder name",
                    output.display()
                ),
            )
            .hint("choose another folder with `--output`, such as `public`"));
        };
        let parent = parent.to_path_buf();
        let name = name.to_string_lossy().into_owned();
        fs::create_dir_all(&parent).map_err(|e| io_error("create", &parent, e))?;
        // The parent exists now: check once more against its real path.
        check_output_dir(root, &output)?;
        // Held until the previous output is removed: no other build touches
        // `output`, its previous copy or its temporary folders meanwhile.
        let lock = lock_output(&parent.join(format!(".{name}.trellis-lock")), &output, wait)?;
        let old = parent.join(format!(".{name}.trellis-old"));
        // Leftovers of an interrupted build are ours only if they carry the
        // marker and hold none of the sources; anything else is left alone and
        // refused, never moved or deleted.
        let ours = |dir: &Path| -> bool {
            let meta = fs::symlink_metadata(dir);
            meta.is_ok_and(|m| m.is_dir())
                && dir.join(MARKER).is_file()
                && check_output_dir(root, dir).is_ok()
        };
        if old.exists() && !ours(&old) {
            return Err(Diagnostic::new(Code::Output,
                format!("refusing to write the site: `{}` is in the way and was not made by trellis", old.display()),
            )
            .hint("move or rename that folder; trellis uses the name for the previous output while it swaps"));
        }
        // A crash between the two renames of a swap leaves only `old`: put it back.
        if !output.exists() && old.is_dir() {
            fs::rename(&old, &output).map_err(|e| io_error("restore", &old, e))?;
        }
        // Temporary folders of builds that were killed while writing: ours,
        // and their owner gone (a live build holds its marker locked).
        if let Ok(entries) = fs::read_dir(&parent) {
            let prefix = format!(".{name}.trellis-tmp-");
            for e in entries.flatten() {
                let path = e.path();
                if !e.file_name().to_string_lossy().starts_with(&prefix) {
                    continue;
                }
                if ours(&path) && owner_is_gone(&path) {
                    // Written over by the next build, like a previous
                    // output, unless there is one.
                    if !old.exists() && fs::rename(&path, &old).is_ok() {
                        continue;
                    }
                    remove_tree(&path);
                } else {
                    // Killed before its marker was written: empty, and
                    // `remove_dir` removes nothing else.
                    let _ = fs::remove_dir(&path);
                }
            }
        }
        let tmp = parent.join(format!(".{name}.trellis-tmp-{}", std::process::id()));
        if tmp.exists() {
            return Err(Diagnostic::new(
                Code::Output,
                format!(
                    "refusing to write the site: `{}` is in the way",
                    tmp.display()
                ),
            )
            .hint("move or remove that folder"));
        }
        // The previous output becomes this build's folder, to be written
        // over; if it cannot be moved, it is removed while this build
        // writes (the swap below waits for it).
        let mut reused = None;
        let mut leftover = None;
        if old.exists() {
            if fs::rename(&old, &tmp).is_ok() {
                reused = Some(Mutex::new(HashSet::new()));
            } else {
                leftover = Some(Removal::start(old.clone()));
            }
        }
        let mut staging = Staging {
            output,
            tmp,
            old,
            folders: Mutex::new(HashSet::new()),
            late_folders: Mutex::new(()),
            marker: None,
            _lock: lock,
            leftover,
            swapped: false,
            written: AtomicUsize::new(0),
            reused,
        };
        staging.marker = Some(make_temp(&staging.tmp).map_err(|(p, e)| io_error("write", &p, e))?);
        staging.folders_made().insert(String::new());
        under_way().push((staging.tmp.clone(), staging.old.clone()));
        Ok(staging)
    }

    fn folders_made(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        // A panic while holding it cannot leave the set wrong, only short.
        self.folders.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Make every folder that files at `paths` need, each once, parents
    /// before children, the folders of one depth in parallel.
    pub(crate) fn make_folders<'p>(
        &self,
        paths: impl IntoIterator<Item = &'p str>,
    ) -> Result<(), Diagnostic> {
        use rayon::prelude::*;
        let mut by_depth: Vec<Vec<String>> = Vec::new();
        {
            let mut made = self.folders_made();
            for path in paths {
                let mut folder = path;
                while let Some(slash) = folder.rfind('/') {
                    folder = &folder[..slash];
                    if !made.insert(folder.to_string()) {
                        break;
                    }
                    let depth = folder.matches('/').count();
                    if by_depth.len() <= depth {
                        by_depth.resize_with(depth + 1, Vec::new);
                    }
                    by_depth[depth].push(folder.to_string());
                }
            }
        }
        for level in by_depth {
            level.par_iter().try_for_each(|f| {
                let dir = self.tmp.join(f);
                match fs::create_dir(&dir) {
                    // In a previous output the folder may be there; anything
                    // else by its name (a file, a symlink) goes.
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        if fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
                            return Ok(());
                        }
                        fs::remove_file(&dir)
                            .and_then(|()| fs::create_dir(&dir))
                            .map_err(|e| io_error("create", &dir, e))
                    }
                    Err(e) => Err(io_error("create", &dir, e)),
                    Ok(()) => Ok(()),
                }
            })?;
        }
        Ok(())
    }

    /// Write one file into the temporary folder. Its folder is made here
    /// only if [`Staging::make_folders`] was not told of it.
    pub(crate) fn write(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        let path = self.tmp.join(&file.path);
        let over = self.reused.is_some();
        let write = |path: &Path| match &file.contents {
            Contents::Bytes(b) => write_file(path, over, &mut &b[..]),
            Contents::Copy(StaticSource::Embedded(b)) => write_file(path, over, &mut &b[..]),
            Contents::Copy(StaticSource::Disk(src)) => {
                write_file(path, over, &mut File::open(src)?)
            }
        };
        match write(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let _one_at_a_time = self.late_folders.lock().unwrap_or_else(|e| e.into_inner());
                self.make_folders([file.path.as_str()])?;
                write(&path)
            }
            r => r,
        }
        .map_err(|e| io_error("write", &path, e))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        if let Some(written) = &self.reused {
            written
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(file.path.clone());
        }
        Ok(())
    }

    /// In a previous output being written over: remove every file not
    /// written by this build and every folder it did not make, so that the
    /// folder holds this build's files and nothing else. Nothing to do in a
    /// fresh folder.
    pub(crate) fn remove_unwritten(&self) {
        use rayon::prelude::*;
        let Some(written) = &self.reused else {
            return;
        };
        let written = written.lock().unwrap_or_else(|e| e.into_inner());
        // The folders that hold what was written (not the folders made: a
        // file may have gone into a folder that was already there).
        let folders: HashSet<String> = written
            .iter()
            .flat_map(|p| p.match_indices('/').map(|(i, _)| p[..i].to_string()))
            .collect();
        fn prune(dir: &Path, rel: &str, written: &HashSet<String>, folders: &HashSet<String>) {
            let Ok(entries) = fs::read_dir(dir) else {
                return;
            };
            let entries: Vec<_> = entries.flatten().collect();
            entries.par_iter().for_each(|e| {
                let name = e.file_name();
                let Some(name) = name.to_str() else {
                    // Not a name trellis writes.
                    remove_entry(&e.path());
                    return;
                };
                if rel.is_empty() && name == MARKER {
                    return;
                }
                let path = if rel.is_empty() {
                    name.to_string()
                } else {
                    format!("{rel}/{name}")
                };
                // `file_type` does not follow a symlink: one is removed,
                // never entered.
                match e.file_type() {
                    Ok(t) if t.is_dir() && folders.contains(&path) => {
                        prune(&e.path(), &path, written, folders)
                    }
                    Ok(t) if t.is_file() && written.contains(&path) => {}
                    _ => remove_entry(&e.path()),
                }
            });
        }
        prune(&self.tmp, "", &written, &folders);
    }

    /// The temporary folder the site is written into (printed from by
    /// the PDF stage before the swap).
    pub(crate) fn dir(&self) -> &Path {
        &self.tmp
    }

    /// How many files were written.
    pub(crate) fn written(&self) -> usize {
        self.written.load(Ordering::Relaxed)
    }

    /// Swap the new site in: files not written by this build go (see
    /// [`Staging::remove_unwritten`]), the output moves aside, where the
    /// next build will write over it, and the temporary folder takes its
    /// name.
    pub(crate) fn finish(mut self) -> Result<(), Diagnostic> {
        self.remove_unwritten();
        drop(self.leftover.take());
        if self.output.exists() {
            fs::rename(&self.output, &self.old)
                .map_err(|e| io_error("move aside", &self.output, e))?;
        }
        if let Err(e) = fs::rename(&self.tmp, &self.output) {
            let _ = fs::rename(&self.old, &self.output);
            return Err(io_error("move into place", &self.output, e));
        }
        self.swapped = true;
        // The previous output stays as `old`, for the next build to write
        // over.
        Ok(())
    }
}

impl crate::render::Sink for Staging {
    fn prepare(&self, paths: &mut dyn Iterator<Item = &str>) -> Result<(), Diagnostic> {
        self.make_folders(paths)
    }

    fn take(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.write(&file)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        under_way().retain(|(tmp, _)| *tmp != self.tmp);
        if !self.swapped {
            set_aside(&self.tmp, &self.old);
        }
        drop(self.leftover.take());
    }
}

/// Leave no temporary folder behind: it becomes the folder the next build
/// writes over (`old`), or goes.
fn set_aside(tmp: &Path, old: &Path) {
    if old.exists() || fs::rename(tmp, old).is_err() {
        remove_tree(tmp);
    }
}

/// The temporary and spare folders of the builds under way in this process.
fn under_way() -> std::sync::MutexGuard<'static, Vec<(PathBuf, PathBuf)>> {
    static UNDER_WAY: Mutex<Vec<(PathBuf, PathBuf)>> = Mutex::new(Vec::new());
    UNDER_WAY.lock().unwrap_or_else(|e| e.into_inner())
}

/// Set aside every build under way, as dropping it would, when the process
/// must end at once (a template past its memory or time limit) and no
/// destructor will run. The output itself is never touched.
pub(crate) fn abandon_builds() {
    for (tmp, old) in std::mem::take(&mut *under_way()) {
        set_aside(&tmp, &old);
    }
}

/// Make the temporary folder and its marker. Returns the marker, locked:
/// the folder is this build's until the file is dropped.
fn make_temp(dir: &Path) -> Result<File, (PathBuf, std::io::Error)> {
    fs::create_dir_all(dir).map_err(|e| (dir.to_path_buf(), e))?;
    // The marker stays locked while this process lives: a temporary folder
    // whose marker can be locked has lost its owner.
    let marker = dir.join(MARKER);
    // A previous output's marker is written over in place, as its pages
    // are (never through a symlink, never emptied first: see `write_file`).
    write_file(&marker, true, &mut MARKER_TEXT.as_bytes()).map_err(|e| (marker.clone(), e))?;
    let owner = open_no_follow(&marker).map_err(|e| (marker.clone(), e))?;
    // Where locks are not supported the output's lock is not either (the
    // build went ahead without it), so the folder is unguarded as well.
    let _ = owner.lock();
    Ok(owner)
}

/// True when nobody holds the marker of temporary folder `dir` locked.
fn owner_is_gone(dir: &Path) -> bool {
    match File::open(dir.join(MARKER)) {
        Ok(f) => match f.try_lock() {
            Ok(()) => true,
            Err(TryLockError::WouldBlock) => false,
            // Locks unsupported here: the output lock already keeps other
            // builds away, so the folder is a leftover.
            Err(TryLockError::Error(_)) => true,
        },
        Err(_) => true,
    }
}

/// Take the output's lock, waiting up to `wait` for another build to finish.
/// The returned file holds the lock until it is dropped.
fn lock_output(lock_path: &Path, output: &Path, wait: Duration) -> Result<File, Diagnostic> {
    let io = |e: std::io::Error| {
        Diagnostic::new(
            Code::Output,
            format!("cannot lock `{}`: {e}", lock_path.display()),
        )
        .hint("check the folder's permissions; the previous output was left as it was")
    };
    let mut file = File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path)
        .map_err(io)?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let who = holder
                    .trim()
                    .strip_prefix("pid ")
                    .map_or("another trellis process".to_string(), |pid| {
                        format!("another trellis build (process {pid})")
                    });
                return Err(Diagnostic::new(
                    Code::Output,
                    format!(
                        "{who} is writing `{}`; waited {} s for it to finish",
                        output.display(),
                        wait.as_secs()
                    ),
                )
                .hint("wait for the other build to finish and build again, or stop it; the output was left as it was"));
            }
            // Locks unsupported on this file system: carry on unlocked
            // rather than refuse every build.
            Err(TryLockError::Error(_)) => return Ok(file),
        }
    }
    // Say who holds it, for the message another build shows. Written
    // over and cut to length, not emptied first: ext4 writes a file out to
    // disk when it is closed after being emptied and written again (see
    // `write_file`), which cost half a millisecond a build here.
    let holder = format!("pid {}\n", std::process::id());
    let _ = file
        .rewind()
        .and_then(|()| file.write_all(holder.as_bytes()))
        .and_then(|()| file.set_len(holder.len() as u64));
    Ok(file)
}

/// Write what `from` reads to `path`. With `over` (a previous output), a
/// plain file with one link already at `path` is written over in place and
/// cut to the new length: not emptied first, since emptying a file and
/// writing it again makes ext4 write it to disk at once when it is closed
/// (its guard against empty files after a crash), which cost more than
/// making files new. Anything else at `path` is removed and the file made
/// new.
fn write_file(path: &Path, over: bool, from: &mut impl Read) -> std::io::Result<()> {
    if over {
        match fs::symlink_metadata(path) {
            Ok(m) if m.is_file() && links(&m) == 1 => match open_no_follow(path) {
                Ok(mut f) => {
                    let len = std::io::copy(from, &mut f)?;
                    // Cut to the new length, unless that is none (see
                    // above), or it already has it.
                    if len != m.len() && (len > 0 || m.len() > 0) {
                        f.set_len(len)?;
                    }
                    return Ok(());
                }
                // Made read-only, say: made anew below instead.
                Err(_) => remove_entry(path),
            },
            Ok(_) => remove_entry(path),
            Err(_) => {}
        }
    }
    let mut f = fs::File::create(path)?;
    std::io::copy(from, &mut f)?;
    Ok(())
}

/// Open an existing file to write, refusing to follow a symlink put there
/// since it was checked.
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    let mut options = File::options();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    options.open(path)
}

/// How many names the file has (1 where that cannot be told).
fn links(m: &fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        m.nlink()
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        1
    }
}

/// Remove whatever is at `path`, a folder with all it holds (never
/// following a symlink).
fn remove_entry(path: &Path) {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => {
            if let Ok(entries) = fs::read_dir(path) {
                for e in entries.flatten() {
                    remove_entry(&e.path());
                }
            }
            let _ = fs::remove_dir(path);
        }
        Ok(_) => {
            let _ = fs::remove_file(path);
        }
        Err(_) => {}
    }
}

/// An absolute path with every `.` and `..` resolved and every symlink in
/// the part that exists followed, whether or not the path exists yet. Each
/// `..` applies to the folder it follows *after* that folder's symlinks are
/// resolved, as the operating system would, so `missing/../content` and
/// `link/..` cannot slip past the checks.
fn absolute(p: &Path) -> PathBuf {
    use std::path::Component;
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => out.push(c),
            Component::CurDir => {}
            Component::ParentDir => {
                out = fs::canonicalize(&out).unwrap_or(out);
                out.pop();
            }
            Component::Normal(n) => {
                out.push(n);
                if let Ok(real) = fs::canonicalize(&out) {
                    out = real;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    #[test]
    fn a_foreign_folder_named_like_the_previous_output_is_never_touched() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        let old = root.join(".public.trellis-old");
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join("thesis.txt"), "precious").unwrap();
        let err = write_site(&root, &root.join("public"), &RenderedSite::default()).unwrap_err();
        assert!(err.message.contains("is in the way"), "{err}");
        assert_eq!(
            fs::read_to_string(old.join("thesis.txt")).unwrap(),
            "precious"
        );
        assert!(!root.join("public").exists());
    }

    #[test]
    fn the_site_itself_named_like_the_previous_output_is_never_touched() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join(".out.trellis-old");
        fs::create_dir_all(root.join("content")).unwrap();
        fs::write(root.join("content/_index.md"), "# Home\n").unwrap();
        fs::write(root.join(MARKER), "").unwrap();
        assert!(write_site(&root, &dir.path().join("out"), &RenderedSite::default()).is_err());
        assert!(root.join("content/_index.md").is_file());
    }

    #[test]
    fn leftover_temp_folders_are_cleaned_and_the_swap_works() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        let stale = root.join(".public.trellis-tmp-999999");
        fs::create_dir_all(&stale).unwrap();
        fs::write(stale.join(MARKER), "").unwrap();
        let site = RenderedSite {
            files: vec![crate::render::OutputFile {
                path: "index.html".into(),
                contents: Contents::Bytes(b"hi".to_vec()),
            }],
        };
        write_site(root, &root.join("public"), &site).unwrap();
        write_site(root, &root.join("public"), &site).unwrap();
        assert!(!stale.exists());
        assert_eq!(
            fs::read_to_string(root.join("public/index.html")).unwrap(),
            "hi"
        );
        let mut left: Vec<_> = fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("trellis"))
            .collect();
        left.sort();
        // The lock stays (removing a lock file others may be waiting on
        // would let two builds hold "the" lock at once), and the previous
        // output, marked as trellis's, for the next build to write over.
        assert_eq!(left, [".public.trellis-lock", ".public.trellis-old"]);
        assert!(root.join(".public.trellis-old").join(MARKER).is_file());
    }

    fn files(list: &[(&str, &str)]) -> RenderedSite {
        RenderedSite {
            files: list
                .iter()
                .map(|(path, text)| crate::render::OutputFile {
                    path: path.to_string(),
                    contents: Contents::Bytes(text.as_bytes().to_vec()),
                })
                .collect(),
        }
    }

    /// Every file below `dir` (the marker left out), with its text.
    fn contents(dir: &Path) -> Vec<(String, String)> {
        let mut out: Vec<_> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| !e.file_type().is_dir() && e.file_name() != MARKER)
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap();
                let text = fs::read_to_string(e.path()).unwrap_or_else(|_| "?".into());
                (rel.to_string_lossy().into_owned(), text)
            })
            .collect();
        out.sort();
        out
    }

    /// Files in a folder nobody was told of, written from many threads at
    /// once (the split search index's pages): each thread finds the folder
    /// missing, and none may write before it is made.
    #[test]
    fn many_threads_make_a_folder_they_were_not_told_of() {
        use rayon::prelude::*;
        for round in 0..20 {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().join("site");
            fs::create_dir_all(root.join("content")).unwrap();
            let public = root.join("public");
            let staging = Staging::begin(&root, &public).unwrap();
            staging.make_folders(["index.html"]).unwrap();
            let written: Result<(), Diagnostic> = (0..64).into_par_iter().try_for_each(|n| {
                staging.write(&OutputFile {
                    path: format!("search/deeper/p{n}.js"),
                    contents: Contents::Bytes(format!("{round} {n}").into_bytes()),
                })
            });
            written.unwrap();
            staging.finish().unwrap();
            assert_eq!(
                fs::read_dir(public.join("search/deeper")).unwrap().count(),
                64
            );
        }
    }

    #[test]
    fn the_previous_output_is_written_over_and_holds_only_the_new_site() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        let public = root.join("public");
        let first = files(&[
            ("index.html", "first home, longer than the second"),
            ("steps/index.html", "steps"),
            ("gone/index.html", "a page since removed"),
            ("search/p0.js", "p0"),
            ("search/p1.js", "p1"),
        ]);
        write_site(&root, &public, &first).unwrap();
        write_site(&root, &public, &first).unwrap();
        let spare = root.join(".public.trellis-old");
        assert_eq!(contents(&spare), contents(&public));
        let inode = |p: &Path| {
            use std::os::unix::fs::MetadataExt;
            fs::metadata(p).unwrap().ino()
        };
        let home_inode = inode(&spare.join("index.html"));

        let second = files(&[
            ("index.html", "home"),
            ("steps/index.html", "steps, longer now than before"),
            ("steps/gone/index.html", "a page where a file was"),
            ("new/index.html", "new"),
            ("search/p0.js", "p0 again"),
        ]);
        let staging = Staging::begin(&root, &public).unwrap();
        // Only some paths are told in advance, as with the split search
        // index: `search/p0.js` goes into a folder already there.
        staging
            .make_folders(["index.html", "steps/index.html", "new/index.html"])
            .unwrap();
        for f in &second.files {
            staging.write(f).unwrap();
        }
        staging.finish().unwrap();
        let expected: Vec<(String, String)> = second
            .files
            .iter()
            .map(|f| match &f.contents {
                Contents::Bytes(b) => (f.path.clone(), String::from_utf8(b.clone()).unwrap()),
                _ => unreachable!(),
            })
            .collect::<std::collections::BTreeMap<_, _>>()
            .into_iter()
            .collect();
        assert_eq!(contents(&public), expected);
        // Written over, not made anew.
        assert_eq!(inode(&public.join("index.html")), home_inode);
        // No folder is left empty from the first site.
        assert!(!public.join("gone").exists());
    }

    #[cfg(unix)]
    #[test]
    fn nothing_in_the_previous_output_is_written_through() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        let public = root.join("public");
        let site = files(&[
            ("index.html", "home"),
            ("a/index.html", "a"),
            ("b/index.html", "b"),
            ("c/index.html", "c"),
            ("d/index.html", "d"),
            ("e/index.html", "e"),
        ]);
        write_site(&root, &public, &site).unwrap();
        write_site(&root, &public, &site).unwrap();
        let spare = root.join(".public.trellis-old");
        let outside = dir.path().join("outside");
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("precious.txt"), "precious").unwrap();
        // A symlink where a file goes, and where a folder goes.
        fs::remove_file(spare.join("index.html")).unwrap();
        symlink(outside.join("precious.txt"), spare.join("index.html")).unwrap();
        fs::remove_dir_all(spare.join("a")).unwrap();
        symlink(&outside, spare.join("a")).unwrap();
        // A file with a second name outside.
        fs::hard_link(spare.join("b/index.html"), outside.join("linked.txt")).unwrap();
        // A pipe nobody reads, a folder where a file goes, a file where a
        // folder goes.
        fs::remove_file(spare.join("c/index.html")).unwrap();
        assert!(
            Command::new("mkfifo")
                .arg(spare.join("c/index.html"))
                .status()
                .unwrap()
                .success()
        );
        fs::remove_file(spare.join("d/index.html")).unwrap();
        fs::create_dir_all(spare.join("d/index.html/inner")).unwrap();
        fs::remove_dir_all(spare.join("e")).unwrap();
        fs::write(spare.join("e"), "a file where a folder goes").unwrap();
        // The marker itself a symlink to a file outside.
        fs::write(outside.join("marked.txt"), "marked").unwrap();
        fs::remove_file(spare.join(MARKER)).unwrap();
        symlink(outside.join("marked.txt"), spare.join(MARKER)).unwrap();

        let second = files(&[
            ("index.html", "new home"),
            ("a/index.html", "new a"),
            ("b/index.html", "new b"),
            ("c/index.html", "new c"),
            ("d/index.html", "new d"),
            ("e/index.html", "new e"),
        ]);
        write_site(&root, &public, &second).unwrap();
        assert_eq!(
            contents(&public),
            [
                ("a/index.html", "new a"),
                ("b/index.html", "new b"),
                ("c/index.html", "new c"),
                ("d/index.html", "new d"),
                ("e/index.html", "new e"),
                ("index.html", "new home"),
            ]
            .map(|(p, t)| (p.to_string(), t.to_string()))
        );
        assert_eq!(
            contents(&outside),
            [
                ("linked.txt", "b"),
                ("marked.txt", "marked"),
                ("precious.txt", "precious")
            ]
            .map(|(p, t)| (p.to_string(), t.to_string()))
        );
        let marker = fs::symlink_metadata(public.join(MARKER)).unwrap();
        assert!(marker.is_file());
        assert_eq!(
            fs::read_to_string(public.join(MARKER)).unwrap(),
            MARKER_TEXT
        );
    }

    fn one_page() -> RenderedSite {
        RenderedSite {
            files: vec![crate::render::OutputFile {
                path: "index.html".into(),
                contents: Contents::Bytes(b"hi".to_vec()),
            }],
        }
    }

    #[test]
    fn a_second_build_waits_then_names_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        let lock = root.join(".public.trellis-lock");
        fs::write(&lock, "pid 4242\n").unwrap();
        let held = File::open(&lock).unwrap();
        held.lock().unwrap();
        let started = Instant::now();
        let err = write_site_waiting(
            root,
            &root.join("public"),
            &one_page(),
            Duration::from_millis(300),
        )
        .unwrap_err();
        assert!(started.elapsed() >= Duration::from_millis(300));
        assert_eq!(err.code, Code::Output);
        assert!(
            err.message
                .contains("another trellis build (process 4242) is writing"),
            "{err}"
        );
        assert!(!root.join("public").exists());
        // Once the first build is done, the next one goes ahead.
        drop(held);
        write_site_waiting(
            root,
            &root.join("public"),
            &one_page(),
            Duration::from_millis(300),
        )
        .unwrap();
        assert_eq!(
            fs::read_to_string(&lock).unwrap(),
            format!("pid {}\n", std::process::id())
        );
    }

    #[test]
    fn a_live_builds_temp_folder_is_left_alone() {
        // The bug: a starting build deleted another build's temporary
        // folder while it was being written.
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        let live = root.join(".public.trellis-tmp-4242");
        let marker = make_temp(&live).unwrap();
        fs::write(live.join("index.html"), "hi").unwrap();
        write_site(root, &root.join("public"), &one_page()).unwrap();
        assert!(
            live.join("index.html").is_file(),
            "a live build's files were removed"
        );
        // Its owner gone, the leftover is cleaned up by the next build.
        drop(marker);
        write_site(root, &root.join("public"), &one_page()).unwrap();
        assert!(!live.exists());
    }

    #[test]
    fn refuses_sources_and_foreign_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        fs::create_dir_all(root.join("real")).unwrap();
        for bad in [
            ".",
            "content",
            "content/x",
            "..",
            "missing/../content",
            "missing/deeper/../../content",
            "./content/.",
            "real/../content",
            "missing/..",
        ] {
            let err = check_output_dir(root, &root.join(bad)).unwrap_err();
            assert_eq!(err.code, crate::diagnostics::Code::Output, "{bad}");
        }
        fs::create_dir_all(root.join("mine")).unwrap();
        fs::write(root.join("mine/notes.txt"), "keep").unwrap();
        assert!(
            check_output_dir(root, &root.join("mine"))
                .unwrap_err()
                .message
                .contains("not empty")
        );
        assert!(check_output_dir(root, &root.join("public")).is_ok());
        assert!(check_output_dir(root, &root.join("missing/../public")).is_ok());
        #[cfg(unix)]
        {
            // A symlink to the sources is the sources.
            std::os::unix::fs::symlink(root.join("content"), root.join("alias")).unwrap();
            assert!(check_output_dir(root, &root.join("alias")).is_err());
            assert!(check_output_dir(root, &root.join("alias/sub")).is_err());
            std::os::unix::fs::symlink(root.join("mine"), root.join("mine-link")).unwrap();
            // content/ itself a symlink to elsewhere: still content/.
            let elsewhere = tempfile::tempdir().unwrap();
            let root2 = elsewhere.path().join("site");
            fs::create_dir_all(&root2).unwrap();
            fs::create_dir_all(elsewhere.path().join("data")).unwrap();
            std::os::unix::fs::symlink(elsewhere.path().join("data"), root2.join("content"))
                .unwrap();
            assert!(check_output_dir(&root2, &root2.join("content/sub")).is_err());
            assert!(check_output_dir(root, &root.join("mine-link/../content")).is_err());
        }
    }
}
