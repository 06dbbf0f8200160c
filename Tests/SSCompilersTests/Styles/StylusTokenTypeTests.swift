import Testing

@testable import SSCompilers

@Suite struct StylusTokenTypeTests {
    /// The static members carry hand-numbered codes; each must name the type it stands for.
    @Test func membersMatchTheirNames() {
        let members: [(StyTokenType, String)] = [
            (.ident, "ident"),
            (.string, "string"),
            (.selector, "selector"),
            (.function, "function"),
            (.comment, "comment"),
            (.boolean, "boolean"),
            (.space, "space"),
            (.color, "color"),
            (.unit, "unit"),
            (.literal, "literal"),
            (.null, "null"),
            (.eos, "eos"),
            (.indent, "indent"),
            (.outdent, "outdent"),
            (.newline, "newline"),
            (.eol, "__eol"),
            (.again, "__again"),
            (.keyframes, "keyframes"),
            (.extend, "extend"),
            (.atrule, "atrule"),
            (.atblock, "atblock"),
            (.mozDocument, "-moz-document"),
            (.require, "require"),
            (.importKw, "import"),
            (.charset, "charset"),
            (.namespace, "namespace"),
            (.media, "media"),
            (.scope, "scope"),
            (.supports, "supports"),
            (.returnKw, "return"),
            (.ifKw, "if"),
            (.elseKw, "else"),
            (.unless, "unless"),
            (.forKw, "for"),
            (.inKw, "in"),
            (.isA, "is a"),
            (.isDefined, "is defined"),
            (.not, "not"),
            (.lbrace, "{"),
            (.rbrace, "}"),
            (.lparen, "("),
            (.rparen, ")"),
            (.lbracket, "["),
            (.rbracket, "]"),
            (.semicolon, ";"),
            (.comma, ","),
            (.dot, "."),
            (.dotDot, ".."),
            (.dotDotDot, "..."),
            (.and, "&&"),
            (.or, "||"),
            (.notEq, "!="),
            (.lte, "<="),
            (.gte, ">="),
            (.eq, "=="),
            (.qEq, "?="),
            (.colonEq, ":="),
            (.pow, "**"),
            (.minus, "-"),
            (.plus, "+"),
            (.star, "*"),
            (.slash, "/"),
            (.percent, "%"),
            (.minusEq, "-="),
            (.plusEq, "+="),
            (.starEq, "*="),
            (.slashEq, "/="),
            (.percentEq, "%="),
            (.assign, "="),
            (.question, "?"),
            (.colon, ":"),
            (.bang, "!"),
            (.tilde, "~"),
            (.lt, "<"),
            (.gt, ">"),
            (.amp, "&"),
            (.brackets, "[]"),
        ]
        for (member, name) in members {
            #expect(member.name == name)
            #expect(StyTokenType(name) == member)
        }
    }

    @Test func namesRoundTripAndSetsHoldTheirMembers() {
        for name in StyTokenType.names.dropLast() {
            #expect(StyTokenType(name).name == name)
        }
        #expect(StyTokenType("no such type").code == StyTokenType.unknownCode)
        let set: StyTokenTypeSet = [.ident, .brackets, .amp]
        #expect(set.contains(.ident) && set.contains(.brackets) && set.contains(.amp))
        #expect(!set.contains(.space) && !set.contains(.gt))
    }

    /// The byte-level placeholder check agrees with the character-level definition.
    @Test func placeholderCheckMatchesCharacters() {
        let samples = ["$a", "a$", "ab$", "$", "", "a", "a\u{301}$", "$\u{301}x", "\r\n$", "é$", "a$\u{301}", ".$x"]
        for text in samples {
            let selector = StySelector()
            selector.val = text
            #expect(selector.isPlaceholder == text.prefix(2).contains("$" as Character), "\(text.debugDescription)")
        }
    }
}
