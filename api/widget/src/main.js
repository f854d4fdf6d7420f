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
// The entry point. This comment heads the built widget.js (build.mjs copies it there).
import * as T from "./texts.js";
import { mountWidget } from "./panel.js";

const flag = (v) => v !== undefined && v !== "false" && v !== "0";

/** The script tag's data-* attributes as the widget's settings. */
function readConfig(data) {
  return {
    api: (data.api || "").trim().replace(/\/+$/, ""),
    huvudman: (data.huvudman || "").trim() || null,
    apiKey: data.apiKey || "",
    title: (data.title || "").trim() || T.DEFAULT_TITLE,
    open: flag(data.open),
    inline: (data.inline || "").trim() || null,
  };
}

// document.currentScript is set only while the script first runs, so the tag is found now and
// not at mount. The selector is for loaders that insert the tag in a way that leaves it unset.
const script =
  document.currentScript || document.querySelector("script[src*='widget.js'][data-api]");
const cfg = readConfig((script && script.dataset) || {});

if (document.body) mountWidget(cfg);
else document.addEventListener("DOMContentLoaded", () => mountWidget(cfg));
