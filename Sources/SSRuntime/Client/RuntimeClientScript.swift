/// The browser side of the runtime: plain ES5, no dependencies. Load it after the module
/// runtime (which defines `window.SS` and `SS.start`); it wraps `SS.start` so the socket
/// opens once every module is defined.
///
///     <script src="/_ss/runtime.js"></script>   <!-- served by the host -->
///     let js = RuntimeClientScript.source(env: "development")
///
/// In the page:
///
///     SS.server.app.square(25, function (err, n) { ... })    // callback: (error, result)
///     SS.server.app.square(25).then(function (n) { ... })    // no callback: a Promise
///     SS.server.app.track(pos, {silent: true})               // not logged
///     SS.events.on('flash', function (payload, channel) { ... })
///     SS.socket.on('disconnect', function () { ... })
public enum RuntimeClientScript {
    /// The script with the environment name baked in (development logs every call and push).
    public static func source(env: String) -> String {
        var quoted = ""
        for scalar in env.unicodeScalars {
            switch scalar {
            case "\\", "'", "\"", "<", ">", "\n", "\r", "\u{2028}", "\u{2029}":
                quoted += "\\u" + String(format4(scalar.value))
            default:
                quoted.unicodeScalars.append(scalar)
            }
        }
        return template.replacingOccurrences(of: "__SS_ENV__", with: quoted)
    }

    private static func format4(_ v: UInt32) -> String {
        let hex = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
