//! Worksheet blocks: the fenced blocks that become fillable, printable fields.
//!
//! A worksheet block is a fenced code block whose info string starts with a
//! block name (`answer`, `field`, `scale`, `partners`, `signature`) followed
//! by `key=value` or `key="quoted value"` attributes; its body is the prompt.
//! This module parses the info string and attributes into a [`Block`] and
//! renders a block to HTML. It knows nothing of files or pages: the Markdown
//! stage calls it and places the HTML. The HTML contract (class names, ids,
//! `data-ws-field`) is documented in `docs/worksheets.md` and relied on by the
//! default theme's stylesheet and `worksheet.js`.

use std::fmt::Write as _;

use crate::diagnostics::closest;
use crate::text::{escape_html as escape, is_slug, slug_within};

pub(crate) const BLOCK_NAMES: &[&str] = &["answer", "field", "scale", "partners", "signature"];

/// Languages code blocks commonly name, never mistaken for a block typo.
const CODE_LANGUAGES: &[&str] = &[
    "asm",
    "awk",
    "bash",
    "c",
    "cpp",
    "cs",
    "css",
    "csv",
    "console",
    "dart",
    "diff",
    "dot",
    "elixir",
    "erlang",
    "fish",
    "go",
    "graphql",
    "haskell",
    "html",
    "ini",
    "java",
    "javascript",
    "js",
    "json",
    "jsx",
    "julia",
    "kotlin",
    "latex",
    "lua",
    "make",
    "markdown",
    "md",
    "mermaid",
    "nginx",
    "nix",
    "ocaml",
    "perl",
    "php",
    "plaintext",
    "powershell",
    "proto",
    "py",
    "python",
    "r",
    "ruby",
    "rs",
    "rust",
    "sass",
    "scala",
    "scheme",
    "scss",
    "sh",
    "shell",
    "sql",
    "svelte",
    "swift",
    "tex",
    "text",
    "toml",
    "ts",
    "tsx",
    "txt",
    "typescript",
    "vim",
    "vue",
    "xml",
    "yaml",
    "yml",
    "zig",
    "zsh",
];

/// The most ruled lines one answer may ask for: more than a page is a typo.
pub(crate) const MAX_LINES: u32 = 30;
/// The most options a scale may have.
pub(crate) const MAX_SCALE_OPTIONS: i64 = 21;
/// The ends of a scale lie within this far of 0.
const SCALE_LIMIT: i64 = 1000;
/// The longest id, derived or written.
const MAX_ID_LEN: usize = 48;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Answer,
    Field,
    Scale,
    Partners,
    Signature,
}

impl BlockKind {
    fn from_name(name: &str) -> Option<BlockKind> {
        Some(match name {
            "answer" => BlockKind::Answer,
            "field" => BlockKind::Field,
            "scale" => BlockKind::Scale,
            "partners" => BlockKind::Partners,
            "signature" => BlockKind::Signature,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Answer => "answer",
            BlockKind::Field => "field",
            BlockKind::Scale => "scale",
            BlockKind::Partners => "partners",
            BlockKind::Signature => "signature",
        }
    }

    fn attributes(self) -> &'static [&'static str] {
        match self {
            BlockKind::Answer | BlockKind::Partners => &["id", "lines"],
            BlockKind::Field | BlockKind::Signature => &["id"],
            BlockKind::Scale => &["id", "min", "max", "low", "high"],
        }
    }
}

/// A parsed worksheet block. `prompt` is the raw (Markdown) body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub id: String,
    pub prompt: String,
    pub lines: u32,
    pub min: i64,
    pub max: i64,
    pub low: Option<String>,
    pub high: Option<String>,
}

impl Block {
    /// The names the block's answers are stored under (`data-ws-field`),
    /// unique within a worksheet.
    pub fn field_names(&self) -> Vec<String> {
        let id = &self.id;
        match self.kind {
            BlockKind::Answer | BlockKind::Field | BlockKind::Scale => vec![id.clone()],
            BlockKind::Partners => PARTNERS.iter().map(|p| format!("{id}-{p}")).collect(),
            BlockKind::Signature => PARTNERS
                .iter()
                .flat_map(|p| {
                    SIGNATURE_PARTS
                        .iter()
                        .map(move |part| format!("{id}-{p}-{part}"))
                })
                .collect(),
        }
    }

    /// Every HTML id the block's markup uses, without the `ws-<worksheet>-`
    /// prefix: a text box's field name, or a scale's options and hint (a
    /// scale's own id names its radio group, not an element).
    pub fn element_ids(&self) -> Vec<String> {
        let id = &self.id;
        if self.kind != BlockKind::Scale {
            return self.field_names();
        }
        let mut ids: Vec<String> = (self.min..=self.max).map(|n| format!("{id}-{n}")).collect();
        if self.low.is_some() || self.high.is_some() {
            ids.push(format!("{id}-hint"));
        }
        ids
    }
}

/// The two partners' suffixes, in column order.
const PARTNERS: [&str; 2] = ["a", "b"];
/// What a signature asks of each partner, besides the signature line.
const SIGNATURE_PARTS: [&str; 2] = ["name", "date"];

/// A problem in a block's info string. `column` is the 0-based character
/// offset within the info string of what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockError {
    pub message: String,
    pub column: usize,
    pub length: usize,
    pub hint: Option<String>,
}

/// What a fenced block's info string is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fence<'a> {
    /// An ordinary code block (` ```rust `, or no info string).
    Code,
    /// A worksheet block, with the attribute text after the name.
    Block(BlockKind, &'a str),
    /// Looks like a worksheet block but the name is unknown (a typo):
    /// an error on worksheet pages.
    Unknown {
        name: &'a str,
        suggestion: Option<&'static str>,
    },
}

/// Classify a fenced block by its info string.
pub fn classify(info: &str) -> Fence<'_> {
    let info = info.trim();
    let (name, rest) = info
        .split_once(char::is_whitespace)
        .map_or((info, ""), |(n, r)| (n, r));
    if let Some(kind) = BlockKind::from_name(name) {
        return Fence::Block(kind, rest);
    }
    if name.is_empty() {
        return Fence::Code;
    }
    let suggestion = closest(name, BLOCK_NAMES.iter().copied())
        .and_then(|s| BLOCK_NAMES.iter().copied().find(|n| *n == s));
    // Attributes with `=` are worksheet syntax; code blocks never have them.
    // Without attributes, a name close to a block name is a typo, unless it
    // is a language an ordinary code block names (`scala` is not `scale`).
    let has_attributes = rest.split_whitespace().any(|t| t.contains('='));
    let is_language = CODE_LANGUAGES.contains(&name.to_ascii_lowercase().as_str());
    if has_attributes || (suggestion.is_some() && !is_language) {
        Fence::Unknown { name, suggestion }
    } else {
        Fence::Code
    }
}

/// Parse a block's attributes and body. `attr_column` is where `attrs`
/// starts within the whole info string, so errors point at the right place.
pub fn parse_block(
    kind: BlockKind,
    attrs: &str,
    attr_column: usize,
    body: &str,
) -> Result<Block, Vec<BlockError>> {
    let mut errors = Vec::new();
    let mut block = Block {
        kind,
        id: String::new(),
        prompt: body.trim().to_string(),
        lines: if kind == BlockKind::Field { 1 } else { 4 },
        min: 1,
        max: 5,
        low: None,
        high: None,
    };
    let mut seen: Vec<&str> = Vec::new();
    let mut min_max_at = (0, 0);
    for attr in split_attributes(attrs) {
        let attr = match attr {
            Ok(a) => a,
            Err(mut e) => {
                e.column += attr_column;
                errors.push(e);
                continue;
            }
        };
        let at = |message: String, hint: Option<String>| BlockError {
            message,
            column: attr_column + attr.column,
            length: attr.length,
            hint,
        };
        if !kind.attributes().contains(&attr.key) {
            let hint = match closest(attr.key, kind.attributes().iter().copied()) {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!("`{}` takes: {}", kind.name(), kind.attributes().join(", ")),
            };
            errors.push(at(
                format!(
                    "unknown attribute `{}` on `{}` block",
                    attr.key,
                    kind.name()
                ),
                Some(hint),
            ));
            continue;
        }
        if seen.contains(&attr.key) {
            errors.push(at(format!("attribute `{}` is given twice", attr.key), None));
            continue;
        }
        seen.push(attr.key);
        let value = attr.value.as_str();
        match attr.key {
            "id" => {
                if is_valid_id(value) {
                    block.id = value.to_string();
                } else {
                    errors.push(at(
                        format!("id `{value}` is not valid"),
                        Some(format!(
                            "use lowercase letters, digits and `-`, at most {MAX_ID_LEN} characters, e.g. `id=what-happened`"
                        )),
                    ));
                }
            }
            "lines" => match value.parse::<u32>() {
                Ok(n) if (1..=MAX_LINES).contains(&n) => block.lines = n,
                _ => errors.push(at(
                    format!("`lines={value}` is not a number of lines"),
                    Some(format!("use a whole number from 1 to {MAX_LINES}")),
                )),
            },
            "min" | "max" => match value.parse::<i64>() {
                Ok(n) if (-SCALE_LIMIT..=SCALE_LIMIT).contains(&n) => {
                    if attr.key == "min" {
                        block.min = n;
                        min_max_at.0 = attr.column;
                    } else {
                        block.max = n;
                        min_max_at.1 = attr.column;
                    }
                }
                Ok(_) => errors.push(at(
                    format!("`{}={value}` is out of range", attr.key),
                    Some(format!(
                        "use a whole number from -{SCALE_LIMIT} to {SCALE_LIMIT}"
                    )),
                )),
                Err(_) => errors.push(at(
                    format!("`{}={value}` is not a whole number", attr.key),
                    Some(format!(
                        "use a whole number from -{SCALE_LIMIT} to {SCALE_LIMIT}, such as `0` or `10`"
                    )),
                )),
            },
            "low" => block.low = Some(value.to_string()),
            "high" => block.high = Some(value.to_string()),
            _ => {}
        }
    }
    if kind == BlockKind::Scale && errors.is_empty() {
        if block.min >= block.max {
            errors.push(BlockError {
                message: format!(
                    "scale `min={}` must be less than `max={}`",
                    block.min, block.max
                ),
                column: attr_column + min_max_at.0,
                length: 1,
                hint: Some("swap the two values".to_string()),
            });
        } else if block.max - block.min + 1 > MAX_SCALE_OPTIONS {
            errors.push(BlockError {
                message: format!(
                    "scale from {} to {} has {} options; at most {MAX_SCALE_OPTIONS} fit on a printed line",
                    block.min,
                    block.max,
                    block.max - block.min + 1
                ),
                column: attr_column + min_max_at.1,
                length: 1,
                hint: Some("use a shorter range, e.g. `min=0 max=10`".to_string()),
            });
        }
    }
    if block.prompt.is_empty() && kind != BlockKind::Signature {
        errors.push(BlockError {
            message: format!("`{}` block has no prompt", kind.name()),
            column: 0,
            length: kind.name().len(),
            hint: Some("write the question on the lines inside the block".to_string()),
        });
    }
    if block.id.is_empty() && errors.is_empty() {
        block.id = if kind == BlockKind::Signature && block.prompt.is_empty() {
            "signature".to_string()
        } else {
            derive_id(&block.prompt)
        };
    }
    if errors.is_empty() {
        Ok(block)
    } else {
        Err(errors)
    }
}

struct Attribute<'a> {
    key: &'a str,
    value: String,
    column: usize,
    length: usize,
}

/// Split `a=1 b="two words"` into attributes; `\"` escapes a quote.
fn split_attributes(s: &str) -> Vec<Result<Attribute<'_>, BlockError>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let col_of = |byte: usize| s[..byte].chars().count();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].1.is_whitespace() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        while i < chars.len() && !chars[i].1.is_whitespace() && chars[i].1 != '=' {
            i += 1;
        }
        let key_end = chars.get(i).map_or(s.len(), |c| c.0);
        let key = &s[start..key_end];
        if chars.get(i).map(|c| c.1) != Some('=') {
            out.push(Err(BlockError {
                message: format!("`{key}` is not an attribute"),
                column: col_of(start),
                length: key.chars().count().max(1),
                hint: Some("write attributes as `key=value` or `key=\"quoted value\"`".to_string()),
            }));
            continue;
        }
        i += 1; // '='
        let mut value = String::new();
        if chars.get(i).map(|c| c.1) == Some('"') {
            i += 1;
            let mut closed = false;
            while i < chars.len() {
                match chars[i].1 {
                    '\\' if chars.get(i + 1).is_some_and(|c| c.1 == '"' || c.1 == '\\') => {
                        value.push(chars[i + 1].1);
                        i += 2;
                    }
                    '"' => {
                        closed = true;
                        i += 1;
                        break;
                    }
                    c => {
                        value.push(c);
                        i += 1;
                    }
                }
            }
            if !closed {
                out.push(Err(BlockError {
                    message: format!("the quoted value of `{key}` is never closed"),
                    column: col_of(start),
                    length: s[start..].chars().count(),
                    hint: Some("add the closing `\"`".to_string()),
                }));
                break;
            }
        } else {
            while i < chars.len() && !chars[i].1.is_whitespace() {
                value.push(chars[i].1);
                i += 1;
            }
        }
        let end = chars.get(i).map_or(s.len(), |c| c.0);
        out.push(Ok(Attribute {
            key,
            value,
            column: col_of(start),
            length: s[start..end].chars().count(),
        }));
    }
    out
}

/// An id an author may write: a slug (lowercase letters in any script,
/// digits and `-`) of at most [`MAX_ID_LEN`] characters, not starting with `-`.
pub(crate) fn is_valid_id(id: &str) -> bool {
    is_slug(id) && id.chars().count() <= MAX_ID_LEN && !id.starts_with('-')
}

/// An id from prompt text: `What do I need?` → `what-do-i-need`, cut on a
/// character (never a byte) boundary to at most [`MAX_ID_LEN`] characters.
pub(crate) fn derive_id(prompt: &str) -> String {
    let id = slug_within(prompt, MAX_ID_LEN);
    if id.is_empty() {
        "field".to_string()
    } else {
        id
    }
}

/// Render `block` with its prompt already rendered to inline HTML.
/// Element ids are `ws-<worksheet>-<block id>` so they stay unique when
/// several worksheets share one page (the workbook).
/// The words worksheet blocks show, in the page's language (from the
/// message table; see `i18n`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockWords {
    /// Column labels of `partners` and `signature` blocks.
    pub partner_labels: [String; 2],
    /// The legend of a `signature` block with no prompt.
    pub signatures: String,
    pub name: String,
    pub date: String,
    /// Under the line a partner signs on.
    pub signature: String,
    /// Beside that line on screen: it is signed on paper.
    pub sign_on_paper: String,
    /// A scale's description of an end, with `{number}` and `{label}`:
    /// `{number} means {label}`.
    pub scale_means: String,
    /// Between those descriptions: `; `.
    pub scale_separator: String,
    /// The digits scale numbers are shown in (`0123456789` for Latin).
    pub digits: [char; 10],
}

impl Default for BlockWords {
    /// English, as the built-in message table has it.
    fn default() -> BlockWords {
        BlockWords {
            partner_labels: ["Partner A".to_string(), "Partner B".to_string()],
            signatures: "Signatures".to_string(),
            name: "Name".to_string(),
            date: "Date".to_string(),
            signature: "Signature".to_string(),
            sign_on_paper: "sign on paper".to_string(),
            scale_means: "{number} means {label}".to_string(),
            scale_separator: "; ".to_string(),
            digits: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
        }
    }
}

impl BlockWords {
    /// `n` in these digits.
    fn number(&self, n: i64) -> String {
        n.to_string()
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => self.digits[d as usize],
                None => c,
            })
            .collect()
    }
}

pub fn render_block(
    block: &Block,
    worksheet: &str,
    prompt_html: &str,
    words: &BlockWords,
) -> String {
    let partner_labels = &words.partner_labels;
    let id = format!("ws-{worksheet}-{}", block.id);
    let field = &block.id;
    let mut h = String::new();
    match block.kind {
        BlockKind::Answer => {
            h.push_str("<div class=\"ws-block ws-answer\">");
            let _ = write!(
                h,
                "<label class=\"ws-prompt\" for=\"{id}\">{prompt_html}</label>"
            );
            textarea(&mut h, &id, field, block.lines);
            h.push_str("</div>\n");
        }
        BlockKind::Field => {
            h.push_str("<div class=\"ws-block ws-field\">");
            let _ = write!(
                h,
                "<label class=\"ws-prompt\" for=\"{id}\">{prompt_html}</label>"
            );
            text_input(&mut h, &id, field);
            h.push_str("</div>\n");
        }
        BlockKind::Scale => {
            h.push_str("<fieldset class=\"ws-block ws-scale\">");
            let _ = write!(h, "<legend class=\"ws-prompt\">{prompt_html}</legend>");
            let described = block.low.is_some() || block.high.is_some();
            if described {
                let mut hint = Vec::new();
                let means = |n: i64, label: &str| {
                    escape(&words.scale_means)
                        .replace("{number}", &words.number(n))
                        .replace("{label}", &escape(label))
                };
                if let Some(low) = &block.low {
                    hint.push(means(block.min, low));
                }
                if let Some(high) = &block.high {
                    hint.push(means(block.max, high));
                }
                let _ = write!(
                    h,
                    "<p class=\"ws-hint\" id=\"{id}-hint\">{}</p>",
                    hint.join(&escape(&words.scale_separator))
                );
            }
            h.push_str("<div class=\"ws-scale-options\">");
            if let Some(low) = &block.low {
                let _ = write!(
                    h,
                    "<span class=\"ws-scale-label ws-scale-low\" aria-hidden=\"true\">{}</span>",
                    escape(low)
                );
            }
            for n in block.min..=block.max {
                let _ = write!(
                    h,
                    "<label class=\"ws-scale-option\"><input class=\"ws-input\" type=\"radio\" name=\"{id}\" id=\"{id}-{n}\" value=\"{n}\" data-ws-field=\"{field}\"{}><span class=\"ws-scale-number\">{}</span></label>",
                    if described {
                        format!(" aria-describedby=\"{id}-hint\"")
                    } else {
                        String::new()
                    },
                    words.number(n)
                );
            }
            if let Some(high) = &block.high {
                let _ = write!(
                    h,
                    "<span class=\"ws-scale-label ws-scale-high\" aria-hidden=\"true\">{}</span>",
                    escape(high)
                );
            }
            h.push_str("</div></fieldset>\n");
        }
        BlockKind::Partners => {
            h.push_str("<fieldset class=\"ws-block ws-partners\">");
            let _ = write!(
                h,
                "<legend class=\"ws-prompt\">{prompt_html}</legend><div class=\"ws-columns\">"
            );
            for (suffix, label) in PARTNERS.iter().zip(partner_labels) {
                let _ = write!(
                    h,
                    "<div class=\"ws-partner\"><label for=\"{id}-{suffix}\">{}</label>",
                    escape(label)
                );
                textarea(
                    &mut h,
                    &format!("{id}-{suffix}"),
                    &format!("{field}-{suffix}"),
                    block.lines,
                );
                h.push_str("</div>");
            }
            h.push_str("</div></fieldset>\n");
        }
        BlockKind::Signature => {
            h.push_str("<fieldset class=\"ws-block ws-signature\">");
            let signatures = escape(&words.signatures);
            let legend = if prompt_html.is_empty() {
                signatures.as_str()
            } else {
                prompt_html
            };
            let _ = write!(
                h,
                "<legend class=\"ws-prompt\">{legend}</legend><div class=\"ws-columns\">"
            );
            for (suffix, label) in PARTNERS.iter().zip(partner_labels) {
                let _ = write!(
                    h,
                    "<div class=\"ws-partner ws-signer\"><p class=\"ws-signer-name\">{}</p>",
                    escape(label)
                );
                for (part, part_label) in SIGNATURE_PARTS
                    .into_iter()
                    .zip([escape(&words.name), escape(&words.date)])
                {
                    let part_id = format!("{id}-{suffix}-{part}");
                    let _ = write!(
                        h,
                        "<div class=\"ws-field\"><label for=\"{part_id}\">{part_label}</label>"
                    );
                    text_input(&mut h, &part_id, &format!("{field}-{suffix}-{part}"));
                    h.push_str("</div>");
                    if part == "name" {
                        let _ = write!(
                            h,
                            "<div class=\"ws-sign-line\" aria-hidden=\"true\" data-hint=\"{}\"><span>{}</span></div>",
                            escape(&words.sign_on_paper),
                            escape(&words.signature)
                        );
                    }
                }
                h.push_str("</div>");
            }
            h.push_str("</div></fieldset>\n");
        }
    }
    h
}

fn textarea(h: &mut String, id: &str, field: &str, lines: u32) {
    let _ = write!(
        h,
        "<textarea class=\"ws-input\" id=\"{id}\" name=\"{id}\" data-ws-field=\"{field}\" rows=\"{lines}\" placeholder=\" \"></textarea>"
    );
    print_area(h, lines);
}

fn text_input(h: &mut String, id: &str, field: &str) {
    let _ = write!(
        h,
        "<input class=\"ws-input\" type=\"text\" id=\"{id}\" name=\"{id}\" data-ws-field=\"{field}\" autocomplete=\"off\" placeholder=\" \">"
    );
    print_area(h, 1);
}

/// What paper shows: the typed text (filled in by the script), or ruled lines.
/// Text boxes carry a blank `placeholder` so print CSS can tell an empty box
/// (`:placeholder-shown`) from a filled one when the script is off.
fn print_area(h: &mut String, lines: u32) {
    let _ = write!(
        h,
        "<div class=\"ws-print\" aria-hidden=\"true\"></div><div class=\"ws-lines\" aria-hidden=\"true\" style=\"--ws-lines: {lines}\">"
    );
    for _ in 0..lines {
        h.push_str("<span class=\"ws-line\"></span>");
    }
    h.push_str("</div>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(info: &str, body: &str) -> Result<Block, Vec<BlockError>> {
        match classify(info) {
            Fence::Block(kind, attrs) => parse_block(kind, attrs, info.len() - attrs.len(), body),
            other => panic!("not a block: {other:?}"),
        }
    }

    fn err(info: &str, body: &str) -> BlockError {
        block(info, body).unwrap_err().remove(0)
    }

    #[test]
    fn classify_code_blocks_and_typos() {
        assert_eq!(classify("rust"), Fence::Code);
        assert_eq!(classify("scala"), Fence::Code);
        assert_eq!(
            classify("scala id=x"),
            Fence::Unknown {
                name: "scala",
                suggestion: Some("scale")
            }
        );
        assert_eq!(classify(""), Fence::Code);
        assert_eq!(
            classify("answer id=x"),
            Fence::Block(BlockKind::Answer, "id=x")
        );
        assert_eq!(
            classify("anwser id=x"),
            Fence::Unknown {
                name: "anwser",
                suggestion: Some("answer")
            }
        );
        assert_eq!(
            classify("checklist id=x"),
            Fence::Unknown {
                name: "checklist",
                suggestion: None
            }
        );
    }

    #[test]
    fn answer_defaults_and_lines() {
        let b = block("answer", "What happened?").unwrap();
        assert_eq!((b.id.as_str(), b.lines), ("what-happened", 4));
        assert_eq!(block("answer id=x lines=6", "Q").unwrap().lines, 6);
    }

    #[test]
    fn derived_id_of_a_long_cyrillic_prompt_does_not_panic() {
        // The bug: ids were cut at byte 48, inside a Cyrillic letter.
        let b = block("answer", "Что я чувствую сейчас по отношению к партнёру?").unwrap();
        assert_eq!(b.id, "что-я-чувствую-сейчас-по-отношению-к-партнёру");
        let long = "Что я готов сделать на этой неделе, чтобы партнёру было легче мне поверить?";
        let id = derive_id(long);
        assert_eq!(id.chars().count(), 48);
        assert!(crate::text::slugify(long).starts_with(&id), "{id}");
        for prompt in [
            "ما الذي أحتاجه منك هذا الأسبوع لكي أشعر بالأمان؟ وما الذي يمكنني تقديمه",
            "今週、私たちが信頼を取り戻すためにできる小さなことは何ですか？一つ書いてください。",
        ] {
            let id = derive_id(prompt);
            assert!(id.chars().count() <= 48 && is_valid_id(&id), "{id}");
        }
    }

    #[test]
    fn field_partners_signature() {
        assert_eq!(
            block("field id=date", "Date").unwrap().kind,
            BlockKind::Field
        );
        assert_eq!(block("partners id=need lines=3", "Need?").unwrap().lines, 3);
        assert_eq!(block("signature", "").unwrap().id, "signature");
    }

    #[test]
    fn scale_attributes_with_quotes() {
        let b = block(
            r#"scale id=t min=0 max=10 low="Not at all" high="Say \"yes\"""#,
            "Trust?",
        )
        .unwrap();
        assert_eq!((b.min, b.max), (0, 10));
        assert_eq!(b.low.as_deref(), Some("Not at all"));
        assert_eq!(b.high.as_deref(), Some("Say \"yes\""));
    }

    #[test]
    fn bad_values() {
        assert_eq!(
            err("answer lines=-3", "Q").message,
            "`lines=-3` is not a number of lines"
        );
        assert_eq!(
            err("answer lines=0", "Q").message,
            "`lines=0` is not a number of lines"
        );
        assert_eq!(
            err("scale min=5 max=1", "Q").message,
            "scale `min=5` must be less than `max=1`"
        );
        assert!(
            err("scale min=0 max=100", "Q")
                .message
                .contains("101 options")
        );
        assert_eq!(
            err("scale min=x", "Q").message,
            "`min=x` is not a whole number"
        );
        // `i64::MIN.abs()` overflows: it once passed the range check and
        // made a scale of 2^63 options.
        for far in [
            "-9223372036854775808",
            "9223372036854775807",
            "-1001",
            "1001",
        ] {
            let e = err(&format!("scale id=s min={far} max=0"), "Q");
            assert_eq!(e.message, format!("`min={far}` is out of range"));
            assert_eq!(
                e.hint.as_deref(),
                Some("use a whole number from -1000 to 1000")
            );
        }
        assert_eq!(
            block("scale id=s min=-1000 max=-990", "Q").unwrap().min,
            -1000
        );
        assert_eq!(
            err("field id=Bad_Id", "Q").message,
            "id `Bad_Id` is not valid"
        );
    }

    #[test]
    fn unknown_and_duplicate_attributes_point_at_column() {
        let e = err("answer id=a line=3", "Q");
        assert_eq!(e.message, "unknown attribute `line` on `answer` block");
        assert_eq!(e.hint.as_deref(), Some("did you mean `lines`?"));
        assert_eq!(e.column, 12);
        assert_eq!(
            err("field id=a id=b", "Q").message,
            "attribute `id` is given twice"
        );
        assert_eq!(
            err("field low=x", "Q").message,
            "unknown attribute `low` on `field` block"
        );
    }

    #[test]
    fn malformed_attributes() {
        assert_eq!(
            err("answer lines", "Q").message,
            "`lines` is not an attribute"
        );
        assert_eq!(
            err("scale low=\"open", "Q").message,
            "the quoted value of `low` is never closed"
        );
        assert_eq!(err("answer", "  ").message, "`answer` block has no prompt");
    }

    #[test]
    fn a_blocks_names_and_element_ids_are_the_ones_it_renders() {
        // Found by fuzzing: a scale claimed its own id as an element id,
        // which no element has.
        let labels = BlockWords {
            partner_labels: ["A".to_string(), "B".to_string()],
            ..BlockWords::default()
        };
        for (info, body) in [
            (
                r#"scale id=feeling-b min=0 max=10 low="Very hard" high="Very good""#,
                "How?",
            ),
            ("scale id=s min=-2 max=2", "How?"),
            ("answer id=q", "Why?"),
            ("field", "Date"),
            ("partners id=need", "Need?"),
            ("signature", ""),
        ] {
            let b = block(info, body).unwrap();
            let html = render_block(&b, "w", "P", &labels);
            let ids: Vec<&str> = html
                .split(" id=\"")
                .skip(1)
                .map(|rest| &rest[..rest.find('"').unwrap()])
                .collect();
            let mut expected: Vec<String> = b
                .element_ids()
                .iter()
                .map(|e| format!("ws-w-{e}"))
                .collect();
            expected.sort();
            let mut got: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
            got.sort();
            assert_eq!(got, expected, "{info}");
            for name in b.field_names() {
                assert!(
                    html.contains(&format!("data-ws-field=\"{name}\"")),
                    "{info}: {name}"
                );
            }
        }
    }

    #[test]
    fn rendered_html_has_labels_and_fields() {
        let b = block("partners id=need lines=2", "Need?").unwrap();
        let h = render_block(&b, "check-in", "Need?", &BlockWords::default());
        assert!(
            h.contains(r#"<label for="ws-check-in-need-a">Partner A</label>"#),
            "{h}"
        );
        assert!(h.contains(r#"data-ws-field="need-b""#));
        assert_eq!(h.matches("class=\"ws-line\"").count(), 4);
        let s = block(r#"scale id=t min=0 max=2 low="<low>""#, "T").unwrap();
        let h = render_block(&s, "j", "T", &BlockWords::default());
        assert_eq!(h.matches("type=\"radio\"").count(), 3);
        assert!(h.contains("&lt;low&gt;"));
        assert!(h.contains(r#"aria-describedby="ws-j-t-hint""#));
    }
}
