#!/usr/bin/env node
// Two runtime instances on one Redis (issue 9): cross-instance publish latency and
// broadcast time-to-last-receipt over clients spread across both instances.
//
//   node redis-instances.js --ports PA,PB [--subscribers 1] [--messages 2000] [--interval-ms 2]
//                           [--broadcast-clients 5000] [--broadcasts 20]
//
// Latency: `--subscribers` clients on A; a publisher on B calls `bench.broadcast` (a
// `publish.broadcast` that reaches A only through Redis) with one message every
// `--interval-ms`; each receipt on A is timed from the moment the call was sent (one clock:
// every client is in this process). The same message's receipt by a client on B, the
// publisher's own instance, is timed too: A minus B is what the Redis hop adds.
// Broadcast: `--broadcast-clients` split evenly over A and B, a publisher on A; the time
// from the publish call to the last client's receipt, per broadcast. Loopback only.
'use strict';
const WebSocket = require('ws');

const argv = process.argv.slice(2);
const opt = (n, d) => { const i = argv.indexOf('--' + n); return i >= 0 ? argv[i + 1] : d; };
const [portA, portB] = opt('ports', '18301,18302').split(',').map((p) => parseInt(p, 10));
const subscribers = parseInt(opt('subscribers', '1'), 10);
const messages = parseInt(opt('messages', '2000'), 10);
const intervalMs = parseFloat(opt('interval-ms', '2'));
const broadcastClients = parseInt(opt('broadcast-clients', '5000'), 10);
const broadcasts = parseInt(opt('broadcasts', '20'), 10);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => Number(process.hrtime.bigint()) / 1e6; // ms

function open(port, onEvent) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket('ws://127.0.0.1:' + port + '/_ss/ws', { perMessageDeflate: false });
    const timer = setTimeout(() => reject(new Error('not ready in 30 s')), 30000);
    timer.unref();
    ws.on('error', reject);
    // A real client pings every 25 s; the server closes a socket silent for 60 s.
    const ping = setInterval(() => { if (ws.readyState === 1) ws.send('{"type":"ping"}'); }, 20000);
    ws.on('close', () => clearInterval(ping));
    ws.on('message', (data) => {
      const s = String(data);
      if (s.startsWith('{"type":"event"')) { onEvent(JSON.parse(s).payload.seq); return; }
      if (s.startsWith('{"type":"reply"')) return;
      if (JSON.parse(s).type === 'init') { clearTimeout(timer); resolve(ws); }
    });
  });
}
async function openMany(port, count, onEvent) {
  const out = [];
  for (let i = 0; i < count; i += 200) {
    const batch = [];
    for (let j = i; j < Math.min(count, i + 200); j++) batch.push(open(port, onEvent));
    out.push(...(await Promise.all(batch)));
  }
  return out;
}
let callId = 0;
const publish = (ws, seq) => ws.send('{"type":"call","id":' + (++callId) + ',"method":"bench.broadcast","params":[{"seq":' + seq + '}]}');
function percentiles(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  const p = (q) => s.length ? +s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(3) : null;
  return { n: s.length, p50: p(0.5), p99: p(0.99), max: s.length ? +s[s.length - 1].toFixed(3) : null };
}

(async () => {
  // Latency through Redis.
  const sentAt = new Map();
  const onA = [], onB = [];
  const subs = await openMany(portA, subscribers, (seq) => { const t = sentAt.get(seq); if (t !== undefined) onA.push(now() - t); });
  const local = await open(portB, (seq) => { const t = sentAt.get(seq); if (t !== undefined) onB.push(now() - t); });
  const publisher = await open(portB, () => {});
  await sleep(500); // subscriptions settle
  for (let seq = 1; seq <= messages; seq++) {
    sentAt.set(seq, now());
    publish(publisher, seq);
    await sleep(intervalMs);
  }
  await sleep(1000);
  const latency = {
    subscribers_on_A: subscribers, messages, interval_ms: intervalMs,
    cross_instance_ms: percentiles(onA), same_instance_ms: percentiles(onB),
    lost_on_A: messages * subscribers - onA.length, lost_on_B: messages - onB.length,
  };
  [...subs, local, publisher].forEach((ws) => ws.terminate());
  await sleep(500);

  // Broadcast over both instances.
  const half = Math.floor(broadcastClients / 2);
  const received = new Map();
  const onEvent = (seq) => received.set(seq, (received.get(seq) || []).concat(now()));
  const clients = (await openMany(portA, half, onEvent)).concat(await openMany(portB, broadcastClients - half, onEvent));
  const pub = await open(portA, () => {});
  await sleep(1000);
  const toLast = [], toMedian = [];
  let lostDeliveries = 0;
  for (let b = 1; b <= broadcasts; b++) {
    const seq = 1e6 + b;
    const t0 = now();
    publish(pub, seq);
    const deadline = t0 + 30000;
    while ((received.get(seq) || []).length < broadcastClients && now() < deadline) await sleep(1);
    const times = (received.get(seq) || []).map((t) => t - t0).sort((x, y) => x - y);
    lostDeliveries += broadcastClients - times.length;
    if (times.length) { toLast.push(times[times.length - 1]); toMedian.push(times[Math.floor(times.length / 2)]); }
    await sleep(200);
  }
  const broadcast = {
    clients: broadcastClients, on_A: half, on_B: broadcastClients - half, broadcasts,
    time_to_last_ms: percentiles(toLast), time_to_median_client_ms: percentiles(toMedian), lost_deliveries: lostDeliveries,
  };
  clients.concat([pub]).forEach((ws) => ws.terminate());
  console.log(JSON.stringify({ latency, broadcast }));
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
