//! Diagnostics: the one error type every stage reports through.
//!
//! A [`Diagnostic`] carries a severity, a stable code (`E0xx`/`W0xx`, listed in
//! `docs/diagnostics.md`), a message, an optional [`Location`] with the source
//! line it points into, and an optional hint. Stages never stop at the first
//! problem: they push into a [`Diagnostics`] list and carry on with what they
//! can, so one run reports everything. The same values feed the terminal
//! (rendered with `annotate-snippets`), `--format json`, and the dev server's
//! in-browser overlay.

use std::fmt;
use std::path::Path;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// Where in a source file a diagnostic points. Lines and columns are 1-based;
/// columns count characters, not bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// Characters underlined from `column` (at least 1).
    pub length: usize,
    /// The full text of `line`, for the snippet.
    pub source_line: String,
}

impl Location {
    /// A location with no line: the whole file.
    pub fn file(file: impl Into<String>) -> Location {
        Location {
            file: file.into(),
            line: 0,
            column: 0,
            length: 0,
            source_line: String::new(),
        }
    }

    /// The location of `len` bytes at byte `offset` in `text`. Offsets past the
    /// end, or inside a character, are clamped, never a panic.
    pub fn at_offset(file: impl Into<String>, text: &str, offset: usize, len: usize) -> Location {
        // One location in a text: index only the lines before it.
        let mut at = offset.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        LineIndex::new(&text[..at]).location(file, text, offset, len)
    }

    /// Where `key` is written, from a parser's key spans (byte ranges of
    /// `key = value` in `text`); the whole file when the key is not there.
    pub fn of_key(
        keys: &[(String, std::ops::Range<usize>)],
        file: &str,
        text: &str,
        key: &str,
    ) -> Location {
        match keys.iter().find(|(k, _)| k == key) {
            Some((_, span)) => Location::at_offset(file, text, span.start, span.len()),
            None => Location::file(file),
        }
    }

    /// The location of line `line` (1-based), column `column` (1-based chars).
    pub fn at_line(
        file: impl Into<String>,
        text: &str,
        line: usize,
        column: usize,
        len: usize,
    ) -> Location {
        let source_line = text
            .split('\n')
            .nth(line.saturating_sub(1))
            .unwrap_or("")
            .trim_end_matches('\r')
            .to_string();
        Location {
            file: file.into(),
            line,
            column: column.max(1),
            length: len.max(1),
            source_line,
        }
    }
}

/// Every diagnostic trellis reports, by meaning. Each has a stable code
/// (`E001`, `W003`, …) that `docs/diagnostics.md` explains; errors start
/// with `E` and stop a build, warnings start with `W`. A closed set, so a
/// test can check that every one is documented and produced by a fixture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// E001: `guide.toml` (or `--base-url`) is wrong.
    Config,
    /// E002: front matter is not closed or not fenced right.
    FrontMatterFence,
    /// E003: front matter is invalid or has a field the page cannot have.
    FrontMatter,
    /// E004: a page has no title.
    NoTitle,
    /// E005: two things would be written to the same place, or a bad slug.
    PathClash,
    /// E006: step numbers do not run 1, 2, 3….
    StepNumbers,
    /// E007: two steps have the same number.
    StepTwice,
    /// E008: a step names a worksheet that does not exist.
    UnknownWorksheet,
    /// E009: a link to a missing page, or out of the guide.
    MissingPage,
    /// E010: a link to a missing heading.
    MissingAnchor,
    /// E011: a link to a missing file.
    MissingFile,
    /// E012: a bad worksheet block.
    WorksheetBlock,
    /// E013: a template error.
    Template,
    /// E014: a file cannot be read.
    Unreadable,
    /// E015: the output folder was refused or could not be written.
    Output,
    /// E016: the theme does not exist.
    ThemeNotFound,
    /// E017: the dev server cannot start.
    Server,
    /// E018: trellis itself failed (a bug): the dev server caught a panic.
    Internal,
    /// E019: a message table (`.ftl`, or messages in `guide.toml`) is wrong.
    Messages,
    /// E020: PDFs were asked for and cannot be made (no Chromium, or it failed).
    Pdf,
    /// W001: an image without alt text.
    NoAltText,
    /// W002: a heading level is skipped.
    SkippedHeading,
    /// W003: a step without a worksheet.
    StepWithoutWorksheet,
    /// W004: a worksheet no step uses.
    UnusedWorksheet,
    /// W005: a page without a summary.
    NoSummary,
    /// W006: a link to a draft.
    LinkToDraft,
    /// W007: a raw `<script>` in content.
    ScriptInContent,
    /// W008: an empty page.
    EmptyPage,
    /// W009: two pages share a title.
    DuplicateTitle,
    /// W010: a worksheet block outside a worksheet.
    BlockOutsideWorksheet,
    /// W011: a language lacks messages, which are shown in English.
    MissingMessages,
    /// W012: a page has no translation in one of the guide's languages.
    MissingTranslation,
    /// W013: a worksheet's translations store different fields.
    TranslationFieldsDiffer,
    /// W014: something written for another tool, or read in a way its
    /// author likely did not mean, will not show as written.
    NotAsWritten,
}

impl Code {
    /// Every code, in code order.
    pub const ALL: &'static [Code] = &[
        Code::Config,
        Code::FrontMatterFence,
        Code::FrontMatter,
        Code::NoTitle,
        Code::PathClash,
        Code::StepNumbers,
        Code::StepTwice,
        Code::UnknownWorksheet,
        Code::MissingPage,
        Code::MissingAnchor,
        Code::MissingFile,
        Code::WorksheetBlock,
        Code::Template,
        Code::Unreadable,
        Code::Output,
        Code::ThemeNotFound,
        Code::Server,
        Code::Internal,
        Code::Messages,
        Code::Pdf,
        Code::NoAltText,
        Code::SkippedHeading,
        Code::StepWithoutWorksheet,
        Code::UnusedWorksheet,
        Code::NoSummary,
        Code::LinkToDraft,
        Code::ScriptInContent,
        Code::EmptyPage,
        Code::DuplicateTitle,
        Code::BlockOutsideWorksheet,
        Code::MissingMessages,
        Code::MissingTranslation,
        Code::TranslationFieldsDiffer,
        Code::NotAsWritten,
    ];

    /// The stable code people and tools see: `E001`.
    pub fn id(self) -> &'static str {
        match self {
            Code::Config => "E001",
            Code::FrontMatterFence => "E002",
            Code::FrontMatter => "E003",
            Code::NoTitle => "E004",
            Code::PathClash => "E005",
            Code::StepNumbers => "E006",
            Code::StepTwice => "E007",
            Code::UnknownWorksheet => "E008",
            Code::MissingPage => "E009",
            Code::MissingAnchor => "E010",
            Code::MissingFile => "E011",
            Code::WorksheetBlock => "E012",
            Code::Template => "E013",
            Code::Unreadable => "E014",
            Code::Output => "E015",
            Code::ThemeNotFound => "E016",
            Code::Server => "E017",
            Code::Internal => "E018",
            Code::Messages => "E019",
            Code::Pdf => "E020",
            Code::NoAltText => "W001",
            Code::SkippedHeading => "W002",
            Code::StepWithoutWorksheet => "W003",
            Code::UnusedWorksheet => "W004",
            Code::NoSummary => "W005",
            Code::LinkToDraft => "W006",
            Code::ScriptInContent => "W007",
            Code::EmptyPage => "W008",
            Code::DuplicateTitle => "W009",
            Code::BlockOutsideWorksheet => "W010",
            Code::MissingMessages => "W011",
            Code::MissingTranslation => "W012",
            Code::TranslationFieldsDiffer => "W013",
            Code::NotAsWritten => "W014",
        }
    }

    pub fn severity(self) -> Severity {
        if self.id().starts_with('E') {
            Severity::Error
        } else {
            Severity::Warning
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// Where each line of a text starts, so many locations in one file cost a
/// binary search each rather than a count of every line before them.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// [`Location::at_offset`], for `text` (the text this index was made of).
    pub(crate) fn location(
        &self,
        file: impl Into<String>,
        text: &str,
        offset: usize,
        len: usize,
    ) -> Location {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let line_start = self.starts[line - 1];
        let line_end = match self.starts.get(line) {
            Some(&next) => next - 1,
            None => text[line_start..]
                .find('\n')
                .map_or(text.len(), |i| line_start + i),
        };
        let column = text[line_start..offset].chars().count() + 1;
        let mut end = (offset + len).min(line_end);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        Location {
            file: file.into(),
            line,
            column,
            length: text[offset..end].chars().count().max(1),
            source_line: text[line_start..line_end]
                .trim_end_matches('\r')
                .to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    pub location: Option<Box<Location>>,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A diagnostic of `code`; its severity is the code's.
    pub fn new(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: code.severity(),
            code,
            message: message.into(),
            location: None,
            hint: None,
        }
    }

    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(Box::new(location));
        self
    }

    /// Set the location unless one is already set.
    pub fn at_if_none(mut self, location: Location) -> Diagnostic {
        if self.location.is_none() {
            self.location = Some(Box::new(location));
        }
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint(mut self, hint: Option<String>) -> Diagnostic {
        self.hint = hint;
        self
    }

    /// Set the hint unless one is already set.
    pub fn hint_or(self, hint: &str) -> Diagnostic {
        if self.hint.is_some() {
            self
        } else {
            self.hint(hint)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Order by file, line, column, then code: the stable order reports use.
    fn sort_key(&self) -> (String, usize, usize, Code, &str) {
        match &self.location {
            Some(l) => (l.file.clone(), l.line, l.column, self.code, &self.message),
            None => (String::new(), 0, 0, self.code, &self.message),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// One line: `file:line:column: error[E001]: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(l) = &self.location {
            if l.line > 0 {
                write!(f, "{}:{}:{}: ", l.file, l.line, l.column)?;
            } else {
                write!(f, "{}: ", l.file)?;
            }
        }
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " (help: {h})")?;
        }
        Ok(())
    }
}

/// Everything found in one run, errors and warnings together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file, line and column, duplicates removed: what every report shows.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        v.dedup();
        v
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(items: I) -> Diagnostics {
        Diagnostics {
            items: items.into_iter().collect(),
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Diagnostics {
        Diagnostics { items: vec![d] }
    }
}

/// How diagnostics are written for a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Colour,
}

impl Style {
    /// Colour only on a terminal, and never when `NO_COLOR` is set.
    pub fn for_stderr() -> Style {
        use std::io::IsTerminal;
        Style::for_terminal(std::io::stderr().is_terminal())
    }

    /// [`Style::for_stderr`], for standard output.
    pub fn for_stdout() -> Style {
        use std::io::IsTerminal;
        Style::for_terminal(std::io::stdout().is_terminal())
    }

    fn for_terminal(is_terminal: bool) -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if is_terminal && !no_color {
            Style::Colour
        } else {
            Style::Plain
        }
    }
}

/// Render one diagnostic the way a compiler does: title, file:line:column,
/// the source line with a marker under the span, and the hint.
pub(crate) fn render_human(d: &Diagnostic, style: Style) -> String {
    use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(d.message.as_str()).id(d.code.id());
    let mut group = Group::with_title(title);
    if let Some(l) = &d.location {
        if l.line > 0 {
            let start: usize = l
                .source_line
                .char_indices()
                .nth(l.column - 1)
                .map_or(l.source_line.len(), |(i, _)| i);
            let end: usize = l
                .source_line
                .char_indices()
                .nth(l.column - 1 + l.length)
                .map_or(l.source_line.len(), |(i, _)| i);
            let snippet = Snippet::source(l.source_line.as_str())
                .line_start(l.line)
                .path(l.file.as_str())
                .annotation(AnnotationKind::Primary.span(start..end.max(start)));
            group = group.element(snippet);
        } else {
            group = group.element(annotate_snippets::Origin::path(l.file.as_str()));
        }
    }
    if let Some(h) = &d.hint {
        group = group.element(Level::HELP.message(h.as_str()));
    }
    let renderer = match style {
        Style::Plain => Renderer::plain(),
        Style::Colour => Renderer::styled(),
    };
    renderer.render(&[group])
}

/// All diagnostics for a person, sorted, with a closing count line.
pub fn render_report(diags: &Diagnostics, style: Style) -> String {
    let mut out = String::new();
    for d in diags.sorted() {
        out.push_str(&render_human(d, style));
        out.push_str("\n\n");
    }
    let (e, w) = (diags.error_count(), diags.warning_count());
    if e + w > 0 {
        out.push_str(&format!(
            "{} error{}, {} warning{}\n",
            e,
            if e == 1 { "" } else { "s" },
            w,
            if w == 1 { "" } else { "s" }
        ));
    }
    out
}

/// One JSON object a line, stable field names, for editors and CI.
pub fn render_json(diags: &Diagnostics) -> String {
    #[derive(Serialize)]
    struct JsonDiagnostic<'a> {
        severity: Severity,
        code: Code,
        message: &'a str,
        file: Option<&'a str>,
        line: Option<usize>,
        column: Option<usize>,
        end_column: Option<usize>,
        source_line: Option<&'a str>,
        hint: Option<&'a str>,
    }
    let mut out = String::new();
    for d in diags.sorted() {
        let l = d.location.as_deref();
        let has_line = l.is_some_and(|l| l.line > 0);
        let j = JsonDiagnostic {
            severity: d.severity,
            code: d.code,
            message: &d.message,
            file: l.map(|l| l.file.as_str()),
            line: l.filter(|_| has_line).map(|l| l.line),
            column: l.filter(|_| has_line).map(|l| l.column),
            end_column: l.filter(|_| has_line).map(|l| l.column + l.length),
            source_line: l.filter(|_| has_line).map(|l| l.source_line.as_str()),
            hint: d.hint.as_deref(),
        };
        // Serialising plain strings and numbers cannot fail.
        if let Ok(s) = serde_json::to_string(&j) {
            out.push_str(&s);
            out.push('\n');
        }
    }
    out
}

/// The path of `file` relative to `root`, with `/` separators, for messages.
pub(crate) fn display_path(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap_or(file);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The closest of `candidates` to `word`, if it is close enough to be a
/// plausible typo: the "did you mean" in hints.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_characters() {
        let text = "a\nbé c\r\nd";
        let l = Location::at_offset("f.md", text, 5, 1);
        assert_eq!((l.line, l.column, l.source_line.as_str()), (2, 3, "bé c"));
        let end = Location::at_offset("f.md", text, 999, 3);
        assert_eq!((end.line, end.column), (3, 2));
    }

    #[test]
    fn location_inside_a_character_is_clamped() {
        let l = Location::at_offset("f.md", "é", 1, 1);
        assert_eq!((l.line, l.column), (1, 1));
    }

    #[test]
    fn human_report_shows_line_marker_and_hint() {
        let d = Diagnostic::new(Code::FrontMatter, "unknown field `titel`")
            .at(Location::at_line(
                "content/a.md",
                "+++\ntitel = 1\n",
                2,
                1,
                5,
            ))
            .hint("did you mean `title`?");
        let out = render_human(&d, Style::Plain);
        assert!(out.contains("error[E003]: unknown field `titel`"), "{out}");
        assert!(out.contains("content/a.md:2:1"), "{out}");
        assert!(out.contains("titel = 1"), "{out}");
        assert!(out.contains("^^^^^"), "{out}");
        assert!(out.contains("did you mean `title`?"), "{out}");
    }

    #[test]
    fn json_is_one_object_a_line() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::new(Code::NoAltText, "b").at(Location::file("b.md")));
        ds.push(Diagnostic::new(Code::Config, "a").at(Location::at_line("a.md", "x", 1, 1, 1)));
        let out = render_json(&ds);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with(r#"{"severity":"error","code":"E001""#));
        assert!(lines[1].contains(r#""line":null"#));
    }

    #[test]
    fn closest_suggests_only_near_words() {
        assert_eq!(closest("titel", ["title", "summary"]), Some("title"));
        assert_eq!(closest("zzz", ["title", "summary"]), None);
    }
}
