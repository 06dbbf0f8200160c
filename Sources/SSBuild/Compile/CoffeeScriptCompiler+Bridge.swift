import Foundation

extension CoffeeScriptCompiler {
    /// The compiler script is missing: names the Debian package that provides it.
    public struct Missing: Error, CustomStringConvertible {
        public var path: String
        public var description: String {
            "the CoffeeScript compiler is not installed (\(path) is missing): "
                + "install Debian's '\(CoffeeScriptCompiler.debianPackage)' package "
                + "(apt-get install \(CoffeeScriptCompiler.debianPackage))"
        }
    }

    /// A compile error of a snippet (view filters), already phrased for a person.
    public struct SnippetError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    struct Options: Encodable {
        var bare: Bool
        var filename: String
        var literate: Bool
        var map = false
    }

    /// What the bridge function returns: the JavaScript and, per output line, the first
    /// mapped `[sourceLine, sourceColumn]` (0-based), or the compiler's error.
    struct Reply: Decodable {
        struct Failure: Decodable {
            var message: String
            var line: Int?
            var column: Int?
            var lastLine: Int?
            var lastColumn: Int?
        }
        var js: String?
        var lines: [[Int]?]?
        /// The compiler's v3 source map (JSON), when asked for.
        var map: String?
        var error: Failure?
    }

    /// The compiler as a classic script. Debian ships the ES-module build, whose only
    /// module syntax is the `export` block at the very end; everything before it defines
    /// the global `CoffeeScript`.
    static func loadableSource(path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw Missing(path: path) }
        var text = String(decoding: data, as: UTF8.self)
        if let exports = text.range(of: "\nexport default CoffeeScript;") {
            text = String(text[..<exports.lowerBound]) + "\n"
        }
        return text
    }

    /// Calls the compiler and never throws: errors come back as values with their
    /// location, which `ScriptError` (primitive properties only) would lose.
    static let bridge = #"""
        var __ssCoffee = (function () {
          var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
          function lines(mapJSON) {
            var groups = JSON.parse(mapJSON).mappings.split(';'), out = [], line = 0, column = 0;
            for (var g = 0; g < groups.length; g++) {
              var first = null, segments = groups[g].split(',');
              for (var s = 0; s < segments.length; s++) {
                var text = segments[s], values = [], shift = 0, value = 0;
                for (var i = 0; i < text.length; i++) {
                  var digit = B64.indexOf(text.charAt(i));
                  value += (digit & 31) << shift;
                  if (digit & 32) { shift += 5; continue; }
                  values.push(value & 1 ? -(value >>> 1) : value >>> 1);
                  value = 0; shift = 0;
                }
                if (values.length >= 4) {
                  line += values[2]; column += values[3];
                  if (!first) first = [line, column];
                }
              }
              out.push(first);
            }
            return out;
          }
          return function (source, options) {
            var answer;
            try {
              answer = CoffeeScript.compile(source, { bare: options.bare, filename: options.filename,
                literate: options.literate, sourceMap: true, header: false });
            } catch (e) {
              var l = e && e.location;
              return { error: { message: String(e && e.message || e), line: l ? l.first_line : null,
                column: l ? l.first_column : null, lastLine: l ? l.last_line : null,
                lastColumn: l ? l.last_column : null } };
            }
            return { js: answer.js, lines: lines(answer.v3SourceMap), map: options.map ? answer.v3SourceMap : null };
          };
        })();
        """#
}
