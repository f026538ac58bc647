// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  function announce(button, text) {
    var original = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", original);
    button.textContent = text;
    window.setTimeout(function () { button.textContent = original; }, 2000);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  // Copy buttons: hidden without JavaScript (the links are shown in full instead).
  function initCopyButtons(root) {
    root.querySelectorAll("[data-copy], [data-copy-from]").forEach(function (button) {
      if (button.dataset.ready) { return; }
      button.dataset.ready = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = button.getAttribute("data-copy-from");
        var text = source ? document.getElementById(source).value : button.getAttribute("data-copy");
        copyText(text).then(
          function () { announce(button, "Copied"); },
          function () { announce(button, "Press Ctrl+C to copy"); }
        );
      });
    });
  }

  // The create form: with no zone in the organiser's profile, start from the browser's.
  function initBrowserZone(root) {
    root.querySelectorAll("select[data-browser-zone='1']").forEach(function (select) {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (zone && select.querySelector("option[value='" + zone.replace(/'/g, "") + "']")) {
        select.value = zone;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }

  // The share page: show the meeting in the visitor's own time zone (UTC without script).
  function initLocalTimes(root) {
    root.querySelectorAll(".local-time[data-start][data-end]").forEach(function (el) {
      var start = new Date(el.getAttribute("data-start"));
      var end = new Date(el.getAttribute("data-end"));
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "your time zone";
      var day = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
      var time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
      var text = day.format(start) + ", " + time.format(start) + "–";
      if (day.format(start) !== day.format(end)) { text += day.format(end) + ", "; }
      text += time.format(end);
      el.textContent = "In your time zone (" + zone + "): " + text;
    });
  }

  // Inside an iframe: tell the parent page our height so it can size the frame.
  function reportHeight() {
    if (window.parent === window) { return; }
    var send = function () {
      window.parent.postMessage(
        { type: "meetings:height", height: document.documentElement.scrollHeight }, "*"
      );
    };
    send();
    if (window.ResizeObserver) { new ResizeObserver(send).observe(document.body); }
  }

  // The list's last item ("Load more meetings", or "Try again" after an error) is replaced
  // by the next page. When it had focus, a keyboard user would be sent back to the top of
  // the page: hand focus to the first item that took its place instead.
  function keepFocusInList() {
    var pending = null;
    document.addEventListener("htmx:beforeSwap", function (event) {
      var target = event.detail.target;
      pending = null;
      if (target.matches("li.list-status") && target.contains(document.activeElement)) {
        pending = { list: target.parentNode, previous: target.previousElementSibling };
      }
    });
    document.addEventListener("htmx:afterSettle", function () {
      if (!pending) { return; }
      var first = pending.previous ? pending.previous.nextElementSibling : pending.list.firstElementChild;
      pending = null;
      var control = first && first.querySelector("a[href], button:not([hidden])");
      if (control) { control.focus(); }
    });
  }

  function init(root) {
    initCopyButtons(root);
    initBrowserZone(root);
    initLocalTimes(root);
  }

  keepFocusInList();
  document.addEventListener("DOMContentLoaded", function () { init(document); reportHeight(); });
  document.addEventListener("htmx:load", function (event) { initCopyButtons(event.target); });

  // A new request starts afresh: yesterday's error message would only confuse.
  document.addEventListener("htmx:beforeRequest", function () {
    var area = document.getElementById("htmx-errors");
    if (area) { area.innerHTML = ""; }
  });

  // The app could not be reached at all (no answer to swap): say so where errors go.
  document.addEventListener("htmx:sendError", function () {
    var area = document.getElementById("htmx-errors");
    if (!area) { return; }
    area.innerHTML = "";
    var message = document.createElement("div");
    message.className = "flash flash-error";
    message.setAttribute("role", "alert");
    message.textContent = "We could not reach the server. Check your connection and try again.";
    area.appendChild(message);
  });
})();
