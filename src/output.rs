//! Output: the one place that writes a built site to disk.
//!
//! The site is written into a fresh temporary folder beside the output
//! folder, and swapped in only when every file is written. A failed build
//! never gets here; a failed write leaves the previous output as it was.
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

use std::fs::{self, File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::{Code, Diagnostic};
use crate::load::StaticSource;
use crate::render::{Contents, OutputFile, RenderedSite};

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

/// Files made from the site once it is written, before it is swapped in:
/// given the temporary folder holding the written site, returns more files
/// to write there (the PDFs of `build --pdf`), or an error that stops the
/// build with the previous output left as it was.
pub(crate) type AfterWrite<'a> = &'a mut dyn FnMut(&Path) -> Result<Vec<OutputFile>, Diagnostic>;

/// Write `site` to `output`, replacing what was there only on success.
#[cfg(test)]
pub(crate) fn write_site(
    root: &Path,
    output: &Path,
    site: &RenderedSite,
) -> Result<(), Diagnostic> {
    write_site_waiting(root, output, site, LOCK_WAIT, &mut |_| Ok(Vec::new()))
}

/// [`write_site`], with more files made from the written site by `after`
/// before the swap.
pub(crate) fn write_site_then(
    root: &Path,
    output: &Path,
    site: &RenderedSite,
    after: AfterWrite<'_>,
) -> Result<(), Diagnostic> {
    write_site_waiting(root, output, site, LOCK_WAIT, after)
}

/// [`write_site_then`], waiting at most `wait` for another build of `output`.
fn write_site_waiting(
    root: &Path,
    output: &Path,
    site: &RenderedSite,
    wait: Duration,
    after: AfterWrite<'_>,
) -> Result<(), Diagnostic> {
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
    let io =
        |what: &str, path: &Path, e: std::io::Error| {
            Diagnostic::new(Code::Output, format!("cannot {what} `{}`: {e}", path.display())).hint(
            "check the folder's permissions and free space; the previous output was left as it was",
        )
        };
    fs::create_dir_all(&parent).map_err(|e| io("create", &parent, e))?;
    // The parent exists now: check once more against its real path.
    check_output_dir(root, &output)?;
    // Held until this function returns: no other build touches `output`,
    // its previous copy or its temporary folders meanwhile.
    let _lock = lock_output(&parent.join(format!(".{name}.trellis-lock")), &output, wait)?;
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
    // A crash between the two renames below leaves only `old`: put it back.
    if !output.exists() && old.is_dir() {
        fs::rename(&old, &output).map_err(|e| io("restore", &old, e))?;
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
                let _ = fs::remove_dir_all(&path);
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
    let mut swapped = false;
    let mut marker = None;
    let mut swap = || -> Result<(), Diagnostic> {
        marker = Some(write_tree(&tmp, site).map_err(|(p, e)| io("write", &p, e))?);
        let made = RenderedSite {
            files: after(&tmp)?,
        };
        write_files(&tmp, &made).map_err(|(p, e)| io("write", &p, e))?;
        if old.exists() {
            fs::remove_dir_all(&old).map_err(|e| io("remove", &old, e))?;
        }
        if output.exists() {
            fs::rename(&output, &old).map_err(|e| io("move aside", &output, e))?;
        }
        if let Err(e) = fs::rename(&tmp, &output) {
            let _ = fs::rename(&old, &output);
            return Err(io("move into place", &output, e));
        }
        swapped = true;
        Ok(())
    };
    let result = swap();
    // Leave no temporary folder behind; drop the previous output only once
    // the new one is in place.
    let _ = fs::remove_dir_all(&tmp);
    if swapped {
        let _ = fs::remove_dir_all(&old);
    }
    result
}

/// Write every file into `dir`. Returns the folder's marker, locked: the
/// folder is this build's until the file is dropped.
fn write_tree(dir: &Path, site: &RenderedSite) -> Result<File, (PathBuf, std::io::Error)> {
    fs::create_dir_all(dir).map_err(|e| (dir.to_path_buf(), e))?;
    // The marker stays locked while this process lives: a temporary folder
    // whose marker can be locked has lost its owner.
    let marker = dir.join(MARKER);
    let mut owner = File::create(&marker).map_err(|e| (marker.clone(), e))?;
    // Where locks are not supported the output's lock is not either (the
    // build went ahead without it), so the folder is unguarded as well.
    let _ = owner.lock();
    owner
        .write_all(MARKER_TEXT.as_bytes())
        .map_err(|e| (marker.clone(), e))?;
    write_files(dir, site)?;
    Ok(owner)
}

fn write_files(dir: &Path, site: &RenderedSite) -> Result<(), (PathBuf, std::io::Error)> {
    for file in &site.files {
        let path = dir.join(&file.path);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).map_err(|e| (p.to_path_buf(), e))?;
        }
        match &file.contents {
            Contents::Bytes(b) => write_file(&path, b),
            Contents::Copy(StaticSource::Embedded(b)) => write_file(&path, b),
            Contents::Copy(StaticSource::Disk(src)) => fs::copy(src, &path).map(|_| ()),
        }
        .map_err(|e| (path.clone(), e))?;
    }
    Ok(())
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
    // Say who holds it, for the message another build shows.
    let _ = file.set_len(0);
    let _ = file.rewind();
    let _ = writeln!(file, "pid {}", std::process::id());
    Ok(file)
}

fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = fs::File::create(path)?;
    f.write_all(bytes)?;
    Ok(())
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
        let left: Vec<_> = fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("trellis"))
            .collect();
        // Only the lock stays: removing a lock file others may be waiting
        // on would let two builds hold "the" lock at once.
        assert_eq!(left, [".public.trellis-lock"]);
    }

    #[test]
    fn files_made_after_the_write_land_in_the_swap_and_a_failure_replaces_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        let public = root.join("public");
        let mut saw_page = false;
        write_site_then(root, &public, &one_page(), &mut |staged| {
            saw_page = staged.join("index.html").is_file();
            Ok(vec![crate::render::OutputFile {
                path: "sheet/sheet-a4.pdf".into(),
                contents: Contents::Bytes(b"%PDF".to_vec()),
            }])
        })
        .unwrap();
        assert!(saw_page, "the hook runs on the written site");
        assert_eq!(
            fs::read(public.join("sheet/sheet-a4.pdf")).unwrap(),
            b"%PDF"
        );
        // A failing hook: the previous output stays, byte for byte, and no
        // temporary folder is left.
        let other = RenderedSite {
            files: vec![crate::render::OutputFile {
                path: "index.html".into(),
                contents: Contents::Bytes(b"new".to_vec()),
            }],
        };
        let err = write_site_then(root, &public, &other, &mut |_| {
            Err(Diagnostic::new(Code::Pdf, "no Chromium"))
        })
        .unwrap_err();
        assert_eq!(err.code, Code::Pdf);
        assert_eq!(fs::read_to_string(public.join("index.html")).unwrap(), "hi");
        assert!(public.join("sheet/sheet-a4.pdf").is_file());
        let left: Vec<_> = fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("trellis-tmp") || n.contains("trellis-old"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
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
            &mut |_| Ok(Vec::new()),
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
            &mut |_| Ok(Vec::new()),
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
        let marker = write_tree(&live, &one_page()).unwrap();
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
