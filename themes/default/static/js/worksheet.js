/*
 * trellis worksheets on screen: fill in, keep on this device (answers.js),
 * lock with a passphrase, export and import, bring a partner's answers in,
 * print. Works on every [data-worksheet] of the page (one on a worksheet
 * page, all of them in the workbook) and on the workbook's "Your answers"
 * panel. Nothing is ever sent over the network. Errors are caught so the
 * page keeps working as a plain form that prints.
 */
(function () {
  "use strict";

  var A = window.TrellisAnswers;
  var SAVE_DELAY = 300;
  // The lock closes after this long without the reader doing anything
  // (tests shorten it by setting window.__TRELLIS_LOCK_AFTER_MS__ first).
  var LOCK_AFTER_MS = window.__TRELLIS_LOCK_AFTER_MS__ > 0 ? window.__TRELLIS_LOCK_AFTER_MS__ : 5 * 60 * 1000;
  var MAX_IMPORT_BYTES = 4 * 1024 * 1024;
  var MIN_PASSPHRASE = 8;
  // Problems with a file that have their own message (js-import-error-…);
  // any other reads as "read".
  var IMPORT_ERRORS = ["big", "json", "foreign", "newer", "damaged", "passphrase", "read"];

  /* ---- words ----------------------------------------------------------- */

  // Every word this script shows comes from the theme's message tables:
  // the page carries the `js-` messages of its language (English behind
  // them) as JSON in #trellis-messages, read once when first needed (see
  // messages/en/js.ftl). Without it, or with it broken, the page still
  // works and shows each message's key instead of its words.
  var words = null;

  function table() {
    if (words) return words;
    words = { lang: "", dir: "ltr", numbers: "latn", messages: {} };
    try {
      var el = document.getElementById("trellis-messages");
      var d = el ? JSON.parse(el.textContent) : null;
      if (d && typeof d === "object") {
        if (typeof d.lang === "string") words.lang = d.lang;
        if (d.dir === "rtl") words.dir = "rtl";
        if (typeof d.numbers === "string" && /^[a-z]{3,8}$/.test(d.numbers)) words.numbers = d.numbers;
        if (d.messages && typeof d.messages === "object") words.messages = d.messages;
      }
    } catch (e) {
      report(e);
    }
    if (!words.lang) words.lang = document.documentElement.lang || "en";
    // The language with its digits (`ar-u-nu-latn`), for Intl: the page's
    // numbers are in the digits the guide chose, not the browser's.
    words.locale = words.lang.indexOf("-u-") === -1 ? words.lang + "-u-nu-" + words.numbers : words.lang;
    return words;
  }

  // An Intl object for the page's language and digits, or null when this
  // browser has none that fits (then text falls back to plain digits).
  function intl(make) {
    var t = table();
    try {
      return make(t.locale, t.numbers);
    } catch (e) { /* try the plain language */ }
    try {
      return make(t.lang);
    } catch (e) { /* no Intl here */ }
    return null;
  }

  function formatNumber(n) {
    var t = table();
    if (t.numberFormat === undefined) {
      t.numberFormat = intl(function (locale, nu) {
        return new Intl.NumberFormat(locale, nu ? { numberingSystem: nu } : {});
      });
    }
    try {
      if (t.numberFormat) return t.numberFormat.format(n);
    } catch (e) { /* plain digits */ }
    return String(n);
  }

  // A day as the page's language writes it ("14 March 2025").
  function day(iso) {
    if (!iso) return "";
    var t = table();
    var date = new Date(iso);
    try {
      return date.toLocaleDateString(t.locale, { year: "numeric", month: "long", day: "numeric", numberingSystem: t.numbers });
    } catch (e) { /* try the plain language */ }
    try {
      return date.toLocaleDateString(t.lang, { year: "numeric", month: "long", day: "numeric" });
    } catch (e) {
      return iso.slice(0, 10);
    }
  }

  // The plural category of n in the page's language ("one", "few", …).
  function pluralOf(n) {
    var t = table();
    if (t.plurals === undefined) {
      t.plurals = intl(function (locale) { return new Intl.PluralRules(locale); });
    }
    try {
      if (t.plurals) return t.plurals.select(n);
    } catch (e) { /* below */ }
    // No Intl.PluralRules (old browsers): 1 is "one" in nearly every
    // language that has such a form; everything else takes "other".
    return n === 1 ? "one" : "other";
  }

  function own(o, k) {
    return o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k);
  }

  // The form of a message that chooses by a number: an exact match ("=0")
  // first, then the language's plural category, then "other", then the
  // default. A text value picks the variant of that name.
  function choose(m, args) {
    var forms = m.forms;
    var value = own(args, m.select) ? args[m.select] : undefined;
    var tries = [];
    if (typeof value === "string" && isNaN(Number(value))) {
      tries.push(value);
    } else if (value !== undefined) {
      var n = Number(value);
      tries.push("=" + n, pluralOf(n));
    }
    tries.push("other", "*");
    for (var i = 0; i < tries.length; i++) {
      if (own(forms, tries[i]) && typeof forms[tries[i]] === "string") return forms[tries[i]];
    }
    return null;
  }

  // Message `key` with `args` put in: numbers in the page's digits, text as
  // given (on a right-to-left page kept apart from the sentence around it,
  // so a title or file name in another script cannot scramble it). A
  // message the page lacks shows as its key.
  function msg(key, args) {
    var t = table();
    args = args || {};
    var m = own(t.messages, key) ? t.messages[key] : null;
    if (m && typeof m === "object" && own(m, "forms")) m = choose(m, args);
    if (typeof m !== "string") return key;
    return m.replace(/\{([A-Za-z][A-Za-z0-9_-]*)\}/g, function (whole, name) {
      if (!own(args, name)) return whole;
      var v = args[name];
      if (typeof v === "number") return formatNumber(v);
      return t.dir === "rtl" ? "\u2068" + String(v) + "\u2069" : String(v);
    });
  }

  function safe(fn) {
    return function () {
      try {
        return fn.apply(this, arguments);
      } catch (err) {
        if (window.console && console.error) console.error("trellis worksheet:", err);
      }
    };
  }

  function report(err) {
    if (window.console && console.error) console.error("trellis worksheet:", err);
  }

  var store = A ? A.openStore(LOCK_AFTER_MS) : null;

  /* ---- status lines ----------------------------------------------------- */

  function statusFor(el) {
    var scope = el && el.closest ? el.closest("[data-ws-scope]") : null;
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

  function fieldType(el) {
    var t = (el.getAttribute("type") || "").toLowerCase();
    if (el.tagName === "INPUT" && t === "checkbox") return "checkbox";
    if (el.tagName === "INPUT" && t === "radio") return "radio";
    return "text";
  }

  function Sheet(root) {
    this.root = root;
    this.slug = root.getAttribute("data-worksheet") || "";
    this.timer = null;
    this.saving = Promise.resolve();
    this.scan();
  }

  // Find the fields (again, after the dev server patched the page).
  Sheet.prototype.scan = function () {
    this.groups = {}; // field name -> {type, els}
    this.names = [];
    var inputs = this.root.querySelectorAll("[data-ws-field]");
    for (var i = 0; i < inputs.length; i++) {
      var el = inputs[i];
      var name = el.getAttribute("data-ws-field");
      if (!name) continue;
      if (!this.groups[name]) {
        this.groups[name] = { type: fieldType(el), els: [] };
        this.names.push(name);
      }
      this.groups[name].els.push(el);
    }
  };

  Sheet.prototype.collect = function () {
    var fields = {};
    for (var i = 0; i < this.names.length; i++) {
      var name = this.names[i];
      var g = this.groups[name];
      if (g.type === "text") {
        var v = g.els[0].value;
        if (v !== "") fields[name] = v;
      } else if (g.type === "checkbox") {
        fields[name] = g.els[0].checked;
      } else {
        for (var j = 0; j < g.els.length; j++) {
          if (g.els[j].checked) fields[name] = g.els[j].value;
        }
      }
    }
    return fields;
  };

  // True when every field is as the page delivered it.
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

  // Put values into the fields; a missing key puts the field back as the
  // page delivered it. With keepFocused the field being edited is left.
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

  // Keep only known fields with the right type of value.
  Sheet.prototype.filter = function (fields) {
    var out = {};
    var accepted = 0;
    for (var name in fields) {
      if (!Object.prototype.hasOwnProperty.call(fields, name)) continue;
      var g = Object.prototype.hasOwnProperty.call(this.groups, name) ? this.groups[name] : null;
      var v = fields[name];
      var ok = false;
      if (g && g.type === "text") ok = typeof v === "string";
      else if (g && g.type === "checkbox") ok = typeof v === "boolean";
      else if (g && g.type === "radio") ok = typeof v === "string" && g.els.some(function (el) { return el.value === v; });
      if (ok) {
        if (v !== "") out[name] = v;
        accepted++;
      }
    }
    return { fields: out, accepted: accepted };
  };

  Sheet.prototype.disable = function (off) {
    for (var i = 0; i < this.names.length; i++) {
      var els = this.groups[this.names[i]].els;
      for (var j = 0; j < els.length; j++) els[j].disabled = off;
    }
  };

  Sheet.prototype.save = function () {
    var self = this;
    this.cancel();
    if (!store) return Promise.resolve(false);
    var fields = this.isPristine() ? {} : this.collect();
    this.saving = this.saving.then(function () {
      return store.write(self.slug, fields);
    }).then(function () {
      say(self.root, msg("js-saved"), "ok");
      afterSave();
      return true;
    }, function (e) {
      if (e && e.message === "locked") showLocked();
      else say(self.root, msg("js-quota"), "error");
      return false;
    });
    return this.saving;
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

  // Save now what is waiting to be saved.
  Sheet.prototype.flush = function () {
    if (this.timer !== null) return this.save();
    return this.saving;
  };

  // Fill in the saved answers, if any.
  Sheet.prototype.restore = function (keepFocused) {
    var self = this;
    if (!store) return Promise.resolve(false);
    return store.read(this.slug).then(function (rec) {
      if (rec) self.apply(self.filter(rec.fields).fields, keepFocused);
      else if (keepFocused) self.apply({}, true);
      return !!rec;
    });
  };

  // Partner columns: pairs of field names, one per column, in order.
  Sheet.prototype.partnerColumns = function () {
    var pairs = [];
    var blocks = this.root.querySelectorAll(".ws-partners, .ws-signature");
    for (var i = 0; i < blocks.length; i++) {
      var cols = blocks[i].querySelectorAll(".ws-partner");
      if (cols.length !== 2) continue;
      var a = cols[0].querySelectorAll("[data-ws-field]");
      var b = cols[1].querySelectorAll("[data-ws-field]");
      for (var j = 0; j < a.length && j < b.length; j++) {
        pairs.push({ a: a[j].getAttribute("data-ws-field"), b: b[j].getAttribute("data-ws-field") });
      }
    }
    return pairs;
  };

  Sheet.prototype.columnLabel = function (side) {
    var cols = this.root.querySelectorAll(".ws-partners .ws-partner > label, .ws-signature .ws-signer-name");
    var el = cols[side === "a" ? 0 : 1];
    return el ? el.textContent.trim() : side.toUpperCase();
  };

  /* ---- print copies ----------------------------------------------------- */

  // Copy a text field's value into its .ws-print sibling (as text only) and
  // mark the block filled, so print shows the words over the lines.
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

  /* ---- the page --------------------------------------------------------- */

  var sheets = [];
  var bySlug = {};

  function flushAll() {
    return Promise.all(sheets.map(function (s) { return s.flush(); }));
  }

  function each(selector, fn) {
    var els = document.querySelectorAll(selector);
    for (var i = 0; i < els.length; i++) fn(els[i]);
  }

  function setHidden(selector, hidden) {
    each(selector, function (el) { el.hidden = hidden; });
  }

  function restoreAll(announce) {
    return Promise.all(sheets.map(function (s) { return s.restore(false); })).then(function (found) {
      sheets.forEach(function (s) {
        s.disable(false);
        for (var n = 0; n < s.names.length; n++) {
          var g = s.groups[s.names[n]];
          if (g.type === "text") syncPrint(g.els[0]);
        }
      });
      if (announce && found.some(Boolean) && sheets.length) say(sheets[0].root, msg("js-restored"));
    });
  }

  /* ---- the lock --------------------------------------------------------- */

  var lockTimer = null;
  var lastTouch = 0;

  function showLocked() {
    sheets.forEach(function (s) {
      s.cancel();
      s.apply({}, false);
      s.disable(true);
    });
    setHidden("[data-ws-unlock]", false);
    setHidden("[data-ws-action='lock-now']", true);
    renderPanel();
  }

  function showOpen() {
    setHidden("[data-ws-unlock]", true);
    setHidden("[data-ws-action='lock-now']", !store || !store.lockEnabled());
    armLockTimer();
  }

  function lockNow(el) {
    flushAll().then(function () {
      store.lockNow();
      showLocked();
      say(el, msg("js-locked-now"));
    });
  }

  // Activity keeps the lock open; quiet for LOCK_AFTER_MS closes it.
  function armLockTimer() {
    if (lockTimer !== null) window.clearTimeout(lockTimer);
    lockTimer = null;
    if (!store || !store.lockEnabled() || !store.isOpen()) return;
    lockTimer = window.setTimeout(safe(function () {
      lockTimer = null;
      if (store.lockEnabled() && store.isOpen()) lockNow(sheets[0] ? sheets[0].root : document.body);
    }), LOCK_AFTER_MS);
  }

  function activity() {
    if (!store || !store.lockEnabled() || !store.isOpen()) return;
    armLockTimer();
    var now = Date.now();
    if (now - lastTouch > 5000) {
      lastTouch = now;
      store.touch().catch(report);
    }
  }

  function unlockSubmit(form) {
    var input = form.querySelector("input[type='password']");
    var pass = input ? input.value : "";
    var note = form.querySelector("[data-ws-unlock-status]");
    if (note) note.textContent = msg("js-working");
    store.unlock(pass).then(function (ok) {
      if (!ok) {
        if (note) note.textContent = msg("js-wrong-passphrase");
        if (input) input.select();
        return;
      }
      if (input) input.value = "";
      if (note) note.textContent = "";
      showOpen();
      restoreAll(false).then(function () {
        say(form, msg("js-unlocked"), "ok");
        renderPanel();
      });
    }).catch(report);
  }

  function lockSetupSubmit(form) {
    var inputs = form.querySelectorAll("input[type='password']");
    var note = form.querySelector("[data-ws-lock-status]");
    var pass = inputs[0] ? inputs[0].value : "";
    var again = inputs[1] ? inputs[1].value : "";
    var tell = function (text) { if (note) note.textContent = text; };
    if (!A.cryptoAvailable()) return tell(msg("js-lock-no-crypto"));
    if (pass.length < MIN_PASSPHRASE) return tell(msg("js-lock-short", { min: MIN_PASSPHRASE }));
    if (pass !== again) return tell(msg("js-lock-mismatch"));
    tell(msg("js-working"));
    flushAll().then(function () {
      return store.enableLock(pass);
    }).then(function () {
      for (var i = 0; i < inputs.length; i++) inputs[i].value = "";
      tell("");
      showOpen();
      say(form, msg("js-lock-on"), "ok");
      renderPanel();
    }).catch(function (e) {
      report(e);
      tell(msg("js-quota"));
    });
  }

  function removeLock(el) {
    flushAll().then(function () {
      return store.disableLock();
    }).then(function () {
      showOpen();
      say(el, msg("js-lock-off"), "ok");
      renderPanel();
    }).catch(function (e) {
      if (e && e.message === "locked") say(el, msg("js-unlock-first"), "error");
      else report(e);
    });
  }

  /* ---- keeping answers: persistence and reminders ------------------------ */

  var persistAsked = false;

  function afterSave() {
    if (!persistAsked && navigator.storage && navigator.storage.persist) {
      persistAsked = true;
      navigator.storage.persisted().then(function (already) {
        return already || navigator.storage.persist();
      }).then(renderKept, function () { renderKept(false); });
    } else {
      renderKept(null);
    }
  }

  var lastPersisted = null;

  // Say whether the browser keeps the answers, and whether a new export is due.
  function renderKept(kept) {
    var show = function (persisted) {
      lastPersisted = persisted;
      var stored = store && store.slugs().length > 0;
      each("[data-ws-kept]", function (el) {
        el.hidden = !stored;
        el.textContent = persisted ? msg("js-kept") : msg("js-may-delete");
        el.setAttribute("data-kept", persisted ? "yes" : "no");
      });
      var due = stored && store.unexported() && !persisted;
      each("[data-ws-unexported]", function (el) {
        el.hidden = !due;
        var text = el.querySelector("[data-ws-unexported-text]");
        if (text) text.textContent = msg("js-unexported");
      });
    };
    if (typeof kept === "boolean") return show(kept);
    if (navigator.storage && navigator.storage.persisted) {
      navigator.storage.persisted().then(show, function () { show(false); });
    } else {
      show(false);
    }
  }

  /* ---- export ----------------------------------------------------------- */

  function download(name, text) {
    var blob = new Blob([text], { type: "application/json" });
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
  }

  function guideTitle() {
    var t = document.querySelector(".site-title");
    return t ? t.textContent.trim() : "";
  }

  function exportAll(el) {
    if (!store.isOpen()) return say(el, msg("js-unlock-first"), "error");
    var name = "answers-" + new Date().toISOString().slice(0, 10) + ".json";
    flushAll().then(function () {
      return store.readAll();
    }).then(function (state) {
      var exported = A.makeExport(state, guideTitle(), new Date().toISOString());
      if (store.lockEnabled()) {
        return store.sealWithLock(exported).then(function (text) { return [text, true]; });
      }
      return [JSON.stringify(exported, null, 2) + "\n", false];
    }).then(function (out) {
      download(name, out[0]);
      store.exported();
      say(el, msg(out[1] ? "js-exported-locked" : "js-exported", { file: name }), "ok");
      renderKept(null);
    }).catch(function (e) {
      report(e);
      say(el, msg("js-export-failed"), "error");
    });
  }

  /* ---- import ----------------------------------------------------------- */

  function readFile(file) {
    if (file.size > MAX_IMPORT_BYTES) return Promise.reject(new A.ImportError("big"));
    if (file.text) return file.text();
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(String(reader.result)); };
      reader.onerror = function () { reject(new A.ImportError("read")); };
      reader.readAsText(file);
    });
  }

  function importMessage(e) {
    var code = e && e.code ? e.code : "read";
    return msg("js-import-error-" + (IMPORT_ERRORS.indexOf(code) !== -1 ? code : "read"));
  }

  // A modal dialog built from parts; resolves with the chosen button's value.
  function dialog(title, build) {
    return new Promise(function (resolve) {
      var d = document.createElement("dialog");
      d.className = "ws-dialog";
      d.setAttribute("aria-labelledby", "trellis-ws-dialog-title");
      var h = document.createElement("h2");
      h.id = "trellis-ws-dialog-title";
      h.textContent = title;
      d.appendChild(h);
      var form = document.createElement("form");
      form.method = "dialog";
      d.appendChild(form);
      build(form);
      d.addEventListener("close", function () {
        var value = d.returnValue;
        var input = form.querySelector("input[type='password']");
        d.remove();
        resolve({ value: value, passphrase: input ? input.value : "" });
      });
      document.body.appendChild(d);
      d.showModal();
    });
  }

  function button(form, value, text, primary) {
    var b = document.createElement("button");
    b.type = "submit";
    b.value = value;
    b.className = primary ? "button" : "button button-secondary";
    b.textContent = text;
    form.appendChild(b);
    return b;
  }

  function askPassphrase() {
    return dialog(msg("js-passphrase-title"), function (form) {
      var p = document.createElement("p");
      p.textContent = msg("js-passphrase-intro");
      form.appendChild(p);
      var label = document.createElement("label");
      label.textContent = msg("js-passphrase-label") + " ";
      var input = document.createElement("input");
      input.type = "password";
      input.autocomplete = "off";
      label.appendChild(input);
      form.appendChild(label);
      var row = document.createElement("p");
      row.className = "ws-dialog-buttons";
      form.appendChild(row);
      button(row, "open", msg("js-passphrase-open"), true);
      button(row, "cancel", msg("js-cancel"), false);
    }).then(function (r) {
      if (r.value !== "open") throw new A.ImportError("cancelled");
      return r.passphrase;
    });
  }

  // A file chosen by the reader, read and opened (asking for its
  // passphrase when it is locked): resolves with {state, exportedAt}.
  function openFile(file) {
    return readFile(file).then(function (text) {
      var parsed = A.parseExport(text);
      if (!parsed.encrypted) return parsed;
      return askPassphrase().then(function (pass) {
        return A.openExport(parsed.envelope, pass);
      });
    });
  }

  function titleOf(slug) {
    var section = document.getElementById("sheet-" + slug);
    var h = section && section.querySelector("h2");
    if (h) return h.textContent.trim();
    var sheet = bySlug[slug];
    var h1 = sheet && document.querySelector("main h1");
    return h1 ? h1.textContent.trim() : slug;
  }

  function importAll(el, file) {
    if (!store.isOpen()) return say(el, msg("js-unlock-first"), "error");
    var incoming;
    openFile(file).then(function (parsed) {
      incoming = parsed;
      return flushAll().then(function () { return store.readAll(); });
    }).then(function (current) {
      var rows = A.summarize(incoming.state, current);
      var total = rows.reduce(function (n, r) { return n + r.answers; }, 0);
      if (rows.length === 0 && Object.keys(incoming.state.progress).length === 0) {
        say(el, msg("js-import-nothing"), "error");
        return null;
      }
      return dialog(msg("js-import-title"), function (form) {
        var p = document.createElement("p");
        p.textContent = incoming.exportedAt ?
          msg("js-import-intro-dated", { date: day(incoming.exportedAt) }) :
          msg("js-import-intro");
        form.appendChild(p);
        var ul = document.createElement("ul");
        rows.forEach(function (r) {
          var li = document.createElement("li");
          li.textContent = msg("js-relation-" + r.relation, { title: titleOf(r.slug), count: r.answers });
          ul.appendChild(li);
        });
        form.appendChild(ul);
        var row = document.createElement("p");
        row.className = "ws-dialog-buttons";
        form.appendChild(row);
        button(row, "merge", msg("js-import-merge"), true);
        button(row, "replace", msg("js-import-replace"), false);
        button(row, "cancel", msg("js-cancel"), false);
      }).then(function (r) {
        if (r.value !== "merge" && r.value !== "replace") {
          say(el, msg("js-import-cancelled"));
          return null;
        }
        var next = A.combine(current, incoming.state, r.value);
        return store.replaceAll(next).then(function () {
          return restoreAll(false).then(function () {
            say(el, msg("js-imported", { count: total, worksheets: msg("js-imported-worksheets", { count: rows.length }) }), "ok");
            afterSave();
            renderPanel();
            document.dispatchEvent(new CustomEvent("trellis:answers-imported"));
          });
        }, function (e) {
          report(e);
          say(el, msg("js-import-failed"), "error");
        });
      });
    }).catch(function (e) {
      if (e && e.code === "cancelled") return say(el, msg("js-import-cancelled"));
      say(el, importMessage(e), "error");
    });
  }

  function importPartner(el, sheet, file) {
    if (!store.isOpen()) return say(el, msg("js-unlock-first"), "error");
    openFile(file).then(function (parsed) {
      var theirs = parsed.state.worksheets[sheet.slug];
      var moved = theirs && A.partnerFields(sheet.collect(), theirs.fields, sheet.partnerColumns());
      if (!moved) return say(el, msg("js-partner-none"), "error");
      var label = sheet.columnLabel(moved.into);
      if (!window.confirm(msg("js-partner-confirm", { count: moved.moved, column: label }))) return say(el, msg("js-import-cancelled"));
      sheet.apply(sheet.filter(moved.fields).fields, false);
      return sheet.save().then(function () {
        say(el, msg("js-partner-done", { count: moved.moved, column: label }), "ok");
      });
    }).catch(function (e) {
      if (e && e.code === "cancelled") return say(el, msg("js-import-cancelled"));
      say(el, importMessage(e), "error");
    });
  }

  function clearSheet(el, sheet) {
    if (!window.confirm(msg("js-confirm-clear"))) return say(el, msg("js-clear-cancelled"));
    sheet.cancel();
    store.remove(sheet.slug);
    sheet.apply({}, false);
    say(el, msg("js-cleared"), "ok");
    renderPanel();
  }

  function clearAll(el) {
    if (!window.confirm(msg("js-confirm-clear-all"))) return say(el, msg("js-clear-cancelled"));
    sheets.forEach(function (s) { s.cancel(); });
    store.clearAll();
    sheets.forEach(function (s) {
      s.apply({}, false);
      s.disable(false);
    });
    showOpen();
    say(el, msg("js-cleared-all"), "ok");
    renderPanel();
    document.dispatchEvent(new CustomEvent("trellis:answers-imported"));
  }

  /* ---- the workbook's "Your answers" panel ------------------------------ */

  function renderPanel() {
    renderKept(null);
    var panel = document.querySelector("[data-ws-panel]");
    if (!panel || !store) return;
    panel.hidden = false;
    var lockOn = store.lockEnabled();
    var open = store.isOpen();
    setHidden("[data-ws-lock-setup]", lockOn);
    setHidden("[data-ws-lock-on]", !lockOn || !open);
    var list = panel.querySelector("[data-ws-stored]");
    if (!list) return;
    var slugs = store.slugs();
    list.textContent = "";
    if (slugs.length === 0) {
      list.textContent = msg("js-stored-none");
      return;
    }
    if (!open) {
      list.textContent = msg("js-stored-locked", { count: slugs.length });
      return;
    }
    store.readAll().then(function (state) {
      var ul = document.createElement("ul");
      Object.keys(state.worksheets).forEach(function (slug) {
        var w = state.worksheets[slug];
        var li = document.createElement("li");
        var args = { title: titleOf(slug), count: A.countAnswers(w.fields) };
        if (w.saved_at) args.date = day(w.saved_at);
        li.textContent = msg(w.saved_at ? "js-stored-row-saved" : "js-stored-row", args);
        ul.appendChild(li);
      });
      list.textContent = "";
      list.appendChild(ul);
    }).catch(report);
  }

  /* ---- wiring ----------------------------------------------------------- */

  function sheetFor(el) {
    var root = el.closest("[data-worksheet]");
    if (root) return bySlug[root.getAttribute("data-worksheet")] || null;
    var bar = el.closest("[data-ws-toolbar]");
    var target = bar && bar.getAttribute("data-ws-target");
    if (target && bySlug[target]) return bySlug[target];
    return sheets.length === 1 ? sheets[0] : null;
  }

  // A hidden file input, made when needed, resolving with the chosen file.
  function chooseFile() {
    return new Promise(function (resolve) {
      var input = document.createElement("input");
      input.type = "file";
      input.accept = ".json,application/json";
      input.hidden = true;
      input.className = "trellis-ws-import-file";
      input.addEventListener("change", function () {
        var file = input.files && input.files[0];
        input.remove();
        if (file) resolve(file);
      });
      document.body.appendChild(input);
      input.click();
    });
  }

  function init() {
    // Print hides the text boxes in favour of the copies this script keeps;
    // without the script, the boxes themselves must print.
    document.documentElement.classList.add("ws-js");
    var roots = document.querySelectorAll("[data-worksheet]");
    for (var i = 0; i < roots.length; i++) {
      var sheet = new Sheet(roots[i]);
      if (!sheet.slug) continue;
      sheets.push(sheet);
      bySlug[sheet.slug] = sheet;
      bindSheet(sheet);
    }
    // Toolbars and panels: shown only now that the script runs.
    setHidden("[data-ws-toolbar]", false);
    if (!sheets.some(function (s) { return s.partnerColumns().length > 0; })) {
      setHidden("[data-ws-action='import-partner']", true);
    }
    if (!store) {
      setHidden("[data-ws-store]", true);
      if (sheets.length) say(sheets[0].root, msg("js-no-storage"), "error");
      return;
    }

    document.addEventListener("click", safe(function (ev) {
      var btn = ev.target.closest && ev.target.closest("[data-ws-action]");
      if (!btn) return;
      var action = btn.getAttribute("data-ws-action");
      var sheet = sheetFor(btn);
      if (action === "print") {
        flushAll().then(function () { window.print(); });
      } else if (action === "export") {
        exportAll(btn);
      } else if (action === "import") {
        chooseFile().then(function (file) { importAll(btn, file); });
      } else if (action === "import-partner" && sheet) {
        chooseFile().then(function (file) { importPartner(btn, sheet, file); });
      } else if (action === "clear" && sheet) {
        clearSheet(btn, sheet);
      } else if (action === "clear-all") {
        clearAll(btn);
      } else if (action === "lock-now") {
        lockNow(btn);
      } else if (action === "lock-off") {
        removeLock(btn);
      }
    }));

    document.addEventListener("submit", safe(function (ev) {
      var form = ev.target;
      if (form.hasAttribute("data-ws-unlock")) {
        ev.preventDefault();
        unlockSubmit(form);
      } else if (form.hasAttribute("data-ws-lock-setup")) {
        ev.preventDefault();
        lockSetupSubmit(form);
      }
    }));

    // Save what is pending before the page goes away or into the background.
    window.addEventListener("pagehide", safe(flushAll));
    document.addEventListener("visibilitychange", safe(function () {
      if (document.visibilityState === "hidden") flushAll();
    }));
    window.addEventListener("beforeprint", safe(function () {
      flushAll();
      sheets.forEach(function (s) {
        for (var n = 0; n < s.names.length; n++) {
          var g = s.groups[s.names[n]];
          if (g.type === "text") syncPrint(g.els[0]);
        }
      });
    }));
    ["keydown", "pointerdown", "input", "scroll"].forEach(function (type) {
      window.addEventListener(type, safe(activity), { passive: true, capture: true });
    });

    // Another tab changed (or cleared) answers, or the lock: follow it.
    window.addEventListener("storage", safe(function (ev) {
      if (ev.storageArea !== window.localStorage) return;
      if (ev.key === null || ev.key === A.VAULT_KEY) {
        store.resume().then(function () {
          if (store.isOpen()) {
            showOpen();
            restoreAll(false);
          } else {
            showLocked();
          }
          renderPanel();
        });
        return;
      }
      if (ev.key.indexOf(A.SHEET_PREFIX) !== 0) return;
      var sheet = bySlug[ev.key.slice(A.SHEET_PREFIX.length)];
      renderPanel();
      if (!sheet || !store.isOpen()) return;
      store.decode(ev.newValue, sheet.slug).then(function (rec) {
        var incoming = sheet.filter(rec ? rec.fields : {}).fields;
        // An edit of ours still waiting to be saved: take the other tab's
        // answers but keep the field being typed in, then save the merge.
        var pending = sheet.timer !== null;
        sheet.apply(incoming, true);
        if (pending) sheet.schedule();
        say(sheet.root, msg("js-updated"));
      }).catch(report);
    }));

    // The dev server patched the page in place (trellis serve): the fields
    // may have changed, and what this script keeps in the page is back to
    // the server's HTML. Typed text is untouched; saved answers fill any
    // new field.
    document.addEventListener("trellis:patched", safe(function () {
      sheets.forEach(function (s) {
        s.flush();
        s.scan();
        if (store.isOpen()) s.restore(true).catch(report);
        else s.disable(true);
        for (var n = 0; n < s.names.length; n++) {
          var g = s.groups[s.names[n]];
          if (g.type === "text") syncPrint(g.els[0]);
        }
      });
      setHidden("[data-ws-toolbar]", false);
      if (store.isOpen()) showOpen();
      else showLocked();
      // At once, from what was known: the page must not shift.
      if (lastPersisted !== null) renderKept(lastPersisted);
      if (!sheets.some(function (s) { return s.partnerColumns().length > 0; })) {
        setHidden("[data-ws-action='import-partner']", true);
      }
    }));

    // Back/forward cache: storage may have changed while the page slept.
    window.addEventListener("pageshow", safe(function (ev) {
      if (!ev.persisted) return;
      store.resume().then(function () {
        if (!store.isOpen()) return showLocked();
        sheets.forEach(function (s) { s.restore(true).catch(report); });
      });
    }));

    store.resume().then(function () {
      if (!store.isOpen()) {
        showLocked();
        return;
      }
      showOpen();
      return restoreAll(true).then(function () { renderPanel(); });
    }).catch(report);
  }

  function bindSheet(sheet) {
    function onEdit(ev) {
      var el = ev.target;
      if (!el || !el.hasAttribute || !el.hasAttribute("data-ws-field")) return;
      syncPrint(el);
      if (store && store.isOpen()) sheet.schedule();
    }
    sheet.root.addEventListener("input", safe(onEdit));
    sheet.root.addEventListener("change", safe(onEdit));
  }

  window.__TRELLIS_WORKSHEETS__ = { msg: msg };

  function start() {
    safe(init)();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
