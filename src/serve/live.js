// trellis serve: live reload and the error overlay. Injected into served
// HTML pages only (never into a production build). Listens to the dev
// server's event stream: when only pages changed it fetches this page again
// and patches it in place (scroll position, focus, open <details> and text
// typed into fields stay as they are); it swaps stylesheets when only CSS
// changed; it reloads when templates, config or scripts changed; and it
// shows build errors over the page.
(function () {
  "use strict";
  var build = window.__TRELLIS_BUILD__ || "";
  var overlayId = "trellis-error-overlay";

  function removeOverlay() {
    var old = document.getElementById(overlayId);
    if (old) old.remove();
  }

  function el(tag, style, text) {
    var e = document.createElement(tag);
    if (style) e.setAttribute("style", style);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function showErrors(errors) {
    removeOverlay();
    if (!errors || !errors.length) return;
    var box = el("div", "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.96);color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:24px;");
    box.id = overlayId;
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-label", "Build failed");
    var head = el("div", "display:flex;justify-content:space-between;align-items:center;gap:16px;margin-bottom:16px;");
    head.appendChild(el("strong", "font-size:18px;color:#fca5a5;", "Build failed: " + errors.length + " problem" + (errors.length === 1 ? "" : "s")));
    var close = el("button", "font:inherit;padding:4px 12px;border:1px solid #a1a1aa;border-radius:4px;background:#27272a;color:#f4f4f5;cursor:pointer;", "Hide");
    close.type = "button";
    close.addEventListener("click", removeOverlay);
    head.appendChild(close);
    box.appendChild(head);
    box.appendChild(el("p", "margin:0 0 16px;color:#d4d4d8;", "The last good version of the site is still being served. Fix the problem and save: this page reloads by itself."));
    errors.forEach(function (d) {
      var item = el("div", "margin:0 0 16px;padding:12px 16px;border-left:4px solid " + (d.severity === "error" ? "#f87171" : "#fbbf24") + ";background:#18181b;");
      item.className = "trellis-diagnostic";
      var where = d.file ? d.file + (d.line ? ":" + d.line + ":" + d.column : "") : "";
      item.appendChild(el("div", "color:#a1a1aa;", where));
      item.appendChild(el("div", "color:#fecaca;font-weight:bold;", d.severity + "[" + d.code + "]: " + d.message));
      if (d.source_line !== null && d.source_line !== undefined && d.line) {
        var pre = el("pre", "margin:8px 0 0;white-space:pre;color:#e4e4e7;");
        var marker = new Array(d.column).join(" ") + new Array(Math.max(1, d.end_column - d.column) + 1).join("^");
        pre.textContent = d.line + " | " + d.source_line + "\n" + new Array(String(d.line).length + 1).join(" ") + " | " + marker;
        item.appendChild(pre);
      }
      if (d.hint) item.appendChild(el("div", "margin-top:8px;color:#93c5fd;", "help: " + d.hint));
      box.appendChild(item);
    });
    (document.body || document.documentElement).appendChild(box);
  }

  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      url.searchParams.set("trellis-reload", String(Date.now()));
      var next = link.cloneNode();
      next.href = url.toString();
      next.addEventListener("load", function () { link.remove(); });
      link.after(next);
    });
  }

  /* ---- patching in place ---------------------------------------------- */

  // Make `from` (in this page) like `to` (from the fetched page), keeping
  // every node that can be kept, so nothing the reader did is lost.
  function morph(from, to) {
    if (from.nodeType !== 1) {
      if (from.nodeValue !== to.nodeValue) from.nodeValue = to.nodeValue;
      return;
    }
    var fromAttrs = from.attributes;
    for (var i = fromAttrs.length - 1; i >= 0; i--) {
      var name = fromAttrs[i].name;
      if (!to.hasAttribute(name) && !keepAttribute(from, name)) from.removeAttribute(name);
    }
    var toAttrs = to.attributes;
    for (var j = 0; j < toAttrs.length; j++) {
      var a = toAttrs[j];
      if (from.getAttribute(a.name) !== a.value && !keepAttribute(from, a.name)) {
        from.setAttribute(a.name, a.value);
      }
    }
    // A text box's children are its default text; what the reader typed
    // is its value, which stays.
    if (from.nodeName === "TEXTAREA") return;
    morphChildren(from, to);
  }

  // The reader's own state: whether a <details> is open.
  function keepAttribute(el, name) {
    return el.nodeName === "DETAILS" && name === "open";
  }

  function same(a, b) {
    if (a.nodeType !== b.nodeType || a.nodeName !== b.nodeName) return false;
    return a.nodeType !== 1 || (a.id || "") === (b.id || "");
  }

  function morphChildren(from, to) {
    var old = from.firstChild;
    var next;
    for (var fresh = to.firstChild; fresh; fresh = next) {
      next = fresh.nextSibling;
      var match = null;
      if (fresh.nodeType === 1 && fresh.id) {
        // An element with an id is the same element wherever it moved.
        for (var k = old; k; k = k.nextSibling) {
          if (k.nodeType === 1 && k.id === fresh.id && k.nodeName === fresh.nodeName) {
            match = k;
            break;
          }
        }
      } else if (old && same(old, fresh)) {
        match = old;
      }
      if (match) {
        if (match !== old) from.insertBefore(match, old);
        morph(match, fresh);
        old = match.nextSibling;
      } else {
        from.insertBefore(document.importNode(fresh, true), old);
      }
    }
    while (old) {
      next = old.nextSibling;
      from.removeChild(old);
      old = next;
    }
  }

  // This page's file in the build (`steps/communicate/index.html`).
  function ownPath() {
    var p = decodeURIComponent(location.pathname).replace(/^\//, "");
    return p === "" || /\/$/.test(p) ? p + "index.html" : p;
  }

  var patching = null;

  function patch(changed) {
    if (changed.indexOf(ownPath()) === -1) return;
    // One patch at a time; a newer build waits for the current one.
    var run = function () {
      return fetch(location.href, { cache: "no-store" })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          if (doc.title !== document.title) document.title = doc.title;
          morph(document.body, doc.body);
          document.dispatchEvent(new CustomEvent("trellis:patched"));
        })
        .catch(function () { location.reload(); });
    };
    patching = (patching || Promise.resolve()).then(run);
  }

  function connect() {
    var source = new EventSource("/__trellis/events");
    source.addEventListener("hello", function (e) {
      var data = JSON.parse(e.data);
      if (build && data.build !== build) {
        location.reload();
        return;
      }
      showErrors(data.errors);
    });
    source.addEventListener("reload", function () { location.reload(); });
    source.addEventListener("patch", function (e) {
      var data = JSON.parse(e.data);
      build = data.build;
      removeOverlay();
      patch(data.changed || []);
    });
    source.addEventListener("css", function (e) {
      var data = JSON.parse(e.data);
      build = data.build;
      removeOverlay();
      swapStylesheets();
    });
    source.addEventListener("errors", function (e) {
      showErrors(JSON.parse(e.data).errors);
    });
    // EventSource reconnects by itself after the server restarts; the
    // "hello" it then receives decides whether to reload.
  }

  window.__TRELLIS_LIVE__ = { showErrors: showErrors, morph: morph };
  connect();
})();
