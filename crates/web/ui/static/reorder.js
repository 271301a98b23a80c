// Putting a list in order by dragging or by keys, for lists saved as a whole (a
// pipeline's stages). The markup says everything:
//
//   <ol data-reorder="FORM-ID">                  the list, and the form that saves it
//     <li data-reorder-item="ID">                 each row
//       <button data-reorder-handle data-name="…"> what is dragged, and focused for keys
//       <input type="hidden" name="…" value="ID" form="FORM-ID">
//   <form id="FORM-ID" data-reorder-form data-moved="… %name% … %place% … %count%"
//         data-changed-text="…">
//     [data-reorder-status] [data-reorder-save] [data-reorder-undo]
//
// Moving a row moves its hidden input, so the form sends the ids in the new order
// (a form's elements are in document order); this script never builds a request.
// A mouse or pen drags by the handle; a finger by the handle at once, or anywhere on
// the row after resting on it (a long press, so that a swipe still scrolls). On the
// handle, ↑ ↓ move one place, Home and End to the ends. Nothing is saved until the
// form is: the bar says so, and Undo puts the saved order back.
"use strict";

(function () {
  // How far (px) a mouse must travel on the handle before a press becomes a drag.
  const THRESHOLD = 4;
  // How long (ms) a finger rests on a row before the row is picked up, and how far it
  // may wander meanwhile (farther is a scroll).
  const LONG_PRESS = 400;
  const WANDER = 8;
  // Near the window's edge (px) a drag scrolls the page.
  const EDGE = 56;

  let drag = null;
  let press = null;
  let suppressClick = false;

  const interactive = "input, select, textarea, a[href], button:not([data-reorder-handle]), label, summary";
  const items = (list) => [...list.children].filter((el) => el.matches("[data-reorder-item]"));
  const order = (list) => items(list).map((el) => el.dataset.reorderItem);
  const formOf = (list) => document.getElementById(list.dataset.reorder);

  function remember(root) {
    const lists = root.matches && root.matches("[data-reorder]") ? [root] : [...root.querySelectorAll("[data-reorder]")];
    for (const list of lists) list._saved = order(list);
  }

  function numbers(n) {
    const root = document.documentElement;
    return new Intl.NumberFormat(root.dataset.numbers || root.lang, { useGrouping: false }).format(n);
  }

  // The form's buttons and words follow whether the order differs from the saved one;
  // `moved` (a row) is announced to screen readers with its new place.
  function changed(list, moved) {
    const form = formOf(list);
    if (!form) return;
    const dirty = order(list).join(",") !== (list._saved || []).join(",");
    form.toggleAttribute("data-changed", dirty);
    form.querySelectorAll("[data-reorder-save], [data-reorder-undo]").forEach((b) => { b.disabled = !dirty; });
    const status = form.querySelector("[data-reorder-status]");
    if (!status) return;
    if (status._unchanged === undefined) status._unchanged = status.textContent;
    let text = dirty ? form.dataset.changedText : status._unchanged;
    if (moved) {
      const rows = items(list);
      const handle = moved.querySelector("[data-reorder-handle]");
      const name = handle ? handle.dataset.name : "";
      const said = form.dataset.moved.replace("%name%", name)
        .replace("%place%", numbers(rows.indexOf(moved) + 1))
        .replace("%count%", numbers(rows.length));
      text = said + " " + text;
    }
    status.textContent = text;
  }

  // Puts `item` before `before` (at the end when null), keeping the focus where it was.
  function place(list, item, before) {
    if (before === item || item.nextElementSibling === before && before !== null) return false;
    if (before === null && list.lastElementChild === item) return false;
    const focused = document.activeElement;
    list.insertBefore(item, before);
    if (focused && item.contains(focused)) focused.focus();
    return true;
  }

  function start(item, pointer, x, y) {
    const list = item.parentElement;
    drag = { item, list, pointer, x, y, moved: false, from: order(list).join(",") };
  }

  function begin() {
    drag.moved = true;
    drag.item.classList.add("reordering");
    document.body.classList.add("reorder-active");
  }

  document.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 || !event.target.closest) return;
    const handle = event.target.closest("[data-reorder-handle]");
    const item = event.target.closest("[data-reorder] > [data-reorder-item]");
    if (!item) return;
    if (handle) {
      // The handle keeps the focus (for the keys) but not the browser's own selection.
      event.preventDefault();
      handle.focus();
      start(item, event.pointerId, event.clientX, event.clientY);
      return;
    }
    if (event.pointerType !== "touch" || event.target.closest(interactive)) return;
    const x = event.clientX;
    const y = event.clientY;
    press = {
      pointer: event.pointerId, x, y,
      timer: setTimeout(() => {
        press = null;
        start(item, event.pointerId, x, y);
        begin();
        if (navigator.vibrate) navigator.vibrate(15);
      }, LONG_PRESS),
    };
  });

  document.addEventListener("pointermove", (event) => {
    if (press && event.pointerId === press.pointer &&
        Math.hypot(event.clientX - press.x, event.clientY - press.y) > WANDER) {
      clearTimeout(press.timer);
      press = null;
    }
    if (!drag || event.pointerId !== drag.pointer) return;
    if (!drag.moved) {
      if (Math.hypot(event.clientX - drag.x, event.clientY - drag.y) < THRESHOLD) return;
      begin();
    }
    event.preventDefault();
    // The row goes before the first other row whose middle is below the pointer.
    const others = items(drag.list).filter((el) => el !== drag.item);
    const before = others.find((el) => {
      const box = el.getBoundingClientRect();
      return event.clientY < box.top + box.height / 2;
    }) || null;
    place(drag.list, drag.item, before);
    if (event.clientY < EDGE) window.scrollBy(0, -12);
    else if (event.clientY > window.innerHeight - EDGE) window.scrollBy(0, 12);
  });

  function finish(event) {
    if (press && event.pointerId === press.pointer) {
      clearTimeout(press.timer);
      press = null;
    }
    if (!drag || event.pointerId !== drag.pointer) return;
    const done = drag;
    drag = null;
    if (!done.moved) return;
    done.item.classList.remove("reordering");
    document.body.classList.remove("reorder-active");
    // The click that ends a drag is not a click on what is under the pointer.
    suppressClick = true;
    setTimeout(() => { suppressClick = false; }, 0);
    const handle = done.item.querySelector("[data-reorder-handle]");
    if (handle) handle.focus();
    if (order(done.list).join(",") !== done.from) changed(done.list, done.item);
  }

  document.addEventListener("pointerup", finish);
  document.addEventListener("pointercancel", finish);
  document.addEventListener("click", (event) => {
    if (suppressClick) {
      event.preventDefault();
      event.stopPropagation();
      suppressClick = false;
    }
  }, true);
  // A finger dragging a row does not scroll the page (a resting finger's first move is
  // still cancelable); a long press opens no menu.
  document.addEventListener("touchmove", (event) => {
    if (drag && drag.moved) event.preventDefault();
  }, { passive: false });
  document.addEventListener("contextmenu", (event) => {
    if (drag || (event.target.closest && event.target.closest("[data-reorder-handle]"))) event.preventDefault();
  });

  // The keys, on a focused handle.
  document.addEventListener("keydown", (event) => {
    const handle = event.target.closest && event.target.closest("[data-reorder-handle]");
    if (!handle || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const item = handle.closest("[data-reorder-item]");
    const list = item && item.parentElement;
    if (!list || !list.matches("[data-reorder]")) return;
    const rows = items(list);
    const at = rows.indexOf(item);
    let before;
    switch (event.key) {
      case "ArrowUp": before = at > 0 ? rows[at - 1] : undefined; break;
      case "ArrowDown": before = at + 1 < rows.length ? rows[at + 1].nextElementSibling : undefined; break;
      case "Home": before = at > 0 ? rows[0] : undefined; break;
      case "End": before = at + 1 < rows.length ? null : undefined; break;
      default: return;
    }
    event.preventDefault();
    if (before === undefined) return;
    if (place(list, item, before)) {
      handle.focus();
      changed(list, item);
    }
  });

  // Undo: the saved order back.
  document.addEventListener("click", (event) => {
    const undo = event.target.closest && event.target.closest("[data-reorder-undo]");
    if (!undo) return;
    const form = undo.closest("form");
    const list = form && document.querySelector(`[data-reorder="${CSS.escape(form.id)}"]`);
    if (!list || !list._saved) return;
    for (const id of list._saved) {
      const item = items(list).find((el) => el.dataset.reorderItem === id);
      if (item) list.appendChild(item);
    }
    changed(list, null);
  });

  document.addEventListener("DOMContentLoaded", () => remember(document));
  document.addEventListener("htmx:load", (event) => { if (event.detail.elt) remember(event.detail.elt); });
})();
