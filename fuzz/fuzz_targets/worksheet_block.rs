//! Worksheet blocks: the first line is a fenced block's info string, the
//! rest its body. Classifying, parsing and rendering never panic; a parsed
//! block has a valid id, and its names and element ids are what rendering
//! writes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trellis::worksheet::{Fence, classify, parse_block, render_block};

fuzz_target!(|text: &str| {
    let (info, body) = text.split_once('\n').unwrap_or((text, ""));
    let Fence::Block(kind, attrs) = classify(info) else {
        return;
    };
    let column = info.trim_start().chars().count() - attrs.chars().count();
    match parse_block(kind, attrs, column, body) {
        Ok(block) => {
            assert!(!block.id.is_empty());
            let words = trellis::worksheet::BlockWords::default();
            let html = render_block(&block, "sheet", "prompt", &words);
            for name in block.field_names() {
                assert!(
                    html.contains(&format!("data-ws-field=\"{name}\"")),
                    "{name} not rendered"
                );
            }
            for id in block.element_ids() {
                assert!(
                    html.contains(&format!("id=\"ws-sheet-{id}\"")),
                    "{id} not rendered"
                );
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in errors {
                assert!(
                    e.column <= info.chars().count() + 1,
                    "column {} past the info string",
                    e.column
                );
            }
        }
    }
});
