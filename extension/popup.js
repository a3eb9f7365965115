// The popup: choose profile and case, fill the current tab through the engine, undo.
// The profile goes from the helper straight into the page being filled; nothing else sees it.
"use strict";

const ENGINE_FILES = ["field_keys.js", "engine.js"];
const $ = (id) => document.getElementById(id);

async function targetTab() {
  // Tests open the popup as a page with ?tab=ID to act on a given tab.
  const id = new URLSearchParams(location.search).get("tab");
  if (id) return chrome.tabs.get(Number(id));
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab;
}

function setup(messageName, withOptionsButton) {
  $("main").hidden = true;
  $("setup").hidden = false;
  $("setup-message").textContent = t(messageName);
  $("open-options").hidden = !withOptionsButton;
}

function showResult(kind, lines) {
  const box = $("result");
  box.hidden = false;
  box.className = `status ${kind}`;
  $("channel").textContent = lines.channel || "";
  $("summary").textContent = lines.summary || "";
  const left = $("left");
  left.replaceChildren(
    ...(lines.left || []).map((name) => {
      const li = document.createElement("li");
      li.textContent = name;
      return li;
    })
  );
  $("review").hidden = kind !== "ok";
}

function explain(err) {
  if (err.kind === "down") return setup("helperDown", false);
  if (err.kind === "unpaired") return setup("notPaired", true);
  if (err.kind === "badToken") return setup("pairBadToken", true);
  showResult("error", { summary: t("helperError", err.message) });
}

function option(value, text) {
  const el = document.createElement("option");
  el.value = value;
  el.textContent = text;
  return el;
}

async function loadChoices() {
  const profiles = await PlaintHelper.request("/api/profiles");
  const names = Array.isArray(profiles) ? profiles : profiles.profiles || [];
  if (!names.length) return setup("noProfile", false);
  const chosen = (await chrome.storage.local.get("profile")).profile;
  $("profile").replaceChildren(...names.map((n) => option(n, n)));
  if (names.includes(chosen)) $("profile").value = chosen;
  await loadCases();
  $("setup").hidden = true;
  $("main").hidden = false;
}

async function loadCases() {
  const profile = $("profile").value;
  let cases = [];
  try {
    const found = await PlaintHelper.request(`/api/cases?profile=${encodeURIComponent(profile)}`);
    cases = Array.isArray(found) ? found : found.cases || [];
  } catch (err) {
    if (err.kind !== "notFound") throw err; // a helper without case routes: profile only
  }
  const open = cases.filter((c) => !["resolved", "closed"].includes(c.status));
  $("case").replaceChildren(
    option("", t("noCase")),
    ...open.map((c) => option(String(c.id), `#${c.id} ${c.title || ""}`.trim()))
  );
  $("case-row").hidden = open.length === 0;
}

function fieldName(entry) {
  const field = entry.field || entry;
  return field.label || field.name || field.id || entry.key || "?";
}

// "Tell us what happened — too long for this field …": why plaint left it to the person.
function leftLine(entry) {
  const why = entry.reason ? chrome.i18n.getMessage(`why_${entry.reason}`) : "";
  return why ? `${fieldName(entry)} — ${why}` : fieldName(entry);
}

async function inject(tabId) {
  await chrome.scripting.executeScript({ target: { tabId }, files: ENGINE_FILES });
}

async function fill() {
  const tab = await targetTab();
  $("fill").disabled = true;
  showResult("", { summary: t("filling") });
  try {
    const body = { url: tab.url, profile: $("profile").value };
    if ($("case").value) body.case_id = Number($("case").value);
    const payload = await PlaintHelper.request("/api/fill-payload", { method: "POST", body });
    await chrome.storage.local.set({ profile: body.profile });
    let report;
    try {
      await inject(tab.id);
      [{ result: report }] = await chrome.scripting.executeScript({
        target: { tabId: tab.id },
        func: (p) =>
          globalThis.PlaintEngine.fill(document, p.values, {
            variants: p.variants,
            rules: p.channel ? p.channel.rules : undefined,
            allowSensitive: p.sensitive_allowed || [],
          }),
        args: [payload],
      });
    } catch (_) {
      return showResult("error", { summary: t("cannotAccess") });
    }
    const filled = report.filled || [];
    const left = report.skipped || [];
    if (!filled.length && !left.length) return showResult("error", { summary: t("noForm") });
    await chrome.storage.session.set({ [`undo:${tab.id}`]: true });
    $("undo").hidden = false;
    showResult("ok", {
      channel: payload.channel ? t("channelSeen", payload.channel.name || payload.channel.id) : "",
      summary: `${t("filledCount", filled.length)} ${left.length ? t("leftCount", left.length) : ""}`,
      left: left.map(leftLine),
    });
  } catch (err) {
    explain(err);
  } finally {
    $("fill").disabled = false;
  }
}

async function undo() {
  const tab = await targetTab();
  try {
    const [{ result }] = await chrome.scripting.executeScript({
      target: { tabId: tab.id },
      func: () => (globalThis.PlaintEngine ? globalThis.PlaintEngine.undo(document) : null),
    });
    const count = result && typeof result === "object" ? result.restored ?? 0 : result || 0;
    await chrome.storage.session.remove(`undo:${tab.id}`);
    $("undo").hidden = true;
    showResult("", { summary: t("undone", count) });
  } catch (_) {
    showResult("error", { summary: t("cannotAccess") });
  }
}

async function init() {
  localise();
  $("open-options").addEventListener("click", () => chrome.runtime.openOptionsPage());
  $("fill").addEventListener("click", fill);
  $("undo").addEventListener("click", undo);
  $("profile").addEventListener("change", () => loadCases().catch(explain));
  try {
    // Unpaired first: without pairing plaint does not even know the helper's port.
    const { token } = await PlaintHelper.settings();
    if (!token) return setup("notPaired", true);
    const health = await PlaintHelper.request("/api/health");
    if (!health) throw new PlaintHelper.HelperError("down");
    await loadChoices();
    const tab = await targetTab();
    const key = `undo:${tab.id}`;
    $("undo").hidden = !(await chrome.storage.session.get(key))[key];
  } catch (err) {
    explain(err);
  }
}

init();
