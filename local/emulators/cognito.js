'use strict';
// The Cognito user pool emulator (cognito-local) for the Anslag local mode, in a process of its own.
//
// Usage: node cognito.js --dir <working directory> --port <port>
//
// cognito-local keeps its pools under .cognito/ in its working directory and builds each token's
// issuer from HOST and PORT when it loads, so both are set before it is required: the issuer is then
// http://127.0.0.1:<port>/<poolId>, the address it listens on. stdout carries one line,
// {"cognito":<port>}, once it listens; its own log goes to stderr. It exits when stdin closes (the
// JVM that started it is gone) or on SIGTERM.

const path = require('path');

function argument(name) {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const directory = argument('--dir');
const port = argument('--port');
if (!directory || !port) {
  console.error('usage: node cognito.js --dir <working directory> --port <port>');
  process.exit(2);
}

process.env.HOST = '127.0.0.1';
process.env.PORT = port;
const cognitoLocal = path.dirname(require.resolve('cognito-local/package.json'));
process.chdir(directory);

// The logger cognito-local itself depends on, wherever npm put it.
const pino = require(require.resolve('pino', { paths: [cognitoLocal] }));
const { createDefaultServer } = require(path.join(cognitoLocal, 'lib', 'server'));

function stop() {
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.resume();
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);

const logger = pino({ level: process.env.COGNITO_LOCAL_LOG || 'warn' }, pino.destination(2));
// cognito-local's own AWS SDK v2 prints a maintenance notice on load; it is not ours to act on.
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';

createDefaultServer(logger)
  .then((server) => server.start())
  .then((server) => {
    process.stdout.write(JSON.stringify({ cognito: server.address().port }) + '\n');
  })
  .catch((error) => {
    console.error('cognito-local failed to start: ' + (error && error.stack ? error.stack : error));
    process.exit(1);
  });
