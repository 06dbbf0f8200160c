/// The script the dev server injects into the page: live reload, CSS swapped in place,
/// and the error overlay.
public enum LiveReloadClient {
    public static let path = "/_ss/livereload.js"
    public static let socketPath = "/_ss/livereload"

    public static let source = #"""
    (function () {
      'use strict';
      var script = document.currentScript;
      var build = (script && script.getAttribute('data-build')) || null, delay = 250, overlay = null;
      function connect() {
        var ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/_ss/livereload');
        ws.onopen = function () { delay = 250; };
        ws.onmessage = function (event) {
          var m = JSON.parse(event.data);
          if (m.type === 'hello') {
            if (build !== null && m.build !== build && m.build !== '') { location.reload(); return; }
            build = m.build; if (m.build) { clearOverlay(); }
          } else if (m.type === 'reload') {
            location.reload();
          } else if (m.type === 'css') {
            build = m.build; clearOverlay(); swap(m.assets);
          } else if (m.type === 'errors') {
            showOverlay(m.errors);
          }
        };
        ws.onclose = function () { setTimeout(connect, delay); delay = Math.min(delay * 2, 4000); };
      }
      function swap(urls) {
        var links = document.querySelectorAll('link[rel="stylesheet"]');
        for (var i = 0; i < links.length; i++) {
          var link = links[i], path = new URL(link.href, location.href).pathname;
          if (urls.indexOf(path) < 0) { continue; }
          var next = link.cloneNode();
          next.href = path + '?t=' + Date.now();
          next.onload = (function (old) { return function () { old.parentNode && old.parentNode.removeChild(old); }; })(link);
          link.parentNode.insertBefore(next, link.nextSibling);
        }
      }
      function showOverlay(errors) {
        clearOverlay();
        overlay = document.createElement('div');
        overlay.id = 'ssbuild-error-overlay';
        overlay.setAttribute('style', 'position:fixed;inset:0;z-index:2147483647;overflow:auto;' +
          'background:rgba(20,20,24,.94);color:#eee;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;padding:24px');
        var title = document.createElement('div');
        title.setAttribute('style', 'color:#ff6b6b;font-weight:bold;margin-bottom:12px');
        title.textContent = 'Build failed: the page keeps the last good build. Fix the error and save.';
        overlay.appendChild(title);
        for (var i = 0; i < errors.length; i++) {
          var pre = document.createElement('pre');
          pre.className = 'ssbuild-error';
          pre.setAttribute('data-file', errors[i].file);
          pre.setAttribute('data-line', String(errors[i].line));
          pre.setAttribute('style', 'white-space:pre-wrap;margin:0 0 16px');
          pre.textContent = errors[i].text;
          overlay.appendChild(pre);
        }
        (document.body || document.documentElement).appendChild(overlay);
      }
      function clearOverlay() { if (overlay && overlay.parentNode) { overlay.parentNode.removeChild(overlay); } overlay = null; }
      window.SSLiveReload = { showOverlay: showOverlay, clearOverlay: clearOverlay };
      connect();
    })();

    """#
}
