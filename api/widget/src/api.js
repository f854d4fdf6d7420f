// The HTTP client: the API's base URL, the page's API key, and failed responses turned into
// Swedish messages that say what to do.
import * as T from "./texts.js";

/** Used until GET /api/health has told the real limit, and if it cannot be read. */
export const DEFAULT_MAX_MESSAGE_CHARS = 2000;

/** A failure with a message fit to show; status 0 when there was no HTTP response. */
export class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status || 0;
    this.code = code || "";
  }
}

/** The body as JSON, or null when it is not JSON (a proxy's HTML error page, say). */
export async function readJson(res) {
  try {
    return await res.json();
  } catch (_) {
    return null;
  }
}

/** Retry-After in whole seconds, either form (seconds or an HTTP date); null if unreadable. */
function retrySeconds(value) {
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Math.max(1, parseInt(value, 10));
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(1, Math.ceil((at - Date.now()) / 1000));
}

/** The message for any failure: ours, an aborted request, or one that never reached the server. */
export const describe = (err) =>
  err instanceof ApiError
    ? err.message
    : err && err.name === "AbortError"
      ? T.ABORTED
      : T.OFFLINE;

/**
 * base: the API's origin ("" = the page's own); apiKey: sent as X-API-Key where one is needed;
 * fixedScope: the page fixes the huvudman, so the reader cannot choose another.
 */
export function createApi({ base, apiKey, fixedScope }) {
  const limits = { maxMessageChars: DEFAULT_MAX_MESSAGE_CHARS };
  const url = (path) => base + path;
  const headers = (extra) => Object.assign(apiKey ? { "X-API-Key": apiKey } : {}, extra || {});

  /** A Swedish message for a failed HTTP response. */
  function httpError(res, body) {
    const status = res.status;
    const error = (body && body.error) || {};
    const server = typeof error.message === "string" ? error.message : "";
    let message;
    if (status === 429) {
      message = T.rateLimited(retrySeconds(res.headers.get("Retry-After")));
    } else if (status === 422 && error.code !== "message_too_long" && /för lång/.test(server)) {
      message = T.tooLongForServer(limits.maxMessageChars);
    } else if (error.code === "unknown_huvudman") {
      message = T.unknownHuvudman(fixedScope);
    } else if (status === 401 || status === 403) {
      message = T.KEY_REFUSED;
    } else if (status >= 500) {
      message = server || T.SERVER_ERROR;
    } else {
      message = server || T.httpFailed(status);
    }
    return new ApiError(message, status, error.code);
  }

  /** GET path as JSON; throws an ApiError for an error response. null for a body that is not
   * JSON. */
  async function getJson(path, signal) {
    const res = await fetch(url(path), {
      headers: headers({ Accept: "application/json" }),
      signal,
    });
    const body = await readJson(res);
    if (!res.ok) throw httpError(res, body);
    return body;
  }

  /** GET path as text, with the key as a header (where a plain link could not send it). */
  async function getText(path) {
    const res = await fetch(url(path), { headers: headers() });
    if (!res.ok) throw new Error(String(res.status));
    return res.text();
  }

  /** POST body as JSON; the raw response, for the caller to read as a stream or as JSON. */
  const post = (path, body, accept, signal) =>
    fetch(url(path), {
      method: "POST",
      headers: headers({ "Content-Type": "application/json", Accept: accept }),
      body: JSON.stringify(body),
      signal,
    });

  /** The server's limits from GET /api/health, into `limits`. The route is open by design, so no
   * key is sent. A failure keeps the defaults: the server still checks every question. */
  async function loadLimits() {
    try {
      const res = await fetch(url("/api/health"), { headers: { Accept: "application/json" } });
      const body = res.ok ? await readJson(res) : null;
      const max = body && body.limits && body.limits.max_message_chars;
      if (Number.isInteger(max) && max > 0) limits.maxMessageChars = max;
    } catch (_) {
      /* offline or blocked: keep the default */
    }
  }

  return { url, hasKey: Boolean(apiKey), limits, httpError, getJson, getText, post, loadLimits };
}
