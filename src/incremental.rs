//! Incremental rebuilds: the pipeline kept warm between builds.
//!
//! A [`LiveSite`] holds the last good build in memory (sources, parsed
//! documents, templates, the site model and every output file) and applies
//! a batch of [`Change`]s to it: a content edit re-reads that file alone,
//! re-parses only documents whose text changed, re-places the site, and
//! re-renders only pages whose output can have changed; a template or config
//! change rebuilds everything. The result must always equal a full build:
//! the integration tests check that after every kind of change. This module
//! knows nothing of servers or file watching; `serve` drives it.

use std::collections::{BTreeMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::Tera;

use crate::config::GuideConfig;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, display_path};
use crate::load::{self, Sources};
use crate::pipeline;
use crate::render::{self, Contents, Renderer};
use crate::site::{DocumentCache, Site};

/// What changed on disk, by the kind of rebuild it needs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Change {
    /// `guide.toml`: everything.
    Config,
    /// A template (site `templates/` or the theme's): re-render everything.
    Template,
    /// A file in `static/` or the theme's `static/`.
    Static(String),
    /// A file or folder under `content/`, relative to the site root.
    Content(String),
}

impl Change {
    /// Classify a path (relative to the site root, `/` separators). `None` for
    /// paths no build reads.
    pub(crate) fn classify(rel: &str, theme: &str) -> Option<Change> {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        let is_static = rel.starts_with("static/") || rel.contains("/static/");
        let ignored = if is_static {
            load::is_ignored_static_name(name)
        } else {
            load::is_ignored_name(name)
        };
        if ignored {
            return None;
        }
        if rel == crate::config::CONFIG_FILE {
            return Some(Change::Config);
        }
        if rel == "content" || rel.starts_with("content/") {
            return Some(Change::Content(rel.to_string()));
        }
        if rel == "templates" || rel.starts_with("templates/") {
            return Some(Change::Template);
        }
        if rel == "static" || rel.starts_with("static/") {
            return Some(Change::Static(rel.to_string()));
        }
        let theme_dir = format!("themes/{theme}/");
        if let Some(rest) = rel.strip_prefix(&theme_dir) {
            return Some(if rest.starts_with("static/") {
                Change::Static(rel.to_string())
            } else {
                Change::Template
            });
        }
        None
    }
}

/// What a successful rebuild changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Update {
    /// Output paths whose contents changed, were added or were removed.
    pub changed: Vec<String>,
    /// True when every changed output is a stylesheet (the browser can swap
    /// stylesheets instead of reloading).
    pub only_css: bool,
    /// Warnings of the new build.
    pub warnings: Diagnostics,
    /// How many pages were rendered (for `--verbose` and benchmarks).
    pub pages_rendered: usize,
}

/// The output files of a build, by path. Contents are shared so a rebuild
/// that changes one page copies pointers, not pages.
pub(crate) type Files = BTreeMap<String, Arc<Contents>>;

/// What was last read from disk (kept even when that build failed).
struct Inputs {
    config: GuideConfig,
    sources: Sources,
    tera: Arc<Tera>,
}

/// The last build that succeeded: what `files` was rendered from.
struct Good {
    site: Site,
    signature: u64,
    statics: Vec<String>,
}

pub(crate) struct LiveSite {
    root: PathBuf,
    base_url: Option<String>,
    drafts: bool,
    cache: DocumentCache,
    inputs: Option<Inputs>,
    good: Option<Good>,
    files: Arc<Files>,
    /// Warnings of the last good build (the fast path keeps them).
    warnings: Diagnostics,
}

impl LiveSite {
    pub(crate) fn new(root: &Path, base_url: Option<String>, drafts: bool) -> LiveSite {
        LiveSite {
            root: root.to_path_buf(),
            base_url,
            drafts,
            cache: DocumentCache::default(),
            inputs: None,
            good: None,
            files: Arc::new(Files::new()),
            warnings: Diagnostics::new(),
        }
    }

    /// The files of the last good build, by output path.
    pub(crate) fn files(&self) -> Arc<Files> {
        Arc::clone(&self.files)
    }

    /// The configured theme's name (to classify changes), once known.
    pub(crate) fn theme(&self) -> Option<&str> {
        self.inputs.as_ref().map(|i| i.config.theme.as_str())
    }

    /// Build everything from disk.
    pub(crate) fn full_build(&mut self) -> Result<Update, Diagnostics> {
        let result = self.build_everything();
        self.forget_on_failure(result)
    }

    /// Apply a batch of changes.
    pub(crate) fn apply(&mut self, changes: &HashSet<Change>) -> Result<Update, Diagnostics> {
        let result = self.apply_changes(changes);
        self.forget_on_failure(result)
    }

    /// After a failed build, what is served no longer matches the sources
    /// (a template or another file may have changed meanwhile): the next
    /// good build must render every page, never patch the old ones.
    fn forget_on_failure(
        &mut self,
        result: Result<Update, Diagnostics>,
    ) -> Result<Update, Diagnostics> {
        if result.is_err() {
            self.good = None;
        }
        result
    }

    fn build_everything(&mut self) -> Result<Update, Diagnostics> {
        self.cache.clear();
        self.inputs = None;
        let (config, config_text) = pipeline::load_config(&self.root, self.base_url.as_deref())?;
        let (sources, mut diags) = load::load_sources(&self.root, config_text, &config.theme);
        let tera = match render::load_templates(&sources, &config.base_url.path) {
            Ok(t) => Arc::new(t),
            Err(d) => {
                diags.extend(d);
                return Err(diags);
            }
        };
        self.inputs = Some(Inputs {
            config,
            sources,
            tera,
        });
        self.rebuild(diags, true)
    }

    fn apply_changes(&mut self, changes: &HashSet<Change>) -> Result<Update, Diagnostics> {
        let needs_full = changes
            .iter()
            .any(|c| matches!(c, Change::Config | Change::Template));
        let Some(inputs) = self.inputs.as_mut().filter(|_| !needs_full) else {
            return self.build_everything().map(|u| with_statics(u, changes));
        };
        let mut diags = Diagnostics::new();
        // Paths that no longer exist and were never sources (an editor's
        // temp file, already renamed away) change nothing.
        let known = |p: &str| {
            p == "content"
                || inputs.sources.content.iter().any(|f| f.path == p)
                || inputs.sources.content_dirs.iter().any(|d| d == p)
                || p.strip_prefix("content/")
                    .is_some_and(|rest| inputs.sources.statics.contains_key(rest))
        };
        let changes: HashSet<&Change> = changes
            .iter()
            .filter(|c| match c {
                Change::Content(p) => self.root.join(p).exists() || known(p),
                _ => true,
            })
            .collect();
        if changes.is_empty() {
            return Ok(Update::default());
        }
        // Edits to existing Markdown files are read alone; anything else
        // (folders, new or removed files, assets, static files) re-lists
        // the sources, reusing parsed documents through the cache.
        let edits: Option<Vec<&String>> = changes
            .iter()
            .map(|c| match c {
                Change::Content(p)
                    if p.ends_with(".md")
                        && self.root.join(p).is_file()
                        && inputs.sources.content.iter().any(|f| &f.path == p) =>
                {
                    Some(p)
                }
                _ => None,
            })
            .collect();
        match edits {
            Some(paths) => {
                for p in paths {
                    let text = std::fs::read(self.root.join(p))
                        .map_err(|e| {
                            Diagnostic::new(Code::Unreadable, format!("cannot read: {e}"))
                                .at(crate::diagnostics::Location::file(p))
                        })
                        .and_then(|b| load::decode(p, b));
                    if let Some(f) = inputs.sources.content.iter_mut().find(|f| &f.path == p) {
                        match text {
                            Ok(text) => f.text = text,
                            Err(d) => {
                                // Unreadable now: drop it, as a fresh load would.
                                diags.push(d);
                                let p = p.clone();
                                inputs.sources.content.retain(|f| f.path != p);
                            }
                        }
                    }
                }
                if diags.is_empty()
                    && let Some(update) = self.try_body_edits(&changes)
                {
                    return update;
                }
            }
            None => {
                let config_text = std::mem::take(&mut inputs.sources.config_text);
                let (fresh, load_diags) =
                    load::load_sources(&self.root, config_text, &inputs.config.theme);
                diags.extend(load_diags);
                inputs.sources = fresh;
            }
        }
        let changes: HashSet<Change> = changes.into_iter().cloned().collect();
        self.rebuild(diags, false)
            .map(|u| with_statics(u, &changes))
    }

    /// The fast path for the commonest save: files whose edit changed
    /// nothing other pages show (their [`Outline`]) are swapped into the
    /// last good site and only their pages (and the workbook, for a
    /// worksheet) re-rendered. `None` when a full rebuild is needed.
    ///
    /// [`Outline`]: crate::site::Outline
    fn try_body_edits(
        &mut self,
        changes: &HashSet<&Change>,
    ) -> Option<Result<Update, Diagnostics>> {
        let inputs = self.inputs.as_ref()?;
        let good = self.good.as_mut()?;
        let mut swapped = Vec::new();
        for c in changes {
            let Change::Content(p) = c else { return None };
            let i = good.site.page_by_source(p)?;
            let text = &inputs.sources.content.iter().find(|f| &f.path == p)?.text;
            let doc = crate::site::Document::parse(p, text, &inputs.config).ok()?;
            let old = Arc::clone(&good.site.pages[i].doc);
            if !good
                .site
                .replace_document(i, Arc::new(doc), &mut self.cache)
            {
                // Put back what was already swapped, then take the slow path.
                for (j, old) in swapped {
                    good.site.replace_document(j, old, &mut self.cache);
                }
                return None;
            }
            swapped.push((i, old));
        }
        let renderer = Renderer::new(&good.site, &inputs.tera, &inputs.sources);
        let mut files = (*self.files).clone();
        let worksheet = swapped
            .iter()
            .any(|(i, _)| good.site.pages[*i].kind == crate::site::PageKind::Worksheet);
        let workbook = worksheet.then(|| renderer.workbook());
        let mut errors = Diagnostics::new();
        for result in swapped
            .iter()
            .map(|(i, _)| renderer.page(*i))
            .chain(workbook)
        {
            match result {
                Ok(f) => {
                    files.insert(f.path, Arc::new(f.contents));
                }
                Err(d) => errors.push(d),
            }
        }
        if errors.has_errors() {
            // A template failed on the new text: report it, keep serving the
            // old files, and let the next save rebuild from the top.
            self.good = None;
            return Some(Err(errors));
        }
        let changed = changed_paths(&self.files, &files);
        self.files = Arc::new(files);
        let warnings = self.warnings.clone();
        Some(Ok(Update {
            only_css: false,
            changed,
            warnings,
            pages_rendered: swapped.len(),
        }))
    }

    fn rebuild(&mut self, mut diags: Diagnostics, full: bool) -> Result<Update, Diagnostics> {
        let Some(inputs) = self.inputs.as_ref() else {
            return Err(diags);
        };
        let (site, site_diags) = Site::build_cached(
            inputs.config.clone(),
            &inputs.sources,
            self.drafts,
            &mut self.cache,
        );
        diags.extend(site_diags);
        diags.extend(crate::lint::lint(&site));
        if diags.has_errors() || !inputs.sources.theme_found {
            return Err(diags);
        }
        let signature = signature(&site);
        let statics: Vec<String> = inputs.sources.statics.keys().cloned().collect();
        let previous = self.good.as_ref();
        let render_all =
            full || previous.is_none_or(|g| g.signature != signature || g.statics != statics);
        let renderer = Renderer::new(&site, &inputs.tera, &inputs.sources);
        let mut files: Files;
        let pages_rendered;
        if render_all {
            let rendered = render::render_site(&site, &inputs.tera, &inputs.sources)?;
            pages_rendered = site.pages.len();
            files = rendered
                .files
                .into_iter()
                .map(|f| (f.path, Arc::new(f.contents)))
                .collect();
        } else {
            // Same pages, titles, order and summaries: only pages whose own
            // document or resolved links changed can render differently.
            let old = previous.map(|g| &g.site);
            files = (*self.files).clone();
            let mut dirty = Vec::new();
            let mut worksheet_changed = false;
            for (i, page) in site.pages.iter().enumerate() {
                let before = old.and_then(|o| o.page_by_source(&page.source).map(|j| &o.pages[j]));
                let same = before.is_some_and(|b| {
                    Arc::ptr_eq(&b.doc, &page.doc) && b.link_targets == page.link_targets
                });
                if !same {
                    dirty.push(i);
                    worksheet_changed |= page.kind == crate::site::PageKind::Worksheet;
                }
            }
            let mut errors = Diagnostics::new();
            let workbook = worksheet_changed.then(|| renderer.workbook());
            for result in dirty.iter().map(|&i| renderer.page(i)).chain(workbook) {
                match result {
                    Ok(f) => {
                        files.insert(f.path, Arc::new(f.contents));
                    }
                    Err(d) => errors.push(d),
                }
            }
            if errors.has_errors() {
                diags.extend(errors);
                return Err(diags);
            }
            pages_rendered = dirty.len();
        }
        let changed = changed_paths(&self.files, &files);
        self.files = Arc::new(files);
        self.warnings = diags.clone();
        self.good = Some(Good {
            site,
            signature,
            statics,
        });
        Ok(Update {
            only_css: !changed.is_empty() && changed.iter().all(|p| p.ends_with(".css")),
            changed,
            warnings: diags,
            pages_rendered,
        })
    }
}

/// Static files are read when served, so a build cannot see their bytes
/// change: add the output paths of changed static sources to the update.
fn with_statics(mut update: Update, changes: &HashSet<Change>) -> Update {
    for c in changes {
        if let Change::Static(p) = c {
            let out = p
                .strip_prefix("static/")
                .or_else(|| p.split_once("/static/").map(|(_, rest)| rest));
            if let Some(out) = out
                && !update.changed.iter().any(|c| c == out)
            {
                update.changed.push(out.to_string());
            }
        }
    }
    update.changed.sort();
    update.only_css =
        !update.changed.is_empty() && update.changed.iter().all(|p| p.ends_with(".css"));
    update
}

/// Everything about the site that other pages show: which pages exist, where,
/// in what order, with what titles and summaries, and the config. When it is
/// unchanged, a page's output depends only on its own document and links.
fn signature(site: &Site) -> u64 {
    let mut h = DefaultHasher::new();
    site.config.title.hash(&mut h);
    site.config.base_url.url.hash(&mut h);
    site.steps.hash(&mut h);
    site.worksheets.hash(&mut h);
    for s in &site.sections {
        (&s.dir, s.page, &s.pages, &s.subsections, s.parent).hash(&mut h);
    }
    for p in &site.pages {
        (
            &p.source,
            p.kind,
            &p.path,
            &p.title,
            &p.summary,
            p.weight,
            p.step,
            &p.worksheet,
            p.parent,
            p.rendered.reading_time(),
        )
            .hash(&mut h);
    }
    h.finish()
}

/// Output paths that differ between two builds (static files compare by
/// source: their bytes are read when served).
fn changed_paths(old: &Files, new: &Files) -> Vec<String> {
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(p, c)| old.get(*p).is_none_or(|o| !Arc::ptr_eq(o, c) && o != *c))
        .map(|(p, _)| p.clone())
        .collect();
    changed.extend(old.keys().filter(|p| !new.contains_key(*p)).cloned());
    changed.sort();
    changed
}

/// Map a changed path on disk to a [`Change`], relative to `root`.
pub(crate) fn change_for_path(root: &Path, path: &Path, theme: &str) -> Option<Change> {
    let rel = display_path(root, path);
    if rel.starts_with('/') || rel.starts_with("..") {
        return None;
    }
    Change::classify(&rel, theme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_paths() {
        let c = |p| Change::classify(p, "default");
        assert_eq!(c("guide.toml"), Some(Change::Config));
        assert_eq!(
            c("content/steps/01-a.md"),
            Some(Change::Content("content/steps/01-a.md".into()))
        );
        assert_eq!(c("templates/step.html"), Some(Change::Template));
        assert_eq!(
            c("themes/default/templates/base.html"),
            Some(Change::Template)
        );
        assert_eq!(
            c("themes/default/static/css/trellis.css"),
            Some(Change::Static(
                "themes/default/static/css/trellis.css".into()
            ))
        );
        assert_eq!(
            c("static/img/a.png"),
            Some(Change::Static("static/img/a.png".into()))
        );
        assert_eq!(c("content/.a.md.swp"), None);
        assert_eq!(c("content/a.md~"), None);
        assert_eq!(c("themes/other/templates/x.html"), None);
        assert_eq!(c("public/index.html"), None);
        assert_eq!(c("target/debug/x"), None);
    }
}
