// Checks pages of the public notice board in Debian's headless Chromium, as a visitor would use them:
// language, visible texts and dates, axe-core (WCAG 2.1 A/AA), keyboard use, no sideways scrolling on a
// phone, and a full-page screenshot per viewport. Prints one JSON document on stdout; exits 1 if any check
// fails, 2 if the checks could not run.
//
// Usage: node check-pages.mjs <spec.json | inline JSON>
//
// Spec:
//   {
//     "baseUrl": "http://127.0.0.1:8080/",
//     "artifactDir": "target/browser-artifacts",
//     "pages": [
//       { "name": "ludvika-index", "path": "ludvika/index.html",
//         "texts": ["2024-03-12"],                                        // visible somewhere on the page
//         "definitions": { "Sista dag för överklagande": "2024-03-12" },  // <dt> term -> its <dd> contains
//         "absent": ["Införande av Microsoft 365"] }                      // nowhere in the page's text
//     ]
//   }
//
// It never downloads a browser: it drives /usr/bin/chromium (or CHROMIUM_PATH).

import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const axeVersion = require('axe-core/package.json').version;

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
// Without the background-networking flags Chromium keeps dialling Google's hosts, which this network refuses.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const NAVIGATION_TIMEOUT_MS = 30_000;

async function readSpec(argument) {
  if (!argument) {
    throw new Error('usage: node check-pages.mjs <spec.json | inline JSON>');
  }
  const text = argument.trimStart().startsWith('{') ? argument : await readFile(argument, 'utf8');
  const spec = JSON.parse(text);
  if (!spec.baseUrl || !Array.isArray(spec.pages) || spec.pages.length === 0) {
    throw new Error('the spec needs baseUrl and a non-empty pages list');
  }
  return { artifactDir: 'browser-artifacts', ...spec };
}

// Runs in the page. A text is shown if some innermost element holding it is rendered, has a size, and is not
// cut off by the page edge or by a scrolling or clipping ancestor (so a date hidden in a table that must be
// scrolled sideways, or in visually hidden text, does not count).
function findTexts({ texts, definitions, absent }) {
  const normalise = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
  const isShown = (element) => {
    if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
      return false;
    }
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.left < 0
        || box.right > document.documentElement.clientWidth + 0.5) {
      return false;
    }
    for (let ancestor = element.parentElement; ancestor; ancestor = ancestor.parentElement) {
      const style = getComputedStyle(ancestor);
      if (style.overflowX === 'visible' && style.overflowY === 'visible' && style.clipPath === 'none') {
        continue;
      }
      const frame = ancestor.getBoundingClientRect();
      if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5
          || box.top < frame.top - 0.5 || box.bottom > frame.bottom + 0.5) {
        return false;
      }
    }
    return true;
  };
  const elements = [...document.body.querySelectorAll('*')];
  const holders = (text) => elements.filter((e) => normalise(e.innerText).includes(text)
    && ![...e.children].some((child) => normalise(child.innerText).includes(text)));
  const results = texts.map((text) => ({ text, visible: holders(normalise(text)).some(isShown) }));
  for (const [term, value] of Object.entries(definitions)) {
    const dt = [...document.querySelectorAll('dt')].find((e) => normalise(e.innerText) === term);
    const dd = dt?.nextElementSibling;
    const visible = dd?.tagName === 'DD' && isShown(dt) && isShown(dd) && normalise(dd.innerText).includes(value);
    results.push({ text: `${term}: ${value}`, visible });
  }
  const pageText = document.body.textContent;
  for (const text of absent) {
    results.push({ text, absent: true, present: pageText.includes(text) });
  }
  return results;
}

async function checkTexts(page, spec) {
  return page.evaluate(findTexts,
    { texts: spec.texts ?? [], definitions: spec.definitions ?? {}, absent: spec.absent ?? [] });
}

async function runAxe(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS);
  return {
    violations: result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    })),
    passes: result.passes.length,
    incomplete: result.incomplete.map((v) => ({ id: v.id, nodes: v.nodes.length })),
  };
}

// Everything below runs inside the page. Elements are named by their index among the tabbable ones.
const TABBABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

function describeFocus(selector) {
  const tabbable = [...document.querySelectorAll(selector)];
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) {
    return null;
  }
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  return {
    index: tabbable.indexOf(element),
    tag: element.tagName.toLowerCase(),
    text: (element.innerText || element.getAttribute('aria-label') || '').trim().slice(0, 80),
    href: element.getAttribute('href'),
    style: {
      outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth, outlineColor: style.outlineColor,
      boxShadow: style.boxShadow,
    },
    box: { x: box.x, y: box.y, width: box.width, height: box.height },
    viewport: { width: innerWidth, height: innerHeight },
  };
}

/** The index of the first tabbable element inside or after <main>: where Tab goes after the skip link. */
function firstTabbableFromMain(selector) {
  const main = document.querySelector('main');
  return [...document.querySelectorAll(selector)].findIndex((element) => main.contains(element)
    || (main.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
}

function unfocusedStyles(selector) {
  if (document.activeElement && document.activeElement !== document.body) {
    document.activeElement.blur();
  }
  return [...document.querySelectorAll(selector)].map((element) => {
    const style = getComputedStyle(element);
    return {
      tag: element.tagName.toLowerCase(),
      text: (element.innerText || '').trim().slice(0, 80),
      href: element.getAttribute('href'),
      style: {
        outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth, outlineColor: style.outlineColor,
        boxShadow: style.boxShadow,
      },
    };
  });
}

function parseColor(css) {
  const m = css.match(/rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)(?:[,/]\s*([\d.]+))?\)/);
  return m ? { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] } : null;
}

function luminance({ r, g, b }) {
  const channel = (c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** A focus indicator counts if focusing adds an outline or a box shadow of at least 3:1 against white. */
function focusIndicator(focused, unfocused) {
  const outline = focused.outlineStyle !== 'none' && parseFloat(focused.outlineWidth) >= 1
    && (focused.outlineStyle !== unfocused.outlineStyle || focused.outlineWidth !== unfocused.outlineWidth
      || focused.outlineColor !== unfocused.outlineColor);
  const shadow = focused.boxShadow !== 'none' && focused.boxShadow !== unfocused.boxShadow;
  const color = parseColor(outline ? focused.outlineColor : focused.boxShadow);
  const ratio = color && color.a > 0 ? contrast(color, { r: 255, g: 255, b: 255 }) : 0;
  return { visible: (outline || shadow) && ratio >= 3, kind: outline ? 'outline' : shadow ? 'box-shadow' : 'none',
    contrastOnWhite: Math.round(ratio * 100) / 100 };
}

function isInViewport(focus) {
  const { box, viewport } = focus;
  return box.width > 0 && box.height > 0 && box.x >= 0 && box.y >= 0
    && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;
}

async function checkKeyboard(page, url, screenshot) {
  const failures = [];
  await page.goto(url, { timeout: NAVIGATION_TIMEOUT_MS });
  const unfocused = await page.evaluate(unfocusedStyles, TABBABLE);

  // The skip link comes first, shows itself when focused, and moves on into the main content.
  await page.keyboard.press('Tab');
  const first = await page.evaluate(describeFocus, TABBABLE);
  const skipTarget = first?.href?.startsWith('#')
    ? await page.evaluate((id) => document.getElementById(id)?.tagName.toLowerCase() ?? null, first.href.slice(1))
    : null;
  const skipLink = {
    text: first?.text ?? null,
    href: first?.href ?? null,
    isFirst: first !== null && skipTarget === 'main',
    visibleWhenFocused: first !== null && isInViewport(first),
    movesToMain: false,
  };
  if (!skipLink.isFirst) {
    failures.push(`the first Tab stop is not a skip link to <main>: ${JSON.stringify(first)}`);
  }
  if (screenshot) {
    await page.screenshot({ path: screenshot });
  }
  if (!skipLink.visibleWhenFocused) {
    failures.push(`the skip link is not inside the viewport when focused: ${JSON.stringify(first?.box)}`);
  }
  if (skipLink.isFirst) {
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const afterSkip = await page.evaluate(describeFocus, TABBABLE);
    const expected = await page.evaluate(firstTabbableFromMain, TABBABLE);
    skipLink.movesToMain = afterSkip !== null && afterSkip.index === expected;
    skipLink.firstStopAfterSkip = afterSkip?.text ?? null;
    if (!skipLink.movesToMain) {
      failures.push(`after the skip link, Tab goes to ${JSON.stringify(afterSkip?.text)}, `
        + 'not to the first stop in or after <main>');
    }
  }

  // Walk the whole page by Tab from a fresh load.
  await page.goto(url, { timeout: NAVIGATION_TIMEOUT_MS });
  const order = [];
  const reached = new Set();
  for (let step = 0; step < unfocused.length + 3; step++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(describeFocus, TABBABLE);
    if (focus === null || reached.has(focus.index)) {
      break;
    }
    reached.add(focus.index);
    const before = unfocused[focus.index]?.style ?? { outlineStyle: 'none', outlineWidth: '0px', boxShadow: 'none' };
    const indicator = focusIndicator(focus.style, before);
    const stop = { tag: focus.tag, text: focus.text, href: focus.href, indicator: indicator.kind,
      contrastOnWhite: indicator.contrastOnWhite, inViewport: isInViewport(focus) };
    order.push(stop);
    if (!indicator.visible) {
      failures.push(`no visible focus indicator on ${focus.tag} "${focus.text}" (${JSON.stringify(focus.style)})`);
    }
    if (!stop.inViewport) {
      failures.push(`${focus.tag} "${focus.text}" is focused outside the viewport`);
    }
  }
  const unreachableLinks = unfocused
    .map((element, index) => ({ ...element, index }))
    .filter((element) => element.tag === 'a' && !reached.has(element.index))
    .map(({ text, href }) => ({ text, href }));
  for (const link of unreachableLinks) {
    failures.push(`link "${link.text}" (${link.href}) is not reachable by Tab`);
  }
  return { ok: failures.length === 0, failures, skipLink, tabStops: order.length, order, unreachableLinks };
}

async function checkPage(context, spec, baseUrl, artifactDir) {
  const url = new URL(spec.path, baseUrl).href;
  const name = spec.name ?? spec.path.replace(/[^a-z0-9]+/gi, '-');
  const result = { name, path: spec.path, url, ok: false, failures: [], viewports: {}, screenshots: [] };
  const page = await context.newPage();
  try {
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      const response = await page.goto(url, { timeout: NAVIGATION_TIMEOUT_MS });
      const status = response?.status() ?? 0;
      if (status !== 200) {
        result.failures.push(`${viewport.name}: HTTP ${status} for ${url}`);
        continue;
      }
      const lang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
      const texts = await checkTexts(page, spec);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      const axe = await runAxe(page);
      const screenshot = path.join(artifactDir, `${name}-${viewport.name}.png`);
      await page.goto(url, { timeout: NAVIGATION_TIMEOUT_MS }); // without axe's additions
      await page.screenshot({ path: screenshot, fullPage: true });
      result.screenshots.push(screenshot);
      const focusShot = path.join(artifactDir, `${name}-${viewport.name}-skip-link.png`);
      const keyboard = await checkKeyboard(page, url, focusShot);
      result.screenshots.push(focusShot);

      if (lang !== 'sv') {
        result.failures.push(`${viewport.name}: <html lang="${lang}">, expected "sv"`);
      }
      for (const wrong of texts.filter((t) => (t.absent ? t.present : !t.visible))) {
        result.failures.push(`${viewport.name}: text ${wrong.absent ? 'present' : 'not visible'}: ${wrong.text}`);
      }
      if (overflow > 0) {
        result.failures.push(`${viewport.name}: the page scrolls sideways by ${overflow}px`);
      }
      for (const violation of axe.violations) {
        result.failures.push(`${viewport.name}: axe ${violation.id} (${violation.impact}): ${violation.help} at `
          + violation.nodes.map((n) => n.target).join(', '));
      }
      result.failures.push(...keyboard.failures.map((f) => `${viewport.name}: keyboard: ${f}`));
      result.viewports[viewport.name] = { status, lang, texts, horizontalOverflowPx: Math.max(0, overflow), axe,
        keyboard };
    }
  } finally {
    await page.close();
  }
  result.ok = result.failures.length === 0;
  return result;
}

async function main() {
  const spec = await readSpec(process.argv[2]);
  const artifactDir = path.resolve(spec.artifactDir);
  await mkdir(artifactDir, { recursive: true });
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'anslag-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      locale: 'sv-SE',
      timezoneId: 'Europe/Stockholm',
    });
    const pages = [];
    for (const pageSpec of spec.pages) {
      pages.push(await checkPage(context, pageSpec, spec.baseUrl, artifactDir));
    }
    const report = {
      ok: pages.every((p) => p.ok),
      chromium: context.browser()?.version() ?? null,
      axeCore: axeVersion,
      axeTags: AXE_TAGS,
      pages,
    };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return report.ok ? 0 : 1;
  } finally {
    await context?.close().catch(() => {});
    await rm(userDataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => { process.exitCode = code; },
  (error) => {
    process.stdout.write(JSON.stringify({ ok: false, error: String(error?.stack ?? error) }, null, 2) + '\n');
    process.exitCode = 2;
  });
