// copydesk desk dashboard: plain JS, no build step.
//
// Everything agencies send is data. The DOM is built with createElement/textContent only
// (never innerHTML), styles through the CSSOM; the server's CSP forbids inline script.
//
// State comes from /events (server-sent events): `reset` (the whole list, on every
// (re)connect), then `story` (a full snapshot), `removed`, `activity` and `status`. The open
// story is fetched from /api/stories/{id}; of two copies of a story the higher `rev` wins.
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
    const uri = el("span", "tl-uri", str(m.uri));
    meta.append(uri);
    main.append(meta);
    if (kind === "rewrite") main.append(provenanceBlock(m.provenance, byUri));
    const whoKind = el("div", "tl-who");
    whoKind.append(who, kindTag(kind));
    li.append(time, whoKind, main);
    return li;
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
    const ordered = members.slice().sort((a, b) => num(b.time) - num(a.time));
    pane.append(el("h3", "section-title", `Timeline · ${members.length} items, newest first`));
    const ol = el("ol", "timeline");
    const now = Date.now();
    ordered.forEach((m) => ol.append(timelineItem(m, byUri, now)));
    pane.append(ol);
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

  function renderActivity() {
    const pane = document.getElementById("detail");
    pane.classList.add("empty");
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
        openStory(str(s.merged_into));
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
      if (str(s.id) !== id) state.openId = str(s.id); // a merged id answers with its survivor
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
      if (row) openStory(row.dataset.id);
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
      const act = ev.target.closest("li.act");
      if (act && act.dataset.id) openStory(act.dataset.id);
    });
    detail.addEventListener("keydown", (ev) => {
      const act = ev.target.closest("li.act");
      if (act && act.dataset.id && ev.key === "Enter") openStory(act.dataset.id);
    });
    document.addEventListener("keydown", (ev) => {
      const typing = ev.target instanceof HTMLInputElement;
      if (ev.key === "/" && !typing) {
        ev.preventDefault();
        search.focus();
        search.select();
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
  }

  readHash();
  wire();
  if (state.openId) openStory(state.openId);
  schedule({ list: true, filter: true, story: true });
  connect();
})();
