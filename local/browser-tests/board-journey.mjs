// The public board in Debian's headless Chromium as a resident uses it, by keyboard alone: subscribe from
// the board page, find notices with the filter form (kind, organ, year), follow an organ link and the
// archive; or (phase "confirm") open the link of the confirmation mail. Each page reached is checked with
// axe-core (WCAG 2.1 A/AA) and for sideways scrolling at 1280 and 390 px, with a screenshot; the static
// pages also get check-pages.mjs's keyboard walk from the test. Prints one JSON document on stdout; exits
// 1 if a check fails, 2 if the journey could not run.
//
// Usage: node board-journey.mjs '{"phase": "subscribe-and-find", "boardUrl": ".../ludvika/",
//                                 "email": "...", "organ": "Kommunstyrelsen", "year": "2025",
//                                 "organLink": "organ/kommunstyrelsen/index.html",
//                                 "archiveYear": "2024", "artifactDir": "..."}'
//        node board-journey.mjs '{"phase": "confirm", "confirmUrl": "...", "artifactDir": "..."}'

import { NAVIGATION_TIMEOUT_MS, VIEWPORTS, checkViewports, runJourney, tabTo } from './page-checks.mjs';

function fail(report, text) {
  report.failures.push(text);
}

/** What the page shows, axe at each viewport, sideways scrolling and a screenshot. */
async function checkState(page, report, name) {
  const state = {
    name,
    url: page.url(),
    lang: await page.evaluate(() => document.documentElement.lang),
    h1: (await page.textContent('h1'))?.trim() ?? null,
  };
  state.viewports = await checkViewports(page, report, 'board', name);
  if (state.lang !== 'sv') fail(report, `${name}: <html lang="${state.lang}">`);
  report.states.push(state);
  return state;
}

/** Tabs to a link or button and presses Enter, waiting for the page it leads to. */
async function follow(page, report, selector, what) {
  if (!await tabTo(page, selector, 60)) {
    fail(report, `${what} is not reachable by Tab (${selector})`);
    return false;
  }
  await Promise.all([page.waitForNavigation({ timeout: NAVIGATION_TIMEOUT_MS }), page.keyboard.press('Enter')]);
  return true;
}

/** Chooses an option of a <select> by keyboard: Tab to it, then ArrowDown until its text is the one wanted. */
async function chooseByKeyboard(page, selector, text, report) {
  if (!await tabTo(page, selector, 60)) {
    fail(report, `${selector} is not reachable by Tab`);
    return;
  }
  const count = await page.$$eval(`${selector} option`, (options) => options.length);
  await page.keyboard.press('Home');
  for (let i = 0; i < count; i++) {
    const chosen = await page.$eval(selector, (s) => s.options[s.selectedIndex].text);
    if (chosen === text) return;
    await page.keyboard.press('ArrowDown');
  }
  fail(report, `${selector}: no option "${text}" chosen by keyboard`);
}

async function rows(page) {
  return page.$$eval('table.anslag tbody tr', (trs) => trs.map((tr) => tr.innerText.replace(/\s+/g, ' ').trim()));
}

async function subscribeAndFind(context, spec, report) {
  const page = await context.newPage();
  await page.setViewportSize({ width: VIEWPORTS[0].width, height: VIEWPORTS[0].height });

  // Subscribe: Tab to the e-mail field, type, Enter submits the plain form.
  await page.goto(spec.boardUrl, { timeout: NAVIGATION_TIMEOUT_MS });
  if (!await tabTo(page, '#prenumerera-epost', 60)) fail(report, 'the subscription field is not reachable by Tab');
  report.subscriptionLabel = await page.textContent('label[for=prenumerera-epost]');
  await page.keyboard.type(spec.email);
  const [answer] = await Promise.all([
    page.waitForNavigation({ timeout: NAVIGATION_TIMEOUT_MS }), page.keyboard.press('Enter')]);
  report.subscribed = { status: answer?.status() ?? 0, text: (await page.textContent('main'))?.replace(/\s+/g, ' ').trim() };
  await checkState(page, report, 'subscription-answer');

  // The filter form: organ and year chosen by keyboard, submitted with Enter on its button.
  await page.goto(spec.boardUrl, { timeout: NAVIGATION_TIMEOUT_MS });
  await chooseByKeyboard(page, '#hitta-organ', spec.organ, report);
  await chooseByKeyboard(page, '#hitta-ar', spec.year, report);
  if (await follow(page, report, 'section[aria-labelledby=hitta] button[type=submit]', 'the filter button')) {
    const state = await checkState(page, report, 'filtered');
    report.filtered = { url: page.url(), h1: state.h1, rows: await rows(page),
      selected: await page.$$eval('section[aria-labelledby=hitta] select', (ss) => ss.map((s) => s.options[s.selectedIndex].text)) };
  }

  // The organ's own page from the board's organ links.
  await page.goto(spec.boardUrl, { timeout: NAVIGATION_TIMEOUT_MS });
  if (await follow(page, report, `nav[aria-labelledby=organfilter] a[href="${spec.organLink}"]`, 'the organ link')) {
    report.organ = { url: page.url(), h1: (await checkState(page, report, 'organ')).h1, rows: await rows(page) };
  }

  // The archive, and its year.
  await page.goto(spec.boardUrl, { timeout: NAVIGATION_TIMEOUT_MS });
  if (await follow(page, report, 'a[href="arkiv/index.html"]', 'the archive link')) {
    await checkState(page, report, 'archive');
    report.archiveYears = await page.$$eval('main ul li', (lis) => lis.map((li) => li.innerText.trim()));
    if (await follow(page, report, `a[href="${spec.archiveYear}/index.html"]`, 'the archive year link')) {
      report.archiveYear = { url: page.url(), h1: (await checkState(page, report, 'archive-year')).h1,
        rows: await rows(page) };
    }
  }
  await page.close();
}

async function confirm(context, spec, report) {
  const page = await context.newPage();
  await page.setViewportSize({ width: VIEWPORTS[0].width, height: VIEWPORTS[0].height });
  const response = await page.goto(spec.confirmUrl, { timeout: NAVIGATION_TIMEOUT_MS });
  report.confirmed = { status: response?.status() ?? 0, text: (await page.textContent('main'))?.replace(/\s+/g, ' ').trim() };
  await checkState(page, report, 'confirmed');
  await page.close();
}

const PHASES = { 'subscribe-and-find': subscribeAndFind, confirm };

runJourney((spec) => {
  if (!PHASES[spec.phase]) throw new Error(`the spec's phase must be one of ${Object.keys(PHASES).join(', ')}`);
}, (context, spec, report) => {
  report.phase = spec.phase;
  return PHASES[spec.phase](context, spec, report);
});
