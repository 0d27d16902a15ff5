// @ts-check
// The demo login pages' only script: the "Forgot your password?" link opens the widget through
// its JavaScript call, and the look-alike form never sends anything anywhere.
'use strict';

for (const link of document.querySelectorAll('[data-open-help]')) {
  link.addEventListener('click', (event) => {
    const api = /** @type {{ LoginHelp?: { open(o: object): void } }} */ (/** @type {unknown} */ (window)).LoginHelp;
    if (!api) return;
    event.preventDefault();
    api.open({ path: /** @type {HTMLElement} */ (link).dataset.openHelp });
  });
}

for (const form of document.querySelectorAll('form.login')) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const note = form.querySelector('.demo-note');
    if (note) /** @type {HTMLElement} */ (note).hidden = false;
  });
}
