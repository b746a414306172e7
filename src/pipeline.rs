//! Pipeline: the build as a flat list of named stages.
//!
//! config → load → site model (front matter, Markdown, worksheets, steps,
//! links) → render → output. [`render_in_memory`] runs every stage but the
//! last, so `check` and the dev server share exactly what `build` does;
//! [`build`] adds the one write. No stage stops at the first problem while
//! later stages can still find more.

use std::path::{Path, PathBuf};

use crate::config::{self, BaseUrl, GuideConfig};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::{self, Sources};
use crate::output;
use crate::render::{self, RenderedSite};
use crate::site::Site;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    /// Overrides `base_url` from `guide.toml`.
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// A site rendered in memory, with the model it came from.
#[derive(Debug)]
pub struct Built {
    pub site: Site,
    pub sources: Sources,
    pub rendered: RenderedSite,
}

/// What a run produced: the site if there were no errors, and every
/// diagnostic (warnings come with a successful build too).
#[derive(Debug)]
pub struct Outcome {
    pub built: Option<Built>,
    pub diagnostics: Diagnostics,
}

/// Read the config, applying a `--base-url` override.
pub fn load_config(
    root: &Path,
    base_url: Option<&str>,
) -> Result<(GuideConfig, String), Diagnostics> {
    let text = load::read_config(root).map_err(Diagnostics::from)?;
    let mut config = config::parse_config(config::CONFIG_FILE, &text)?;
    if let Some(raw) = base_url {
        config.base_url = BaseUrl::parse(raw).map_err(|m| {
            Diagnostics::from(Diagnostic::error("E001", format!("--base-url: {m}")))
        })?;
    }
    Ok((config, text))
}

/// Every stage except writing: load, model, render.
pub fn render_in_memory(root: &Path, base_url: Option<&str>, drafts: bool) -> Outcome {
    let fail = |diagnostics| Outcome {
        built: None,
        diagnostics,
    };
    // 1. Config.
    let (config, config_text) = match load_config(root, base_url) {
        Ok(c) => c,
        Err(d) => return fail(d),
    };
    // 2. Load sources.
    let sources = match load::load_sources(root, config_text, &config.theme) {
        Ok(s) => s,
        Err(d) => return fail(d),
    };
    // 3. Templates (checked before pages, so theme errors show up even when content has some).
    let templates = render::load_templates(&sources, &config.base_url.path);
    // 4. Site model: pages, sections, steps, worksheets, links.
    let (site, mut diagnostics) = Site::build(config, &sources, drafts);
    let tera = match templates {
        Ok(t) => t,
        Err(d) => {
            diagnostics.extend(d);
            return fail(diagnostics);
        }
    };
    let Some(site) = site else {
        return fail(diagnostics);
    };
    diagnostics.extend(crate::lint::lint(&site));
    if diagnostics.has_errors() {
        return fail(diagnostics);
    }
    // 5. Render.
    match render::render_site(&site, &tera, &sources) {
        Ok(rendered) => Outcome {
            built: Some(Built {
                site,
                sources,
                rendered,
            }),
            diagnostics,
        },
        Err(d) => {
            diagnostics.extend(d);
            fail(diagnostics)
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
        };
    }
    let mut outcome = render_in_memory(&opts.root, opts.base_url.as_deref(), opts.drafts);
    if let Some(built) = &outcome.built {
        // 6. Output: the one write.
        if let Err(d) = output::write_site(&opts.root, &opts.output, &built.rendered) {
            outcome
                .diagnostics
                .push(d.at_if_none(Location::file(opts.output.display().to_string())));
            outcome.built = None;
        }
    }
    outcome
}
