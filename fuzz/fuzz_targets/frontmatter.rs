//! Front matter splitting and parsing: any text gives front matter and a
//! body, or one diagnostic, never a panic; the body is a suffix of the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(parsed) = trellis::frontmatter::parse("content/page.md", text) {
        assert!(parsed.body_offset <= text.len());
        assert_eq!(&text[parsed.body_offset..], parsed.body);
        for (_, span) in &parsed.keys {
            assert!(span.start <= span.end && span.end <= text.len());
        }
    }
});
