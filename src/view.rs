//! View models: the only data templates ever see.
//!
//! Every struct here is built for a template and serialised into the Tera
//! context. Internal types (`Page`, `Site`, …) never reach a template, so a
//! theme cannot come to depend on how the pipeline stores things. Every field
//! is documented in `docs/themes.md`; keep the two in step.

use serde::Serialize;

/// A title and a URL: the smallest thing a template can link to.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Link {
    pub title: String,
    /// Root-relative URL including the base path, e.g. `/guide/steps/communicate/`.
    pub url: String,
}

/// `guide`: the whole guide, the same in every template.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GuideView {
    pub title: String,
    pub description: String,
    pub language: String,
    pub author: String,
    /// Absolute base URL, always ending in `/`.
    pub base_url: String,
    /// The path part of `base_url`, always starting and ending in `/`.
    pub base_path: String,
    pub home_url: String,
    pub workbook_url: String,
    /// The worksheets section (`content/worksheets/`).
    pub worksheets_url: String,
    /// The steps section (`content/steps/`).
    pub steps_url: String,
    /// The page `safety_page` in `guide.toml` names, when set.
    pub safety_url: Option<String>,
    /// Where "Leave this site" goes (`quick_exit_url`).
    pub quick_exit_url: String,
    /// The `[extra]` table of `guide.toml`.
    pub extra: serde_json::Value,
    /// Column labels for `partners` and `signature` worksheet blocks.
    pub partner_labels: [String; 2],
    /// `ltr` or `rtl`: which way the language's text runs, for `<html dir>`.
    pub dir: crate::i18n::Dir,
    /// The worksheet script's messages in this language, as JSON for a
    /// `<script type="application/json" id="trellis-messages">`; print with
    /// `| safe` (it is escaped for that place).
    pub js_messages: String,
    /// Pages directly in `content/` (not the home page), by weight then title.
    pub pages: Vec<Link>,
    /// The steps, in order.
    pub steps: Vec<StepLink>,
    /// Worksheets in step order, then any no step links to, by weight and title.
    pub worksheets: Vec<Link>,
    /// Top-level sections other than `steps` and `worksheets`.
    pub sections: Vec<Link>,
    /// `trellis <version>`, for a generator meta tag.
    pub generator: String,
    /// Every language the guide is published in, each linking its home
    /// page (one entry for a guide in one language).
    pub languages: Vec<Translation>,
    /// Root-relative URL of the search index of the page's language (a
    /// script setting `window.__TRELLIS_SEARCH__`; see `static/js/search.js`).
    pub search_index_url: String,
}

/// One step in the guide's ordered path.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StepLink {
    pub number: u32,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub worksheet: Option<Link>,
    /// What the step's progress (marked done) is kept under on the
    /// reader's device: its slug in the guide's own language.
    pub key: String,
}

/// Where a step page sits in the path: "Step 3 of 7", previous and next.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StepPosition {
    pub number: u32,
    pub total: u32,
    pub prev: Option<Link>,
    pub next: Option<Link>,
}

/// One heading in a page's table of contents; `children` are the headings
/// one level further down.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// A page listed on a section page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageSummary {
    pub title: String,
    pub url: String,
    pub summary: String,
    pub reading_time: u32,
    /// Set for steps.
    pub step_number: Option<u32>,
    /// On worksheets, how many things there are to fill in (blocks and
    /// task items); 0 elsewhere.
    pub prompts: u32,
    /// On worksheets, the steps that use it; empty elsewhere.
    pub used_by: Vec<Link>,
}

/// What a section page lists.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SectionListing {
    pub pages: Vec<PageSummary>,
    pub subsections: Vec<PageSummary>,
}

/// `page`: the page being rendered.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageView {
    /// `home`, `page`, `step`, `worksheet`, `section`, `workbook` or `not_found`.
    pub kind: &'static str,
    pub title: String,
    /// The id for the page's `<h1>`, when its title came from a heading in
    /// the body (`# Title`): links to that heading land on it. Empty
    /// otherwise.
    pub title_id: String,
    pub summary: String,
    /// Rendered HTML of the Markdown body; print with `| safe`.
    pub content: String,
    pub toc: Vec<TocEntry>,
    pub word_count: u32,
    /// Minutes, at least 1 for a page with any words.
    pub reading_time: u32,
    /// Root-relative URL including the base path.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    pub slug: String,
    /// The source file relative to the site root, e.g. `content/steps/03-communicate.md`.
    pub source: String,
    /// Front matter `extra` table.
    pub extra: serde_json::Value,
    /// Breadcrumbs from the home page down to (not including) this page.
    pub ancestors: Vec<Link>,
    /// Step pages only.
    pub step: Option<StepPosition>,
    /// Step pages: the worksheet this step names.
    pub worksheet: Option<Link>,
    /// Worksheet pages: the steps that name this worksheet.
    pub used_by: Vec<Link>,
    /// Worksheet pages: written alone (`private = true`).
    pub private: bool,
    /// Section pages only.
    pub section: Option<SectionListing>,
    /// This page in each language it exists in, this one included (empty
    /// for a guide in one language): the language switcher and `hreflang`.
    pub translations: Vec<Translation>,
    /// What a worksheet's answers, or a step's "marked done", are kept
    /// under: the page's slug in the guide's own language, so every
    /// translation shows the same answers and progress.
    pub answers_key: String,
    /// Worksheet pages and the workbook, when the build made PDFs of them
    /// (`trellis build --pdf`): their A4 and US Letter PDFs. `None`
    /// otherwise, and always in `trellis serve`.
    pub pdf: Option<PdfLinks>,
}

/// One worksheet inside the combined workbook.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct WorkbookEntry {
    pub title: String,
    pub slug: String,
    pub url: String,
    pub summary: String,
    /// Rendered worksheet HTML (ids already unique across the workbook).
    pub content: String,
    /// The step that names this worksheet, if any.
    pub step: Option<StepLink>,
    /// Written alone (`private = true`).
    pub private: bool,
    /// See [`PageView::answers_key`].
    pub answers_key: String,
}

/// The PDFs `trellis build --pdf` made of a page, as root-relative URLs.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct PdfLinks {
    pub a4: String,
    pub letter: String,
}

/// A page in one of the guide's languages.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Translation {
    /// BCP 47 tag: `hreflang` and `lang`.
    pub code: String,
    /// The language's name in itself (`Español`), from its messages.
    pub name: String,
    pub url: String,
    pub permalink: String,
    /// The language of the page being rendered.
    pub current: bool,
}
