/* The edition's behaviour in the page: the apparatus beside the reading text, citation
   tooltips, and the charts (drawn when they come near the screen, in the reader's theme).
   Nothing is fetched from elsewhere: every text is already in the page. */
(function () {
  "use strict";

  var NARROW = window.matchMedia("(max-width: 991.98px)");

  /* --- Citation tooltips -----------------------------------------------------------------
     The full reference is the link's title (written by sphinxcontrib-bibtex). It moves to a
     data attribute so the browser's own tooltip does not double ours; the link points to the
     tooltip (aria-describedby) while it is shown, which stays wholly inside the window. */
  var tooltip;

  function placeTooltip(link) {
    var margin = 8;
    var view = document.documentElement;
    var box = link.getBoundingClientRect();
    var width = tooltip.offsetWidth;
    var height = tooltip.offsetHeight;
    var left = Math.max(margin, Math.min(box.left, view.clientWidth - width - margin));
    var below = box.bottom + 6;
    var top = below + height + margin <= window.innerHeight || box.top - 6 - height < margin ? below : box.top - 6 - height;
    top = Math.max(margin, Math.min(top, window.innerHeight - height - margin));
    tooltip.style.left = window.scrollX + left + "px";
    tooltip.style.top = window.scrollY + top + "px";
  }

  function showTooltip(link) {
    tooltip.textContent = link.dataset.reference;
    tooltip.hidden = false;
    placeTooltip(link);
    link.setAttribute("aria-describedby", tooltip.id);
  }

  function hideTooltip(link) {
    tooltip.hidden = true;
    if (link && link.removeAttribute) link.removeAttribute("aria-describedby");
  }

  function initTooltips() {
    tooltip = document.createElement("div");
    tooltip.id = "chronique-tooltip";
    tooltip.className = "chronique-tooltip";
    tooltip.setAttribute("role", "tooltip");
    tooltip.hidden = true;
    document.body.appendChild(tooltip);
    document.querySelectorAll(".bibtex-citation a[title]").forEach(function (link) {
      link.dataset.reference = link.getAttribute("title");
      link.removeAttribute("title");
      link.addEventListener("mouseenter", function () { showTooltip(link); });
      link.addEventListener("focus", function () { showTooltip(link); });
      link.addEventListener("mouseleave", function () { hideTooltip(link); });
      link.addEventListener("blur", function () { hideTooltip(link); });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hideTooltip(document.activeElement);
    });
  }

  /* --- The apparatus -------------------------------------------------------------------------
     Each assertion is followed by a mark (a.chronique-call) linking to its entry. On a wide
     screen the entry is in the margin beside it: the mark, the assertion and the entry light up
     together. On a phone the entries are closed under the paragraph: the mark opens and closes
     its entry. A permalink (#FA-004) highlights the assertion and its entry, opened. */
  function entryOf(call) {
    return document.getElementById(call.getAttribute("href").slice(1));
  }

  function spanOf(call) {
    return document.getElementById(call.dataset.assertion);
  }

  function relate(call, on) {
    [entryOf(call), spanOf(call)].forEach(function (element) {
      if (element) element.classList.toggle("is-related", on);
    });
  }

  function open(call, opened) {
    var entry = entryOf(call);
    if (!entry) return;
    entry.classList.toggle("is-open", opened);
    if (NARROW.matches) call.setAttribute("aria-expanded", opened ? "true" : "false");
  }

  function expandedState() {
    document.querySelectorAll("a.chronique-call").forEach(function (call) {
      var entry = entryOf(call);
      if (NARROW.matches) call.setAttribute("aria-expanded", entry && entry.classList.contains("is-open") ? "true" : "false");
      else call.removeAttribute("aria-expanded");
    });
  }

  function current(id) {
    document.querySelectorAll(".chronique-assertion.is-current, .chronique-entry.is-current").forEach(function (element) {
      element.classList.remove("is-current");
    });
    var span = id && document.getElementById(id);
    if (!span || !span.classList.contains("chronique-assertion")) return;
    var call = document.querySelector('a.chronique-call[data-assertion="' + id + '"]');
    span.classList.add("is-current");
    if (call) {
      entryOf(call).classList.add("is-current");
      open(call, true);
    }
  }

  function initApparatus() {
    var calls = document.querySelectorAll("a.chronique-call");
    calls.forEach(function (call) {
      var entry = entryOf(call);
      var span = spanOf(call);
      if (!entry) return;
      call.setAttribute("aria-controls", entry.id);
      call.addEventListener("click", function (event) {
        event.preventDefault();
        if (NARROW.matches) {
          open(call, !entry.classList.contains("is-open"));
        } else {
          entry.classList.add("is-related");
          var box = entry.getBoundingClientRect();
          if (box.top < 0 || box.bottom > window.innerHeight) entry.scrollIntoView({ block: "nearest" });
        }
      });
      [call, span, entry].forEach(function (element) {
        if (!element) return;
        element.addEventListener("mouseenter", function () { relate(call, true); });
        element.addEventListener("mouseleave", function () { relate(call, false); });
      });
      call.addEventListener("focus", function () { relate(call, true); });
      call.addEventListener("blur", function () { relate(call, false); });
    });
    if (!calls.length) return;
    expandedState();
    if (NARROW.addEventListener) NARROW.addEventListener("change", expandedState);
    current(decodeURIComponent(window.location.hash.slice(1)));
    window.addEventListener("hashchange", function () { current(decodeURIComponent(window.location.hash.slice(1))); });
  }

  /* --- Charts -----------------------------------------------------------------------------
     Each figure is a div of its final height and its specification (script.chronique-plotly-spec:
     data, layout, config and the dark-mode colour of each of its light colours). It is drawn by
     the book's plotly.js, loaded when the first figure comes near the screen, in the reader's
     theme, and drawn again when the reader switches theme. */
  var FRENCH = {
    moduleType: "locale",
    name: "fr",
    dictionary: {
      "Autoscale": "Échelle automatique",
      "Box Select": "Sélection rectangulaire",
      "Double-click on legend to isolate one trace": "Double-cliquer sur la légende pour isoler une série",
      "Double-click to zoom back out": "Double-cliquer pour revenir à la vue d’ensemble",
      "Download plot as a png": "Télécharger le graphique (PNG)",
      "Download plot": "Télécharger le graphique",
      "Lasso Select": "Sélection au lasso",
      "Pan": "Déplacer",
      "Produced with Plotly.js": "Produit avec Plotly.js",
      "Reset axes": "Réinitialiser les axes",
      "Reset": "Réinitialiser",
      "Show closest data on hover": "Afficher la donnée la plus proche au survol",
      "Compare data on hover": "Comparer les données au survol",
      "Snapshot succeeded": "Image enregistrée",
      "Sorry, there was a problem downloading your snapshot!": "Désolé, l’image n’a pas pu être enregistrée.",
      "Taking snapshot - this may take a few seconds": "Enregistrement de l’image : quelques secondes",
      "Toggle Spike Lines": "Lignes de repère",
      "Zoom in": "Zoom avant",
      "Zoom out": "Zoom arrière",
      "Zoom": "Zoom"
    },
    format: {
      days: ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
      shortDays: ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
      months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
      shortMonths: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
      date: "%d/%m/%Y",
      decimal: ",",
      thousands: "\u202f"
    }
  };
  var charts = [];

  function isDark() {
    var theme = document.documentElement.dataset.theme;
    if (theme === "dark") return true;
    if (theme === "light") return false;
    return window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  /* A copy of a figure's data or layout with each light colour replaced by its dark twin. */
  function inDark(value, colours) {
    if (typeof value === "string") {
      var swapped = colours[value.toUpperCase()];
      return swapped === undefined ? value : swapped;
    }
    if (Array.isArray(value)) return value.map(function (item) { return inDark(item, colours); });
    if (value && typeof value === "object") {
      var copy = {};
      Object.keys(value).forEach(function (key) { copy[key] = key === "bdata" ? value[key] : inDark(value[key], colours); });
      return copy;
    }
    return value;
  }

  function draw(chart) {
    var spec = chart.spec;
    var dark = isDark();
    var data = dark ? inDark(spec.data, spec.dark) : spec.data;
    var layout = dark ? inDark(spec.layout, spec.dark) : spec.layout;
    var config = Object.assign({ locale: "fr" }, spec.config);
    var render = chart.drawn ? window.Plotly.react : window.Plotly.newPlot;
    chart.drawn = true;
    chart.theme = dark;
    return render(chart.div, JSON.parse(JSON.stringify(data)), JSON.parse(JSON.stringify(layout)), config);
  }

  /* plotly.js, loaded once, after the page's own load: at the reader's first scroll or key, or
     when a figure is already on screen (the page names it in <meta name="chronique-plotly">). */
  var plotlyLoading = null;

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (plotlyLoading) return plotlyLoading;
    var meta = document.querySelector('meta[name="chronique-plotly"]');
    plotlyLoading = new Promise(function (resolve, reject) {
      if (!meta) return reject(new Error("no plotly.js on this page"));
      var script = document.createElement("script");
      script.src = new URL(meta.content, document.baseURI).href;
      script.async = true;
      script.onload = function () {
        window.Plotly.register(FRENCH);
        resolve(window.Plotly);
      };
      script.onerror = function () { reject(new Error("plotly.js could not be loaded from " + script.src)); };
      document.head.appendChild(script);
    });
    return plotlyLoading;
  }

  function show(chart) {
    if (chart.drawn || chart.pending) return;
    chart.pending = true;
    loadPlotly().then(function () {
      chart.pending = false;
      draw(chart);
    }, function (error) {
      console.error("chronique: " + error.message + "; the figures cannot be drawn");
    });
  }

  /* After the page's own load: the text, its styles and fonts come first. */
  function afterLoad(callback) {
    if (document.readyState === "complete") callback();
    else window.addEventListener("load", callback, { once: true });
  }

  function initCharts() {
    var specs = document.querySelectorAll("script.chronique-plotly-spec");
    if (!specs.length) return;
    specs.forEach(function (script) {
      var div = document.getElementById(script.dataset.target);
      if (div) charts.push({ div: div, spec: JSON.parse(script.textContent), drawn: false });
    });
    afterLoad(function () {
      if (!("IntersectionObserver" in window)) return charts.forEach(show);
      // a figure is drawn as soon as any of it is on screen …
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          observer.unobserve(entry.target);
          charts.forEach(function (chart) { if (chart.div === entry.target) show(chart); });
        });
      });
      charts.forEach(function (chart) { observer.observe(chart.div); });
      // … and plotly.js is fetched at the reader's first move, so that it is there by then
      var events = ["scroll", "wheel", "touchstart", "pointerdown", "keydown"];
      var warm = function () {
        events.forEach(function (name) { window.removeEventListener(name, warm); });
        loadPlotly().catch(function () {});
      };
      events.forEach(function (name) { window.addEventListener(name, warm, { passive: true }); });
    });
    new MutationObserver(function () {
      charts.forEach(function (chart) { if (chart.drawn && chart.theme !== isDark()) draw(chart); });
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  }

  /* Fact-checks beside the text: their explanation and documents fold under a button, so that
     the margin stays level with its paragraph; without JavaScript they are simply shown. */
  function initCheckDetails() {
    document.querySelectorAll(".chronique-entry .chronique-check-details").forEach(function (details, index) {
      details.id = details.id || "chronique-check-details-" + index;
      details.hidden = true;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "chronique-details-toggle";
      button.textContent = "Explication et documents";
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", details.id);
      button.addEventListener("click", function () {
        details.hidden = !details.hidden;
        button.setAttribute("aria-expanded", details.hidden ? "false" : "true");
      });
      details.parentNode.insertBefore(button, details);
    });
  }

  function init() {
    initTooltips();
    initApparatus();
    initCheckDetails();
    initCharts();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
