import Foundation
import SSBuild
import SSCompilers

/// The JSON messages of the live-reload channel (`/_ss/livereload`).
public enum LiveReloadMessage {
    /// `{"type":"hello","build":"…"}`: sent on connect; a client that saw another build
    /// id before (the server restarted) reloads.
    public static func hello(build: String) -> String { simple("hello", build: build) }

    public static func reload(build: String) -> String { simple("reload", build: build) }

    /// `{"type":"css","assets":["/assets/dev/app/css/app.css"],"build":"…"}`.
    public static func css(urls: [String], build: String) -> String {
        "{\"assets\":[" + urls.map(JSONText.quoted).joined(separator: ",") + "],\"build\":" + JSONText.quoted(build)
            + ",\"type\":\"css\"}"
    }

    /// Written directly: these go out on every rebuild, where JSONSerialization's
    /// dictionary bridging showed in profiles. Keys sorted, as `encode` sorts them.
    private static func simple(_ type: String, build: String) -> String {
        "{\"build\":" + JSONText.quoted(build) + ",\"type\":" + JSONText.quoted(type) + "}"
    }

    /// `{"type":"errors","errors":[{file,line,column,id,message,text}]}`.
    public static func errors(_ diagnostics: [Diagnostic]) -> String {
        let list: [[String: Any]] = diagnostics.map { d in
            [
                "file": d.path ?? "",
                "line": d.range?.start.line ?? 0,
                "column": d.range?.start.column ?? 0,
                "id": d.id.rawValue,
                "message": d.message,
                "text": d.rendered(),
            ]
        }
        return encode(["type": "errors", "errors": list])
    }

    static func encode(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            return "{\"type\":\"reload\"}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
