import SSCompilers

#if canImport(CCmark)
import CCmark
#endif

/// The `:markdown-it` / `:markdown` filter, rendered with Debian's libcmark (CommonMark)
/// when the build links it; without it the filter reports "not available".
enum MarkdownFilter {
    static var isAvailable: Bool {
        #if canImport(CCmark)
        return true
        #else
        return false
        #endif
    }

    static func install(into options: inout PugOptions) {
        #if canImport(CCmark)
        let render: @Sendable (String, [String: String]) throws -> String = { text, _ in toHTML(text) }
        if options.filters["markdown-it"] == nil { options.filters["markdown-it"] = render }
        if options.filters["markdown"] == nil { options.filters["markdown"] = options.filters["markdown-it"] }
        #endif
    }

    #if canImport(CCmark)
    static func toHTML(_ text: String) -> String {
        let length = text.utf8.count
        guard let html = text.withCString({ cmark_markdown_to_html($0, length, CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE) }) else {
            return ""
        }
        defer { free(html) }
        return String(cString: html)
    }
    #endif
}

#if canImport(CCmark)
import Foundation
#endif
