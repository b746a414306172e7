//! Property tests: generated guides of arbitrary Unicode text, front matter,
//! file names and worksheet attributes, run through the whole pipeline in
//! memory (`pipeline::render_sources`). Whatever the input:
//!
//! - the pipeline returns a site or diagnostics, and never panics;
//! - every output path stays inside the output folder;
//! - the output (and the report) is the same on every run;
//! - no page repeats an HTML id, and in the workbook no two worksheet
//!   blocks share a saved-answer name.
//!
//! 64 cases per property by default (a few seconds); set `PROPTEST_CASES`
//! for a longer run. proptest keeps failing cases in
//! `tests/integration/properties.proptest-regressions` and replays them.

use std::collections::{HashMap, HashSet};

use proptest::prelude::*;
use proptest::test_runner::Config;
use trellis::diagnostics::{Style, render_report};
use trellis::pipeline::{Outcome, render_sources};
use trellis::render::Contents;

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64);
    Config {
        cases,
        max_shrink_iters: 2_000,
        ..Config::default()
    }
}

/// A word in one of several scripts, or something awkward.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z]{1,8}",
        2 => "[а-яА-ЯёЁ]{1,9}",
        2 => "[\u{0621}-\u{064A}\u{064B}-\u{0652}]{1,7}",
        2 => "[\u{4E00}-\u{4E40}\u{3041}-\u{3093}]{1,5}",
        1 => "[\u{0915}-\u{0939}\u{093E}-\u{094D}]{1,6}",
        1 => "[0-9]{1,4}",
        1 => prop::sample::select(vec![
            "'", "’", "&", "<b>", "\"", "`", "*", "_", "[", "]", "(", ")", "#", "\\", "%20", "%",
            "\u{0}", "\u{1}", "\u{200d}", "\u{feff}", "e\u{301}", "🙂", "-", "--", ":", "=",
        ])
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn words(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 0..max).prop_map(|w| w.join(" "))
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A link target: another generated page, a heading, a file, or nonsense.
fn target() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("../steps/01-a.md".to_string()),
        Just("01-a.md#x".to_string()),
        Just("../worksheets/w.md".to_string()),
        Just("/".to_string()),
        Just("/workbook/".to_string()),
        Just("https://example.org/a b".to_string()),
        Just("mailto:a@b.c".to_string()),
        words(3).prop_map(|w| format!("#{}", w.to_lowercase().replace(' ', "-"))),
        words(3).prop_map(|w| format!("{}.md", w)),
        words(2),
    ]
}

fn attributes() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "id", "lines", "min", "max", "low", "high", "x", "line",
    ]);
    let value = prop_oneof![
        "-?[0-9]{1,3}".prop_map(|v| v),
        Just("99999999999999999999".to_string()),
        words(2).prop_map(|w| quoted(&w)),
        "[a-z0-9-]{1,12}".prop_map(|v| v),
        word(),
    ];
    prop::collection::vec((key, value), 0..4).prop_map(|kv| {
        kv.into_iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// One piece of a page body.
fn fragment() -> impl Strategy<Value = String> {
    let block_kind = prop::sample::select(vec![
        "answer",
        "field",
        "scale",
        "partners",
        "signature",
        "anwser",
        "scala",
        "rust",
        "",
    ]);
    prop_oneof![
        3 => words(8).prop_map(|t| format!("{t}\n")),
        2 => (1..7usize, words(5)).prop_map(|(n, t)| format!("{} {t}\n", "#".repeat(n))),
        1 => (words(4), "[a-zA-Z0-9_-]{0,6}").prop_map(|(t, id)| format!("## {t} {{#{id}}}\n")),
        2 => (words(3), target()).prop_map(|(t, u)| format!("[{t}]({u})\n")),
        1 => (words(2), target()).prop_map(|(t, u)| format!("![{t}]({u})\n")),
        3 => (block_kind, attributes(), words(10))
            .prop_map(|(k, a, p)| format!("```{k} {a}\n{p}\n```\n")),
        2 => (prop::bool::ANY, words(9)).prop_map(|(done, t)| format!("- [{}] {t}\n", if done { "x" } else { " " })),
        1 => (words(1), words(4)).prop_map(|(n, t)| format!("Note[^{n}].\n\n[^{n}]: {t}\n")),
        1 => words(3).prop_map(|t| format!("<div class=\"box\">{t}</div>\n")),
        1 => Just("<script>alert(1)</script>\n".to_string()),
        1 => Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
        1 => ".{0,40}".prop_map(|s| s),
    ]
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..10).prop_map(|f| f.join("\n"))
}

fn front_matter() -> impl Strategy<Value = String> {
    let toml_line = prop_oneof![
        words(4).prop_map(|t| format!("title = {}", quoted(&t))),
        words(6).prop_map(|t| format!("summary = {}", quoted(&t))),
        any::<i64>().prop_map(|n| format!("weight = {n}")),
        prop_oneof![
            Just(0u64),
            Just(1),
            Just(2),
            Just(4_294_967_295),
            Just(4_294_967_296)
        ]
        .prop_map(|n| format!("step = {n}")),
        words(2).prop_map(|t| format!("slug = {}", quoted(&t.to_lowercase().replace(' ', "-")))),
        prop::bool::ANY.prop_map(|d| format!("draft = {d}")),
        prop::sample::select(vec!["w", "v", "nope"]).prop_map(|w| format!("worksheet = \"{w}\"")),
        words(2).prop_map(|t| format!("[extra]\nnote = {}", quoted(&t))),
        "[a-z]{1,6}".prop_map(|k| format!("{k} = 1")),
    ];
    let yaml_line = prop_oneof![
        words(4).prop_map(|t| format!("title: {}", quoted(&t))),
        words(4).prop_map(|t| format!("summary: {t}")),
        any::<i32>().prop_map(|n| format!("weight: {n}")),
        words(2).prop_map(|t| format!("extra: [{t}]")),
    ];
    prop_oneof![
        1 => Just(String::new()),
        3 => prop::collection::vec(toml_line, 0..5)
            .prop_map(|l| format!("+++\n{}\n+++\n", l.join("\n"))),
        1 => prop::collection::vec(yaml_line, 0..4)
            .prop_map(|l| format!("---\n{}\n---\n", l.join("\n"))),
        1 => Just("+++\ntitle = \"never closed\"\n".to_string()),
    ]
}

fn file_name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (1..12u32, "[a-z]{1,6}").prop_map(|(n, w)| format!("{n:02}-{w}.md")),
        2 => words(2).prop_map(|w| format!("{w}.md")),
        1 => Just("_index.md".to_string()),
        1 => Just("w.md".to_string()),
        1 => Just("01-a.md".to_string()),
        1 => Just("page.MD".to_string()),
    ]
}

fn folder() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "",
        "steps/",
        "worksheets/",
        "notes/",
        "заметки/",
        "a/b/",
    ])
    .prop_map(str::to_string)
}

fn page() -> impl Strategy<Value = (String, String)> {
    (folder(), file_name(), front_matter(), body())
        .prop_map(|(dir, name, fm, body)| (format!("content/{dir}{name}"), format!("{fm}{body}")))
}

fn guide_config() -> impl Strategy<Value = String> {
    (
        words(3),
        prop::option::of((words(2), words(2))),
        prop::option::of("[a-z]{2}(-[A-Z]{2})?"),
    )
        .prop_map(|(title, labels, lang)| {
            let mut c = format!(
                "title = {}\nbase_url = \"https://example.org/guide/\"\n",
                quoted(&title)
            );
            if let Some((a, b)) = labels {
                c.push_str(&format!(
                    "partner_labels = [{}, {}]\n",
                    quoted(&a),
                    quoted(&b)
                ));
            }
            if let Some(l) = lang {
                c.push_str(&format!("language = \"{l}\"\n"));
            }
            c
        })
}

fn guide() -> impl Strategy<Value = (String, Vec<(String, String)>)> {
    (guide_config(), prop::collection::vec(page(), 1..8))
}

fn files(outcome: &Outcome) -> Vec<(String, Vec<u8>)> {
    outcome
        .built
        .iter()
        .flat_map(|b| &b.rendered.files)
        .map(|f| {
            let bytes = match &f.contents {
                Contents::Bytes(b) => b.clone(),
                other => format!("{other:?}").into_bytes(),
            };
            (f.path.clone(), bytes)
        })
        .collect()
}

/// A relative path with no `.`, `..` or empty segment, no backslash or NUL.
fn stays_inside(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains(['\\', '\0'])
        && path
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..")
}

/// The values of `attr="…"` in the tags of an HTML text (text may hold
/// ` id="` too: a quote needs no escaping there, but `<` and `>` do).
fn attribute_values<'h>(html: &'h str, attr: &str) -> Vec<&'h str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter(|(i, _)| html[..*i].rfind('<') > html[..*i].rfind('>'))
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap_or(rest.len())]
        })
        .collect()
}

/// Each element with `data-ws-field` as (field, type, name) within one
/// worksheet's markup.
fn fields(html: &str) -> Vec<(String, String, String)> {
    html.match_indices(" data-ws-field=\"")
        .map(|(i, _)| {
            let start = html[..i].rfind('<').unwrap_or(0);
            let end = html[i..].find('>').map_or(html.len(), |e| i + e);
            let tag = &html[start..end];
            let get = |a| {
                attribute_values(tag, a)
                    .first()
                    .copied()
                    .unwrap_or("")
                    .to_string()
            };
            (get("data-ws-field"), get("type"), get("name"))
        })
        .collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_guide_builds_or_reports_never_panics_and_is_deterministic((config, pages) in guide()) {
        let first = render_sources(&config, &pages, false);
        let second = render_sources(&config, &pages, false);
        // Deterministic: the same files, bytes and report.
        prop_assert_eq!(files(&first), files(&second));
        prop_assert_eq!(
            render_report(&first.diagnostics, Style::Plain),
            render_report(&second.diagnostics, Style::Plain)
        );
        // A site only without errors; errors always explain a missing site.
        prop_assert_eq!(first.built.is_none(), first.diagnostics.has_errors());
        for (path, _) in files(&first) {
            prop_assert!(stays_inside(&path), "output path {:?} leaves the output folder", path);
        }
    }

    #[test]
    fn ids_are_unique_on_every_page_and_answers_never_share_a_name((config, pages) in guide()) {
        let outcome = render_sources(&config, &pages, false);
        for (path, bytes) in files(&outcome) {
            if !path.ends_with(".html") {
                continue;
            }
            let html = String::from_utf8(bytes).expect("HTML is UTF-8");
            let mut seen = HashSet::new();
            for id in attribute_values(&html, "id") {
                prop_assert!(seen.insert(id), "{}: the id {:?} is used twice", path, id);
            }
            // In the workbook every worksheet keeps its own names; within
            // one, a name belongs to one text box, or to one radio group;
            // a radio group's name belongs to one worksheet.
            let mut group_owner: HashMap<String, usize> = HashMap::new();
            for (k, sheet) in html.split(" data-worksheet=\"").skip(1).enumerate() {
                for (_, kind, name) in fields(sheet) {
                    if kind == "radio" {
                        let owner = *group_owner.entry(name.clone()).or_insert(k);
                        prop_assert_eq!(owner, k, "{}: radio group {:?} in two worksheets", path, name);
                    }
                }
                let mut groups: HashMap<String, (String, String, usize)> = HashMap::new();
                for (field, kind, name) in fields(sheet) {
                    let entry = groups.entry(field.clone()).or_insert((kind.clone(), name.clone(), 0));
                    entry.2 += 1;
                    prop_assert!(
                        entry.0 == "radio" && kind == "radio" && entry.1 == name || entry.2 == 1,
                        "{}: two blocks store answers as {:?}", path, field
                    );
                }
            }
        }
    }
}

/// The properties hold for the bundled guide too (a fixed, realistic case).
#[test]
fn the_bundled_guide_has_unique_ids_and_answer_names() {
    let root = crate::support::repo_root();
    let mut pages = Vec::new();
    for e in walkdir::WalkDir::new(root.join("content")) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            pages.push((rel, std::fs::read_to_string(e.path()).unwrap()));
        }
    }
    let config = std::fs::read_to_string(root.join("guide.toml")).unwrap();
    let outcome = render_sources(&config, &pages, false);
    assert!(
        outcome.built.is_some(),
        "{}",
        render_report(&outcome.diagnostics, Style::Plain)
    );
    let workbook = files(&outcome)
        .into_iter()
        .find(|(p, _)| p == "workbook/index.html")
        .map(|(_, b)| String::from_utf8(b).unwrap())
        .unwrap();
    assert!(fields(&workbook).len() > 50);
}
