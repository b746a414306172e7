//! Raw HTML in a page: the ids it defines and the URLs it points at.
//!
//! Authors paste HTML into Markdown (`<a id="old-name"></a>`, `<img
//! src="pic.png" width="300">`). Those ids are anchors other pages link to,
//! and those URLs are links like any other: relative ones must be rewritten
//! for the page's pretty URL and checked. [`scan`] reads a chunk of raw HTML
//! with html5gum's WHATWG tokenizer (quotes, entities and `<script>` bodies
//! handled as a browser would) and reports where each of those values sits,
//! so [`rewrite`] can splice in new values and leave every other byte the
//! author wrote alone.

use std::ops::Range;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

/// What one chunk of raw HTML holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Scan {
    /// `id` values, and `name` on `<a>`, with where each value sits.
    pub anchors: Vec<Value>,
    /// URL attributes in source order.
    pub urls: Vec<UrlAttr>,
    /// Where each `<script>` start tag begins.
    pub scripts: Vec<usize>,
    /// Where each `<img>` without an `alt` attribute begins.
    pub images_without_alt: Vec<usize>,
    /// Whether a reader sees anything: text, or an image, video, form
    /// control, table or rule. Comments and empty anchors are not seen.
    pub visible: bool,
}

/// Elements that show something with no text inside them.
const SEEN_WITHOUT_TEXT: &[&[u8]] = &[
    b"img",
    b"picture",
    b"video",
    b"audio",
    b"iframe",
    b"svg",
    b"object",
    b"embed",
    b"canvas",
    b"input",
    b"select",
    b"textarea",
    b"button",
    b"hr",
    b"table",
    b"meter",
    b"progress",
];

/// An attribute's value: decoded text and where the raw value sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Value {
    /// The value with character references decoded.
    pub text: String,
    /// Byte range of the value as written, without its quotes.
    pub span: Range<usize>,
    /// Whether the value is in quotes.
    pub quoted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UrlAttr {
    pub value: Value,
    /// `srcset` holds a list of image candidates, not one URL.
    pub srcset: bool,
    /// Points at an image or media file rather than a page.
    pub is_image: bool,
}

/// Read one chunk of raw HTML.
pub(crate) fn scan(html: &str) -> Scan {
    let mut scan = Scan::default();
    let mut tag = Vec::new();
    let mut attr = Vec::new();
    let mut in_start_tag = false;
    let mut tag_start = 0;
    let mut has_alt = false;
    let emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, span: Span<usize>| {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                tag.clear();
                tag.extend(name.iter().map(u8::to_ascii_lowercase));
                in_start_tag = true;
                tag_start = span.start;
                has_alt = false;
                if tag == b"script" {
                    scan.scripts.push(span.start);
                }
                scan.visible |= SEEN_WITHOUT_TEXT.contains(&tag.as_slice());
            }
            CallbackEvent::AttributeName { name } => {
                attr.clear();
                attr.extend(name.iter().map(u8::to_ascii_lowercase));
                has_alt |= attr == b"alt";
            }
            CallbackEvent::AttributeValue { value } if in_start_tag && !value.is_empty() => {
                let end = span.end.min(html.len());
                let start = span.start.min(end);
                let quoted = start > 0 && matches!(html.as_bytes()[start - 1], b'"' | b'\'');
                let value = Value {
                    text: String::from_utf8_lossy(value).into_owned(),
                    span: start..end,
                    quoted,
                };
                match (attr.as_slice(), tag.as_slice()) {
                    (b"id", _) | (b"name", b"a") => scan.anchors.push(value),
                    (b"href", _) | (b"src", _) | (b"poster", _) | (b"data", b"object") => {
                        scan.urls.push(UrlAttr {
                            value,
                            srcset: false,
                            is_image: !matches!(tag.as_slice(), b"a" | b"area"),
                        })
                    }
                    (b"srcset", b"img" | b"source") => scan.urls.push(UrlAttr {
                        value,
                        srcset: true,
                        is_image: true,
                    }),
                    _ => {}
                }
            }
            CallbackEvent::CloseStartTag { .. } => {
                if in_start_tag && tag == b"img" && !has_alt {
                    scan.images_without_alt.push(tag_start);
                }
                in_start_tag = false;
            }
            CallbackEvent::EndTag { .. } => in_start_tag = false,
            CallbackEvent::String { value } => {
                scan.visible |= tag != b"script"
                    && tag != b"style"
                    && value.iter().any(|b| !b.is_ascii_whitespace());
            }
            _ => {}
        }
        None::<std::convert::Infallible>
    });
    let mut emitter = emitter;
    // `<script>`, `<style>`, `<textarea>` and `<title>` hold text, not tags.
    emitter.naively_switch_states(true);
    let _ = Tokenizer::new_with_emitter(html, emitter).finish();
    scan
}

/// `html` with values replaced: `edits` are `(span, new raw value)` pairs,
/// in source order and not overlapping. A new value is always written in
/// double quotes; it must already be escaped for that.
pub(crate) fn rewrite(html: &str, edits: &[(&Value, String)]) -> String {
    let mut out = String::with_capacity(html.len() + edits.len() * 8);
    let mut at = 0;
    for (value, new) in edits {
        let Value { span, quoted, .. } = value;
        if span.start < at || span.end > html.len() {
            continue;
        }
        if *quoted {
            // Inside the author's quotes: `"` or `'`. An escaped value holds
            // neither (`escape_href` and `escape_html` encode both).
            out.push_str(&html[at..span.start]);
            out.push_str(new);
        } else {
            out.push_str(&html[at..span.start]);
            out.push('"');
            out.push_str(new);
            out.push('"');
        }
        at = span.end;
    }
    out.push_str(&html[at..]);
    out
}

/// The candidates of a `srcset` value: `(url, descriptors)`, following the
/// HTML standard's parsing rules (a URL ends at whitespace; a trailing
/// comma ends a URL with no descriptors; commas in parentheses do not end
/// descriptors).
pub(crate) fn srcset_candidates(value: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return out;
        }
        let url_end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let url = &rest[..url_end];
        rest = &rest[url_end..];
        if url.ends_with(',') {
            out.push((url.trim_end_matches(','), ""));
            continue;
        }
        let mut depth = 0usize;
        let mut desc_end = rest.len();
        for (i, c) in rest.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                ',' if depth == 0 => {
                    desc_end = i;
                    break;
                }
                _ => {}
            }
        }
        out.push((url, rest[..desc_end].trim()));
        rest = &rest[desc_end..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(values: &[Value]) -> Vec<&str> {
        values.iter().map(|v| v.text.as_str()).collect()
    }

    #[test]
    fn finds_ids_names_and_urls_as_a_browser_reads_them() {
        let html = "<a id=\"old-name\" name='older'></a><span id=note>x</span>\
                    <img src=\"pic.png\" alt=\"A\" srcset=\"a.png 1x, b.png 2x\">\
                    <A HREF='other.md?x=1&amp;y=2'>o</A><p name=\"not-an-anchor\">";
        let s = scan(html);
        assert_eq!(texts(&s.anchors), ["old-name", "older", "note"]);
        let urls: Vec<(&str, bool, bool)> = s
            .urls
            .iter()
            .map(|u| (u.value.text.as_str(), u.srcset, u.is_image))
            .collect();
        assert_eq!(
            urls,
            [
                ("pic.png", false, true),
                ("a.png 1x, b.png 2x", true, true),
                // Character references are decoded, as a browser would.
                ("other.md?x=1&y=2", false, false),
            ]
        );
        // Spans point at the value as written, quotes excluded.
        let other = &s.urls[2].value;
        assert_eq!(&html[other.span.clone()], "other.md?x=1&amp;y=2");
        assert!(other.quoted);
        assert!(!s.anchors[2].quoted);
        assert_eq!(&html[s.anchors[2].span.clone()], "note");
        assert!(s.images_without_alt.is_empty());
    }

    #[test]
    fn script_bodies_and_comments_hold_no_tags() {
        let s = scan("<script>var a = '<a href=\"x.md\" id=\"y\">';</script><!-- <a id=z> -->");
        assert!(s.urls.is_empty() && s.anchors.is_empty(), "{s:?}");
        assert_eq!(s.scripts, [0]);
    }

    #[test]
    fn knows_whether_a_reader_sees_anything() {
        for unseen in [
            "<!-- a note -->",
            "<a id=\"old\"></a>\n<a name=x></a>",
            "<div class=c>\n</div>",
            "<style>p{}</style>",
        ] {
            assert!(!scan(unseen).visible, "{unseen}");
        }
        for seen in [
            "<p>Hi</p>",
            "<img src=a.png alt=\"\">",
            "<hr>",
            "<a href=x>x</a>",
        ] {
            assert!(scan(seen).visible, "{seen}");
        }
    }

    #[test]
    fn images_without_alt_are_found() {
        let s = scan("<p><img src=a.png> <img src=b.png alt=\"\"></p>");
        assert_eq!(s.images_without_alt, [3]);
    }

    #[test]
    fn rewrites_only_the_values_it_is_given() {
        let html = "<a class=x href=other.md title='t'>o</a> <img src='pic.png' alt=\"p\">";
        let s = scan(html);
        let edits = [
            (&s.urls[0].value, "/guide/other/".to_string()),
            (&s.urls[1].value, "/guide/pic.png".to_string()),
        ];
        assert_eq!(
            rewrite(html, &edits),
            "<a class=x href=\"/guide/other/\" title='t'>o</a> <img src='/guide/pic.png' alt=\"p\">"
        );
        assert_eq!(rewrite(html, &[]), html);
    }

    #[test]
    fn srcset_candidates_follow_the_standard() {
        assert_eq!(
            srcset_candidates(" a.png 1x,b.png 2x , c.png, d.png"),
            [
                ("a.png", "1x"),
                ("b.png", "2x"),
                ("c.png", ""),
                ("d.png", "")
            ]
        );
        // A comma inside a URL is part of it (a `data:` URL has one).
        assert_eq!(srcset_candidates("c.png,d.png"), [("c.png,d.png", "")]);
        assert_eq!(
            srcset_candidates("data:image/png;base64,AAA= 1x, e.png (a, b) 2x"),
            [("data:image/png;base64,AAA=", "1x"), ("e.png", "(a, b) 2x")]
        );
        assert!(srcset_candidates(" , ").is_empty());
    }
}
