#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal on stdin/stdout, switched into raw mode while a line is edited (keys
/// arrive one by one, no echo, Ctrl-C is a key) and back to the saved mode otherwise, so a
/// running request can still be stopped with Ctrl-C. A thin shell: no editing logic here.
final class RawTerminal: @unchecked Sendable {
    // @unchecked: used by one thread at a time (the console's reader thread).
    private let input: Int32 = STDIN_FILENO
    private let saved: termios
    private var isRaw = false

    /// True when both stdin and stdout are terminals: the line editor is used.
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// nil when stdin is not a terminal.
    init?() {
        var current = termios()
        guard tcgetattr(STDIN_FILENO, &current) == 0 else { return nil }
        saved = current
    }

    deinit { restore() }

    func enableRaw() {
        guard !isRaw else { return }
        var raw = saved
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        raw.c_cflag |= tcflag_t(CS8)
        // OPOST stays on so output written while raw still maps "\n" to "\r\n".
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        var settings = raw
        if tcsetattr(input, TCSADRAIN, &settings) == 0 { isRaw = true }
    }

    func restore() {
        guard isRaw else { return }
        var settings = saved
        _ = tcsetattr(input, TCSADRAIN, &settings)
        isRaw = false
    }

    /// Blocks for the next bytes typed; nil at end of input or on a read error.
    func readBytes() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n > 0 { return Array(buffer[0..<n]) }
            if n < 0, errno == EINTR { continue }
            return nil
        }
    }

    func writeText(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }

    /// The terminal's width in columns (80 when it cannot be asked).
    var columns: Int {
        var size = winsize()
        #if canImport(Glibc) || canImport(Musl)
        let request = UInt(TIOCGWINSZ)
        #else
        let request = TIOCGWINSZ
        #endif
        guard ioctl(STDOUT_FILENO, request, &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
