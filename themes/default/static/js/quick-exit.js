/*
 * trellis quick exit: "Leave this site", after the GOV.UK Design System's
 * "Exit this page". The control is a plain link to a neutral site, so it
 * works without this script. With it, leaving blanks this page at once and
 * replaces it in the browser's history (Back does not come back to it),
 * and pressing Shift three times does the same from anywhere on the page.
 */
(function () {
  "use strict";

  // Three taps of Shift (alone, not held while typing a capital), each
  // within this long of the one before.
  var TAPS = 3;
  var WITHIN_MS = 1000;

  function leave(url) {
    // Hide everything first: the page is gone from the screen even if the
    // other site is slow to load.
    try {
      document.documentElement.classList.add("trellis-leaving");
      document.title = "";
      if (document.body) document.body.hidden = true;
    } catch (e) { /* leaving matters more */ }
    window.location.replace(url);
  }

  function init() {
    var link = document.querySelector("[data-quick-exit]");
    if (!link) return;
    var url = link.href;
    link.addEventListener("click", function (ev) {
      if (ev.button !== 0 || ev.metaKey || ev.ctrlKey) return;
      ev.preventDefault();
      leave(url);
    });
    var taps = 0;
    var last = 0;
    var alone = false;
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Shift") {
        alone = !ev.repeat;
      } else {
        // Shift held for a capital letter is typing, not a tap.
        alone = false;
        taps = 0;
      }
    }, true);
    document.addEventListener("keyup", function (ev) {
      if (ev.key !== "Shift" || !alone) return;
      alone = false;
      var now = Date.now();
      taps = now - last <= WITHIN_MS ? taps + 1 : 1;
      last = now;
      if (taps >= TAPS) {
        taps = 0;
        leave(url);
      }
    }, true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
