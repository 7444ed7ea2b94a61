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

async function main() {
  const dynamoPort = await listen(dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }));

  ses = await sesServer({ host: HOST, port: 0 });
  sesPort = ses.address().port;

  const s3 = new S3rver({
    address: HOST,
    port: 0,
    silent: true,
    directory: s3Dir,
    vhostBuckets: false,
  });
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
