// Fills every [data-i18n] element from _locales, so pages follow the browser's language.
"use strict";

function t(name, ...substitutions) {
  return chrome.i18n.getMessage(name, substitutions.map(String)) || name;
}

function localise(root = document) {
  document.documentElement.lang = chrome.i18n.getUILanguage();
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
}
