#!/usr/bin/env node
// The most concurrent idle WebSocket connections one server process holds (issue 9).
//
//   node idle-connections.js --port P --pid SERVER_PID [--conns 100000] [--path /_ss/ws]
//        [--ready message|open] [--sources 8] [--per-process 18000] [--ramp 400] [--hold 5]
//        [--keepalive ss|engineio|none]
//
// One process cannot hold more sockets than its RLIMIT_NOFILE, and one source address has
// about 28,000 ephemeral ports towards one server port, so the parent forks generator
// processes, each opening at most --per-process connections from its own source address
// (127.0.0.2, 127.0.0.3, ...). A connection counts once the server is ready on it (its
// first message, or the open for servers that send nothing); one that errors, closes or is
// not ready within 20 s counts as failed. After all attempts the parent holds for --hold
// seconds, checks how many are still open and reports the server's RSS growth per
// connection from /proc/PID/status. Idle means what a real idle client does: `ss` sends the
// runtime's protocol ping every 25 s (the server closes a connection silent for 60 s),
// `engineio` answers Engine.IO pings ("2" -> "3"), `none` sends nothing. Loopback only.
'use strict';
const fs = require('fs');
const { fork } = require('child_process');

const argv = process.argv.slice(2);
const opt = (n, d) => { const i = argv.indexOf('--' + n); return i >= 0 ? argv[i + 1] : d; };
const port = parseInt(opt('port', '18300'), 10);
const path = opt('path', '/_ss/ws');
const readyOn = opt('ready', 'message');
const keepalive = opt('keepalive', 'ss');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (process.env.IDLE_CHILD) {
  // Generator: open `count` connections from `source`, report progress to the parent.
  const WebSocket = require('ws');
  const count = parseInt(process.env.IDLE_COUNT, 10);
  const source = process.env.IDLE_SOURCE;
  const ramp = parseInt(process.env.IDLE_RAMP, 10);
  let ready = 0, failed = 0, closed = 0, inFlight = 0, attempted = 0, failedInARow = 0;
  const sockets = [];
  const report = () => process.send({ ready, failed, closed, attempted });
  setInterval(report, 1000).unref();
  (async () => {
    for (let i = 0; i < count; i++) {
      while (inFlight >= ramp) await sleep(1);
      // The server stopped taking clients: the rest would only queue in its backlog.
      if (failedInARow >= 200) break;
      inFlight++;
      attempted++;
      let settled = false, wasReady = false;
      const settle = (ok) => {
        if (settled) return;
        settled = true; inFlight--;
        if (ok) { ready++; wasReady = true; failedInARow = 0; } else { failed++; failedInARow++; }
      };
      const ws = new WebSocket('ws://127.0.0.1:' + port + path, { perMessageDeflate: false, localAddress: source });
      const timer = setTimeout(() => { settle(false); ws.terminate(); }, 20000);
      ws.once(readyOn, () => { clearTimeout(timer); settle(true); });
      if (keepalive === 'engineio') ws.on('message', (d) => { if (String(d) === '2') ws.send('3'); });
      if (keepalive === 'ss') {
        const ping = setInterval(() => { if (ws.readyState === 1) ws.send('{"type":"ping"}'); }, 25000 + (i % 5000));
        ws.on('close', () => clearInterval(ping));
      }
      ws.on('error', () => { clearTimeout(timer); settle(false); });
      ws.on('close', () => { clearTimeout(timer); if (wasReady) closed++; else settle(false); });
      sockets.push(ws);
      if (i % 1000 === 0) report();
    }
    while (inFlight > 0) await sleep(20);
    report();
    process.on('message', (m) => { if (m === 'status') report(); if (m === 'stop') process.exit(0); });
    process.send({ done: true, ready, failed, closed });
  })().catch((e) => { console.error(e); process.exit(1); });
} else {
  const pid = opt('pid', null);
  const conns = parseInt(opt('conns', '100000'), 10);
  const perProcess = parseInt(opt('per-process', '18000'), 10);
  const sources = parseInt(opt('sources', '8'), 10);
  const ramp = parseInt(opt('ramp', '400'), 10);
  const hold = parseFloat(opt('hold', '5'));
  const rssKB = () => {
    const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync('/proc/' + pid + '/status', 'utf8'));
    return m ? parseInt(m[1], 10) : null;
  };
  const openFiles = () => {
    const m = /Max open files\s+(\d+)/.exec(fs.readFileSync('/proc/' + pid + '/limits', 'utf8'));
    return m ? parseInt(m[1], 10) : null;
  };
  (async () => {
    await sleep(300);
    const before = rssKB();
    const started = Date.now();
    const children = [];
    const state = [];
    for (let i = 0, left = conns; left > 0; i++) {
      const count = Math.min(perProcess, left);
      left -= count;
      const child = fork(__filename, argv, {
        env: Object.assign({}, process.env, {
          IDLE_CHILD: '1', IDLE_COUNT: String(count), IDLE_RAMP: String(Math.ceil(ramp / Math.ceil(conns / perProcess))),
          IDLE_SOURCE: '127.0.0.' + (2 + (i % sources)),
        }),
      });
      state.push({ ready: 0, failed: 0, closed: 0, attempted: 0, done: false });
      child.on('message', (m) => Object.assign(state[i], m));
      child.on('exit', () => { state[i].done = true; });
      children.push(child);
    }
    const sum = (k) => state.reduce((a, s) => a + s[k], 0);
    let peak = 0, lastProgress = Date.now(), lastTotal = -1;
    while (!state.every((s) => s.done)) {
      await sleep(250);
      peak = Math.max(peak, rssKB() || 0);
      const total = sum('ready') + sum('failed');
      if (total !== lastTotal) { lastTotal = total; lastProgress = Date.now(); }
      if (Date.now() - lastProgress > 60000) break; // a generator is stuck: report what we have
    }
    const openSeconds = (Date.now() - started) / 1000;
    await sleep(hold * 1000);
    children.forEach((c) => c.connected && c.send('status'));
    await sleep(500);
    const after = rssKB();
    const ready = sum('ready'), failed = sum('failed'), closed = sum('closed');
    const result = {
      conns, attempted: sum('attempted'), ready, failed, closed_after_ready: closed, still_open: ready - closed,
      open_seconds: +openSeconds.toFixed(1), server_nofile_limit: openFiles(),
      rss_before_kb: before, rss_after_kb: after, rss_peak_kb: peak,
      kb_per_connection: +((after - before) / Math.max(1, ready - closed)).toFixed(2),
    };
    console.log(JSON.stringify(result));
    children.forEach((c) => { try { c.send('stop'); } catch (e) { c.kill(); } });
    await sleep(500);
    children.forEach((c) => c.kill('SIGKILL'));
    process.exit(0);
  })().catch((e) => { console.error(e); process.exit(1); });
}
