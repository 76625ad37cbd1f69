// The dashboard page: asks the server's JSON API (which applies the customer filter itself) and
// draws the answers with ECharts. URL parameters from, to (ISO or Unix seconds) and cid pin the
// view, so a link shows the same numbers to everyone allowed to see them.
"use strict";

const PANELS = [
  {title: "Traffic by direction", measurement: "flows", split: "direction"},
  {title: "By application", measurement: "flows", split: "application"},
  {title: "By protocol", measurement: "flows", split: "protoname"},
  {title: "By IP version", measurement: "flows", split: "ipversion"},
  {title: "By peer", measurement: "flows", split: "peer"},
  {title: "By remote country", measurement: "flows_by_country", split: "remotecountry"},
  {title: "By remote AS", measurement: "flows_by_as", split: "remoteas"}, // the remote side's origin AS
  {title: "By neighbour AS", measurement: "flows_by_neighbor_as", split: "neighboras"},
  {title: "By community", measurement: "flows_by_community", split: "community"},
  {title: "By customer", measurement: "flows", split: "cid", operatorOnly: true},
];
const params = new URLSearchParams(location.search);
const charts = [];
let me = null;
let ingestChart = null;
let timer = null;

// A number with SI prefixes; up to E, where a counter the sink saturated (Long.MAX, 9.22 E) ends.
function si(value, unit) {
  const prefixes = ["", "k", "M", "G", "T", "P", "E"];
  let i = 0;
  while (Math.abs(value) >= 1000 && i < prefixes.length - 1) { value /= 1000; i++; }
  return (value >= 100 || i === 0 ? value.toFixed(0) : value.toPrecision(3)) + " " + prefixes[i] + unit;
}

function range() {
  if (params.get("from") && params.get("to")) return {from: params.get("from"), to: params.get("to")};
  const to = Math.floor(Date.now() / 1000);
  return {from: String(to - Number(document.getElementById("range").value)), to: String(to)};
}

async function api(path, query) {
  const response = await fetch(path + "?" + new URLSearchParams(query));
  if (response.status === 401) { // the session ended (30 minutes unused, 8 hours, or a new password)
    location.assign("/login.html");
    throw new Error("logged out");
  }
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function baseQuery() {
  const q = range();
  const cid = document.getElementById("customer").value;
  if (cid) q.cid = cid;
  return q;
}

function setValue(id, value, text) {
  const element = document.getElementById(id);
  element.dataset.value = value;
  element.textContent = text;
}

async function showSummary() {
  const q = baseQuery();
  const totals = await api("/api/totals", q);
  const t = totals[0] || {bytes: 0, packets: 0, flows: 0};
  const seconds = Math.max(1, toSeconds(q.to) - toSeconds(q.from));
  setValue("total-bytes", t.bytes, si(t.bytes, "B"));
  setValue("total-packets", t.packets, si(t.packets, ""));
  setValue("total-flows", t.flows, si(t.flows, ""));
  setValue("total-rate", t.bytes * 8 / seconds, si(t.bytes * 8 / seconds, "bit/s"));
  document.getElementById("range-text").textContent =
      new Date(toSeconds(q.from) * 1000).toISOString().slice(0, 16).replace("T", " ") + " - " +
      new Date(toSeconds(q.to) * 1000).toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

function toSeconds(value) {
  return /^\d+$/.test(value) ? Number(value) : Math.floor(Date.parse(value) / 1000);
}

async function showPanel(panel, chart) {
  const metric = document.getElementById("metric").value;
  const series = await api("/api/series", Object.assign(baseQuery(),
      {measurement: panel.measurement, split: panel.split, limit: 8}));
  chart.setOption({
    series: series.map(s => ({name: label(panel.split, s.key), type: "line", stack: "total", areaStyle: {}, showSymbol: false,
      data: s.points.map(p => [p.epochSecond * 1000, p[metric]])})),
  }, {replaceMerge: ["series"]});
}

function label(split, key) {
  return split === "ipversion" && /^[46]$/.test(key) ? "IPv" + key : key;
}

async function showTable(id, measurement, split) {
  const rows = await api("/api/totals", Object.assign(baseQuery(), {measurement, split, limit: 10}));
  const body = document.querySelector("#" + id + " tbody");
  body.replaceChildren();
  for (const t of rows) {
    const row = body.insertRow();
    row.dataset.key = t.key;
    row.insertCell().textContent = t.key;
    for (const v of [t.bytes, t.packets, t.flows]) {
      const cell = row.insertCell();
      cell.dataset.value = v;
      cell.textContent = si(v, "");
    }
  }
}

// A stacked line chart of rates over time; unit() names the unit of its values.
function newChart(div, title, unit) {
  const chart = echarts.init(div, null, {renderer: "canvas"});
  chart.setOption({
    title: {text: title, textStyle: {fontSize: 14}},
    useUTC: true, animation: false,
    // Drawn on the canvas, not as HTML: HTML tooltips need inline style attributes, which the
    // Content-Security-Policy (style-src 'self') refuses.
    tooltip: {trigger: "axis", renderMode: "richText", valueFormatter: v => si(v, unit())},
    legend: {type: "scroll", bottom: 0},
    grid: {left: 70, right: 20, top: 40, bottom: 50},
    xAxis: {type: "time"},
    yAxis: {type: "value", axisLabel: {formatter: v => si(v, "")}},
    series: [],
  });
  return chart;
}

function makeCharts() {
  const box = document.getElementById("charts");
  const metric = () => document.getElementById("metric").value === "bitsPerSecond" ? "bit/s" : "pkt/s";
  for (const panel of PANELS) {
    if (panel.operatorOnly && me.role !== "operator") continue;
    const div = document.createElement("div");
    div.className = "chart";
    box.appendChild(div);
    charts.push({panel, chart: newChart(div, panel.title, metric)});
  }
}

// A rate to read in a table: three digits, or SI prefixes from 1000 on.
function rate(value) {
  return value === 0 ? "0" : value < 100 ? value.toPrecision(3) : si(value, "");
}

// A counter cell or value: the exact number in data-value, marked as trouble when it should be 0 and is not.
function setCount(element, value, troubleIfNonzero) {
  element.dataset.value = value;
  element.textContent = si(value, "");
  element.classList.toggle("trouble", troubleIfNonzero && value !== 0);
}

// Longer than this without a report (sources report every 10 s by default) and an exporter is marked silent.
const SILENT_SECONDS = 60;

// The sources' ingest health (operators only): flows/s per exporter, each exporter's rates and
// losses, and the tasks' own drop counters. Not per customer, so only the range is sent.
async function showIngest() {
  const ingest = await api("/api/ingest", Object.assign(range(), {limit: 8}));
  ingestChart.setOption({
    series: ingest.flowsPerSecond.map(s => ({name: s.key, type: "line", stack: "total", areaStyle: {}, showSymbol: false,
      data: s.points.map(p => [p.epochSecond * 1000, p.flowsPerSecond])})),
  }, {replaceMerge: ["series"]});
  const body = document.querySelector("#ingest-exporters tbody");
  body.replaceChildren();
  for (const e of ingest.exporters) {
    const row = body.insertRow();
    row.dataset.key = e.exporter;
    row.insertCell().textContent = e.exporter;
    for (const field of ["flowsPerSecond", "datagramsPerSecond"]) {
      const cell = row.insertCell();
      cell.dataset.field = field;
      cell.dataset.value = e[field];
      cell.textContent = rate(e[field]);
    }
    // Losses before the source, and flows whose time the exporter's wrong clock set beyond the tolerance.
    for (const field of ["sequenceGaps", "sequenceMissing", "clockSkewed"]) {
      const cell = row.insertCell();
      cell.dataset.field = field;
      setCount(cell, e[field], true);
    }
    // An exporter gets rows only while it sends: no report in the last minute of the range means it went silent.
    const last = row.insertCell();
    const silent = toSeconds(range().to) - e.lastReport > SILENT_SECONDS;
    last.dataset.field = "lastReport";
    last.dataset.value = e.lastReport;
    last.textContent = new Date(e.lastReport * 1000).toISOString().slice(11, 19);
    last.title = silent ? "no report for more than a minute before the end of the range" : "";
    last.classList.toggle("trouble", silent);
    row.classList.toggle("trouble-row", e.sequenceGaps > 0 || e.sequenceMissing > 0 || e.clockSkewed > 0 || silent);
  }
  const tasks = {"datagrams-received": ingest.tasks.datagramsReceived, "kernel-drops": ingest.tasks.kernelDrops,
    "not-allowed": ingest.tasks.notAllowed, "malformed": ingest.tasks.malformed,
    "template-misses": ingest.tasks.templateMisses};
  for (const [id, value] of Object.entries(tasks)) {
    const element = document.getElementById("ingest-" + id);
    setCount(element, value, element.hasAttribute("data-trouble-if-nonzero"));
  }
}

// UTC time of Unix seconds, to the second.
function utc(seconds) {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ");
}

function duration(seconds) {
  if (seconds < 60) return seconds + " s";
  if (seconds < 3600) return Math.floor(seconds / 60) + " min " + seconds % 60 + " s";
  if (seconds < 86400) return Math.floor(seconds / 3600) + " h " + Math.floor(seconds % 3600 / 60) + " min";
  return Math.floor(seconds / 86400) + " d " + Math.floor(seconds % 86400 / 3600) + " h";
}

// A table cell: its text, and the exact value behind it in data-value (when it has one).
function addCell(row, field, value, text, className) {
  const cell = row.insertCell();
  cell.dataset.field = field;
  if (value !== null && value !== undefined) cell.dataset.value = value;
  cell.textContent = text;
  if (className) cell.className = className;
  return cell;
}

function rateText(value, unit) {
  return value === null || value === undefined ? "-" : si(value, unit);
}

// "UDP/53"; the port only where the attack has one (not ICMP's 0).
function topText(top) {
  if (top.protocol === null) return "-";
  return (top.protocolName || String(top.protocol)) + (top.port ? "/" + top.port : "");
}

// Under an attack's row: each of its routes (announced or not, as of the range's end) and its actions in order.
function routesRow(key, attack, columns) {
  const row = document.createElement("tr");
  row.className = "routes";
  row.dataset.routesOf = key;
  const cell = row.insertCell();
  cell.colSpan = columns;
  for (const r of attack.routes) {
    const route = document.createElement("div");
    route.className = "route";
    route.dataset.routeKey = r.routeKey;
    route.dataset.announced = r.announced;
    const badge = document.createElement("span");
    badge.className = "badge" + (r.announced ? " announced" : "");
    badge.textContent = r.announced ? "announced" : "not announced";
    const name = document.createElement("span");
    name.className = "route-name";
    name.textContent = r.route || r.routeKey;
    const actions = document.createElement("ol");
    actions.className = "actions";
    for (const m of attack.mitigations.filter(m => m.routeKey === r.routeKey)) {
      const item = document.createElement("li");
      item.dataset.action = m.action;
      item.textContent = utc(Math.floor(m.time / 1000)).slice(11) + " " + m.action + (m.reason ? ": " + m.reason : "");
      item.title = utc(Math.floor(m.time / 1000)) + " UTC";
      actions.appendChild(item);
    }
    route.append(badge, name, actions);
    cell.appendChild(route);
  }
  return row;
}

// The DDoS attacks of the range (the DDoS sink's; for a customer only its own, which the server
// enforces): a row per attack, open ones first, and under it its routes. A failure stays in this
// section: the traffic above is shown all the same.
async function showAttacks() {
  const body = document.querySelector("#attacks-table tbody");
  const note = document.getElementById("attacks-note");
  let answer;
  try {
    answer = await api("/api/attacks", baseQuery());
  } catch (e) {
    body.replaceChildren();
    note.textContent = "Could not load the attacks: " + e.message;
    note.hidden = false;
    return;
  }
  const operator = me.role === "operator";
  const columns = document.querySelectorAll("#attacks-table thead th").length;
  body.replaceChildren();
  note.hidden = answer.attacks.length > 0 && !answer.truncated;
  note.textContent = !answer.tables && operator
    ? "The database has no DDoS tables (ddos_attacks, ddos_mitigations): run connect-configs/questdb/tables.sql."
    : answer.attacks.length === 0 ? "No attack in this range."
    : "More attacks or actions than one answer holds: the first " + answer.attacks.length + " attacks.";
  for (const a of answer.attacks) {
    const key = a.cid + "/" + a.attack;
    const row = body.insertRow();
    row.className = "attack" + (a.open ? " trouble-row" : "");
    row.dataset.key = key;
    row.dataset.open = a.open;
    row.title = "attack " + a.attack;
    if (operator) addCell(row, "cid", a.cid, a.cid, "text");
    addCell(row, "target", null, a.target, "text");
    addCell(row, "start", a.start, utc(a.start));
    // The end's time alone when it is on the start's day.
    const end = a.open ? "ongoing" : utc(a.end).slice(0, 10) === utc(a.start).slice(0, 10) ? utc(a.end).slice(11) : utc(a.end);
    addCell(row, "end", a.end, end, a.open ? "trouble" : "");
    addCell(row, "durationSeconds", a.durationSeconds, duration(a.durationSeconds));
    addCell(row, "peakBitsPerSecond", a.peak.bitsPerSecond, rateText(a.peak.bitsPerSecond, "bit/s"));
    addCell(row, "peakPacketsPerSecond", a.peak.packetsPerSecond, rateText(a.peak.packetsPerSecond, "pkt/s"));
    addCell(row, "threshold", null, rateText(a.threshold.bitsPerSecond, "bit/s") + ", "
        + rateText(a.threshold.packetsPerSecond, "pkt/s"));
    addCell(row, "top", null, topText(a.top), "text");
    addCell(row, "topSource", null, a.top.source || "-", "text");
    const announced = a.routes.filter(r => r.announced).length;
    addCell(row, "announced", announced, a.routes.length === 0 ? "none" : announced + "/" + a.routes.length
        + " announced", announced > 0 ? "announced" : "");
    if (a.routes.length > 0) body.appendChild(routesRow(key, a, columns));
  }
}

async function refresh() {
  document.body.dataset.ready = "false";
  const error = document.getElementById("error");
  try {
    const work = [showSummary(), showTable("top-talkers", "top_hosts", "host")];
    if (me.role === "operator") work.push(showTable("top-customers", "flows", "cid"), showIngest());
    if (me.attacks) work.push(showAttacks());
    for (const c of charts) work.push(showPanel(c.panel, c.chart));
    await Promise.all(work);
    error.hidden = true;
  } catch (e) {
    error.textContent = "Could not load the data: " + e.message;
    error.hidden = false;
  }
  document.body.dataset.ready = "true";
}

function schedule() {
  clearInterval(timer);
  const seconds = Number(document.getElementById("refresh").value);
  if (seconds > 0 && !params.get("to")) timer = setInterval(refresh, seconds * 1000);
}

async function start() {
  me = await api("/api/me", {});
  document.getElementById("who").textContent =
      me.user + (me.role === "operator" ? " (operator)" : " (customer " + me.cid + ")");
  document.getElementById("explorer-link").hidden = !me.explorer;
  if (me.attacks) {
    document.getElementById("attacks").hidden = false;
  } else {
    document.getElementById("attacks").remove();
  }
  const customer = document.getElementById("customer");
  if (me.role === "operator") {
    const customers = await api("/api/totals", Object.assign(range(), {split: "cid", limit: 100}));
    for (const c of customers) customer.add(new Option(c.key, c.key));
    if (params.get("cid")) customer.value = params.get("cid");
    document.getElementById("ingest").hidden = false;
    ingestChart = newChart(document.getElementById("ingest-chart"), "Flows/s per exporter", () => "flows/s");
  } else {
    customer.parentElement.hidden = true;
    if (me.attacks) document.querySelector("#attacks-table .customer-column").remove();
    document.getElementById("top-customers-box").hidden = true;
    document.getElementById("ingest").remove();
  }
  makeCharts();
  for (const id of ["customer", "range", "metric"]) document.getElementById(id).addEventListener("change", refresh);
  document.getElementById("refresh").addEventListener("change", schedule);
  window.addEventListener("resize", () => {
    charts.forEach(c => c.chart.resize());
    if (ingestChart) ingestChart.resize();
  });
  await refresh();
  schedule();
}

start();
