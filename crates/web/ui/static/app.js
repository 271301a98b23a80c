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
      if (form) dropDraft(form);
    }
    // Discarding a restored draft: the form as it was opened.
    const discard = el.closest("[data-discard-draft]");
    if (discard) discardDraft(discard.closest("form[data-draft]"));
    // A link of a form's error summary focuses the field it names.
    const focus = el.closest("[data-error-summary] [data-focus]");
    if (focus) {
      const field = document.getElementById(focus.dataset.focus);
      if (field) {
        event.preventDefault();
        field.focus();
        field.scrollIntoView({ block: "center" });
      }
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
    const form = box.closest("form[data-draft]");
    if (form) saveDraft(form);
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

  // Drafts: what is typed into a form with data-draft is kept in this tab's storage,
  // so that a reload, the back button, an expired session or a lost connection loses
  // nothing. A draft is
  // - per user (a shared tab never shows one user's typing to the next), per form and
  //   per record (the form's address, and the query that prefilled a new one);
  // - only what the user sees: not the version or the form's original values;
  // - short-lived: it lasts DRAFT_MINUTES after the last change, so a form left
  //   half-typed opens empty the next time, not with yesterday's typing;
  // - dropped when the form is saved or cancelled.
  // A form filled from a draft says so, with a button that discards it. Values are
  // put back one per input (a person's two emails come back as two, not four).
  const DRAFT_MINUTES = 30;
  const DRAFT_PREFIX = "rapport-draft:";
  const LABEL = "~label:";
  const draftKey = (form) => DRAFT_PREFIX + (document.body.dataset.user || "") + ":" + form.dataset.draft + location.search;

  function draftPairs(form) {
    const pairs = [...new FormData(form)].filter(([k, v]) => !k.startsWith("_") && !k.startsWith("o.") && typeof v === "string");
    // A related record's name, shown in its search box, goes with its id.
    form.querySelectorAll("[data-relation]").forEach((box) => {
      const id = box.querySelector("[data-relation-value]");
      const text = box.querySelector("input[type=search]");
      if (id && text) pairs.push([LABEL + id.name, text.value]);
    });
    return pairs;
  }

  function saveDraft(form) {
    try {
      sessionStorage.setItem(draftKey(form), JSON.stringify({ at: Date.now(), pairs: draftPairs(form) }));
    } catch (_) { /* storage full or off */ }
  }

  function dropDraft(form) {
    try { sessionStorage.removeItem(draftKey(form)); } catch (_) { /* storage off */ }
  }

  // A draft's pairs, or null when there is none or it is older than DRAFT_MINUTES
  // (then it is dropped; so is one stored in an older shape).
  function readDraft(key) {
    let draft = null;
    try { draft = JSON.parse(sessionStorage.getItem(key) || "null"); } catch (_) { draft = undefined; }
    if (draft === null) return null;
    const fresh = draft && typeof draft.at === "number" && Array.isArray(draft.pairs) && Date.now() - draft.at < DRAFT_MINUTES * 60000;
    if (!fresh) {
      try { sessionStorage.removeItem(key); } catch (_) { /* storage off */ }
      return null;
    }
    return draft.pairs;
  }

  // Expired drafts of any form go, not only of the forms this page shows.
  function sweepDrafts() {
    try {
      const keys = [];
      for (let i = 0; i < sessionStorage.length; i++) keys.push(sessionStorage.key(i));
      keys.filter((k) => k && k.startsWith(DRAFT_PREFIX)).forEach(readDraft);
    } catch (_) { /* storage off */ }
  }

  document.addEventListener("input", (event) => {
    // Emptying a relation's search box empties the relation.
    const relation = event.target.closest("[data-relation]");
    if (relation && event.target.type === "search" && event.target.value.trim() === "") {
      relation.querySelector("[data-relation-value]").value = "";
    }
    const form = event.target.closest("form[data-draft]");
    if (form) saveDraft(form);
  });
  document.addEventListener("change", (event) => {
    const form = event.target.closest && event.target.closest("form[data-draft]");
    if (form) saveDraft(form);
  });

  // Puts `values` into the form's inputs named `name`; says whether anything changed.
  function putValues(form, name, values) {
    const controls = [...form.querySelectorAll(`[name="${CSS.escape(name)}"]`)];
    const boxes = controls.filter((c) => c.type === "checkbox");
    let changed = false;
    if (boxes.length) {
      boxes.forEach((box) => {
        const on = values.includes(box.value);
        if (box.checked !== on) { box.checked = on; changed = true; }
      });
      return changed;
    }
    const fields = controls.filter((c) => c.type !== "hidden" || c.hasAttribute("data-relation-value"));
    if (!fields.length) return false;
    const many = fields[0].closest("fieldset.many");
    if (many) {
      // One input per value and one empty to add another: as many as that, no more.
      const filled = values.filter((v) => v.trim() !== "");
      while (fields.length < filled.length + 1) {
        const copy = fields[fields.length - 1].cloneNode();
        copy.removeAttribute("id");
        copy.value = "";
        fields[fields.length - 1].after(copy);
        fields.push(copy);
        changed = true;
      }
      while (fields.length > filled.length + 1 && fields.length > 1) {
        const extra = fields.pop();
        if (extra.id) { fields.push(extra); break; }
        extra.remove();
        changed = true;
      }
      fields.forEach((field, i) => {
        const value = filled[i] || "";
        if (field.value !== value) { field.value = value; changed = true; }
      });
      return changed;
    }
    const value = values[values.length - 1];
    const field = fields[0];
    if (field.tagName === "SELECT" && ![...field.options].some((o) => o.value === value)) return false;
    if (field.value !== value) { field.value = value; changed = true; }
    return changed;
  }

  function restoreDraft(form) {
    const pairs = readDraft(draftKey(form));
    if (!pairs) return;
    // The form as the server sent it, for Discard (without the marks of the swap
    // under way, which htmx removes from the form itself once it settles).
    const pristine = form.cloneNode(true);
    [pristine, ...pristine.querySelectorAll(".htmx-added, .htmx-settling")].forEach((el) => {
      el.classList.remove("htmx-added", "htmx-settling");
    });
    const byName = new Map();
    pairs.forEach(([name, value]) => {
      if (!byName.has(name)) byName.set(name, []);
      byName.get(name).push(value);
    });
    let changed = false;
    byName.forEach((values, name) => {
      if (name.startsWith(LABEL)) return;
      if (putValues(form, name, values)) changed = true;
    });
    byName.forEach((values, name) => {
      if (!name.startsWith(LABEL)) return;
      const id = form.querySelector(`[data-relation-value][name="${CSS.escape(name.slice(LABEL.length))}"]`);
      const text = id && id.closest("[data-relation]").querySelector("input[type=search]");
      if (text && text.value !== values[0]) { text.value = values[0]; changed = true; }
    });
    if (!changed) return;
    form._pristine = pristine;
    const note = form.querySelector("[data-draft-note]");
    if (note) note.hidden = false;
  }

  function restoreDrafts(root) {
    if (!root || !root.querySelectorAll) return;
    const forms = [...root.querySelectorAll("form[data-draft]")];
    if (root.matches && root.matches("form[data-draft]")) forms.unshift(root);
    forms.forEach(restoreDraft);
  }

  // Discard: the form as it was opened, its draft gone.
  function discardDraft(form) {
    if (!form) return;
    dropDraft(form);
    const pristine = form._pristine;
    if (!pristine) return;
    form.replaceWith(pristine);
    htmx.process(pristine);
    const first = pristine.querySelector(".form-grid input:not([type=hidden]), .form-grid select, .form-grid textarea");
    if (first) first.focus();
  }

  // After a refused save, focus goes to the summary of what is wrong, which a screen
  // reader then reads out; its links lead on to each field.
  function focusErrorSummary() {
    const summary = document.querySelector("[data-error-summary]:not([data-shown])");
    if (!summary) return;
    summary.dataset.shown = "";
    summary.focus();
  }

  // Inline edit: remember the cell to restore on cancel.
  document.addEventListener("htmx:beforeRequest", (event) => {
    const cell = event.detail.elt;
    if (cell.matches && cell.matches("td.editable") && cell._original === undefined) cell._original = cell.innerHTML;
  });

  document.addEventListener("htmx:afterRequest", (event) => {
    const form = event.detail.elt;
    const xhr = event.detail.xhr;
    if (!form.matches || !form.matches("form") || !xhr) return;
    // Not saved (refused with 422, a conflict, an error, no answer): the draft stays.
    // A save answered by a redirect is a success although htmx does not mark it so.
    if (xhr.status < 200 || xhr.status >= 300) return;
    // Sent to sign in again (the session ended): the draft is what comes back after.
    const to = xhr.getResponseHeader("HX-Redirect") || "";
    if (to.startsWith("/login") || to.startsWith("/password")) return;
    if (form.dataset.draft) dropDraft(form);
    if (form.hasAttribute("data-reset-on-success")) form.reset();
  });

  document.addEventListener("htmx:afterSwap", (event) => {
    // A form loaded into the page (an edit form) takes its draft; a form that comes
    // back from its own save already holds what was typed.
    const config = event.detail.requestConfig;
    if (!config || config.verb === "get") restoreDrafts(event.detail.elt);
    focusErrorSummary();
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
    sweepDrafts();
    restoreDrafts(document);
    focusErrorSummary();
    document.querySelectorAll("[role=tablist]").forEach((list) => {
      const first = list.querySelector("[role=tab]");
      if (first) selectTab(first);
    });
  });
})();
