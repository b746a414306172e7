/*
 * trellis search: the guide's pages, found from any page. The index
 * (search-index.js, made at build time: each page's text by section, never
 * a worksheet field or answer) is loaded with a <script> element the first
 * time search opens, so it also works where fetch() is refused. Words are
 * split with Intl.Segmenter (Unicode rules; dictionary-based for Chinese
 * and Japanese), compared without case or accents, and every word of the
 * query must be found; results link to the heading they were found under,
 * with the match highlighted. Keyboard: "/" opens, arrows move, Enter
 * opens the result, Escape closes.
 *
 * A large site's index is split (see src/search.rs): search-index.js is
 * then a manifest; the chunks holding the query's words are loaded, the
 * pages they name ranked, and the text of the best few loaded to check
 * the match and show snippets. There a word matches where a word of the
 * text starts with it (the whole index matches anywhere in a word).
 */
(function () {
  "use strict";

  var MAX_RESULTS = 20;
  var SNIPPET_CHARS = 160;
  /** Split index: how many of the best pages have their text loaded. */
  var MAX_PAGES = 12;
  /** Split index: how many chunks a word's beginning may spread over. */
  var MAX_PREFIX_CHUNKS = 2;

  var dialog, input, list, status;
  var records = null;
  var loading = false;
  var active = -1;
  var shown = [];

  /* ---- words, from the page's message table -------------------------- */

  var table = null;
  function messages() {
    if (table) return table;
    table = { lang: document.documentElement.lang || "en", numbers: "latn", messages: {} };
    var el = document.getElementById("trellis-messages");
    try {
      if (el) {
        var t = JSON.parse(el.textContent);
        if (t && typeof t === "object" && t.messages) table = t;
      }
    } catch (e) { /* keys stand in */ }
    return table;
  }

  function lang() {
    return messages().lang || "en";
  }

  function number(n) {
    try {
      return new Intl.NumberFormat(lang(), { numberingSystem: messages().numbers || "latn" }).format(n);
    } catch (e) {
      return String(n);
    }
  }

  function msg(key, args) {
    var m = messages().messages[key];
    args = args || {};
    if (m && typeof m === "object" && m.forms) {
      var n = args[m.select];
      var forms = m.forms;
      var category = "other";
      try {
        category = new Intl.PluralRules(lang()).select(n);
      } catch (e) {
        category = n === 1 ? "one" : "other";
      }
      m = forms["=" + n] || forms[category] || forms.other || forms["*"];
    }
    if (typeof m !== "string") return key;
    return m.replace(/\{([A-Za-z][A-Za-z0-9_-]*)\}/g, function (whole, name) {
      if (!Object.prototype.hasOwnProperty.call(args, name)) return whole;
      return typeof args[name] === "number" ? number(args[name]) : String(args[name]);
    });
  }

  /* ---- text ------------------------------------------------------------ */

  /** Capital sigma lowers to \u03c2 at a word's end and \u03c3 elsewhere:
   *  both are \u03c3 to search, as in src/search.rs. */
  var FINAL_SIGMA = /\u03c2/g;
  var MARKS = /[\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/g;

  /** Lower case, accents and Arabic/Hebrew vowel marks dropped; with the
   *  position in `text` of every character of the result. */
  function fold(text) {
    var out = "";
    var at = [];
    var l = lang();
    for (var i = 0; i < text.length; ) {
      var code = text.codePointAt(i);
      var ch = String.fromCodePoint(code);
      var f;
      try {
        f = ch.toLocaleLowerCase(l);
      } catch (e) {
        f = ch.toLowerCase();
      }
      f = f.normalize("NFKD").replace(MARKS, "").replace(FINAL_SIGMA, "\u03c3");
      for (var k = 0; k < f.length; k++) at.push(i);
      out += f;
      i += ch.length;
    }
    at.push(text.length);
    return { text: out, at: at };
  }

  /** The words of a query, folded. */
  function words(query) {
    var out = [];
    var parts = [];
    if (typeof Intl !== "undefined" && Intl.Segmenter) {
      try {
        var seg = new Intl.Segmenter(lang(), { granularity: "word" }).segment(query);
        for (var it = seg[Symbol.iterator](), s = it.next(); !s.done; s = it.next()) {
          if (s.value.isWordLike) parts.push(s.value.segment);
        }
      } catch (e) {
        parts = query.split(/\s+/);
      }
    } else {
      parts = query.split(/\s+/);
    }
    for (var i = 0; i < parts.length; i++) {
      var w = fold(parts[i]).text.trim();
      if (w && out.indexOf(w) < 0) out.push(w);
    }
    return out;
  }

  function prepare(index) {
    var out = [];
    for (var p = 0; p < index.length; p++) {
      var page = index[p];
      for (var s = 0; s < page.s.length; s++) {
        var sec = page.s[s];
        out.push({
          url: page.u + (sec[0] ? "#" + encodeURIComponent(sec[0]) : ""),
          page: page.t,
          heading: sec[1],
          text: sec[2],
          foldedTitle: fold(page.t).text,
          foldedHeading: fold(sec[1]).text,
          folded: fold(sec[2])
        });
      }
    }
    return out;
  }

  function isWordStart(text, i) {
    return i === 0 || /[\s\p{P}]/u.test(text.charAt(i - 1));
  }

  function count(text, w) {
    var n = 0;
    var starts = 0;
    for (var i = text.indexOf(w); i >= 0 && n < 5; i = text.indexOf(w, i + w.length)) {
      n++;
      if (isWordStart(text, i)) starts++;
    }
    return n + starts;
  }

  function search(query) {
    var terms = words(query);
    if (!terms.length || !records) return [];
    var found = [];
    for (var r = 0; r < records.length; r++) {
      var rec = records[r];
      var score = 0;
      var all = true;
      for (var t = 0; t < terms.length; t++) {
        var w = terms[t];
        var inTitle = rec.foldedTitle.indexOf(w) >= 0;
        var inHeading = rec.foldedHeading.indexOf(w) >= 0;
        var inText = count(rec.folded.text, w);
        if (!inTitle && !inHeading && !inText) {
          all = false;
          break;
        }
        score += (inTitle ? 8 : 0) + (inHeading ? 5 : 0) + inText;
      }
      if (all) found.push({ rec: rec, score: score, terms: terms });
    }
    found.sort(function (a, b) { return b.score - a.score; });
    // One result per section, the best first; a page's own title section
    // before its headings when they score the same.
    return found.slice(0, MAX_RESULTS);
  }

  /** The text around the first match, with every match marked. */
  function snippet(rec, terms) {
    var folded = rec.folded;
    var first = -1;
    for (var t = 0; t < terms.length && first < 0; t++) first = folded.text.indexOf(terms[t]);
    var text = rec.text;
    var start = 0;
    if (first >= 0) start = Math.max(0, folded.at[first] - SNIPPET_CHARS / 3);
    var end = Math.min(text.length, start + SNIPPET_CHARS);
    // Marks, as ranges of the original text.
    var ranges = [];
    for (var k = 0; k < terms.length; k++) {
      for (var i = folded.text.indexOf(terms[k]); i >= 0; i = folded.text.indexOf(terms[k], i + terms[k].length)) {
        var a = folded.at[i];
        var b = folded.at[i + terms[k].length];
        if (b > start && a < end) ranges.push([Math.max(a, start), Math.min(b, end)]);
      }
    }
    ranges.sort(function (x, y) { return x[0] - y[0]; });
    var frag = document.createDocumentFragment();
    var pos = start;
    if (start > 0) frag.appendChild(document.createTextNode("… "));
    for (var r = 0; r < ranges.length; r++) {
      if (ranges[r][0] < pos) continue;
      frag.appendChild(document.createTextNode(text.slice(pos, ranges[r][0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(ranges[r][0], ranges[r][1]);
      frag.appendChild(mark);
      pos = ranges[r][1];
    }
    frag.appendChild(document.createTextNode(text.slice(pos, end)));
    if (end < text.length) frag.appendChild(document.createTextNode(" …"));
    return frag;
  }


  /* ---- a split index ---------------------------------------------------- */

  var manifest = null;
  var loaded = {};
  var waiting = {};
  var generation = 0;

  window.__TRELLIS_SEARCH_LOAD__ = function (name, data) {
    loaded[name] = data;
    var w = waiting[name];
    delete waiting[name];
    if (w) for (var i = 0; i < w.length; i++) w[i](data);
  };

  /** Load `name` (a chunk or a page) once; resolves with its data, or null. */
  function fetchPart(name) {
    return new Promise(function (resolve) {
      if (Object.prototype.hasOwnProperty.call(loaded, name)) return resolve(loaded[name]);
      if (waiting[name]) return waiting[name].push(resolve);
      waiting[name] = [resolve];
      var script = document.createElement("script");
      var base = dialog.getAttribute("data-search-index");
      script.src = base.slice(0, base.lastIndexOf("/") + 1) + manifest.dir + name + ".js";
      script.onerror = function () {
        window.__TRELLIS_SEARCH_LOAD__(name, null);
      };
      document.head.appendChild(script);
    });
  }

  var UNSPACED = /[\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF\u3040-\u30FF\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF66-\uFF9F\u{20000}-\u{3FFFF}]/u;
  var WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;

  /** The keys of `text`: the same steps as `keys` in src/search.rs. */
  function keys(text) {
    var folded = text.toLowerCase().replace(FINAL_SIGMA, "\u03c3").normalize("NFKD").replace(/\p{M}/gu, "");
    var out = [];
    var word = "";
    for (var ch of folded) {
      if (UNSPACED.test(ch)) {
        if (word) out.push(word);
        word = "";
        out.push(ch);
      } else if (WORD_CHAR.test(ch)) {
        word += ch;
      } else if (word) {
        out.push(word);
        word = "";
      }
    }
    if (word) out.push(word);
    return out;
  }

  /** Compare by code point, as Rust orders the index's words. */
  function cmp(a, b) {
    var i = 0;
    var j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i);
      var y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    if (i < a.length) return 1;
    if (j < b.length) return -1;
    return 0;
  }

  /** The chunk that holds `word` if any does: the last one starting at or before it. */
  function chunkOf(word) {
    var lo = 0;
    var hi = manifest.chunks.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (cmp(manifest.chunks[mid], word) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Pages a key is on, page -> weight: the word itself, or with `prefix`
   *  every word starting with it (over a few chunks at most). */
  function lookup(key, prefix) {
    var first = chunkOf(key);
    var names = ["w" + first];
    if (prefix) {
      for (var c = first + 1; c < manifest.chunks.length && names.length < MAX_PREFIX_CHUNKS; c++) {
        if (manifest.chunks[c].indexOf(key) !== 0) break;
        names.push("w" + c);
      }
    }
    return Promise.all(names.map(fetchPart)).then(function (chunks) {
      var pages = {};
      for (var n = 0; n < chunks.length; n++) {
        var chunk = chunks[n] || {};
        for (var word in chunk) {
          if (!Object.prototype.hasOwnProperty.call(chunk, word)) continue;
          if (word !== key && !(prefix && word.indexOf(key) === 0)) continue;
          var list = chunk[word];
          var page = 0;
          for (var i = 0; i + 1 < list.length; i += 2) {
            page += list[i];
            pages[page] = Math.max(pages[page] || 0, list[i + 1]);
          }
        }
      }
      return pages;
    });
  }

  /** The records of the best pages for `query`, from the split index. */
  function splitRecords(query) {
    var ks = keys(query);
    var unique = [];
    for (var k = 0; k < ks.length; k++) if (unique.indexOf(ks[k]) < 0) unique.push(ks[k]);
    if (!unique.length) return Promise.resolve([]);
    var last = ks[ks.length - 1];
    return Promise.all(
      unique.map(function (key) {
        // The word being typed matches words it begins; one letter of a
        // spaced script is too short to be worth that.
        return lookup(key, key === last && (UNSPACED.test(key) ? false : key.length > 1));
      })
    ).then(function (found) {
      var scores = found[0];
      for (var f = 1; f < found.length; f++) {
        var next = {};
        for (var page in scores) {
          if (Object.prototype.hasOwnProperty.call(found[f], page)) next[page] = scores[page] + found[f][page];
        }
        scores = next;
      }
      var best = Object.keys(scores)
        .map(Number)
        .sort(function (a, b) { return scores[b] - scores[a] || a - b; })
        .slice(0, MAX_PAGES);
      return Promise.all(best.map(function (page) { return fetchPart("p" + page); }));
    }).then(function (pages) {
      return prepare(pages.filter(Boolean));
    });
  }

  /* ---- showing results ------------------------------------------------- */

  function setActive(i) {
    var items = list.children;
    if (active >= 0 && items[active]) items[active].setAttribute("aria-selected", "false");
    active = i;
    if (active >= 0 && items[active]) {
      items[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function show() {
    var query = input.value;
    var mine = ++generation;
    if (manifest && query.trim()) {
      // Split: load what this query needs, then show it unless the reader
      // typed on meanwhile.
      splitRecords(query).then(function (found) {
        if (mine !== generation) return;
        records = found;
        render(query);
      });
      return;
    }
    render(query);
  }

  function render(query) {
    list.textContent = "";
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (!records) return;
    if (!query.trim()) {
      shown = [];
      status.textContent = "";
      input.setAttribute("aria-expanded", "false");
      return;
    }
    shown = search(query);
    for (var i = 0; i < shown.length; i++) {
      var hit = shown[i];
      var li = document.createElement("li");
      li.id = "trellis-search-result-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      // An option holds no link (nothing interactive inside an option):
      // choosing it, by Enter or a click, opens its URL.
      li.setAttribute("data-url", hit.rec.url);
      var title = document.createElement("span");
      title.className = "search-result-title";
      title.textContent = hit.rec.page;
      li.appendChild(title);
      if (hit.rec.heading) {
        var heading = document.createElement("span");
        heading.className = "search-result-heading";
        heading.textContent = hit.rec.heading;
        li.appendChild(heading);
      }
      var text = document.createElement("span");
      text.className = "search-result-snippet";
      text.appendChild(snippet(hit.rec, hit.terms));
      li.appendChild(text);
      list.appendChild(li);
    }
    input.setAttribute("aria-expanded", shown.length ? "true" : "false");
    status.textContent = shown.length
      ? msg("js-search-results", { count: shown.length })
      : msg("js-search-none", { query: query.trim() });
  }

  /** The index has arrived: the whole of it, or a split index's manifest. */
  function arrived(index) {
    if (index && !Array.isArray(index) && index.v === 2) {
      manifest = index;
      records = [];
    } else {
      records = prepare(index || []);
    }
  }

  function load() {
    if (records || loading) return;
    if (window.__TRELLIS_SEARCH__) {
      arrived(window.__TRELLIS_SEARCH__);
      show();
      return;
    }
    loading = true;
    status.textContent = msg("js-search-loading");
    var script = document.createElement("script");
    script.src = dialog.getAttribute("data-search-index");
    script.onload = function () {
      loading = false;
      arrived(window.__TRELLIS_SEARCH__);
      status.textContent = "";
      show();
    };
    script.onerror = function () {
      loading = false;
      status.textContent = msg("js-search-failed");
    };
    document.head.appendChild(script);
  }

  function open() {
    if (!dialog.open) {
      if (dialog.showModal) dialog.showModal();
      else dialog.setAttribute("open", "");
    }
    input.focus();
    input.select();
    load();
  }

  function close() {
    if (dialog.close) dialog.close();
    else dialog.removeAttribute("open");
  }

  function editable(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  function init() {
    dialog = document.querySelector("[data-search]");
    if (!dialog) return;
    input = dialog.querySelector("input");
    list = dialog.querySelector("[role=listbox]");
    status = dialog.querySelector("[data-search-status]");
    var openers = document.querySelectorAll("[data-search-open]");
    for (var i = 0; i < openers.length; i++) {
      openers[i].hidden = false;
      openers[i].addEventListener("click", open);
    }
    var closer = dialog.querySelector("[data-search-close]");
    if (closer) closer.addEventListener("click", close);
    // A click on the backdrop closes.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) close();
    });
    input.addEventListener("input", show);
    list.addEventListener("click", function (event) {
      var option = event.target instanceof Element && event.target.closest("[role=option]");
      if (!option) return;
      close();
      window.location.href = option.getAttribute("data-url");
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!shown.length) return;
        var n = shown.length;
        setActive(event.key === "ArrowDown" ? (active + 1) % n : (active - 1 + n) % n);
      } else if (event.key === "Enter") {
        event.preventDefault();
        var hit = shown[active >= 0 ? active : 0];
        if (hit) {
          close();
          window.location.href = hit.rec.url;
        }
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !editable(event.target)) {
        event.preventDefault();
        open();
      }
    });
    window.__TRELLIS_SEARCH_API__ = {
      search: function (q) {
        if (!manifest) return search(q).map(function (h) { return h.rec.url; });
        return splitRecords(q).then(function (found) {
          records = found;
          return search(q).map(function (h) { return h.rec.url; });
        });
      }
    };
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
