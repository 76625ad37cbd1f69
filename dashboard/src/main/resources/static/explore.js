// The explorer: the raw flows grouped by dimensions the user picks, filtered with the filter
// language. The whole view lives in the URL's query string (filter, range or from/to, dims, top,
// metric, chart), so a link shows the same view and a reload restores it. The server applies the
// customer filter itself; nothing here is trusted with it.
"use strict";

const NONE = "";
let chart = null;
let view = null; // the last answer, for clicks on the chart
let seriesConditions = []; // per drawn series, its group's condition

function el(id) {
  return document.getElementById(id);
}

async function api(path, query) {
  const response = await fetch(path + "?" + new URLSearchParams(query));
  if (response.status === 401) {
    location.assign("/login.html");
    throw new Error("logged out");
  }
  const body = await response.json();
  if (!response.ok) {
    const error = new Error(body.error || response.statusText);
    error.position = body.position;
    throw error;
  }
  return body;
}

function si(value) {
  const prefixes = ["", "k", "M", "G", "T", "P", "E"];
  let i = 0;
  while (Math.abs(value) >= 1000 && i < prefixes.length - 1) { value /= 1000; i++; }
  return (value >= 100 || i === 0 ? value.toFixed(0) : value.toPrecision(3)) + (i ? " " + prefixes[i] : "");
}

// The form from the URL: what a shared link or a reload shows.
function formFromUrl() {
  const p = new URLSearchParams(location.search);
  el("filter").value = p.get("filter") || "";
  if (p.get("range")) el("range").value = p.get("range");
  const dims = (p.get("dims") || "proto").split(",");
  ["dim1", "dim2", "dim3"].forEach((id, i) => { el(id).value = dims[i] || NONE; });
  el("top").value = p.get("top") || "10";
  el("metric").value = p.get("metric") || "bytes";
  el("chart").value = p.get("chart") || "series";
}

// The URL's parameters from the form (from/to only when the URL pinned them).
function paramsFromForm() {
  const old = new URLSearchParams(location.search);
  const p = new URLSearchParams();
  if (el("filter").value.trim()) p.set("filter", el("filter").value.trim());
  if (old.get("from") && old.get("to")) {
    p.set("from", old.get("from"));
    p.set("to", old.get("to"));
  } else {
    p.set("range", el("range").value);
  }
  p.set("dims", dims().join(","));
  p.set("top", el("top").value);
  p.set("metric", el("metric").value);
  p.set("chart", el("chart").value);
  return p;
}

function dims() {
  return ["dim1", "dim2", "dim3"].map(id => el(id).value).filter(d => d !== NONE);
}

// What the API is asked: the URL's view, the range as from/to.
function apiQuery(p) {
  const q = {dims: p.get("dims"), top: p.get("top"), metric: p.get("metric"),
    chart: p.get("chart") === "sankey" && p.get("dims").split(",").length < 2 ? "table" : p.get("chart")};
  if (p.get("filter")) q.filter = p.get("filter");
  if (p.get("from") && p.get("to")) {
    q.from = p.get("from");
    q.to = p.get("to");
  } else {
    const to = Math.floor(Date.now() / 1000);
    q.from = String(to - Number(p.get("range") || 3600));
    q.to = String(to);
  }
  return q;
}

// A drill-down: the group's condition joined to the filter with "and" (the old filter in
// parentheses when it has an "or", which binds weaker).
function addCondition(condition) {
  if (!condition) return;
  const filter = el("filter").value.trim();
  el("filter").value = !filter ? condition : /\bor\b/i.test(filter) ? "(" + filter + ") and " + condition
    : filter + " and " + condition;
  show(true);
}

function groupName(keys, labels) {
  return keys.map((k, i) => k === null ? "(none)" : labels[i] ? k + " " + labels[i] : k).join(" / ");
}

function showFilterError(error) {
  const box = el("filter-error");
  if (error.position === undefined) {
    box.hidden = true;
    return false;
  }
  const text = el("filter").value;
  box.textContent = text + "\n" + " ".repeat(error.position) + "^ " + error.message;
  box.dataset.position = error.position;
  box.hidden = false;
  el("filter").focus();
  el("filter").setSelectionRange(error.position, text.length);
  return true;
}

async function show(push) {
  const p = paramsFromForm();
  if (push) history.pushState(null, "", "?" + p);
  document.body.dataset.ready = "false";
  el("error").hidden = true;
  el("filter-error").hidden = true;
  const q = apiQuery(p);
  el("range-text").textContent = new Date(q.from * 1000).toISOString().slice(0, 16).replace("T", " ") + " - "
      + new Date(q.to * 1000).toISOString().slice(0, 16).replace("T", " ") + " UTC";
  try {
    view = await api("/api/explore", q);
    drawTable(view);
    drawChart(view, q.chart);
  } catch (e) {
    if (!showFilterError(e)) {
      el("error").textContent = "Could not load the view: " + e.message;
      el("error").hidden = false;
    }
    view = null;
    chart.clear();
    document.querySelector("#groups tbody").replaceChildren();
  }
  document.body.dataset.ready = "true";
}

function drawTable(v) {
  const head = document.querySelector("#groups thead tr");
  head.replaceChildren(...v.dimensions.concat(["bytes", "packets", "flows"]).map(name => {
    const th = document.createElement("th");
    th.textContent = name;
    return th;
  }));
  const body = document.querySelector("#groups tbody");
  body.replaceChildren();
  for (const g of v.groups) {
    const row = body.insertRow();
    row.dataset.key = g.keys.join("|");
    if (g.condition) row.dataset.condition = g.condition;
    g.keys.forEach((k, i) => {
      row.insertCell().textContent = k === null ? "(none)" : g.labels[i] ? k + " (" + g.labels[i] + ")" : k;
    });
    for (const field of ["bytes", "packets", "flows"]) {
      const cell = row.insertCell();
      cell.dataset.field = field;
      cell.dataset.value = g[field];
      cell.textContent = si(g[field]);
    }
    row.title = g.condition ? "add: " + g.condition : "";
    row.addEventListener("click", () => addCondition(g.condition));
  }
}

function drawChart(v, kind) {
  chart.clear();
  seriesConditions = [];
  if (kind === "series" && v.series) {
    seriesConditions = v.series.groups.map(s => s.condition);
    chart.setOption({
      useUTC: true, animation: false,
      tooltip: {trigger: "axis", renderMode: "richText", valueFormatter: x => si(x)},
      legend: {type: "scroll", bottom: 0},
      grid: {left: 70, right: 20, top: 20, bottom: 50},
      xAxis: {type: "time"},
      yAxis: {type: "value", name: v.metric + " per " + v.series.stepSeconds + " s", axisLabel: {formatter: x => si(x)}},
      series: v.series.groups.map(s => ({name: s.keys ? groupName(s.keys, labelsOf(v, s.keys)) : "other", type: "line",
        stack: "total", areaStyle: {}, showSymbol: false, triggerLineEvent: true,
        data: s.points.map(point => [point[0] * 1000, point[1]])})),
    });
  } else if (kind === "sankey" && v.sankey) {
    const nodes = new Map(v.sankey.nodes.map(n => [n.id, n]));
    chart.setOption({
      animation: false,
      tooltip: {trigger: "item", renderMode: "richText"},
      series: [{type: "sankey", left: 20, right: 120, top: 20, bottom: 20, emphasis: {focus: "adjacency"},
        nodeAlign: "justify", lineStyle: {color: "gradient", curveness: 0.5},
        label: {formatter: p => nodeText(nodes.get(p.name))},
        data: v.sankey.nodes.map(n => ({name: n.id, depth: n.level})),
        links: v.sankey.links.map(l => ({source: l.source, target: l.target, value: l.value}))}],
    });
  }
}

function labelsOf(v, keys) {
  const group = v.groups.find(g => g.keys.join("|") === keys.join("|"));
  return group ? group.labels : keys.map(() => null);
}

function nodeText(n) {
  if (!n) return "";
  return n.dimension + " " + (n.key === null ? "other" : n.label ? n.key + " " + n.label : n.key);
}

// A click on the chart: a series' group, a Sankey node's value, or a link's two values.
function onChartClick(p) {
  if (!view) return;
  if (p.componentSubType === "line") {
    addCondition(seriesConditions[p.seriesIndex]);
  } else if (p.componentSubType === "sankey") {
    const nodes = new Map(view.sankey.nodes.map(n => [n.id, n]));
    if (p.dataType === "node") {
      addCondition(nodes.get(p.name).condition);
    } else if (p.dataType === "edge") {
      const a = nodes.get(p.data.source).condition;
      const b = nodes.get(p.data.target).condition;
      if (a && b) addCondition(a + " and " + b);
    }
  }
}

async function start() {
  const me = await api("/api/me", {});
  el("who").textContent = me.user + (me.role === "operator" ? " (operator)" : " (customer " + me.cid + ")");
  const meta = await api("/api/explore/dimensions", {});
  ["dim1", "dim2", "dim3"].forEach((id, i) => {
    if (i > 0) el(id).add(new Option("-", NONE));
    for (const d of meta.dimensions) el(id).add(new Option(d, d));
  });
  chart = echarts.init(el("explore-chart"), null, {renderer: "canvas"});
  chart.on("click", onChartClick);
  window.addEventListener("resize", () => chart.resize());
  formFromUrl();
  el("view").addEventListener("submit", e => { e.preventDefault(); show(true); });
  window.addEventListener("popstate", () => { formFromUrl(); show(false); });
  await show(false);
}

start();
