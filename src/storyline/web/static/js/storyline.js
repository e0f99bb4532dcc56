/* Storyline's own script: CSRF header for htmx, keyboard shortcuts, small niceties.
 *
 * Loaded from /static (the Content-Security-Policy allows no inline script), and only an
 * enhancement: every page works with plain links and forms when it does not run.
 */
(function () {
  "use strict";

  // htmx requests carry the page's CSRF token (forms also carry it as a hidden field).
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) {
      event.detail.headers["X-CSRF-Token"] = meta.getAttribute("content");
    }
  });

  // After the evidence of an event is shown, bring it into view.
  document.addEventListener("htmx:afterSettle", function () {
    var mark = document.querySelector("#text mark.evidence");
    if (mark) {
      mark.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  });

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  function press(selector) {
    var element = document.querySelector(selector);
    if (element) {
      element.click();
      return true;
    }
    return false;
  }

  function follow(selector) {
    var link = document.querySelector(selector);
    if (link && link.getAttribute("href")) {
      window.location.assign(link.getAttribute("href"));
      return true;
    }
    return false;
  }

  // Keyboard shortcuts, declared by the page: <body data-shortcuts="review">.
  var shortcuts = {
    v: function () { return press("[data-key=verify]"); },
    r: function () { return press("[data-key=reject]"); },
    c: function () {
      var field = document.querySelector("[data-key=correct]");
      if (field) { field.focus(); return true; }
      return false;
    },
    j: function () { return follow("a[data-key=next]"); },
    n: function () { return follow("a[data-key=next]"); },
    k: function () { return follow("a[data-key=previous]"); },
    p: function () { return follow("a[data-key=previous]"); },
    "?": function () {
      var help = document.getElementById("shortcut-help");
      if (help) { help.hidden = !help.hidden; return true; }
      return false;
    }
  };

  document.addEventListener("keydown", function (event) {
    if (!document.body.hasAttribute("data-shortcuts")) {
      return;
    }
    if (event.key === "Escape" && typing(event.target)) {
      event.target.blur();
      return;
    }
    if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var action = shortcuts[event.key];
    if (action && action()) {
      event.preventDefault();
    }
  });
})();
