// Helpers for the privacy e2e tests: keyboard-only focus moves (through shadow roots), the
// panel's erase done from the keyboard, and what the page has stored in every place a script
// can store something.

import assert from 'node:assert/strict';

/** The element that has focus, looking inside open shadow roots: { id, label, text }. */
export function deepFocus(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return { id: a.id, label: a.getAttribute('aria-label'), text: a.textContent };
  });
}

/**
 * Presses Tab until the focused element (inside shadow roots too) matches `selector`, as a
 * keyboard user would; fails if it is never reached. The selector is matched inside every open
 * shadow root on the page and against the light DOM.
 */
export async function tabTo(page, selector, max = 200) {
  for (let i = 0; i < max; i++) {
    const hit = await page.evaluate((sel) => {
      let a = document.activeElement;
      const hosts = [];
      while (a && a.shadowRoot && a.shadowRoot.activeElement) { hosts.push(a); a = a.shadowRoot.activeElement; }
      if (!a || a === document.body) return false;
      const roots = [document, ...hosts.map((h) => h.shadowRoot)];
      // A selector like `li[data-id=x] shelfwise-why button` spans a shadow boundary: match the
      // part before the custom element in the light DOM, the rest inside its shadow root.
      const m = sel.match(/^(.*?)(shelfwise-(?:why|panel))\s+(.+)$/);
      if (m) {
        const host = hosts[hosts.length - 1];
        return !!host && host.matches((m[1] + m[2]).trim()) && a.matches(m[3]);
      }
      return roots.some((r) => [...r.querySelectorAll(sel)].includes(a));
    }, selector);
    if (hit) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`tabTo: never reached ${selector} with the Tab key`);
}

/**
 * Erases through the privacy panel with the keyboard only: Tab to "Erase", Enter, the
 * confirmation opens on Cancel, Shift+Tab to "Erase everything", Enter. The caller checks what
 * the panel then says.
 */
export async function eraseByKeyboard(page) {
  await tabTo(page, '#erase');
  await page.keyboard.press('Enter');
  assert.equal((await deepFocus(page)).id, 'erase-no', 'the confirmation starts on Cancel');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await deepFocus(page)).id, 'erase-yes');
  await page.keyboard.press('Enter');
}

/** localStorage, sessionStorage, document.cookie and IndexedDB database names. */
export function storageOf(page) {
  return page.evaluate(async () => ({
    local: { ...localStorage },
    session: { ...sessionStorage },
    cookie: document.cookie,
    idb: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
  }));
}

/** Every stored thing whose name mentions shelfwise, as `local:<key>`, `session:<key>`, … */
export async function shelfwiseKeys(page) {
  const s = await storageOf(page);
  const hit = (k) => /shelfwise/i.test(k);
  return [
    ...Object.keys(s.local).filter(hit).map((k) => 'local:' + k),
    ...Object.keys(s.session).filter(hit).map((k) => 'session:' + k),
    ...s.cookie.split(';').map((c) => c.trim()).filter((c) => c && hit(c)).map((c) => 'cookie:' + c),
    ...s.idb.filter(hit).map((n) => 'idb:' + n),
  ].sort();
}
