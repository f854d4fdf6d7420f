/*!
 * Dialogstöd chat widget: one <script> tag, no framework, no build step.
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
 * Safety: everything that comes from the server is inserted as text (textContent /
 * createTextNode via Node.append), never as HTML.
 */
(() => {
  "use strict";

  const script =
    document.currentScript || document.querySelector("script[src*='widget.js'][data-api]");
  const data = (script && script.dataset) || {};
  const flag = (v) => v !== undefined && v !== "false" && v !== "0";
  const cfg = {
    api: (data.api || "").trim().replace(/\/+$/, ""),
    huvudman: (data.huvudman || "").trim() || null,
    apiKey: data.apiKey || "",
    title: (data.title || "").trim() || "Dialogstöd",
    open: flag(data.open),
    inline: (data.inline || "").trim() || null,
  };
  const MAX = 2000;
  const PICKS = 20; // huvudmän shown in the picker at a time; the server searches the rest
  const KEY = `dialogstod:v1:${cfg.api || location.origin}:${cfg.huvudman || ""}`;
  const OFFLINE = "Kunde inte nå servern. Kontrollera anslutningen och försök igen.";
  const STARTERS_SCOPED = [
    "Vilket meritvärde hade eleverna i årskurs 9 2024?",
    "Hur har andelen behöriga lärare utvecklats?",
    "Vilka tre delar består en kvalitetsdialog av?",
  ];
  const STARTERS_GENERAL = [
    "Vilka tre delar består en kvalitetsdialog av?",
    "Vad innebär systematiskt kvalitetsarbete?",
    "Vad är syftet med regeringsuppdraget?",
  ];

  const CSS = `
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

  // --- small helpers ------------------------------------------------------------------------

  /** An element; attributes via setAttribute, children appended as nodes or as text. */
  function el(tag, attrs, ...kids) {
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

  function icon() {
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

  const url = (path) => cfg.api + path;
  const headers = (extra) =>
    Object.assign(cfg.apiKey ? { "X-API-Key": cfg.apiKey } : {}, extra || {});
  const fold = (s) =>
    s
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
  const num = (n) => n.toLocaleString("sv-SE");
  const str = (v) => (typeof v === "string" ? v : v === null || v === undefined ? "" : String(v));

  class ApiError extends Error {
    constructor(message, status, code) {
      super(message);
      this.status = status || 0;
      this.code = code || "";
    }
  }

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
    return Number.isNaN(at) ? null : Math.max(1, Math.ceil((at - Date.now()) / 1000));
  }

  const tooLong = (length) =>
    `Frågan är för lång: ${num(length)} tecken. Den får vara högst ${num(MAX)} tecken – korta den och försök igen.`;

  /** A Swedish message for a failed HTTP response. */
  function httpError(res, body) {
    const status = res.status;
    const error = (body && body.error) || {};
    const server = typeof error.message === "string" ? error.message : "";
    let message;
    if (status === 429) {
      const s = retrySeconds(res.headers.get("Retry-After"));
      message = s
        ? `Du har ställt många frågor på kort tid. Vänta ${s} ${s === 1 ? "sekund" : "sekunder"} och försök igen.`
        : "Du har ställt många frågor på kort tid. Vänta en stund och försök igen.";
    } else if (status === 422 && error.code !== "message_too_long" && /för lång/.test(server)) {
      message = `Frågan är för lång. Den får vara högst ${num(MAX)} tecken – korta den och försök igen.`;
    } else if (error.code === "unknown_huvudman") {
      const next = cfg.huvudman ? "Kontakta den som ansvarar för sidan." : "Välj en annan huvudman.";
      message = `Huvudmannen finns inte i underlaget. ${next}`;
    } else if (status === 401 || status === 403) {
      message = "Tjänsten godtog inte sidans API-nyckel. Kontakta den som ansvarar för sidan.";
    } else if (status >= 500) {
      message = server || "Något gick fel på servern. Försök igen om en stund.";
    } else {
      message = server || `Något gick fel (felkod ${status}). Försök igen.`;
    }
    return new ApiError(message, status, error.code);
  }

  const describe = (err) =>
    err instanceof ApiError
      ? err.message
      : err && err.name === "AbortError"
        ? "Avbrutet."
        : OFFLINE;

  /** Reads a text/event-stream body and calls on(event, data) for each event. */
  async function readSSE(res, on) {
    const reader = res.body.getReader();
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
    for (;;) {
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

  /** POST /api/chat/stream; falls back to POST /api/chat on a server without streaming. */
  async function ask(body, on, signal) {
    const init = (accept) => ({
      method: "POST",
      headers: headers({ "Content-Type": "application/json", Accept: accept }),
      body: JSON.stringify(body),
      signal,
    });
    let res = await fetch(url("/api/chat/stream"), init("text/event-stream"));
    if (res.status === 404 || res.status === 405) {
      const problem = await readJson(res);
      const code = problem && problem.error && problem.error.code;
      if (code !== "not_found" && code !== "method_not_allowed") throw httpError(res, problem);
      res = await fetch(url("/api/chat"), init("application/json"));
    }
    if (!res.ok) throw httpError(res, await readJson(res));
    if (!(res.headers.get("content-type") || "").includes("text/event-stream")) {
      on("done", await res.json());
      return;
    }
    await readSSE(res, on);
  }

  // --- state ----------------------------------------------------------------------------------

  function load() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
      if (saved && saved.v === 1 && Array.isArray(saved.messages)) return saved;
    } catch (_) {
      /* storage unavailable or corrupt: start afresh */
    }
    return null;
  }

  function cleanCitation(c) {
    return {
      n: Number(c && c.n),
      source: str(c && c.source),
      title: str(c && c.title),
      locator: str(c && c.locator),
      snippet: str(c && c.snippet),
      chunk_id: str(c && c.chunk_id),
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
        citations: Array.isArray(m.citations) ? m.citations.map(cleanCitation) : [],
      };
    }
    return null;
  }

  // --- the widget -----------------------------------------------------------------------------

  function mount() {
    const target = cfg.inline ? document.querySelector(cfg.inline) : null;
    if (cfg.inline && !target)
      console.warn(`Dialogstöd: hittar inget element för data-inline="${cfg.inline}".`);
    const inline = Boolean(target);
    const host = el("div", { "data-dialogstod": "", class: "dialogstod-widget" });
    (target || document.body).append(host);
    const root = host.attachShadow({ mode: "open" });

    const saved = load();
    const state = {
      open: inline || cfg.open,
      conversationId: null,
      scope: cfg.huvudman ? { id: cfg.huvudman, name: "" } : null,
      messages: [],
      draft: "",
      pending: null,
    };
    if (saved) {
      state.open = inline || (typeof saved.open === "boolean" ? saved.open : state.open);
      state.conversationId = typeof saved.conversationId === "string" ? saved.conversationId : null;
      const scope = saved.scope;
      if (scope && typeof scope.id === "string" && (!cfg.huvudman || scope.id === cfg.huvudman)) {
        state.scope = { id: scope.id, name: str(scope.name) };
      }
      state.messages = saved.messages.map(cleanMessage).filter(Boolean).slice(-60);
      state.draft = str(saved.draft) || str(saved.pending);
    }
    let pending = null; // { controller } while a question is on its way
    let nameLoad = null; // promise of the scope's name, while it is being fetched
    let pickTimer = 0; // debounce of the picker's search
    let pickAbort = null; // AbortController of the search on its way
    let pickRun = Promise.resolve(); // the latest search
    let pickAll = null; // { query, items } of a server answer that held every match
    let citeTrigger = null;
    let briefLoad = null; // AbortController while the brief is being fetched

    const save = () => {
      try {
        sessionStorage.setItem(
          KEY,
          JSON.stringify({
            v: 1,
            open: state.open,
            conversationId: state.conversationId,
            scope: state.scope,
            messages: state.messages.slice(-60),
            draft: state.draft,
            pending: state.pending,
          }),
        );
      } catch (_) {
        /* private mode or full storage: the conversation just won't survive a reload */
      }
    };

    // --- structure ---
    const live = el("div", {
      class: "sr-only",
      role: "status",
      "aria-live": "polite",
      "aria-atomic": "true",
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
          icon(),
          el("span", { text: `Fråga ${cfg.title}` }),
        );
    const newButton = el("button", { type: "button", class: "btn small" }, "Nytt samtal");
    const closeButton = inline
      ? null
      : el(
          "button",
          { type: "button", class: "btn small" },
          "Stäng",
          el("span", { class: "sr-only", text: " chatten" }),
        );
    const head = el(
      "div",
      { class: "head" },
      el("h2", { id: "ds-title", class: "title", text: cfg.title }),
      el("div", { class: "head-actions" }, newButton, closeButton),
    );
    const scopeValue = el("strong", { class: "scope-value" });
    const scopeButton = cfg.huvudman
      ? null
      : el("button", {
          type: "button",
          class: "link",
          "aria-expanded": "false",
          "aria-controls": "ds-picker",
        });
    const briefButton = el(
      "button",
      { type: "button", class: "btn small", "aria-haspopup": "dialog", hidden: true },
      "Förbered dialog",
    );
    const scopeBar = el(
      "p",
      { class: "scope" },
      el("span", { class: "scope-label", text: "Avgränsning:" }),
      scopeValue,
      scopeButton,
      briefButton,
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
    const pickCount = el("p", { class: "sr-only", "aria-live": "polite", "aria-atomic": "true" });
    const pickList = el("ul", { id: "ds-plist", class: "plist", "aria-label": "Huvudmän" });
    const picker = el(
      "div",
      { id: "ds-picker", class: "picker", hidden: true },
      el("label", { for: "ds-search", text: "Sök huvudman (namn eller kod)" }),
      search,
      el("p", {
        id: "ds-picker-hint",
        class: "hint",
        text: `Högst ${PICKS} visas åt gången. Byter du huvudman börjar ett nytt samtal.`,
      }),
      pickCount,
      pickList,
    );
    const log = el("div", { class: "log", role: "region", "aria-label": "Samtal", tabindex: "0" });
    const alertText = el("span");
    const alertBox = el(
      "div",
      { class: "alert", role: "alert", hidden: true },
      el("span", { class: "alert-icon", "aria-hidden": "true", text: "!" }),
      alertText,
    );
    const input = el("textarea", {
      id: "ds-input",
      class: "field",
      rows: "1",
      placeholder: "Skriv din fråga …",
      "aria-describedby": "ds-hint",
    });
    const count = el("span", { class: "count" });
    const sendButton = el("button", { type: "submit", class: "btn primary" }, "Skicka");
    const form = el(
      "form",
      { class: "composer", novalidate: true },
      el("label", { for: "ds-input", class: "sr-only", text: "Din fråga" }),
      el("div", { class: "row" }, input, sendButton),
      el("p", { id: "ds-hint", class: "hint" }, "Enter skickar, Skift+Enter ger ny rad. ", count),
    );
    const citeHeading = el("h3", { id: "ds-cite-h", tabindex: "-1" });
    const citeClose = el(
      "button",
      { type: "button", class: "btn small" },
      "Stäng",
      el("span", { class: "sr-only", text: " källan" }),
    );
    const citeBody = el("div", {
      class: "sheet-body",
      tabindex: "0",
      role: "region",
      "aria-labelledby": "ds-cite-h",
    });
    const cite = el(
      "div",
      {
        class: "cite",
        role: "dialog",
        "aria-modal": "true",
        "aria-labelledby": "ds-cite-h",
        hidden: true,
      },
      el("div", { class: "sheet-head" }, citeHeading, citeClose),
      citeBody,
    );
    const briefHeading = el("h3", { id: "ds-brief-h", tabindex: "-1" });
    const briefBack = el(
      "button",
      { type: "button", class: "btn small" },
      "Tillbaka till samtalet",
    );
    const briefBody = el("div", {
      class: "sheet-body",
      tabindex: "0",
      role: "region",
      "aria-labelledby": "ds-brief-h",
    });
    const brief = el(
      "div",
      {
        class: "brief",
        role: "dialog",
        "aria-modal": "true",
        "aria-labelledby": "ds-brief-h",
        hidden: true,
      },
      el("div", { class: "sheet-head" }, briefHeading, briefBack),
      briefBody,
    );
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
      scopeBar,
      picker,
      log,
      alertBox,
      form,
      brief,
      cite,
    );
    root.append(el("style", { text: CSS }), live, panel);
    if (launcher) root.append(launcher);

    // --- announcements and errors ---
    let announceTimer = 0;
    function announce(text) {
      clearTimeout(announceTimer);
      live.textContent = "";
      announceTimer = setTimeout(() => {
        live.textContent = text;
      }, 120);
    }

    // The printable brief with the key sent as a header. The tab is opened at the click, before
    // the fetch, so that popup blockers allow it.
    function openPrintable(event) {
      event.preventDefault();
      const tab = window.open("", "_blank");
      fetch(event.currentTarget.href, { headers: headers() })
        .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
        .then((html) => {
          if (!tab) return;
          tab.opener = null;
          tab.location.href = URL.createObjectURL(new Blob([html], { type: "text/html" }));
        })
        .catch(() => {
          if (tab) tab.close();
          announce("Det utskriftsvänliga underlaget kunde inte hämtas. Försök igen.");
        });
    }
    function showError(message) {
      alertText.textContent = message;
      alertBox.hidden = false;
    }
    function clearError() {
      alertBox.hidden = true;
      alertText.textContent = "";
    }

    // --- scope ---
    const scopeText = () =>
      state.scope
        ? state.scope.name
          ? `${state.scope.name} (${state.scope.id})`
          : state.scope.id
        : "Allmänt underlag";
    function renderScope() {
      scopeValue.textContent = scopeText();
      briefButton.hidden = !state.scope;
      if (scopeButton) {
        scopeButton.textContent = "";
        if (state.scope)
          scopeButton.append("Byt", el("span", { class: "sr-only", text: " huvudman" }));
        else scopeButton.append("Välj huvudman");
      }
    }

    /** The scope's name, when only its id is known (data-huvudman, or an old stored scope). */
    function loadName() {
      if (nameLoad || !state.scope || state.scope.name) return;
      const id = state.scope.id;
      nameLoad = fetch(url(`/api/huvudman/${encodeURIComponent(id)}`), {
        headers: headers({ Accept: "application/json" }),
      })
        .then(async (res) => {
          const body = await readJson(res);
          if (res.ok && body && state.scope && state.scope.id === id && !state.scope.name) {
            state.scope.name = str(body.name);
            renderScope();
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

    /** The first PICKS huvudmän matching the search box: asked from the server, or, when an
     * earlier answer held every match of a shorter search, picked from that answer at once. */
    function runSearch() {
      clearTimeout(pickTimer);
      pickTimer = 0;
      if (pickAbort) pickAbort.abort();
      pickAbort = null;
      const q = search.value.trim();
      const now = typed();
      if (pickAll && now.query.includes(pickAll.query)) {
        const found = pickAll.items
          .map((h, i) => [rank(h, now), i, h])
          .filter(([r]) => r !== null)
          .sort(([a, i], [b, j]) => a - b || i - j)
          .map(([, , h]) => h);
        pickList.removeAttribute("aria-busy");
        renderPicker(q, found, found.length);
        return (pickRun = Promise.resolve());
      }
      const controller = new AbortController();
      pickAbort = controller;
      pickList.setAttribute("aria-busy", "true");
      const query = q ? `&q=${encodeURIComponent(q)}` : "";
      pickRun = fetch(url(`/api/huvudman?limit=${PICKS}${query}`), {
        headers: headers({ Accept: "application/json" }),
        signal: controller.signal,
      })
        .then(async (res) => {
          const body = await readJson(res);
          if (!res.ok) throw httpError(res, body);
          const items = (body && Array.isArray(body.items) ? body.items : []).map((h) => ({
            id: str(h.id),
            name: str(h.name),
          }));
          const total = body && typeof body.total === "number" ? body.total : items.length;
          if (pickAbort !== controller) return;
          if (total <= items.length) pickAll = { query: now.query, items };
          renderPicker(q, items.slice(0, PICKS), total);
        })
        .catch((err) => {
          if (pickAbort === controller) renderPickError(err);
        })
        .finally(() => {
          if (pickAbort === controller) pickAbort = null;
          if (!pickAbort) pickList.removeAttribute("aria-busy");
        });
      return pickRun;
    }

    function renderPicker(q, items, total) {
      const query = fold(q);
      const none = { id: null, name: "Ingen huvudman – bara allmänt underlag" };
      const options = !query || fold(none.name).includes(query) ? [none, ...items] : items;
      pickList.replaceChildren(
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
      if (!options.length)
        pickList.append(el("li", { class: "hint", text: "Ingen huvudman matchar sökningen." }));
      else if (more > 0) {
        const next = q ? "skriv fler bokstäver" : "skriv en del av namnet eller koden";
        pickList.append(el("li", { class: "hint", text: `och ${num(more)} till – ${next}` }));
      }
      const hits = `${num(total)} ${total === 1 ? "träff" : "träffar"}`;
      pickCount.textContent = q
        ? more > 0
          ? `${hits}, de ${num(items.length)} första visas. Skriv fler bokstäver för att se färre.`
          : hits
        : "";
    }

    function renderPickError(err) {
      pickCount.textContent = "";
      pickList.replaceChildren(
        el(
          "li",
          { class: "hint" },
          `Kunde inte hämta huvudmännen. ${describe(err)} `,
          el("button", { type: "button", class: "link", onclick: openPicker }, "Försök igen"),
        ),
      );
    }

    function openPicker() {
      picker.hidden = false;
      scopeButton.setAttribute("aria-expanded", "true");
      search.value = "";
      pickAll = null; // the catalogue may have changed since
      pickCount.textContent = "";
      pickList.replaceChildren(el("li", { class: "hint", text: "Hämtar huvudmän …" }));
      search.focus();
      runSearch();
    }
    function closePicker(focusButton) {
      if (picker.hidden) return;
      clearTimeout(pickTimer);
      pickTimer = 0;
      if (pickAbort) pickAbort.abort();
      pickAbort = null;
      picker.hidden = true;
      scopeButton.setAttribute("aria-expanded", "false");
      if (focusButton) scopeButton.focus();
    }

    function choose(h) {
      const before = state.scope ? state.scope.id : null;
      state.scope = h.id ? { id: h.id, name: h.name } : null;
      closePicker(false);
      renderScope();
      if (before !== h.id && (state.messages.length || state.conversationId || pending)) {
        resetConversation();
        announce(`Avgränsning: ${scopeText()}. Ett nytt samtal har börjat.`);
      } else {
        if (!state.messages.length) renderLog();
        announce(`Avgränsning: ${scopeText()}.`);
      }
      save();
      input.focus();
    }

    // --- messages ---
    function citeButton(c) {
      const button = el(
        "button",
        { type: "button", class: "cite-ref", "aria-haspopup": "dialog" },
        el("span", { class: "sr-only", text: "Källa " }),
        el("span", { "aria-hidden": "true", text: "[" }),
        String(c.n),
        el("span", { "aria-hidden": "true", text: "]" }),
      );
      button.addEventListener("click", () => openCite(c, button));
      return button;
    }

    /** Text whose [n] markers become citation buttons (numbers without a citation stay text). */
    const citedText = (text, byNumber) =>
      text.split(/\[(\d+)\]/).map((part, i) => {
        const c = i % 2 ? byNumber.get(Number(part)) : null;
        return i % 2 ? (c ? citeButton(c) : `[${part}]`) : part;
      });

    function renderUser(text) {
      return el("div", { class: "msg user" }, el("span", { class: "sr-only", text: "Du: " }), text);
    }

    function renderBot(msg) {
      const node = el("div", { class: msg.supported ? "msg bot" : "msg bot unsupported" });
      node.append(el("p", { class: "sr-only", text: "Dialogstöd svarar:" }));
      if (!msg.supported) {
        node.append(
          el(
            "p",
            { class: "badge" },
            el("span", { class: "badge-icon", "aria-hidden": "true", text: "!" }),
            "Inget stöd i underlaget",
          ),
        );
      }
      const byNumber = new Map(msg.citations.map((c) => [c.n, c]));
      node.append(el("p", { class: "answer-text" }, citedText(msg.answer, byNumber)));
      if (msg.citations.length) {
        node.append(
          el(
            "div",
            { class: "sources" },
            el("h3", { text: "Källor" }),
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
                button.addEventListener("click", () => openCite(c, button));
                return el("li", {}, button);
              }),
            ),
          ),
        );
      }
      const copy = el("button", { type: "button", class: "btn small" }, "Kopiera svaret");
      copy.addEventListener("click", () => copyAnswer(msg, copy));
      node.append(el("div", { class: "actions" }, copy));
      return node;
    }

    function renderEmpty() {
      const starters = state.scope ? STARTERS_SCOPED : STARTERS_GENERAL;
      return el(
        "div",
        { class: "empty" },
        el("p", {
          text: state.scope
            ? "Ställ en fråga om huvudmannens indikatorer, uppdraget, kvalitetsdialogerna eller framgångsfaktorerna. Varje påstående i svaret får en källhänvisning."
            : "Ställ en fråga om uppdraget, kvalitetsdialogerna eller framgångsfaktorerna. Varje påstående i svaret får en källhänvisning.",
        }),
        state.scope || cfg.huvudman
          ? null
          : el("p", {
              class: "muted",
              text: "Välj en huvudman för att också fråga om dess indikatorer.",
            }),
        el("h3", { id: "ds-starters", class: "sub", text: "Förslag på frågor" }),
        el(
          "ul",
          { class: "starters", "aria-labelledby": "ds-starters" },
          starters.map((q) =>
            el(
              "li",
              {},
              el(
                "button",
                {
                  type: "button",
                  class: "starter",
                  onclick: () => {
                    input.focus();
                    send(q, true);
                  },
                },
                q,
              ),
            ),
          ),
        ),
      );
    }

    function renderLog() {
      log.replaceChildren();
      if (!state.messages.length) log.append(renderEmpty());
      for (const msg of state.messages)
        log.append(msg.role === "user" ? renderUser(msg.text) : renderBot(msg));
      scrollDown();
    }

    const scrollDown = () => {
      log.scrollTop = log.scrollHeight;
    };

    function pendingView() {
      const status = el(
        "p",
        { class: "typing" },
        el("span", { class: "dots", "aria-hidden": "true" }),
        "Söker i underlaget …",
      );
      const text = el("p", { class: "answer-text" });
      const node = el(
        "div",
        { class: "msg bot", "aria-busy": "true" },
        el("p", { class: "sr-only", text: "Dialogstöd svarar:" }),
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
            node.insertBefore(
              el("p", { class: "provisional-note", text: "Preliminärt – kontrolleras mot källorna …" }),
              text,
            );
          }
          text.append(piece);
          scrollDown();
        },
      };
    }

    async function copyAnswer(msg, button) {
      const sources = msg.citations.map((c) => `[${c.n}] ${c.title}, ${c.locator} (${c.source})`);
      const text = sources.length ? `${msg.answer}\n\nKällor:\n${sources.join("\n")}` : msg.answer;
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
        button.textContent = "Kopierat";
        announce("Svaret har kopierats.");
        setTimeout(() => {
          button.textContent = "Kopiera svaret";
        }, 2000);
      } else {
        announce("Kunde inte kopiera. Markera texten och kopiera med Ctrl+C.");
      }
    }

    // --- asking ---
    function restoreInput(question) {
      const current = input.value;
      input.value = current.trim() ? `${question}\n${current}` : question;
      state.draft = input.value;
      updateCount();
    }

    async function send(raw, fromStarter) {
      if (pending) {
        announce("Vänta tills svaret är klart.");
        return;
      }
      const question = raw.trim();
      if (!question) {
        showError("Skriv en fråga först.");
        input.focus();
        return;
      }
      if (question.length > MAX) {
        showError(tooLong(question.length));
        input.focus();
        return;
      }
      clearError();
      closePicker(false);
      const controller = new AbortController();
      pending = { controller };
      if (!fromStarter) input.value = "";
      state.draft = input.value;
      state.pending = question;
      save();
      updateCount();
      if (!state.messages.length) log.replaceChildren();
      const userView = renderUser(question);
      let view = pendingView();
      log.append(userView, view.node);
      scrollDown();
      form.setAttribute("aria-busy", "true");
      let result = null;
      const onEvent = (name, payload) => {
        if (name === "meta" && payload && typeof payload.conversation_id === "string") {
          state.conversationId = payload.conversation_id;
        } else if (name === "delta" && payload && typeof payload.text === "string") {
          view.append(payload.text, payload.provisional === true);
        } else if (name === "done") {
          result = payload;
        } else if (name === "error") {
          const problem = payload && typeof payload === "object" ? payload : {};
          throw new ApiError(
            str(problem.message) || "Något gick fel på servern. Försök igen om en stund.",
            500,
            problem.code,
          );
        }
      };
      const body = (conversationId) => ({
        message: question,
        huvudman_id: state.scope ? state.scope.id : null,
        conversation_id: conversationId,
      });
      try {
        try {
          await ask(body(state.conversationId), onEvent, controller.signal);
        } catch (err) {
          // The server forgot the conversation (e.g. restarted): ask again as a new one.
          const stale =
            err instanceof ApiError && /^(unknown_conversation|scope_conflict)$/.test(err.code);
          if (!stale || !state.conversationId) throw err;
          state.conversationId = null;
          const fresh = pendingView();
          view.node.replaceWith(fresh.node);
          view = fresh;
          await ask(body(null), onEvent, controller.signal);
        }
        if (!result || typeof result.answer !== "string") {
          throw new ApiError("Svaret avbröts innan det var klart. Försök igen.", 0, "incomplete");
        }
        if (typeof result.conversation_id === "string")
          state.conversationId = result.conversation_id;
        const msg = cleanMessage({
          role: "bot",
          answer: result.answer,
          supported: result.supported,
          citations: result.citations,
        });
        state.messages.push({ role: "user", text: question }, msg);
        view.node.replaceWith(renderBot(msg));
        scrollDown();
        const spoken = msg.answer.replace(/\s*\[\d+\]/g, "");
        announce(msg.supported ? `Svar: ${spoken}` : `Inget stöd i underlaget. ${spoken}`);
      } catch (err) {
        userView.remove();
        view.node.remove();
        if (!state.messages.length) renderLog();
        if (!fromStarter) restoreInput(question);
        if (!(err && err.name === "AbortError")) {
          showError(`${describe(err)}${fromStarter ? "" : " Din fråga finns kvar i rutan."}`);
        }
      } finally {
        pending = null;
        state.pending = null;
        form.removeAttribute("aria-busy");
        controller.abort();
        save();
      }
    }

    function resetConversation() {
      if (pending) pending.controller.abort();
      closeCite(false);
      state.messages = [];
      state.conversationId = null;
      clearError();
      renderLog();
      save();
    }

    function updateCount() {
      const length = input.value.length;
      count.textContent = length > MAX - 200 ? `${num(length)} av ${num(MAX)} tecken.` : "";
      count.classList.toggle("over", length > MAX);
      input.style.height = "";
      if (input.scrollHeight) input.style.height = `${Math.min(input.scrollHeight + 4, 144)}px`;
    }

    // --- citation panel ---
    /** Everything under an open sheet is inert; the brief too while a source is open on it. */
    function setInert() {
      for (const node of [head, scopeBar, picker, log, alertBox, form, launcher])
        if (node) node.inert = !cite.hidden || !brief.hidden;
      brief.inert = !cite.hidden;
    }

    function openCite(c, trigger) {
      citeTrigger = trigger;
      citeHeading.textContent = `Källa [${c.n}]`;
      const context = el("div", { id: "ds-context", class: "ctx", hidden: true });
      const toggle = el(
        "button",
        { type: "button", class: "btn", "aria-controls": "ds-context" },
        "Visa sammanhang",
      );
      toggle.addEventListener("click", () => showContext(c, toggle, context));
      citeBody.replaceChildren(
        el("p", { class: "cite-title", text: c.title || c.source }),
        el(
          "dl",
          { class: "meta" },
          el("dt", { text: "Plats" }),
          el("dd", { text: c.locator || "–" }),
          el("dt", { text: "Fil" }),
          el("dd", { text: c.source || "–" }),
        ),
        el("h4", { class: "sub", text: "Utdrag" }),
        el("blockquote", { class: "snippet", text: c.snippet }),
        toggle,
        context,
      );
      citeBody.scrollTop = 0;
      cite.hidden = false;
      setInert();
      citeHeading.focus();
    }

    function closeCite(returnFocus = true) {
      if (cite.hidden) return;
      cite.hidden = true;
      setInert();
      if (returnFocus && citeTrigger && citeTrigger.isConnected) citeTrigger.focus();
      citeTrigger = null;
    }

    async function showContext(c, toggle, context) {
      if (!context.hidden) {
        context.hidden = true;
        toggle.textContent = "Visa sammanhang";
        return;
      }
      context.hidden = false;
      toggle.textContent = "Dölj sammanhang";
      if (context.dataset.loaded) return;
      context.setAttribute("aria-busy", "true");
      context.replaceChildren(el("p", { class: "muted", text: "Hämtar sammanhang …" }));
      try {
        const get = (query) =>
          fetch(url(`/api/sources/${encodeURIComponent(c.chunk_id)}${query}`), {
            headers: headers({ Accept: "application/json" }),
          });
        const scoped = state.scope ? `?huvudman_id=${encodeURIComponent(state.scope.id)}` : "";
        let res = await get(
          state.conversationId
            ? `?conversation_id=${encodeURIComponent(state.conversationId)}`
            : scoped,
        );
        let body = await readJson(res);
        if (
          res.status === 404 &&
          body &&
          body.error &&
          body.error.code === "unknown_conversation"
        ) {
          res = await get(scoped); // the server forgot the conversation; the scope still decides
          body = await readJson(res);
        }
        if (!res.ok) throw httpError(res, body);
        context.replaceChildren(
          ...[
            el("h4", { class: "sub", text: "Sammanhang" }),
            body.before
              ? el(
                  "p",
                  { class: "around" },
                  el("span", { class: "sr-only", text: "Före: " }),
                  str(body.before),
                )
              : null,
            el(
              "p",
              {},
              el(
                "mark",
                {},
                el("span", { class: "sr-only", text: "Citerat avsnitt: " }),
                str(body.text),
              ),
            ),
            body.after
              ? el(
                  "p",
                  { class: "around" },
                  el("span", { class: "sr-only", text: "Efter: " }),
                  str(body.after),
                )
              : null,
          ].filter(Boolean),
        );
        context.dataset.loaded = "1";
        announce("Sammanhanget visas.");
      } catch (err) {
        context.replaceChildren(
          el("p", { class: "muted", text: `Sammanhanget kunde inte hämtas. ${describe(err)}` }),
        );
      } finally {
        context.removeAttribute("aria-busy");
      }
    }

    // --- dialogue preparation brief ---
    const unit = (u) => (u && u !== "antal" ? ` ${u}` : "");
    const value = (v, u) => (/\d/.test(v) ? v + unit(u) : v ? `”${v}”` : "–");
    const trend = (t) => {
      if (!t || !t.direction || t.direction === "okänd") return "";
      const change = t.direction === "oförändrat" ? "" : ` med ${t.change}${unit(t.unit)}`;
      return `; ${t.direction}${change} ${t.from_year}–${t.to_year}`;
    };
    const lower = (s) => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0].toLowerCase() + s.slice(1) : s);
    const FLAG_QUESTIONS = {
      samre_an_riket: (x, who) => `Hur ligger ${x} till jämfört med riket för ${who}?`,
      forsamring_tva_ar: (x, who) => `Hur har ${x} utvecklats de senaste åren för ${who}?`,
      saknat_varde: (x, who) => `Varför saknas värdet för ${x} för ${who}?`,
    };

    /** "Fråga om detta": closes the brief and asks in the current conversation. */
    const askButton = (question, about) =>
      el(
        "button",
        {
          type: "button",
          class: "btn small ask",
          "aria-label": `Fråga om detta: ${about}`,
          onclick: () => {
            closeBrief(false);
            input.focus();
            send(question, true);
          },
        },
        "Fråga om detta",
      );

    function renderBrief(b) {
      const byNumber = new Map((b.citations || []).map(cleanCitation).map((c) => [c.n, c]));
      const text = (t) => citedText(str(t), byNumber);
      const ref = (n) => (byNumber.has(n) ? [" ", citeButton(byNumber.get(n))] : "");
      const section = (id) => b.sections.find((s) => s.id === id) || { items: [] };
      const flags = new Map(section("flaggor").items.map((f) => [f.id, f]));
      const factors = new Map(section("framgangsfaktorer").items.map((f) => [f.id, f]));
      const who = str(b.huvudman_namn);
      const heading = (s) => [el("h4", { text: s.heading }), el("p", {}, text(s.intro))];
      const row = (label, ...kids) => [el("dt", { text: label }), el("dd", {}, ...kids)];

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
                own.length === 1 ? "1 flagga" : `${own.length} flaggor`,
              )
            : null,
          el(
            "dl",
            { class: "meta" },
            row(
              "Senaste värde",
              `${value(item.varde, item.enhet)} (${item.ar})`,
              item.series.slice(-1).map((y) => ref(y.citation)),
            ),
            row("Riket", value(item.riket, item.enhet)),
            c
              ? row(
                  "Skillnad",
                  c.position === "lika"
                    ? "samma nivå som riket"
                    : `${c.difference}${unit(c.unit)} ${c.position} riket`,
                )
              : null,
            row(
              "Utveckling",
              item.series.map((y, i) => [
                i ? ", " : "",
                `${value(y.varde, item.enhet)} (${y.ar})`,
                ref(y.citation),
              ]),
              trend(item.trend),
            ),
          ),
          askButton(
            `Hur har ${lower(item.namn)} utvecklats för ${who} jämfört med riket?`,
            item.namn,
          ),
          own.length
            ? [
                el("h6", { text: "Flaggor" }),
                el(
                  "ul",
                  {},
                  own.map((f) =>
                    el(
                      "li",
                      {},
                      el(
                        "p",
                        {},
                        el("strong", { text: `${f.rule_name}. ` }),
                        f.rule_text,
                        f.citations.map(ref),
                      ),
                      f.factors.length
                        ? el("p", {
                            class: "muted",
                            text: `Framgångsfaktorer: ${f.factors
                              .map((id) => factors.has(id) && factors.get(id).name)
                              .filter(Boolean)
                              .join(", ")}.`,
                          })
                        : null,
                      askButton(
                        (FLAG_QUESTIONS[f.rule] || FLAG_QUESTIONS.samre_an_riket)(
                          lower(item.namn),
                          who,
                        ),
                        `${f.rule_name}, ${item.namn}`,
                      ),
                    ),
                  ),
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
          about.size
            ? el("p", { class: "muted", text: `Hör till: ${[...about].join(", ")}.` })
            : null,
          el(
            "ul",
            {},
            item.sentences.map((sentence) => el("li", {}, sentence.text, ref(sentence.citation))),
          ),
          questions.length
            ? [
                el("h6", { text: "Frågor att ställa" }),
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

      const dialogue = section("dialogen");
      briefHeading.textContent = b.title;
      briefBody.replaceChildren(
        el("p", {}, text(b.intro)),
        el(
          "p",
          {},
          el(
            "a",
            {
              href: url(`/api/huvudman/${encodeURIComponent(b.huvudman_id)}/brief?format=html`),
              target: "_blank",
              rel: "noopener",
              // A link cannot send the API key: with a key the page is fetched and opened.
              onclick: cfg.apiKey ? openPrintable : null,
            },
            "Utskriftsvänligt underlag (öppnas i ny flik)",
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

    async function openBrief() {
      if (!state.scope) return;
      const id = state.scope.id;
      clearError();
      briefHeading.textContent = `Dialogunderlag: ${scopeText()}`;
      brief.hidden = false;
      setInert();
      briefHeading.focus();
      briefBody.setAttribute("aria-busy", "true");
      briefBody.replaceChildren(
        el(
          "p",
          { class: "typing" },
          el("span", { class: "dots", "aria-hidden": "true" }),
          "Hämtar förberedelsen …",
        ),
      );
      announce("Hämtar förberedelsen …");
      const load = (briefLoad = new AbortController());
      try {
        const res = await fetch(url(`/api/huvudman/${encodeURIComponent(id)}/brief?format=json`), {
          headers: headers({ Accept: "application/json" }),
          signal: load.signal,
        });
        const body = await readJson(res);
        if (!res.ok) throw httpError(res, body);
        if (!body || !Array.isArray(body.sections))
          throw new ApiError("Servern svarade med ett oväntat format. Försök igen om en stund.");
        renderBrief(body);
        briefBody.scrollTop = 0;
        announce("Förberedelsen visas.");
      } catch (err) {
        if (load.signal.aborted) return;
        closeBrief(true);
        showError(`Förberedelsen kunde inte hämtas. ${describe(err)}`);
      } finally {
        if (briefLoad === load) {
          briefLoad = null;
          briefBody.removeAttribute("aria-busy");
        }
      }
    }

    function closeBrief(returnFocus) {
      if (briefLoad) briefLoad.abort();
      briefLoad = null;
      if (brief.hidden) return;
      brief.hidden = true;
      setInert();
      if (returnFocus) briefButton.focus();
    }

    function focusables(container) {
      return [...container.querySelectorAll("button, [href], input, textarea, [tabindex]")].filter(
        (n) => n.tabIndex >= 0 && !n.disabled && n.getClientRects().length,
      );
    }

    // --- open and close ---
    function open(focus) {
      if (inline) return;
      state.open = true;
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      save();
      loadName();
      if (focus) input.focus();
    }
    function close(returnFocus) {
      if (inline) return;
      closeCite(false);
      closeBrief(false);
      state.open = false;
      panel.hidden = true;
      launcher.setAttribute("aria-expanded", "false");
      save();
      if (returnFocus) launcher.focus();
    }

    // --- events ---
    if (launcher)
      launcher.addEventListener("click", () => (state.open ? close(false) : open(true)));
    if (closeButton) closeButton.addEventListener("click", () => close(true));
    newButton.addEventListener("click", () => {
      resetConversation();
      announce("Nytt samtal. Tidigare frågor och svar är borttagna.");
      input.focus();
    });
    if (scopeButton)
      scopeButton.addEventListener("click", () =>
        picker.hidden ? openPicker() : closePicker(true),
      );
    search.addEventListener("input", () => {
      clearTimeout(pickTimer);
      // Narrowing a complete answer is instant; the server is asked once typing pauses.
      if (pickAll && typed().query.includes(pickAll.query)) runSearch();
      else pickTimer = setTimeout(runSearch, 150);
    });
    search.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowDown" && (e.key !== "Enter" || e.isComposing)) return;
      e.preventDefault();
      // The best match for everything typed, not the first of an older list.
      if (pickTimer) runSearch();
      const run = pickRun;
      const act = () => {
        const first = pickList.querySelector("button.pick");
        if (!first || run !== pickRun || picker.hidden || root.activeElement !== search) return;
        if (e.key === "Enter") first.click();
        else first.focus();
      };
      if (pickAbort) run.then(act);
      else act();
    });
    pickList.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      const buttons = [...pickList.querySelectorAll("button.pick")];
      const i = buttons.indexOf(root.activeElement);
      if (i < 0) return;
      e.preventDefault();
      if (e.key === "ArrowUp" && i === 0) search.focus();
      else buttons[e.key === "ArrowDown" ? Math.min(i + 1, buttons.length - 1) : i - 1].focus();
    });
    citeClose.addEventListener("click", () => closeCite(true));
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
      if (
        !alertBox.hidden &&
        input.value.length <= MAX &&
        /för lång|Skriv en fråga/.test(alertText.textContent)
      )
        clearError();
      save();
    });
    const trapFocus = (e) => {
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
    };
    cite.addEventListener("keydown", trapFocus);
    brief.addEventListener("keydown", trapFocus);
    briefButton.addEventListener("click", openBrief);
    briefBack.addEventListener("click", () => closeBrief(true));
    root.addEventListener("keydown", (e) => {
      if (e.key !== "Escape") return;
      if (!cite.hidden) {
        e.preventDefault();
        closeCite(true);
      } else if (!brief.hidden) {
        e.preventDefault();
        closeBrief(true);
      } else if (!picker.hidden && picker.contains(root.activeElement)) {
        e.preventDefault();
        closePicker(true);
      } else if (!inline && state.open) {
        e.preventDefault();
        close(true);
      }
    });

    // --- first render ---
    renderScope();
    renderLog();
    input.value = state.draft;
    updateCount();
    if (state.open && !inline) {
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
    }
    if (state.open) loadName();
    save();
  }

  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
