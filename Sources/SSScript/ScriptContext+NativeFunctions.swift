import CJavaScriptCore

/// A Swift closure behind a JavaScript function object (the object's private data).
private final class NativeFunctionBox {
    let body: @Sendable ([String]) -> Void
    init(_ body: @escaping @Sendable ([String]) -> Void) { self.body = body }
}

/// One class for every native function: calling one converts its arguments with
/// `String(argument)` and runs the box's closure; collecting one releases the box.
// A JSClassRef is immutable once created and usable from any context group.
nonisolated(unsafe) private let nativeFunctionClass: JSClassRef = {
    var definition = kJSClassDefinitionEmpty
    definition.callAsFunction = { context, function, _, count, arguments, _ in
        guard let context, let function, let data = JSObjectGetPrivate(function) else {
            return JSValueMakeUndefined(context)
        }
        let box = Unmanaged<NativeFunctionBox>.fromOpaque(data).takeUnretainedValue()
        var strings: [String] = []
        strings.reserveCapacity(count)
        for index in 0..<count {
            guard let text = JSValueToStringCopy(context, arguments?[index], nil) else {
                strings.append("")
                continue
            }
            strings.append(text.swiftString)
            JSStringRelease(text)
        }
        box.body(strings)
        return JSValueMakeUndefined(context)
    }
    definition.finalize = { object in
        guard let data = JSObjectGetPrivate(object) else { return }
        Unmanaged<NativeFunctionBox>.fromOpaque(data).release()
    }
    return JSClassCreate(&definition)
}()

extension ScriptContext {
    /// Defines a global function that calls back into Swift with its arguments as text
    /// (`String(argument)`) and returns `undefined`: a way out for logs and events.
    ///
    /// ```swift
    /// try context.defineFunction("report") { args in print(args.joined(separator: " ")) }
    /// try context.evaluate("report('done', 42)")   // prints "done 42"
    /// ```
    public func defineFunction(_ name: String, _ body: @escaping @Sendable ([String]) -> Void) throws {
        let box = Unmanaged.passRetained(NativeFunctionBox(body))
        guard let function = JSObjectMake(context, nativeFunctionClass, box.toOpaque()) else {
            box.release()
            throw ScriptError(kind: .engine, message: "cannot create the function '\(name)'")
        }
        let property = JSStringRef.make(name)
        defer { JSStringRelease(property) }
        var exception: JSValueRef? = nil
        JSObjectSetProperty(context, JSContextGetGlobalObject(context), property, function, 0, &exception)
        if let exception { throw makeError(exception, sourceURL: nil) }
    }
}
