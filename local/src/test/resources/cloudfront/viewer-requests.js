'use strict';
// Runs a CloudFront Function (viewer request) on events read from stdin as JSON:
// {"code": "<the function's code>", "uris": ["/a/", "/b/sok/?typ=x&organ=", ...]}; prints the results as a
// JSON array. A query string is given to the function in CloudFront's shape, {name: {value, multiValue}};
// the cases never repeat a name (here a repeated one would keep its last value in "value").
// Each run gets a context of its own that holds nothing but the language (no require, process,
// console or timers), as the CloudFront Functions runtime holds none of Node's.
const vm = require('vm');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const { code, uris } = JSON.parse(input);
  const results = uris.map((address) => {
    const question = address.indexOf('?');
    const uri = question < 0 ? address : address.substring(0, question);
    const querystring = {};
    if (question >= 0) {
      for (const pair of address.substring(question + 1).split('&')) {
        if (pair === '') continue;
        const equals = pair.indexOf('=');
        const name = equals < 0 ? pair : pair.substring(0, equals);
        const value = equals < 0 ? '' : pair.substring(equals + 1);
        const entry = querystring[name] || (querystring[name] = { value, multiValue: [] });
        entry.value = value;
        entry.multiValue.push({ value });
      }
    }
    const event = {
      version: '1.0',
      context: { eventType: 'viewer-request' },
      viewer: { ip: '192.0.2.1' },
      request: {
        method: 'GET',
        uri,
        querystring,
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
