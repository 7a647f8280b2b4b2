// argmap report: selecting a node (click, or Enter on a focused link) highlights its passage of the
// text and scrolls it into view. Without script the links still jump to the passage.
(function () {
  "use strict";
  function show(id, focus) {
    var target = document.getElementById(id);
    if (!target) { return false; }
    var marks = document.querySelectorAll('mark[data-a~="' + id + '"]');
    document.querySelectorAll("mark.active").forEach(function (m) { m.classList.remove("active"); });
    marks.forEach(function (m) { m.classList.add("active"); });
    var first = marks.length ? marks[0] : target;
    first.scrollIntoView({ block: "center" });
    if (focus) {
      first.setAttribute("tabindex", "-1");
      first.focus({ preventScroll: true });
    }
    return true;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a");
    if (!link) { return; }
    var href = link.getAttribute("href") || "";
    var m = /^#(p\d+)$/.exec(href);
    if (!m) { return; }
    if (show(m[1], true)) {
      event.preventDefault();
      document.querySelectorAll(".node.current").forEach(function (n) { n.classList.remove("current"); });
      if (link.classList.contains("node")) { link.classList.add("current"); }
      history.replaceState(null, "", href);
    }
  });
  var start = /^#(p\d+)$/.exec(location.hash);
  if (start) { show(start[1], false); }
})();
