// Asking a question: POST /api/chat/stream and its text/event-stream answer.
//
// The server sends `meta` {conversation_id}, then `delta` {text, provisional} pieces of the answer,
// then `citations` and `done` (the whole checked answer, citations included), or `error`
// {code, message} instead. Only meta, delta, done and error are needed here.
import * as T from "./texts.js";
import { ApiError, readJson } from "./api.js";
import { str } from "./sanitize.js";

/** Reads a text/event-stream body and calls on(event, data) for each event; data is parsed as
 * JSON where it is JSON. */
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

/**
 * Asks `question` ({message, huvudman_id, conversation_id}) and resolves to the finished answer
 * (the `done` payload). onConversation(id) is told the conversation as soon as the server names
 * it, onText(piece, provisional) each piece of the answer as it comes. A server without the
 * streaming route is asked at POST /api/chat instead. Failures throw an ApiError (or the
 * fetch's own error when the server cannot be reached).
 */
export async function streamAnswer(api, question, { onConversation, onText }, signal) {
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
      throw new ApiError(str(problem.message) || T.SERVER_ERROR, 500, problem.code);
    }
  };

  let res = await api.post("/api/chat/stream", question, "text/event-stream", signal);
  if (res.status === 404 || res.status === 405) {
    // Our own 404 (an unknown conversation, say) is an answer; only a missing route falls back.
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
    throw new ApiError(T.INCOMPLETE, 0, "incomplete");
  }
  return result;
}
