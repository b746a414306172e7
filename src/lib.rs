//! trellis: a static site generator for step-by-step guides with exercise
//! worksheets.
//!
//! The library is a pipeline of plain stages, in reading order:
//! [`config`] → [`load`] → [`frontmatter`] → [`markdown`] (with
//! [`worksheet`] blocks) → [`site`] (sections, steps, links) → [`lint`] →
//! [`render`] (Tera, through the [`view`] models) → [`output`] (the one
//! writer). [`pipeline`] strings them together; the `trellis` binary is a
//! thin command line over it. See `ARCHITECTURE.md`.

pub mod config;
pub mod diagnostics;
pub mod frontmatter;
pub mod incremental;
pub mod lint;
pub mod load;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod text;
pub mod view;
pub mod worksheet;
