/// Decodes the bytes a terminal in raw mode sends into `EditorKey`s: control characters,
/// CSI and SS3 escape sequences (arrows, Home/End, Delete, Ctrl-arrows), Alt-b/f and UTF-8
/// text. Bytes may arrive split anywhere (a sequence cut between two reads decodes the
/// same as a whole one); unknown sequences are dropped, never echoed as text.
///
///     var decoder = KeyDecoder()
///     decoder.feed(Array("\u{1B}[D".utf8))   // [.left]
struct KeyDecoder: Sendable {
    private enum State: Equatable, Sendable {
        case ground
        case escape
        case csi([UInt8])
        case ss3
        case utf8([UInt8], needed: Int)
    }

    /// Longest CSI parameter run kept; a longer one is garbage and is dropped.
    private static let maxParameterBytes = 16

    private var state = State.ground
    /// `\r\n` is one Enter, not two.
    private var lastWasCR = false

    mutating func feed(_ bytes: [UInt8]) -> [EditorKey] {
        var keys: [EditorKey] = []
        for byte in bytes {
            if let key = feed(byte) {
                // Merge typed runs (a paste) into one insert, so the editor redraws once.
                if case .insert(let more) = key, case .insert(let text)? = keys.last {
                    keys[keys.count - 1] = .insert(text + more)
                } else {
                    keys.append(key)
                }
            }
        }
        return keys
    }

    mutating func feed(_ byte: UInt8) -> EditorKey? {
        let afterCR = lastWasCR
        lastWasCR = false
        switch state {
        case .ground:
            return ground(byte, afterCR: afterCR)
        case .escape:
            state = .ground
            switch byte {
            case UInt8(ascii: "["): state = .csi([])
            case UInt8(ascii: "O"): state = .ss3
            case UInt8(ascii: "b"): return .wordLeft
            case UInt8(ascii: "f"): return .wordRight
            case 0x7F, 0x08: return .deleteWordBack
            case 0x1B: state = .escape
            default: break
            }
            return nil
        case .ss3:
            state = .ground
            return Self.finalKey(byte, parameters: [])
        case .csi(var parameters):
            if (0x20...0x3F).contains(byte) {
                parameters.append(byte)
                state = parameters.count > Self.maxParameterBytes ? .ground : .csi(parameters)
                return nil
            }
            state = .ground
            guard (0x40...0x7E).contains(byte) else { return nil }
            return Self.finalKey(byte, parameters: parameters)
        case .utf8(var pending, let needed):
            guard byte & 0xC0 == 0x80 else {
                // A broken sequence: drop it and read this byte afresh.
                state = .ground
                return ground(byte, afterCR: false)
            }
            pending.append(byte)
            if pending.count < needed {
                state = .utf8(pending, needed: needed)
                return nil
            }
            state = .ground
            let text = String(decoding: pending, as: UTF8.self)
            return text.unicodeScalars.contains("\u{FFFD}") ? nil : .insert(text)
        }
    }

    private mutating func ground(_ byte: UInt8, afterCR: Bool) -> EditorKey? {
        switch byte {
        case 0x1B: state = .escape
        case 0x01: return .home
        case 0x02: return .left
        case 0x03: return .interrupt
        case 0x04: return .controlD
        case 0x05: return .end
        case 0x06: return .right
        case 0x08, 0x7F: return .backspace
        case 0x09: return .tab
        case 0x0B: return .killToEnd
        case 0x0C: return .clearScreen
        case 0x0D:
            lastWasCR = true
            return .enter
        case 0x0A: return afterCR ? nil : .enter
        case 0x0E: return .down
        case 0x10: return .up
        case 0x15: return .killToStart
        case 0x17: return .deleteWordBack
        case 0x20...0x7E: return .insert(String(UnicodeScalar(byte)))
        case 0xC2...0xDF: state = .utf8([byte], needed: 2)
        case 0xE0...0xEF: state = .utf8([byte], needed: 3)
        case 0xF0...0xF4: state = .utf8([byte], needed: 4)
        default: break
        }
        return nil
    }

    /// The key of a CSI/SS3 sequence's final byte; `1;5C` (Ctrl-Right) and friends move by word.
    private static func finalKey(_ final: UInt8, parameters: [UInt8]) -> EditorKey? {
        let params = String(decoding: parameters, as: UTF8.self)
        let modified = params.contains(";")
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return modified ? .wordRight : .right
        case UInt8(ascii: "D"): return modified ? .wordLeft : .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "~"):
            switch params.split(separator: ";").first {
            case "1", "7": return .home
            case "4", "8": return .end
            case "3": return .delete
            default: return nil
            }
        default: return nil
        }
    }
}
