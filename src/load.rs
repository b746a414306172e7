//! Load: reads a site folder into memory as [`Sources`].
//!
//! This stage finds every file the site is made of; only it (besides the
//! output writer) walks the disk. It reads `guide.toml`, every Markdown
//! file under `content/` (or, for a build, leaves each for the model to
//! read as it parses it: [`Reading`]), the theme's
//! templates (from `themes/<name>/`, or the default theme built into the
//! binary), site-level `templates/` overrides, and lists static files. Every
//! unreadable file (invalid UTF-8, too large, a symlink loop or a link out of
//! the site) becomes a diagnostic and loading carries on with the rest.
//! Text is normalised once here: a UTF-8 BOM is dropped and CRLF becomes LF,
//! which keeps line numbers unchanged.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{Dir, include_dir};
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, display_path};
use crate::shelf::Shelf;

/// The default theme, built into the binary so `trellis new` sites work
/// without a `themes/` folder.
static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Content files larger than this are refused: a guide page is never this
/// big, and reading a runaway file into memory would be.
pub const MAX_CONTENT_BYTES: u64 = 8 * 1024 * 1024;

/// A Markdown file from `content/`.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    /// Path relative to the site root with `/` separators, e.g. `content/steps/03-communicate.md`.
    pub path: String,
    pub text: SourceText,
}

/// A page's text, read by the load, or left on disk for the site model
/// to read when it parses the page. A build leaves it (see
/// [`Reading::WhenParsed`]), so a large site's text is never held at once.
#[derive(Debug, Clone)]
pub(crate) enum SourceText {
    /// Shared with the page's `Document`: a site's text is held once.
    Loaded(Arc<str>),
    /// The file, already found by the walk (and its guards).
    OnDisk(Arc<Path>),
}

impl SourceText {
    /// The text, read now if it was left on disk, with what the file was
    /// when read (`None` for text already in memory). `rel` names the
    /// file in diagnostics.
    pub(crate) fn read(&self, rel: &str) -> Result<(Arc<str>, Option<Stamp>), Diagnostic> {
        match self {
            SourceText::Loaded(text) => Ok((Arc::clone(text), None)),
            SourceText::OnDisk(path) => {
                let (text, stamp) = read_page(path, rel)?;
                Ok((text.into(), Some(stamp)))
            }
        }
    }

    /// The text, if the load read it.
    pub(crate) fn loaded(&self) -> Option<&Arc<str>> {
        match self {
            SourceText::Loaded(text) => Some(text),
            SourceText::OnDisk(_) => None,
        }
    }
}

/// When the load reads the pages' text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// Now: every page's text is in [`Sources`] (checking, the dev server).
    Now,
    /// When the model parses each page, which then lets it go (a build).
    WhenParsed,
}

/// What a page's file was when it was read: its length and modification
/// time. A page's text that was let go is read again (to quote a line in
/// a diagnostic) only while its file is unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl Stamp {
    fn of(m: &fs::Metadata) -> Stamp {
        Stamp {
            len: m.len(),
            modified: m.modified().ok(),
        }
    }
}

/// A page's text read again, when its file is as it was (`stamp`), for a
/// diagnostic to quote; `None` when it changed or cannot be read.
pub(crate) fn read_again(path: &Path, rel: &str, stamp: Stamp) -> Option<Arc<str>> {
    match read_page(path, rel) {
        Ok((text, now)) if now == stamp => Some(text.into()),
        _ => None,
    }
}

/// Where a static file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaticSource {
    Disk(PathBuf),
    Embedded(&'static [u8]),
}

/// A file copied to the output as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StaticFile {
    /// Output path relative to the output root, `/` separators.
    pub output_path: String,
    pub source: StaticSource,
    /// Beside a page in `content/` rather than in a `static/` folder: the
    /// site stage moves it under its section's URL.
    pub colocated: bool,
    /// From the theme's `static/` (not overridden by the site's): its CSS
    /// and JavaScript get content-hashed names (see `fingerprints`).
    pub theme: bool,
}

/// A template's text and where it came from (for error messages).
#[derive(Debug, Clone)]
pub(crate) struct TemplateSource {
    pub origin: String,
    pub text: String,
}

/// Everything a build reads, in memory.
#[derive(Debug, Clone)]
pub(crate) struct Sources {
    pub root: PathBuf,
    pub config_text: String,
    /// Markdown files, sorted by path.
    pub content: Vec<SourceFile>,
    /// Folders under `content/` (relative to the site root), sorted. Only
    /// those with Markdown somewhere below become sections.
    pub content_dirs: Vec<String>,
    /// Templates by name (`step.html`); site `templates/` win over the theme's.
    pub templates: BTreeMap<String, TemplateSource>,
    /// Static files by output path; site `static/` and colocated content
    /// assets win over the theme's. A colocated asset is keyed by its path
    /// below `content/` (the site stage places it).
    pub statics: BTreeMap<String, StaticFile>,
    /// Message tables (`.ftl`): the built-in default theme's, then the
    /// site theme's, then the guide's `messages/`, later ones overriding.
    pub messages: Vec<crate::i18n::MessageFile>,
    /// False when the configured theme does not exist (already reported).
    pub theme_found: bool,
    /// Where a build's model puts each page's rendered HTML until the page
    /// renders (see `shelf`); `None` keeps it in memory.
    pub shelf: Option<Arc<Shelf>>,
}

impl Sources {
    /// The content-hashed name of each static CSS and JavaScript file:
    /// `css/trellis.css` -> `css/trellis.1f0c5e2a9b7d4c36.css`, from its
    /// bytes (FNV-1a, 64 bits; for telling versions apart, not security).
    /// A file that cannot be read keeps its name (its copy reports the
    /// error).
    pub(crate) fn fingerprints(&self) -> BTreeMap<String, String> {
        self.statics
            .iter()
            .filter(|(path, f)| !f.colocated && (path.ends_with(".css") || path.ends_with(".js")))
            .filter_map(|(path, f)| {
                let bytes = match &f.source {
                    StaticSource::Embedded(b) => std::borrow::Cow::Borrowed(*b),
                    StaticSource::Disk(p) => std::borrow::Cow::Owned(fs::read(p).ok()?),
                };
                let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
                    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
                });
                let dot = path.rfind('.')?;
                Some((
                    path.clone(),
                    format!("{}.{hash:016x}{}", &path[..dot], &path[dot..]),
                ))
            })
            .collect()
    }

    /// The content file at `path` (the list is sorted by path).
    pub(crate) fn page(&self, path: &str) -> Option<&SourceFile> {
        self.content
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.content[i])
    }

    pub(crate) fn page_mut(&mut self, path: &str) -> Option<&mut SourceFile> {
        match self.content.binary_search_by(|f| f.path.as_str().cmp(path)) {
            Ok(i) => Some(&mut self.content[i]),
            Err(_) => None,
        }
    }

    /// Whether folder `dir` (`content/steps`) has a Markdown file somewhere
    /// below it: a folder of images alone is not a section.
    pub(crate) fn has_markdown_below(&self, dir: &str) -> bool {
        let prefix = format!("{dir}/");
        let i = self
            .content
            .partition_point(|f| f.path.as_str() < prefix.as_str());
        self.content
            .get(i)
            .is_some_and(|f| f.path.starts_with(&prefix))
    }

    /// Whether `path` is a folder under `content/` (the list is sorted).
    pub(crate) fn has_dir(&self, path: &str) -> bool {
        self.content_dirs
            .binary_search_by(|d| d.as_str().cmp(path))
            .is_ok()
    }
}

/// Read `guide.toml` alone (the theme name is needed before the rest).
pub(crate) fn read_config(root: &Path) -> Result<String, Diagnostic> {
    let path = root.join(crate::config::CONFIG_FILE);
    let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if leaves_the_site(&canonical_root, &path) {
        return Err(link_out_of_the_site(&canonical_root, &path));
    }
    match fs::read(&path) {
        Ok(bytes) => decode(crate::config::CONFIG_FILE, bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Diagnostic::new(Code::Config,
            format!("no `guide.toml` in `{}`", root.display()),
        )
        .hint("run trellis in the guide's folder, pass `--root DIR`, or create a guide with `trellis new DIR`")),
        Err(e) => Err(Diagnostic::new(Code::Unreadable, format!("cannot read `guide.toml`: {e}"))
            .at(Location::file(crate::config::CONFIG_FILE))),
    }
}

/// Read the site at `root` for theme `theme`.
/// Unreadable files are reported and left out; everything else loads.
pub(crate) fn load_sources(
    root: &Path,
    config_text: String,
    theme: &str,
    reading: Reading,
) -> (Sources, Diagnostics) {
    let mut diags = Diagnostics::new();
    let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut sources = Sources {
        root: root.to_path_buf(),
        config_text,
        content: Vec::new(),
        content_dirs: Vec::new(),
        templates: BTreeMap::new(),
        statics: BTreeMap::new(),
        messages: embedded_messages(),
        theme_found: true,
        shelf: None,
    };

    // Theme first, so the site's own files override it.
    let theme_dir = root.join("themes").join(theme);
    if leaves_the_site(&canonical_root, &theme_dir) {
        // Reported like any link out of the site; not also "not found".
        sources.theme_found = false;
        diags.push(link_out_of_the_site(&canonical_root, &theme_dir));
    } else if theme_dir.is_dir() {
        add_templates(
            &mut sources,
            &canonical_root,
            &theme_dir.join("templates"),
            &mut diags,
        );
        add_static_dir(
            &mut sources,
            &canonical_root,
            &theme_dir.join("static"),
            true,
            &mut diags,
        );
        add_messages(
            &mut sources,
            &canonical_root,
            &theme_dir.join("messages"),
            &mut diags,
        );
    } else if theme == "default" {
        add_embedded_theme(&mut sources);
    } else {
        sources.theme_found = false;
        diags.push(
            Diagnostic::new(Code::ThemeNotFound, format!("theme `{theme}` not found"))
                .at(Location::file(crate::config::CONFIG_FILE))
                .hint(format!(
                    "create `themes/{theme}/templates/`, or remove `theme` to use the built-in default theme"
                )),
        );
    }

    // Site templates win over the theme's of the same name.
    add_templates(
        &mut sources,
        &canonical_root,
        &root.join("templates"),
        &mut diags,
    );

    add_static_dir(
        &mut sources,
        &canonical_root,
        &root.join("static"),
        false,
        &mut diags,
    );

    // The guide's own messages win over the theme's.
    add_messages(
        &mut sources,
        &canonical_root,
        &root.join("messages"),
        &mut diags,
    );

    let content_root = root.join("content");
    if !content_root.is_dir() {
        diags.push(
            Diagnostic::new(Code::Unreadable, "no `content/` folder").hint(
                "put the guide's Markdown pages in `content/`, starting with `content/_index.md`",
            ),
        );
    }
    let mut pages = Vec::new();
    for entry in walk(&canonical_root, &content_root, &mut diags) {
        // NFC, so a link typed on one system finds a file named on another
        // (macOS may hand out decomposed names).
        let rel = crate::text::nfc(&display_path(root, &entry.path)).into_owned();
        if !entry.is_file {
            sources.content_dirs.push(rel);
        } else if entry
            .path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        {
            pages.push((entry.path, rel));
        } else {
            // Markdown under another tool's extension is published as it
            // is, front matter and all: said, since it was meant as a page.
            if let Some(ext) = entry.path.extension().and_then(|e| e.to_str())
                && OTHER_MARKDOWN_EXTENSIONS
                    .iter()
                    .any(|m| m.eq_ignore_ascii_case(ext))
            {
                diags.push(
                    Diagnostic::new(
                        Code::NotAsWritten,
                        format!("`{rel}` is published as a file as it is, not as a page"),
                    )
                    .at(Location::file(rel.clone()))
                    .hint("pages are read from `.md` files: rename it to end in `.md`"),
                );
            }
            // A colocated asset (an image beside its page) keeps its path.
            let out = crate::text::nfc(&display_path(&content_root, &entry.path)).into_owned();
            sources.statics.insert(
                out.clone(),
                StaticFile {
                    output_path: out,
                    source: StaticSource::Disk(entry.path.clone()),
                    colocated: true,
                    theme: false,
                },
            );
        }
    }
    // The pages read on every core (the walk stays one thread: its order
    // and its guards are simplest so), reported in the walk's order; or
    // left for the model to read as it parses them.
    let read: Vec<Result<SourceFile, Diagnostic>> = match reading {
        Reading::Now => pages
            .into_par_iter()
            .map(|(path, rel)| {
                let (text, _) = read_page(&path, &rel)?;
                Ok(SourceFile {
                    path: rel,
                    text: SourceText::Loaded(text.into()),
                })
            })
            .collect(),
        Reading::WhenParsed => pages
            .into_iter()
            .map(|(path, rel)| {
                Ok(SourceFile {
                    path: rel,
                    text: SourceText::OnDisk(path.into()),
                })
            })
            .collect(),
    };
    for page in read {
        match page {
            Ok(file) => sources.content.push(file),
            Err(d) => diags.push(d),
        }
    }
    sources.content.sort_by(|a, b| a.path.cmp(&b.path));
    sources.content_dirs.sort();

    (sources, diags)
}

/// Extensions other tools read as Markdown (Jekyll's `.markdown` among
/// them); trellis reads pages from `.md` only.
const OTHER_MARKDOWN_EXTENSIONS: &[&str] = &["markdown", "mdown", "mkd", "mkdn", "mdwn"];

/// Sources from memory rather than a folder: `guide.toml`'s text and
/// content files as `(path, text)` below `content/`, with the built-in
/// default theme. The text is normalised as a file's would be; other paths
/// are ignored. Nothing is read from disk.
pub(crate) fn from_memory(
    config_text: String,
    files: &[(String, String)],
) -> (Sources, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut sources = Sources {
        root: PathBuf::new(),
        config_text,
        content: Vec::new(),
        content_dirs: Vec::new(),
        templates: BTreeMap::new(),
        statics: BTreeMap::new(),
        messages: embedded_messages(),
        theme_found: true,
        shelf: None,
    };
    add_embedded_theme(&mut sources);
    let mut dirs = std::collections::BTreeSet::new();
    for (path, text) in files {
        let Some(rest) = path.strip_prefix("content/") else {
            continue;
        };
        let mut dir = String::from("content");
        let parts: Vec<&str> = rest.split('/').collect();
        if parts
            .iter()
            .any(|p| p.is_empty() || *p == "." || *p == "..")
        {
            continue;
        }
        for part in &parts[..parts.len() - 1] {
            dir = format!("{dir}/{part}");
            dirs.insert(dir.clone());
        }
        if !path.to_ascii_lowercase().ends_with(".md") {
            continue;
        }
        match decode(path, text.clone().into_bytes()) {
            Ok(text) => sources.content.push(SourceFile {
                path: path.clone(),
                text: SourceText::Loaded(text.into()),
            }),
            Err(d) => diags.push(d),
        }
    }
    sources.content.sort_by(|a, b| a.path.cmp(&b.path));
    sources.content.dedup_by(|a, b| a.path == b.path);
    sources.content_dirs = dirs.into_iter().collect();
    (sources, diags)
}

fn add_embedded_theme(sources: &mut Sources) {
    fn visit(dir: &'static Dir<'static>, files: &mut Vec<&'static include_dir::File<'static>>) {
        for f in dir.files() {
            files.push(f);
        }
        for d in dir.dirs() {
            visit(d, files);
        }
    }
    let mut files = Vec::new();
    visit(&DEFAULT_THEME, &mut files);
    for f in files {
        let path = f.path().to_string_lossy().replace('\\', "/");
        if let Some(name) = path.strip_prefix("templates/") {
            sources.templates.insert(
                name.to_string(),
                TemplateSource {
                    origin: format!("(built-in default theme)/{path}"),
                    text: String::from_utf8_lossy(f.contents()).into_owned(),
                },
            );
        } else if let Some(out) = path.strip_prefix("static/") {
            sources.statics.insert(
                out.to_string(),
                StaticFile {
                    output_path: out.to_string(),
                    source: StaticSource::Embedded(f.contents()),
                    colocated: false,
                    theme: true,
                },
            );
        }
    }
}

/// Every file below `dir` as a template named by its path below `dir`.
fn add_templates(
    sources: &mut Sources,
    canonical_root: &Path,
    dir: &Path,
    diags: &mut Diagnostics,
) {
    for entry in walk(canonical_root, dir, diags) {
        if entry.is_file {
            match read_text(&sources.root, &entry.path) {
                Ok(text) => {
                    let name = display_path(dir, &entry.path);
                    let origin = display_path(&sources.root, &entry.path);
                    sources
                        .templates
                        .insert(name, TemplateSource { origin, text });
                }
                Err(d) => diags.push(d),
            }
        }
    }
}

fn add_static_dir(
    sources: &mut Sources,
    canonical_root: &Path,
    dir: &Path,
    theme: bool,
    diags: &mut Diagnostics,
) {
    for entry in walk_filtered(canonical_root, dir, diags, is_ignored_static_name) {
        if entry.is_file {
            let out = display_path(dir, &entry.path);
            sources.statics.insert(
                out.clone(),
                StaticFile {
                    output_path: out,
                    source: StaticSource::Disk(entry.path),
                    colocated: false,
                    theme,
                },
            );
        }
    }
}

/// The language a message file is for: `messages/es.ftl` or
/// `messages/es/anything.ftl` below `dir`.
fn message_language(relative: &str) -> Option<String> {
    let stem = relative.strip_suffix(".ftl")?;
    let language = match stem.split_once('/') {
        Some((language, _)) => language,
        None => stem,
    };
    crate::i18n::is_language_tag(language).then(|| language.to_string())
}

/// The built-in default theme's message tables.
pub(crate) fn embedded_messages() -> Vec<crate::i18n::MessageFile> {
    let Some(dir) = DEFAULT_THEME.get_dir("messages") else {
        return Vec::new();
    };
    let mut files: Vec<&include_dir::File<'static>> = dir.files().collect();
    for d in dir.dirs() {
        files.extend(d.files());
    }
    let mut out: Vec<crate::i18n::MessageFile> = files
        .into_iter()
        .filter_map(|f| {
            let path = f.path().to_string_lossy().replace('\\', "/");
            let language = message_language(path.strip_prefix("messages/")?)?;
            Some(crate::i18n::MessageFile {
                language,
                origin: format!("(built-in default theme)/{path}"),
                text: String::from_utf8_lossy(f.contents()).into_owned(),
                written_at: None,
            })
        })
        .collect();
    out.sort_by(|a, b| a.origin.cmp(&b.origin));
    out
}

/// Every `.ftl` file below `dir` (a theme's or the guide's `messages/`).
fn add_messages(sources: &mut Sources, canonical_root: &Path, dir: &Path, diags: &mut Diagnostics) {
    for entry in walk(canonical_root, dir, diags) {
        if !entry.is_file {
            continue;
        }
        let relative = display_path(dir, &entry.path);
        let Some(language) = message_language(&relative) else {
            continue;
        };
        match read_text(&sources.root, &entry.path) {
            Ok(text) => sources.messages.push(crate::i18n::MessageFile {
                language,
                origin: display_path(&sources.root, &entry.path),
                text,
                written_at: None,
            }),
            Err(d) => diags.push(d),
        }
    }
}

struct Entry {
    path: PathBuf,
    is_file: bool,
}

/// Every file and folder below `dir` (not `dir` itself), sorted by name,
/// skipping hidden files and editor leftovers. Symlinks are followed only
/// while they stay inside the site; loops and links out are diagnostics.
fn walk(canonical_root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<Entry> {
    walk_filtered(canonical_root, dir, diags, is_ignored_name)
}

fn walk_filtered(
    canonical_root: &Path,
    dir: &Path,
    diags: &mut Diagnostics,
    ignored: fn(&str) -> bool,
) -> Vec<Entry> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    // The folder itself (`static/`, `content/`, a theme) may be the link.
    if leaves_the_site(canonical_root, dir) {
        diags.push(link_out_of_the_site(canonical_root, dir));
        return out;
    }
    let mut walker = WalkDir::new(dir)
        .follow_links(true)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !ignored(&e.file_name().to_string_lossy()));
    while let Some(item) = walker.next() {
        match item {
            Ok(e) => {
                // Such a name would be published under another name (its
                // bad bytes made U+FFFD), and two of them under one.
                if e.file_name().to_str().is_none() {
                    diags.push(
                        Diagnostic::new(Code::Unreadable, "file name is not valid UTF-8")
                            .at(Location::file(escaped_path(canonical_root, e.path())))
                            .hint("rename it in UTF-8: names become URLs, which trellis writes in UTF-8"),
                    );
                    if e.file_type().is_dir() {
                        walker.skip_current_dir();
                    }
                    continue;
                }
                if e.path_is_symlink() && leaves_the_site(canonical_root, e.path()) {
                    diags.push(link_out_of_the_site(canonical_root, e.path()));
                    // Never look inside a folder outside the site.
                    if e.file_type().is_dir() {
                        walker.skip_current_dir();
                    }
                    continue;
                }
                let is_file = e.file_type().is_file();
                out.push(Entry {
                    path: e.path().to_path_buf(),
                    is_file,
                });
            }
            Err(err) => {
                let path = err.path().map(Path::to_path_buf).unwrap_or_default();
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link loop".to_string()
                } else {
                    format!("cannot read: {err}")
                };
                diags.push(
                    Diagnostic::new(Code::Unreadable, message)
                        .at(Location::file(display_path(
                            canonical_root,
                            &relative_to(canonical_root, &path),
                        )))
                        .hint("remove or fix the link"),
                );
            }
        }
    }
    out
}

/// `path` below `root` for a diagnostic, each byte of a name that is not
/// UTF-8 written `\xFF`, so that two such names still differ.
fn escaped_path(root: &Path, path: &Path) -> String {
    let path = relative_to(root, path);
    path.components()
        .map(|c| escaped_name(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(unix)]
fn escaped_name(name: &std::ffi::OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in name.as_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

#[cfg(not(unix))]
fn escaped_name(name: &std::ffi::OsStr) -> String {
    name.to_string_lossy().into_owned()
}

/// True when `path` exists and its real path (every symbolic link on the
/// way followed) is not inside the site.
fn leaves_the_site(canonical_root: &Path, path: &Path) -> bool {
    match fs::canonicalize(path) {
        Ok(real) => !real.starts_with(canonical_root),
        // A dangling link: it names nothing that could be read.
        Err(_) => path.symlink_metadata().is_ok(),
    }
}

fn link_out_of_the_site(canonical_root: &Path, path: &Path) -> Diagnostic {
    Diagnostic::new(Code::Unreadable, "symbolic link points outside the site")
        .at(Location::file(display_path(
            canonical_root,
            &relative_to(canonical_root, path),
        )))
        .hint("copy the file into the site instead of linking to it")
}

/// `path` made relative to `root` when it lies below it; canonical paths and
/// the paths walkdir reports may differ by a leading `./`.
fn relative_to(root: &Path, path: &Path) -> PathBuf {
    fs::canonicalize(path.parent().unwrap_or(path))
        .ok()
        .and_then(|p| p.strip_prefix(root).ok().map(Path::to_path_buf))
        .map(|parent| parent.join(path.file_name().unwrap_or_default()))
        .unwrap_or_else(|| path.to_path_buf())
}

/// Hidden files and the temp files editors write beside the real one.
pub(crate) fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.') || is_editor_temp(name)
}

/// What `static/` skips: editor temp files and version-control folders, but
/// not other hidden files (`.well-known/`, `.nojekyll` are meant for hosts).
pub(crate) fn is_ignored_static_name(name: &str) -> bool {
    is_editor_temp(name)
        || name.starts_with(".#")
        || name.starts_with(".goutputstream")
        || (name.starts_with('.') && (name.ends_with(".swp") || name.ends_with(".swx")))
        || matches!(name, ".git" | ".hg" | ".svn" | ".DS_Store")
}

/// The temp and swap files editors write beside the real one.
pub(crate) fn is_editor_temp(name: &str) -> bool {
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".bck")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || (name.starts_with("jb_") && name.ends_with("___"))
}

/// Read one content page again (the dev server, after a save): the same
/// checks as a whole load, the link check included. `rel` is its path
/// below `root` (`content/steps/03-communicate.md`).
pub(crate) fn read_content_file(root: &Path, rel: &str) -> Result<String, Diagnostic> {
    let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let path = root.join(rel);
    if leaves_the_site(&canonical_root, &path) {
        return Err(link_out_of_the_site(&canonical_root, &path));
    }
    read_page(&path, rel).map(|(text, _)| text)
}

/// A page's text, with what its file was: refused past
/// [`MAX_CONTENT_BYTES`], then read and decoded. `rel` names it in
/// diagnostics.
fn read_page(path: &Path, rel: &str) -> Result<(String, Stamp), Diagnostic> {
    let metadata = path.metadata();
    if let Ok(m) = &metadata
        && m.len() > MAX_CONTENT_BYTES
    {
        return Err(Diagnostic::new(
            Code::Unreadable,
            format!(
                "file is {} bytes, larger than the {} byte limit for a page",
                m.len(),
                MAX_CONTENT_BYTES
            ),
        )
        .at(Location::file(rel))
        .hint("split it into several pages"));
    }
    let bytes = fs::read(path).map_err(|e| {
        Diagnostic::new(Code::Unreadable, format!("cannot read: {e}")).at(Location::file(rel))
    })?;
    let stamp = match &metadata {
        Ok(m) => Stamp::of(m),
        Err(_) => Stamp {
            len: bytes.len() as u64,
            modified: None,
        },
    };
    Ok((decode(rel, bytes)?, stamp))
}

fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let rel = display_path(root, path);
    let bytes = fs::read(path).map_err(|e| {
        Diagnostic::new(Code::Unreadable, format!("cannot read: {e}")).at(Location::file(&rel))
    })?;
    decode(&rel, bytes)
}

/// Bytes to text: UTF-8 only, BOM dropped, CRLF and lone CR made LF.
pub fn decode(file: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let mut text = text
                .strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text);
            if text.contains('\r') {
                text = text.replace("\r\n", "\n").replace('\r', "\n");
            }
            // U+0001 marks link placeholders in rendered HTML; no text may
            // carry one. U+0000 is replaced as CommonMark says (and no
            // browser or tool expects one in HTML).
            // Bytes, not chars: a char pattern decodes the whole text;
            // memchr scans them a vector at a time.
            if memchr::memchr2(0, 1, text.as_bytes()).is_some() {
                text = text.replace(['\u{0}', '\u{1}'], "\u{fffd}");
            }
            Ok(text)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let line = prefix.matches('\n').count() + 1;
            let column = prefix[prefix.rfind('\n').map_or(0, |i| i + 1)..]
                .chars()
                .count()
                + 1;
            let lossy = String::from_utf8_lossy(bytes);
            Err(
                Diagnostic::new(Code::Unreadable, "file is not valid UTF-8 text")
                    .at(Location::at_line(file, &lossy, line, column, 1))
                    .hint("save the file as UTF-8 in your editor"),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page's text that a build let go is read again for a diagnostic
    /// only while its file is as it was when parsed: the same text, or
    /// nothing (and the diagnostic names the file without a line).
    #[test]
    fn a_page_is_read_again_only_while_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.md");
        fs::write(&path, "\u{feff}# Title\r\n\r\nText.\r\n").unwrap();
        let file = SourceText::OnDisk(Arc::from(path.as_path()));
        let (text, stamp) = file.read("content/page.md").unwrap();
        assert_eq!(&*text, "# Title\n\nText.\n");
        let stamp = stamp.unwrap();
        assert_eq!(read_again(&path, "content/page.md", stamp), Some(text));
        fs::write(&path, "# Title\n\nOther text, longer.\n").unwrap();
        assert_eq!(read_again(&path, "content/page.md", stamp), None);
        fs::remove_file(&path).unwrap();
        assert_eq!(read_again(&path, "content/page.md", stamp), None);
        // Text the load read is handed on as it is, with no stamp.
        let loaded = SourceText::Loaded(Arc::from("x"));
        assert!(matches!(loaded.read("a.md"), Ok((t, None)) if &*t == "x"));
    }

    #[test]
    fn decode_drops_bom_and_crlf() {
        assert_eq!(
            decode("f", b"\xef\xbb\xbfa\r\nb\rc".to_vec()).unwrap(),
            "a\nb\nc"
        );
    }

    #[test]
    fn a_nul_byte_becomes_the_replacement_character() {
        // The bug: a NUL in a page body was copied into the HTML.
        assert_eq!(
            decode("f", b"A\x00B\x01C".to_vec()).unwrap(),
            "A\u{fffd}B\u{fffd}C"
        );
    }

    #[test]
    fn decode_locates_invalid_utf8() {
        let d = decode("f.md", b"ok\nab\xffc".to_vec()).unwrap_err();
        assert_eq!(d.to_string().split(": error").next(), Some("f.md:2:3"));
    }

    #[test]
    fn editor_temp_files_are_ignored() {
        for name in [
            ".x.md.swp",
            "a.md~",
            "#a.md#",
            "4913",
            "jb_old___",
            "x.tmp",
            ".#a.md",
        ] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("03-communicate.md"));
        for name in [".well-known", ".nojekyll", ".htaccess"] {
            assert!(!is_ignored_static_name(name), "{name}");
        }
        for name in [
            ".git",
            ".DS_Store",
            "x.css~",
            ".x.css.swp",
            "#x#",
            ".#x.css",
        ] {
            assert!(is_ignored_static_name(name), "{name}");
        }
    }
}
