// contentmix dashboard: plain JavaScript, no build step. Loads the state from /api/overview and
// /api/brand, then follows /api/events (server-sent events). Every text from the stream goes in
// through textContent, never as HTML: brand names and signals come from whoever publishes posts.
"use strict";

const MAX_ALERTS = 200;
const MAX_POSTS = 50;
const MAX_POINTS = 500;
const ZONE_WORDS = {WITHIN: "Within", CLOSE: "Close to limit", OVER: "Over", INSUFFICIENT_DATA: "Not judged yet"};
const ALERT_WORDS = {OVER_SELLING: "Over-selling", BACK_WITHIN: "Back within", GOAL_DRIFT: "Goal drift"};
const COLORS = {within: "#1a7f37", close: "#d4a017", over: "#c62828", ink: "#1d2330", muted: "#8a93a3",
  sales: "#d9534f", value: "#2457c5"};

const state = {
  rows: new Map(),        // brand -> BrandRow {brand, zone, mix}
  alerts: [],             // newest first
  selected: null,         // brand name
  detail: null,           // BrandDetail of the selected brand
  charts: {},
  loaded: false,
};

// ---------- helpers ----------

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("data-")) e.setAttribute(k, v);
    else if (k === "title") e.title = v;
    else if (k === "style") e.style.cssText = v;
    else e[k] = v;
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function pct(x, digits = 1) {
  return (x * 100).toFixed(digits) + "%";
}

function limitPct(x) {
  const p = x * 100;
  return (Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)) + "%";
}

/** "PT720H" or "P30D" (Jackson writes Durations as hours) as "30 days". */
function describeWindow(iso) {
  if (!iso) return "time window";
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(iso);
  if (!m) return iso;
  const seconds = (+(m[1] || 0)) * 86400 + (+(m[2] || 0)) * 3600 + (+(m[3] || 0)) * 60 + (+(m[4] || 0));
  if (seconds % 86400 === 0) { const d = seconds / 86400; return d + (d === 1 ? " day" : " days"); }
  if (seconds % 3600 === 0) { const h = seconds / 3600; return h + (h === 1 ? " hour" : " hours"); }
  return Math.round(seconds / 60) + " min";
}

function time(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return d.toLocaleString(undefined, {month: "short", day: "numeric", hour: "2-digit", minute: "2-digit"});
}

function headroom(row) {
  const m = row.mix;
  if (row.zone === "INSUFFICIENT_DATA") {
    const need = Math.max(0, m.policy.minPosts - Math.max(m.timeWindow.posts, m.countWindow.posts));
    return need + " more post" + (need === 1 ? "" : "s") + " before judging";
  }
  const h = m.headroom || {salesPostsThatFit: 0, valuePostsNeeded: 0};
  if (m.status === "OVER") {
    if (h.valuePostsNeeded < 0) return "only time brings it back under";
    return "needs " + h.valuePostsNeeded + " value post" + (h.valuePostsNeeded === 1 ? "" : "s");
  }
  return "room for " + h.salesPostsThatFit + " sales post" + (h.salesPostsThatFit === 1 ? "" : "s");
}

async function getJson(url) {
  const r = await fetch(url, {cache: "no-store"});
  if (r.status === 404) return null;
  if (!r.ok) throw new Error(url + ": HTTP " + r.status);
  return r.json();
}

// ---------- feed status ----------

function showFeed(feed, streamOpen) {
  const box = document.getElementById("feed");
  const text = document.getElementById("feed-text");
  let s;
  let words;
  if (!streamOpen) {
    s = "down";
    words = "reconnecting to the dashboard…";
  } else if (!feed.connected || feed.problem) {
    s = "problem";
    words = feed.problem || "cannot reach Kafka";
  } else {
    s = "live";
    words = (feed.caughtUp ? "live" : "loading history") + " · " + feed.records.toLocaleString() + " records"
        + (feed.badRecords ? " · " + feed.badRecords + " unreadable" : "") + " · Kafka " + feed.bootstrapServers;
  }
  box.dataset.state = s;
  text.textContent = words;
}

// ---------- overview ----------

function renderSummary() {
  const counts = {OVER: 0, CLOSE: 0, WITHIN: 0, INSUFFICIENT_DATA: 0};
  for (const r of state.rows.values()) counts[r.zone]++;
  const box = document.getElementById("summary");
  box.replaceChildren(
      el("span", {class: "chip"}, el("b", {text: state.rows.size}), "brands"),
      el("span", {class: "chip over", "data-count": "OVER"}, el("b", {text: counts.OVER}), "over"),
      el("span", {class: "chip close"}, el("b", {text: counts.CLOSE}), "close to the limit"),
      el("span", {class: "chip within"}, el("b", {text: counts.WITHIN}), "within"),
      el("span", {class: "chip"}, el("b", {text: counts.INSUFFICIENT_DATA}), "not judged yet"));
}

function brandRowElement(row) {
  const m = row.mix;
  const limit = m.policy.maxSalesShare;
  const share = m.timeWindow.salesShare;
  const bar = el("div", {class: "bar", title: "share " + pct(share) + ", limit " + limitPct(limit)},
      el("div", {class: "fill", style: "width:" + Math.min(100, share * 100).toFixed(1) + "%"}),
      el("div", {class: "limit", style: "left:calc(" + (limit * 100).toFixed(1) + "% - 1px)"}));
  const tr = el("tr", {"data-brand": row.brand, "data-zone": row.zone, "data-share": share.toFixed(4)},
      el("td", {class: "brand", text: row.brand}),
      el("td", {}, el("div", {class: "share"}, el("span", {class: "value", text: pct(share)}), bar)),
      el("td", {class: "num limit-cell", text: limitPct(limit)}),
      el("td", {class: "num", title: "sales share of the last " + m.policy.lastPosts + " posts",
        text: pct(m.countWindow.salesShare) + " of " + m.countWindow.posts}),
      el("td", {class: "num", text: m.timeWindow.posts + " (" + m.timeWindow.sales + " sales)"}),
      el("td", {class: "headroom", text: headroom(row)}),
      el("td", {}, el("span", {class: "badge status " + row.zone, text: ZONE_WORDS[row.zone] || row.zone})));
  tr.addEventListener("click", () => select(row.brand));
  if (row.brand === state.selected) tr.classList.add("selected");
  return tr;
}

function renderBrands() {
  const tbody = document.querySelector("#brands tbody");
  const rows = [...state.rows.values()].sort((a, b) =>
      a.brand.localeCompare(b.brand, undefined, {sensitivity: "base"}) || (a.brand < b.brand ? -1 : 1));
  tbody.replaceChildren(...rows.map(brandRowElement));
  document.getElementById("no-brands").hidden = rows.length > 0;
  const windows = new Set(rows.map(r => describeWindow(r.mix.policy.window)));
  document.getElementById("window-hint").textContent =
      windows.size === 1 ? "(last " + [...windows][0] + ")" : "(each brand's time window)";
  renderSummary();
}

function updateBrandRow(row) {
  state.rows.set(row.brand, row);
  const tbody = document.querySelector("#brands tbody");
  const old = [...tbody.children].find(tr => tr.dataset.brand === row.brand);
  if (!old) {
    renderBrands();
    return;
  }
  const fresh = brandRowElement(row);
  fresh.classList.add("flash");
  old.replaceWith(fresh);
}

function alertElement(a, withBrand) {
  const meta = el("div", {class: "meta"},
      el("span", {class: "badge " + a.type, text: ALERT_WORDS[a.type] || a.type}));
  if (withBrand) {
    const who = el("span", {class: "who", text: a.brand});
    who.addEventListener("click", () => select(a.brand));
    meta.append(who);
  }
  meta.append(el("span", {text: time(a.at)}));
  return el("li", {"data-type": a.type, "data-brand": a.brand}, meta,
      el("div", {class: "msg", text: a.message || (pct(a.share) + " against " + limitPct(a.limit))}));
}

function renderAlerts() {
  const list = document.getElementById("alerts");
  list.replaceChildren(...state.alerts.map(a => alertElement(a, true)));
  document.getElementById("no-alerts").hidden = state.alerts.length > 0;
}

// ---------- one brand ----------

function select(brand) {
  if (state.selected === brand) return;
  state.selected = brand;
  history.replaceState(null, "", "#brand=" + encodeURIComponent(brand));
  for (const tr of document.querySelectorAll("#brands tbody tr")) {
    tr.classList.toggle("selected", tr.dataset.brand === brand);
  }
  loadDetail();
}

async function loadDetail() {
  const brand = state.selected;
  if (!brand) return;
  const d = await getJson("api/brand?name=" + encodeURIComponent(brand));
  if (brand !== state.selected) return; // another brand was chosen meanwhile
  state.detail = d;
  renderDetail();
}

function renderDetail() {
  const box = document.getElementById("detail");
  const d = state.detail;
  if (!d) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  document.getElementById("detail-title").textContent = d.brand;
  const status = document.getElementById("detail-status");
  const row = d.row;
  if (row) {
    const m = row.mix;
    status.className = "badge " + row.zone;
    status.textContent = ZONE_WORDS[row.zone];
    document.getElementById("detail-facts").textContent =
        pct(m.timeWindow.salesShare) + " sales over the last " + describeWindow(m.policy.window)
        + " (" + m.timeWindow.posts + " posts), " + pct(m.countWindow.salesShare) + " over the last "
        + m.policy.lastPosts + " posts · limit " + limitPct(m.policy.maxSalesShare) + " · " + headroom(row);
  } else {
    status.className = "badge INSUFFICIENT_DATA";
    status.textContent = "no snapshot yet";
    document.getElementById("detail-facts").textContent = "";
  }
  renderShareChart();
  renderBreakdowns();
  renderPosts();
  const alerts = document.getElementById("brand-alerts");
  alerts.replaceChildren(...d.alerts.map(a => alertElement(a, false)));
  document.getElementById("no-brand-alerts").hidden = d.alerts.length > 0;
}

function chartTime(ms) {
  const d = new Date(ms);
  return d.toLocaleString(undefined, {month: "short", day: "numeric", hour: "2-digit", minute: "2-digit"});
}

/** Axis labels: dates over a span of days, times of day over a shorter one. */
function axisTime(ms, span) {
  const d = new Date(ms);
  if (span > 3 * 86400000) return d.toLocaleDateString(undefined, {month: "short", day: "numeric"});
  if (span > 86400000) return chartTime(ms);
  return d.toLocaleTimeString(undefined, {hour: "2-digit", minute: "2-digit"});
}

function shareData(history) {
  return {
    time: history.map(p => ({x: Date.parse(p.at), y: p.timeShare * 100})),
    count: history.map(p => ({x: Date.parse(p.at), y: p.countShare * 100})),
    limit: history.map(p => ({x: Date.parse(p.at), y: p.limit * 100})),
  };
}

function renderShareChart() {
  const d = state.detail;
  const data = shareData(d.history);
  const windowName = d.row ? describeWindow(d.row.mix.policy.window) : "time window";
  const lastPosts = d.row ? d.row.mix.policy.lastPosts : "N";
  let chart = state.charts.share;
  if (!chart) {
    chart = new Chart(document.getElementById("share-chart"), {
      type: "line",
      data: {datasets: [
        {label: "", data: [], borderColor: COLORS.value, backgroundColor: "rgba(36,87,197,.08)", fill: true,
          borderWidth: 2.5, pointRadius: 0},
        {label: "", data: [], borderColor: COLORS.muted, borderDash: [4, 3], borderWidth: 1.5, pointRadius: 0},
        {label: "Limit", data: [], borderColor: COLORS.over, borderDash: [8, 5], borderWidth: 2, pointRadius: 0,
          stepped: true},
      ]},
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
        interaction: {mode: "nearest", axis: "x", intersect: false},
        scales: {
          x: {type: "linear", ticks: {maxTicksLimit: 8, maxRotation: 0,
            callback: function (v) { return axisTime(v, this.max - this.min); }}},
          y: {min: 0, suggestedMax: 40, ticks: {callback: v => v + "%"}, title: {display: true, text: "sales share"}},
        },
        plugins: {
          legend: {position: "bottom"},
          tooltip: {callbacks: {
            title: items => items.length ? chartTime(items[0].parsed.x) : "",
            label: item => item.dataset.label + ": " + item.parsed.y.toFixed(1) + "%"}},
        },
      },
    });
    state.charts.share = chart;
  }
  chart.data.datasets[0].label = "Sales share, last " + windowName;
  chart.data.datasets[1].label = "Sales share, last " + lastPosts + " posts";
  chart.data.datasets[0].data = data.time;
  chart.data.datasets[1].data = data.count;
  chart.data.datasets[2].data = data.limit;
  // one snapshot is a point, not a line: show it
  chart.data.datasets[0].pointRadius = d.history.length < 2 ? 4 : 0;
  chart.update("none");
}

function appendPoint(p) {
  const d = state.detail;
  const h = d.history;
  const last = h.length ? h[h.length - 1] : null;
  if (last && Date.parse(p.at) < Date.parse(last.at)) {
    loadDetail(); // out of order: rare, let the server place it
    return;
  }
  if (last && last.at === p.at) h[h.length - 1] = p; else h.push(p);
  if (h.length > MAX_POINTS) h.shift();
  renderShareChart();
}

function breakdownChart(key, canvasId, emptyId, figures) {
  const names = Object.keys(figures || {}).sort((a, b) => figures[b].posts - figures[a].posts);
  document.getElementById(emptyId).hidden = names.length > 0;
  document.getElementById(canvasId).parentElement.hidden = names.length === 0;
  const labels = names.map(n => n + "  " + pct(figures[n].salesShare, 0));
  let chart = state.charts[key];
  if (!chart) {
    chart = new Chart(document.getElementById(canvasId), {
      type: "bar",
      data: {labels: [], datasets: [
        {label: "sales", data: [], backgroundColor: COLORS.sales},
        {label: "value", data: [], backgroundColor: COLORS.value},
      ]},
      options: {
        indexAxis: "y", animation: false, responsive: true, maintainAspectRatio: false,
        scales: {x: {stacked: true, ticks: {precision: 0}}, y: {stacked: true}},
        plugins: {legend: {position: "bottom", labels: {boxWidth: 12}}},
      },
    });
    state.charts[key] = chart;
  }
  chart.data.labels = labels;
  chart.data.datasets[0].data = names.map(n => figures[n].sales);
  chart.data.datasets[1].data = names.map(n => figures[n].value);
  chart.canvas.parentElement.style.height = Math.max(110, 40 + names.length * 26) + "px";
  chart.resize();
  chart.update("none");
}

function renderBreakdowns() {
  const m = state.detail.row ? state.detail.row.mix : null;
  breakdownChart("channel", "channel-chart", "no-channels", m ? m.byChannel : {});
  breakdownChart("goal", "goal-chart", "no-goals", m ? m.byGoal : {});
  document.getElementById("offgoal").textContent =
      m && m.policy.goals && m.policy.goals.length ? "· " + pct(m.offGoalShare, 0) + " off-goal" : "";
}

function postElement(c) {
  return el("tr", {"data-post": c.postId},
      el("td", {text: time(c.publishedAt)}),
      el("td", {class: "text", title: c.postId, text: c.postId}),
      el("td", {text: c.channel || "—"}),
      el("td", {}, el("span", {class: "badge " + c.label, text: c.label === "SALES" ? "sales" : "value"})),
      el("td", {class: "num", text: pct(c.confidence, 0)}),
      el("td", {}, ...(c.signals || []).slice(0, 5).map(s => el("span", {class: "sig", text: s}))),
      el("td", {title: c.goalCheck || "", text: (c.goals || []).join(", ") || (c.goalCheck === "UNTAGGED" ? "untagged" : "—")}));
}

function renderPosts() {
  const posts = state.detail.posts;
  document.querySelector("#posts tbody").replaceChildren(...posts.map(postElement));
  document.getElementById("no-posts").hidden = posts.length > 0;
}

// ---------- live updates ----------

function applyUpdate(u) {
  for (const b of u.removed || []) state.rows.delete(b);
  if ((u.removed || []).length) renderBrands();
  for (const row of u.brands || []) updateBrandRow(row);
  if ((u.brands || []).length) renderSummary();
  if ((u.alerts || []).length) {
    const list = document.getElementById("alerts");
    for (const a of u.alerts) {
      state.alerts.unshift(a);
      const li = alertElement(a, true);
      li.classList.add("fresh");
      list.prepend(li);
    }
    while (state.alerts.length > MAX_ALERTS) { state.alerts.pop(); list.lastElementChild.remove(); }
    document.getElementById("no-alerts").hidden = true;
  }
  const d = state.detail;
  if (!d) {
    // nothing shown yet: the first brand to appear (or the one in the address) gets the detail view
    const first = (u.brands || [])[0];
    if (!state.selected && first) state.selected = first.brand;
    if ((u.brands || []).some(r => r.brand === state.selected)) {
      renderBrands();
      loadDetail();
    }
    return;
  }
  let changed = false;
  for (const row of u.brands || []) if (row.brand === d.brand) { d.row = row; changed = true; }
  for (const a of u.alerts || []) if (a.brand === d.brand) { d.alerts.unshift(a); changed = true; }
  for (const c of u.posts || []) {
    if (c.brand !== d.brand) continue;
    d.posts = [c, ...d.posts.filter(p => p.postId !== c.postId)].slice(0, MAX_POSTS);
    changed = true;
  }
  for (const bp of u.points || []) if (bp.brand === d.brand) appendPoint(bp.point);
  if (changed) renderDetail();
}

async function loadAll() {
  const o = await getJson("api/overview");
  state.rows = new Map(o.state.brands.map(r => [r.brand, r]));
  state.alerts = o.state.alerts;
  renderBrands();
  renderAlerts();
  showFeed(o.feed, true);
  if (!state.selected && state.rows.size) {
    const over = [...state.rows.values()].find(r => r.zone === "OVER");
    state.selected = (over || [...state.rows.values()][0]).brand;
    renderBrands();
  }
  await loadDetail();
  state.loaded = true;
  document.body.dataset.ready = "true";
}

function follow() {
  const events = new EventSource("api/events");
  let fresh = true;
  events.addEventListener("status", e => {
    showFeed(JSON.parse(e.data), true);
    if (fresh) { fresh = false; loadAll().catch(err => console.error(err)); } // whatever happened while away
  });
  events.addEventListener("update", e => {
    const u = JSON.parse(e.data);
    if (u.feed) showFeed(u.feed, true);
    if (state.loaded) applyUpdate(u);
  });
  events.addEventListener("resync", () => loadAll().catch(err => console.error(err)));
  events.onerror = () => { fresh = true; showFeed({}, false); };
}

function start() {
  const m = /^#brand=(.*)$/.exec(location.hash);
  if (m) state.selected = decodeURIComponent(m[1]);
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#5d6677";
  follow();
}

document.addEventListener("DOMContentLoaded", start);
