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
use crate::load::{self, Sources};
use crate::output;
use crate::pdf;
use crate::render::{self, RenderedSite};
use crate::site::{DocumentCache, PdfTarget, Site};

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

/// A site rendered in memory, with the model it came from.
#[derive(Debug)]
pub struct Built {
    /// One model per language, the guide's own first.
    pub(crate) sites: Vec<Site>,
    pub rendered: RenderedSite,
    /// How many PDFs `build` printed beside the pages (0 without `--pdf`).
    pub pdf_count: usize,
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
    render_in_memory_with(root, base_url, drafts, false)
}

/// [`render_in_memory`], with PDFs asked for (`--pdf`) whatever
/// `guide.toml` says: pages then link them.
fn render_in_memory_with(root: &Path, base_url: Option<&str>, drafts: bool, pdf: bool) -> Outcome {
    let mut diagnostics = Diagnostics::new();
    let clock = Instant::now();
    // 1. Config. Without a guide.toml there is nothing to check; with a bad
    //    one, keep checking the content against a stand-in config.
    let config_text = match load::read_config(root) {
        Ok(t) => t,
        Err(d) => {
            return Outcome {
                built: None,
                diagnostics: d.into(),
                timings: Vec::new(),
            };
        }
    };
    let mut config = match load_config_text(&config_text, base_url) {
        Ok(c) => c,
        Err(d) => {
            diagnostics.extend(d);
            config::fallback_config(&config_text)
        }
    };
    config.pdf |= pdf;
    // 2. Load sources (unreadable files are diagnostics; the rest still load).
    let (sources, load_diags) = load::load_sources(root, config_text, &config.theme);
    diagnostics.extend(load_diags);
    let timings = vec![("load", clock.elapsed())];
    render_loaded(config, sources, diagnostics, timings, drafts)
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
    render_loaded(config, sources, diagnostics, Vec::new(), drafts)
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
    let pages = (0..site.pages.len())
        .map(|i| {
            (
                site.pages[i].source.clone(),
                render::page_html(&site, i, ""),
            )
        })
        .collect();
    (pages, diagnostics)
}

/// Every stage after loading: templates, model, lint, render.
fn render_loaded(
    config: GuideConfig,
    sources: Sources,
    mut diagnostics: Diagnostics,
    mut timings: Vec<(&'static str, Duration)>,
    drafts: bool,
) -> Outcome {
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    let fail = |diagnostics, timings| Outcome {
        built: None,
        diagnostics,
        timings,
    };
    // 3. Messages and templates.
    let (catalog, message_diags) = Catalog::load(&config, &sources.config_text, &sources.messages);
    diagnostics.extend(message_diags);
    let templates = render::load_templates(&sources, &config.base_url, &catalog);
    lap("templates", &mut timings);
    // 4. Site model, one per language: pages, sections, steps, worksheets,
    //    links, how the languages' pages match, guide-aware warnings.
    let (sites, site_diags) = languages::build_sites(
        &config,
        &sources,
        &catalog,
        drafts,
        &mut DocumentCache::default(),
    );
    diagnostics.extend(site_diags);
    lap(
        "site model (front matter, Markdown, links, lint)",
        &mut timings,
    );
    // 5. Render (even after content errors, to find template errors too).
    let tera = match templates {
        Ok(_) if !sources.theme_found => return fail(diagnostics, timings),
        Ok(t) => t,
        Err(d) => {
            diagnostics.extend(d);
            return fail(diagnostics, timings);
        }
    };
    let rendered = languages::render_sites(&sites, &tera, &sources);
    lap("render", &mut timings);
    match rendered {
        Ok(rendered) if !diagnostics.has_errors() => Outcome {
            built: Some(Built {
                sites,
                rendered,
                pdf_count: 0,
            }),
            diagnostics,
            timings,
        },
        Ok(_) => fail(diagnostics, timings),
        Err(d) => {
            diagnostics.extend(d);
            fail(diagnostics, timings)
        }
    }
}

/// Build the site and write it to the output folder.
pub fn build(opts: &BuildOptions) -> Outcome {
    // Refuse a dangerous output folder before doing any work.
    if let Err(d) = output::check_output_dir(&opts.root, &opts.output) {
        return Outcome {
            built: None,
            diagnostics: d.into(),
            timings: Vec::new(),
        };
    }
    let mut outcome =
        render_in_memory_with(&opts.root, opts.base_url.as_deref(), opts.drafts, opts.pdf);
    if let Some(built) = &outcome.built {
        let started = Instant::now();
        // 6. PDFs, when asked for: every worksheet and workbook of every
        //    language. Chromium is looked for first, so a build that cannot
        //    make them stops before writing anything.
        let targets: Vec<PdfTarget> = built.sites.iter().flat_map(Site::pdf_targets).collect();
        let chromium = if targets.is_empty() {
            None
        } else {
            match pdf::find_chromium() {
                Ok(c) => Some(c),
                Err(d) => {
                    outcome.diagnostics.push(d);
                    outcome.built = None;
                    return outcome;
                }
            }
        };
        let base_path = built.sites[0].config.base_url.path.clone();
        let mut printing = Duration::ZERO;
        // 7. Output: the one write. The PDFs are printed from the written
        //    pages in the temporary folder, before it is swapped in.
        let written =
            output::write_site_then(&opts.root, &opts.output, &built.rendered, &mut |staged| {
                match &chromium {
                    None => Ok(Vec::new()),
                    Some(chromium) => {
                        let clock = Instant::now();
                        let pdfs = pdf::print_pages(chromium, staged, &base_path, &targets);
                        printing = clock.elapsed();
                        pdfs
                    }
                }
            });
        if let Err(d) = written {
            let d = if d.code == Code::Output {
                d.at_if_none(Location::file(opts.output.display().to_string()))
            } else {
                d
            };
            outcome.diagnostics.push(d);
            outcome.built = None;
        }
        if chromium.is_some() {
            outcome.timings.push(("pdf (Chromium)", printing));
        }
        if let Some(built) = &mut outcome.built {
            built.pdf_count = targets.len() * 2;
        }
        outcome
            .timings
            .push(("write", started.elapsed().saturating_sub(printing)));
    }
    outcome
}
