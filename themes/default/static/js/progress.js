/*
 * trellis progress and the navigation. Which steps the reader has marked
 * done, kept on this device only (localStorage, the key and format
 * answers.js exports and imports with the answers; "Clear everything" on
 * the workbook page clears it too). On every page: marks done steps in the
 * navigation and the home page's step cards, turns "Start with step 1"
 * into "Continue with step N", and on a step page offers "I have done this
 * step" (a toggle). Without JavaScript, or without storage, nothing here
 * shows. It also keeps the sidebar expanded on wide screens (see sidebar).
 */
(function () {
  "use strict";

  var KEY = "trellis:progress:v1";

  var storage = null;
  try {
    storage = window.localStorage;
    var probe = "trellis:probe";
    storage.setItem(probe, "1");
    storage.removeItem(probe);
  } catch (e) {
    storage = null;
  }

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

  function number(n) {
    var t = messages();
    try {
      return new Intl.NumberFormat(t.lang, { numberingSystem: t.numbers || "latn" }).format(n);
    } catch (e) {
      return String(n);
    }
  }

  function msg(key, args) {
    var m = messages().messages[key];
    if (typeof m !== "string") return key;
    args = args || {};
    return m.replace(/\{([A-Za-z][A-Za-z0-9_-]*)\}/g, function (whole, name) {
      if (!Object.prototype.hasOwnProperty.call(args, name)) return whole;
      return typeof args[name] === "number" ? number(args[name]) : String(args[name]);
    });
  }

  /* ---- what is kept ---------------------------------------------------- */

  function read() {
    if (!storage) return {};
    try {
      var p = JSON.parse(storage.getItem(KEY) || "null");
      if (p && p.format === "trellis-progress" && p.version === 1 && p.done && typeof p.done === "object") {
        var done = {};
        for (var k in p.done) {
          if (Object.prototype.hasOwnProperty.call(p.done, k) && typeof p.done[k] === "string") done[k] = p.done[k];
        }
        return done;
      }
    } catch (e) { /* unreadable: nothing done */ }
    return {};
  }

  function write(done) {
    if (!storage) return false;
    try {
      if (Object.keys(done).length === 0) storage.removeItem(KEY);
      else storage.setItem(KEY, JSON.stringify({ format: "trellis-progress", version: 1, done: done }));
      return true;
    } catch (e) {
      return false;
    }
  }

  /* ---- showing it ------------------------------------------------------ */

  /** The steps in order, from the navigation: [{key, number, title, url}]. */
  function steps() {
    var out = [];
    var items = document.querySelectorAll(".nav-steps [data-step]");
    for (var i = 0; i < items.length; i++) {
      var li = items[i];
      var a = li.querySelector("a");
      var title = li.querySelector(".nav-step-title");
      out.push({
        key: li.getAttribute("data-step"),
        number: Number(li.getAttribute("data-step-number")) || i + 1,
        title: title ? title.lastChild.textContent : "",
        url: a ? a.getAttribute("href") : ""
      });
    }
    return out;
  }

  function mark(el, isDone) {
    el.classList.toggle("is-done", isDone);
    var state = el.querySelector(".progress-state");
    if (isDone && !state) {
      state = document.createElement("span");
      state.className = "progress-state visually-hidden";
      state.textContent = " " + msg("js-progress-done");
      var target = el.querySelector(".nav-step-title, .step-card-title a") || el;
      target.appendChild(state);
    } else if (!isDone && state) {
      state.parentNode.removeChild(state);
    }
  }

  function show() {
    var done = read();
    var marked = document.querySelectorAll("[data-step]");
    for (var i = 0; i < marked.length; i++) {
      mark(marked[i], Object.prototype.hasOwnProperty.call(done, marked[i].getAttribute("data-step")));
    }

    // The step page's toggle.
    var box = document.querySelector("[data-progress-step]");
    if (box) {
      var key = box.getAttribute("data-progress-step");
      var button = box.querySelector("[data-progress-toggle]");
      button.setAttribute("aria-pressed", Object.prototype.hasOwnProperty.call(done, key) ? "true" : "false");
      box.hidden = false;
    }

    // The home page: continue where the reader left off.
    var go = document.querySelector("[data-progress-continue]");
    var list = steps();
    var count = 0;
    for (var k in done) if (Object.prototype.hasOwnProperty.call(done, k)) count++;
    if (go && list.length) {
      var next = null;
      for (var j = 0; j < list.length; j++) {
        if (!Object.prototype.hasOwnProperty.call(done, list[j].key)) {
          next = list[j];
          break;
        }
      }
      if (!go.hasAttribute("data-start-text")) go.setAttribute("data-start-text", go.innerHTML);
      if (count > 0 && next) {
        go.setAttribute("href", next.url);
        go.textContent = msg("js-progress-continue", { number: next.number, title: next.title });
      } else {
        go.setAttribute("href", list[0].url);
        go.innerHTML = go.getAttribute("data-start-text");
      }
    }
    var reset = document.querySelector("[data-progress-reset-wrap]");
    if (reset) reset.hidden = count === 0;
  }

  function say(text) {
    var note = document.querySelector("[data-progress-note]");
    if (note) note.textContent = text;
  }

  /* On wide screens the navigation is a sidebar, always expanded: its
     <details> is opened there, so its links count as reachable content of
     the scrolling sidebar (CSS alone only shows them), and closed again on
     a narrow screen, where it is the "Steps" toggle. */
  function sidebar() {
    var details = document.querySelector(".guide-nav-details");
    if (!details || !window.matchMedia) return;
    var wide = window.matchMedia("(min-width: 64rem)");
    var apply = function () {
      details.open = wide.matches;
    };
    apply();
    if (wide.addEventListener) wide.addEventListener("change", apply);
  }

  function init() {
    sidebar();
    if (!storage) return;
    show();
    document.addEventListener("click", function (event) {
      var target = event.target;
      if (!(target instanceof Element)) return;
      var toggle = target.closest("[data-progress-toggle]");
      if (toggle) {
        var key = toggle.closest("[data-progress-step]").getAttribute("data-progress-step");
        var done = read();
        var was = Object.prototype.hasOwnProperty.call(done, key);
        if (was) delete done[key];
        else done[key] = new Date().toISOString();
        if (!write(done)) return say(msg("js-quota"));
        show();
        say(msg(was ? "js-progress-unmarked" : "js-progress-marked"));
        return;
      }
      if (target.closest("[data-progress-reset]")) {
        if (!window.confirm(msg("js-progress-confirm-reset"))) return;
        write({});
        show();
        var status = document.querySelector("[data-progress-reset-status]");
        if (status) status.textContent = msg("js-progress-reset-done");
      }
    });
    // Another tab marked a step, imported answers, or cleared everything.
    window.addEventListener("storage", function (event) {
      if (event.key === KEY || event.key === null) show();
    });
    // This tab imported answers or cleared everything (answers.js).
    window.addEventListener("trellis:changed", show);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
