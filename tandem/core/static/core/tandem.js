// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Offer the browser's own timezone when a new profile still says UTC (onboarding only).
  function fillTimezone(root) {
    var input = (root || document).querySelector('input[name="timezone"][data-browser-default]');
    if (!input || input.value !== "UTC" || !window.Intl) return;
    try {
      var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (tz) input.value = tz;
    } catch (e) { /* keep UTC */ }
  }
  document.addEventListener("DOMContentLoaded", function () { fillTimezone(document); });
  document.addEventListener("htmx:afterSwap", function (event) { fillTimezone(event.target); });

  // htmx leaves the page as it was when a request fails; say so instead of doing nothing.
  var PROBLEMS = {
    403: "That isn't yours to change, so nothing was changed.",
    404: "We couldn't find that any more. Try reloading the page.",
    429: "That was a lot of changes in a short time. Wait a minute, then try again; nothing was saved.",
  };
  function showProblem(text) {
    var box = document.getElementById("request-problem");
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
  }
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr.status;
    showProblem(PROBLEMS[status] || "Something went wrong on our side. Please try again in a moment.");
  });
  document.addEventListener("htmx:sendError", function () {
    showProblem("We couldn't reach Tandem. Check your connection and try again.");
  });
  document.addEventListener("htmx:beforeRequest", function () {
    var box = document.getElementById("request-problem");
    if (box) box.hidden = true;
  });
})();

// A live count of the characters left in a note with a limit (the server checks it too).
// Browsers cut a paste that is too long at the limit without a word; we say so instead.
(function () {
  "use strict";
  function number(n) { return n.toLocaleString("en-GB"); }
  function wire(root) {
    (root || document).querySelectorAll("textarea[data-count][maxlength]").forEach(function (area) {
      var out = document.getElementById(area.getAttribute("data-count"));
      if (!out || area.dataset.counting) return;
      area.dataset.counting = "1";
      var max = parseInt(area.getAttribute("maxlength"), 10);
      var cut = "";  // what the last paste lost, said until the next paste
      function update() {
        var left = max - area.value.length;
        out.textContent = cut + left + " of " + max + " characters left";
      }
      area.addEventListener("paste", function (event) {
        var pasted = event.clipboardData ? event.clipboardData.getData("text") : "";
        var start = area.selectionStart, end = area.selectionEnd;
        var room = Math.max(0, max - (area.value.length - (end - start)));
        cut = "";
        if (pasted.length > room) {
          event.preventDefault();
          area.setRangeText(pasted.slice(0, room), start, end, "end");
          cut = "Your pasted text was " + number(pasted.length) + " characters, more than fits, " +
            "so only the first " + number(room) + " went in. Check how your note ends: " +
            "a short ask is easier to say yes to. ";
        }
        // The browser's own paste fires "input"; ours does not, so count now.
        update();
      });
      area.addEventListener("input", update);
      update();
    });
  }
  document.addEventListener("DOMContentLoaded", function () { wire(document); });
  document.addEventListener("htmx:afterSwap", function (event) { wire(event.target); });
})();

// The meeting timer: minutes left in the time box, so the meeting ends on time (P7). The page
// renders it only while a scheduled meeting is on; it stops counting at the end of the time
// box, or as soon as the timer leaves the page (the meeting was marked, the page swapped).
(function () {
  "use strict";
  function start() {
    var box = document.getElementById("meeting-timer");
    if (!box || !box.dataset.ends) return;
    var ends = new Date(box.dataset.ends).getTime();
    var timer = null;
    function tick() {
      if (!box.isConnected) { clearInterval(timer); return; }
      var left = Math.ceil((ends - Date.now()) / 60000);
      if (left > 0) {
        box.textContent = left + (left === 1 ? " minute" : " minutes") + " left in the time box";
        return;
      }
      box.textContent = "Time's up: wrap up kindly, then mark how it went below.";
      box.dataset.state = "over";
      clearInterval(timer);
    }
    timer = setInterval(tick, 15000);
    tick();
  }
  document.addEventListener("DOMContentLoaded", start);
})();

// The menu is a <details>: it folds on phones without this file. Here it closes on Escape
// and on a tap elsewhere, and browsers that cannot show a closed <details>' contents as a
// row (no ::details-content) get it opened on wide screens instead.
(function () {
  "use strict";
  function wire() {
    var menu = document.getElementById("site-menu");
    if (!menu) return;
    var wide = window.matchMedia("(min-width: 64em)");
    var rowInCss = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
    if (!rowInCss) {
      var follow = function () { menu.open = wide.matches; };
      follow();
      wide.addEventListener("change", follow);
    }
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !menu.open || wide.matches) return;
      menu.open = false;
      menu.querySelector("summary").focus();
    });
    document.addEventListener("click", function (event) {
      if (menu.open && !wide.matches && !menu.contains(event.target)) menu.open = false;
    });
  }
  document.addEventListener("DOMContentLoaded", wire);
})();

// Forms marked data-submit-on-change (the directory's filters) search as soon as a select or
// a box changes. Text fields are left out on purpose: Chrome fires "change" on Enter just before
// the submit, and answering both sent every typed search twice, the first one aborted.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    var form = field.form;
    if (!form || !form.hasAttribute("data-submit-on-change")) return;
    if (field.tagName !== "SELECT" && field.type !== "checkbox" && field.type !== "radio") return;
    if (form.requestSubmit) form.requestSubmit();
    else form.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
  });
})();
