(function () {
  "use strict";
  function clearFocus() {
    document.querySelectorAll(".focus").forEach(function (el) { el.classList.remove("focus"); });
    document.querySelectorAll("tr.group.selected").forEach(function (el) { el.classList.remove("selected"); });
  }
  function spansFor(ref) {
    return Array.prototype.filter.call(document.querySelectorAll("[data-refs]"), function (el) {
      return !el.closest("[data-group]") && !el.classList.contains("cite") &&
        el.getAttribute("data-refs").split(" ").indexOf(ref) >= 0;
    });
  }
  function focusRefs(refs) {
    clearFocus();
    var firstInBody = new Map();
    refs.forEach(function (ref) {
      spansFor(ref).forEach(function (el) {
        el.classList.add("focus");
        var body = el.closest(".body");
        if (body && !firstInBody.has(body)) { firstInBody.set(body, el); }
      });
    });
    firstInBody.forEach(function (el, body) {
      body.scrollTop = Math.max(0, el.offsetTop - body.offsetTop - body.clientHeight / 3);
    });
    var first = firstInBody.values().next().value;
    if (first) { first.closest("article").scrollIntoView({ block: "start" }); }
    return firstInBody.size;
  }
  document.addEventListener("click", function (ev) {
    var target = ev.target instanceof Element ? ev.target : null;
    if (!target) { return; }
    var group = target.closest("[data-group]");
    if (group) {
      ev.preventDefault();
      focusRefs((group.getAttribute("data-refs") || "").split(" ").filter(Boolean));
      document.querySelectorAll('tr.group[data-group="' + group.getAttribute("data-group") + '"]')
        .forEach(function (row) { row.classList.add("selected"); });
      return;
    }
    var span = target.closest(".body [data-refs]");
    if (span) {
      var claims = span.getAttribute("data-refs").split(" ").filter(function (r) { return r.indexOf("cl-") === 0; });
      var row = claims.length ? Array.prototype.find.call(document.querySelectorAll("tr.group"), function (tr) {
        return tr.getAttribute("data-refs").split(" ").indexOf(claims[0]) >= 0;
      }) : null;
      if (row) {
        focusRefs(row.getAttribute("data-refs").split(" ").filter(Boolean));
        row.classList.add("selected");
        row.scrollIntoView({ block: "nearest" });
      }
      return;
    }
    var cite = target.closest("a.cite");
    if (cite) {
      var refs = (cite.getAttribute("data-refs") || "").split(" ").filter(Boolean);
      if (focusRefs(refs) > 0) { ev.preventDefault(); }
    }
  });
  var hide = document.getElementById("hide-unique");
  var matrix = document.getElementById("matrix-table");
  if (hide && matrix) {
    hide.addEventListener("change", function () { matrix.classList.toggle("hide-unique", hide.checked); });
  }
  document.addEventListener("keydown", function (ev) {
    var target = ev.target instanceof Element ? ev.target.closest("tr.group") : null;
    if (target && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); target.click(); }
  });
})();
