//! The Markdown stage of one page, as a worksheet (first byte odd) or a
//! plain page: never a panic, no NUL or forged link placeholder in the
//! HTML, every link offset inside the file, and, when the page has no
//! errors (a page with errors is never written), no id used twice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trellis::markdown::{Input, render};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    // What the loader does to every file before this stage sees it.
    let text = text.replace(['\0', '\u{1}'], "\u{fffd}");
    let words = trellis::worksheet::BlockWords::default();
    let r = render(&Input {
        file: "content/worksheets/sheet.md",
        file_text: &text,
        body: &text,
        body_offset: 0,
        worksheet: (first % 2 == 1).then_some("sheet"),
        id_prefix: "",
        words: &words,
        take_title: first % 4 < 2,
    });
    assert!(!r.html.contains('\0'));
    // Placeholders are `\u{1}N\u{1}` with N a link's index, nothing else.
    for (i, part) in r.html.split('\u{1}').enumerate() {
        if i % 2 == 1 {
            let n: usize = part.parse().expect("a placeholder holds a number");
            assert!(n < r.links.len());
        }
    }
    for link in &r.links {
        assert!(link.offset + link.length <= text.len());
    }
    if r.diagnostics.has_errors() {
        return;
    }
    let mut ids = std::collections::HashSet::new();
    for (i, _) in r.html.match_indices(" id=\"") {
        // Only inside a tag: text never holds a raw `<` or `>`, but it may
        // hold ` id="` (a quote needs no escaping in text).
        let before = &r.html[..i];
        if before.rfind('<') <= before.rfind('>') {
            continue;
        }
        let rest = &r.html[i + 5..];
        let id = &rest[..rest.find('"').unwrap_or(rest.len())];
        // Raw HTML in the input may repeat its own ids; ours never do.
        if !text.contains(&format!("id=\"{id}\"")) && !text.contains(&format!("id={id}")) {
            assert!(ids.insert(id.to_string()), "id {id:?} twice");
        }
    }
});
