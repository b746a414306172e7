//! The dev server's request-path decoding: whatever a client sends, an
//! accepted path is relative, with no `.` or `..` segment, no backslash,
//! NUL or colon, so it can only name a file of the built site.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|path: &str| {
    if let Ok(rel) = trellis::serve::decode_request_path(path) {
        assert!(!rel.starts_with('/'), "{rel:?} is absolute");
        assert!(!rel.contains(['\\', '\0', ':']), "{rel:?}");
        for segment in rel.split('/') {
            assert!(segment != ".." && segment != ".", "{rel:?} climbs");
        }
    }
});
