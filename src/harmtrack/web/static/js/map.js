// The incident map: offline country outlines (and tiles when configured), clustered incidents
// sized by deaths, filters kept in the URL, and a timeline of incidents per day.
// Plain script, no build step; data is only ever written with textContent (never innerHTML).
"use strict";

(function () {
  const SVG_NS = "http://www.w3.org/2000/svg";
  // Filter form element ids and the query parameter each one sets (the API's names).
  const FILTERS = [
    ["filter-date-from", "date_from"],
    ["filter-date-to", "date_to"],
    ["filter-country", "country"],
    ["filter-type", "event_type"],
    ["filter-perpetrator", "perpetrator"],
    ["filter-grade", "grade"],
  ];
  const FACET_OPTIONS = {
    "filter-country": "countries",
    "filter-type": "event_types",
    "filter-perpetrator": "perpetrators",
    "filter-grade": "grades",
  };
  const DAY_MS = 86400000;

  const configNode = document.getElementById("map-config");
  const mapNode = document.getElementById("map");
  if (!configNode || !mapNode || typeof L === "undefined") {
    return;
  }
  const config = JSON.parse(configNode.textContent);
  const form = (document.getElementById("filter-date-from") || {}).form || null;
  const timelineNode = document.getElementById("timeline");
  const countNode = document.getElementById("map-count") || makeCountNode();
  // The list API (same filters) gives the number of incidents, located or not.
  const listApi = config.list || config.api.replace(/\.geojson$/, "");

  function makeCountNode() {
    const node = document.createElement("p");
    node.id = "map-count";
    node.className = "map-count";
    node.setAttribute("role", "status");
    mapNode.parentNode.insertBefore(node, mapNode);
    return node;
  }

  // ---- helpers -------------------------------------------------------------------------------

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      node.setAttribute(key, value);
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      node.setAttribute(key, String(value));
    }
    return node;
  }

  function safeHref(url) {
    // Only this site's own paths: a javascript: or foreign URL in the data never becomes a link.
    return typeof url === "string" && /^\/(?!\/)/.test(url) ? url : "#";
  }

  function figure(value) {
    return value === null || value === undefined ? "?" : String(value);
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function parseDay(text) {
    // "2017-11-13" as UTC midnight (Date parses an ISO day as UTC).
    const t = Date.parse(String(text).slice(0, 10));
    return Number.isNaN(t) ? null : t;
  }

  function isoDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  // ---- filters <-> URL -----------------------------------------------------------------------

  function filterInput(id) {
    return document.getElementById(id);
  }

  function currentFilters() {
    const params = new URLSearchParams();
    for (const [id, name] of FILTERS) {
      const input = filterInput(id);
      if (input && input.value) {
        params.set(name, input.value);
      }
    }
    return params;
  }

  function setFormFromUrl() {
    const params = new URLSearchParams(window.location.search);
    for (const [id, name] of FILTERS) {
      const input = filterInput(id);
      if (!input) continue;
      const value = params.get(name) || "";
      if (input.tagName === "SELECT" && value && !hasOption(input, value)) {
        input.appendChild(el("option", { value: value }, value));
      }
      input.value = value;
    }
  }

  function hasOption(select, value) {
    return Array.from(select.options).some((o) => o.value === value);
  }

  function pushFilters() {
    const query = currentFilters().toString();
    const url = window.location.pathname + (query ? "?" + query : "");
    if (url !== window.location.pathname + window.location.search) {
      window.history.pushState(null, "", url);
    }
    load();
    refreshList();
  }

  async function fillFacets() {
    if (!config.facets) return;
    let facets;
    try {
      const response = await fetch(config.facets, { credentials: "same-origin" });
      if (!response.ok) return;
      facets = await response.json();
    } catch (_error) {
      return;
    }
    for (const [id, key] of Object.entries(FACET_OPTIONS)) {
      const select = filterInput(id);
      if (!select || select.tagName !== "SELECT" || !Array.isArray(facets[key])) continue;
      const chosen = select.value;
      for (const value of facets[key]) {
        const text = typeof value === "string" ? value : String(value);
        if (!hasOption(select, text)) {
          select.appendChild(el("option", { value: text }, text));
        }
      }
      select.value = chosen;
    }
    for (const [id, key] of [["filter-date-from", "date_min"], ["filter-date-to", "date_max"]]) {
      const input = filterInput(id);
      if (input && facets.date_min && facets.date_max) {
        input.min = String(facets.date_min);
        input.max = String(facets.date_max);
        input.placeholder = String(facets[key]);
      }
    }
  }

  // ---- the map -------------------------------------------------------------------------------

  const map = L.map(mapNode, { worldCopyJump: true, minZoom: 2, maxZoom: 18 });
  map.setView([34.8, 38.9], 6);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(
    "Boundaries: Natural Earth (public domain) · Places: GeoNames (CC BY 4.0)"
  );

  const outlines = L.geoJSON(null, {
    interactive: false,
    style: { color: "#8a8f98", weight: 0.8, fillColor: "#f4f2ec", fillOpacity: 1 },
  });
  const baseLayers = { "Country outlines (offline)": outlines };
  outlines.addTo(map);
  if (config.tiles) {
    const tiles = L.tileLayer(config.tiles, {
      maxZoom: 18,
      attribution: config.tiles_attribution || "",
    });
    baseLayers["Map tiles"] = tiles;
  }
  if (Object.keys(baseLayers).length > 1) {
    L.control.layers(baseLayers, null, { collapsed: false }).addTo(map);
  }

  fetch(config.outlines, { credentials: "same-origin" })
    .then((response) => (response.ok ? response.json() : null))
    .then((data) => {
      if (data) {
        outlines.addData(data);
        outlines.bringToBack();
      }
    })
    .catch(() => {});

  const clusters = L.markerClusterGroup({
    maxClusterRadius: 40,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    chunkedLoading: true, // tens of thousands of markers without freezing the page
  });
  clusters.addTo(map);

  function radius(killed) {
    // Area grows with the toll: sqrt scale, capped so a massacre does not hide its neighbours.
    const k = Math.max(0, Number(killed) || 0);
    return Math.min(28, 5 + 2.2 * Math.sqrt(k));
  }

  function popup(p) {
    const box = el("div", { class: "map-popup" });
    const title = el("a", { href: safeHref(p.url), class: "map-popup-title" });
    title.textContent = [p.location || p.admin1 || p.country || "Unplaced", p.date || ""]
      .filter(Boolean)
      .join(", ");
    box.appendChild(el("p")).appendChild(title);
    const rows = [
      ["Date", p.date],
      ["Place", [p.location, p.admin1, p.country].filter(Boolean).join(", ")],
      ["Type", [p.event_type, p.sub_event_type].filter(Boolean).join(" — ")],
      ["Perpetrator", p.perpetrator],
      [
        "Killed",
        figure(p.killed_low) + " – " + figure(p.killed_best) + " – " + figure(p.killed_high),
      ],
      ["Grade", p.grade],
    ];
    const list = el("dl");
    for (const [label, value] of rows) {
      if (value === null || value === undefined || value === "") continue;
      list.appendChild(el("dt", {}, label));
      list.appendChild(el("dd", {}, value));
    }
    box.appendChild(list);
    const more = el("a", { href: safeHref(p.url) }, "Open incident " + p.id);
    box.appendChild(el("p")).appendChild(more);
    return box;
  }

  function marker(feature) {
    const [lon, lat] = feature.geometry.coordinates;
    const p = feature.properties;
    const m = L.circleMarker([lat, lon], {
      radius: radius(p.killed_best),
      color: "#7a1f1f",
      weight: 1,
      fillColor: p.civilian === false ? "#d08a3c" : "#c0392b",
      fillOpacity: 0.7,
      className: "incident-marker",
    });
    m.bindPopup(() => popup(p));
    m.bindTooltip(p.location || p.date || "incident", { direction: "top" });
    return m;
  }

  // ---- loading -------------------------------------------------------------------------------

  let generation = 0;
  let firstLoad = true;
  let shown = []; // the features on the map now, for redrawing the timeline

  async function load() {
    const mine = ++generation;
    const params = currentFilters();
    const url = config.api + (params.toString() ? "?" + params.toString() : "");
    mapNode.setAttribute("aria-busy", "true");
    const countParams = new URLSearchParams(params);
    countParams.set("limit", "1");
    let data;
    let total = null;
    try {
      const [response, listed] = await Promise.all([
        fetch(url, {
          credentials: "same-origin",
          headers: { Accept: "application/geo+json, application/json" },
        }),
        fetch(listApi + "?" + countParams.toString(), { credentials: "same-origin" }),
      ]);
      if (!response.ok) throw new Error("HTTP " + response.status);
      data = await response.json();
      if (listed.ok) {
        const page = await listed.json();
        if (typeof page.total === "number") total = page.total;
      }
    } catch (error) {
      if (mine === generation) {
        countNode.textContent = "Could not load incidents (" + error.message + ").";
      }
      mapNode.setAttribute("aria-busy", "false");
      return;
    }
    if (mine !== generation) return; // a newer request superseded this one
    const features = (data.features || []).filter(
      (f) => f.geometry && Array.isArray(f.geometry.coordinates)
    );
    clusters.clearLayers();
    clusters.addLayers(features.map(marker));
    shown = features;
    showCount(total, data, features.length);
    drawTimeline(features);
    // Frame the incidents on the first load, and after a filter change that left none of them
    // in view; otherwise keep the reader's view.
    // (Bounds from the features: with chunked loading the clusters may still be filling.)
    const points = features.map((f) => L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]));
    const view = map.getBounds();
    if (points.length && (firstLoad || !points.some((p) => view.contains(p)))) {
      map.fitBounds(L.latLngBounds(points), { maxZoom: 9, padding: [30, 30], animate: false });
    }
    firstLoad = false;
    mapNode.setAttribute("aria-busy", "false");
    mapNode.dataset.markers = String(features.length);
  }

  function showCount(total, data, shownCount) {
    // Located: all located matches (the map may show fewer when the API truncated the list).
    const located = typeof data.total === "number" ? data.total : shownCount;
    const all = total === null ? located : total;
    let text = plural(all, "incident") + ", " + located + " located";
    if (data.truncated) {
      text += " (the map shows the first " + shownCount + ")";
    }
    countNode.textContent = text;
    countNode.dataset.total = String(all);
    countNode.dataset.located = String(located);
  }

  async function refreshList() {
    // The server renders the incident list under the map; take the new one from the same page
    // with the new filters (parsed as an inert document: its scripts never run).
    const current = document.querySelector("main section.list");
    if (!current) return;
    try {
      const response = await fetch(window.location.href, {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
      });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.querySelector("main section.list");
      if (fresh) current.replaceWith(document.importNode(fresh, true));
    } catch (_error) {
      // The map and count are already up to date; the list stays as it was.
    }
  }

  // ---- timeline ------------------------------------------------------------------------------

  function bins(features) {
    const days = features.map((f) => parseDay(f.properties.date)).filter((t) => t !== null);
    if (!days.length) return null;
    // A loop, not Math.min(...days): tens of thousands of arguments can overflow the stack.
    let first = days[0];
    let last = days[0];
    for (const t of days) {
      if (t < first) first = t;
      if (t > last) last = t;
    }
    const span = Math.round((last - first) / DAY_MS) + 1;
    // One bar per day up to a year; beyond that, weeks, then months, so bars stay visible.
    const step = span <= 400 ? 1 : span <= 2800 ? 7 : 30;
    const count = Math.ceil(span / step);
    const counts = new Array(count).fill(0);
    for (const t of days) {
      counts[Math.floor(Math.round((t - first) / DAY_MS) / step)] += 1;
    }
    return { first: first, step: step, counts: counts };
  }

  function drawTimeline(features) {
    if (!timelineNode) return;
    timelineNode.replaceChildren();
    const data = bins(features);
    if (!data) {
      timelineNode.appendChild(el("p", { class: "timeline-empty" }, "No dated incidents."));
      return;
    }
    const width = Math.max(timelineNode.clientWidth || 600, 200);
    const height = 90;
    const axis = 16;
    const n = data.counts.length;
    const slot = width / n;
    const peak = data.counts.reduce((a, b) => Math.max(a, b), 0);
    const unit = data.step === 1 ? "day" : data.step === 7 ? "week" : "month";
    // The bars are buttons, so the box is a group of controls rather than a picture.
    timelineNode.setAttribute("role", "group");
    const chart = svg("svg", {
      class: "timeline-chart",
      width: width,
      height: height + axis,
      viewBox: "0 0 " + width + " " + (height + axis),
      role: "group",
      "aria-label": "Incidents per " + unit + "; choose bars to set the date range",
    });
    const bars = [];
    data.counts.forEach((c, i) => {
      const start = data.first + i * data.step * DAY_MS;
      const end = start + (data.step - 1) * DAY_MS;
      const h = c ? Math.max(2, (c / peak) * (height - 4)) : 0;
      const label =
        (data.step === 1 ? isoDay(start) : isoDay(start) + " to " + isoDay(end)) +
        ": " + plural(c, "incident");
      const bar = svg("rect", {
        class: "timeline-bar",
        x: i * slot + (slot > 3 ? 0.5 : 0),
        y: height - h,
        width: Math.max(1, slot - (slot > 3 ? 1 : 0)),
        height: h,
        "data-from": isoDay(start),
        "data-to": isoDay(end),
        "data-count": c,
      });
      // An invisible full-height hit area makes short bars easy to click and brush.
      const hit = svg("rect", {
        class: "timeline-hit",
        x: i * slot,
        y: 0,
        width: Math.max(1, slot),
        height: height,
        tabindex: c ? 0 : -1,
        role: "button",
        "aria-label": label,
        "data-index": i,
      });
      const title = svg("title");
      title.textContent = label;
      hit.appendChild(title);
      chart.appendChild(bar);
      chart.appendChild(hit);
      bars.push(bar);
    });
    const first = svg("text", { x: 0, y: height + axis - 3, class: "timeline-axis" });
    first.textContent = isoDay(data.first);
    const lastDay = data.first + (n * data.step - 1) * DAY_MS;
    const last = svg("text", {
      x: width,
      y: height + axis - 3,
      "text-anchor": "end",
      class: "timeline-axis",
    });
    last.textContent = isoDay(lastDay);
    chart.appendChild(first);
    chart.appendChild(last);
    brush(chart, bars);
    timelineNode.appendChild(chart);
  }

  function brush(chart, bars) {
    let anchor = null;

    function indexOf(event) {
      const target = event.target.closest ? event.target.closest(".timeline-hit") : null;
      return target ? Number(target.getAttribute("data-index")) : null;
    }

    function mark(a, b) {
      const lo = Math.min(a, b);
      const hi = Math.max(a, b);
      bars.forEach((bar, i) => bar.classList.toggle("selected", i >= lo && i <= hi));
    }

    function choose(a, b) {
      const lo = bars[Math.min(a, b)];
      const hi = bars[Math.max(a, b)];
      filterInput("filter-date-from").value = lo.getAttribute("data-from");
      filterInput("filter-date-to").value = hi.getAttribute("data-to");
      pushFilters();
    }

    chart.addEventListener("pointerdown", (event) => {
      const i = indexOf(event);
      if (i === null) return;
      anchor = i;
      mark(i, i);
      event.preventDefault();
    });
    chart.addEventListener("pointermove", (event) => {
      if (anchor === null) return;
      const i = indexOf(event);
      if (i !== null) mark(anchor, i);
    });
    chart.addEventListener("pointerup", (event) => {
      if (anchor === null) return;
      const i = indexOf(event);
      const a = anchor;
      anchor = null;
      choose(a, i === null ? a : i);
    });
    chart.addEventListener("pointerleave", () => {
      anchor = null;
      bars.forEach((bar) => bar.classList.remove("selected"));
    });
    chart.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      const i = indexOf(event);
      if (i === null) return;
      event.preventDefault();
      choose(i, i);
    });
  }

  // ---- wiring --------------------------------------------------------------------------------

  if (form) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      pushFilters();
    });
    form.addEventListener("reset", () => {
      // After the browser has cleared the inputs.
      window.setTimeout(pushFilters, 0);
    });
  }
  for (const [id] of FILTERS) {
    const input = filterInput(id);
    if (input) input.addEventListener("change", pushFilters);
  }
  window.addEventListener("popstate", () => {
    setFormFromUrl();
    load();
    refreshList();
  });

  let resizeTimer = null;
  window.addEventListener("resize", () => {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => drawTimeline(shown), 200);
  });

  setFormFromUrl();
  fillFacets().then(setFormFromUrl);
  load();
})();
