// netvalue in print: a chart drawn wider than the paper is scaled to fit it (Plotly draws at fixed pixel sizes
// and does not redraw for print). Constant code, no user input; installed once per page.
(function () {
  if (window.__netvaluePrint) return;
  window.__netvaluePrint = true;
  var PAPER = 700; // px: A4 less 12 mm margins, at 96 px per inch
  function fit() {
    document.querySelectorAll('[data-testid="stPlotlyChart"]').forEach(function (el) {
      el.style.zoom = "";
      var svg = el.querySelector("svg.main-svg");
      var w = svg ? svg.getBoundingClientRect().width : el.getBoundingClientRect().width;
      if (w > PAPER) el.style.zoom = String(PAPER / w);
      el.dataset.printFit = el.style.zoom || "1";
    });
  }
  function unfit() {
    document.querySelectorAll('[data-testid="stPlotlyChart"]').forEach(function (el) { el.style.zoom = ""; delete el.dataset.printFit; });
  }
  window.addEventListener("beforeprint", fit);
  window.addEventListener("afterprint", unfit);
  var mq = window.matchMedia("print");
  if (mq.addEventListener) mq.addEventListener("change", function (e) { if (e.matches) fit(); else unfit(); });
})();
