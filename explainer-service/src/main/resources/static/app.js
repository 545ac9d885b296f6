// The explanation page: builds the form from the served model's schema, posts the application to
// /invocations and draws two waterfalls (by feature group and by feature) on the probability scale. The
// explanation is path-dependent TreeSHAP or interventional TreeSHAP against one of the model's reference sets,
// as chosen in the form; the page says which.
'use strict';

const ENTITIES = 'prediction,explanation_shap_values,reasons,descriptions';
const TOP_FEATURES = 8;
const RISK = '#c0392b';
const SAFE = '#1e8449';
const ENDPOINT = '#486581';

const PATH_DEPENDENT = 'path_dependent';
const PATH_DEPENDENT_TEXT = 'Bars show each contribution on the probability scale: the exact TreeSHAP values (log-odds) '
  + 'are scaled by the slope of the sigmoid between baseline and prediction, so they add up to the difference. '
  + 'Red pushes towards default, green away from it.';
const INTERVENTIONAL_TEXT = 'Bars show each contribution on the probability scale: against every applicant of the '
  + 'reference set, the exact interventional TreeSHAP values (log-odds) are scaled by the slope of the sigmoid '
  + 'between that applicant\'s score and this one\'s, then averaged, so they add up to the difference from the '
  + 'reference set\'s mean probability. Red pushes towards default, green away from it.';

const state = { model: null, example: null, charts: {}, explained: false };

const percent = (p, digits = 1) => (100 * p).toFixed(digits) + '%';
const points = (d) => (d >= 0 ? '+' : '\u2212') + Math.abs(100 * d).toFixed(1) + ' pp';
const groupTitle = (group) => group.charAt(0).toUpperCase() + group.slice(1);

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(url + ' answered ' + response.status);
  }
  return response.json();
}

function isFlag(feature) {
  return feature.kind === 'numeric' && feature.minimum === 0 && feature.maximum === 1;
}

function buildForm() {
  const container = document.getElementById('fields');
  container.textContent = '';
  const groups = new Map();
  for (const feature of state.model.features) {
    if (!groups.has(feature.group)) {
      const fieldset = document.createElement('fieldset');
      const legend = document.createElement('legend');
      legend.textContent = groupTitle(feature.group);
      fieldset.appendChild(legend);
      container.appendChild(fieldset);
      groups.set(feature.group, fieldset);
    }
    const row = document.createElement('div');
    row.className = 'field';
    row.dataset.feature = feature.name;
    const label = document.createElement('label');
    label.htmlFor = 'f-' + feature.name;
    label.textContent = feature.title;
    label.title = feature.description;
    let input;
    if (feature.kind === 'categorical' || isFlag(feature)) {
      input = document.createElement('select');
      const options = feature.kind === 'categorical'
        ? feature.categories.map((c) => [c, c.replace(/_/g, ' ')])
        : [['0', 'no'], ['1', 'yes']];
      for (const [value, text] of options) {
        const option = document.createElement('option');
        option.value = value;
        option.textContent = text;
        input.appendChild(option);
      }
    } else {
      input = document.createElement('input');
      input.type = 'number';
      input.min = feature.minimum;
      input.max = feature.maximum;
      input.step = 1;
      input.required = true;
    }
    input.id = 'f-' + feature.name;
    input.name = feature.name;
    input.title = feature.description;
    row.append(label, input);
    groups.get(feature.group).appendChild(row);
  }
}

// One option for path-dependent TreeSHAP, one per reference set of the model (interventional TreeSHAP).
function buildMethodChoice() {
  const select = document.getElementById('method');
  select.textContent = '';
  const pathDependent = document.createElement('option');
  pathDependent.value = PATH_DEPENDENT;
  pathDependent.textContent = 'The training data as the trees saw it (path-dependent)';
  select.appendChild(pathDependent);
  for (const reference of state.model.references || []) {
    const option = document.createElement('option');
    option.value = reference.name;
    option.textContent = 'Reference set ' + reference.name + ' (' + reference.rows + ' applicants, interventional)';
    option.title = reference.description;
    select.appendChild(option);
  }
  select.disabled = select.options.length < 2;
}

function chosenReference() {
  const value = document.getElementById('method').value;
  return value === PATH_DEPENDENT ? null : state.model.references.find((r) => r.name === value);
}

function fillForm(application) {
  for (const feature of state.model.features) {
    const input = document.getElementById('f-' + feature.name);
    if (application[feature.name] !== undefined) {
      input.value = String(application[feature.name]);
    }
  }
}

function readForm() {
  const application = {};
  for (const feature of state.model.features) {
    const raw = document.getElementById('f-' + feature.name).value;
    application[feature.name] = feature.kind === 'categorical' ? raw : (raw === '' ? null : Number(raw));
  }
  return application;
}

function showError(problem, fields) {
  const box = document.getElementById('error');
  box.textContent = problem;
  box.hidden = false;
  for (const row of document.querySelectorAll('.field')) {
    row.classList.toggle('invalid', fields.includes(row.dataset.feature));
  }
}

function clearError() {
  document.getElementById('error').hidden = true;
  for (const row of document.querySelectorAll('.field.invalid')) {
    row.classList.remove('invalid');
  }
}

async function explain(event) {
  if (event) {
    event.preventDefault();
  }
  clearError();
  const button = document.getElementById('submit');
  button.disabled = true;
  try {
    const reference = chosenReference();
    const method = reference
      ? ';explanation_method=interventional;reference=' + reference.name
      : ';explanation_method=' + PATH_DEPENDENT;
    const response = await fetch('invocations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json;entities=' + ENTITIES + method, Accept: 'application/json' },
      body: JSON.stringify(readForm()),
    });
    const body = await response.json();
    if (!response.ok) {
      showError(body.detail || ('The service answered ' + response.status), body.fields || []);
      return;
    }
    render(body);
    state.explained = true;
  } catch (e) {
    showError('The explanation could not be fetched: ' + e.message, []);
  } finally {
    button.disabled = false;
  }
}

// One waterfall step per item, sorted by |contribution|; beyond TOP_FEATURES the rest is one "other" step.
function steps(items, limit) {
  const sorted = [...items].sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.order - b.order);
  if (sorted.length <= limit) {
    return sorted;
  }
  const rest = sorted.slice(limit);
  const other = {
    label: 'Other features (' + rest.length + ')',
    value: rest.reduce((sum, item) => sum + item.value, 0),
    detail: rest.map((item) => item.label).join(', '),
  };
  return [...sorted.slice(0, limit), other];
}

function waterfall(element, items, baseline, prediction) {
  const labels = ['Baseline'];
  const offsets = [0];
  const bars = [{ value: baseline, itemStyle: { color: ENDPOINT }, detail: state.baselineDetail }];
  let level = baseline;
  for (const item of items) {
    const next = level + item.value;
    labels.push(item.label);
    offsets.push(Math.min(level, next));
    bars.push({
      value: Math.abs(item.value),
      signed: item.value,
      detail: item.detail || '',
      itemStyle: { color: item.value >= 0 ? RISK : SAFE },
    });
    level = next;
  }
  labels.push('Prediction');
  offsets.push(0);
  bars.push({ value: prediction, itemStyle: { color: ENDPOINT }, detail: 'this application' });

  // Zoom the probability axis onto the walk from baseline to prediction, on a 5% grid, so small steps stay
  // visible; the baseline and prediction bars then start at the left edge of the axis.
  const levels = [baseline, prediction];
  offsets.forEach((o, i) => { if (i > 0 && i < bars.length - 1) { levels.push(o, o + bars[i].value); } });
  const low = Math.min(...levels);
  const high = Math.max(...levels);
  const span = Math.max(high - low, 0.05);
  const axisMin = Math.max(0, Math.floor((low - 0.6 * span) * 20) / 20);
  const axisMax = Math.min(1, Math.ceil((high + 0.3 * span) * 20) / 20);
  const rising = prediction >= baseline;
  let chart = state.charts[element.id];
  if (!chart) {
    chart = echarts.init(element, null, { renderer: 'svg' });
    state.charts[element.id] = chart;
  }
  chart.setOption({
    animation: false,
    grid: { left: 8, right: 40, top: 30, bottom: 30, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const bar = bars[p.dataIndex];
        const amount = bar.signed === undefined ? percent(bar.value) : points(bar.signed);
        return '<b>' + labels[p.dataIndex] + '</b>: ' + amount + (bar.detail ? '<br/>' + bar.detail : '');
      },
    },
    xAxis: {
      type: 'value', min: axisMin, max: axisMax,
      axisLabel: { formatter: (v) => percent(v, 0) },
      splitLine: { lineStyle: { color: '#eef2f6' } },
      name: 'Probability of default', nameLocation: 'middle', nameGap: 24,
      nameTextStyle: { color: '#616e7c', fontSize: 11 },
    },
    yAxis: {
      type: 'category', inverse: true, data: labels,
      axisTick: { show: false },
      axisLabel: { color: '#1f2933', fontSize: 12, width: 190, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar', stack: 'waterfall', silent: true, data: offsets,
        itemStyle: { color: 'transparent' }, emphasis: { disabled: true },
      },
      {
        type: 'bar', stack: 'waterfall', data: bars, barWidth: '62%',
        label: {
          show: true, position: 'right', fontSize: 11, color: '#334e68',
          formatter: (p) => (bars[p.dataIndex].signed === undefined
            ? percent(bars[p.dataIndex].value) : points(bars[p.dataIndex].signed)),
        },
        markLine: {
          symbol: 'none', silent: true,
          lineStyle: { type: 'dashed', color: '#829ab1' },
          label: { fontSize: 11, color: '#334e68' },
          data: [
            // Labels above the plot, each on the side away from the other line so that they never collide.
            {
              xAxis: baseline,
              label: { formatter: 'baseline ' + percent(baseline), position: 'start', align: rising ? 'right' : 'left' },
            },
            {
              xAxis: prediction,
              label: { formatter: 'prediction ' + percent(prediction), position: 'start', align: rising ? 'left' : 'right' },
            },
          ],
        },
      },
    ],
  }, true);
  element.dataset.bars = String(bars.length);
  element.dataset.rendered = 'true';
}

// Says what the explanation is relative to: the reference set with its rows and digest, or the training data.
function renderBasis(shap) {
  const basis = document.getElementById('basis');
  const reference = shap.reference;
  if (reference) {
    basis.textContent = 'Explained against the reference set ' + reference.name + ': ' + reference.description + ' ('
      + reference.rows + ' rows, SHA-256 ' + reference.sha256.slice(0, 12) + '\u2026). The baseline is their mean'
      + ' probability of default.';
    document.getElementById('baseline-label').textContent = 'Baseline (reference ' + reference.name + ')';
    document.getElementById('method-text').textContent = INTERVENTIONAL_TEXT;
    state.baselineDetail = 'the mean probability of default of the reference set ' + reference.name;
  } else {
    basis.textContent = 'Explained against the training data as the trees saw it (path-dependent TreeSHAP): the'
      + ' baseline is the model\'s expected value.';
    document.getElementById('baseline-label').textContent = 'Baseline (expected value)';
    document.getElementById('method-text').textContent = PATH_DEPENDENT_TEXT;
    state.baselineDetail = 'the SHAP expected value: the base of every explanation';
  }
  basis.dataset.method = shap.explanation_method;
  basis.dataset.reference = reference ? reference.name : '';
  basis.hidden = false;
}

function render(result) {
  const shap = result.explanation_shap_values;
  const view = shap.probability_view;
  renderBasis(shap);
  const descriptions = result.descriptions;
  const names = Object.keys(view.contributions);
  const features = names.map((name, order) => ({
    label: descriptions[name].title,
    value: view.contributions[name],
    group: descriptions[name].group,
    order,
  }));
  const groups = new Map();
  for (const feature of features) {
    const group = groups.get(feature.group) || { label: groupTitle(feature.group), value: 0, order: groups.size, members: [] };
    group.value += feature.value;
    group.members.push(feature.label);
    groups.set(feature.group, group);
  }
  const groupItems = [...groups.values()].map((g) => ({ ...g, detail: g.members.join(', ') }));

  document.getElementById('placeholder').hidden = true;
  document.getElementById('summary').hidden = false;
  document.getElementById('prediction').textContent = percent(view.prediction);
  document.getElementById('baseline').textContent = percent(view.baseline);
  const difference = document.getElementById('difference');
  difference.textContent = points(view.prediction - view.baseline);
  difference.className = 'value ' + (view.prediction >= view.baseline ? 'up' : 'down');

  waterfall(document.getElementById('chart-groups'), steps(groupItems, TOP_FEATURES), view.baseline, view.prediction);
  waterfall(document.getElementById('chart-features'), steps(features, TOP_FEATURES), view.baseline, view.prediction);

  const list = document.getElementById('reasons');
  list.textContent = '';
  for (const reason of result.reasons.reasons) {
    const item = document.createElement('li');
    item.dataset.feature = reason.feature;
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = reason.text;
    const impact = document.createElement('span');
    impact.className = 'impact';
    impact.textContent = points(reason.probability_contribution);
    item.append(text, impact);
    list.appendChild(item);
  }
  if (result.reasons.reasons.length === 0) {
    const item = document.createElement('li');
    item.textContent = 'No feature pushes this application towards default.';
    list.appendChild(item);
  }
  document.getElementById('reason-version').textContent =
    'Reason method ' + result.reasons.reason_method_version + '; probability method ' + view.method + '.';
  list.dataset.rendered = 'true';
}

async function start() {
  try {
    [state.model, state.example] = await Promise.all([getJson('model'), getJson('model/example-application')]);
  } catch (e) {
    showError('The model description could not be loaded: ' + e.message, []);
    return;
  }
  buildForm();
  buildMethodChoice();
  fillForm(state.example);
  document.getElementById('application-form').addEventListener('submit', explain);
  document.getElementById('reset').addEventListener('click', () => { fillForm(state.example); clearError(); });
  // Another reference answers another question about the same application: explain it again at once.
  document.getElementById('method').addEventListener('change', () => { if (state.explained) { explain(); } });
  window.addEventListener('resize', () => Object.values(state.charts).forEach((c) => c.resize()));
  document.body.dataset.ready = 'true';
}

start();
