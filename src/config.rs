//! Config: reads and validates `guide.toml` into a [`GuideConfig`].
//!
//! The raw file is deserialised strictly (unknown keys and wrong types are
//! errors with file, line and column, and a "did you mean" for typos), then
//! validated into the high-level config the rest of the pipeline uses. This
//! module never reads content or themes.

use std::ops::Range;

use serde::Deserialize;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, closest};

pub(crate) const CONFIG_FILE: &str = "guide.toml";

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
    "quick_exit_url",
    "pdf",
    "languages",
    "messages",
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
    #[serde(default, deserialize_with = "two_labels")]
    partner_labels: Option<[String; 2]>,
    safety_page: Option<String>,
    quick_exit_url: Option<String>,
    #[serde(default)]
    pdf: bool,
    #[serde(default)]
    languages: std::collections::BTreeMap<String, RawLanguage>,
    #[serde(default)]
    messages: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    extra: toml::Table,
}

/// `[languages.xx]`: what differs in one of the guide's other languages.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    title: Option<String>,
    description: Option<String>,
    #[serde(default, deserialize_with = "two_labels")]
    partner_labels: Option<[String; 2]>,
    quick_exit_url: Option<String>,
    #[serde(default)]
    messages: std::collections::BTreeMap<String, String>,
}

/// `partner_labels`: exactly two, one for each partner (a fixed-size
/// array alone let a third pass unseen).
fn two_labels<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<[String; 2]>, D::Error> {
    let labels: Vec<String> = Vec::deserialize(d)?;
    let found = labels.len();
    <[String; 2]>::try_from(labels).map(Some).map_err(|_| {
        serde::de::Error::custom(format!(
            "`partner_labels` needs two labels, one for each partner; found {found}"
        ))
    })
}

/// The deepest nesting `guide.toml` and front matter may have. Real ones
/// are two or three levels deep; the YAML parser spends seconds on a few hundred
/// thousand levels before refusing them, so they are refused first.
pub(crate) const MAX_NESTING: usize = 64;

/// The validated guide configuration.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GuideConfig {
    pub title: String,
    pub base_url: BaseUrl,
    pub description: String,
    /// The language of the pages being built: the guide's own language
    /// (`language`), or one of `languages` once the config is made
    /// [for that language](GuideConfig::for_language).
    pub language: String,
    /// Where that language's pages go below the base URL: `""` for the
    /// guide's own language, `"es/"` for another.
    pub language_path: String,
    /// Every language the guide is published in, its own first.
    pub languages: Vec<LanguageConfig>,
    pub theme: String,
    pub author: String,
    /// Column labels for partners; `None` takes them from the messages.
    pub partner_labels: Option<[String; 2]>,
    /// The page about safety and getting help, relative to `content/`
    /// (`safety.md`): themes link it from every page.
    pub safety_page: Option<String>,
    /// Where "Leave this site" goes: a neutral page on another site.
    pub quick_exit_url: String,
    /// Whether `trellis build` also prints every worksheet and the workbook
    /// to PDF (`pdf = true`, or `--pdf`), and pages link those files.
    pub pdf: bool,
    pub extra: serde_json::Value,
    /// Each top-level key of `guide.toml` and the byte range of
    /// `key = value`, from the parser, for pointing at a key later.
    pub keys: Vec<(String, Range<usize>)>,
}

/// One language the guide is published in.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LanguageConfig {
    /// A BCP 47 tag: `es`, `pt-BR`.
    pub code: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub partner_labels: Option<[String; 2]>,
    pub quick_exit_url: Option<String>,
    /// `[messages]` or `[languages.xx.messages]`: `(key, Fluent text)`.
    pub messages: Vec<(String, String)>,
}

impl GuideConfig {
    /// Whether the guide is published in more than one language.
    pub(crate) fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }

    /// The config of the guide's pages in `code`, one of its languages:
    /// that language's title, description, labels and quick exit, and its
    /// pages under `/code/`.
    pub(crate) fn for_language(&self, code: &str) -> GuideConfig {
        let mut config = self.clone();
        let Some(lang) = self.languages.iter().find(|l| l.code == code) else {
            return config;
        };
        config.language = code.to_string();
        config.language_path = if code == self.languages[0].code {
            String::new()
        } else {
            format!("{code}/")
        };
        if let Some(t) = &lang.title {
            config.title = t.clone();
        }
        if let Some(d) = &lang.description {
            config.description = d.clone();
        }
        if lang.partner_labels.is_some() {
            config.partner_labels = lang.partner_labels.clone();
        }
        if let Some(q) = &lang.quick_exit_url {
            config.quick_exit_url = q.clone();
        }
        config
    }
}

/// An absolute base URL split into its parts. `url` always ends in `/`;
/// `path` always starts and ends in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BaseUrl {
    pub url: String,
    pub path: String,
}

impl BaseUrl {
    /// Parse `https://example.org/guide` into url `https://example.org/guide/`
    /// and path `/guide/`, as a browser reads it: a host in another script
    /// becomes Punycode (`https://例え.jp/` is `https://xn--r8jz45g.jp/`),
    /// the path is percent-encoded, `.` and `..` are resolved.
    pub(crate) fn parse(raw: &str) -> Result<BaseUrl, String> {
        let raw = raw.trim();
        let scheme_end = raw.find("://").map_or(0, |i| i + 3);
        let scheme = raw[..scheme_end].to_ascii_lowercase();
        if scheme != "https://" && scheme != "http://" {
            return Err(format!(
                "base_url `{raw}` must start with `https://` or `http://`"
            ));
        }
        let rest = &raw[scheme_end..];
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
        let mut url =
            url::Url::parse(raw).map_err(|e| format!("base_url `{raw}` is not a URL: {e}"))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(format!(
                "base_url `{raw}` has a user name or password, which every page would show"
            ));
        }
        if url.host().is_none() {
            return Err(format!("base_url `{raw}` has no host name"));
        }
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        Ok(BaseUrl {
            path: url.path().to_string(),
            url: url.into(),
        })
    }
}

/// Parse `guide.toml`'s text. `file` is the name used in diagnostics.
pub(crate) fn parse_config(file: &str, text: &str) -> Result<GuideConfig, Diagnostics> {
    let mut diags = Diagnostics::new();
    // Syntax first: without a table there is nothing more to check.
    let table = toml::de::DeTable::parse(text).map_err(|e| {
        Diagnostics::from(toml_diagnostic(Code::Config, file, text, 0, &e, KNOWN_KEYS))
    })?;
    let keys: Vec<(String, Range<usize>)> = table
        .get_ref()
        .iter()
        .map(|(k, v)| {
            let name: &str = k.get_ref();
            (name.to_string(), k.span().start..v.span().end)
        })
        .collect();
    // Errors in a value point at the value.
    let values: Vec<(String, Range<usize>)> = table
        .get_ref()
        .iter()
        .map(|(k, v)| {
            let name: &str = k.get_ref();
            (name.to_string(), v.span())
        })
        .collect();
    let value_location = |key: &str| Location::of_key(&values, file, text, key);
    for (key, span) in keys
        .iter()
        .filter(|(k, _)| !KNOWN_KEYS.contains(&k.as_str()))
    {
        let hint = match closest(key, KNOWN_KEYS.iter().copied()) {
            Some(k) => format!("did you mean `{k}`?"),
            None => format!("valid keys are: {}", KNOWN_KEYS.join(", ")),
        };
        diags.push(
            Diagnostic::new(Code::Config, format!("unknown field `{key}`"))
                .at(Location::at_offset(
                    file,
                    text,
                    span.start,
                    key.chars().count(),
                ))
                .hint(hint),
        );
    }
    if let Some(at) = too_deep(text, true) {
        diags.push(
            Diagnostic::new(
                Code::Config,
                format!(
                    "`guide.toml` is nested more than {} levels deep",
                    MAX_NESTING
                ),
            )
            .at(Location::at_offset(file, text, at, 1))
            .hint("flatten `[extra]`: templates need only a few levels"),
        );
        return Err(diags);
    }
    let raw = match RawConfig::deserialize(toml::de::Deserializer::from(table)) {
        Ok(r) => r,
        Err(e) => {
            diags.push(toml_diagnostic(Code::Config, file, text, 0, &e, KNOWN_KEYS));
            return Err(diags);
        }
    };
    for (key, value) in [("title", &raw.title), ("base_url", &raw.base_url)] {
        if value.is_none() {
            diags.push(
                Diagnostic::new(Code::Config, format!("missing field `{key}`"))
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
                Diagnostic::new(Code::Config, msg)
                    .at(value_location("base_url"))
                    .hint("write the address the site will be published at, e.g. `https://example.org/guide/`"),
            );
            None
        }
    };
    if raw.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        diags.push(
            Diagnostic::new(Code::Config, "`title` is empty")
                .at(value_location("title"))
                .hint("give the guide a title, e.g. `title = \"Rebuilding Trust\"`"),
        );
    }
    let theme = raw.theme.unwrap_or_else(|| "default".to_string());
    if !is_theme_name(&theme) {
        diags.push(
            Diagnostic::new(
                Code::Config,
                format!("theme name `{theme}` is not a folder name"),
            )
            .at(value_location("theme"))
            .hint("use the name of a folder in `themes/`, letters, digits, `-` and `_` only"),
        );
    }
    let quick_exit_url = match raw.quick_exit_url.as_deref() {
        Some(url) if !is_absolute_http_url(url) => {
            diags.push(
                Diagnostic::new(Code::Config, format!("quick_exit_url `{url}` is not an absolute web address"))
                    .at(value_location("quick_exit_url"))
                    .hint("give a page on another site that looks ordinary, e.g. `https://www.wikipedia.org/`"),
            );
            None
        }
        other => other.map(str::to_string),
    };
    let language = raw.language.as_deref().map_or_else(
        || crate::i18n::DEFAULT_LANGUAGE.to_string(),
        crate::i18n::canonical_tag,
    );
    if !crate::i18n::is_language_tag(&language) {
        diags.push(
            Diagnostic::new(
                Code::Config,
                format!("language `{language}` is not a language tag"),
            )
            .at(value_location("language"))
            .hint("use a BCP 47 tag such as `en`, `es`, `ar` or `pt-BR`"),
        );
    }
    let mut languages = vec![LanguageConfig {
        code: language.clone(),
        title: None,
        description: None,
        partner_labels: None,
        quick_exit_url: None,
        messages: raw.messages.into_iter().collect(),
    }];
    for (code, lang) in raw.languages {
        let at = || Location::of_key(&values, file, text, "languages");
        if !crate::i18n::is_language_tag(&code) {
            diags.push(
                Diagnostic::new(
                    Code::Config,
                    format!("`[languages.{code}]`: `{code}` is not a language tag"),
                )
                .at(at())
                .hint("use a BCP 47 tag such as `es`, `ar` or `pt-BR`"),
            );
            continue;
        }
        // In BCP 47's case, as the guide's own language is, so that
        // `[languages.zh-hant]` and `_index.zh-Hant.md` are one language.
        let code = crate::i18n::canonical_tag(&code);
        if code == language {
            diags.push(
                Diagnostic::new(Code::Config, format!("`[languages.{code}]` is the guide's own language"))
                    .at(at())
                    .hint(format!("`language = \"{language}\"` is already published at the root; list only the other languages")),
            );
            continue;
        }
        if let Some(url) = lang.quick_exit_url.as_deref()
            && !is_absolute_http_url(url)
        {
            diags.push(
                Diagnostic::new(Code::Config, format!("`[languages.{code}]`: quick_exit_url `{url}` is not an absolute web address"))
                    .at(at())
                    .hint("give a page on another site that looks ordinary, e.g. `https://www.wikipedia.org/`"),
            );
        }
        languages.push(LanguageConfig {
            code,
            title: lang.title,
            description: lang.description,
            partner_labels: lang.partner_labels,
            quick_exit_url: lang.quick_exit_url,
            messages: lang.messages.into_iter().collect(),
        });
    }
    // In the order guide.toml lists them (the table is read sorted).
    languages[1..].sort_by_key(|l| {
        text.find(&format!("[languages.{}", l.code))
            .unwrap_or(usize::MAX)
    });
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
        language,
        language_path: String::new(),
        languages,
        theme,
        author: raw.author,
        partner_labels: raw.partner_labels,
        safety_page: raw.safety_page,
        quick_exit_url: quick_exit_url.unwrap_or_else(|| DEFAULT_QUICK_EXIT_URL.to_string()),
        pdf: raw.pdf,
        extra: toml_table_to_json(raw.extra),
        keys,
    })
}

/// "Leave this site" goes here unless `quick_exit_url` says otherwise: an
/// ordinary, neutral page that draws no attention on the screen.
pub(crate) const DEFAULT_QUICK_EXIT_URL: &str = "https://www.wikipedia.org/";

fn is_absolute_http_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| {
        !r.is_empty()
            && !r.starts_with('/')
            && !r.contains(|c: char| c.is_whitespace() || c.is_control() || "\"<>\\`".contains(c))
    })
}

fn is_theme_name(theme: &str) -> bool {
    !theme.is_empty()
        && theme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A stand-in config for a `guide.toml` with errors, so the content can still
/// be checked. Keeps the theme name when it can be read.
pub(crate) fn fallback_config(text: &str) -> GuideConfig {
    let table: toml::Table = toml::from_str(text).unwrap_or_default();
    let theme = table
        .get("theme")
        .and_then(|t| t.as_str())
        .filter(|t| is_theme_name(t))
        .unwrap_or("default")
        .to_string();
    GuideConfig {
        title: "Untitled guide".to_string(),
        base_url: BaseUrl {
            url: "https://example.org/".to_string(),
            path: "/".to_string(),
        },
        description: String::new(),
        language: crate::i18n::DEFAULT_LANGUAGE.to_string(),
        language_path: String::new(),
        languages: vec![LanguageConfig {
            code: crate::i18n::DEFAULT_LANGUAGE.to_string(),
            title: None,
            description: None,
            partner_labels: None,
            quick_exit_url: None,
            messages: Vec::new(),
        }],
        theme,
        author: String::new(),
        partner_labels: None,
        safety_page: None,
        quick_exit_url: DEFAULT_QUICK_EXIT_URL.to_string(),
        pdf: false,
        extra: serde_json::Value::Object(Default::default()),
        keys: Vec::new(),
    }
}

/// TOML values as JSON values, for templates. Dates become strings.
pub(crate) fn toml_table_to_json(table: toml::Table) -> serde_json::Value {
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

/// Turn a TOML error into a diagnostic. The TOML text starts at byte
/// `offset` of `text`, the whole file (front matter starts after `+++`).
pub(crate) fn toml_diagnostic(
    code: Code,
    file: &str,
    text: &str,
    offset: usize,
    err: &toml::de::Error,
    known_keys: &[&str],
) -> Diagnostic {
    let message = err.message().trim().to_string();
    let location = match err.span() {
        Some(span) => Location::at_offset(file, text, offset + span.start, span.len()),
        None => Location::at_offset(file, text, offset, 1),
    };
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
    Diagnostic::new(code, first_sentence(&message))
        .at(location)
        .maybe_hint(hint)
}

/// The byte offset (in `text`) where nesting first goes deeper than
/// [`MAX_NESTING`], counting brackets and braces outside strings, and for
/// YAML also indentation levels and `- ` markers, for TOML dotted keys.
/// Linear in the text, and cautious: it may count a level too many, never
/// too few.
pub(crate) fn too_deep(text: &str, is_toml: bool) -> Option<usize> {
    let mut flow = 0usize;
    let mut quote: Option<char> = None;
    let mut indents: Vec<usize> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let mut block = 0;
        if quote.is_none() && flow == 0 {
            let trimmed = line.trim_start_matches(' ');
            let indent = line.len() - trimmed.len();
            if !is_toml && !trimmed.trim().is_empty() && !trimmed.starts_with('#') {
                while indents.last().is_some_and(|&i| i >= indent) {
                    indents.pop();
                }
                indents.push(indent);
                let dashes = trimmed
                    .split_inclusive(|c: char| c != '-' && c != ' ')
                    .next()
                    .map_or(0, |s| s.matches("- ").count());
                block = indents.len() + dashes;
            } else if is_toml {
                // `a.b.c = 1` and `[a.b.c]` nest one table per dot.
                let key_part = trimmed.split('=').next().unwrap_or("");
                block = key_part.matches('.').count() + 1;
            }
        }
        if block > MAX_NESTING {
            return Some(line_start);
        }
        // A quote opens a string only where a value or key starts (not the
        // apostrophe in `It's`); `#` starts a comment only after a space.
        let mut prev: Option<char> = None;
        let mut escaped = false;
        for (i, c) in line.char_indices() {
            let at_start =
                prev.is_none_or(|p| matches!(p, ':' | '-' | '[' | '{' | ',' | '=' | '?'));
            let after_space = i == 0 || line[..i].ends_with([' ', '\t']);
            if !c.is_whitespace() || quote.is_some() {
                prev = Some(c);
            }
            match (quote, c) {
                (Some('"'), '\\') if !escaped => {
                    escaped = true;
                    continue;
                }
                (Some(q), c) if c == q && !escaped => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if at_start => quote = Some(c),
                (None, '#') if after_space => break,
                (None, '[' | '{') => {
                    flow += 1;
                    if flow + block > MAX_NESTING {
                        return Some(line_start + i);
                    }
                }
                (None, ']' | '}') => flow = flow.saturating_sub(1),
                _ => {}
            }
            escaped = false;
        }
        // A YAML single-quoted or TOML literal string ends at its line; a
        // lost quote must not hide the rest of the text from the count.
        if quote == Some('\'') && !is_toml {
            quote = None;
        }
    }
    None
}

/// `unknown field `titel`, expected one of …` → `titel`.
pub(crate) fn unknown_field_name(message: &str) -> Option<&str> {
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
        assert_eq!(c.partner_labels, None);
    }

    #[test]
    fn base_url_with_double_slash_is_refused() {
        assert!(BaseUrl::parse("https://example.org//guide").is_err());
        assert!(BaseUrl::parse("https://example.org/guide//").is_err());
    }

    #[test]
    fn the_language_is_written_as_bcp_47_writes_it_and_labels_come_in_twos() {
        for (written, read) in [
            ("EN", "en"),
            ("pt-br", "pt-BR"),
            ("zh-hant-tw", "zh-Hant-TW"),
        ] {
            let c = parse_config(
                "guide.toml",
                &format!(
                    "title = \"T\"\nbase_url = \"https://e.org/\"\nlanguage = \"{written}\"\n"
                ),
            )
            .unwrap();
            assert_eq!(c.language, read);
        }
        check_err(
            "title = \"T\"\nbase_url = \"https://e.org/\"\npartner_labels = [\"a\", \"b\", \"c\"]\n",
            "guide.toml:3:18: error[E001]: `partner_labels` needs two labels, one for each partner; found 3",
        );
    }

    #[test]
    fn base_url_is_read_as_browsers_read_it() {
        for (raw, url, path) in [
            (
                "https://例え.jp/ガイド/",
                "https://xn--r8jz45g.jp/%E3%82%AC%E3%82%A4%E3%83%89/",
                "/%E3%82%AC%E3%82%A4%E3%83%89/",
            ),
            (
                "HTTPS://Example.ORG/Guide",
                "https://example.org/Guide/",
                "/Guide/",
            ),
            ("https://example.org:8443", "https://example.org:8443/", "/"),
            (
                "https://example.org/../../x/",
                "https://example.org/x/",
                "/x/",
            ),
            ("http://[::1]:8080/g", "http://[::1]:8080/g/", "/g/"),
        ] {
            let b = BaseUrl::parse(raw).unwrap();
            assert_eq!((b.url.as_str(), b.path.as_str()), (url, path), "{raw}");
        }
        for bad in [
            "http://[::1]:99999/",
            "https://user:pw@example.org/",
            "https://user@example.org/",
            "ftp://example.org/",
            "https:///x",
            "https://exa mple.org/",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
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
            "guide.toml:2:12: error[E001]: base_url `example.org` must start",
        );
    }

    #[test]
    fn missing_title_is_an_error() {
        check_err("base_url = \"https://e.org/\"\n", "missing field `title`");
    }

    #[test]
    fn a_key_that_starts_like_another_is_not_it() {
        // The bug: a line scan for `base_url` found `base_url_x` first.
        let diags = parse_config(
            "guide.toml",
            "title = \"T\"\nbase_url_x = 1\nbase_url = \"ftp://x\"\n",
        )
        .unwrap_err();
        let all: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert!(
            all[0].starts_with("guide.toml:2:1: error[E001]: unknown field `base_url_x`"),
            "{all:#?}"
        );
        assert!(
            all[1].starts_with("guide.toml:3:12: error[E001]: base_url `ftp://x`"),
            "{all:#?}"
        );
    }

    #[test]
    fn quick_exit_url_is_checked_and_has_a_neutral_default() {
        let c = parse_config(
            "guide.toml",
            "title = \"T\"\nbase_url = \"https://e.org\"\n",
        )
        .unwrap();
        assert_eq!(c.quick_exit_url, DEFAULT_QUICK_EXIT_URL);
        let c = parse_config(
            "guide.toml",
            "title = \"T\"\nbase_url = \"https://e.org\"\nquick_exit_url = \"https://www.bbc.co.uk/weather?x=1\"\n",
        )
        .unwrap();
        assert_eq!(c.quick_exit_url, "https://www.bbc.co.uk/weather?x=1");
        check_err(
            "title = \"T\"\nbase_url = \"https://e.org\"\nquick_exit_url = \"javascript:alert(1)\"\n",
            "guide.toml:3:18: error[E001]: quick_exit_url `javascript:alert(1)` is not an absolute web address",
        );
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
