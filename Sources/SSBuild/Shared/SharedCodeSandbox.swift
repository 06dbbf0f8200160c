import SSCompilers

/// What shared code on the server may not use, and the JavaScript that sets the stage
/// for it. The seed's rule: shared code must "never reference the DOM, any back-end DBs
/// or Node.js libraries", since it runs in the browser and on the server alike.
///
/// Browser and Node globals are left undefined rather than stubbed, so the usual
/// `typeof window !== 'undefined'` checks still work; using one raises a
/// `ReferenceError` that `SharedCodeEngine` rewrites into `SharedCodeSandbox.explain`.
enum SharedCodeSandbox {
    /// The seed's warning, quoted in every sandbox error.
    static let seedWarning =
        "shared code must \"never reference the DOM, any back-end DBs or Node.js libraries\" "
        + "(SocketStream README, Sharing Code): it runs in the browser and on the server alike"

    static let domNames: Set<String> = [
        "document", "window", "navigator", "location", "localStorage", "sessionStorage", "alert", "confirm",
        "$", "jQuery", "HTMLElement", "Element", "Node", "Image",
    ]
    static let networkNames: Set<String> = ["XMLHttpRequest", "fetch", "WebSocket", "EventSource", "Request", "io"]
    static let nodeNames: Set<String> = [
        "require", "process", "Buffer", "__dirname", "__filename", "global", "setImmediate",
    ]
    static let timerNames: Set<String> = ["setTimeout", "setInterval", "clearTimeout", "clearInterval"]

    /// A readable message for a `ReferenceError: Can't find variable: NAME`, or nil when
    /// NAME is not something the sandbox leaves out on purpose.
    static func explain(missing name: String) -> String? {
        let reason: String
        if domNames.contains(name) {
            reason = "the server has no DOM"
        } else if networkNames.contains(name) {
            reason = "shared code gets no network access on the server"
        } else if nodeNames.contains(name) {
            reason = "shared code gets no Node.js modules and no file system on the server"
        } else if timerNames.contains(name) {
            reason = "calls run synchronously on the server, so timers would never fire"
        } else {
            return nil
        }
        return "`\(name)` is not available to shared code on the server: \(reason); " + seedWarning
    }

    /// The prelude, evaluated after the module registry (`ClientRuntime`) and before the
    /// app's modules. It gives modules a `require` that explains what it cannot load, a
    /// `console` that goes to the native `__ssConsole(level, text)` when the engine defined
    /// one (silent otherwise), and defines the function `SharedCodeEngine` calls.
    static let prelude = "SS.__sharedWarning = " + ModuleWrapper.jsonString(seedWarning) + ";\n" + preludeBody

    private static let preludeBody = #"""
        var console = (function () {
          var out = typeof __ssConsole === 'function' ? __ssConsole : null;
          function text(value) {
            if (typeof value === 'string') return value;
            if (value instanceof Error) return String(value);
            try { var json = JSON.stringify(value); return json === undefined ? String(value) : json; }
            catch (e) { return String(value); }
          }
          function level(name) {
            if (!out) return function () {};
            return function () { out(name, Array.prototype.map.call(arguments, text).join(' ')); };
          }
          return { log: level('log'), info: level('info'), warn: level('warn'), error: level('error'),
                   debug: level('debug'), trace: level('debug'), dir: level('log') };
        })();
        (function () {
          var define = SS.define;
          SS.define = function (tree, id, fn) {
            define(tree, id, function (require, module, exports) {
              var guarded = function (name) {
                try { return require(name); } catch (e) {
                  if (String(e && e.message).indexOf('SS: no module') !== 0) throw e;
                  var error = new Error("require('" + name + "') is not available to shared code on the server: "
                    + "only other app/shared modules load here ('./name' or '/shared/name'); "
                    + "no Node.js modules, file system or network. " + SS.__sharedWarning);
                  error.ssUnavailable = name;
                  throw error;
                }
              };
              return fn.call(this, guarded, module, exports);
            });
          };
        })();
        SS.__sharedCall = function (path, args) {
          var parts = path.split('.'), target = SS.shared, owner = null, hasOwn = Object.prototype.hasOwnProperty;
          for (var i = 0; i < parts.length; i++) {
            if (target == null || (typeof target !== 'object' && typeof target !== 'function')
                || !hasOwn.call(target, parts[i])) {
              var missing = new Error('SS.shared.' + path + ' does not exist');
              missing.ssNotFound = true;
              throw missing;
            }
            owner = target;
            target = target[parts[i]];
          }
          if (typeof target !== 'function') {
            var notFunction = new Error('SS.shared.' + path + ' is not a function (it is ' + typeof target + ')');
            notFunction.ssNotFound = true;
            throw notFunction;
          }
          return target.apply(owner, args);
        };
        """#
}
