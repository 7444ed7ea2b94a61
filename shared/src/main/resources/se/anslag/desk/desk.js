// The clerk desk in the browser: signs in against Cognito (USER_PASSWORD_AUTH, so the password goes
// to Cognito only), keeps the ID token in this tab's sessionStorage (never a cookie), sends it as a
// bearer header to the desk's API, uploads straight to S3 with the URL the API presigns, and writes
// every text it receives with textContent, never as markup.
'use strict';

(() => {
  const TOKEN_KEY = 'anslag.desk.idToken';
  const POLL_INTERVAL_MS = 1500;
  const POLL_LIMIT_MS = 120000;
  const $ = (id) => document.getElementById(id);

  let configuration;
  let challenge; // { username, session } while Cognito asks for a new password
  let nextPage = null;

  // ---- small helpers -------------------------------------------------------------------------

  function show(id, visible) {
    $(id).hidden = !visible;
  }

  function say(text) {
    $('notice').textContent = text;
  }

  function fail(id, text) {
    $(id).textContent = text;
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function token() {
    const value = sessionStorage.getItem(TOKEN_KEY);
    if (!value) return null;
    try {
      const claims = JSON.parse(atob(value.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      // Only to avoid a request bound to fail: the API checks the token itself.
      if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) return null;
    } catch (unreadable) {
      return null;
    }
    return value;
  }

  // ---- Cognito -------------------------------------------------------------------------------

  async function cognito(action, body) {
    const response = await fetch(configuration.signInEndpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.' + action,
      },
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      const type = String(answer.__type || answer.code || '').split('#').pop();
      const error = new Error(type || 'HTTP ' + response.status);
      error.type = type;
      throw error;
    }
    return answer;
  }

  /** @param choosing true while a new password is set: only then is a refused password a policy matter */
  function signInMessage(error, choosing) {
    switch (error.type) {
      case 'NotAuthorizedException':
      case 'UserNotFoundException':
        return 'Fel e-postadress eller lösenord.';
      case 'InvalidPasswordException':
        // Cognito answers a wrong password with NotAuthorizedException; cognito-local with this.
        if (!choosing) return 'Fel e-postadress eller lösenord.';
        return 'Lösenordet uppfyller inte kraven: minst 12 tecken, med stora och små bokstäver och siffror.';
      case 'PasswordResetRequiredException':
        return 'Lösenordet måste återställas. Kontakta den som administrerar Anslag.';
      case 'TooManyRequestsException':
      case 'LimitExceededException':
        return 'För många försök. Vänta en stund och försök igen.';
      default:
        return 'Inloggningen misslyckades (' + (error.type || error.message) + '). Försök igen.';
    }
  }

  async function finishSignIn(result) {
    if (result.AuthenticationResult && result.AuthenticationResult.IdToken) {
      sessionStorage.setItem(TOKEN_KEY, result.AuthenticationResult.IdToken);
      challenge = undefined;
      $('sign-in-form').reset();
      $('new-password-form').reset();
      await openDesk(true);
      return;
    }
    if (result.ChallengeName === 'NEW_PASSWORD_REQUIRED') {
      challenge = { username: challenge.username, session: result.Session };
      show('sign-in', false);
      show('new-password', true);
      $('new-password-input').focus();
      return;
    }
    throw Object.assign(new Error(result.ChallengeName || 'no tokens'), { type: result.ChallengeName });
  }

  async function signIn(event) {
    event.preventDefault();
    fail('sign-in-error', '');
    const username = $('email').value.trim();
    const password = $('password').value;
    if (!username || !password) {
      fail('sign-in-error', 'Fyll i både e-postadress och lösenord.');
      return;
    }
    challenge = { username };
    try {
      await finishSignIn(await cognito('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: configuration.userPoolClientId,
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }));
    } catch (error) {
      fail('sign-in-error', signInMessage(error, false));
      $('password').focus();
    }
  }

  async function setNewPassword(event) {
    event.preventDefault();
    fail('new-password-error', '');
    try {
      await finishSignIn(await cognito('RespondToAuthChallenge', {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        ClientId: configuration.userPoolClientId,
        Session: challenge.session,
        ChallengeResponses: { USERNAME: challenge.username, NEW_PASSWORD: $('new-password-input').value },
      }));
    } catch (error) {
      fail('new-password-error', signInMessage(error, true));
      $('new-password-input').focus();
    }
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    show('desk', false);
    show('session', false);
    show('new-password', false);
    show('sign-in', true);
    $('minutes-list').replaceChildren();
    say(message);
    $('email').focus();
  }

  // ---- the desk's API ------------------------------------------------------------------------

  class SignedOut extends Error {}

  async function api(path, options = {}) {
    const bearer = token();
    if (!bearer) throw new SignedOut();
    const response = await fetch('/api/desk/' + path, {
      ...options,
      headers: { ...(options.headers || {}), Authorization: 'Bearer ' + bearer },
    });
    if (response.status === 401) throw new SignedOut();
    const body = await response.json().catch(() => ({}));
    return { status: response.status, body };
  }

  async function guarded(work) {
    try {
      return await work();
    } catch (error) {
      if (error instanceof SignedOut) {
        signOut('Din inloggning har gått ut. Logga in igen.');
        return undefined;
      }
      throw error;
    }
  }

  /** Shows the desk; after a sign-in (not on a page load) the focus moves to its heading. */
  async function openDesk(focusHeading) {
    const clerk = await api('clerk');
    if (clerk.status !== 200) throw new Error(clerk.body.message || 'HTTP ' + clerk.status);
    $('clerk-email').textContent = clerk.body.email;
    $('clerk-organs').textContent = clerk.body.organs.length
      ? clerk.body.organs.map((organ) => organ.name).join(', ')
      : 'inget organ ännu (be den som administrerar Anslag att lägga till dig)';
    show('sign-in', false);
    show('new-password', false);
    show('session', true);
    show('desk', true);
    say('');
    await loadList(true);
    if (focusHeading) {
      $('desk-heading').tabIndex = -1;
      $('desk-heading').focus();
    }
  }

  // ---- the list ------------------------------------------------------------------------------

  function describeNotices(notices) {
    if (!notices.length) return null;
    return notices.map((notice) => notice.board + ' ' + notice.postedOn).join(', ');
  }

  function row(minutes) {
    const item = element('li');
    item.dataset.minutesId = minutes.id;
    item.append(element('h3', (minutes.organ || 'Okänt organ') + ', sammanträde '
      + (minutes.meetingDate || 'okänt datum')));
    const facts = element('dl');
    const add = (term, value, className) => {
      if (value === null || value === undefined || value === '') return;
      facts.append(element('dt', term), element('dd', value, className));
    };
    add('Status', minutes.statusText, 'status');
    add('Orsak', minutes.statusDetail);
    add('Uppladdat', minutes.receivedAt);
    add('Version', minutes.version > 1 ? String(minutes.version) : null);
    add('Anslaget', describeNotices(minutes.notices || []));
    const first = (minutes.notices || [])[0];
    add('Sista dag för överklagande', first ? first.lastAppealDay : null);
    add('Tas ned', first ? first.takedownOn : null);
    if (minutes.sendOuts && minutes.sendOuts.planned > 0) {
      add('Utskick', minutes.sendOuts.settled + ' av ' + minutes.sendOuts.planned + ' klara');
    }
    add('Varningar', minutes.warnings ? String(minutes.warnings) : null);
    item.append(facts);
    if (['AWAITING_REVIEW', 'AWAITING_POSTING', 'POSTED', 'TAKEN_DOWN', 'WITHDRAWN'].includes(minutes.status)) {
      const open = element('button', minutes.status === 'AWAITING_REVIEW' ? 'Granska och publicera'
        : 'Visa utskick, paragrafer och mottagare');
      open.type = 'button';
      open.setAttribute('aria-expanded', 'false');
      open.addEventListener('click', () => guarded(() => openReview(item, minutes.id, open, minutes.status))
        .catch((error) => say('Granskningen kunde inte visas: ' + error.message)));
      item.append(element('p').appendChild(open).parentNode);
    }
    return item;
  }

  // ---- review --------------------------------------------------------------------------------

  const RESOLUTIONS = { mail: 'e-post till ', 'case-file': 'diarieförs i akten', unknown: 'okänd mottagare, skickas inte' };

  /** What was read, every paragraph with its recipients as the directory resolves them, and the two actions. */
  async function openReview(item, minutesId, opener, status) {
    const existing = item.querySelector('.review');
    if (existing) {
      existing.remove();
      opener.setAttribute('aria-expanded', 'false');
      return;
    }
    const answer = await api('minutes/' + minutesId);
    if (answer.status !== 200) throw new Error(answer.body.message || 'HTTP ' + answer.status);
    const minutes = answer.body;
    const panel = element('section', null, 'review');
    const headingId = 'review-' + minutesId.slice(0, 12);
    const heading = element('h4', 'Det här läste Anslag');
    heading.id = headingId;
    panel.setAttribute('aria-labelledby', headingId);
    panel.append(heading);
    if ((minutes.warningList || []).length) {
      panel.append(element('h5', 'Varningar'));
      const warnings = element('ul');
      minutes.warningList.forEach((warning) => warnings.append(element('li', warning.message)));
      panel.append(warnings);
    }
    if (minutes.original) {
      const original = element('a', 'Öppna originalfilen (den version Anslag läste)', 'original');
      original.href = minutes.original.url;
      original.target = '_blank';
      original.rel = 'noopener noreferrer';
      panel.append(element('p').appendChild(original).parentNode);
    }
    const schedule = element('dl', null, 'schedule');
    const showSchedule = (lines) => schedule.replaceChildren(...(lines || []).flatMap((line) => [
      element('dt', line.what), element('dd', line.date + ': ' + line.rule)]));
    showSchedule(minutes.schedule);
    if ((minutes.schedule || []).length) {
      panel.append(element('h5', status === 'AWAITING_REVIEW' ? 'Anslagets datum om det publiceras' : 'Anslagets datum'),
        schedule);
    }
    if ((minutes.hiddenIdentityNumbers || []).length) {
      panel.append(element('h5', 'Döljs på anslagstavlan som personnummer'));
      const hidden = element('ul', null, 'hidden-numbers');
      minutes.hiddenIdentityNumbers.forEach((found) => hidden.append(element('li', found.where + ': ' + found.text)));
      panel.append(hidden);
    }
    if (status !== 'AWAITING_REVIEW' && (minutes.notices || []).length) {
      const boards = element('section', null, 'boards');
      const boardsId = headingId + '-boards';
      const boardsHeading = element('h5', 'Anslaget på anslagstavlorna');
      boardsHeading.id = boardsId;
      boards.setAttribute('aria-labelledby', boardsId);
      const list = element('ul');
      minutes.notices.forEach((notice) => {
        const line = element('li', notice.board + ': anslås ' + notice.postedOn + ', sista dag för överklagande '
          + notice.lastAppealDay + ', tas ned ' + notice.takedownOn + '. ');
        const link = element('a', 'Visa på ' + notice.board);
        link.href = notice.url;
        line.append(link);
        list.append(line);
      });
      boards.append(boardsHeading, list);
      panel.append(boards);
    }
    const paragraphs = element('ol', null, 'paragraphs');
    (minutes.paragraphs || []).forEach((paragraph) => {
      const entry = element('li');
      entry.append(element('h5', '§ ' + paragraph.number + (paragraph.caseNumber ? ' (Dnr ' + paragraph.caseNumber + ')' : '')
        + ' ' + paragraph.title));
      if (paragraph.decision) entry.append(element('p', paragraph.decision));
      const recipients = element('ul');
      paragraph.recipients.forEach((recipient, index) => {
        const line = element('li');
        line.append(element('span', recipient.line + ': ' + RESOLUTIONS[recipient.resolution] + (recipient.to || ''),
          recipient.resolution === 'unknown' ? 'error' : null));
        if (recipient.resolution === 'unknown') {
          line.append(fixForm(minutesId, recipient, headingId + '-' + paragraph.number + '-' + index,
            minutes.knownRecipients || [], item, opener, status));
        }
        recipients.append(line);
      });
      if (!paragraph.recipients.length) recipients.append(element('li', 'Inga mottagare.'));
      entry.append(recipients);
      paragraphs.append(entry);
    });
    panel.append(paragraphs);

    if ((minutes.history || []).length) {
      panel.append(element('h5', 'Händelser'));
      const history = element('ul', null, 'history');
      minutes.history.forEach((entry) => history.append(element('li', entry.at + ' ' + entry.action + ' ('
        + entry.clerk + ')' + (entry.detail ? ': ' + entry.detail : ''))));
      panel.append(history);
    }
    if (status !== 'AWAITING_REVIEW') {
      panel.append(sendOutSection(minutesId, minutes, panel));
      if (minutes.proofAvailable) panel.append(proofSection(minutesId, headingId));
      if (minutes.status !== 'WITHDRAWN') panel.append(withdrawSection(minutesId, headingId, panel));
      item.append(panel);
      opener.setAttribute('aria-expanded', 'true');
      heading.tabIndex = -1;
      heading.focus();
      return;
    }
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
    const dateId = headingId + '-posted-on';
    const dateField = element('p', null, 'field');
    const dateLabel = element('label', 'Anslås den');
    dateLabel.htmlFor = dateId;
    const date = element('input');
    date.type = 'date';
    date.id = dateId;
    date.min = today;
    date.value = today;
    dateField.append(dateLabel, date);
    // The dates above follow the day picked: the desk computes them, by the one calendar.
    date.addEventListener('change', () => guarded(async () => {
      if (!date.value) return;
      const again = await api('minutes/' + minutesId + '?postedOn=' + encodeURIComponent(date.value));
      if (again.status === 200) showSchedule(again.body.schedule);
      else error.textContent = again.body.message || 'HTTP ' + again.status;
    }).catch((problem) => { error.textContent = problem.message; }));
    const publish = element('button', 'Publicera: sätt upp anslaget och skicka besluten', 'publish');
    publish.type = 'button';
    publish.addEventListener('click', () => guarded(() => decide(minutesId, 'publish', { postedOn: date.value }, panel)));

    const [reasonField, reason] = reasonInput(headingId + '-reason', 'Skäl att avvisa');
    const reject = element('button', 'Avvisa protokollet');
    reject.type = 'button';
    reject.addEventListener('click', () => guarded(() => decide(minutesId, 'reject', { reason: reason.value }, panel)));
    const error = element('p', null, 'error');
    error.setAttribute('role', 'alert');
    panel.append(dateField, element('p').appendChild(publish).parentNode, reasonField,
      element('p').appendChild(reject).parentNode, error);
    item.append(panel);
    opener.setAttribute('aria-expanded', 'true');
    heading.tabIndex = -1;
    heading.focus();
  }

  /** A labelled text field for a reason (at most 500 characters, as the API takes): [the field, its textarea]. */
  function reasonInput(id, labelText) {
    const field = element('p', null, 'field');
    const label = element('label', labelText);
    label.htmlFor = id;
    const reason = element('textarea');
    reason.id = id;
    reason.maxLength = 500;
    field.append(label, reason);
    return [field, reason];
  }

  const SETTLED_TOTALS = ['SENT', 'DELIVERED', 'FILED', 'UNCHANGED'];

  /**
   * Every send-out with its status, kept up to date while any is unsettled (polled, no reload), and a
   * retry of the failed ones.
   */
  function sendOutSection(minutesId, minutes, panel) {
    const section = element('section', null, 'send-outs');
    const headingId = 'send-outs-' + minutesId.slice(0, 12);
    const heading = element('h5', 'Utskick');
    heading.id = headingId;
    section.setAttribute('aria-labelledby', headingId);
    const totals = element('p', null, 'totals');
    totals.setAttribute('aria-live', 'polite');
    const list = element('ul');
    const retry = element('button', 'Skicka de misslyckade igen');
    retry.type = 'button';
    const error = element('p', null, 'error');
    error.setAttribute('role', 'alert');
    section.append(heading, totals, list, element('p').appendChild(retry).parentNode, error);

    const show = (current) => {
      const rows = current.sendOuts || [];
      const counts = current.sendOutTotals || {};
      const done = SETTLED_TOTALS.reduce((sum, key) => sum + (counts[key] || 0), 0);
      totals.textContent = rows.length ? done + ' av ' + rows.length + ' klara'
        + Object.entries(counts).map(([key, count]) => ', ' + count + ' ' + statusText(rows, key).toLowerCase()).join('')
        + (current.sendOutsSettled ? '.' : ' (uppdateras) …') : 'Inga utskick.';
      list.replaceChildren(...rows.map((row) => {
        const line = element('li', null, row.status === 'FAILED' || row.status === 'BOUNCED' ? 'failed' : null);
        line.append(element('strong', (row.paragraph ? '§ ' + row.paragraph : 'Till sekreteraren') + ': '),
          document.createTextNode((row.recipient || '') + (row.qualifier ? ' ' + row.qualifier : '')
            + (row.to ? ' (' + row.to + ')' : '') + ' — '),
          element('span', row.statusText, 'status'),
          document.createTextNode(row.updatedAt ? ' ' + row.updatedAt : ''));
        if (row.detail) line.append(element('span', ' ' + row.detail, 'detail'));
        return line;
      }));
      retry.hidden = !rows.some((row) => row.status === 'FAILED');
    };
    const statusText = (rows, key) => (rows.find((row) => row.status === key) || {}).statusText || key;
    show(minutes);

    const follow = async () => {
      const settled = await pollMinutes(minutesId, (current) => {
        if (!panel.isConnected) return true;
        show(current);
        return current.sendOutsSettled;
      });
      if (settled && panel.isConnected) show(settled);
    };
    const failed = (problem) => { error.textContent = 'Utskicken kunde inte hämtas: ' + problem.message; };
    if (!minutes.sendOutsSettled) guarded(follow).catch((problem) => failed(problem));
    retry.addEventListener('click', () => guarded(async () => {
      if (!(await postAction(minutesId, 'retry', {}, error))) return;
      say('De misslyckade utskicken skickas igen …');
      // Intake puts them back to PENDING first; follow them until they settle again.
      await pollMinutes(minutesId, (current) => !panel.isConnected
        || !(current.sendOuts || []).some((row) => row.status === 'FAILED'));
      await follow();
    }).catch((problem) => failed(problem)));
    return section;
  }

  /**
   * Withdraws a notice posted in error, with a reason the boards show: the send-outs not yet sent are
   * stopped, and the notice stays on the board as a withdrawn record.
   */
  function withdrawSection(minutesId, headingId, panel) {
    const section = element('section', null, 'withdraw');
    const heading = element('h5', 'Återkalla anslaget');
    heading.id = headingId + '-withdraw';
    section.setAttribute('aria-labelledby', heading.id);
    const about = element('p', 'Om anslaget sattes upp av misstag. Utskick som inte har gått iväg stoppas, och '
      + 'anslagstavlan visar att anslaget är återkallat, med skälet.');
    const [field, reason] = reasonInput(headingId + '-withdraw-reason', 'Skäl att återkalla (visas på anslagstavlan)');
    const withdraw = element('button', 'Återkalla anslaget');
    withdraw.type = 'button';
    const error = element('p', null, 'error');
    error.setAttribute('role', 'alert');
    section.append(heading, about, field, element('p').appendChild(withdraw).parentNode, error);
    withdraw.addEventListener('click', () => guarded(async () => {
      if (!reason.value.trim()) {
        error.textContent = 'Skriv varför anslaget återkallas.';
        reason.focus();
        return;
      }
      if (!(await postAction(minutesId, 'withdraw', { reason: reason.value }, error))) return;
      say('Anslaget återkallas …');
      const done = await pollMinutes(minutesId, (minutes) => !panel.isConnected || minutes.status === 'WITHDRAWN');
      say(done ? 'Anslaget är återkallat.' : 'Återkallelsen är mottagen; listan visar den när Anslag är klar.');
      await loadList(true);
    }).catch((problem) => { error.textContent = 'Det gick inte: ' + problem.message; }));
    return section;
  }

  /** The proof of posting (anslagsbevis) as a PDF, fetched with the token (a plain link could not carry it). */
  function proofSection(minutesId, headingId) {
    const section = element('section', null, 'proof');
    const heading = element('h5', 'Anslagsbevis');
    heading.id = headingId + '-proof';
    section.setAttribute('aria-labelledby', heading.id);
    const fetchProof = element('button', 'Hämta anslagsbeviset (PDF)');
    fetchProof.type = 'button';
    const error = element('p', null, 'error');
    error.setAttribute('role', 'alert');
    section.append(heading, element('p').appendChild(fetchProof).parentNode, error);
    fetchProof.addEventListener('click', () => guarded(async () => {
      error.textContent = '';
      const bearer = token();
      if (!bearer) throw new SignedOut();
      const response = await fetch('/api/desk/minutes/' + minutesId + '/proof', {
        headers: { Authorization: 'Bearer ' + bearer },
      });
      if (response.status === 401) throw new SignedOut();
      if (response.status !== 200) {
        const body = await response.json().catch(() => ({}));
        error.textContent = body.message || 'Det gick inte (HTTP ' + response.status + ').';
        return;
      }
      const disposition = response.headers.get('Content-Disposition') || '';
      const named = /filename="([^"]+)"/.exec(disposition);
      const url = URL.createObjectURL(await response.blob());
      const link = element('a');
      link.href = url;
      link.download = named ? named[1] : 'anslagsbevis.pdf';
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      say('Anslagsbeviset är hämtat.');
    }).catch((problem) => { error.textContent = 'Det gick inte: ' + problem.message; }));
    return section;
  }

  /**
   * The form that gives an unknown recipient line an address, or makes it another name of a known
   * recipient. Anslag keeps it in the recipient register and, once published, sends to it.
   */
  function fixForm(minutesId, recipient, idPrefix, knownRecipients, item, opener, status) {
    const form = element('form', null, 'fix');
    const addressId = idPrefix + '-address';
    const aliasId = idPrefix + '-alias';
    const addressLabel = element('label', 'E-postadress för ' + recipient.name);
    addressLabel.htmlFor = addressId;
    const address = element('input');
    address.type = 'email';
    address.id = addressId;
    address.autocomplete = 'off';
    const aliasLabel = element('label', 'eller samma som känd mottagare');
    aliasLabel.htmlFor = aliasId;
    const alias = element('select');
    alias.id = aliasId;
    alias.append(element('option', '(ingen)'));
    alias.firstChild.value = '';
    knownRecipients.forEach((name) => {
      const option = element('option', name);
      option.value = name;
      alias.append(option);
    });
    const save = element('button', 'Spara mottagaren');
    save.type = 'submit';
    const error = element('span', null, 'error');
    error.setAttribute('role', 'alert');
    form.append(addressLabel, address, aliasLabel, alias, save, error);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      guarded(async () => {
        const body = { name: recipient.name };
        if (address.value.trim()) body.address = address.value.trim();
        if (alias.value) body.aliasOf = alias.value;
        if (!(await postAction(minutesId, 'recipients', body, error))) return;
        say('Mottagaren ' + recipient.name + ' sparas …');
        const saved = await pollMinutes(minutesId, (minutes) => (minutes.paragraphs || [])
          .flatMap((paragraph) => paragraph.recipients)
          .some((line) => line.name === recipient.name && line.resolution !== 'unknown'));
        say(saved ? 'Mottagaren ' + recipient.name + ' är sparad.' : 'Rättelsen är mottagen; sidan visar den när Anslag är klar.');
        // Shown again as the register now resolves it.
        item.querySelector('.review').remove();
        await openReview(item, minutesId, opener, status);
      });
    });
    return form;
  }

  /** Posts one of the clerk's actions on the minutes; false, with its message shown in the error element, unless accepted. */
  async function postAction(minutesId, action, body, error) {
    error.textContent = '';
    const answer = await api('minutes/' + minutesId + '/' + action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (answer.status !== 202) {
      error.textContent = answer.body.message || 'Det gick inte (HTTP ' + answer.status + ').';
      return false;
    }
    return true;
  }

  /** The minutes once done(minutes) holds, polled while intake works; null after the time limit. */
  async function pollMinutes(minutesId, done) {
    const started = Date.now();
    while (Date.now() - started < POLL_LIMIT_MS) {
      const now = await api('minutes/' + minutesId);
      if (now.status === 200 && done(now.body)) return now.body;
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
    return null;
  }

  async function decide(minutesId, action, body, panel) {
    if (!(await postAction(minutesId, action, body, panel.querySelector('.error')))) return;
    say(action === 'publish' ? 'Protokollet publiceras …' : 'Protokollet avvisas …');
    const decided = await pollMinutes(minutesId, (minutes) => minutes.status !== 'AWAITING_REVIEW'
      && minutes.status !== 'READING');
    say(decided ? 'Status: ' + decided.statusText + '.' : 'Beslutet är mottaget; listan visar det när Anslag är klar.');
    await loadList(true);
  }

  async function loadList(fromStart) {
    const query = new URLSearchParams();
    if (!fromStart && nextPage) query.set('before', nextPage);
    const page = await api('minutes' + (query.size ? '?' + query : ''));
    if (page.status !== 200) throw new Error(page.body.message || 'HTTP ' + page.status);
    if (fromStart) $('minutes-list').replaceChildren();
    page.body.minutes.forEach((minutes) => $('minutes-list').append(row(minutes)));
    nextPage = page.body.next;
    show('more', Boolean(nextPage));
    show('list-empty', $('minutes-list').children.length === 0);
  }

  // ---- upload --------------------------------------------------------------------------------

  function checkFile(file) {
    const name = file.name.toLowerCase();
    const pdf = name.endsWith('.pdf') && (!file.type || file.type === 'application/pdf');
    const text = name.endsWith('.txt') && (!file.type || file.type.startsWith('text/plain'));
    if (!pdf && !text) {
      return '”' + file.name + '” är varken en PDF-fil eller en textfil. Ladda upp det justerade protokollet som PDF eller text.';
    }
    if (file.size === 0) return '”' + file.name + '” är tom.';
    if (file.size > configuration.maxUploadBytes) {
      // Rounded up to a tenth, as the API does: a file just over the limit never reads as the limit.
      const mb = (bytes) => (Math.ceil((bytes * 10) / 1048576) / 10).toLocaleString('sv-SE', { maximumFractionDigits: 1 });
      return '”' + file.name + '” är ' + mb(file.size) + ' MB. Filer större än '
        + mb(configuration.maxUploadBytes) + ' MB tas inte emot.';
    }
    return null;
  }

  async function sha256(file) {
    const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function put(upload, file) {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('PUT', upload.url);
      Object.entries(upload.headers).forEach(([name, value]) => request.setRequestHeader(name, value));
      request.upload.addEventListener('progress', (event) => {
        if (!event.lengthComputable) return;
        const percent = Math.round((event.loaded / event.total) * 100);
        $('progress-bar').value = percent;
        $('progress-text').textContent = percent + ' %';
      });
      request.addEventListener('load', () => (request.status >= 200 && request.status < 300
        ? resolve() : reject(new Error('S3 svarade ' + request.status))));
      request.addEventListener('error', () => reject(new Error('nätverksfel')));
      request.send(file);
    });
  }

  async function awaitReading(minutesId, knownBefore) {
    const started = Date.now();
    while (Date.now() - started < POLL_LIMIT_MS) {
      const answer = await api('minutes/' + minutesId);
      if (answer.status === 403) {
        say('Filen är uppladdad, men protokollet gäller ett organ som du inte arbetar för.');
        return;
      }
      if (answer.status === 200 && answer.body.status !== 'READING') {
        await loadList(true);
        const minutes = answer.body;
        say((knownBefore ? 'Samma fil var redan uppladdad: ' : 'Protokollet är inläst: ')
          + (minutes.organ || 'okänt organ') + ', sammanträde ' + (minutes.meetingDate || 'okänt datum')
          + '. Status: ' + minutes.statusText + '.');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
    say('Filen är uppladdad. Anslag har inte läst den färdigt ännu; den visas i listan när den är klar.');
    await loadList(true);
  }

  async function upload(file) {
    fail('upload-error', '');
    say('');
    const problem = checkFile(file);
    if (problem) {
      fail('upload-error', problem);
      return;
    }
    const minutesId = await sha256(file);
    const before = await api('minutes/' + minutesId);
    const slot = await api('uploads', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fileName: file.name, size: file.size, contentType: file.type }),
    });
    if (slot.status !== 201) {
      fail('upload-error', slot.body.message || 'Uppladdningen kunde inte börja (HTTP ' + slot.status + ').');
      return;
    }
    $('progress-label').textContent = 'Laddar upp ' + file.name;
    $('progress-bar').value = 0;
    $('progress-text').textContent = '0 %';
    show('upload-progress', true);
    try {
      await put(slot.body, file);
    } catch (error) {
      show('upload-progress', false);
      fail('upload-error', 'Uppladdningen av ”' + file.name + '” misslyckades (' + error.message + '). Försök igen.');
      return;
    }
    say('”' + file.name + '” är uppladdad. Anslag läser protokollet …');
    await awaitReading(minutesId, before.status === 200);
    show('upload-progress', false);
  }

  function chosen(files) {
    if (!files || files.length === 0) return;
    if (files.length > 1) {
      fail('upload-error', 'Ladda upp ett protokoll i taget.');
      return;
    }
    guarded(() => upload(files[0])).catch((error) => fail('upload-error', 'Något gick fel: ' + error.message));
  }

  // ---- start ---------------------------------------------------------------------------------

  async function start() {
    const response = await fetch('/api/desk/configuration');
    configuration = await response.json();
    $('max-size').textContent = String(Math.round(configuration.maxUploadBytes / 1048576));
    $('sign-in-form').addEventListener('submit', signIn);
    $('new-password-form').addEventListener('submit', setNewPassword);
    $('sign-out').addEventListener('click', () => signOut('Du är utloggad.'));
    $('more').addEventListener('click', () => guarded(() => loadList(false)));
    $('file').addEventListener('change', (event) => {
      chosen(event.target.files);
      event.target.value = '';
    });
    const zone = $('drop-zone');
    zone.addEventListener('dragover', (event) => {
      event.preventDefault();
      zone.classList.add('over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('over');
      chosen(event.dataTransfer.files);
    });
    if (token()) {
      await guarded(() => openDesk(false));
    } else {
      show('sign-in', true);
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    start().catch((error) => say('Skrivbordet kunde inte starta: ' + error.message));
  });
})();
