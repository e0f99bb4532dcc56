/* Storyline's own script: CSRF header for htmx, keyboard shortcuts, small niceties.
 *
 * Loaded from /static (the Content-Security-Policy allows no inline script), and only an
 * enhancement: every page works with plain links and forms when it does not run.
 */
(function () {
  "use strict";

  // The stylesheet folds the menu on small screens only when this script runs (so the
  // button that opens it works).
  document.documentElement.classList.add("js");
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest && event.target.closest(".menu-toggle");
    if (!toggle) { return; }
    var header = toggle.closest("header");
    var open = header.classList.toggle("open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });

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

  // ------------------------------------------------------------------ reading marks
  // A mark's details (data-detail) appear in the panel under the text when the mark gets
  // focus (Tab) or is tapped, so keyboard and touch readers see what a tooltip shows.
  var HIDDEN_KEY = "storyline.hiddenMarks";

  function detailsPanel() {
    return document.getElementById("mark-details");
  }

  function showDetails(mark) {
    var panel = detailsPanel();
    if (!panel) { return; }
    var body = panel.querySelector(".mark-details-text");
    body.textContent = "";
    mark.getAttribute("data-detail").split("\n").forEach(function (line) {
      var p = document.createElement("p");
      p.textContent = line;
      body.appendChild(p);
    });
    document.querySelectorAll("[data-detail][aria-current]").forEach(function (m) { m.removeAttribute("aria-current"); });
    mark.setAttribute("aria-current", "true");
    panel.hidden = false;
  }

  function hideDetails() {
    var panel = detailsPanel();
    if (panel) { panel.hidden = true; }
    document.querySelectorAll("[data-detail][aria-current]").forEach(function (m) { m.removeAttribute("aria-current"); });
  }

  document.addEventListener("focusin", function (event) {
    var mark = event.target.closest && event.target.closest("[data-detail]");
    if (mark) { showDetails(mark); }
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest(".mark-details .close")) { hideDetails(); return; }
    var mark = event.target.closest("[data-detail]");
    if (mark) { showDetails(mark); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && event.target.closest && event.target.closest("[data-detail]")) {
      hideDetails();
    }
  });

  function hiddenKinds() {
    try { return JSON.parse(window.localStorage.getItem(HIDDEN_KEY) || "[]"); } catch (e) { return []; }
  }

  // A hidden kind's marks leave the Tab order too; the choice is remembered between pages.
  function applyMarkControls() {
    var hidden = hiddenKinds();
    document.querySelectorAll("input[data-mark-kind]").forEach(function (box) {
      var kind = box.getAttribute("data-mark-kind");
      box.checked = hidden.indexOf(kind) === -1;
      document.querySelectorAll("#text .m-" + kind + "[data-detail]").forEach(function (mark) {
        mark.setAttribute("tabindex", box.checked ? "0" : "-1");
      });
    });
  }

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[data-mark-kind]")) { return; }
    var kind = box.getAttribute("data-mark-kind");
    var hidden = hiddenKinds().filter(function (k) { return k !== kind; });
    if (!box.checked) { hidden.push(kind); }
    try { window.localStorage.setItem(HIDDEN_KEY, JSON.stringify(hidden)); } catch (e) { /* private mode */ }
    applyMarkControls();
  });
  document.addEventListener("DOMContentLoaded", applyMarkControls);
  document.addEventListener("htmx:afterSettle", applyMarkControls);

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
