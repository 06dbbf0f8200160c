import SSActions

/// Indented JSON for people: two spaces per level, keys sorted, empty containers and
/// scalars on one line.
///
///     PrettyJSON.format(["m": "hi", "n": [1, 2]])
///     // {
///     //   "m": "hi",
///     //   "n": [
///     //     1,
///     //     2
///     //   ]
///     // }
enum PrettyJSON {
    static func format(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        let inner = String(repeating: "  ", count: indent + 1)
        let outer = String(repeating: "  ", count: indent)
        switch value {
        case .array(let items) where !items.isEmpty:
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += inner
                write(item, indent: indent + 1, into: &out)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += outer + "]"
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            let keys = members.keys.sorted()
            for (i, key) in keys.enumerated() {
                out += inner
                JSONValue.write(string: key, into: &out)
                out += ": "
                write(members[key] ?? .null, indent: indent + 1, into: &out)
                out += i + 1 < keys.count ? ",\n" : "\n"
            }
            out += outer + "}"
        default:
            out += value.jsonText
        }
    }
}
