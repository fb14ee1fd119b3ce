/* global document, window */
// The evidence page's only script (inlined, allowed by its hash in the page's Content-Security-Policy).
// Everything from the registry reaches the page through textContent, never as markup.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("evidence-data").textContent);
  const byId = (id) => document.getElementById(id);
  const RESULT_ORDER = { fail: 0, warn: 1, excepted: 2, pass: 3 };
  const LIVE_ORDER = { differs: 0, missing: 1, unmanaged: 2, "not-read": 3, unknown: 4, matches: 5 };
  const collator = new Intl.Collator("en", { numeric: true });
  // Printing shows every row the filter leaves, up to this many, not just the page on screen.
  const PRINT_LIMIT = 5000;

  // Search text once per account, shared contact and live value: 40,000 rows share a few hundred contacts.
  const lower = (parts) =>
    parts
      .filter((p) => p !== undefined && p !== null && p !== "")
      .join("\n")
      .toLowerCase();
  const accountText = data.accounts.map((a) => lower(a));
  const contactText = data.contacts.map((c) =>
    lower([
      c.type,
      c.card,
      c.cardName,
      c.source,
      c.email,
      c.phone,
      ...(c.reachesEmail || []),
      ...(c.reachesPhone || []),
      ...c.groups.flat(),
      c.result,
      ...c.rules,
      ...c.exceptions,
    ]),
  );
  const liveText = data.liveContacts.map((l) => lower([l.status, ...Object.values(l.held), ...l.fields, l.note, l.result, ...l.rules]));
  // Each row is two numbers (account, contact), three with AWS's values (live): indexes into the lists above.
  const stride = data.live ? 3 : 2;
  const rowCount = data.rows.length / stride;
  const rowAccount = (i) => data.rows[i * stride];
  const rowContact = (i) => data.rows[i * stride + 1];
  const rowLive = (i) => (data.live ? data.rows[i * stride + 2] : -1);

  const reached = (c) => {
    const names = [...(c.reachesEmail || [])];
    for (const n of c.reachesPhone || []) if (!names.includes(n)) names.push(n);
    return names;
  };
  const SORT_KEYS = {
    account: (i) => data.accounts[rowAccount(i)][0],
    name: (i) => data.accounts[rowAccount(i)][1] || "",
    ou: (i) => data.accounts[rowAccount(i)][2] || "",
    type: (i) => data.contacts[rowContact(i)].type,
    card: (i) => data.contacts[rowContact(i)].card || "",
    email: (i) => data.contacts[rowContact(i)].email || "",
    phone: (i) => data.contacts[rowContact(i)].phone || "",
    reaches: (i) => reached(data.contacts[rowContact(i)]).length,
    group: (i) => data.contacts[rowContact(i)].groups.map((g) => g[0]).join(" "),
    result: (i) => RESULT_ORDER[data.contacts[rowContact(i)].result],
    exception: (i) => data.contacts[rowContact(i)].exceptions.join(" "),
    // What fails in AWS first, then by how AWS differs from the registry.
    aws: (i) => {
      if (rowLive(i) < 0) return 99;
      const l = data.liveContacts[rowLive(i)];
      return (l.result ? RESULT_ORDER[l.result] : 4) * 10 + LIVE_ORDER[l.status];
    },
  };

  const state = { terms: [], result: "all", sortKey: null, descending: false, page: 0, pageSize: 100, printing: false };
  let shown = [];

  function matches(i) {
    const c = data.contacts[rowContact(i)];
    if (state.result === "not-matching") {
      if (rowLive(i) < 0 || data.liveContacts[rowLive(i)].status === "matches") return false;
    } else if (state.result === "aws-fail") {
      if (rowLive(i) < 0 || data.liveContacts[rowLive(i)].result !== "fail") return false;
    } else if (state.result !== "all" && c.result !== state.result) return false;
    if (state.terms.length === 0) return true;
    const a = accountText[rowAccount(i)];
    const t = contactText[rowContact(i)];
    const l = rowLive(i) < 0 ? "" : liveText[rowLive(i)];
    return state.terms.every((term) => a.includes(term) || t.includes(term) || l.includes(term));
  }

  function refresh() {
    shown = [];
    for (let i = 0; i < rowCount; i++) if (matches(i)) shown.push(i);
    if (state.sortKey) {
      const key = SORT_KEYS[state.sortKey];
      const keys = new Map(shown.map((i) => [i, key(i)]));
      const sign = state.descending ? -1 : 1;
      shown.sort((x, y) => {
        const a = keys.get(x);
        const b = keys.get(y);
        const order = typeof a === "number" ? a - b : collator.compare(a, b);
        return sign * order || x - y;
      });
    }
    state.page = Math.min(state.page, Math.max(0, Math.ceil(shown.length / state.pageSize) - 1));
    render();
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function cell(tr, main, sub, className) {
    const td = el("td", main, className);
    if (sub) td.appendChild(el("span", sub, "sub"));
    tr.appendChild(td);
    return td;
  }
  function badge(text, kind) {
    return el("span", text, `badge ${kind}`);
  }

  /** What AWS holds for the row, and the policy's verdict on it. */
  function liveCell(tr, i) {
    const td = cell(tr, undefined, undefined, "aws");
    if (rowLive(i) >= 0) {
      const l = data.liveContacts[rowLive(i)];
      td.appendChild(badge(l.status + (l.fields.length ? `: ${l.fields.join(", ")}` : ""), l.status));
      // What AWS holds where it is not what the registry says; a match holds the registry's values.
      const shown = l.status === "differs" ? l.fields : l.status === "unmanaged" ? ["name", "email", "phone"] : [];
      for (const field of shown) if (l.held[field]) td.appendChild(el("span", `${field}: ${l.held[field]}`, "sub"));
      if (l.note) td.appendChild(el("span", l.note, "sub"));
      // The policy's verdict on what AWS holds, apart from the registry's: a contact that matches can fail too.
      if (l.result) td.appendChild(el("span", undefined, "line")).appendChild(badge(`policy: ${l.result}`, l.result));
      for (const rule of l.rules) td.appendChild(el("span", rule, "sub"));
    }
  }

  function renderRow(i) {
    const account = data.accounts[rowAccount(i)];
    const c = data.contacts[rowContact(i)];
    const tr = el("tr");
    tr.dataset.account = account[0];
    cell(tr, account[0], undefined, "mono");
    cell(tr, account[1]);
    // An OU path may break after each "/", not inside a name.
    const ou = cell(tr, undefined, undefined, "path");
    (account[2] || "").split("/").forEach((part, k) => {
      if (k > 0) ou.append("/", document.createElement("wbr"));
      ou.append(part);
    });
    cell(tr, c.type);
    cell(tr, c.card, [c.cardName, c.source && `from ${c.source}`].filter(Boolean).join(" · "));
    cell(tr, c.email, undefined, "mono");
    cell(tr, c.phone, undefined, "mono");
    // Beside the registry's email and phone it is compared with: in view without scrolling sideways.
    if (data.live) liveCell(tr, i);
    const names = reached(c);
    cell(tr, names.join(", "), `${names.length} current ${names.length === 1 ? "person" : "people"}`);
    cell(tr, c.groups.map((g) => g[0]).join(", "), c.groups.map((g) => g[1]).join(", "));
    const result = cell(tr, undefined, undefined, "nowrap");
    result.appendChild(badge(c.result, c.result));
    for (const rule of c.rules) result.appendChild(el("span", rule, "sub"));
    cell(tr, c.exceptions.join("; "), undefined, "long");
    return tr;
  }

  function render() {
    const body = document.querySelector("#contacts-table tbody");
    const from = state.printing ? 0 : state.page * state.pageSize;
    const to = state.printing ? Math.min(shown.length, PRINT_LIMIT) : Math.min(shown.length, from + state.pageSize);
    const fragment = document.createDocumentFragment();
    for (let k = from; k < to; k++) fragment.appendChild(renderRow(shown[k]));
    body.replaceChildren(fragment);
    const filtered = shown.length === rowCount ? "" : ` (filtered from ${rowCount.toLocaleString("en-US")})`;
    byId("status").textContent = `${shown.length.toLocaleString("en-US")} rows${filtered}`;
    byId("status").dataset.rows = String(shown.length);
    byId("page-info").textContent = shown.length ? `Rows ${from + 1}–${to} of ${shown.length.toLocaleString("en-US")}` : "No rows";
    byId("prev").disabled = state.page === 0;
    byId("next").disabled = to >= shown.length;
    byId("print-note").textContent = shown.length > to - from ? `Printed: rows ${from + 1}–${to} of ${shown.length}; contact-evidence.csv has every row.` : "";
  }

  // The filter and sort controls.
  let pending;
  byId("filter").addEventListener("input", (event) => {
    window.clearTimeout(pending);
    pending = window.setTimeout(() => setFilter(event.target.value), 120);
  });
  function setFilter(text) {
    byId("filter").value = text;
    state.terms = text.toLowerCase().split(/\s+/).filter(Boolean);
    // What the table shows now, for a test or a script that waits for it.
    byId("status").dataset.filter = state.terms.join(" ");
    state.page = 0;
    refresh();
  }
  byId("result").addEventListener("change", (event) => {
    state.result = event.target.value;
    state.page = 0;
    refresh();
  });
  byId("page-size").addEventListener("change", (event) => {
    state.pageSize = Number(event.target.value);
    state.page = 0;
    render();
  });
  byId("prev").addEventListener("click", () => {
    state.page = Math.max(0, state.page - 1);
    render();
  });
  byId("next").addEventListener("click", () => {
    state.page++;
    render();
  });
  for (const th of document.querySelectorAll("#contacts-table thead th[data-key]")) {
    th.querySelector("button").addEventListener("click", () => {
      const key = th.dataset.key;
      state.descending = state.sortKey === key ? !state.descending : false;
      state.sortKey = key;
      for (const other of document.querySelectorAll("#contacts-table thead th")) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", state.descending ? "descending" : "ascending");
      refresh();
    });
  }

  window.addEventListener("beforeprint", () => {
    state.printing = true;
    for (const d of document.querySelectorAll(".groups details")) d.open = true;
    render();
  });
  window.addEventListener("afterprint", () => {
    state.printing = false;
    render();
  });

  // Who is reached: groups with their members, nested groups expanded, and the accounts that depend on them.
  const groupsById = new Map(data.groups.map((g) => [g.id, g]));
  const peopleById = new Map(data.people.map((p) => [p.id, p]));
  const showInTable = (text) => {
    setFilter(text);
    byId("contacts").scrollIntoView();
  };
  function filterLink(label, text) {
    const button = el("button", label, "link");
    button.type = "button";
    button.addEventListener("click", () => showInTable(text));
    return button;
  }
  function memberTree(members, seen) {
    const ul = el("ul", undefined, "tree");
    for (const id of members) {
      const li = el("li");
      const person = peopleById.get(id);
      const group = groupsById.get(id);
      if (person) {
        li.appendChild(el("span", person.name, person.gone ? "left" : undefined));
        if (person.left) li.appendChild(el("span", ` ${person.gone ? "left" : "leaves"} ${person.left}`, "sub"));
        else if (person.email) li.appendChild(el("span", ` ${person.email}`, "mono"));
      } else if (group && !seen.has(id)) {
        li.appendChild(el("strong", `group ${id}`));
        li.appendChild(memberTree(group.members, new Set([...seen, id])));
      } else li.textContent = id;
      ul.appendChild(li);
    }
    return ul;
  }
  /** With directories in the registry: everyone the group reaches or reached, with their state there and why. */
  function memberStates(g) {
    const holder = el("div", undefined, "member-states");
    holder.appendChild(el("div", g.source === "registry" ? "Members (typed in the registry)" : `Members in ${g.source} at ${g.readAt || "no reading"}`, "sub"));
    const ul = el("ul", undefined, "tree");
    for (const m of g.people) {
      const li = el("li");
      li.dataset.state = m.state;
      li.appendChild(el("span", m.name, m.state === "current" ? undefined : "left"));
      if (m.email) li.appendChild(el("span", ` ${m.email}`, "mono"));
      li.append(" ");
      li.appendChild(badge(m.state, m.state === "current" ? "pass" : "fail"));
      if (m.reason) li.appendChild(el("span", ` ${m.reason}`, "sub"));
      ul.appendChild(li);
    }
    if (g.people.length === 0) ul.appendChild(el("li", "nobody"));
    holder.appendChild(ul);
    return holder;
  }
  /** The accounts whose contacts reach group `index`, with those contacts' types: worked out when asked. */
  function accountsDependingOn(index) {
    const accounts = [];
    for (let i = 0; i < rowCount; i++) {
      const c = data.contacts[rowContact(i)];
      if (!c.dependsOn.includes(index)) continue;
      const account = data.accounts[rowAccount(i)];
      const last = accounts[accounts.length - 1];
      if (last && last[0] === account) last[1].push(c.type);
      else accounts.push([account, [c.type]]);
    }
    return accounts;
  }
  function renderGroups() {
    const holder = byId("groups");
    const fragment = document.createDocumentFragment();
    const order = data.groups.map((g, index) => index);
    order.sort((a, b) => data.groups[b].accounts - data.groups[a].accounts || collator.compare(data.groups[a].id, data.groups[b].id));
    for (const index of order) {
      const g = data.groups[index];
      const details = el("details");
      details.dataset.group = g.id;
      const summary = el("summary");
      summary.appendChild(el("strong", g.id));
      const facts = [
        g.name,
        g.email,
        g.phone,
        `${g.current.length} current ${g.current.length === 1 ? "person" : "people"}`,
        g.departed.length ? `${g.departed.length} left` : undefined,
        g.source === undefined ? undefined : g.source === "registry" ? "typed in the registry" : `from ${g.source}, read ${g.readAt || "never"}`,
        g.reviewed ? `reviewed ${g.reviewed}, due ${g.due}` : "never reviewed",
        `${g.accounts.toLocaleString("en-US")} ${g.accounts === 1 ? "account depends" : "accounts depend"} on it`,
      ];
      summary.appendChild(el("span", ` — ${facts.filter(Boolean).join(" · ")}`));
      details.appendChild(summary);
      if (g.people) details.appendChild(memberStates(g));
      else {
        details.appendChild(el("div", "Members", "sub"));
        details.appendChild(memberTree(g.members, new Set([g.id])));
      }
      const accountsHolder = el("div");
      details.appendChild(accountsHolder);
      // Thousands of accounts per group: listed when opened.
      details.addEventListener("toggle", () => {
        if (!details.open || accountsHolder.childElementCount) return;
        accountsHolder.appendChild(el("div", "Accounts that depend on it", "sub"));
        const list = el("ul", undefined, "compact");
        const accounts = accountsDependingOn(index);
        for (const [account, types] of accounts.slice(0, 200)) {
          list.appendChild(el("li", `${account[0]}${account[1] ? ` (${account[1]})` : ""}: ${types.join(", ")}`));
        }
        if (accounts.length > 200) list.appendChild(el("li", `… and ${accounts.length - 200} more`));
        accountsHolder.appendChild(list);
        if (g.email || g.phone) accountsHolder.appendChild(filterLink("Show these contacts in the table", g.email || g.phone));
      });
      fragment.appendChild(details);
    }
    holder.replaceChildren(fragment);
  }
  function renderPeople() {
    const body = document.querySelector("#people-table tbody");
    const fragment = document.createDocumentFragment();
    const sorted = [...data.people].sort((a, b) => b.atRisk - a.atRisk || b.contacts - a.contacts || collator.compare(a.name, b.name));
    for (const p of sorted) {
      const tr = el("tr");
      tr.dataset.person = p.id;
      const name = cell(tr, undefined);
      name.appendChild(filterLink(p.name, p.name));
      cell(tr, p.email, p.phone, "mono");
      cell(tr, p.gone ? `left ${p.left}` : p.left ? `current, leaves ${p.left}` : "current", undefined, p.gone ? "left" : undefined);
      cell(tr, p.groups.join(", "));
      cell(tr, p.contacts.toLocaleString("en-US"));
      cell(
        tr,
        p.atRisk ? `${p.atRisk.toLocaleString("en-US")} contacts on ${p.atRiskAccounts.toLocaleString("en-US")} accounts` : "none",
        p.atRisk ? `would reach fewer than ${data.minRecipients} people` : undefined,
      );
      fragment.appendChild(tr);
    }
    body.replaceChildren(fragment);
  }

  renderGroups();
  renderPeople();
  refresh();
  document.documentElement.dataset.ready = "true";
})();
