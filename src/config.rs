//! Config: reads and validates `guide.toml` into a [`GuideConfig`].
//!
//! The raw file is deserialised strictly (unknown keys and wrong types are
//! errors with file, line and column, and a "did you mean" for typos), then
//! validated into the high-level config the rest of the pipeline uses. This
//! module never reads content or themes.

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Location, closest};

pub const CONFIG_FILE: &str = "guide.toml";

/// Keys `guide.toml` accepts, for "did you mean" hints.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "base_url",
    "description",
    "language",
    "theme",
    "author",
    "partner_labels",
    "safety_page",
    "extra",
];

// Unknown keys are found separately (all of them, not only the first), so
// this struct accepts them; `title` and `base_url` are optional here so a
// file missing both hears about both.
#[derive(Debug, Deserialize)]
struct RawConfig {
    title: Option<String>,
    base_url: Option<String>,
    #[serde(default)]
    description: String,
    language: Option<String>,
    theme: Option<String>,
    #[serde(default)]
    author: String,
    partner_labels: Option<[String; 2]>,
    safety_page: Option<String>,
    #[serde(default)]
    extra: toml::Table,
}

/// The validated guide configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct GuideConfig {
    pub title: String,
    pub base_url: BaseUrl,
    pub description: String,
    pub language: String,
    pub theme: String,
    pub author: String,
    pub partner_labels: [String; 2],
    /// The page about safety and getting help, relative to `content/`
    /// (`safety.md`): themes link it from every page.
    pub safety_page: Option<String>,
    pub extra: serde_json::Value,
}

/// An absolute base URL split into its parts. `url` always ends in `/`;
/// `path` always starts and ends in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    pub url: String,
    pub path: String,
}

impl BaseUrl {
    /// Parse `https://example.org/guide` into url `https://example.org/guide/`
    /// and path `/guide/`.
    pub fn parse(raw: &str) -> Result<BaseUrl, String> {
        let raw = raw.trim();
        let rest = raw
            .strip_prefix("https://")
            .or_else(|| raw.strip_prefix("http://"))
            .ok_or_else(|| format!("base_url `{raw}` must start with `https://` or `http://`"))?;
        if rest.is_empty() || rest.starts_with('/') {
            return Err(format!("base_url `{raw}` has no host name"));
        }
        if rest.contains("//") {
            return Err(format!("base_url `{raw}` has an empty path segment (`//`)"));
        }
        if rest.contains(['?', '#', ' ', '"', '<', '>', '\\']) {
            return Err(format!(
                "base_url `{raw}` may not contain a query, fragment, space, quote or backslash"
            ));
        }
        let scheme_len = raw.len() - rest.len();
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        let mut path = path.to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl {
            url: format!("{}{}{}", &raw[..scheme_len], host, path),
            path,
        })
    }
}

/// Parse `guide.toml`'s text. `file` is the name used in diagnostics.
pub fn parse_config(file: &str, text: &str) -> Result<GuideConfig, Diagnostics> {
    let mut diags = Diagnostics::new();
    // Syntax first: without a table there is nothing more to check.
    let table: toml::Table = toml::from_str(text)
        .map_err(|e| Diagnostics::from(toml_diagnostic("E001", file, text, 0, &e, KNOWN_KEYS)))?;
    let key_location = |key: &str| {
        let offset = text
            .lines()
            .scan(0, |pos, line| {
                let start = *pos;
                *pos += line.len() + 1;
                Some((start, line))
            })
            .find(|(_, line)| line.trim_start().starts_with(key))
            .map_or(0, |(start, line)| {
                start + (line.len() - line.trim_start().len())
            });
        Location::at_offset(file, text, offset, key.len())
    };
    for key in table.keys().filter(|k| !KNOWN_KEYS.contains(&k.as_str())) {
        let hint = match closest(key, KNOWN_KEYS.iter().copied()) {
            Some(k) => format!("did you mean `{k}`?"),
            None => format!("valid keys are: {}", KNOWN_KEYS.join(", ")),
        };
        diags.push(
            Diagnostic::error("E001", format!("unknown field `{key}`"))
                .at(key_location(key))
                .hint(hint),
        );
    }
    let raw: RawConfig = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            diags.push(toml_diagnostic("E001", file, text, 0, &e, KNOWN_KEYS));
            return Err(diags);
        }
    };
    for (key, value) in [("title", &raw.title), ("base_url", &raw.base_url)] {
        if value.is_none() {
            diags.push(
                Diagnostic::error("E001", format!("missing field `{key}`"))
                    .at(Location::file(file))
                    .hint(match key {
                        "title" => "add the guide's title, e.g. `title = \"Rebuilding Trust\"`",
                        _ => "add the address the site will be published at, e.g. `base_url = \"https://example.org/\"`",
                    }),
            );
        }
    }
    let title = raw.title.clone().unwrap_or_default();
    let base_url = match raw.base_url.as_deref().map(BaseUrl::parse) {
        None => None,
        Some(Ok(b)) => Some(b),
        Some(Err(msg)) => {
            diags.push(
                Diagnostic::error("E001", msg)
                    .at(key_location("base_url"))
                    .hint("write the address the site will be published at, e.g. `https://example.org/guide/`"),
            );
            None
        }
    };
    if raw.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        diags.push(
            Diagnostic::error("E001", "`title` is empty")
                .at(key_location("title"))
                .hint("give the guide a title, e.g. `title = \"Rebuilding Trust\"`"),
        );
    }
    let theme = raw.theme.unwrap_or_else(|| "default".to_string());
    if theme.is_empty()
        || !theme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        diags.push(
            Diagnostic::error("E001", format!("theme name `{theme}` is not a folder name"))
                .at(key_location("theme"))
                .hint("use the name of a folder in `themes/`, letters, digits, `-` and `_` only"),
        );
    }
    let Some(base_url) = base_url else {
        return Err(diags);
    };
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(GuideConfig {
        title,
        base_url,
        description: raw.description,
        language: raw.language.unwrap_or_else(|| "en".to_string()),
        theme,
        author: raw.author,
        partner_labels: raw
            .partner_labels
            .unwrap_or_else(|| ["Partner A".to_string(), "Partner B".to_string()]),
        safety_page: raw.safety_page,
        extra: toml_table_to_json(raw.extra),
    })
}

/// A stand-in config for a `guide.toml` with errors, so the content can still
/// be checked. Keeps the theme name when it can be read.
pub fn fallback_config(text: &str) -> GuideConfig {
    let table: toml::Table = toml::from_str(text).unwrap_or_default();
    let theme = table
        .get("theme")
        .and_then(|t| t.as_str())
        .filter(|t| {
            !t.is_empty()
                && t.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        .unwrap_or("default")
        .to_string();
    GuideConfig {
        title: "Untitled guide".to_string(),
        base_url: BaseUrl {
            url: "https://example.org/".to_string(),
            path: "/".to_string(),
        },
        description: String::new(),
        language: "en".to_string(),
        theme,
        author: String::new(),
        partner_labels: ["Partner A".to_string(), "Partner B".to_string()],
        safety_page: None,
        extra: serde_json::Value::Object(Default::default()),
    }
}

/// TOML values as JSON values, for templates. Dates become strings.
pub fn toml_table_to_json(table: toml::Table) -> serde_json::Value {
    fn convert(v: toml::Value) -> serde_json::Value {
        match v {
            toml::Value::String(s) => serde_json::Value::String(s),
            toml::Value::Integer(i) => serde_json::Value::from(i),
            toml::Value::Float(f) => serde_json::Value::from(f),
            toml::Value::Boolean(b) => serde_json::Value::Bool(b),
            toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
            toml::Value::Array(a) => serde_json::Value::Array(a.into_iter().map(convert).collect()),
            toml::Value::Table(t) => {
                serde_json::Value::Object(t.into_iter().map(|(k, v)| (k, convert(v))).collect())
            }
        }
    }
    convert(toml::Value::Table(table))
}

/// Turn a TOML error into a diagnostic. `line_offset` is the number of lines
/// before `text` in the real file (front matter starts after `+++`).
pub fn toml_diagnostic(
    code: &'static str,
    file: &str,
    text: &str,
    line_offset: usize,
    err: &toml::de::Error,
    known_keys: &[&str],
) -> Diagnostic {
    let message = err.message().trim().to_string();
    let (mut location, _) = match err.span() {
        Some(span) => (
            Location::at_offset(file, text, span.start, span.end - span.start),
            (),
        ),
        None => (Location::at_line(file, text, 1, 1, 1), ()),
    };
    location.line += line_offset;
    let hint = unknown_field_name(&message).map(|field| {
        match closest(field, known_keys.iter().copied()) {
            Some(k) => format!("did you mean `{k}`?"),
            None => format!("valid keys are: {}", known_keys.join(", ")),
        }
    });
    let hint = hint.or_else(|| {
        message
            .starts_with("missing field")
            .then(|| "add the missing key".to_string())
    });
    Diagnostic::error(code, first_sentence(&message))
        .at(location)
        .maybe_hint(hint)
}

/// `unknown field `titel`, expected one of …` → `titel`.
pub fn unknown_field_name(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split('`').next()
}

/// Serde's messages list every expected key; the hint says it better.
fn first_sentence(message: &str) -> String {
    match message.find(", expected") {
        Some(i) if message.starts_with("unknown field") => message[..i].to_string(),
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_err(text: &str, expected: &str) {
        let diags = parse_config("guide.toml", text).expect_err("config should be rejected");
        let all: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert!(
            all.iter().any(|d| d.contains(expected)),
            "expected `{expected}` in {all:#?}"
        );
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse_config(
            "guide.toml",
            "title = \"T\"\nbase_url = \"https://e.org\"\n",
        )
        .unwrap();
        assert_eq!(c.language, "en");
        assert_eq!(c.theme, "default");
        assert_eq!(c.base_url.url, "https://e.org/");
        assert_eq!(c.base_url.path, "/");
        assert_eq!(c.partner_labels[1], "Partner B");
    }

    #[test]
    fn base_url_with_double_slash_is_refused() {
        assert!(BaseUrl::parse("https://example.org//guide").is_err());
        assert!(BaseUrl::parse("https://example.org/guide//").is_err());
    }

    #[test]
    fn base_url_path_is_kept() {
        let b = BaseUrl::parse("https://example.org/guide").unwrap();
        assert_eq!(
            (b.url.as_str(), b.path.as_str()),
            ("https://example.org/guide/", "/guide/")
        );
    }

    #[test]
    fn unknown_key_names_line_and_suggests() {
        check_err(
            "title = \"T\"\nbase_url = \"https://e.org/\"\ndescripton = \"x\"\n",
            "guide.toml:3:1: error[E001]: unknown field `descripton` (help: did you mean `description`?)",
        );
    }

    #[test]
    fn wrong_type_is_located() {
        check_err(
            "title = 3\nbase_url = \"https://e.org/\"\n",
            "guide.toml:1:9: error[E001]",
        );
    }

    #[test]
    fn bad_base_url_is_an_error() {
        check_err(
            "title = \"T\"\nbase_url = \"example.org\"\n",
            "guide.toml:2:1: error[E001]: base_url `example.org` must start",
        );
    }

    #[test]
    fn missing_title_is_an_error() {
        check_err("base_url = \"https://e.org/\"\n", "missing field `title`");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let diags = parse_config("guide.toml", "langauge = \"en\"\nthem = \"x\"\n").unwrap_err();
        let all: Vec<String> = diags.iter().map(|d| d.message.clone()).collect();
        assert_eq!(
            all,
            [
                "unknown field `langauge`",
                "unknown field `them`",
                "missing field `title`",
                "missing field `base_url`"
            ]
        );
        let diags = parse_config(
            "guide.toml",
            "title = \"T\"\nbase_url = \"ftp://x\"\nautor = \"me\"\n",
        )
        .unwrap_err();
        assert_eq!(diags.error_count(), 2);
    }
}
