//! Site model: pages, sections, the ordered steps and their worksheets.
//!
//! [`Site::build`] turns loaded sources into the model the renderer reads:
//! every page parsed and rendered to HTML (in parallel, one page per task,
//! see [`document`]), placed in its section with a URL, the steps ordered
//! and checked, each step's worksheet found, and every internal link
//! resolved to a URL or reported (see [`links`]). Problems are collected,
//! never thrown: one run reports all of them. Pure: no disk, no network.
//! The site's generated files (the workbook, `404.html`, the sitemap) are
//! named here too, so links to them resolve without knowing the renderer.

mod document;
mod links;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::GuideConfig;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, closest};
use crate::i18n::Messages;
use crate::load::{SourceText, Sources};
use crate::worksheet::BlockWords;

use document::{parse_document, synthesised_section_page};

pub(crate) use document::{Document, DocumentCache, PageKind};
pub(crate) use links::LinkTarget;

pub(crate) const STEPS_DIR: &str = "content/steps";
pub(crate) const WORKSHEETS_DIR: &str = "content/worksheets";
pub(crate) const CONTENT_DIR: &str = "content";

/// Where the combined workbook is published, below the base path.
pub(crate) const WORKBOOK_PATH: &str = "workbook/";

/// Files trellis makes besides the pages, below the base path: links to
/// them resolve, and no static file may take their place.
pub(crate) const GENERATED_FILES: &[&str] = &[
    WORKBOOK_PATH,
    "workbook/index.html",
    "404.html",
    "sitemap.xml",
    "robots.txt",
];

/// A page `trellis build --pdf` prints: its HTML file and the two PDFs
/// beside it, paths relative to the output folder
/// (`worksheets/owning-it/index.html`, `worksheets/owning-it/owning-it-a4.pdf`,
/// `…-letter.pdf`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PdfTarget {
    pub page: String,
    pub a4: String,
    pub letter: String,
}

impl PdfTarget {
    /// The target of the page at URL path `path` (`worksheets/owning-it/`,
    /// `es/workbook/`): its PDFs are named after the path's last segment.
    pub(crate) fn of_path(path: &str) -> PdfTarget {
        let name = path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .filter(|n| !n.is_empty())
            .unwrap_or("index");
        PdfTarget {
            page: format!("{path}index.html"),
            a4: format!("{path}{name}-a4.pdf"),
            letter: format!("{path}{name}-letter.pdf"),
        }
    }
}

/// A document placed in the site: its URL, its section, its links resolved.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    pub doc: Arc<Document>,
    pub kind: PageKind,
    /// URL path below the base path: `""` for home, `steps/communicate/`.
    pub path: String,
    /// The section this page is listed in (none for home).
    pub parent: Option<usize>,
    /// Resolved targets for `doc.rendered.links`, in order.
    pub link_targets: Vec<LinkTarget>,
}

/// Why a content file gave no document.
enum Read {
    /// It could not be read (left on disk by the load; see `load::Reading`).
    Failed(Diagnostic),
    /// It was read, and its front matter or Markdown has errors.
    Parse(Diagnostics),
}

// A page reads as its document: `page.title` rather than `page.doc.title`.
impl std::ops::Deref for Page {
    type Target = Document;
    fn deref(&self) -> &Document {
        &self.doc
    }
}

impl Page {
    fn new(doc: Arc<Document>) -> Page {
        Page {
            kind: doc.kind,
            doc,
            path: String::new(),
            parent: None,
            link_targets: Vec::new(),
        }
    }
}

/// A folder under `content/`.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    pub dir: String,
    /// The section's own page: its `_index.md`; or, written for other
    /// tools, its `index.md` or `README.md`, or the file beside the folder
    /// of the same name (`cargo.md` for `cargo/`); or one made for it.
    pub page: usize,
    /// The last part of its URL: its page's slug, or, for a page inside
    /// the folder (`README.md`), the folder's.
    pub slug: String,
    /// Pages listed in it, in display order.
    pub pages: Vec<usize>,
    pub subsections: Vec<usize>,
    pub parent: Option<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct Site {
    pub config: GuideConfig,
    pub pages: Vec<Page>,
    pub sections: Vec<Section>,
    /// Step pages in step order.
    pub steps: Vec<usize>,
    /// Worksheet pages in step order, then the rest.
    pub worksheets: Vec<usize>,
    pub home: usize,
    /// Static files by output path, colocated assets placed.
    pub statics: BTreeMap<String, crate::load::StaticFile>,
    /// The messages of the site's language (`config.language`).
    pub messages: Arc<Messages>,
    /// What worksheet blocks say, in that language.
    pub words: BlockWords,
    /// Where each colocated asset goes: its path below `content/` to its
    /// output path (`for_developers/pic.png` → `for-developers/pic.png`).
    colocated: HashMap<String, String>,
    by_source: HashMap<String, usize>,
    /// Sources that could not be parsed: already reported, so links to them
    /// and references by name are not reported again.
    failed: HashSet<String>,
    /// In a translation (`/es/`), the guide's own-language page URLs by
    /// source: where a link to a page not translated yet goes.
    pub(crate) fallback: Arc<HashMap<String, String>>,
    /// Every language's URL of each page, filled in once all the
    /// languages are built (see `languages`).
    pub(crate) translations: Arc<crate::languages::Translations>,
    lookup: Lookup,
}

/// Questions the model is asked once per page or per link, answered from
/// maps made once, so no per-page or per-link step scans every page.
#[derive(Debug, Clone, Default)]
struct Lookup {
    /// Page by URL path without its trailing `/` (home is `""`).
    by_path: HashMap<String, usize>,
    section_by_dir: HashMap<String, usize>,
    /// The section whose own page a page is.
    section_by_page: HashMap<usize, usize>,
    worksheet_by_slug: HashMap<String, usize>,
    /// The steps that name each worksheet, in step order.
    steps_by_worksheet: HashMap<usize, Vec<usize>>,
    /// Each step page's place in `steps`.
    step_position: HashMap<usize, usize>,
}

impl Site {
    /// Every page `trellis build --pdf` prints, worksheets in workbook
    /// order then the workbook; none unless the config asks for PDFs.
    pub(crate) fn pdf_targets(&self) -> Vec<PdfTarget> {
        if !self.config.pdf {
            return Vec::new();
        }
        let workbook = format!("{}{WORKBOOK_PATH}", self.config.language_path);
        self.worksheets
            .iter()
            .map(|&w| PdfTarget::of_path(&self.pages[w].path))
            .chain([PdfTarget::of_path(&workbook)])
            .collect()
    }

    /// Build the model. Returns the site even when there were errors, when
    /// enough of it exists to keep checking; errors are in the diagnostics.
    pub(crate) fn build(
        config: GuideConfig,
        sources: &Sources,
        drafts: bool,
        messages: Arc<Messages>,
    ) -> (Site, Diagnostics) {
        Site::build_cached(
            config,
            sources,
            drafts,
            messages,
            &mut DocumentCache::default(),
        )
    }

    /// [`Site::build`], reusing documents from `cache` whose text is unchanged
    /// (the caller clears the cache when the config changes).
    pub(crate) fn build_cached(
        config: GuideConfig,
        sources: &Sources,
        drafts: bool,
        messages: Arc<Messages>,
        cache: &mut DocumentCache,
    ) -> (Site, Diagnostics) {
        Site::build_language(config, sources, drafts, messages, cache, Arc::default())
    }

    /// [`Site::build_cached`] for one language of a guide in several:
    /// links to pages missing in this language go to `fallback` (the
    /// guide's own language's URLs by source).
    pub(crate) fn build_language(
        config: GuideConfig,
        sources: &Sources,
        drafts: bool,
        messages: Arc<Messages>,
        cache: &mut DocumentCache,
        fallback: Arc<HashMap<String, String>>,
    ) -> (Site, Diagnostics) {
        let mut diags = Diagnostics::new();
        let words = messages.block_words(config.partner_labels.as_ref());

        // 1. Parse and render every changed page, in parallel.
        let parsed: Vec<Result<Arc<Document>, Read>> = sources
            .content
            .par_iter()
            .map(|f| {
                let (text, stamp) = f.text.read(&f.path).map_err(Read::Failed)?;
                match cache.docs.get(&f.path) {
                    Some(doc) if doc.held_text() == Some(&text) => Ok(Arc::clone(doc)),
                    _ => {
                        let mut doc =
                            parse_document(&f.path, &text, &words).map_err(Read::Parse)?;
                        // A page read here is let go once parsed (its
                        // HTML is what renders); the workbook renders
                        // worksheets again, so they keep theirs.
                        if let (SourceText::OnDisk(path), Some(stamp)) = (&f.text, stamp)
                            && doc.kind != PageKind::Worksheet
                        {
                            doc.leave_on_disk(Arc::clone(path), stamp);
                        }
                        // Its HTML waits on the shelf until the page renders.
                        if let Some(shelf) = &sources.shelf {
                            doc.shelve(shelf);
                        }
                        Ok(Arc::new(doc))
                    }
                }
            })
            .collect();
        let previous = std::mem::take(&mut cache.docs);
        let mut pages = Vec::new();
        let mut draft_sources: HashMap<String, Arc<Document>> = HashMap::new();
        let mut failed = HashSet::new();
        for (doc, file) in parsed.into_iter().zip(&sources.content) {
            match doc {
                Ok(doc) => {
                    cache.docs.insert(doc.source.clone(), Arc::clone(&doc));
                    diags.extend(doc.rendered.diagnostics.iter().cloned());
                    if doc.draft && !drafts {
                        draft_sources.insert(doc.source.clone(), Arc::clone(&doc));
                    } else {
                        pages.push(Page::new(doc));
                    }
                }
                Err(Read::Parse(d)) => {
                    failed.insert(file.path.clone());
                    diags.extend(d);
                }
                // As if the load had not found it, which is what the load
                // reports when it reads the page itself.
                Err(Read::Failed(d)) => diags.push(d),
            }
        }

        // 2. Sections: one per folder, with a page made for folders without `_index.md`.
        let mut site = Site {
            config,
            pages,
            sections: Vec::new(),
            steps: Vec::new(),
            worksheets: Vec::new(),
            home: 0,
            statics: sources.statics.clone(),
            messages,
            words,
            colocated: HashMap::new(),
            by_source: HashMap::new(),
            failed,
            fallback,
            translations: Arc::default(),
            lookup: Lookup::default(),
        };
        let mut dirs: Vec<String> = vec![CONTENT_DIR.to_string()];
        dirs.extend(
            sources
                .content_dirs
                .iter()
                .filter(|d| sources.has_markdown_below(d))
                .cloned(),
        );
        let index_pages: HashMap<String, usize> = site
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.source.ends_with("/_index.md"))
            .map(|(i, p)| (p.source.clone(), i))
            .collect();
        // Pages that other tools make a folder's own (see `Section::page`),
        // by folder and lower-case name; ordinary pages only.
        let other_tools_index: HashMap<(String, String), usize> = site
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == PageKind::Page)
            .filter_map(|(i, p)| {
                let name = p.source.rsplit('/').next()?.to_lowercase();
                Some(((parent_dir(&p.source).to_string(), name), i))
            })
            .collect();
        for dir in &dirs {
            let index = format!("{dir}/_index.md");
            let inside = ["index.md", "readme.md"]
                .iter()
                .find_map(|name| other_tools_index.get(&(dir.clone(), (*name).to_string())));
            let beside = (dir != CONTENT_DIR)
                .then(|| {
                    let name = dir.rsplit('/').next().unwrap_or(dir);
                    let key = (
                        parent_dir(dir).to_string(),
                        format!("{name}.md").to_lowercase(),
                    );
                    other_tools_index.get(&key)
                })
                .flatten();
            let adopted = inside.or(beside).copied();
            let mut slug = None;
            let page = match index_pages.get(&index).copied().or(adopted) {
                Some(i) => {
                    if adopted == Some(i) {
                        site.pages[i].kind = PageKind::Section;
                        if inside.is_some() {
                            slug = Some(document::folder_slug(dir));
                        }
                    }
                    i
                }
                None => {
                    // Cached too, so an unchanged section is the same
                    // document from one build to the next.
                    let fresh = synthesised_section_page(dir, &site.config, &site.messages);
                    let doc = match previous.get(dir.as_str()) {
                        Some(d) if d.title == fresh.title => Arc::clone(d),
                        _ => Arc::new(fresh),
                    };
                    cache.docs.insert(dir.clone(), Arc::clone(&doc));
                    site.pages.push(Page::new(doc));
                    site.pages.len() - 1
                }
            };
            site.sections.push(Section {
                dir: dir.clone(),
                slug: slug.unwrap_or_else(|| site.pages[page].slug.clone()),
                page,
                pages: Vec::new(),
                subsections: Vec::new(),
                parent: None,
            });
        }
        site.home = site.sections[0].page;
        site.pages[site.home].kind = PageKind::Home;
        let section_of_dir: HashMap<String, usize> = site
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| (s.dir.clone(), i))
            .collect();
        for s in 1..site.sections.len() {
            let parent_dir = parent_dir(&site.sections[s].dir);
            let parent = section_of_dir.get(parent_dir).copied().unwrap_or(0);
            site.sections[s].parent = Some(parent);
            site.sections[parent].subsections.push(s);
            let page = site.sections[s].page;
            site.pages[page].parent = Some(parent);
        }
        for i in 0..site.pages.len() {
            let p = &site.pages[i];
            if p.kind == PageKind::Section || p.kind == PageKind::Home {
                continue;
            }
            let dir = parent_dir(&p.source);
            let s = section_of_dir.get(dir).copied().unwrap_or(0);
            site.pages[i].parent = Some(s);
            site.sections[s].pages.push(i);
        }

        // 3. URLs, from the root down (sections are sorted, parents first).
        for s in 0..site.sections.len() {
            let section_page = site.sections[s].page;
            let base = match site.sections[s].parent {
                None => site.config.language_path.clone(),
                Some(parent) => {
                    let parent_path = site.pages[site.sections[parent].page].path.clone();
                    format!("{parent_path}{}/", site.sections[s].slug)
                }
            };
            site.pages[section_page].path = base.clone();
            for &p in &site.sections[s].pages.clone() {
                let slug = site.pages[p].slug.clone();
                site.pages[p].path = format!("{base}{slug}/");
            }
        }
        site.by_source = site
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.source.clone(), i))
            .collect();
        site.lookup.by_path = site
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.path.trim_end_matches('/').to_string(), i))
            .collect();
        site.lookup.section_by_dir = section_of_dir;
        site.place_colocated();
        site.lookup.section_by_page = site
            .sections
            .iter()
            .enumerate()
            .map(|(s, section)| (section.page, s))
            .collect();
        site.check_unique_paths(&mut diags);

        // 4. Steps and worksheets.
        site.order_steps(&mut diags);
        site.link_worksheets(&mut diags);
        site.sort_sections();
        site.lookup.step_position = site
            .steps
            .iter()
            .enumerate()
            .map(|(k, &s)| (s, k))
            .collect();
        for &s in &site.steps {
            if let Some(&w) = site.pages[s]
                .worksheet
                .as_deref()
                .and_then(|slug| site.lookup.worksheet_by_slug.get(slug))
            {
                site.lookup.steps_by_worksheet.entry(w).or_default().push(s);
            }
        }

        // 5. Worksheet field ids must stay unique when all worksheets share
        //    the workbook (`ws-a-b-c` from `a` + `b-c` and from `a-b` + `c`).
        site.check_workbook_ids(&mut diags);

        // 6. The safety page named in guide.toml must exist.
        site.check_safety_page(&sources.config_text, &mut diags);

        // 7. Links.
        site.resolve_links(&draft_sources, &mut diags);

        (site, diags)
    }

    fn check_workbook_ids(&self, diags: &mut Diagnostics) {
        let mut owner: HashMap<&str, usize> = HashMap::new();
        // One report per pair of worksheets: a clashing block clashes in
        // every id it makes (a scale's options, a partner's columns).
        let mut reported: HashSet<(usize, usize)> = HashSet::new();
        for &w in &self.worksheets {
            let mut ids: Vec<&str> = self.pages[w]
                .rendered
                .worksheet_names
                .iter()
                .map(String::as_str)
                .collect();
            ids.sort_unstable();
            for id in ids {
                match owner.get(id) {
                    Some(&first) if first != w && !reported.insert((first, w)) => {}
                    Some(&first) if first != w => diags.push(
                        Diagnostic::new(Code::WorksheetBlock,
                            format!(
                                "field `{id}` is also a field of `{}`: the two would clash in the workbook",
                                self.pages[first].source
                            ),
                        )
                        .at(Location::file(&self.pages[w].source))
                        .hint("rename the field's `id=…` or one of the worksheets"),
                    ),
                    Some(_) => {}
                    None => {
                        owner.insert(id, w);
                    }
                }
            }
        }
    }

    /// The page `safety_page` in guide.toml names, if set and found.
    pub(crate) fn safety_page(&self) -> Option<usize> {
        let name = self.config.safety_page.as_deref()?;
        self.page_by_source(&format!("{CONTENT_DIR}/{}", name.trim_start_matches("./")))
    }

    fn check_safety_page(&self, config_text: &str, diags: &mut Diagnostics) {
        let Some(name) = self.config.safety_page.as_deref() else {
            return;
        };
        if self.safety_page().is_some() {
            return;
        }
        // A translation without its own safety page links the guide's
        // (the languages stage warns that it is missing).
        if self.fallback_safety_url().is_some() {
            return;
        }
        let location = Location::of_key(
            &self.config.keys,
            crate::config::CONFIG_FILE,
            config_text,
            "safety_page",
        );
        let candidates: Vec<String> = self
            .pages
            .iter()
            .filter_map(|p| p.source.strip_prefix("content/").map(str::to_string))
            .collect();
        diags.push(
            Diagnostic::new(
                Code::Config,
                format!("safety_page `{name}` is not a page in `content/`"),
            )
            .at(location)
            .maybe_hint(
                closest(name, candidates.iter().map(String::as_str))
                    .map(|c| format!("did you mean `{c}`?")),
            )
            .hint_or("give the path of the safety page relative to `content/`, e.g. `safety.md`"),
        );
    }

    /// In a translation without its own safety page, the guide's.
    pub(crate) fn fallback_safety_url(&self) -> Option<&str> {
        let name = self.config.safety_page.as_deref()?;
        self.fallback
            .get(&format!("{CONTENT_DIR}/{}", name.trim_start_matches("./")))
            .map(String::as_str)
    }

    pub(crate) fn page_by_source(&self, source: &str) -> Option<usize> {
        self.by_source.get(source).copied()
    }

    /// Swap in a new version of page `i`'s document when it changes nothing
    /// any other page sees (same [`Document::outline`]) and has no
    /// diagnostics: the common "edit a paragraph" save. Returns false, and
    /// changes nothing, when a full [`Site::build_cached`] is needed.
    pub(crate) fn replace_document(
        &mut self,
        i: usize,
        doc: Arc<Document>,
        cache: &mut DocumentCache,
    ) -> bool {
        let Some(page) = self.pages.get_mut(i) else {
            return false;
        };
        let old = &page.doc;
        if old.source != doc.source
            || !old.rendered.diagnostics.is_empty()
            || !doc.rendered.diagnostics.is_empty()
            || old.outline() != doc.outline()
        {
            return false;
        }
        cache.docs.insert(doc.source.clone(), Arc::clone(&doc));
        page.doc = doc;
        true
    }

    /// Root-relative URL of a page, with the base path.
    pub(crate) fn url(&self, page: usize) -> String {
        format!("{}{}", self.config.base_url.path, self.pages[page].path)
    }

    /// Absolute URL of a page, its path percent-encoded as RFC 3986 asks
    /// (sitemaps and `rel=canonical` are read by machines).
    pub(crate) fn permalink(&self, page: usize) -> String {
        format!(
            "{}{}",
            self.config.base_url.url,
            crate::text::encode_path(&self.pages[page].path)
        )
    }

    /// Where step page `i` is in the ordered steps.
    pub(crate) fn step_position(&self, i: usize) -> Option<usize> {
        self.lookup.step_position.get(&i).copied()
    }

    /// The first step that names worksheet `ws`, if any.
    pub(crate) fn step_for_worksheet(&self, ws: usize) -> Option<usize> {
        self.steps_using(ws).first().copied()
    }

    /// Every step that names worksheet `ws`, in step order.
    pub(crate) fn steps_using(&self, ws: usize) -> &[usize] {
        self.lookup
            .steps_by_worksheet
            .get(&ws)
            .map_or(&[], Vec::as_slice)
    }

    pub(crate) fn worksheet_by_slug(&self, slug: &str) -> Option<usize> {
        self.lookup.worksheet_by_slug.get(slug).copied()
    }

    /// Move each file that sits beside a page under the URL of its nearest
    /// section, so `content/for_developers/pic.png` is published beside the
    /// pages of `for-developers/`, and a folder of images inside a section
    /// keeps its place below that section's URL.
    fn place_colocated(&mut self) {
        let colocated: Vec<String> = self
            .statics
            .iter()
            .filter(|(_, f)| f.colocated)
            .map(|(k, _)| k.clone())
            .collect();
        for key in colocated {
            let full = format!("{CONTENT_DIR}/{key}");
            let mut dir = full.as_str();
            let out = loop {
                dir = parent_dir(dir);
                if let Some(s) = self.section_by_dir(dir) {
                    let section_path = &self.pages[self.sections[s].page].path;
                    break format!("{section_path}{}", &full[dir.len() + 1..]);
                }
                if dir.is_empty() {
                    break key.clone();
                }
            };
            if out != key
                && let Some(mut file) = self.statics.remove(&key)
            {
                file.output_path = out.clone();
                self.statics.insert(out.clone(), file);
            }
            self.colocated.insert(key, out);
        }
    }

    /// The output path of the colocated asset at `path` below `content/`.
    pub(crate) fn colocated_output(&self, path: &str) -> Option<&str> {
        self.colocated.get(path).map(String::as_str)
    }

    /// The section whose own page is page `i`.
    pub(crate) fn section_of_page(&self, i: usize) -> Option<usize> {
        self.lookup.section_by_page.get(&i).copied()
    }

    /// The section for content folder `dir` (`content/steps`).
    pub(crate) fn section_by_dir(&self, dir: &str) -> Option<usize> {
        self.lookup.section_by_dir.get(dir).copied()
    }

    fn check_unique_paths(&self, diags: &mut Diagnostics) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, p) in self.pages.iter().enumerate() {
            if let Some(&first) = seen.get(p.path.as_str()) {
                diags.push(
                    Diagnostic::new(
                        Code::PathClash,
                        format!(
                            "`{}` and `{}` would both be written to `/{}`",
                            self.pages[first].source, p.source, p.path
                        ),
                    )
                    .at(self.key_location(i, "slug"))
                    .hint("give one of them a different `slug` or file name"),
                );
            } else if p.path.strip_prefix(self.config.language_path.as_str()) == Some(WORKBOOK_PATH)
            {
                diags.push(
                    Diagnostic::new(Code::PathClash,
                        format!("`{}` would be written to `/{}`, where the workbook goes", p.source, p.path),
                    )
                    .at(self.key_location(i, "slug"))
                    .hint("give the page another `slug` or file name; `/workbook/` is made by trellis"),
                );
            } else {
                seen.insert(&p.path, i);
            }
        }
    }

    /// Where a page's title is written: its `title` key, or the whole file.
    pub(crate) fn title_location(&self, page: &Page) -> Location {
        page.key_location("title")
    }

    fn key_location(&self, page: usize, key: &str) -> Location {
        self.pages[page].key_location(key)
    }

    fn order_steps(&mut self, diags: &mut Diagnostics) {
        let mut steps: Vec<(u32, usize)> = Vec::new();
        for (i, p) in self.pages.iter().enumerate() {
            if p.kind != PageKind::Step {
                continue;
            }
            match p.step {
                Some(n) => steps.push((n, i)),
                None => diags.push(
                    Diagnostic::new(Code::StepNumbers, "step has no number")
                        .at(Location::file(&p.source))
                        .hint(format!(
                            "start the file name with its number, e.g. `03-{}.md`, or set `step = 3` in front matter",
                            p.slug
                        )),
                ),
            }
        }
        steps.sort();
        // u64: `step = 4294967295` is a u32, and the next number is not.
        let mut expected: u64 = 1;
        let a_step_failed = self.failed.iter().any(|f| parent_dir(f) == STEPS_DIR);
        for (k, &(n, i)) in steps.iter().enumerate() {
            if k > 0 && steps[k - 1].0 == n {
                let other = &self.pages[steps[k - 1].1].source;
                diags.push(
                    Diagnostic::new(
                        Code::StepTwice,
                        format!("step {n} is also used by `{other}`"),
                    )
                    .at(self.step_location(i))
                    .hint(
                        "give every step its own number: renumber the files or their `step` values",
                    ),
                );
                continue;
            }
            // A translation may lack steps (W012 says which); the guide's
            // own language checks the numbering.
            let translation = !self.config.language_path.is_empty();
            if u64::from(n) != expected && !a_step_failed && !translation {
                let message = if expected == 1 {
                    format!("steps must start at 1, but the first step is {n}")
                } else {
                    format!("step numbers jump from {} to {n}", expected - 1)
                };
                diags.push(
                    Diagnostic::new(Code::StepNumbers, message)
                        .at(self.step_location(i))
                        .hint(format!(
                            "number this step {expected}, or add the missing step"
                        )),
                );
            }
            expected = u64::from(n) + 1;
        }
        self.steps = steps.into_iter().map(|(_, i)| i).collect();
        self.steps.dedup_by_key(|i| self.pages[*i].step);
    }

    fn step_location(&self, page: usize) -> Location {
        self.key_location(page, "step")
    }

    fn link_worksheets(&mut self, diags: &mut Diagnostics) {
        let all_worksheets: Vec<usize> = self
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == PageKind::Worksheet)
            .map(|(i, _)| i)
            .collect();
        // Worksheet slugs are unique (they share one folder, so E005
        // reports a clash); the first one wins here.
        let mut by_slug: HashMap<String, usize> = HashMap::new();
        for &w in &all_worksheets {
            by_slug.entry(self.pages[w].slug.clone()).or_insert(w);
        }
        let slugs: Vec<&str> = all_worksheets
            .iter()
            .map(|&w| self.pages[w].slug.as_str())
            .collect();
        let mut ordered = Vec::new();
        let mut placed = HashSet::new();
        let mut suggestions = SUGGESTIONS;
        for &s in &self.steps {
            let Some(name) = self.pages[s].worksheet.as_deref() else {
                continue;
            };
            match by_slug.get(name) {
                Some(&w) => {
                    if placed.insert(w) {
                        ordered.push(w);
                    }
                }
                None if self.failed.contains(&format!("{WORKSHEETS_DIR}/{name}.md")) => {}
                None => {
                    let near = if suggestions > 0 {
                        suggestions -= 1;
                        closest(name, slugs.iter().copied())
                    } else {
                        None
                    };
                    let hint = match near {
                        Some(c) => format!("did you mean `{c}`?"),
                        None if slugs.is_empty() => {
                            "add the worksheet as `content/worksheets/NAME.md`".to_string()
                        }
                        None => format!("worksheets are: {}", some_of(&slugs)),
                    };
                    diags.push(
                        Diagnostic::new(
                            Code::UnknownWorksheet,
                            format!("unknown worksheet `{name}`"),
                        )
                        .at(self.key_location(s, "worksheet"))
                        .hint(hint),
                    );
                }
            }
        }
        let mut rest: Vec<usize> = all_worksheets
            .into_iter()
            .filter(|w| !placed.contains(w))
            .collect();
        rest.sort_by_key(|&a| self.weight_title(a));
        ordered.extend(rest);
        self.lookup.worksheet_by_slug = ordered
            .iter()
            .rev()
            .map(|&w| (self.pages[w].slug.clone(), w))
            .collect();
        self.worksheets = ordered;
    }

    fn weight_title(&self, p: usize) -> (i64, String, String) {
        let p = &self.pages[p];
        (p.weight, p.title.to_lowercase(), p.source.clone())
    }

    fn sort_sections(&mut self) {
        for s in 0..self.sections.len() {
            let dir = self.sections[s].dir.clone();
            let mut pages = std::mem::take(&mut self.sections[s].pages);
            if dir == STEPS_DIR {
                pages.sort_by_key(|&p| {
                    (
                        self.pages[p].step.unwrap_or(u32::MAX),
                        self.pages[p].source.clone(),
                    )
                });
            } else if dir == WORKSHEETS_DIR {
                let order: HashMap<usize, usize> = self
                    .worksheets
                    .iter()
                    .enumerate()
                    .map(|(k, &w)| (w, k))
                    .collect();
                pages.sort_by_key(|p| order.get(p).copied().unwrap_or(usize::MAX));
            } else {
                pages.sort_by_key(|&a| self.weight_title(a));
            }
            self.sections[s].pages = pages;
            let mut subs = std::mem::take(&mut self.sections[s].subsections);
            subs.sort_by(|&a, &b| {
                self.weight_title(self.sections[a].page)
                    .cmp(&self.weight_title(self.sections[b].page))
            });
            self.sections[s].subsections = subs;
        }
    }
}

/// How many "did you mean" suggestions one build computes for each kind of
/// problem: each compares a name with every candidate, so a guide with
/// thousands of broken references gets its first ones suggested and the
/// rest a plain hint, in linear time.
pub(crate) const SUGGESTIONS: usize = 200;

/// A list for a hint: at most ten items, then how many more.
pub(crate) fn some_of(items: &[&str]) -> String {
    const SHOWN: usize = 10;
    if items.len() <= SHOWN {
        items.join(", ")
    } else {
        format!(
            "{}, and {} more",
            items[..SHOWN].join(", "),
            items.len() - SHOWN
        )
    }
}

/// `content/steps/03-x.md` → `content/steps`.
pub(crate) fn parent_dir(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}
