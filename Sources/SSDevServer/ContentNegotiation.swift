import Foundation

/// Picks the precompressed variant of a file to send for an `Accept-Encoding` header.
public enum ContentNegotiation {
    public enum Encoding: String, Sendable, CaseIterable {
        case brotli = "br"
        case gzip

        /// The suffix of the file written beside the original.
        public var fileSuffix: String { self == .brotli ? ".br" : ".gz" }
    }

    /// The best encoding the client accepts (q > 0) among `available`, br before gzip.
    public static func choose(acceptEncoding: String?, available: Set<Encoding>) -> Encoding? {
        guard let header = acceptEncoding?.lowercased() else { return nil }
        var accepted = Set<String>()
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = pieces.first else { continue }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if q > 0 { accepted.insert(name) }
        }
        for encoding in [Encoding.brotli, .gzip] where available.contains(encoding) {
            if accepted.contains(encoding.rawValue) || accepted.contains("*") { return encoding }
        }
        return nil
    }
}
