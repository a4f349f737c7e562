// <shelfwise-panel> and <shelfwise-why>: the shopper's view of and control over their Shelfwise
// profile. A separate, optional file: pages that do not use the panel never download it.
//
// Usage (classic script or module):
//   <script src="/pkg/shelfwise-panel.js"></script>
//   <shelfwise-panel></shelfwise-panel>
//   <shelfwise-why item-id="sku-1"></shelfwise-why>
//   shelfwisePanel.connect(engine);   // or panel.engine = engine for one element
//
// It talks to the engine only through its public JS API (profile, consent, pause, resume,
// removeInterest, removeItem, removeSearch, prefer, avoid, clearChoice, explain, exportProfile,
// importProfile, erase). Profile data is only ever written with textContent, never as HTML.
// Styles can be overridden with the CSS custom properties listed in STYLES below.
//
// This file and its parts in panel/ (words.js: plain-language text; lists.js: the profile's
// lists and their controls; export.js: the downloaded file in words) are ES modules; scripts/build.sh bundles them into one classic
// script, pkg/shelfwise-panel.js.
import { el, lists } from './panel/lists.js';
import { whyText } from './panel/words.js';
import { compactOf, readable } from './panel/export.js';

if (typeof customElements !== 'undefined' && !customElements.get('shelfwise-panel')) {

  let sharedEngine = null;
  const connected = new Set();
  /** The `<shelfwise-why>` elements on the page (an open one re-reads its reason on a change). */
  const whys = new Set();

  /** Re-reads every open why box's reason and, with `panels`, every panel's profile, once the
   * page's own listeners (which may rank again) and the engine (another tab's change) have run.
   * (A panel's own action re-renders it and places focus: another render would lose focus.) */
  function reread(panels) {
    setTimeout(() => {
      if (panels) for (const p of connected) p.refresh();
      for (const w of whys) w.reread();
    }, 0);
  }

  const STYLES = `
    :host { display: block; font: var(--shelfwise-panel-font, inherit);
      color: var(--shelfwise-panel-color, inherit); background: var(--shelfwise-panel-background, transparent);
      border: var(--shelfwise-panel-border, 1px solid #ccc); border-radius: var(--shelfwise-panel-radius, .5rem);
      padding: var(--shelfwise-panel-padding, 1rem); }
    h2 { font-size: var(--shelfwise-panel-title-size, 1.15em); margin: 0 0 .4em; }
    h3 { font-size: var(--shelfwise-panel-heading-size, 1em); margin: 1em 0 .3em; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { display: flex; flex-wrap: wrap; align-items: center; gap: var(--shelfwise-panel-gap, .5em); padding: .2em 0; }
    .label { flex: 1 1 12em; }
    .strength { color: var(--shelfwise-panel-muted, #555); font-size: .9em; }
    .empty, .note { color: var(--shelfwise-panel-muted, #555); margin: 0; }
    .actions { display: flex; flex-wrap: wrap; gap: var(--shelfwise-panel-gap, .5em); margin-top: 1em; }
    button, .file { font: inherit; cursor: pointer; color: var(--shelfwise-panel-button-color, inherit);
      background: var(--shelfwise-panel-button-background, #f3f3f3);
      border: var(--shelfwise-panel-button-border, 1px solid #888); border-radius: var(--shelfwise-panel-button-radius, .3em);
      padding: .2em .6em; }
    button:focus-visible, input:focus-visible + .file { outline: var(--shelfwise-panel-focus, 2px solid #05c); outline-offset: 2px; }
    button.danger { color: var(--shelfwise-panel-danger, #a00); }
    input[type=file] { position: absolute; width: 1px; height: 1px; opacity: 0; overflow: hidden; }
    [role=status] { min-height: 1.2em; margin: .5em 0 0; color: var(--shelfwise-panel-accent, #064); }
  `;

  /** Says `text` in `live` for a failed action: the shopper reads plain words; the engine's
   * message (for the page's developer) goes to the console, once per failure. */
  function failed(live, error, text = 'That did not work. Nothing was changed.') {
    console.warn('[shelfwise] ' + (error && error.message ? error.message.replace(/^shelfwise: /, '') : error));
    live.textContent = text;
  }

  /** Largest file the import reads (1 MiB): far above any export. */
  const MAX_IMPORT_BYTES = 1 << 20;

  function adopt(root) {
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function') {
      try {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(STYLES);
        root.adoptedStyleSheets = [sheet];
        return;
      } catch { /* fall through */ }
    }
    root.append(el('style', { text: STYLES }));
  }

  class ShelfwisePanel extends HTMLElement {
    constructor() {
      super();
      this._engine = null;
      this._confirming = false;
      this.attachShadow({ mode: 'open' });
      adopt(this.shadowRoot);
      // The live region stays in place across re-renders so screen readers announce changes.
      this._section = el('section', { 'aria-labelledby': 'title' });
      this._live = el('p', { role: 'status', 'aria-live': 'polite' });
      this.shadowRoot.append(this._section, this._live);
    }

    /** The engine this panel shows; defaults to the one given to shelfwisePanel.connect(). */
    get engine() { return this._engine || sharedEngine; }
    set engine(e) { this._engine = e; this.refresh(); }

    connectedCallback() { connected.add(this); this.refresh(); }
    disconnectedCallback() { connected.delete(this); }

    /** Announces `text` in the live region (screen readers read it out). */
    announce(text) {
      this._live.textContent = text;
    }

    /** Runs a panel action, re-renders, announces `message` (text, or a function giving it
     * afterwards; `failure` if the action throws), and moves focus to `focus`. */
    act(run, message, focus, failure) {
      try {
        run(this.engine);
        this.refresh();
        this.announce(typeof message === 'function' ? message() : message);
      } catch (e) {
        this.refresh();
        failed(this._live, e, failure);
      }
      // The first of the candidate selectors that still matches gets focus.
      const candidates = [].concat(focus || [], 'h2');
      const target = candidates.map((s) => this.shadowRoot.querySelector(s)).find(Boolean);
      if (target) target.focus();
      // Lets the page re-rank what it shows (the panel itself is already up to date).
      this.dispatchEvent(new CustomEvent('shelfwise-change', { bubbles: true, composed: true }));
    }

    refresh() {
      const section = this._section;
      section.replaceChildren();
      const engine = this.engine;
      section.append(el('h2', { id: 'title', tabIndex: -1, text: this.getAttribute('heading') || 'Your personalization' }));
      if (!engine || typeof engine.profile !== 'function') { // none yet, or the core build's (no profile())
        section.append(el('p', { className: 'note', text: 'Personalization is not available on this page.' }));
        return;
      }
      const p = engine.profile();
      const consent = engine.consent || 'granted';
      section.append(el('p', { className: 'note', id: 'state', text: this.stateText(consent, p.paused) }));
      for (const part of lists(this, p, engine)) {
        if (part) section.append(part);
      }
      section.append(this.actions(p));
    }

    stateText(consent, paused) {
      if (consent === 'denied') return 'Personalization is off: nothing is stored and you see the shop’s own order.';
      if (paused) return 'Personalization is paused: you see the shop’s own order and nothing new is learned.';
      if (consent === 'pending') return 'Personalization uses this page only; nothing is stored until you agree.';
      return 'Personalization is on. What it learned is kept in this browser only and never sent anywhere.';
    }

    actions(p) {
      const bar = el('div', { className: 'actions', role: 'group', 'aria-label': 'Your data' });
      if (this._confirming) {
        const cancel = () => { this._confirming = false; this.act(() => {}, 'Nothing was erased.', '#erase'); };
        // Escape cancels, as in a dialog.
        bar.addEventListener('keydown', (e) => { if (e.key === 'Escape') cancel(); });
        bar.append(
          el('span', { id: 'confirm-text', text: 'Erase everything Shelfwise stored in this browser?' }),
          el('button', { type: 'button', id: 'erase-yes', className: 'danger', 'aria-describedby': 'confirm-text', text: 'Yes, erase everything',
            on: () => { this._confirming = false; this.act((e) => e.erase(), 'Everything was erased.', '#erase'); } }),
          el('button', { type: 'button', id: 'erase-no', text: 'Cancel', on: cancel }));
        return bar;
      }
      const paused = !!p.paused;
      bar.append(
        el('button', { type: 'button', id: 'pause', 'aria-pressed': String(paused), text: 'Pause personalization',
          on: () => this.act((e) => (paused ? e.resume() : e.pause()),
            paused ? 'Personalization resumed.' : 'Personalization paused.', '#pause') }),
        el('button', { type: 'button', id: 'export', text: 'Download my data', on: () => this.download() }),
        el('input', { type: 'file', id: 'import-file', accept: 'application/json,.json' }),
        el('label', { htmlFor: 'import-file', className: 'file', id: 'import-label', text: 'Import data from a file' }),
        el('button', { type: 'button', id: 'erase', className: 'danger', text: 'Erase everything',
          on: () => { this._confirming = true; this.refresh(); this.shadowRoot.querySelector('#erase-no').focus(); } }));
      const input = bar.querySelector('#import-file');
      input.addEventListener('change', () => this.upload(input));
      return bar;
    }

    download() {
      // In words, with the compact stored form inside for import (panel/export.js).
      const data = JSON.stringify(readable(this.engine.exportProfile()), null, 2);
      const url = URL.createObjectURL(new Blob([data], { type: 'application/json' }));
      const a = el('a', { href: url, download: this.getAttribute('file-name') || 'shelfwise-profile.json' });
      this.shadowRoot.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 0);
      this.announce('Your data was downloaded as a file.');
    }

    async upload(input) {
      const file = input.files && input.files[0];
      if (!file) return;
      // An export is a few KB (the profile is at most 16 KiB); a far larger file is not one,
      // and reading it whole could freeze the page.
      if (file.size > MAX_IMPORT_BYTES) {
        this.announce('That file is too large to be your Shelfwise data.');
        return;
      }
      let data;
      try {
        data = JSON.parse(await file.text());
      } catch {
        this.announce('That file is damaged or is not your Shelfwise data.');
        return;
      }
      // While consent is denied the engine keeps nothing: say so rather than show its error.
      if (this.engine.consent === 'denied') {
        return this.act(() => {}, 'Personalization is off, so nothing was imported.', '#import-file');
      }
      // A file of “Download my data” (the compact form inside it) or an older, compact export.
      const compact = compactOf(data);
      const notOurs = 'That file is not your Shelfwise data: choose a file saved with “Download my data”.';
      if (!compact) return this.act(() => {}, notOurs, '#import-file');
      let said = 'Your data was imported.';
      this.act((e) => {
        try {
          e.importProfile(compact);
        } catch (err) {
          // README "API": the message names the field; `profile:` means no export at all.
          if (!/^shelfwise: profile: /.test(err && err.message)) throw err;
          said = notOurs;
        }
      }, () => said, '#import-file', 'Your data could not be imported. Nothing was changed.');
    }
  }

  class ShelfwiseWhy extends HTMLElement {
    constructor() {
      super();
      this._engine = null;
      this.attachShadow({ mode: 'open' });
      adopt(this.shadowRoot);
      this._button = el('button', { type: 'button', 'aria-expanded': 'false', text: this.getAttribute('label') || 'Why am I seeing this?' });
      this._text = el('p', { id: 'why-text' });
      // "More like this" / "Not interested" on this item: explicit choices outweigh learning.
      this._more = el('button', { type: 'button', text: 'More like this', on: () => this.choose('prefer', 'You will see more like this.') });
      this._less = el('button', { type: 'button', text: 'Not interested', on: () => this.choose('avoid', 'You will see this less.') });
      this._live = el('span', { role: 'status', 'aria-live': 'polite' });
      this._box = el('div', { id: 'why', hidden: true }, this._text, this._more, this._less, this._live);
      this._button.setAttribute('aria-controls', 'why');
      this._button.addEventListener('click', () => this.toggle());
      this.shadowRoot.append(this._button, this._box);
    }

    choose(method, message) {
      const e = this.engine;
      const id = this.getAttribute('item-id');
      if (!e || !id) return;
      // While consent is denied the engine keeps no choice: say so rather than claim it.
      if (e.consent === 'denied') {
        this._live.textContent = 'Personalization is off, so this choice was not kept.';
        return;
      }
      try {
        e[method]({ id });
        this._live.textContent = message;
      } catch (err) {
        failed(this._live, err);
        return;
      }
      // The panels showing this engine list the new choice at once.
      for (const p of connected) if (p.engine === e) p.refresh();
      this.dispatchEvent(new CustomEvent('shelfwise-change', { bubbles: true, composed: true }));
    }

    get engine() { return this._engine || sharedEngine; }
    set engine(e) { this._engine = e; }

    connectedCallback() { whys.add(this); }
    disconnectedCallback() { whys.delete(this); }

    /** An open box says what explain() says now: after an erase or a removal, not the old reason. */
    reread() {
      if (this._button.getAttribute('aria-expanded') === 'true') this._text.textContent = this.text;
    }

    /** The sentence for this element's item, from engine.explain(). */
    get text() {
      const e = this.engine;
      const id = this.getAttribute('item-id');
      return !e || !id ? '' : typeof e.explain === 'function' ? whyText(e.explain(id)) : 'Personalization is not available on this page.';
    }

    toggle() {
      const open = this._button.getAttribute('aria-expanded') !== 'true';
      this._text.textContent = open ? this.text : '';
      this._live.textContent = '';
      this._box.hidden = !open;
      this._button.setAttribute('aria-expanded', String(open));
    }
  }

  // Another tab's erase or events reach the engine as a `storage` event: re-read the profile
  // once the engine (which may have registered its listener later) has taken it in. A panel's
  // or why box's action (`shelfwise-change`) changes what the open why boxes should say.
  addEventListener('storage', () => reread(true));
  addEventListener('shelfwise-change', () => reread(false));

  customElements.define('shelfwise-panel', ShelfwisePanel);
  customElements.define('shelfwise-why', ShelfwiseWhy);

  globalThis.shelfwisePanel = {
    /** Gives every panel and "why" button on the page this engine, and shows its profile. */
    connect(engine) {
      sharedEngine = engine;
      // The panel then says "not available" to the shopper; the developer is told why, once.
      if (engine && typeof engine.profile !== 'function') {
        console.warn('[shelfwise] shelfwisePanel.connect: this engine has no profile() or explain() (the core build, data-build="core"): the panel needs the full build');
      }
      for (const p of connected) p.refresh();
    },
    /** Re-reads the profile in every panel and what every open "why" box says (call after
     * tracking or a change made by the page's own code, if the panel is visible). */
    refresh() { for (const p of connected) p.refresh(); for (const w of whys) w.reread(); },
    /** The "why am I seeing this?" sentence for an explanation from engine.explain(id). */
    whyText,
    /** The engine's profile as "Download my data" saves it: in words, the compact form inside. */
    readableExport: (engine) => readable(engine.exportProfile()),
  };
}
