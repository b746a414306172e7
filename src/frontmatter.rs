//! Front matter: splits a page into its metadata and its Markdown body.
//!
//! TOML between `+++` lines or YAML between `---` lines, both deserialised
//! strictly into one [`FrontMatter`] (unknown fields and wrong types are
//! errors with the file's own line and column). Where each key is written
//! is kept ([`Parsed::keys`]) so later stages can point at `slug = …` or
//! `worksheet = …`: from the TOML parser's spans, and for YAML (whose parser
//! exposes no spans) from the top-level keys of its block mapping. Nesting
//! deeper than [`MAX_NESTING`](crate::config::MAX_NESTING) is refused before a parser sees it. Pure:
//! text in, values out.

use std::ops::Range;

use serde::Deserialize;

use crate::config::{MAX_NESTING, toml_diagnostic, too_deep};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, closest};

/// The fields a page may set, for "did you mean" hints.
pub(crate) const FIELDS: &[&str] = &[
    "title",
    "summary",
    "weight",
    "step",
    "slug",
    "draft",
    "worksheet",
    "private",
    "extra",
];

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub weight: Option<i64>,
    pub step: Option<u32>,
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    pub worksheet: Option<String>,
    /// A worksheet written alone: the page warns about shared devices.
    #[serde(default)]
    pub private: bool,
    pub extra: Option<serde_json::Value>,
}

/// A page split into front matter and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed<'a> {
    pub front_matter: FrontMatter,
    /// Each top-level key and the byte range of `key = value` in the file.
    pub keys: Vec<(String, Range<usize>)>,
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

impl Parsed<'_> {
    /// Where `key = …` is written, or the whole file when it is not.
    pub fn key_location(&self, file: &str, file_text: &str, key: &str) -> Location {
        Location::of_key(&self.keys, file, file_text, key)
    }
}

/// Split and parse `text` (already normalised to LF by the loader). Every
/// unknown field is reported at once; otherwise the first problem.
pub fn parse<'a>(file: &str, text: &'a str) -> Result<Parsed<'a>, Diagnostics> {
    // Blank lines before front matter (Zola takes them) are passed over
    // when what follows is surely front matter; an indented fence there is
    // named, not shown as text.
    let lead = match late_fence(text) {
        Some((at, fence)) if text[at..].starts_with(fence) => at,
        Some((at, fence)) => {
            let line = text[..at].matches('\n').count() + 1;
            return Err(Diagnostic::new(
                Code::FrontMatterFence,
                format!("front matter must start at the beginning of a line, but `{fence}` on line {line} is indented"),
            )
            .at(Location::at_line(file, text, line, 1, fence.len()))
            .hint(format!("remove the spaces before `{fence}`; as it is, the front matter would be shown as text"))
            .into());
        }
        None => 0,
    };
    let head = &text[lead..];
    let fence = if head.starts_with("+++") {
        "+++"
    } else if head.starts_with("---") {
        "---"
    } else {
        return Ok(Parsed {
            front_matter: FrontMatter::default(),
            keys: Vec::new(),
            body: text,
            body_offset: 0,
        });
    };
    let fence_line = text[..lead].matches('\n').count() + 1;
    let first_line_end = lead + head.find('\n').unwrap_or(head.len());
    if text[lead..first_line_end].trim_end() != fence {
        return Err(Diagnostic::new(
            Code::FrontMatterFence,
            format!("the opening `{fence}` must be alone on its line"),
        )
        .at(Location::at_line(
            file,
            text,
            fence_line,
            1,
            (first_line_end - lead).max(1),
        ))
        .hint(format!("put the front matter on the lines after `{fence}`"))
        .into());
    }
    let start = (first_line_end + 1).min(text.len());
    // The closing fence: a line that is exactly the fence; for YAML also
    // `...`, YAML's own end of a document, which Pandoc and Jekyll accept
    // (read on past it, the body would be taken for YAML up to the next
    // `---` rule).
    let mut pos = start;
    let mut close = None;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == fence || (fence == "---" && line == "...") {
            close = Some((pos, end));
            break;
        }
        pos = end + 1;
    }
    let Some((close_start, close_end)) = close else {
        return Err(Diagnostic::new(
            Code::FrontMatterFence,
            format!("front matter opened with `{fence}` is never closed"),
        )
        .at(Location::at_line(file, text, fence_line, 1, 3))
        .hint(format!(
            "add a line with only `{fence}` after the last front matter line"
        ))
        .into());
    };
    let fm_text = &text[start..close_start];
    let body_offset = (close_end + 1).min(text.len());
    let is_toml = fence == "+++";
    if let Some(at) = too_deep(fm_text, is_toml) {
        return Err(Diagnostic::new(
            Code::FrontMatter,
            format!("front matter is nested more than {MAX_NESTING} levels deep"),
        )
        .at(Location::at_offset(file, text, start + at, 1))
        .hint("flatten the front matter: pages need only a few plain keys")
        .into());
    }
    let (mut front_matter, keys) = if is_toml {
        parse_toml(file, text, start, fm_text)?
    } else if fm_text.trim().is_empty() {
        (FrontMatter::default(), Vec::new())
    } else {
        let keys = yaml_keys(fm_text, start);
        unknown_fields(file, text, &keys)?;
        let fm = serde_norway::from_str::<FrontMatter>(fm_text)
            .map_err(|e| yaml_diagnostic(file, text, &e))?;
        (fm, keys)
    };
    // A NUL (TOML's `\u0000`) is made U+FFFD, as the body's are: HTML may
    // not carry one.
    for field in [&mut front_matter.title, &mut front_matter.summary]
        .into_iter()
        .flatten()
    {
        if field.contains('\0') {
            *field = field.replace('\0', "\u{FFFD}");
        }
    }
    Ok(Parsed {
        front_matter,
        keys,
        body: &text[body_offset..],
        body_offset,
    })
}

/// Where front matter after blank lines starts, and its fence: when the
/// first line with anything on it is a fence, a `key = …` (TOML) or
/// `key: …` (YAML) line follows (`---` is also a thematic break), and the
/// same fence closes it further down. That is what the author meant.
fn late_fence(text: &str) -> Option<(usize, &'static str)> {
    let blank = text.len() - text.trim_start_matches(['\n', ' ', '\t']).len();
    // Back to the start of the line the first text is on.
    let line_start = text[..blank].rfind('\n').map_or(0, |i| i + 1);
    if line_start == 0 {
        return None;
    }
    let rest = &text[line_start..];
    let first = rest.lines().next()?.trim();
    let fence = ["+++", "---"].into_iter().find(|f| first == *f)?;
    let key_line = rest.lines().nth(1)?;
    let (key, _) = key_line.split_once(if fence == "+++" { '=' } else { ':' })?;
    let key = key.trim();
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    {
        return None;
    }
    rest.lines().skip(2).find(|l| l.trim_end() == fence)?;
    Some((line_start, fence))
}

type Keys = Vec<(String, Range<usize>)>;

/// Fields other tools' pages carry, and where they go here.
const OTHER_TOOLS_FIELDS: &[(&str, &str)] = &[
    ("description", "trellis calls it `summary`"),
    ("excerpt", "trellis calls it `summary`"),
    ("linktitle", "trellis uses `title` everywhere"),
    ("nav_order", "trellis calls it `weight`"),
    ("sidebar_position", "trellis calls it `weight`"),
    ("order", "trellis calls it `weight`"),
    ("url", "trellis calls it `slug` (the last part of the URL)"),
    (
        "permalink",
        "trellis calls it `slug` (the last part of the URL)",
    ),
    (
        "published",
        "trellis has `draft = true` for a page left out",
    ),
];

/// Every top-level key that is not a field, each an error at its line,
/// all at once (a page imported from another tool often has several).
fn unknown_fields(file: &str, text: &str, keys: &Keys) -> Result<(), Diagnostics> {
    let mut diags = Diagnostics::new();
    // In the order written (a TOML table's keys come sorted).
    let mut keys: Vec<&(String, Range<usize>)> = keys.iter().collect();
    keys.sort_by_key(|(_, range)| range.start);
    for (key, range) in keys {
        if FIELDS.contains(&key.as_str()) {
            continue;
        }
        let known = OTHER_TOOLS_FIELDS
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, what)| format!("{what}; or move it under `extra` for templates"));
        let hint = known.unwrap_or_else(|| match closest(key, FIELDS.iter().copied()) {
            Some(k) => format!("did you mean `{k}`?"),
            None => format!(
                "valid fields are: {}; move anything else under `extra` (templates read it as `page.extra.{key}`)",
                FIELDS.join(", ")
            ),
        });
        diags.push(
            Diagnostic::new(Code::FrontMatter, format!("unknown field `{key}`"))
                .at(Location::at_offset(
                    file,
                    text,
                    range.start,
                    key.len().max(1),
                ))
                .hint(hint),
        );
    }
    if diags.is_empty() { Ok(()) } else { Err(diags) }
}

fn parse_toml(
    file: &str,
    text: &str,
    start: usize,
    fm_text: &str,
) -> Result<(FrontMatter, Keys), Diagnostics> {
    let error =
        |e: &toml::de::Error| toml_diagnostic(Code::FrontMatter, file, text, start, e, FIELDS);
    let table = toml::de::DeTable::parse(fm_text).map_err(|e| error(&e))?;
    let keys = table
        .get_ref()
        .iter()
        .map(|(k, v)| {
            let name: &str = k.get_ref();
            (
                name.to_string(),
                start + k.span().start..start + v.span().end,
            )
        })
        .collect();
    unknown_fields(file, text, &keys)?;
    let fm =
        FrontMatter::deserialize(toml::de::Deserializer::from(table)).map_err(|e| error(&e))?;
    Ok((fm, keys))
}

/// The keys of a YAML block mapping at the top level: lines that start
/// (unindented) with a plain or quoted key followed by `:`.
fn yaml_keys(fm_text: &str, start: usize) -> Keys {
    let mut keys = Vec::new();
    let mut offset = start;
    for line in fm_text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        offset += line.len();
        let line_start = offset - line.len();
        if content.starts_with([' ', '\t', '#', '-']) || content.is_empty() {
            continue;
        }
        let key = if let Some(quote) = content.chars().next().filter(|c| *c == '"' || *c == '\'') {
            content[1..]
                .find(quote)
                .filter(|&i| content[1 + i + 1..].trim_start().starts_with(':'))
                .map(|i| &content[1..1 + i])
        } else {
            content
                .find(':')
                .filter(|&i| {
                    content[i + 1..].is_empty() || content[i + 1..].starts_with([' ', '\t'])
                })
                .map(|i| content[..i].trim_end())
        };
        if let Some(key) = key {
            keys.push((key.to_string(), line_start..line_start + content.len()));
        }
    }
    keys
}

fn yaml_diagnostic(file: &str, text: &str, e: &serde_norway::Error) -> Diagnostic {
    let message = e.to_string();
    // serde_norway appends " at line L column C" to the message.
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    let (line, column) = e.location().map_or((2, 1), |l| (l.line() + 1, l.column()));
    let hint = crate::config::unknown_field_name(&message).map(|field| {
        match closest(field, FIELDS.iter().copied()) {
            Some(k) => format!("did you mean `{k}`?"),
            None => format!("valid fields are: {}", FIELDS.join(", ")),
        }
    });
    let message = match message.find(", expected") {
        Some(i) if message.starts_with("unknown field") => message[..i].to_string(),
        _ => message,
    };
    Diagnostic::new(Code::FrontMatter, message)
        .at(Location::at_line(file, text, line, column, 1))
        .maybe_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        let all = parse("p.md", text).unwrap_err();
        assert_eq!(all.iter().count(), 1, "one problem expected: {all:?}");
        all.iter().next().unwrap().to_string()
    }

    #[test]
    fn yaml_front_matter_may_end_with_three_dots() {
        let p = parse(
            "p.md",
            "---\ntitle: Notes\n...\n\n# Introduction\n\n---\n\nMore.\n",
        )
        .unwrap();
        assert_eq!(p.front_matter.title.as_deref(), Some("Notes"));
        assert_eq!(p.body, "\n# Introduction\n\n---\n\nMore.\n");
        // Not for TOML, whose fence is its own.
        assert!(parse("p.md", "+++\ntitle = \"T\"\n...\n").is_err());
    }

    #[test]
    fn a_nul_in_a_title_is_made_a_replacement_character() {
        let p = parse(
            "p.md",
            "+++\ntitle = \"n\\u0000ul\"\nsummary = \"\\u0000\"\n+++\n",
        )
        .unwrap();
        assert_eq!(p.front_matter.title.as_deref(), Some("n\u{FFFD}ul"));
        assert_eq!(p.front_matter.summary.as_deref(), Some("\u{FFFD}"));
    }

    #[test]
    fn every_unknown_field_is_reported_at_once_in_the_order_written() {
        for text in [
            "+++\ntitle = \"I\"\nzeta = 1\ndescription = \"d\"\ndate = 2024-01-01\n+++\n",
            "---\ntitle: I\nzeta: 1\ndescription: d\ndate: 2024-01-01\n---\n",
        ] {
            let all = parse("p.md", text).unwrap_err();
            let found: Vec<(String, usize, Option<String>)> = all
                .iter()
                .map(|d| {
                    (
                        d.message.clone(),
                        d.location.as_ref().map_or(0, |l| l.line),
                        d.hint.clone(),
                    )
                })
                .collect();
            assert_eq!(found.len(), 3, "{found:?}");
            assert_eq!(found[0].0, "unknown field `zeta`");
            assert_eq!(found[1].0, "unknown field `description`");
            assert_eq!(found[2].0, "unknown field `date`");
            assert_eq!(
                found.iter().map(|f| f.1).collect::<Vec<_>>(),
                vec![3, 4, 5],
                "{found:?}"
            );
            assert!(
                found[1].2.as_deref().unwrap().contains("`summary`"),
                "{found:?}"
            );
            assert!(
                found[2].2.as_deref().unwrap().contains("page.extra.date"),
                "{found:?}"
            );
        }
    }

    #[test]
    fn toml_front_matter() {
        let p = parse("p.md", "+++\ntitle = \"Hi\"\nweight = 2\n+++\nBody\n").unwrap();
        assert_eq!(p.front_matter.title.as_deref(), Some("Hi"));
        assert_eq!(p.front_matter.weight, Some(2));
        assert_eq!(p.body, "Body\n");
        assert_eq!(p.body_offset, 32);
    }

    #[test]
    fn yaml_front_matter() {
        let p = parse("p.md", "---\ntitle: Hi\ndraft: true\n---\nBody").unwrap();
        assert_eq!(p.front_matter.title.as_deref(), Some("Hi"));
        assert!(p.front_matter.draft);
        assert_eq!(p.body, "Body");
    }

    #[test]
    fn no_front_matter() {
        let p = parse("p.md", "# Title\n").unwrap();
        assert_eq!(p.front_matter, FrontMatter::default());
        assert_eq!(p.body, "# Title\n");
    }

    #[test]
    fn front_matter_after_blank_lines_is_read_as_zola_reads_it() {
        for text in [
            "\n+++\ntitle = \"Late\"\n+++\nBody\n",
            "\n  \n---\ntitle: Late\n---\nBody\n",
        ] {
            let p = parse("p.md", text).unwrap();
            assert_eq!(p.front_matter.title.as_deref(), Some("Late"), "{text:?}");
            assert_eq!(p.body, "Body\n");
            assert_eq!(&text[p.body_offset..], "Body\n");
        }
        // Its lines are the file's: an unknown field two lines down is on
        // line 4.
        assert!(err("\n\n+++\nsumary = \"s\"\n+++\n").starts_with("p.md:4:1: error[E003]"));
        // An indented fence is named, not shown as text.
        assert!(err("\n  +++\ntitle = \"Late\"\n+++\n").starts_with(
            "p.md:2:1: error[E002]: front matter must start at the beginning of a line"
        ));
        // A thematic break and a heading, not front matter: valid Markdown.
        for text in ["\n---\nSome text\n---\n", "\n---\n\n# Title\n", "\n+++\n"] {
            let p = parse("p.md", text).unwrap();
            assert_eq!(p.body, text);
        }
    }

    #[test]
    fn unterminated() {
        assert_eq!(
            err("+++\ntitle = \"x\"\nBody\n"),
            "p.md:1:1: error[E002]: front matter opened with `+++` is never closed (help: add a line with only `+++` after the last front matter line)"
        );
    }

    #[test]
    fn unknown_toml_field_has_file_line() {
        assert_eq!(
            err("+++\ntitle = \"x\"\nsumary = \"y\"\n+++\n"),
            "p.md:3:1: error[E003]: unknown field `sumary` (help: did you mean `summary`?)"
        );
    }

    #[test]
    fn wrong_toml_type() {
        assert!(
            err("+++\nweight = \"heavy\"\n+++\n")
                .starts_with("p.md:2:10: error[E003]: invalid type")
        );
    }

    #[test]
    fn unknown_yaml_field_has_file_line() {
        assert_eq!(
            err("---\ntitle: x\nwieght: 3\n---\n"),
            "p.md:3:1: error[E003]: unknown field `wieght` (help: did you mean `weight`?)"
        );
    }

    #[test]
    fn wrong_yaml_type() {
        assert!(
            err("---\nstep: many\n---\n").starts_with("p.md:2:7: error[E003]: step: invalid type"),
            "{}",
            err("---\nstep: many\n---\n")
        );
    }

    #[test]
    fn key_location_comes_from_the_parser() {
        let text = "+++\ntitle = \"x\"\nworksheet = \"nope\"\n+++\n";
        let p = parse("p.md", text).unwrap();
        let l = p.key_location("p.md", text, "worksheet");
        assert_eq!((l.line, l.column, l.length), (3, 1, 18));
        // A key that only starts like another is not that key.
        let text = "+++\ntitle = \"x\"\n[extra]\nslug_old = 1\n+++\n";
        let p = parse("p.md", text).unwrap();
        assert_eq!(p.key_location("p.md", text, "slug").line, 0);
        let text = "---\nstep_note: 1\nstep: 2\n---\n";
        assert!(parse("p.md", text).is_err());
        let text = "---\n# note\ntitle: \"x: y\"\n'slug': a\nextra:\n  step: 1\n---\n";
        let p = parse("p.md", text).unwrap();
        assert_eq!(p.key_location("p.md", text, "slug").line, 4);
        assert_eq!(p.key_location("p.md", text, "step").line, 0);
    }

    #[test]
    fn deep_yaml_is_refused_at_once() {
        let deep = format!(
            "---\ntitle: x\nextra: {}{}\n---\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        // Refused by the pre-scan, before serde_norway (whose own depth
        // error came after 13-42 s on this input).
        let e = err(&deep);
        assert!(e.starts_with("p.md:3:"), "{e}");
        assert!(e.contains("nested more than 64 levels"), "{e}");
        let indented: String = (0..200).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
        assert!(err(&format!("---\nextra:\n{indented}---\n")).contains("nested more than"));
        let dashes = format!("---\nextra:\n{}x\n---\n", "- ".repeat(100));
        assert!(err(&dashes).contains("nested more than"));
        // Brackets inside strings and comments do not count.
        let quoted = format!(
            "---\ntitle: \"{}\"\nsummary: x # {}\n---\n",
            "[".repeat(100),
            "{".repeat(100)
        );
        assert!(parse("p.md", &quoted).is_ok());
        let toml = format!("+++\n[extra]\n{} = 1\n+++\n", vec!["a"; 100].join("."));
        assert!(err(&toml).contains("nested more than"));
    }
}
