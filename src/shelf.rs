//! The shelf: where a build keeps each page's rendered Markdown between
//! the model, which makes it, and the page's render, which uses it.
//!
//! The model must see every page's headings and links before any page can
//! render, so every page's HTML would otherwise be held at once: half a
//! large site's memory. A build puts it in one unnamed file beside the
//! output instead (made with the `tempfile` crate: `O_TMPFILE` where the
//! file system has it, else a file removed as soon as it is open, so
//! nothing is left behind even if the build is killed). Memory then holds
//! a few pages' HTML at a time, as the writer does. The kernel may keep the
//! file in its page cache, as it keeps the output, and can drop it under
//! pressure; it goes when the build ends.
//!
//! Only a build shelves. `check`, the in-memory render and the dev server
//! keep HTML in memory (a dev server renders pages again and again).

use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// An unnamed file that pages' HTML is appended to, from any thread.
#[derive(Debug)]
pub(crate) struct Shelf {
    file: File,
    /// Where the next page's HTML goes.
    end: AtomicU64,
}

/// Where one page's HTML is on the shelf.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    at: u64,
    len: usize,
}

impl Place {
    pub(crate) fn len(self) -> usize {
        self.len
    }
}

impl Shelf {
    /// A shelf in the folder that will hold `output` (on the same disk as
    /// the site, not in a temporary folder that may be memory), or `None`
    /// where none can be made: that folder does not exist yet, cannot be
    /// written, or the platform cannot read and write a file at an offset
    /// from many threads. The build then holds its HTML in memory.
    pub(crate) fn beside(output: &Path) -> Option<Arc<Shelf>> {
        if !cfg!(unix) {
            return None;
        }
        let output = std::path::absolute(output).ok()?;
        let folder = output.parent()?;
        let file = tempfile::tempfile_in(folder).ok()?;
        Some(Arc::new(Shelf {
            file,
            end: AtomicU64::new(0),
        }))
    }

    /// Put `html` on the shelf.
    pub(crate) fn put(&self, html: &str) -> io::Result<Place> {
        let len = html.len();
        let at = self.end.fetch_add(len as u64, Ordering::Relaxed);
        write_at(&self.file, html.as_bytes(), at)?;
        Ok(Place { at, len })
    }

    /// The HTML put at `place`.
    pub(crate) fn get(&self, place: Place) -> io::Result<String> {
        let mut bytes = vec![0; place.len];
        read_at(&self.file, &mut bytes, place.at)?;
        String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
}

#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, at)
}

// Never called: `Shelf::beside` makes no shelf on these platforms.
#[cfg(not(unix))]
fn write_at(_: &File, _: &[u8], _: u64) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(not(unix))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_put_from_many_threads_come_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let shelf = Shelf::beside(&dir.path().join("public")).unwrap();
        let pages: Vec<String> = (0..200)
            .map(|n| format!("<p>page {n} ünïcödé</p>").repeat(n % 7 + 1))
            .collect();
        let places: Vec<Place> = std::thread::scope(|s| {
            let handles: Vec<_> = pages
                .chunks(25)
                .map(|chunk| {
                    let shelf = &shelf;
                    s.spawn(move || {
                        chunk
                            .iter()
                            .map(|p| shelf.put(p).unwrap())
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        });
        for (page, place) in pages.iter().zip(&places) {
            assert_eq!(place.len(), page.len());
            assert_eq!(&shelf.get(*place).unwrap(), page);
        }
        // An empty page takes no room and comes back empty.
        let empty = shelf.put("").unwrap();
        assert_eq!(shelf.get(empty).unwrap(), "");
    }

    #[test]
    fn the_shelf_leaves_nothing_in_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let shelf = Shelf::beside(&dir.path().join("public")).unwrap();
        shelf.put("<p>kept off the heap</p>").unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        drop(shelf);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_page_that_cannot_be_read_back_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let shelf = Shelf::beside(&dir.path().join("public")).unwrap();
        let place = shelf.put("<p>short</p>").unwrap();
        let past_the_end = Place {
            at: place.at + 4,
            len: place.len,
        };
        assert!(shelf.get(past_the_end).is_err());
        let split_char = shelf.put("é").unwrap();
        let half = Place {
            at: split_char.at,
            len: 1,
        };
        assert_eq!(
            shelf.get(half).unwrap_err().kind(),
            io::ErrorKind::InvalidData
        );
    }

    #[test]
    fn no_shelf_where_the_output_folder_has_no_parent_yet() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Shelf::beside(&dir.path().join("not/yet/public")).is_none());
    }
}
