//! Site model: pages, sections, the ordered steps and their worksheets.
//!
//! [`Site::build`] turns loaded sources into the model the renderer reads:
//! every page parsed and rendered to HTML (in parallel, one page per task),
//! placed in its section with a URL, the steps ordered and checked, each
//! step's worksheet found, and every internal link resolved to a URL or
//! reported. Problems are collected, never thrown: one run reports all of
//! them. Pure: no disk, no network.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::GuideConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, closest};
use crate::frontmatter;
use crate::load::Sources;
use crate::markdown::{self, Input, Rendered};

pub const STEPS_DIR: &str = "content/steps";
pub const WORKSHEETS_DIR: &str = "content/worksheets";
pub const CONTENT_DIR: &str = "content";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageKind {
    Home,
    Page,
    Step,
    Worksheet,
    Section,
}

impl PageKind {
    pub fn name(self) -> &'static str {
        match self {
            PageKind::Home => "home",
            PageKind::Page => "page",
            PageKind::Step => "step",
            PageKind::Worksheet => "worksheet",
            PageKind::Section => "section",
        }
    }
}

/// One content file, parsed and rendered: everything that depends only on
/// the file itself (and the config). Immutable and shared, so the dev server
/// can keep documents whose file did not change between builds.
#[derive(Debug, Clone)]
pub struct Document {
    /// Source path (`content/steps/03-communicate.md`); for a section with no
    /// `_index.md`, its folder (`content/extras`).
    pub source: String,
    /// The file's text (empty for a section without `_index.md`).
    pub text: String,
    /// What the file's place says it is (the home page is decided later).
    pub kind: PageKind,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub has_summary: bool,
    pub weight: i64,
    pub step: Option<u32>,
    /// For steps: the worksheet slug named in front matter.
    pub worksheet: Option<String>,
    pub draft: bool,
    pub extra: serde_json::Value,
    pub rendered: Rendered,
    /// Byte range of the front matter text in `text`, for locating keys.
    front_matter: (usize, usize),
}

/// What other pages can see of a document: everything but its body. Two
/// versions of a file with the same outline place the same in the site,
/// resolve the same links, and leave every other page's output unchanged.
#[derive(Debug, PartialEq)]
pub struct Outline<'a> {
    kind: PageKind,
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    has_summary: bool,
    weight: i64,
    step: Option<u32>,
    worksheet: Option<&'a str>,
    draft: bool,
    reading_time: u32,
    empty: bool,
    anchors: &'a HashSet<String>,
    links: Vec<(&'a str, bool)>,
}

impl Document {
    pub fn outline(&self) -> Outline<'_> {
        Outline {
            kind: self.kind,
            slug: &self.slug,
            title: &self.title,
            summary: &self.summary,
            has_summary: self.has_summary,
            weight: self.weight,
            step: self.step,
            worksheet: self.worksheet.as_deref(),
            draft: self.draft,
            reading_time: self.rendered.reading_time(),
            empty: self.rendered.word_count == 0,
            anchors: &self.rendered.anchors,
            links: self
                .rendered
                .links
                .iter()
                .map(|l| (l.target.as_str(), l.is_image))
                .collect(),
        }
    }

    /// Parse a content file on its own (for an incremental rebuild).
    pub fn parse(source: &str, text: &str, config: &GuideConfig) -> Result<Document, Diagnostics> {
        parse_document(source, text, config)
    }
}

/// A document placed in the site: its URL, its section, its links resolved.
#[derive(Debug, Clone)]
pub struct Page {
    pub doc: Arc<Document>,
    pub kind: PageKind,
    /// URL path below the base path: `""` for home, `steps/communicate/`.
    pub path: String,
    /// The section this page is listed in (none for home).
    pub parent: Option<usize>,
    /// Resolved targets for `doc.rendered.links`, in order.
    pub link_targets: Vec<LinkTarget>,
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

/// Documents from earlier builds, reused while their file's text is the same.
#[derive(Debug, Default)]
pub struct DocumentCache {
    docs: HashMap<String, Arc<Document>>,
}

impl DocumentCache {
    pub fn clear(&mut self) {
        self.docs.clear();
    }
}

/// Where an internal link ends up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A root-relative URL including the base path.
    Url(String),
    /// An anchor on the same page (prefixed when the page is embedded).
    Anchor(String),
    /// Unresolvable: left as written (an error was reported).
    Broken(String),
}

impl LinkTarget {
    /// The `href` to write, with `id_prefix` for same-page anchors.
    pub fn href(&self, id_prefix: &str) -> String {
        match self {
            LinkTarget::Url(u) | LinkTarget::Broken(u) => markdown::escape_href(u),
            // Worksheet field ids already name their worksheet; only heading
            // and footnote ids are prefixed on a shared page.
            LinkTarget::Anchor(a) if a.starts_with("ws-") => {
                markdown::escape_href(&format!("#{a}"))
            }
            LinkTarget::Anchor(a) => markdown::escape_href(&format!("#{id_prefix}{a}")),
        }
    }
}

/// A folder under `content/`.
#[derive(Debug, Clone)]
pub struct Section {
    pub dir: String,
    /// The section's own page (its `_index.md`, or one made for it).
    pub page: usize,
    /// Pages listed in it, in display order.
    pub pages: Vec<usize>,
    pub subsections: Vec<usize>,
    pub parent: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub config: GuideConfig,
    pub pages: Vec<Page>,
    pub sections: Vec<Section>,
    /// Step pages in step order.
    pub steps: Vec<usize>,
    /// Worksheet pages in step order, then the rest.
    pub worksheets: Vec<usize>,
    pub home: usize,
    pub statics: BTreeMap<String, crate::load::StaticFile>,
    by_source: HashMap<String, usize>,
    /// Sources that could not be parsed: already reported, so links to them
    /// and references by name are not reported again.
    failed: HashSet<String>,
}

impl Site {
    /// Build the model. Returns the site even when there were errors, when
    /// enough of it exists to keep checking; errors are in the diagnostics.
    pub fn build(config: GuideConfig, sources: &Sources, drafts: bool) -> (Site, Diagnostics) {
        Site::build_cached(config, sources, drafts, &mut DocumentCache::default())
    }

    /// [`Site::build`], reusing documents from `cache` whose text is unchanged
    /// (the caller clears the cache when the config changes).
    pub fn build_cached(
        config: GuideConfig,
        sources: &Sources,
        drafts: bool,
        cache: &mut DocumentCache,
    ) -> (Site, Diagnostics) {
        let mut diags = Diagnostics::new();

        // 1. Parse and render every changed page, in parallel.
        let parsed: Vec<Result<Arc<Document>, Diagnostics>> = sources
            .content
            .par_iter()
            .map(|f| match cache.docs.get(&f.path) {
                Some(doc) if doc.text == f.text => Ok(Arc::clone(doc)),
                _ => parse_document(&f.path, &f.text, &config).map(Arc::new),
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
                Err(d) => {
                    failed.insert(file.path.clone());
                    diags.extend(d);
                }
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
            by_source: HashMap::new(),
            failed,
        };
        let mut dirs: Vec<String> = vec![CONTENT_DIR.to_string()];
        dirs.extend(sources.content_dirs.iter().cloned());
        let index_pages: HashMap<String, usize> = site
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.source.ends_with("/_index.md"))
            .map(|(i, p)| (p.source.clone(), i))
            .collect();
        for dir in &dirs {
            let index = format!("{dir}/_index.md");
            let page = match index_pages.get(&index).copied() {
                Some(i) => i,
                None => {
                    // Cached too, so an unchanged section is the same
                    // document from one build to the next.
                    let fresh = synthesised_section_page(dir, &site.config);
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
                None => String::new(),
                Some(parent) => {
                    let parent_path = site.pages[site.sections[parent].page].path.clone();
                    format!("{parent_path}{}/", site.pages[section_page].slug)
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
        site.check_unique_paths(&mut diags);

        // 4. Steps and worksheets.
        site.order_steps(&mut diags);
        site.link_worksheets(&mut diags);
        site.sort_sections();

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
        for &w in &self.worksheets {
            let mut ids: Vec<&str> = self.pages[w]
                .rendered
                .anchors
                .iter()
                .map(String::as_str)
                .filter(|a| a.starts_with("ws-"))
                .collect();
            ids.sort_unstable();
            for id in ids {
                match owner.get(id) {
                    Some(&first) if first != w => diags.push(
                        Diagnostic::error(
                            "E012",
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
    pub fn safety_page(&self) -> Option<usize> {
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
        let line = config_text
            .lines()
            .position(|l| l.trim_start().starts_with("safety_page"))
            .map_or(0, |i| i + 1);
        let location = if line > 0 {
            Location::at_line(
                crate::config::CONFIG_FILE,
                config_text,
                line,
                1,
                "safety_page".len(),
            )
        } else {
            Location::file(crate::config::CONFIG_FILE)
        };
        let candidates: Vec<String> = self
            .pages
            .iter()
            .filter_map(|p| p.source.strip_prefix("content/").map(str::to_string))
            .collect();
        diags.push(
            Diagnostic::error(
                "E001",
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

    pub fn page_by_source(&self, source: &str) -> Option<usize> {
        self.by_source.get(source).copied()
    }

    /// Swap in a new version of page `i`'s document when it changes nothing
    /// any other page sees (same [`Document::outline`]) and has no
    /// diagnostics: the common "edit a paragraph" save. Returns false, and
    /// changes nothing, when a full [`Site::build_cached`] is needed.
    pub fn replace_document(
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
    pub fn url(&self, page: usize) -> String {
        format!("{}{}", self.config.base_url.path, self.pages[page].path)
    }

    /// Absolute URL of a page.
    pub fn permalink(&self, page: usize) -> String {
        format!("{}{}", self.config.base_url.url, self.pages[page].path)
    }

    /// The step that names worksheet `ws`, if any.
    pub fn step_for_worksheet(&self, ws: usize) -> Option<usize> {
        let slug = &self.pages[ws].slug;
        self.steps
            .iter()
            .copied()
            .find(|&s| self.pages[s].worksheet.as_deref() == Some(slug))
    }

    pub fn worksheet_by_slug(&self, slug: &str) -> Option<usize> {
        self.worksheets
            .iter()
            .copied()
            .find(|&w| self.pages[w].slug == slug)
    }

    fn check_unique_paths(&self, diags: &mut Diagnostics) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, p) in self.pages.iter().enumerate() {
            if let Some(&first) = seen.get(p.path.as_str()) {
                diags.push(
                    Diagnostic::error(
                        "E005",
                        format!(
                            "`{}` and `{}` would both be written to `/{}`",
                            self.pages[first].source, p.source, p.path
                        ),
                    )
                    .at(self.key_location(i, "slug"))
                    .hint("give one of them a different `slug` or file name"),
                );
            } else if p.path == crate::render::WORKBOOK_PATH {
                diags.push(
                    Diagnostic::error(
                        "E005",
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

    /// Where a page's title is written: its `title` key, its `# Heading`,
    /// or the whole file.
    pub fn title_location(&self, page: &Page) -> Location {
        match self.page_by_source(&page.source) {
            Some(i)
                if page
                    .text
                    .lines()
                    .take(40)
                    .any(|l| l.trim_start().starts_with("title")) =>
            {
                self.key_location(i, "title")
            }
            _ => Location::file(&page.source),
        }
    }

    fn key_location(&self, page: usize, key: &str) -> Location {
        let p = &self.pages[page];
        if p.text.is_empty() {
            return Location::file(&p.source);
        }
        let (start, end) = p.front_matter;
        let parsed = frontmatter::Parsed {
            front_matter: Default::default(),
            front_matter_text: &p.text[start..end],
            front_matter_line: p.text[..start].matches('\n').count() + 1,
            body: "",
            body_offset: 0,
        };
        parsed.key_location(&p.source, &p.text, key)
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
                    Diagnostic::error("E006", "step has no number")
                        .at(Location::file(&p.source))
                        .hint(format!(
                            "start the file name with its number, e.g. `03-{}.md`, or set `step = 3` in front matter",
                            p.slug
                        )),
                ),
            }
        }
        steps.sort();
        let mut expected = 1;
        for (k, &(n, i)) in steps.iter().enumerate() {
            if k > 0 && steps[k - 1].0 == n {
                let other = &self.pages[steps[k - 1].1].source;
                diags.push(
                    Diagnostic::error("E007", format!("step {n} is also used by `{other}`"))
                        .at(self.step_location(i))
                        .hint("give every step its own number: renumber the files or their `step` values"),
                );
                continue;
            }
            let a_step_failed = self.failed.iter().any(|f| parent_dir(f) == STEPS_DIR);
            if n != expected && !a_step_failed {
                let message = if expected == 1 {
                    format!("steps must start at 1, but the first step is {n}")
                } else {
                    format!("step numbers jump from {} to {n}", expected - 1)
                };
                diags.push(
                    Diagnostic::error("E006", message)
                        .at(self.step_location(i))
                        .hint(format!(
                            "number this step {expected}, or add the missing step"
                        )),
                );
            }
            expected = n + 1;
        }
        self.steps = steps.into_iter().map(|(_, i)| i).collect();
        self.steps.dedup_by_key(|i| self.pages[*i].step);
    }

    fn step_location(&self, page: usize) -> Location {
        let p = &self.pages[page];
        let (start, end) = p.front_matter;
        if p.text[start..end]
            .lines()
            .any(|l| l.trim_start().starts_with("step"))
        {
            self.key_location(page, "step")
        } else {
            Location::file(&p.source)
        }
    }

    fn link_worksheets(&mut self, diags: &mut Diagnostics) {
        let all_worksheets: Vec<usize> = self
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == PageKind::Worksheet)
            .map(|(i, _)| i)
            .collect();
        let slugs: Vec<&str> = all_worksheets
            .iter()
            .map(|&w| self.pages[w].slug.as_str())
            .collect();
        let mut ordered = Vec::new();
        for &s in &self.steps {
            let Some(name) = self.pages[s].worksheet.clone() else {
                continue;
            };
            match all_worksheets.iter().find(|&&w| self.pages[w].slug == name) {
                Some(&w) => {
                    if !ordered.contains(&w) {
                        ordered.push(w);
                    }
                }
                None if self.failed.contains(&format!("{WORKSHEETS_DIR}/{name}.md")) => {}
                None => {
                    let hint = match closest(&name, slugs.iter().copied()) {
                        Some(c) => format!("did you mean `{c}`?"),
                        None if slugs.is_empty() => {
                            "add the worksheet as `content/worksheets/NAME.md`".to_string()
                        }
                        None => format!("worksheets are: {}", slugs.join(", ")),
                    };
                    diags.push(
                        Diagnostic::error("E008", format!("unknown worksheet `{name}`"))
                            .at(self.key_location(s, "worksheet"))
                            .hint(hint),
                    );
                }
            }
        }
        let mut rest: Vec<usize> = all_worksheets
            .into_iter()
            .filter(|w| !ordered.contains(w))
            .collect();
        rest.sort_by_key(|&a| self.weight_title(a));
        ordered.extend(rest);
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
                pages.sort_by_key(|p| {
                    self.worksheets
                        .iter()
                        .position(|w| w == p)
                        .unwrap_or(usize::MAX)
                });
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

    fn resolve_links(&mut self, drafts: &HashMap<String, Arc<Document>>, diags: &mut Diagnostics) {
        let resolved: Vec<(Vec<LinkTarget>, Vec<Diagnostic>)> = (0..self.pages.len())
            .into_par_iter()
            .map(|i| {
                let mut problems = Vec::new();
                let targets = self.pages[i]
                    .rendered
                    .links
                    .iter()
                    .map(|link| match self.resolve(i, &link.target, drafts) {
                        Ok((target, warning)) => {
                            if let Some(w) = warning {
                                problems.push(w.at(self.link_location(i, link)));
                            }
                            target
                        }
                        Err(d) => {
                            problems.push(d.at(self.link_location(i, link)));
                            LinkTarget::Broken(link.target.clone())
                        }
                    })
                    .collect();
                (targets, problems)
            })
            .collect();
        for (i, (targets, problems)) in resolved.into_iter().enumerate() {
            self.pages[i].link_targets = targets;
            diags.extend(problems);
        }
    }

    fn link_location(&self, page: usize, link: &markdown::LinkRef) -> Location {
        let p = &self.pages[page];
        // Point at the target inside `[text](target)` when it is on the same line.
        let span =
            &p.text[link.offset.min(p.text.len())..(link.offset + link.length).min(p.text.len())];
        match span.find(link.target.as_str()) {
            Some(i) => Location::at_offset(&p.source, &p.text, link.offset + i, link.target.len()),
            None => Location::at_offset(&p.source, &p.text, link.offset, link.length),
        }
    }

    /// Resolve a link written on page `from`. A warning may come with a success.
    fn resolve(
        &self,
        from: usize,
        target: &str,
        drafts: &HashMap<String, Arc<Document>>,
    ) -> Result<(LinkTarget, Option<Diagnostic>), Diagnostic> {
        let (before_fragment, fragment) = match target.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (target, None),
        };
        let (path_part, query) = match before_fragment.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (before_fragment, None),
        };
        let base = &self.config.base_url.path;
        if path_part.is_empty() {
            if query.is_some() {
                // `?lang=fr`: the same page with a query; nothing to check.
                return Ok((LinkTarget::Url(target.to_string()), None));
            }
            let anchor = fragment.unwrap_or("");
            self.check_anchor(from, anchor)?;
            return Ok((LinkTarget::Anchor(anchor.to_string()), None));
        }
        let decoded = percent_decode(path_part);
        // The query and fragment are kept as written.
        let with_fragment = |url: String| {
            let mut url = url;
            if let Some(q) = query {
                url.push('?');
                url.push_str(q);
            }
            if let Some(f) = fragment {
                url.push('#');
                url.push_str(f);
            }
            url
        };

        if let Some(rooted) = decoded.strip_prefix('/') {
            // A root-relative link: a page URL or a static file.
            let wanted = rooted.trim_end_matches("index.html");
            if let Some(p) = self.pages.iter().position(|p| {
                p.path == wanted || p.path.trim_end_matches('/') == wanted.trim_end_matches('/')
            }) {
                if let Some(f) = fragment {
                    self.check_anchor(p, f)?;
                }
                return Ok((LinkTarget::Url(with_fragment(self.url(p))), None));
            }
            // A draft's future address: a warning, as for a relative link.
            if let Some(draft) = drafts
                .values()
                .find(|d| self.draft_path(d).trim_end_matches('/') == wanted.trim_end_matches('/'))
            {
                return Ok((
                    LinkTarget::Url(with_fragment(format!("{base}{rooted}"))),
                    Some(
                        Diagnostic::warning("W006", format!("`{target}` is a draft (`{}`) and is not published", draft.source))
                            .hint("publish it (remove `draft = true`) or remove the link; build with `--drafts` to preview it"),
                    ),
                ));
            }
            let generated = [
                crate::render::WORKBOOK_PATH,
                "workbook/index.html",
                "404.html",
                "sitemap.xml",
                "robots.txt",
            ];
            if self.statics.contains_key(rooted) || generated.contains(&rooted) {
                return Ok((
                    LinkTarget::Url(with_fragment(format!("{base}{}", encode_path(rooted)))),
                    None,
                ));
            }
            return Err(Diagnostic::error("E011", format!("`{target}` is not a page or a file in `static/`"))
                .maybe_hint(closest(rooted, self.statics.keys().map(String::as_str)).map(|c| format!("did you mean `/{c}`?")))
                .hint_or("put the file in `static/`, or link to a Markdown file with a relative path like `../steps/03-communicate.md`"));
        }

        let from_dir = match self.pages[from].text.is_empty() {
            true => self.pages[from].source.clone(),
            false => parent_dir(&self.pages[from].source).to_string(),
        };
        let Some(joined) = join_path(&from_dir, &decoded) else {
            return Err(
                Diagnostic::error("E009", format!("`{target}` points outside the site"))
                    .hint("link to a page in `content/` or a file in `static/`"),
            );
        };
        let joined = joined.trim_end_matches('/').to_string();

        if joined.to_ascii_lowercase().ends_with(".md") {
            if self.failed.contains(&joined) {
                return Ok((LinkTarget::Broken(target.to_string()), None));
            }
            if let Some(&p) = self.by_source.get(&joined) {
                if let Some(f) = fragment {
                    self.check_anchor(p, f)?;
                }
                return Ok((LinkTarget::Url(with_fragment(self.url(p))), None));
            }
            if let Some(draft) = drafts.get(&joined) {
                // Where the page will be once published; its headings are
                // known, so the fragment is still checked.
                let url = format!("{base}{}", self.draft_path(draft));
                if let Some(f) = fragment {
                    if !draft.rendered.anchors.contains(f) {
                        return Err(Diagnostic::error(
                            "E010",
                            format!("`{joined}` has no heading `#{f}`"),
                        )
                        .hint("check the heading's id in the draft"));
                    }
                }
                return Ok((
                    LinkTarget::Url(with_fragment(url)),
                    Some(Diagnostic::warning("W006", format!("`{target}` is a draft and is not published"))
                        .hint("publish it (remove `draft = true`) or remove the link; build with `--drafts` to preview it")),
                ));
            }
            let candidates: Vec<String> = self
                .pages
                .iter()
                .filter(|p| !p.text.is_empty())
                .map(|p| relative_path(&from_dir, &p.source))
                .collect();
            let hint = closest(&decoded, candidates.iter().map(String::as_str))
                .map(|c| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| {
                    "check the file name; links are relative to the page's own folder".to_string()
                });
            return Err(
                Diagnostic::error("E009", format!("link to missing page `{target}`")).hint(hint),
            );
        }
        // A section folder.
        if let Some(s) = self.sections.iter().find(|s| s.dir == joined) {
            if let Some(f) = fragment {
                self.check_anchor(s.page, f)?;
            }
            return Ok((LinkTarget::Url(with_fragment(self.url(s.page))), None));
        }
        // A file in `static/`, reached by a relative path.
        if let Some(rest) = joined.strip_prefix("static/") {
            if self.statics.contains_key(rest) {
                return Ok((
                    LinkTarget::Url(with_fragment(format!("{base}{}", encode_path(rest)))),
                    None,
                ));
            }
            return Err(
                Diagnostic::error("E011", format!("missing static file `{target}`"))
                    .maybe_hint(
                        closest(rest, self.statics.keys().map(String::as_str))
                            .map(|c| format!("did you mean `{c}`?")),
                    )
                    .hint_or("add the file to `static/`"),
            );
        }
        // A file beside the page in `content/`.
        if let Some(rest) = joined.strip_prefix("content/") {
            if self.statics.contains_key(rest) {
                return Ok((
                    LinkTarget::Url(with_fragment(format!("{base}{}", encode_path(rest)))),
                    None,
                ));
            }
        }
        Err(Diagnostic::error("E011", format!("link to missing file `{target}`"))
            .hint("link to a Markdown page (`…/name.md`), a folder in `content/`, or a file in `static/`"))
    }

    /// Where a draft will be once published: its section's path and slug.
    fn draft_path(&self, draft: &Document) -> String {
        let section_path = self
            .sections
            .iter()
            .find(|s| s.dir == parent_dir(&draft.source))
            .map_or("", |s| self.pages[s.page].path.as_str());
        format!("{section_path}{}/", draft.slug)
    }

    fn check_anchor(&self, page: usize, anchor: &str) -> Result<(), Diagnostic> {
        let anchors = &self.pages[page].rendered.anchors;
        // Browsers match `#caf%C3%A9` to `id="café"`.
        if anchor.is_empty()
            || anchors.contains(anchor)
            || anchors.contains(&percent_decode(anchor))
        {
            return Ok(());
        }
        let hint = closest(anchor, anchors.iter().map(String::as_str))
            .map(|c| format!("did you mean `#{c}`?"))
            .unwrap_or_else(|| {
                let mut all: Vec<&str> = anchors
                    .iter()
                    .map(String::as_str)
                    .filter(|a| !a.starts_with("ws-") && !a.starts_with("fn-"))
                    .collect();
                all.sort();
                if all.is_empty() {
                    "that page has no headings to link to".to_string()
                } else {
                    format!("headings there are: #{}", all.join(", #"))
                }
            });
        Err(Diagnostic::error(
            "E010",
            format!("`{}` has no heading `#{anchor}`", self.pages[page].source),
        )
        .hint(hint))
    }
}

trait HintOr {
    fn hint_or(self, hint: &str) -> Self;
}

impl HintOr for Diagnostic {
    fn hint_or(self, hint: &str) -> Diagnostic {
        if self.hint.is_some() {
            self
        } else {
            self.hint(hint)
        }
    }
}

/// Parse and render one content file (no URL or section yet).
fn parse_document(source: &str, text: &str, config: &GuideConfig) -> Result<Document, Diagnostics> {
    let parsed = frontmatter::parse(source, text).map_err(Diagnostics::from)?;
    let fm = parsed.front_matter.clone();
    let mut diags = Diagnostics::new();
    let file_name = source.rsplit('/').next().unwrap_or(source);
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    let dir = parent_dir(source);
    let kind = if file_name == "_index.md" {
        if dir == CONTENT_DIR {
            PageKind::Home
        } else {
            PageKind::Section
        }
    } else if dir == STEPS_DIR {
        PageKind::Step
    } else if dir == WORKSHEETS_DIR {
        PageKind::Worksheet
    } else {
        PageKind::Page
    };
    let (number_prefix, rest) = split_number_prefix(stem);
    let slug = match &fm.slug {
        Some(s) => {
            if !is_valid_slug(s) {
                diags.push(
                    Diagnostic::error(
                        "E005",
                        format!("slug `{s}` may only contain `a-z`, `0-9` and `-`"),
                    )
                    .at(parsed.key_location(source, text, "slug"))
                    .hint(format!("try `slug = \"{}\"`", markdown::slugify(s))),
                );
            }
            s.clone()
        }
        None if kind == PageKind::Section => {
            markdown::slugify(dir.rsplit('/').next().unwrap_or(dir))
        }
        None => {
            let slug = markdown::slugify(rest);
            if slug.is_empty() {
                diags.push(
                    Diagnostic::error("E005", format!("`{file_name}` gives an empty URL name"))
                        .at(Location::file(source))
                        .hint("give the file a name with letters or digits, or set `slug = \"…\"`"),
                );
            }
            slug
        }
    };
    let worksheet_slug = (kind == PageKind::Worksheet).then(|| slug.clone());
    let rendered = markdown::render(&Input {
        file: source,
        file_text: text,
        body: parsed.body,
        body_offset: parsed.body_offset,
        worksheet: worksheet_slug.as_deref(),
        id_prefix: "",
        partner_labels: &config.partner_labels,
        take_title: fm.title.is_none(),
    });
    let title = match fm.title.clone().or_else(|| rendered.title.clone()) {
        Some(t) if !t.trim().is_empty() => t,
        _ => {
            diags.push(
                Diagnostic::error("E004", "page has no title")
                    .at(Location::file(source))
                    .hint(
                        "add `title = \"…\"` to the front matter, or start the page with `# Title`",
                    ),
            );
            String::new()
        }
    };
    if fm.worksheet.is_some() && kind != PageKind::Step {
        diags.push(
            Diagnostic::error("E003", "only step pages can name a worksheet")
                .at(parsed.key_location(source, text, "worksheet"))
                .hint("move the page into `content/steps/`, or link to the worksheet in the text"),
        );
    }
    if fm.step.is_some() && kind != PageKind::Step {
        diags.push(
            Diagnostic::error("E003", "`step` is only for pages in `content/steps/`")
                .at(parsed.key_location(source, text, "step"))
                .hint("remove `step`, or move the page into `content/steps/`"),
        );
    }
    if diags.has_errors() {
        diags.extend(rendered.diagnostics);
        return Err(diags);
    }
    let has_summary = fm.summary.is_some();
    let summary = fm
        .summary
        .clone()
        .unwrap_or_else(|| rendered.first_paragraph.clone());
    let fm_start = if parsed.front_matter_text.is_empty() {
        0
    } else {
        text.find('\n').map_or(0, |i| i + 1)
    };
    Ok(Document {
        source: source.to_string(),
        text: text.to_string(),
        kind,
        slug,
        title,
        summary,
        has_summary,
        weight: fm.weight.unwrap_or(0),
        step: fm.step.or(number_prefix),
        worksheet: fm.worksheet,
        draft: fm.draft,
        extra: fm
            .extra
            .unwrap_or(serde_json::Value::Object(Default::default())),
        rendered,
        front_matter: (fm_start, fm_start + parsed.front_matter_text.len()),
    })
}

fn synthesised_section_page(dir: &str, config: &GuideConfig) -> Document {
    let name = dir.rsplit('/').next().unwrap_or(dir);
    let title = if dir == CONTENT_DIR {
        config.title.clone()
    } else {
        let words = name.replace(['-', '_'], " ");
        let mut c = words.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    Document {
        source: dir.to_string(),
        text: String::new(),
        kind: PageKind::Section,
        slug: markdown::slugify(name),
        title,
        summary: String::new(),
        has_summary: false,
        weight: 0,
        step: None,
        worksheet: None,
        draft: false,
        extra: serde_json::Value::Object(Default::default()),
        rendered: Rendered::default(),
        front_matter: (0, 0),
    }
}

/// `03-communicate` → (Some(3), "communicate").
fn split_number_prefix(stem: &str) -> (Option<u32>, &str) {
    let digits = stem.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 6 {
        return (None, stem);
    }
    let rest = &stem[digits..];
    match rest.strip_prefix(['-', '_', '.']) {
        Some(r) if !r.is_empty() => (stem[..digits].parse().ok(), r),
        _ => (None, stem),
    }
}

pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `content/steps/03-x.md` → `content/steps`.
pub fn parent_dir(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

/// Join a relative link onto a folder, resolving `.` and `..`; `None` when it
/// climbs out of the site.
fn join_path(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    if rel.ends_with('/') {
        joined.push('/');
    }
    Some(joined)
}

/// The relative path from folder `from` to file `to`, for hints.
fn relative_path(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: Vec<&str> = vec![".."; from.len() - common];
    out.extend(&to_parts[common..]);
    out.join("/")
}

/// A file path made safe for a URL: everything but letters, digits and
/// `-._~/` percent-encoded (`a#b.png` → `a%23b.png`).
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_prefixes() {
        assert_eq!(
            split_number_prefix("03-communicate"),
            (Some(3), "communicate")
        );
        assert_eq!(split_number_prefix("10_x"), (Some(10), "x"));
        assert_eq!(split_number_prefix("2024"), (None, "2024"));
        assert_eq!(split_number_prefix("communicate"), (None, "communicate"));
    }

    #[test]
    fn paths() {
        assert_eq!(
            join_path("content/steps", "../worksheets/a.md").as_deref(),
            Some("content/worksheets/a.md")
        );
        assert_eq!(join_path("content", "../../etc/passwd"), None);
        assert_eq!(
            relative_path("content/steps", "content/worksheets/a.md"),
            "../worksheets/a.md"
        );
        assert_eq!(relative_path("content/steps", "content/steps/b.md"), "b.md");
        assert_eq!(percent_decode("a%20b%zz%"), "a b%zz%");
        assert_eq!(encode_path("img/a#b c%.png"), "img/a%23b%20c%25.png");
    }
}
