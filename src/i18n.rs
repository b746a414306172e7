//! Languages and messages: every word trellis itself adds to a page.
//!
//! The theme's labels ("Step 2 of 7"), the labels of worksheet blocks, the
//! workbook's and 404 page's titles, and the messages of the worksheet
//! script all come from Project Fluent message tables (`.ftl`), one per
//! language, with each language's plural rules. Tables are read in order,
//! later ones overriding earlier ones message by message: the built-in
//! default theme's `messages/`, the site theme's, the guide's own
//! `messages/` folder, then `[messages]` (or `[languages.xx.messages]`) in
//! `guide.toml`. A message a language lacks is taken from English, and the
//! build warns (W011).
//!
//! Templates call `t(key="…", …)` (see `render`); the worksheet script gets
//! the `js-` messages as JSON ([`Messages::js_json`]) and picks plural
//! forms with `Intl.PluralRules`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use serde::Serialize;
use unic_langid::LanguageIdentifier;

use crate::config::GuideConfig;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};
use crate::worksheet::BlockWords;

/// The language of a guide that names none, and the one every table falls
/// back to.
pub(crate) const DEFAULT_LANGUAGE: &str = "en";

/// Messages whose keys start with this go to the browser.
const JS_PREFIX: &str = "js-";

/// Languages written right to left (primary subtags).
const RIGHT_TO_LEFT: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi",
];

/// Which way a language's text runs: `<html dir>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Dir {
    Ltr,
    Rtl,
}

impl Dir {
    pub(crate) fn of(language: &str) -> Dir {
        let primary = language.split(['-', '_']).next().unwrap_or("");
        if RIGHT_TO_LEFT.contains(&primary.to_ascii_lowercase().as_str()) {
            Dir::Rtl
        } else {
            Dir::Ltr
        }
    }
}

/// Whether `code` is a well-formed BCP 47 language tag (`en`, `pt-BR`).
pub(crate) fn is_language_tag(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 35
        && code.parse::<LanguageIdentifier>().is_ok()
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// `code` in the case BCP 47 writes it (`EN` is `en`, `pt-br` is
/// `pt-BR`), so that it finds its messages; as it is when it is not a tag.
pub(crate) fn canonical_tag(code: &str) -> String {
    match code.parse::<LanguageIdentifier>() {
        Ok(id) if is_language_tag(code) => id.to_string(),
        _ => code.to_string(),
    }
}

/// One `.ftl` source: a file of a theme or of the guide, or the messages of
/// `guide.toml` made into one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MessageFile {
    /// The language it is for (`es`, from `messages/es.ftl` or `messages/es/…`).
    pub language: String,
    /// Where it came from, for diagnostics.
    pub origin: String,
    pub text: String,
    /// For messages from `guide.toml`: where they are written there
    /// (their offsets in `text` mean nothing to the author).
    pub written_at: Option<Location>,
}

/// The digits a language shows numbers in (CLDR numbering systems), set by
/// the message `trellis-numbers` in its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Numbers {
    Latn,
    Arab,
    Arabext,
    Beng,
    Deva,
    Thai,
}

impl Numbers {
    fn parse(name: &str) -> Option<Numbers> {
        Some(match name.trim() {
            "latn" => Numbers::Latn,
            "arab" => Numbers::Arab,
            "arabext" => Numbers::Arabext,
            "beng" => Numbers::Beng,
            "deva" => Numbers::Deva,
            "thai" => Numbers::Thai,
            _ => return None,
        })
    }

    fn zero(self) -> char {
        match self {
            Numbers::Latn => '0',
            Numbers::Arab => '\u{660}',
            Numbers::Arabext => '\u{6F0}',
            Numbers::Beng => '\u{9E6}',
            Numbers::Deva => '\u{966}',
            Numbers::Thai => '\u{E50}',
        }
    }

    /// `text` with its ASCII digits in this system.
    pub(crate) fn digits(self, text: &str) -> String {
        if self == Numbers::Latn {
            return text.to_string();
        }
        let zero = self.zero() as u32;
        text.chars()
            .map(|c| match c.to_digit(10) {
                Some(d) if c.is_ascii_digit() => char::from_u32(zero + d).unwrap_or(c),
                _ => c,
            })
            .collect()
    }
}

// Fluent formats numbers through a plain function, one per system.
macro_rules! formatter {
    ($name:ident, $system:expr) => {
        fn $name(
            value: &FluentValue,
            _: &intl_memoizer::concurrent::IntlLangMemoizer,
        ) -> Option<String> {
            match value {
                FluentValue::Number(n) => Some($system.digits(&n.as_string())),
                _ => None,
            }
        }
    };
}
formatter!(format_arab, Numbers::Arab);
formatter!(format_arabext, Numbers::Arabext);
formatter!(format_beng, Numbers::Beng);
formatter!(format_deva, Numbers::Deva);
formatter!(format_thai, Numbers::Thai);

/// An argument to a message.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Arg<'a> {
    Text(&'a str),
    Number(f64),
}

/// One language's messages, English behind them.
pub(crate) struct Messages {
    pub language: String,
    pub dir: Dir,
    pub numbers: Numbers,
    bundle: FluentBundle<Arc<FluentResource>>,
    /// The resources in `bundle`, in the order they were added.
    resources: Vec<Arc<FluentResource>>,
    /// The English table, for messages this one lacks (none for English).
    english: Option<Arc<Messages>>,
    /// Every message id this table defines.
    ids: Vec<String>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("language", &self.language)
            .field("messages", &self.ids.len())
            .finish()
    }
}

impl Messages {
    /// The table for `language` from `files` (in order, later overriding
    /// earlier), falling back to `english`. Syntax errors are reported
    /// (E019) and the rest of the file is kept.
    pub(crate) fn load(
        language: &str,
        files: &[&MessageFile],
        english: Option<Arc<Messages>>,
    ) -> (Messages, Diagnostics) {
        let mut diags = Diagnostics::new();
        let langid: LanguageIdentifier = language
            .parse()
            .unwrap_or_else(|_| LanguageIdentifier::default());
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Text goes into HTML, where invisible isolation marks do not
        // belong; the theme isolates with markup where it needs to.
        bundle.set_use_isolating(false);
        // English first, so a message this language lacks is formatted
        // like its own (its digits, its number formatting) by one bundle.
        for resource in english.iter().flat_map(|e| e.resources.iter()) {
            bundle.add_resource_overriding(Arc::clone(resource));
        }
        let mut ids: Vec<String> = Vec::new();
        let mut resources = Vec::new();
        for file in files {
            let resource = match FluentResource::try_new(file.text.clone()) {
                Ok(r) => r,
                Err((r, errors)) => {
                    for e in errors {
                        diags.push(syntax_error(file, &e));
                    }
                    r
                }
            };
            for entry in resource.entries() {
                if let ast::Entry::Message(m) = entry {
                    ids.push(m.id.name.to_string());
                }
            }
            let resource = Arc::new(resource);
            resources.push(Arc::clone(&resource));
            bundle.add_resource_overriding(resource);
        }
        ids.sort();
        ids.dedup();
        let mut messages = Messages {
            language: language.to_string(),
            dir: Dir::of(language),
            numbers: Numbers::Latn,
            bundle,
            resources,
            english,
            ids,
        };
        if let Some(name) = messages.own("trellis-numbers", &[]) {
            match Numbers::parse(&name) {
                Some(n) => messages.numbers = n,
                None => diags.push(
                    Diagnostic::new(
                        Code::Messages,
                        format!(
                            "`trellis-numbers = {name}` is not a numbering system trellis knows"
                        ),
                    )
                    .at(Location::file(
                        files.last().map_or("messages", |f| f.origin.as_str()),
                    ))
                    .hint("use latn, arab, arabext, beng, deva or thai"),
                ),
            }
        }
        if let Some(dir) = messages.own("trellis-dir", &[]) {
            match dir.trim() {
                "ltr" => messages.dir = Dir::Ltr,
                "rtl" => messages.dir = Dir::Rtl,
                _ => {}
            }
        }
        let formatter: Option<fn(&FluentValue, &_) -> Option<String>> = match messages.numbers {
            Numbers::Latn => None,
            Numbers::Arab => Some(format_arab),
            Numbers::Arabext => Some(format_arabext),
            Numbers::Beng => Some(format_beng),
            Numbers::Deva => Some(format_deva),
            Numbers::Thai => Some(format_thai),
        };
        messages.bundle.set_formatter(formatter);
        (messages, diags)
    }

    /// Message `key` in this language with `args`, or in English when this
    /// table lacks it; `None` when no table has it.
    pub(crate) fn get(&self, key: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
        // The bundle holds the English messages under this language's.
        self.own(key, args)
    }

    /// [`Messages::get`] without arguments, the key itself when missing.
    pub(crate) fn text(&self, key: &str) -> String {
        self.get(key, &[]).unwrap_or_else(|| key.to_string())
    }

    /// The words worksheet blocks show in this language; `partner_labels`
    /// from `guide.toml` win over the table's.
    pub(crate) fn block_words(&self, partner_labels: Option<&[String; 2]>) -> BlockWords {
        let zero = self.numbers.zero() as u32;
        let digit = |d: u32| char::from_u32(zero + d).unwrap_or('0');
        BlockWords {
            partner_labels: partner_labels
                .cloned()
                .unwrap_or_else(|| [self.text("partner-a"), self.text("partner-b")]),
            signatures: self.text("ws-signatures"),
            name: self.text("ws-signature-name"),
            date: self.text("ws-signature-date"),
            signature: self.text("ws-signature-line"),
            sign_on_paper: self.text("ws-sign-on-paper"),
            scale_means: self
                .get(
                    "ws-scale-means",
                    &[
                        ("number", Arg::Text("{number}")),
                        ("label", Arg::Text("{label}")),
                    ],
                )
                .unwrap_or_else(|| "{number}: {label}".to_string()),
            scale_separator: self.text("ws-scale-separator"),
            digits: std::array::from_fn(|d| digit(d as u32)),
        }
    }

    /// `n` in this language's digits.
    pub(crate) fn number(&self, n: i64) -> String {
        self.numbers.digits(&n.to_string())
    }

    /// Message `key` from this table, English behind it.
    fn own(&self, key: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
        let message = self.bundle.get_message(key)?;
        let pattern = message.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(s) => fluent_args.set(*name, FluentValue::from(s.to_string())),
                Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
            }
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        Some(text.into_owned())
    }

    /// English messages this table does not have (none for English).
    pub(crate) fn missing(&self) -> Vec<&str> {
        let Some(english) = &self.english else {
            return Vec::new();
        };
        english
            .ids
            .iter()
            .filter(|id| {
                !id.starts_with("trellis-")
                    && !id.starts_with("new-")
                    && self.ids.binary_search(id).is_err()
            })
            .map(String::as_str)
            .collect()
    }

    /// Every `js-` message, English behind this language's, as the JSON the
    /// worksheet script reads: `{"lang", "dir", "numbers", "messages"}`,
    /// each message a string with `{name}` for its variables, or, when it
    /// chooses a form by a number, `{"select": name, "forms": {"one": …,
    /// "other": …, "=0": …}}`. Safe to put inside `<script>`.
    pub(crate) fn js_json(&self) -> String {
        let mut messages = BTreeMap::new();
        let tables = self.english.iter().map(Arc::as_ref).chain([self]);
        for table in tables {
            for resource in &table.resources {
                for entry in resource.entries() {
                    if let ast::Entry::Message(m) = entry
                        && m.id.name.starts_with(JS_PREFIX)
                        && let Some(pattern) = &m.value
                    {
                        let value = js_message(pattern, self.numbers);
                        messages.insert(m.id.name.to_string(), value);
                    }
                }
            }
        }
        let json = serde_json::json!({
            "lang": self.language,
            "dir": self.dir,
            "numbers": self.numbers,
            "messages": messages,
        });
        // `</script>` or `<!--` inside a message must not end the element.
        json.to_string()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
    }
}

/// A `js-` message's pattern as JSON (see [`Messages::js_json`]).
fn js_message(pattern: &ast::Pattern<&str>, numbers: Numbers) -> serde_json::Value {
    if let [
        ast::PatternElement::Placeable {
            expression: ast::Expression::Select { selector, variants },
        },
    ] = pattern.elements.as_slice()
        && let ast::InlineExpression::VariableReference { id } = selector
    {
        let mut forms = serde_json::Map::new();
        for v in variants {
            let key = match &v.key {
                ast::VariantKey::Identifier { name } => (*name).to_string(),
                ast::VariantKey::NumberLiteral { value } => format!("={value}"),
            };
            forms.insert(
                key.clone(),
                serde_json::Value::String(js_text(&v.value, numbers)),
            );
            if v.default {
                forms.insert(
                    "*".to_string(),
                    serde_json::Value::String(js_text(&v.value, numbers)),
                );
            }
        }
        return serde_json::json!({ "select": id.name, "forms": forms });
    }
    serde_json::Value::String(js_text(pattern, numbers))
}

/// A pattern as text with `{name}` for each variable.
fn js_text(pattern: &ast::Pattern<&str>, numbers: Numbers) -> String {
    let mut out = String::new();
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => out.push_str(value),
            ast::PatternElement::Placeable { expression } => match expression {
                ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => {
                    let _ = write!(out, "{{{}}}", id.name);
                }
                ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => {
                    out.push_str(value)
                }
                ast::Expression::Inline(ast::InlineExpression::NumberLiteral { value }) => {
                    out.push_str(&numbers.digits(value))
                }
                _ => {}
            },
        }
    }
    out
}

fn syntax_error(file: &MessageFile, e: &fluent_syntax::parser::ParserError) -> Diagnostic {
    let message = format!("message file: {}", e.kind);
    let diagnostic = Diagnostic::new(Code::Messages, message).hint(
        "see https://projectfluent.org/fluent/guide/ for the syntax; this message is left out",
    );
    match &file.written_at {
        Some(at) => diagnostic.at(at.clone()),
        None => {
            // The parser stops where it noticed, often the next line or the
            // end of the file: point at the last thing written before that.
            let mut at = e.pos.start.min(file.text.len());
            let on_blank = |i: usize| {
                file.text[i..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
            };
            if on_blank(at) {
                let before = file.text[..at].trim_end();
                if let Some(c) = before.chars().next_back() {
                    at = before.len() - c.len_utf8();
                }
            }
            diagnostic.at(Location::at_offset(&file.origin, &file.text, at, 1))
        }
    }
}

/// Every language's messages for one build.
#[derive(Debug, Clone, Default)]
pub(crate) struct Catalog {
    by_language: BTreeMap<String, Arc<Messages>>,
}

impl Catalog {
    /// Tables for every language of `config`, from `files` (built-in theme,
    /// site theme, guide, in that order) and the messages in `guide.toml`
    /// (`config_text`, for locations). Reports syntax errors (E019) and
    /// messages a language lacks (W011).
    pub(crate) fn load(
        config: &GuideConfig,
        config_text: &str,
        files: &[MessageFile],
    ) -> (Catalog, Diagnostics) {
        let mut diags = Diagnostics::new();
        let inline =
            |code: &str, messages: &[(String, String)], key: &str| -> Option<MessageFile> {
                if messages.is_empty() {
                    return None;
                }
                let mut text = String::new();
                for (k, v) in messages {
                    // A value over several lines continues indented.
                    let _ = writeln!(text, "{k} = {}", v.trim().replace('\n', "\n    "));
                }
                Some(MessageFile {
                    language: code.to_string(),
                    origin: crate::config::CONFIG_FILE.to_string(),
                    text,
                    written_at: Some(Location::of_key(
                        &config.keys,
                        crate::config::CONFIG_FILE,
                        config_text,
                        key,
                    )),
                })
            };
        let tables_for = |code: &str| -> Vec<&MessageFile> {
            // `es-MX` takes `es` first, then its own.
            let primary = code.split('-').next().unwrap_or(code);
            let mut out: Vec<&MessageFile> = files
                .iter()
                .filter(|f| f.language == primary && primary != code)
                .collect();
            out.extend(files.iter().filter(|f| f.language == code));
            out
        };
        let english_inline = config
            .languages
            .iter()
            .find(|l| l.code == DEFAULT_LANGUAGE)
            .and_then(|l| {
                inline(
                    DEFAULT_LANGUAGE,
                    &l.messages,
                    if l.code == config.languages[0].code {
                        "messages"
                    } else {
                        "languages"
                    },
                )
            });
        let mut english_files = tables_for(DEFAULT_LANGUAGE);
        english_files.extend(english_inline.as_ref());
        let (english, english_diags) = Messages::load(DEFAULT_LANGUAGE, &english_files, None);
        diags.extend(english_diags);
        let english = Arc::new(english);
        let mut by_language = BTreeMap::new();
        by_language.insert(DEFAULT_LANGUAGE.to_string(), Arc::clone(&english));
        for (i, lang) in config.languages.iter().enumerate() {
            if lang.code == DEFAULT_LANGUAGE {
                continue;
            }
            let key = if i == 0 { "messages" } else { "languages" };
            let own = inline(&lang.code, &lang.messages, key);
            let mut table_files = tables_for(&lang.code);
            table_files.extend(own.as_ref());
            let (messages, table_diags) =
                Messages::load(&lang.code, &table_files, Some(Arc::clone(&english)));
            diags.extend(table_diags);
            let where_ = table_files
                .iter()
                .rev()
                .find(|f| f.written_at.is_none())
                .map(|f| Location::file(&f.origin))
                .unwrap_or_else(|| {
                    // `[languages.xx]` itself, else the key that names it.
                    let header = format!("[languages.{}]", lang.code);
                    match config_text.find(&header).filter(|_| i > 0) {
                        Some(at) => Location::at_offset(
                            crate::config::CONFIG_FILE,
                            config_text,
                            at,
                            header.len(),
                        ),
                        None => Location::of_key(
                            &config.keys,
                            crate::config::CONFIG_FILE,
                            config_text,
                            if i == 0 { "language" } else { "languages" },
                        ),
                    }
                });
            if table_files.is_empty() {
                diags.push(
                    Diagnostic::new(
                        Code::MissingMessages,
                        format!("no messages for language `{}`: everything trellis adds is shown in English", lang.code),
                    )
                    .at(where_)
                    .hint(format!("translate the theme's English messages into `messages/{}.ftl` in the guide (see “Messages” in docs/themes.md)", lang.code)),
                );
            } else {
                let missing = messages.missing();
                if !missing.is_empty() {
                    let shown: Vec<String> =
                        missing.iter().take(8).map(|m| format!("`{m}`")).collect();
                    let more = if missing.len() > 8 {
                        format!(" and {} more", missing.len() - 8)
                    } else {
                        String::new()
                    };
                    diags.push(
                        Diagnostic::new(
                            Code::MissingMessages,
                            format!(
                                "language `{}` lacks {} {}, shown in English: {}{more}",
                                lang.code,
                                missing.len(),
                                if missing.len() == 1 {
                                    "message"
                                } else {
                                    "messages"
                                },
                                shown.join(", ")
                            ),
                        )
                        .at(where_)
                        .hint(format!(
                            "add them to `messages/{}.ftl` in the guide",
                            lang.code
                        )),
                    );
                }
            }
            by_language.insert(lang.code.clone(), Arc::new(messages));
        }
        (Catalog { by_language }, diags)
    }

    /// The table for `language`, English when it has none.
    pub(crate) fn get(&self, language: &str) -> Arc<Messages> {
        self.by_language
            .get(language)
            .or_else(|| self.by_language.get(DEFAULT_LANGUAGE))
            .cloned()
            .unwrap_or_else(|| Arc::new(Messages::load(DEFAULT_LANGUAGE, &[], None).0))
    }
}

/// The built-in default theme's messages for `language` (English behind
/// them), and whether trellis has a table for it at all.
pub(crate) fn built_in(language: &str) -> (Arc<Messages>, bool) {
    let language = &canonical_tag(language);
    let files = crate::load::embedded_messages();
    let of =
        |code: &str| -> Vec<&MessageFile> { files.iter().filter(|f| f.language == code).collect() };
    let english = Arc::new(Messages::load(DEFAULT_LANGUAGE, &of(DEFAULT_LANGUAGE), None).0);
    if language == DEFAULT_LANGUAGE {
        return (english, true);
    }
    // `ar-EG` has `ar`'s, as a build's catalog gives it.
    let mut own = of(language);
    if own.is_empty()
        && let Some((primary, _)) = language.split_once('-')
    {
        own = of(primary);
    }
    let known = !own.is_empty();
    (
        Arc::new(Messages::load(language, &own, Some(english)).0),
        known,
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn catalog(config: &str, guide_files: &[(&str, &str)]) -> (Catalog, Diagnostics) {
        let config_text = format!("title = \"T\"\nbase_url = \"https://e.org/\"\n{config}");
        let config = crate::config::parse_config("guide.toml", &config_text).unwrap();
        let mut files = crate::load::embedded_messages();
        for (language, text) in guide_files {
            files.push(MessageFile {
                language: language.to_string(),
                origin: format!("messages/{language}.ftl"),
                text: text.to_string(),
                written_at: None,
            });
        }
        Catalog::load(&config, &config_text, &files)
    }

    fn count(m: &Messages, key: &str, n: f64) -> String {
        m.get(key, &[("count", Arg::Number(n))]).unwrap()
    }

    #[test]
    fn every_built_in_table_has_every_english_message() {
        let files = crate::load::embedded_messages();
        let languages: BTreeSet<&str> = files.iter().map(|f| f.language.as_str()).collect();
        assert!(languages.len() >= 6, "{languages:?}");
        for language in languages {
            let (m, known) = built_in(language);
            assert!(known);
            let missing: Vec<&str> = m
                .english
                .iter()
                .flat_map(|e| e.ids.iter())
                .filter(|id| m.ids.binary_search(id).is_err())
                .map(String::as_str)
                .collect();
            assert!(missing.is_empty(), "{language} lacks {missing:?}");
        }
        // And none has a syntax error.
        let (_, diags) = catalog(
            "language = \"ar\"\n[languages.es]\n[languages.ja]\n[languages.ru]\n[languages.fr]\n",
            &[],
        );
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn plurals_follow_each_language() {
        let (c, _) = catalog("language = \"ar\"\n[languages.ru]\n[languages.en]\n", &[]);
        let en = c.get("en");
        assert_eq!(count(&en, "home-steps-heading", 1.0), "The step");
        assert_eq!(count(&en, "home-steps-heading", 5.0), "The 5 steps");
        // Arabic has a form for one, two, a few (3-10) and many (11-99),
        // in Arabic-Indic digits.
        let ar = c.get("ar");
        let forms: Vec<String> = [1.0, 2.0, 5.0, 11.0]
            .iter()
            .map(|&n| count(&ar, "home-steps-heading", n))
            .collect();
        let unique: BTreeSet<&String> = forms.iter().collect();
        assert_eq!(unique.len(), 4, "{forms:?}");
        assert!(forms[2].contains('٥'), "{forms:?}");
        assert!(!forms.iter().any(|f| f.contains('5')), "{forms:?}");
        // Russian: 1 шаг, 2 шага, 5 шагов, 21 шаг.
        let ru = c.get("ru");
        let forms: Vec<String> = [1.0, 2.0, 5.0, 21.0]
            .iter()
            .map(|&n| {
                count(&ru, "home-steps-heading", n)
                    .replace(char::is_numeric, "#")
                    .replace("##", "#")
            })
            .collect();
        assert_eq!(forms.iter().collect::<BTreeSet<_>>().len(), 3, "{forms:?}");
        assert_eq!(forms[0], forms[3], "{forms:?}");
    }

    #[test]
    fn a_guide_overrides_any_message_and_missing_ones_fall_back_to_english() {
        // The guide's own table wins over the theme's, message by message;
        // `[messages]` in guide.toml wins over both.
        let (c, diags) = catalog(
            "language = \"es\"\n[messages]\npager-next = \"Adelante\"\n",
            &[("es", "pager-prev = Atrás\npager-next = Siguiente\n")],
        );
        assert!(diags.is_empty(), "{diags:?}");
        let es = c.get("es");
        assert_eq!(es.text("pager-prev"), "Atrás");
        assert_eq!(es.text("pager-next"), "Adelante");
        assert_ne!(es.text("pager-last"), c.get("en").text("pager-last"));

        // A language trellis has no table for: English, and a warning.
        let (c, diags) = catalog("language = \"de\"\n", &[("de", "pager-next = Weiter\n")]);
        let de = c.get("de");
        assert_eq!(de.text("pager-next"), "Weiter");
        assert_eq!(de.text("pager-prev"), "Previous step");
        assert!(de.missing().contains(&"pager-prev"));
        assert!(!de.missing().contains(&"pager-next"));
        let warning = diags
            .iter()
            .find(|d| d.code == Code::MissingMessages)
            .unwrap();
        assert!(
            warning.message.contains("shown in English"),
            "{}",
            warning.message
        );
        assert_eq!(warning.location.as_ref().unwrap().file, "messages/de.ftl");
    }

    #[test]
    fn an_english_fallback_keeps_its_arguments_and_takes_the_language_digits() {
        // Found in review: the fallback turned every digit of its text into
        // Arabic digits, link targets and argument placeholders included.
        let (c, _) = catalog(
            "language = \"ar\"\n",
            &[(
                "en",
                "x-only-english = See { $path } within { $days } days\n",
            )],
        );
        let text = c
            .get("ar")
            .get(
                "x-only-english",
                &[
                    ("path", Arg::Text("01-start.md")),
                    ("days", Arg::Number(3.0)),
                ],
            )
            .unwrap();
        assert_eq!(text, "See 01-start.md within ٣ days");
    }

    #[test]
    fn script_messages_are_json_with_plural_forms_and_safe_in_a_script_element() {
        let (c, _) = catalog(
            "language = \"ar\"\n",
            &[("ar", "js-saved = </script><!-- حُفظ\n")],
        );
        let json = c.get("ar").js_json();
        assert!(!json.contains('<'), "{json}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["lang"], "ar");
        assert_eq!(value["dir"], "rtl");
        assert_eq!(value["numbers"], "arab");
        assert_eq!(value["messages"]["js-saved"], "</script><!-- حُفظ");
        let forms = &value["messages"]["js-imported"]["forms"];
        for category in ["zero", "one", "two", "few", "many", "other", "*"] {
            assert!(forms[category].is_string(), "{category}: {forms}");
        }
    }

    #[test]
    fn text_direction_and_digits_follow_the_language() {
        assert_eq!(Dir::of("ar"), Dir::Rtl);
        assert_eq!(Dir::of("he-IL"), Dir::Rtl);
        assert_eq!(Dir::of("es"), Dir::Ltr);
        assert_eq!(Numbers::Arab.digits("Step 12"), "Step ١٢");
        assert_eq!(built_in("ar").0.number(2026), "٢٠٢٦");
    }
}
