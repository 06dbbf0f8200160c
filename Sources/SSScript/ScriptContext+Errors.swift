import CJavaScriptCore

extension ScriptContext {
    /// Turns a thrown JS value into a `ScriptError`, keeping the engine's position and
    /// the object's own primitive properties.
    func makeError(_ exception: JSValueRef, sourceURL: String?) -> ScriptError {
        let message = (try? string(of: exception)) ?? "unknown JavaScript exception"
        var error = ScriptError(message: message, sourceURL: sourceURL)
        if message.contains("JavaScript execution terminated") || message.contains("execution time limit") {
            error.kind = .timeout
            error.message = "script terminated: it ran longer than the \(timeLimit.map { "\($0) s " } ?? "")time limit"
        }
        guard JSValueIsObject(context, exception), let object = JSValueToObject(context, exception, nil) else {
            return error
        }
        let names = JSObjectCopyPropertyNames(context, object)
        defer { if let names { JSPropertyNameArrayRelease(names) } }
        var details: [String: String] = [:]
        if let names {
            for index in 0..<JSPropertyNameArrayGetCount(names) {
                guard let name = JSPropertyNameArrayGetNameAtIndex(names, index) else { continue }
                if let text = primitiveString(JSObjectGetProperty(context, object, name, nil)) {
                    details[name.swiftString] = text
                }
            }
        }
        for key in ["stack", "line", "column", "sourceURL"] where details[key] == nil {
            let name = JSStringRef.make(key)
            defer { JSStringRelease(name) }
            if let text = primitiveString(JSObjectGetProperty(context, object, name, nil)) { details[key] = text }
        }
        error.stack = details.removeValue(forKey: "stack")
        error.line = details.removeValue(forKey: "line").flatMap { Int($0) }
        error.column = details.removeValue(forKey: "column").flatMap { Int($0) }
        if let url = details.removeValue(forKey: "sourceURL") { error.sourceURL = url }
        error.details = details
        return error
    }

    private func primitiveString(_ value: JSValueRef?) -> String? {
        guard let value else { return nil }
        switch JSValueGetType(context, value) {
        case kJSTypeString, kJSTypeNumber, kJSTypeBoolean: return try? string(of: value)
        default: return nil
        }
    }
}

extension JSStringRef {
    static func make(_ text: String) -> JSStringRef {
        text.withCString { JSStringCreateWithUTF8CString($0) }
    }

    var swiftString: String {
        let size = JSStringGetMaximumUTF8CStringSize(self)
        var buffer = [CChar](repeating: 0, count: size)
        let written = JSStringGetUTF8CString(self, &buffer, size)
        guard written > 0 else { return "" }
        return String(decoding: buffer[0..<(written - 1)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
