//! CommonMark conformance, through trellis's own pipeline.
//!
//! Every example of the CommonMark spec (0.31.2), its smart punctuation
//! examples, GitHub's table, strikethrough and task list examples, and
//! pulldown-cmark's own table, strikethrough, footnote and heading
//! attribute examples (`tests/commonmark/`, with their licences) is made
//! into the body of a page and run through the loader, front matter, the
//! Markdown stage and the site model, links resolved as in a build
//! ([`trellis::pipeline::page_contents`]). The page's HTML must match the
//! example's.
//!
//! HTML is compared as the spec's own test runner compares it
//! (`normalize.py` in the CommonMark repository): as tokens, with
//! attributes sorted, character references decoded, the `/` of `<img />`
//! ignored, runs of whitespace collapsed outside `<pre>`, and whitespace
//! next to block-level tags dropped. On top of that, these differences are
//! trellis's on purpose and are normalised away, and nothing else:
//!
//! 1. **Heading ids.** trellis gives every heading an id for the table of
//!    contents and links; where the example's heading has no `id`, the
//!    page's is not compared. Ids written with `{#id}` are compared.
//! 2. **Smart punctuation.** trellis turns `"quotes"`, `--` and `...` into
//!    typographic ones; curly quotes, dashes and ellipses are folded back
//!    on both sides, except in `smart_punct.txt`, which is compared as is.
//! 3. **Footnote names.** trellis names footnotes `fn-<label>` and each
//!    citation `fnref-<label>` (unique on the page, prefixed in the
//!    workbook); the `id` of footnote citations and definitions and the
//!    `href` of a citation's link are not compared. Numbering, placement
//!    and text are.
//! 4. **Links** are resolved as in a build: a target that is not a page or
//!    file of the one-page site is written as the author wrote it, escaped
//!    as CommonMark escapes it, which is what the examples expect. Relative
//!    URLs in raw HTML are rewritten the same way (and written in double
//!    quotes; values are compared decoded).
//!
//! Examples that still differ are listed in [`KNOWN_DIFFERENCES`], each
//! with its reason; an example on that list that starts to match fails the
//! test too, so the list stays true.

use std::collections::BTreeMap;

use html5gum::{Token, Tokenizer};
use trellis::pipeline::page_contents;

use crate::support::repo_root;

/// `(file, example number, why it differs)`.
const KNOWN_DIFFERENCES: &[(&str, usize, &str)] = &[];

struct Example {
    file: &'static str,
    number: usize,
    line: usize,
    markdown: String,
    html: String,
}

const FILES: &[&str] = &[
    "CommonMark/spec.txt",
    "CommonMark/smart_punct.txt",
    "GitHub/gfm_table.txt",
    "GitHub/gfm_strikethrough.txt",
    "GitHub/gfm_tasklist.txt",
    "pulldown-cmark/table.txt",
    "pulldown-cmark/strikethrough.txt",
    "pulldown-cmark/footnotes.txt",
    "pulldown-cmark/heading_attrs.txt",
];

/// The examples of a spec file: Markdown, then `.`, then HTML, between
/// fences of 32 backticks with the word `example` (tabs shown as `→`).
fn examples(file: &'static str) -> Vec<Example> {
    let text = std::fs::read_to_string(repo_root().join("tests/commonmark").join(file)).unwrap();
    let fence = "`".repeat(32);
    let open = format!("{fence} example");
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        if line != open {
            continue;
        }
        let (mut markdown, mut html) = (String::new(), String::new());
        let mut in_html = false;
        for (_, line) in lines.by_ref() {
            if line == fence {
                break;
            }
            if line == "." && !in_html {
                in_html = true;
                continue;
            }
            let target = if in_html { &mut html } else { &mut markdown };
            target.push_str(&line.replace('→', "\t"));
            target.push('\n');
        }
        out.push(Example {
            file,
            number: out.len() + 1,
            line: n + 1,
            markdown,
            html,
        });
    }
    out
}

/// The example as a home page, through the pipeline: its HTML.
fn render(markdown: &str) -> String {
    let page = format!("+++\ntitle = \"Example\"\n+++\n{markdown}");
    let (pages, _diagnostics) = page_contents(
        "title = \"Conformance\"\n",
        &[("content/_index.md".to_string(), page)],
    );
    pages
        .into_iter()
        .find(|(source, _)| source == "content/_index.md")
        .map(|(_, html)| html)
        .expect("the page is rendered")
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Start {
        name: String,
        attrs: BTreeMap<String, String>,
    },
    End(String),
    Text(String),
    Comment(String),
    Doctype(String),
}

const BLOCK_TAGS: &[&str] = &[
    "article",
    "aside",
    "blockquote",
    "body",
    "button",
    "canvas",
    "caption",
    "col",
    "colgroup",
    "dd",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "iframe",
    "li",
    "map",
    "object",
    "ol",
    "output",
    "p",
    "pre",
    "progress",
    "script",
    "section",
    "style",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "video",
];

fn is_block(t: &Tok) -> bool {
    match t {
        Tok::Start { name, .. } | Tok::End(name) => BLOCK_TAGS.contains(&name.as_str()),
        _ => false,
    }
}

/// Curly quotes, dashes and ellipses as typed.
fn fold_punctuation(s: &str) -> String {
    s.replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201C}', '\u{201D}'], "\"")
        .replace('\u{2014}', "---")
        .replace('\u{2013}', "--")
        .replace('\u{2026}', "...")
}

fn lossy(s: &html5gum::HtmlString) -> String {
    String::from_utf8_lossy(s).into_owned()
}

/// Each run of whitespace as one space.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// HTML as comparable tokens (see the module documentation).
fn tokens(html: &str, fold: bool) -> Vec<Tok> {
    let mut raw: Vec<Tok> = Vec::new();
    for token in Tokenizer::new(html).flatten() {
        let tok = match token {
            Token::StartTag(t) => Tok::Start {
                name: lossy(&t.name),
                attrs: t
                    .attributes
                    .iter()
                    .map(|(k, v)| (lossy(k), lossy(&v.value)))
                    .collect(),
            },
            Token::EndTag(t) => Tok::End(lossy(&t.name)),
            Token::String(s) => Tok::Text(lossy(&s.value)),
            Token::Comment(c) => Tok::Comment(lossy(&c.value)),
            Token::Doctype(d) => Tok::Doctype(lossy(&d.name)),
            Token::Error(_) => continue,
        };
        // One text token per run of text.
        if let (Tok::Text(new), Some(Tok::Text(last))) = (&tok, raw.last_mut()) {
            last.push_str(new);
            continue;
        }
        raw.push(tok);
    }
    let mut out: Vec<Tok> = Vec::with_capacity(raw.len());
    let mut in_pre = 0usize;
    for (i, tok) in raw.iter().enumerate() {
        match tok {
            Tok::Start { name, .. } if name == "pre" => in_pre += 1,
            Tok::End(name) if name == "pre" => in_pre = in_pre.saturating_sub(1),
            _ => {}
        }
        let Tok::Text(text) = tok else {
            out.push(tok.clone());
            continue;
        };
        let mut text = if fold {
            fold_punctuation(text)
        } else {
            text.clone()
        };
        if in_pre == 0 {
            text = collapse_whitespace(&text);
            if i == 0 || is_block(&raw[i - 1]) {
                text = text.trim_start().to_string();
            }
            if raw.get(i + 1).is_none_or(is_block) {
                text = text.trim_end().to_string();
            }
        }
        if !text.is_empty() {
            out.push(Tok::Text(text));
        }
    }
    out
}

/// Drop from `got` what trellis adds on purpose (points 1 and 3 of the
/// module documentation), looking at the tokens `want` has at the same
/// place. The streams are walked side by side; where they stop lining up,
/// the rest is compared as it is.
fn without_trellis_additions(want: &[Tok], got: &[Tok]) -> Vec<Tok> {
    let mut out = got.to_vec();
    let mut in_citation = false;
    for (w, g) in want.iter().zip(out.iter_mut()) {
        let (
            Tok::Start {
                name: wn,
                attrs: wa,
            },
            Tok::Start {
                name: gn,
                attrs: ga,
            },
        ) = (w, g)
        else {
            if matches!(w, Tok::End(n) if n == "sup") {
                in_citation = false;
            }
            continue;
        };
        if wn != gn {
            continue;
        }
        let class = wa.get("class").map(String::as_str);
        let heading = matches!(gn.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        if heading && !wa.contains_key("id") {
            ga.remove("id");
        }
        if matches!(class, Some("footnote-reference" | "footnote-definition")) {
            ga.remove("id");
            in_citation = class == Some("footnote-reference");
        }
        if in_citation && gn == "a" {
            ga.remove("href");
        }
    }
    out
}

/// Footnote ids and citation links removed from the expected side too.
fn without_footnote_names(toks: &[Tok]) -> Vec<Tok> {
    let mut out = toks.to_vec();
    let mut in_citation = false;
    for t in &mut out {
        match t {
            Tok::Start { name, attrs } => {
                let class = attrs.get("class").cloned();
                if matches!(
                    class.as_deref(),
                    Some("footnote-reference" | "footnote-definition")
                ) {
                    attrs.remove("id");
                    in_citation = class.as_deref() == Some("footnote-reference");
                } else if in_citation && name == "a" {
                    attrs.remove("href");
                }
            }
            Tok::End(name) if name == "sup" => in_citation = false,
            _ => {}
        }
    }
    out
}

fn compare(example: &Example) -> Result<(), String> {
    let fold = example.file != "CommonMark/smart_punct.txt";
    let got_html = render(&example.markdown);
    let want = without_footnote_names(&tokens(&example.html, fold));
    let got = without_trellis_additions(&want, &tokens(&got_html, fold));
    if want == got {
        Ok(())
    } else {
        Err(format!(
            "{} example {} (line {}):\n--- markdown\n{}--- expected\n{}--- got\n{}",
            example.file, example.number, example.line, example.markdown, example.html, got_html
        ))
    }
}

#[test]
fn commonmark_examples_render_as_the_spec_says() {
    let mut failures = Vec::new();
    let mut now_passing = Vec::new();
    let mut total = 0;
    for file in FILES {
        for example in examples(file) {
            total += 1;
            let known = KNOWN_DIFFERENCES
                .iter()
                .find(|(f, n, _)| *f == example.file && *n == example.number);
            match (compare(&example), known) {
                (Ok(()), None) | (Err(_), Some(_)) => {}
                (Err(e), None) => failures.push(e),
                (Ok(()), Some((f, n, _))) => now_passing.push(format!("{f} example {n}")),
            }
        }
    }
    assert_eq!(
        examples(FILES[0]).len(),
        652,
        "CommonMark 0.31.2 has 652 examples"
    );
    assert!(total > 770, "only {total} examples found");
    assert!(
        now_passing.is_empty(),
        "these examples now match; remove them from KNOWN_DIFFERENCES: {now_passing:?}"
    );
    assert!(
        failures.is_empty(),
        "{} of {total} examples differ:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The comparison is loose only where the module documentation says.
#[test]
fn the_comparison_still_sees_real_differences() {
    let same = |want: &str, got: &str| {
        let want = without_footnote_names(&tokens(want, true));
        without_trellis_additions(&want, &tokens(got, true)) == want
    };
    // What it forgives.
    assert!(same("<p>a  b</p>\n<hr />", "<p>a b</p><hr>"));
    assert!(same("<h2>Hi</h2>", "<h2 id=\"hi\">Hi</h2>"));
    assert!(same(
        "<p>\"a\" -- b...</p>",
        "<p>\u{201C}a\u{201D} \u{2013} b\u{2026}</p>"
    ));
    assert!(same(
        "<p>x<sup class=\"footnote-reference\"><a href=\"#a\">1</a></sup></p>",
        "<p>x<sup class=\"footnote-reference\" id=\"fnref-a\"><a href=\"#fn-a\">1</a></sup></p>"
    ));
    // What it does not.
    assert!(!same("<p><em>a</em></p>", "<p>a</p>"));
    assert!(!same("<p>a b</p>", "<p>ab</p>"));
    assert!(!same(
        "<pre><code>a  b</code></pre>",
        "<pre><code>a b</code></pre>"
    ));
    assert!(!same("<h1 id=\"x\">A</h1>", "<h1 id=\"y\">A</h1>"));
    assert!(!same(
        "<p><a href=\"/u\">a</a></p>",
        "<p><a href=\"/v\">a</a></p>"
    ));
    assert!(!same(
        "<p>x<sup class=\"footnote-reference\"><a href=\"#a\">1</a></sup></p>",
        "<p>x<sup class=\"footnote-reference\" id=\"fnref-a\"><a href=\"#fn-a\">2</a></sup></p>"
    ));
}
