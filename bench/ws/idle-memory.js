#!/usr/bin/env node
// Memory per idle connection: opens N WebSocket connections to a running server, waits for
// each to be ready (the runtime's `init`), and reports the server's RSS growth per
// connection (from /proc/PID/status). Loopback only; bounded in count and time.
//
//   node idle-memory.js --port P --pid SERVER_PID [--conns 10000] [--path /_ss/ws] [--ramp 200]
//                       [--ready message|open]   (anchors that send nothing on connect: open)
'use strict';
const fs = require('fs');
const WebSocket = require('ws');
const argv = process.argv.slice(2);
const opt = (n, d) => { const i = argv.indexOf('--' + n); return i >= 0 ? argv[i + 1] : d; };
const port = parseInt(opt('port', '18300'), 10);
const pid = opt('pid', null);
const conns = parseInt(opt('conns', '10000'), 10);
const path = opt('path', '/_ss/ws');
const ramp = parseInt(opt('ramp', '200'), 10);
const readyOn = opt('ready', 'message');
const deadline = Date.now() + 300000;

function rssKB() {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync('/proc/' + pid + '/status', 'utf8'));
  return m ? parseInt(m[1], 10) : null;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

(async () => {
  await sleep(500);
  const before = rssKB();
  const sockets = [];
  let ready = 0, failed = 0, inFlight = 0;
  for (let i = 0; i < conns; i++) {
    while (inFlight >= ramp) { await sleep(1); if (Date.now() > deadline) throw new Error('timeout'); }
    inFlight++;
    const ws = new WebSocket('ws://127.0.0.1:' + port + path, { perMessageDeflate: false });
    ws.once(readyOn, () => { ready++; inFlight--; });
    ws.on('error', () => { failed++; inFlight--; });
    sockets.push(ws);
  }
  while (ready + failed < conns && Date.now() < deadline) await sleep(10);
  await sleep(2000);
  const after = rssKB();
  const result = { conns, ready, failed, rss_before_kb: before, rss_after_kb: after,
    kb_per_connection: +((after - before) / Math.max(1, ready)).toFixed(2) };
  console.log(JSON.stringify(result));
  sockets.forEach((s) => s.terminate());
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
