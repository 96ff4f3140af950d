// copydesk desk dashboard: plain JS, no build step.
//
// Everything agencies send is data. The DOM is built with createElement/textContent only
// (never innerHTML), styles through the CSSOM; the server's CSP forbids inline script.
//
// State comes from /events (server-sent events): `reset` (the whole list, on every
// (re)connect), then `story` (a full snapshot), `removed`, `activity`, `alert`, `feeds` and
// `status`. The open story is fetched from /api/stories/{id}; of two copies of a story the
// higher `rev` wins.
//
// Editor actions (merge, move, apart, pin, rekind) are POSTed to /api/actions with the desk
// token (asked once, kept in sessionStorage); /api/config says whether writes are on at all.
"use strict";

(() => {
  const KINDS = ["new", "version", "duplicate", "rewrite", "kill"];
  const KIND_LABEL = { new: "new", version: "version", duplicate: "dup", rewrite: "rewrite", kill: "kill" };
  const AGENCY_COLOURS = {
    ap: "#c8102e",
    afp: "#1d4f9c",
    reuters: "#c25400",
    dpa: "#00756f",
    "dpa-afx": "#00756f",
    bloomberg: "#3b3b3b",
    xinhua: "#a4161a",
    ansa: "#0b6e4f",
    efe: "#b8860b",
    kyodo: "#6a1b9a",
    pa: "#37474f",
    upi: "#455a64",
  };
  const EVENT_LABEL = {
    created: "new story",
    item_added: "item",
    headline_changed: "headline",
    merged: "merged",
    closed: "closed",
  };
  const MAX_ROWS = 500;
  const FRESH_MS = 6000;
  const MAX_ALERTS = 200;
  const TOKEN_KEY = "copydesk.token";
  const WHO_KEY = "copydesk.who";
  const ALERT_LABEL = {
    breaking: "breaking",
    feed_silent: "feed silent",
    feed_resumed: "feed resumed",
    uses_killed: "uses killed",
  };
  const ACTION_TITLE = {
    merge: "Merge this story into another",
    move: "Move an item to another story",
    apart: "Not this story",
    pin: "Pin the headline",
    rekind: "Re-kind an item",
  };

  const state = {
    stories: new Map(), // id -> summary (or a full snapshot: the list reads the same fields)
    open: null, // the full snapshot of the open story
    openId: null,
    activity: [],
    agency: "",
    query: "",
    fresh: new Map(), // story id -> time it last changed live (row highlight)
    freshUris: new Map(), // timeline uri -> time it arrived live
    status: { state: "connecting" },
    connected: false,
    unseen: 0,
    alerts: [], // newest first
    feeds: null, // the latest feed_status record
    newAlerts: 0, // breaking alerts since the alerts were last looked at
    config: { writes: false, kinds: [], read_only_reason: "" },
    selUri: null, // the selected timeline item (J/K, click)
    whyOpen: new Set(), // uris whose explanation is expanded
    mergedFrom: null, // the story id the open story was reached from by a live merge
    form: null, // the open action form: { action, story, uri }
  };

  // -- small DOM helpers -------------------------------------------------------------------

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  const str = (v) => (typeof v === "string" ? v : v === null || v === undefined ? "" : String(v));
  const num = (v) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  const arr = (v) => (Array.isArray(v) ? v : []);
  const obj = (v) => (v && typeof v === "object" && !Array.isArray(v) ? v : {});

  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const pad = (n) => String(n).padStart(2, "0");
  function hhmm(t) {
    if (typeof t !== "number" || !Number.isFinite(t)) return "–";
    const d = new Date(t * 1000);
    return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  }
  function day(t) {
    if (typeof t !== "number" || !Number.isFinite(t)) return "";
    const d = new Date(t * 1000);
    return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]}`;
  }
  function full(t) {
    if (typeof t !== "number" || !Number.isFinite(t)) return "unknown time";
    return new Date(t * 1000).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
  }

  function colour(name) {
    const key = str(name).toLowerCase();
    if (AGENCY_COLOURS[key]) return AGENCY_COLOURS[key];
    let h = 0;
    for (const ch of key) h = (h * 31 + ch.codePointAt(0)) % 360;
    return `hsl(${h}, 45%, 36%)`;
  }

  function badge(name, publisher) {
    const b = el("span", publisher ? "badge badge-pub" : "badge", str(name) || "?");
    b.title = publisher ? `${str(name)} (publisher)` : str(name);
    if (!publisher) b.style.setProperty("--badge", colour(name));
    return b;
  }

  function kindTag(kind) {
    const k = KINDS.includes(kind) ? kind : "new";
    return el("span", `kind kind-${k}`, KIND_LABEL[k]);
  }

  // -- filtering ---------------------------------------------------------------------------

  function words() {
    return state.query.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function matches(s, ws) {
    if (s.status === "merged") return false;
    if (state.agency) {
      const a = state.agency.toLowerCase();
      const names = [...arr(s.agencies), ...arr(s.publishers)].map((n) => str(n).toLowerCase());
      if (!names.includes(a)) return false;
    }
    if (ws.length) {
      const heads = s.headlines ? arr(s.headlines) : arr(s.timeline).map((m) => obj(m).headline);
      const text = [str(s.headline), ...heads.map(str)].join("\n").toLowerCase();
      if (!ws.every((w) => text.includes(w))) return false;
    }
    return true;
  }

  function sorted() {
    const ws = words();
    const rows = [];
    for (const s of state.stories.values()) if (matches(s, ws)) rows.push(s);
    rows.sort((a, b) => num(b.updated) - num(a.updated) || num(b.rev) - num(a.rev));
    return rows;
  }

  // -- rendering: header -------------------------------------------------------------------

  let filterKey = "";
  function renderFilter() {
    const nav = document.getElementById("agency-filter");
    const agencies = new Set();
    const publishers = new Set();
    for (const s of state.stories.values()) {
      if (s.status === "merged") continue;
      arr(s.agencies).forEach((a) => agencies.add(str(a)));
      arr(s.publishers).forEach((p) => publishers.add(str(p)));
    }
    for (const a of agencies) publishers.delete(a);
    if (state.agency) {
      const known = [...agencies, ...publishers].some((n) => n.toLowerCase() === state.agency.toLowerCase());
      if (!known) agencies.add(state.agency);
    }
    const byName = (x, y) => x.localeCompare(y, undefined, { sensitivity: "base" });
    const key = JSON.stringify([[...agencies].sort(), [...publishers].sort(), state.agency]);
    if (key === filterKey) return; // unchanged: keep the buttons (and their focus)
    filterKey = key;
    nav.replaceChildren();
    const all = el("button", "chip chip-all", "All");
    all.type = "button";
    all.setAttribute("aria-pressed", String(!state.agency));
    all.addEventListener("click", () => setAgency(""));
    nav.append(all);
    const add = (name, publisher) => {
      const chip = el("button", publisher ? "chip chip-pub" : "chip");
      chip.type = "button";
      chip.dataset.agency = name;
      chip.setAttribute("aria-pressed", String(state.agency.toLowerCase() === name.toLowerCase()));
      chip.title = publisher ? `Only stories with ${name} rewrites` : `Only stories with ${name} copy`;
      if (!publisher) chip.style.setProperty("--badge", colour(name));
      chip.append(el("span", "chip-dot"), document.createTextNode(name));
      chip.addEventListener("click", () => setAgency(state.agency.toLowerCase() === name.toLowerCase() ? "" : name));
      nav.append(chip);
    };
    [...agencies].sort(byName).forEach((a) => add(a, false));
    [...publishers].sort(byName).forEach((p) => add(p, true));
  }

  function renderConn() {
    const conn = document.getElementById("conn");
    const feed = str(state.status.state);
    let text;
    let cls;
    if (!state.connected) {
      text = "reconnecting";
      cls = "conn-wait";
    } else if (feed === "live") {
      text = "live";
      cls = "conn-live";
    } else if (feed === "loading") {
      text = "loading stories";
      cls = "conn-wait";
    } else if (feed === "waiting") {
      text = "waiting for the worker";
      cls = "conn-wait";
    } else {
      text = feed || "connecting";
      cls = "conn-wait";
    }
    conn.textContent = text;
    conn.className = `conn ${cls}`;
    const foot = document.getElementById("feed-state");
    foot.textContent = str(state.status.error || state.status.detail || "");
    foot.classList.toggle("feed-error", Boolean(state.status.error));
  }

  // -- rendering: the story list -----------------------------------------------------------

  function storyRow(s, now) {
    const tr = el("tr", "story");
    tr.dataset.id = str(s.id);
    tr.tabIndex = 0;
    if (s.id === state.openId) tr.classList.add("selected");
    const freshAt = state.fresh.get(s.id);
    if (freshAt && now - freshAt < FRESH_MS) tr.classList.add("fresh");
    if (s.status && s.status !== "active") tr.classList.add(`status-${str(s.status) === "closed" ? "closed" : "dormant"}`);

    const tdTime = el("td", "time");
    tdTime.append(el("span", "hm", hhmm(s.updated)), el("span", "day", day(s.updated)));
    tdTime.title = full(s.updated);

    const tdStory = el("td", "story-cell");
    const head = el("div", "headline", str(s.headline) || "(no headline)");
    head.title = str(s.headline);
    tdStory.append(head);
    const sub = el("div", "sub");
    const latest = obj(s.latest);
    if (latest.kind) {
      sub.append(el("span", "sub-label", "latest"), kindTag(latest.kind), el("span", "sub-agency", str(latest.agency)));
      sub.append(el("span", "sub-time", hhmm(latest.time)));
    }
    if (s.status && s.status !== "active") sub.append(el("span", `status status-${str(s.status)}`, str(s.status)));
    const counts = obj(s.counts);
    if (num(counts.kill)) sub.append(el("span", "kill-note", `${num(counts.kill)} kill`));
    if (num(counts.duplicate)) sub.append(el("span", "dup-note", `${num(counts.duplicate)} dup`));
    tdStory.append(sub);

    const tdAg = el("td", "agencies");
    arr(s.agencies).forEach((a) => tdAg.append(badge(a, false)));
    arr(s.publishers).forEach((p) => tdAg.append(badge(p, true)));

    const tdVer = el("td", "num", num(counts.version) || "");
    tdVer.title = `${num(counts.version)} versions`;
    const tdRw = el("td", "num", num(counts.rewrite) || "");
    tdRw.title = `${num(counts.rewrite)} rewrites`;
    const tdItems = el("td", "num muted", num(counts.items));

    const tdFirst = el("td", "first");
    const first = obj(s.first_report);
    if (first.agency || first.time) {
      tdFirst.append(badge(first.agency, !arr(s.agencies).includes(first.agency)), el("span", "first-time", hhmm(first.time)));
      tdFirst.title = `First report: ${str(first.agency)} at ${full(first.time)}\n${str(first.uri)}`;
    }
    const tdLang = el("td", "lang", arr(s.languages).map(str).join(" "));

    tr.append(tdTime, tdStory, tdAg, tdVer, tdRw, tdItems, tdFirst, tdLang);
    return tr;
  }

  function renderList() {
    const rows = sorted();
    const body = document.getElementById("stories");
    const now = Date.now();
    const frag = document.createDocumentFragment();
    rows.slice(0, MAX_ROWS).forEach((s) => frag.append(storyRow(s, now)));
    body.replaceChildren(frag);
    const total = [...state.stories.values()].filter((s) => s.status !== "merged").length;
    document.getElementById("count").textContent =
      rows.length === total ? `${total} stories` : `${rows.length} of ${total} stories`;
    const note = document.getElementById("list-note");
    if (!total) note.textContent = state.status.loaded ? "No stories yet." : "Loading stories…";
    else if (!rows.length) note.textContent = "No story matches the filter.";
    else if (rows.length > MAX_ROWS) note.textContent = `Showing the newest ${MAX_ROWS}; search to narrow down.`;
    else note.textContent = "";
  }

  // -- rendering: the story view -----------------------------------------------------------

  function fact(dl, label, ...values) {
    const dt = el("dt", null, label);
    const dd = el("dd");
    values.forEach((v) => dd.append(typeof v === "string" ? document.createTextNode(v) : v));
    dl.append(dt, dd);
  }

  function provenanceBlock(sources, byUri) {
    const wrap = el("div", "prov");
    const bar = el("div", "prov-bar");
    const legend = el("div", "prov-legend");
    let used = 0;
    const list = arr(sources).map(obj).filter((p) => num(p.share) > 0);
    list.sort((a, b) => num(b.share) - num(a.share));
    for (const p of list) {
      const share = Math.max(0, Math.min(1, num(p.share)));
      used += share;
      const seg = el("span", "prov-seg");
      seg.style.width = `${(share * 100).toFixed(1)}%`;
      seg.style.setProperty("--badge", colour(p.agency));
      const src = byUri.get(str(p.uri));
      const srcText = src ? `${hhmm(src.time)} ${str(src.headline)}` : str(p.uri);
      seg.title = `${str(p.agency)} ${Math.round(share * 100)}%: ${srcText}`;
      bar.append(seg);
      const item = el("span", "prov-item");
      item.append(badge(p.agency, false), el("span", "prov-pct", `${Math.round(share * 100)}%`));
      const ref = el("span", "prov-ref", src ? `${hhmm(src.time)} ${str(src.headline)}` : str(p.uri));
      ref.title = str(p.uri);
      item.append(ref);
      legend.append(item);
    }
    const own = Math.max(0, 1 - Math.min(1, used));
    if (own > 0.005) {
      const seg = el("span", "prov-seg prov-own");
      seg.style.width = `${(own * 100).toFixed(1)}%`;
      seg.title = `own material ${Math.round(own * 100)}%`;
      bar.append(seg);
      const item = el("span", "prov-item");
      item.append(el("span", "badge badge-own", "own"), el("span", "prov-pct", `${Math.round(own * 100)}%`));
      legend.append(item);
    }
    const label = el("div", "prov-label", list.length ? "Built from agency copy" : "No agency copy found in this story");
    wrap.append(label, bar, legend);
    return wrap;
  }

  function timelineItem(m, byUri, now) {
    const li = el("li", "tl-item");
    const kind = KINDS.includes(m.kind) ? m.kind : "new";
    li.classList.add(`tl-${kind}`);
    li.dataset.uri = str(m.uri);
    if (m.retracted) li.classList.add("retracted");
    const arrived = state.freshUris.get(str(m.uri));
    if (arrived && now - arrived < FRESH_MS) li.classList.add("fresh");

    const time = el("span", "tl-time", hhmm(m.time));
    time.title = full(m.time);
    const who = badge(m.agency, !m.is_agency);
    const main = el("div", "tl-main");
    const head = el("div", "tl-headline", str(m.headline) || "(no headline)");
    main.append(head);
    const meta = el("div", "tl-meta");
    if (m.language) meta.append(el("span", "tl-lang", str(m.language)));
    if (m.dup_of) {
      const orig = byUri.get(str(m.dup_of));
      const what = kind === "version" ? "version of" : kind === "kill" ? "kills" : "same as";
      const ref = el("span", "tl-ref", orig ? `${what} ${hhmm(orig.time)} ${str(orig.agency)}` : `${what} ${str(m.dup_of)}`);
      ref.title = str(m.dup_of);
      meta.append(ref);
    }
    if (m.retracted) meta.append(el("span", "tl-retracted", "retracted"));
    if (m.moved_from) meta.append(el("span", "tl-merged", `moved here by an editor from story ${str(m.moved_from)}`));
    else if (m.merged_from) meta.append(el("span", "tl-merged", `came with story ${str(m.merged_from)} (merged)`));
    const uri = el("span", "tl-uri", str(m.uri));
    meta.append(uri);
    main.append(meta);
    if (arr(m.uses_killed).length) {
      const uk = el("div", "tl-uses-killed", `uses killed copy: ${arr(m.uses_killed).map(str).join(", ")}`);
      main.append(uk);
    }
    if (kind === "rewrite") main.append(provenanceBlock(m.provenance, byUri));
    const why = whyBlock(m.why || whyFromEvents().get(str(m.uri)), str(m.uri));
    if (why) main.append(why);
    if (state.config.writes) main.append(itemButtons(m));
    const whoKind = el("div", "tl-who");
    whoKind.append(who, kindTag(kind));
    li.append(time, whoKind, main);
    if (str(m.uri) === state.selUri) li.classList.add("tl-selected");
    return li;
  }

  // -- explanations ---------------------------------------------------------------------------

  // A member without its own "why" may have one on its item_added event (the recent activity).
  let whyCache = { n: -1, last: null, map: new Map() };
  function whyFromEvents() {
    const last = state.activity[state.activity.length - 1] || null;
    if (whyCache.n === state.activity.length && whyCache.last === last) return whyCache.map;
    const map = new Map();
    state.activity.forEach((e) => {
      if (e.type === "item_added" && e.why && e.uri) map.set(str(e.uri), e.why);
    });
    whyCache = { n: state.activity.length, last, map };
    return map;
  }

  const fmt = (v, digits = 2) => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(digits) : "");
  const signed = (v) => (typeof v === "number" && Number.isFinite(v) ? (v >= 0 ? "+" : "") + v.toFixed(3) : str(v));

  // A compact text for a constraint or an action the why names: a string as it is, an object
  // as its short fields. Always text (textContent), never markup.
  function compact(v) {
    if (v === null || v === undefined) return "";
    if (typeof v !== "object") return str(v);
    if (Array.isArray(v)) return v.map(compact).join(", ");
    const o = obj(v);
    const head = ["action", "rule", "kind", "type"].map((k) => o[k]).filter((x) => typeof x === "string");
    const rest = Object.entries(o)
      .filter(([k, x]) => !["action", "rule", "kind", "type"].includes(k) && x !== null && typeof x !== "object")
      .map(([k, x]) => `${k}: ${str(x)}`);
    return [...head, ...rest].join(" · ") || JSON.stringify(o);
  }

  function whySummary(w) {
    const bits = [];
    if (w.rule) bits.push(str(w.rule));
    if (w.decision) bits.push(str(w.decision));
    if (typeof w.probability === "number") {
      const b = typeof w.boundary === "number" ? ` vs ${fmt(w.boundary)}` : "";
      bits.push(`p ${fmt(w.probability)}${b}`);
    }
    return `why: ${bits.join(" · ") || "explanation"}`;
  }

  // The "why" of a placement, expandable: the rule; the probability against the boundary; the
  // top feature contributions; or the constraint / action that decided it.
  function whyBlock(why, uri) {
    const w = obj(why);
    if (!Object.keys(w).length) return null;
    const d = el("details", "why");
    d.dataset.uri = uri;
    if (state.whyOpen.has(uri)) d.open = true;
    d.addEventListener("toggle", () => {
      if (d.open) state.whyOpen.add(uri);
      else state.whyOpen.delete(uri);
    });
    d.append(el("summary", `why-summary why-${str(w.rule) || "other"}`, whySummary(w)));
    const dl = el("dl", "why-facts");
    const row = (label, ...values) => {
      const dd = el("dd");
      values.forEach((v) => dd.append(typeof v === "string" ? document.createTextNode(v) : v));
      dl.append(el("dt", null, label), dd);
    };
    if (w.rule) row("rule", el("b", null, str(w.rule)));
    if (w.decision) row("decision", str(w.decision));
    if (typeof w.probability === "number") {
      const meter = el("span", "why-meter");
      const fill = el("span", "why-fill");
      fill.style.width = `${(Math.max(0, Math.min(1, w.probability)) * 100).toFixed(1)}%`;
      meter.append(fill);
      if (typeof w.boundary === "number") {
        const mark = el("span", "why-boundary");
        mark.style.left = `${(Math.max(0, Math.min(1, w.boundary)) * 100).toFixed(1)}%`;
        mark.title = `boundary ${fmt(w.boundary)}`;
        meter.append(mark);
      }
      const text = typeof w.boundary === "number"
        ? `${fmt(w.probability)} ${w.probability >= w.boundary ? "≥" : "<"} ${fmt(w.boundary)}`
        : fmt(w.probability);
      row("probability", meter, el("span", "why-num", text));
    }
    let top = arr(w.top);
    if (!top.length && Object.keys(obj(w.contributions)).length) {
      // The full why (an item_added event) has every feature's contribution: show the largest.
      top = Object.entries(obj(w.contributions))
        .filter(([, v]) => typeof v === "number")
        .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
        .slice(0, 6);
    }
    if (top.length) {
      const table = el("table", "why-top");
      const body = el("tbody");
      top.slice(0, 12).forEach((t) => {
        const pair = Array.isArray(t) ? t : [obj(t).feature, obj(t).contribution];
        const tr = el("tr");
        const c = pair[1];
        const td = el("td", `num ${typeof c === "number" && c < 0 ? "neg" : "pos"}`, signed(c));
        tr.append(el("td", "why-feature", str(pair[0])), td);
        body.append(tr);
      });
      table.append(body);
      row("top features", table);
    }
    if (w.constraint !== undefined && w.constraint !== null) row("constraint", compact(w.constraint));
    if (w.action !== undefined && w.action !== null) row("action", compact(w.action));
    const known = new Set(["rule", "decision", "probability", "boundary", "top", "constraint", "action", "contributions", "features"]);
    Object.entries(w)
      .filter(([k, v]) => !known.has(k) && v !== null && v !== undefined)
      .slice(0, 6)
      .forEach(([k, v]) => row(k, el("span", "why-more", typeof v === "object" ? JSON.stringify(v).slice(0, 300) : str(v))));
    d.append(dl);
    return d;
  }

  // -- action buttons ------------------------------------------------------------------------------

  function button(cls, text, title, onClick) {
    const b = el("button", cls, text);
    b.type = "button";
    if (title) b.title = title;
    b.addEventListener("click", (ev) => {
      ev.stopPropagation();
      onClick();
    });
    return b;
  }

  function itemButtons(m) {
    const uri = str(m.uri);
    const bar = el("div", "tl-actions");
    bar.append(
      button("act-btn act-move", "move…", "Move this item to another story or a new one (v)", () => openForm("move", { uri })),
      button("act-btn act-apart", "not this story", "This item does not belong in this story (x)", () => openForm("apart", { uri })),
      button("act-btn act-rekind", "kind…", "Re-kind this item: news, advisory, ... (r)", () => openForm("rekind", { uri })),
    );
    return bar;
  }

  function storyActions(s) {
    const bar = el("div", "story-actions");
    if (!state.config.writes) {
      bar.append(el("span", "read-only", str(state.config.read_only_reason) || "read-only"));
      return bar;
    }
    bar.append(
      button("act-btn act-merge", "Merge into…", "Merge this story into another (m)", () => openForm("merge", {})),
      button("act-btn act-pin", "Pin headline…", "Pin the story's headline (p)", () => openForm("pin", {})),
    );
    return bar;
  }

  function renderStory() {
    const pane = document.getElementById("detail");
    const s = state.open;
    pane.replaceChildren();
    pane.classList.remove("empty");
    if (!s) return renderActivity();

    const top = el("div", "detail-top");
    const close = el("button", "close", "×");
    close.type = "button";
    close.title = "Close (Esc)";
    close.setAttribute("aria-label", "Close story");
    close.addEventListener("click", () => openStory(null));
    const h2 = el("h2", "detail-headline", str(s.headline) || "(no headline)");
    top.append(close, h2);
    pane.append(top);

    if (s.status === "merged") {
      // A merged story has no timeline of its own: say where it went.
      const note = el("p", "merged-note", "Merged into ");
      const into = str(s.merged_into);
      const target = state.stories.get(into);
      const link = el("a", "merged-link", target ? str(target.headline) || into : into || "another story");
      link.href = `#story=${encodeURIComponent(into)}`;
      link.dataset.id = into;
      note.append(link);
      pane.append(note);
      return;
    }
    if (state.mergedFrom && state.mergedFrom.into === str(s.id)) {
      pane.append(el("p", "merged-from", `Story ${state.mergedFrom.from} was merged into this one.`));
    }
    pane.append(storyActions(s));

    const counts = obj(s.counts);
    const dl = el("dl", "facts");
    const first = obj(s.first_report);
    const firstBits = [];
    if (first.agency) firstBits.push(badge(first.agency, !arr(s.agencies).includes(first.agency)));
    firstBits.push(` ${full(first.time)}`);
    fact(dl, "First report", ...firstBits);
    fact(dl, "Updated", `${full(s.updated)}`, el("span", `status status-${str(s.status)}`, str(s.status)));
    const sources = el("span", "fact-badges");
    arr(s.agencies).forEach((a) => sources.append(badge(a, false)));
    arr(s.publishers).forEach((p) => sources.append(badge(p, true)));
    fact(dl, "Sources", sources);
    fact(dl, "Languages", arr(s.languages).map(str).join(", ") || "–");
    const tally = el("span", "tally");
    KINDS.forEach((k) => {
      const n = num(counts[k]);
      const t = el("span", `tally-item${n ? "" : " zero"}`);
      t.append(kindTag(k), el("b", null, n));
      tally.append(t);
    });
    fact(dl, "Items", el("b", null, num(counts.items)), tally);
    fact(dl, "Story id", el("code", null, str(s.id)));
    pane.append(dl);

    const members = arr(s.timeline).map(obj);
    const byUri = new Map(members.map((m) => [str(m.uri), m]));
    const provs = obj(s.provenance);
    members.forEach((m) => {
      if (!m.provenance && provs[str(m.uri)]) m.provenance = provs[str(m.uri)];
    });
    const ordered = orderedMembers(s);
    pane.append(el("h3", "section-title", `Timeline · ${members.length} items, newest first`));
    const ol = el("ol", "timeline");
    const now = Date.now();
    ordered.forEach((m) => ol.append(timelineItem(m, byUri, now)));
    pane.append(ol);
  }

  function orderedMembers(s) {
    return arr(s && s.timeline).map(obj).slice().sort((a, b) => num(b.time) - num(a.time));
  }

  // One line per item: a placement's "created" and "headline_changed" events fold into its
  // "item_added" line; merges and closes stand alone. Newest received first.
  function activityRows() {
    const rows = [];
    const byUri = new Map();
    for (const e of state.activity) {
      const type = str(e.type);
      const uri = str(e.uri);
      if (uri && (type === "item_added" || type === "created" || type === "headline_changed")) {
        let row = byUri.get(uri);
        if (!row) {
          row = { e, created: false, headline: false };
          byUri.set(uri, row);
          rows.push(row);
        }
        if (type === "item_added") row.e = Object.assign({}, e, { _at: row.e._at || e._at });
        if (type === "created") row.created = true;
        if (type === "headline_changed") row.headline = true;
      } else {
        rows.push({ e, created: false, headline: false });
      }
    }
    return rows.reverse();
  }

  function dur(seconds) {
    if (typeof seconds !== "number" || !Number.isFinite(seconds)) return "–";
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return `${s} s`;
    if (s < 3600) return `${Math.round(s / 60)} min`;
    const h = Math.floor(s / 3600);
    return `${h} h ${pad(Math.round((s % 3600) / 60))} min`;
  }

  function storyName(sid) {
    const story = state.stories.get(sid);
    return story ? str(story.headline) || sid : sid;
  }

  function alertRow(a) {
    const type = str(a.type);
    const li = el("li", `alert alert-${ALERT_LABEL[type] ? type : "other"}`);
    li.dataset.alertId = str(a.id);
    li.append(el("span", "act-time", hhmm(a.time)));
    li.lastChild.title = full(a.time);
    li.append(el("span", "alert-type", ALERT_LABEL[type] || type));
    const text = el("span", "alert-text");
    const sid = str(a.story_id);
    if (sid) {
      li.dataset.id = sid;
      li.tabIndex = 0;
    }
    if (type === "breaking") {
      text.append(el("b", null, storyName(sid)));
      const why = a.reason === "urgency"
        ? `urgency ${str(a.urgency) || "flash"}`
        : `${arr(a.agencies).length} agencies: ${arr(a.agencies).map(str).join(", ")}`;
      text.append(el("span", "alert-why", ` · ${why}`));
    } else if (type === "feed_silent") {
      text.append(badge(a.agency, false), el("span", null, ` silent for ${dur(a.silent_s)}`));
      if (typeof a.last === "number") text.append(el("span", "alert-why", ` · last item ${hhmm(a.last)}`));
    } else if (type === "feed_resumed") {
      text.append(badge(a.agency, false), el("span", null, ` filing again after ${dur(a.silent_s)}`));
    } else if (type === "uses_killed") {
      text.append(el("b", null, storyName(sid)));
      const killed = arr(a.killed).length ? arr(a.killed).map(str).join(", ") : str(a.killed);
      text.append(el("span", "alert-why", ` · ${str(a.uri)} uses killed copy ${killed}`));
    } else {
      text.append(el("span", null, sid ? storyName(sid) : str(a.agency || a.id)));
    }
    li.append(text);
    return li;
  }

  function feedTable(feeds) {
    const f = obj(feeds);
    const rows = arr(f.agencies).map(obj);
    const table = el("table", "feeds");
    const head = el("tr");
    ["Agency", "Last item", "Silent for", "Rate /h", "Usual /h", ""].forEach((h) => head.append(el("th", null, h)));
    const thead = el("thead");
    thead.append(head);
    const body = el("tbody");
    rows.forEach((r) => {
      const tr = el("tr", r.silent ? "feed-silent" : "");
      const tdA = el("td");
      tdA.append(badge(r.agency, false));
      const last = el("td", "num", `${hhmm(r.last)} ${day(r.last)}`);
      last.title = full(r.last);
      const rate = r.rate_per_hour;
      const usual = r.usual_per_hour;
      const slow = typeof rate === "number" && typeof usual === "number" && usual > 0 && rate < usual / 2;
      tr.append(
        tdA,
        last,
        el("td", "num", dur(r.silent_s)),
        el("td", `num${slow ? " feed-slow" : ""}`, typeof rate === "number" ? fmt(rate, 1) : "–"),
        el("td", "num", typeof usual === "number" ? fmt(usual, 1) : "–"),
        el("td", "feed-state-cell", r.silent ? "silent" : slow ? "slow" : "ok"),
      );
      body.append(tr);
    });
    table.append(thead, body);
    return table;
  }

  function renderAlerts(pane) {
    state.newAlerts = 0;
    renderAlertCount();
    const sec = el("section", "alerts-pane");
    sec.id = "alerts";
    sec.append(el("h3", "section-title", `Alerts · ${state.alerts.length ? `${state.alerts.length}, newest first` : "none"}`));
    if (state.alerts.length) {
      const ol = el("ol", "alerts");
      state.alerts.slice(0, 50).forEach((a) => ol.append(alertRow(a)));
      sec.append(ol);
    } else {
      sec.append(el("p", "note", "No alerts. Breaking stories, silent feeds and rewrites of killed copy show here."));
    }
    const f = obj(state.feeds);
    sec.append(el("h3", "section-title", `Feed health${f.time ? ` · as of ${hhmm(f.time)} ${day(f.time)}` : ""}`));
    if (arr(f.agencies).length) sec.append(feedTable(f));
    else sec.append(el("p", "note", "No feed status yet."));
    pane.append(sec);
  }

  function renderAlertCount() {
    const c = document.getElementById("alerts-count");
    c.textContent = state.newAlerts ? String(state.newAlerts) : "";
    document.getElementById("alerts-btn").classList.toggle("alerts-new", state.newAlerts > 0);
  }

  function renderActivity() {
    const pane = document.getElementById("detail");
    pane.classList.add("empty");
    renderAlerts(pane);
    pane.append(el("h3", "section-title", "Latest on the wire · as received"));
    if (!state.activity.length) {
      pane.append(el("p", "note", "Nothing yet. Stories and items appear here as they come in."));
      return;
    }
    const ol = el("ol", "activity");
    const now = Date.now();
    activityRows()
      .slice(0, 150)
      .forEach(({ e, created, headline }) => {
        const li = el("li", "act");
        const sid = str(e.story_id);
        li.dataset.id = sid;
        li.tabIndex = 0;
        const story = state.stories.get(sid);
        const type = str(e.type);
        li.append(el("span", "act-time", hhmm(e.time)));
        const label = created ? "new story" : EVENT_LABEL[type] || type;
        li.append(el("span", `act-type act-${created ? "created" : EVENT_LABEL[type] ? type : "other"}`, label));
        if (e.agency) li.append(badge(e.agency, story ? !arr(story.agencies).includes(e.agency) : false));
        else li.append(el("span", "badge-gap"));
        li.append(e.kind && type === "item_added" ? kindTag(e.kind) : el("span"));
        let text = str(e.headline);
        if (!text && story) text = str(story.headline);
        if (type === "merged") text = `${story ? str(story.headline) : sid} (merged ${str(e.merged)})`;
        const head = el("span", "act-headline", text);
        if (headline && !created) head.title = "now the story's headline";
        if (headline && !created) li.classList.add("act-lead");
        li.append(head);
        if (e._at && now - e._at < FRESH_MS) li.classList.add("fresh");
        ol.append(li);
      });
    pane.append(ol);
  }

  // -- scheduling ----------------------------------------------------------------------------

  let pending = { list: false, story: false, filter: false };
  let frame = 0;
  function schedule(what) {
    Object.assign(pending, what);
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      const p = pending;
      pending = { list: false, story: false, filter: false };
      if (p.filter) renderFilter();
      if (p.list) renderList();
      if (p.story) {
        const pane = document.getElementById("detail");
        const scroll = pane.scrollTop;
        renderStory();
        pane.scrollTop = scroll;
      }
      renderConn();
    });
  }

  // Rows lose their highlight after FRESH_MS; one re-render a second does it cheaply.
  setInterval(() => {
    const now = Date.now();
    let expired = false;
    for (const [id, t] of state.fresh) if (now - t >= FRESH_MS) { state.fresh.delete(id); expired = true; }
    for (const [uri, t] of state.freshUris) if (now - t >= FRESH_MS) { state.freshUris.delete(uri); expired = true; }
    if (expired) schedule({ list: true, story: true });
  }, 1000);

  // -- state changes ------------------------------------------------------------------------

  // A full snapshot (SSE push, API reply) gets what the server's summaries carry for the list.
  function summarise(s) {
    if (!Array.isArray(s.timeline)) return s;
    const members = s.timeline.map(obj);
    const seen = new Set([str(s.headline)]);
    const headlines = [];
    let latest = null;
    for (const m of members) {
      const h = str(m.headline);
      if (h && !seen.has(h)) {
        seen.add(h);
        headlines.push(h);
      }
      if (!latest || num(m.time) >= num(latest.time)) latest = m;
    }
    s.headlines = headlines;
    s.latest = latest && { time: latest.time, agency: latest.agency, kind: latest.kind, headline: latest.headline };
    return s;
  }

  function upsert(s, live) {
    const id = str(s.id);
    if (!id) return;
    summarise(s);
    const known = state.stories.get(id);
    if (known && num(known.rev) > num(s.rev)) return;
    if (live) {
      state.fresh.set(id, Date.now());
      if (document.hidden) state.unseen += 1;
    }
    state.stories.set(id, s);
    if (id === state.openId) {
      if (s.status === "merged" && s.merged_into) {
        const from = id;
        openStory(str(s.merged_into));
        state.mergedFrom = { from, into: str(s.merged_into) };
        toast(`Story ${from} was merged into ${str(s.merged_into)}`);
        return;
      }
      if (Array.isArray(s.timeline) && (!state.open || num(state.open.rev) <= num(s.rev))) {
        if (live && state.open) {
          const before = new Set(arr(state.open.timeline).map((m) => str(obj(m).uri)));
          arr(s.timeline).forEach((m) => {
            const uri = str(obj(m).uri);
            if (!before.has(uri)) state.freshUris.set(uri, Date.now());
          });
        }
        state.open = s;
        schedule({ story: true });
      }
    }
  }

  function onReset(data) {
    const d = obj(data);
    const stories = new Map();
    arr(d.stories).forEach((s) => {
      const id = str(obj(s).id);
      if (id) stories.set(id, s);
    });
    state.stories = stories;
    state.activity = arr(d.activity).map(obj);
    state.alerts = arr(d.alerts).map(obj);
    state.feeds = d.feeds ? obj(d.feeds) : null;
    state.status = obj(d.status);
    if (state.openId) loadStory(state.openId);
    schedule({ list: true, filter: true, story: true });
  }

  function onStory(data) {
    const s = obj(data);
    upsert(s, true);
    schedule({ list: true, filter: true, story: !state.open });
    updateTitle();
  }

  function onRemoved(data) {
    const id = str(obj(data).id);
    state.stories.delete(id);
    if (id === state.openId) {
      state.open = null;
      state.openId = null;
      writeHash();
    }
    schedule({ list: true, filter: true, story: true });
  }

  function onActivity(data) {
    const e = obj(data);
    e._at = Date.now();
    state.activity.push(e);
    if (state.activity.length > 300) state.activity.splice(0, state.activity.length - 300);
    if (!state.open) schedule({ story: true });
  }

  function onAlert(data) {
    const a = obj(data);
    const id = str(a.id);
    if (!id) return;
    const at = state.alerts.findIndex((x) => str(x.id) === id);
    if (at >= 0) state.alerts.splice(at, 1);
    else if (a.type === "breaking" && state.open) state.newAlerts += 1;
    state.alerts.unshift(a);
    state.alerts.sort((x, y) => num(y.time) - num(x.time));
    if (state.alerts.length > MAX_ALERTS) state.alerts.length = MAX_ALERTS;
    renderAlertCount();
    if (!state.open) schedule({ story: true });
  }

  function onFeeds(data) {
    state.feeds = obj(data);
    if (!state.open) schedule({ story: true });
  }

  function onStatus(data) {
    state.status = obj(data);
    schedule({ list: true });
  }

  function updateTitle() {
    document.title = state.unseen ? `(${state.unseen}) copydesk · desk` : "copydesk · desk";
  }
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) {
      state.unseen = 0;
      updateTitle();
    }
  });

  // -- opening stories, filters, the URL ------------------------------------------------------

  let loading = 0;
  async function loadStory(id) {
    const ticket = ++loading;
    try {
      const res = await fetch(`/api/stories/${encodeURIComponent(id)}`, { headers: { Accept: "application/json" } });
      if (ticket !== loading || state.openId !== id) return;
      if (res.status === 404) {
        state.open = null;
        state.openId = null;
        writeHash();
        schedule({ list: true, story: true });
        return;
      }
      if (!res.ok) return;
      const s = summarise(obj(await res.json()));
      if (ticket !== loading) return;
      if (str(s.id) !== id) {
        state.openId = str(s.id); // a merged id answers with its survivor
        state.mergedFrom = { from: id, into: str(s.id) };
      }
      if (!state.open || str(state.open.id) !== str(s.id) || num(s.rev) >= num(state.open.rev)) state.open = s;
      const known = state.stories.get(str(s.id));
      if (!known || num(known.rev) <= num(s.rev)) state.stories.set(str(s.id), s);
      writeHash();
      schedule({ list: true, story: true });
    } catch (err) {
      // offline for a moment: the next reset reloads the open story
    }
  }

  function openStory(id) {
    if (id !== state.openId) {
      state.selUri = null;
      state.mergedFrom = null;
    }
    state.openId = id || null;
    const known = id ? state.stories.get(id) : null;
    state.open = known && Array.isArray(known.timeline) ? known : null;
    if (id) loadStory(id);
    writeHash();
    schedule({ list: true, story: true });
    const pane = document.getElementById("detail");
    pane.scrollTop = 0;
  }

  function setAgency(name) {
    state.agency = name;
    writeHash();
    schedule({ list: true, filter: true });
  }

  function writeHash() {
    const p = new URLSearchParams();
    if (state.openId) p.set("story", state.openId);
    if (state.agency) p.set("agency", state.agency);
    if (state.query) p.set("q", state.query);
    const hash = p.toString();
    const url = hash ? `#${hash}` : location.pathname + location.search;
    if (`#${hash}` !== location.hash && !(hash === "" && location.hash === "")) history.replaceState(null, "", url);
  }

  function readHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    state.openId = p.get("story") || null;
    state.agency = p.get("agency") || "";
    state.query = p.get("q") || "";
    document.getElementById("search").value = state.query;
  }

  // -- editor actions ----------------------------------------------------------------------------

  function storage(kind) {
    try {
      return kind === "session" ? window.sessionStorage : window.localStorage;
    } catch (err) {
      return null; // storage off: asked every time
    }
  }
  const getToken = () => str(storage("session") && storage("session").getItem(TOKEN_KEY));
  function setToken(t) {
    const st = storage("session");
    if (!st) return;
    if (t) st.setItem(TOKEN_KEY, t);
    else st.removeItem(TOKEN_KEY);
  }

  let toastTimer = 0;
  function toast(text, bad) {
    const t = document.getElementById("toast");
    t.textContent = text;
    t.classList.toggle("toast-bad", Boolean(bad));
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { t.hidden = true; }, bad ? 9000 : 5000);
  }

  function field(label, input) {
    const l = el("label", "act-field");
    l.append(el("span", null, label), input);
    return l;
  }

  function input(name, value, attrs) {
    const i = el("input");
    i.name = name;
    i.type = "text";
    i.value = str(value);
    Object.entries(attrs || {}).forEach(([k, v]) => i.setAttribute(k, v));
    return i;
  }

  function fillStoryChoices(exclude) {
    const list = document.getElementById("story-ids");
    list.replaceChildren();
    sorted()
      .filter((x) => str(x.id) !== exclude)
      .slice(0, 300)
      .forEach((x) => {
        const o = el("option", null, str(x.headline));
        o.value = str(x.id);
        list.append(o);
      });
  }

  // The selected item, or the newest one when none is selected.
  function currentUri() {
    const members = orderedMembers(state.open);
    if (state.selUri && members.some((m) => str(m.uri) === state.selUri)) return state.selUri;
    return members.length ? str(members[0].uri) : null;
  }

  function openForm(action, ctx) {
    const s = state.open;
    if (!s || s.status === "merged") return;
    if (!state.config.writes) {
      toast(str(state.config.read_only_reason) || "read-only", true);
      return;
    }
    const sid = str(s.id);
    const uri = str(ctx.uri) || (["move", "apart", "rekind"].includes(action) ? currentUri() : "");
    if (["move", "apart", "rekind"].includes(action) && !uri) return;
    if (uri) state.selUri = uri;
    state.form = { action, story: sid, uri };
    const panel = document.getElementById("act-panel");
    const fields = document.getElementById("act-fields");
    fields.replaceChildren();
    document.getElementById("act-title").textContent = ACTION_TITLE[action];
    const member = orderedMembers(s).find((m) => str(m.uri) === uri);
    document.getElementById("act-subject").textContent = uri
      ? `Item ${uri}${member ? ` · ${str(member.agency)} · ${str(member.headline)}` : ""}`
      : `Story ${sid} · ${str(s.headline)}`;
    let first;
    if (action === "merge") {
      fillStoryChoices(sid);
      first = input("into", "", { list: "story-ids", placeholder: "st-… (type, pick, or click a story in the list)", required: "" });
      fields.append(field("Into story", first));
    } else if (action === "move") {
      fillStoryChoices(sid);
      first = input("to", "new", { list: "story-ids", placeholder: "new, or st-… (click a story in the list)", required: "" });
      fields.append(field("To story (new: a story of its own)", first));
    } else if (action === "apart") {
      first = input("with", sid, { required: "" });
      fields.append(field("Never together with (this story, another story id or an item uri)", first));
    } else if (action === "pin") {
      first = input("headline", str(s.headline), { maxlength: "500" });
      fields.append(field("Headline (empty: unpin)", first));
    } else if (action === "rekind") {
      const sel = el("select");
      sel.name = "kind";
      arr(state.config.kinds).forEach((k) => {
        const o = el("option", null, str(k));
        o.value = str(k);
        sel.append(o);
      });
      if (arr(state.config.kinds).includes("advisory")) sel.value = "advisory";
      first = sel;
      fields.append(field("Kind", sel));
    }
    document.getElementById("act-why").value = "";
    const who = storage("local") && storage("local").getItem(WHO_KEY);
    document.getElementById("act-who").value = str(who);
    document.getElementById("act-token").value = "";
    document.getElementById("act-token-row").hidden = Boolean(getToken());
    document.getElementById("act-error").textContent = "";
    document.getElementById("act-send").disabled = false;
    panel.hidden = false;
    schedule({ story: true });
    if (first) {
      first.focus();
      if (first.select) first.select();
    }
  }

  function closeForm() {
    state.form = null;
    document.getElementById("act-panel").hidden = true;
  }

  // A story clicked in the list while a merge or move form is open fills its target.
  function pickStory(id) {
    const f = state.form;
    if (!f || !["merge", "move"].includes(f.action)) return false;
    const target = document.querySelector(`#act-fields input[name="${f.action === "merge" ? "into" : "to"}"]`);
    if (!target) return false;
    target.value = id;
    target.focus();
    return true;
  }

  async function sendForm() {
    const f = state.form;
    if (!f) return;
    const form = document.getElementById("act-form");
    const value = (name) => {
      const node = form.querySelector(`[name="${name}"]`);
      return node ? str(node.value).trim() : "";
    };
    const record = { action: f.action };
    if (f.action === "merge") Object.assign(record, { story: f.story, into: value("into") });
    if (f.action === "move") Object.assign(record, { uri: f.uri, to: value("to") || "new" });
    if (f.action === "apart") Object.assign(record, { uri: f.uri, with: value("with") });
    if (f.action === "pin") Object.assign(record, { story: f.story, headline: value("headline") || null });
    if (f.action === "rekind") Object.assign(record, { uri: f.uri, kind: value("kind") });
    const why = value("why");
    const who = value("who");
    if (why) record.why = why;
    if (who) record.who = who;
    const typed = value("token");
    if (typed) setToken(typed);
    const token = getToken();
    const error = document.getElementById("act-error");
    if (!token) {
      document.getElementById("act-token-row").hidden = false;
      error.textContent = "The desk token is needed to act (ask whoever runs the dashboard).";
      document.getElementById("act-token").focus();
      return;
    }
    const send = document.getElementById("act-send");
    send.disabled = true;
    error.textContent = "";
    let res;
    let body = {};
    try {
      res = await fetch("/api/actions", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify(record),
      });
      try {
        body = obj(await res.json());
      } catch (err) {
        body = {};
      }
    } catch (err) {
      send.disabled = false;
      error.textContent = "The dashboard did not answer; try again.";
      return;
    }
    send.disabled = false;
    if (res.status === 202) {
      const st = storage("local");
      if (st && who) st.setItem(WHO_KEY, who);
      closeForm();
      toast(`${f.action} sent (${str(body.id)}); the story changes when the desk has applied it.`);
      return;
    }
    if (res.status === 401) {
      setToken("");
      document.getElementById("act-token-row").hidden = false;
      document.getElementById("act-token").focus();
    }
    error.textContent = `Refused (${res.status}): ${str(body.error) || res.statusText}`;
  }

  // Shortcuts on the open story: J/K select an item, e its explanation, m p v x r the actions.
  function storyKey(key) {
    if (!state.open) return false;
    if (key === "J" || key === "K") {
      const members = orderedMembers(state.open);
      if (!members.length) return true;
      const at = members.findIndex((m) => str(m.uri) === state.selUri);
      const next = at < 0 ? 0 : Math.max(0, Math.min(members.length - 1, at + (key === "J" ? 1 : -1)));
      selectItem(str(members[next].uri));
      return true;
    }
    if (key === "e") {
      const uri = currentUri();
      if (!uri) return true;
      if (state.whyOpen.has(uri)) state.whyOpen.delete(uri);
      else state.whyOpen.add(uri);
      state.selUri = uri;
      schedule({ story: true });
      return true;
    }
    const action = { m: "merge", p: "pin", v: "move", x: "apart", r: "rekind" }[key];
    if (action) {
      openForm(action, {});
      return true;
    }
    return false;
  }

  function selectItem(uri) {
    state.selUri = uri;
    schedule({ story: true });
    requestAnimationFrame(() => {
      const li = [...document.querySelectorAll("#detail .timeline > li")].find((x) => x.dataset.uri === uri);
      if (li) li.scrollIntoView({ block: "nearest" });
    });
  }

  async function loadConfig() {
    try {
      const res = await fetch("/api/config", { headers: { Accept: "application/json" } });
      if (!res.ok) return;
      const c = obj(await res.json());
      state.config = { writes: c.writes === true, kinds: arr(c.kinds).map(str), read_only_reason: str(c.read_only_reason) };
    } catch (err) {
      return; // stays read-only
    }
    const mode = document.getElementById("mode");
    mode.textContent = state.config.writes ? "editing" : "read-only";
    mode.className = `mode ${state.config.writes ? "mode-write" : "mode-read"}`;
    mode.title = state.config.writes ? "Actions go to the desk (the token is asked once)" : state.config.read_only_reason;
    schedule({ story: true });
  }

  // -- events from the page -----------------------------------------------------------------

  function wire() {
    const search = document.getElementById("search");
    search.addEventListener("input", () => {
      state.query = search.value;
      writeHash();
      schedule({ list: true });
    });
    const body = document.getElementById("stories");
    body.addEventListener("click", (ev) => {
      const row = ev.target.closest("tr.story");
      if (row && !pickStory(row.dataset.id)) openStory(row.dataset.id);
    });
    body.addEventListener("keydown", (ev) => {
      const row = ev.target.closest("tr.story");
      if (row && (ev.key === "Enter" || ev.key === " ")) {
        ev.preventDefault();
        openStory(row.dataset.id);
      }
    });
    const detail = document.getElementById("detail");
    detail.addEventListener("click", (ev) => {
      const act = ev.target.closest("li.act, li.alert");
      if (act && act.dataset.id) openStory(act.dataset.id);
      const item = ev.target.closest(".timeline > li");
      if (item && !ev.target.closest("button, summary, a, details")) {
        state.selUri = item.dataset.uri;
        schedule({ story: true });
      }
    });
    detail.addEventListener("keydown", (ev) => {
      const act = ev.target.closest("li.act, li.alert");
      if (act && act.dataset.id && ev.key === "Enter") openStory(act.dataset.id);
    });
    document.getElementById("alerts-btn").addEventListener("click", () => {
      closeForm();
      openStory(null);
      requestAnimationFrame(() => {
        const a = document.getElementById("alerts");
        if (a) a.scrollIntoView({ block: "start" });
      });
    });
    const form = document.getElementById("act-form");
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      sendForm();
    });
    document.getElementById("act-cancel").addEventListener("click", () => closeForm());
    document.addEventListener("keydown", (ev) => {
      const typing =
        ev.target instanceof HTMLInputElement || ev.target instanceof HTMLTextAreaElement || ev.target instanceof HTMLSelectElement;
      if (ev.key === "/" && !typing) {
        ev.preventDefault();
        search.focus();
        search.select();
      } else if (state.form) {
        if (ev.key === "Escape") {
          ev.preventDefault();
          closeForm();
        }
        return; // keys belong to the form while it is open
      } else if (!typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey && storyKey(ev.key)) {
        ev.preventDefault();
      } else if (!typing && ev.key === "a" && !ev.ctrlKey && !ev.metaKey) {
        document.getElementById("alerts-btn").click();
      } else if (ev.key === "Escape") {
        if (typing && search.value) {
          search.value = "";
          state.query = "";
          writeHash();
          schedule({ list: true });
        } else if (state.openId) openStory(null);
        if (typing) search.blur();
      } else if (!typing && (ev.key === "j" || ev.key === "k" || ev.key === "ArrowDown" || ev.key === "ArrowUp")) {
        const rows = sorted();
        if (!rows.length) return;
        ev.preventDefault();
        const at = rows.findIndex((s) => s.id === state.openId);
        const step = ev.key === "j" || ev.key === "ArrowDown" ? 1 : -1;
        const next = rows[Math.max(0, Math.min(rows.length - 1, at < 0 ? 0 : at + step))];
        openStory(str(next.id));
        requestAnimationFrame(() => {
          const tr = [...document.querySelectorAll("tr.story")].find((r) => r.dataset.id === str(next.id));
          if (tr) tr.scrollIntoView({ block: "nearest" });
        });
      }
    });
    window.addEventListener("hashchange", () => {
      const before = state.openId;
      readHash();
      if (state.openId && state.openId !== before) openStory(state.openId);
      schedule({ list: true, filter: true, story: true });
    });
  }

  function connect() {
    const source = new EventSource("/events");
    const handle = (fn) => (ev) => {
      let data;
      try {
        data = JSON.parse(ev.data);
      } catch (err) {
        return;
      }
      fn(data);
    };
    source.addEventListener("open", () => {
      state.connected = true;
      schedule({});
    });
    source.addEventListener("error", () => {
      state.connected = false;
      schedule({});
    });
    source.addEventListener("reset", handle(onReset));
    source.addEventListener("story", handle(onStory));
    source.addEventListener("removed", handle(onRemoved));
    source.addEventListener("activity", handle(onActivity));
    source.addEventListener("status", handle(onStatus));
    source.addEventListener("alert", handle(onAlert));
    source.addEventListener("feeds", handle(onFeeds));
  }

  readHash();
  wire();
  loadConfig();
  if (state.openId) openStory(state.openId);
  schedule({ list: true, filter: true, story: true });
  connect();
})();
