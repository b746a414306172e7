//! Markdown: turns one page's body into HTML plus the facts the site needs.
//!
//! One pass of pulldown-cmark per page. On the way through, this stage gives
//! every heading a unique, stable id and builds the table of contents, counts
//! words, takes the first paragraph as a fallback summary, renders worksheet
//! blocks (on worksheet pages), and replaces every internal link target with a
//! numbered placeholder. The site stage resolves those targets once every
//! page's headings are known, and [`substitute_links`] puts the final URLs in.
//! That keeps this stage pure and per page, so pages render in parallel.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use crate::diagnostics::{Code, Diagnostic, Diagnostics, LineIndex, Location};
use crate::text::{self, escape_href, escape_html, heading_id, slugify};
use crate::worksheet::{self, Fence};

mod outline;
mod raw_html;

use outline::AnchorList;
pub use outline::{Anchors, Headings};

/// Marks a link placeholder in rendered HTML: `\u{1}N\u{1}`. Loaded text
/// never keeps a U+0001 (the loader turns it into U+FFFD), so no page can
/// forge one.
const PLACEHOLDER: char = '\u{1}';

/// Id prefixes that belong to the theme (`trellis-`), worksheet fields
/// (`ws-`) and footnotes (`fn-`, `fnref-`); derived heading ids avoid them.
pub(crate) const RESERVED_ID_PREFIXES: &[&str] = &["trellis-", "ws-", "fn-", "fnref-"];

/// Words read per minute, for the reading time.
pub(crate) const WORDS_PER_MINUTE: u32 = 200;

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// What a page's body is being rendered for.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Path for diagnostics, relative to the site root.
    pub file: &'a str,
    /// The whole file, for locating diagnostics.
    pub file_text: &'a str,
    pub body: &'a str,
    /// Byte offset of `body` in `file_text`.
    pub body_offset: usize,
    /// The worksheet's slug when this page is a worksheet.
    pub worksheet: Option<&'a str>,
    /// Prepended to heading and footnote ids (the workbook keeps ids unique).
    pub id_prefix: &'a str,
    /// The words worksheet blocks show, in the page's language.
    pub words: &'a worksheet::BlockWords,
    /// Take a leading `# Heading` as the title (the page has none in front matter).
    pub take_title: bool,
}

/// An internal link or image found in the body, to be resolved by the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub target: String,
    /// Byte offset of the link's Markdown in the file.
    pub offset: usize,
    pub length: usize,
    pub is_image: bool,
    /// For a URL in raw HTML, the attribute value as written: a link that
    /// does not resolve keeps it (and is reported), as a Markdown link
    /// keeps its target.
    pub raw: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// HTML with `\u{1}N\u{1}` placeholders for `links[N]`.
    pub html: String,
    /// The headings below the title, for the table of contents.
    pub headings: Headings,
    /// Every id a link may point at: headings, footnotes, worksheet fields.
    pub anchors: Anchors,
    /// Every element id and radio group name worksheet blocks use
    /// (`ws-<worksheet>-…`): what must stay unique when worksheets share
    /// the workbook.
    pub worksheet_names: HashSet<String>,
    /// Worksheet blocks and task items: what a reader fills in.
    pub prompts: u32,
    pub links: Vec<LinkRef>,
    pub word_count: u32,
    /// A page of no words still shows something: an image, a video, a
    /// table of empty cells, an embedded frame, the text of a raw HTML
    /// block… (only looked for when `word_count` is 0).
    pub shows_something: bool,
    /// Plain text of the first paragraph.
    pub first_paragraph: String,
    /// Text of a leading `# Heading`, when `take_title` was set.
    pub title: Option<String>,
    /// That heading's id, still an anchor (books link to a chapter's first
    /// heading); the theme puts it on the page's `<h1>`.
    pub title_id: Option<String>,
    pub diagnostics: Diagnostics,
}

impl Rendered {
    pub fn reading_time(&self) -> u32 {
        if self.word_count == 0 {
            0
        } else {
            self.word_count.div_ceil(WORDS_PER_MINUTE)
        }
    }
}

/// Render one page body.
pub fn render(input: &Input<'_>) -> Rendered {
    let mut parser = Parser::new_ext(input.body, options()).into_offset_iter();
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> = parser.by_ref().collect();
    // Where each reference link's target is defined (`[r]: target`): a
    // broken target is reported there, where it can be fixed.
    let definitions: HashMap<String, std::ops::Range<usize>> = events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Start(Tag::Link { link_type, id, .. } | Tag::Image { link_type, id, .. })
                if matches!(
                    link_type,
                    LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
                ) =>
            {
                let def = parser.reference_definitions().get(id)?;
                Some((id.to_string(), def.span.clone()))
            }
            _ => None,
        })
        .collect();
    // Raw HTML is read first: its ids are the author's, and a heading's
    // derived id must not take one of them.
    let raw = raw_chunks(&events);
    let mut ids = UniqueIds::default();
    for (_, chunk) in &raw {
        for anchor in &chunk.scan.anchors {
            ids.used.insert(anchor.text.clone());
        }
    }
    let mut r = Renderer {
        input,
        out: Vec::with_capacity(events.len()),
        result: Rendered::default(),
        ids,
        raw: raw.into_iter().collect(),
        definitions,
        fields: WorksheetNames::default(),
        anchors: AnchorList::default(),
        footnotes: HashMap::new(),
        footnotes_defined: HashSet::new(),
        task_label_open: false,
        last_heading_level: 1,
        level_shift: 0,
        seen_content: false,
        lines: std::cell::OnceCell::new(),
    };
    r.run(&events);
    r.mdbook_directives();
    r.other_tools_syntax(&events);
    let Renderer {
        out,
        mut result,
        anchors,
        ..
    } = r;
    result.html.reserve(input.body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut result.html, out.into_iter());
    result.shows_something = result.word_count == 0 && shows_something(&result.html);
    // Held until the page renders: a large site holds every page's, so
    // the room reserved and not used (a fifth of it) is given back.
    result.html.shrink_to_fit();
    result.anchors = anchors.finish();
    result.headings.shrink_to_fit();
    result
}

/// The info string of the fence opening `line`, as written: what follows
/// the first run of three or more backticks or tildes.
fn written_info(line: &str) -> Option<&str> {
    let at = line.find("```").or_else(|| line.find("~~~"))?;
    let fence = line[at..].chars().next()?;
    Some(line[at..].trim_start_matches(fence).trim())
}

/// Whether HTML allows `name` as an attribute's name: anything but spaces,
/// controls, quotes, `>`, `/`, `=` and noncharacters.
fn is_attribute_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().all(|c| {
            !c.is_whitespace()
                && !c.is_control()
                && !matches!(c, '"' | '\'' | '>' | '/' | '=' | '<')
                && !matches!(c as u32, 0xFDD0..=0xFDEF)
                && (c as u32) & 0xFFFE != 0xFFFE
        })
}

/// Elements that show something without words.
const MEDIA: &[&str] = &[
    "img", "picture", "video", "audio", "iframe", "object", "embed", "svg", "canvas", "math",
    "table", "hr", "input", "textarea", "select",
];

/// Whether `html` shows a reader something: text outside tags (the words
/// of raw HTML blocks are not counted as Markdown's are), or an element of
/// [`MEDIA`]. Comments, scripts and styles show nothing.
fn shows_something(html: &str) -> bool {
    let mut rest = html;
    loop {
        let open = rest.find('<').unwrap_or(rest.len());
        if !rest[..open].trim().is_empty() {
            return true;
        }
        if open == rest.len() {
            return false;
        }
        rest = &rest[open + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let name_end = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        if MEDIA.iter().any(|m| m.eq_ignore_ascii_case(name)) {
            return true;
        }
        let close = rest.find('>').map_or(rest.len(), |end| end + 1);
        rest = &rest[close..];
        for hidden in ["script", "style"] {
            if name.eq_ignore_ascii_case(hidden) {
                let end = format!("</{hidden}");
                rest = rest
                    .to_ascii_lowercase()
                    .find(&end)
                    .map_or("", |at| &rest[at..]);
            }
        }
    }
}

struct Renderer<'i, 'a> {
    input: &'i Input<'a>,
    out: Vec<Event<'a>>,
    result: Rendered,
    /// Heading and footnote ids, for de-duplication.
    ids: UniqueIds,
    /// The page's raw HTML, read ahead, by the index of its first event.
    raw: HashMap<usize, RawChunk>,
    /// Reference definitions' spans by the label links use.
    definitions: HashMap<String, std::ops::Range<usize>>,
    /// Worksheet field names and element ids on this page.
    fields: WorksheetNames,
    /// Anchors found so far; packed into `result.anchors` at the end.
    anchors: AnchorList,
    footnotes: HashMap<String, (usize, String)>,
    /// Footnotes whose definition has been written.
    footnotes_defined: HashSet<String>,
    /// A task item's `<label>` is open: it closes where the item's first
    /// block of text ends.
    task_label_open: bool,
    last_heading_level: u8,
    /// Levels taken off headings after a `## Title` became the page's title.
    level_shift: u8,
    seen_content: bool,
    lines: std::cell::OnceCell<LineIndex>,
}

impl<'a> Renderer<'_, 'a> {
    fn location(&self, body_offset: usize, len: usize) -> Location {
        self.at_file_offset(self.input.body_offset + body_offset, len)
    }

    /// A location in the whole file. The file's lines are indexed once, at
    /// the first diagnostic: a page with thousands stays linear.
    fn at_file_offset(&self, offset: usize, len: usize) -> Location {
        self.lines
            .get_or_init(|| LineIndex::new(self.input.file_text))
            .location(self.input.file, self.input.file_text, offset, len)
    }

    /// mdBook replaces `{{#include file}}` and its kin with other text
    /// before reading Markdown, even in code; here they would be shown as
    /// written. Said once a page, where the first is.
    fn mdbook_directives(&mut self) {
        const DIRECTIVES: &[&str] = &[
            "include",
            "rustdoc_include",
            "playground",
            "playpen",
            "title",
            "template",
        ];
        let body = self.input.body;
        // memchr's search: `str::match_indices` was a tenth of the Markdown
        // stage, on a pattern almost no page has.
        let found: Vec<(usize, &str)> = memchr::memmem::find_iter(body.as_bytes(), b"{{#")
            // `\{{#include …}}` is mdBook's way of showing one as written.
            .filter(|at| !body[..*at].ends_with('\\'))
            .filter_map(|at| {
                let rest = &body[at + 3..];
                let name_end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                let name = &rest[..name_end];
                (DIRECTIVES.contains(&name) && rest[name_end..].starts_with([' ', '}']))
                    .then_some((at, name))
            })
            .collect();
        let Some(&(at, name)) = found.first() else {
            return;
        };
        self.not_as_written(
            (at, 3 + name.len()),
            found.len(),
            &format!("mdBook's `{{{{#{name} …}}}}`"),
            "trellis does not read mdBook's directives",
            "paste in the text it stands for, or link to the file",
        );
    }

    /// W014 for `count` of one kind of thing shown as written, at the first
    /// (`(offset, length)` in the body): once a page, with how many.
    fn not_as_written(
        &mut self,
        first: (usize, usize),
        count: usize,
        what: &str,
        why: &str,
        hint: &str,
    ) {
        let more = match count {
            1 => String::new(),
            n => format!(" ({n} on this page)"),
        };
        self.result.diagnostics.push(
            Diagnostic::new(
                Code::NotAsWritten,
                format!("{what} is shown as written{more}: {why}"),
            )
            .at(self.location(first.0, first.1))
            .hint(hint),
        );
    }

    /// Other tools' syntax that is shown as written here: Hugo's
    /// shortcodes, Liquid's tags (Jekyll) and wikilinks (Obsidian, wikis),
    /// outside code (where writing one is how it is documented). Said once
    /// a page for each kind, where the first is, with how many.
    fn other_tools_syntax(&mut self, events: &[(Event<'a>, std::ops::Range<usize>)]) {
        /// What starts one, what must end it on the same line, what it is,
        /// and the hint.
        const KINDS: &[(&str, &str, &str, &str)] = &[
            (
                "{{<",
                ">}}",
                "Hugo's shortcode `{{< … >}}`",
                "write what it stands for in Markdown or HTML",
            ),
            (
                "{{%",
                "%}}",
                "Hugo's shortcode `{{% … %}}`",
                "write what it stands for in Markdown or HTML",
            ),
            (
                "{%",
                "%}",
                "Liquid's tag `{% … %}` (Jekyll)",
                "write what it stands for in Markdown or HTML",
            ),
            (
                "[[",
                "]]",
                "the wikilink `[[…]]`",
                "link with Markdown: `[text](page.md)`",
            ),
        ];
        let body = self.input.body;
        let code: Vec<&std::ops::Range<usize>> = events
            .iter()
            .filter(|(e, _)| matches!(e, Event::Start(Tag::CodeBlock(_)) | Event::Code(_)))
            .map(|(_, r)| r)
            .collect();
        for (open, close, what, hint) in KINDS {
            let found: Vec<usize> = memchr::memmem::find_iter(body.as_bytes(), open.as_bytes())
                // `{{%` is Hugo's, not a Liquid tag after a brace.
                .filter(|&at| !(*open == "{%" && body[..at].ends_with('{')))
                .filter(|&at| {
                    let line = &body[at + open.len()..];
                    let line = &line[..line.find('\n').unwrap_or(line.len())];
                    line.find(close)
                        .is_some_and(|end| end > 0 && !line[..end].contains("]("))
                })
                .filter(|at| !code.iter().any(|r| r.contains(at)))
                .collect();
            let Some(&at) = found.first() else {
                continue;
            };
            self.not_as_written(
                (at, open.len()),
                found.len(),
                what,
                "trellis reads Markdown and HTML only",
                hint,
            );
        }
    }

    fn run(&mut self, events: &[(Event<'a>, std::ops::Range<usize>)]) {
        let mut i = 0;
        let mut in_paragraph = 0usize;
        let mut first_paragraph_done = false;
        while i < events.len() {
            let (event, range) = &events[i];
            if self.task_label_open && is_block_boundary(event) {
                self.out.push(Event::InlineHtml("</label>".into()));
                self.task_label_open = false;
            }
            match event {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    let end = find_end(events, i);
                    let inner = &events[i + 1..end];
                    let text = plain_text(inner.iter().map(|(e, _)| e));
                    // After a `## Title` lifted into the page's `<h1>`, its
                    // `###` sections are the page's `<h2>`s.
                    let level_n = heading_level(*level)
                        .saturating_sub(self.level_shift)
                        .max(if self.level_shift > 0 { 2 } else { 1 });
                    let level = &level_from(level_n);
                    let base = match id {
                        // An author's own id keeps its text, but never takes an
                        // id the theme or trellis makes.
                        Some(explicit)
                            if RESERVED_ID_PREFIXES.iter().any(|p| explicit.starts_with(p)) =>
                        {
                            format!("h-{explicit}")
                        }
                        Some(explicit) => explicit.to_string(),
                        None => {
                            // Ids the theme or trellis itself make (`trellis-…`,
                            // worksheet fields, footnotes) are never taken by a
                            // heading's derived id.
                            let slug = heading_id(&text);
                            if RESERVED_ID_PREFIXES.iter().any(|p| slug.starts_with(p)) {
                                format!("h-{slug}")
                            } else {
                                slug
                            }
                        }
                    };
                    let unique = self.unique_id(if base.is_empty() {
                        "section".into()
                    } else {
                        base
                    });
                    // A heading that opens the page is its title: `# Title`,
                    // or `## Title` in a chapter written as a book's
                    // sub-chapter. The headings after it are its sections,
                    // and its id is still an anchor (on the page's `<h1>`).
                    if self.input.take_title
                        && !self.seen_content
                        && self.result.title.is_none()
                        && !text.is_empty()
                    {
                        self.anchors.push(&unique);
                        self.result.title = Some(text);
                        self.result.title_id = Some(format!("{}{unique}", self.input.id_prefix));
                        self.level_shift = level_n - 1;
                        i = end + 1;
                        continue;
                    }
                    self.seen_content = true;
                    if level_n > self.last_heading_level + 1 {
                        self.result.diagnostics.push(
                            Diagnostic::new(
                                Code::SkippedHeading,
                                format!(
                                    "heading level skipped: h{} follows h{}",
                                    level_n, self.last_heading_level
                                ),
                            )
                            .at(self.location(range.start, range.end - range.start))
                            .hint(format!(
                                "use {} so screen readers can follow the outline",
                                "#".repeat(self.last_heading_level as usize + 1)
                            )),
                        );
                    }
                    self.last_heading_level = level_n;
                    self.anchors.push(&unique);
                    self.result.headings.push(level_n, &unique, &text);
                    // `## Using {braces}` or `## JSON {"a": 1}`: braces at the
                    // end are heading attributes, and a bare word there is one
                    // with no value. Said, since the braces are not shown, and
                    // a name HTML cannot have is left out.
                    let empty_braces = id.is_none()
                        && classes.is_empty()
                        && attrs.is_empty()
                        && !text.ends_with('}')
                        && self
                            .input
                            .body
                            .get(range.clone())
                            .is_some_and(|written| written.trim_end().ends_with('}'));
                    if empty_braces
                        || attrs
                            .iter()
                            .any(|(k, v)| v.is_none() || !is_attribute_name(k))
                    {
                        self.result.diagnostics.push(
                            Diagnostic::new(
                                Code::NotAsWritten,
                                format!("the braces ending heading `{text}` are read as attributes, and not shown"),
                            )
                            .at(self.location(range.start, range.end - range.start))
                            .hint("to show them, write the `{` as `&#123;` (a backslash does not keep it); an attribute is `{#id}`, `{.class}` or `{key=value}`"),
                        );
                    }
                    self.out.push(Event::Start(Tag::Heading {
                        level: *level,
                        id: Some(CowStr::from(format!("{}{}", self.input.id_prefix, unique))),
                        classes: classes.clone(),
                        attrs: attrs
                            .iter()
                            .filter(|(k, _)| is_attribute_name(k))
                            .cloned()
                            .collect(),
                    }));
                    self.emit_inline(inner, i + 1);
                    self.out.push(Event::End(TagEnd::Heading(*level)));
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                    self.seen_content = true;
                    let end = find_end(events, i);
                    let body: String = events[i + 1..end]
                        .iter()
                        .filter_map(|(e, _)| match e {
                            Event::Text(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    // Where the block's text starts in the body, for links in prompts.
                    let body_start = events
                        .get(i + 1)
                        .filter(|_| i + 1 < end)
                        .map_or(range.start, |(_, r)| r.start);
                    if self.worksheet_block(info, &body, range.start, body_start) {
                        i = end + 1;
                        continue;
                    }
                    self.count_words(&body);
                    self.out
                        .extend(events[i..=end].iter().map(|(e, _)| e.clone()));
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Paragraph) => {
                    // What is in it (text, an image, visible HTML) makes
                    // it content: a paragraph holding only an anchor kept
                    // for old links does not.
                    in_paragraph += 1;
                    self.out.push(event.clone());
                }
                Event::End(TagEnd::Paragraph) => {
                    in_paragraph = in_paragraph.saturating_sub(1);
                    if in_paragraph == 0 && !self.result.first_paragraph.trim().is_empty() {
                        first_paragraph_done = true;
                    }
                    self.out.push(event.clone());
                }
                Event::Text(t) | Event::Code(t) => {
                    self.seen_content = true;
                    self.count_words(t);
                    if in_paragraph > 0 && !first_paragraph_done {
                        self.result.first_paragraph.push_str(t);
                    }
                    self.out.push(event.clone());
                }
                Event::SoftBreak | Event::HardBreak => {
                    if in_paragraph > 0 && !first_paragraph_done {
                        self.result.first_paragraph.push(' ');
                    }
                    self.out.push(event.clone());
                }
                Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => {
                    self.seen_content = true;
                    let (html, next) = self.link_or_image(events, i, 0);
                    self.out.push(html);
                    i = next;
                    continue;
                }
                Event::FootnoteReference(name) => {
                    let html = self.footnote_reference(name);
                    self.out.push(html);
                }
                Event::Start(Tag::FootnoteDefinition(name)) => {
                    let html = self.footnote_definition(name);
                    self.out.push(html);
                }
                Event::End(TagEnd::FootnoteDefinition) => {
                    self.out.push(Event::Html("</div>\n".into()));
                }
                Event::TaskListMarker(checked) if self.input.worksheet.is_some() => {
                    self.task_checkbox(events, i, *checked, range.start);
                }
                Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_) | Event::Html(_) => {
                    let is_block = matches!(event, Event::Start(Tag::HtmlBlock));
                    let next = if is_block {
                        find_end(events, i) + 1
                    } else {
                        i + 1
                    };
                    if let Some(chunk) = self.raw.remove(&i) {
                        // A comment (a licence, a note to editors) or an
                        // empty anchor kept for old links is not content: a
                        // `# Title` after it is still the title.
                        self.seen_content |= chunk.scan.visible;
                        let html = self.raw_html(&chunk, 0);
                        self.out.push(if is_block {
                            Event::Html(html.into())
                        } else {
                            Event::InlineHtml(html.into())
                        });
                    }
                    i = next;
                    continue;
                }
                Event::Rule => {
                    self.seen_content = true;
                    self.out.push(event.clone());
                }
                _ => self.out.push(event.clone()),
            }
            i += 1;
        }
    }

    /// Emit a heading's inline events, the first of which is event `first`
    /// of the page: links, footnotes and raw HTML inside headings work as
    /// they do anywhere else.
    fn emit_inline(&mut self, inner: &[(Event<'a>, std::ops::Range<usize>)], first: usize) {
        let mut j = 0;
        while j < inner.len() {
            match &inner[j].0 {
                Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => {
                    let (html, next) = self.link_or_image(inner, j, 0);
                    self.out.push(html);
                    j = next;
                    continue;
                }
                Event::FootnoteReference(name) => {
                    let html = self.footnote_reference(name);
                    self.out.push(html);
                }
                Event::InlineHtml(_) => {
                    if let Some(chunk) = self.raw.remove(&(first + j)) {
                        let html = self.raw_html(&chunk, 0);
                        self.out.push(Event::InlineHtml(html.into()));
                    }
                }
                Event::Text(t) | Event::Code(t) => {
                    self.count_words(t);
                    self.out.push(inner[j].0.clone());
                }
                e => self.out.push(e.clone()),
            }
            j += 1;
        }
    }

    /// The opening `<a>` of a link, or a whole `<img>`, for the event at
    /// `i`, with its target through [`Renderer::link_target`]. `shift` is
    /// added to event offsets that are not relative to the page body (a
    /// worksheet prompt parsed on its own). Returns the HTML and the index
    /// to continue from (an image consumes its alt text).
    fn link_or_image<'e>(
        &mut self,
        events: &[(Event<'e>, std::ops::Range<usize>)],
        i: usize,
        shift: usize,
    ) -> (Event<'e>, usize) {
        let (event, range) = &events[i];
        let range = range.start + shift..range.end + shift;
        match event {
            Event::Start(Tag::Image {
                dest_url,
                title,
                id,
                ..
            }) => {
                let end = find_end(events, i);
                let alt = plain_text(events[i + 1..end].iter().map(|(e, _)| e));
                if alt.trim().is_empty() {
                    self.result.diagnostics.push(
                        Diagnostic::new(Code::NoAltText, "image has no alt text")
                            .at(self.location(range.start, range.end - range.start))
                            .hint("describe the image in the brackets: `![what it shows](file.png)`, so people who cannot see it are not left out"),
                    );
                }
                let src = self.link_target(dest_url, &self.defined_at(id, shift, &range), true);
                let mut html = format!("<img src=\"{src}\" alt=\"{}\"", escape_html(&alt));
                if !title.is_empty() {
                    let _ = write!(html, " title=\"{}\"", escape_html(title));
                }
                html.push('>');
                (Event::InlineHtml(html.into()), end + 1)
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let href = if *link_type == LinkType::Email {
                    // `<help@example.org>`
                    escape_href(&format!("mailto:{dest_url}"))
                } else {
                    self.link_target(dest_url, &self.defined_at(id, shift, &range), false)
                };
                let mut html = format!("<a href=\"{href}\"");
                if !title.is_empty() {
                    let _ = write!(html, " title=\"{}\"", escape_html(title));
                }
                html.push('>');
                (Event::InlineHtml(html.into()), i + 1)
            }
            other => (other.clone(), i + 1),
        }
    }

    /// Where a link's target is written: its reference definition for a
    /// reference link on the page itself (`shift` is 0), else `used`.
    fn defined_at(
        &self,
        id: &str,
        shift: usize,
        used: &std::ops::Range<usize>,
    ) -> std::ops::Range<usize> {
        match self.definitions.get(id) {
            Some(span) if shift == 0 && !id.is_empty() => span.clone(),
            _ => used.clone(),
        }
    }

    /// A worksheet prompt (inline Markdown) to HTML without the `<p>`
    /// wrapper, its links resolved like the body's. `body_offset` is where
    /// the prompt starts in the page body.
    fn render_prompt(&mut self, prompt: &str, body_offset: usize) -> String {
        // No `{#id}` on headings in a prompt: only the page's headings
        // make ids (found by fuzzing: a prompt's own ids could repeat).
        let options = options() - Options::ENABLE_HEADING_ATTRIBUTES;
        let events: Vec<(Event<'_>, std::ops::Range<usize>)> = Parser::new_ext(prompt, options)
            .into_offset_iter()
            .collect();
        let mut out = Vec::with_capacity(events.len());
        let mut i = 0;
        while i < events.len() {
            match &events[i].0 {
                Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => {
                    let (html, next) = self.link_or_image(&events, i, body_offset);
                    out.push(html);
                    i = next;
                    continue;
                }
                // Footnotes in a prompt number and link like the page's.
                Event::FootnoteReference(name) => {
                    let html = self.footnote_reference(name);
                    out.push(html);
                }
                Event::Start(Tag::FootnoteDefinition(name)) => {
                    let html = self.footnote_definition(name);
                    out.push(html);
                }
                Event::End(TagEnd::FootnoteDefinition) => out.push(Event::Html("</div>\n".into())),
                Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_) | Event::Html(_) => {
                    if let Some((chunk, next)) = raw_chunk(&events, i) {
                        let html = self.raw_html(&chunk, body_offset);
                        out.push(Event::Html(html.into()));
                        i = next;
                        continue;
                    }
                }
                e => out.push(e.clone()),
            }
            i += 1;
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, out.into_iter());
        unwrap_paragraph(html)
    }

    /// A chunk of raw HTML with its URLs rewritten like Markdown links and
    /// its ids registered as anchors. `shift` is added to the chunk's
    /// offsets to place them in the page body (a worksheet prompt's own).
    fn raw_html(&mut self, chunk: &RawChunk, shift: usize) -> String {
        let at = |offset: usize| chunk.body_offset(offset) + shift;
        for &start in &chunk.scan.scripts {
            self.result.diagnostics.push(
                Diagnostic::new(Code::ScriptInContent, "raw `<script>` in content")
                    .at(self.location(at(start), "<script".len()))
                    .hint("scripts belong in the theme; a script in a page runs on every reader's device"),
            );
        }
        for &start in &chunk.scan.images_without_alt {
            self.result.diagnostics.push(
                Diagnostic::new(Code::NoAltText, "image has no alt text")
                    .at(self.location(at(start), "<img".len()))
                    .hint("add `alt=\"what it shows\"` to the `<img>`, so people who cannot see it are not left out; `alt=\"\"` marks an image as decoration"),
            );
        }
        let mut edits: Vec<(&raw_html::Value, String)> = Vec::new();
        for anchor in &chunk.scan.anchors {
            self.anchors.push(&anchor.text);
            if !self.input.id_prefix.is_empty() {
                // On a shared page (the workbook) the author's ids are
                // prefixed like the headings', so links to them still work.
                let prefixed = format!("{}{}", self.input.id_prefix, anchor.text);
                edits.push((anchor, escape_html(&prefixed)));
            }
        }
        for url in &chunk.scan.urls {
            let value = &url.value;
            let range = at(value.span.start)..at(value.span.end);
            if url.srcset {
                let candidates = raw_html::srcset_candidates(&value.text);
                if candidates.iter().all(|(u, _)| is_external(u)) {
                    continue;
                }
                let rewritten: Vec<String> = candidates
                    .iter()
                    .map(|(u, descriptors)| {
                        let u = if is_external(u) {
                            escape_href(u)
                        } else {
                            self.raw_link_target(u, &range, true, escape_html(u))
                        };
                        if descriptors.is_empty() {
                            u
                        } else {
                            format!("{u} {}", escape_html(descriptors))
                        }
                    })
                    .collect();
                edits.push((value, rewritten.join(", ")));
                continue;
            }
            // Browsers strip leading and trailing spaces from a URL.
            let target = value.text.trim_matches(|c: char| c.is_ascii_whitespace());
            if target.is_empty() || is_external(target) {
                continue;
            }
            // As written, for when it does not resolve; in the double
            // quotes an unquoted value gets.
            let written = &chunk.html[value.span.clone()];
            let written = if value.quoted {
                written.to_string()
            } else {
                written.replace('"', "&quot;")
            };
            let placeholder = self.raw_link_target(target, &range, url.is_image, written);
            edits.push((value, placeholder));
        }
        if edits.is_empty() {
            return chunk.html.clone();
        }
        edits.sort_by_key(|(v, _)| v.span.start);
        raw_html::rewrite(&chunk.html, &edits)
    }

    fn count_words(&mut self, text: &str) {
        let mut words = text::count_words(text);
        if !text.is_ascii() {
            // A script written without spaces (Chinese, Japanese, Thai…)
            // is one long "word" between spaces; it is counted as it is
            // read instead, about 500 characters a minute: 2.5 characters
            // a word at the 200 words a minute reading time assumes.
            let unspaced = text.chars().filter(|&c| crate::search::unspaced(c)).count();
            words += unspaced * 2 / 5;
        }
        self.result.word_count += u32::try_from(words).unwrap_or(u32::MAX);
    }

    fn unique_id(&mut self, base: String) -> String {
        self.ids.claim(base, 1)
    }

    /// A citation of footnote `name`: its number, linking its definition.
    /// Every citation gets an id of its own (`fnref-…`, then `-1`, `-2`).
    fn footnote_reference<'e>(&mut self, name: &str) -> Event<'e> {
        let (n, id) = self.footnote(name);
        let p = self.input.id_prefix;
        let ref_id = self.unique_id(format!("fnref-{}", &id["fn-".len()..]));
        Event::InlineHtml(
            format!(
                "<sup class=\"footnote-reference\" id=\"{p}{ref_id}\"><a href=\"#{p}{id}\">{n}</a></sup>"
            )
            .into(),
        )
    }

    /// The start of footnote `name`'s definition.
    fn footnote_definition<'e>(&mut self, name: &str) -> Event<'e> {
        let (n, mut id) = self.footnote(name);
        // Defined twice: citations link the first; the second keeps its
        // text under an id of its own.
        if !self.footnotes_defined.insert(name.to_string()) {
            id = self.unique_id(id);
        }
        self.anchors.push(&id);
        let p = self.input.id_prefix;
        Event::Html(
            format!(
                "<div class=\"footnote-definition\" id=\"{p}{id}\"><sup class=\"footnote-definition-label\">{n}</sup>"
            )
            .into(),
        )
    }

    /// A footnote's number and unique id (`fn-…`), the same for every
    /// citation and the definition.
    fn footnote(&mut self, name: &str) -> (usize, String) {
        if let Some(found) = self.footnotes.get(name) {
            return found.clone();
        }
        let n = self.footnotes.len() + 1;
        let id = self.unique_id(format!("fn-{}", slugify(name)));
        self.footnotes.insert(name.to_string(), (n, id.clone()));
        (n, id)
    }

    /// The `href` to write for a link: the target itself when external, a
    /// placeholder for the site stage to fill in when internal.
    fn link_target(
        &mut self,
        dest: &str,
        range: &std::ops::Range<usize>,
        is_image: bool,
    ) -> String {
        if dest.is_empty() || is_external(dest) {
            return escape_href(dest);
        }
        let n = self.result.links.len();
        self.result.links.push(LinkRef {
            target: dest.to_string(),
            offset: self.input.body_offset + range.start,
            length: range.end - range.start,
            is_image,
            raw: None,
        });
        format!("{PLACEHOLDER}{n}{PLACEHOLDER}")
    }

    /// [`Renderer::link_target`] for a URL in raw HTML, written as `raw`.
    fn raw_link_target(
        &mut self,
        dest: &str,
        range: &std::ops::Range<usize>,
        is_image: bool,
        raw: String,
    ) -> String {
        let placeholder = self.link_target(dest, range, is_image);
        if let Some(link) = self.result.links.last_mut()
            && placeholder.starts_with(PLACEHOLDER)
        {
            link.raw = Some(raw);
        }
        placeholder
    }

    /// Handle a fenced block on any page; true when it was a worksheet block.
    fn worksheet_block(
        &mut self,
        info: &str,
        body: &str,
        offset: usize,
        body_start: usize,
    ) -> bool {
        // The info string as written: pulldown-cmark has already taken its
        // backslash escapes, and attributes use them for quotes
        // (`low="not \"at all\""`).
        let fence_line_offset = self.input.body_offset + offset;
        let file_text: &str = self.input.file_text;
        let line_text = &file_text[fence_line_offset.min(file_text.len())..];
        let line = &line_text[..line_text.find('\n').unwrap_or(line_text.len())];
        let written = written_info(line).filter(|w| w.replace('\\', "") == info.replace('\\', ""));
        let info = written.unwrap_or(info);
        let fence = worksheet::classify(info);
        let Some(slug) = self.input.worksheet else {
            if let Fence::Block(kind, _) = fence {
                self.result.diagnostics.push(
                    Diagnostic::new(
                        Code::BlockOutsideWorksheet,
                        format!(
                            "`{}` block outside a worksheet is shown as code",
                            kind.name()
                        ),
                    )
                    .at(self.location(offset, 3 + info.len()))
                    .hint("move the page into `content/worksheets/` to make its blocks fillable"),
                );
            }
            return false;
        };
        // Column of the info string within its line: after the fence characters.
        let info_col = line.find(info.trim_start()).unwrap_or(3);
        match fence {
            Fence::Code => false,
            Fence::Unknown { name, suggestion } => {
                let hint = match suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "worksheet blocks are: {}; for a code block, drop the `key=value` attributes",
                        worksheet::BLOCK_NAMES.join(", ")
                    ),
                };
                self.result.diagnostics.push(
                    Diagnostic::new(
                        Code::WorksheetBlock,
                        format!("unknown worksheet block `{name}`"),
                    )
                    .at(self.at_file_offset(fence_line_offset + info_col, name.len()))
                    .hint(hint),
                );
                true
            }
            Fence::Block(kind, attrs) => {
                let attr_col = info.trim_start().len() - attrs.len();
                match worksheet::parse_block(kind, attrs, attr_col, body) {
                    Ok(block) => {
                        let owner = format!("`{} id={}`", kind.name(), block.id);
                        if let Err(clash) = self.fields.claim_block(&block, &owner) {
                            let message = match clash {
                                Clash::SameId => format!(
                                    "worksheet field id `{}` is used twice on this page",
                                    block.id
                                ),
                                Clash::Name { name, other } => format!(
                                    "{owner} would store an answer as `{name}`, which {other} already uses"
                                ),
                                Clash::Element { id, other } => format!(
                                    "{owner} would make the element id `ws-{slug}-{id}`, which {other} already uses"
                                ),
                            };
                            self.result.diagnostics.push(
                                Diagnostic::new(Code::WorksheetBlock, message)
                                .at(self.at_file_offset(
                                    fence_line_offset + info_col,
                                    info.trim().len(),
                                ))
                                .hint("give each block its own `id=…`; saved answers are stored by id"),
                            );
                        }
                        for id in block.element_ids() {
                            self.anchors.push(&format!("ws-{slug}-{id}"));
                            self.result
                                .worksheet_names
                                .insert(format!("ws-{slug}-{id}"));
                        }
                        if block.kind == worksheet::BlockKind::Scale {
                            // The radio group's name: one group per document.
                            self.result
                                .worksheet_names
                                .insert(format!("ws-{slug}-{}", block.id));
                        }
                        self.count_words(&block.prompt);
                        self.result.prompts += 1;
                        let leading = body.len() - body.trim_start().len();
                        let prompt_html = self.render_prompt(&block.prompt, body_start + leading);
                        self.out.push(Event::Html(
                            worksheet::render_block(&block, slug, &prompt_html, self.input.words)
                                .into(),
                        ));
                    }
                    Err(errors) => {
                        for e in errors {
                            self.result.diagnostics.push(
                                Diagnostic::new(Code::WorksheetBlock, e.message)
                                    .at(self.at_file_offset(
                                        fence_line_offset
                                            + info_col
                                            + byte_index(info.trim_start(), e.column),
                                        e.length,
                                    ))
                                    .maybe_hint(e.hint),
                            );
                        }
                    }
                }
                true
            }
        }
    }

    /// A GFM task item on a worksheet becomes a real checkbox with a label.
    fn task_checkbox(
        &mut self,
        events: &[(Event<'a>, std::ops::Range<usize>)],
        i: usize,
        checked: bool,
        offset: usize,
    ) {
        let slug = self.input.worksheet.unwrap_or("worksheet");
        // The item's own text, up to a nested list or the item's end.
        let mut text = String::new();
        for (e, _) in &events[i + 1..] {
            match e {
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                Event::End(TagEnd::Item | TagEnd::Paragraph) | Event::Start(Tag::List(_)) => break,
                _ => {}
            }
        }
        let field = self
            .fields
            .claim_task(format!("task-{}", worksheet::derive_id(&text)));
        self.result.prompts += 1;
        let _ = offset;
        let id = format!("ws-{slug}-{field}");
        self.anchors.push(&id);
        self.result.worksheet_names.insert(id.clone());
        // Mark the item's `<li>` with a class; the label closes at the end
        // of the item's first block of text.
        self.task_label_open = true;
        if let Some(pos) = self
            .out
            .iter()
            .rposition(|e| matches!(e, Event::Start(Tag::Item)))
        {
            self.out[pos] = Event::Html("<li class=\"ws-task\">".into());
        }
        self.out.push(Event::InlineHtml(
            format!(
                "<input class=\"ws-input ws-check\" type=\"checkbox\" id=\"{id}\" name=\"{id}\" data-ws-field=\"{field}\"{}> <label for=\"{id}\">",
                if checked { " checked" } else { "" }
            )
            .into(),
        ));
    }
}

/// Ids made unique by a numbered suffix (`id`, `id-1`, `id-2`, …). Each
/// base keeps the next suffix to try, so 10,000 identical headings take
/// linear time rather than 10,000 restarts from `-1`.
#[derive(Debug, Default)]
struct UniqueIds {
    used: HashSet<String>,
    next: HashMap<String, usize>,
    /// Candidates tried, for the test that this stays linear.
    probes: usize,
}

impl UniqueIds {
    /// `base` if it is free, else `base-N` for the first free `N` from
    /// `first_suffix` on.
    fn claim(&mut self, base: String, first_suffix: usize) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(first_suffix);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            self.probes += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// Why a worksheet block's names could not be claimed.
enum Clash {
    /// Its id is another block's id.
    SameId,
    /// One of its field names (`need-a`) is another block's.
    Name { name: String, other: String },
    /// One of its element ids (`q-1`) is another block's.
    Element { id: String, other: String },
}

/// The field names (`data-ws-field`) and element ids (after `ws-<slug>-`)
/// of one worksheet page, and which block took each, so two blocks never
/// share a saved answer or an HTML id.
#[derive(Debug, Default)]
struct WorksheetNames {
    /// Every name and id taken, for task items' suffixes.
    ids: UniqueIds,
    blocks: HashSet<String>,
    fields: HashMap<String, String>,
    elements: HashMap<String, String>,
}

impl WorksheetNames {
    fn claim_block(&mut self, block: &worksheet::Block, owner: &str) -> Result<(), Clash> {
        if self.blocks.contains(&block.id) {
            return Err(Clash::SameId);
        }
        let names = block.field_names();
        let elements = block.element_ids();
        if let Some((name, other)) = names
            .iter()
            .find_map(|n| self.fields.get(n).map(|o| (n.clone(), o.clone())))
        {
            return Err(Clash::Name { name, other });
        }
        if let Some((id, other)) = elements
            .iter()
            .find_map(|e| self.elements.get(e).map(|o| (e.clone(), o.clone())))
        {
            return Err(Clash::Element { id, other });
        }
        self.blocks.insert(block.id.clone());
        for n in names {
            self.ids.used.insert(n.clone());
            self.fields.insert(n, owner.to_string());
        }
        for e in elements {
            self.ids.used.insert(e.clone());
            self.elements.insert(e, owner.to_string());
        }
        Ok(())
    }

    /// A task item's field name: `base`, or `base-2`, `base-3`… when taken.
    fn claim_task(&mut self, base: String) -> String {
        let name = self.ids.claim(base, 2);
        let owner = format!("the task `{name}`");
        self.fields.insert(name.clone(), owner.clone());
        self.elements.insert(name.clone(), owner);
        name
    }
}

/// One run of raw HTML: an HTML block, or one inline tag.
#[derive(Debug)]
struct RawChunk {
    html: String,
    /// `(offset in html, offset in the parsed text)` where each piece of
    /// the block starts: a block's lines are not contiguous in a list item
    /// or a block quote.
    pieces: Vec<(usize, usize)>,
    scan: raw_html::Scan,
}

impl RawChunk {
    /// Where byte `offset` of the chunk sits in the parsed text.
    fn body_offset(&self, offset: usize) -> usize {
        let k = self.pieces.partition_point(|(at, _)| *at <= offset);
        match k.checked_sub(1).map(|k| self.pieces[k]) {
            Some((at, body)) => body + (offset - at),
            None => self.pieces.first().map_or(0, |p| p.1),
        }
    }
}

/// Every run of raw HTML in `events`, by the index of its first event.
fn raw_chunks(events: &[(Event<'_>, std::ops::Range<usize>)]) -> Vec<(usize, RawChunk)> {
    let mut chunks = Vec::new();
    let mut i = 0;
    while i < events.len() {
        match raw_chunk(events, i) {
            Some((chunk, next)) => {
                chunks.push((i, chunk));
                i = next;
            }
            None => i += 1,
        }
    }
    chunks
}

/// The raw HTML starting at event `i`, read, and the index after it.
fn raw_chunk(
    events: &[(Event<'_>, std::ops::Range<usize>)],
    i: usize,
) -> Option<(RawChunk, usize)> {
    let (pieces, next): (&[(Event<'_>, std::ops::Range<usize>)], usize) = match &events[i].0 {
        Event::Start(Tag::HtmlBlock) => {
            let end = find_end(events, i);
            (&events[i + 1..end], end + 1)
        }
        Event::InlineHtml(_) | Event::Html(_) => (&events[i..=i], i + 1),
        _ => return None,
    };
    let mut html = String::new();
    let mut offsets = Vec::with_capacity(pieces.len());
    for (event, range) in pieces {
        if let Event::Html(h) | Event::InlineHtml(h) = event {
            offsets.push((html.len(), range.start));
            html.push_str(h);
        }
    }
    let scan = raw_html::scan(&html);
    Some((
        RawChunk {
            html,
            pieces: offsets,
            scan,
        },
        next,
    ))
}

/// Where a block starts or ends: an open task label must close before it.
fn is_block_boundary(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => !matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Superscript
                | Tag::Subscript
        ),
        Event::End(tag) => !matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::Superscript
                | TagEnd::Subscript
        ),
        Event::Rule => true,
        _ => false,
    }
}

/// Byte index of character `col` in `s`.
fn byte_index(s: &str, col: usize) -> usize {
    s.char_indices().nth(col).map_or(s.len(), |(i, _)| i)
}

/// The index of the `End` matching the `Start` at `start`.
fn find_end(events: &[(Event<'_>, std::ops::Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (j, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

fn plain_text<'e, 'a: 'e>(events: impl Iterator<Item = &'e Event<'a>>) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_string()
}

fn level_from(n: u8) -> HeadingLevel {
    match n {
        0 | 1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// `<p>…</p>` around a single paragraph removed (prompts are inline).
fn unwrap_paragraph(html: String) -> String {
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

/// A link with a scheme (`https:`, `mailto:`) or a protocol-relative `//host`.
pub(crate) fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !dest[..i].contains('/')
        }
        None => false,
    }
}

/// Replace `\u{1}N\u{1}` placeholders with `targets[N]` (already escaped).
pub(crate) fn substitute_links(html: &str, targets: &[String]) -> String {
    if !html.contains(PLACEHOLDER) {
        return html.to_string();
    }
    let mut out =
        String::with_capacity(html.len() + targets.iter().map(String::len).sum::<usize>());
    let mut rest = html;
    while let Some(start) = rest.find(PLACEHOLDER) {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find(PLACEHOLDER) {
            Some(end) => {
                let n: Option<usize> = after[..end].parse().ok();
                match n.and_then(|n| targets.get(n)) {
                    Some(t) => out.push_str(t),
                    None => out.push_str(&after[..end]),
                }
                rest = &after[end + 1..];
            }
            None => {
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> worksheet::BlockWords {
        worksheet::BlockWords {
            partner_labels: ["A".to_string(), "B".to_string()],
            ..Default::default()
        }
    }

    /// A page with a title in its front matter.
    fn render_page(body: &str, worksheet: Option<&str>) -> Rendered {
        render_with(body, worksheet, false)
    }

    /// A page whose title may come from its body.
    fn render_untitled(body: &str) -> Rendered {
        render_with(body, None, true)
    }

    fn render_with(body: &str, worksheet: Option<&str>, take_title: bool) -> Rendered {
        let l = labels();
        let input = Input {
            file: "content/p.md",
            file_text: body,
            body,
            body_offset: 0,
            worksheet,
            id_prefix: "",
            words: &l,
            take_title,
        };
        // `labels` must outlive the call; render borrows only for its length.
        render(&input)
    }

    #[test]
    fn a_quote_in_a_worksheet_attribute_is_written_with_a_backslash() {
        // CommonMark takes the backslash out of an info string; the block
        // is read from the fence as written, so `\"` is a quote, as
        // docs/worksheets.md says, also inside a list or a quote.
        for body in [
            "```scale id=s min=1 max=3 low=\"not \\\"at\\\" all\"\nHow?\n```\n",
            "> ```scale id=s min=1 max=3 low=\"not \\\"at\\\" all\"\n> How?\n> ```\n",
        ] {
            let r = render_page(body, Some("w"));
            assert!(r.diagnostics.is_empty(), "{body}: {:?}", r.diagnostics);
            assert!(r.html.contains("not &quot;at&quot; all"), "{}", r.html);
            // An error still points at the attribute as written.
            let bad = body.replace("max=3", "max=x");
            let r = render_page(&bad, Some("w"));
            let loc = r
                .diagnostics
                .iter()
                .next()
                .unwrap()
                .location
                .clone()
                .unwrap();
            assert_eq!(loc.column, bad.find("max=x").unwrap() + 1, "{bad}");
        }
    }

    #[test]
    fn braces_ending_a_heading_that_are_not_attributes_are_said() {
        let r = render_page(
            "## Using {braces}\n\n## JSON {\"a\": 1}\n\n## Empty {}\n\n## Fine {#fine .c key=v}\n\n## Shown &#123;x}\n",
            None,
        );
        let lines: Vec<usize> = r
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::NotAsWritten)
            .map(|d| d.location.as_ref().unwrap().line)
            .collect();
        assert_eq!(lines, vec![1, 3, 5], "{:?}", r.diagnostics);
        // A name HTML cannot have is left out; the rest are kept.
        assert!(r.html.contains("<h2 id=\"json\">JSON</h2>"), "{}", r.html);
        assert!(
            r.html.contains("<h2 id=\"fine\" class=\"c\" key=\"v\">"),
            "{}",
            r.html
        );
        assert!(r.html.contains("Shown {x}"), "{}", r.html);
    }

    #[test]
    fn other_tools_syntax_outside_code_is_said_once_a_page_for_each_kind() {
        let r = render_page(
            "[a]({{< ref \"foo.md\" >}}) and {{< figure src=x >}}\n\n\
             {% link foo.md %} and [[Foo]] and [[Bar|the bar]]\n\n\
             `{{< inline code >}}` and `[[code]]`\n\n\
             ```\n{% raw %}\n[[in code]]\n```\n\n\
             [[not a wikilink](x.md)] and [[ ] and {% unclosed\n",
            None,
        );
        let said: Vec<String> = r.diagnostics.iter().map(|d| d.message.clone()).collect();
        assert_eq!(
            said,
            [
                "Hugo's shortcode `{{< … >}}` is shown as written (2 on this page): trellis reads Markdown and HTML only",
                "Liquid's tag `{% … %}` (Jekyll) is shown as written: trellis reads Markdown and HTML only",
                "the wikilink `[[…]]` is shown as written (2 on this page): trellis reads Markdown and HTML only",
            ]
        );
        assert!(
            render_page("Plain {{% hugo %}} only.\n", None)
                .diagnostics
                .iter()
                .all(|d| !d.message.contains("Liquid")),
            "Hugo's `{{%` is not also a Liquid tag"
        );
    }

    #[test]
    fn mdbook_directives_are_said_once_a_page() {
        let r = render_page(
            "Intro.\n\n{{#include a.md}}\n\n```rust\n{{#rustdoc_include b.rs:2}}\n```\n\n\\{{#include shown.md}} {{#each}}\n",
            None,
        );
        let said: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(
            said[0].contains("`{{#include …}}` is shown as written (2 on this page)"),
            "{said:?}"
        );
        assert_eq!(
            r.diagnostics
                .iter()
                .next()
                .unwrap()
                .location
                .as_ref()
                .unwrap()
                .line,
            3
        );
        assert!(
            render_page("\\{{#include x}} {{#each}}\n", None)
                .diagnostics
                .is_empty()
        );
    }

    #[test]
    fn scripts_without_spaces_take_their_time_to_read() {
        // 300 sentences of 14 letters: 4,200 characters, 500 a minute.
        let japanese = "日本語の文章はとても長いです。".repeat(300);
        let r = render_page(&japanese, None);
        assert_eq!(r.reading_time(), 9, "{} words", r.word_count);
        let english = "word ".repeat(1000);
        assert_eq!(render_page(&english, None).reading_time(), 5);
    }

    #[test]
    fn a_page_of_no_words_may_still_show_something() {
        for shows in [
            "![](arch.png)",
            "<iframe src=\"https://example.org/\"></iframe>",
            "<div>\nWords in raw HTML\n</div>",
            "<VIDEO src=v.mp4></VIDEO>",
            "---",
            "| |\n|-|\n| |",
        ] {
            let r = render_page(shows, None);
            assert_eq!((r.word_count, r.shows_something), (0, true), "{shows}");
        }
        for empty in [
            "",
            "<!-- <img src=x> -->",
            "<script>document.write('<img src=x>')</script>",
            "<style>p::after { content: \"words\" }</style>",
            "<div></div>",
        ] {
            let r = render_page(empty, None);
            assert_eq!((r.word_count, r.shows_something), (0, false), "{empty}");
        }
    }

    #[test]
    fn headings_get_unique_ids_and_toc() {
        let r = render_page(
            "## Why it matters\n### Why\n## Why it matters\n## Own {#custom}\n",
            None,
        );
        assert!(r.html.contains("<h2 id=\"why-it-matters\">"));
        assert!(r.html.contains("<h2 id=\"why-it-matters-1\">"));
        assert!(r.html.contains("<h2 id=\"custom\">"));
        assert_eq!(r.headings.toc().len(), 3);
        assert_eq!(r.headings.toc()[0].children[0].id, "why");
    }

    #[test]
    fn identical_headings_and_tasks_get_ids_in_linear_time() {
        // The bug: each duplicate restarted counting at 1, so 10,000
        // identical headings took 21.6 s. Count the candidates tried.
        let mut ids = UniqueIds::default();
        for _ in 0..10_000 {
            ids.claim("same".to_string(), 1);
        }
        assert_eq!(ids.probes, 9_999);
        // Explicit ids in the way cost one extra probe each, not a restart.
        let mut ids = UniqueIds::default();
        for n in 1..=100 {
            ids.claim(format!("same-{n}"), 1);
        }
        for _ in 0..1_000 {
            ids.claim("same".to_string(), 1);
        }
        assert!(ids.probes <= 1_100, "{}", ids.probes);
        let md: String = "## Same\n\n- [ ] Same task\n\n".repeat(2_000);
        let r = render_page(&md, Some("w"));
        assert!(r.html.contains("id=\"same-1999\""));
        assert!(r.html.contains("data-ws-field=\"task-same-task-2000\""));
        assert!(r.diagnostics.is_empty());
    }

    #[test]
    fn two_blocks_never_share_a_field_name_or_an_element_id() {
        // The bug: `partners id=need` stores `need-a` and `need-b`, so an
        // `answer id=need-a` shared its saved value.
        let r = render_page(
            "```partners id=need\nNeed?\n```\n\n```answer id=need-a\nMore?\n```\n",
            Some("w"),
        );
        let errs: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert!(errs[0].contains("error[E012]: `answer id=need-a` would store an answer as `need-a`, which `partners id=need` already uses"), "{errs:#?}");
        // `scale id=q` makes `ws-w-q-1` for its first option.
        let r = render_page(
            "```scale id=q min=1 max=3\nHow?\n```\n\n```answer id=q-1\nWhy?\n```\n",
            Some("w"),
        );
        let errs: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert!(
            errs[0]
                .contains("would make the element id `ws-w-q-1`, which `scale id=q` already uses"),
            "{errs:#?}"
        );
        // A task item whose name is taken gets a suffix instead.
        let r = render_page("```answer id=task-walk\nQ?\n```\n\n- [ ] Walk\n", Some("w"));
        assert!(r.diagnostics.is_empty());
        assert!(
            r.html.contains("data-ws-field=\"task-walk-2\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn heading_ids_never_take_reserved_ids() {
        let r = render_page(
            "## Trellis main\n\n## fn 1\n\nA[^a] and again[^a].\n\n[^a]: Note.\n",
            None,
        );
        assert!(r.html.contains("<h2 id=\"h-trellis-main\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"h-fn-1\">"), "{}", r.html);
        assert!(
            r.html.contains("id=\"fnref-a\"") && r.html.contains("id=\"fnref-a-1\""),
            "{}",
            r.html
        );
        // Explicit ids never take reserved ones; colliding footnote names
        // and headings get their own ids.
        let r = render_page(
            "## Jump {#trellis-main}\n\n## Note {#fn-x}\n\nA[^x] b[^a b] c[^a-b].\n\n[^x]: One.\n[^a b]: Two.\n[^a-b]: Three.\n",
            None,
        );
        let mut ids: Vec<&str> = r
            .html
            .split(" id=\"")
            .skip(1)
            .filter_map(|part| part.split('"').next())
            .collect();
        let total = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), total, "{}", r.html);
        assert!(r.html.contains("id=\"h-trellis-main\""), "{}", r.html);
    }

    #[test]
    fn a_footnote_defined_twice_does_not_repeat_its_id() {
        // Found by fuzzing: both definitions were written as id="fn-1".
        let r = render_page("A[^1].\n\n[^1]: First.\n\n[^1]: Second.\n", None);
        assert_eq!(r.html.matches("id=\"fn-1\"").count(), 1, "{}", r.html);
        assert!(r.html.contains("id=\"fn-1-1\""), "{}", r.html);
        assert!(r.html.contains("Second."));
    }

    #[test]
    fn footnotes_and_headings_in_a_prompt_make_no_ids_of_their_own() {
        // Found by fuzzing: a prompt was rendered by pulldown-cmark alone,
        // so its footnotes had ids like `1`, repeated across prompts.
        let md = "```answer id=a\nQ[^1]?\n\n[^1]: Note.\n```\n\n```answer id=b\nR?\n\n[^1]: Again.\n\n## H {#x}\n```\n\n## H {#x}\n";
        let r = render_page(md, Some("w"));
        let mut ids: Vec<&str> = r
            .html
            .split(" id=\"")
            .skip(1)
            .map(|rest| &rest[..rest.find('"').unwrap()])
            .collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "{}", r.html);
        assert!(r.html.contains("href=\"#fn-1\""), "{}", r.html);
    }

    #[test]
    fn leading_h1_becomes_the_title() {
        let r = render_untitled("# The Title\n\nFirst *para*\ngraph.\n\nSecond.\n");
        assert_eq!(r.title.as_deref(), Some("The Title"));
        assert!(!r.html.contains("<h1"));
        assert_eq!(r.first_paragraph, "First para graph.");
        assert_eq!(r.word_count, 4);
    }

    #[test]
    fn extensions_are_on() {
        let r = render_page(
            "a -- \"b\"\n\n|x|y|\n|-|-|\n|1|2|\n\n~~s~~ [^n]\n\n[^n]: note\n",
            None,
        );
        assert!(r.html.contains("\u{2013}"), "{}", r.html);
        assert!(r.html.contains("\u{201c}b\u{201d}"));
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>s</del>"));
        assert!(r.html.contains("href=\"#fn-n\""));
        assert!(r.html.contains("id=\"fn-n\""));
    }

    #[test]
    fn internal_links_become_placeholders() {
        let r = render_page("[a](../x.md#y) [b](https://e.org) ![c](/img.png)\n", None);
        assert_eq!(r.links.len(), 2);
        assert_eq!(r.links[0].target, "../x.md#y");
        assert!(r.links[1].is_image);
        assert!(r.html.contains("href=\"https://e.org\""));
        let html = substitute_links(&r.html, &["/x/#y".to_string(), "/img.png".to_string()]);
        assert!(html.contains("<a href=\"/x/#y\">a</a>"), "{html}");
        assert!(html.contains("<img src=\"/img.png\" alt=\"c\">"));
    }

    #[test]
    fn worksheet_blocks_render_on_worksheet_pages_only() {
        let md = "```answer id=q lines=2\nWhat *happened*?\n```\n\n```rust\nfn x() {}\n```\n";
        let r = render_page(md, Some("sheet"));
        assert!(
            r.html.contains(
                "<label class=\"ws-prompt\" for=\"ws-sheet-q\">What <em>happened</em>?</label>"
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains("<code class=\"language-rust\">"));
        let plain = render_page(md, None);
        assert!(plain.html.contains("language-answer"));
        assert_eq!(
            plain.diagnostics.iter().next().map(|d| d.code.id()),
            Some("W010")
        );
    }

    #[test]
    fn worksheet_errors_name_line_and_column() {
        let md = "Intro\n\n```answer id=r lines=-3\nQ\n```\n\n```anwser\nQ\n```\n\n```field id=q\nQ\n```\n\n```answer id=q\nQ\n```\n";
        let r = render_page(md, Some("s"));
        let errs: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(errs.len(), 3, "{errs:#?}");
        assert!(
            errs[0].starts_with("content/p.md:3:16: error[E012]: `lines=-3`"),
            "{errs:#?}"
        );
        assert!(
            errs[1].starts_with("content/p.md:7:4: error[E012]: unknown worksheet block `anwser`"),
            "{errs:#?}"
        );
        assert!(errs[1].ends_with("(help: did you mean `answer`?)"));
        assert!(
            errs[2].starts_with(
                "content/p.md:15:4: error[E012]: worksheet field id `q` is used twice"
            ),
            "{errs:#?}"
        );
    }

    #[test]
    fn links_in_prompts_are_resolved_like_the_body() {
        let md = "Intro.\n\n```answer id=q\nRead [step 1](../steps/01-a.md) and ![](pic.png) first.\n```\n";
        let r = render_page(md, Some("s"));
        assert_eq!(r.links.len(), 2, "{:?}", r.links);
        assert_eq!(r.links[0].target, "../steps/01-a.md");
        // The offset points at the link in the file (line 4).
        assert_eq!(&md[r.links[0].offset..r.links[0].offset + 5], "[step");
        assert!(
            r.html.contains("<a href=\"\u{1}0\u{1}\">step 1</a>"),
            "{}",
            r.html
        );
        assert_eq!(
            r.diagnostics
                .iter()
                .map(|d| d.code.id())
                .collect::<Vec<_>>(),
            ["W001"]
        );
        let w = r.diagnostics.iter().next().unwrap().to_string();
        assert!(w.starts_with("content/p.md:4:37:"), "{w}");
    }

    #[test]
    fn loose_and_nested_task_items_make_valid_html() {
        // The bug: the label closed at the item's end, so it wrapped
        // `</p>` in a loose list and a whole `<ul>` in a nested one.
        let r = render_page(
            "- [ ] First\n\n- [ ] Second\n  - [ ] child\n  - [x] *other* child\n",
            Some("w"),
        );
        let html = &r.html;
        assert!(
            html.contains("<label for=\"ws-w-task-first\">First</label></p>"),
            "{html}"
        );
        assert!(
            html.contains("<label for=\"ws-w-task-second\">Second</label></p>\n<ul>"),
            "{html}"
        );
        assert!(
            html.contains("<label for=\"ws-w-task-other-child\"><em>other</em> child</label></li>"),
            "{html}"
        );
        assert_eq!(
            html.matches("<label").count(),
            html.matches("</label>").count()
        );
        assert_eq!(html.matches("<label").count(), 4);
        // A tight list: the label closes before the nested list.
        let r = render_page("- [ ] Parent\n  - [ ] Child\n", Some("w"));
        assert!(
            r.html
                .contains("<label for=\"ws-w-task-parent\">Parent</label>\n<ul>")
                || r.html
                    .contains("<label for=\"ws-w-task-parent\">Parent</label><ul>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn email_autolinks_are_mailto_links() {
        let r = render_page("Write to <help@example.org>.\n", None);
        assert!(
            r.html
                .contains("<a href=\"mailto:help@example.org\">help@example.org</a>"),
            "{}",
            r.html
        );
        assert!(r.links.is_empty());
    }

    #[test]
    fn a_footnote_in_a_heading_is_numbered_and_linked_like_any_other() {
        // The bug: the heading's events skipped our footnote handling, so
        // it linked `#src`, was labelled 2, and the next was numbered 1.
        let r = render_page(
            "## Results[^src]\n\nText[^two].\n\n[^src]: Source.\n[^two]: Second.\n",
            None,
        );
        let html = &r.html;
        assert!(
            html.contains("<sup class=\"footnote-reference\" id=\"fnref-src\"><a href=\"#fn-src\">1</a></sup></h2>"),
            "{html}"
        );
        assert!(html.contains("<a href=\"#fn-two\">2</a>"), "{html}");
        assert!(
            html.contains("id=\"fn-src\"><sup class=\"footnote-definition-label\">1</sup>"),
            "{html}"
        );
        assert_eq!(r.headings.toc()[0].title, "Results");
        assert_eq!(r.headings.toc()[0].id, "results");
    }

    #[test]
    fn raw_html_ids_are_anchors_and_its_urls_are_links() {
        const BODY: &str = "<a id=\"old-name\"></a>\n\n## Old name\n\nSee <span id=note>this</span>.\n\n\
             <div class=\"figure\">\n<img src=\"pic.png\" alt=\"A picture\" srcset=\"pic.png 1x, https://example.org/big.png 2x\">\n</div>\n\n\
             Also <a href='other.md#part' title=t>other</a> and <a href=\"https://example.org/\">out</a>.\n";
        let r = render_page(BODY, None);
        for id in ["old-name", "note"] {
            assert!(r.anchors.contains(id), "{id}: {:?}", r.anchors);
        }
        // The heading's derived id gives way to the author's raw id.
        assert!(r.html.contains("<h2 id=\"old-name-1\">"), "{}", r.html);
        let targets: Vec<(&str, bool)> = r
            .links
            .iter()
            .map(|l| (l.target.as_str(), l.is_image))
            .collect();
        assert_eq!(
            targets,
            [
                ("pic.png", true),
                ("pic.png", true),
                ("other.md#part", false)
            ]
        );
        // Placeholders replace the values; the rest is as written.
        let html = substitute_links(
            &r.html,
            &["/a.png".into(), "/b.png".into(), "/other/#part".into()],
        );
        assert!(
            html.contains("<img src=\"/a.png\" alt=\"A picture\" srcset=\"/b.png 1x, https://example.org/big.png 2x\">"),
            "{html}"
        );
        assert!(
            html.contains("<a href='/other/#part' title=t>other</a>"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"https://example.org/\">out</a>"),
            "{html}"
        );
        // Each link is located at its value in the file.
        let body = r.links[2].offset;
        assert_eq!(&BODY[body..body + r.links[2].length], "other.md#part");
    }

    #[test]
    fn raw_html_is_checked_for_scripts_and_missing_alt_text() {
        let r = render_page(
            "<div>\n<img src=\"a.png\">\n<script>alert(1)</script>\n</div>\n",
            None,
        );
        let codes: Vec<Code> = r.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [Code::ScriptInContent, Code::NoAltText],
            "{:?}",
            r.diagnostics
        );
        let alt = r
            .diagnostics
            .iter()
            .find(|d| d.code == Code::NoAltText)
            .unwrap();
        let loc = alt.location.as_deref().unwrap();
        assert_eq!((loc.line, loc.column), (2, 1));
    }

    #[test]
    fn a_heading_after_a_rule_or_html_is_not_the_title() {
        for body in ["---\n\n# Not a title\n", "<div>x</div>\n\n# Not a title\n"] {
            let r = render_untitled(body);
            assert_eq!(r.title, None, "{body}");
            assert!(r.html.contains("<h1"), "{body}: {}", r.html);
        }
        // A comment (a licence, a note) or an anchor kept for old links
        // before it is not content.
        let r = render_untitled("<!-- licence: CC BY -->\n\n# The title\n");
        assert_eq!(r.title.as_deref(), Some("The title"));
        let r = render_untitled("<a id=\"old-name\"></a>\n\n## A sub-chapter\n\n### Part\n");
        assert_eq!(r.title.as_deref(), Some("A sub-chapter"));
        // Its id is still an anchor: books link to a chapter's first heading.
        assert_eq!(r.title_id.as_deref(), Some("a-sub-chapter"));
        assert!(r.anchors.contains("a-sub-chapter"));
        assert!(r.anchors.contains("old-name"));
        // The headings after a `##` title are its sections: `###` is the
        // page's `<h2>`, so the outline skips no level.
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        assert!(r.html.contains("<h2 id=\"part\">Part</h2>"), "{}", r.html);
        assert_eq!(r.headings.toc()[0].level, 2);
    }

    #[test]
    fn task_items_become_checkboxes_on_worksheets() {
        let r = render_page("- [ ] Plan a walk\n- [x] Cook\n", Some("plan"));
        assert!(r.html.contains("<li class=\"ws-task\"><input class=\"ws-input ws-check\" type=\"checkbox\" id=\"ws-plan-task-plan-a-walk\""), "{}", r.html);
        assert!(r.html.contains("data-ws-field=\"task-cook\" checked> <label for=\"ws-plan-task-cook\">Cook</label></li>"), "{}", r.html);
    }

    #[test]
    fn task_item_with_a_long_cyrillic_label_does_not_panic() {
        let r = render_page(
            "- [ ] Что я чувствую сейчас по отношению к партнёру и почему это важно для нас обоих\n",
            Some("лист"),
        );
        assert!(
            r.html
                .contains("data-ws-field=\"task-что-я-чувствую-сейчас-по-отношению-к-партнёру-и\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn warnings_for_alt_headings_and_scripts() {
        let r = render_page("## A\n#### B\n\n![](x.png)\n\n<script>x</script>\n", None);
        let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code.id()).collect();
        assert_eq!(codes, ["W002", "W001", "W007"]);
    }

    #[test]
    fn external_detection() {
        assert!(is_external("https://x"));
        assert!(is_external("mailto:a@b"));
        assert!(is_external("//cdn"));
        assert!(!is_external("../a.md"));
        assert!(!is_external("/a/b:c"));
        assert!(!is_external("#x"));
    }

    #[test]
    fn forged_placeholders_are_left_alone() {
        assert_eq!(substitute_links("a\u{1}9\u{1}b", &[]), "a9b");
    }
}
