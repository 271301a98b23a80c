// Rapport's page script: keyboard shortcuts, the small behaviours htmx does not cover
// (bulk selection, relation pickers, tabs, inline-edit cancel), drafts that survive an
// expired session, and error toasts. No inline handlers (the content policy forbids
// them): everything is wired here by data attributes.
"use strict";

(function () {
  // Answers with field errors (422), conflicts (409) and throttling (429) carry a form
  // to show; other errors show a toast instead of replacing the page.
  // New content is wired up at once, not after the default 20 ms settle.
  htmx.config.defaultSettleDelay = 0;
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "(409|422|429)", swap: true, error: false },
    { code: "[45]..", swap: false, error: true },
  ];

  const toast = (text) => {
    const box = document.getElementById("toast");
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
    clearTimeout(box._timer);
    box._timer = setTimeout(() => { box.hidden = true; }, 6000);
  };

  // A response may ask for a toast (`HX-Trigger: {"rapport:toast": "…"}`): what it
  // did, said where a screen reader hears it.
  document.addEventListener("rapport:toast", (event) => toast(event.detail.value));

  // An item removed in place (marked done on Home: `data-focus-next`) hands the focus
  // on to the next item's control, else the previous one's, else its list's heading,
  // so that a keyboard user goes on from where they were; an item that comes back (it
  // was changed meanwhile) keeps it.
  document.addEventListener("htmx:beforeSwap", (event) => {
    const item = event.detail.target;
    if (!item || !item.matches || !item.matches("[data-focus-next]") || !item.contains(document.activeElement)) return;
    const control = (el) => el && (el.querySelector("button") || el.querySelector("a"));
    const section = item.closest("section");
    const next = control(item.nextElementSibling) || control(item.previousElementSibling)
      || (section && section.querySelector("h2"));
    setTimeout(() => {
      if (document.contains(item)) return;
      const again = item.id && document.getElementById(item.id);
      const to = again ? control(again) : next;
      if (to) to.focus();
    }, 0);
  });

  const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

  // Shortcuts: Ctrl-K or "/" search, "n" new record, "e" edit, Escape closes.
  document.addEventListener("keydown", (event) => {
    const search = document.getElementById("global-search");
    if ((event.key === "k" && (event.ctrlKey || event.metaKey)) || (event.key === "/" && !typing(event.target))) {
      if (search) { event.preventDefault(); search.focus(); search.select(); }
      return;
    }
    if (event.key === "Escape") {
      const results = document.querySelector(".top .search-results");
      if (results) results.innerHTML = "";
      return;
    }
    if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "?") {
      const help = document.getElementById("shortcuts");
      if (help && !help.open) { event.preventDefault(); help.showModal(); }
      return;
    }
    const shortcut = document.querySelector(`[aria-keyshortcuts="${event.key}"]`);
    if (shortcut) { event.preventDefault(); shortcut.click(); }
  });

  // Arrow keys move through the type-ahead results.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const box = event.target.closest(".search, .relation");
    if (!box) return;
    const items = [...box.querySelectorAll(".search-results a, .lookup [data-pick]")];
    if (!items.length) return;
    event.preventDefault();
    const at = items.indexOf(document.activeElement);
    const next = event.key === "ArrowDown" ? Math.min(at + 1, items.length - 1) : at - 1;
    if (next < 0) box.querySelector("input[type=search]").focus(); else items[next].focus();
  });

  document.addEventListener("click", (event) => {
    const el = event.target;
    // The phone menu.
    const toggle = el.closest("[data-toggle]");
    if (toggle) {
      const target = document.getElementById(toggle.dataset.toggle);
      const open = target.classList.toggle("open");
      toggle.setAttribute("aria-expanded", String(open));
    }
    // Relation picker: a hit sets the hidden id and shows the name.
    const pick = el.closest("[data-pick]");
    if (pick) choose(pick);
    // Another email or phone.
    const add = el.closest("[data-add-another]");
    if (add) {
      const inputs = add.parentElement.querySelectorAll("input");
      const copy = inputs[inputs.length - 1].cloneNode();
      copy.value = "";
      copy.removeAttribute("id");
      add.before(copy);
      copy.focus();
    }
    // Column order in the list's column picker.
    const move = el.closest(".column-choice [data-move]");
    if (move) {
      const row = move.closest(".column-choice");
      const other = move.dataset.move === "up" ? row.previousElementSibling : row.nextElementSibling;
      if (other && other.classList.contains("column-choice")) {
        if (move.dataset.move === "up") other.before(row); else other.after(row);
        move.focus();
      }
    }
    // Tabs of the quick actions.
    const tab = el.closest("[data-tab]");
    if (tab) selectTab(tab);
    // Leaving a form on purpose drops its draft.
    const drop = el.closest("[data-drop-draft]");
    if (drop) {
      const form = drop.closest("form[data-draft]");
      if (form) sessionStorage.removeItem(draftKey(form));
    }
    // Cancel an inline edit: the cell as it was.
    const cancel = el.closest("[data-cancel-cell]");
    if (cancel) {
      const cell = cancel.closest("td");
      if (cell && cell._original !== undefined) cell.innerHTML = cell._original;
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.matches("[data-pick]")) { event.preventDefault(); choose(event.target); }
    // Enter on a focused editable cell opens its editor (as a double click does).
    if (event.key === "Enter" && event.target.matches("td.editable")) {
      event.preventDefault();
      event.target.dispatchEvent(new MouseEvent("dblclick", { bubbles: true }));
    }
  });

  function choose(pick) {
    const box = pick.closest("[data-relation]");
    if (!box) return;
    box.querySelector("[data-relation-value]").value = pick.dataset.pick;
    const text = box.querySelector("input[type=search]");
    text.value = pick.textContent.trim();
    pick.parentElement.innerHTML = "";
    text.focus();
  }

  function selectTab(tab) {
    const list = tab.closest("[role=tablist]");
    list.querySelectorAll("[role=tab]").forEach((other) => {
      const on = other === tab;
      other.setAttribute("aria-selected", String(on));
      const panel = document.getElementById(other.getAttribute("aria-controls"));
      if (panel) panel.hidden = !on;
    });
  }

  // Bulk selection in lists.
  document.addEventListener("change", (event) => {
    const el = event.target;
    const form = el.closest("#bulk");
    if (!form) return;
    if (el.matches("[data-select-all]")) {
      form.querySelectorAll("input[name=id]").forEach((box) => { box.checked = el.checked; });
    }
    const count = form.querySelectorAll("input[name=id]:checked").length;
    const bar = form.querySelector("[data-bulk-bar]");
    bar.classList.toggle("active", count > 0);
    // The server rendered the message once per plural form of the page's language,
    // each with a sample number (0, 1, 2, 3, 11, 100): pick the form, put the count in.
    const label = bar.querySelector("[data-selected-count]");
    const root = document.documentElement;
    const category = new Intl.PluralRules(root.lang).select(count);
    const samples = { zero: 0, one: 1, two: 2, few: 3, many: 11, other: 100 };
    // Written in the user's digits, as the server wrote the samples (٣ in Arabic).
    const numbers = new Intl.NumberFormat(root.dataset.numbers || root.lang, { useGrouping: false });
    const text = label.dataset[category] || label.dataset.other;
    label.textContent = text.replace(numbers.format(samples[category]), numbers.format(count));
  });

  // The column picker writes the view's `columns` parameter.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    const choices = form.querySelectorAll("[data-column-choice]");
    if (!choices.length) return;
    const chosen = [...choices].filter((c) => c.checked).map((c) => c.value);
    form.querySelector("input[name=columns]").value = chosen.join(",");
    choices.forEach((c) => { c.disabled = true; });
  });

  // Drafts: what is typed into a form with data-draft is kept in this tab's storage
  // until the form is saved, so an expired session or a lost connection loses nothing.
  // Drafts are per user (a shared tab never shows one user's typing to the next) and
  // hold only what the user sees: not the version or the form's original values.
  const draftKey = (form) => "rapport-draft:" + (document.body.dataset.user || "") + ":" + form.dataset.draft;
  document.addEventListener("input", (event) => {
    // Emptying a relation's search box empties the relation.
    const relation = event.target.closest("[data-relation]");
    if (relation && event.target.type === "search" && event.target.value.trim() === "") {
      relation.querySelector("[data-relation-value]").value = "";
    }
    const form = event.target.closest("form[data-draft]");
    if (!form) return;
    const pairs = [...new FormData(form)].filter(([k, v]) => !k.startsWith("_") && !k.startsWith("o.") && typeof v === "string");
    try { sessionStorage.setItem(draftKey(form), JSON.stringify(pairs)); } catch (_) { /* storage full or off */ }
  });

  function restoreDrafts(root) {
    root.querySelectorAll("form[data-draft]").forEach((form) => {
      let pairs;
      try { pairs = JSON.parse(sessionStorage.getItem(draftKey(form)) || "null"); } catch (_) { pairs = null; }
      if (!pairs) return;
      const seen = {};
      pairs.forEach(([name, value]) => {
        const fields = form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
        const i = seen[name] || 0;
        seen[name] = i + 1;
        const field = fields[Math.min(i, fields.length - 1)];
        if (!field || field.type === "hidden" && name === "_version") return;
        if (field.type === "checkbox") field.checked = value === field.value;
        else if (field.tagName === "SELECT" && field.multiple) [...field.options].forEach((o) => { if (o.value === value) o.selected = true; });
        else field.value = value;
      });
    });
  }

  // Inline edit: remember the cell to restore on cancel.
  document.addEventListener("htmx:beforeRequest", (event) => {
    const cell = event.detail.elt;
    if (cell.matches && cell.matches("td.editable") && cell._original === undefined) cell._original = cell.innerHTML;
  });

  document.addEventListener("htmx:afterRequest", (event) => {
    const form = event.detail.elt;
    if (!event.detail.successful || !form.matches || !form.matches("form")) return;
    // Sent to sign in again (the session ended): the draft is what comes back after.
    const to = event.detail.xhr.getResponseHeader("HX-Redirect") || "";
    if (to.startsWith("/login") || to.startsWith("/password")) return;
    if (form.dataset.draft) sessionStorage.removeItem(draftKey(form));
    if (form.hasAttribute("data-reset-on-success")) form.reset();
  });

  document.addEventListener("htmx:afterSwap", (event) => {
    restoreDrafts(event.detail.elt);
    const cell = event.detail.target;
    if (cell && cell.matches && cell.matches("td.editable")) {
      const input = cell.querySelector("input:not([type=hidden]), select, textarea");
      if (input) input.focus();
      // A saved cell takes its new display as the one to go back to.
      if (!cell.querySelector("form")) cell._original = undefined;
    }
  });

  document.addEventListener("htmx:responseError", (event) => {
    const box = document.getElementById("toast");
    let message = box ? box.dataset.errorText : "";
    const match = /data-error-message="([^"]*)"/.exec(event.detail.xhr.responseText || "");
    if (match) message = new DOMParser().parseFromString(match[1], "text/html").documentElement.textContent;
    toast(message);
  });
  document.addEventListener("htmx:sendError", () => {
    const box = document.getElementById("toast");
    toast(box ? box.dataset.offlineText : "");
  });

  document.addEventListener("DOMContentLoaded", () => {
    restoreDrafts(document);
    document.querySelectorAll("[role=tablist]").forEach((list) => {
      const first = list.querySelector("[role=tab]");
      if (first) selectTab(first);
    });
  });
})();
