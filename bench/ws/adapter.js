// loadgen.js adapter for the ssbuild runtime (protocol v1, docs/protocol.md).
// The server speaks first with `init`; calls are {"type":"call",...}; the publish is an
// RPC to bench.broadcast, whose reply (id 1e9+n) the generator ignores.
'use strict';

module.exports = {
  path: '/_ss/ws',
  onOpen() { return null; }, // wait for init
  onMessage(conn, s) {
    // Cheap dispatch on the type field, which the server always writes first.
    if (s.startsWith('{"type":"reply"')) {
      const m = JSON.parse(s);
      if (m.error) return { type: 'error', message: m.error.code + ': ' + m.error.message };
      return { type: 'reply', id: m.id, value: m.result };
    }
    if (s.startsWith('{"type":"event"')) {
      const m = JSON.parse(s);
      return { type: 'event', seq: m.payload && m.payload.seq };
    }
    const m = JSON.parse(s);
    if (m.type === 'init') return { type: 'ready' };
    return null;
  },
  call(conn, id, x) { conn.ws.send('{"type":"call","id":' + id + ',"method":"bench.square","params":[' + x + ']}'); },
  publish(conn, id, data) {
    conn.ws.send('{"type":"call","id":' + (1e9 + id) + ',"method":"bench.broadcast","params":[' + JSON.stringify(data) + ']}');
  },
};
