/// A Node.js harness that runs the real browser client (`RuntimeClientScript`) against a
/// real server: a `window` with `location`, a cookie-keeping WebSocket built on Node's
/// `http` upgrade (so the session cookie works as in a browser), and scenarios whose
/// results print as one JSON line.
enum ClientHarness {
    static let script = #"""
'use strict';
const http = require('http');
const crypto = require('crypto');
const vm = require('vm');
const fs = require('fs');
const [port, clientPath] = process.argv.slice(2);
let cookie = null;
const logs = [];
let sockets = [];

class NodeWebSocket {
  constructor(url) {
    const u = new URL(url);
    this.readyState = 0;
    const headers = {
      Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': crypto.randomBytes(16).toString('base64'), Origin: 'http://' + u.host
    };
    if (cookie) headers.Cookie = cookie;
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, headers });
    req.on('upgrade', (res, socket, head) => {
      const sc = res.headers['set-cookie'];
      if (sc) cookie = String(sc[0] || sc).split(';')[0];
      this.socket = socket;
      sockets.push(this);
      this.readyState = 1;
      // Bytes that came in the same read as the 101 response arrive in `head`, not as data.
      let buf = Buffer.alloc(0);
      const onData = (d) => {
        buf = Buffer.concat([buf, d]);
        for (;;) {
          if (buf.length < 2) return;
          let len = buf[1] & 0x7f, off = 2;
          if (len === 126) { if (buf.length < 4) return; len = buf.readUInt16BE(2); off = 4; }
          else if (len === 127) { if (buf.length < 10) return; len = Number(buf.readBigUInt64BE(2)); off = 10; }
          if (buf.length < off + len) return;
          const op = buf[0] & 0x0f, payload = buf.slice(off, off + len);
          buf = buf.slice(off + len);
          if (op === 1 && this.onmessage) this.onmessage({ data: payload.toString('utf8') });
          if (op === 8) { socket.end(); }
          if (op === 9) { this._frame(10, payload); }
        }
      };
      socket.on('data', onData);
      const closed = () => { if (this.readyState !== 3) { this.readyState = 3; if (this.onclose) this.onclose({}); } };
      socket.on('close', closed);
      socket.on('error', closed);
      if (this.onopen) this.onopen({});
      if (head && head.length) onData(head);
    });
    req.on('response', () => { this.readyState = 3; if (this.onclose) this.onclose({}); });
    req.on('error', () => { this.readyState = 3; if (this.onclose) this.onclose({}); });
    req.end();
  }
  _frame(op, data) {
    const mask = crypto.randomBytes(4);
    const len = data.length;
    const head = len < 126 ? Buffer.from([0x80 | op, 0x80 | len])
      : Buffer.from([0x80 | op, 0x80 | 126, len >> 8, len & 0xff]);
    const body = Buffer.alloc(len);
    for (let i = 0; i < len; i++) body[i] = data[i] ^ mask[i % 4];
    this.socket.write(Buffer.concat([head, mask, body]));
  }
  send(text) {
    if (this.readyState !== 1) throw new Error('not open');
    this._frame(1, Buffer.from(text, 'utf8'));
  }
  close() { if (this.socket) this.socket.destroy(); }
}

const quiet = { log: (...a) => logs.push(a.join(' ')), warn: (...a) => logs.push(a.join(' ')), error: (...a) => logs.push(a.join(' ')) };
let initCalls = 0;
let modulesRun = 0;
global.window = {
  location: { protocol: 'http:', host: '127.0.0.1:' + port },
  WebSocket: NodeWebSocket, crypto: crypto.webcrypto, Promise, console: quiet,
  document: { readyState: 'complete' },
  SS: { client: { app: { init: () => { initCalls++; } } }, start: () => { modulesRun++; } },
  runtimeOptionsPlaceholder: null
};
window.SS.runtimeOptions = { maxQueue: 5, callTimeout: 20000, backoffBase: 50, backoffMax: 400 };
vm.runInThisContext(fs.readFileSync(clientPath, 'utf8'));
const SS = window.SS;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const results = {};
const call = (p) => p.then((v) => ({ result: v }), (e) => ({ code: e.code, message: e.message }));
async function waitFor(pred, ms = 20000) {
  const end = Date.now() + ms;
  while (!pred()) { if (Date.now() > end) throw new Error('timed out waiting'); await sleep(5); }
}

(async () => {
  // Before start: calls queue (bounded), the sixth overflows.
  const early = [];
  for (let i = 0; i < 6; i++) early.push(call(SS.internal.remote('app.square', [i])));
  results.earlyOverflow = (await early[5]).code;
  let connects = 0, disconnects = 0;
  SS.socket.on('connect', () => connects++);
  SS.socket.on('disconnect', () => disconnects++);
  SS.start();
  await waitFor(() => SS.socket.connected);
  results.early = (await Promise.all(early.slice(0, 5))).map((r) => r.result === undefined ? r.code : r.result);
  results.modulesRun = modulesRun;
  results.squarePromise = await SS.server.app.square(25);
  results.squareCallback = await new Promise((r) => SS.server.app.square(25, (err, n) => r([err, n])));
  results.add = await SS.server.app.add(2, 3);
  results.notFound = (await call(SS.internal.remote('app.sqare', [25]))).code;
  results.forbidden = await new Promise((r) => SS.server.app.deny((err) => r(err && err.code)));
  results.unauthenticated = (await call(SS.server.secret.data())).code;
  SS.runtimeOptions.callTimeout = 300;
  results.timeout = (await call(SS.server.app.slow(1000))).code;
  SS.runtimeOptions.callTimeout = 20000;
  const got = [];
  SS.events.on('flash', (payload, channel) => got.push([payload, channel === undefined ? null : channel]));
  SS.events.on('said', (payload, channel) => got.push([payload, channel]));
  await SS.server.app.announce('hi');
  await SS.server.app.join('kids');
  await SS.server.app.say('kids', 'story');
  await waitFor(() => got.length >= 2);
  results.events = got;
  await SS.server.app.login('ann');
  results.silentNotLogged = (() => { const before = logs.length; return SS.server.app.square(3, { silent: true }).then((v) => [v, logs.slice(before).some((l) => l.indexOf('app.square') >= 0)]); })();
  results.silentNotLogged = await results.silentNotLogged;

  // Exactly once across a reconnect: one call in flight, one made while offline.
  const before = await SS.server.counter.bump(0, 'client');
  const inflight = SS.server.counter.bump(300, 'client');
  await sleep(50);
  SS.socket.reconnect();
  const offline = SS.server.counter.bump(0, 'client');
  const [a, b] = await Promise.all([inflight, offline]);
  const after = await SS.server.counter.bump(0, 'client');
  results.exactlyOnce = { before, a, b, after };
  results.sessionKept = await SS.server.app.whoami();
  results.channelsKept = SS.session.channels;
  results.connects = connects;
  results.disconnects = disconnects;
  results.initCalls = initCalls;
  results.devLogged = logs.some((l) => l.indexOf('SS <- app.square') >= 0);
  console.log(JSON.stringify(results));
  sockets.forEach((s) => s.close());
  process.exit(0);
})().catch((e) => { console.log(JSON.stringify({ fatal: String(e && e.stack || e), logs })); process.exit(1); });
"""#
}
