// What the browser tests share: Debian's Chromium launched as they need it, axe-core (WCAG 2.1 A/AA)
// and the keyboard walk (skip link first, every stop with a visible focus inside the viewport, every
// link reachable). Used by check-pages.mjs (the public board) and desk-journey.mjs (the clerk desk).

import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
export const axeVersion = require('axe-core/package.json').version;

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
// Without the background-networking flags Chromium keeps dialling Google's hosts, which this network refuses.
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const NAVIGATION_TIMEOUT_MS = 30_000;

export async function runAxe(page) {
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

/**
 * The index of the first tabbable element inside or after <main>: where Tab goes after the skip link.
 * Elements that are not rendered (in a hidden section, say) take no Tab stop.
 */
function firstTabbableFromMain(selector) {
  const main = document.querySelector('main');
  return [...document.querySelectorAll(selector)].findIndex((element) => element.checkVisibility()
    && (main.contains(element) || (main.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0));
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

/**
 * @param afterLoad awaited after each load of the page, for a page that builds itself by script
 *     (the desk): the walk starts once what it shows is there
 */
export async function checkKeyboard(page, url, screenshot, afterLoad = async () => {}) {
  const failures = [];
  await page.goto(url, { timeout: NAVIGATION_TIMEOUT_MS });
  await afterLoad();
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
  await afterLoad();
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


/** Debian's Chromium (or CHROMIUM_PATH) with a throw-away profile; close() removes the profile. */
export async function launchChromium() {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'anslag-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Presses Tab until the element matching the selector has the focus; false if it never does. */
export async function tabTo(page, selector, limit = 30) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return true;
  }
  return false;
}

/**
 * axe, sideways scrolling and a full-page screenshot (`<prefix>-<name>-<viewport>.png`) of the page as it
 * stands, at each viewport; failures go into report.failures. Leaves the page at the first viewport.
 */
export async function checkViewports(page, report, prefix, name) {
  const viewports = {};
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    const axe = await runAxe(page);
    const screenshot = path.join(report.artifactDir, `${prefix}-${name}-${viewport.name}.png`);
    await page.screenshot({ path: screenshot, fullPage: true });
    report.screenshots.push(screenshot);
    for (const violation of axe.violations) {
      report.failures.push(`${name} (${viewport.name}): axe ${violation.id}: ${violation.help} at `
        + violation.nodes.map((n) => n.target).join(', '));
    }
    if (overflow > 0) report.failures.push(`${name} (${viewport.name}): ${overflow} px of sideways scrolling`);
    viewports[viewport.name] = { horizontalOverflowPx: Math.max(0, overflow), axe };
  }
  await page.setViewportSize({ width: VIEWPORTS[0].width, height: VIEWPORTS[0].height });
  return viewports;
}

/**
 * Runs a journey script: the spec from argv[2] (checked by `check`, which throws), Chromium launched, the
 * journey run with a report it fills, page errors counted as failures; prints the report as JSON and sets the
 * exit code (0 ok, 1 a check failed, 2 the journey could not run).
 */
export function runJourney(check, journey) {
  async function main() {
    const spec = JSON.parse(process.argv[2] ?? '{}');
    check(spec);
    const report = { ok: false, axeCore: axeVersion, axeTags: AXE_TAGS, failures: [], states: [], screenshots: [],
      artifactDir: path.resolve(spec.artifactDir ?? 'browser-artifacts') };
    await mkdir(report.artifactDir, { recursive: true });
    const chromium = await launchChromium();
    try {
      report.chromium = chromium.context.browser()?.version() ?? null;
      const pageErrors = [];
      chromium.context.on('weberror', (error) => pageErrors.push(String(error.error())));
      await journey(chromium.context, spec, report);
      report.pageErrors = pageErrors;
      pageErrors.forEach((e) => report.failures.push(`page error: ${e}`));
    } catch (error) {
      report.failures.push(`the journey stopped: ${error?.stack ?? error}`);
    } finally {
      await chromium.close();
    }
    report.ok = report.failures.length === 0;
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return report.ok ? 0 : 1;
  }
  main().then(
    (code) => { process.exitCode = code; },
    (error) => {
      process.stdout.write(JSON.stringify({ ok: false, error: String(error?.stack ?? error) }, null, 2) + '\n');
      process.exitCode = 2;
    });
}
