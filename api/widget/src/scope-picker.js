// The scope bar ("Avgränsning: …") and its huvudman picker: a search box over
// GET /api/huvudman?limit=…&q=…, which shows at most PICKS matches at a time.
import * as T from "./texts.js";
import { describe } from "./api.js";
import { el } from "./dom.js";
import { str } from "./sanitize.js";

const PICKS = 20; // huvudmän shown in the picker at a time; the server searches the rest
const SEARCH_PAUSE_MS = 150; // the server is asked once typing pauses this long

/** Lower case without diacritics, as the server compares: "Ålänge" → "alange". */
const fold = (s) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

/** The server's order for a query, for narrowing a complete answer without asking again:
 * exact name or code, start of either, every word starting a word, anywhere; the typed
 * letters (å, ä, ö) before their folded forms. null when h does not match. */
function rank(h, { lowered, query }) {
  const name = fold(h.name);
  const code = fold(h.id);
  const tokens = query.split(" ");
  if (!tokens.every((t) => name.includes(t) || code.includes(t))) return null;
  const words = name.split(/[^\p{L}\p{N}_]+/u);
  const tier =
    query === name || query === code
      ? 0
      : name.startsWith(query) || code.startsWith(query)
        ? 1
        : tokens.every((t) => code.startsWith(t) || words.some((w) => w.startsWith(t)))
          ? 2
          : 3;
  const exact = h.name.toLowerCase().includes(lowered) || h.id.toLowerCase().includes(lowered);
  return 2 * tier + (exact ? 0 : 1);
}

/**
 * root: the shadow root; state and save: the session; action: a button the bar shows after the
 * scope while there is a huvudman ("Förbered dialog"); onChoose(changed): called after the reader
 * has chosen, changed telling whether the scope is another than before.
 * With a huvudman fixed by the page (cfg.huvudman) the bar has no button and the picker never
 * opens.
 */
export function createScopePicker({ root, cfg, api, state, save, action, onChoose }) {
  const value = el("strong", { class: "scope-value" });
  const button = cfg.huvudman
    ? null
    : el("button", {
        type: "button",
        class: "link",
        "aria-expanded": "false",
        "aria-controls": "ds-picker",
      });
  const bar = el(
    "p",
    { class: "scope" },
    el("span", { class: "scope-label", text: T.SCOPE_LABEL }),
    value,
    button,
    action,
  );
  const search = el("input", {
    id: "ds-search",
    class: "field",
    type: "search",
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": "ds-picker-hint",
    "aria-controls": "ds-plist",
  });
  const count = el("p", { class: "sr-only", "aria-live": "polite", "aria-atomic": "true" });
  const list = el("ul", { id: "ds-plist", class: "plist", "aria-label": T.PICK_LIST_LABEL });
  const picker = el(
    "div",
    { id: "ds-picker", class: "picker", hidden: true },
    el("label", { for: "ds-search", text: T.SEARCH_LABEL }),
    search,
    el("p", { id: "ds-picker-hint", class: "hint", text: T.pickerHint(PICKS) }),
    count,
    list,
  );

  let nameLoad = null; // promise of the scope's name, while it is being fetched
  let timer = 0; // debounce of the search
  let abort = null; // AbortController of the search on its way
  let run = Promise.resolve(); // the latest search
  let all = null; // { query, items } of a server answer that held every match

  function render() {
    value.textContent = T.scopeLabel(state.scope);
    action.hidden = !state.scope;
    if (button) {
      button.textContent = "";
      if (state.scope)
        button.append(T.CHANGE, el("span", { class: "sr-only", text: T.CHANGE_SUFFIX }));
      else button.append(T.CHOOSE_HUVUDMAN);
    }
  }

  /** The scope's name, when only its id is known (data-huvudman, or an old stored scope). */
  function loadName() {
    if (nameLoad || !state.scope || state.scope.name) return;
    const id = state.scope.id;
    nameLoad = api
      .getJson(`/api/huvudman/${encodeURIComponent(id)}`)
      .then((body) => {
        if (body && state.scope && state.scope.id === id && !state.scope.name) {
          state.scope.name = str(body.name);
          render();
          save();
        }
      })
      .catch(() => {})
      .finally(() => {
        nameLoad = null;
      });
  }

  /** The search box as the server reads it: lower case, single spaces, folded. */
  const typed = () => {
    const lowered = search.value.toLowerCase().split(/\s+/).filter(Boolean).join(" ");
    return { lowered, query: fold(lowered) };
  };

  /** The first PICKS huvudmän matching the search box: asked from the server, or, when an
   * earlier answer held every match of a shorter search, picked from that answer at once. */
  function runSearch() {
    clearTimeout(timer);
    timer = 0;
    if (abort) abort.abort();
    abort = null;
    const q = search.value.trim();
    const now = typed();
    if (all && now.query.includes(all.query)) {
      const found = all.items
        .map((h, i) => [rank(h, now), i, h])
        .filter(([r]) => r !== null)
        .sort(([a, i], [b, j]) => a - b || i - j)
        .map(([, , h]) => h);
      list.removeAttribute("aria-busy");
      renderList(q, found, found.length);
      return (run = Promise.resolve());
    }
    const controller = new AbortController();
    abort = controller;
    list.setAttribute("aria-busy", "true");
    const query = q ? `&q=${encodeURIComponent(q)}` : "";
    run = api
      .getJson(`/api/huvudman?limit=${PICKS}${query}`, controller.signal)
      .then((body) => {
        const items = (body && Array.isArray(body.items) ? body.items : []).map((h) => ({
          id: str(h.id),
          name: str(h.name),
        }));
        const total = body && typeof body.total === "number" ? body.total : items.length;
        if (abort !== controller) return;
        if (total <= items.length) all = { query: now.query, items };
        renderList(q, items.slice(0, PICKS), total);
      })
      .catch((err) => {
        if (abort === controller) renderError(err);
      })
      .finally(() => {
        if (abort === controller) abort = null;
        if (!abort) list.removeAttribute("aria-busy");
      });
    return run;
  }

  function renderList(q, items, total) {
    const query = fold(q);
    const none = { id: null, name: T.NO_HUVUDMAN };
    const options = !query || fold(none.name).includes(query) ? [none, ...items] : items;
    list.replaceChildren(
      ...options.map((h) => {
        const current = (state.scope ? state.scope.id : null) === h.id;
        return el(
          "li",
          {},
          el(
            "button",
            {
              type: "button",
              class: "pick",
              "aria-current": current ? "true" : null,
              onclick: () => choose(h),
            },
            el(
              "span",
              {},
              current ? el("span", { "aria-hidden": "true", text: "✓ " }) : null,
              h.name,
            ),
            h.id ? el("span", { class: "code", text: h.id }) : null,
          ),
        );
      }),
    );
    const more = total - items.length;
    if (!options.length) list.append(el("li", { class: "hint", text: T.NO_MATCH }));
    else if (more > 0) list.append(el("li", { class: "hint", text: T.moreMatches(more, q) }));
    count.textContent = q ? (more > 0 ? T.firstHitsShown(total, items.length) : T.hits(total)) : "";
  }

  function renderError(err) {
    count.textContent = "";
    list.replaceChildren(
      el(
        "li",
        { class: "hint" },
        T.pickError(describe(err)),
        el("button", { type: "button", class: "link", onclick: open }, T.TRY_AGAIN),
      ),
    );
  }

  function open() {
    picker.hidden = false;
    button.setAttribute("aria-expanded", "true");
    search.value = "";
    all = null; // the catalogue may have changed since
    count.textContent = "";
    list.replaceChildren(el("li", { class: "hint", text: T.LOADING_HUVUDMAN }));
    search.focus();
    runSearch();
  }

  function close(focusButton) {
    if (picker.hidden) return;
    clearTimeout(timer);
    timer = 0;
    if (abort) abort.abort();
    abort = null;
    picker.hidden = true;
    button.setAttribute("aria-expanded", "false");
    if (focusButton) button.focus();
  }

  function choose(h) {
    const before = state.scope ? state.scope.id : null;
    state.scope = h.id ? { id: h.id, name: h.name } : null;
    close(false);
    render();
    onChoose(before !== h.id);
  }

  if (button) button.addEventListener("click", () => (picker.hidden ? open() : close(true)));
  search.addEventListener("input", () => {
    clearTimeout(timer);
    // Narrowing a complete answer is instant; the server is asked once typing pauses.
    if (all && typed().query.includes(all.query)) runSearch();
    else timer = setTimeout(runSearch, SEARCH_PAUSE_MS);
  });
  search.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowDown" && (e.key !== "Enter" || e.isComposing)) return;
    e.preventDefault();
    // The best match for everything typed, not the first of an older list.
    if (timer) runSearch();
    const latest = run;
    const act = () => {
      const first = list.querySelector("button.pick");
      if (!first || latest !== run || picker.hidden || root.activeElement !== search) return;
      if (e.key === "Enter") first.click();
      else first.focus();
    };
    if (abort) latest.then(act);
    else act();
  });
  // Up and down move between the matches; up from the first goes back to the search box.
  list.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const buttons = [...list.querySelectorAll("button.pick")];
    const i = buttons.indexOf(root.activeElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === "ArrowUp" && i === 0) search.focus();
    else buttons[e.key === "ArrowDown" ? Math.min(i + 1, buttons.length - 1) : i - 1].focus();
  });

  return {
    bar,
    picker,
    render,
    loadName,
    close,
    /** Whether Escape should close the picker: it is open and focus is in it. */
    hasFocus: () => !picker.hidden && picker.contains(root.activeElement),
  };
}
