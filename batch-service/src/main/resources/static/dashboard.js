// The explanations dashboard: picks a run, shows its headline, global importance and beeswarm, ROC curve, score
// histogram and calibration, its fairness (bias metrics by facet of the protected attributes, outcome rates and
// explanations by group: aggregates from the summary), a dependence plot, pages of applicants under a filter, and one
// applicant's explanation.
// Everything comes from the runs API (/api/runs/...) - or, in a run's export (one HTML file, RunExport), from the
// snapshot of the API's answers embedded in the page, so that the export shows exactly what the dashboard shows.
// Applicants' values stay in the page: they never go into the page's address and are never logged; protected groups
// are offered as a filter only.
'use strict';

const RISK = '#c0392b';
const SAFE = '#1e8449';
const ENDPOINT = '#486581';
const ACCENT = '#1d4ed8';
const GREY = '#bcccdc';
const PAGE_SIZE = 25;
const WATERFALL_TOP = 10;
const DEPENDENCE_POINTS = 1000;
const BEESWARM_POINTS = 1000;
const BEESWARM_MAX_FEATURES = 20; // the API's cap (RunIndex.MAX_BEESWARM_FEATURES)
const PROTECTED_TITLES = {
  age_band: 'Age band', personal__gender: 'Gender', personal__relationship_status: 'Relationship status',
};

const state = { run: null, summary: null, titles: {}, filter: '', sort: 'score_desc', page: 0, seed: 0, charts: {} };

const $ = (id) => document.getElementById(id);
const percent = (p, digits = 1) => (100 * p).toFixed(digits) + '%';
const number = (v, digits = 3) => Number(v).toFixed(digits);
const signed = (v) => (v >= 0 ? '+' : '\u2212') + Math.abs(v).toFixed(3);
const title = (feature) => state.titles[feature] || feature;
const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');

// The snapshot of an export: {format_version, run, applicants: {exported, total, sort, page_size, row_ids}, answers:
// {path: answer}}; null when the page is served by the dashboard.
const EXPORT = (() => {
  const element = document.getElementById('dashboard-export');
  return element ? JSON.parse(element.textContent) : null;
})();

// ---- the API --------------------------------------------------------------------------------------------------

/** An API error: the problem detail's text (RFC 9457), or what went wrong on the way. */
class Problem extends Error {}

async function api(path) {
  if (EXPORT) {
    if (!Object.prototype.hasOwnProperty.call(EXPORT.answers, path)) {
      throw new Problem('Not in this export: ' + exportHolds());
    }
    return EXPORT.answers[path];
  }
  let response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json, application/problem+json' } });
  } catch (e) {
    throw new Problem('The dashboard service cannot be reached (' + e.message + ').');
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Problem((body && (body.detail || body.title)) || 'The service answered ' + response.status + '.');
  }
  return body;
}

const runPath = (suffix) => 'api/runs/' + encodeURIComponent(state.run) + suffix;
const query = (params) => new URLSearchParams(params).toString();

// ---- an export ------------------------------------------------------------------------------------------------

/** What an export holds, in words, and where the rest is. */
function exportHolds() {
  const a = EXPORT.applicants;
  return 'this file is an export of run ' + EXPORT.run + ': the figures and charts of all '
    + a.total.toLocaleString('en') + ' applicants, and the ' + a.exported.toLocaleString('en') + ' highest-risk'
    + ' applicants (by score) with their explanations. Filters, other sorts and other row ids need the dashboard'
    + ' service (batch serve), which has every applicant.';
}

// The controls whose answers an export does not hold are disabled, and a note says why; the links to the service's
// routes (the API, the export itself, an applicant's printable page and PDF) are hidden.
function enterExportMode() {
  document.body.dataset.export = 'true';
  document.title = 'Run ' + EXPORT.run + ' \u2014 batch explanations (export)';
  $('subtitle').textContent = 'An export of run ' + EXPORT.run + ': the dashboard\u2019s views in one file that needs'
    + ' no server';
  const holds = exportHolds();
  $('export-note').textContent = holds.charAt(0).toUpperCase() + holds.slice(1)
    + ' Random applicant draws among the exported ones.';
  $('export-note').hidden = false;
  for (const element of $('filters').querySelectorAll('input, select, button[type=submit]')) {
    element.disabled = true;
    element.title = 'Not in this export: the dashboard service has every applicant';
  }
  $('search-row').placeholder = 'an exported row id';
  for (const id of ['api-link', 'export-link', 'applicant-downloads']) {
    $(id).hidden = true;
  }
}

// A seeded pick among the exported applicants: the same seed, the same applicant (the service draws among all).
function exportedPick(seed) {
  const rows = EXPORT.applicants.row_ids;
  let h = (seed * 2654435761) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 2246822507) >>> 0;
  return rows[h % rows.length];
}

// ---- small helpers --------------------------------------------------------------------------------------------

function showError(id, error) {
  const box = $(id);
  box.textContent = error.message;
  box.hidden = false;
}

function clearError(id) {
  $(id).hidden = true;
  $(id).textContent = '';
}

function chart(id) {
  if (!state.charts[id]) {
    state.charts[id] = echarts.init($(id));
  }
  return state.charts[id];
}

function option(select, value, text) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = text;
  select.appendChild(element);
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  return td;
}

// ---- runs and the overview ------------------------------------------------------------------------------------

async function loadRuns() {
  const runs = await api('api/runs');
  const select = $('run-select');
  select.textContent = '';
  runs.forEach((run) => option(select, run.id, run.id + (run.indexed ? '' : ' (indexed on opening)')));
  if (runs.length === 0) {
    throw new Problem('No run is configured: start the service with --run id=output-folder[,labels-folder].');
  }
  await openRun(runs[0].id);
}

async function openRun(id) {
  clearError('run-error');
  state.run = id;
  state.filter = '';
  $('filters').reset();
  $('applicant').hidden = true;
  $('export-link').href = runPath('/export.html');
  state.summary = await api(runPath('/summary'));
  state.titles = Object.fromEntries(state.summary.importance.map((item) => [item.feature, item.title]));
  renderHeadline(state.summary);
  renderImportance();
  renderRoc(state.summary);
  renderHistogram(state.summary);
  renderCalibration(state.summary);
  renderFairness(state.summary);
  fillFeatureControls(state.summary);
  renderPartialDependence();
  fillProtectedGroups(state.summary);
  document.body.dataset.run = id;
  await Promise.all([loadDependence(), loadApplicants(0), loadBeeswarm()]);
  document.body.dataset.loaded = id;
}

function renderHeadline(summary) {
  $('run-id').textContent = summary.id;
  $('fig-records').textContent = summary.records.toLocaleString('en');
  $('fig-labelled').textContent = summary.labelled.toLocaleString('en');
  const defaulted = summary.score_histogram.default.reduce((a, n) => a + n, 0);
  $('fig-default-rate').textContent = summary.labelled > 0 ? percent(defaulted / summary.labelled) : '\u2014';
  $('fig-default-rate').title = summary.labelled > 0 ? 'of the labelled applicants' : 'the run has no labels';
  // Indexes before format 3 have no mean prediction.
  $('fig-mean').textContent = summary.mean_prediction === undefined ? '\u2014' : percent(summary.mean_prediction);
  $('fig-auc').textContent = summary.auc === null ? '\u2014' : number(summary.auc);
  $('fig-auc').title = summary.auc_note || '';
  $('fig-errors').textContent = summary.error_lines.toLocaleString('en');
  $('fig-method').textContent = methodText(summary);
  $('fig-method').title = methodTitle(summary);
}

/** The number of features the importance bar and the beeswarm show: 5, 10 or all of the run's. */
function featuresShown() {
  const all = state.summary.importance.length;
  const chosen = $('features-shown').value;
  return chosen === 'all' ? all : Math.min(Number(chosen), all);
}

// Both charts of the features shown grow with their number, one row of about 32 px each.
function sizeFeatureCharts(features) {
  for (const id of ['chart-importance', 'chart-beeswarm']) {
    $(id).style.height = Math.max(260, 60 + 32 * features) + 'px';
    if (state.charts[id]) {
      state.charts[id].resize();
    }
  }
}

function renderImportance() {
  const items = state.summary.importance.slice(0, featuresShown());
  sizeFeatureCharts(items.length);
  chart('chart-importance').setOption({
    animation: false,
    grid: { left: 8, right: 110, top: 10, bottom: 34, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const item = items[p.dataIndex];
        return '<b>' + escapeHtml(item.title) + '</b> (' + escapeHtml(item.feature) + ')<br/>mean |\u03c6| '
          + number(item.mean_abs_phi) + ', mean \u03c6 ' + signed(item.mean_phi) + '<br/>a reason for '
          + percent(item.reason_share) + ' of the applicants';
      },
    },
    xAxis: {
      type: 'value', name: 'mean |SHAP value| (log-odds)', nameLocation: 'middle', nameGap: 24,
      nameTextStyle: { color: '#616e7c', fontSize: 11 }, splitLine: { lineStyle: { color: '#eef2f6' } },
    },
    yAxis: {
      type: 'category', inverse: true, data: items.map((item) => item.title), axisTick: { show: false },
      axisLabel: { color: '#1f2933', fontSize: 12, width: 190, overflow: 'truncate' },
    },
    series: [{
      type: 'bar', name: 'mean |\u03c6|', barWidth: '62%', itemStyle: { color: ACCENT },
      data: items.map((item) => item.mean_abs_phi),
      label: {
        show: true, position: 'right', fontSize: 11, color: '#334e68',
        formatter: (p) => 'reason ' + percent(items[p.dataIndex].reason_share, 0),
      },
    }],
  }, true);
}

function categoricalFeatures(summary) {
  const sketches = summary.sketches.features;
  return summary.importance.map((item) => item.feature).filter((f) => sketches[f] && sketches[f].value_counts);
}

function fillFeatureControls(summary) {
  for (const id of ['dependence-feature', 'filter-reason', 'filter-category-feature']) {
    const select = $(id);
    const keep = id === 'dependence-feature' ? 0 : 1; // the filters keep their "any" option
    while (select.options.length > keep) {
      select.remove(keep);
    }
  }
  for (const item of summary.importance) {
    option($('dependence-feature'), item.feature, item.title);
    option($('filter-reason'), item.feature, item.title);
  }
  categoricalFeatures(summary).forEach((f) => option($('filter-category-feature'), f, title(f)));
  fillCategoryValues();
}

// The protected groups, a filter only: the run's groups with their counts, never an applicant's group.
function fillProtectedGroups(summary) {
  const select = $('filter-protected');
  select.textContent = '';
  option(select, '', 'any');
  $('filter-protected-label').hidden = !summary.protected;
  if (!summary.protected) {
    return;
  }
  for (const attribute of summary.protected.attributes) {
    const group = document.createElement('optgroup');
    group.label = PROTECTED_TITLES[attribute.attribute] || attribute.attribute;
    attribute.groups.forEach((g) => option(group, 'protected.' + attribute.attribute + '=' + g.group,
      g.group + ' (' + g.count.toLocaleString('en') + ')'));
    select.appendChild(group);
  }
}

function fillCategoryValues() {
  const feature = $('filter-category-feature').value;
  const select = $('filter-category-value');
  select.textContent = '';
  select.disabled = !feature;
  if (feature) {
    const counts = state.summary.sketches.features[feature].value_counts;
    Object.entries(counts).forEach(([category, n]) => option(select, category, category + ' (' + n + ')'));
  }
}

// ---- the beeswarm ---------------------------------------------------------------------------------------------

async function loadBeeswarm() {
  clearError('beeswarm-error');
  try {
    const features = Math.min(featuresShown(), BEESWARM_MAX_FEATURES);
    renderBeeswarm(await api(runPath('/beeswarm?' + query({ features, points: BEESWARM_POINTS }))));
  } catch (e) {
    showError('beeswarm-error', e);
  }
}

// A swarm's vertical offsets (in rows) for one feature's SHAP values: the values in one of 80 bins of the shared
// x range stack up and down from the row's centre in their sample order, so the layout is the same every time.
function swarmOffsets(phis, min, max) {
  const width = (max - min) / 80 || 1;
  const taken = new Map();
  const slots = phis.map((phi) => {
    const bin = Math.floor((phi - min) / width);
    const slot = taken.get(bin) || 0;
    taken.set(bin, slot + 1);
    return slot;
  });
  const crowd = Math.max(1, ...taken.values());
  const step = Math.min(0.06, 0.4 / Math.ceil(crowd / 2));
  return slots.map((slot) => (slot % 2 === 1 ? -1 : 1) * Math.ceil(slot / 2) * step);
}

// Points as [φ, row + offset, position (-1: no value), row, value].
function beeswarmPoints(features) {
  const finite = features.flatMap((f) => f.phi.map(Number)).filter(Number.isFinite);
  const min = finite.reduce((a, v) => Math.min(a, v), Infinity);
  const max = finite.reduce((a, v) => Math.max(a, v), -Infinity);
  const points = [];
  features.forEach((f, row) => {
    const phis = f.phi.map(Number);
    const offsets = swarmOffsets(phis.map((phi) => (Number.isFinite(phi) ? phi : min)), min, max);
    phis.forEach((phi, i) => {
      const position = Number(f.position[i]);
      if (Number.isFinite(phi)) {
        points.push([phi, row + offsets[i], Number.isFinite(position) ? position : -1, row, Number(f.values[i])]);
      }
    });
  });
  return points;
}

function renderBeeswarm(b) {
  const features = b.features;
  const points = beeswarmPoints(features);
  const valueText = (f, v) => {
    if (!Number.isFinite(v)) {
      return 'no value';
    }
    return f.categories.length > 0 ? f.categories[v] : String(v);
  };
  chart('chart-beeswarm').setOption({
    animation: false,
    grid: { left: 8, right: 64, top: 10, bottom: 34, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const f = features[p.value[3]];
        return '<b>' + escapeHtml(title(f.feature)) + '</b>: ' + escapeHtml(valueText(f, p.value[4]))
          + '<br/>SHAP value ' + signed(p.value[0])
          + (p.value[2] >= 0 ? '<br/>position in its distribution ' + percent(p.value[2], 0) : '');
      },
    },
    xAxis: {
      type: 'value', name: 'SHAP value (log-odds)', nameLocation: 'middle', nameGap: 24, axisLine: { onZero: false },
      nameTextStyle: { color: '#616e7c', fontSize: 11 }, splitLine: { lineStyle: { color: '#eef2f6' } },
    },
    // Rows i at values i of a hidden value axis from -0.5, whose bands a category axis of the titles labels.
    yAxis: [
      { type: 'value', inverse: true, min: -0.5, max: features.length - 0.5, show: false },
      {
        type: 'category', inverse: true, position: 'left', data: features.map((f) => title(f.feature)),
        axisTick: { show: false }, axisLine: { show: false },
        axisLabel: { color: '#1f2933', fontSize: 12, width: 190, overflow: 'truncate' },
      },
    ],
    visualMap: [{
      type: 'continuous', dimension: 2, min: 0, max: 1, right: 0, top: 'middle', itemHeight: 140,
      text: ['high', 'low'], textStyle: { fontSize: 11 }, calculable: false,
      inRange: { color: [ACCENT, '#9b59b6', RISK] }, outOfRange: { color: GREY },
    }],
    series: [{
      type: 'scatter', symbolSize: 4, data: points, yAxisIndex: 0,
      markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: '#9fb3c8', type: 'dashed' },
        data: [{ xAxis: 0 }] },
    }],
  }, true);
  $('chart-beeswarm').dataset.features = String(features.length);
  $('beeswarm-caption').textContent = 'Each dot is one of ' + b.rows.length.toLocaleString('en') + ' applicants (of '
    + b.population.toLocaleString('en') + '), drawn with seed ' + b.seed + ' in proportion to the score deciles; the'
    + ' same applicants in every row. Colour: the value\u2019s position in the feature\u2019s distribution, low (blue)'
    + ' to high (red); a categorical feature\u2019s colour is its category\u2019s mid-rank in the run\u2019s counts,'
    + ' categories in the schema\u2019s order, which tells categories apart but is no magnitude. Grey: no value.';
}

// ---- ROC curve and score histogram ----------------------------------------------------------------------------

function renderRoc(summary) {
  const roc = summary.roc || [];
  chart('chart-roc').setOption({
    animation: false,
    grid: { left: 30, right: 24, top: 16, bottom: 34, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (params) => 'false positive rate ' + number(params[0].value[0]) + '<br/>true positive rate '
        + number(params[0].value[1]),
    },
    xAxis: {
      type: 'value', min: 0, max: 1, name: 'false positive rate', nameLocation: 'middle', nameGap: 24,
      nameTextStyle: { color: '#616e7c', fontSize: 11 }, splitLine: { lineStyle: { color: '#eef2f6' } },
    },
    yAxis: {
      type: 'value', min: 0, max: 1, name: 'true positive rate', nameLocation: 'middle', nameGap: 30,
      nameTextStyle: { color: '#616e7c', fontSize: 11 }, splitLine: { lineStyle: { color: '#eef2f6' } },
    },
    series: roc.length === 0 ? [] : [
      { type: 'line', name: 'ROC', data: roc, showSymbol: false, lineStyle: { color: ACCENT, width: 2 },
        areaStyle: { color: 'rgba(29, 78, 216, 0.08)' } },
      { type: 'line', name: 'chance', data: [[0, 0], [1, 1]], showSymbol: false, silent: true,
        lineStyle: { color: GREY, type: 'dashed' } },
    ],
    graphic: roc.length > 0 ? [] : [{
      type: 'text', left: 'center', top: 'middle',
      style: { text: 'No ROC curve: the run needs labels of both classes', fill: '#616e7c', fontSize: 13 },
    }],
  }, true);
  $('chart-roc').dataset.points = String(roc.length);
  $('roc-caption').textContent = roc.length === 0
    ? (summary.auc_note || 'No labels.') + ' Serve the run with its labels folder to see it.'
    : 'AUC ' + number(summary.auc) + ' over the ' + summary.labelled.toLocaleString('en') + ' labelled applicants'
      + ' (rank-based, ties averaged): the probability that a defaulter scores above a repayer. The curve is drawn'
      + ' through ' + roc.length + ' of its points; dashed: chance.';
}

function renderHistogram(summary) {
  const h = summary.score_histogram;
  const width = 1 / h.bins;
  const edges = h.all.map((_, i) => (i * width).toFixed(2));
  const unlabelled = h.all.map((n, i) => n - h.default[i] - h.no_default[i]);
  const series = [];
  const bars = (name, data, color) => series.push({ type: 'bar', name, stack: 'scores', data, itemStyle: { color } });
  if (summary.labelled > 0) {
    bars('defaulted', h.default, RISK);
    bars('repaid', h.no_default, SAFE);
  }
  if (unlabelled.some((n) => n > 0)) {
    bars(summary.labelled > 0 ? 'unlabelled' : 'all applicants', unlabelled, summary.labelled > 0 ? GREY : ACCENT);
  }
  chart('chart-histogram').setOption({
    animation: false,
    grid: { left: 8, right: 24, top: 34, bottom: 34, containLabel: true },
    legend: { top: 0, textStyle: { fontSize: 11 } },
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (params) => 'probability ' + edges[params[0].dataIndex] + '\u2013'
        + (Number(edges[params[0].dataIndex]) + width).toFixed(2) + '<br/>'
        + params.map((p) => escapeHtml(p.seriesName) + ': ' + p.value).join('<br/>'),
    },
    xAxis: {
      type: 'category', data: edges, name: 'probability of default', nameLocation: 'middle', nameGap: 24,
      nameTextStyle: { color: '#616e7c', fontSize: 11 }, axisLabel: { interval: 4, fontSize: 11 },
    },
    yAxis: {
      type: 'value', minInterval: 1, name: 'applicants', nameTextStyle: { align: 'left', color: '#616e7c' },
      splitLine: { lineStyle: { color: '#eef2f6' } },
    },
    series,
  }, true);
  $('chart-histogram').dataset.series = series.map((item) => item.name).join(',');
  $('histogram-caption').textContent = 'Every applicant\u2019s probability of default in ' + h.bins + ' bins of '
    + width.toFixed(2) + (summary.labelled > 0 ? ', stacked by label' : '') + '; exact counts from the index.';
}

// The reliability diagram: each bin's observed default rate against its mean prediction, its applicants behind.
function renderCalibration(summary) {
  const calibration = summary.calibration || null;
  const bins = calibration ? calibration.bins.filter((b) => b.count > 0) : [];
  chart('chart-calibration').setOption({
    animation: false,
    grid: { left: 30, right: 40, top: 34, bottom: 34, containLabel: true },
    legend: { top: 0, textStyle: { fontSize: 11 }, data: calibration ? ['model', 'applicants'] : [] },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const b = bins[p.dataIndex];
        return b ? 'probability ' + number(b.lower, 1) + '\u2013' + number(b.upper, 1) + ': ' + b.count
          + ' labelled<br/>mean prediction ' + number(b.mean_predicted) + '<br/>observed default rate '
          + number(b.observed_rate) : '';
      },
    },
    xAxis: {
      type: 'value', min: 0, max: 1, name: 'mean predicted probability', nameLocation: 'middle', nameGap: 24,
      nameTextStyle: { color: '#616e7c', fontSize: 11 }, splitLine: { lineStyle: { color: '#eef2f6' } },
    },
    yAxis: [
      { type: 'value', min: 0, max: 1, name: 'observed default rate', nameLocation: 'middle', nameGap: 30,
        nameTextStyle: { color: '#616e7c', fontSize: 11 }, splitLine: { lineStyle: { color: '#eef2f6' } } },
      { type: 'value', minInterval: 1, position: 'right', splitLine: { show: false },
        axisLabel: { fontSize: 10, color: '#9fb3c8' } },
    ],
    series: !calibration ? [] : [
      { type: 'bar', name: 'applicants', yAxisIndex: 1, barWidth: '30%', itemStyle: { color: 'rgba(188, 204, 220, 0.5)' },
        data: bins.map((b) => [(b.lower + b.upper) / 2, b.count]) },
      { type: 'line', name: 'model', data: bins.map((b) => [b.mean_predicted, b.observed_rate]), symbolSize: 7,
        lineStyle: { color: ACCENT, width: 2 }, itemStyle: { color: ACCENT } },
      { type: 'line', name: 'perfect', data: [[0, 0], [1, 1]], showSymbol: false, silent: true,
        lineStyle: { color: GREY, type: 'dashed' }, tooltip: { show: false } },
    ],
    graphic: calibration ? [] : [{
      type: 'text', left: 'center', top: 'middle',
      style: { text: 'No calibration: the run has no labels', fill: '#616e7c', fontSize: 13 },
    }],
  }, true);
  $('chart-calibration').dataset.bins = String(bins.length);
  if (calibration) {
    const defaulted = summary.score_histogram.default.reduce((a, n) => a + n, 0);
    const rate = defaulted / summary.labelled;
    $('calibration-caption').textContent = 'Brier score ' + number(calibration.brier, 4) + ' over the '
      + summary.labelled.toLocaleString('en') + ' labelled applicants (0 is perfect; always predicting the default'
      + ' rate would score ' + number(rate * (1 - rate), 4) + '). Reliability: ' + calibration.bins.length
      + ' equal-width bins of the probability, each bin\u2019s observed default rate against its mean prediction'
      + ' (bars: its applicants); dashed: perfect calibration.';
  } else {
    $('calibration-caption').textContent = summary.calibration === null
      ? 'No calibration: the run has no labels. Serve the run with its labels folder to see it.'
      : 'No calibration in this run\u2019s index (format ' + summary.format_version + '): index the run again.';
  }
}

// ---- fairness ---------------------------------------------------------------------------------------------------

const FACET_LIGHT = { repaid: '#82c99a', approved: '#93b4f5' };

// The summary's fairness block (index format 4): the post-training bias report, counts of who was analysed, and the
// explanations by group; or a line saying how to get one.
function renderFairness(summary) {
  const fairness = summary.fairness || null;
  $('fairness-body').hidden = !fairness;
  $('fairness-empty').hidden = !!fairness;
  $('fairness').dataset.state = fairness ? 'shown' : 'empty';
  if (!fairness) {
    const why = summary.fairness === undefined
      ? 'this run\u2019s index (format ' + summary.format_version + ') is older than the fairness analysis'
      : summary.fairness_note;
    $('fairness-empty').textContent = 'No fairness analysis: ' + why + '. Index the run with its labels and its'
      + ' protected attributes (batch index --labels LABEL_DIR --protected PROTECTED_DIR, or serve --run'
      + ' ID=OUTPUT,LABELS,MODEL,PROTECTED) to see its bias metrics, outcome rates and explanations by group.';
    return;
  }
  const post = fairness.post_training;
  const rows = fairness.rows;
  const left = [];
  if (rows.without_protected_attributes > 0) {
    left.push(rows.without_protected_attributes.toLocaleString('en') + ' without the protected attributes the facets'
      + ' need');
  }
  if (rows.without_group_variable > 0) {
    left.push(rows.without_group_variable.toLocaleString('en') + ' without a value of ' + post.group_variable);
  }
  $('fairness-caption').textContent = 'Post-training bias of the ' + rows.analysed.toLocaleString('en')
    + ' labelled applicants with protected attributes' + (left.length ? ' (left out: ' + left.join(', ') + ')' : '')
    + ', approved when the probability of default is below ' + post.prediction_threshold
    + (post.group_variable ? '; CDDPL holds ' + post.group_variable + ' fixed' : '; no group variable, so no CDDPL')
    + '. Aggregates only: no applicant\u2019s group is shown anywhere. These figures describe; they do not certify.';
  renderOutcomeRates(post);
  const select = $('fairness-facet');
  const chosen = select.value;
  select.textContent = '';
  fairness.explanations_by_group.forEach((entry, i) => option(select, String(i), entry.facet));
  const keep = fairness.explanations_by_group.findIndex((entry) => entry.facet === chosen);
  select.value = String(Math.max(0, keep));
  renderExplanationsByGroup();
  renderFacetTables(post);
}

const applicants = (n) => n.toLocaleString('en') + (n === 1 ? ' applicant' : ' applicants');
const rate = (group, count) => (group.rows > 0 ? count / group.rows : null);

function renderOutcomeRates(post) {
  const facets = post.facets;
  const names = facets.map((f) => f.name);
  const series = (name, group, field, colour) => ({
    type: 'bar', name, barGap: '10%', itemStyle: { color: colour },
    data: facets.map((f) => rate(f.counts[group], f.counts[group][field])),
  });
  $('chart-fairness-rates').style.height = Math.max(320, 70 + 56 * facets.length) + 'px';
  chart('chart-fairness-rates').resize();
  chart('chart-fairness-rates').setOption({
    animation: false,
    grid: { left: 8, right: 30, top: 56, bottom: 34, containLabel: true },
    legend: { top: 0, textStyle: { fontSize: 11 } },
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const f = facets[params[0].dataIndex];
        const line = (label, group) => label + ': ' + f.counts[group].favourable + ' of ' + f.counts[group].rows
          + ' repaid, ' + f.counts[group].predicted_favourable + ' approved';
        return '<b>' + escapeHtml(f.name) + '</b><br/>' + line('facet', 'facet') + '<br/>'
          + line('everyone else', 'others');
      },
    },
    xAxis: {
      type: 'value', min: 0, max: 1, name: 'share of the group', nameLocation: 'middle', nameGap: 24,
      nameTextStyle: { color: '#616e7c', fontSize: 11 }, axisLabel: { formatter: (v) => percent(v, 0) },
      splitLine: { lineStyle: { color: '#eef2f6' } },
    },
    yAxis: {
      type: 'category', inverse: true, data: names, axisTick: { show: false },
      axisLabel: { color: '#1f2933', fontSize: 11, width: 200, overflow: 'truncate' },
    },
    series: [
      series('repaid, facet', 'facet', 'favourable', SAFE),
      series('repaid, everyone else', 'others', 'favourable', FACET_LIGHT.repaid),
      series('approved, facet', 'facet', 'predicted_favourable', ACCENT),
      series('approved, everyone else', 'others', 'predicted_favourable', FACET_LIGHT.approved),
    ],
  }, true);
  $('chart-fairness-rates').dataset.facets = String(facets.length);
}

function renderExplanationsByGroup() {
  const fairness = state.summary.fairness;
  const entry = fairness.explanations_by_group[Number($('fairness-facet').value)];
  const members = entry.facet_members;
  const others = entry.others;
  const byFeature = (group) => Object.fromEntries(group.features.map((f) => [f.feature, f]));
  const mine = byFeature(members);
  const theirs = byFeature(others);
  const features = [...new Set([...members.features, ...others.features].map((f) => f.feature))];
  const size = (feature) => Math.max(mine[feature] ? mine[feature].mean_abs_phi : 0,
    theirs[feature] ? theirs[feature].mean_abs_phi : 0);
  features.sort((a, b) => size(b) - size(a));
  const value = (group, feature) => (group[feature] ? group[feature].mean_abs_phi : null);
  chart('chart-fairness-shap').resize();
  chart('chart-fairness-shap').setOption({
    animation: false,
    grid: { left: 8, right: 30, top: 30, bottom: 34, containLabel: true },
    legend: { top: 0, textStyle: { fontSize: 11 } },
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const feature = features[params[0].dataIndex];
        const line = (label, group) => (group[feature]
          ? label + ': mean |\u03c6| ' + number(group[feature].mean_abs_phi) + ', mean \u03c6 '
            + signed(group[feature].mean_phi)
          : label + ': no applicant');
        return '<b>' + escapeHtml(title(feature)) + '</b><br/>' + line('facet', mine) + '<br/>'
          + line('everyone else', theirs);
      },
    },
    xAxis: {
      type: 'value', name: 'mean |SHAP value| (log-odds)', nameLocation: 'middle', nameGap: 24,
      nameTextStyle: { color: '#616e7c', fontSize: 11 }, splitLine: { lineStyle: { color: '#eef2f6' } },
    },
    yAxis: {
      type: 'category', inverse: true, data: features.map(title), axisTick: { show: false },
      axisLabel: { color: '#1f2933', fontSize: 11, width: 190, overflow: 'truncate' },
    },
    series: [
      { type: 'bar', name: entry.facet, itemStyle: { color: ACCENT }, data: features.map((f) => value(mine, f)) },
      { type: 'bar', name: 'everyone else', itemStyle: { color: GREY },
        data: features.map((f) => value(theirs, f)) },
    ],
    graphic: members.rows > 0 && others.rows > 0 ? [] : [{
      type: 'text', left: 'center', top: 'middle',
      style: { text: 'No applicant ' + (members.rows > 0 ? 'outside' : 'in') + ' this facet', fill: '#616e7c',
        fontSize: 13 },
    }],
  }, true);
  $('chart-fairness-shap').dataset.facet = entry.facet;
  $('fairness-shap-caption').textContent = 'Mean |SHAP value| of each feature over the facet\u2019s '
    + applicants(members.rows) + ' with protected attributes and everyone else\u2019s ' + applicants(others.rows)
    + ' (labelled or not), exact from the batch output; the tooltip adds the mean signed value (positive: towards'
    + ' default). A feature much larger for one group drives that group\u2019s decisions more.';
}

const metricValue = (m) => (m.value === null ? '\u2014' : number(m.value));

function renderFacetTables(post) {
  const holder = $('fairness-tables');
  holder.textContent = '';
  post.facets.forEach((facet, i) => {
    const details = document.createElement('details');
    details.className = 'facet-report';
    details.dataset.facet = facet.name;
    details.open = i === 0;
    const summary = document.createElement('summary');
    summary.textContent = facet.name;
    const headline = facet.metrics.filter((m) => m.name === 'DI' || m.name === 'DPPL')
      .map((m) => m.name + ' ' + metricValue(m)).join(', ');
    const counts = document.createElement('span');
    counts.className = 'counts';
    counts.textContent = applicants(facet.counts.facet.rows) + ', everyone else '
      + facet.counts.others.rows.toLocaleString('en') + (headline ? ' \u00b7 ' + headline : '');
    summary.appendChild(counts);
    details.appendChild(summary);
    const table = document.createElement('table');
    table.className = 'grid compact fairness-table';
    table.dataset.facet = facet.name;
    table.createTHead().innerHTML = '<tr><th>Metric</th><th class="num">Value</th><th class="num">Ideal</th>'
      + '<th>Reading</th></tr>';
    const body = table.createTBody();
    for (const m of facet.metrics) {
      const tr = body.insertRow();
      tr.dataset.metric = m.name;
      tr.dataset.status = m.status;
      if (m.status !== 'computed') {
        tr.className = 'not-computed';
      }
      cell(tr, m.name, 'metric').title = m.description + '; range ' + m.range.notation;
      cell(tr, metricValue(m), 'num');
      cell(tr, String(m.ideal_value), 'num');
      const reading = cell(tr, m.reading, 'reading');
      // A computed metric's notes (conventions met on the way); a metric without value carries its note in the reading.
      if (m.status === 'computed') {
        for (const note of m.notes) {
          const span = document.createElement('span');
          span.className = 'note';
          span.textContent = note;
          reading.appendChild(span);
        }
      }
    }
    details.appendChild(table);
    holder.appendChild(details);
  });
}

// ---- the dependence plot --------------------------------------------------------------------------------------

async function loadDependence() {
  clearError('dependence-error');
  try {
    const feature = $('dependence-feature').value;
    renderDependence(await api(runPath('/dependence?' + query({ feature, points: DEPENDENCE_POINTS }))));
  } catch (e) {
    showError('dependence-error', e);
  }
}

// Points as [x, φ, colour value]; a missing value (NaN, sent as a string) leaves the point out or uncoloured.
function dependencePoints(d) {
  const points = [];
  d.x.forEach((value, i) => {
    const x = Number(value);
    const phi = Number(d.phi[i]);
    const colour = Number(d.colourValues[i]);
    if (Number.isFinite(x) && Number.isFinite(phi)) {
      points.push([x, phi, Number.isFinite(colour) ? colour : null]);
    }
  });
  return points;
}

function renderDependence(d) {
  const categorical = d.categories.length > 0;
  const points = dependencePoints(d);
  const colours = points.map((p) => p[2]).filter((c) => c !== null);
  const xLabel = (x) => (categorical ? d.categories[x] : x);
  chart('chart-dependence').setOption({
    animation: false,
    grid: { left: 8, right: 80, top: 36, bottom: 34, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p) => escapeHtml(title(d.feature)) + ': ' + escapeHtml(xLabel(p.value[0])) + '<br/>SHAP value '
        + signed(p.value[1]) + '<br/>' + escapeHtml(title(d.colour)) + ': ' + p.value[2],
    },
    xAxis: categorical
      ? { type: 'category', data: d.categories, name: title(d.feature), nameLocation: 'middle', nameGap: 24 }
      : { type: 'value', scale: true, name: title(d.feature), nameLocation: 'middle', nameGap: 24,
        splitLine: { lineStyle: { color: '#eef2f6' } } },
    yAxis: { type: 'value', scale: true, name: 'SHAP value (log-odds)', nameTextStyle: { align: 'left', color: '#616e7c' }, splitLine: { lineStyle: { color: '#eef2f6' } } },
    visualMap: colours.length === 0 ? [] : [{
      type: 'continuous', dimension: 2, min: Math.min(...colours), max: Math.max(...colours),
      right: 0, top: 'middle', itemHeight: 160, text: [title(d.colour), ''], textStyle: { fontSize: 11 },
      inRange: { color: [ACCENT, '#9b59b6', RISK] }, outOfRange: { color: '#bcccdc' },
    }],
    series: [{ type: 'scatter', symbolSize: 7, data: points }],
  }, true);
  $('dependence-caption').textContent = 'Coloured by ' + title(d.colour) + ' (' + d.colour + '), '
    + d.colourMethod + '. ' + points.length + ' applicants, sampled by score decile.';
}

// ---- global explanations: SHAP values by value beside the model's partial dependence -------------------------

/** The run's explanation method in a few words: what the SHAP values are relative to. */
function methodText(summary) {
  const explanation = summary.explanation;
  if (!explanation || !explanation.method) {
    return 'path-dependent';
  }
  if (explanation.method === 'interventional') {
    return 'interventional' + (explanation.reference ? ' vs ' + explanation.reference.name : '');
  }
  return explanation.method.replace('_', '-');
}

function methodTitle(summary) {
  const explanation = summary.explanation;
  if (!explanation) {
    return 'this run\u2019s index (format ' + summary.format_version + ') does not record the method';
  }
  if (explanation.method === 'interventional' && explanation.reference) {
    const r = explanation.reference;
    return 'Interventional TreeSHAP against the reference population \u2018' + r.name + '\u2019 ('
      + r.rows + ' rows' + (r.description ? ': ' + r.description : '') + ')';
  }
  return explanation.note || 'Path-dependent TreeSHAP: relative to the model\u2019s expected value over its training data';
}

/** A bin's label: its category, 'missing', or the range of the run's values in it. */
function binLabel(bin) {
  if (bin.kind === 'value') {
    return bin.value;
  }
  if (bin.kind === 'missing') {
    return 'missing';
  }
  if (bin.kind === 'zero') {
    return '0 (as missing)';
  }
  const plain = (v) => (Number.isInteger(v) ? v.toLocaleString('en') : Number(v.toPrecision(4)).toString());
  return bin.min === bin.max ? plain(bin.min) : plain(bin.min) + '\u2013' + plain(bin.max);
}

function renderPartialDependence() {
  const global = state.summary.global || null;
  const feature = $('dependence-feature').value;
  const entry = global && global.features.find((f) => f.feature === feature);
  $('chart-partial-dependence').hidden = !entry;
  if (!entry) {
    $('partial-dependence-caption').textContent = global
      ? 'No global explanations of ' + title(feature) + ' in this run\u2019s index.'
      : 'No global explanations: ' + (state.summary.global_note
        || 'this run\u2019s index (format ' + state.summary.format_version + ') is older than them')
        + '. Serve the run with its model folder (or index it with --model) to see them.';
    return;
  }
  const labels = entry.bins.map(binLabel);
  const centred = entry.bins.map((b) => b.partial_dependence - entry.mean_partial_dependence);
  chart('chart-partial-dependence').setOption({
    animation: false,
    grid: { left: 8, right: 16, top: 40, bottom: 34, containLabel: true },
    legend: { top: 0, data: ['mean SHAP value', 'partial dependence (centred)'] },
    tooltip: {
      trigger: 'axis',
      formatter: (items) => {
        const bin = entry.bins[items[0].dataIndex];
        return escapeHtml(title(feature)) + ': ' + escapeHtml(labels[items[0].dataIndex]) + '<br/>'
          + bin.rows.toLocaleString('en') + ' applicants<br/>mean SHAP value ' + signed(bin.mean_phi)
          + '<br/>partial dependence ' + signed(bin.partial_dependence - entry.mean_partial_dependence)
          + ' (raw ' + number(bin.partial_dependence) + ')';
      },
    },
    xAxis: { type: 'category', data: labels, name: title(feature), nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'value', scale: true, name: 'log-odds', nameTextStyle: { align: 'left', color: '#616e7c' },
      splitLine: { lineStyle: { color: '#eef2f6' } } },
    series: [
      { name: 'mean SHAP value', type: 'bar', data: entry.bins.map((b) => b.mean_phi),
        itemStyle: { color: (p) => (p.value >= 0 ? RISK : ACCENT) } },
      // Categories have no order: their partial dependence is drawn as marks, not joined.
      { name: 'partial dependence (centred)', type: 'line', step: entry.categorical ? false : 'middle',
        data: centred, symbolSize: entry.categorical ? 12 : 5, symbol: entry.categorical ? 'diamond' : 'circle',
        lineStyle: { color: '#323f4b', width: entry.categorical ? 0 : 2 }, itemStyle: { color: '#323f4b' } },
    ],
  }, true);
  $('partial-dependence-caption').textContent = 'Bars: the mean SHAP value of ' + title(feature)
    + ' over the applicants in each bin (' + methodText(state.summary) + '). Line: the model\u2019s partial'
    + ' dependence \u2014 its mean raw score over all ' + global.rows.toLocaleString('en')
    + ' explained applicants with ' + title(feature) + ' set to the bin\u2019s value \u2014 minus its mean over'
    + ' their own values (' + signed(entry.mean_partial_dependence) + ' raw). Exact, from every explained'
    + ' applicant; bins cut where the model\u2019s splits on the feature change its decisions, labelled with the'
    + ' range of the run\u2019s values in each. Mean |SHAP| ' + number(entry.mean_abs_phi) + '.';
}

// ---- applicants -----------------------------------------------------------------------------------------------

/** The filter terms of the form, comma-separated as the API reads them (all must hold). */
function filterTerms() {
  const terms = [];
  const add = (condition, term) => condition && terms.push(term);
  add($('filter-label').value, 'label=' + $('filter-label').value);
  add($('filter-score-min').value, 'score>=' + $('filter-score-min').value);
  add($('filter-score-max').value, 'score<=' + $('filter-score-max').value);
  add($('filter-reason').value, 'reason=' + $('filter-reason').value);
  const category = $('filter-category-feature').value;
  add(category && $('filter-category-value').value, category + '=' + $('filter-category-value').value);
  add($('filter-protected').value, $('filter-protected').value);
  $('filter-extra').value.split(',').map((t) => t.trim()).filter((t) => t).forEach((t) => terms.push(t));
  return terms.join(',');
}

async function loadApplicants(page) {
  clearError('applicants-error');
  const table = $('applicants-table');
  table.dataset.state = 'loading';
  try {
    const params = { filter: state.filter, sort: state.sort, page, size: PAGE_SIZE };
    renderApplicants(await api(runPath('/applicants?' + query(params))));
    table.dataset.state = 'loaded';
  } catch (e) {
    renderApplicants({ total: 0, page: 0, size: PAGE_SIZE, rows: [] });
    showError('applicants-error', e);
    table.dataset.state = 'error';
  }
}

function labelText(label) {
  if (label === 1 || label === true) {
    return 'defaulted';
  }
  return label === 0 || label === false ? 'repaid' : 'unknown';
}

function renderApplicants(answer) {
  state.page = answer.page;
  const body = $('applicants-table').tBodies[0];
  body.textContent = '';
  for (const row of answer.rows) {
    const tr = body.insertRow();
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'link';
    open.textContent = row.rowId;
    open.addEventListener('click', () => openApplicant(row.rowId));
    tr.insertCell().appendChild(open);
    cell(tr, percent(row.prediction), 'num');
    cell(tr, labelText(row.label));
    cell(tr, row.reasons.map(title).join(', '));
  }
  const first = answer.page * answer.size;
  $('page-info').textContent = answer.total === 0
    ? 'No applicant passes the filter.'
    : 'Applicants ' + (first + 1) + '\u2013' + (first + answer.rows.length) + ' of ' + answer.total.toLocaleString('en');
  $('page-prev').disabled = answer.page === 0;
  $('page-next').disabled = first + answer.rows.length >= answer.total;
  if (EXPORT) {
    const next = runPath('/applicants?' + query({ filter: state.filter, sort: state.sort, page: answer.page + 1,
      size: PAGE_SIZE }));
    $('page-next').disabled ||= !Object.prototype.hasOwnProperty.call(EXPORT.answers, next);
    $('page-info').textContent += ' (this export holds the first ' + EXPORT.applicants.exported.toLocaleString('en')
      + ')';
  }
  $('applicants-table').dataset.total = String(answer.total);
}

async function randomApplicant() {
  clearError('applicants-error');
  state.seed += 1;
  try {
    const pick = EXPORT
      ? { row_id: exportedPick(state.seed) }
      : await api(runPath('/applicants/random?' + query({ filter: filterTerms(), seed: state.seed })));
    await openApplicant(pick.row_id);
  } catch (e) {
    showError('applicants-error', e);
  }
}

// ---- one applicant --------------------------------------------------------------------------------------------

async function openApplicant(rowId) {
  clearError('applicants-error');
  if (!rowId) {
    showError('applicants-error', new Problem('Enter a row id (16 hexadecimal digits).'));
    return;
  }
  try {
    const applicant = await api(runPath('/applicants/' + encodeURIComponent(rowId)));
    $('applicant').hidden = false;
    renderApplicant(applicant);
    $('applicant').scrollIntoView();
  } catch (e) {
    showError('applicants-error', e);
  }
}

function renderApplicant(a) {
  const explanation = a.explanation;
  $('applicant-row').textContent = a.row_id;
  $('applicant-probability').textContent = percent(a.prediction);
  $('applicant-probability').className = 'value ' + (a.prediction >= 0.5 ? 'up' : 'down');
  $('applicant-label').textContent = labelText(a.label);
  $('applicant-baseline').textContent = number(explanation.expected_value);
  $('applicant-raw').textContent = number(explanation.raw_score);
  renderWaterfall(explanation);
  renderReasons((a.reasons && a.reasons.reasons) || [], a.data, explanation.shap_values);
  renderDataTable(a.data, explanation.shap_values);
  $('applicant').dataset.rowId = a.row_id;
  const report = runPath('/applicants/' + encodeURIComponent(a.row_id) + '/report');
  $('applicant-report').href = report;
  $('applicant-pdf').href = report + '.pdf';
}

// One step per feature, by |φ|; beyond WATERFALL_TOP the rest is one "other features" step.
function waterfallSteps(shapValues) {
  const items = Object.entries(shapValues)
    .map(([feature, phi]) => ({ label: title(feature), value: Number(phi) }))
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  if (items.length <= WATERFALL_TOP + 1) {
    return items;
  }
  const rest = items.slice(WATERFALL_TOP);
  const other = {
    label: 'Other features (' + rest.length + ')',
    value: rest.reduce((sum, item) => sum + item.value, 0),
    detail: rest.map((item) => item.label).join(', '),
  };
  return [...items.slice(0, WATERFALL_TOP), other];
}

// Bars as [from, to, row]: the start (expected value, or baseline probability) and the end (raw score, or the
// prediction) from 0, each step from the running level; drawn as rectangles (a custom series), since stacked bars
// cannot walk through negative values.
function waterfallBars(explanation) {
  return stepBars(Number(explanation.expected_value), explanation.shap_values, Number(explanation.raw_score),
    ['Expected value', 'Raw score'], number, signed);
}

// The same walk on the probability scale: the explainer's probability view (baseline + contributions = prediction).
function probabilityWaterfallBars(view) {
  const points = (v) => (v >= 0 ? '+' : '\u2212') + (100 * Math.abs(v)).toFixed(1) + ' pp';
  return stepBars(Number(view.baseline), view.contributions, Number(view.prediction),
    ['Baseline probability', 'Prediction'], (v) => percent(v), points);
}

function stepBars(base, values, end, [startLabel, endLabel], format, formatStep) {
  const bars = [{ label: startLabel, from: 0, to: base, colour: ENDPOINT, text: format(base) }];
  let level = base;
  for (const step of waterfallSteps(values)) {
    bars.push({
      label: step.label, from: level, to: level + step.value, colour: step.value >= 0 ? RISK : SAFE,
      text: formatStep(step.value), detail: step.detail,
    });
    level += step.value;
  }
  bars.push({ label: endLabel, from: 0, to: end, colour: ENDPOINT, text: format(end) });
  return bars;
}

function renderWaterfallBar(bars) {
  return (params, view) => {
    const bar = bars[params.dataIndex];
    const start = view.coord([Math.min(bar.from, bar.to), params.dataIndex]);
    const end = view.coord([Math.max(bar.from, bar.to), params.dataIndex]);
    const height = view.size([0, 1])[1] * 0.62;
    return {
      type: 'group',
      children: [
        {
          type: 'rect',
          shape: { x: start[0], y: start[1] - height / 2, width: Math.max(end[0] - start[0], 1), height },
          style: { fill: bar.colour },
        },
        {
          type: 'text',
          style: { text: bar.text, x: end[0] + 4, y: end[1], verticalAlign: 'middle', fontSize: 11, fill: '#334e68' },
        },
      ],
    };
  };
}

function renderWaterfall(explanation) {
  drawWaterfall('chart-waterfall', waterfallBars(explanation), 'log-odds of default');
  const view = explanation.probability_view;
  const method = $('waterfall-probability-method');
  if (view && view.contributions) {
    $('chart-waterfall-probability').hidden = false;
    drawWaterfall('chart-waterfall-probability', probabilityWaterfallBars(view), 'probability of default');
    method.textContent = 'From the baseline probability to the prediction; each log-odds value mapped onto the'
      + ' probability scale by ' + view.method + ' (the contributions add up to the prediction exactly).';
  } else {
    $('chart-waterfall-probability').hidden = true;
    method.textContent = 'This run\'s explanations carry no probability view (explain with the'
      + ' explanation_shap_values entity of a current explainer).';
  }
}

function drawWaterfall(id, bars, axisName) {
  chart(id).setOption({
    animation: false,
    grid: { left: 8, right: 60, top: 10, bottom: 34, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const bar = bars[p.dataIndex];
        return '<b>' + escapeHtml(bar.label) + '</b>: ' + bar.text + (bar.detail ? '<br/>' + escapeHtml(bar.detail) : '');
      },
    },
    xAxis: {
      type: 'value', scale: false, name: axisName, nameLocation: 'middle', nameGap: 24,
      nameTextStyle: { color: '#616e7c', fontSize: 11 }, splitLine: { lineStyle: { color: '#eef2f6' } },
    },
    yAxis: {
      type: 'category', inverse: true, data: bars.map((bar) => bar.label), axisTick: { show: false },
      axisLabel: { color: '#1f2933', fontSize: 12, width: 190, overflow: 'truncate' },
    },
    series: [{
      type: 'custom', renderItem: renderWaterfallBar(bars), encode: { x: [0, 1], y: 2 },
      data: bars.map((bar, i) => [bar.from, bar.to, i]),
    }],
  }, true);
  $(id).dataset.bars = String(bars.length);
}

function renderReasons(reasons, data, shapValues) {
  const list = $('reasons');
  list.textContent = '';
  for (const reason of reasons) {
    const item = document.createElement('li');
    // The reason's own sentence; a run written without reason texts falls back to the feature and its value.
    item.textContent = reason.text || title(reason.feature) + ' is ' + (reason.value ?? data[reason.feature]);
    const phi = reason.shap_value ?? shapValues[reason.feature];
    if (phi !== undefined) {
      const impact = document.createElement('span');
      impact.className = 'impact';
      impact.textContent = signed(Number(phi)) + ' log-odds';
      item.appendChild(impact);
    }
    list.appendChild(item);
  }
  if (reasons.length === 0) {
    list.textContent = 'No reason towards default.';
  }
}

function renderDataTable(data, shapValues) {
  const body = $('applicant-data').tBodies[0];
  body.textContent = '';
  const features = Object.keys(shapValues).sort((a, b) => Math.abs(shapValues[b]) - Math.abs(shapValues[a]));
  for (const feature of features) {
    const tr = body.insertRow();
    cell(tr, title(feature)).title = feature;
    cell(tr, data[feature] === undefined || data[feature] === null ? '\u2014' : String(data[feature]));
    const phi = Number(shapValues[feature]);
    cell(tr, signed(phi), 'num ' + (phi >= 0 ? 'up' : 'down'));
  }
}

// ---- wiring ---------------------------------------------------------------------------------------------------

function applyFilters(event) {
  if (event) {
    event.preventDefault();
  }
  state.filter = filterTerms();
  state.sort = $('sort').value;
  loadApplicants(0);
}

async function openRunShowingErrors(id) {
  try {
    await openRun(id);
  } catch (e) {
    showError('run-error', e);
  }
}

function wire() {
  $('run-select').addEventListener('change', (e) => openRunShowingErrors(e.target.value));
  $('features-shown').addEventListener('change', () => {
    renderImportance();
    loadBeeswarm();
  });
  $('dependence-feature').addEventListener('change', () => {
    renderPartialDependence();
    loadDependence();
  });
  $('fairness-facet').addEventListener('change', renderExplanationsByGroup);
  $('filter-category-feature').addEventListener('change', fillCategoryValues);
  $('filters').addEventListener('submit', applyFilters);
  $('sort').addEventListener('change', applyFilters);
  $('page-prev').addEventListener('click', () => loadApplicants(state.page - 1));
  $('page-next').addEventListener('click', () => loadApplicants(state.page + 1));
  $('random').addEventListener('click', randomApplicant);
  $('search').addEventListener('submit', (e) => {
    e.preventDefault();
    openApplicant($('search-row').value.trim());
  });
  window.addEventListener('resize', () => Object.values(state.charts).forEach((c) => c.resize()));
}

async function start() {
  wire();
  if (EXPORT) {
    enterExportMode();
  }
  try {
    await loadRuns();
  } catch (e) {
    showError('run-error', e);
  }
  document.body.dataset.rendered = 'true';
}

start();
