//! The search index: every page's text by section, for `search.js`.
//!
//! Made from each page's finished HTML (the same words a reader sees),
//! split at its `h2` and `h3` headings that have ids, so a result can link
//! to the heading it was found under. Worksheet fields never get in: only
//! text is read, and a field holds none (answers live in the reader's
//! browser, never in the page); the ruled lines, print-only copies and
//! anything `aria-hidden` are skipped too. The index is a script
//! (`search-index.js`) rather than JSON so that it loads with a `<script>`
//! element, which browsers allow for pages opened from disk, where
//! `fetch()` is refused. Matching happens in the browser, on words split
//! by `Intl.Segmenter` (Unicode rules, dictionary-based for CJK), so every
//! script is searchable.

use html5gum::{Token, Tokenizer};
use serde::Serialize;

use crate::site::{PageKind, Site};

/// One page: URL, title and sections `[heading id, heading, text]` (the
/// first section, before any heading, has no id).
#[derive(Debug, Serialize)]
struct Entry {
    u: String,
    t: String,
    s: Vec<(String, String, String)>,
}

/// Elements with no end tag.
const VOID: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
    b"source", b"track", b"wbr",
];

/// Elements whose content is not text a reader searches.
const SKIPPED: &[&[u8]] = &[
    b"script",
    b"style",
    b"textarea",
    b"template",
    b"svg",
    b"math",
];

/// Classes of worksheet parts that are not words (ruled lines, the printed
/// copy of a field, the signature line).
const SKIPPED_CLASSES: &[&str] = &["ws-lines", "ws-print", "ws-sign-line", "footnote-backref"];

/// The index of `site`'s pages as the script `search-index.js`.
/// Pages are read in parallel (reading HTML is most of the index's cost);
/// the entries stay in page order.
pub(crate) fn index_script(site: &Site, html_of: impl Fn(usize) -> String + Sync) -> String {
    use rayon::prelude::*;
    let entries: Vec<Entry> = (0..site.pages.len())
        .into_par_iter()
        .filter(|&i| site.pages[i].kind != PageKind::Section || !site.pages[i].text.is_empty())
        .map(|i| Entry {
            u: site.url(i),
            t: site.pages[i].title.clone(),
            s: sections(&html_of(i)),
        })
        .collect();
    // The JSON goes straight after the prefix: on a large site the index
    // is tens of megabytes, not to be held twice.
    const PREFIX: &str = "window.__TRELLIS_SEARCH__=";
    let mut script = Vec::from(PREFIX);
    if serde_json::to_writer(&mut script, &entries).is_err() {
        script.truncate(PREFIX.len());
        script.extend_from_slice(b"[]");
    }
    drop(entries);
    script.extend_from_slice(b";\n");
    // serde_json writes UTF-8.
    String::from_utf8(script).unwrap_or_default()
}

/// The text of `html` by section.
fn sections(html: &str) -> Vec<(String, String, String)> {
    let mut out = vec![(String::new(), String::new(), String::new())];
    // Open elements: (name, skipped with its content).
    let mut open: Vec<(Vec<u8>, bool)> = Vec::new();
    // Inside a section heading: its text goes to the heading, not the body.
    let mut in_heading: Option<Vec<u8>> = None;
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.to_vec();
                if VOID.contains(&name.as_slice()) || tag.self_closing {
                    continue;
                }
                let attr = |key: &[u8]| {
                    tag.attributes
                        .iter()
                        .find(|(k, _)| k.as_slice() == key)
                        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
                };
                let skipped = open.last().is_some_and(|(_, s)| *s)
                    || SKIPPED.contains(&name.as_slice())
                    || attr(b"aria-hidden").as_deref() == Some("true")
                    || attr(b"hidden").is_some()
                    || attr(b"class").is_some_and(|c| {
                        c.split_whitespace().any(|c| SKIPPED_CLASSES.contains(&c))
                    });
                if !skipped && matches!(name.as_slice(), b"h2" | b"h3") {
                    if let Some(id) = attr(b"id") {
                        out.push((id, String::new(), String::new()));
                        in_heading = Some(name.clone());
                    }
                } else if !skipped && is_block(&name) {
                    push_space(&mut out);
                }
                open.push((name, skipped));
            }
            Token::EndTag(tag) => {
                let name = tag.name.to_vec();
                if in_heading.as_deref() == Some(name.as_slice()) {
                    in_heading = None;
                }
                if let Some(k) = open.iter().rposition(|(n, _)| *n == name) {
                    open.truncate(k);
                }
                if is_block(&name) {
                    push_space(&mut out);
                }
            }
            Token::String(text) if !open.last().is_some_and(|(_, s)| *s) => {
                let text = String::from_utf8_lossy(&text);
                let section = out.last_mut().expect("one section at least");
                let target = if in_heading.is_some() {
                    &mut section.1
                } else {
                    &mut section.2
                };
                push_text(target, &text);
            }
            _ => {}
        }
    }
    for section in &mut out {
        section.1 = section.1.trim().to_string();
        section.2 = section.2.trim().to_string();
    }
    out.retain(|(id, heading, text)| !id.is_empty() || !heading.is_empty() || !text.is_empty());
    out
}

fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"li"
            | b"div"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"td"
            | b"th"
            | b"tr"
            | b"blockquote"
            | b"pre"
            | b"legend"
            | b"label"
            | b"dt"
            | b"dd"
            | b"figcaption"
            | b"section"
            | b"fieldset"
    )
}

/// Text with every run of white space one space.
fn push_text(target: &mut String, text: &str) {
    for (k, part) in text.split(char::is_whitespace).enumerate() {
        if k > 0 && !target.ends_with(' ') && !target.is_empty() {
            target.push(' ');
        }
        target.push_str(part);
    }
}

fn push_space(out: &mut [(String, String, String)]) {
    if let Some(section) = out.last_mut()
        && !section.2.is_empty()
        && !section.2.ends_with(' ')
    {
        section.2.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_follow_headings_and_leave_fields_out() {
        let html = r#"<p>Intro <em>words</em>.</p>
<h2 id="talk">Talk &amp; listen</h2><p>Say it.</p>
<fieldset class="ws-block"><legend class="ws-prompt">What I need</legend>
<textarea name="x">typed answer</textarea><div class="ws-lines" aria-hidden="true"><span class="ws-line"></span></div>
<div class="ws-print">printed copy</div><span aria-hidden="true">3</span></fieldset>
<h3 id="more">More</h3><ul><li>One</li><li>Two</li></ul><h4>Small</h4><p>Still more.</p>"#;
        let s = sections(html);
        assert_eq!(
            s,
            vec![
                (String::new(), String::new(), "Intro words.".to_string()),
                (
                    "talk".to_string(),
                    "Talk & listen".to_string(),
                    "Say it. What I need".to_string()
                ),
                (
                    "more".to_string(),
                    "More".to_string(),
                    "One Two Small Still more.".to_string()
                ),
            ]
        );
    }
}
