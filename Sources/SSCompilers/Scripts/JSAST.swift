/// The JavaScript syntax tree. Expressions double as destructuring patterns (the cover
/// grammar): a pattern is an identifier, member access, array, object, assignment with
/// `=` (a default) or spread (a rest element).
///
/// Identifiers carry a `slot` into the parser's reference table, so scope analysis and
/// the renamer work on numbers and the printer looks names up by slot.
///
/// ```swift
/// // a?.b(1)
/// JSExpr.call(.member(.identifier(JSIdent(name: "a", slot: 0)), "b", .start), [.number("1")], .continuation)
/// ```
public struct JSIdent: Sendable, Hashable {
    public var name: String
    /// Index into the reference table; -1 for names that are never bound (labels, generated).
    public var slot: Int32
}

/// Where a member access or call sits in an optional chain: `a?.b.c` has `.start` on
/// `?.b` and `.continuation` on `.c`; `(a?.b).c` has `.none` on `.c`.
public enum JSChain: UInt8, Sendable {
    case none, start, continuation
}

public enum JSUnaryOp: String, Sendable {
    case not = "!", bitNot = "~", plus = "+", minus = "-", typeof = "typeof", void = "void", delete = "delete"
}

public enum JSBinaryOp: String, Sendable {
    case add = "+", sub = "-", mul = "*", div = "/", mod = "%", pow = "**"
    case shl = "<<", sar = ">>", shr = ">>>", bitAnd = "&", bitOr = "|", bitXor = "^"
    case eq = "==", ne = "!=", strictEq = "===", strictNe = "!=="
    case lt = "<", gt = ">", le = "<=", ge = ">=", `in` = "in", instanceof = "instanceof"
    case and = "&&", or = "||", nullish = "??"
}

public indirect enum JSExpr: Sendable {
    case identifier(JSIdent)
    case number(String)
    case bigint(String)
    /// The string literal exactly as written, quotes included.
    case string(String)
    /// Raw template chunks (without backticks and `${`/`}`); `chunks.count == expressions.count + 1`.
    case template(tag: JSExpr?, chunks: [String], expressions: [JSExpr])
    case regex(String)
    case boolean(Bool)
    case null
    case this
    case `super`
    case array([JSExpr?])
    case object([JSProperty])
    case function(JSFunction)
    case arrow(JSFunction)
    case `class`(JSClass)
    case unary(JSUnaryOp, JSExpr)
    case update(increment: Bool, prefix: Bool, JSExpr)
    case binary(JSBinaryOp, JSExpr, JSExpr)
    /// `op` is "=" or a compound assignment operator such as "+=".
    case assign(String, JSExpr, JSExpr)
    case conditional(JSExpr, JSExpr, JSExpr)
    case call(JSExpr, [JSExpr], JSChain)
    case new(JSExpr, [JSExpr])
    case member(JSExpr, String, JSChain)
    case index(JSExpr, JSExpr, JSChain)
    case sequence([JSExpr])
    case spread(JSExpr)
    case yield(JSExpr?, delegate: Bool)
    case await(JSExpr)
    /// `new.target`, `import.meta`.
    case metaProperty(String)
    case importCall([JSExpr])
    /// `#x` on the left of `in`.
    case privateName(String)
    /// Parenthesized in the source; kept only where it matters (`(a?.b).c`, `(a, b) => ...` covers).
    case paren(JSExpr)
}

public enum JSPropertyKey: Sendable {
    case identifier(String)
    case string(String)
    case number(String)
    case privateName(String)
    case computed(JSExpr)
}

public enum JSPropertyKind: UInt8, Sendable {
    case initializer, method, getter, setter, spread
}

public struct JSProperty: Sendable {
    public var kind: JSPropertyKind
    public var key: JSPropertyKey
    /// The value; for methods a `.function`; for spread the argument.
    public var value: JSExpr
    /// `{a}` or `{a = 1}` (the value is the identifier or `a = 1`).
    public var shorthand: Bool = false
}

public struct JSFunction: Sendable {
    public var name: JSIdent?
    public var params: [JSExpr]
    public var body: [JSStmt]
    /// An arrow function's expression body.
    public var expressionBody: JSExpr?
    public var isAsync = false
    public var isGenerator = false
}

public enum JSClassMemberKind: UInt8, Sendable {
    case method, getter, setter, field, staticBlock
}

public struct JSClassMember: Sendable {
    public var kind: JSClassMemberKind
    public var isStatic: Bool
    public var key: JSPropertyKey
    /// A `.function` for methods, the initializer for fields (nil when none).
    public var value: JSExpr?
    /// A static block's statements.
    public var body: [JSStmt] = []
}

public struct JSClass: Sendable {
    public var name: JSIdent?
    public var superClass: JSExpr?
    public var members: [JSClassMember]
}

public enum JSVarKind: String, Sendable {
    case `var`, `let`, `const`
}

public struct JSDeclarator: Sendable {
    public var target: JSExpr
    public var initializer: JSExpr?
}

public struct JSVarDecl: Sendable {
    public var kind: JSVarKind
    public var declarators: [JSDeclarator]
}

public enum JSForInit: Sendable {
    case variable(JSVarDecl)
    case expression(JSExpr)
}

public struct JSSwitchCase: Sendable {
    public var test: JSExpr?
    public var body: [JSStmt]
}

/// One entry of an import or export clause: `external as local` (import) or
/// `local as external` (export). Names are raw (string literals keep their quotes).
/// Module top-level bindings are never renamed, so plain names suffice.
public struct JSModuleSpecifier: Sendable {
    public var external: String
    public var local: String
}

public indirect enum JSStmt: Sendable {
    case expression(JSExpr)
    /// A directive such as `"use strict"` (raw string).
    case directive(String)
    case variable(JSVarDecl)
    case function(JSFunction)
    case `class`(JSClass)
    case block([JSStmt])
    case empty
    case `if`(JSExpr, JSStmt, JSStmt?)
    case `for`(JSForInit?, JSExpr?, JSExpr?, JSStmt)
    case forIn(JSForInit, JSExpr, JSStmt)
    case forOf(JSForInit, JSExpr, JSStmt, isAwait: Bool)
    case `while`(JSExpr, JSStmt)
    case doWhile(JSStmt, JSExpr)
    case `return`(JSExpr?)
    case `throw`(JSExpr)
    case `break`(String?)
    case `continue`(String?)
    case `try`([JSStmt], catchParam: JSExpr?, catchBody: [JSStmt]?, finally: [JSStmt]?)
    case `switch`(JSExpr, [JSSwitchCase])
    case labeled(String, JSStmt)
    case with(JSExpr, JSStmt)
    case debugger
    /// `import def, * as ns, {a as b} from "m" with {...}`; `source` is the raw string.
    case importDecl(defaultBinding: String?, namespace: String?, named: [JSModuleSpecifier]?, source: String,
                    attributes: String?)
    /// `export {a as b}` or `export {a} from "m"` / `export * from "m"` / `export * as n from "m"`.
    case exportNamed(specifiers: [JSModuleSpecifier]?, star: Bool, starAlias: String?, source: String?,
                     attributes: String?)
    /// `export var|let|const|function|class ...`.
    case exportDecl(JSStmt)
    /// `export default <expr>` or a function/class declaration.
    case exportDefault(JSStmt)
}

/// A parsed file.
public struct JSProgram: Sendable {
    public var body: [JSStmt]
    public var isModule: Bool
    /// Comments to keep (`/*!`, `@license`), raw, in source order; printed at the top.
    public var legalComments: [String]
    public var hashbang: String?
}
