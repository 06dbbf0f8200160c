#if canImport(CHiredis)
import SSActions

/// What travels through a Redis pub/sub channel: the message plus its publisher and sequence
/// number. A message for several users or channels is published once per Redis channel; an
/// instance subscribed to more than one of them drops the copies by (publisher, sequence).
///
/// Wire form (bytes, `\n`-separated header, length-prefixed strings so ids and names may
/// hold any byte; the payload is the raw JSON text, unchanged):
///
///     SS1\n<publisher>\n<seq>\n<b|u|c>\n<count>\n(<len>\n<bytes>)*<len>\n<event><payload>
struct PubSubEnvelope: Sendable, Equatable {
    var publisher: String
    var sequence: UInt64
    var message: PublishMessage

    static let magic = Array("SS1\n".utf8)

    func encoded() -> [UInt8] {
        var out = Self.magic
        func line(_ s: String) {
            out.append(contentsOf: s.utf8)
            out.append(0x0A)
        }
        func sized(_ s: String) {
            line(String(s.utf8.count))
            out.append(contentsOf: s.utf8)
        }
        line(publisher)
        line(String(sequence))
        let (kind, names): (String, [String]) =
            switch message.target {
            case .broadcast: ("b", [])
            case .users(let ids): ("u", ids)
            case .channels(let names): ("c", names)
            }
        line(kind)
        line(String(names.count))
        for n in names { sized(n) }
        sized(message.event)
        out.append(contentsOf: message.payload.text.utf8)
        return out
    }

    /// Nil for anything that is not a well-formed envelope (other publishers on a shared
    /// Redis must not crash or confuse the router).
    init?(decoding bytes: [UInt8]) {
        var r = ByteCursor(bytes)
        guard r.take(Self.magic.count) == Self.magic[...],
            let publisher = r.line(),
            let seq = r.line().flatMap({ UInt64($0) }),
            let kind = r.line(),
            let count = r.line().flatMap({ Int($0) }), count >= 0, count <= bytes.count
        else { return nil }
        var names = [String]()
        for _ in 0..<count {
            guard let n = r.sized() else { return nil }
            names.append(n)
        }
        guard let event = r.sized() else { return nil }
        let target: PublishTarget
        switch kind {
        case "b": target = .broadcast
        case "u": target = .users(names)
        case "c": target = .channels(names)
        default: return nil
        }
        let payload = String(decoding: r.rest(), as: UTF8.self)
        self.init(
            publisher: publisher, sequence: seq,
            message: PublishMessage(target: target, event: event, payload: RawJSON(unchecked: payload)))
    }

    init(publisher: String, sequence: UInt64, message: PublishMessage) {
        self.publisher = publisher
        self.sequence = sequence
        self.message = message
    }
}

/// A bounds-checked reader over a byte array.
private struct ByteCursor {
    let bytes: [UInt8]
    var at = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func take(_ n: Int) -> ArraySlice<UInt8>? {
        guard n >= 0, bytes.count - at >= n else { return nil }
        defer { at += n }
        return bytes[at..<at + n]
    }

    mutating func line() -> String? {
        guard let end = bytes[at...].firstIndex(of: 0x0A) else { return nil }
        defer { at = end + 1 }
        return String(decoding: bytes[at..<end], as: UTF8.self)
    }

    mutating func sized() -> String? {
        guard let n = line().flatMap({ Int($0) }), let b = take(n) else { return nil }
        return String(decoding: b, as: UTF8.self)
    }

    func rest() -> ArraySlice<UInt8> { bytes[at...] }
}
#endif
