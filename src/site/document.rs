//! Documents: one content file parsed and rendered on its own.
//!
//! A [`Document`] is everything that depends only on its file (and the
//! config): front matter, kind, slug, title, the rendered Markdown with its
//! headings, anchors and links. Documents are immutable and shared through
//! `Arc`; a [`DocumentCache`] keeps them across rebuilds while their text is
//! unchanged. Placing a document in the site (its URL, its section, its
//! resolved links) is the model's job, in `site/mod.rs`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::config::GuideConfig;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};
use crate::frontmatter;
use crate::load::{self, Stamp};
use crate::markdown::{self, Anchors, Input, Rendered};
use crate::shelf::{Place, Shelf};
use crate::text;
use crate::worksheet::BlockWords;

use super::{CONTENT_DIR, STEPS_DIR, WORKSHEETS_DIR, parent_dir};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum PageKind {
    Home,
    Page,
    Step,
    Worksheet,
    Section,
}

impl PageKind {
    pub(crate) fn name(self) -> &'static str {
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
pub(crate) struct Document {
    /// Source path (`content/steps/03-communicate.md`); for a section with no
    /// `_index.md`, its folder (`content/extras`).
    pub source: String,
    /// The file's text (empty for a section without `_index.md`), shared
    /// with the loaded sources; `None` when a build has let it go.
    text: Option<Arc<str>>,
    /// Where the text was let go from, and what the file was when read:
    /// a diagnostic reads it again to quote a line.
    on_disk: Option<(Arc<Path>, Stamp)>,
    /// The file has text: false for a section without `_index.md` (or an
    /// empty file). Kept when the text is let go.
    pub has_text: bool,
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
    /// A worksheet written alone (`private = true`).
    pub private: bool,
    pub extra: serde_json::Value,
    /// What the Markdown made; its `html` is empty while on the shelf.
    pub rendered: Rendered,
    /// Where a build put the rendered HTML until the page renders.
    shelved: Option<(Arc<Shelf>, Place)>,
    /// Each front matter key and the byte range of `key = value` in `text`.
    keys: Vec<(String, Range<usize>)>,
}

/// What other pages can see of a document: everything but its body. Two
/// versions of a file with the same outline place the same in the site,
/// resolve the same links, and leave every other page's output unchanged.
#[derive(Debug, PartialEq)]
pub(crate) struct Outline<'a> {
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
    anchors: &'a Anchors,
    links: Vec<(&'a str, bool)>,
}

impl Document {
    pub(crate) fn outline(&self) -> Outline<'_> {
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
            empty: self.rendered.word_count == 0 && !self.rendered.shows_something,
            anchors: &self.rendered.anchors,
            links: self
                .rendered
                .links
                .iter()
                .map(|l| (l.target.as_str(), l.is_image))
                .collect(),
        }
    }

    /// Where front matter key `key` is written, or the whole file.
    pub(crate) fn key_location(&self, key: &str) -> Location {
        match self.text() {
            Some(text) => Location::of_key(&self.keys, &self.source, &text, key),
            None => Location::file(&self.source),
        }
    }

    /// The file's text: held, or read again from its file (for a
    /// diagnostic) while the file is unchanged; `None` when it changed.
    pub(crate) fn text(&self) -> Option<Arc<str>> {
        match (&self.text, &self.on_disk) {
            (Some(text), _) => Some(Arc::clone(text)),
            (None, Some((path, stamp))) => load::read_again(path, &self.source, *stamp),
            (None, None) => None,
        }
    }

    /// The text if it is held (never read again).
    pub(crate) fn held_text(&self) -> Option<&Arc<str>> {
        self.text.as_ref()
    }

    /// Let the text go, to be read again from `path` only if a diagnostic
    /// quotes it: a build does for every page but worksheets (which the
    /// workbook renders again), so a large site's text is never held at
    /// once.
    pub(crate) fn leave_on_disk(&mut self, path: Arc<Path>, stamp: Stamp) {
        self.text = None;
        self.on_disk = Some((path, stamp));
    }

    /// Put the rendered HTML on `shelf` until the page renders (a build
    /// does for every page). If it cannot be written there, it stays.
    pub(crate) fn shelve(&mut self, shelf: &Arc<Shelf>) {
        if self.rendered.html.is_empty() {
            return;
        }
        if let Ok(place) = shelf.put(&self.rendered.html) {
            self.rendered.html = String::new();
            self.shelved = Some((Arc::clone(shelf), place));
        }
    }

    /// The rendered HTML, with `\u{1}N\u{1}` placeholders for its links:
    /// held, or read back from the shelf.
    pub(crate) fn html(&self) -> std::io::Result<Cow<'_, str>> {
        match &self.shelved {
            Some((shelf, place)) => shelf.get(*place).map(Cow::Owned),
            None => Ok(Cow::Borrowed(&self.rendered.html)),
        }
    }

    /// Whether the HTML is on the shelf rather than held.
    #[cfg(test)]
    pub(crate) fn is_shelved(&self) -> bool {
        self.shelved.is_some()
    }

    /// How long [`Document::html`] is.
    pub(crate) fn html_len(&self) -> usize {
        match &self.shelved {
            Some((_, place)) => place.len(),
            None => self.rendered.html.len(),
        }
    }

    /// Parse a content file on its own (for an incremental rebuild).
    pub(crate) fn parse(
        source: &str,
        text: &Arc<str>,
        words: &BlockWords,
    ) -> Result<Document, Diagnostics> {
        parse_document(source, text, words)
    }
}

/// Documents from earlier builds, reused while their file's text is the same.
#[derive(Debug, Default)]
pub(crate) struct DocumentCache {
    pub(super) docs: HashMap<String, Arc<Document>>,
}

impl DocumentCache {
    pub(crate) fn clear(&mut self) {
        self.docs.clear();
    }
}

/// Parse and render one content file (no URL or section yet).
pub(super) fn parse_document(
    source: &str,
    shared_text: &Arc<str>,
    words: &BlockWords,
) -> Result<Document, Diagnostics> {
    let text: &str = shared_text;
    let parsed = frontmatter::parse(source, text)?;
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
    // Without a `weight`, a number before the name orders the page among
    // its section's (`01-intro.md`, `02-install.md`), and a section's
    // folder's number orders the section (`content/02-usage/`).
    let order = match kind {
        PageKind::Section => folder_order(dir),
        _ => number_prefix.map(i64::from),
    };
    let slug = match &fm.slug {
        Some(s) => {
            if !text::is_slug(s) {
                diags.push(
                    Diagnostic::new(
                        Code::PathClash,
                        format!("slug `{s}` may only contain `a-z`, `0-9` and `-`"),
                    )
                    .at(parsed.key_location(source, text, "slug"))
                    .hint(match text::slugify(s) {
                        slug if slug.is_empty() => {
                            "use lowercase letters, digits and `-`, such as `slug = \"my-page\"`"
                                .to_string()
                        }
                        slug => format!("try `slug = \"{slug}\"`"),
                    }),
                );
            }
            s.clone()
        }
        None if kind == PageKind::Section => folder_slug(dir),
        None => {
            let slug = text::slugify(rest);
            if slug.is_empty() {
                diags.push(
                    Diagnostic::new(
                        Code::PathClash,
                        format!("`{file_name}` gives an empty URL name"),
                    )
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
        words,
        take_title: fm.title.is_none(),
    });
    let title = match fm.title.clone().or_else(|| rendered.title.clone()) {
        Some(t) if !t.trim().is_empty() => t,
        _ => {
            diags.push(no_title(source, text, parsed.body_offset, &rendered));
            String::new()
        }
    };
    if fm.private && kind != PageKind::Worksheet {
        diags.push(
            Diagnostic::new(Code::FrontMatter, "only worksheets can be `private`")
                .at(parsed.key_location(source, text, "private"))
                .hint("remove `private`, or move the page into `content/worksheets/`"),
        );
    }
    if fm.worksheet.is_some() && kind != PageKind::Step {
        diags.push(
            Diagnostic::new(Code::FrontMatter, "only step pages can name a worksheet")
                .at(parsed.key_location(source, text, "worksheet"))
                .hint("move the page into `content/steps/`, or link to the worksheet in the text"),
        );
    }
    if fm.step.is_some() && kind != PageKind::Step {
        diags.push(
            Diagnostic::new(
                Code::FrontMatter,
                "`step` is only for pages in `content/steps/`",
            )
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
    Ok(Document {
        source: source.to_string(),
        text: Some(Arc::clone(shared_text)),
        on_disk: None,
        has_text: !text.is_empty(),
        kind,
        slug,
        title,
        summary,
        has_summary,
        weight: fm.weight.or(order).unwrap_or(0),
        step: fm.step.or(number_prefix),
        worksheet: fm.worksheet,
        draft: fm.draft,
        private: fm.private,
        extra: fm
            .extra
            .unwrap_or(serde_json::Value::Object(Default::default())),
        rendered,
        shelved: None,
        keys: parsed.keys,
    })
}

/// E004, pointing at a `# Heading` that was not taken as the title (text,
/// such as a README's badges or language links, comes before it) or
/// saying that an HTML `<h1>` is not read as one.
fn no_title(source: &str, text: &str, body_offset: usize, rendered: &Rendered) -> Diagnostic {
    let body = &text[body_offset.min(text.len())..];
    let late = rendered
        .headings
        .iter()
        .find(|(level, _, _)| *level == 1)
        .and_then(|(_, _, title)| {
            let mut at = 0;
            body.split_inclusive('\n').find_map(|line| {
                let start = at;
                at += line.len();
                let heading = line.trim_start().strip_prefix('#')?;
                (heading.starts_with([' ', '\t']) && heading.contains(title)).then_some(start)
            })
        });
    let diagnostic = Diagnostic::new(Code::NoTitle, "page has no title");
    match late {
        Some(at) => {
            let line_len = body[at..].find('\n').unwrap_or(body.len() - at);
            diagnostic
                .at(Location::at_offset(source, text, body_offset + at, line_len.max(1)))
                .hint("this heading is not the title, as something comes before it: move it to the top (a comment or an empty anchor before it is fine), or add `title = \"…\"` to the front matter")
        }
        // In the page's HTML, so that `<h1>` in a code span does not count.
        None if rendered.html.to_ascii_lowercase().contains("<h1") => diagnostic
            .at(Location::file(source))
            .hint("an HTML `<h1>` is not read as the title: start the page with `# Title`, or add `title = \"…\"` to the front matter"),
        None => diagnostic.at(Location::file(source)).hint(
            "add `title = \"…\"` to the front matter, or start the page with `# Title`",
        ),
    }
}

pub(super) fn synthesised_section_page(
    dir: &str,
    config: &GuideConfig,
    messages: &crate::i18n::Messages,
) -> Document {
    // `content/02-usage/` is the section "Usage" at `/usage/`, as
    // `02-usage.md` is the page at `/usage/`.
    let name = split_number_prefix(dir.rsplit('/').next().unwrap_or(dir)).1;
    // The folders trellis names are titled in the guide's language.
    let title = if dir == CONTENT_DIR {
        config.title.clone()
    } else if dir == STEPS_DIR {
        messages.text("section-steps")
    } else if dir == WORKSHEETS_DIR {
        messages.text("section-worksheets")
    } else {
        let words = name.replace(['-', '_'], " ");
        let mut c = words.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    Document {
        source: dir.to_string(),
        text: Some(Arc::from("")),
        on_disk: None,
        has_text: false,
        kind: PageKind::Section,
        slug: folder_slug(dir),
        title,
        summary: String::new(),
        has_summary: false,
        weight: folder_order(dir).unwrap_or(0),
        step: None,
        worksheet: None,
        draft: false,
        private: false,
        extra: serde_json::Value::Object(Default::default()),
        rendered: Rendered::default(),
        shelved: None,
        keys: Vec::new(),
    }
}

/// A folder's part of its section's URL: its name without a number
/// prefix, as a slug (`02-Usage` → `usage`).
pub(super) fn folder_slug(dir: &str) -> String {
    text::slugify(split_number_prefix(dir.rsplit('/').next().unwrap_or(dir)).1)
}

/// The number before a folder's name (`02-usage` → 2), which orders its
/// section when its page sets no `weight`.
fn folder_order(dir: &str) -> Option<i64> {
    split_number_prefix(dir.rsplit('/').next().unwrap_or(dir))
        .0
        .map(i64::from)
}

/// `03-communicate` → (Some(3), "communicate").
fn split_number_prefix(stem: &str) -> (Option<u32>, &str) {
    let digits = stem.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 6 {
        return (None, stem);
    }
    let rest = &stem[digits..];
    // `1.0` or `2024-01-01-news` is a name made of numbers, not a number
    // before a name.
    match rest.strip_prefix(['-', '_', '.']) {
        Some(r) if r.chars().next().is_some_and(|c| !c.is_ascii_digit()) => {
            (stem[..digits].parse().ok(), r)
        }
        _ => (None, stem),
    }
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
        assert_eq!(split_number_prefix("1.0"), (None, "1.0"));
        assert_eq!(split_number_prefix("1.82"), (None, "1.82"));
        assert_eq!(
            split_number_prefix("2024-01-01-news"),
            (None, "2024-01-01-news")
        );
        assert_eq!(split_number_prefix("1.intro"), (Some(1), "intro"));
        assert_eq!(split_number_prefix("communicate"), (None, "communicate"));
    }
}
