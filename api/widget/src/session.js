// The widget's state, kept in sessionStorage so that a reload or the next page of the same site
// shows the same conversation (per tab, gone when the tab closes).
import { cleanMessage, str } from "./sanitize.js";

const KEPT_MESSAGES = 60; // the newest ones; older messages are not stored

/** The stored state of an earlier page, or null. */
function load(key) {
  try {
    const saved = JSON.parse(sessionStorage.getItem(key) || "null");
    if (saved && saved.v === 1 && Array.isArray(saved.messages)) return saved;
  } catch (_) {
    /* storage unavailable or corrupt: start afresh */
  }
  return null;
}

/**
 * The state ({open, conversationId, scope, messages, draft, pending}) that every view reads and
 * changes, and save() to store it. Stored per API and fixed huvudman, so that pages embedding
 * different ones do not mix their conversations.
 */
export function createSession(cfg, inline) {
  const key = `dialogstod:v1:${cfg.api || location.origin}:${cfg.huvudman || ""}`;
  const state = {
    open: inline || cfg.open,
    conversationId: null,
    scope: cfg.huvudman ? { id: cfg.huvudman, name: "" } : null,
    messages: [],
    draft: "",
    pending: null, // the question on its way, kept in the box if the page goes away meanwhile
  };
  const saved = load(key);
  if (saved) {
    state.open = inline || (typeof saved.open === "boolean" ? saved.open : state.open);
    state.conversationId = typeof saved.conversationId === "string" ? saved.conversationId : null;
    const scope = saved.scope;
    if (scope && typeof scope.id === "string" && (!cfg.huvudman || scope.id === cfg.huvudman)) {
      state.scope = { id: scope.id, name: str(scope.name) };
    }
    state.messages = saved.messages.map(cleanMessage).filter(Boolean).slice(-KEPT_MESSAGES);
    state.draft = str(saved.draft) || str(saved.pending);
  }

  const save = () => {
    try {
      sessionStorage.setItem(
        key,
        JSON.stringify({
          v: 1,
          open: state.open,
          conversationId: state.conversationId,
          scope: state.scope,
          messages: state.messages.slice(-KEPT_MESSAGES),
          draft: state.draft,
          pending: state.pending,
        }),
      );
    } catch (_) {
      /* private mode or full storage: the conversation just won't survive a reload */
    }
  };
  return { state, save };
}
