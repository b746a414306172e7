//! Links: every internal link of every page resolved to a URL, or reported.
//!
//! The Markdown stage leaves each internal link as a numbered placeholder
//! with its target as written (`../steps/03-communicate.md#listen`). Once
//! every page is placed, [`Site::resolve_links`] turns each target into a
//! [`LinkTarget`]: a page's URL (its fragment checked against that page's
//! anchors), a static file, or a diagnostic with a "did you mean".

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, LineIndex, Location, closest};
use crate::markdown;
use crate::text;

use super::{CONTENT_DIR, Document, Site, parent_dir};

/// Where an internal link ends up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LinkTarget {
    /// A root-relative URL including the base path.
    Url(String),
    /// An anchor on the same page (prefixed when the page is embedded).
    Anchor(String),
    /// Unresolvable: left as written (an error was reported).
    Broken(String),
}

impl LinkTarget {
    /// The `href` to write, with `id_prefix` for same-page anchors.
    pub(crate) fn href(&self, id_prefix: &str) -> String {
        match self {
            LinkTarget::Url(u) | LinkTarget::Broken(u) => text::escape_href(u),
            // Worksheet field ids already name their worksheet; only heading
            // and footnote ids are prefixed on a shared page.
            LinkTarget::Anchor(a) if a.starts_with("ws-") => text::escape_href(&format!("#{a}")),
            LinkTarget::Anchor(a) => text::escape_href(&format!("#{id_prefix}{a}")),
        }
    }
}

impl Site {
    pub(super) fn resolve_links(
        &mut self,
        drafts: &HashMap<String, Arc<Document>>,
        diags: &mut Diagnostics,
    ) {
        let drafts_by_path: HashMap<String, &Document> = drafts
            .values()
            .map(|d| {
                (
                    self.draft_path(d).trim_end_matches('/').to_string(),
                    d.as_ref(),
                )
            })
            .collect();
        let quick = Resolver {
            site: self,
            drafts,
            drafts_by_path: &drafts_by_path,
            suggest: false,
        };
        // 1. Every link of every page, in parallel, without suggestions.
        type Problems = Vec<(usize, Diagnostic)>;
        let resolved: Vec<(Vec<LinkTarget>, Problems)> = (0..self.pages.len())
            .into_par_iter()
            .map(|i| {
                let mut problems = Vec::new();
                // The page's text and lines, read for its first problem
                // only (a build has let the text go).
                let mut lines = None;
                let targets = self.pages[i]
                    .rendered
                    .links
                    .iter()
                    .enumerate()
                    .map(|(k, link)| match quick.resolve(i, &link.target) {
                        Ok((target, warning)) => {
                            if let Some(w) = warning {
                                problems.push((k, w.at(self.link_location(&mut lines, i, link))));
                            }
                            target
                        }
                        Err(d) => {
                            problems.push((k, d.at(self.link_location(&mut lines, i, link))));
                            LinkTarget::Broken(link.target.clone())
                        }
                    })
                    .collect();
                (targets, problems)
            })
            .collect();
        // 2. "Did you mean" for the first broken links, in page order: each
        //    compares the target with every candidate.
        let suggesting = Resolver {
            suggest: true,
            ..quick
        };
        let mut budget = super::SUGGESTIONS;
        let mut found = Vec::with_capacity(resolved.len());
        for (i, (targets, problems)) in resolved.into_iter().enumerate() {
            for (k, d) in problems {
                if d.is_error() && budget > 0 {
                    budget -= 1;
                    let link = &self.pages[i].rendered.links[k];
                    if let Err(better) = suggesting.resolve(i, &link.target) {
                        diags.push(
                            better.at(d
                                .location
                                .as_deref()
                                .cloned()
                                .unwrap_or_else(|| Location::file(&self.pages[i].source))),
                        );
                        continue;
                    }
                }
                diags.push(d);
            }
            found.push(targets);
        }
        for (page, targets) in self.pages.iter_mut().zip(found) {
            page.link_targets = targets;
        }
    }

    fn link_location(
        &self,
        lines: &mut Option<Option<(Arc<str>, LineIndex)>>,
        page: usize,
        link: &markdown::LinkRef,
    ) -> Location {
        let p = &self.pages[page];
        let read = lines.get_or_insert_with(|| {
            p.text().map(|text| {
                let lines = LineIndex::new(&text);
                (text, lines)
            })
        });
        let Some((text, lines)) = read.as_ref() else {
            return Location::file(&p.source);
        };
        // Point at the target inside `[text](target)`: after the `](`, so
        // that text naming the target (`[setup.md](setup.md)`) is passed
        // over; in raw HTML or an autolink, its first mention.
        let span = &text[link.offset.min(text.len())..(link.offset + link.length).min(text.len())];
        let after = span.find("](").map_or(0, |i| i + 2);
        match span[after..].find(link.target.as_str()) {
            Some(i) => lines.location(&p.source, text, link.offset + after + i, link.target.len()),
            None => lines.location(&p.source, text, link.offset, link.length),
        }
    }

    /// Where a draft will be once published: its section's path and slug.
    fn draft_path(&self, draft: &Document) -> String {
        let section_path = self
            .section_by_dir(parent_dir(&draft.source))
            .map_or("", |s| self.pages[self.sections[s].page].path.as_str());
        format!("{section_path}{}/", draft.slug)
    }
}

/// Resolves one link at a time against the placed site.
#[derive(Clone, Copy)]
struct Resolver<'a> {
    site: &'a Site,
    drafts: &'a HashMap<String, Arc<Document>>,
    drafts_by_path: &'a HashMap<String, &'a Document>,
    /// Whether to compute "did you mean" hints (costly: see `SUGGESTIONS`).
    suggest: bool,
}

impl Resolver<'_> {
    /// The closest candidate to `word`, when suggesting.
    fn closest<'c>(
        &self,
        word: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) -> Option<&'c str> {
        if self.suggest {
            closest(word, candidates)
        } else {
            None
        }
    }

    /// Resolve a link written on page `from`. A warning may come with a success.
    fn resolve(
        &self,
        from: usize,
        target: &str,
    ) -> Result<(LinkTarget, Option<Diagnostic>), Diagnostic> {
        let site = self.site;
        let (before_fragment, fragment) = match target.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (target, None),
        };
        let (path_part, query) = match before_fragment.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (before_fragment, None),
        };
        let base = &site.config.base_url.path;
        if path_part.is_empty() {
            if query.is_some() {
                // `?lang=fr`: the same page with a query; nothing to check.
                return Ok((LinkTarget::Url(target.to_string()), None));
            }
            let anchor = fragment.unwrap_or("");
            self.check_anchor(from, anchor)?;
            return Ok((LinkTarget::Anchor(anchor.to_string()), None));
        }
        let decoded = text::nfc(&text::percent_decode(path_part)).into_owned();
        // `@/docs/page.md` is Zola's way of writing `/docs/page.md`.
        let decoded = match decoded.strip_prefix('@') {
            Some(rooted) if rooted.starts_with('/') => rooted.to_string(),
            _ => decoded,
        };
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

        // `/docs/other.md`, as GitHub resolves it from the top of the
        // repository: the page of `content/docs/other.md` (or of
        // `/content/docs/other.md`, when the site is the repository).
        let rooted_markdown = decoded
            .strip_prefix('/')
            .filter(|r| r.to_ascii_lowercase().ends_with(".md"))
            .map(|r| match r.starts_with("content/") {
                true => join_path("", r),
                false => join_path(CONTENT_DIR, r),
            });
        if rooted_markdown.is_none()
            && let Some(rooted) = decoded.strip_prefix('/')
        {
            // A root-relative link: a page URL or a static file.
            let wanted = rooted.trim_end_matches("index.html");
            if let Some(&p) = site.lookup.by_path.get(wanted.trim_end_matches('/')) {
                if let Some(f) = fragment {
                    self.check_anchor(p, f)?;
                }
                return Ok((LinkTarget::Url(with_fragment(site.url(p))), None));
            }
            // A draft's future address: a warning, as for a relative link.
            if let Some(draft) = self.drafts_by_path.get(wanted.trim_end_matches('/')) {
                return Ok((
                    LinkTarget::Url(with_fragment(format!("{base}{rooted}"))),
                    Some(
                        Diagnostic::new(Code::LinkToDraft, format!("`{target}` is a draft (`{}`) and is not published", draft.source))
                            .hint("publish it (remove `draft = true`) or remove the link; build with `--drafts` to preview it"),
                    ),
                ));
            }
            // `/commands/hugo_mod/` for `content/commands/hugo_mod.md` (its
            // URL is `/commands/hugo-mod/`), or a folder by its name: the
            // file's path without `.md`, as tools that publish a page at
            // its file's path have it.
            let written = wanted.trim_end_matches('/');
            let by_file = site
                .by_source
                .get(&format!("{CONTENT_DIR}/{written}.md"))
                .copied()
                .or_else(|| {
                    let s = site.section_by_dir(&format!("{CONTENT_DIR}/{written}"))?;
                    Some(site.sections[s].page)
                });
            if let Some(p) = by_file.filter(|_| !written.is_empty()) {
                if let Some(f) = fragment {
                    self.check_anchor(p, f)?;
                }
                return Ok((LinkTarget::Url(with_fragment(site.url(p))), None));
            }
            if site.statics.contains_key(rooted) || super::GENERATED_FILES.contains(&rooted) {
                return Ok((
                    LinkTarget::Url(with_fragment(format!(
                        "{base}{}",
                        text::encode_path(rooted)
                    ))),
                    None,
                ));
            }
            return Err(Diagnostic::new(Code::MissingFile, format!("`{target}` is not a page or a file in `static/`"))
                .maybe_hint(self.closest(rooted, site.statics.keys().map(String::as_str)).map(|c| format!("did you mean `/{c}`?")))
                .hint_or("put the file in `static/`, or link to the Markdown file of a page (`other.md`, `../section/page.md`)"));
        }

        let from_dir = match site.pages[from].has_text {
            false => site.pages[from].source.clone(),
            true => parent_dir(&site.pages[from].source).to_string(),
        };
        let Some(joined) = rooted_markdown.unwrap_or_else(|| join_path(&from_dir, &decoded)) else {
            return Err(Diagnostic::new(
                Code::MissingPage,
                format!("`{target}` points outside the site"),
            )
            .hint("link to a page in `content/` or a file in `static/`"));
        };
        let joined = joined.trim_end_matches('/').to_string();

        if joined.to_ascii_lowercase().ends_with(".md") {
            if site.failed.contains(&joined) {
                return Ok((LinkTarget::Broken(target.to_string()), None));
            }
            if let Some(&p) = site.by_source.get(&joined) {
                if let Some(f) = fragment {
                    self.check_anchor(p, f)?;
                }
                return Ok((LinkTarget::Url(with_fragment(site.url(p))), None));
            }
            // A page of the guide's own language not translated yet (the
            // languages stage warns once per page).
            if let Some(url) = site.fallback.get(&joined) {
                return Ok((LinkTarget::Url(with_fragment(url.clone())), None));
            }
            if let Some(draft) = self.drafts.get(&joined) {
                // Where the page will be once published; its headings are
                // known, so the fragment is still checked.
                let url = format!("{base}{}", site.draft_path(draft));
                if let Some(f) = fragment
                    && !draft.rendered.anchors.contains(f)
                {
                    return Err(Diagnostic::new(
                        Code::MissingAnchor,
                        format!("`{joined}` has no heading `#{f}`"),
                    )
                    .hint("check the heading's id in the draft"));
                }
                return Ok((
                    LinkTarget::Url(with_fragment(url)),
                    Some(Diagnostic::new(Code::LinkToDraft, format!("`{target}` is a draft and is not published"))
                        .hint("publish it (remove `draft = true`) or remove the link; build with `--drafts` to preview it")),
                ));
            }
            // Suggested as written: from the page's folder, or from
            // `content/` for a link starting with `/`.
            let rooted = decoded.starts_with('/');
            let candidates: Vec<String> = if self.suggest {
                site.pages
                    .iter()
                    .filter(|p| p.has_text)
                    .map(|p| match rooted {
                        true => format!("/{}", relative_path(CONTENT_DIR, &p.source)),
                        false => relative_path(&from_dir, &p.source),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let hint = self
                .closest(&decoded, candidates.iter().map(String::as_str))
                .map(|c| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| match rooted {
                    true => "check the file name; a link starting with `/` to a Markdown file is read from `content/`".to_string(),
                    false => "check the file name; links are relative to the page's own folder".to_string(),
                });
            return Err(Diagnostic::new(
                Code::MissingPage,
                format!("link to missing page `{target}`"),
            )
            .hint(hint));
        }
        // A section folder.
        if let Some(s) = site.section_by_dir(&joined) {
            let page = site.sections[s].page;
            if let Some(f) = fragment {
                self.check_anchor(page, f)?;
            }
            return Ok((LinkTarget::Url(with_fragment(site.url(page))), None));
        }
        // A file in `static/`, reached by a relative path.
        if let Some(rest) = joined.strip_prefix("static/") {
            if site.statics.contains_key(rest) {
                return Ok((
                    LinkTarget::Url(with_fragment(format!("{base}{}", text::encode_path(rest)))),
                    None,
                ));
            }
            return Err(Diagnostic::new(
                Code::MissingFile,
                format!("missing static file `{target}`"),
            )
            .maybe_hint(
                self.closest(rest, site.statics.keys().map(String::as_str))
                    .map(|c| format!("did you mean `{c}`?")),
            )
            .hint_or("add the file to `static/`"));
        }
        // A file beside the page in `content/`.
        if let Some(out) = joined
            .strip_prefix("content/")
            .and_then(|rest| site.colocated_output(rest))
        {
            return Ok((
                LinkTarget::Url(with_fragment(format!("{base}{}", text::encode_path(out)))),
                None,
            ));
        }
        // `getting-started/` or `getting-started` for `getting-started.md`:
        // the page by name, as tools with directory URLs write it.
        if !joined.rsplit('/').next().unwrap_or("").contains('.')
            && let Some(&p) = site.by_source.get(&format!("{joined}.md"))
        {
            if let Some(f) = fragment {
                self.check_anchor(p, f)?;
            }
            return Ok((LinkTarget::Url(with_fragment(site.url(p))), None));
        }
        // `chapter.html`, as written for a tool that publishes `.html`
        // files beside the Markdown: the page is `chapter.md`.
        // (`folder/index.html` is the folder's section page.)
        let markdown_twin = [".html", ".htm"].iter().find_map(|ext| {
            let written = decoded.trim_end_matches('/');
            let stem = strip_suffix_ignore_case(written, ext)?;
            let joined_stem = strip_suffix_ignore_case(&joined, ext)?;
            let twin = format!("{joined_stem}.md");
            if site.by_source.contains_key(&twin) || self.drafts.contains_key(&twin) {
                return Some(format!("{stem}.md"));
            }
            let folder = strip_suffix_ignore_case(joined_stem, "/index")?;
            site.section_by_dir(folder)?;
            Some(format!(
                "{}/",
                strip_suffix_ignore_case(stem, "index")?.trim_end_matches('/')
            ))
        });
        Err(Diagnostic::new(
            Code::MissingFile,
            format!("link to missing file `{target}`"),
        )
        .maybe_hint(markdown_twin.map(|md| {
            if md.ends_with('/') {
                format!("did you mean `{md}`? Link to the folder for its section page; trellis writes the page's URL")
            } else {
                format!("did you mean `{md}`? Link to the Markdown file; trellis writes the page's URL")
            }
        }))
        .hint_or(
            "link to a Markdown page (`…/name.md`), a folder in `content/`, or a file in `static/`",
        ))
    }

    fn check_anchor(&self, page: usize, anchor: &str) -> Result<(), Diagnostic> {
        let anchors = &self.site.pages[page].rendered.anchors;
        // Browsers match `#caf%C3%A9` to `id="café"`; `#` and `#top` are
        // the top of any page (HTML's "scroll to the fragment"), unless an
        // element has that id, which is then checked as written.
        if anchor.is_empty()
            || anchors.contains(anchor)
            || anchors.contains(text::percent_decode(anchor).as_ref())
            || anchor.eq_ignore_ascii_case("top")
        {
            return Ok(());
        }
        let hint = if !self.suggest {
            "check the heading's id on that page".to_string()
        } else {
            self.closest(anchor, anchors.iter())
                .map(|c| format!("did you mean `#{c}`?"))
                .unwrap_or_else(|| {
                    // Sorted, as anchors are.
                    let all: Vec<&str> = anchors
                        .iter()
                        .filter(|a| !a.starts_with("ws-") && !a.starts_with("fn-"))
                        .collect();
                    if all.is_empty() {
                        "that page has no headings to link to".to_string()
                    } else {
                        format!(
                            "headings there are: #{}",
                            super::some_of(&all).replace(", ", ", #")
                        )
                    }
                })
        };
        Err(Diagnostic::new(
            Code::MissingAnchor,
            format!(
                "`{}` has no heading `#{anchor}`",
                self.site.pages[page].source
            ),
        )
        .hint(hint))
    }
}

/// `s` without `suffix`, compared ignoring ASCII case.
fn strip_suffix_ignore_case<'s>(s: &'s str, suffix: &str) -> Option<&'s str> {
    let at = s.len().checked_sub(suffix.len())?;
    (s.is_char_boundary(at) && s[at..].eq_ignore_ascii_case(suffix)).then(|| &s[..at])
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

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
