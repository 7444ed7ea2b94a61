'use strict';
// DynamoDB (dynalite), SES v2 (aws-ses-v2-local) and S3 (s3rver) for the Anslag local mode, in one process.
//
// Protocol with the JVM that starts it (se.anslag.local.cloud.EmulatorProcess):
//   stdout line 1:  {"dynamodb":<port>,"ses":<port>,"s3":<port>}   once all three listen
//   then one line per S3 ObjectCreated record:  {"s3event":<record as s3rver emits it>}
//   and {"sync":<id>} for each "sync <id>" line read on stdin, and once done for each
//   "stop-ses <id>" (the SES emulator stops listening and drops its connections) and
//   "start-ses <id>" (it listens on its port again) line
// Nothing else goes to stdout: console.log is redirected to stderr so that library chatter
// cannot break the protocol. The process exits when stdin closes (the JVM is gone) or on SIGTERM.
//
// Usage: node server.js [--s3-dir <directory>]   (default: a fresh temporary directory, removed on exit)

const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const dynalite = require('dynalite');
const sesServer = require('aws-ses-v2-local').default;
const S3rver = require('s3rver');
const S3Account = require('s3rver/lib/models/account');

// Each function of the local cloud signs with an access key id of its own, as each Lambda function
// has a role of its own (se.anslag.local.cloud.FunctionCredentials). s3rver knows one key id and
// checks only that it knows the id (it verifies no SigV4 signature): any other id is that account's.
const knownS3Account = S3Account.registry.get.bind(S3Account.registry);
S3Account.registry.get = (accessKeyId) => knownS3Account(accessKeyId) || S3Account.DUMMY_ACCOUNT;

const HOST = '127.0.0.1';

console.log = console.error;
console.info = console.error;

function writeLine(object) {
  process.stdout.write(JSON.stringify(object) + '\n');
}

function argument(name) {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const givenS3Dir = argument('--s3-dir');
const s3Dir = givenS3Dir || fs.mkdtempSync(path.join(os.tmpdir(), 'anslag-s3-'));

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  if (!givenS3Dir) {
    try {
      fs.rmSync(s3Dir, { recursive: true, force: true });
    } catch (e) {
      console.error('could not remove ' + s3Dir + ': ' + e.message);
    }
  }
  // The stores are in memory or throw-away: no graceful close is worth waiting for.
  process.exit(code);
}

process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
// stdin carries "sync <id>" requests: the answer {"sync":<id>} follows every event line written
// before it, so the JVM can wait until the events of an upload it made have been routed.
let pendingInput = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pendingInput += chunk;
  let newline;
  while ((newline = pendingInput.indexOf('\n')) >= 0) {
    const request = pendingInput.slice(0, newline).trim();
    pendingInput = pendingInput.slice(newline + 1);
    const command = /^(sync|stop-ses|start-ses) (\d+)$/.exec(request);
    if (command) answer(command[1], Number(command[2]));
  }
});

// The SES emulator, kept so that tests can stop it and start it again on the same port (its mail
// store lives in this process and survives).
let ses;
let sesPort;

function answer(command, id) {
  const done = () => writeLine({ sync: id });
  if (command === 'stop-ses') {
    ses.close(done);
    ses.closeAllConnections(); // keep-alive connections would otherwise still reach it
  } else if (command === 'start-ses') {
    if (ses.listening) done();
    else ses.listen(sesPort, HOST, done);
  } else {
    done();
  }
}
process.stdin.on('end', () => stop(0));
process.stdin.on('close', () => stop(0));
process.stdin.on('error', () => stop(0));
process.stdout.on('error', () => stop(0));

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve(server.address().port));
  });
}

// s3rver does not check SigV4 signatures, so a presigned URL would take any body and any headers.
// S3 does check them, and the clerk desk relies on it: the URL it presigns signs the upload's
// Content-Length, Content-Type and the uploading clerk's metadata, and expires. This checks a
// query-signed (presigned) request as S3 does (SigV4, "Authenticating Requests: Using Query
// Parameters") before s3rver sees it; header-signed requests (the SDK's own) pass as before.
// Every key of the local cloud (its own and each function's) has this one secret.
const S3_SECRET = 'S3RVER';

function rfc3986(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function hmac(key, text) {
  return crypto.createHmac('sha256', key).update(text, 'utf8').digest();
}

async function s3Refusal(ctx, status, code, message) {
  // Read the body first: answering while the client still sends it would break the connection.
  await new Promise((resolve) => {
    ctx.req.on('end', resolve);
    ctx.req.on('error', resolve);
    ctx.req.resume();
  });
  ctx.status = status;
  ctx.type = 'application/xml';
  ctx.body = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>' + code + '</Code><Message>' + message
    + '</Message></Error>';
}

async function checkPresignedSignature(ctx, next) {
  const query = new URL(ctx.req.url, 'http://' + HOST).searchParams;
  if (!query.has('X-Amz-Algorithm') || ctx.method === 'OPTIONS') return next();
  const [accessKey, day, region, service] = (query.get('X-Amz-Credential') || '').split('/');
  const amzDate = query.get('X-Amz-Date') || '';
  const signedAt = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  const expires = Number(query.get('X-Amz-Expires'));
  if (Number.isNaN(signedAt) || !(expires > 0)) {
    return s3Refusal(ctx, 400, 'AuthorizationQueryParametersError', 'X-Amz-Date or X-Amz-Expires is missing or invalid.');
  }
  if (Date.now() > signedAt + expires * 1000) {
    return s3Refusal(ctx, 403, 'AccessDenied', 'Request has expired');
  }
  const signedHeaders = (query.get('X-Amz-SignedHeaders') || '').split(';');
  const canonicalQuery = [...query.entries()]
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [rfc3986(name), rfc3986(value)])
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => name + '=' + value)
    .join('&');
  const canonicalHeaders = signedHeaders
    .map((name) => name + ':' + String(ctx.get(name)).trim().replace(/\s+/g, ' ') + '\n')
    .join('');
  const canonicalRequest = [ctx.method, ctx.req.url.split('?')[0], canonicalQuery, canonicalHeaders,
    signedHeaders.join(';'), query.get('X-Amz-Content-Sha256') || 'UNSIGNED-PAYLOAD'].join('\n');
  const scope = [day, region, service, 'aws4_request'].join('/');
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope,
    crypto.createHash('sha256').update(canonicalRequest, 'utf8').digest('hex')].join('\n');
  const signingKey = hmac(hmac(hmac(hmac('AWS4' + S3_SECRET, day), region), service), 'aws4_request');
  const expected = crypto.createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  if (!accessKey || expected !== query.get('X-Amz-Signature')) {
    return s3Refusal(ctx, 403, 'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.');
  }
  return next();
}

// GET /store-summary on the SES emulator: each accepted mail without its bodies and attachments
// (thousands of them would make /store hundreds of megabytes) and with the X-Anslag-Send-Out
// header of its raw content, which the emulator's own store drops: the load benchmark counts the
// mails of each send-out by it. The header is read from the request express parsed, once the
// emulator has answered it with a message id.
function addMailboxSummary(server) {
  const sendOutHeaders = new Map();
  const [emulator] = server.listeners('request');
  server.removeAllListeners('request');
  server.on('request', (req, res) => {
    if (req.method === 'GET' && req.url === '/store-summary') {
      const { emails } = require('aws-ses-v2-local/dist/store').getStoreReadonly();
      const summary = emails.map((e) => ({ messageId: e.messageId, to: e.destination.to, subject: e.subject,
        at: e.at, sendOut: sendOutHeaders.get(e.messageId) || null }));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ emails: summary }));
      return;
    }
    if (req.method === 'POST' && req.url === '/clear-store') sendOutHeaders.clear();
    if (req.method === 'POST' && req.url.startsWith('/v2/email/outbound-emails')) {
      const end = res.end;
      res.end = function (chunk, ...rest) {
        try {
          const raw = req.body && req.body.Content && req.body.Content.Raw && req.body.Content.Raw.Data;
          if (res.statusCode === 200 && raw && chunk) {
            const messageId = JSON.parse(String(chunk)).MessageId;
            const head = Buffer.from(raw, 'base64').toString('latin1').split('\r\n\r\n')[0];
            const header = /^X-Anslag-Send-Out:[ \t]*(.*)$/im.exec(head);
            if (messageId && header) sendOutHeaders.set(messageId, header[1].trim());
          }
        } catch (unreadable) {
          // Not a mail of Anslag's: no header to keep.
        }
        return end.call(this, chunk, ...rest);
      };
    }
    emulator(req, res);
  });
}

async function main() {
  const dynamoPort = await listen(dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }));

  ses = await sesServer({ host: HOST, port: 0 });
  sesPort = ses.address().port;
  addMailboxSummary(ses);

  const s3 = new S3rver({
    address: HOST,
    port: 0,
    silent: true,
    directory: s3Dir,
    vhostBuckets: false,
  });
  // Before every middleware of s3rver's own (Koa composes the list when the server starts).
  s3.middleware.unshift(checkPresignedSignature);
  s3.on('event', (event) => {
    for (const record of event.Records || []) {
      if (String(record.eventName).startsWith('ObjectCreated')) {
        writeLine({ s3event: record });
      }
    }
  });
  const s3Address = await s3.run();

  writeLine({ dynamodb: dynamoPort, ses: sesPort, s3: s3Address.port });
}

main().catch((error) => {
  console.error('emulators failed to start: ' + (error && error.stack ? error.stack : error));
  stop(1);
});
