// Counts one view of this story on the site itself (khabar/readership): a POST with no body and
// no cookie, sent when the page is actually shown (not while it is only prerendered).
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-beacon");
  if (!url || !navigator.sendBeacon) return;
  function send() { navigator.sendBeacon(url); }
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
