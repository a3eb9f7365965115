// Pairing: check the token against the helper at once, keep it only when it works.
"use strict";

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,128}$/;

function show(kind, text) {
  const status = document.getElementById("status");
  status.hidden = false;
  status.className = `status ${kind}`;
  status.textContent = text;
}

async function pair(event) {
  event.preventDefault();
  const token = document.getElementById("token").value.trim();
  const port = Number(document.getElementById("port").value) || PlaintHelper.DEFAULT_PORT;
  if (!TOKEN_SHAPE.test(token)) return show("error", t("pairTokenShape"));
  try {
    await PlaintHelper.request("/api/pair", { method: "POST", body: {}, token, port });
  } catch (err) {
    if (err.kind === "down") return show("error", t("helperDown"));
    if (err.kind === "badToken") return show("error", t("pairBadToken"));
    return show("error", t("helperError", err.message));
  }
  await chrome.storage.local.set({ token, port });
  show("ok", t("pairOk"));
}

async function init() {
  localise();
  const { token, port } = await PlaintHelper.settings();
  document.getElementById("token").value = token;
  document.getElementById("port").value = port;
  document.getElementById("pair-form").addEventListener("submit", pair);
}

init();
