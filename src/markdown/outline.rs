//! A page's headings and anchors, packed: each is one string and one list
//! of where its parts end, not a string for every id and title. A large
//! site holds every page's until its pages render, and a string each was
//! most of a 10,000-page build's allocations.

use crate::view::TocEntry;

/// A page's headings below its title, in order: level, id and text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headings {
    /// Each heading's id, then its text.
    text: String,
    /// Each heading's level, and where its id and its text end in `text`
    /// (each starts where the one before it ends).
    ends: Vec<(u8, usize, usize)>,
}

impl Headings {
    pub(crate) fn push(&mut self, level: u8, id: &str, title: &str) {
        self.text.push_str(id);
        let id_end = self.text.len();
        self.text.push_str(title);
        self.ends.push((level, id_end, self.text.len()));
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Level, id and text of each heading, in order.
    pub fn iter(&self) -> impl Iterator<Item = (u8, &str, &str)> {
        let mut start = 0;
        self.ends.iter().map(move |&(level, id_end, end)| {
            let heading = (level, &self.text[start..id_end], &self.text[id_end..end]);
            start = end;
            heading
        })
    }

    /// The table of contents: each heading's children are the headings
    /// after it of a deeper level, up to the next of its own.
    pub fn toc(&self) -> Vec<TocEntry> {
        let headings: Vec<(u8, &str, &str)> = self.iter().collect();
        let top = headings.iter().map(|h| h.0).min().unwrap_or(2);
        let mut i = 0;
        let mut toc = Vec::new();
        while i < headings.len() {
            toc.extend(nest(&headings, &mut i, top));
        }
        toc
    }

    /// Gives back room reserved and not used (held until the page renders).
    pub(crate) fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// The entries from `headings[*i]` on at `level` or deeper, nested.
fn nest(headings: &[(u8, &str, &str)], i: &mut usize, level: u8) -> Vec<TocEntry> {
    let mut entries = Vec::new();
    while let Some(&(l, id, title)) = headings.get(*i) {
        if l < level {
            break;
        }
        *i += 1;
        let children = nest(headings, i, l + 1);
        entries.push(TocEntry {
            level: l,
            id: id.to_string(),
            title: title.to_string(),
            children,
        });
    }
    entries
}

/// Every id a link may point at on a page (headings, footnotes, worksheet
/// fields, raw HTML's ids), each once, sorted, so a lookup is a binary
/// search and two pages' sets compare as values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Anchors {
    text: String,
    /// Where each id ends in `text`, in id order.
    ends: Vec<usize>,
}

impl Anchors {
    pub fn contains(&self, id: &str) -> bool {
        let (mut low, mut high) = (0, self.ends.len());
        while low < high {
            let middle = low + (high - low) / 2;
            match self.id(middle).cmp(id) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// The ids, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|k| self.id(k))
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The `k`th id: it starts where the one before ends.
    fn id(&self, k: usize) -> &str {
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.text[start..self.ends[k]]
    }
}

/// Anchors as a page's render finds them, in any order and maybe twice.
#[derive(Debug, Default)]
pub(crate) struct AnchorList {
    text: String,
    spans: Vec<(usize, usize)>,
}

impl AnchorList {
    pub(crate) fn push(&mut self, id: &str) {
        let start = self.text.len();
        self.text.push_str(id);
        self.spans.push((start, self.text.len()));
    }

    /// Sorted, each once.
    pub(crate) fn finish(self) -> Anchors {
        let AnchorList { text, mut spans } = self;
        let id = |&(start, end): &(usize, usize)| &text[start..end];
        spans.sort_unstable_by(|a, b| id(a).cmp(id(b)));
        spans.dedup_by(|a, b| id(a) == id(b));
        let mut anchors = Anchors {
            text: String::with_capacity(spans.iter().map(|(s, e)| e - s).sum()),
            ends: Vec::with_capacity(spans.len()),
        };
        for span in &spans {
            anchors.text.push_str(id(span));
            anchors.ends.push(anchors.text.len());
        }
        anchors
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn headings_nest_into_a_table_of_contents() {
        let mut h = Headings::default();
        for (level, id, title) in [
            (2, "a", "A"),
            (3, "a-1", "A one"),
            (4, "deep", "Deep"),
            (3, "a-2", "A two"),
            (2, "b", "B"),
            (5, "skip", "Skipped levels"),
        ] {
            h.push(level, id, title);
        }
        assert_eq!(h.len(), 6);
        assert_eq!(h.iter().nth(3), Some((3, "a-2", "A two")));
        let toc = h.toc();
        assert_eq!(toc.len(), 2);
        assert_eq!(toc[0].children.len(), 2);
        assert_eq!(toc[0].children[0].children[0].id, "deep");
        assert_eq!(toc[1].children[0].title, "Skipped levels");
        assert!(Headings::default().toc().is_empty());
    }

    proptest::proptest! {
        /// The packed set has exactly the ids pushed, whatever their order
        /// and repeats, and no other (empty ids and prefixes included).
        #[test]
        fn anchors_hold_exactly_the_ids_pushed(
            ids in proptest::collection::vec("[a-c\u{e9}-]{0,3}", 0..24),
            probes in proptest::collection::vec("[a-c\u{e9}-]{0,3}", 0..24),
        ) {
            let mut list = AnchorList::default();
            for id in &ids {
                list.push(id);
            }
            let anchors = list.finish();
            let set: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(anchors.iter().collect::<Vec<_>>(), set.iter().copied().collect::<Vec<_>>());
            proptest::prop_assert_eq!(anchors.len(), set.len());
            for probe in probes.iter().chain(&ids) {
                proptest::prop_assert_eq!(anchors.contains(probe), set.contains(probe.as_str()));
            }
        }
    }
}
