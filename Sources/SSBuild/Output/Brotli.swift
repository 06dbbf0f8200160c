import CBrotli
import Foundation

/// Brotli (RFC 7932) compression through the system libbrotlienc.
///
/// Deterministic for a given input, quality, window and library version: the encoder has
/// no clock or randomness.
///
/// ```swift
/// let br = try Brotli.compress(Data(css.utf8))            // quality 11, 4 MiB window
/// let fast = try Brotli.compress(data, quality: 5, mode: .text)
/// ```
public enum Brotli {
    /// The encoder's hint about the input.
    public enum Mode: Sendable {
        case generic
        /// UTF-8 text: JavaScript, CSS, HTML, JSON.
        case text

        var raw: BrotliEncoderMode { self == .text ? BROTLI_MODE_TEXT : BROTLI_MODE_GENERIC }
    }

    /// The encoder refused the input (in practice only for absurd sizes).
    public struct Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { "brotli: \(message)" }
    }

    /// Compresses `data`. `quality` is 0...11 (11 is slowest and smallest), `window` is the
    /// log2 of the sliding window, 10...24.
    public static func compress(
        _ data: Data, quality: Int = 11, window: Int = 22, mode: Mode = .generic
    ) throws(Brotli.Error) -> Data {
        let quality = Int32(max(0, min(11, quality)))
        let window = Int32(max(10, min(24, window)))
        let bound = max(BrotliEncoderMaxCompressedSize(data.count), data.count + 1024)
        var output = [UInt8](repeating: 0, count: bound)
        var encodedSize = bound
        let ok: Int32 = data.withUnsafeBytes { input in
            output.withUnsafeMutableBufferPointer { out in
                BrotliEncoderCompress(
                    quality, window, mode.raw, input.count,
                    input.bindMemory(to: UInt8.self).baseAddress, &encodedSize, out.baseAddress)
            }
        }
        guard ok == BROTLI_TRUE else { throw Brotli.Error(message: "BrotliEncoderCompress failed") }
        return Data(output[0..<encodedSize])
    }
}
