//! The search index: every page's text by section, for `search.js`.
//!
//! Made from each page's finished HTML (the same words a reader sees),
//! split at its `h2` and `h3` headings that have ids, so a result can link
//! to the heading it was found under. Worksheet fields never get in: only
//! text is read, and a field holds none (answers live in the reader's
//! browser, never in the page); the ruled lines, print-only copies and
//! anything `aria-hidden` are skipped too. The index is a script
//! (`search-index.js`) rather than JSON so that it loads with a `<script>`
//! element, which browsers allow for pages opened from disk, where
//! `fetch()` is refused. Matching happens in the browser, on words split
//! by `Intl.Segmenter` (Unicode rules, dictionary-based for CJK), so every
//! script is searchable.
//!
//! A large site's index is split so that a query loads only a little of
//! it: `search-index.js` then holds a small manifest, the words go to
//! chunks in `search/` (sorted, each chunk a range of words with the pages
//! they are on and a weight), and each page's text to a file of its own.
//! A query loads the chunks of its words, ranks the pages they name, and
//! loads the text of the best few to check the match and show snippets.
//! Words are keys made the same way here and in `search.js` ([`keys`]):
//! lower case, accents and other marks dropped, split at anything not a
//! letter or digit, and each character of a script written without spaces
//! (Chinese, Japanese, Thai...) a key of its own.

use std::sync::Mutex;

// foldhash, not the standard SipHash: the index hashes every word of every
// page, and SipHash was a sixth of a build; foldhash is still seeded per
// process, so words chosen to collide cannot slow a build down.
use foldhash::HashMap;
use html5gum::Tokenizer;
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use rayon::prelude::*;
use serde::Serialize;
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::{PageKind, Site};

/// Above this size the whole index as one script is split.
const SPLIT_ABOVE: usize = 512 * 1024;

/// About how large one chunk of words is (a single very common word can
/// make its chunk larger).
const CHUNK_BYTES: usize = 32 * 1024;

/// The split index's folder, beside `search-index.js`.
pub(crate) const SPLIT_DIR: &str = "search/";

/// One page: URL, title and sections `[heading id, heading, text]` (the
/// first section, before any heading, has no id).
#[derive(Debug, Serialize)]
struct Entry {
    u: String,
    t: String,
    s: Vec<(String, String, String)>,
}

/// Elements with no end tag.
const VOID: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
    b"source", b"track", b"wbr",
];

/// Elements whose content is not text a reader searches.
const SKIPPED: &[&[u8]] = &[
    b"script",
    b"style",
    b"textarea",
    b"template",
    b"svg",
    b"math",
];

/// Classes of worksheet parts that are not words (ruled lines, the printed
/// copy of a field, the signature line).
const SKIPPED_CLASSES: &[&str] = &["ws-lines", "ws-print", "ws-sign-line", "footnote-backref"];

/// The index of `site`'s pages, each file handed to `emit` as it is made:
/// `search-index.js` alone, or, when `may_split` and the index would be
/// larger than [`SPLIT_ABOVE`], a manifest by that name and the files of
/// [`SPLIT_DIR`]. Paths are relative to the language's root.
///
/// When the pages' HTML passes [`SPLIT_SURELY_ABOVE`], the index is split
/// without first being made whole: each page's text is written as soon as
/// it is read and only the word lists are kept, so a large site's text is
/// never held at once.
pub(crate) fn index_files(
    site: &Site,
    html_of: impl Fn(usize) -> Result<String, Diagnostic> + Sync,
    may_split: bool,
    emit: &(dyn Fn(String, Vec<u8>) + Sync),
) -> Diagnostics {
    let pages: Vec<usize> = (0..site.pages.len())
        .filter(|&i| site.pages[i].kind != PageKind::Section || site.pages[i].has_text)
        .collect();
    // A page whose HTML cannot be read is reported, and fails the build.
    let failures = Mutex::new(Diagnostics::new());
    let entry = |n: usize| {
        let i = pages[n];
        let s = match html_of(i) {
            Ok(html) => sections(&html),
            Err(d) => {
                failures.lock().unwrap_or_else(|e| e.into_inner()).push(d);
                Vec::new()
            }
        };
        Entry {
            u: site.url(i),
            t: site.pages[i].title.clone(),
            s,
        }
    };
    let html: usize = pages.iter().map(|&i| site.pages[i].html_len()).sum();
    let failed = || std::mem::take(&mut *failures.lock().unwrap_or_else(|e| e.into_inner()));
    if may_split && html > SPLIT_SURELY_ABOVE {
        split(pages.len(), entry, emit);
        return failed();
    }
    let entries: Vec<Entry> = (0..pages.len()).into_par_iter().map(entry).collect();
    const PREFIX: &str = "window.__TRELLIS_SEARCH__=";
    let mut script = Vec::from(PREFIX);
    if serde_json::to_writer(&mut script, &entries).is_err() {
        script.truncate(PREFIX.len());
        script.extend_from_slice(b"[]");
    }
    if may_split && script.len() - PREFIX.len() > SPLIT_ABOVE {
        drop(script);
        // Read again as it is split: at most a few megabytes, and one
        // way to split.
        drop(entries);
        // Reported once, by the second reading.
        failed();
        split(pages.len(), entry, emit);
        return failed();
    }
    drop(entries);
    script.extend_from_slice(b";\n");
    emit(INDEX_SCRIPT.to_string(), script);
    failed()
}

/// Pages' HTML past which the index is surely larger than [`SPLIT_ABOVE`]
/// (a page's text is most of its HTML; a page of worksheet fields is the
/// exception, and its site is split a little sooner).
const SPLIT_SURELY_ABOVE: usize = 8 * SPLIT_ABOVE;

/// The name of the index (or of its manifest), below the language's root.
const INDEX_SCRIPT: &str = crate::render::SEARCH_INDEX;

/// The manifest of a split index.
#[derive(Debug, Serialize)]
struct Manifest {
    v: u32,
    /// The folder of the other files, relative to the manifest.
    dir: &'static str,
    /// The first word of each chunk `w0`, `w1`...
    chunks: Vec<String>,
}

/// Which pages each word is on.
type Postings = HashMap<String, PageList>;

/// The pages a word is on, in page order, each with the word's weight
/// there: the gap from the page before (from 0 for the first) as a LEB128
/// number, then the weight's byte. Gaps are mostly small, so most postings
/// take two bytes; a large site's index has millions.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct PageList {
    bytes: Vec<u8>,
    /// The last page, which the next gap counts from.
    last: u32,
}

impl PageList {
    fn push(&mut self, page: u32, weight: u8) {
        if self.bytes.is_empty() || page > self.last {
            let gap = if self.bytes.is_empty() {
                page
            } else {
                page - self.last
            };
            write_leb128(&mut self.bytes, gap);
            self.bytes.push(weight);
            self.last = page;
        } else {
            // Pages are read in order; merged if one ever comes early.
            let mut one = PageList::default();
            one.push(page, weight);
            self.append(one);
        }
    }

    /// The pages and weights, in page order.
    fn iter(&self) -> impl Iterator<Item = (u32, u8)> + '_ {
        let mut rest = &self.bytes[..];
        let mut page = 0u32;
        std::iter::from_fn(move || {
            let (gap, after) = read_leb128(rest)?;
            let (&weight, after) = after.split_first()?;
            rest = after;
            page = page.wrapping_add(gap);
            Some((page, weight))
        })
    }

    /// Adds `other`'s pages: appended when they all come after this
    /// list's, as the pages of the reader on the right do; merged if not.
    fn append(&mut self, other: PageList) {
        let Some((first, weight)) = other.iter().next() else {
            return;
        };
        if self.bytes.is_empty() {
            *self = other;
        } else if first > self.last {
            let first_len =
                read_leb128(&other.bytes).map_or(0, |(_, rest)| other.bytes.len() - rest.len() + 1);
            write_leb128(&mut self.bytes, first - self.last);
            self.bytes.push(weight);
            self.bytes.extend_from_slice(&other.bytes[first_len..]);
            self.last = other.last;
        } else {
            let mut all: Vec<(u32, u8)> = self.iter().chain(other.iter()).collect();
            all.sort_unstable();
            let mut merged = PageList::default();
            for (page, weight) in all {
                write_leb128(&mut merged.bytes, page - merged.last);
                merged.bytes.push(weight);
                merged.last = page;
            }
            *self = merged;
        }
    }
}

fn write_leb128(bytes: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        bytes.push((n as u8) | 0x80);
        n >>= 7;
    }
    bytes.push(n as u8);
}

/// The number at the start of `bytes` and what follows it.
fn read_leb128(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let mut n = 0u32;
    for (i, &b) in bytes.iter().enumerate().take(5) {
        n |= u32::from(b & 0x7F) << (7 * i);
        if b & 0x80 == 0 {
            return Some((n, &bytes[i + 1..]));
        }
    }
    None
}

/// The split index of `count` pages, page `n`'s text from `entry(n)`:
/// every page's text file goes to `emit` as soon as it is made (read in
/// parallel), and its words to the postings; then the postings go out in
/// chunks, and the manifest last.
fn split(
    count: usize,
    entry: impl Fn(usize) -> Entry + Sync,
    emit: &(dyn Fn(String, Vec<u8>) + Sync),
) {
    let count = count.min(u32::MAX as usize);
    let postings: Postings = (0..count)
        .into_par_iter()
        .fold(Gathered::default, |mut gathered, n| {
            let e = entry(n);
            let json = serde_json::to_string(&e).unwrap_or_else(|_| "null".to_string());
            emit(
                format!("{SPLIT_DIR}p{n}.js"),
                format!("__TRELLIS_SEARCH_LOAD__(\"p{n}\",{json});\n").into_bytes(),
            );
            gathered.add_page(u32::try_from(n).unwrap_or(u32::MAX), &e);
            gathered
        })
        .map(Gathered::into_postings)
        .reduce(Postings::default, |mut a, mut b| {
            // The smaller map is walked; `a`'s pages come first.
            if a.len() >= b.len() {
                for (k, pages) in b {
                    a.entry(k).or_default().append(pages);
                }
                a
            } else {
                for (k, mut pages) in a {
                    let after = b.entry(k).or_default();
                    pages.append(std::mem::take(after));
                    *after = pages;
                }
                b
            }
        });
    // In code point order, as search.js's `cmp` expects.
    let mut postings: Vec<(String, PageList)> = postings.into_iter().collect();
    postings.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut chunks = Vec::new();
    let mut body = String::new();
    let mut first: Option<String> = None;
    let mut flush = |body: &mut String, first: &mut Option<String>| {
        if let Some(word) = first.take() {
            let n = chunks.len();
            chunks.push(word);
            emit(
                format!("{SPLIT_DIR}w{n}.js"),
                format!("__TRELLIS_SEARCH_LOAD__(\"w{n}\",{{{body}}});\n").into_bytes(),
            );
            body.clear();
        }
    };
    for (word, pages) in postings {
        if first.is_none() {
            first = Some(word.clone());
        } else {
            body.push(',');
        }
        // "word":[first page, weight, gap to the next page, weight, ...]
        body.push_str(&serde_json::to_string(&word).unwrap_or_default());
        body.push_str(":[");
        let mut last = 0;
        for (k, (page, weight)) in pages.iter().enumerate() {
            if k > 0 {
                body.push(',');
            }
            // itoa: `write!` was a twentieth of a large site's build.
            let mut number = itoa::Buffer::new();
            body.push_str(number.format(page - last));
            body.push(',');
            body.push_str(number.format(weight));
            last = page;
        }
        body.push(']');
        if body.len() >= CHUNK_BYTES {
            flush(&mut body, &mut first);
        }
    }
    flush(&mut body, &mut first);
    let manifest = Manifest {
        v: 2,
        dir: SPLIT_DIR,
        chunks,
    };
    let json = serde_json::to_string(&manifest).unwrap_or_else(|_| "null".to_string());
    emit(
        INDEX_SCRIPT.to_string(),
        format!("window.__TRELLIS_SEARCH__={json};\n").into_bytes(),
    );
}

/// The postings of the pages one thread has read. Each word is made a
/// string once, the first time the thread meets it, and numbered; a page's
/// words are then counted by number, so a page costs no allocation per
/// word.
#[derive(Default)]
struct Gathered {
    ids: HashMap<String, u32>,
    lists: Vec<PageList>,
    /// The page being read, by word number: its uses in the text and what
    /// the title and headings add; and the words it has so far.
    counts: Vec<(u32, u32)>,
    touched: Vec<u32>,
    /// By word number, the last title or set of headings that added to
    /// it (a word adds once for each), numbered by `stamp`.
    marks: Vec<u64>,
    stamp: u64,
}

impl Gathered {
    /// Adds page `n`'s words, weighted as search.js ranks sections: a word
    /// in the title counts 8, in a heading 5, and in the text once per use
    /// up to 5 times; 255 at most.
    fn add_page(&mut self, n: u32, e: &Entry) {
        let Gathered {
            ids,
            lists,
            counts,
            touched,
            marks,
            stamp,
        } = self;
        let mut number = |k: &str| match ids.get(k) {
            Some(&id) => id as usize,
            None => {
                let id = lists.len();
                ids.insert(k.to_string(), u32::try_from(id).unwrap_or(u32::MAX));
                lists.push(PageList::default());
                id
            }
        };
        // Adds to word `k` its uses and bonus; a bonus with a mark only
        // once for that mark.
        let mut add = |k: &str, uses: u32, bonus: u32, mark: u64| {
            let id = number(k);
            if id >= counts.len() {
                counts.resize(id + 1, (0, 0));
                marks.resize(id + 1, 0);
            }
            if mark != 0 {
                if marks[id] == mark {
                    return;
                }
                marks[id] = mark;
            }
            let count = &mut counts[id];
            if *count == (0, 0) {
                touched.push(u32::try_from(id).unwrap_or(u32::MAX));
            }
            count.0 += uses;
            count.1 += bonus;
        };
        *stamp += 1;
        let title = *stamp;
        each_key(&e.t, |k| add(k, 0, 8, title));
        *stamp += 1;
        let headings = *stamp;
        for (_, heading, _) in &e.s {
            each_key(heading, |k| add(k, 0, 5, headings));
        }
        for (_, _, text) in &e.s {
            each_key(text, |k| add(k, 1, 0, 0));
        }
        for &id in touched.iter() {
            let (uses, bonus) = std::mem::take(&mut counts[id as usize]);
            let weight = u8::try_from(bonus + uses.min(5)).unwrap_or(u8::MAX);
            if let Some(list) = lists.get_mut(id as usize) {
                list.push(n, weight);
            }
        }
        touched.clear();
    }

    fn into_postings(self) -> Postings {
        let mut lists: Vec<Option<PageList>> = self.lists.into_iter().map(Some).collect();
        self.ids
            .into_iter()
            .filter_map(|(k, id)| Some((k, lists.get_mut(id as usize)?.take()?)))
            .collect()
    }
}

/// The words of `text` as search keys (see the module's notes); the same
/// steps as `keys()` in search.js.
#[cfg(test)]
pub(crate) fn keys(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_key(text, |k| out.push(k.to_string()));
    out
}

/// Calls `f` with each search key of `text`, in order: what lower-casing
/// the whole text, decomposing it (NFKD), dropping marks and splitting
/// gives, done a character at a time so that ASCII, most of most pages,
/// costs a comparison. That is the same because NFKD decomposes each
/// character on its own (only marks are reordered, and marks are
/// dropped), and lower case depends on context only for capital sigma,
/// for which the whole text takes the long way.
pub(crate) fn each_key(text: &str, mut f: impl FnMut(&str)) {
    let lowered;
    let text = if text.contains(['\u{03A3}', '\u{03C2}']) {
        // Capital sigma lowers to ς at a word's end and σ elsewhere; a
        // reader types either, so both are σ here (and in search.js).
        lowered = text.to_lowercase().replace('\u{03C2}', "\u{03C3}");
        &lowered
    } else {
        text
    };
    let mut word = String::new();
    fn take(c: char, word: &mut String, f: &mut impl FnMut(&str)) {
        if unspaced(c) {
            if !word.is_empty() {
                f(word);
                word.clear();
            }
            let mut one = [0; 4];
            f(c.encode_utf8(&mut one));
        } else if c.is_alphanumeric() {
            word.push(c);
        } else if !word.is_empty() {
            f(word);
            word.clear();
        }
    }
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b.is_ascii() {
            if word.is_empty() && b.is_ascii_alphanumeric() {
                // Most words of most pages: ASCII letters and digits that
                // end at ASCII, handed on as they are when lower case.
                let end = bytes[at..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .map_or(bytes.len(), |k| at + k);
                let run = &text[at..end];
                if bytes.get(end).is_none_or(u8::is_ascii) {
                    if run.bytes().any(|b| b.is_ascii_uppercase()) {
                        word.push_str(run);
                        word.make_ascii_lowercase();
                        f(&word);
                        word.clear();
                    } else {
                        f(run);
                    }
                } else {
                    word.push_str(run);
                    word.make_ascii_lowercase();
                }
                at = end;
                continue;
            }
            // A byte, lowered, is a letter or digit or ends a word.
            if b.is_ascii_alphanumeric() {
                word.push(char::from(b.to_ascii_lowercase()));
            } else if !word.is_empty() {
                take(' ', &mut word, &mut f);
            }
            at += 1;
            continue;
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        at += c.len_utf8();
        for lower in c.to_lowercase() {
            unicode_normalization::char::decompose_compatible(lower, |d| {
                if d.general_category_group() != GeneralCategoryGroup::Mark {
                    take(d, &mut word, &mut f);
                }
            });
        }
    }
    if !word.is_empty() {
        f(&word);
    }
}

/// Letters of scripts written without spaces between words, each a key
/// of its own: Thai, Lao, Myanmar, Khmer, Hiragana, Katakana and Han.
pub(crate) fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF
        | 0x1000..=0x109F
        | 0x1780..=0x17FF
        | 0x3040..=0x30FF
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF66..=0xFF9F
        | 0x20000..=0x3FFFF)
}

/// The text of `html` by section.
fn sections(html: &str) -> Vec<(String, String, String)> {
    let mut reader = SectionReader::new();
    if !read_plain(html, &mut reader) {
        reader = SectionReader::new();
        read_any(html, &mut reader);
    }
    reader.finish()
}

/// Feeds `html` to `reader` with html5gum's tokenizer: any HTML at all.
fn read_any(html: &str, reader: &mut SectionReader) {
    // html5gum's callback emitter: every tag, attribute and text is a
    // borrowed slice, where its default emitter made a token of owned
    // vectors for each (that was a fifth of a large site's build).
    let emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, _: html5gum::Span<()>| {
        reader.event(event);
        None::<std::convert::Infallible>
    });
    for _ in Tokenizer::new_with_emitter(html, emitter) {}
}

/// Feeds `html` to `reader` as [`read_any`] would, event for event, if
/// it keeps to the HTML that pulldown-cmark and the worksheet blocks
/// write: start tags whose attributes are bare or double-quoted, end tags
/// with nothing but a name, and no character references but `&amp;`,
/// `&lt;`, `&gt;`, `&quot;` and `&#39;`. That is nearly every page, read
/// several times faster than by a full tokenizer (whose character checks
/// alone were a twentieth of a large site's build). At anything else (a
/// comment, another reference, a `<` that starts no tag, a carriage
/// return...) it returns false, having fed part of the page; the caller
/// then reads the page again with [`read_any`].
fn read_plain(html: &str, reader: &mut SectionReader) -> bool {
    let b = html.as_bytes();
    if memchr::memchr3(b'\0', b'\r', b'\x0C', b).is_some() || html.starts_with('\u{FEFF}') {
        return false;
    }
    let mut decoded = Vec::new();
    let mut name = Vec::new();
    let mut at = 0;
    while at < b.len() {
        let end = memchr::memchr(b'<', &b[at..]).map_or(b.len(), |k| at + k);
        if end > at {
            let Some(value) = unescape(&b[at..end], &mut decoded) else {
                return false;
            };
            reader.event(CallbackEvent::String { value });
            if end == b.len() {
                break;
            }
        }
        at = end + 1;
        let closing = b.get(at) == Some(&b'/');
        if closing {
            at += 1;
        }
        if !b.get(at).is_some_and(u8::is_ascii_alphabetic) {
            return false;
        }
        at = tag_name(b, at, &mut name);
        if closing {
            if b.get(at) != Some(&b'>') {
                return false;
            }
            reader.event(CallbackEvent::EndTag { name: &name });
            at += 1;
            continue;
        }
        reader.event(CallbackEvent::OpenStartTag { name: &name });
        loop {
            match b.get(at) {
                Some(b'>') => {
                    reader.event(CallbackEvent::CloseStartTag {
                        self_closing: false,
                    });
                    at += 1;
                    break;
                }
                Some(b'/') if b.get(at + 1) == Some(&b'>') => {
                    reader.event(CallbackEvent::CloseStartTag { self_closing: true });
                    at += 2;
                    break;
                }
                Some(b' ' | b'\n' | b'\t') => {
                    while matches!(b.get(at), Some(b' ' | b'\n' | b'\t')) {
                        at += 1;
                    }
                    if matches!(b.get(at), Some(b'>' | b'/')) {
                        continue;
                    }
                    let start = at;
                    while b
                        .get(at)
                        .is_some_and(|c| c.is_ascii_alphanumeric() || b"-_:.".contains(c))
                    {
                        at += 1;
                    }
                    if at == start {
                        return false;
                    }
                    name.clear();
                    name.extend(b[start..at].iter().map(u8::to_ascii_lowercase));
                    reader.event(CallbackEvent::AttributeName { name: &name });
                    if b.get(at) == Some(&b'=') {
                        if b.get(at + 1) != Some(&b'"') {
                            return false;
                        }
                        let start = at + 2;
                        let Some(len) = memchr::memchr(b'"', &b[start..]) else {
                            return false;
                        };
                        let Some(value) = unescape(&b[start..start + len], &mut decoded) else {
                            return false;
                        };
                        if !value.is_empty() {
                            reader.event(CallbackEvent::AttributeValue { value });
                        }
                        at = start + len + 1;
                    }
                }
                _ => return false,
            }
        }
    }
    true
}

/// Reads a tag's name from `b[at..]` into `name`, lowered as html5gum
/// lowers it; returns where it ends.
fn tag_name(b: &[u8], mut at: usize, name: &mut Vec<u8>) -> usize {
    name.clear();
    while let Some(&c) = b
        .get(at)
        .filter(|c| c.is_ascii_alphanumeric() || **c == b'-')
    {
        name.push(c.to_ascii_lowercase());
        at += 1;
    }
    at
}

/// `text` with the character references pulldown-cmark writes decoded
/// (into `decoded` when it has any), or None at any other `&`.
fn unescape<'t>(text: &'t [u8], decoded: &'t mut Vec<u8>) -> Option<&'t [u8]> {
    let Some(first) = memchr::memchr(b'&', text) else {
        return Some(text);
    };
    decoded.clear();
    decoded.extend_from_slice(&text[..first]);
    let mut rest = &text[first..];
    while !rest.is_empty() {
        let Some(k) = memchr::memchr(b'&', rest) else {
            decoded.extend_from_slice(rest);
            break;
        };
        decoded.extend_from_slice(&rest[..k]);
        rest = &rest[k..];
        let (c, len) = [
            (b'&', &b"&amp;"[..]),
            (b'<', b"&lt;"),
            (b'>', b"&gt;"),
            (b'"', b"&quot;"),
            (b'\'', b"&#39;"),
        ]
        .into_iter()
        .find_map(|(c, reference)| rest.starts_with(reference).then_some((c, reference.len())))?;
        decoded.push(c);
        rest = &rest[len..];
    }
    Some(decoded)
}

/// What [`sections`] keeps while it reads a page. Its buffers are reused
/// from tag to tag: a page costs no allocation per element.
#[derive(Default)]
struct SectionReader {
    /// `(heading id, heading, text)` of each section so far.
    out: Vec<(String, String, String)>,
    /// The names of the open elements, one after another.
    names: Vec<u8>,
    /// Open elements: where the name starts in `names`, and whether the
    /// element is skipped with its content.
    open: Vec<(usize, bool)>,
    /// Inside a section heading (`h2` or `h3`, by its digit): its text goes
    /// to the heading, not the body.
    in_heading: Option<u8>,
    /// The start tag being read: its name and the attributes that matter,
    /// each with whether the tag has it.
    tag: Vec<u8>,
    attributes: [(bool, Vec<u8>); 4],
    /// Which of those the value being read belongs to (none: another
    /// attribute, or one named twice, whose first value stands).
    reading: Option<usize>,
}

/// The attributes [`SectionReader`] looks at, by their place in its list.
const ATTRIBUTES: [&[u8]; 4] = [b"id", b"class", b"hidden", b"aria-hidden"];

impl SectionReader {
    fn new() -> SectionReader {
        SectionReader {
            out: vec![(String::new(), String::new(), String::new())],
            ..SectionReader::default()
        }
    }

    /// The sections read, trimmed, the empty ones left out.
    fn finish(self) -> Vec<(String, String, String)> {
        let mut out = self.out;
        for section in &mut out {
            section.1 = section.1.trim().to_string();
            section.2 = section.2.trim().to_string();
        }
        out.retain(|(id, heading, text)| !id.is_empty() || !heading.is_empty() || !text.is_empty());
        out
    }

    fn event(&mut self, event: CallbackEvent<'_>) {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag.clear();
                self.tag.extend_from_slice(name);
                for (present, value) in &mut self.attributes {
                    *present = false;
                    value.clear();
                }
                self.reading = None;
            }
            CallbackEvent::AttributeName { name } => {
                self.reading = ATTRIBUTES.iter().position(|a| *a == name);
                if let Some(k) = self.reading {
                    if self.attributes[k].0 {
                        self.reading = None;
                    } else {
                        self.attributes[k].0 = true;
                    }
                }
            }
            CallbackEvent::AttributeValue { value } => {
                if let Some(k) = self.reading {
                    self.attributes[k].1.extend_from_slice(value);
                }
            }
            CallbackEvent::CloseStartTag { self_closing } => self.start_tag(self_closing),
            CallbackEvent::EndTag { name } => self.end_tag(name),
            CallbackEvent::String { value } if !self.open.last().is_some_and(|(_, s)| *s) => {
                let section = self.out.last_mut().expect("one section at least");
                let target = if self.in_heading.is_some() {
                    &mut section.1
                } else {
                    &mut section.2
                };
                match std::str::from_utf8(value) {
                    Ok(text) => push_text(target, text),
                    Err(_) => push_text(target, &String::from_utf8_lossy(value)),
                }
            }
            _ => {}
        }
    }

    fn start_tag(&mut self, self_closing: bool) {
        let name = self.tag.as_slice();
        if VOID.contains(&name) || self_closing {
            return;
        }
        let [id, class, hidden, aria_hidden] = &self.attributes;
        let skipped = self.open.last().is_some_and(|(_, s)| *s)
            || SKIPPED.contains(&name)
            || (aria_hidden.0 && aria_hidden.1 == b"true")
            || hidden.0
            || (class.0
                && String::from_utf8_lossy(&class.1)
                    .split_whitespace()
                    .any(|c| SKIPPED_CLASSES.contains(&c)));
        if !skipped && matches!(name, b"h2" | b"h3") {
            if id.0 {
                self.out.push((
                    String::from_utf8_lossy(&id.1).into_owned(),
                    String::new(),
                    String::new(),
                ));
                self.in_heading = Some(name[1]);
            }
        } else if !skipped && is_block(name) {
            push_space(&mut self.out);
        }
        self.open.push((self.names.len(), skipped));
        self.names.extend_from_slice(name);
    }

    fn end_tag(&mut self, name: &[u8]) {
        if self
            .in_heading
            .is_some_and(|level| name == [b'h', level].as_slice())
        {
            self.in_heading = None;
        }
        let mut end = self.names.len();
        for k in (0..self.open.len()).rev() {
            let start = self.open[k].0;
            if &self.names[start..end] == name {
                self.open.truncate(k);
                self.names.truncate(start);
                break;
            }
            end = start;
        }
        if is_block(name) {
            push_space(&mut self.out);
        }
    }
}

fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"li"
            | b"div"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"td"
            | b"th"
            | b"tr"
            | b"blockquote"
            | b"pre"
            | b"legend"
            | b"label"
            | b"dt"
            | b"dd"
            | b"figcaption"
            | b"section"
            | b"fieldset"
    )
}

/// Text with every run of white space one space, and none at the start.
/// Text already so (words and single spaces, most of a page) is copied
/// as it is, a stretch at a time.
fn push_text(target: &mut String, text: &str) {
    target.reserve(text.len());
    let bytes = text.as_bytes();
    // `text[copy..at]` is still to be copied as it is.
    let (mut copy, mut at) = (0, 0);
    while at < bytes.len() {
        let b = bytes[at];
        if crate::text::SPACE_BYTES[usize::from(b)] == 0
            || (b == b' ' && at > copy && bytes[at - 1] != b' ')
        {
            at += 1;
            continue;
        }
        let (space, len) = crate::text::white_space_at(text, at);
        if space {
            target.push_str(&text[copy..at]);
            if !target.is_empty() && !target.ends_with(' ') {
                target.push(' ');
            }
            copy = at + len;
        }
        at += len;
    }
    target.push_str(&text[copy..]);
}

fn push_space(out: &mut [(String, String, String)]) {
    if let Some(section) = out.last_mut()
        && !section.2.is_empty()
        && !section.2.ends_with(' ')
    {
        section.2.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_and_marks_and_split_unspaced_scripts() {
        assert_eq!(keys("Café, DON'T stop!"), ["cafe", "don", "t", "stop"]);
        assert_eq!(keys("Доверие и ЛЮБОВЬ"), ["доверие", "и", "любовь"]);
        assert_eq!(
            keys("信頼を取り戻す step 3"),
            ["信", "頼", "を", "取", "り", "戻", "す", "step", "3"]
        );
        assert_eq!(keys("الثِّقَة"), ["الثقة"]);
        // Final sigma, however it is written, is searched as σ.
        assert_eq!(keys("ΟΔΟΣ οδος οδός ΟΔΌΣ"), ["οδοσ"; 4]);
    }

    /// The keys as the module's notes define them, the slow way: the whole
    /// text lowered, decomposed and stripped of marks, then split.
    fn keys_by_definition(text: &str) -> Vec<String> {
        use unicode_normalization::UnicodeNormalization;
        let folded: String = text
            .to_lowercase()
            .replace('\u{03C2}', "\u{03C3}")
            .nfkd()
            .filter(|c| c.general_category_group() != GeneralCategoryGroup::Mark)
            .collect();
        let mut out = Vec::new();
        let mut word = String::new();
        for c in folded.chars() {
            if unspaced(c) {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                out.push(c.to_string());
            } else if c.is_alphanumeric() {
                word.push(c);
            } else if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
        }
        if !word.is_empty() {
            out.push(word);
        }
        out
    }

    #[test]
    fn keys_a_character_at_a_time_match_the_definition_for_every_character() {
        // Every scalar value, in order and with no separator, so that a
        // character whose decomposition or case depended on a neighbour
        // would show; then each beside marks, capital sigma and Hangul.
        let all: String = (0..=0x10FFFF_u32).filter_map(char::from_u32).collect();
        assert_eq!(keys(&all), keys_by_definition(&all));
        let rev: String = all.chars().rev().collect();
        assert_eq!(keys(&rev), keys_by_definition(&rev));
        for sample in [
            "ΣΊΣΥΦΟΣ σοφός ΟΔΟΣ. Σ aΣ Σa ΑΣ̈Β",
            "e\u{301}\u{327}\u{301}x A\u{30A}ngstro\u{308}m \u{212B}",
            "한국어 신뢰 \u{1100}\u{1161}\u{11A8}",
            "ﬁne ﬂow ① ½ Ⅻ ｆｕｌｌ ｶﾀｶﾅ",
            "İstanbul ıI ǅ ẞ ß",
        ] {
            assert_eq!(keys(sample), keys_by_definition(sample), "{sample}");
        }
    }

    type Sections = Vec<(String, String, String)>;

    /// What the plain reader made of `html`, if it took it, and what
    /// html5gum made of it.
    fn both_ways(html: &str) -> (Option<Sections>, Sections) {
        let mut plain = SectionReader::new();
        let taken = read_plain(html, &mut plain);
        let mut any = SectionReader::new();
        read_any(html, &mut any);
        (taken.then(|| plain.finish()), any.finish())
    }

    fn repo_file(path: &str) -> String {
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
            .unwrap()
    }

    #[test]
    fn the_plain_reader_takes_every_page_of_the_bundled_guide_as_html5gum_reads_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let files: Vec<(String, String)> = walkdir::WalkDir::new(root.join("content"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
            .map(|e| {
                let path = e.path().strip_prefix(root).unwrap();
                let path = path.to_string_lossy().replace('\\', "/");
                let text = std::fs::read_to_string(e.path()).unwrap();
                (path, text)
            })
            .collect();
        let (pages, _) = crate::pipeline::page_contents(&repo_file("guide.toml"), &files);
        assert!(pages.len() >= 15, "{} pages", pages.len());
        for (source, html) in pages {
            let (plain, any) = both_ways(&html);
            assert!(!any.is_empty(), "{source}");
            assert_eq!(plain, Some(any), "{source}");
        }
    }

    /// Each example's HTML in the CommonMark spec (raw HTML of every
    /// kind) and trellis's own HTML for its Markdown: where the plain
    /// reader takes a page, it reads it as html5gum does.
    #[test]
    fn the_plain_reader_agrees_with_html5gum_on_the_commonmark_examples() {
        let spec = repo_file("tests/commonmark/CommonMark/spec.txt");
        let fence = "`".repeat(32);
        let mut pages = Vec::new();
        for example in spec.split(&format!("{fence} example\n")).skip(1) {
            let example = example.split(&fence).next().unwrap().replace('→', "\t");
            let (markdown, html) = example.split_once("\n.\n").unwrap_or((&example, ""));
            pages.push(html.to_string());
            let page = format!("+++\ntitle = \"Example\"\n+++\n{markdown}\n");
            let (ours, _) = crate::pipeline::page_contents(
                "title = \"Conformance\"\n",
                &[("content/_index.md".to_string(), page)],
            );
            pages.extend(ours.into_iter().map(|(_, html)| html));
        }
        assert!(pages.len() > 1000, "{} pages", pages.len());
        let (mut taken, mut declined) = (0, 0);
        for html in &pages {
            match both_ways(html) {
                (Some(plain), any) => {
                    assert_eq!(plain, any, "{html}");
                    taken += 1;
                }
                (None, _) => declined += 1,
            }
        }
        // Both ways are exercised: most pages are plain, raw HTML is not.
        assert!(
            taken > 900 && declined > 20,
            "{taken} taken, {declined} declined"
        );
    }

    /// Pieces of HTML, well and badly formed, that the plain reader must
    /// either read as html5gum does or decline.
    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<h2 id=\"a\">",
        "<h3 id=\"b&amp;c\">",
        "</h2>",
        "</h3>",
        "<h2>",
        "<div class=\"ws-lines\" aria-hidden=\"true\">",
        "</div>",
        "<span hidden>",
        "</span>",
        "<br/>",
        "<br />",
        "<input disabled=\"\" type=\"checkbox\"/>",
        "<textarea>",
        "</textarea>",
        "<H2 ID=\"X\">",
        "</H2>",
        "&amp;",
        "&lt;",
        "&gt;",
        "&quot;",
        "&#39;",
        "&#x27;",
        "&",
        "&nbsp;",
        "&amp",
        "<",
        ">",
        "\"",
        "'",
        "=",
        "/",
        " ",
        "\n",
        "\t",
        "\r",
        "\u{c}",
        "\0",
        "word",
        "é",
        "日本",
        "<!-- c -->",
        "</>",
        "< p>",
        "<p class=x>",
        "<p class='x'>",
        "<a href=\"x\"title=\"y\">",
        "<p/",
        "</p x>",
        "<a b=\"",
        "<li>",
        "</li>",
        "<svg>",
        "<script>",
        "</script>",
        "<em>",
        "</em>",
        "<p\n class=\"ws-print\">",
        "<x-y data-z=\"1\">",
        "<a:b>",
        "<p =x>",
        "\u{FEFF}",
        "<p class=\"a ws-lines\" class=\"b\">",
        "<p hidden=\"\" id=\"z\">",
        "<h2 id=\"\">",
        "<div class=\"footnote-backref\">",
        "<p a = \"b\">",
        "<p a=\"b\"/>",
        "</p\n>",
        "\u{b}",
        "\u{7f}",
        "\u{80}",
        "\u{9f}",
        "\u{fdd0}",
        "\u{fffe}",
        "\u{1fffe}",
        "<p id=\"\u{fffe}\u{80}\">",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 2000,
            ..proptest::prelude::ProptestConfig::default()
        })]

        #[test]
        fn the_plain_reader_agrees_with_html5gum_or_declines(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..40)
        ) {
            let html = pieces.concat();
            if let (Some(plain), any) = both_ways(&html) {
                proptest::prop_assert_eq!(plain, any, "{:?}", html);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 3000,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Words of ASCII beside words of other scripts, marks, capitals
        /// and sigma: keys as defined.
        #[test]
        fn keys_of_mixed_text_are_as_defined(
            text in "[a-zA-Z0-9 .'\u{e9}\u{c9}\u{301}\u{3a3}\u{3c3}\u{65e5}\u{fb01}\u{2460}\u{ff21}-]{0,24}"
        ) {
            proptest::prop_assert_eq!(keys(&text), keys_by_definition(&text));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 2000,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// However pages come (in order, early, twice, in lists joined
        /// either way), a word's list holds them sorted by page, as the
        /// split index writes them; gaps of every LEB128 length included.
        #[test]
        fn page_lists_hold_their_pages_in_order(
            parts in proptest::collection::vec(
                proptest::collection::vec(
                    (proptest::prop_oneof![0u32..300, 0u32..u32::MAX], proptest::num::u8::ANY),
                    0..20,
                ),
                0..6,
            )
        ) {
            let mut joined = PageList::default();
            let mut expected = Vec::new();
            for (k, part) in parts.iter().enumerate() {
                let mut list = PageList::default();
                for &(page, weight) in part {
                    list.push(page, weight);
                }
                let mut sorted = part.clone();
                sorted.sort_unstable();
                proptest::prop_assert_eq!(list.iter().collect::<Vec<_>>(), sorted);
                expected.extend(part.iter().copied());
                if k % 2 == 0 {
                    joined.append(list);
                } else {
                    list.append(std::mem::take(&mut joined));
                    joined = list;
                }
            }
            expected.sort_unstable();
            if let Some(&(last, _)) = expected.last() {
                proptest::prop_assert_eq!(joined.last, last);
            }
            proptest::prop_assert_eq!(joined.iter().collect::<Vec<_>>(), expected);
        }
    }

    #[test]
    fn pages_in_order_take_two_bytes_each() {
        let mut list = PageList::default();
        for page in 0..10_000 {
            list.push(page, 5);
        }
        let mut after = PageList::default();
        for page in 10_000..10_100 {
            after.push(page, 1);
        }
        list.append(after);
        assert_eq!(list.bytes.len(), 2 * 10_100);
        assert_eq!(list.iter().nth(10_050), Some((10_050, 1)));
    }

    /// [`push_text`] as first written: split at each white space
    /// character, a space between the parts.
    fn push_text_by_definition(target: &mut String, text: &str) {
        for (k, part) in text.split(char::is_whitespace).enumerate() {
            if k > 0 && !target.ends_with(' ') && !target.is_empty() {
                target.push(' ');
            }
            target.push_str(part);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 3000,
            ..proptest::prelude::ProptestConfig::default()
        })]

        #[test]
        fn push_text_collapses_white_space_as_defined(
            start in "[a \u{a0}]{0,2}",
            text in "[a-zé \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{a9}\u{3000}\u{3001}\u{2028}\u{200a}\u{202f}\u{205f}\u{1680}\u{2603}\u{1c}日]{0,24}"
        ) {
            let (mut fast, mut slow) = (start.clone(), start);
            push_text(&mut fast, &text);
            push_text_by_definition(&mut slow, &text);
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn sections_follow_headings_and_leave_fields_out() {
        let html = r#"<p>Intro <em>words</em>.</p>
<h2 id="talk">Talk &amp; listen</h2><p>Say it.</p>
<fieldset class="ws-block"><legend class="ws-prompt">What I need</legend>
<textarea name="x">typed answer</textarea><div class="ws-lines" aria-hidden="true"><span class="ws-line"></span></div>
<div class="ws-print">printed copy</div><span aria-hidden="true">3</span></fieldset>
<h3 id="more">More</h3><ul><li>One</li><li>Two</li></ul><h4>Small</h4><p>Still more.</p>"#;
        let s = sections(html);
        assert_eq!(
            s,
            vec![
                (String::new(), String::new(), "Intro words.".to_string()),
                (
                    "talk".to_string(),
                    "Talk & listen".to_string(),
                    "Say it. What I need".to_string()
                ),
                (
                    "more".to_string(),
                    "More".to_string(),
                    "One Two Small Still more.".to_string()
                ),
            ]
        );
    }
}
