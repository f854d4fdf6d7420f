// How questions and answers look in the conversation log: the reader's question, the answer
// with its [n] citations and list of sources, and the answer while it is still coming.
import * as T from "./texts.js";
import { el } from "./dom.js";

export function userMessage(text) {
  return el("div", { class: "msg user" }, el("span", { class: "sr-only", text: T.YOU }), text);
}

/**
 * root: the shadow root; citations: the [n] buttons and the source sheet; announce: the live
 * region.
 */
export function createMessages({ root, citations, announce }) {
  function botMessage(msg) {
    const node = el("div", { class: msg.supported ? "msg bot" : "msg bot unsupported" });
    node.append(el("p", { class: "sr-only", text: T.BOT_SAYS }));
    if (!msg.supported) {
      // Said in words and with an icon, not by colour alone.
      node.append(
        el(
          "p",
          { class: "badge" },
          el("span", { class: "badge-icon", "aria-hidden": "true", text: "!" }),
          T.UNSUPPORTED,
        ),
      );
    }
    const byNumber = new Map(msg.citations.map((c) => [c.n, c]));
    node.append(el("p", { class: "answer-text" }, citations.citedText(msg.answer, byNumber)));
    if (msg.citations.length) {
      node.append(
        el(
          "div",
          { class: "sources" },
          el("h3", { text: T.SOURCES }),
          el(
            "ol",
            { class: "slist" },
            msg.citations.map((c) => {
              const button = el(
                "button",
                { type: "button", class: "source", "aria-haspopup": "dialog" },
                el("span", { class: "n", text: `[${c.n}]` }),
                el(
                  "span",
                  {},
                  el("span", { class: "stitle", text: c.title || c.source }),
                  el("span", {
                    class: "loc",
                    text: [c.locator, c.source].filter(Boolean).join(" · "),
                  }),
                ),
              );
              button.addEventListener("click", () => citations.open(c, button));
              return el("li", {}, button);
            }),
          ),
        ),
      );
    }
    const copy = el("button", { type: "button", class: "btn small" }, T.COPY);
    copy.addEventListener("click", () => copyAnswer(msg, copy));
    node.append(el("div", { class: "actions" }, copy));
    return node;
  }

  /** The answer on its way: "Söker i underlaget …" until text comes, then the text so far.
   * onGrow is called after each piece (to keep the log scrolled down). */
  function pendingMessage(onGrow) {
    const status = el(
      "p",
      { class: "typing" },
      el("span", { class: "dots", "aria-hidden": "true" }),
      T.SEARCHING,
    );
    const text = el("p", { class: "answer-text" });
    const node = el(
      "div",
      { class: "msg bot", "aria-busy": "true" },
      el("p", { class: "sr-only", text: T.BOT_SAYS }),
      status,
      text,
    );
    return {
      node,
      append(piece, provisional) {
        status.remove();
        // A model's unchecked text is shown as such until the checked answer replaces it.
        if (provisional && !node.classList.contains("provisional")) {
          node.classList.add("provisional");
          node.insertBefore(el("p", { class: "provisional-note", text: T.PROVISIONAL }), text);
        }
        text.append(piece);
        onGrow();
      },
    };
  }

  async function copyAnswer(msg, button) {
    const text = T.copiedAnswer(msg.answer, msg.citations.map(T.copiedSource));
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch (_) {
      // No clipboard API (an insecure origin, say): the old way, through a selected textarea.
      const area = el("textarea", { class: "sr-only", "aria-hidden": "true", tabindex: "-1" });
      area.value = text;
      root.append(area);
      area.select();
      try {
        ok = document.execCommand("copy");
      } catch (__) {
        ok = false;
      }
      area.remove();
      button.focus();
    }
    if (ok) {
      button.textContent = T.COPIED;
      announce(T.COPIED_SPOKEN);
      setTimeout(() => {
        button.textContent = T.COPY;
      }, 2000);
    } else {
      announce(T.COPY_FAILED);
    }
  }

  return { botMessage, pendingMessage };
}
