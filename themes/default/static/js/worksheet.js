/*
 * trellis worksheets: keep answers in this browser (localStorage), export
 * and import them as a JSON file, clear them, print.
 *
 * Storage key: "trellis:worksheet:v1:<slug>"; value:
 *   {"format":"trellis-worksheet","version":1,"worksheet":"<slug>",
 *    "saved_at":"<ISO date>","fields":{"<field>": "text" | true | "value"}}
 *
 * Works on every element with [data-worksheet] (one on a worksheet page,
 * several in the workbook). Nothing is ever sent over the network. Errors
 * are caught so the page keeps working as a plain form.
 */
(function () {
  "use strict";

  var FORMAT = "trellis-worksheet";
  var VERSION = 1;
  // The key carries the format version, so a later format can be stored
  // beside this one without either misreading the other.
  var PREFIX = "trellis:worksheet:v" + VERSION + ":";
  var SAVE_DELAY = 300;
  var MAX_IMPORT_BYTES = 1024 * 1024;
  var MAX_TEXT = 100000;

  var MSG = {
    saved: "Saved on this device",
    restored: "Your answers from this device are filled in.",
    noStorage: "Your answers cannot be saved in this browser (private browsing or blocked storage). You can still fill in and print this page, or export your answers to a file.",
    quota: "Your answers could not be saved: this browser's storage is full. Export or print them so nothing is lost.",
    updated: "Answers updated from another tab.",
    exported: function (name) { return "Exported your answers to " + name + "."; },
    exportFailed: "The answers could not be exported in this browser. Print them instead.",
    importRead: "That file could not be read.",
    importJson: "That file is not a trellis answers file (it is not valid JSON).",
    importFormat: "That file is not a trellis answers file, or it comes from a newer version.",
    importOther: function (name) { return "That file holds answers for a different worksheet (\u201c" + name + "\u201d), so nothing was imported."; },
    importEmpty: "That file has no answers that fit this worksheet, so nothing was imported.",
    importBig: "That file is too large to be a trellis answers file.",
    importCancelled: "Import cancelled. Your answers were not changed.",
    imported: function (n, skipped) {
      return "Imported " + n + (n === 1 ? " answer" : " answers") +
        (skipped ? " (" + skipped + " that did not fit this worksheet were skipped)" : "") + ".";
    },
    confirmImport: "Replace the answers on this device with the ones in the file? The answers you have here now will be overwritten.",
    confirmClear: "Clear all answers to this worksheet on this device? This cannot be undone. Export or print first if you want to keep them.",
    cleared: "Answers cleared from this device.",
    clearCancelled: "Nothing was cleared."
  };

  function safe(fn) {
    return function () {
      try {
        return fn.apply(this, arguments);
      } catch (err) {
        if (window.console && console.error) console.error("trellis worksheet:", err);
      }
    };
  }

  /* ---- storage ---------------------------------------------------------- */

  var storage = (function () {
    try {
      var s = window.localStorage;
      var probe = PREFIX + "__probe__";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  })();

  function isPlainObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }

  function readStored(slug) {
    if (!storage) return null;
    var raw;
    try {
      raw = storage.getItem(PREFIX + slug);
    } catch (e) {
      return null;
    }
    return parseRecord(raw, slug);
  }

  function parseRecord(raw, slug) {
    if (!raw) return null;
    try {
      var data = JSON.parse(raw);
      if (isPlainObject(data) && data.format === FORMAT && data.version === VERSION &&
          data.worksheet === slug && isPlainObject(data.fields)) {
        return data;
      }
    } catch (e) { /* ignore a corrupt entry */ }
    return null;
  }

  /* ---- status line ------------------------------------------------------ */

  function statusFor(el) {
    var scope = el.closest("[data-ws-scope]");
    return (scope && scope.querySelector(".ws-status")) || document.querySelector(".ws-status");
  }

  function say(el, text, tone) {
    var status = statusFor(el);
    if (!status) return;
    if (tone) status.setAttribute("data-tone", tone);
    else status.removeAttribute("data-tone");
    // Re-announce identical messages too.
    if (status.textContent === text) status.textContent = "";
    status.textContent = text;
  }

  /* ---- one worksheet ---------------------------------------------------- */

  function Sheet(root) {
    this.root = root;
    this.slug = root.getAttribute("data-worksheet") || "";
    this.key = PREFIX + this.slug;
    this.timer = null;
    this.scan();
  }

  // Find the fields (again, after the dev server patched the page).
  Sheet.prototype.scan = function () {
    var root = this.root;
    this.groups = {}; // field name -> {type, els}
    this.names = [];
    var inputs = root.querySelectorAll("[data-ws-field]");
    for (var i = 0; i < inputs.length; i++) {
      var el = inputs[i];
      var name = el.getAttribute("data-ws-field");
      if (!name) continue;
      var type = fieldType(el);
      if (!this.groups[name]) {
        this.groups[name] = { type: type, els: [] };
        this.names.push(name);
      }
      this.groups[name].els.push(el);
    }
  };

  function fieldType(el) {
    var t = (el.getAttribute("type") || "").toLowerCase();
    if (el.tagName === "INPUT" && t === "checkbox") return "checkbox";
    if (el.tagName === "INPUT" && t === "radio") return "radio";
    return "text";
  }

  Sheet.prototype.collect = function () {
    var fields = {};
    for (var i = 0; i < this.names.length; i++) {
      var name = this.names[i];
      var g = this.groups[name];
      var j;
      if (g.type === "text") {
        var v = g.els[0].value;
        if (v !== "") fields[name] = v;
      } else if (g.type === "checkbox") {
        fields[name] = g.els[0].checked;
      } else {
        for (j = 0; j < g.els.length; j++) {
          if (g.els[j].checked) fields[name] = g.els[j].value;
        }
      }
    }
    return fields;
  };

  // True when every field is as the page delivered it (empty, or an
  // author's pre-ticked box still ticked).
  Sheet.prototype.isPristine = function () {
    for (var i = 0; i < this.names.length; i++) {
      var els = this.groups[this.names[i]].els;
      for (var j = 0; j < els.length; j++) {
        var el = els[j];
        if (fieldType(el) === "text") {
          if (el.value !== el.defaultValue) return false;
        } else if (el.checked !== el.defaultChecked) {
          return false;
        }
      }
    }
    return true;
  };

  Sheet.prototype.hasAnswers = function () {
    return !this.isPristine();
  };

  Sheet.prototype.record = function (fields) {
    return {
      format: FORMAT,
      version: VERSION,
      worksheet: this.slug,
      saved_at: new Date().toISOString(),
      fields: fields
    };
  };

  // Put values into the fields. A missing key puts the field back as the
  // page delivered it (empty for text). With keepFocused, the field being
  // edited (or its radio group) is left alone.
  Sheet.prototype.apply = function (fields, keepFocused) {
    var active = document.activeElement;
    for (var i = 0; i < this.names.length; i++) {
      var name = this.names[i];
      var g = this.groups[name];
      if (keepFocused && g.els.indexOf(active) !== -1) continue;
      var has = Object.prototype.hasOwnProperty.call(fields, name);
      var val = has ? fields[name] : undefined;
      for (var j = 0; j < g.els.length; j++) {
        var el = g.els[j];
        if (g.type === "text") {
          el.value = typeof val === "string" ? val : el.defaultValue;
          syncPrint(el);
        } else if (g.type === "checkbox") {
          el.checked = typeof val === "boolean" ? val : el.defaultChecked;
        } else {
          el.checked = typeof val === "string" ? el.value === val : el.defaultChecked;
        }
      }
    }
  };

  Sheet.prototype.save = function () {
    this.cancel();
    if (!storage) return false;
    try {
      if (this.isPristine()) storage.removeItem(this.key);
      else storage.setItem(this.key, JSON.stringify(this.record(this.collect())));
    } catch (e) {
      say(this.root, MSG.quota, "error");
      return false;
    }
    say(this.root, MSG.saved, "ok");
    return true;
  };

  Sheet.prototype.schedule = function () {
    var self = this;
    this.cancel();
    this.timer = window.setTimeout(safe(function () {
      self.timer = null;
      self.save();
    }), SAVE_DELAY);
  };

  Sheet.prototype.cancel = function () {
    if (this.timer !== null) {
      window.clearTimeout(this.timer);
      this.timer = null;
    }
  };

  Sheet.prototype.flush = function () {
    if (this.timer !== null) this.save();
  };

  // Fill in the saved answers, if any. Without saved answers the fields
  // are left as they are (keepFocused: used on return from the page cache,
  // where a missing record means another tab cleared them).
  Sheet.prototype.restore = function (keepFocused) {
    var data = readStored(this.slug);
    if (data) this.apply(this.filter(data.fields).fields, keepFocused);
    else if (keepFocused) this.apply({}, true);
    return !!data;
  };

  // Keep only known fields with the right type of value.
  Sheet.prototype.filter = function (fields) {
    var out = {};
    var accepted = 0;
    var skipped = 0;
    for (var name in fields) {
      if (!Object.prototype.hasOwnProperty.call(fields, name)) continue;
      var g = Object.prototype.hasOwnProperty.call(this.groups, name) ? this.groups[name] : null;
      var v = fields[name];
      var ok = false;
      if (g && g.type === "text") {
        ok = typeof v === "string" && v.length <= MAX_TEXT;
      } else if (g && g.type === "checkbox") {
        ok = typeof v === "boolean";
      } else if (g && g.type === "radio") {
        ok = typeof v === "string" && g.els.some(function (el) { return el.value === v; });
      }
      if (ok) {
        if (v !== "") out[name] = v;
        accepted++;
      } else {
        skipped++;
      }
    }
    return { fields: out, accepted: accepted, skipped: skipped };
  };

  function sameFields(a, b) {
    var ka = Object.keys(a);
    var kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    for (var i = 0; i < ka.length; i++) {
      if (!Object.prototype.hasOwnProperty.call(b, ka[i]) || a[ka[i]] !== b[ka[i]]) return false;
    }
    return true;
  }

  /* ---- print mirror ----------------------------------------------------- */

  // Copy a text field's value into its .ws-print sibling (as text only) and
  // mark the block as filled, so print shows the words instead of lines.
  function syncPrint(el) {
    if (fieldType(el) !== "text") return;
    var print = el.nextElementSibling;
    while (print && !(print.classList && print.classList.contains("ws-print"))) {
      print = print.nextElementSibling;
    }
    var box = el.closest(".ws-field, .ws-answer, .ws-partner");
    if (!print && box) print = box.querySelector(".ws-print");
    var value = el.value || "";
    if (print) print.textContent = value;
    if (box) box.classList.toggle("is-filled", value.trim() !== "");
  }

  /* ---- export / import -------------------------------------------------- */

  function exportSheet(sheet) {
    sheet.flush();
    var name = (sheet.slug || "worksheet") + "-answers.json";
    try {
      var json = JSON.stringify(sheet.record(sheet.collect()), null, 2) + "\n";
      var blob = new Blob([json], { type: "application/json" });
      var url = URL.createObjectURL(blob);
      var a = document.createElement("a");
      a.href = url;
      a.download = name;
      a.rel = "noopener";
      a.style.display = "none";
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      say(sheet.root, MSG.exported(name), "ok");
    } catch (e) {
      say(sheet.root, MSG.exportFailed, "error");
    }
  }

  function readFileText(file) {
    if (file.text) return file.text();
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(String(reader.result)); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsText(file);
    });
  }

  function importFile(sheet, file) {
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      say(sheet.root, MSG.importBig, "error");
      return;
    }
    readFileText(file).then(safe(function (text) {
      var data;
      try {
        data = JSON.parse(text);
      } catch (e) {
        say(sheet.root, MSG.importJson, "error");
        return;
      }
      if (!isPlainObject(data) || data.format !== FORMAT || data.version !== VERSION ||
          !isPlainObject(data.fields)) {
        say(sheet.root, MSG.importFormat, "error");
        return;
      }
      if (data.worksheet !== sheet.slug) {
        say(sheet.root, MSG.importOther(String(data.worksheet).slice(0, 80)), "error");
        return;
      }
      var result = sheet.filter(data.fields);
      if (result.accepted === 0) {
        say(sheet.root, MSG.importEmpty, "error");
        return;
      }
      if (sheet.hasAnswers() && !window.confirm(MSG.confirmImport)) {
        say(sheet.root, MSG.importCancelled);
        return;
      }
      sheet.cancel();
      sheet.apply(result.fields, false);
      if (storage) sheet.save();
      say(sheet.root, MSG.imported(result.accepted, result.skipped), "ok");
    }), function () {
      say(sheet.root, MSG.importRead, "error");
    });
  }

  function clearSheet(sheet) {
    if (!window.confirm(MSG.confirmClear)) {
      say(sheet.root, MSG.clearCancelled);
      return;
    }
    sheet.cancel();
    if (storage) {
      try { storage.removeItem(sheet.key); } catch (e) { /* nothing to do */ }
    }
    sheet.apply({}, false);
    say(sheet.root, MSG.cleared, "ok");
  }

  /* ---- wiring ----------------------------------------------------------- */

  function init() {
    // Print hides the text boxes in favour of the copies this script keeps;
    // without the script, the boxes themselves must print.
    document.documentElement.classList.add("ws-js");
    var roots = document.querySelectorAll("[data-worksheet]");
    if (!roots.length) return;
    var sheets = [];
    var bySlug = {};
    var restoredAny = false;

    for (var i = 0; i < roots.length; i++) {
      var sheet = new Sheet(roots[i]);
      if (!sheet.slug) continue;
      sheets.push(sheet);
      bySlug[sheet.slug] = sheet;
      if (storage && sheet.restore(false)) restoredAny = true;
      else {
        // Show any values the browser itself restored (back button).
        for (var n = 0; n < sheet.names.length; n++) {
          var g = sheet.groups[sheet.names[n]];
          if (g.type === "text") syncPrint(g.els[0]);
        }
      }
      bindSheet(sheet);
    }
    if (!sheets.length) return;

    function sheetFor(el) {
      var root = el.closest("[data-worksheet]");
      if (root) return bySlug[root.getAttribute("data-worksheet")] || null;
      var bar = el.closest("[data-ws-toolbar]");
      var target = bar && bar.getAttribute("data-ws-target");
      if (target && bySlug[target]) return bySlug[target];
      return sheets.length === 1 ? sheets[0] : null;
    }

    // Toolbars: shown only now that the script runs.
    var bars = document.querySelectorAll("[data-ws-toolbar]");
    for (var b = 0; b < bars.length; b++) bars[b].hidden = false;

    document.addEventListener("click", safe(function (ev) {
      var btn = ev.target.closest && ev.target.closest("[data-ws-action]");
      if (!btn) return;
      var action = btn.getAttribute("data-ws-action");
      if (action === "print") {
        for (var s = 0; s < sheets.length; s++) sheets[s].flush();
        window.print();
        return;
      }
      var sheet = sheetFor(btn);
      if (!sheet) return;
      if (action === "export") {
        exportSheet(sheet);
      } else if (action === "import") {
        var bar = btn.closest("[data-ws-toolbar]") || document;
        var input = bar.querySelector("[data-ws-import]");
        if (input) {
          input.value = "";
          input.click();
        }
      } else if (action === "clear") {
        clearSheet(sheet);
      }
    }));

    var imports = document.querySelectorAll("[data-ws-import]");
    for (var m = 0; m < imports.length; m++) {
      imports[m].addEventListener("change", safe(function (ev) {
        var input = ev.target;
        var sheet = sheetFor(input);
        var file = input.files && input.files[0];
        if (sheet && file) importFile(sheet, file);
        input.value = "";
      }));
    }

    // Save what is pending before the page goes away or into the background.
    function flushAll() {
      for (var s = 0; s < sheets.length; s++) sheets[s].flush();
    }
    window.addEventListener("pagehide", safe(flushAll));
    document.addEventListener("visibilitychange", safe(function () {
      if (document.visibilityState === "hidden") flushAll();
    }));
    window.addEventListener("beforeprint", safe(function () {
      flushAll();
      for (var s = 0; s < sheets.length; s++) {
        for (var n = 0; n < sheets[s].names.length; n++) {
          var g = sheets[s].groups[sheets[s].names[n]];
          if (g.type === "text") syncPrint(g.els[0]);
        }
      }
    }));

    // Another tab changed (or cleared) a worksheet: follow it.
    window.addEventListener("storage", safe(function (ev) {
      if (!storage || ev.storageArea !== storage) return;
      if (ev.key === null) {
        for (var s = 0; s < sheets.length; s++) sheets[s].apply({}, true);
        return;
      }
      if (ev.key.indexOf(PREFIX) !== 0) return;
      var sheet = bySlug[ev.key.slice(PREFIX.length)];
      if (!sheet) return;
      var data = parseRecord(ev.newValue, sheet.slug);
      var incoming = sheet.filter(data ? data.fields : {}).fields;
      if (sameFields(incoming, sheet.collect())) return;
      // An edit of ours still waiting to be saved: take the other tab's
      // answers but keep the field being typed in, then save the merge,
      // so neither tab's latest words are lost.
      var pending = sheet.timer !== null;
      sheet.apply(incoming, true);
      if (pending) sheet.schedule();
      say(sheet.root, MSG.updated);
    }));

    // The dev server patched the page in place (trellis serve): the
    // fields may have changed, and what this script keeps in the page
    // (toolbars shown, the print copies of answers) is back to the server's
    // HTML. Typed text is untouched; saved answers fill any new field.
    document.addEventListener("trellis:patched", safe(function () {
      for (var s = 0; s < sheets.length; s++) {
        sheets[s].flush();
        sheets[s].scan();
        if (storage) sheets[s].restore(true);
        for (var n = 0; n < sheets[s].names.length; n++) {
          var g = sheets[s].groups[sheets[s].names[n]];
          if (g.type === "text") syncPrint(g.els[0]);
        }
      }
      var bars = document.querySelectorAll("[data-ws-toolbar]");
      for (var b = 0; b < bars.length; b++) bars[b].hidden = false;
    }));

    // Back/forward cache: storage may have changed while the page slept.
    window.addEventListener("pageshow", safe(function (ev) {
      if (!ev.persisted || !storage) return;
      for (var s = 0; s < sheets.length; s++) sheets[s].restore(true);
    }));

    if (!storage) say(sheets[0].root, MSG.noStorage, "error");
    else if (restoredAny) say(sheets[0].root, MSG.restored);
  }

  function bindSheet(sheet) {
    function onEdit(ev) {
      var el = ev.target;
      if (!el || !el.hasAttribute || !el.hasAttribute("data-ws-field")) return;
      syncPrint(el);
      if (storage) sheet.schedule();
    }
    sheet.root.addEventListener("input", safe(onEdit));
    sheet.root.addEventListener("change", safe(onEdit));
  }

  function start() {
    safe(init)();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
