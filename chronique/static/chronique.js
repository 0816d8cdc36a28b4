/* Citation tooltips: hovering or focusing a citation shows its full reference.
   The reference is already in the page (the link's title, written by sphinxcontrib-bibtex):
   nothing is fetched. The title moves to a data attribute so the browser's own tooltip does
   not double ours; the link points to the tooltip with aria-describedby while it is shown. */
(function () {
  "use strict";
  var tooltip;

  function show(link) {
    tooltip.textContent = link.dataset.reference;
    tooltip.hidden = false;
    var box = link.getBoundingClientRect();
    tooltip.style.left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tooltip.offsetWidth - 8)) + "px";
    tooltip.style.top = window.scrollY + box.bottom + 6 + "px";
    link.setAttribute("aria-describedby", tooltip.id);
  }

  function hide(link) {
    tooltip.hidden = true;
    if (link) link.removeAttribute("aria-describedby");
  }

  function init() {
    tooltip = document.createElement("div");
    tooltip.id = "chronique-tooltip";
    tooltip.className = "chronique-tooltip";
    tooltip.setAttribute("role", "tooltip");
    tooltip.hidden = true;
    document.body.appendChild(tooltip);
    document.querySelectorAll(".bibtex-citation a[title]").forEach(function (link) {
      link.dataset.reference = link.getAttribute("title");
      link.removeAttribute("title");
      link.addEventListener("mouseenter", function () { show(link); });
      link.addEventListener("focus", function () { show(link); });
      link.addEventListener("mouseleave", function () { hide(link); });
      link.addEventListener("blur", function () { hide(link); });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hide(document.activeElement);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
