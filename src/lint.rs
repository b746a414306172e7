//! Lint: guide-aware warnings over the finished site model.
//!
//! Things that build fine but make a weaker guide: a step with no worksheet,
//! a worksheet no step uses, a page with no summary or no words, two pages
//! with the same title. (Warnings found while rendering Markdown, such as
//! missing alt text, come from the Markdown stage.) Pure: reads the model,
//! returns diagnostics.

use std::collections::HashMap;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};
use crate::site::{PageKind, Site};

pub(crate) fn lint(site: &Site) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for &s in &site.steps {
        let p = &site.pages[s];
        if p.worksheet.is_none() {
            diags.push(
                Diagnostic::new(
                    Code::StepWithoutWorksheet,
                    format!("step {} has no worksheet", p.step.unwrap_or(0)),
                )
                .at(Location::file(&p.source))
                .hint("name one in front matter, e.g. `worksheet = \"weekly-check-in\"`"),
            );
        }
    }
    for &w in &site.worksheets {
        if site.step_for_worksheet(w).is_none() {
            let p = &site.pages[w];
            diags.push(
                Diagnostic::new(
                    Code::UnusedWorksheet,
                    format!("no step uses the worksheet `{}`", p.slug),
                )
                .at(Location::file(&p.source))
                .hint(format!(
                    "add `worksheet = \"{}\"` to the front matter of the step it belongs to",
                    p.slug
                )),
            );
        }
    }
    let mut titles: HashMap<String, &str> = HashMap::new();
    for p in &site.pages {
        if !p.has_text {
            continue; // a section folder with no `_index.md`
        }
        if !p.has_summary && p.kind != PageKind::Section {
            diags.push(
                Diagnostic::new(Code::NoSummary, "page has no summary")
                    .at(Location::file(&p.source))
                    .hint("add `summary = \"…\"`: it is shown in lists, link previews and search results"),
            );
        }
        if p.rendered.word_count == 0 && !p.rendered.shows_something && p.kind != PageKind::Section
        {
            diags.push(
                Diagnostic::new(Code::EmptyPage, "page is empty")
                    .at(Location::file(&p.source))
                    .hint("write the page, or mark it `draft = true` until it is ready"),
            );
        }
        let key = p.title.trim().to_lowercase();
        if let Some(first) = titles.get(&key) {
            diags.push(
                Diagnostic::new(
                    Code::DuplicateTitle,
                    format!("the title `{}` is also used by `{first}`", p.title),
                )
                .at(site.title_location(p))
                .hint("give each page its own title so readers can tell them apart"),
            );
        } else {
            titles.insert(key, &p.source);
        }
    }
    diags
}
