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

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, closest};
use crate::markdown;
use crate::text;

use super::{Document, Site, parent_dir};

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
        let decoded = text::percent_decode(path_part).into_owned();
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
                        Diagnostic::new(Code::LinkToDraft, format!("`{target}` is a draft (`{}`) and is not published", draft.source))
                            .hint("publish it (remove `draft = true`) or remove the link; build with `--drafts` to preview it"),
                    ),
                ));
            }
            if self.statics.contains_key(rooted) || super::GENERATED_FILES.contains(&rooted) {
                return Ok((
                    LinkTarget::Url(with_fragment(format!(
                        "{base}{}",
                        text::encode_path(rooted)
                    ))),
                    None,
                ));
            }
            return Err(Diagnostic::new(Code::MissingFile, format!("`{target}` is not a page or a file in `static/`"))
                .maybe_hint(closest(rooted, self.statics.keys().map(String::as_str)).map(|c| format!("did you mean `/{c}`?")))
                .hint_or("put the file in `static/`, or link to a Markdown file with a relative path like `../steps/03-communicate.md`"));
        }

        let from_dir = match self.pages[from].text.is_empty() {
            true => self.pages[from].source.clone(),
            false => parent_dir(&self.pages[from].source).to_string(),
        };
        let Some(joined) = join_path(&from_dir, &decoded) else {
            return Err(Diagnostic::new(
                Code::MissingPage,
                format!("`{target}` points outside the site"),
            )
            .hint("link to a page in `content/` or a file in `static/`"));
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
            return Err(Diagnostic::new(
                Code::MissingPage,
                format!("link to missing page `{target}`"),
            )
            .hint(hint));
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
                    LinkTarget::Url(with_fragment(format!("{base}{}", text::encode_path(rest)))),
                    None,
                ));
            }
            return Err(Diagnostic::new(
                Code::MissingFile,
                format!("missing static file `{target}`"),
            )
            .maybe_hint(
                closest(rest, self.statics.keys().map(String::as_str))
                    .map(|c| format!("did you mean `{c}`?")),
            )
            .hint_or("add the file to `static/`"));
        }
        // A file beside the page in `content/`.
        if let Some(rest) = joined.strip_prefix("content/")
            && self.statics.contains_key(rest)
        {
            return Ok((
                LinkTarget::Url(with_fragment(format!("{base}{}", text::encode_path(rest)))),
                None,
            ));
        }
        Err(Diagnostic::new(
            Code::MissingFile,
            format!("link to missing file `{target}`"),
        )
        .hint(
            "link to a Markdown page (`…/name.md`), a folder in `content/`, or a file in `static/`",
        ))
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
            || anchors.contains(text::percent_decode(anchor).as_ref())
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
        Err(Diagnostic::new(
            Code::MissingAnchor,
            format!("`{}` has no heading `#{anchor}`", self.pages[page].source),
        )
        .hint(hint))
    }
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
