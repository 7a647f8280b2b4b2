// argmap report: selecting a node (click, or Enter on a focused link) highlights its passage of the
// text and scrolls it into view; the map's zoom button draws it full size to pan. Without script
// the links still jump to the passage, and the map fits its frame.
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
  // The map fits its frame; the zoom button draws it full size, panned by dragging or scrolling.
  document.querySelectorAll(".map-tools button.zoom").forEach(function (button) {
    var frame = document.getElementById(button.getAttribute("aria-controls"));
    if (!frame) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var zoomed = frame.classList.toggle("zoomed");
      button.setAttribute("aria-pressed", zoomed ? "true" : "false");
    });
    var from = null;
    frame.addEventListener("pointerdown", function (event) {
      if (!frame.classList.contains("zoomed") || event.button !== 0) { return; }
      if (event.target.closest && event.target.closest("a")) { return; }
      from = { x: event.clientX, y: event.clientY, left: frame.scrollLeft, top: frame.scrollTop };
      frame.classList.add("panning");
    });
    window.addEventListener("pointermove", function (event) {
      if (!from) { return; }
      frame.scrollLeft = from.left - (event.clientX - from.x);
      frame.scrollTop = from.top - (event.clientY - from.y);
    });
    window.addEventListener("pointerup", function () {
      from = null;
      frame.classList.remove("panning");
    });
  });
  var start = /^#(p\d+)$/.exec(location.hash);
  if (start) { show(start[1], false); }
})();
