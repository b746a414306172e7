//! Front matter: splits a page into its metadata and its Markdown body.
//!
//! TOML between `+++` lines or YAML between `---` lines, both deserialised
//! strictly into one [`FrontMatter`] (unknown fields and wrong types are
//! errors with the file's own line and column). Pure: text in, values out.

use serde::Deserialize;

use crate::config::toml_diagnostic;
use crate::diagnostics::{Diagnostic, Location, closest};

/// The fields a page may set, for "did you mean" hints.
pub const FIELDS: &[&str] = &[
    "title",
    "summary",
    "weight",
    "step",
    "slug",
    "draft",
    "worksheet",
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
    pub extra: Option<serde_json::Value>,
}

/// A page split into front matter and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed<'a> {
    pub front_matter: FrontMatter,
    /// The raw front matter text (between the fences), for locating keys.
    pub front_matter_text: &'a str,
    /// 1-based line of the first front matter line in the file.
    pub front_matter_line: usize,
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

impl Parsed<'_> {
    /// Where `key = …` is written, or the whole file when it is not.
    pub fn key_location(&self, file: &str, file_text: &str, key: &str) -> Location {
        for (line, l) in (self.front_matter_line..).zip(self.front_matter_text.lines()) {
            let t = l.trim_start();
            if t.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(['=', ':']))
            {
                let col = l.len() - t.len() + 1;
                return Location::at_line(file, file_text, line, col, l.trim().chars().count());
            }
        }
        let _ = file_text;
        Location::file(file)
    }
}

/// Split and parse `text` (already normalised to LF by the loader).
pub fn parse<'a>(file: &str, text: &'a str) -> Result<Parsed<'a>, Diagnostic> {
    let fence = if text.starts_with("+++") {
        "+++"
    } else if text.starts_with("---") {
        "---"
    } else {
        return Ok(Parsed {
            front_matter: FrontMatter::default(),
            front_matter_text: "",
            front_matter_line: 1,
            body: text,
            body_offset: 0,
        });
    };
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != fence {
        return Err(Diagnostic::error(
            "E002",
            format!("the opening `{fence}` must be alone on its line"),
        )
        .at(Location::at_line(file, text, 1, 1, first_line_end.max(1)))
        .hint(format!("put the front matter on the lines after `{fence}`")));
    }
    let start = (first_line_end + 1).min(text.len());
    // The closing fence: a line that is exactly the fence.
    let mut pos = start;
    let mut close = None;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == fence {
            close = Some((pos, end));
            break;
        }
        pos = end + 1;
    }
    let Some((close_start, close_end)) = close else {
        return Err(Diagnostic::error(
            "E002",
            format!("front matter opened with `{fence}` is never closed"),
        )
        .at(Location::at_line(file, text, 1, 1, 3))
        .hint(format!(
            "add a line with only `{fence}` after the last front matter line"
        )));
    };
    let fm_text = &text[start..close_start];
    let body_offset = (close_end + 1).min(text.len());
    let front_matter = if fence == "+++" {
        toml::from_str::<FrontMatter>(fm_text)
            .map_err(|e| toml_diagnostic("E003", file, fm_text, 1, &e, FIELDS))?
    } else if fm_text.trim().is_empty() {
        FrontMatter::default()
    } else {
        serde_norway::from_str::<FrontMatter>(fm_text)
            .map_err(|e| yaml_diagnostic(file, text, &e))?
    };
    Ok(Parsed {
        front_matter,
        front_matter_text: fm_text,
        front_matter_line: 2,
        body: &text[body_offset..],
        body_offset,
    })
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
    Diagnostic::error("E003", message)
        .at(Location::at_line(file, text, line, column, 1))
        .maybe_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse("p.md", text).unwrap_err().to_string()
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
    fn key_location_finds_the_line() {
        let text = "+++\ntitle = \"x\"\nworksheet = \"nope\"\n+++\n";
        let p = parse("p.md", text).unwrap();
        let l = p.key_location("p.md", text, "worksheet");
        assert_eq!((l.line, l.column), (3, 1));
    }
}
