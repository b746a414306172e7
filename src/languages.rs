//! One guide in several languages.
//!
//! A translation sits beside the page it translates, named for its
//! language: `steps/01-begin.es.md` beside `steps/01-begin.md` (Zola's
//! convention). The guide's own language (`language` in guide.toml) is
//! published at the root, every other language listed under
//! `[languages.xx]` under `/xx/`. Each language is a [`Site`] of its own,
//! built from a view of the sources in which its files carry the names of
//! the pages they translate, so that links, sections, steps and worksheets
//! resolve within the language exactly as they do in a guide in one
//! language. Pages are matched across languages by that shared name.
//!
//! Stages: [`build_sites`] (a model per language, then [`Translations`]
//! shared by all), [`check`] (W012 missing translation, W013 worksheet
//! fields that differ), and [`render_sites`] (every language's pages, one
//! sitemap with `hreflang` alternates, and the files written once).

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;
use tera::Tera;

use crate::config::GuideConfig;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};
use crate::i18n::Catalog;
use crate::load::Sources;
use crate::render::{self, RenderedSite};
use crate::site::{DocumentCache, PageKind, Site, WORKBOOK_PATH};
use crate::view::Translation;

/// Every page's URL in every language, by the name of the page it is (its
/// source path in the guide's own language).
#[derive(Debug, Default)]
pub(crate) struct Translations {
    /// Languages in guide order, the guide's own first: code and name.
    languages: Vec<(String, String)>,
    /// Per language, its home's `(url, permalink)`.
    homes: Vec<(String, String)>,
    /// Per page name, its `(url, permalink)` in each language it has.
    pages: HashMap<String, Vec<Option<(String, String)>>>,
    /// Per worksheet and step name, its slug in the guide's own language.
    answer_keys: HashMap<String, String>,
}

impl Translations {
    /// Page `source` in each language it exists in (none for a guide in one
    /// language), `current` marking `language`.
    pub(crate) fn of_page(&self, source: &str, language: &str) -> Vec<Translation> {
        let Some(urls) = self.pages.get(source) else {
            return Vec::new();
        };
        self.links(urls.iter().map(Option::as_ref), language)
    }

    /// The workbook in every language.
    pub(crate) fn of_workbook(&self, base: &crate::config::BaseUrl) -> Vec<Translation> {
        let urls: Vec<(String, String)> = self
            .languages
            .iter()
            .enumerate()
            .map(|(k, (code, _))| {
                let path = format!("{}{WORKBOOK_PATH}", language_path(code, k));
                (
                    format!("{}{path}", base.path),
                    format!("{}{path}", base.url),
                )
            })
            .collect();
        let current = String::new();
        let mut links = self.links(urls.iter().map(Some), &current);
        links.iter_mut().for_each(|l| l.current = false);
        links
    }

    /// The home page of every language.
    pub(crate) fn homes(&self, language: &str) -> Vec<Translation> {
        self.links(self.homes.iter().map(Some), language)
    }

    fn links<'a>(
        &self,
        urls: impl Iterator<Item = Option<&'a (String, String)>>,
        language: &str,
    ) -> Vec<Translation> {
        if self.languages.len() < 2 {
            return Vec::new();
        }
        self.languages
            .iter()
            .zip(urls)
            .filter_map(|((code, name), url)| {
                let (url, permalink) = url?;
                Some(Translation {
                    code: code.clone(),
                    name: name.clone(),
                    url: url.clone(),
                    permalink: permalink.clone(),
                    current: code == language,
                })
            })
            .collect()
    }

    /// What worksheet `source`'s answers, or step `source`'s progress, are
    /// saved under.
    pub(crate) fn answers_key<'a>(&'a self, source: &str, own_slug: &'a str) -> &'a str {
        self.answer_keys
            .get(source)
            .map_or(own_slug, String::as_str)
    }
}

/// Where language number `k` of the guide (`code`) is published.
fn language_path(code: &str, k: usize) -> String {
    if k == 0 {
        String::new()
    } else {
        format!("{code}/")
    }
}

/// The language a content file's name gives, and the name of the page it
/// translates: `content/a.es.md` → `("es", "content/a.md")` when `es` is
/// one of `codes`. Files without such a suffix are in the guide's own
/// language.
fn split_language<'c>(path: &str, codes: &[&'c str]) -> Option<(&'c str, String)> {
    let stem = path.strip_suffix(".md")?;
    let (name, code) = stem.rsplit_once('.')?;
    if name.ends_with('/') {
        return None;
    }
    // Language tags are the same in any case (`zh-Hant`, `zh-hant`).
    let code = codes.iter().find(|c| c.eq_ignore_ascii_case(code))?;
    Some((code, format!("{name}.md")))
}

/// The sources as language `code` sees them: its own files under the names
/// of the pages they translate, and every file in `content/` that is not
/// Markdown. Returns the view and, for diagnostics, each renamed file's
/// real path by the name it has in the view.
fn language_view(
    sources: &Sources,
    config: &GuideConfig,
    code: &str,
) -> (Sources, HashMap<String, String>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let own = code == codes[0];
    let mut real = HashMap::new();
    let mut content = Vec::new();
    for f in &sources.content {
        match split_language(&f.path, &codes) {
            Some((c, name)) if c == code => {
                // `a.en.md` in an English guide is `a.md`; with `a.md`
                // there too, the two would be one page.
                if own && sources.page(&name).is_some() {
                    diags.push(
                        Diagnostic::new(
                            Code::PathClash,
                            format!(
                                "`{}` and `{name}` are both the page in the guide's own language (`{code}`)",
                                f.path
                            ),
                        )
                        .at(Location::file(f.path.clone()))
                        .hint(format!("keep one of them; a page in `{code}` needs no `.{code}` in its name")),
                    );
                    continue;
                }
                real.insert(name.clone(), f.path.clone());
                content.push(crate::load::SourceFile {
                    path: name,
                    text: f.text.clone(),
                });
            }
            Some(_) => {}
            None if own => content.push(f.clone()),
            None => {}
        }
    }
    content.sort_by(|a, b| a.path.cmp(&b.path));
    let view = Sources {
        content,
        ..sources.clone()
    };
    (view, real, diags)
}

/// Put the real file names back into diagnostics about renamed files:
/// where they point, and where a message names one (`` `content/a.md` has
/// no heading… `` about `content/a.es.md`).
fn real_names(diags: Diagnostics, real: &HashMap<String, String>) -> Diagnostics {
    diags
        .into_iter()
        .map(|mut d| {
            if let Some(loc) = d.location.as_mut()
                && let Some(path) = real.get(&loc.file)
            {
                loc.file = path.clone();
            }
            if !real.is_empty() && d.message.contains("`content/") {
                for (name, path) in real {
                    let named = format!("`{name}`");
                    if d.message.contains(&named) {
                        d.message = d.message.replace(&named, &format!("`{path}`"));
                    }
                }
            }
            d
        })
        .collect()
}

/// A model of the guide in each of its languages, the guide's own first,
/// with what the guide-aware lints find in each.
/// A guide in one language is built exactly as it always was (through
/// `cache`).
pub(crate) fn build_sites(
    config: &GuideConfig,
    sources: &Sources,
    catalog: &Catalog,
    drafts: bool,
    cache: &mut DocumentCache,
) -> (Vec<Site>, Diagnostics) {
    if !config.is_multilingual() {
        let messages = catalog.get(&config.language);
        let (site, mut diags) =
            Site::build_cached(config.clone(), sources, drafts, messages, cache);
        diags.extend(crate::lint::lint(&site));
        return (vec![site], diags);
    }
    let mut diags = Diagnostics::new();
    let own = &config.languages[0].code;
    let (view, real, view_diags) = language_view(sources, config, own);
    diags.extend(view_diags);
    let (first, first_diags) = Site::build_cached(
        config.for_language(own),
        &view,
        drafts,
        catalog.get(own),
        cache,
    );
    diags.extend(real_names(first_diags, &real));
    diags.extend(real_names(crate::lint::lint(&first), &real));
    let fallback: Arc<HashMap<String, String>> = Arc::new(
        (0..first.pages.len())
            .map(|i| (first.pages[i].source.clone(), first.url(i)))
            .collect(),
    );
    let others: Vec<(Site, Diagnostics)> = config.languages[1..]
        .par_iter()
        .map(|lang| {
            let (view, real, _) = language_view(sources, config, &lang.code);
            let (site, d) = Site::build_language(
                config.for_language(&lang.code),
                &view,
                drafts,
                catalog.get(&lang.code),
                &mut DocumentCache::default(),
                Arc::clone(&fallback),
            );
            let lints = crate::lint::lint(&site);
            let mut d = real_names(d, &real);
            d.extend(real_names(lints, &real));
            (site, d)
        })
        .collect();
    let mut sites = vec![first];
    for (site, d) in others {
        diags.extend(d);
        sites.push(site);
    }
    let translations = Arc::new(translations(&sites));
    for site in &mut sites {
        site.translations = Arc::clone(&translations);
    }
    diags.extend(check(&sites, sources));
    (sites, dedup(diags))
}

/// The same problem found in every language (a setting in guide.toml) is
/// reported once.
fn dedup(diags: Diagnostics) -> Diagnostics {
    let mut seen = std::collections::HashSet::new();
    diags
        .into_iter()
        .filter(|d| {
            seen.insert((
                d.code,
                d.message.clone(),
                d.location
                    .as_ref()
                    .map(|l| (l.file.clone(), l.line, l.column)),
            ))
        })
        .collect()
}

fn translations(sites: &[Site]) -> Translations {
    let n = sites.len();
    let mut t = Translations {
        languages: sites
            .iter()
            .map(|s| {
                let name = s
                    .messages
                    .get("language-name", &[])
                    .filter(|_| !s.messages.missing().contains(&"language-name"))
                    .unwrap_or_else(|| s.config.language.clone());
                (s.config.language.clone(), name)
            })
            .collect(),
        homes: sites
            .iter()
            .map(|s| (s.url(s.home), s.permalink(s.home)))
            .collect(),
        pages: HashMap::new(),
        answer_keys: HashMap::new(),
    };
    for (k, site) in sites.iter().enumerate() {
        for i in 0..site.pages.len() {
            let urls = t
                .pages
                .entry(site.pages[i].source.clone())
                .or_insert_with(|| vec![None; n]);
            urls[k] = Some((site.url(i), site.permalink(i)));
        }
    }
    for &p in sites[0].worksheets.iter().chain(&sites[0].steps) {
        let page = &sites[0].pages[p];
        t.answer_keys.insert(page.source.clone(), page.slug.clone());
    }
    t
}

/// W012 for each page missing in a language, W013 for each worksheet
/// whose fields differ from the guide's own language's.
fn check(sites: &[Site], sources: &Sources) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let own = &sites[0];
    let codes: Vec<&str> = sites.iter().map(|s| s.config.language.as_str()).collect();
    // The file a translation would be: `a.md` → `a.es.md`.
    let translated_name =
        |name: &str, code: &str| format!("{}.{code}.md", name.trim_end_matches(".md"));
    // The other languages' folders are taken: a page of the guide's own
    // language there would be overwritten.
    for (i, page) in own.pages.iter().enumerate() {
        if let Some(code) = codes[1..]
            .iter()
            .find(|code| page.path.starts_with(&format!("{code}/")))
        {
            diags.push(
                Diagnostic::new(
                    Code::PathClash,
                    format!(
                        "`{}` would be written to `/{}`, where the `{code}` pages go",
                        page.source, page.path
                    ),
                )
                .at(own.title_location(&own.pages[i]))
                .hint(format!(
                    "rename the folder or give the page another `slug`: `/{code}/` belongs to `[languages.{code}]`"
                )),
            );
        }
    }
    for site in &sites[1..] {
        let code = site.config.language.as_str();
        let mut missing = Vec::new();
        for page in &own.pages {
            // Sections made for a folder without `_index.md` have no file.
            if !page.has_text || site.page_by_source(&page.source).is_some() {
                continue;
            }
            missing.push(page.source.clone());
        }
        for name in missing {
            let real = sources.page(&name).map_or(name.clone(), |f| f.path.clone());
            diags.push(
                Diagnostic::new(
                    Code::MissingTranslation,
                    format!("`{real}` has no translation into `{code}`"),
                )
                .at(Location::file(&real))
                .hint(format!(
                    "add `{}`; until then the `{code}` pages link the `{}` page and the language switcher leaves it out",
                    translated_name(&name, code),
                    codes[0]
                )),
            );
        }
        for &w in &own.worksheets {
            let page = &own.pages[w];
            let Some(t) = site.page_by_source(&page.source) else {
                continue;
            };
            let theirs = &site.pages[t];
            if theirs.kind != PageKind::Worksheet {
                continue;
            }
            let fields = |p: &crate::site::Page| -> BTreeSet<String> {
                let prefix = format!("ws-{}-", p.slug);
                p.rendered
                    .worksheet_names
                    .iter()
                    .map(|n| n.strip_prefix(&prefix).unwrap_or(n).to_string())
                    .collect()
            };
            let (ours, other) = (fields(page), fields(theirs));
            if ours == other {
                continue;
            }
            let real = translated_name(&page.source, code);
            let only = |a: &BTreeSet<String>, b: &BTreeSet<String>| {
                a.difference(b)
                    .map(|id| format!("`{id}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (lost, extra) = (only(&ours, &other), only(&other, &ours));
            let mut what = Vec::new();
            if !lost.is_empty() {
                what.push(format!("lacks {lost}"));
            }
            if !extra.is_empty() {
                what.push(format!("adds {extra}"));
            }
            diags.push(
                Diagnostic::new(
                    Code::TranslationFieldsDiffer,
                    format!(
                        "worksheet fields differ from `{}`: this translation {}",
                        page.source,
                        what.join(" and ")
                    ),
                )
                .at(Location::file(&real))
                .hint("give each block the same `id=` in every language, so answers typed in one language show in the other"),
            );
        }
    }
    diags
}

/// Every language's pages, rendered; the files every language shares (the
/// theme's and `static/`, the 404 page, `robots.txt`) once, from the
/// guide's own language; one sitemap listing each page with its
/// translations.
pub(crate) fn render_sites(
    sites: &[Site],
    tera: &Tera,
    sources: &Sources,
) -> Result<RenderedSite, Diagnostics> {
    let collect = render::Collect::default();
    render_sites_into(sites, tera, sources, &collect)?;
    Ok(collect.into_site())
}

/// [`render_sites`], each file handed to `sink` as soon as it is made.
pub(crate) fn render_sites_into(
    sites: &[Site],
    tera: &Tera,
    sources: &Sources,
    sink: &dyn render::Sink,
) -> Result<(), Diagnostics> {
    render::render_site(&sites[0], sites, tera, sources, sink)?;
    let mut diags = Diagnostics::new();
    for site in &sites[1..] {
        if let Err(d) = render::render_translation(site, tera, sources, sink) {
            diags.extend(d);
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suffix_names_a_language_only_when_the_guide_has_it() {
        let codes = ["en", "es", "pt-BR"];
        assert_eq!(
            split_language("content/a.es.md", &codes),
            Some(("es", "content/a.md".to_string()))
        );
        assert_eq!(
            split_language("content/steps/_index.pt-BR.md", &codes),
            Some(("pt-BR", "content/steps/_index.md".to_string()))
        );
        // In any case: tags are the same in any case.
        assert_eq!(
            split_language("content/a.PT-br.md", &codes),
            Some(("pt-BR", "content/a.md".to_string()))
        );
        // Not a language of this guide, or no name before it.
        assert_eq!(split_language("content/v1.2.md", &codes), None);
        assert_eq!(split_language("content/a.fr.md", &codes), None);
        assert_eq!(split_language("content/.es.md", &codes), None);
        assert_eq!(split_language("content/a.md", &codes), None);
    }
}
