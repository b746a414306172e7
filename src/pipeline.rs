//! Pipeline: the build as a flat list of named stages.
//!
//! config → load → site model (front matter, Markdown, worksheets, steps,
//! links) → render → output. [`render_in_memory`] runs every stage but the
//! last, so `check` and the dev server share exactly what `build` does;
//! [`build`] adds the one write. No stage stops at the first problem while
//! later stages can still find more.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{self, BaseUrl, GuideConfig};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};
use crate::i18n::Catalog;
use crate::languages;
use crate::load::{self, Reading, Sources};
use crate::output;
use crate::pdf;
use crate::render::{self, RenderedSite};
use crate::shelf::Shelf;
use crate::site::{DocumentCache, PdfTarget, Site};
use tera::Tera;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    /// Overrides `base_url` from `guide.toml`.
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Also print every worksheet and the workbook to PDF (`--pdf`; also
    /// on with `pdf = true` in `guide.toml`). Needs Chromium.
    pub pdf: bool,
}

/// A site rendered, with the model it came from.
#[derive(Debug)]
pub struct Built {
    /// One model per language, the guide's own first.
    pub(crate) sites: Vec<Site>,
    /// Every file, in memory ([`render_in_memory`]). Empty after [`build`],
    /// which hands each file to the writer as soon as it is rendered.
    pub rendered: RenderedSite,
    /// How many files the site has.
    pub files: usize,
    /// How many PDFs `build` printed beside the pages (0 without `--pdf`).
    pub pdf_count: usize,
    /// What [`build`] read (the sources and the parsed templates), kept
    /// with the model so that the binary can leave all of it to the
    /// process's exit rather than free it an allocation at a time.
    _inputs: Option<(Sources, Tera)>,
}

impl Built {
    /// How many pages the site has in all its languages (not counting the
    /// workbooks and 404).
    pub fn page_count(&self) -> usize {
        self.sites.iter().map(|s| s.pages.len()).sum()
    }
}

/// What a run produced: the site if there were no errors, and every
/// diagnostic (warnings come with a successful build too).
#[derive(Debug)]
pub struct Outcome {
    pub built: Option<Built>,
    pub diagnostics: Diagnostics,
    /// How long each stage took, in order (for `--verbose`).
    pub timings: Vec<(&'static str, Duration)>,
}

/// Read the config, applying a `--base-url` override.
pub(crate) fn load_config(
    root: &Path,
    base_url: Option<&str>,
) -> Result<(GuideConfig, String), Diagnostics> {
    let text = load::read_config(root).map_err(Diagnostics::from)?;
    let config = load_config_text(&text, base_url)?;
    Ok((config, text))
}

fn load_config_text(text: &str, base_url: Option<&str>) -> Result<GuideConfig, Diagnostics> {
    let mut config = config::parse_config(config::CONFIG_FILE, text)?;
    if let Some(raw) = base_url {
        config.base_url = BaseUrl::parse(raw).map_err(|m| {
            Diagnostics::from(Diagnostic::new(Code::Config, format!("--base-url: {m}")))
        })?;
    }
    Ok(config)
}

/// Every stage except writing: load, model, render. Carries on past errors
/// as far as it can, so one run reports every problem; the site is returned
/// only when there were none.
pub fn render_in_memory(root: &Path, base_url: Option<&str>, drafts: bool) -> Outcome {
    render_in_memory_naming(root, base_url, drafts, true)
}

/// [`render_in_memory`] with the dev server's plain asset names when not
/// `fingerprint` (so the two can be compared byte for byte).
pub fn render_in_memory_naming(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
    fingerprint: bool,
) -> Outcome {
    match load_stage(root, base_url, Reading::Now) {
        Ok((config, sources, diagnostics, timings)) => {
            render_loaded(config, sources, diagnostics, timings, drafts, fingerprint)
        }
        Err(diagnostics) => Outcome {
            built: None,
            diagnostics,
            timings: Vec::new(),
        },
    }
}

type Loaded = (
    GuideConfig,
    Sources,
    Diagnostics,
    Vec<(&'static str, Duration)>,
);

/// Stages 1 and 2: the config and the sources. Without a `guide.toml`
/// there is nothing more to do: the error says so.
fn load_stage(
    root: &Path,
    base_url: Option<&str>,
    reading: Reading,
) -> Result<Loaded, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let clock = Instant::now();
    // 1. Config. Without a guide.toml there is nothing to check; with a bad
    //    one, keep checking the content against a stand-in config.
    let config_text = match load::read_config(root) {
        Ok(t) => t,
        Err(d) => {
            return Err(d.into());
        }
    };
    let config = match load_config_text(&config_text, base_url) {
        Ok(c) => c,
        Err(d) => {
            diagnostics.extend(d);
            config::fallback_config(&config_text)
        }
    };
    // 2. Load sources (unreadable files are diagnostics; the rest still
    //    load). A build leaves the pages' text for the model to read.
    let (sources, load_diags) = load::load_sources(root, config_text, &config.theme, reading);
    diagnostics.extend(load_diags);
    let timings = vec![("load", clock.elapsed())];
    Ok((config, sources, diagnostics, timings))
}

/// [`render_in_memory`] for sources already in memory: `guide.toml`'s text
/// and the content files as `(path, text)` (`content/steps/01-a.md`), with
/// the built-in default theme. Reads nothing from disk; what property tests
/// and fuzzing drive.
pub fn render_sources(config_text: &str, files: &[(String, String)], drafts: bool) -> Outcome {
    let mut diagnostics = Diagnostics::new();
    let config = match load_config_text(config_text, None) {
        Ok(c) => c,
        Err(d) => {
            diagnostics.extend(d);
            config::fallback_config(config_text)
        }
    };
    let (sources, load_diags) = load::from_memory(config_text.to_string(), files);
    diagnostics.extend(load_diags);
    render_loaded(config, sources, diagnostics, Vec::new(), drafts, true)
}

/// Each page's body as its template receives it (`page.content`), by
/// source path: sources in memory through the loader, front matter, the
/// Markdown stage and the site model, with links resolved or, where they
/// do not resolve, left as written (and reported). What the CommonMark
/// conformance test compares: a build would stop at the first broken link,
/// and the theme's wrapping is not Markdown.
#[doc(hidden)]
pub fn page_contents(
    config_text: &str,
    files: &[(String, String)],
) -> (Vec<(String, String)>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let config = match load_config_text(config_text, None) {
        Ok(c) => c,
        Err(d) => {
            diagnostics.extend(d);
            config::fallback_config(config_text)
        }
    };
    let (sources, load_diags) = load::from_memory(config_text.to_string(), files);
    diagnostics.extend(load_diags);
    let (catalog, _) = Catalog::load(&config, config_text, &sources.messages);
    let messages = catalog.get(&config.language);
    let (site, site_diags) = Site::build(config, &sources, false, messages);
    diagnostics.extend(site_diags);
    let mut pages = Vec::with_capacity(site.pages.len());
    for i in 0..site.pages.len() {
        match render::page_html(&site, i, "") {
            Ok(html) => pages.push((site.pages[i].source.clone(), html)),
            Err(d) => diagnostics.push(d),
        }
    }
    (pages, diagnostics)
}

/// What the stages before rendering made: the model of every language and
/// the templates (none if they failed or there is no theme, whose errors
/// are in `diagnostics`).
struct Modelled {
    sites: Vec<Site>,
    tera: Option<Tera>,
    sources: Sources,
    diagnostics: Diagnostics,
    timings: Vec<(&'static str, Duration)>,
}

/// Every stage after loading: templates, model, lint, render.
fn render_loaded(
    config: GuideConfig,
    sources: Sources,
    diagnostics: Diagnostics,
    timings: Vec<(&'static str, Duration)>,
    drafts: bool,
    fingerprint: bool,
) -> Outcome {
    let mut m = model_loaded(config, sources, diagnostics, timings, drafts, fingerprint);
    let Some(tera) = &m.tera else {
        return m.fail();
    };
    let started = Instant::now();
    let collect = render::Collect::default();
    let rendered = languages::render_sites_into(&m.sites, tera, &m.sources, &collect);
    m.timings.push(("render", started.elapsed()));
    if let Err(d) = rendered {
        m.diagnostics.extend(d);
    }
    if m.diagnostics.has_errors() {
        return m.fail();
    }
    let rendered = collect.into_site();
    Outcome {
        built: Some(Built {
            sites: m.sites,
            files: rendered.files.len(),
            rendered,
            pdf_count: 0,
            _inputs: None,
        }),
        diagnostics: m.diagnostics,
        timings: m.timings,
    }
}

impl Modelled {
    fn fail(self) -> Outcome {
        Outcome {
            built: None,
            diagnostics: self.diagnostics,
            timings: self.timings,
        }
    }
}

/// Stages 3 and 4: messages and templates, then the site model of every
/// language, checked.
fn model_loaded(
    config: GuideConfig,
    sources: Sources,
    mut diagnostics: Diagnostics,
    mut timings: Vec<(&'static str, Duration)>,
    drafts: bool,
    fingerprint: bool,
) -> Modelled {
    // 3. Messages.
    let clock = Instant::now();
    let (catalog, message_diags) = Catalog::load(&config, &sources.config_text, &sources.messages);
    diagnostics.extend(message_diags);
    timings.push(("messages", clock.elapsed()));
    // 4. Templates and, at the same time (neither needs the other), the
    //    site model, one per language: pages, sections, steps, worksheets,
    //    links, how the languages' pages match, guide-aware warnings.
    let (templates, model) = rayon::join(
        || {
            let clock = Instant::now();
            let templates =
                render::load_templates(&sources, &config.base_url, &catalog, fingerprint);
            (templates, clock.elapsed())
        },
        || {
            let clock = Instant::now();
            let model = languages::build_sites(
                &config,
                &sources,
                &catalog,
                drafts,
                &mut DocumentCache::default(),
            );
            (model, clock.elapsed())
        },
    );
    let (templates, templates_time) = templates;
    let ((sites, site_diags), model_time) = model;
    diagnostics.extend(site_diags);
    timings.push(("templates (beside the site model)", templates_time));
    timings.push((
        "site model (front matter, Markdown, links, lint)",
        model_time,
    ));
    // 5. Render (even after content errors, to find template errors too).
    let tera = match templates {
        Ok(_) if !sources.theme_found => None,
        Ok(t) => Some(t),
        Err(d) => {
            diagnostics.extend(d);
            None
        }
    };
    Modelled {
        sites,
        tera,
        sources,
        diagnostics,
        timings,
    }
}

/// Build the site and write it to the output folder: every stage, with
/// each rendered file handed straight to the writer (`output`), which
/// writes it into a temporary folder and swaps that in only when the whole
/// site rendered without an error.
pub fn build(opts: &BuildOptions) -> Outcome {
    // Refuse a dangerous output folder before doing any work.
    if let Err(d) = output::check_output_dir(&opts.root, &opts.output) {
        return Outcome {
            built: None,
            diagnostics: d.into(),
            timings: Vec::new(),
        };
    }
    let (mut config, mut sources, diagnostics, timings) =
        match load_stage(&opts.root, opts.base_url.as_deref(), Reading::WhenParsed) {
            Ok(loaded) => loaded,
            Err(diagnostics) => {
                return Outcome {
                    built: None,
                    diagnostics,
                    timings: Vec::new(),
                };
            }
        };
    config.pdf |= opts.pdf;
    // The pages' HTML waits beside the output, not in memory (see `shelf`).
    sources.shelf = Shelf::beside(&opts.output);
    let mut m = model_loaded(config, sources, diagnostics, timings, opts.drafts, true);
    let Some(tera) = &m.tera else {
        return m.fail();
    };
    // PDFs, when asked for: every worksheet and workbook of every language.
    // Chromium is looked for first, so a build that cannot make them stops
    // before writing anything.
    let targets: Vec<PdfTarget> = m.sites.iter().flat_map(Site::pdf_targets).collect();
    let chromium = if targets.is_empty() {
        None
    } else {
        match pdf::find_chromium() {
            Ok(c) => Some(c),
            Err(d) => {
                m.diagnostics.push(d);
                return m.fail();
            }
        }
    };
    if m.diagnostics.has_errors() {
        // Nothing will be written: render in memory, for template errors.
        let started = Instant::now();
        if let Err(d) = languages::render_sites(&m.sites, tera, &m.sources) {
            m.diagnostics.extend(d);
        }
        m.timings.push(("render", started.elapsed()));
        return m.fail();
    }
    let located = |d: Diagnostic| d.at_if_none(Location::file(opts.output.display().to_string()));
    // 5 and 6. Render and write: the one write.
    let started = Instant::now();
    let staging = match output::Staging::begin(&opts.root, &opts.output) {
        Ok(s) => s,
        Err(d) => {
            m.diagnostics.push(located(d));
            return m.fail();
        }
    };
    let rendered = languages::render_sites_into(&m.sites, tera, &m.sources, &staging);
    m.timings.push(("render and write", started.elapsed()));
    if let Err(d) = rendered {
        // The temporary folder goes with `staging`; the output stays.
        m.diagnostics.extend(d.into_iter().map(located));
        return m.fail();
    }
    // 7. PDFs, printed from the pages written into the temporary folder,
    //    written beside them before the swap.
    if let Some(chromium) = &chromium {
        let started = Instant::now();
        let base_path = m.sites[0].config.base_url.path.clone();
        // Only this build's files may be served to Chromium.
        staging.remove_unwritten();
        let printed = pdf::print_pages(chromium, staging.dir(), &base_path, &targets)
            .and_then(|pdfs| pdfs.iter().try_for_each(|f| staging.write(f)));
        m.timings.push(("pdf (Chromium)", started.elapsed()));
        if let Err(d) = printed {
            // The temporary folder goes with `staging`; the output stays.
            m.diagnostics.push(d);
            return m.fail();
        }
    }
    let started = Instant::now();
    let files = staging.written();
    if let Err(d) = staging.finish() {
        m.diagnostics.push(located(d));
        return m.fail();
    }
    m.timings.push(("swap", started.elapsed()));
    let pdf_count = if chromium.is_some() {
        targets.len() * 2
    } else {
        0
    };
    Outcome {
        built: Some(Built {
            sites: m.sites,
            rendered: RenderedSite::default(),
            files,
            pdf_count,
            _inputs: m.tera.map(|tera| (m.sources, tera)),
        }),
        diagnostics: m.diagnostics,
        timings: m.timings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A build keeps every page's HTML on the shelf, for the bundled guide
    /// in every language it has; `check`'s in-memory render holds it.
    #[test]
    fn a_build_shelves_every_pages_html_and_the_in_memory_render_none() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let out = tempfile::tempdir().unwrap();
        let built = build(&BuildOptions {
            root: root.to_path_buf(),
            output: out.path().join("public"),
            base_url: None,
            drafts: false,
            pdf: false,
        });
        let sites = built.built.expect("the bundled guide builds").sites;
        let pages: Vec<_> = sites.iter().flat_map(|s| &s.pages).collect();
        assert!(pages.iter().filter(|p| p.is_shelved()).count() >= 20);
        for page in &pages {
            assert!(
                page.is_shelved() || page.html_len() == 0,
                "{} holds its HTML",
                page.source
            );
            assert!(page.rendered.html.is_empty(), "{}", page.source);
        }
        let memory = render_in_memory(root, None, false);
        let sites = memory.built.expect("the bundled guide renders").sites;
        assert!(sites.iter().flat_map(|s| &s.pages).all(|p| !p.is_shelved()));
    }
}
