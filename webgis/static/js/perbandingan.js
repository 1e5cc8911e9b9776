/* Perbandingan kabupaten: one small horizontal bar chart per figure (Chart.js, served locally). */
(function () {
  "use strict";
  var node = document.getElementById("data-grafik");
  if (!node || !window.Chart) { return; }
  var locale = window.SasaranFormat.locale;   // the one number format of the page
  JSON.parse(node.textContent).forEach(function (chart) {
    var canvas = document.getElementById("grafik-" + chart.id);
    if (!canvas) { return; }
    new window.Chart(canvas, {
      type: "bar",
      data: {labels: chart.labels, datasets: [{label: chart.title, data: chart.values, backgroundColor: "#3182bd"}]},
      options: {locale: locale, animation: false, indexAxis: "y", responsive: true,
                plugins: {legend: {display: false}}, scales: {x: {beginAtZero: true}}}
    });
  });
  document.body.setAttribute("data-charts-ready", "1");
})();
