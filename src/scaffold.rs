//! Scaffold: `trellis new DIR` writes a small guide that builds as it is.
//!
//! Two steps, one worksheet, the built-in default theme, in the language
//! asked for (`--language xx`; its words come from the built-in messages).
//! It refuses a folder that already has files in it, so it never
//! overwrites anyone's work.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::i18n::{Arg, Messages};

/// The starter guide's files in `language`, its words from the built-in
/// messages (`new-*` in `messages/en/new.ftl`).
fn files(language: &str, m: &Messages) -> Vec<(&'static str, String)> {
    let t = |key: &str| m.text(key);
    // Inside a worksheet block's quoted option.
    let quoted = |key: &str| t(key).replace('\\', "\\\\").replace('"', "\\\"");
    let toml = |key: &str| toml_string(&t(key));
    let with_link = |key: &str, text_key: &str, target: &str| {
        let link = format!("[{}]({target})", t(text_key));
        m.get(key, &[("link", Arg::Text(&link))])
            .unwrap_or_else(|| link.clone())
    };
    vec![
        (
            "guide.toml",
            format!(
                r#"title = {title}
base_url = "https://example.org/"
description = {description}
language = "{language}"
author = ""
# theme = "default"
# partner_labels = ["{a}", "{b}"]
# safety_page = "safety.md"

[extra]
"#,
                title = toml("new-guide-title"),
                description = toml("new-guide-description"),
                a = t("partner-a").replace('"', "\\\""),
                b = t("partner-b").replace('"', "\\\""),
            ),
        ),
        (
            "content/_index.md",
            format!(
                "+++\ntitle = {}\nsummary = {}\n+++\n\n{}\n\n- [{}](steps/01-get-started.md)\n- [{}](steps/02-keep-going.md)\n",
                toml("new-guide-title"),
                toml("new-home-summary"),
                t("new-home-text"),
                step(m, 1, "new-step-one-title"),
                step(m, 2, "new-step-two-title"),
            ),
        ),
        (
            "content/steps/01-get-started.md",
            format!(
                "+++\ntitle = {}\nsummary = {}\nworksheet = \"first-worksheet\"\n+++\n\n## {} {{#what-to-do}}\n\n{}\n\n{}\n",
                toml("new-step-one-title"),
                toml("new-step-one-summary"),
                t("new-step-one-heading"),
                t("new-step-one-text"),
                with_link(
                    "new-step-one-link",
                    "new-step-one-link-text",
                    "../worksheets/first-worksheet.md"
                ),
            ),
        ),
        (
            "content/steps/02-keep-going.md",
            format!(
                "+++\ntitle = {}\nsummary = {}\nworksheet = \"first-worksheet\"\n+++\n\n## {}\n\n{}\n{}\n",
                toml("new-step-two-title"),
                toml("new-step-two-summary"),
                t("new-step-two-heading"),
                t("new-step-two-text"),
                with_link(
                    "new-step-two-link",
                    "new-step-two-link-text",
                    "01-get-started.md#what-to-do"
                ),
            ),
        ),
        (
            "content/worksheets/first-worksheet.md",
            format!(
                "+++\ntitle = {}\nsummary = {}\n+++\n\n{}\n\n```field id=date\n{}\n```\n\n```answer id=thoughts lines=4\n{}\n```\n\n```scale id=ready min=0 max=10 low=\"{}\" high=\"{}\"\n{}\n```\n\n- [ ] {}\n- [ ] {}\n\n```signature\n```\n",
                toml("new-worksheet-title"),
                toml("new-worksheet-summary"),
                t("new-worksheet-text"),
                t("new-worksheet-date"),
                t("new-worksheet-thoughts"),
                quoted("new-worksheet-low"),
                quoted("new-worksheet-high"),
                t("new-worksheet-ready"),
                t("new-worksheet-task-read"),
                t("new-worksheet-task-talk"),
            ),
        ),
        (
            ".gitignore",
            // The built site, and what a build keeps beside it: its lock
            // and the previous output it writes over next time.
            "/public\n/.public.trellis-*\n".to_string(),
        ),
    ]
}

/// `text` as a TOML basic string: quotes, backslashes and control
/// characters escaped, everything else (any script, combining marks,
/// no-break spaces) as it is.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// "Step 1: Get started", as the theme writes it.
fn step(m: &Messages, number: u32, title_key: &str) -> String {
    let title = m.text(title_key);
    m.get(
        "step-with-title",
        &[
            ("number", Arg::Number(f64::from(number))),
            ("title", Arg::Text(&title)),
        ],
    )
    .unwrap_or(title)
}

/// Create a new guide in `dir`, written in `language` (a BCP 47 tag).
/// Returns whether trellis has built-in messages for that language (when
/// not, the guide's words are English until it gets its own table).
pub fn new_guide(dir: &Path, language: &str) -> Result<bool, Diagnostic> {
    let shown = dir.display().to_string();
    if !crate::i18n::is_language_tag(language) {
        return Err(
            Diagnostic::new(Code::Config, format!("`{language}` is not a language tag"))
                .hint("use a BCP 47 tag such as `en`, `es`, `ar`, `ja` or `pt-BR`"),
        );
    }
    let language = &crate::i18n::canonical_tag(language);
    let (messages, known) = crate::i18n::built_in(language);
    if dir.exists() && !dir.is_dir() {
        return Err(Diagnostic::new(
            Code::Output,
            format!("`{shown}` exists and is not a folder"),
        )
        .hint("choose a new folder name; trellis new never overwrites files"));
    }
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(Diagnostic::new(
                Code::Output,
                format!("`{shown}` already exists and is not empty"),
            )
            .hint("choose a new folder name; trellis new never overwrites files"));
        }
    }
    for (path, text) in files(language, &messages) {
        let target = dir.join(path);
        let write = || -> std::io::Result<()> {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&target, &text)
        };
        write().map_err(|e| {
            Diagnostic::new(Code::Output, format!("cannot write: {e}"))
                .at(Location::file(target.display().to_string()))
        })?;
    }
    Ok(known)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_keep_every_script_and_escape_only_what_toml_must() {
        for text in [
            "مرحبًا",
            "Étape\u{a0}1 ?",
            "a \"quoted\" \\ path",
            "tab\there\u{7}",
        ] {
            let value: toml::Table = toml::from_str(&format!("v = {}", toml_string(text))).unwrap();
            assert_eq!(value["v"].as_str(), Some(text));
        }
        assert_eq!(toml_string("مرحبًا"), "\"مرحبًا\"");
    }

    #[test]
    fn a_new_guide_in_a_regional_or_capitalised_tag_has_its_language_s_words() {
        for (tag, written) in [("ar-EG", "ar-EG"), ("EN", "en"), ("ES-mx", "es-MX")] {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().join("g");
            assert!(new_guide(&root, tag).unwrap(), "{tag}: no messages");
            let config = std::fs::read_to_string(root.join("guide.toml")).unwrap();
            assert!(
                config.contains(&format!("language = \"{written}\"")),
                "{config}"
            );
        }
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("g");
        new_guide(&root, "ar-EG").unwrap();
        let step = std::fs::read_to_string(root.join("content/steps/01-get-started.md")).unwrap();
        assert!(
            !step.contains("Get started"),
            "English starter page: {step}"
        );
    }

    #[test]
    fn a_new_guide_in_each_built_in_language_checks_clean() {
        for language in ["en", "es", "fr", "ar", "ja", "ru"] {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().join("guide");
            assert!(new_guide(&root, language).unwrap());
            let outcome = crate::pipeline::render_in_memory(&root, None, false);
            assert!(
                outcome.built.is_some(),
                "{language}: {:?}",
                outcome.diagnostics
            );
            assert!(
                outcome.diagnostics.is_empty(),
                "{language}: {:?}",
                outcome.diagnostics
            );
            let home = std::fs::read_to_string(root.join("content/_index.md")).unwrap();
            if language != "en" {
                assert!(!home.contains("Welcome"), "{language}: {home}");
            }
        }
        let dir = tempfile::tempdir().unwrap();
        assert!(!new_guide(&dir.path().join("de"), "de").unwrap());
        assert!(new_guide(&dir.path().join("x"), "not a tag").is_err());
    }
}
