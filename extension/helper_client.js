// Talks to the plaint helper on 127.0.0.1 with the pairing token.
// Shared by the popup and the options page; loaded as a classic script.
"use strict";

(function () {
  const DEFAULT_PORT = 8765;
  const TIMEOUT_MS = 4000;

  class HelperError extends Error {
    constructor(kind, message, status) {
      super(message || kind);
      this.kind = kind; // "down" | "unpaired" | "badToken" | "notFound" | "http"
      this.status = status || 0;
    }
  }

  async function settings() {
    const stored = await chrome.storage.local.get(["token", "port"]);
    return { token: stored.token || "", port: Number(stored.port) || DEFAULT_PORT };
  }

  async function request(path, { method = "GET", body, token, port } = {}) {
    const s = await settings();
    token = token ?? s.token;
    port = port ?? s.port;
    if (!token && path !== "/api/health") throw new HelperError("unpaired");
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    let response;
    try {
      response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: controller.signal,
        credentials: "omit",
        cache: "no-store",
      });
    } catch (_) {
      throw new HelperError("down");
    } finally {
      clearTimeout(timer);
    }
    let data = null;
    try {
      data = await response.json();
    } catch (_) {
      data = null;
    }
    if (response.ok) return data;
    const message = (data && data.message) || `HTTP ${response.status}`;
    if (response.status === 401 || response.status === 403) {
      throw new HelperError("badToken", message, response.status);
    }
    if (response.status === 404) throw new HelperError("notFound", message, 404);
    throw new HelperError("http", message, response.status);
  }

  globalThis.PlaintHelper = { DEFAULT_PORT, HelperError, settings, request };
})();
