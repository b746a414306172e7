/*
 * trellis answers: where a reader's worksheet answers and progress are kept,
 * and nothing else. No page, no DOM: worksheet.js draws the page.
 *
 * Everything stays in this browser (localStorage); nothing is ever sent
 * over the network.
 *
 *   trellis:worksheet:v1:<slug>   one worksheet's answers:
 *       {"format":"trellis-worksheet","version":1,"worksheet":slug,
 *        "saved_at":ISO,"fields":{name: "text" | true | "value"}}
 *     or, with the lock on, the same encrypted:
 *       {"format":"trellis-encrypted","version":1,"iv":b64,"data":b64}
 *   trellis:progress:v1           steps marked done:
 *       {"format":"trellis-progress","version":1,"done":{step: ISO}}
 *   trellis:vault:v1              the lock's settings (no secret in it):
 *       {"format":"trellis-vault","version":1,
 *        "kdf":{"name":"PBKDF2","hash":"SHA-256","iterations":N,"salt":b64},
 *        "check":{"iv":b64,"data":b64}}
 *   trellis:meta:v1               {"lastChange":ISO,"lastExport":ISO}
 *   sessionStorage trellis:session-key:v1
 *                                 the unlocked key, while this tab is open
 *                                 and in use: {"key":b64,"until":ms}
 *
 * The lock: AES-GCM (256-bit key, a fresh random 12-byte IV for every
 * write), the key derived from the passphrase with PBKDF2-SHA-256, 600,000
 * iterations and a random 16-byte salt. There is no recovery without the
 * passphrase.
 *
 * An export is one file holding every worksheet and the progress:
 *   {"format":"trellis-answers","version":2,"exported_at":ISO,
 *    "guide":title,"worksheets":{slug:{"saved_at":ISO,"fields":{...}}},
 *    "progress":{step: ISO}}
 * or that, encrypted with the passphrase (its salt travels with it):
 *   {"format":"trellis-answers-encrypted","version":2,"kdf":{...},
 *    "iv":b64,"data":b64}
 * Version 1 files (one worksheet, "format":"trellis-worksheet") import too.
 *
 * Loaded by the theme as a script (window.TrellisAnswers) and by Node for
 * unit tests (module.exports).
 */
(function (root) {
  "use strict";

  var SHEET_PREFIX = "trellis:worksheet:v1:";
  var PROGRESS_KEY = "trellis:progress:v1";
  var VAULT_KEY = "trellis:vault:v1";
  var META_KEY = "trellis:meta:v1";
  var SESSION_KEY = "trellis:session-key:v1";
  var EXPORT_FORMAT = "trellis-answers";
  var ENCRYPTED_EXPORT_FORMAT = "trellis-answers-encrypted";
  var EXPORT_VERSION = 2;
  var ITERATIONS = 600000;
  var MAX_TEXT = 100000;
  var MAX_FILE_BYTES = 4 * 1024 * 1024;
  var CHECK_TEXT = "trellis";

  /* ---- small helpers -------------------------------------------------- */

  function isObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }

  function has(o, k) {
    return Object.prototype.hasOwnProperty.call(o, k);
  }

  function isDate(s) {
    return typeof s === "string" && s.length <= 40 && !isNaN(Date.parse(s));
  }

  function later(a, b) {
    if (!isDate(a)) return false;
    if (!isDate(b)) return true;
    return Date.parse(a) > Date.parse(b);
  }

  /** Problems with a file, by code: each has its own message in worksheet.js. */
  function ImportError(code, detail) {
    this.code = code;
    this.detail = detail || "";
    this.message = "import: " + code + (detail ? " (" + detail + ")" : "");
  }
  ImportError.prototype = Object.create(Error.prototype);

  /* ---- the records ---------------------------------------------------- */

  /** A well-formed field value: text (not too long), a tick, a choice. */
  function isValue(v) {
    return (typeof v === "string" && v.length <= MAX_TEXT) || typeof v === "boolean";
  }

  /** Clean fields: keep well-formed values under simple names only. */
  function cleanFields(fields) {
    var out = {};
    if (!isObject(fields)) return out;
    for (var k in fields) {
      if (has(fields, k) && typeof k === "string" && k.length <= 200 && isValue(fields[k])) {
        out[k] = fields[k];
      }
    }
    return out;
  }

  /** Answers that count: text that is not empty, ticked boxes, choices. */
  function countAnswers(fields) {
    var n = 0;
    for (var k in fields) {
      if (!has(fields, k)) continue;
      var v = fields[k];
      if ((typeof v === "string" && v.trim() !== "") || v === true) n++;
    }
    return n;
  }

  function record(slug, fields, savedAt) {
    return {
      format: "trellis-worksheet",
      version: 1,
      worksheet: slug,
      saved_at: savedAt,
      fields: fields
    };
  }

  function parseRecord(raw, slug) {
    if (!raw) return null;
    try {
      var d = JSON.parse(raw);
      if (isObject(d) && d.format === "trellis-worksheet" && d.version === 1 &&
          d.worksheet === slug && isObject(d.fields)) {
        return record(slug, cleanFields(d.fields), isDate(d.saved_at) ? d.saved_at : null);
      }
    } catch (e) { /* a damaged entry reads as none */ }
    return null;
  }

  /* ---- export and import (pure: the unit tests drive these) ----------- */

  /**
   * The export of `state` ({worksheets: {slug: {saved_at, fields}},
   * progress: {step: ISO}}).
   */
  function makeExport(state, guide, now) {
    var worksheets = {};
    for (var slug in state.worksheets) {
      if (!has(state.worksheets, slug)) continue;
      var w = state.worksheets[slug];
      worksheets[slug] = { saved_at: w.saved_at || null, fields: w.fields };
    }
    return {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exported_at: now,
      guide: guide || "",
      worksheets: worksheets,
      progress: state.progress || {}
    };
  }

  /**
   * Read a file's text. Returns {encrypted: false, state} or
   * {encrypted: true, envelope}; throws ImportError with a code:
   * "big" (not an answers file by its size), "json" (damaged: not JSON),
   * "foreign" (JSON, but not trellis answers), "newer" (a later format),
   * "damaged" (trellis answers, but broken).
   */
  function parseExport(text) {
    if (typeof text !== "string" || text.length > MAX_FILE_BYTES) throw new ImportError("big");
    var d;
    try {
      d = JSON.parse(text);
    } catch (e) {
      throw new ImportError("json");
    }
    if (!isObject(d)) throw new ImportError("foreign");
    var known = d.format === EXPORT_FORMAT || d.format === ENCRYPTED_EXPORT_FORMAT ||
      d.format === "trellis-worksheet";
    if (!known) throw new ImportError("foreign");
    if (typeof d.version !== "number") throw new ImportError("damaged", "no version");
    if (d.format === "trellis-worksheet") {
      // Version 1: one worksheet, as the first trellis exported it.
      if (d.version > 1) throw new ImportError("newer");
      if (typeof d.worksheet !== "string" || !isObject(d.fields)) throw new ImportError("damaged");
      var one = {};
      one[d.worksheet] = { saved_at: isDate(d.saved_at) ? d.saved_at : null, fields: cleanFields(d.fields) };
      return { encrypted: false, state: { worksheets: one, progress: {} }, exportedAt: d.saved_at || null };
    }
    if (d.version > EXPORT_VERSION) throw new ImportError("newer");
    if (d.version < EXPORT_VERSION) throw new ImportError("damaged", "unknown version");
    if (d.format === ENCRYPTED_EXPORT_FORMAT) {
      if (!isKdf(d.kdf) || typeof d.iv !== "string" || typeof d.data !== "string") {
        throw new ImportError("damaged");
      }
      return { encrypted: true, envelope: { kdf: d.kdf, iv: d.iv, data: d.data } };
    }
    if (!isObject(d.worksheets)) throw new ImportError("damaged");
    var worksheets = {};
    for (var slug in d.worksheets) {
      if (!has(d.worksheets, slug)) continue;
      var w = d.worksheets[slug];
      if (!isObject(w) || !isObject(w.fields)) throw new ImportError("damaged", slug);
      worksheets[slug] = { saved_at: isDate(w.saved_at) ? w.saved_at : null, fields: cleanFields(w.fields) };
    }
    var progress = {};
    if (isObject(d.progress)) {
      for (var step in d.progress) {
        if (has(d.progress, step) && isDate(d.progress[step])) progress[step] = d.progress[step];
      }
    }
    return {
      encrypted: false,
      state: { worksheets: worksheets, progress: progress },
      exportedAt: isDate(d.exported_at) ? d.exported_at : null
    };
  }

  function isKdf(k) {
    return isObject(k) && k.name === "PBKDF2" && k.hash === "SHA-256" &&
      typeof k.iterations === "number" && k.iterations >= 100000 && k.iterations <= 10000000 &&
      typeof k.salt === "string";
  }

  /**
   * What importing `incoming` would do to `current`, worksheet by
   * worksheet: [{slug, answers, saved_at, relation}] where relation is
   * "new" (nothing here), "newer", "older" or "same" (by saved_at).
   */
  function summarize(incoming, current) {
    var rows = [];
    for (var slug in incoming.worksheets) {
      if (!has(incoming.worksheets, slug)) continue;
      var w = incoming.worksheets[slug];
      var here = current.worksheets[slug];
      var relation = "new";
      if (here) {
        if (later(w.saved_at, here.saved_at)) relation = "newer";
        else if (later(here.saved_at, w.saved_at)) relation = "older";
        else relation = "same";
      }
      rows.push({ slug: slug, answers: countAnswers(w.fields), saved_at: w.saved_at, relation: relation });
    }
    rows.sort(function (a, b) { return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0; });
    return rows;
  }

  /**
   * The state after importing: "replace" takes the file's as it is;
   * "merge" keeps, worksheet by worksheet, the newer of the two, and every
   * step marked done in either.
   */
  function combine(current, incoming, mode) {
    var out = { worksheets: {}, progress: {} };
    var slug;
    if (mode === "replace") {
      for (slug in incoming.worksheets) {
        if (has(incoming.worksheets, slug)) out.worksheets[slug] = incoming.worksheets[slug];
      }
      for (slug in incoming.progress) {
        if (has(incoming.progress, slug)) out.progress[slug] = incoming.progress[slug];
      }
      return out;
    }
    for (slug in current.worksheets) {
      if (has(current.worksheets, slug)) out.worksheets[slug] = current.worksheets[slug];
    }
    for (slug in incoming.worksheets) {
      if (!has(incoming.worksheets, slug)) continue;
      var here = out.worksheets[slug];
      if (!here || !later(here.saved_at, incoming.worksheets[slug].saved_at)) {
        out.worksheets[slug] = incoming.worksheets[slug];
      }
    }
    var step;
    for (step in current.progress) {
      if (has(current.progress, step)) out.progress[step] = current.progress[step];
    }
    for (step in incoming.progress) {
      if (has(incoming.progress, step) && !has(out.progress, step)) out.progress[step] = incoming.progress[step];
    }
    return out;
  }

  /**
   * A partner's answers for this worksheet into this device's answers:
   * partner columns (`<id>-a` / `<id>-b`, and a signature's
   * `<id>-a-name` …) that the partner filled go to the column that is
   * empty here. `columns` lists the partner-column field names of the
   * worksheet, as [{a: name, b: name}]. Returns {fields, moved, into}
   * or null when nothing of the partner's fits.
   */
  function partnerFields(mine, theirs, columns) {
    function filled(fields, side) {
      var n = 0;
      for (var i = 0; i < columns.length; i++) {
        var v = fields[columns[i][side]];
        if (typeof v === "string" && v.trim() !== "") n++;
      }
      return n;
    }
    var theyWrote = filled(theirs, "a") >= filled(theirs, "b") ? "a" : "b";
    if (filled(theirs, theyWrote) === 0) return null;
    var other = theyWrote === "a" ? "b" : "a";
    // Their column goes where this device has nothing yet.
    var into = filled(mine, theyWrote) === 0 ? theyWrote : other;
    var out = {};
    for (var k in mine) if (has(mine, k)) out[k] = mine[k];
    var moved = 0;
    for (var i = 0; i < columns.length; i++) {
      var v = theirs[columns[i][theyWrote]];
      if (typeof v === "string" && v.trim() !== "") {
        out[columns[i][into]] = v;
        moved++;
      }
    }
    return { fields: out, moved: moved, into: into };
  }

  /* ---- Web Crypto ----------------------------------------------------- */

  function subtle() {
    var c = root.crypto;
    return c && c.subtle ? c.subtle : null;
  }

  function b64(bytes) {
    var s = "";
    var arr = new Uint8Array(bytes);
    for (var i = 0; i < arr.length; i++) s += String.fromCharCode(arr[i]);
    return root.btoa(s);
  }

  function unb64(text) {
    var s = root.atob(text);
    var arr = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) arr[i] = s.charCodeAt(i);
    return arr;
  }

  function random(n) {
    var arr = new Uint8Array(n);
    root.crypto.getRandomValues(arr);
    return arr;
  }

  function deriveKey(passphrase, kdf) {
    var enc = new TextEncoder();
    return subtle()
      .importKey("raw", enc.encode(passphrase), "PBKDF2", false, ["deriveKey"])
      .then(function (base) {
        return subtle().deriveKey(
          { name: "PBKDF2", hash: "SHA-256", salt: unb64(kdf.salt), iterations: kdf.iterations },
          base,
          { name: "AES-GCM", length: 256 },
          true, // kept for this tab in sessionStorage while unlocked
          ["encrypt", "decrypt"]
        );
      });
  }

  function newKdf() {
    return { name: "PBKDF2", hash: "SHA-256", iterations: ITERATIONS, salt: b64(random(16)) };
  }

  function encrypt(key, value) {
    var iv = random(12);
    var data = new TextEncoder().encode(JSON.stringify(value));
    return subtle().encrypt({ name: "AES-GCM", iv: iv }, key, data).then(function (out) {
      return { iv: b64(iv), data: b64(out) };
    });
  }

  /** Rejects with ImportError("passphrase") when the key is not the one. */
  function decrypt(key, box) {
    var iv;
    var data;
    try {
      iv = unb64(box.iv);
      data = unb64(box.data);
    } catch (e) {
      return Promise.reject(new ImportError("damaged"));
    }
    return subtle()
      .decrypt({ name: "AES-GCM", iv: iv }, key, data)
      .then(function (plain) {
        return JSON.parse(new TextDecoder().decode(plain));
      }, function () {
        throw new ImportError("passphrase");
      });
  }

  /** An export encrypted with `passphrase` (a fresh salt), as text. */
  function sealExport(exported, passphrase) {
    var kdf = newKdf();
    return deriveKey(passphrase, kdf).then(function (key) {
      return encrypt(key, exported).then(function (box) {
        return JSON.stringify({
          format: ENCRYPTED_EXPORT_FORMAT,
          version: EXPORT_VERSION,
          kdf: kdf,
          iv: box.iv,
          data: box.data
        }, null, 2) + "\n";
      });
    });
  }

  /** The state inside an encrypted export, given its passphrase. */
  function openExport(envelope, passphrase) {
    return deriveKey(passphrase, envelope.kdf).then(function (key) {
      return decrypt(key, envelope);
    }).then(function (inner) {
      var parsed = parseExport(JSON.stringify(inner));
      if (parsed.encrypted) throw new ImportError("damaged");
      return parsed;
    });
  }

  /* ---- the store ------------------------------------------------------ */

  function probe(area) {
    try {
      var s = root[area];
      var k = "trellis:probe";
      s.setItem(k, "1");
      s.removeItem(k);
      return s;
    } catch (e) {
      return null;
    }
  }

  /**
   * The answers kept in this browser. Every method that reads or writes
   * answers returns a Promise (the lock's crypto is asynchronous).
   * `lockAfterMs`: inactivity before the lock closes again.
   */
  function Store(local, session, lockAfterMs) {
    this.local = local;
    this.session = session;
    this.lockAfterMs = lockAfterMs;
    this.key = null;
  }

  Store.prototype.vault = function () {
    try {
      var v = JSON.parse(this.local.getItem(VAULT_KEY) || "null");
      if (isObject(v) && v.format === "trellis-vault" && v.version === 1 && isKdf(v.kdf) && isObject(v.check)) return v;
    } catch (e) { /* no lock */ }
    return null;
  };

  /** Whether answers are kept encrypted. */
  Store.prototype.lockEnabled = function () {
    return this.vault() !== null;
  };

  /** Whether answers can be read now (no lock, or unlocked in this tab). */
  Store.prototype.isOpen = function () {
    return !this.lockEnabled() || this.key !== null;
  };

  /** Take the key kept for this tab, if it has not timed out. */
  Store.prototype.resume = function () {
    var self = this;
    if (!this.lockEnabled() || !this.session || !subtle()) return Promise.resolve(false);
    var saved;
    try {
      saved = JSON.parse(this.session.getItem(SESSION_KEY) || "null");
    } catch (e) {
      saved = null;
    }
    if (!isObject(saved) || typeof saved.key !== "string" || !(saved.until > Date.now())) {
      this.forgetKey();
      return Promise.resolve(false);
    }
    return subtle()
      .importKey("raw", unb64(saved.key), { name: "AES-GCM" }, true, ["encrypt", "decrypt"])
      .then(function (key) {
        self.key = key;
        return self.touch().then(function () { return true; });
      }, function () {
        self.forgetKey();
        return false;
      });
  };

  /** Activity: keep the key for this tab for another `lockAfterMs`. */
  Store.prototype.touch = function () {
    var self = this;
    if (!this.key || !this.session) return Promise.resolve();
    return subtle().exportKey("raw", this.key).then(function (raw) {
      try {
        self.session.setItem(SESSION_KEY, JSON.stringify({ key: b64(raw), until: Date.now() + self.lockAfterMs }));
      } catch (e) { /* the key stays in memory only */ }
    });
  };

  Store.prototype.forgetKey = function () {
    this.key = null;
    if (this.session) {
      try { this.session.removeItem(SESSION_KEY); } catch (e) { /* nothing to remove */ }
    }
  };

  /** Unlock with `passphrase`; resolves true, or false for a wrong one. */
  Store.prototype.unlock = function (passphrase) {
    var self = this;
    var vault = this.vault();
    if (!vault) return Promise.resolve(true);
    return deriveKey(passphrase, vault.kdf).then(function (key) {
      return decrypt(key, vault.check).then(function (text) {
        if (text !== CHECK_TEXT) return false;
        self.key = key;
        return self.touch().then(function () { return true; });
      }, function () { return false; });
    });
  };

  Store.prototype.lockNow = function () {
    this.forgetKey();
  };

  /** Slugs of every worksheet with answers here. */
  Store.prototype.slugs = function () {
    var out = [];
    for (var i = 0; i < this.local.length; i++) {
      var k = this.local.key(i);
      if (k && k.indexOf(SHEET_PREFIX) === 0) out.push(k.slice(SHEET_PREFIX.length));
    }
    out.sort();
    return out;
  };

  /** One worksheet's record, or null. Rejects when locked. */
  Store.prototype.read = function (slug) {
    var raw;
    try {
      raw = this.local.getItem(SHEET_PREFIX + slug);
    } catch (e) {
      return Promise.resolve(null);
    }
    return this.decode(raw, slug);
  };

  /** A stored value (plain or encrypted) as a record, or null. */
  Store.prototype.decode = function (raw, slug) {
    if (!raw) return Promise.resolve(null);
    var d;
    try {
      d = JSON.parse(raw);
    } catch (e) {
      return Promise.resolve(null);
    }
    if (isObject(d) && d.format === "trellis-encrypted") {
      if (!this.key) return Promise.reject(new Error("locked"));
      return decrypt(this.key, d).then(function (inner) {
        return parseRecord(JSON.stringify(inner), slug);
      }, function () { return null; });
    }
    return Promise.resolve(parseRecord(raw, slug));
  };

  /** Encode a record as it is stored now (encrypted when locked). */
  Store.prototype.encode = function (rec) {
    if (!this.lockEnabled()) return Promise.resolve(JSON.stringify(rec));
    if (!this.key) return Promise.reject(new Error("locked"));
    return encrypt(this.key, rec).then(function (box) {
      return JSON.stringify({ format: "trellis-encrypted", version: 1, iv: box.iv, data: box.data });
    });
  };

  /** Save a worksheet's fields (none: remove its record). */
  Store.prototype.write = function (slug, fields) {
    var self = this;
    var key = SHEET_PREFIX + slug;
    if (countAnswers(fields) === 0 && Object.keys(fields).length === 0) {
      this.local.removeItem(key);
      this.changed();
      return Promise.resolve();
    }
    return this.encode(record(slug, fields, new Date().toISOString())).then(function (value) {
      self.local.setItem(key, value); // may throw: quota
      self.changed();
    });
  };

  Store.prototype.remove = function (slug) {
    this.local.removeItem(SHEET_PREFIX + slug);
    this.changed();
  };

  Store.prototype.progress = function () {
    try {
      var p = JSON.parse(this.local.getItem(PROGRESS_KEY) || "null");
      if (isObject(p) && p.format === "trellis-progress" && p.version === 1 && isObject(p.done)) {
        var done = {};
        for (var k in p.done) if (has(p.done, k) && isDate(p.done[k])) done[k] = p.done[k];
        return done;
      }
    } catch (e) { /* none */ }
    return {};
  };

  Store.prototype.setProgress = function (done) {
    if (Object.keys(done).length === 0) this.local.removeItem(PROGRESS_KEY);
    else this.local.setItem(PROGRESS_KEY, JSON.stringify({ format: "trellis-progress", version: 1, done: done }));
    this.changed();
  };

  /** Everything here: {worksheets: {slug: record}, progress}. */
  Store.prototype.readAll = function () {
    var self = this;
    var slugs = this.slugs();
    return Promise.all(slugs.map(function (s) { return self.read(s); })).then(function (records) {
      var state = { worksheets: {}, progress: self.progress() };
      for (var i = 0; i < slugs.length; i++) {
        if (records[i]) state.worksheets[slugs[i]] = { saved_at: records[i].saved_at, fields: records[i].fields };
      }
      return state;
    });
  };

  /**
   * Make this device hold `state` exactly. All or nothing: when a write
   * fails (storage full), what was here before is put back and the
   * promise rejects.
   */
  Store.prototype.replaceAll = function (state) {
    var self = this;
    var local = this.local;
    var slugs = Object.keys(state.worksheets);
    return Promise.all(slugs.map(function (s) {
      var w = state.worksheets[s];
      return self.encode(record(s, w.fields, w.saved_at || new Date().toISOString()));
    })).then(function (values) {
      var before = {};
      var keys = self.slugs().map(function (s) { return SHEET_PREFIX + s; }).concat([PROGRESS_KEY]);
      for (var i = 0; i < slugs.length; i++) keys.push(SHEET_PREFIX + slugs[i]);
      for (var k = 0; k < keys.length; k++) before[keys[k]] = local.getItem(keys[k]);
      try {
        var old = self.slugs();
        for (var o = 0; o < old.length; o++) {
          if (!has(state.worksheets, old[o])) local.removeItem(SHEET_PREFIX + old[o]);
        }
        for (var j = 0; j < slugs.length; j++) local.setItem(SHEET_PREFIX + slugs[j], values[j]);
        self.setProgress(state.progress || {});
      } catch (e) {
        for (var key in before) {
          if (!has(before, key)) continue;
          try {
            if (before[key] === null) local.removeItem(key);
            else local.setItem(key, before[key]);
          } catch (e2) { /* put back what can be */ }
        }
        throw e;
      }
      self.changed();
    });
  };

  /** Turn the lock on: encrypt every answer with a key from `passphrase`. */
  Store.prototype.enableLock = function (passphrase) {
    var self = this;
    var kdf = newKdf();
    return this.readAll().then(function (state) {
      return deriveKey(passphrase, kdf).then(function (key) {
        return encrypt(key, CHECK_TEXT).then(function (check) {
          var vault = { format: "trellis-vault", version: 1, kdf: kdf, check: check };
          var previousKey = self.key;
          self.key = key;
          self.local.setItem(VAULT_KEY, JSON.stringify(vault));
          return self.replaceAll(state).then(function () {
            return self.touch();
          }, function (e) {
            // Could not encrypt everything: no lock, answers as they were.
            self.local.removeItem(VAULT_KEY);
            self.key = previousKey;
            return self.replaceAll(state).then(function () { throw e; });
          });
        });
      });
    });
  };

  /** Turn the lock off (must be open): answers stored as plain text again. */
  Store.prototype.disableLock = function () {
    var self = this;
    if (!this.isOpen()) return Promise.reject(new Error("locked"));
    return this.readAll().then(function (state) {
      var vault = self.local.getItem(VAULT_KEY);
      self.local.removeItem(VAULT_KEY);
      return self.replaceAll(state).then(function () {
        self.forgetKey();
      }, function (e) {
        if (vault !== null) self.local.setItem(VAULT_KEY, vault);
        throw e;
      });
    });
  };

  /** The lock's settings, for an encrypted export with the same passphrase. */
  Store.prototype.sealWithLock = function (exported) {
    var vault = this.vault();
    if (!vault || !this.key) return Promise.reject(new Error("locked"));
    return encrypt(this.key, exported).then(function (box) {
      return JSON.stringify({
        format: ENCRYPTED_EXPORT_FORMAT,
        version: EXPORT_VERSION,
        kdf: vault.kdf,
        iv: box.iv,
        data: box.data
      }, null, 2) + "\n";
    });
  };

  Store.prototype.meta = function () {
    try {
      var m = JSON.parse(this.local.getItem(META_KEY) || "null");
      if (isObject(m)) return m;
    } catch (e) { /* none */ }
    return {};
  };

  Store.prototype.changed = function () {
    var m = this.meta();
    m.lastChange = new Date().toISOString();
    try { this.local.setItem(META_KEY, JSON.stringify(m)); } catch (e) { /* not important */ }
    // This tab's other scripts (progress.js) catch up; other tabs hear it
    // through the storage event.
    try {
      if (typeof window !== "undefined" && typeof Event === "function") window.dispatchEvent(new Event("trellis:changed"));
    } catch (e) { /* not important */ }
  };

  Store.prototype.exported = function () {
    var m = this.meta();
    m.lastExport = new Date().toISOString();
    try { this.local.setItem(META_KEY, JSON.stringify(m)); } catch (e) { /* not important */ }
  };

  /** Whether answers changed since the last export (or were never exported). */
  Store.prototype.unexported = function () {
    var m = this.meta();
    return this.slugs().length > 0 && (!m.lastExport || later(m.lastChange, m.lastExport));
  };

  /** Remove everything trellis keeps here: answers, progress, lock, notes. */
  Store.prototype.clearAll = function () {
    var doomed = [];
    for (var i = 0; i < this.local.length; i++) {
      var k = this.local.key(i);
      if (k && k.indexOf("trellis:") === 0) doomed.push(k);
    }
    for (var j = 0; j < doomed.length; j++) this.local.removeItem(doomed[j]);
    this.forgetKey();
    try {
      if (typeof window !== "undefined" && typeof Event === "function") window.dispatchEvent(new Event("trellis:changed"));
    } catch (e) { /* not important */ }
  };

  function openStore(lockAfterMs) {
    var local = probe("localStorage");
    if (!local) return null;
    return new Store(local, probe("sessionStorage"), lockAfterMs);
  }

  var api = {
    SHEET_PREFIX: SHEET_PREFIX,
    PROGRESS_KEY: PROGRESS_KEY,
    VAULT_KEY: VAULT_KEY,
    EXPORT_VERSION: EXPORT_VERSION,
    ITERATIONS: ITERATIONS,
    ImportError: ImportError,
    countAnswers: countAnswers,
    cleanFields: cleanFields,
    makeExport: makeExport,
    parseExport: parseExport,
    summarize: summarize,
    combine: combine,
    partnerFields: partnerFields,
    sealExport: sealExport,
    openExport: openExport,
    cryptoAvailable: function () { return !!subtle(); },
    Store: Store,
    openStore: openStore
  };
  root.TrellisAnswers = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
