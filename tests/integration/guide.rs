//! The bundled "Rebuilding Trust" guide: it builds cleanly, completely,
//! deterministically, and with no broken link under any base URL.

use std::fs;

use trellis::diagnostics::{Style, render_report};
use trellis::pipeline::{self, BuildOptions};

use crate::support::{broken_links, guide_copy, repo_root, tree};

fn build_guide(base_url: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf) {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("public");
    let outcome = pipeline::build(&BuildOptions {
        root: repo_root(),
        output: out.clone(),
        base_url: base_url.map(str::to_string),
        drafts: false,
        pdf: false,
    });
    let report = render_report(&outcome.diagnostics, Style::Plain);
    assert!(outcome.built.is_some(), "{report}");
    assert!(
        outcome.diagnostics.is_empty(),
        "the guide must build with no errors or warnings:\n{report}"
    );
    (out_dir, out)
}

#[test]
fn guide_builds_every_page() {
    let (_keep, out) = build_guide(None);
    let files = tree(&out);
    for page in [
        "index.html",
        "what-breaks-trust/index.html",
        "can-trust-be-rebuilt/index.html",
        "safety/index.html",
        "steps/index.html",
        "worksheets/index.html",
        "workbook/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(files.contains(&page.to_string()), "missing {page}");
    }
    let steps = files
        .iter()
        .filter(|f| {
            f.starts_with("steps/")
                && f.ends_with("/index.html")
                && f.as_str() != "steps/index.html"
        })
        .count();
    let sheets = files
        .iter()
        .filter(|f| {
            f.starts_with("worksheets/")
                && f.ends_with("/index.html")
                && f.as_str() != "worksheets/index.html"
        })
        .count();
    assert_eq!((steps, sheets), (7, 7));
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://example.org/steps/communicate/</loc>"),
        "{sitemap}"
    );
    let robots = fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://example.org/sitemap.xml"));
}

#[test]
fn guide_has_no_broken_links_at_root() {
    let (_keep, out) = build_guide(None);
    assert_eq!(broken_links(&out, "/"), Vec::<String>::new());
}

#[test]
fn guide_has_no_broken_links_under_a_base_path() {
    let (_keep, out) = build_guide(Some("https://example.org/guide/"));
    assert_eq!(broken_links(&out, "/guide/"), Vec::<String>::new());
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("href=\"/guide/steps/commit-as-a-team/\""));
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://example.org/guide/safety/</loc>"));
}

#[test]
fn guide_build_is_deterministic() {
    let (_a, one) = build_guide(None);
    let (_b, two) = build_guide(None);
    let files = tree(&one);
    assert_eq!(files, tree(&two));
    for f in files {
        assert!(
            fs::read(one.join(&f)).unwrap() == fs::read(two.join(&f)).unwrap(),
            "{f} differs between builds"
        );
    }
}

#[test]
fn step_pages_show_progress_and_neighbours() {
    let (_keep, out) = build_guide(None);
    let html = fs::read_to_string(out.join("steps/communicate/index.html")).unwrap();
    assert!(html.contains("Step 3 of 7"), "no progress on step 3");
    assert!(html.contains("/steps/apologize-and-forgive/"));
    assert!(html.contains("/steps/reflect-on-yourself/"));
    assert!(html.contains("/worksheets/weekly-check-in/"));
    assert!(html.contains("aria-current=\"page\""));
}

#[test]
fn guide_makes_no_request_to_another_host() {
    let (_keep, out) = build_guide(None);
    for f in tree(&out)
        .iter()
        .filter(|f| f.ends_with(".html") || f.ends_with(".css") || f.ends_with(".js"))
    {
        let text = fs::read_to_string(out.join(f)).unwrap();
        for url in crate::support::attr_values(&text, &["src"]) {
            assert!(!url.contains("//"), "{f} loads {url} from another host");
        }
        for tag in text.match_indices("<link ") {
            let end = text[tag.0..].find('>').unwrap() + tag.0;
            let link = &text[tag.0..end];
            if link.contains("stylesheet") || link.contains("preload") || link.contains("icon") {
                assert!(
                    !link.contains("href=\"http") && !link.contains("href=\"//"),
                    "{f}: {link}"
                );
            }
        }
        assert!(
            !text.contains("@import url(http"),
            "{f} imports from another host"
        );
    }
}

/// The guide in a copy: editing one file breaks the build with file and line.
#[test]
fn broken_guide_page_names_file_and_line() {
    let site = guide_copy();
    let step = site.path().join("content/steps/03-communicate.md");
    let text = fs::read_to_string(&step).unwrap();
    fs::write(
        &step,
        text.replacen(
            "worksheet = \"weekly-check-in\"",
            "worksheet = \"weekly-chek-in\"",
            1,
        ),
    )
    .unwrap();
    let outcome = pipeline::render_in_memory(site.path(), None, false);
    let report = render_report(&outcome.diagnostics, Style::Plain);
    assert!(outcome.built.is_none());
    assert!(
        report.contains("error[E008]: unknown worksheet `weekly-chek-in`"),
        "{report}"
    );
    assert!(
        report.contains("content/steps/03-communicate.md:4:1"),
        "{report}"
    );
    assert!(
        report.contains("did you mean `weekly-check-in`?"),
        "{report}"
    );
}

/// Readers may be in danger: every page of the guide links to the safety page.
#[test]
fn every_page_links_to_safety() {
    let (_keep, out) = build_guide(None);
    for f in tree(&out).iter().filter(|f| f.ends_with(".html")) {
        let html = fs::read_to_string(out.join(f)).unwrap();
        assert!(
            html.contains("href=\"/safety/\""),
            "{f} has no link to the safety page"
        );
    }
}

#[test]
fn no_page_has_a_duplicate_id() {
    let (_keep, out) = build_guide(None);
    for f in tree(&out).iter().filter(|f| f.ends_with(".html")) {
        let html = fs::read_to_string(out.join(f)).unwrap();
        let mut ids = crate::support::attr_values(&html, &["id"]);
        let total = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), total, "{f} repeats an id");
    }
}

/// A picture for link previews: `social_image` in `[extra]`, a file in
/// `static/`, becomes an absolute `og:image` and a large Twitter card; a
/// missing one is a template error naming it.
#[test]
fn a_social_image_is_absolute_in_every_page_and_a_missing_one_is_an_error() {
    let dir = guide_copy();
    let root = dir.path();
    let config = root.join("guide.toml");
    let text = fs::read_to_string(&config).unwrap();
    let with_image = if text.contains("[extra]") {
        text.replace("[extra]", "[extra]\nsocial_image = \"img/cover page.png\"")
    } else {
        format!("{text}\n[extra]\nsocial_image = \"img/cover page.png\"\n")
    };
    fs::write(&config, &with_image).unwrap();
    let outcome = pipeline::render_in_memory(root, Some("https://example.org/guide/"), false);
    let report = render_report(&outcome.diagnostics, Style::Plain);
    assert!(
        outcome.built.is_none(),
        "a missing image must fail:\n{report}"
    );
    assert!(report.contains("img/cover page.png"), "{report}");

    fs::create_dir_all(root.join("static/img")).unwrap();
    fs::write(root.join("static/img/cover page.png"), b"\x89PNG\r\n").unwrap();
    let outcome = pipeline::render_in_memory(root, Some("https://example.org/guide/"), false);
    let built = outcome.built.expect("builds with the image");
    for page in ["index.html", "steps/communicate/index.html"] {
        let html = match &built.rendered.get(page).unwrap().contents {
            trellis::render::Contents::Bytes(b) => String::from_utf8(b.clone()).unwrap(),
            _ => unreachable!(),
        };
        assert!(
            html.contains(r#"<meta property="og:image" content="https://example.org/guide/img/cover%20page.png">"#),
            "{page}"
        );
        assert!(html.contains(r#"<meta name="twitter:card" content="summary_large_image">"#));
    }
}

/// A worksheet page ends with a way onward: back to its step and on to the
/// next; the worksheets list says how much there is to fill in, not a
/// reading time.
#[test]
fn worksheets_lead_back_to_their_step_and_say_what_to_fill_in() {
    let (_keep, out) = build_guide(None);
    let page = fs::read_to_string(out.join("worksheets/weekly-check-in/index.html")).unwrap();
    let end = &page[page.rfind("data-worksheet=").unwrap()..];
    assert!(
        end.contains(r#"<a class="pager-link pager-prev" href="/steps/communicate/">"#),
        "{end}"
    );
    assert!(
        end.contains(r#"href="/steps/reflect-on-yourself/""#),
        "{end}"
    );
    // The last step's worksheet has no next step to offer.
    let last = fs::read_to_string(out.join("worksheets/trust-journal/index.html")).unwrap();
    let end = &last[last.rfind("data-worksheet=").unwrap()..];
    assert!(
        end.contains("pager-prev") && !end.contains("pager-next"),
        "{end}"
    );
    let list = fs::read_to_string(out.join("worksheets/index.html")).unwrap();
    assert!(list.contains("things to fill in</p>"), "{list}");
    assert!(!list.contains("min</p>"), "{list}");
}
