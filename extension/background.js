// The service worker only opens the pairing page after installation. It never
// fetches or holds the profile: the popup asks the helper and hands the values
// straight to the page being filled.
"use strict";

chrome.runtime.onInstalled.addListener(async ({ reason }) => {
  if (reason !== "install") return;
  const { token } = await chrome.storage.local.get("token");
  if (!token) chrome.runtime.openOptionsPage();
});
