//! trellis: a static site generator for step-by-step guides with exercise
//! worksheets.
//!
//! The library is a pipeline of plain stages, in reading order:
//! [`config`] → [`load`] → [`frontmatter`] → [`markdown`] (with
//! [`worksheet`] blocks) → [`site`] (sections, steps, links) → [`lint`] →
//! [`render`] (Tera, through the [`view`] models) → [`output`] (the one
//! writer). [`pipeline`] strings them together; the `trellis` binary is a
//! thin command line over it. See `ARCHITECTURE.md`.

//!
//! The public API is what the binary, the tests, the benchmarks and the
//! fuzz targets use: [`pipeline`] (build, check, the in-memory entry),
//! [`diagnostics`], [`serve`], [`scaffold`], the rendered files' types in
//! [`render`] and [`load`], and the per-page stages the fuzz targets drive
//! ([`frontmatter::parse`], [`markdown::render`], [`worksheet`]). Everything
//! else is `pub(crate)`.

pub(crate) mod config;
pub mod diagnostics;
pub mod frontmatter;
pub(crate) mod i18n;
pub(crate) mod incremental;
pub(crate) mod languages;
pub(crate) mod lint;
pub mod load;
pub mod markdown;
pub(crate) mod output;
pub(crate) mod pdf;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub(crate) mod search;
pub mod serve;
pub(crate) mod shelf;
pub(crate) mod site;
pub(crate) mod text;
pub(crate) mod view;
pub mod worksheet;
