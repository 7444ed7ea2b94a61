'use strict';
// Runs a CloudFront Function (viewer request) on events read from stdin as JSON:
// {"code": "<the function's code>", "uris": ["/a/", ...]}; prints the results as a JSON array.
// Each run gets a context of its own that holds nothing but the language (no require, process,
// console or timers), as the CloudFront Functions runtime holds none of Node's.
const vm = require('vm');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const { code, uris } = JSON.parse(input);
  const results = uris.map((uri) => {
    const event = {
      version: '1.0',
      context: { eventType: 'viewer-request' },
      viewer: { ip: '192.0.2.1' },
      request: {
        method: 'GET',
        uri,
        querystring: {},
        headers: { host: { value: 'd111111abcdef8.cloudfront.net' } },
        cookies: {},
      },
    };
    const sandbox = { event, result: undefined };
    vm.runInNewContext(code + '\nresult = handler(event);', sandbox, { timeout: 1000 });
    return sandbox.result;
  });
  process.stdout.write(JSON.stringify(results));
});
