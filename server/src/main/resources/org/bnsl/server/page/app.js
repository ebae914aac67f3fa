// The bnsl page: reads a CSV, asks the server's API to fit it (POST /api/v1/fit, the answer is what
// `bnsl fit --json` prints), draws the points, the fitted curve, its band and breaks with uPlot, and
// predicts at a target x with POST /api/v1/predict on the fitted model. The parameter and scores tables are the
// HTML report's own (output "tables"). Plain JS, no build step.
"use strict";

const $ = (id) => document.getElementById(id);
let state = null; // {request, fit, model, modelText, tables, rows}
let dataName = null; // the file's name, sent as "name": the curve is named after it, as on the command line
let plot = null;

// ---- talking to the API ----
async function api(op, body, as) {
  const res = await fetch("/api/v1/" + op, {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
  const type = res.headers.get("Content-Type") || "";
  if (!res.ok) {
    const e = type.startsWith("application/json") ? (await res.json()).error : {message: res.status + " " + res.statusText};
    throw Object.assign(new Error(e.message), {where: e.where});
  }
  if (as === "text") return res.text();
  return type.startsWith("application/json") ? res.json() : res.blob();
}

function clearErrors() {
  document.querySelectorAll("[data-err]").forEach((p) => { p.textContent = ""; });
  document.querySelectorAll(".invalid").forEach((el) => el.classList.remove("invalid"));
}

/** Shows an error next to the field it names, or under the Fit button. */
function showError(e, fallback) {
  const where = e.where && document.querySelector('[data-err="' + e.where + '"]') ? e.where : fallback;
  const p = document.querySelector('[data-err="' + where + '"]') || $("error");
  p.textContent = e.message;
  const field = document.querySelector('[data-field="' + where + '"]');
  if (field) field.classList.add("invalid");
}

// ---- reading the CSV ----
function parseCsv(text) {
  const rows = [];
  let row = [], cell = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(cell.trim()); cell = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell.trim()); cell = "";
      if (row.some((v) => v !== "")) rows.push(row);
      row = [];
    } else cell += c;
  }
  row.push(cell.trim());
  if (row.some((v) => v !== "")) rows.push(row);
  return rows;
}

function setColumns() {
  const rows = parseCsv($("csv").value);
  const header = rows.length ? rows[0] : [];
  const keep = (sel) => sel.value;
  const fill = (sel, first, initial) => {
    const old = keep(sel);
    sel.innerHTML = first;
    header.forEach((h) => sel.add(new Option(h, h)));
    sel.value = header.includes(old) ? old : initial;
  };
  fill($("x"), "", header[0] || "");
  fill($("y"), "", header[1] || "");
  fill($("group"), '<option value="">(one curve)</option>', "");
}

function loadText(text, name) {
  $("csv").value = text;
  dataName = name || null;
  setColumns();
}

function readFile(file) {
  if (!file) return;
  const r = new FileReader();
  r.onload = () => loadText(String(r.result), file.name);
  r.readAsText(file);
}

// ---- the request, as the CLI's options in snake_case ----
function request() {
  const body = {csv: $("csv").value, x: $("x").value, y: $("y").value};
  if (dataName) body.name = dataName;
  if ($("group").value) body.group = $("group").value;
  body.law = $("law").value;
  if (body.law === "bnsl") body.breaks = $("breaks").value;
  const h = $("holdout_above").value.trim();
  if (h) body.holdout_above = h;
  const b = $("bootstrap").value.trim();
  if (b && b !== "0") body.bootstrap = b;
  return body;
}

async function fit() {
  clearErrors();
  $("busy").hidden = false;
  $("fit").disabled = true;
  try {
    const req = request();
    // the JSON, the model file and the report's own tables (an HTML fragment styled by /report.css), each for the same fields
    const [result, modelText, tables] = await Promise.all([api("fit", req), api("fit", Object.assign({}, req, {output: "model"}), "text"),
      api("fit", Object.assign({}, req, {output: "tables"}), "text")]);
    state = {request: req, fit: result, model: JSON.parse(modelText), modelText: modelText, tables: tables, rows: parseCsv(req.csv)};
    await show();
  } catch (e) {
    showError(e, "");
  } finally {
    $("busy").hidden = true;
    $("fit").disabled = false;
  }
}

// ---- showing the fit ----
const fmt = (v) => v == null ? "—" : Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(4) : String(+v.toPrecision(6));

const tick = (u, vals) => vals.map((v) => v == null ? "" : fmt(v));

function points() {
  const [header, ...rows] = state.rows;
  const ix = header.indexOf(state.request.x), iy = header.indexOf(state.request.y);
  const ig = state.request.group ? header.indexOf(state.request.group) : -1;
  const above = state.request.holdout_above != null ? Number(state.request.holdout_above) : Infinity;
  const byGroup = new Map();
  for (const r of rows) {
    const x = Number(r[ix]), y = Number(r[iy]);
    if (!(x > 0 && y > 0)) continue;
    const g = ig >= 0 ? r[ig] : null;
    if (!byGroup.has(g)) byGroup.set(g, {train: [], held: []});
    byGroup.get(g)[x > above ? "held" : "train"].push([x, y]);
  }
  return byGroup;
}

function range() {
  let lo = Infinity, hi = 0;
  for (const s of state.fit.series) {
    for (const [x] of seriesPoints(s).train.concat(seriesPoints(s).held)) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
  }
  return [lo, hi];
}

function seriesPoints(s) {
  const p = state.points;
  return p.get(state.request.group ? s.name : null) || p.values().next().value || {train: [], held: []};
}

async function show() {
  state.points = points();
  const ok = state.fit.series.filter((s) => !s.error);
  const [lo, hi] = range();
  state.range = [lo, hi * 10]; // the curve and the target slider reach 10x beyond the largest x
  const xs = [];
  for (let i = 0; i <= 120; i++) xs.push(lo * Math.pow(state.range[1] / lo, i / 120));
  const pred = await api("predict", {model: state.model, at: xs});
  $("result").hidden = false;
  drawChart(ok, xs, pred);
  $("tables").innerHTML = state.tables; // escaped by the server's templates; the page's CSP still allows no inline script
  $("breaks-out").textContent = ok.flatMap((s) => (s.break_points || []).map((b) =>
    (ok.length > 1 ? s.name + ": " : "") + "break at x = " + fmt(b.x) + " (slope " + fmt(b.slope_before) + " → " + fmt(b.slope_after) + ")")).join("; ");
  $("breaks-out").dataset.breaks = JSON.stringify(ok.flatMap((s) => (s.break_points || []).map((b) => b.x)));
  $("backtest-section").hidden = state.fit.series.length < 2;
  await target();
}

function drawChart(ok, xs, pred) {
  // uPlot wants one shared x array: the curve's x and every data x, each series null where it has no value
  const all = new Set(xs);
  for (const s of ok) for (const [x] of seriesPoints(s).train.concat(seriesPoints(s).held)) all.add(x);
  const X = Array.from(all).sort((a, b) => a - b);
  const at = new Map(X.map((x, i) => [x, i]));
  const data = [X], series = [{label: state.request.x}], bands = [];
  const colours = ["#3d6fd9", "#d9613d", "#2e9e5b", "#9c3dd9", "#c9a227", "#3dbad9"];
  ok.forEach((s, k) => {
    const c = colours[k % colours.length];
    const name = ok.length > 1 ? s.name + " " : "";
    const col = () => new Array(X.length).fill(null);
    const train = col(), held = col(), curve = col(), lo = col(), hi = col();
    const pts = seriesPoints(s);
    pts.train.forEach(([x, y]) => { train[at.get(x)] = y; });
    pts.held.forEach(([x, y]) => { held[at.get(x)] = y; });
    const p = pred.series.find((q) => q.name === s.name) || pred.series[k];
    let band = false;
    p.predictions.forEach((q, i) => {
      const j = at.get(xs[i]);
      curve[j] = q.predicted;
      if (q.lo != null) { lo[j] = q.lo; hi[j] = q.hi; band = true; }
    });
    data.push(train, held, curve);
    series.push({label: name + "fitted points", stroke: c, paths: () => null, points: {show: true, size: 6, fill: c}},
      {label: name + "held out", stroke: c, paths: () => null, points: {show: true, size: 8, fill: "#fff", width: 2}},
      {label: name + s.law, stroke: c, width: 2, spanGaps: true, points: {show: false}});
    if (band) {
      data.push(hi, lo);
      const level = p.level ? Math.round(p.level * 100) + "% " : "";
      series.push({label: name + level + "band hi", stroke: c + "55", spanGaps: true, points: {show: false}},
        {label: name + level + "band lo", stroke: c + "55", spanGaps: true, points: {show: false}});
      bands.push({series: [data.length - 2, data.length - 1], fill: c + "22"});
    }
  });
  const breaks = ok.flatMap((s) => (s.break_points || []).map((b) => b.x));
  const opts = {
    width: Math.max(320, $("chart").clientWidth || 900), height: 380,
    scales: {x: {time: false, distr: 3}, y: {distr: 3}},
    axes: [{label: state.request.x, values: tick}, {label: state.request.y, size: 70, values: tick}],
    series: series, bands: bands,
    hooks: {draw: [(u) => {
      const ctx = u.ctx;
      ctx.save();
      ctx.strokeStyle = "#888";
      ctx.setLineDash([5, 4]);
      for (const b of breaks) {
        const px = u.valToPos(b, "x", true);
        ctx.beginPath();
        ctx.moveTo(px, u.bbox.top);
        ctx.lineTo(px, u.bbox.top + u.bbox.height);
        ctx.stroke();
      }
      ctx.restore();
    }]},
  };
  if (plot) plot.destroy();
  plot = new uPlot(opts, data, $("chart"));
}

// ---- the target slider: log scale from the smallest x to 10x the largest ----
function sliderX() {
  const [lo, hi] = state.range;
  return lo * Math.pow(hi / lo, Number($("slider").value) / 1000);
}

let pending = null, running = false;
async function target() {
  pending = sliderX();
  if (running) return; // the answer in flight is followed by one for the latest position
  running = true;
  try {
    while (pending != null) {
      const x = pending;
      pending = null;
      const p = await api("predict", {model: state.model, at: [x]});
      $("target-x").textContent = "x = " + fmt(x);
      $("target-x").dataset.value = x;
      const ul = $("predictions");
      ul.innerHTML = "";
      for (const s of p.series) {
        const q = s.predictions[0];
        const li = document.createElement("li");
        li.className = "prediction";
        li.dataset.value = q.predicted;
        li.dataset.x = x;
        li.textContent = s.name + ": " + state.request.y + " ≈ " + fmt(q.predicted)
          + (q.lo != null ? "  [" + fmt(q.lo) + ", " + fmt(q.hi) + "]" : "") + "  (" + fmt(q.extrapolation) + "× the largest fitted x)";
        ul.appendChild(li);
      }
    }
  } catch (e) {
    showError(e, "");
  } finally {
    running = false;
  }
}

// ---- downloads: the model already fetched; the report and the SVG from the same request ----
function save(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

async function download(output, name, type) {
  clearErrors();
  try {
    if (output === "model") return save(new Blob([state.modelText], {type: type}), name); // the model file as the server wrote it
    save(await api("fit", Object.assign({}, state.request, {output: output})), name);
  } catch (e) {
    showError(e, "");
  }
}

async function backtest() {
  clearErrors();
  $("backtest-busy").hidden = false;
  try {
    const r = state.request;
    const body = {csv: r.csv, x: r.x, y: r.y, group: r.group};
    if (r.name) body.name = r.name;
    if (r.holdout_above != null) body.holdout_above = r.holdout_above;
    const b = await api("backtest", body);
    const tb = $("backtest").tBodies[0];
    tb.innerHTML = "";
    for (const m of b.methods) {
      const tr = tb.insertRow();
      [m.name, fmt(m.median), fmt(m.p90), fmt(m.worst), m.best_count + " of " + b.curves, m.failed].forEach((v) => {
        tr.insertCell().textContent = v;
      });
    }
  } catch (e) {
    showError(e, "backtest");
  } finally {
    $("backtest-busy").hidden = true;
  }
}

// ---- wiring ----
$("file").addEventListener("change", (e) => readFile(e.target.files[0]));
$("csv").addEventListener("input", () => { dataName = null; setColumns(); });
const drop = $("drop");
["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.add("over"); }));
["dragleave", "drop"].forEach((t) => drop.addEventListener(t, () => drop.classList.remove("over")));
drop.addEventListener("drop", (e) => { e.preventDefault(); readFile(e.dataTransfer.files[0]); });
$("fit").addEventListener("click", fit);
$("slider").addEventListener("input", () => { if (state) target(); });
$("dl-model").addEventListener("click", () => download("model", "bnsl-model.json", "application/json"));
$("dl-report").addEventListener("click", () => download("report", "bnsl-report.html", "text/html"));
$("dl-svg").addEventListener("click", () => download("svg", "bnsl-fit.svg", "image/svg+xml"));
$("run-backtest").addEventListener("click", backtest);
$("law").addEventListener("change", () => { $("breaks").disabled = $("law").value !== "bnsl"; });
fetch("/api/v1/laws").then((r) => r.json()).then((j) => {
  for (const l of j.laws) if (l.variables.length === 1 && l.name !== "bnsl") $("law").add(new Option(l.name + ": " + l.formula, l.name));
}).catch(() => {});
