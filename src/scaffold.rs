//! Scaffold: `trellis new DIR` writes a small guide that builds as it is.
//!
//! Two steps, one worksheet, the built-in default theme. It refuses a folder
//! that already has files in it, so it never overwrites anyone's work.

use std::fs;
use std::path::Path;

use crate::diagnostics::{Code, Diagnostic, Location};

const FILES: &[(&str, &str)] = &[
    (
        "guide.toml",
        r#"title = "My Guide"
base_url = "https://example.org/"
description = "A step-by-step guide made with trellis."
language = "en"
author = ""
# theme = "default"
# partner_labels = ["Partner A", "Partner B"]
# safety_page = "safety.md"

[extra]
"#,
    ),
    (
        "content/_index.md",
        r#"+++
title = "My Guide"
summary = "What this guide is for, in one sentence."
+++

Welcome. This guide has two steps. Read a step, then fill in its worksheet.

- [Step 1: Get started](steps/01-get-started.md)
- [Step 2: Keep going](steps/02-keep-going.md)
"#,
    ),
    (
        "content/steps/01-get-started.md",
        r#"+++
title = "Get started"
summary = "The first step."
worksheet = "first-worksheet"
+++

## What to do

Write what this step asks of the reader here.

When you are ready, open [the first worksheet](../worksheets/first-worksheet.md).
"#,
    ),
    (
        "content/steps/02-keep-going.md",
        r#"+++
title = "Keep going"
summary = "The second step."
worksheet = "first-worksheet"
+++

## What to do next

Steps are ordered by the number at the start of their file name.
Go back to [step 1](01-get-started.md#what-to-do) at any time.
"#,
    ),
    (
        "content/worksheets/first-worksheet.md",
        r#"+++
title = "First worksheet"
summary = "Fill it in on screen or print it."
+++

Answers typed here stay in this browser on this device.

```field id=date
Date
```

```answer id=thoughts lines=4
What is on your mind as you start?
```

```scale id=ready min=0 max=10 low="Not at all" high="Completely"
How ready do you feel?
```

- [ ] Read step 1
- [ ] Talk it over

```signature
```
"#,
    ),
];

/// Create a new guide in `dir`.
pub fn new_guide(dir: &Path) -> Result<(), Diagnostic> {
    let shown = dir.display().to_string();
    if dir.exists() && !dir.is_dir() {
        return Err(Diagnostic::new(
            Code::Output,
            format!("`{shown}` exists and is not a folder"),
        )
        .hint("choose a new folder name; trellis new never overwrites files"));
    }
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(Diagnostic::new(
                Code::Output,
                format!("`{shown}` already exists and is not empty"),
            )
            .hint("choose a new folder name; trellis new never overwrites files"));
        }
    }
    for (path, text) in FILES {
        let target = dir.join(path);
        let write = || -> std::io::Result<()> {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&target, text)
        };
        write().map_err(|e| {
            Diagnostic::new(Code::Output, format!("cannot write: {e}"))
                .at(Location::file(target.display().to_string()))
        })?;
    }
    Ok(())
}
