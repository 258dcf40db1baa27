/* Draws every chart on a page with Chart.js (vendored): each <figure class="chart"> holds a
 * <canvas> and a <script type="application/json"> with its spec (core/charts.py). Runs on load
 * and after every htmx swap, so a polled fragment gets its chart too. Colours come from CSS
 * custom properties so print and dark themes can change them; animations are off so print
 * and screenshots show the finished chart. */
(function () {
  "use strict";
  var PALETTE = ["--chart-1", "--chart-2", "--chart-3", "--chart-4", "--chart-5"];

  function colour(index) {
    var style = getComputedStyle(document.documentElement);
    var value = style.getPropertyValue(PALETTE[index % PALETTE.length]).trim();
    return value || "#2b6cb0";
  }

  function config(spec) {
    var horizontal = spec.kind === "hbar";
    var type = spec.kind === "line" ? "line" : "bar";
    var stacked = spec.kind === "stacked";
    var valueAxis = {
      beginAtZero: true, stacked: stacked,
      title: { display: Boolean(spec.unit), text: spec.unit },
      ticks: { precision: 0 }
    };
    var labelAxis = { stacked: stacked, ticks: { autoSkip: true, maxRotation: 0 } };
    return {
      type: type,
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (series, i) {
          return {
            label: series.name, data: series.values, spanGaps: false,
            backgroundColor: colour(i), borderColor: colour(i), borderWidth: type === "line" ? 2 : 0
          };
        })
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: spec.series.length > 1, position: "bottom" } },
        scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis }
      }
    };
  }

  function draw(root) {
    if (typeof Chart === "undefined") { return; }
    root.querySelectorAll("figure.chart canvas[data-spec]").forEach(function (canvas) {
      if (canvas.dataset.drawn) { return; }
      var source = document.getElementById(canvas.dataset.spec);
      if (!source) { return; }
      canvas.dataset.drawn = "1";
      canvas.chart = new Chart(canvas, config(JSON.parse(source.textContent)));
    });
  }

  // Print lays the page out at another width: redraw each chart at its printed size.
  function resizeAll() {
    document.querySelectorAll("figure.chart canvas[data-drawn]").forEach(function (canvas) {
      if (canvas.chart) { canvas.chart.resize(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:load", function (event) { draw(event.target); });
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);
})();
