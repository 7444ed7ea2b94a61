// The clerk desk in Debian's headless Chromium, as a clerk uses it: sign in by keyboard, refuse a file
// that is not minutes, upload the sample PDF with the progress shown, see it listed once read, review
// what was read, give the one unknown recipient an address, publish, follow the send-outs until they
// settle, open the notice on each board from the desk's links, sign out.
// Every state is checked with axe-core (WCAG 2.1 A/AA), for sideways scrolling and by the keyboard walk,
// on a desktop and at 390 px, with a screenshot. Prints one JSON document on stdout; exits 1 if a check
// fails, 2 if the journey could not run.
//
// Usage: node desk-journey.mjs '{"deskUrl": "...", "email": "...", "password": "...",
//                                "file": "/path/minutes.pdf", "listed": "text the list shows",
//                                "fixAddress": "address for the unknown recipient",
//                                "boardNotice": "text the notice's page on each board shows", "artifactDir": "..."}'

import path from 'node:path';
import { NAVIGATION_TIMEOUT_MS, VIEWPORTS, checkKeyboard, checkViewports, runJourney, tabTo } from './page-checks.mjs';

const READING_TIMEOUT_MS = 120_000;
// The board is rendered once the publication is through, before the send-outs settle.
const BOARD_TIMEOUT_MS = 30_000;

function fail(report, text) {
  report.failures.push(text);
}

/** axe, overflow and a screenshot of the page as it stands, at each viewport; the keyboard walk too. */
async function checkState(page, report, name, { keyboard = true } = {}) {
  const state = { name, viewports: await checkViewports(page, report, 'desk', name) };
  if (keyboard) {
    // The walk reloads the page: the token in sessionStorage keeps the clerk signed in.
    const shown = await page.evaluate(() => (document.getElementById('desk').hidden ? '#sign-in' : '#desk'));
    const walk = await checkKeyboard(page, page.url(), null,
      () => page.waitForSelector(shown + ':not([hidden])', { timeout: NAVIGATION_TIMEOUT_MS }));
    walk.failures.forEach((f) => fail(report, `${name}: keyboard: ${f}`));
    state.keyboard = walk;
  }
  report.states.push(state);
}

async function journey(context, spec, report) {
  const page = await context.newPage();
  await page.setViewportSize({ width: VIEWPORTS[0].width, height: VIEWPORTS[0].height });
  await page.goto(spec.deskUrl, { timeout: NAVIGATION_TIMEOUT_MS });
  await page.waitForSelector('#sign-in:not([hidden])', { timeout: NAVIGATION_TIMEOUT_MS });
  report.lang = await page.evaluate(() => document.documentElement.lang);
  await checkState(page, report, 'sign-in');

  // A wrong password first: a clear message, still on the sign-in form.
  await page.goto(spec.deskUrl, { timeout: NAVIGATION_TIMEOUT_MS });
  await page.waitForSelector('#sign-in:not([hidden])');
  if (!await tabTo(page, '#email')) fail(report, 'the e-mail field is not reachable by Tab');
  await page.keyboard.type(spec.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Fel-lösenord-123');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('sign-in-error').textContent.length > 0);
  report.wrongPassword = await page.textContent('#sign-in-error');
  await checkState(page, report, 'sign-in-refused', { keyboard: false });

  // By keyboard alone: to the password field, type, Enter.
  await page.focus('#password');
  await page.fill('#password', '');
  await page.keyboard.type(spec.password);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#desk:not([hidden])', { timeout: NAVIGATION_TIMEOUT_MS });
  report.signedInAs = await page.textContent('#clerk-email');
  report.organs = await page.textContent('#clerk-organs');
  await checkState(page, report, 'start');

  // A file that is not minutes is refused before anything is sent.
  await page.setInputFiles('#file', { name: 'protokoll.docx', mimeType: 'application/msword', buffer: Buffer.from('not minutes') });
  await page.waitForFunction(() => document.getElementById('upload-error').textContent.length > 0);
  report.refusedFile = await page.textContent('#upload-error');
  await checkState(page, report, 'refused-file', { keyboard: false });

  // The file picker is reached by keyboard; the browser's own dialog then cannot be driven, so the
  // file is set on the input the clerk reached.
  if (!await tabTo(page, '#file')) fail(report, 'the file picker is not reachable by Tab');
  await page.evaluate(() => {
    window.progressSeen = [];
    window.progressShown = false;
    const bar = document.getElementById('progress-bar');
    const box = document.getElementById('upload-progress');
    new MutationObserver(() => {
      window.progressSeen.push(Number(bar.value));
      if (!box.hidden) window.progressShown = true;
    }).observe(bar, { attributes: true });
    new MutationObserver(() => { if (!box.hidden) window.progressShown = true; }).observe(box, { attributes: true });
    // progress.value is a property: reflect each change so that the observer sees it.
    const descriptor = Object.getOwnPropertyDescriptor(HTMLProgressElement.prototype, 'value');
    Object.defineProperty(bar, 'value', {
      get() { return descriptor.get.call(this); },
      set(v) { descriptor.set.call(this, v); this.setAttribute('data-seen', String(v)); },
    });
  });
  await page.setInputFiles('#file', spec.file);
  await page.waitForFunction(() => window.progressSeen.includes(100), null, { timeout: NAVIGATION_TIMEOUT_MS });
  report.progress = await page.evaluate(() => ({ shown: window.progressShown, values: window.progressSeen,
    label: document.getElementById('progress-label').textContent }));
  await page.screenshot({ path: path.join(report.artifactDir, 'desk-upload-progress-desktop.png') });
  report.screenshots.push(path.join(report.artifactDir, 'desk-upload-progress-desktop.png'));
  await page.waitForFunction(() => /inläst|redan uppladdad/.test(document.getElementById('notice').textContent),
    null, { timeout: READING_TIMEOUT_MS });
  report.afterUpload = await page.textContent('#notice');
  report.list = await page.$$eval('#minutes-list li', (items) => items.map((item) => item.innerText));
  if (!report.list.some((text) => text.includes(spec.listed))) {
    fail(report, `the list does not show "${spec.listed}": ${JSON.stringify(report.list)}`);
  }
  await checkState(page, report, 'listed');

  // Review by keyboard alone: open what was read, give the unknown recipient an address, publish.
  if (!await tabTo(page, '#minutes-list li button[aria-expanded]')) fail(report, 'the review button is not reachable by Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.review');
  report.reviewParagraphs = await page.$$eval('.review ol.paragraphs > li > h5', (hs) => hs.map((h) => h.textContent));
  report.unknownLines = await page.$$eval('.review li > span.error', (lines) => lines.map((line) => line.textContent));
  report.reviewSchedule = await page.$$eval('.review dl.schedule dt', (terms) => terms.map((term) => ({
    what: term.textContent, dateAndRule: term.nextElementSibling?.textContent ?? '' })));
  await checkState(page, report, 'review', { keyboard: false });
  if (!await tabTo(page, '.review form.fix input[type=email]')) fail(report, 'the recipient fix is not reachable by Tab');
  await page.keyboard.type(spec.fixAddress);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /är sparad|mottagen/.test(document.getElementById('notice').textContent), null,
    { timeout: READING_TIMEOUT_MS });
  report.fixed = await page.textContent('#notice');
  await page.waitForSelector('.review');
  report.unknownLinesAfterFix = await page.$$eval('.review li > span.error', (lines) => lines.length);
  if (!await tabTo(page, '.review button.publish')) fail(report, 'the publish button is not reachable by Tab');
  report.publishButton = await page.evaluate(() => document.activeElement.textContent);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^Status: |mottaget/.test(document.getElementById('notice').textContent), null,
    { timeout: READING_TIMEOUT_MS });
  report.published = await page.textContent('#notice');
  // The list is loaded again once the decision is through: the review panel goes with the old one.
  await page.waitForFunction(() => !document.querySelector('#minutes-list .review'), null, { timeout: READING_TIMEOUT_MS });
  report.listAfterPublishing = await page.$$eval('#minutes-list li', (items) => items.map((item) => item.innerText));
  await checkState(page, report, 'published');

  // Follow the send-outs: open the published minutes by keyboard and wait, without reloading, until
  // every send-out has settled (the totals end with a full stop then).
  if (!await tabTo(page, '#minutes-list li button[aria-expanded]')) fail(report, 'the send-out button is not reachable by Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.review .send-outs .totals');
  await page.waitForFunction(() => document.querySelector('.review .send-outs .totals')?.textContent.endsWith('.'),
    null, { timeout: READING_TIMEOUT_MS });
  report.sendOutTotals = await page.textContent('.review .send-outs .totals');
  report.sendOutRows = await page.$$eval('.review .send-outs li', (rows) => rows.map((row) => ({
    paragraph: row.querySelector('strong')?.textContent ?? '',
    status: row.querySelector('.status')?.textContent ?? '',
  })));
  report.history = await page.$$eval('.review ul.history li', (entries) => entries.map((entry) => entry.textContent));
  report.boardLinks = await page.$$eval('.review .boards a', (links) => links.map((link) => ({
    text: link.textContent, href: link.href })));
  // The withdrawal, its reason field labelled and reached by keyboard (nothing is withdrawn here:
  // ClerkDeskWithdrawalIT does that through the API).
  await page.waitForSelector('#minutes-list .review .withdraw', { timeout: READING_TIMEOUT_MS });
  if (!await tabTo(page, '.review .withdraw textarea', 100)) fail(report, 'the withdrawal\'s reason is not reachable by Tab');
  report.withdrawReasonLabel = await page.evaluate(() => document.activeElement.labels[0]?.textContent ?? null);
  await page.keyboard.press('Tab');
  report.withdrawButton = await page.evaluate(() => document.activeElement.textContent);
  await checkState(page, report, 'send-outs');

  // The notice as the public sees it on each board the desk links to.
  report.boards = {};
  for (const link of report.boardLinks) {
    const board = await context.newPage();
    const deadline = Date.now() + BOARD_TIMEOUT_MS;
    let text = '';
    while (Date.now() < deadline) {
      const response = await board.goto(link.href, { timeout: NAVIGATION_TIMEOUT_MS });
      // textContent: the notice's link names its meeting in a visually hidden span, for screen readers.
      text = response && response.ok() ? (await board.textContent('body')).replace(/\s+/g, ' ')
        : `HTTP ${response?.status()}`;
      if (text.includes(spec.boardNotice)) break;
      await board.waitForTimeout(500);
    }
    report.boards[link.href] = text.includes(spec.boardNotice);
    if (!report.boards[link.href]) report.boardTexts = { ...(report.boardTexts || {}), [link.href]: text.slice(0, 2000) };
    if (!report.boards[link.href]) fail(report, `${link.href} does not show "${spec.boardNotice}"`);
    await board.close();
  }

  // Sign out by keyboard.
  if (!await tabTo(page, '#sign-out')) fail(report, 'the sign-out button is not reachable by Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#sign-in:not([hidden])');
  report.signedOut = await page.textContent('#notice');
  report.tokenKept = await page.evaluate(() => sessionStorage.length > 0);
  report.cookies = (await context.cookies()).length;
  await checkState(page, report, 'signed-out', { keyboard: false });
  await page.close();
}

runJourney((spec) => {
  if (!spec.deskUrl || !spec.email || !spec.password || !spec.file || !spec.fixAddress || !spec.boardNotice) {
    throw new Error('the spec needs deskUrl, email, password, file, fixAddress and boardNotice');
  }
}, journey);
