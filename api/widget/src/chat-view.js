// The conversation: the log (suggested questions while it is empty), the question box with its
// character count, and sending a question and showing the answer as it streams in.
import * as T from "./texts.js";
import { ApiError, describe } from "./api.js";
import { el } from "./dom.js";
import { userMessage } from "./messages.js";
import { cleanMessage } from "./sanitize.js";
import { streamAnswer } from "./stream.js";

const COUNT_FROM = 200; // the count shows once a question is this close to the limit
const INPUT_MAX_PX = 144; // the box grows with its text up to this height, then scrolls

/**
 * cfg: the page's settings; state and save: the session; notices: the live region and alert;
 * citations: closed when the conversation starts over; messages: how messages look;
 * closePicker: the huvudman picker is closed when a question is sent.
 */
export function createChatView({
  cfg,
  api,
  state,
  save,
  notices,
  citations,
  messages,
  closePicker,
}) {
  const { announce, showError, clearError } = notices;
  const max = () => api.limits.maxMessageChars;
  let pending = null; // { controller } while a question is on its way

  const log = el("div", {
    class: "log",
    role: "region",
    "aria-label": T.CONVERSATION_LABEL,
    tabindex: "0",
  });
  const input = el("textarea", {
    id: "ds-input",
    class: "field",
    rows: "1",
    placeholder: T.PLACEHOLDER,
    "aria-describedby": "ds-hint",
  });
  const count = el("span", { class: "count" });
  const sendButton = el("button", { type: "submit", class: "btn primary" }, T.SEND);
  const form = el(
    "form",
    { class: "composer", novalidate: true },
    el("label", { for: "ds-input", class: "sr-only", text: T.QUESTION_LABEL }),
    el("div", { class: "row" }, input, sendButton),
    el("p", { id: "ds-hint", class: "hint" }, T.KEYS_HINT, count),
  );

  const scrollDown = () => {
    log.scrollTop = log.scrollHeight;
  };

  /** Asks question as if typed, from a button (a suggestion, "Fråga om detta"): the box keeps
   * whatever the reader had written in it. */
  function askFromButton(question) {
    input.focus();
    send(question, true);
  }

  function emptyLog() {
    const starters = state.scope ? T.STARTERS_SCOPED : T.STARTERS_GENERAL;
    return el(
      "div",
      { class: "empty" },
      el("p", { text: state.scope ? T.EMPTY_SCOPED : T.EMPTY_GENERAL }),
      state.scope || cfg.huvudman
        ? null
        : el("p", { class: "muted", text: T.CHOOSE_FOR_INDICATORS }),
      el("h3", { id: "ds-starters", class: "sub", text: T.STARTERS_HEADING }),
      el(
        "ul",
        { class: "starters", "aria-labelledby": "ds-starters" },
        starters.map((q) =>
          el(
            "li",
            {},
            el("button", { type: "button", class: "starter", onclick: () => askFromButton(q) }, q),
          ),
        ),
      ),
    );
  }

  function render() {
    log.replaceChildren();
    if (!state.messages.length) log.append(emptyLog());
    for (const msg of state.messages)
      log.append(msg.role === "user" ? userMessage(msg.text) : messages.botMessage(msg));
    scrollDown();
  }

  function updateCount() {
    const length = input.value.length;
    count.textContent = length > max() - COUNT_FROM ? T.charCount(length, max()) : "";
    count.classList.toggle("over", length > max());
    input.style.height = "";
    if (input.scrollHeight)
      input.style.height = `${Math.min(input.scrollHeight + 4, INPUT_MAX_PX)}px`;
  }

  /** A question that failed goes back into the box, before anything typed meanwhile. */
  function restoreInput(question) {
    const current = input.value;
    input.value = current.trim() ? `${question}\n${current}` : question;
    state.draft = input.value;
    updateCount();
  }

  async function send(raw, fromButton) {
    if (pending) {
      announce(T.WAIT_FOR_ANSWER);
      return;
    }
    const question = raw.trim();
    if (!question) {
      showError(T.EMPTY_QUESTION);
      input.focus();
      return;
    }
    if (question.length > max()) {
      showError(T.tooLong(question.length, max()));
      input.focus();
      return;
    }
    clearError();
    closePicker();
    const controller = new AbortController();
    pending = { controller };
    if (!fromButton) input.value = "";
    state.draft = input.value;
    state.pending = question;
    save();
    updateCount();
    if (!state.messages.length) log.replaceChildren();
    const userView = userMessage(question);
    let view = messages.pendingMessage(scrollDown);
    log.append(userView, view.node);
    scrollDown();
    form.setAttribute("aria-busy", "true");
    const handlers = {
      onConversation: (id) => {
        state.conversationId = id;
      },
      onText: (piece, provisional) => view.append(piece, provisional),
    };
    const body = (conversationId) => ({
      message: question,
      huvudman_id: state.scope ? state.scope.id : null,
      conversation_id: conversationId,
    });
    try {
      let result;
      try {
        result = await streamAnswer(api, body(state.conversationId), handlers, controller.signal);
      } catch (err) {
        // The server forgot the conversation (e.g. restarted): ask again as a new one.
        const stale =
          err instanceof ApiError && /^(unknown_conversation|scope_conflict)$/.test(err.code);
        if (!stale || !state.conversationId) throw err;
        state.conversationId = null;
        const fresh = messages.pendingMessage(scrollDown);
        view.node.replaceWith(fresh.node);
        view = fresh;
        result = await streamAnswer(api, body(null), handlers, controller.signal);
      }
      if (typeof result.conversation_id === "string") state.conversationId = result.conversation_id;
      const msg = cleanMessage({
        role: "bot",
        answer: result.answer,
        supported: result.supported,
        citations: result.citations,
      });
      state.messages.push({ role: "user", text: question }, msg);
      view.node.replaceWith(messages.botMessage(msg));
      scrollDown();
      announce(T.answerSpoken(msg.supported, msg.answer.replace(/\s*\[\d+\]/g, "")));
    } catch (err) {
      userView.remove();
      view.node.remove();
      if (!state.messages.length) render();
      if (!fromButton) restoreInput(question);
      if (!(err && err.name === "AbortError")) {
        showError(`${describe(err)}${fromButton ? "" : T.QUESTION_KEPT}`);
      }
    } finally {
      pending = null;
      state.pending = null;
      form.removeAttribute("aria-busy");
      controller.abort();
      save();
    }
  }

  /** Starts over: an empty log, and the next question starts a new conversation. */
  function reset() {
    if (pending) pending.controller.abort();
    citations.close(false);
    state.messages = [];
    state.conversationId = null;
    clearError();
    render();
    save();
  }

  /** After the reader chose a scope: a new scope starts a new conversation. */
  function scopeChosen(changed) {
    if (changed && (state.messages.length || state.conversationId || pending)) {
      reset();
      announce(T.scopeChangedNewConversation(state.scope));
    } else {
      if (!state.messages.length) render();
      announce(T.scopeChosen(state.scope));
    }
    save();
    input.focus();
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    send(input.value, false);
  });
  input.addEventListener("keydown", (e) => {
    // Enter sends, Shift+Enter is a new line; never while an input method is composing.
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener("input", () => {
    state.draft = input.value;
    updateCount();
    if (input.value.length <= max() && notices.showing(T.QUESTION_PROBLEM)) clearError();
    save();
  });

  /** The box as the last page left it. */
  function restoreDraft() {
    input.value = state.draft;
    updateCount();
  }

  return {
    log,
    form,
    input,
    render,
    reset,
    updateCount,
    restoreDraft,
    askFromButton,
    scopeChosen,
  };
}
