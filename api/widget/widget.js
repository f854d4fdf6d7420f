// GENERATED from src/ by `make widget` (esbuild, api/widget/build.mjs): do not edit by hand.
/*!
 * Dialogstöd chat widget: one <script> tag, no framework.
 *
 *   <script src="https://HOST/widget.js" data-api="https://HOST" defer></script>
 *
 * Attributes (all optional):
 *   data-api       base URL of the Dialogstöd API; empty or missing = the page's own origin
 *   data-huvudman  fixes the scope to one huvudman id (e.g. "0917"); no picker is shown
 *   data-api-key   sent as the X-API-Key header
 *   data-title     the panel's title (default "Dialogstöd")
 *   data-open      start with the panel open (data-open="false" keeps it closed)
 *   data-inline    CSS selector of an element to render into instead of a floating panel
 *
 * Theming: set these CSS custom properties anywhere on the page (e.g. on :root); they inherit
 * into the widget's Shadow DOM. Keep text/background pairs at 4.5:1 contrast (WCAG AA).
 *   --ds-accent          buttons, links, user messages, focus of attention   (#00577a)
 *   --ds-accent-text     text on --ds-accent                                 (#ffffff)
 *   --ds-bg              panel background                                    (#ffffff)
 *   --ds-surface         answer and scope background                         (#f1f5f7)
 *   --ds-text            body text                                           (#1b1b1b)
 *   --ds-muted           secondary text                                      (#4a5560)
 *   --ds-border          input and panel borders, at least 3:1               (#6b7780)
 *   --ds-focus           focus ring                                          (#0b0c0c)
 *   --ds-warn-bg         background of "Inget stöd i underlaget" answers      (#fff4e0)
 *   --ds-warn-text       their label text                                    (#5c3200)
 *   --ds-warn-border     their dashed border                                 (#a15c00)
 *   --ds-font            font family                                         (system-ui, …)
 *   --ds-radius          corner radius                                       (0.5em)
 *   --ds-panel-width     floating panel width                                (26em)
 *   --ds-panel-height    floating panel height                               (40em)
 *   --ds-inline-height   height of the data-inline panel                     (36em)
 *   --ds-z-index         stacking order of launcher and panel                (2147483000)
 *
 * Limits: the longest question is read from GET /api/health (limits.max_message_chars); until
 * it has come, and if it cannot be read, 2 000 characters.
 *
 * Safety: everything that comes from the server is inserted as text (textContent /
 * createTextNode via Node.append), never as HTML.
 */
"use strict";
(() => {
  // src/texts.js
  var num = (n) => n.toLocaleString("sv-SE");
  var DEFAULT_TITLE = "Dialogstöd";
  var noInlineTarget = (selector) => `Dialogstöd: hittar inget element för data-inline="${selector}".`;
  var launcherLabel = (title) => `Fråga ${title}`;
  var NEW_CONVERSATION = "Nytt samtal";
  var CLOSE = "Stäng";
  var CLOSE_CHAT_SUFFIX = " chatten";
  var CONVERSATION_RESET = "Nytt samtal. Tidigare frågor och svar är borttagna.";
  var SCOPE_LABEL = "Avgränsning:";
  var GENERAL_SCOPE = "Allmänt underlag";
  var CHANGE = "Byt";
  var CHANGE_SUFFIX = " huvudman";
  var CHOOSE_HUVUDMAN = "Välj huvudman";
  var SEARCH_LABEL = "Sök huvudman (namn eller kod)";
  var pickerHint = (picks) => `Högst ${picks} visas åt gången. Byter du huvudman börjar ett nytt samtal.`;
  var PICK_LIST_LABEL = "Huvudmän";
  var NO_HUVUDMAN = "Ingen huvudman – bara allmänt underlag";
  var NO_MATCH = "Ingen huvudman matchar sökningen.";
  var moreMatches = (more, typedSomething) => `och ${num(more)} till – ${typedSomething ? "skriv fler bokstäver" : "skriv en del av namnet eller koden"}`;
  var hits = (total) => `${num(total)} ${total === 1 ? "träff" : "träffar"}`;
  var firstHitsShown = (total, shown) => `${hits(total)}, de ${num(shown)} första visas. Skriv fler bokstäver för att se färre.`;
  var pickError = (reason) => `Kunde inte hämta huvudmännen. ${reason} `;
  var TRY_AGAIN = "Försök igen";
  var LOADING_HUVUDMAN = "Hämtar huvudmän …";
  var scopeLabel = (scope) => scope ? scope.name ? `${scope.name} (${scope.id})` : scope.id : GENERAL_SCOPE;
  var scopeChosen = (scope) => `Avgränsning: ${scopeLabel(scope)}.`;
  var scopeChangedNewConversation = (scope) => `Avgränsning: ${scopeLabel(scope)}. Ett nytt samtal har börjat.`;
  var CONVERSATION_LABEL = "Samtal";
  var STARTERS_SCOPED = [
    "Vilket meritvärde hade eleverna i årskurs 9 2024?",
    "Hur har andelen behöriga lärare utvecklats?",
    "Vilka tre delar består en kvalitetsdialog av?"
  ];
  var STARTERS_GENERAL = [
    "Vilka tre delar består en kvalitetsdialog av?",
    "Vad innebär systematiskt kvalitetsarbete?",
    "Vad är syftet med regeringsuppdraget?"
  ];
  var EMPTY_SCOPED = "Ställ en fråga om huvudmannens indikatorer, uppdraget, kvalitetsdialogerna eller framgångsfaktorerna. Varje påstående i svaret får en källhänvisning.";
  var EMPTY_GENERAL = "Ställ en fråga om uppdraget, kvalitetsdialogerna eller framgångsfaktorerna. Varje påstående i svaret får en källhänvisning.";
  var CHOOSE_FOR_INDICATORS = "Välj en huvudman för att också fråga om dess indikatorer.";
  var STARTERS_HEADING = "Förslag på frågor";
  var YOU = "Du: ";
  var BOT_SAYS = "Dialogstöd svarar:";
  var UNSUPPORTED = "Inget stöd i underlaget";
  var SEARCHING = "Söker i underlaget …";
  var PROVISIONAL = "Preliminärt – kontrolleras mot källorna …";
  var SOURCES = "Källor";
  var COPY = "Kopiera svaret";
  var COPIED = "Kopierat";
  var COPIED_SPOKEN = "Svaret har kopierats.";
  var COPY_FAILED = "Kunde inte kopiera. Markera texten och kopiera med Ctrl+C.";
  var copiedAnswer = (answer, sources) => sources.length ? `${answer}

Källor:
${sources.join("\n")}` : answer;
  var copiedSource = (c) => `[${c.n}] ${c.title}, ${c.locator} (${c.source})`;
  var answerSpoken = (supported, text) => supported ? `Svar: ${text}` : `Inget stöd i underlaget. ${text}`;
  var QUESTION_LABEL = "Din fråga";
  var PLACEHOLDER = "Skriv din fråga …";
  var SEND = "Skicka";
  var KEYS_HINT = "Enter skickar, Skift+Enter ger ny rad. ";
  var charCount = (length, max) => `${num(length)} av ${num(max)} tecken.`;
  var WAIT_FOR_ANSWER = "Vänta tills svaret är klart.";
  var EMPTY_QUESTION = "Skriv en fråga först.";
  var tooLong = (length, max) => `Frågan är för lång: ${num(length)} tecken. Den får vara högst ${num(max)} tecken – korta den och försök igen.`;
  var QUESTION_PROBLEM = /för lång|Skriv en fråga/;
  var QUESTION_KEPT = " Din fråga finns kvar i rutan.";
  var OFFLINE = "Kunde inte nå servern. Kontrollera anslutningen och försök igen.";
  var ABORTED = "Avbrutet.";
  var rateLimited = (seconds) => seconds ? `Du har ställt många frågor på kort tid. Vänta ${seconds} ${seconds === 1 ? "sekund" : "sekunder"} och försök igen.` : "Du har ställt många frågor på kort tid. Vänta en stund och försök igen.";
  var tooLongForServer = (max) => `Frågan är för lång. Den får vara högst ${num(max)} tecken – korta den och försök igen.`;
  var unknownHuvudman = (fixedScope) => `Huvudmannen finns inte i underlaget. ${fixedScope ? "Kontakta den som ansvarar för sidan." : "Välj en annan huvudman."}`;
  var KEY_REFUSED = "Tjänsten godtog inte sidans API-nyckel. Kontakta den som ansvarar för sidan.";
  var SERVER_ERROR = "Något gick fel på servern. Försök igen om en stund.";
  var httpFailed = (status) => `Något gick fel (felkod ${status}). Försök igen.`;
  var INCOMPLETE = "Svaret avbröts innan det var klart. Försök igen.";
  var UNEXPECTED_FORMAT = "Servern svarade med ett oväntat format. Försök igen om en stund.";
  var SOURCE_PREFIX = "Källa ";
  var sourceHeading = (n) => `Källa [${n}]`;
  var CLOSE_SOURCE_SUFFIX = " källan";
  var PLACE = "Plats";
  var FILE = "Fil";
  var EXCERPT = "Utdrag";
  var SHOW_CONTEXT = "Visa sammanhang";
  var HIDE_CONTEXT = "Dölj sammanhang";
  var LOADING_CONTEXT = "Hämtar sammanhang …";
  var CONTEXT = "Sammanhang";
  var BEFORE = "Före: ";
  var QUOTED = "Citerat avsnitt: ";
  var AFTER = "Efter: ";
  var CONTEXT_SHOWN = "Sammanhanget visas.";
  var contextFailed = (reason) => `Sammanhanget kunde inte hämtas. ${reason}`;
  var PREPARE = "Förbered dialog";
  var BACK = "Tillbaka till samtalet";
  var briefHeading = (scope) => `Dialogunderlag: ${scopeLabel(scope)}`;
  var LOADING_BRIEF = "Hämtar förberedelsen …";
  var BRIEF_SHOWN = "Förberedelsen visas.";
  var briefFailed = (reason) => `Förberedelsen kunde inte hämtas. ${reason}`;
  var PRINTABLE = "Utskriftsvänligt underlag (öppnas i ny flik)";
  var PRINTABLE_FAILED = "Det utskriftsvänliga underlaget kunde inte hämtas. Försök igen.";
  var ASK_ABOUT = "Fråga om detta";
  var askAboutLabel = (about) => `Fråga om detta: ${about}`;
  var flagCount = (n) => n === 1 ? "1 flagga" : `${n} flaggor`;
  var LATEST_VALUE = "Senaste värde";
  var NATIONAL = "Riket";
  var DIFFERENCE = "Skillnad";
  var SAME_AS_NATIONAL = "samma nivå som riket";
  var difference = (amount, position) => `${amount} ${position} riket`;
  var DEVELOPMENT = "Utveckling";
  var trend = (direction, change, from, to) => `; ${direction}${change === null ? "" : ` med ${change}`} ${from}–${to}`;
  var FLAGS = "Flaggor";
  var successFactors = (names) => `Framgångsfaktorer: ${names.join(", ")}.`;
  var belongsTo = (names) => `Hör till: ${names.join(", ")}.`;
  var QUESTIONS_TO_ASK = "Frågor att ställa";
  var indicatorQuestion = (indicator, who) => `Hur har ${indicator} utvecklats för ${who} jämfört med riket?`;
  var FLAG_QUESTIONS = {
    samre_an_riket: (x, who) => `Hur ligger ${x} till jämfört med riket för ${who}?`,
    forsamring_tva_ar: (x, who) => `Hur har ${x} utvecklats de senaste åren för ${who}?`,
    saknat_varde: (x, who) => `Varför saknas värdet för ${x} för ${who}?`
  };

  // src/api.js
  var DEFAULT_MAX_MESSAGE_CHARS = 2e3;
  var ApiError = class extends Error {
    constructor(message, status, code) {
      super(message);
      this.status = status || 0;
      this.code = code || "";
    }
  };
  async function readJson(res) {
    try {
      return await res.json();
    } catch (_) {
      return null;
    }
  }
  function retrySeconds(value) {
    if (!value) return null;
    if (/^\s*\d+\s*$/.test(value)) return Math.max(1, parseInt(value, 10));
    const at = Date.parse(value);
    return Number.isNaN(at) ? null : Math.max(1, Math.ceil((at - Date.now()) / 1e3));
  }
  var describe = (err) => err instanceof ApiError ? err.message : err && err.name === "AbortError" ? ABORTED : OFFLINE;
  function createApi({ base, apiKey, fixedScope }) {
    const limits = { maxMessageChars: DEFAULT_MAX_MESSAGE_CHARS };
    const url = (path) => base + path;
    const headers = (extra) => Object.assign(apiKey ? { "X-API-Key": apiKey } : {}, extra || {});
    function httpError(res, body) {
      const status = res.status;
      const error = body && body.error || {};
      const server = typeof error.message === "string" ? error.message : "";
      let message;
      if (status === 429) {
        message = rateLimited(retrySeconds(res.headers.get("Retry-After")));
      } else if (status === 422 && error.code !== "message_too_long" && /för lång/.test(server)) {
        message = tooLongForServer(limits.maxMessageChars);
      } else if (error.code === "unknown_huvudman") {
        message = unknownHuvudman(fixedScope);
      } else if (status === 401 || status === 403) {
        message = KEY_REFUSED;
      } else if (status >= 500) {
        message = server || SERVER_ERROR;
      } else {
        message = server || httpFailed(status);
      }
      return new ApiError(message, status, error.code);
    }
    async function getJson(path, signal) {
      const res = await fetch(url(path), {
        headers: headers({ Accept: "application/json" }),
        signal
      });
      const body = await readJson(res);
      if (!res.ok) throw httpError(res, body);
      return body;
    }
    async function getText(path) {
      const res = await fetch(url(path), { headers: headers() });
      if (!res.ok) throw new Error(String(res.status));
      return res.text();
    }
    const post = (path, body, accept, signal) => fetch(url(path), {
      method: "POST",
      headers: headers({ "Content-Type": "application/json", Accept: accept }),
      body: JSON.stringify(body),
      signal
    });
    async function loadLimits() {
      try {
        const res = await fetch(url("/api/health"), { headers: { Accept: "application/json" } });
        const body = res.ok ? await readJson(res) : null;
        const max = body && body.limits && body.limits.max_message_chars;
        if (Number.isInteger(max) && max > 0) limits.maxMessageChars = max;
      } catch (_) {
      }
    }
    return { url, hasKey: Boolean(apiKey), limits, httpError, getJson, getText, post, loadLimits };
  }

  // src/dom.js
  function el(tag, attrs, ...kids) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === void 0 || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const kid of kids.flat(Infinity))
      if (kid !== null && kid !== void 0 && kid !== false) node.append(kid);
    return node;
  }
  function chatIcon() {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute(
      "d",
      "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z"
    );
    svg.append(path);
    return svg;
  }
  function focusables(container) {
    return [...container.querySelectorAll("button, [href], input, textarea, [tabindex]")].filter(
      (n) => n.tabIndex >= 0 && !n.disabled && n.getClientRects().length
    );
  }
  function trapFocus(sheet2, root) {
    sheet2.addEventListener("keydown", (e) => {
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
  function sheet(root, className, id, button) {
    const heading = el("h3", { id, tabindex: "-1" });
    const body = el("div", {
      class: "sheet-body",
      tabindex: "0",
      role: "region",
      "aria-labelledby": id
    });
    const node = el(
      "div",
      { class: className, role: "dialog", "aria-modal": "true", "aria-labelledby": id, hidden: true },
      el("div", { class: "sheet-head" }, heading, button),
      body
    );
    trapFocus(node, root);
    return { node, heading, body };
  }

  // src/sanitize.js
  var str = (v) => typeof v === "string" ? v : v === null || v === void 0 ? "" : String(v);
  function cleanCitation(c) {
    return {
      n: Number(c && c.n),
      source: str(c && c.source),
      title: str(c && c.title),
      locator: str(c && c.locator),
      snippet: str(c && c.snippet),
      chunk_id: str(c && c.chunk_id)
    };
  }
  function cleanMessage(m) {
    if (!m || typeof m !== "object") return null;
    if (m.role === "user") return { role: "user", text: str(m.text) };
    if (m.role === "bot") {
      return {
        role: "bot",
        answer: str(m.answer),
        supported: m.supported !== false,
        citations: Array.isArray(m.citations) ? m.citations.map(cleanCitation) : []
      };
    }
    return null;
  }

  // src/brief-view.js
  var unit = (u) => u && u !== "antal" ? ` ${u}` : "";
  var shownValue = (v, u) => /\d/.test(v) ? v + unit(u) : v ? `”${v}”` : "–";
  var trend2 = (t) => {
    if (!t || !t.direction || t.direction === "okänd") return "";
    const change = t.direction === "oförändrat" ? null : `${t.change}${unit(t.unit)}`;
    return trend(t.direction, change, t.from_year, t.to_year);
  };
  var lower = (s) => /^\p{Lu}\p{Ll}/u.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
  function createBriefView({ root, api, state, notices, citations, onToggle, ask }) {
    const { announce, showError, clearError } = notices;
    const trigger = el(
      "button",
      { type: "button", class: "btn small", "aria-haspopup": "dialog", hidden: true },
      PREPARE
    );
    const back = el("button", { type: "button", class: "btn small" }, BACK);
    const view = sheet(root, "brief", "ds-brief-h", back);
    let loading = null;
    const askButton = (question, about) => el(
      "button",
      {
        type: "button",
        class: "btn small ask",
        "aria-label": askAboutLabel(about),
        onclick: () => {
          close(false);
          ask(question);
        }
      },
      ASK_ABOUT
    );
    function openPrintable(event, path) {
      event.preventDefault();
      const tab = window.open("", "_blank");
      api.getText(path).then((html) => {
        if (!tab) return;
        tab.opener = null;
        tab.location.href = URL.createObjectURL(new Blob([html], { type: "text/html" }));
      }).catch(() => {
        if (tab) tab.close();
        announce(PRINTABLE_FAILED);
      });
    }
    function render(b) {
      const byNumber = new Map((b.citations || []).map(cleanCitation).map((c) => [c.n, c]));
      const text = (t) => citations.citedText(str(t), byNumber);
      const ref = (n) => byNumber.has(n) ? [" ", citations.button(byNumber.get(n))] : "";
      const section = (id) => b.sections.find((s) => s.id === id) || { items: [] };
      const flags = new Map(section("flaggor").items.map((f) => [f.id, f]));
      const factors = new Map(section("framgangsfaktorer").items.map((f) => [f.id, f]));
      const who = str(b.huvudman_namn);
      const heading = (s) => [el("h4", { text: s.heading }), el("p", {}, text(s.intro))];
      const row = (label, ...kids) => [el("dt", { text: label }), el("dd", {}, ...kids)];
      const flag2 = (f, item) => el(
        "li",
        {},
        el("p", {}, el("strong", { text: `${f.rule_name}. ` }), f.rule_text, f.citations.map(ref)),
        f.factors.length ? el("p", {
          class: "muted",
          text: successFactors(
            f.factors.map((id) => factors.has(id) && factors.get(id).name).filter(Boolean)
          )
        }) : null,
        askButton(
          (FLAG_QUESTIONS[f.rule] || FLAG_QUESTIONS.samre_an_riket)(lower(item.namn), who),
          `${f.rule_name}, ${item.namn}`
        )
      );
      const indicator = (item) => {
        const own = item.flags.map((id) => flags.get(id)).filter(Boolean);
        const c = item.comparison;
        return el(
          "li",
          { class: own.length ? "card flagged" : "card" },
          el("h5", { text: item.namn }),
          own.length ? el(
            "p",
            { class: "badge" },
            el("span", { class: "badge-icon", "aria-hidden": "true", text: "!" }),
            flagCount(own.length)
          ) : null,
          el(
            "dl",
            { class: "meta" },
            row(
              LATEST_VALUE,
              `${shownValue(item.varde, item.enhet)} (${item.ar})`,
              item.series.slice(-1).map((y) => ref(y.citation))
            ),
            row(NATIONAL, shownValue(item.riket, item.enhet)),
            c ? row(
              DIFFERENCE,
              c.position === "lika" ? SAME_AS_NATIONAL : difference(`${c.difference}${unit(c.unit)}`, c.position)
            ) : null,
            row(
              DEVELOPMENT,
              item.series.map((y, i) => [
                i ? ", " : "",
                `${shownValue(y.varde, item.enhet)} (${y.ar})`,
                ref(y.citation)
              ]),
              trend2(item.trend)
            )
          ),
          askButton(indicatorQuestion(lower(item.namn), who), item.namn),
          own.length ? [
            el("h6", { text: FLAGS }),
            el(
              "ul",
              {},
              own.map((f) => flag2(f, item))
            )
          ] : null
        );
      };
      const factor = (item) => {
        const questions = section("fragor").items.filter((q) => q.factor === item.id);
        const about = new Set(
          item.flags.filter((id) => flags.has(id)).map((id) => flags.get(id).indikator_namn)
        );
        return el(
          "li",
          { class: "card" },
          el("h5", { text: item.name }),
          about.size ? el("p", { class: "muted", text: belongsTo([...about]) }) : null,
          el(
            "ul",
            {},
            item.sentences.map((sentence) => el("li", {}, sentence.text, ref(sentence.citation)))
          ),
          questions.length ? [
            el("h6", { text: QUESTIONS_TO_ASK }),
            el(
              "ul",
              {},
              questions.map(
                (q) => el("li", {}, el("p", {}, text(q.text)), askButton(q.question, q.question))
              )
            )
          ] : null
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
              onclick: api.hasKey ? (event) => openPrintable(event, printable) : null
            },
            PRINTABLE
          )
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
          dialogue.items.map(
            (part) => el("li", {}, el("strong", { text: `${part.name}. ` }), text(part.text))
          )
        )
      );
    }
    async function open() {
      if (!state.scope) return;
      const id = state.scope.id;
      clearError();
      view.heading.textContent = briefHeading(state.scope);
      view.node.hidden = false;
      onToggle();
      view.heading.focus();
      view.body.setAttribute("aria-busy", "true");
      view.body.replaceChildren(
        el(
          "p",
          { class: "typing" },
          el("span", { class: "dots", "aria-hidden": "true" }),
          LOADING_BRIEF
        )
      );
      announce(LOADING_BRIEF);
      const load2 = loading = new AbortController();
      try {
        const body = await api.getJson(
          `/api/huvudman/${encodeURIComponent(id)}/brief?format=json`,
          load2.signal
        );
        if (!body || !Array.isArray(body.sections)) throw new ApiError(UNEXPECTED_FORMAT);
        render(body);
        view.body.scrollTop = 0;
        announce(BRIEF_SHOWN);
      } catch (err) {
        if (load2.signal.aborted) return;
        close(true);
        showError(briefFailed(describe(err)));
      } finally {
        if (loading === load2) {
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

  // src/messages.js
  function userMessage(text) {
    return el("div", { class: "msg user" }, el("span", { class: "sr-only", text: YOU }), text);
  }
  function createMessages({ root, citations, announce }) {
    function botMessage(msg) {
      const node = el("div", { class: msg.supported ? "msg bot" : "msg bot unsupported" });
      node.append(el("p", { class: "sr-only", text: BOT_SAYS }));
      if (!msg.supported) {
        node.append(
          el(
            "p",
            { class: "badge" },
            el("span", { class: "badge-icon", "aria-hidden": "true", text: "!" }),
            UNSUPPORTED
          )
        );
      }
      const byNumber = new Map(msg.citations.map((c) => [c.n, c]));
      node.append(el("p", { class: "answer-text" }, citations.citedText(msg.answer, byNumber)));
      if (msg.citations.length) {
        node.append(
          el(
            "div",
            { class: "sources" },
            el("h3", { text: SOURCES }),
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
                      text: [c.locator, c.source].filter(Boolean).join(" · ")
                    })
                  )
                );
                button.addEventListener("click", () => citations.open(c, button));
                return el("li", {}, button);
              })
            )
          )
        );
      }
      const copy = el("button", { type: "button", class: "btn small" }, COPY);
      copy.addEventListener("click", () => copyAnswer(msg, copy));
      node.append(el("div", { class: "actions" }, copy));
      return node;
    }
    function pendingMessage(onGrow) {
      const status = el(
        "p",
        { class: "typing" },
        el("span", { class: "dots", "aria-hidden": "true" }),
        SEARCHING
      );
      const text = el("p", { class: "answer-text" });
      const node = el(
        "div",
        { class: "msg bot", "aria-busy": "true" },
        el("p", { class: "sr-only", text: BOT_SAYS }),
        status,
        text
      );
      return {
        node,
        append(piece, provisional) {
          status.remove();
          if (provisional && !node.classList.contains("provisional")) {
            node.classList.add("provisional");
            node.insertBefore(el("p", { class: "provisional-note", text: PROVISIONAL }), text);
          }
          text.append(piece);
          onGrow();
        }
      };
    }
    async function copyAnswer(msg, button) {
      const text = copiedAnswer(msg.answer, msg.citations.map(copiedSource));
      let ok = false;
      try {
        await navigator.clipboard.writeText(text);
        ok = true;
      } catch (_) {
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
        button.textContent = COPIED;
        announce(COPIED_SPOKEN);
        setTimeout(() => {
          button.textContent = COPY;
        }, 2e3);
      } else {
        announce(COPY_FAILED);
      }
    }
    return { botMessage, pendingMessage };
  }

  // src/stream.js
  async function readEvents(body, on) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    const dispatch = (block) => {
      let name = "message";
      const lines = [];
      for (const line of block.split("\n")) {
        if (!line || line[0] === ":") continue;
        const i = line.indexOf(":");
        const field = i < 0 ? line : line.slice(0, i);
        let value = i < 0 ? "" : line.slice(i + 1);
        if (value[0] === " ") value = value.slice(1);
        if (field === "event") name = value;
        else if (field === "data") lines.push(value);
      }
      if (!lines.length) return;
      let payload = null;
      try {
        payload = JSON.parse(lines.join("\n"));
      } catch (_) {
        payload = lines.join("\n");
      }
      on(name, payload);
    };
    for (; ; ) {
      const { value, done } = await reader.read();
      buffer += decoder.decode(value || new Uint8Array(), { stream: !done });
      buffer = buffer.replace(/\r\n?/g, "\n");
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
      if (done) {
        if (buffer.trim()) dispatch(buffer);
        return;
      }
    }
  }
  async function streamAnswer(api, question, { onConversation, onText }, signal) {
    let result = null;
    const on = (name, payload) => {
      if (name === "meta" && payload && typeof payload.conversation_id === "string") {
        onConversation(payload.conversation_id);
      } else if (name === "delta" && payload && typeof payload.text === "string") {
        onText(payload.text, payload.provisional === true);
      } else if (name === "done") {
        result = payload;
      } else if (name === "error") {
        const problem = payload && typeof payload === "object" ? payload : {};
        throw new ApiError(str(problem.message) || SERVER_ERROR, 500, problem.code);
      }
    };
    let res = await api.post("/api/chat/stream", question, "text/event-stream", signal);
    if (res.status === 404 || res.status === 405) {
      const problem = await readJson(res);
      const code = problem && problem.error && problem.error.code;
      if (code !== "not_found" && code !== "method_not_allowed") throw api.httpError(res, problem);
      res = await api.post("/api/chat", question, "application/json", signal);
    }
    if (!res.ok) throw api.httpError(res, await readJson(res));
    if ((res.headers.get("content-type") || "").includes("text/event-stream")) {
      await readEvents(res.body, on);
    } else {
      on("done", await res.json());
    }
    if (!result || typeof result.answer !== "string") {
      throw new ApiError(INCOMPLETE, 0, "incomplete");
    }
    return result;
  }

  // src/chat-view.js
  var COUNT_FROM = 200;
  var INPUT_MAX_PX = 144;
  function createChatView({
    cfg: cfg2,
    api,
    state,
    save,
    notices,
    citations,
    messages,
    closePicker
  }) {
    const { announce, showError, clearError } = notices;
    const max = () => api.limits.maxMessageChars;
    let pending = null;
    const log = el("div", {
      class: "log",
      role: "region",
      "aria-label": CONVERSATION_LABEL,
      tabindex: "0"
    });
    const input = el("textarea", {
      id: "ds-input",
      class: "field",
      rows: "1",
      placeholder: PLACEHOLDER,
      "aria-describedby": "ds-hint"
    });
    const count = el("span", { class: "count" });
    const sendButton = el("button", { type: "submit", class: "btn primary" }, SEND);
    const form = el(
      "form",
      { class: "composer", novalidate: true },
      el("label", { for: "ds-input", class: "sr-only", text: QUESTION_LABEL }),
      el("div", { class: "row" }, input, sendButton),
      el("p", { id: "ds-hint", class: "hint" }, KEYS_HINT, count)
    );
    const scrollDown = () => {
      log.scrollTop = log.scrollHeight;
    };
    function askFromButton(question) {
      input.focus();
      send(question, true);
    }
    function emptyLog() {
      const starters = state.scope ? STARTERS_SCOPED : STARTERS_GENERAL;
      return el(
        "div",
        { class: "empty" },
        el("p", { text: state.scope ? EMPTY_SCOPED : EMPTY_GENERAL }),
        state.scope || cfg2.huvudman ? null : el("p", { class: "muted", text: CHOOSE_FOR_INDICATORS }),
        el("h3", { id: "ds-starters", class: "sub", text: STARTERS_HEADING }),
        el(
          "ul",
          { class: "starters", "aria-labelledby": "ds-starters" },
          starters.map(
            (q) => el(
              "li",
              {},
              el("button", { type: "button", class: "starter", onclick: () => askFromButton(q) }, q)
            )
          )
        )
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
      count.textContent = length > max() - COUNT_FROM ? charCount(length, max()) : "";
      count.classList.toggle("over", length > max());
      input.style.height = "";
      if (input.scrollHeight)
        input.style.height = `${Math.min(input.scrollHeight + 4, INPUT_MAX_PX)}px`;
    }
    function restoreInput(question) {
      const current = input.value;
      input.value = current.trim() ? `${question}
${current}` : question;
      state.draft = input.value;
      updateCount();
    }
    async function send(raw, fromButton) {
      if (pending) {
        announce(WAIT_FOR_ANSWER);
        return;
      }
      const question = raw.trim();
      if (!question) {
        showError(EMPTY_QUESTION);
        input.focus();
        return;
      }
      if (question.length > max()) {
        showError(tooLong(question.length, max()));
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
        onText: (piece, provisional) => view.append(piece, provisional)
      };
      const body = (conversationId) => ({
        message: question,
        huvudman_id: state.scope ? state.scope.id : null,
        conversation_id: conversationId
      });
      try {
        let result;
        try {
          result = await streamAnswer(api, body(state.conversationId), handlers, controller.signal);
        } catch (err) {
          const stale = err instanceof ApiError && /^(unknown_conversation|scope_conflict)$/.test(err.code);
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
          citations: result.citations
        });
        state.messages.push({ role: "user", text: question }, msg);
        view.node.replaceWith(messages.botMessage(msg));
        scrollDown();
        announce(answerSpoken(msg.supported, msg.answer.replace(/\s*\[\d+\]/g, "")));
      } catch (err) {
        userView.remove();
        view.node.remove();
        if (!state.messages.length) render();
        if (!fromButton) restoreInput(question);
        if (!(err && err.name === "AbortError")) {
          showError(`${describe(err)}${fromButton ? "" : QUESTION_KEPT}`);
        }
      } finally {
        pending = null;
        state.pending = null;
        form.removeAttribute("aria-busy");
        controller.abort();
        save();
      }
    }
    function reset() {
      if (pending) pending.controller.abort();
      citations.close(false);
      state.messages = [];
      state.conversationId = null;
      clearError();
      render();
      save();
    }
    function scopeChosen2(changed) {
      if (changed && (state.messages.length || state.conversationId || pending)) {
        reset();
        announce(scopeChangedNewConversation(state.scope));
      } else {
        if (!state.messages.length) render();
        announce(scopeChosen(state.scope));
      }
      save();
      input.focus();
    }
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      send(input.value, false);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    input.addEventListener("input", () => {
      state.draft = input.value;
      updateCount();
      if (input.value.length <= max() && notices.showing(QUESTION_PROBLEM)) clearError();
      save();
    });
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
      scopeChosen: scopeChosen2
    };
  }

  // src/citations.js
  function createCitations({ root, api, state, announce, onToggle }) {
    const closeButton = el(
      "button",
      { type: "button", class: "btn small" },
      CLOSE,
      el("span", { class: "sr-only", text: CLOSE_SOURCE_SUFFIX })
    );
    const view = sheet(root, "cite", "ds-cite-h", closeButton);
    let trigger = null;
    function button(c) {
      const node = el(
        "button",
        { type: "button", class: "cite-ref", "aria-haspopup": "dialog" },
        el("span", { class: "sr-only", text: SOURCE_PREFIX }),
        el("span", { "aria-hidden": "true", text: "[" }),
        String(c.n),
        el("span", { "aria-hidden": "true", text: "]" })
      );
      node.addEventListener("click", () => open(c, node));
      return node;
    }
    const citedText = (text, byNumber) => text.split(/\[(\d+)\]/).map((part, i) => {
      const c = i % 2 ? byNumber.get(Number(part)) : null;
      return i % 2 ? c ? button(c) : `[${part}]` : part;
    });
    function open(c, opener) {
      trigger = opener;
      view.heading.textContent = sourceHeading(c.n);
      const context = el("div", { id: "ds-context", class: "ctx", hidden: true });
      const toggle = el(
        "button",
        { type: "button", class: "btn", "aria-controls": "ds-context" },
        SHOW_CONTEXT
      );
      toggle.addEventListener("click", () => showContext(c, toggle, context));
      view.body.replaceChildren(
        el("p", { class: "cite-title", text: c.title || c.source }),
        el(
          "dl",
          { class: "meta" },
          el("dt", { text: PLACE }),
          el("dd", { text: c.locator || "–" }),
          el("dt", { text: FILE }),
          el("dd", { text: c.source || "–" })
        ),
        el("h4", { class: "sub", text: EXCERPT }),
        el("blockquote", { class: "snippet", text: c.snippet }),
        toggle,
        context
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
    async function fetchContext(c) {
      const path = (query) => `/api/sources/${encodeURIComponent(c.chunk_id)}${query}`;
      const scoped = state.scope ? `?huvudman_id=${encodeURIComponent(state.scope.id)}` : "";
      if (!state.conversationId) return api.getJson(path(scoped));
      try {
        return await api.getJson(
          path(`?conversation_id=${encodeURIComponent(state.conversationId)}`)
        );
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 404 && err.code === "unknown_conversation"))
          throw err;
        return api.getJson(path(scoped));
      }
    }
    async function showContext(c, toggle, context) {
      if (!context.hidden) {
        context.hidden = true;
        toggle.textContent = SHOW_CONTEXT;
        return;
      }
      context.hidden = false;
      toggle.textContent = HIDE_CONTEXT;
      if (context.dataset.loaded) return;
      context.setAttribute("aria-busy", "true");
      context.replaceChildren(el("p", { class: "muted", text: LOADING_CONTEXT }));
      const around = (label, text) => text ? el("p", { class: "around" }, el("span", { class: "sr-only", text: label }), str(text)) : null;
      try {
        const body = await fetchContext(c);
        context.replaceChildren(
          ...[
            el("h4", { class: "sub", text: CONTEXT }),
            around(BEFORE, body.before),
            el(
              "p",
              {},
              el("mark", {}, el("span", { class: "sr-only", text: QUOTED }), str(body.text))
            ),
            around(AFTER, body.after)
          ].filter(Boolean)
        );
        context.dataset.loaded = "1";
        announce(CONTEXT_SHOWN);
      } catch (err) {
        context.replaceChildren(el("p", { class: "muted", text: contextFailed(describe(err)) }));
      } finally {
        context.removeAttribute("aria-busy");
      }
    }
    closeButton.addEventListener("click", () => close(true));
    return { sheet: view.node, button, citedText, open, close, isOpen: () => !view.node.hidden };
  }

  // src/notices.js
  function createNotices() {
    const live = el("div", {
      class: "sr-only",
      role: "status",
      "aria-live": "polite",
      "aria-atomic": "true"
    });
    const alertText = el("span");
    const alertBox = el(
      "div",
      { class: "alert", role: "alert", hidden: true },
      el("span", { class: "alert-icon", "aria-hidden": "true", text: "!" }),
      alertText
    );
    let announceTimer = 0;
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
    const showing = (pattern) => !alertBox.hidden && pattern.test(alertText.textContent);
    return { live, alertBox, announce, showError, clearError, showing };
  }

  // src/scope-picker.js
  var PICKS = 20;
  var SEARCH_PAUSE_MS = 150;
  var fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  function rank(h, { lowered, query }) {
    const name = fold(h.name);
    const code = fold(h.id);
    const tokens = query.split(" ");
    if (!tokens.every((t) => name.includes(t) || code.includes(t))) return null;
    const words = name.split(/[^\p{L}\p{N}_]+/u);
    const tier = query === name || query === code ? 0 : name.startsWith(query) || code.startsWith(query) ? 1 : tokens.every((t) => code.startsWith(t) || words.some((w) => w.startsWith(t))) ? 2 : 3;
    const exact = h.name.toLowerCase().includes(lowered) || h.id.toLowerCase().includes(lowered);
    return 2 * tier + (exact ? 0 : 1);
  }
  function createScopePicker({ root, cfg: cfg2, api, state, save, action, onChoose }) {
    const value = el("strong", { class: "scope-value" });
    const button = cfg2.huvudman ? null : el("button", {
      type: "button",
      class: "link",
      "aria-expanded": "false",
      "aria-controls": "ds-picker"
    });
    const bar = el(
      "p",
      { class: "scope" },
      el("span", { class: "scope-label", text: SCOPE_LABEL }),
      value,
      button,
      action
    );
    const search = el("input", {
      id: "ds-search",
      class: "field",
      type: "search",
      autocomplete: "off",
      spellcheck: "false",
      "aria-describedby": "ds-picker-hint",
      "aria-controls": "ds-plist"
    });
    const count = el("p", { class: "sr-only", "aria-live": "polite", "aria-atomic": "true" });
    const list = el("ul", { id: "ds-plist", class: "plist", "aria-label": PICK_LIST_LABEL });
    const picker = el(
      "div",
      { id: "ds-picker", class: "picker", hidden: true },
      el("label", { for: "ds-search", text: SEARCH_LABEL }),
      search,
      el("p", { id: "ds-picker-hint", class: "hint", text: pickerHint(PICKS) }),
      count,
      list
    );
    let nameLoad = null;
    let timer = 0;
    let abort = null;
    let run = Promise.resolve();
    let all = null;
    function render() {
      value.textContent = scopeLabel(state.scope);
      action.hidden = !state.scope;
      if (button) {
        button.textContent = "";
        if (state.scope)
          button.append(CHANGE, el("span", { class: "sr-only", text: CHANGE_SUFFIX }));
        else button.append(CHOOSE_HUVUDMAN);
      }
    }
    function loadName() {
      if (nameLoad || !state.scope || state.scope.name) return;
      const id = state.scope.id;
      nameLoad = api.getJson(`/api/huvudman/${encodeURIComponent(id)}`).then((body) => {
        if (body && state.scope && state.scope.id === id && !state.scope.name) {
          state.scope.name = str(body.name);
          render();
          save();
        }
      }).catch(() => {
      }).finally(() => {
        nameLoad = null;
      });
    }
    const typed = () => {
      const lowered = search.value.toLowerCase().split(/\s+/).filter(Boolean).join(" ");
      return { lowered, query: fold(lowered) };
    };
    function runSearch() {
      clearTimeout(timer);
      timer = 0;
      if (abort) abort.abort();
      abort = null;
      const q = search.value.trim();
      const now = typed();
      if (all && now.query.includes(all.query)) {
        const found = all.items.map((h, i) => [rank(h, now), i, h]).filter(([r]) => r !== null).sort(([a, i], [b, j]) => a - b || i - j).map(([, , h]) => h);
        list.removeAttribute("aria-busy");
        renderList(q, found, found.length);
        return run = Promise.resolve();
      }
      const controller = new AbortController();
      abort = controller;
      list.setAttribute("aria-busy", "true");
      const query = q ? `&q=${encodeURIComponent(q)}` : "";
      run = api.getJson(`/api/huvudman?limit=${PICKS}${query}`, controller.signal).then((body) => {
        const items = (body && Array.isArray(body.items) ? body.items : []).map((h) => ({
          id: str(h.id),
          name: str(h.name)
        }));
        const total = body && typeof body.total === "number" ? body.total : items.length;
        if (abort !== controller) return;
        if (total <= items.length) all = { query: now.query, items };
        renderList(q, items.slice(0, PICKS), total);
      }).catch((err) => {
        if (abort === controller) renderError(err);
      }).finally(() => {
        if (abort === controller) abort = null;
        if (!abort) list.removeAttribute("aria-busy");
      });
      return run;
    }
    function renderList(q, items, total) {
      const query = fold(q);
      const none = { id: null, name: NO_HUVUDMAN };
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
                onclick: () => choose(h)
              },
              el(
                "span",
                {},
                current ? el("span", { "aria-hidden": "true", text: "✓ " }) : null,
                h.name
              ),
              h.id ? el("span", { class: "code", text: h.id }) : null
            )
          );
        })
      );
      const more = total - items.length;
      if (!options.length) list.append(el("li", { class: "hint", text: NO_MATCH }));
      else if (more > 0) list.append(el("li", { class: "hint", text: moreMatches(more, q) }));
      count.textContent = q ? more > 0 ? firstHitsShown(total, items.length) : hits(total) : "";
    }
    function renderError(err) {
      count.textContent = "";
      list.replaceChildren(
        el(
          "li",
          { class: "hint" },
          pickError(describe(err)),
          el("button", { type: "button", class: "link", onclick: open }, TRY_AGAIN)
        )
      );
    }
    function open() {
      picker.hidden = false;
      button.setAttribute("aria-expanded", "true");
      search.value = "";
      all = null;
      count.textContent = "";
      list.replaceChildren(el("li", { class: "hint", text: LOADING_HUVUDMAN }));
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
    if (button) button.addEventListener("click", () => picker.hidden ? open() : close(true));
    search.addEventListener("input", () => {
      clearTimeout(timer);
      if (all && typed().query.includes(all.query)) runSearch();
      else timer = setTimeout(runSearch, SEARCH_PAUSE_MS);
    });
    search.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowDown" && (e.key !== "Enter" || e.isComposing)) return;
      e.preventDefault();
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
      hasFocus: () => !picker.hidden && picker.contains(root.activeElement)
    };
  }

  // src/session.js
  var KEPT_MESSAGES = 60;
  function load(key) {
    try {
      const saved = JSON.parse(sessionStorage.getItem(key) || "null");
      if (saved && saved.v === 1 && Array.isArray(saved.messages)) return saved;
    } catch (_) {
    }
    return null;
  }
  function createSession(cfg2, inline) {
    const key = `dialogstod:v1:${cfg2.api || location.origin}:${cfg2.huvudman || ""}`;
    const state = {
      open: inline || cfg2.open,
      conversationId: null,
      scope: cfg2.huvudman ? { id: cfg2.huvudman, name: "" } : null,
      messages: [],
      draft: "",
      pending: null
      // the question on its way, kept in the box if the page goes away meanwhile
    };
    const saved = load(key);
    if (saved) {
      state.open = inline || (typeof saved.open === "boolean" ? saved.open : state.open);
      state.conversationId = typeof saved.conversationId === "string" ? saved.conversationId : null;
      const scope = saved.scope;
      if (scope && typeof scope.id === "string" && (!cfg2.huvudman || scope.id === cfg2.huvudman)) {
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
            pending: state.pending
          })
        );
      } catch (_) {
      }
    };
    return { state, save };
  }

  // src/styles.js
  var CSS = `
:host{all:initial;display:block;
--_accent:var(--ds-accent,#00577a);--_on:var(--ds-accent-text,#fff);--_bg:var(--ds-bg,#fff);
--_surface:var(--ds-surface,#f1f5f7);--_text:var(--ds-text,#1b1b1b);--_muted:var(--ds-muted,#4a5560);
--_border:var(--ds-border,#6b7780);--_focus:var(--ds-focus,#0b0c0c);--_wbg:var(--ds-warn-bg,#fff4e0);
--_wtext:var(--ds-warn-text,#5c3200);--_wborder:var(--ds-warn-border,#a15c00);
--_radius:var(--ds-radius,.5em);--_font:var(--ds-font,system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif);
--_z:var(--ds-z-index,2147483000);--_line:#c9d2d8}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
button,input,textarea{font:inherit;color:inherit}
button{cursor:pointer}
:focus-visible{outline:3px solid var(--_focus);outline-offset:2px;box-shadow:0 0 0 2px #fff}
.sr-only{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.launcher{position:fixed;right:1em;bottom:1em;z-index:var(--_z);display:inline-flex;align-items:center;gap:.5em;
padding:.7em 1.1em;border:2px solid var(--_accent);border-radius:2em;background:var(--_accent);color:var(--_on);
font:600 1em/1.2 var(--_font);box-shadow:0 .2em .8em rgba(0,0,0,.3)}
.launcher:hover{text-decoration:underline}
.launcher svg{width:1.4em;height:1.4em;flex:none}
.panel{position:fixed;right:1em;bottom:4.9em;z-index:var(--_z);display:flex;flex-direction:column;
width:min(var(--ds-panel-width,26em),calc(100vw - 2em));height:min(var(--ds-panel-height,40em),calc(100vh - 6em));
background:var(--_bg);color:var(--_text);font:1em/1.5 var(--_font);border:1px solid var(--_border);
border-radius:var(--_radius);box-shadow:0 .4em 2em rgba(0,0,0,.3);overflow:hidden;animation:ds-in .18s ease-out}
.panel.inline{position:relative;right:auto;bottom:auto;z-index:auto;width:100%;height:var(--ds-inline-height,36em);box-shadow:none;animation:none}
@media (max-width:30em),(max-height:32em){.panel:not(.inline){inset:0;width:100%;height:100%;border:0;border-radius:0}
.panel:not([hidden]):not(.inline)~.launcher{display:none}}
@keyframes ds-in{from{opacity:0;transform:translateY(.6em)}to{opacity:1;transform:none}}
.head{display:flex;flex-wrap:wrap;align-items:center;gap:.4em .5em;padding:.55em .75em;border-bottom:3px solid var(--_accent)}
.title{flex:1 1 auto;margin:0;font-size:1.125em;line-height:1.3;color:var(--_accent)}
.head-actions{display:flex;gap:.4em;flex-wrap:wrap}
.btn{display:inline-flex;align-items:center;gap:.3em;min-height:2.25em;padding:.3em .7em;border:2px solid var(--_accent);
border-radius:.35em;background:var(--_bg);color:var(--_accent);font-weight:600;line-height:1.2}
.btn:hover{background:var(--_surface);text-decoration:underline}
.btn.primary{background:var(--_accent);color:var(--_on)}
.btn.primary:hover{background:var(--_accent)}
.btn.small{min-height:2em;padding:.15em .55em;font-size:.875em}
.scope{display:flex;flex-wrap:wrap;align-items:baseline;gap:.15em .4em;margin:0;padding:.45em .75em;background:var(--_surface);border-bottom:1px solid var(--_line);font-size:.9375em}
.scope-label{color:var(--_muted)}
.link{padding:.2em .1em;border:0;background:none;color:var(--_accent);text-decoration:underline;font-weight:600}
.picker{max-height:50%;overflow:auto;padding:.5em .75em .6em;border-bottom:1px solid var(--_line)}
.picker label{display:block;font-weight:600;font-size:.9375em}
.field{width:100%;padding:.45em .55em;border:2px solid var(--_border);border-radius:.35em;background:var(--_bg);color:var(--_text)}
.field::placeholder{color:#5c6670;opacity:1}
.plist{list-style:none;margin:.4em 0 0;padding:0}
.pick{display:flex;justify-content:space-between;gap:.5em;width:100%;padding:.45em .4em;border:0;border-bottom:1px solid var(--_line);background:none;text-align:left}
.pick:hover{background:var(--_surface);text-decoration:underline}
.pick[aria-current="true"]{font-weight:700}
.pick .code{color:var(--_muted);white-space:nowrap}
.hint,.muted{color:var(--_muted)}
.hint{margin:.3em 0 0;font-size:.8125em}
.log{position:relative;flex:1 1 auto;min-height:5em;overflow-y:auto;display:flex;flex-direction:column;gap:.75em;padding:.75em}
.log:focus-visible{outline-offset:-3px;box-shadow:none}
.empty p{margin:0 0 .5em}
.sub{margin:.6em 0 .3em;font-size:.9375em}
.starters{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.4em}
.starter{width:100%;padding:.5em .7em;text-align:left;border:1px solid var(--_accent);border-radius:var(--_radius);background:var(--_bg);color:var(--_accent)}
.starter:hover{background:var(--_surface);text-decoration:underline}
.msg{overflow-wrap:anywhere;border-radius:var(--_radius)}
.msg p{margin:0}
.user{align-self:flex-end;max-width:88%;padding:.5em .75em;background:var(--_accent);color:var(--_on);white-space:pre-wrap;border-bottom-right-radius:.15em}
.bot{padding:.6em .75em;background:var(--_surface);border:1px solid var(--_line);border-left:4px solid var(--_accent);border-top-left-radius:.15em}
.bot.unsupported{background:var(--_wbg);border:2px dashed var(--_wborder);border-left:6px solid var(--_wborder)}
.badge{display:flex;align-items:center;gap:.4em;margin:0 0 .35em!important;font-weight:700;color:var(--_wtext)}
.badge-icon{display:inline-grid;place-items:center;width:1.35em;height:1.35em;border-radius:50%;background:var(--_wtext);color:#fff;font-size:.85em;line-height:1}
.answer-text{white-space:pre-wrap}
.typing{color:var(--_muted);font-style:italic}
.provisional .answer-text{color:var(--_muted)}
.provisional-note{margin:0 0 .25em;color:var(--_muted);font-style:italic;font-size:.875em}
.dots::after{content:"";display:inline-block;width:.5em;height:.5em;margin-right:.4em;border-radius:50%;background:var(--_accent);animation:ds-pulse 1s ease-in-out infinite alternate}
@keyframes ds-pulse{from{opacity:.25}to{opacity:1}}
.cite-ref{display:inline-block;min-width:1.8em;margin:0 .1em;padding:0 .25em;border:1px solid var(--_accent);border-radius:.3em;background:var(--_bg);color:var(--_accent);font-size:.875em;font-weight:700;line-height:1.45;vertical-align:baseline}
.cite-ref:hover{background:var(--_accent);color:var(--_on)}
.sources{margin-top:.55em;padding-top:.4em;border-top:1px solid var(--_line)}
.sources h3{margin:0 0 .15em;font-size:.8125em;text-transform:uppercase;letter-spacing:.04em;color:var(--_muted)}
.slist{list-style:none;margin:0;padding:0}
.source{display:flex;gap:.4em;width:100%;padding:.25em .1em;border:0;background:none;text-align:left;font-size:.875em;color:var(--_accent)}
.source:hover .stitle{text-decoration:underline}
.source .n{font-weight:700;flex:none}
.stitle{text-decoration:underline}
.loc{display:block;color:var(--_muted)}
.actions{display:flex;gap:.4em;margin-top:.5em}
.alert{display:flex;gap:.5em;align-items:flex-start;margin:0 .75em .5em;padding:.5em .7em;border:2px solid #b3261e;border-left-width:6px;border-radius:.35em;background:#fdecea;color:#5f1410;font-size:.9375em}
.alert-icon{flex:none;display:inline-grid;place-items:center;width:1.35em;height:1.35em;border-radius:50%;background:#b3261e;color:#fff;font-weight:700;font-size:.85em;line-height:1;margin-top:.15em}
.composer{padding:.5em .75em .6em;border-top:1px solid var(--_line);background:var(--_bg)}
.row{display:flex;gap:.5em;align-items:flex-end}
textarea.field{flex:1;min-width:0;min-height:2.6em;max-height:9em;resize:none;line-height:1.4}
.count.over{color:#b3261e;font-weight:700}
.cite,.brief{position:absolute;inset:0;z-index:2;display:flex;flex-direction:column;background:var(--_bg);color:var(--_text);animation:ds-in .15s ease-out}
.sheet-head{display:flex;align-items:center;justify-content:space-between;gap:.5em;padding:.55em .75em;border-bottom:3px solid var(--_accent)}
.sheet-head h3{margin:0;font-size:1.0625em;color:var(--_accent)}
.sheet-head h3:focus{outline:none}
.sheet-head h3:focus-visible{outline:3px solid var(--_focus)}
.sheet-body{position:relative;flex:1;overflow:auto;padding:.75em}
.sheet-body:focus-visible{outline-offset:-3px;box-shadow:none}
.cite-title{font-weight:700;margin:0 0 .3em}
.meta{display:grid;grid-template-columns:auto 1fr;gap:.1em .75em;margin:0 0 .6em;font-size:.875em}
.meta dt{color:var(--_muted);font-weight:600}
.meta dd{margin:0;overflow-wrap:anywhere}
.snippet{margin:0 0 .75em;padding:.5em .75em;border-left:4px solid var(--_accent);background:var(--_surface);white-space:pre-wrap;overflow-wrap:anywhere}
.ctx{margin-top:.6em}
.ctx p{margin:0 0 .6em;white-space:pre-wrap;overflow-wrap:anywhere}
.around{color:var(--_muted)}
.scope .btn{margin-left:auto}
.brief p{margin:0 0 .5em}
.brief .sheet-body>p{font-size:.875em}
.brief a{color:var(--_accent);font-weight:600}
.brief h4{margin:1.1em 0 .3em;font-size:1em;color:var(--_accent)}
.brief h5{margin:0 0 .3em;font-size:1em}
.brief h6{margin:.5em 0 .2em;font-size:.875em}
.cards{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.6em}
.card{padding:.6em .75em;background:var(--_surface);border:1px solid var(--_line);border-left:4px solid var(--_accent);border-radius:var(--_radius)}
.card.flagged{border-left:6px double var(--_wborder)}
.card ul,.brief ol{margin:0 0 .5em;padding-left:1.2em}
.card li{margin-bottom:.4em}
mark{background:#fff1a8;color:var(--_text);padding:0 .1em}
@media (prefers-reduced-motion:reduce){*,*::before,*::after{animation:none!important;transition:none!important;scroll-behavior:auto!important}}
@media (forced-colors:active){.cite-ref,.btn,.launcher,.starter{border:2px solid ButtonText}.bot.unsupported{border-style:dashed}}
`;

  // src/panel.js
  function mountWidget(cfg2) {
    const target = cfg2.inline ? document.querySelector(cfg2.inline) : null;
    if (cfg2.inline && !target) console.warn(noInlineTarget(cfg2.inline));
    const inline = Boolean(target);
    const host = el("div", { "data-dialogstod": "", class: "dialogstod-widget" });
    (target || document.body).append(host);
    const root = host.attachShadow({ mode: "open" });
    const { state, save } = createSession(cfg2, inline);
    const api = createApi({ base: cfg2.api, apiKey: cfg2.apiKey, fixedScope: Boolean(cfg2.huvudman) });
    const notices = createNotices();
    const { announce } = notices;
    const citations = createCitations({ root, api, state, announce, onToggle: setInert });
    const messages = createMessages({ root, citations, announce });
    const brief = createBriefView({
      root,
      api,
      state,
      notices,
      citations,
      onToggle: setInert,
      ask: (question) => chat.askFromButton(question)
    });
    const scope = createScopePicker({
      root,
      cfg: cfg2,
      api,
      state,
      save,
      action: brief.trigger,
      onChoose: (changed) => chat.scopeChosen(changed)
    });
    const chat = createChatView({
      cfg: cfg2,
      api,
      state,
      save,
      notices,
      citations,
      messages,
      closePicker: () => scope.close(false)
    });
    const launcher = inline ? null : el(
      "button",
      {
        type: "button",
        class: "launcher",
        "aria-expanded": "false",
        "aria-controls": "ds-panel"
      },
      chatIcon(),
      el("span", { text: launcherLabel(cfg2.title) })
    );
    const newButton = el("button", { type: "button", class: "btn small" }, NEW_CONVERSATION);
    const closeButton = inline ? null : el(
      "button",
      { type: "button", class: "btn small" },
      CLOSE,
      el("span", { class: "sr-only", text: CLOSE_CHAT_SUFFIX })
    );
    const head = el(
      "div",
      { class: "head" },
      el("h2", { id: "ds-title", class: "title", text: cfg2.title }),
      el("div", { class: "head-actions" }, newButton, closeButton)
    );
    const panel = el(
      "section",
      {
        id: "ds-panel",
        class: inline ? "panel inline" : "panel",
        lang: "sv",
        role: inline ? "region" : "dialog",
        "aria-labelledby": "ds-title",
        hidden: !state.open
      },
      head,
      scope.bar,
      scope.picker,
      chat.log,
      notices.alertBox,
      chat.form,
      brief.sheet,
      citations.sheet
    );
    root.append(el("style", { text: CSS }), notices.live, panel);
    if (launcher) root.append(launcher);
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
      launcher.addEventListener("click", () => state.open ? close(false) : open(true));
    if (closeButton) closeButton.addEventListener("click", () => close(true));
    newButton.addEventListener("click", () => {
      chat.reset();
      announce(CONVERSATION_RESET);
      chat.input.focus();
    });
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
    scope.render();
    chat.render();
    chat.restoreDraft();
    if (state.open && !inline) {
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
    }
    if (state.open) scope.loadName();
    save();
    api.loadLimits().then(chat.updateCount);
  }

  // src/main.js
  var flag = (v) => v !== void 0 && v !== "false" && v !== "0";
  function readConfig(data) {
    return {
      api: (data.api || "").trim().replace(/\/+$/, ""),
      huvudman: (data.huvudman || "").trim() || null,
      apiKey: data.apiKey || "",
      title: (data.title || "").trim() || DEFAULT_TITLE,
      open: flag(data.open),
      inline: (data.inline || "").trim() || null
    };
  }
  var script = document.currentScript || document.querySelector("script[src*='widget.js'][data-api]");
  var cfg = readConfig(script && script.dataset || {});
  if (document.body) mountWidget(cfg);
  else document.addEventListener("DOMContentLoaded", () => mountWidget(cfg));
})();
