//! trellis's integration tests: one binary, one module per area.
//!
//! Fixture sites live in `tests/fixtures/` (`valid/` with an `expected/`
//! tree, `invalid/` with an `expected.txt` of the diagnostics). Set
//! `TRELLIS_BLESS=1` to rewrite the expectations from the current output,
//! then review the diff.

mod cli;
mod commonmark;
mod fixtures;
mod guide;
mod markdown;
mod pdf;
mod properties;
mod serve;
mod serve_load;
mod support;
