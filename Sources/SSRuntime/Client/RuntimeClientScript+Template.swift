extension RuntimeClientScript {
    // The template is ES5 on purpose: it runs unbundled in every browser.
    static let template = #"""
/* ssbuild runtime client, protocol v1 (docs/protocol.md) */
(function (window) {
  'use strict';
  var SS = window.SS = window.SS || {};
  var ENV = '__SS_ENV__';
  var DEV = ENV === 'development';
  var options = SS.runtimeOptions || {};
  var MAX_QUEUE = options.maxQueue || 100;
  var BACKOFF_BASE = options.backoffBase || 500;
  var BACKOFF_MAX = options.backoffMax || 15000;
  var console = window.console || { log: function () {}, error: function () {}, warn: function () {} };

  SS.env = ENV;
  SS.server = SS.server || {};
  SS.session = { user: null, channels: [] };

  function now() { return new Date().getTime(); }

  function makeError(code, message, detail) {
    var e = new Error(message);
    e.code = code;
    if (detail) { e.detail = detail; }
    return e;
  }

  function randomPrefix() {
    var s = '';
    var c = window.crypto;
    if (c && c.getRandomValues) {
      var a = new Uint32Array(2);
      c.getRandomValues(a);
      s = a[0].toString(36) + a[1].toString(36);
    } else {
      s = Math.floor(Math.random() * 1e12).toString(36) + Math.floor(Math.random() * 1e12).toString(36);
    }
    return s.slice(0, 12);
  }

  function emitter() {
    var table = {};
    return {
      on: function (name, fn) { (table[name] = table[name] || []).push(fn); },
      off: function (name, fn) {
        var list = table[name] || [];
        for (var i = list.length - 1; i >= 0; i--) { if (!fn || list[i] === fn) { list.splice(i, 1); } }
      },
      emit: function (name) {
        var list = (table[name] || []).slice();
        var args = Array.prototype.slice.call(arguments, 1);
        for (var i = 0; i < list.length; i++) {
          try { list[i].apply(null, args); } catch (e) { console.error('SS: handler for ' + name + ' threw', e); }
        }
        return list.length;
      }
    };
  }

  var events = emitter();
  SS.events = {
    on: events.on,
    off: events.off,
    emit: events.emit
  };
  var socketEvents = emitter();
  SS.socket = { connected: false, on: socketEvents.on, off: socketEvents.off };

  // ---- calls ----
  var prefix = randomPrefix();
  var seq = 0;
  var pending = {};   // id -> call record, until its one reply
  var outbox = [];    // ids waiting for a connection (new calls and resends)
  var ws = null;
  var ready = false;
  var draining = false;      // the server said it is going away: no new calls on this socket
  var nextDelay = null;      // the reconnect delay the server asked for, once

  function isOptions(v) {
    if (!v || typeof v !== 'object' || Object.prototype.toString.call(v) !== '[object Object]') { return false; }
    var keys = 0;
    for (var k in v) { if (Object.prototype.hasOwnProperty.call(v, k)) { if (k !== 'silent') { return false; } keys++; } }
    return keys === 1;
  }

  function remote(method, argsLike) {
    var args = Array.prototype.slice.call(argsLike);
    var cb = null;
    if (args.length && typeof args[args.length - 1] === 'function') { cb = args.pop(); }
    var silent = false;
    if (args.length && isOptions(args[args.length - 1])) { silent = !!args.pop().silent; }
    var id = prefix + '.' + (++seq);
    var call = { id: id, method: method, params: args, silent: silent, cb: cb, started: now(), timer: null };
    var promise = null;
    if (!cb && typeof window.Promise === 'function') {
      promise = new window.Promise(function (resolve, reject) { call.resolve = resolve; call.reject = reject; });
    } else if (!cb) {
      call.cb = function (err, res) { if (err) { console.error(err); } else { console.log(res); } };
    }
    if ((!ready || draining) && outbox.length >= MAX_QUEUE) {
      finish(call, makeError('offline_queue_full', 'too many calls queued while offline'));
      return promise;
    }
    pending[id] = call;
    var limit = options.callTimeout || 30000;
    call.timer = setTimeout(function () {
      if (pending[id]) {
        delete pending[id];
        removeFromOutbox(id);
        finish(call, makeError('timeout', 'no reply to ' + method + ' within ' + limit + ' ms'));
      }
    }, limit);
    if (ready && !draining) { transmit(call); } else { outbox.push(id); }
    return promise;
  }

  function removeFromOutbox(id) {
    for (var i = outbox.length - 1; i >= 0; i--) { if (outbox[i] === id) { outbox.splice(i, 1); } }
  }

  function transmit(call) {
    var msg = { type: 'call', id: call.id, method: call.method, params: call.params };
    if (call.silent) { msg.silent = true; }
    try {
      ws.send(JSON.stringify(msg));
    } catch (e) {
      outbox.push(call.id);
    }
  }

  function finish(call, err, result) {
    if (call.timer) { clearTimeout(call.timer); }
    if (DEV && !call.silent) {
      var ms = now() - call.started;
      if (err) { console.warn('SS <- ' + call.method + ' failed: ' + err.code + ': ' + err.message + ' (' + ms + ' ms)'); }
      else { console.log('SS <- ' + call.method, result, '(' + ms + ' ms)'); }
    }
    if (call.cb) {
      try { call.cb(err || null, result); } catch (e) { console.error('SS: callback of ' + call.method + ' threw', e); }
    } else if (err) {
      call.reject(err);
    } else {
      call.resolve(result);
    }
  }

  // ---- API tree ----
  function buildTree(target, spec, path) {
    var k;
    for (k in target) { if (Object.prototype.hasOwnProperty.call(target, k)) { delete target[k]; } }
    for (k in spec) {
      if (!Object.prototype.hasOwnProperty.call(spec, k)) { continue; }
      var full = path ? path + '.' + k : k;
      if (spec[k] && typeof spec[k] === 'object') {
        target[k] = {};
        buildTree(target[k], spec[k], full);
      } else {
        target[k] = stub(full);
      }
    }
  }

  function stub(method) {
    return function () { return remote(method, arguments); };
  }

  // ---- connection ----
  var attempts = 0;
  var reconnectTimer = null;
  var pingTimer = null;
  var lastHeard = 0;
  var heartbeat = { interval: 25000, timeout: 60000 };
  var everConnected = false;
  var appStarted = false;

  function url() {
    if (options.url) { return typeof options.url === 'function' ? options.url() : options.url; }
    var loc = window.location;
    return (loc.protocol === 'https:' ? 'wss://' : 'ws://') + loc.host + '/_ss/ws';
  }

  function connect() {
    if (ws) { return; }
    if (reconnectTimer) { clearTimeout(reconnectTimer); reconnectTimer = null; }
    var socket;
    try {
      socket = new window.WebSocket(url());
    } catch (e) {
      scheduleReconnect();
      return;
    }
    ws = socket;
    socket.onmessage = function (ev) { if (socket === ws) { receive(ev.data); } };
    socket.onclose = function () { if (socket === ws) { dropped(); } };
    socket.onerror = function () { /* onclose follows */ };
  }

  function dropped() {
    var wasReady = ready;
    ws = null;
    ready = false;
    draining = false;
    SS.socket.connected = false;
    if (pingTimer) { clearInterval(pingTimer); pingTimer = null; }
    // Calls sent but unanswered are resent after the next init; the server runs each id once.
    var id;
    for (id in pending) {
      if (Object.prototype.hasOwnProperty.call(pending, id) && indexOf(outbox, id) < 0) { outbox.push(id); }
    }
    outbox.sort(function (a, b) { return seqOf(a) - seqOf(b); });
    if (wasReady) {
      if (DEV) { console.warn('SS: disconnected'); }
      socketEvents.emit('disconnect');
    }
    scheduleReconnect();
  }

  function seqOf(id) { return parseInt(id.slice(id.lastIndexOf('.') + 1), 10); }

  function indexOf(list, v) {
    for (var i = 0; i < list.length; i++) { if (list[i] === v) { return i; } }
    return -1;
  }

  function scheduleReconnect() {
    if (reconnectTimer) { return; }
    var delay;
    if (nextDelay !== null) {
      // A graceful shutdown: come back soon, at a random moment so clients spread out.
      delay = nextDelay;
      nextDelay = null;
    } else {
      // Capped exponential backoff with jitter: half fixed, half random.
      var cap = Math.min(BACKOFF_MAX, BACKOFF_BASE * Math.pow(2, attempts));
      delay = cap / 2 + Math.random() * cap / 2;
      attempts++;
    }
    reconnectTimer = setTimeout(function () { reconnectTimer = null; connect(); }, delay);
  }

  function receive(text) {
    lastHeard = now();
    var msg;
    try { msg = JSON.parse(text); } catch (e) { console.error('SS: unreadable message', text); return; }
    switch (msg.type) {
      case 'init': return onInit(msg);
      case 'reply': return onReply(msg);
      case 'event': return onEvent(msg);
      case 'pong': return;
      case 'reconnect': return onReconnectNotice(msg);
      case 'api':   // the server's actions changed (a worker was rebuilt)
        buildTree(SS.server, msg.api || {}, '');
        if (DEV) { console.log('SS: server API updated'); }
        return;
      case 'error':
        console.error('SS server error: ' + (msg.error && msg.error.code) + ': ' + (msg.error && msg.error.message));
        return;
      default:
        console.error('SS: unknown message type ' + msg.type);
    }
  }

  function onInit(msg) {
    if (msg.version !== 1) { console.warn('SS: server speaks protocol ' + msg.version + ', client 1'); }
    attempts = 0;
    SS.env = msg.env || ENV;
    SS.session = { user: msg.user, channels: msg.channels || [] };
    if (msg.heartbeat) { heartbeat = msg.heartbeat; }
    buildTree(SS.server, msg.api || {}, '');
    ready = true;
    SS.socket.connected = true;
    if (pingTimer) { clearInterval(pingTimer); }
    pingTimer = setInterval(tick, Math.max(1000, Math.min(heartbeat.interval, heartbeat.timeout / 2)));
    var queued = outbox;
    outbox = [];
    for (var i = 0; i < queued.length; i++) {
      if (pending[queued[i]]) { transmit(pending[queued[i]]); }
    }
    if (DEV) { console.log('SS: connected' + (msg.user ? ' as ' + msg.user : '') + (everConnected ? ' (reconnected)' : '')); }
    everConnected = true;
    socketEvents.emit('connect');
    startApp();
  }

  // The server is shutting down (or restarting): new calls wait in the outbox, calls in
  // flight get their replies here, then the server closes the socket and the client
  // reconnects within 'within' ms (to another instance behind a load balancer, or this one).
  function onReconnectNotice(msg) {
    var socket = ws;
    draining = true;
    attempts = 0;
    nextDelay = Math.random() * Math.max(0, msg.within || 0);
    if (DEV) { console.warn('SS: the server asked to reconnect (' + (msg.reason || 'no reason') + ')'); }
    socketEvents.emit('reconnecting', msg.reason);
    // Should the server never close, leave by ourselves.
    setTimeout(function () {
      if (socket === ws && draining) { dropped(); try { socket.close(); } catch (e) { /* gone */ } }
    }, Math.max(heartbeat.timeout, 60000));
  }

  function tick() {
    if (!ws || !ready) { return; }
    if (now() - lastHeard > heartbeat.timeout) {
      if (DEV) { console.warn('SS: no word from the server; reconnecting'); }
      var dead = ws;
      dropped();
      try { dead.close(); } catch (e) { /* already gone */ }
      return;
    }
    try { ws.send('{"type":"ping"}'); } catch (e) { /* onclose follows */ }
  }

  function onReply(msg) {
    var call = pending[msg.id];
    if (!call) { return; }   // a duplicate reply to a resent call, or a timed-out one
    delete pending[msg.id];
    if (msg.error) {
      var err = makeError(msg.error.code, msg.error.message, msg.error.detail);
      // rate_limited: milliseconds until a call can succeed again (the call did not run).
      if (typeof msg.error.retryAfter === 'number') { err.retryAfter = msg.error.retryAfter; }
      finish(call, err);
    } else {
      finish(call, null, msg.result);
    }
  }

  function onEvent(msg) {
    if (DEV) { console.log('SS event ' + msg.name + (msg.channel ? ' [' + msg.channel + ']' : ''), msg.payload); }
    var n = events.emit(msg.name, msg.payload, msg.channel);
    if (!n && DEV) { console.warn('SS: no handler for event ' + msg.name); }
  }

  function startApp() {
    if (appStarted) { return; }
    appStarted = true;
    var run = function () {
      SS.started = new Date();
      var app = SS.client && SS.client.app;
      if (app && typeof app.init === 'function') {
        try { app.init(); } catch (e) { console.error('SS: SS.client.app.init() threw', e); }
      }
    };
    var doc = window.document;
    if (doc && doc.readyState === 'loading' && doc.addEventListener) {
      doc.addEventListener('DOMContentLoaded', run);
    } else {
      run();
    }
  }

  SS.internal = { remote: remote, pendingCount: function () { var n = 0; for (var k in pending) { if (Object.prototype.hasOwnProperty.call(pending, k)) { n++; } } return n; } };
  SS.socket.reconnect = function () { if (ws) { var s = ws; dropped(); try { s.close(); } catch (e) {} } else { connect(); } };

  var start = SS.start;
  var started = false;
  SS.start = function () {
    if (typeof start === 'function') { start.apply(this, arguments); }
    if (!started) { started = true; connect(); }
  };
})(typeof window !== 'undefined' ? window : this);
"""#
}
