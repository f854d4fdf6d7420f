// What the widget tells the reader outside the conversation: a polite live region for screen
// readers, and a visible alert (role=alert) for errors.
import { el } from "./dom.js";

export function createNotices() {
  const live = el("div", {
    class: "sr-only",
    role: "status",
    "aria-live": "polite",
    "aria-atomic": "true",
  });
  const alertText = el("span");
  const alertBox = el(
    "div",
    { class: "alert", role: "alert", hidden: true },
    el("span", { class: "alert-icon", "aria-hidden": "true", text: "!" }),
    alertText,
  );

  let announceTimer = 0;
  /** Says text once. The region is emptied first and filled a moment later, so that a repeated
   * text is read again. */
  function announce(text) {
    clearTimeout(announceTimer);
    live.textContent = "";
    announceTimer = setTimeout(() => {
      live.textContent = text;
    }, 120);
  }
  function showError(message) {
    alertText.textContent = message;
    alertBox.hidden = false;
  }
  function clearError() {
    alertBox.hidden = true;
    alertText.textContent = "";
  }
  /** Whether the alert is up and its text matches pattern. */
  const showing = (pattern) => !alertBox.hidden && pattern.test(alertText.textContent);

  return { live, alertBox, announce, showError, clearError, showing };
}
