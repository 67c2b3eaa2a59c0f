// zhixing serve: every page works without this file. With it, answers go
// to the JSON API without reloading the page, and the next screen comes in
// place of this one; the report's print button prints.
(function () {
  "use strict";

  function swap(url, push) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } }).then(function (res) {
      if (!res.ok) { throw new Error(String(res.status)); }
      var final = res.url || url;
      return res.text().then(function (text) {
        var doc = new DOMParser().parseFromString(text, "text/html");
        var main = doc.querySelector("main");
        var here = document.querySelector("main");
        if (!main || !here) { throw new Error("no main"); }
        here.replaceWith(main);
        document.title = doc.title;
        if (push) { history.pushState({ zx: 1 }, "", final); }
        window.scrollTo(0, 0);
        var first = main.querySelector("button.choice");
        if (first) { first.blur(); }
      });
    });
  }

  document.addEventListener("click", function (ev) {
    var button = ev.target.closest && ev.target.closest("form.answer button[name=value]");
    if (button) {
      var form = button.form;
      var token = form.getAttribute("data-token");
      var item = form.getAttribute("data-item");
      var next = form.getAttribute("data-next");
      if (!token || !item || !next || !window.fetch) { return; }
      ev.preventDefault();
      var value = button.value === "skip" ? "skip" : Number(button.value);
      var buttons = form.querySelectorAll("button");
      buttons.forEach(function (b) { b.disabled = true; });
      fetch("/api/p/" + token + "/answers/" + encodeURIComponent(item), {
        method: "PUT",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-Zhixing": "1" },
        body: JSON.stringify({ value: value })
      }).then(function (res) {
        if (res.status !== 204) { throw new Error(String(res.status)); }
        return swap(next, true);
      }).catch(function () {
        // The plain form says what went wrong, in the page's words.
        buttons.forEach(function (b) { b.disabled = false; });
        if (form.requestSubmit) { form.requestSubmit(button); } else { form.submit(); }
      });
      return;
    }
    var link = ev.target.closest && ev.target.closest("a[data-swap]");
    if (link && window.fetch && !ev.ctrlKey && !ev.metaKey && !ev.shiftKey) {
      ev.preventDefault();
      swap(link.href, true).catch(function () { window.location.href = link.href; });
      return;
    }
    var print = ev.target.closest && ev.target.closest("[data-print]");
    if (print) {
      ev.preventDefault();
      window.print();
    }
  });

  window.addEventListener("popstate", function () {
    swap(window.location.href, false).catch(function () { window.location.reload(); });
  });

  // The print button is a button only where this file runs.
  document.querySelectorAll("[data-print]").forEach(function (b) { b.hidden = false; });
})();
