// Drag and drop for the kanban board and the calendar, with pointer events (HTML5
// `draggable` has no pointer events WebDriver can fire, and none on touch screens):
// a mouse drags at once, a finger or a pen after a long press (so that a swipe still
// scrolls), and a held item near the edge of the board or the window scrolls it.
// A drop only fills in and submits the form that is also the keyboard alternative —
// a card's "Move to" form, an event's "Reschedule" form — so every way of moving
// something posts the same request through htmx (CSRF header from <body hx-headers>),
// and the server answers with the board or calendar as it now is.
"use strict";

(function () {
  // How far (px) the pointer must travel before a press becomes a drag, so that a
  // click on a card's link still opens it.
  const THRESHOLD = 6;
  // How long (ms) a finger rests on a card before it picks the card up: a quicker
  // touch is a tap, and a finger that moves first scrolls, as on any phone.
  const LONG_PRESS = 300;
  // How near (px) the edge of the board (or the window) a dragged card must be for it
  // to scroll, and by how much per frame at the very edge.
  const EDGE = 56;
  const SPEED = 18;

  // What can be dragged where, and what a drop does.
  const kinds = [
    { item: "[data-board] [data-card][data-movable]", drop: "[data-board] [data-drop]", onDrop: dropCard },
    { item: "[data-calendar] [data-event][data-movable]", drop: "[data-calendar] [data-slot]", onDrop: dropEvent },
  ];

  let drag = null;
  // A touch on an item that becomes a drag if it rests there long enough.
  let press = null;
  let suppressClick = false;
  // A card moved ahead of the server's answer, and where it came from.
  let pending = null;
  // The record moved last, to give its card back the focus when the board returns.
  let moved = null;
  // The frame that scrolls the board while a card is held near its edge.
  let frame = null;

  const interactive = "a[href]:not([draggable=false]), select, input, button, textarea, summary, label, details[open] form";

  function begin(kind, item, event) {
    const box = item.closest("[data-board-scroll], .cal-scroll");
    return {
      kind, item, box,
      x: event.clientX, y: event.clientY, cx: event.clientX, cy: event.clientY,
      sx: box ? box.scrollLeft : 0, sy: window.scrollY,
      pointer: event.pointerId, moved: false, over: null, touch: event.pointerType !== "mouse",
    };
  }

  function pickUp(d) {
    d.moved = true;
    d.item.classList.add("dragging");
    document.body.classList.add("drag-active");
  }

  document.addEventListener("pointerdown", (event) => {
    if (!event.isPrimary || event.button !== 0 || !event.target.closest) return;
    if (event.target.closest(interactive)) return;
    for (const kind of kinds) {
      const item = event.target.closest(kind.item);
      if (!item) continue;
      if (event.pointerType === "mouse") {
        drag = begin(kind, item, event);
      } else {
        // Touch and pen: a long press picks the item up; until then the finger
        // scrolls the page or the board as usual. Touch captures the pointer to where it
        // went down; released, its moves reach whatever is under the finger.
        if (event.target.hasPointerCapture && event.target.hasPointerCapture(event.pointerId)) {
          event.target.releasePointerCapture(event.pointerId);
        }
        const held = begin(kind, item, event);
        held.timer = setTimeout(() => {
          if (press !== held) return;
          press = null;
          drag = held;
          held.item.classList.add("lifted");
          pickUp(held);
          if (navigator.vibrate) navigator.vibrate(15);
        }, LONG_PRESS);
        press = held;
      }
      return;
    }
  });

  function cancelPress() {
    if (!press) return;
    clearTimeout(press.timer);
    press = null;
  }

  // Where the dragged item is drawn and what it is over, for the pointer where it is
  // now and the board scrolled as it is now (the item moves with what it is in).
  function place(d) {
    const scrolledX = d.box ? d.box.scrollLeft - d.sx : 0;
    const scrolledY = window.scrollY - d.sy;
    // CSSOM, not a style attribute: the content policy allows it.
    d.item.style.transform = `translate(${d.cx - d.x + scrolledX}px, ${d.cy - d.y + scrolledY}px)`;
    const under = document.elementFromPoint(d.cx, d.cy);
    const over = under && under.closest(d.kind.drop);
    if (over !== d.over) {
      if (d.over) d.over.classList.remove("drop-target");
      if (over) over.classList.add("drop-target");
      d.over = over;
    }
  }

  // How far to scroll for a pointer at `at` between `start` and `end`: faster nearer
  // the edge, nothing away from it.
  function push(at, start, end) {
    if (at < start + EDGE) return -Math.ceil(SPEED * (1 - Math.max(0, at - start) / EDGE));
    if (at > end - EDGE) return Math.ceil(SPEED * (1 - Math.max(0, end - at) / EDGE));
    return 0;
  }

  function autoScroll() {
    frame = null;
    const d = drag;
    if (!d || !d.moved) return;
    let scrolled = false;
    if (d.box) {
      const rect = d.box.getBoundingClientRect();
      const step = push(d.cx, rect.left, rect.right);
      const before = d.box.scrollLeft;
      if (step) d.box.scrollLeft += step;
      scrolled = d.box.scrollLeft !== before;
    }
    const down = push(d.cy, 0, window.innerHeight);
    if (down) {
      const before = window.scrollY;
      window.scrollBy(0, down);
      scrolled = scrolled || window.scrollY !== before;
    }
    if (scrolled) place(d);
    frame = requestAnimationFrame(autoScroll);
  }

  document.addEventListener("pointermove", (event) => {
    if (press && event.pointerId === press.pointer) {
      // The finger moved before the long press: it scrolls, it does not drag.
      if (Math.hypot(event.clientX - press.x, event.clientY - press.y) >= THRESHOLD) cancelPress();
      return;
    }
    if (!drag || event.pointerId !== drag.pointer) return;
    drag.cx = event.clientX;
    drag.cy = event.clientY;
    if (!drag.moved) {
      if (Math.hypot(drag.cx - drag.x, drag.cy - drag.y) < THRESHOLD) return;
      pickUp(drag);
    }
    event.preventDefault();
    place(drag);
    if (frame === null) frame = requestAnimationFrame(autoScroll);
  });

  // A held card keeps the finger: the page does not scroll under it (the script
  // scrolls the board near its edges instead).
  document.addEventListener("touchmove", (event) => {
    if (drag && drag.touch && drag.moved && event.cancelable) event.preventDefault();
  }, { passive: false });
  // Nor does a long press open the browser's menu on a held card.
  document.addEventListener("contextmenu", (event) => {
    if (press || (drag && drag.touch)) event.preventDefault();
  });

  function finish(event, drop) {
    if (press && event.pointerId === press.pointer) cancelPress();
    if (!drag || event.pointerId !== drag.pointer) return;
    const done = drag;
    drag = null;
    if (frame !== null) { cancelAnimationFrame(frame); frame = null; }
    if (!done.moved) return;
    done.item.classList.remove("dragging", "lifted");
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
    if (drag || press || inside) event.preventDefault();
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
