// What the server or sessionStorage hands over, made into the plain strings and numbers that the
// views expect: a missing or odd field becomes "" rather than "undefined" on screen.

export const str = (v) =>
  typeof v === "string" ? v : v === null || v === undefined ? "" : String(v);

export function cleanCitation(c) {
  return {
    n: Number(c && c.n),
    source: str(c && c.source),
    title: str(c && c.title),
    locator: str(c && c.locator),
    snippet: str(c && c.snippet),
    chunk_id: str(c && c.chunk_id),
  };
}

/** A message of the log ({role: "user", text} or {role: "bot", answer, supported, citations}),
 * or null for anything else. */
export function cleanMessage(m) {
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
