// "Förbered dialog": the scoped huvudman's dialogue preparation brief (GET
// /api/huvudman/{id}/brief) in a sheet over the conversation, with a link to its printable form
// and a "Fråga om detta" button on each item.
import * as T from "./texts.js";
import { ApiError, describe } from "./api.js";
import { el, sheet } from "./dom.js";
import { cleanCitation, str } from "./sanitize.js";

// Values and units as the brief's JSON gives them: "antal" is a count and shown without a unit.
const unit = (u) => (u && u !== "antal" ? ` ${u}` : "");
const shownValue = (v, u) => (/\d/.test(v) ? v + unit(u) : v ? `”${v}”` : "–");
const trend = (t) => {
  if (!t || !t.direction || t.direction === "okänd") return "";
  const change = t.direction === "oförändrat" ? null : `${t.change}${unit(t.unit)}`;
  return T.trend(t.direction, change, t.from_year, t.to_year);
};
/** An indicator's name inside a question: "Andel behöriga" → "andel behöriga" (not "IKT"). */
const lower = (s) => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0].toLowerCase() + s.slice(1) : s);

/**
 * root: the shadow root; state: the session state (its scope is the huvudman); notices: the live
 * region and alert; citations: the [n] buttons; onToggle: called after the sheet opens or
 * closes; ask(question): asks in the conversation, after the sheet has closed.
 */
export function createBriefView({ root, api, state, notices, citations, onToggle, ask }) {
  const { announce, showError, clearError } = notices;
  // The scope bar shows it, only while there is a huvudman.
  const trigger = el(
    "button",
    { type: "button", class: "btn small", "aria-haspopup": "dialog", hidden: true },
    T.PREPARE,
  );
  const back = el("button", { type: "button", class: "btn small" }, T.BACK);
  const view = sheet(root, "brief", "ds-brief-h", back);
  let loading = null; // AbortController while the brief is being fetched

  const askButton = (question, about) =>
    el(
      "button",
      {
        type: "button",
        class: "btn small ask",
        "aria-label": T.askAboutLabel(about),
        onclick: () => {
          close(false);
          ask(question);
        },
      },
      T.ASK_ABOUT,
    );

  // The printable brief with the key sent as a header. The tab is opened at the click, before
  // the fetch, so that popup blockers allow it.
  function openPrintable(event, path) {
    event.preventDefault();
    const tab = window.open("", "_blank");
    api
      .getText(path)
      .then((html) => {
        if (!tab) return;
        tab.opener = null;
        tab.location.href = URL.createObjectURL(new Blob([html], { type: "text/html" }));
      })
      .catch(() => {
        if (tab) tab.close();
        announce(T.PRINTABLE_FAILED);
      });
  }

  function render(b) {
    const byNumber = new Map((b.citations || []).map(cleanCitation).map((c) => [c.n, c]));
    const text = (t) => citations.citedText(str(t), byNumber);
    const ref = (n) => (byNumber.has(n) ? [" ", citations.button(byNumber.get(n))] : "");
    const section = (id) => b.sections.find((s) => s.id === id) || { items: [] };
    const flags = new Map(section("flaggor").items.map((f) => [f.id, f]));
    const factors = new Map(section("framgangsfaktorer").items.map((f) => [f.id, f]));
    const who = str(b.huvudman_namn);
    const heading = (s) => [el("h4", { text: s.heading }), el("p", {}, text(s.intro))];
    const row = (label, ...kids) => [el("dt", { text: label }), el("dd", {}, ...kids)];

    const flag = (f, item) =>
      el(
        "li",
        {},
        el("p", {}, el("strong", { text: `${f.rule_name}. ` }), f.rule_text, f.citations.map(ref)),
        f.factors.length
          ? el("p", {
              class: "muted",
              text: T.successFactors(
                f.factors.map((id) => factors.has(id) && factors.get(id).name).filter(Boolean),
              ),
            })
          : null,
        askButton(
          (T.FLAG_QUESTIONS[f.rule] || T.FLAG_QUESTIONS.samre_an_riket)(lower(item.namn), who),
          `${f.rule_name}, ${item.namn}`,
        ),
      );

    const indicator = (item) => {
      const own = item.flags.map((id) => flags.get(id)).filter(Boolean);
      const c = item.comparison;
      return el(
        "li",
        { class: own.length ? "card flagged" : "card" },
        el("h5", { text: item.namn }),
        own.length
          ? el(
              "p",
              { class: "badge" },
              el("span", { class: "badge-icon", "aria-hidden": "true", text: "!" }),
              T.flagCount(own.length),
            )
          : null,
        el(
          "dl",
          { class: "meta" },
          row(
            T.LATEST_VALUE,
            `${shownValue(item.varde, item.enhet)} (${item.ar})`,
            item.series.slice(-1).map((y) => ref(y.citation)),
          ),
          row(T.NATIONAL, shownValue(item.riket, item.enhet)),
          c
            ? row(
                T.DIFFERENCE,
                c.position === "lika"
                  ? T.SAME_AS_NATIONAL
                  : T.difference(`${c.difference}${unit(c.unit)}`, c.position),
              )
            : null,
          row(
            T.DEVELOPMENT,
            item.series.map((y, i) => [
              i ? ", " : "",
              `${shownValue(y.varde, item.enhet)} (${y.ar})`,
              ref(y.citation),
            ]),
            trend(item.trend),
          ),
        ),
        askButton(T.indicatorQuestion(lower(item.namn), who), item.namn),
        own.length
          ? [
              el("h6", { text: T.FLAGS }),
              el(
                "ul",
                {},
                own.map((f) => flag(f, item)),
              ),
            ]
          : null,
      );
    };

    const factor = (item) => {
      const questions = section("fragor").items.filter((q) => q.factor === item.id);
      const about = new Set(
        item.flags.filter((id) => flags.has(id)).map((id) => flags.get(id).indikator_namn),
      );
      return el(
        "li",
        { class: "card" },
        el("h5", { text: item.name }),
        about.size ? el("p", { class: "muted", text: T.belongsTo([...about]) }) : null,
        el(
          "ul",
          {},
          item.sentences.map((sentence) => el("li", {}, sentence.text, ref(sentence.citation))),
        ),
        questions.length
          ? [
              el("h6", { text: T.QUESTIONS_TO_ASK }),
              el(
                "ul",
                {},
                questions.map((q) =>
                  el("li", {}, el("p", {}, text(q.text)), askButton(q.question, q.question)),
                ),
              ),
            ]
          : null,
      );
    };

    const printable = `/api/huvudman/${encodeURIComponent(b.huvudman_id)}/brief?format=html`;
    const dialogue = section("dialogen");
    view.heading.textContent = b.title;
    view.body.replaceChildren(
      el("p", {}, text(b.intro)),
      el(
        "p",
        {},
        el(
          "a",
          {
            href: api.url(printable),
            target: "_blank",
            rel: "noopener",
            // A link cannot send the API key: with a key the page is fetched and opened.
            onclick: api.hasKey ? (event) => openPrintable(event, printable) : null,
          },
          T.PRINTABLE,
        ),
      ),
      ...heading(section("indikatorer")),
      el("p", {}, text(section("flaggor").intro)),
      el("ul", { class: "cards" }, section("indikatorer").items.map(indicator)),
      ...heading(section("framgangsfaktorer")),
      el("ul", { class: "cards" }, section("framgangsfaktorer").items.map(factor)),
      ...heading(dialogue),
      el(
        "ol",
        {},
        dialogue.items.map((part) =>
          el("li", {}, el("strong", { text: `${part.name}. ` }), text(part.text)),
        ),
      ),
    );
  }

  async function open() {
    if (!state.scope) return;
    const id = state.scope.id;
    clearError();
    view.heading.textContent = T.briefHeading(state.scope);
    view.node.hidden = false;
    onToggle();
    view.heading.focus();
    view.body.setAttribute("aria-busy", "true");
    view.body.replaceChildren(
      el(
        "p",
        { class: "typing" },
        el("span", { class: "dots", "aria-hidden": "true" }),
        T.LOADING_BRIEF,
      ),
    );
    announce(T.LOADING_BRIEF);
    const load = (loading = new AbortController());
    try {
      const body = await api.getJson(
        `/api/huvudman/${encodeURIComponent(id)}/brief?format=json`,
        load.signal,
      );
      if (!body || !Array.isArray(body.sections)) throw new ApiError(T.UNEXPECTED_FORMAT);
      render(body);
      view.body.scrollTop = 0;
      announce(T.BRIEF_SHOWN);
    } catch (err) {
      if (load.signal.aborted) return;
      close(true);
      showError(T.briefFailed(describe(err)));
    } finally {
      if (loading === load) {
        loading = null;
        view.body.removeAttribute("aria-busy");
      }
    }
  }

  function close(returnFocus) {
    if (loading) loading.abort();
    loading = null;
    if (view.node.hidden) return;
    view.node.hidden = true;
    onToggle();
    if (returnFocus) trigger.focus();
  }

  trigger.addEventListener("click", open);
  back.addEventListener("click", () => close(true));
  return { trigger, sheet: view.node, open, close, isOpen: () => !view.node.hidden };
}
