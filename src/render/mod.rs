//! Render: the site model through Tera templates into files in memory.
//!
//! Builds the view models of `view.rs` from the [`Site`], renders every page
//! (in parallel) plus the workbook, `404.html`, `sitemap.xml` and
//! `robots.txt`, and lists the static files to copy. The result is a
//! [`RenderedSite`]: paths and contents, nothing written yet. Template errors
//! name the template file, its line and column, and the page being rendered.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

mod limits;

pub use limits::CountingAllocator;
pub(crate) use limits::stuck_renders_do_not_exit;

use rayon::prelude::*;
use tera::{Context, Kwargs, State, Tera};

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};
use crate::i18n::{Arg, Catalog};
use crate::load::{Sources, StaticSource, TemplateSource};
use crate::markdown::{self, Input, substitute_links};
use crate::site::{PageKind, Site, WORKBOOK_PATH};
use crate::view::{
    GuideView, Link, PageSummary, PageView, PdfLinks, SectionListing, StepLink, StepPosition,
    WorkbookEntry,
};

/// Templates every theme must have.
pub(crate) const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "page.html",
    "step.html",
    "worksheet.html",
    "section.html",
    "workbook.html",
    "404.html",
];

/// One file of the finished site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, `/` separators.
    pub path: String,
    pub contents: Contents,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Bytes(Vec<u8>),
    Copy(StaticSource),
}

/// The whole site, rendered, in path order.
#[derive(Debug, Clone, Default)]
pub struct RenderedSite {
    pub files: Vec<OutputFile>,
}

impl RenderedSite {
    pub fn get(&self, path: &str) -> Option<&OutputFile> {
        self.files.iter().find(|f| f.path == path)
    }
}

/// Where a static file came from, for diagnostics.
fn static_location(sources: &Sources, file: &crate::load::StaticFile) -> Location {
    match &file.source {
        StaticSource::Disk(p) => Location::file(crate::diagnostics::display_path(&sources.root, p)),
        StaticSource::Embedded(_) => Location::file(format!(
            "(built-in default theme)/static/{}",
            file.output_path
        )),
    }
}

/// `t(key="step-of", number=2, total=7)`: message `key` in the page's
/// language (the context's `lang`), with the other arguments as its
/// variables. The message's text is escaped; an argument is escaped too
/// unless it is marked safe (`x | safe`), so a message can hold a link:
/// `t(key="footer-safety", link=link_html | safe)`.
struct Translate {
    catalog: Catalog,
    /// Messages made so far, by language, key and arguments: a page's
    /// calls (`t(key="nav-steps")`, `t(key="step-number", number=2)` in
    /// the navigation) are mostly the same on every page. At most
    /// [`MADE_LIMIT`] are kept (the dev server keeps one Tera across edits).
    /// Kept as template values, which share a long text rather than
    /// copy it.
    made: std::sync::RwLock<foldhash::HashMap<String, tera::Value>>,
}

const MADE_LIMIT: usize = 20_000;

/// Arguments stand in the message as these, until it is escaped.
const ARG_OPEN: char = '\u{E000}';
const ARG_CLOSE: char = '\u{E001}';

thread_local! {
    /// The key of the message being looked up in [`Translate::made`],
    /// made here so that a message made before costs no allocation.
    static MADE_KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// `value` as text: a string as it is, anything else as Tera shows it.
fn value_text(value: &tera::Value) -> std::borrow::Cow<'_, str> {
    match value.as_str() {
        Some(s) => std::borrow::Cow::Borrowed(s),
        None => std::borrow::Cow::Owned(value.to_string()),
    }
}

/// A number argument of `t()` (a string of digits is text).
fn number_arg(value: &tera::Value) -> Option<f64> {
    value.as_f64().filter(|_| value.is_number())
}

impl tera::Function<tera::TeraResult<tera::Value>> for Translate {
    fn call(&self, kwargs: Kwargs, state: &State) -> tera::TeraResult<tera::Value> {
        let key_value: &tera::Value = kwargs.must_get("key")?;
        let key = value_text(key_value);
        let language_value: Option<tera::Value> = state.get("lang")?;
        let language = language_value.as_ref().map_or(
            std::borrow::Cow::Borrowed(crate::i18n::DEFAULT_LANGUAGE),
            value_text,
        );
        // What the message depends on, each part ended by a character no
        // name or language has (an argument's text is last in its part,
        // after its length).
        let made_key = MADE_KEY.with_borrow_mut(|made_key| {
            made_key.clear();
            let _ = write!(made_key, "{language}\u{0}{key}\u{0}");
            for (name, value) in kwargs.iter() {
                let name = name.as_str().unwrap_or_default();
                if name == "key" {
                    continue;
                }
                made_key.push_str(name);
                made_key.push('\u{0}');
                match number_arg(value) {
                    Some(n) => {
                        let _ = write!(made_key, "n{:x}", n.to_bits());
                    }
                    None => {
                        let text = value_text(value);
                        made_key.push(if value.is_safe() { 's' } else { 't' });
                        let _ = write!(made_key, "{}:", text.len());
                        made_key.push_str(&text);
                    }
                }
                made_key.push('\u{0}');
            }
            match self
                .made
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .get(made_key.as_str())
            {
                Some(made) => Err(made.clone()),
                None => Ok(made_key.clone()),
            }
        });
        let made_key = match made_key {
            Err(made) => return Ok(made),
            Ok(k) => k,
        };
        let mut texts: Vec<(String, bool)> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        let mut numbers: Vec<(usize, f64)> = Vec::new();
        for (name, value) in kwargs.iter() {
            let name = name.as_str().unwrap_or_default().to_string();
            if name == "key" {
                continue;
            }
            if let Some(n) = number_arg(value) {
                numbers.push((names.len(), n));
                names.push(name);
                texts.push((String::new(), false));
            } else {
                texts.push((value_text(value).into_owned(), value.is_safe()));
                names.push(name);
            }
        }
        let messages = self.catalog.get(&language);
        let placeholders: Vec<String> = (0..names.len())
            .map(|i| format!("{ARG_OPEN}{i}{ARG_CLOSE}"))
            .collect();
        let args: Vec<(&str, Arg<'_>)> = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let arg = match numbers.iter().find(|(k, _)| *k == i) {
                    Some((_, n)) => Arg::Number(*n),
                    None => Arg::Text(&placeholders[i]),
                };
                (name.as_str(), arg)
            })
            .collect();
        let Some(text) = messages.get(&key, &args) else {
            return Err(tera::Error::message(format!(
                "t(key=\"{key}\"): no such message in the theme's or the guide's `messages/`"
            )));
        };
        // Escape the message, then put the arguments in.
        let mut out = String::with_capacity(text.len());
        let escaped = crate::text::escape_html(&text);
        let mut rest = escaped.as_str();
        while let Some(open) = rest.find(ARG_OPEN) {
            out.push_str(&rest[..open]);
            let after = &rest[open + ARG_OPEN.len_utf8()..];
            let Some(close) = after.find(ARG_CLOSE) else {
                rest = after;
                continue;
            };
            if let Some((value, safe)) = after[..close]
                .parse::<usize>()
                .ok()
                .and_then(|i| texts.get(i))
            {
                if *safe {
                    out.push_str(value);
                } else {
                    out.push_str(&crate::text::escape_html(value));
                }
            }
            rest = &after[close + ARG_CLOSE.len_utf8()..];
        }
        out.push_str(rest);
        let value = tera::Value::safe_string(&out);
        let mut made = self.made.write().unwrap_or_else(|e| e.into_inner());
        if made.len() < MADE_LIMIT {
            made.insert(made_key, value.clone());
        }
        Ok(value)
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `text` as a quoted CSS string, safe inside a `<style>` element: quotes,
/// backslashes, control characters and `<`, `>`, `&` written as CSS escapes
/// (`\3C `), so nothing in it can end the string or the element. What the
/// `css_string` filter gives, for the running title of printed pages
/// (`@page { @top-center { content: … } }`).
pub(crate) fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            c if c.is_control() || matches!(c, '"' | '\\' | '<' | '>' | '&' | '\'') => {
                let _ = write!(out, "\\{:X} ", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Set up Tera with the theme's templates (site overrides already applied).
///
/// With `fingerprint` (a build; not the dev server, which swaps a changed
/// stylesheet in by its name), `asset()` names the theme's CSS and
/// JavaScript by their content hash (see `Sources::fingerprints`), and a
/// site's own with `asset(path=..., hash=true)`.
pub(crate) fn load_templates(
    sources: &Sources,
    base_url: &crate::config::BaseUrl,
    catalog: &Catalog,
    fingerprint: bool,
) -> Result<Tera, Diagnostics> {
    let mut tera = Tera::default();
    // Tera's own `range`, with a budget per page (see `limits`).
    tera.register_function("range", limits::range);
    tera.register_function(
        "t",
        Translate {
            catalog: catalog.clone(),
            made: Default::default(),
        },
    );
    let numbers = catalog.clone();
    tera.register_function(
        "number",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let n: i64 = kwargs.must_get("n")?;
            let language: String = state
                .get("lang")?
                .unwrap_or_else(|| crate::i18n::DEFAULT_LANGUAGE.to_string());
            Ok(numbers.get(&language).number(n))
        },
    );
    tera.register_filter(
        "css_string",
        |value: &str, _: Kwargs, _: &State| -> tera::Value {
            tera::Value::safe_string(&css_string(value))
        },
    );
    // Each static file, and whether it is the theme's.
    let statics: Arc<HashMap<String, bool>> = Arc::new(
        sources
            .statics
            .iter()
            .map(|(path, f)| (path.clone(), f.theme))
            .collect(),
    );
    let prints = Arc::new(if fingerprint {
        sources.fingerprints()
    } else {
        BTreeMap::new()
    });
    let base = base_url.clone();
    tera.register_function(
        "asset",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let path: String = kwargs.must_get("path")?;
            let absolute: bool = kwargs.get("absolute")?.unwrap_or(false);
            let hash: Option<bool> = kwargs.get("hash")?;
            let path = path.trim_start_matches('/');
            if let Some(&theme) = statics.get(path) {
                let prefix = if absolute { &base.url } else { &base.path };
                let name = match prints.get(path) {
                    Some(hashed) if hash.unwrap_or(theme) => hashed.as_str(),
                    _ => path,
                };
                Ok(format!("{prefix}{}", crate::text::encode_path(name)))
            } else {
                Err(tera::Error::message(format!(
                    "asset(path=\"{path}\"): no such file in the theme's or the site's `static/`"
                )))
            }
        },
    );
    let mut diags = Diagnostics::new();
    for name in REQUIRED_TEMPLATES {
        if sources.theme_found && !sources.templates.contains_key(*name) {
            diags.push(
                Diagnostic::new(
                    Code::Template,
                    format!("the theme has no `{name}` template"),
                )
                .hint(format!("add `templates/{name}` to the site or the theme")),
            );
        }
    }
    if let Err(e) = tera.add_raw_templates(
        sources
            .templates
            .iter()
            .map(|(name, t)| (name.as_str(), t.text.as_str())),
    ) {
        diags.extend(template_diagnostics(&e, sources, None));
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(tera)
    }
}

/// Turn a Tera error into diagnostics at the templates' lines and columns.
fn template_diagnostics(e: &tera::Error, sources: &Sources, page: Option<&str>) -> Vec<Diagnostic> {
    const HINT: &str = "fix the template; `docs/themes.md` lists every variable templates can use";
    let while_rendering = page
        .map(|p| format!(" while rendering {p}"))
        .unwrap_or_default();
    let located =
        |what: &str, message: &str, name: &str, line: usize, column: usize, len: usize| {
            let (origin, text) = match sources.templates.get(name) {
                Some(TemplateSource { origin, text }) => (origin.clone(), text.as_str()),
                None => (name.to_string(), ""),
            };
            Diagnostic::new(
                Code::Template,
                format!("{what}{while_rendering}: {message}"),
            )
            .at(Location::at_line(origin, text, line, column, len))
            .hint(HINT)
        };
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let what = if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) {
                "template syntax error"
            } else {
                "template error"
            };
            let span = r.span();
            let len = if span.end_line == span.start_line {
                span.end_col.saturating_sub(span.start_col).max(1)
            } else {
                1
            };
            vec![located(
                what,
                r.message(),
                r.filename(),
                span.start_line,
                span.start_col + 1,
                len,
            )]
        }
        tera::ErrorKind::MissingParent { current, parent } => {
            let (line, column, len) = tag_location(sources, current, "extends", parent);
            vec![located(
                "template error",
                &format!("`{current}` extends `{parent}`, which does not exist"),
                current,
                line,
                column,
                len,
            )]
        }
        // The tag that closes the loop: the last template in the chain
        // including (or extending) the first again.
        tera::ErrorKind::CircularInclude {
            include_chain: chain,
            ..
        }
        | tera::ErrorKind::CircularExtend {
            inheritance_chain: chain,
            ..
        } if chain.len() >= 2 => {
            let (keyword, verb) = if matches!(e.kind(), tera::ErrorKind::CircularInclude { .. }) {
                ("include", "includes")
            } else {
                ("extends", "extends")
            };
            let (from, to) = (&chain[chain.len() - 2], &chain[chain.len() - 1]);
            let (line, column, len) = tag_location(sources, from, keyword, to);
            vec![located(
                "template error",
                &format!(
                    "`{from}` {verb} `{to}`, which leads back to it: {}",
                    chain.join(" → ")
                ),
                from,
                line,
                column,
                len,
            )]
        }
        _ => {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                message.push_str(": ");
                message.push_str(&s.to_string());
                source = s.source();
            }
            // Tera reports unknown filters, tests, functions and includes as
            // text (`error: …` then ` --> name:line:col` and a `^^^` marker);
            // read the places back out of it.
            let reports = parse_reports(&message);
            if reports.is_empty() {
                return vec![
                    Diagnostic::new(
                        Code::Template,
                        format!("template error{while_rendering}: {message}"),
                    )
                    .hint(HINT),
                ];
            }
            reports
                .into_iter()
                .map(|(msg, name, line, col, len)| {
                    located("template error", &msg, &name, line, col, len)
                })
                .collect()
        }
    }
}

/// Line, column and length of `{% keyword "target" %}` in template `name`
/// (the first such tag), or of the template's first line.
fn tag_location(
    sources: &Sources,
    name: &str,
    keyword: &str,
    target: &str,
) -> (usize, usize, usize) {
    let Some(text) = sources.templates.get(name).map(|t| t.text.as_str()) else {
        return (1, 1, 1);
    };
    for (i, line) in text.lines().enumerate() {
        let mut from = 0;
        while let Some(k) = line[from..].find(keyword).map(|k| from + k) {
            let rest = line[k + keyword.len()..].trim_start();
            if rest.starts_with(&format!("\"{target}\""))
                || rest.starts_with(&format!("'{target}'"))
            {
                let column = line[..k].chars().count() + 1;
                let len = line.len() - rest.len() - k + target.chars().count() + 2;
                return (i + 1, column, len);
            }
            from = k + keyword.len();
        }
    }
    (1, 1, 1)
}

/// `(message, template, line, column, length)` of each report in a text of
/// rendered Tera reports.
fn parse_reports(text: &str) -> Vec<(String, String, usize, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let Some(msg) = l.trim_start().strip_prefix("error: ") else {
            continue;
        };
        let Some(place) = lines
            .get(i + 1)
            .and_then(|n| n.trim_start().strip_prefix("--> "))
        else {
            continue;
        };
        let mut parts = place.rsplitn(3, ':');
        let (Some(col), Some(line), Some(name)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let (Ok(line), Ok(col)) = (line.trim().parse::<usize>(), col.trim().parse::<usize>())
        else {
            continue;
        };
        let len = lines
            .iter()
            .skip(i + 2)
            .take(4)
            .find(|m| m.contains('^'))
            .map_or(1, |m| m.matches('^').count());
        out.push((msg.to_string(), name.trim().to_string(), line, col, len));
    }
    out
}

/// Where rendered files go as they are made: written to disk by `output`
/// (`output::Staging`) during a build, or kept in memory by [`Collect`]
/// for `check`, the dev server and tests.
pub(crate) trait Sink: Sync {
    /// Every path that files will come to, told before the first comes
    /// (so a writer makes each folder once).
    fn prepare(&self, paths: &mut dyn Iterator<Item = &str>) -> Result<(), Diagnostic>;
    /// One file, from any thread, in any order.
    fn take(&self, file: OutputFile) -> Result<(), Diagnostic>;
}

/// A [`Sink`] that keeps every file in memory.
#[derive(Debug, Default)]
pub(crate) struct Collect(Mutex<Vec<OutputFile>>);

impl Sink for Collect {
    fn prepare(&self, _: &mut dyn Iterator<Item = &str>) -> Result<(), Diagnostic> {
        Ok(())
    }

    fn take(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    }
}

impl Collect {
    /// The files collected, in path order (whatever order they came in).
    pub(crate) fn into_site(self) -> RenderedSite {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        RenderedSite { files }
    }
}

/// A sink as the renderer's threads share it: after the first failure to
/// take a file (a write error), the rest are dropped and that one error is
/// the result.
struct Feed<'s> {
    sink: &'s dyn Sink,
    failed: Mutex<Option<Diagnostic>>,
}

impl<'s> Feed<'s> {
    fn new(sink: &'s dyn Sink) -> Feed<'s> {
        Feed {
            sink,
            failed: Mutex::new(None),
        }
    }

    fn send(&self, file: OutputFile) {
        let mut failed = self.failed.lock().unwrap_or_else(|e| e.into_inner());
        if failed.is_some() {
            return;
        }
        drop(failed);
        if let Err(d) = self.sink.take(file) {
            failed = self.failed.lock().unwrap_or_else(|e| e.into_inner());
            failed.get_or_insert(d);
        }
    }

    /// Send a rendered file, or hand back its rendering error.
    fn send_result(&self, file: Result<OutputFile, Diagnostic>) -> Option<Diagnostic> {
        match file {
            Ok(f) => {
                self.send(f);
                None
            }
            Err(d) => Some(d),
        }
    }

    fn finish(self) -> Result<(), Diagnostics> {
        match self.failed.into_inner().unwrap_or_else(|e| e.into_inner()) {
            Some(d) => Err(d.into()),
            None => Ok(()),
        }
    }
}

/// Render the site of the guide's own language into `sink`, each page
/// handed on as soon as it is rendered (so a build holds a few pages at a
/// time, not the site): every page, the workbook, `404.html`, the search
/// index, the sitemap of all `sites` (every language), `robots.txt`, and
/// the static files. Every path is known before anything is rendered, so
/// clashes are found first and the sink makes each folder once.
pub(crate) fn render_site(
    site: &Site,
    sites: &[Site],
    tera: &Tera,
    sources: &Sources,
    sink: &dyn Sink,
) -> Result<(), Diagnostics> {
    let r = Renderer::new(site, tera, sources);
    let mut paths: Vec<String> = (0..site.pages.len()).map(|i| r.page_path(i)).collect();
    paths.extend([
        r.workbook_path(),
        "404.html".to_string(),
        r.search_index_path(),
        "sitemap.xml".to_string(),
        "robots.txt".to_string(),
    ]);
    let mut clashes = Diagnostics::new();
    let generated: HashSet<String> = paths.iter().cloned().collect();
    let mut statics = Vec::with_capacity(site.statics.len());
    for (path, file) in &site.statics {
        if generated.contains(path) {
            clashes.push(
                Diagnostic::new(
                    Code::PathClash,
                    format!("static file `{path}` has the same path as a generated page"),
                )
                .at(static_location(sources, file))
                .hint("rename or move the static file"),
            );
            continue;
        }
        paths.push(path.clone());
        statics.push((path.clone(), file));
    }
    // The content-hashed copies of CSS and JavaScript that `asset()` may
    // name (the plain names stay, for links written by hand).
    for (path, hashed) in sources.fingerprints() {
        if let Some(file) = site.statics.get(&path)
            && !generated.contains(&path)
            && !site.statics.contains_key(&hashed)
        {
            paths.push(hashed.clone());
            statics.push((hashed, file));
        }
    }
    // A file where another output needs a folder (`static/steps` beside the
    // pages in `steps/`) could not be written.
    let folders: HashSet<&str> = paths
        .iter()
        .flat_map(|p| p.match_indices('/').map(|(i, _)| &p[..i]))
        .collect();
    let mut unwritable = HashSet::new();
    for path in &paths {
        if folders.contains(path.as_str()) {
            unwritable.insert(path.clone());
            let location = site
                .statics
                .get(path)
                .map(|s| static_location(sources, s))
                .unwrap_or_else(|| Location::file(path));
            clashes.push(
                Diagnostic::new(
                    Code::PathClash,
                    format!("`{path}` is a file, but other pages need a folder there"),
                )
                .at(location)
                .hint("rename or move the file"),
            );
        }
    }
    // Reported; left out, so a build reports the clash rather than the
    // write that would fail on it.
    paths.retain(|p| !unwritable.contains(p));
    statics.retain(|(p, _)| !unwritable.contains(p));
    sink.prepare(&mut paths.iter().map(String::as_str))?;
    drop(paths);
    let feed = Feed::new(sink);
    let mut diags = pages_and_index(&r, &feed, &[Renderer::workbook, Renderer::not_found]);
    feed.send(OutputFile {
        path: "sitemap.xml".to_string(),
        contents: Contents::Bytes(sitemap(sites).into_bytes()),
    });
    feed.send(r.robots());
    diags.extend(clashes);
    statics.par_iter().for_each(|(path, file)| {
        feed.send(OutputFile {
            path: path.clone(),
            contents: Contents::Copy(file.source.clone()),
        })
    });
    feed.finish()?;
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(())
}

/// One of the pages a site has besides its content (the workbook, the
/// 404 page).
type Special<'a> = fn(&Renderer<'a>) -> Result<OutputFile, Diagnostic>;

/// Every page of `r`'s site into `feed`, then the `special` ones, all
/// rendered in parallel (the workbook renders every worksheet again: on a
/// small site it took as long as the other pages together, after them);
/// and the site's search index, made while the pages render (it needs
/// only the model). Returns the pages' errors, in that order.
fn pages_and_index<'a>(r: &Renderer<'a>, feed: &Feed<'_>, special: &[Special<'a>]) -> Diagnostics {
    let pages = r.site.pages.len();
    let (page_errors, index_errors) = rayon::join(
        || {
            (0..pages + special.len())
                .into_par_iter()
                .filter_map(|k| {
                    let file = match k.checked_sub(pages) {
                        None => r.page(k),
                        Some(j) => special[j](r),
                    };
                    feed.send_result(file)
                })
                .collect::<Vec<Diagnostic>>()
        },
        || r.search_index_into(true, &|file| feed.send(file)),
    );
    let mut diags = Diagnostics::new();
    diags.extend(page_errors);
    diags.extend(index_errors);
    diags
}

/// The files of one of the guide's other languages, into `sink`: its
/// pages, its workbook, its search index and the files placed beside its
/// pages. The rest (the theme's and `static/` files, the 404 page,
/// `robots.txt`, the sitemap) the guide's own language has (see
/// `languages::render_sites`).
pub(crate) fn render_translation(
    site: &Site,
    tera: &Tera,
    sources: &Sources,
    sink: &dyn Sink,
) -> Result<(), Diagnostics> {
    let r = Renderer::new(site, tera, sources);
    let colocated: Vec<_> = site.statics.iter().filter(|(_, f)| f.colocated).collect();
    let mut paths: Vec<String> = (0..site.pages.len()).map(|i| r.page_path(i)).collect();
    paths.extend([r.workbook_path(), r.search_index_path()]);
    paths.extend(colocated.iter().map(|(p, _)| (*p).clone()));
    sink.prepare(&mut paths.iter().map(String::as_str))?;
    drop(paths);
    let feed = Feed::new(sink);
    let diags = pages_and_index(&r, &feed, &[Renderer::workbook]);
    colocated.par_iter().for_each(|(path, file)| {
        feed.send(OutputFile {
            path: (*path).clone(),
            contents: Contents::Copy(file.source.clone()),
        })
    });
    feed.finish()?;
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(())
}

/// Where each language's search index goes, below its root.
pub(crate) const SEARCH_INDEX: &str = "search-index.js";

/// Renders the site's files one at a time, so a rebuild can render only
/// the pages that changed.
pub(crate) struct Renderer<'a> {
    site: &'a Site,
    tera: &'a Tera,
    sources: &'a Sources,
    /// The guide view, made into a template value once: Tera values share
    /// their lists, so every page gets it for the cost of a pointer.
    guide: tera::Value,
}

impl<'a> Renderer<'a> {
    pub(crate) fn new(site: &'a Site, tera: &'a Tera, sources: &'a Sources) -> Renderer<'a> {
        Renderer {
            site,
            tera,
            sources,
            guide: tera::Value::from_serializable(&guide_view(site)),
        }
    }

    fn render(
        &self,
        template: &str,
        path: String,
        ctx: &Context,
        what: &str,
    ) -> Result<OutputFile, Diagnostic> {
        let _guard = limits::Guard::new(template, what);
        let mut out = limits::CappedWriter::new();
        let rendered = self.tera.render_to(template, ctx, &mut out);
        if let Some(stop) = out.stopped {
            // Stopped while writing: Tera knows no line for that, so the
            // report names the template and the page.
            let origin = self
                .sources
                .templates
                .get(template)
                .map_or(template, |t| t.origin.as_str());
            return Err(Diagnostic::new(
                Code::Template,
                format!("template error while rendering {what}: {}", stop.message()),
            )
            .at(Location::file(origin))
            .hint("look for a loop in the template (or a template it extends or includes) that writes without end"));
        }
        rendered
            .map(|()| OutputFile {
                path,
                contents: Contents::Bytes(out.bytes),
            })
            .map_err(|e| {
                // One template error per page is plenty; keep the first.
                template_diagnostics(&e, self.sources, Some(what))
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| {
                        Diagnostic::new(
                            Code::Template,
                            format!("template error while rendering {what}"),
                        )
                    })
            })
    }

    /// What every template sees: `guide`, and `lang` for `t()`.
    fn context(&self) -> Context {
        let mut ctx = Context::new();
        ctx.insert_value("guide", self.guide.clone());
        ctx.insert("lang", &self.site.config.language);
        ctx
    }

    /// Where page `i` goes, below the output folder.
    fn page_path(&self, i: usize) -> String {
        format!("{}index.html", self.site.pages[i].path)
    }

    /// Where the workbook goes.
    fn workbook_path(&self) -> String {
        format!(
            "{}{WORKBOOK_PATH}index.html",
            self.site.config.language_path
        )
    }

    /// Where the search index goes.
    fn search_index_path(&self) -> String {
        format!("{}{SEARCH_INDEX}", self.site.config.language_path)
    }

    /// Page `i` of the site.
    pub(crate) fn page(&self, i: usize) -> Result<OutputFile, Diagnostic> {
        let site = self.site;
        let template = match site.pages[i].kind {
            PageKind::Home => "index.html",
            PageKind::Step => "step.html",
            PageKind::Worksheet => "worksheet.html",
            PageKind::Section => "section.html",
            PageKind::Page => "page.html",
        };
        let mut ctx = self.context();
        ctx.insert("page", &page_view(site, i)?);
        self.render(
            template,
            self.page_path(i),
            &ctx,
            &format!("`{}`", site.pages[i].source),
        )
    }

    /// The workbook: every worksheet, in step order, on one page.
    pub(crate) fn workbook(&self) -> Result<OutputFile, Diagnostic> {
        let mut ctx = self.context();
        let title = self.site.messages.text("workbook-title");
        let path = format!("{}{WORKBOOK_PATH}", self.site.config.language_path);
        let mut page = special_page(self.site, "workbook", &title, &path);
        page.pdf = pdf_links(self.site, &path);
        page.translations = self
            .site
            .translations
            .of_workbook(&self.site.config.base_url)
            .into_iter()
            .map(|mut t| {
                t.current = t.code == self.site.config.language;
                t
            })
            .collect();
        ctx.insert("page", &page);
        ctx.insert("worksheets", &workbook_entries(self.site)?);
        self.render(
            "workbook.html",
            format!("{path}index.html"),
            &ctx,
            "the workbook",
        )
    }

    pub(crate) fn not_found(&self) -> Result<OutputFile, Diagnostic> {
        let mut ctx = self.context();
        let title = self.site.messages.text("not-found-title");
        ctx.insert(
            "page",
            &special_page(self.site, "not_found", &title, "404.html"),
        );
        self.render("404.html", "404.html".to_string(), &ctx, "the 404 page")
    }

    /// The search index of this language's pages (see `search`), split
    /// into many files for a large site when `may_split`; and an error for
    /// each page whose HTML could not be read.
    pub(crate) fn search_index(&self, may_split: bool) -> Vec<Result<OutputFile, Diagnostic>> {
        let files = std::sync::Mutex::new(Vec::new());
        let failures = self.search_index_into(may_split, &|f| {
            files.lock().unwrap_or_else(|e| e.into_inner()).push(f)
        });
        let files = files.into_inner().unwrap_or_else(|e| e.into_inner());
        files
            .into_iter()
            .map(Ok)
            .chain(failures.into_iter().map(Err))
            .collect()
    }

    /// [`Renderer::search_index`], each file handed to `emit` as it is
    /// made (from any thread). Returns the pages' errors.
    fn search_index_into(
        &self,
        may_split: bool,
        emit: &(dyn Fn(OutputFile) + Sync),
    ) -> Diagnostics {
        let site = self.site;
        crate::search::index_files(
            site,
            |i| page_html(site, i, ""),
            may_split,
            &|path, bytes| {
                emit(OutputFile {
                    path: format!("{}{path}", site.config.language_path),
                    contents: Contents::Bytes(bytes),
                })
            },
        )
    }

    pub(crate) fn robots(&self) -> OutputFile {
        let base = &self.site.config.base_url;
        let mut text = String::new();
        if base.path != "/" {
            // Crawlers read `robots.txt` only at the root of a host, so this
            // copy is not read where it is published: say so in the file.
            let root = base.url.strip_suffix(&base.path).unwrap_or(&base.url);
            let _ = write!(
                text,
                "# Crawlers read robots.txt only at the root of a host ({root}/robots.txt).\n\
                 # This guide is published under {}, so this file is not read where it is;\n\
                 # to announce the sitemap, add the Sitemap line below to the host's robots.txt.\n\n",
                base.path
            );
        }
        let _ = write!(
            text,
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            base.url
        );
        OutputFile {
            path: "robots.txt".to_string(),
            contents: Contents::Bytes(text.into_bytes()),
        }
    }
}

fn link(site: &Site, page: usize) -> Link {
    Link {
        title: site.pages[page].title.clone(),
        url: site.url(page),
    }
}

fn step_link(site: &Site, step: usize) -> StepLink {
    let p = &site.pages[step];
    StepLink {
        number: p.step.unwrap_or(0),
        title: p.title.clone(),
        url: site.url(step),
        summary: p.summary.clone(),
        worksheet: p
            .worksheet
            .as_deref()
            .and_then(|w| site.worksheet_by_slug(w))
            .map(|w| link(site, w)),
        key: site
            .translations
            .answers_key(&p.source, &p.slug)
            .to_string(),
    }
}

pub(crate) fn guide_view(site: &Site) -> GuideView {
    let c = &site.config;
    let root = &site.sections[0];
    let special = |dir: &str| dir == crate::site::STEPS_DIR || dir == crate::site::WORKSHEETS_DIR;
    let section_url = |dir: &str| {
        site.section_by_dir(dir)
            .map(|s| site.url(site.sections[s].page))
            .unwrap_or_else(|| c.base_url.path.clone())
    };
    GuideView {
        title: c.title.clone(),
        description: c.description.clone(),
        language: c.language.clone(),
        author: c.author.clone(),
        base_url: c.base_url.url.clone(),
        base_path: c.base_url.path.clone(),
        home_url: format!("{}{}", c.base_url.path, c.language_path),
        workbook_url: format!("{}{}{WORKBOOK_PATH}", c.base_url.path, c.language_path),
        worksheets_url: section_url(crate::site::WORKSHEETS_DIR),
        steps_url: section_url(crate::site::STEPS_DIR),
        safety_url: site
            .safety_page()
            .map(|p| site.url(p))
            .or_else(|| site.fallback_safety_url().map(str::to_string)),
        quick_exit_url: c.quick_exit_url.clone(),
        extra: c.extra.clone(),
        partner_labels: site.words.partner_labels.clone(),
        dir: site.messages.dir,
        js_messages: site.messages.js_json(),
        pages: root.pages.iter().map(|&p| link(site, p)).collect(),
        steps: site.steps.iter().map(|&s| step_link(site, s)).collect(),
        worksheets: site.worksheets.iter().map(|&w| link(site, w)).collect(),
        sections: root
            .subsections
            .iter()
            .filter(|&&s| !special(&site.sections[s].dir))
            .map(|&s| link(site, site.sections[s].page))
            .collect(),
        generator: format!("trellis {}", env!("CARGO_PKG_VERSION")),
        languages: site.translations.homes(&c.language),
        search_index_url: format!("{}{}{SEARCH_INDEX}", c.base_url.path, c.language_path),
    }
}

fn summary(site: &Site, p: usize) -> PageSummary {
    let page = &site.pages[p];
    PageSummary {
        title: page.title.clone(),
        url: site.url(p),
        summary: page.summary.clone(),
        reading_time: page.rendered.reading_time(),
        step_number: (page.kind == PageKind::Step).then_some(page.step).flatten(),
        prompts: if page.kind == PageKind::Worksheet {
            page.rendered.prompts
        } else {
            0
        },
        used_by: if page.kind == PageKind::Worksheet {
            site.steps_using(p).iter().map(|&s| link(site, s)).collect()
        } else {
            Vec::new()
        },
    }
}

/// The page's HTML with its links filled in.
pub(crate) fn page_html(site: &Site, i: usize, id_prefix: &str) -> Result<String, Diagnostic> {
    let p = &site.pages[i];
    let html = p.html().map_err(|e| {
        Diagnostic::new(
            Code::Output,
            format!("cannot read this page's HTML back from the build's scratch file: {e}"),
        )
        .at(Location::file(&p.source))
        .hint("the file is beside the output folder: check that disk's free space and health, then build again")
    })?;
    Ok(substitute_links(&html, &hrefs(p, id_prefix)))
}

/// The `href` for each of a page's links, in order.
fn hrefs(p: &crate::site::Page, id_prefix: &str) -> Vec<String> {
    p.link_targets
        .iter()
        .zip(&p.rendered.links)
        .map(|(target, link)| match (target, &link.raw) {
            // Raw HTML that does not resolve stays as the author wrote it.
            (crate::site::LinkTarget::Broken(_), Some(raw)) => raw.clone(),
            _ => target.href(id_prefix),
        })
        .collect()
}

pub(crate) fn page_view(site: &Site, i: usize) -> Result<PageView, Diagnostic> {
    let p = &site.pages[i];
    let mut ancestors = Vec::new();
    let mut parent = p.parent;
    while let Some(s) = parent {
        let section_page = site.sections[s].page;
        ancestors.push(link(site, section_page));
        parent = site.sections[s].parent;
    }
    ancestors.reverse();
    // Every step page gets a position, even one whose number was rejected
    // (the error is reported; the page still renders for `check`).
    let step = (p.kind == PageKind::Step).then(|| {
        let pos = site.step_position(i);
        StepPosition {
            number: p.step.unwrap_or(0),
            // The last step's number: a translation missing a step still
            // says "Step 3 of 7".
            total: site
                .steps
                .last()
                .and_then(|&s| site.pages[s].step)
                .unwrap_or(0)
                .max(site.steps.len() as u32),
            prev: pos
                .and_then(|pos| pos.checked_sub(1))
                .map(|k| link(site, site.steps[k])),
            next: pos
                .and_then(|pos| site.steps.get(pos + 1))
                .map(|&k| link(site, k)),
        }
    });
    let section = site
        .section_of_page(i)
        .map(|s| &site.sections[s])
        .map(|s| SectionListing {
            pages: s.pages.iter().map(|&p| summary(site, p)).collect(),
            subsections: s
                .subsections
                .iter()
                .map(|&sub| summary(site, site.sections[sub].page))
                .collect(),
        });
    Ok(PageView {
        kind: p.kind.name(),
        title: p.title.clone(),
        title_id: p.rendered.title_id.clone().unwrap_or_default(),
        summary: p.summary.clone(),
        content: page_html(site, i, "")?,
        toc: p.rendered.headings.toc(),
        word_count: p.rendered.word_count,
        reading_time: p.rendered.reading_time(),
        url: site.url(i),
        permalink: site.permalink(i),
        slug: p.slug.clone(),
        source: p.source.clone(),
        extra: p.extra.clone(),
        ancestors,
        step,
        worksheet: (p.kind == PageKind::Step)
            .then(|| {
                p.worksheet
                    .as_deref()
                    .and_then(|w| site.worksheet_by_slug(w))
            })
            .flatten()
            .map(|w| link(site, w)),
        used_by: site.steps_using(i).iter().map(|&s| link(site, s)).collect(),
        private: p.private,
        section,
        translations: site.translations.of_page(&p.source, &site.config.language),
        answers_key: site
            .translations
            .answers_key(&p.source, &p.slug)
            .to_string(),
        pdf: (p.kind == PageKind::Worksheet)
            .then(|| pdf_links(site, &p.path))
            .flatten(),
    })
}

/// The URLs of the PDFs of the page at URL path `path`, when the build
/// makes them (see [`crate::site::PdfTarget`]).
fn pdf_links(site: &Site, path: &str) -> Option<PdfLinks> {
    if !site.config.pdf {
        return None;
    }
    let target = crate::site::PdfTarget::of_path(path);
    let url = |p: &str| {
        format!(
            "{}{}",
            site.config.base_url.path,
            crate::text::encode_path(p)
        )
    };
    Some(PdfLinks {
        a4: url(&target.a4),
        letter: url(&target.letter),
    })
}

fn special_page(site: &Site, kind: &'static str, title: &str, path: &str) -> PageView {
    PageView {
        kind,
        title: title.to_string(),
        title_id: String::new(),
        summary: String::new(),
        content: String::new(),
        toc: Vec::new(),
        word_count: 0,
        reading_time: 0,
        url: format!("{}{path}", site.config.base_url.path),
        permalink: format!("{}{path}", site.config.base_url.url),
        slug: kind.to_string(),
        source: String::new(),
        extra: serde_json::Value::Object(Default::default()),
        ancestors: vec![Link {
            title: site.pages[site.home].title.clone(),
            url: site.url(site.home),
        }],
        step: None,
        worksheet: None,
        used_by: Vec::new(),
        private: false,
        section: None,
        translations: Vec::new(),
        answers_key: String::new(),
        pdf: None,
    }
}

/// Worksheets re-rendered with heading and footnote ids prefixed by their
/// slug, so ids stay unique when they share one page.
fn workbook_entries(site: &Site) -> Result<Vec<WorkbookEntry>, Diagnostic> {
    site.worksheets
        .par_iter()
        .map(|&w| {
            let p = &site.pages[w];
            let prefix = format!("{}--", p.slug);
            // A build keeps the worksheets' text for this.
            let text = p.text();
            let parsed = text
                .as_deref()
                .map(|text| (text, crate::frontmatter::parse(&p.source, text)));
            let content = match parsed {
                Some((text, Ok(parsed))) => {
                    let rendered = markdown::render(&Input {
                        file: &p.source,
                        file_text: text,
                        body: parsed.body,
                        body_offset: parsed.body_offset,
                        worksheet: Some(&p.slug),
                        id_prefix: &prefix,
                        words: &site.words,
                        take_title: parsed.front_matter.title.is_none(),
                    });
                    substitute_links(&rendered.html, &hrefs(p, &prefix))
                }
                // The page parsed once already; this cannot differ.
                _ => page_html(site, w, "")?,
            };
            Ok(WorkbookEntry {
                title: p.title.clone(),
                slug: p.slug.clone(),
                url: site.url(w),
                summary: p.summary.clone(),
                content,
                step: site.step_for_worksheet(w).map(|s| step_link(site, s)),
                private: p.private,
                answers_key: site
                    .translations
                    .answers_key(&p.source, &p.slug)
                    .to_string(),
            })
        })
        .collect()
}

/// The sitemap of a guide in each of its `sites` (one per language, the
/// guide's own first): every page and the workbook, and for a guide in
/// several languages each page's translations as `hreflang` alternates
/// (with `x-default`, the guide's own language), as Google documents.
pub(crate) fn sitemap(sites: &[Site]) -> String {
    let several = sites.len() > 1;
    let mut entries: Vec<(String, Vec<crate::view::Translation>)> = Vec::new();
    for site in sites {
        let language = &site.config.language;
        for i in 0..site.pages.len() {
            let alternates = site.translations.of_page(&site.pages[i].source, language);
            entries.push((site.permalink(i), alternates));
        }
        let workbook = format!(
            "{}{}{WORKBOOK_PATH}",
            site.config.base_url.url, site.config.language_path
        );
        entries.push((
            workbook,
            site.translations.of_workbook(&site.config.base_url),
        ));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
    );
    if several {
        s.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    s.push_str(">\n");
    for (url, alternates) in entries {
        s.push_str("  <url><loc>");
        s.push_str(&crate::text::escape_html(&url));
        s.push_str("</loc>");
        if several && alternates.len() > 1 {
            for t in &alternates {
                let _ = write!(
                    s,
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    crate::text::escape_html(&t.code),
                    crate::text::escape_html(&t.permalink)
                );
            }
            if let Some(first) = alternates
                .iter()
                .find(|t| t.code == sites[0].config.language)
            {
                let _ = write!(
                    s,
                    "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                    crate::text::escape_html(&first.permalink)
                );
            }
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = "title = \"T\"\nbase_url = \"https://e.org/\"\n[languages.es]\n";

    fn templates() -> Tera {
        let (sources, _) = crate::load::from_memory(CONFIG.to_string(), &[]);
        let config = crate::config::parse_config(crate::config::CONFIG_FILE, CONFIG).unwrap();
        let (catalog, _) = Catalog::load(&config, CONFIG, &sources.messages);
        let mut tera = load_templates(&sources, &config.base_url, &catalog, false).unwrap();
        tera.add_raw_template(
            "t.html",
            r#"{{ t(key="step-of", number=n, total=7) }}|{{ t(key="footer-by", author=a) }}|{{ t(key="footer-by", author=a | safe) }}|{{ t(key="nav-steps") }}"#,
        )
        .unwrap();
        tera
    }

    fn render(tera: &Tera, lang: &str, n: i64, a: &str) -> String {
        let mut ctx = Context::new();
        ctx.insert("lang", lang);
        ctx.insert("n", &n);
        ctx.insert("a", a);
        tera.render("t.html", &ctx).unwrap()
    }

    #[test]
    fn a_message_made_once_still_follows_its_language_and_every_argument() {
        let kept = templates();
        let calls = [
            ("en", 2, "<b>"),
            ("en", 3, "<b>"),
            ("en", 2, "x & y"),
            ("es", 2, "<b>"),
            ("en", 2, "<b>"),
        ];
        let mut seen = HashSet::new();
        for (lang, n, a) in calls {
            // The same calls on a fresh Tera, which has made nothing yet.
            let want = render(&templates(), lang, n, a);
            assert_eq!(render(&kept, lang, n, a), want, "{lang} {n} {a}");
            seen.insert(want);
        }
        assert_eq!(seen.len(), 4, "{seen:?}");
    }

    #[test]
    fn css_strings_cannot_end_the_string_or_the_style_element() {
        assert_eq!(css_string("Owning it"), "\"Owning it\"");
        assert_eq!(css_string("Шаг · خطوة"), "\"Шаг · خطوة\"");
        assert_eq!(
            css_string("a\"b\\c</style>\nd"),
            "\"a\\22 b\\5C c\\3C /style\\3E \\A d\""
        );
    }
}
