// The widget as a whole: the launcher and the panel (floating, or inline in the page), its parts
// put together, opening and closing, and the keys that concern more than one part (Escape,
// and keeping what lies under an open sheet out of reach).
import * as T from "./texts.js";
import { createApi } from "./api.js";
import { createBriefView } from "./brief-view.js";
import { createChatView } from "./chat-view.js";
import { createCitations } from "./citations.js";
import { chatIcon, el } from "./dom.js";
import { createMessages } from "./messages.js";
import { createNotices } from "./notices.js";
import { createScopePicker } from "./scope-picker.js";
import { createSession } from "./session.js";
import { CSS } from "./styles.js";

/** Builds the widget into the page, in a Shadow DOM of its own, as cfg (from main.js) says. */
export function mountWidget(cfg) {
  const target = cfg.inline ? document.querySelector(cfg.inline) : null;
  if (cfg.inline && !target) console.warn(T.noInlineTarget(cfg.inline));
  const inline = Boolean(target);
  const host = el("div", { "data-dialogstod": "", class: "dialogstod-widget" });
  (target || document.body).append(host);
  const root = host.attachShadow({ mode: "open" });

  const { state, save } = createSession(cfg, inline);
  const api = createApi({ base: cfg.api, apiKey: cfg.apiKey, fixedScope: Boolean(cfg.huvudman) });
  const notices = createNotices();
  const { announce } = notices;
  // The parts call each other only through these arrows, once everything is built.
  const citations = createCitations({ root, api, state, announce, onToggle: setInert });
  const messages = createMessages({ root, citations, announce });
  const brief = createBriefView({
    root,
    api,
    state,
    notices,
    citations,
    onToggle: setInert,
    ask: (question) => chat.askFromButton(question),
  });
  const scope = createScopePicker({
    root,
    cfg,
    api,
    state,
    save,
    action: brief.trigger,
    onChoose: (changed) => chat.scopeChosen(changed),
  });
  const chat = createChatView({
    cfg,
    api,
    state,
    save,
    notices,
    citations,
    messages,
    closePicker: () => scope.close(false),
  });

  const launcher = inline
    ? null
    : el(
        "button",
        {
          type: "button",
          class: "launcher",
          "aria-expanded": "false",
          "aria-controls": "ds-panel",
        },
        chatIcon(),
        el("span", { text: T.launcherLabel(cfg.title) }),
      );
  const newButton = el("button", { type: "button", class: "btn small" }, T.NEW_CONVERSATION);
  const closeButton = inline
    ? null
    : el(
        "button",
        { type: "button", class: "btn small" },
        T.CLOSE,
        el("span", { class: "sr-only", text: T.CLOSE_CHAT_SUFFIX }),
      );
  const head = el(
    "div",
    { class: "head" },
    el("h2", { id: "ds-title", class: "title", text: cfg.title }),
    el("div", { class: "head-actions" }, newButton, closeButton),
  );
  // Floating, the panel is a (non-modal) dialog opened by the launcher; inline, a region of
  // the page that is always open.
  const panel = el(
    "section",
    {
      id: "ds-panel",
      class: inline ? "panel inline" : "panel",
      lang: "sv",
      role: inline ? "region" : "dialog",
      "aria-labelledby": "ds-title",
      hidden: !state.open,
    },
    head,
    scope.bar,
    scope.picker,
    chat.log,
    notices.alertBox,
    chat.form,
    brief.sheet,
    citations.sheet,
  );
  root.append(el("style", { text: CSS }), notices.live, panel);
  if (launcher) root.append(launcher);

  /** Everything under an open sheet is inert; the brief too while a source is open on it. */
  function setInert() {
    const under = [head, scope.bar, scope.picker, chat.log, notices.alertBox, chat.form, launcher];
    for (const node of under) if (node) node.inert = citations.isOpen() || brief.isOpen();
    brief.sheet.inert = citations.isOpen();
  }

  function open(focus) {
    if (inline) return;
    state.open = true;
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    save();
    scope.loadName();
    if (focus) chat.input.focus();
  }
  function close(returnFocus) {
    if (inline) return;
    citations.close(false);
    brief.close(false);
    state.open = false;
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    save();
    if (returnFocus) launcher.focus();
  }

  if (launcher)
    launcher.addEventListener("click", () => (state.open ? close(false) : open(true)));
  if (closeButton) closeButton.addEventListener("click", () => close(true));
  newButton.addEventListener("click", () => {
    chat.reset();
    announce(T.CONVERSATION_RESET);
    chat.input.focus();
  });
  // Escape closes the innermost thing open: a sheet, the picker, then the floating panel.
  root.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    if (citations.isOpen()) {
      e.preventDefault();
      citations.close(true);
    } else if (brief.isOpen()) {
      e.preventDefault();
      brief.close(true);
    } else if (scope.hasFocus()) {
      e.preventDefault();
      scope.close(true);
    } else if (!inline && state.open) {
      e.preventDefault();
      close(true);
    }
  });

  // --- first render ---
  scope.render();
  chat.render();
  chat.restoreDraft();
  if (state.open && !inline) {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
  }
  if (state.open) scope.loadName();
  save();
  // The count shows the default limit until the server has told its own.
  api.loadLimits().then(chat.updateCount);
}
