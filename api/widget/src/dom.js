// Building elements, and keeping keyboard focus inside an open sheet.

/** An element; attributes via setAttribute, children appended as nodes or as text.
 * Text always goes in as text (Node.append, textContent), never as HTML: what the server sends
 * cannot become markup. */
export function el(tag, attrs, ...kids) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const kid of kids.flat(Infinity))
    if (kid !== null && kid !== undefined && kid !== false) node.append(kid);
  return node;
}

/** The launcher's speech bubble. */
export function chatIcon() {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(ns, "path");
  path.setAttribute("fill", "currentColor");
  path.setAttribute(
    "d",
    "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z",
  );
  svg.append(path);
  return svg;
}

function focusables(container) {
  return [...container.querySelectorAll("button, [href], input, textarea, [tabindex]")].filter(
    (n) => n.tabIndex >= 0 && !n.disabled && n.getClientRects().length,
  );
}

/** Tab and Shift+Tab cycle inside a modal sheet (role=dialog, aria-modal) instead of leaving
 * it. The sheet's heading takes focus on opening, so Shift+Tab from it goes to the last item. */
function trapFocus(sheet, root) {
  sheet.addEventListener("keydown", (e) => {
    if (e.key !== "Tab") return;
    const items = focusables(e.currentTarget);
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    const active = root.activeElement;
    if (e.shiftKey && (active === first || active.tagName === "H3")) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    }
  });
}

/** A modal sheet over the panel: a heading that takes focus, one button, a scrolling body. */
export function sheet(root, className, id, button) {
  const heading = el("h3", { id, tabindex: "-1" });
  const body = el("div", {
    class: "sheet-body",
    tabindex: "0",
    role: "region",
    "aria-labelledby": id,
  });
  const node = el(
    "div",
    { class: className, role: "dialog", "aria-modal": "true", "aria-labelledby": id, hidden: true },
    el("div", { class: "sheet-head" }, heading, button),
    body,
  );
  trapFocus(node, root);
  return { node, heading, body };
}
