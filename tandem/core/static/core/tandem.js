// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Offer the browser's own timezone when a profile still says UTC.
  function fillTimezone(root) {
    var input = (root || document).querySelector('input[name="timezone"]');
    if (!input || input.value !== "UTC" || !window.Intl) return;
    try {
      var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (tz) input.value = tz;
    } catch (e) { /* keep UTC */ }
  }
  document.addEventListener("DOMContentLoaded", function () { fillTimezone(document); });
  document.addEventListener("htmx:afterSwap", function (event) { fillTimezone(event.target); });
})();
