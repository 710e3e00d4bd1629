// Share links stay plain links; this file only adds the phone's own share sheet (Web Share API)
// and copies the address for «نسخ الرابط». No request leaves the page.
(function () {
  "use strict";
  document.querySelectorAll(".share").forEach(function (box) {
    var status = box.querySelector(".share-status");
    var say = function (text) { if (status) { status.textContent = text; } };
    var native = box.querySelector(".share-native");
    var button = box.querySelector(".share-button");
    if (native && button && navigator.share) {
      native.hidden = false;
      button.addEventListener("click", function () {
        navigator.share({ title: button.dataset.title, url: button.dataset.url }).catch(function () {});
      });
    }
    var copy = box.querySelector(".copy-link");
    if (copy && navigator.clipboard) {
      copy.addEventListener("click", function (event) {
        event.preventDefault();
        navigator.clipboard.writeText(copy.href).then(
          function () { say(copy.dataset.copied); },
          function () { say(copy.dataset.failed); }
        );
      });
    }
  });
})();
