//! Output: the one place that writes a built site to disk.
//!
//! The site is written into a fresh temporary folder beside the output
//! folder, and swapped in only when every file is written. A failed build
//! never gets here; a failed write leaves the previous output as it was.
//! Before anything is written, the output folder is checked: never the site
//! itself, its sources, or a folder of someone else's files. Folders trellis
//! writes carry a marker file so it knows they are its own to replace.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::load::StaticSource;
use crate::render::{Contents, RenderedSite};

/// Marks a folder as written by trellis (and so safe to replace).
pub const MARKER: &str = ".trellis-output";
const MARKER_TEXT: &str = "This folder is written by trellis. Each build replaces all of it.\n";

/// Refuse output folders that would destroy sources or someone's files.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let output = absolute(output);
    let refuse = |why: String| {
        Err(Diagnostic::error(
            "E015",
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
        let p = root.join(protected);
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

/// Write `site` to `output`, replacing what was there only on success.
pub fn write_site(root: &Path, output: &Path, site: &RenderedSite) -> Result<(), Diagnostic> {
    check_output_dir(root, output)?;
    let output = absolute(output);
    let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else {
        return Err(Diagnostic::error(
            "E015",
            format!(
                "refusing to write the site to `{}`: it has no folder name",
                output.display()
            ),
        )
        .hint("choose another folder with `--output`, such as `public`"));
    };
    let parent = parent.to_path_buf();
    let name = name.to_string_lossy().into_owned();
    let io = |what: &str, path: &Path, e: std::io::Error| {
        Diagnostic::error("E015", format!("cannot {what} `{}`: {e}", path.display())).hint(
            "check the folder's permissions and free space; the previous output was left as it was",
        )
    };
    fs::create_dir_all(&parent).map_err(|e| io("create", &parent, e))?;
    // The parent exists now: check once more against its real path.
    check_output_dir(root, &output)?;
    let old = parent.join(format!(".{name}.trellis-old"));
    // A crash between the two renames below leaves only `old`: put it back.
    if !output.exists() && old.is_dir() {
        fs::rename(&old, &output).map_err(|e| io("restore", &old, e))?;
    }
    let tmp = parent.join(format!(".{name}.trellis-tmp-{}", std::process::id()));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(|e| io("remove", &tmp, e))?;
    }
    let swap = || -> Result<(), Diagnostic> {
        write_tree(&tmp, site).map_err(|(p, e)| io("write", &p, e))?;
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
        Ok(())
    };
    let result = swap();
    // Whatever happened, leave no temporary folder behind.
    let _ = fs::remove_dir_all(&tmp);
    let _ = fs::remove_dir_all(&old);
    result
}

fn write_tree(dir: &Path, site: &RenderedSite) -> Result<(), (PathBuf, std::io::Error)> {
    fs::create_dir_all(dir).map_err(|e| (dir.to_path_buf(), e))?;
    fs::write(dir.join(MARKER), MARKER_TEXT).map_err(|e| (dir.join(MARKER), e))?;
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
            assert_eq!(err.code, "E015", "{bad}");
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
            assert!(check_output_dir(root, &root.join("mine-link/../content")).is_err());
        }
    }
}
