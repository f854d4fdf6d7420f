// Citations: the [n] buttons in answers and in the brief, and the sheet that shows one source
// with its excerpt and, on request, the text around it (GET /api/sources/{chunk_id}).
import * as T from "./texts.js";
import { ApiError, describe } from "./api.js";
import { el, sheet } from "./dom.js";
import { str } from "./sanitize.js";

/**
 * root: the shadow root; state: the session state (the scope and conversation decide which
 * sources may be read); announce: the live region; onToggle: called after the sheet opens or
 * closes, for the panel to make what lies under it inert.
 */
export function createCitations({ root, api, state, announce, onToggle }) {
  const closeButton = el(
    "button",
    { type: "button", class: "btn small" },
    T.CLOSE,
    el("span", { class: "sr-only", text: T.CLOSE_SOURCE_SUFFIX }),
  );
  const view = sheet(root, "cite", "ds-cite-h", closeButton);
  let trigger = null; // what opened the sheet, to get focus back on closing

  /** The "[n]" button that opens citation c. */
  function button(c) {
    const node = el(
      "button",
      { type: "button", class: "cite-ref", "aria-haspopup": "dialog" },
      el("span", { class: "sr-only", text: T.SOURCE_PREFIX }),
      el("span", { "aria-hidden": "true", text: "[" }),
      String(c.n),
      el("span", { "aria-hidden": "true", text: "]" }),
    );
    node.addEventListener("click", () => open(c, node));
    return node;
  }

  /** Text whose [n] markers become citation buttons (numbers without a citation stay text). */
  const citedText = (text, byNumber) =>
    text.split(/\[(\d+)\]/).map((part, i) => {
      const c = i % 2 ? byNumber.get(Number(part)) : null;
      return i % 2 ? (c ? button(c) : `[${part}]`) : part;
    });

  function open(c, opener) {
    trigger = opener;
    view.heading.textContent = T.sourceHeading(c.n);
    const context = el("div", { id: "ds-context", class: "ctx", hidden: true });
    const toggle = el(
      "button",
      { type: "button", class: "btn", "aria-controls": "ds-context" },
      T.SHOW_CONTEXT,
    );
    toggle.addEventListener("click", () => showContext(c, toggle, context));
    view.body.replaceChildren(
      el("p", { class: "cite-title", text: c.title || c.source }),
      el(
        "dl",
        { class: "meta" },
        el("dt", { text: T.PLACE }),
        el("dd", { text: c.locator || "–" }),
        el("dt", { text: T.FILE }),
        el("dd", { text: c.source || "–" }),
      ),
      el("h4", { class: "sub", text: T.EXCERPT }),
      el("blockquote", { class: "snippet", text: c.snippet }),
      toggle,
      context,
    );
    view.body.scrollTop = 0;
    view.node.hidden = false;
    onToggle();
    view.heading.focus();
  }

  function close(returnFocus = true) {
    if (view.node.hidden) return;
    view.node.hidden = true;
    onToggle();
    if (returnFocus && trigger && trigger.isConnected) trigger.focus();
    trigger = null;
  }

  /** The passage with the text before and after it. The conversation decides what may be read
   * (a packet's passage only within its huvudman's scope); without one, the scope does. */
  async function fetchContext(c) {
    const path = (query) => `/api/sources/${encodeURIComponent(c.chunk_id)}${query}`;
    const scoped = state.scope ? `?huvudman_id=${encodeURIComponent(state.scope.id)}` : "";
    if (!state.conversationId) return api.getJson(path(scoped));
    try {
      return await api.getJson(
        path(`?conversation_id=${encodeURIComponent(state.conversationId)}`),
      );
    } catch (err) {
      // The server forgot the conversation; the scope still decides.
      if (!(err instanceof ApiError && err.status === 404 && err.code === "unknown_conversation"))
        throw err;
      return api.getJson(path(scoped));
    }
  }

  async function showContext(c, toggle, context) {
    if (!context.hidden) {
      context.hidden = true;
      toggle.textContent = T.SHOW_CONTEXT;
      return;
    }
    context.hidden = false;
    toggle.textContent = T.HIDE_CONTEXT;
    if (context.dataset.loaded) return;
    context.setAttribute("aria-busy", "true");
    context.replaceChildren(el("p", { class: "muted", text: T.LOADING_CONTEXT }));
    const around = (label, text) =>
      text
        ? el("p", { class: "around" }, el("span", { class: "sr-only", text: label }), str(text))
        : null;
    try {
      const body = await fetchContext(c);
      context.replaceChildren(
        ...[
          el("h4", { class: "sub", text: T.CONTEXT }),
          around(T.BEFORE, body.before),
          el(
            "p",
            {},
            el("mark", {}, el("span", { class: "sr-only", text: T.QUOTED }), str(body.text)),
          ),
          around(T.AFTER, body.after),
        ].filter(Boolean),
      );
      context.dataset.loaded = "1";
      announce(T.CONTEXT_SHOWN);
    } catch (err) {
      context.replaceChildren(el("p", { class: "muted", text: T.contextFailed(describe(err)) }));
    } finally {
      context.removeAttribute("aria-busy");
    }
  }

  closeButton.addEventListener("click", () => close(true));
  return { sheet: view.node, button, citedText, open, close, isOpen: () => !view.node.hidden };
}
