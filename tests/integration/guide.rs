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

/// The theme's CSS and JavaScript get content-hashed names in a build (the
/// hashed copy has the same bytes; the plain name stays for links written
/// by hand); an edit changes the name; the site's own `static/` files keep
/// their names unless a template asks with `hash=true`.
#[test]
fn theme_assets_get_content_hashed_names_and_site_files_keep_theirs() {
    let dir = guide_copy();
    let root = dir.path();
    fs::create_dir_all(root.join("static/js")).unwrap();
    fs::write(root.join("static/js/extra.js"), "console.log(1);\n").unwrap();
    fs::create_dir_all(root.join("templates/partials")).unwrap();
    let base = fs::read_to_string(root.join("themes/default/templates/base.html")).unwrap();
    let with_extra = base.replace(
        "</head>",
        "<script src=\"{{ asset(path='js/extra.js') }}\"></script>\n<script src=\"{{ asset(path='js/extra.js', hash=true) }}\"></script>\n</head>",
    );
    fs::write(root.join("templates/base.html"), &with_extra).unwrap();
    let bytes = |built: &trellis::pipeline::Built, path: &str| -> Vec<u8> {
        match &built
            .rendered
            .get(path)
            .unwrap_or_else(|| panic!("{path} is written"))
            .contents
        {
            trellis::render::Contents::Bytes(b) => b.clone(),
            trellis::render::Contents::Copy(trellis::load::StaticSource::Disk(p)) => {
                fs::read(p).unwrap()
            }
            trellis::render::Contents::Copy(trellis::load::StaticSource::Embedded(b)) => b.to_vec(),
        }
    };
    let hashed_css = |html: &str| -> String {
        let at = html
            .find("href=\"/css/trellis.")
            .expect("the stylesheet link")
            + 6;
        html[at..at + html[at..].find('"').unwrap()]
            .trim_start_matches('/')
            .to_string()
    };
    let outcome = pipeline::render_in_memory(root, None, false);
    let built = outcome.built.expect("builds");
    let home = String::from_utf8(bytes(&built, "index.html")).unwrap();
    let css = hashed_css(&home);
    assert!(
        regex_like_hash(&css, "css/trellis.", ".css"),
        "the stylesheet is named by its hash: {css}"
    );
    assert_eq!(bytes(&built, &css), bytes(&built, "css/trellis.css"));
    assert!(
        home.contains(r#"<script src="/js/extra.js"></script>"#),
        "a site file keeps its name"
    );
    let asked = home
        .split("<script src=\"/js/extra.")
        .nth(2)
        .map(|rest| format!("js/extra.{}", &rest[..rest.find('"').unwrap()]))
        .expect("a second script tag for extra.js");
    assert!(
        regex_like_hash(&asked, "js/extra.", ".js"),
        "hash=true names it by its hash: {asked}"
    );
    assert_eq!(bytes(&built, &asked), b"console.log(1);\n");

    // An edit to the theme's stylesheet changes the name.
    let sheet = root.join("themes/default/static/css/trellis.css");
    let mut text = fs::read_to_string(&sheet).unwrap();
    text.push_str("\n/* edited */\n");
    fs::write(&sheet, text).unwrap();
    let built = pipeline::render_in_memory(root, None, false)
        .built
        .expect("builds");
    let again = hashed_css(&String::from_utf8(bytes(&built, "index.html")).unwrap());
    assert_ne!(again, css, "a changed stylesheet gets a new name");
}

/// `prefix` + 16 hex digits + `suffix`.
fn regex_like_hash(name: &str, prefix: &str, suffix: &str) -> bool {
    name.strip_prefix(prefix)
        .and_then(|r| r.strip_suffix(suffix))
        .is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}
