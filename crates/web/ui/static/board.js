// Drag and drop for the kanban board and the calendar, with pointer events (HTML5
// `draggable` has no pointer events WebDriver can fire, and none on touch screens).
// A drop only fills in and submits the form that is also the keyboard alternative —
// a card's "Move to" form, an event's "Reschedule" form — so every way of moving
// something posts the same request through htmx (CSRF header from <body hx-headers>),
// and the server answers with the board or calendar as it now is.
"use strict";

(function () {
  // How far (px) the pointer must travel before a press becomes a drag, so that a
  // click on a card's link still opens it.
  const THRESHOLD = 6;

  // What can be dragged where, and what a drop does.
  const kinds = [
    { item: "[data-board] [data-card][data-movable]", drop: "[data-board] [data-drop]", onDrop: dropCard },
    { item: "[data-calendar] [data-event][data-movable]", drop: "[data-calendar] [data-slot]", onDrop: dropEvent },
  ];

  let drag = null;
  let suppressClick = false;
  // A card moved ahead of the server's answer, and where it came from.
  let pending = null;
  // The record moved last, to give its card back the focus when the board returns.
  let moved = null;

  const interactive = "a[href]:not([draggable=false]), select, input, button, textarea, summary, label, details[open] form";

  document.addEventListener("pointerdown", (event) => {
    // Touch keeps scrolling the page; on touch screens the forms move things.
    if (event.button !== 0 || event.pointerType === "touch" || !event.target.closest) return;
    if (event.target.closest(interactive)) return;
    for (const kind of kinds) {
      const item = event.target.closest(kind.item);
      if (item) {
        drag = { kind, item, x: event.clientX, y: event.clientY, pointer: event.pointerId, moved: false, over: null };
        return;
      }
    }
  });

  document.addEventListener("pointermove", (event) => {
    if (!drag || event.pointerId !== drag.pointer) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved) {
      if (Math.hypot(dx, dy) < THRESHOLD) return;
      drag.moved = true;
      drag.item.classList.add("dragging");
      document.body.classList.add("drag-active");
    }
    event.preventDefault();
    // CSSOM, not a style attribute: the content policy allows it.
    drag.item.style.transform = `translate(${dx}px, ${dy}px)`;
    const under = document.elementFromPoint(event.clientX, event.clientY);
    const over = under && under.closest(drag.kind.drop);
    if (over !== drag.over) {
      if (drag.over) drag.over.classList.remove("drop-target");
      if (over) over.classList.add("drop-target");
      drag.over = over;
    }
  });

  function finish(event, drop) {
    if (!drag || event.pointerId !== drag.pointer) return;
    const done = drag;
    drag = null;
    if (!done.moved) return;
    done.item.classList.remove("dragging");
    done.item.style.transform = "";
    document.body.classList.remove("drag-active");
    if (done.over) done.over.classList.remove("drop-target");
    // The click that ends a drag is not a click on the card's link.
    suppressClick = true;
    setTimeout(() => { suppressClick = false; }, 0);
    if (drop && done.over) done.kind.onDrop(done.item, done.over);
  }

  document.addEventListener("pointerup", (event) => finish(event, true));
  document.addEventListener("pointercancel", (event) => finish(event, false));
  document.addEventListener("click", (event) => {
    if (suppressClick) {
      event.preventDefault();
      event.stopPropagation();
      suppressClick = false;
    }
  }, true);
  // Links inside cards, and the slots under a dragged event, would start the
  // browser's own drag (which ends the pointer's events).
  document.addEventListener("dragstart", (event) => {
    const inside = event.target.closest && kinds.some((k) => event.target.closest(k.item) || event.target.closest(k.drop));
    if (drag || inside) event.preventDefault();
  });

  // A card dropped on a column: the card moves there at once, and its form asks the
  // server to agree (the answer puts it back if the server does not).
  function dropCard(card, list) {
    const form = card.querySelector("form[data-move-form]");
    const select = form && form.querySelector("select[data-move-to]");
    const value = list.dataset.drop;
    if (!select || select.value === value || card.closest("[data-drop]") === list) return;
    if (![...select.options].some((o) => o.value === value)) return;
    pending = { card, list: card.parentElement, next: card.nextSibling };
    list.appendChild(card);
    select.value = value;
    moved = card.dataset.id;
    form.requestSubmit();
  }

  // An event dropped on a slot: an hour (day and week) or a day (month, keeping the
  // time of day).
  function dropEvent(item, slot) {
    const form = item.querySelector("form[data-reschedule]");
    const input = form && form.querySelector("input[name=start]");
    if (!input) return;
    let value = slot.dataset.slot;
    if (value.length === 10) value += "T" + (item.dataset.time || "09:00");
    if (input.value === value) return;
    input.value = value;
    moved = item.dataset.id;
    form.requestSubmit();
  }

  // The keyboard: ← and → move a focused card to the column beside it (mirrored on
  // right-to-left pages).
  document.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const card = event.target;
    if (!card.matches || !card.matches(kinds[0].item)) return;
    const board = card.closest("[data-board]");
    const lists = [...board.querySelectorAll("[data-drop]")];
    const at = lists.indexOf(card.closest("[data-drop]"));
    const rtl = getComputedStyle(board).direction === "rtl";
    const step = (event.key === "ArrowRight") !== rtl ? 1 : -1;
    const next = lists[at + step];
    if (!next) return;
    event.preventDefault();
    dropCard(card, next);
  });

  // Whichever way a card was moved, focus returns to it on the new board.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.matches && form.matches("[data-move-form], [data-reschedule]")) {
      const item = form.closest("[data-card], [data-event]");
      if (item) moved = item.dataset.id;
    }
  });

  // No answer (offline) or a failure of the server: the card goes back where it was.
  document.addEventListener("htmx:afterRequest", (event) => {
    const form = event.detail.elt;
    if (!pending || !form.matches || !form.matches("[data-move-form]")) return;
    const { card, list, next } = pending;
    pending = null;
    if (!event.detail.successful && card.isConnected && list.isConnected) list.insertBefore(card, next);
  });

  // Answers that refuse a move (403, 404) still carry the board or calendar as it is,
  // with the reason: show it rather than only a toast.
  document.addEventListener("htmx:beforeSwap", (event) => {
    const detail = event.detail;
    const target = detail.target;
    if (!target || !target.matches || !target.matches("[data-board], [data-calendar]")) return;
    if (detail.xhr.status >= 400 && detail.xhr.status < 500 && /data-(board|calendar)=/.test(detail.xhr.responseText || "")) {
      detail.shouldSwap = true;
      detail.isError = false;
    }
  });

  // The calendar's grid opens at the working day; a swap keeps where it was scrolled.
  let scrolled = null;
  function scrollGrid(root) {
    const box = root.querySelector && root.querySelector(".cal-scroll");
    if (!box) return;
    if (scrolled !== null) { box.scrollTop = scrolled; return; }
    const eight = box.querySelector('[data-hour="8"]');
    const head = box.querySelector(".cal-col-head");
    if (eight) box.scrollTop = eight.offsetTop - (head ? head.offsetHeight : 0);
  }
  document.addEventListener("htmx:beforeRequest", () => {
    const box = document.querySelector("[data-calendar] .cal-scroll");
    scrolled = box ? box.scrollTop : null;
  });

  document.addEventListener("htmx:load", (event) => {
    const root = event.detail.elt;
    if (!root || !root.matches) return;
    if (root.matches("[data-board], [data-calendar]")) {
      if (root.matches("[data-calendar]")) scrollGrid(root);
      if (moved) {
        const item = root.querySelector(`[data-id="${CSS.escape(moved)}"]`);
        moved = null;
        const focus = item && (item.hasAttribute("tabindex") ? item : item.querySelector("a"));
        if (focus) focus.focus();
      }
    }
    // A new-meeting form opened in the panel: bring it into view, cursor in it.
    if (root.matches("#meeting-form") || (root.querySelector && root.querySelector("#meeting-form"))) {
      const form = root.matches("#meeting-form") ? root : root.querySelector("#meeting-form");
      form.scrollIntoView({ block: "nearest" });
      const first = form.querySelector("input:not([type=hidden]), textarea, select");
      if (first && !form.querySelector("[aria-invalid=true]")) first.focus();
      const invalid = form.querySelector("[aria-invalid=true]");
      if (invalid) invalid.focus();
    }
  });

  document.addEventListener("click", (event) => {
    const close = event.target.closest && event.target.closest("[data-close-panel]");
    if (!close) return;
    const panel = close.closest("#cal-panel");
    if (panel) panel.innerHTML = "";
    else history.back();
  });

  document.addEventListener("DOMContentLoaded", () => scrollGrid(document));
})();
