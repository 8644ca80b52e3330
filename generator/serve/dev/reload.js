// Live reload for `agenda serve` (package serve). Pages built for the
// preview load this file; the published site never does.
//
// It listens for the server's events: "reload" after a good build reloads
// the page; "failed" after a bad one shows the problems panel over the
// last good page. The panel lists each problem as path:line:col: message
// and goes away when the next build succeeds. The stream opens with
// "live", the build the pages now come from: a page of an older build
// (one finished while this page loaded, before the stream was open)
// reloads. The page's own build is in its Server-Timing header.
(function () {
  "use strict";

  var panel = null;

  function addStyle() {
    if (document.getElementById("agenda-overlay-style")) {
      return;
    }
    var link = document.createElement("link");
    link.id = "agenda-overlay-style";
    link.rel = "stylesheet";
    link.href = "/_agenda/overlay.css";
    document.head.appendChild(link);
  }

  function hide() {
    if (panel) {
      panel.remove();
      panel = null;
    }
  }

  function show(status) {
    hide();
    addStyle();
    panel = document.createElement("section");
    panel.className = "agenda-overlay";
    panel.setAttribute("role", "alert");
    panel.setAttribute("aria-labelledby", "agenda-overlay-title");

    var title = document.createElement("h2");
    title.id = "agenda-overlay-title";
    title.textContent = "The site could not be rebuilt";
    panel.appendChild(title);

    var note = document.createElement("p");
    note.textContent = "Showing the last good version. Fix these problems and save; this panel goes away by itself.";
    panel.appendChild(note);

    var list = document.createElement("ul");
    status.diagnostics.forEach(function (d) {
      var item = document.createElement("li");
      item.className = "agenda-overlay__" + d.severity;
      var code = document.createElement("code");
      code.textContent = d.text;
      item.appendChild(code);
      list.appendChild(item);
    });
    panel.appendChild(list);

    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.addEventListener("click", hide);
    panel.appendChild(close);

    document.body.insertBefore(panel, document.body.firstChild);
  }

  function check() {
    fetch("/_agenda/status", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.ok) {
          hide();
        } else {
          show(status);
        }
      })
      .catch(function () { /* the server is restarting; the stream retries */ });
  }

  // pageBuild is the build this page came from, or -1 when the browser
  // does not say (then only "reload" events reload it).
  function pageBuild() {
    var nav = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation") : [];
    var timings = nav.length && nav[0].serverTiming ? nav[0].serverTiming : [];
    for (var i = 0; i < timings.length; i++) {
      if (timings[i].name === "agenda-build") {
        var n = parseInt(timings[i].description, 10);
        return isNaN(n) ? -1 : n;
      }
    }
    return -1;
  }

  var built = pageBuild();
  var events = new EventSource("/_agenda/events");
  events.addEventListener("reload", function () { window.location.reload(); });
  events.addEventListener("live", function (e) {
    var live = parseInt(e.data, 10);
    if (built >= 0 && live > built) {
      window.location.reload();
    }
  });
  events.addEventListener("failed", check);
  check();
})();
