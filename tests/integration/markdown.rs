//! Markdown as authors write it for other tools, through the whole
//! pipeline: what is accepted, where problems are reported, and what the
//! output says.

use trellis::diagnostics::{Style, render_report};
use trellis::pipeline::{Outcome, render_sources};
use trellis::render::Contents;

const CONFIG: &str = "title = \"T\"\nbase_url = \"https://example.org/guide/\"\n";

fn site(files: &[(&str, &str)]) -> Outcome {
    let mut all = vec![(
        "content/_index.md".to_string(),
        "+++\ntitle = \"Home\"\nsummary = \"s\"\n+++\nHello.\n".to_string(),
    )];
    all.extend(files.iter().map(|(p, t)| (p.to_string(), t.to_string())));
    render_sources(CONFIG, &all, false)
}

fn report(outcome: &Outcome) -> String {
    render_report(&outcome.diagnostics, Style::Plain)
}

fn text_of(outcome: &Outcome, path: &str) -> String {
    let built = outcome.built.as_ref().expect("the site builds");
    match &built.rendered.get(path).expect(path).contents {
        Contents::Bytes(b) => String::from_utf8(b.clone()).unwrap(),
        Contents::Copy(_) => panic!("{path} is copied, not rendered"),
    }
}

fn page(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\nsummary = \"s\"\n+++\n{body}")
}

#[test]
fn broken_links_in_raw_html_are_reported_where_they_are_written() {
    let outcome = site(&[(
        "content/notes.md",
        &page(
            "Notes",
            "Intro.\n\n<div>\n  <img src=\"missing.png\" alt=\"Missing\">\n</div>\n\n\
             See <a href=\"nowhere.md\">this</a> and <a href=\"#no-such-id\">that</a>.\n",
        ),
    )]);
    let report = report(&outcome);
    assert!(outcome.built.is_none(), "{report}");
    assert!(
        report.contains(
            "error[E011]: link to missing file `missing.png`\n --> content/notes.md:8:13"
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "error[E009]: link to missing page `nowhere.md`\n  --> content/notes.md:11:14"
        ),
        "{report}"
    );
    assert!(report.contains("`#no-such-id`"), "{report}");
}

#[test]
fn a_broken_reference_link_is_reported_at_its_definition() {
    let outcome = site(&[(
        "content/notes.md",
        &page(
            "Notes",
            "See [the file][r] and [again][r].\n\n[r]: missing-file.pdf\n",
        ),
    )]);
    let report = report(&outcome);
    // Line 7 is the definition; both uses point there.
    assert!(
        report.contains(
            " --> content/notes.md:7:6\n  |\n7 | [r]: missing-file.pdf\n  |      ^^^^^^^^^^^^^^^^"
        ),
        "{report}"
    );
    assert!(!report.contains("notes.md:5:"), "{report}");
}

#[test]
fn a_link_to_an_html_file_suggests_its_markdown_page() {
    let outcome = site(&[
        (
            "content/a.md",
            &page("A", "See [b](b.html) and [c](sub/c.htm#x).\n"),
        ),
        ("content/b.md", &page("B", "B.\n")),
        ("content/sub/c.md", &page("C", "## X\n")),
    ]);
    let report = report(&outcome);
    assert!(
        report.contains(
            "help: did you mean `b.md`? Link to the Markdown file; trellis writes the page's URL"
        ),
        "{report}"
    );
    assert!(report.contains("did you mean `sub/c.md`?"), "{report}");
}

/// Zola's docs start 129 of 180 pages with a blank line before `+++`:
/// that is front matter, not a rule and text.
#[test]
fn front_matter_after_a_blank_line_is_read() {
    let outcome = site(&[(
        "content/late.md",
        "\n+++\ntitle = \"Late\"\nsummary = \"s\"\n+++\nBody\n",
    )]);
    assert!(outcome.built.is_some(), "{}", report(&outcome));
    let html = text_of(&outcome, "late/index.html");
    assert!(html.contains("<title>Late · T</title>"), "{html}");
    assert!(!html.contains("title = "), "{html}");
}

#[test]
fn sitemap_and_canonical_urls_are_percent_encoded() {
    let outcome = site(&[(
        "content/notes.md",
        "+++\ntitle = \"Заметки\"\nslug = \"заметки\"\nsummary = \"s\"\n+++\nText.\n",
    )]);
    assert!(!outcome.diagnostics.has_errors(), "{}", report(&outcome));
    let sitemap = text_of(&outcome, "sitemap.xml");
    assert!(
        sitemap.contains(
            "<loc>https://example.org/guide/%D0%B7%D0%B0%D0%BC%D0%B5%D1%82%D0%BA%D0%B8/</loc>"
        ),
        "{sitemap}"
    );
    assert!(sitemap.is_ascii(), "{sitemap}");
    let html = text_of(&outcome, "заметки/index.html");
    assert!(
        html.contains("rel=\"canonical\" href=\"https://example.org/guide/%D0%B7"),
        "{html}"
    );
}

#[test]
fn robots_txt_under_a_base_path_says_where_crawlers_look() {
    let outcome = site(&[]);
    let robots = text_of(&outcome, "robots.txt");
    assert!(
        robots.starts_with("# Crawlers read robots.txt only at the root of a host (https://example.org/robots.txt).\n"),
        "{robots}"
    );
    assert!(robots.ends_with("Sitemap: https://example.org/guide/sitemap.xml\n"));
}

#[test]
fn workbook_keeps_raw_html_anchors_unique_and_linked() {
    let ws = |n: &str| {
        format!(
            "+++\ntitle = \"{n}\"\nsummary = \"s\"\n+++\n<a id=\"start\"></a>\n\n[Back to the start](#start)\n\n```answer id=a\nQ?\n```\n"
        )
    };
    let outcome = site(&[
        ("content/worksheets/one.md", &ws("One")),
        ("content/worksheets/two.md", &ws("Two")),
    ]);
    assert!(!outcome.diagnostics.has_errors(), "{}", report(&outcome));
    let workbook = text_of(&outcome, "workbook/index.html");
    let ids: Vec<&str> = workbook
        .match_indices(" id=\"")
        .map(|(i, _)| {
            let rest = &workbook[i + 5..];
            &rest[..rest.find('"').unwrap()]
        })
        .filter(|id| id.ends_with("start"))
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert_ne!(ids[0], ids[1]);
    for id in ids {
        assert!(workbook.contains(&format!("href=\"#{id}\"")), "{id}");
    }
}

/// Links written for GitHub, mdBook or MkDocs: heading ids keep `_` and
/// drop punctuation as those tools' ids do, and a page may be named without
/// `.md` (`getting-started/`), as tools with directory URLs write it.
#[test]
fn links_written_for_other_tools_resolve() {
    let outcome = site(&[
        (
            "content/config.md",
            &page(
                "Config",
                "## site_url\n\n## Localization/Translation\n\n## Q&A\n",
            ),
        ),
        (
            "content/index-of-links.md",
            &page(
                "Links",
                "[a](config.md#site_url), [b](config.md#localizationtranslation), \
                 [c](config.md#qa), [d](config/#site_url), [e](config).\n",
            ),
        ),
    ]);
    assert!(!outcome.diagnostics.has_errors(), "{}", report(&outcome));
    let html = text_of(&outcome, "index-of-links/index.html");
    for href in [
        "/guide/config/#site_url",
        "/guide/config/#localizationtranslation",
        "/guide/config/#qa",
        "/guide/config/",
    ] {
        assert!(html.contains(&format!("href=\"{href}\"")), "{href}: {html}");
    }
    // A fragment is still checked.
    let outcome = site(&[
        ("content/config.md", &page("Config", "## site_url\n")),
        ("content/b.md", &page("B", "[x](config/#site-url)\n")),
    ]);
    assert!(
        report(&outcome).contains("did you mean `#site_url`?"),
        "{}",
        report(&outcome)
    );
}

/// Found by importing real books and READMEs: `[Back to top](#top)` was
/// refused, and so was GitHub's root-relative `/docs/other.md`.
#[test]
fn top_of_page_and_root_relative_markdown_links_resolve() {
    let outcome = site(&[
        (
            "content/readme.md",
            &page(
                "Readme",
                "Text.\n\n[Back to top](#top) [up](#) [Top](#TOP)\n\n\
                 [Install](/docs/install.md#install) [Again](/content/docs/install.md)\n",
            ),
        ),
        (
            "content/docs/install.md",
            &page("Install", "## Install\n\nSteps.\n"),
        ),
    ]);
    assert!(outcome.built.is_some(), "{}", report(&outcome));
    let html = text_of(&outcome, "readme/index.html");
    assert!(html.contains("<a href=\"#top\">Back to top</a>"), "{html}");
    assert!(
        html.contains("<a href=\"/guide/docs/install/#install\">Install</a>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"/guide/docs/install/\">Again</a>"),
        "{html}"
    );
    // A missing one is read from `content/` too, and says so.
    let outcome = site(&[("content/readme.md", &page("Readme", "[x](/docs/nope.md)\n"))]);
    let report = report(&outcome);
    assert!(
        report.contains("error[E009]: link to missing page `/docs/nope.md`"),
        "{report}"
    );
    assert!(report.contains("is read from `content/`"), "{report}");
}

/// Found by importing real docs: `01-`, `02-` pages came out by title, a
/// numbered folder kept its number in its URL and title, and `1.0.md`
/// and `2.0.md` both became `/0/`.
#[test]
fn number_prefixes_order_pages_and_sections_and_numbers_stay_names() {
    let outcome = site(&[
        ("content/docs/01-zebra.md", &page("Zebra", "First.\n")),
        ("content/docs/02-apple.md", &page("Apple", "Second.\n")),
        ("content/docs/03-mango.md", &page("Mango", "Third.\n")),
        ("content/02-usage/u.md", &page("U", "Text.\n")),
        ("content/01-basics/b.md", &page("B", "Text.\n")),
        ("content/releases/1.0.md", &page("Release 1.0", "Text.\n")),
        ("content/releases/2.0.md", &page("Release 2.0", "Text.\n")),
    ]);
    assert!(outcome.built.is_some(), "{}", report(&outcome));
    let docs = text_of(&outcome, "docs/index.html");
    let at = |s: &str, what: &str| s.find(what).unwrap_or_else(|| panic!("{what}: {s}"));
    assert!(at(&docs, ">Zebra<") < at(&docs, ">Apple<"));
    assert!(at(&docs, ">Apple<") < at(&docs, ">Mango<"));
    let home = text_of(&outcome, "index.html");
    assert!(
        at(&home, "/guide/basics/") < at(&home, "/guide/usage/"),
        "{home}"
    );
    assert!(
        home.contains(">Basics<") && home.contains(">Usage<"),
        "{home}"
    );
    for path in [
        "releases/1-0/index.html",
        "releases/2-0/index.html",
        "usage/u/index.html",
    ] {
        text_of(&outcome, path);
    }
}

/// Found by importing real books: mdBook's `cargo.md` beside `cargo/` was
/// E005 (both written to `/cargo/`), and a folder's `README.md` became
/// `/theme/readme/` while `/theme/` was a made-up list of its pages.
#[test]
fn a_folder_takes_its_page_as_other_tools_write_it() {
    let outcome = render_sources(
        CONFIG,
        &[
            (
                "content/README.md".to_string(),
                "# Book\n\nWelcome to the book.\n".to_string(),
            ),
            (
                "content/cargo.md".to_string(),
                "# Cargo\n\nAbout cargo. [Deps](cargo/deps.md)\n".to_string(),
            ),
            (
                "content/cargo/deps.md".to_string(),
                "# Deps\n\nDependencies. [Up](../cargo.md)\n".to_string(),
            ),
            (
                "content/theme/README.md".to_string(),
                "# Theme\n\nHow to theme.\n".to_string(),
            ),
            (
                "content/theme/fonts.md".to_string(),
                "# Fonts\n\nFonts. [Theme](README.md)\n".to_string(),
            ),
            (
                "content/kept/_index.md".to_string(),
                page("Kept", "The section page.\n"),
            ),
            (
                "content/kept/README.md".to_string(),
                "# Kept readme\n\nA page.\n".to_string(),
            ),
        ],
        false,
    );
    assert!(outcome.built.is_some(), "{}", report(&outcome));
    assert!(text_of(&outcome, "index.html").contains("Welcome to the book."));
    let cargo = text_of(&outcome, "cargo/index.html");
    assert!(
        cargo.contains("About cargo.") && cargo.contains("/guide/cargo/deps/"),
        "{cargo}"
    );
    assert!(text_of(&outcome, "cargo/deps/index.html").contains("href=\"/guide/cargo/\""));
    let theme = text_of(&outcome, "theme/index.html");
    assert!(
        theme.contains("How to theme.") && theme.contains("/guide/theme/fonts/"),
        "{theme}"
    );
    assert!(text_of(&outcome, "theme/fonts/index.html").contains("href=\"/guide/theme/\""));
    // `_index.md` comes first; a README beside it is a page of its own.
    assert!(text_of(&outcome, "kept/index.html").contains("The section page."));
    assert!(text_of(&outcome, "kept/readme/index.html").contains("A page."));
}

/// Found by importing translated READMEs: a language bar or a logo above
/// `# Title` gave E004 with no line, and a hint to do what was done.
#[test]
fn a_title_heading_after_other_text_is_pointed_at() {
    let outcome = site(&[
        (
            "content/langbar.md",
            "[English](langbar.md) | [Other](html.md)\n\n# My Project\n\nText.\n",
        ),
        (
            "content/html.md",
            "<h1 align=\"center\">My Project</h1>\n\nText.\n",
        ),
    ]);
    let report = report(&outcome);
    assert!(
        report.contains("error[E004]: page has no title\n --> content/langbar.md:3:1"),
        "{report}"
    );
    assert!(
        report.contains("this heading is not the title, as something comes before it"),
        "{report}"
    );
    assert!(
        report.contains("an HTML `<h1>` is not read as the title"),
        "{report}"
    );
}

/// Found by importing Hugo's and Zola's docs: `/commands/hugo_mod/` (the
/// file's path, which Hugo publishes) and Zola's `@/docs/page.md` were
/// refused though the pages exist; and a broken link's column pointed into
/// the link's text when the text named the target.
#[test]
fn links_by_file_path_and_zola_root_resolve_and_errors_point_at_the_target() {
    let outcome = site(&[
        ("content/commands/hugo_mod.md", &page("Mod", "Text.\n")),
        ("content/docs/page.md", &page("Page", "## Part\n\nText.\n")),
        (
            "content/commands/hugo.md",
            &page(
                "Hugo",
                "[a](/commands/hugo_mod/) [b](@/docs/page.md#part) [c](/docs)\n",
            ),
        ),
    ]);
    assert!(outcome.built.is_some(), "{}", report(&outcome));
    let html = text_of(&outcome, "commands/hugo/index.html");
    for href in [
        "/guide/commands/hugo-mod/",
        "/guide/docs/page/#part",
        "/guide/docs/",
    ] {
        assert!(html.contains(&format!("href=\"{href}\"")), "{href}: {html}");
    }
    let outcome = site(&[(
        "content/notes.md",
        &page("Notes", "See [the setup page](setup) and `<h1>`.\n"),
    )]);
    let report = report(&outcome);
    assert!(
        report.contains("error[E011]: link to missing file `setup`\n --> content/notes.md:5:22"),
        "{report}"
    );
}
