// report.html's stylesheet and the script that hands each chart specification to Chart.js and marks what it drew
// (data-charts-drawn on <body>; data-drawn, data-elements and data-ink on each canvas) for headless checks.
#include "sim/report/html_parts.hpp"

namespace irpsim::report::html {

namespace {

constexpr const char* kStyle = R"CSS(
:root { --ink: #1d2430; --muted: #5b6675; --line: #dde3ea; --card: #ffffff; --bg: #f5f7fa; --accent: #1f77b4;
        --bad: #c62828; --good: #2e7d32; --warn: #b26a00; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
       font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 0 24px 48px; }
header { padding: 28px 0 8px; }
.kicker { color: var(--muted); text-transform: uppercase; letter-spacing: .08em; font-size: 12px; }
h1 { margin: 4px 0 8px; font-size: 28px; }
h2 { margin: 36px 0 12px; font-size: 21px; border-bottom: 2px solid var(--line); padding-bottom: 6px; }
h3 { margin: 22px 0 10px; font-size: 16px; }
h3 .sub { color: var(--muted); font-weight: normal; font-size: 13px; margin-left: 6px; }
.description { max-width: 980px; color: #333d4a; }
nav { position: sticky; top: 0; z-index: 5; background: rgba(245,247,250,.95); border-bottom: 1px solid var(--line);
      padding: 8px 0; margin-bottom: 8px; font-size: 13px; }
nav a { color: var(--accent); text-decoration: none; margin-right: 16px; white-space: nowrap; }
.tiles { display: flex; flex-wrap: wrap; gap: 10px; margin: 14px 0; }
.tile { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 130px; }
.tile .value { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
.tile .label { color: var(--muted); font-size: 12px; }
.tile.bad { border-color: #f2b8b5; background: #fff5f5; } .tile.bad .value { color: var(--bad); }
.tile.good .value { color: var(--good); }
.tile.warn { border-color: #f3d9a4; background: #fff8e6; } .tile.warn .value { color: var(--warn); }
table { border-collapse: collapse; background: var(--card); border: 1px solid var(--line); margin: 8px 0 14px;
        font-size: 13px; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { background: #eef2f6; font-weight: 600; white-space: nowrap; }
th.status { font-size: 11px; white-space: normal; max-width: 160px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.bad { color: var(--bad); font-weight: 600; }
tr.total td { font-weight: 600; background: #f8fafc; }
table.kv th { width: 200px; background: #f8fafc; font-weight: 500; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
.note { color: var(--muted); font-style: italic; }
.legend { color: var(--muted); font-size: 12.5px; max-width: 980px; }
.alert { color: var(--bad); background: #fff5f5; border: 1px solid #f2b8b5; border-radius: 6px; padding: 8px 12px; }
.warn { color: var(--warn); background: #fff8e6; border: 1px solid #f3d9a4; border-radius: 6px; padding: 8px 12px; }
.chart { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px 8px; margin: 10px 0; }
.chart .canvas-box { position: relative; width: 100%; }
.chart figcaption { color: var(--muted); font-size: 12.5px; margin-top: 6px; }
.grid2 { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0 14px; }
.stacks { display: flex; flex-wrap: wrap; gap: 22px; align-items: flex-start; }
.stack { flex: 1 1 380px; max-width: 720px; }
.stack h3 { margin-top: 6px; }
.box { background: var(--card); border: 1px solid var(--line); border-left: 5px solid #90a4ae; border-radius: 8px;
       padding: 9px 12px; font-size: 13px; }
.box-head { display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap; }
.box .name { font-weight: 700; font-size: 15px; }
.badge { font-size: 11px; text-transform: uppercase; letter-spacing: .05em; padding: 1px 7px; border-radius: 10px;
         background: #eceff1; color: #37474f; }
.host { color: var(--muted); font-size: 12px; }
.box.role-filter { border-left-color: #8e7cc3; } .box.role-filter .badge { background: #ede7f6; color: #4527a0; }
.box.role-function { border-left-color: #1f77b4; } .box.role-function .badge { background: #e3f2fd; color: #0d47a1; }
.box.role-bus { border-left-color: #00897b; } .box.role-bus .badge { background: #e0f2f1; color: #004d40; }
.box.device { border-left-color: #2ca02c; background: #f4fbf4; } .box.device .badge { background: #e8f5e9; color: #1b5e20; }
.box.issuer { border-left-color: #f2a900; background: #fffbf0; }
.box.issuer hr { border: 0; border-top: 1px dashed var(--line); margin: 6px 0; }
.mix { color: var(--muted); font-size: 12px; }
.queues { color: var(--muted); font-size: 12px; margin-top: 3px; }
.policies { margin: 5px 0 2px; padding-left: 18px; }
.policies li { margin: 1px 0; }
.action { color: var(--accent); font-weight: 600; }
.mistake { color: var(--bad); font-weight: 600; }
.figures { margin-top: 6px; padding-top: 5px; border-top: 1px dashed var(--line); font-size: 12.5px;
           font-variant-numeric: tabular-nums; }
.remote { margin-top: 6px; padding: 4px 8px; border: 1px dashed #8e7cc3; border-radius: 6px; background: #faf8fe;
          font-size: 12.5px; }
.link { text-align: center; color: var(--muted); font-size: 12.5px; padding: 4px 0; }
.link.target { color: #4527a0; }
pre.json { background: #0f1720; color: #e4e9f0; padding: 14px; border-radius: 8px; overflow: auto; max-height: 640px;
           font-size: 12.5px; line-height: 1.4; }
details summary { cursor: pointer; color: var(--accent); margin-bottom: 6px; }
code { font-size: 12.5px; }
footer { color: var(--muted); font-size: 12px; margin-top: 40px; border-top: 1px solid var(--line); padding-top: 10px; }
@media (max-width: 900px) { .grid2 { grid-template-columns: minmax(0, 1fr); } }
@media print { nav { display: none; } body { background: #fff; } .chart, .box, table { break-inside: avoid; } }
)CSS";

constexpr const char* kScript = R"JS(
(function () {
  'use strict';
  var specs = JSON.parse(document.getElementById('irpsim-charts').textContent);
  var MICRO = '\u00b5';

  function sig3(v) {
    var a = Math.abs(v);
    if (a >= 99.95 || v === Math.floor(v)) return v.toFixed(0);
    if (a >= 9.995) return v.toFixed(1);
    return v.toFixed(2);
  }
  function fmtNs(ns) {
    var a = Math.abs(ns);
    if (a < 1e3) return sig3(ns) + ' ns';
    if (a < 999.5e3) return sig3(ns / 1e3) + ' ' + MICRO + 's';
    if (a < 999.5e6) return sig3(ns / 1e6) + ' ms';
    return sig3(ns / 1e9) + ' s';
  }
  function fmtCount(v) {
    var a = Math.abs(v), units = ['', 'k', 'M', 'G', 'T'], i = 0;
    while (a >= 999.5 && i < units.length - 1) { v /= 1000; a /= 1000; i++; }
    return sig3(v) + units[i];
  }
  function fmtBytes(v) {
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'], i = 0;
    while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return (i === 0 ? v.toFixed(0) : v.toFixed(1)) + ' ' + units[i];
  }
  function formatter(unit) {
    if (unit === 'ns') return fmtNs;
    if (unit === 'percent') return function (v) { return sig3(v) + '%'; };
    if (unit === 'per_s') return function (v) { return fmtCount(v) + '/s'; };
    if (unit === 'bytes_per_s') return function (v) { return fmtBytes(v) + '/s'; };
    return fmtCount;
  }
  // On a log axis, label only 1, 2 and 5 times a power of ten.
  function logTick(v) {
    var m = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
    return (Math.abs(m - 1) < 1e-6 || Math.abs(m - 2) < 1e-6 || Math.abs(m - 5) < 1e-6) ? fmtNs(v) : '';
  }
  function withAlpha(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16 & 255) + ',' + (n >> 8 & 255) + ',' + (n & 255) + ',' + alpha + ')';
  }
  // Dashed vertical lines with labels at the percentile markers.
  function markerPlugin(markers) {
    return {
      id: 'irpsimMarkers',
      afterDatasetsDraw: function (chart) {
        var x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx;
        ctx.save();
        ctx.font = '11px system-ui, sans-serif';
        markers.forEach(function (m, i) {
          var px = x.getPixelForValue(m.value);
          if (!(px >= area.left && px <= area.right)) return;
          ctx.strokeStyle = 'rgba(40,40,40,0.75)';
          ctx.lineWidth = 1;
          ctx.setLineDash([4, 3]);
          ctx.beginPath(); ctx.moveTo(px, area.top); ctx.lineTo(px, area.bottom); ctx.stroke();
          ctx.setLineDash([]);
          var label = m.label + ' ' + fmtNs(m.ns === undefined ? m.value : m.ns);
          var right = px > area.right - ctx.measureText(label).width - 8;
          ctx.textAlign = right ? 'right' : 'left';
          ctx.fillStyle = 'rgba(20,20,20,0.9)';
          ctx.fillText(label, px + (right ? -4 : 4), area.top + 12 + 13 * i);
        });
        ctx.restore();
      }
    };
  }
  function points(list) {
    return list.map(function (p) { return { x: p[0], y: p[1] }; });
  }
  function latencyChart(spec) {
    var cdf = spec.kind === 'cdf';
    var x = spec.x || {};
    return {
      type: 'line',
      data: {
        datasets: spec.datasets.map(function (d) {
          return {
            label: d.label, data: points(d.points), borderColor: d.color, borderWidth: cdf ? 2 : 1.5,
            backgroundColor: withAlpha(d.color, 0.28), fill: cdf ? false : 'origin', stepped: cdf ? false : 'after',
            pointRadius: 0, pointHitRadius: 4, borderDash: d.dashed ? [6, 4] : undefined, tension: 0
          };
        })
      },
      options: {
        parsing: false, normalized: true,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: { type: 'logarithmic', min: x.min, max: x.max, title: { display: true, text: 'latency (log scale)' },
               ticks: { callback: logTick, autoSkip: false, maxRotation: 0 } },
          y: { min: 0, max: cdf ? 100 : undefined, beginAtZero: true,
               title: { display: true, text: cdf ? '% completed within' : '% of requests' },
               ticks: { callback: function (v) { return v + '%'; } } }
        },
        plugins: {
          legend: { display: spec.datasets.length > 1 },
          tooltip: { callbacks: {
            title: function (items) { return items.length ? fmtNs(items[0].parsed.x) : ''; },
            label: function (item) { return item.dataset.label + ': ' + item.parsed.y.toFixed(2) + '%'; } } }
        }
      },
      plugins: [markerPlugin(spec.markers || [])]
    };
  }
  function barChart(spec) {
    var f = formatter(spec.unit);
    return {
      type: 'bar',
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (d) {
          return { label: d.label, data: d.data, backgroundColor: d.color, borderColor: d.color, borderWidth: 0,
                   stack: 'layers', maxBarThickness: 26 };
        })
      },
      options: {
        indexAxis: 'y',
        scales: {
          x: { stacked: true, beginAtZero: true, suggestedMax: spec.unit === 'percent' ? 100 : undefined,
               title: { display: true, text: spec.x_title ||
                        (spec.unit === 'percent' ? 'share of end-to-end latency' : 'mean time per request') },
               ticks: { callback: function (v) { return f(v); } } },
          y: { stacked: true }
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: function (item) {
            return item.dataset.label + ': ' + (item.raw === null ? '-' : f(item.raw)); } } }
        }
      }
    };
  }
  function seriesChart(spec) {
    var scales = {
      x: { type: 'linear', min: spec.x && spec.x.min, max: spec.x && spec.x.max,
           title: { display: true, text: 'simulated time' },
           ticks: { callback: function (v) { return fmtNs(v); }, maxRotation: 0 } }
    };
    ['y', 'y1'].forEach(function (axis) {
      if (!spec[axis] || !spec.datasets.some(function (d) { return d.axis === axis; })) return;
      var f = formatter(spec[axis].unit);
      scales[axis] = { type: 'linear', position: axis === 'y' ? 'left' : 'right', beginAtZero: true, grace: '5%',
                       title: { display: true, text: spec[axis].title },
                       grid: { drawOnChartArea: axis === 'y' }, ticks: { callback: function (v) { return f(v); } } };
    });
    return {
      type: 'line',
      data: {
        datasets: spec.datasets.map(function (d) {
          return { label: d.label, data: points(d.points), yAxisID: d.axis, borderColor: d.color,
                   backgroundColor: withAlpha(d.color, 0.2), borderWidth: 1.8, pointRadius: d.points.length > 60 ? 0 : 2,
                   pointHitRadius: 4, spanGaps: false, tension: 0 };
        })
      },
      options: {
        parsing: false, normalized: true,
        interaction: { mode: 'index', intersect: false },
        scales: scales,
        plugins: {
          legend: { display: spec.datasets.length > 1, position: 'bottom' },
          tooltip: { callbacks: {
            title: function (items) { return items.length ? 'at ' + fmtNs(items[0].parsed.x) : ''; },
            label: function (item) {
              var axis = item.dataset.yAxisID;
              return item.dataset.label + ': ' + formatter(spec[axis].unit)(item.parsed.y); } } }
        }
      }
    };
  }
  // Pixels painted in a saturated colour: the datasets' ink (axes, grid and text are grey).
  function dataInk(canvas) {
    try {
      var ctx = canvas.getContext('2d'), w = canvas.width, h = canvas.height;
      var img = ctx.getImageData(0, 0, w, h).data, n = 0;
      for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++) {
          var i = (y * w + x) * 4, r = img[i], g = img[i + 1], b = img[i + 2];
          if (img[i + 3] > 100 && Math.max(r, g, b) - Math.min(r, g, b) > 60) n++;
        }
      return n;
    } catch (e) {
      return -1;
    }
  }

  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
  Chart.defaults.color = '#4a5563';
  Chart.defaults.plugins.title.display = true;
  Chart.defaults.plugins.title.align = 'start';

  var drawn = 0;
  specs.forEach(function (spec) {
    var canvas = document.getElementById(spec.id);
    if (!canvas) return;
    try {
      var config = spec.kind === 'bars' ? barChart(spec) : spec.kind === 'series' ? seriesChart(spec) : latencyChart(spec);
      config.options.plugins.title = { text: spec.title };
      var chart = new Chart(canvas, config);
      chart.draw();
      var elements = 0;
      chart.getSortedVisibleDatasetMetas().forEach(function (meta) {
        meta.data.forEach(function (el) { if (!el.skip) elements++; });
      });
      canvas.dataset.drawn = 'true';
      canvas.dataset.elements = String(elements);
      canvas.dataset.ink = String(dataInk(canvas));
      if (elements > 0) drawn++;
    } catch (e) {
      canvas.dataset.drawn = 'false';
      canvas.dataset.error = String(e && e.message || e);
      var p = document.createElement('p');
      p.className = 'alert';
      p.textContent = 'This chart could not be drawn: ' + canvas.dataset.error;
      canvas.parentNode.appendChild(p);
    }
  });
  document.body.dataset.chartsDrawn = String(drawn);
})();
)JS";

}  // namespace

std::string_view page_style() { return kStyle; }
std::string_view page_script() { return kScript; }

}  // namespace irpsim::report::html
