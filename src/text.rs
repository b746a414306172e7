//! Text chores every stage shares: slugs and ids, HTML escaping, percent
//! coding.
//!
//! A leaf module: it imports nothing from the rest of the crate, so any
//! stage can use it without creating a cycle. Everything here cuts and
//! compares by characters and grapheme clusters, never inside one, so
//! text in any script is safe; the white space scans read bytes only to
//! skip what cannot start white space, and decode the rest. Escaping comes from `pulldown-cmark-escape`
//! (the same rules the Markdown renderer uses) and percent coding from
//! `percent-encoding`; nothing here hand-rolls either.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
use unicode_segmentation::UnicodeSegmentation;

/// Characters kept in a URL path as they are: RFC 3986's unreserved set and
/// the `/` separator. Everything else is percent-encoded.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// A character that belongs in a slug or id: a letter or digit in any
/// script, a combining mark (Devanagari vowel signs, Arabic harakat, …), or
/// the zero-width joiners some scripts spell words with.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric()
        || c.general_category_group() == GeneralCategoryGroup::Mark
        || c == '\u{200c}'
        || c == '\u{200d}'
}

/// Text to a stable slug: Unicode NFC, lowercase, every run of characters
/// that are not [word characters](is_word_char) becomes one `-` (none at
/// either end), apostrophes are dropped ("partner's" → "partners").
pub(crate) fn slugify(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    let mut dash = false;
    for c in nfc(&final_sigma(text)).chars() {
        if is_word_char(c) {
            if dash && !s.is_empty() {
                s.push('-');
            }
            dash = false;
            s.extend(c.to_lowercase());
        } else if c == '\'' || c == '\u{2019}' {
            // An apostrophe joins, it does not separate.
        } else {
            dash = true;
        }
    }
    s
}

/// `text` with each capital sigma lowered as lowering the whole text does
/// it, as GitHub's ids have it: `ς` ending a word, `σ` elsewhere (lowering
/// a character at a time gives `σ` everywhere).
fn final_sigma(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\u{03A3}') {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '\u{03A3}' {
            let ends_word = i > 0
                && chars[i - 1].is_alphabetic()
                && !chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
            out.push(if ends_word { '\u{03C2}' } else { '\u{03C3}' });
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// A heading's id, as GitHub, mdBook and Hugo derive it, so links written
/// for those tools keep working: Unicode NFC, lowercase; word characters
/// (any script), `_` and `-` are kept, each space becomes `-`, other
/// punctuation and symbols are dropped (`## site_url` → `site_url`,
/// `## Q&A` → `qa`, `## With + or -` → `with--or--`).
pub(crate) fn heading_id(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in nfc(&final_sigma(text.trim())).chars() {
        if is_word_char(c) || c == '_' || c == '-' {
            s.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            s.push('-');
        }
    }
    s
}

/// [`slugify`], cut to at most `max_chars` characters at a grapheme
/// boundary (a letter keeps its marks), without a trailing `-`.
pub(crate) fn slug_within(text: &str, max_chars: usize) -> String {
    let slug = slugify(text);
    let cut = truncate_graphemes(&slug, max_chars);
    cut.trim_end_matches('-').to_string()
}

/// The longest prefix of `s` made of whole grapheme clusters with at most
/// `max_chars` characters.
pub(crate) fn truncate_graphemes(s: &str, max_chars: usize) -> &str {
    let mut chars = 0;
    let mut end = 0;
    for g in s.graphemes(true) {
        let n = g.chars().count();
        if chars + n > max_chars {
            break;
        }
        chars += n;
        end += g.len();
    }
    &s[..end]
}

/// True when `s` is already a slug: not empty, and only lowercase word
/// characters (any script) and `-`.
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c == '-' || (is_word_char(c) && !c.is_uppercase()))
        && s.nfc().eq(s.chars())
}

/// Escape text for HTML element content and quoted attribute values.
pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// A URL made safe for an `href` or `src` attribute, as CommonMark renders
/// link destinations: unsafe and non-ASCII bytes percent-encoded, `&` and
/// `'` escaped, existing `%XX` escapes kept.
pub(crate) fn escape_href(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + url.len() / 4);
    let _ = pulldown_cmark_escape::escape_href(&mut out, url);
    out
}

/// A file path as a URL path: everything but letters, digits, `-._~` and
/// `/` percent-encoded (`a#b.png` → `a%23b.png`, `шаги/` → `%D1%88…/`).
pub(crate) fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// Decode `%XX` escapes, leniently: bad escapes are kept as written and
/// invalid UTF-8 becomes U+FFFD. For links an author wrote.
pub(crate) fn percent_decode(s: &str) -> Cow<'_, str> {
    percent_decode_str(s).decode_utf8_lossy()
}

/// Decode `%XX` escapes strictly: `None` for a `%` not followed by two hex
/// digits, or bytes that are not UTF-8. For requests a client sent.
pub(crate) fn percent_decode_strict(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(Cow::into_owned)
}

/// Unicode NFC, so a name typed on one system matches the same name saved
/// by another (macOS file names may arrive decomposed).
pub(crate) fn nfc(s: &str) -> Cow<'_, str> {
    if unicode_normalization::is_nfc(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

/// For white space scans, what each byte can be: 0 never white space nor
/// its start, 1 ASCII white space, 2 the lead byte of one of the few white
/// space characters past ASCII (U+0085, U+00A0, U+1680, U+2000 to U+3000)
/// or of a character beside them.
pub(crate) const SPACE_BYTES: [u8; 256] = {
    let mut kinds = [0; 256];
    let mut b = b'\t';
    while b <= b'\r' {
        kinds[b as usize] = 1;
        b += 1;
    }
    kinds[b' ' as usize] = 1;
    kinds[0xC2] = 2;
    kinds[0xE1] = 2;
    kinds[0xE2] = 2;
    kinds[0xE3] = 2;
    kinds
};

/// Whether `text[at..]` starts with white space (as `char::is_whitespace`
/// has it), and how many bytes that character or byte takes: a byte
/// looked up for all but the lead bytes of [`SPACE_BYTES`]. `at` must be
/// a character boundary.
#[inline]
pub(crate) fn white_space_at(text: &str, at: usize) -> (bool, usize) {
    match SPACE_BYTES[usize::from(text.as_bytes()[at])] {
        0 => (false, 1),
        1 => (true, 1),
        _ => text[at..]
            .chars()
            .next()
            .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
    }
}

/// How many words `text` has: what `text.split_whitespace().count()`
/// gives, at the speed of a byte scan.
pub(crate) fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut count, mut at) = (0, 0);
    loop {
        while at < bytes.len() {
            let (space, len) = white_space_at(text, at);
            if !space {
                break;
            }
            at += len;
        }
        if at == bytes.len() {
            return count;
        }
        count += 1;
        while at < bytes.len() {
            if SPACE_BYTES[usize::from(bytes[at])] == 0 {
                at += 1;
                continue;
            }
            let (space, len) = white_space_at(text, at);
            if space {
                break;
            }
            at += len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_ids_match_what_other_tools_make() {
        // GitHub, mdBook and Hugo agree on these; books link to them.
        for (heading, id) in [
            ("Why it matters", "why-it-matters"),
            ("site_url", "site_url"),
            ("Step 3: Talk", "step-3-talk"),
            ("What's next?", "whats-next"),
            ("Localization/Translation", "localizationtranslation"),
            ("Q&A", "qa"),
            (
                "Concatenating with + or format!",
                "concatenating-with--or-format",
            ),
            ("Where's the -> Operator?", "wheres-the---operator"),
            ("Что делать?", "что-делать"),
            ("الثقة أولاً", "الثقة-أولاً"),
            ("話し合いの時間", "話し合いの時間"),
            ("ΟΔΗΓΙΕΣ ΑΣΦΑΛΕΙΑΣ", "οδηγιες-ασφαλειας"),
            ("Σ ΣΑΣ", "σ-σας"),
            ("`on_page_read_source`", "on_page_read_source"),
        ] {
            assert_eq!(heading_id(heading), id, "{heading}");
        }
    }

    #[test]
    fn slugs_in_any_script() {
        assert_eq!(
            slugify("For the partner who was hurt"),
            "for-the-partner-who-was-hurt"
        );
        assert_eq!(slugify("  What's next? (Part 2) "), "whats-next-part-2");
        assert_eq!(slugify("Été"), "été");
        assert_eq!(slugify("Что делать?"), "что-делать");
        assert_eq!(slugify("ماذا نفعل"), "ماذا-نفعل");
        assert_eq!(slugify("信任 与 沟通"), "信任-与-沟通");
        // A virama is a mark, not a separator.
        assert_eq!(slugify("नमस्ते दुनिया"), "नमस्ते-दुनिया");
        // Decomposed input gives the same slug as composed.
        assert_eq!(slugify("E\u{301}te\u{301}"), slugify("Été"));
    }

    #[test]
    fn cutting_never_splits_a_character_or_a_grapheme() {
        let prompt = "Что я чувствую сейчас по отношению к партнёру и почему это важно";
        let id = slug_within(prompt, 48);
        assert!(id.chars().count() <= 48, "{id}");
        assert!(prompt.to_lowercase().replace(' ', "-").starts_with(&id));
        assert!(!id.ends_with('-'));
        // "é" written as e + combining accent stays whole after NFC; a
        // base letter with two marks is one grapheme of three characters.
        let s = "aa\u{64e}\u{651}b";
        assert_eq!(truncate_graphemes(s, 2), "a");
        assert_eq!(truncate_graphemes(s, 4), "aa\u{64e}\u{651}");
        assert_eq!(truncate_graphemes("日本語", 2), "日本");
    }

    #[test]
    fn slug_check() {
        for ok in ["steps", "step-2", "доверие", "信任", "a--b"] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in ["", "Steps", "a b", "a/b", "a_b", "Доверие"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn escaping() {
        assert_eq!(
            escape_html(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(
            escape_href(r"https://example.com/\[\"),
            "https://example.com/%5C%5B%5C"
        );
        assert_eq!(escape_href("/a b/#é"), "/a%20b/#%C3%A9");
        assert_eq!(escape_href("/x?a=1&b='2'"), "/x?a=1&amp;b=&#x27;2&#x27;");
        assert_eq!(escape_href("/%20"), "/%20");
        assert_eq!(encode_path("img/a#b c%.png"), "img/a%23b%20c%25.png");
        assert_eq!(encode_path("шаг/"), "%D1%88%D0%B0%D0%B3/");
    }

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("a%20b%zz%"), "a b%zz%");
        assert_eq!(percent_decode("caf%C3%A9"), "café");
        assert_eq!(percent_decode_strict("/a%20b").as_deref(), Some("/a b"));
        for bad in ["%", "%2", "%zz", "%ff", "a%C3"] {
            assert_eq!(percent_decode_strict(bad), None, "{bad}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 3000,
            ..proptest::prelude::ProptestConfig::default()
        })]

        #[test]
        fn count_words_counts_as_split_whitespace_does(
            text in "[a-zé \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{a9}\u{3000}\u{3001}\u{2028}\u{200a}\u{202f}\u{205f}\u{1680}\u{2603}\u{1c}日]{0,24}"
        ) {
            proptest::prop_assert_eq!(count_words(&text), text.split_whitespace().count());
        }
    }

    #[test]
    fn word_characters_are_as_defined_in_ascii_and_past_it() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let defined = c.is_alphanumeric()
                || c.general_category_group() == GeneralCategoryGroup::Mark
                || c == '\u{200c}'
                || c == '\u{200d}';
            assert_eq!(is_word_char(c), defined, "{c:?}");
        }
    }

    proptest::proptest! {
        /// Slugs and heading ids skip normalising text already in NFC:
        /// the same as normalising every text.
        #[test]
        fn slugs_and_ids_are_those_of_the_normalised_text(
            text in "[a-zA-Z0-9 _'\u{2019}!?\u{301}\u{300}\u{327}e\u{e9}\u{c5}\u{212b}\u{1100}\u{1161}\u{d55c}\t-]{0,20}"
        ) {
            let normalised: String = text.nfc().collect();
            proptest::prop_assert_eq!(slugify(&text), slugify(&normalised));
            proptest::prop_assert_eq!(heading_id(&text), heading_id(&normalised));
        }
    }
}
