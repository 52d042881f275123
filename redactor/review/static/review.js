// The review page: draws what the server sends (redactor/review/view.py) and sends back what
// the reviewer does. The server holds the review; this script holds only what is on screen.
// Values are put on the page as text (textContent), never as markup.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  let state = null;
  let selected = null;
  let hits = [];
  let hitQuery = "";
  let leaving = false;
  const sheets = new Map(); // page number -> {sheet, layer, gutter}
  // What rejecting a structural fix leaves in the public copy.
  const CAUTIONS = {
    BAD_REDACTION: "Rejecting this leaves the text under the box in the file, where anyone can copy it.",
    HIDDEN_TEXT: "Rejecting this leaves text no reader sees but any program reads.",
  };

  // -- talking to the server ----------------------------------------------------------

  async function call(route, body) {
    const init = body === undefined
      ? { cache: "no-store" }
      : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
    const res = await fetch(route, init);
    let data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    if (!res.ok) throw new Error((data && data.error) || `the server answered ${res.status}`);
    return data;
  }

  async function change(body) {
    try {
      const before = new Set(state.entries.map((e) => e.id));
      const next = await call("op", body);
      const added = next.entries.filter((e) => !before.has(e.id));
      show(next);
      return added;
    } catch (err) {
      say(err.message, "fail");
      return [];
    }
  }

  // -- building elements ----------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    return node;
  }

  function say(text, kind, list, title) {
    const box = $("message");
    box.replaceChildren(el("p", { class: kind || "", text }));
    if (list && list.length) {
      box.firstChild.append(el("details", {}, el("summary", { text: title || "details" }),
        el("ul", {}, ...list.map((t) => el("li", { text: t })))));
    }
  }

  function place(node, b, pad) {
    node.style.left = `${Math.round(b[0] - pad)}px`;
    node.style.top = `${Math.round(b[1] - pad)}px`;
    node.style.width = `${Math.round(b[2] - b[0] + 2 * pad)}px`;
    node.style.height = `${Math.round(b[3] - b[1] + 2 * pad)}px`;
  }

  // -- the pages --------------------------------------------------------------------------

  function buildPages() {
    const main = $("pages");
    main.replaceChildren();
    for (const p of state.pages) {
      const img = el("img", { src: `page/${p.number}.png`, width: p.width, height: p.height,
                              alt: `page ${p.number}`, loading: "lazy", draggable: "false" });
      const layer = el("div", { class: "pv-layer" });
      const sheet = el("div", { class: "pv-sheet", "data-page": p.number }, img, layer);
      sheet.style.width = `${p.width}px`;
      sheet.style.height = `${p.height}px`;
      const gutter = el("div", { class: "pv-gutter" });
      main.append(el("section", { class: "page-wrap", id: `page-${p.number}` },
        el("h2", { text: `Page ${p.number} of ${state.pages.length}` }),
        el("div", { class: "pv-view" }, sheet, gutter)));
      sheets.set(p.number, { sheet, layer, gutter, size: p });
      sheet.addEventListener("mousedown", (ev) => startDrawing(ev, p.number));
    }
  }

  function drawMarks() {
    const outline = state.outline;
    const lh = state.label_height;
    for (const [number, s] of sheets) {
      s.layer.replaceChildren();
      s.gutter.replaceChildren();
      const onPage = state.entries.filter((e) => e.page === number && e.boxes.length);
      const problems = state.problems.filter((p) => p.page === number && p.boxes.length);
      const bottom = Math.max(s.size.height, ...onPage.concat(problems).map((e) => e.label_top + lh));
      s.gutter.style.height = `${Math.ceil(bottom)}px`;
      const leaders = svg("svg", { class: "pv-leaders", width: state.leader, height: Math.ceil(bottom) });
      s.gutter.append(leaders);
      for (const p of problems) {
        for (const b of p.boxes) {
          const box = el("div", { class: "pv-box pv-problem", title: `${p.id} ${p.kind}: ${p.detail}` });
          place(box, b, outline);
          s.layer.append(box);
        }
        leaders.append(svg("line", { class: "pv-problem", x1: 0, y1: Math.round(p.anchor),
                                     x2: state.leader, y2: Math.round(p.label_top + lh / 2) }));
        const label = el("div", { class: "pv-label pv-problem", text: `${p.id} ${p.kind}`, title: p.detail,
                                  onclick: () => { const n = $(`problem-${p.id}`); if (n) n.scrollIntoView({ block: "center" }); } });
        label.style.top = `${Math.round(p.label_top)}px`;
        s.gutter.append(label);
      }
      for (const e of onPage) {
        const sel = e.id === selected ? " pv-selected" : "";
        for (const b of e.boxes) {
          const box = el("div", { class: `pv-box pv-${e.status}${sel}`, "data-id": e.id,
                                  title: `${e.id} ${e.category} → ${e.label || e.action}` });
          place(box, b, outline);
          box.addEventListener("mousedown", (ev) => ev.stopPropagation());
          box.addEventListener("click", () => select(e.id, "list"));
          s.layer.append(box);
        }
        leaders.append(svg("line", { class: `pv-${e.status}`, x1: 0, y1: Math.round(e.anchor),
                                     x2: state.leader, y2: Math.round(e.label_top + lh / 2) }));
        const label = el("div", { class: `pv-label pv-${e.status}${sel}`, "data-id": e.id,
                                  text: `${e.id} ${e.category}`, onclick: () => select(e.id, "list") });
        label.style.top = `${Math.round(e.label_top)}px`;
        s.gutter.append(label);
      }
      for (const h of hits.filter((o) => o.page === number)) {
        for (const b of h.boxes) {
          const box = el("div", { class: "pv-box pv-hit" });
          place(box, b, outline);
          s.layer.append(box);
        }
      }
    }
  }

  // -- drawing a new redaction -------------------------------------------------------------

  function startDrawing(ev, number) {
    if (ev.button !== 0) return;
    ev.preventDefault();
    const s = sheets.get(number);
    const origin = s.sheet.getBoundingClientRect();
    const x0 = ev.clientX - origin.left;
    const y0 = ev.clientY - origin.top;
    const ghost = el("div", { class: "pv-box pv-drawing" });
    s.layer.append(ghost);
    let box = [x0, y0, x0, y0];
    const move = (e) => {
      const x = Math.min(Math.max(e.clientX - origin.left, 0), s.size.width);
      const y = Math.min(Math.max(e.clientY - origin.top, 0), s.size.height);
      box = [Math.min(x0, x), Math.min(y0, y), Math.max(x0, x), Math.max(y0, y)];
      place(ghost, box, 0);
    };
    const up = async (e) => {
      window.removeEventListener("mousemove", move);
      window.removeEventListener("mouseup", up);
      move(e);
      ghost.remove();
      if (box[2] - box[0] < 4 || box[3] - box[1] < 4) return;
      const added = await change({ op: "draw", page: number, box, category: $("new-category").value });
      if (added.length) {
        select(added[0].id, "list");
        say(`${added[0].id} added: a box you drew, ${added[0].value ? "with the text under it" : "over no text"}.`, "ok");
      }
    };
    window.addEventListener("mousemove", move);
    window.addEventListener("mouseup", up);
  }

  // -- the side: the selected entry, the list, the problems --------------------------------

  function entryById(id) { return state.entries.find((e) => e.id === id) || null; }

  function status(e) { return el("span", { class: `status ${e.status}`, text: e.status }); }

  function where(e) {
    if (e.surface !== "page") return `${e.surface.replace("_", " ")} ${e.where}`.trim();
    const parts = [];
    if (e.page) parts.push(`page ${e.page}`);
    else parts.push("every page");
    if (e.line) parts.push(`line ${e.line}`);
    return parts.join(", ");
  }

  function drawDetail() {
    const box = $("detail");
    const e = entryById(selected);
    if (!e) {
      box.replaceChildren(el("p", { class: "hint", text: "Select a redaction on the page or in the list." }));
      return;
    }
    const actions = el("fieldset", {}, el("legend", { text: "The public copy shows" }));
    for (const a of e.actions) {
      const text = a === "partial" ? `the FRCP 5.2 form: ${e.public_form}`
        : a === "remove" ? "nothing (hidden text removed)" : "the whole value blacked out";
      const input = el("input", { type: "radio", name: "action", value: a, checked: a === e.action,
                                  onchange: () => change({ op: "action", id: e.id, action: a }) });
      actions.append(el("label", {}, input, ` ${text}`));
    }
    const caution = CAUTIONS[e.category] ? el("p", { class: "caution", text: CAUTIONS[e.category] }) : null;
    box.replaceChildren(el("div", {},
      el("h2", {}, `${e.id} · ${e.category} `, status(e)),
      caution,
      el("dl", {},
        el("dt", { text: "what" }), el("dd", { text: e.description }),
        el("dt", { text: "where" }), el("dd", { text: where(e) }),
        el("dt", { text: "text" }), el("dd", {}, e.value ? el("span", { class: "value", text: e.value }) : "(no text under it)"),
        el("dt", { text: "burned in" }), el("dd", { text: e.action === "remove" ? "nothing: the text is taken out" : (e.label || "") }),
        el("dt", { text: "why" }), el("dd", { text: `${e.reason} (${e.detector})` })),
      actions,
      el("div", { class: "row" },
        el("button", { type: "button", id: "accept", text: "Accept (a)", onclick: () => decide("accept", { ids: [e.id] }) }),
        el("button", { type: "button", id: "reject", text: "Reject (r)", onclick: () => decide("reject", { ids: [e.id] }) }),
        e.status !== "pending" ? el("button", { type: "button", text: "Undecide", onclick: () => decide("reset", { ids: [e.id] }) }) : null),
      e.value ? el("div", { class: "row" },
        el("button", { type: "button", id: "find-value", text: "Find this text everywhere",
                       onclick: () => findEverywhere(e) })) : null,
      el("div", { class: "row" },
        el("button", { type: "button", id: "accept-mentions", text: "Accept every mention", onclick: () => decide("accept", { mentions_of: e.id }) }),
        el("button", { type: "button", id: "reject-mentions", text: "Reject every mention", onclick: () => decide("reject", { mentions_of: e.id }) })),
      el("div", { class: "row" },
        el("button", { type: "button", text: `Accept all ${e.category}`, onclick: () => decide("accept", { category: e.category }) }),
        el("button", { type: "button", text: `Reject all ${e.category}`, onclick: () => decide("reject", { category: e.category }) }))));
  }

  function drawList() {
    const list = $("list");
    const groups = new Map();
    for (const e of state.entries) {
      if (!groups.has(e.category)) groups.set(e.category, []);
      groups.get(e.category).push(e);
    }
    const head = el("h2", { text: `Redactions (${state.entries.length})` });
    const parts = [head];
    if (!state.entries.length) parts.push(el("p", { class: "hint", text: "Nothing is proposed. Draw a box or search to add one." }));
    for (const [category, items] of groups) {
      parts.push(el("h3", { "data-category": category }, category, el("span", { class: "n", text: `(${items.length})` }),
        el("span", { class: "group-actions" },
          el("button", { type: "button", class: "accept-all", text: "accept all", title: `Accept every ${category}`, onclick: () => decide("accept", { category }) }),
          el("button", { type: "button", class: "reject-all", text: "reject all", title: `Reject every ${category}`, onclick: () => decide("reject", { category }) }))));
      let page;
      for (const e of [...items].sort(byPlace)) {
        if (e.page !== page) {
          page = e.page;
          parts.push(el("div", { class: "page-head", text: page ? `page ${page}` : "document-wide" }));
        }
        const row = el("div", { class: `item ${e.status}${e.id === selected ? " selected" : ""}`, "data-id": e.id,
                                onclick: () => select(e.id, "page") },
          el("span", { class: "id", text: e.id }),
          el("span", { class: "text", text: e.value || "(drawn box)", title: where(e) }),
          el("span", { class: "form", text: e.action === "remove" ? "removed" : e.label }),
          status(e));
        parts.push(row);
      }
    }
    list.replaceChildren(...parts);
  }

  function drawProblems() {
    const box = $("problems");
    const parts = [el("h2", { text: `Problems with the file (${state.problems.length})` })];
    if (!state.problems.length) parts.push(el("p", { class: "hint", text: "None found." }));
    for (const p of state.problems) {
      parts.push(el("div", { class: `problem ${p.severity === "fix" ? "fix" : "note"}`, id: `problem-${p.id}` },
        el("div", {}, el("span", { class: "kind", text: `${p.id} ${p.kind}` }), ` ${p.page ? `page ${p.page}` : "document"} · ${p.severity}`),
        el("div", { text: p.detail }),
        el("div", { class: "remedy", text: `redact: ${p.remedy}` })));
    }
    box.replaceChildren(...parts);
  }

  function drawBar() {
    const c = state.counts;
    const counts = $("counts");
    counts.replaceChildren(
      `${state.entries.length} redactions: ${c.accepted} accepted, ${c.rejected} rejected, ${c.pending} to review`);
    if (state.dirty) {
      counts.append(" · ", el("span", { class: "unsaved", text: state.saved ? "unsaved changes" : "plan not saved yet" }));
    }
    $("undo").disabled = !state.can_undo;
  }

  function show(next) {
    state = next;
    if (selected && !entryById(selected)) selected = null;
    drawBar();
    drawMarks();
    drawDetail();
    drawList();
    drawProblems();
  }

  function byPlace(a, b) {
    const pa = a.page || 0, pb = b.page || 0;
    if (pa !== pb) return pa - pb;
    const ya = a.boxes.length ? a.boxes[0][1] : -1, yb = b.boxes.length ? b.boxes[0][1] : -1;
    if (Math.abs(ya - yb) > 3) return ya - yb;
    const xa = a.boxes.length ? a.boxes[0][0] : -1, xb = b.boxes.length ? b.boxes[0][0] : -1;
    return xa - xb || a.id.localeCompare(b.id);
  }

  // -- selecting and deciding --------------------------------------------------------------

  function select(id, reveal) {
    selected = id;
    drawMarks();
    drawDetail();
    drawList();
    const e = entryById(id);
    if (!e) return;
    const item = document.querySelector(`#list .item[data-id="${id}"]`);
    if (item) item.scrollIntoView({ block: "nearest" });
    if (reveal === "page" || reveal === "both") {
      const box = document.querySelector(`.pv-box[data-id="${id}"]`);
      if (box) box.scrollIntoView({ block: "center", inline: "nearest" });
      else if (e.page) $(`page-${e.page}`).scrollIntoView({ block: "start" });
    }
  }

  function step(by) {
    const order = [...state.entries].sort(byPlace);
    if (!order.length) return;
    const at = order.findIndex((e) => e.id === selected);
    const next = at < 0 ? (by > 0 ? 0 : order.length - 1) : Math.min(Math.max(at + by, 0), order.length - 1);
    select(order[next].id, "both");
  }

  async function decide(op, what) {
    await change({ op, ...what });
  }

  async function decideSelected(op) {
    if (!selected) return;
    const id = selected;
    await change({ op, ids: [id] });
    step(1);
  }

  // -- search, save, apply, done ------------------------------------------------------------

  async function find(ev) {
    ev.preventDefault();
    const query = $("query").value.trim();
    hitQuery = query;
    hits = [];
    $("redact-all").disabled = true;
    if (query.length < 2) {
      $("found").textContent = "";
      drawMarks();
      return;
    }
    try {
      const data = await call("find", { query });
      hits = data.occurrences;
      const open = hits.filter((o) => !o.covered).length;
      $("found").textContent = `${hits.length} found, ${open} not yet redacted`;
      $("redact-all").disabled = open === 0;
      drawMarks();
      const first = hits.find((o) => !o.covered) || hits[0];
      if (first) $(`page-${first.page}`).scrollIntoView({ block: "start" });
    } catch (err) {
      say(err.message, "fail");
    }
  }

  function findEverywhere(e) {
    // the occurrences found are redacted as this entry's category
    const pick = $("new-category");
    if ([...pick.options].some((o) => o.value === e.category)) pick.value = e.category;
    $("query").value = e.value;
    $("search").requestSubmit();
  }

  async function redactAll() {
    if (!hitQuery) return;
    const added = await change({ op: "search", query: hitQuery, category: $("new-category").value });
    hits = [];
    $("found").textContent = "";
    $("redact-all").disabled = true;
    drawMarks();
    if (added.length) {
      say(`${added.length} redaction${added.length === 1 ? "" : "s"} added (${added[0].id}${added.length > 1 ? `–${added[added.length - 1].id}` : ""}).`, "ok");
      select(added[0].id, "list");
    }
  }

  async function save() {
    try {
      const data = await call("save", {});
      show(data.state);
      say(`Plan saved to ${data.saved} (${state.planned} redactions).`, "ok");
    } catch (err) {
      say(err.message, "fail");
    }
  }

  async function apply() {
    const buttons = ["save", "apply", "done", "undo"].map($);
    buttons.forEach((b) => { b.disabled = true; });
    const open = state.counts.pending;
    say(`Saving the plan, redacting and verifying…${open ? ` (${open} not reviewed: redacted as proposed)` : ""}`);
    try {
      const data = await call("apply", {});
      show(data.state);
      const r = data.result;
      if (r.ok) {
        say(`Verified and written: ${r.message}. The public copy is ${r.output}; the plan applied is ${r.plan}.`,
            "ok", r.checks, "what verification read");
      } else {
        say(`Nothing was released (exit ${r.exit_code}): ${r.message}`, "fail");
      }
    } catch (err) {
      say(err.message, "fail");
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
      $("undo").disabled = !state.can_undo;
    }
  }

  async function done() {
    if (state.dirty && !leaving) {
      leaving = true;
      say("The review has changes no saved plan holds. Save first, or press Done again to end without saving.", "fail");
      return;
    }
    try {
      await call("done", {});
    } catch (err) {
      // the server may close before answering; the review has ended either way
    }
    document.body.replaceChildren(el("div", { id: "ended" },
      el("h1", { text: "The review has ended." }),
      el("p", { text: state.last_apply && state.last_apply.ok
        ? `The public copy is at ${state.last_apply.output}; the plan at ${state.last_apply.plan}.`
        : `Nothing was applied. ${state.dirty ? "Changes were not saved." : `The plan is at ${state.plan_path}.`}` }),
      el("p", { text: "You can close this tab." })));
  }

  // -- keys -----------------------------------------------------------------------------------

  function keys(ev) {
    if (ev.target.closest("input, select, textarea") || ev.altKey || ev.metaKey) return;
    if (ev.ctrlKey) {
      if (ev.key === "z") { ev.preventDefault(); change({ op: "undo" }); }
      else if (ev.key === "s") { ev.preventDefault(); save(); }
      return;
    }
    const actions = {
      j: () => step(1), n: () => step(1),
      k: () => step(-1), p: () => step(-1),
      a: () => decideSelected("accept"), r: () => decideSelected("reject"),
      u: () => change({ op: "undo" }), s: () => save(),
    };
    const act = actions[ev.key];
    if (act) {
      ev.preventDefault();
      act();
    }
  }

  // -- start ----------------------------------------------------------------------------------

  async function start() {
    try {
      state = await call("state");
    } catch (err) {
      $("loading").textContent = `The review could not be read: ${err.message}`;
      return;
    }
    $("file").textContent = state.file;
    document.title = `redactor review: ${state.file.split("/").pop()}`;
    const pick = $("new-category");
    for (const c of state.categories) pick.append(el("option", { value: c.name, text: c.name, title: c.description }));
    pick.value = "TERM";
    buildPages();
    show(state);
    if (state.loaded) say(`Plan read from ${state.plan_path}.`);
    $("search").addEventListener("submit", find);
    $("redact-all").addEventListener("click", redactAll);
    $("undo").addEventListener("click", () => change({ op: "undo" }));
    $("save").addEventListener("click", save);
    $("apply").addEventListener("click", apply);
    $("done").addEventListener("click", done);
    document.addEventListener("keydown", keys);
  }

  start();
})();
