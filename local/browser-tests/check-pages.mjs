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

import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  AXE_TAGS, NAVIGATION_TIMEOUT_MS, VIEWPORTS, axeVersion, checkKeyboard, launchChromium, runAxe,
} from './page-checks.mjs';

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
  let chromium;
  try {
    chromium = await launchChromium();
    const { context } = chromium;
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
    await chromium?.close();
  }
}

main().then(
  (code) => { process.exitCode = code; },
  (error) => {
    process.stdout.write(JSON.stringify({ ok: false, error: String(error?.stack ?? error) }, null, 2) + '\n');
    process.exitCode = 2;
  });
