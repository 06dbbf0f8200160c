// These tests need the compiler too: SSScriptTests must list "SSCompilers" among its
// dependencies in Package.swift. Until it does, the file compiles to nothing.
#if canImport(SSCompilers)
import Foundation
import SSCompilers
import Testing
@testable import SSScript

/// Renders Pug through the compiler and JavaScriptCore (the same path as the build).
private let viewsPool = ScriptContextPool(setup: { try $0.evaluate(PugRuntime.source, sourceURL: "pug-runtime.js") })

private func renderPug(
    _ input: String, pretty: Bool = false, locals: String = "{}", files: [String: String] = [:],
    doctype: String? = nil
) throws -> String {
    var options = PugOptions()
    options.pretty = pretty
    options.doctype = doctype
    options.basedir = "/views"
    options.filters["shout"] = { text, attributes in text.uppercased() + (attributes["suffix"] ?? "") }
    let result = PugCompiler(options: options).compileClient(
        SourceFile(path: "/views/test.pug", text: input), resolver: InMemoryResolver(files: files))
    if let first = result.diagnostics.first { throw first }
    return try viewsPool.withContext { try $0.callString(result.output, argumentsJSON: [locals]) }
}

private func expectHTML(
    _ input: String, _ expected: String, pretty: Bool = false, locals: String = "{}",
    files: [String: String] = [:], sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    do {
        let html = try renderPug(input, pretty: pretty, locals: locals, files: files)
        #expect(html == expected, sourceLocation: sourceLocation)
    } catch {
        Issue.record("render failed: \(error)", sourceLocation: sourceLocation)
    }
}

@Suite struct PugTagTests {
    @Test func tags() {
        expectHTML("p", "<p></p>")
        expectHTML("p Hello", "<p>Hello</p>")
        expectHTML("p.a.b#c text", "<p class=\"a b\" id=\"c\">text</p>")
        expectHTML("#x", "<div id=\"x\"></div>")
        expectHTML(".a", "<div class=\"a\"></div>")
        expectHTML("br", "<br/>")
        expectHTML("br/", "<br/>")
        expectHTML("foo/", "<foo/>")
        expectHTML("foo(bar='baz')/", "<foo bar=\"baz\"/>")
        expectHTML("svg:rect", "<svg:rect></svg:rect>")
        expectHTML("p\n  span a\n  span b", "<p><span>a</span><span>b</span></p>")
    }

    @Test func blockExpansion() {
        expectHTML("a: b c", "<a><b>c</b></a>")
        expectHTML("ul: li: a x", "<ul><li><a>x</a></li></ul>")
        expectHTML("ul\n  li.first: a(href='#') foo", "<ul><li class=\"first\"><a href=\"#\">foo</a></li></ul>")
    }

    @Test func attributes() {
        expectHTML("a(href='/x') link", "<a href=\"/x\">link</a>")
        expectHTML("input(type='checkbox' checked)", "<input type=\"checkbox\" checked=\"checked\"/>")
        expectHTML("input(type='checkbox', checked)", "<input type=\"checkbox\" checked=\"checked\"/>")
        expectHTML("input(checked=false)", "<input/>")
        expectHTML("input(value=null)", "<input/>")
        expectHTML("div(data-x=1)", "<div data-x=\"1\"></div>")
        expectHTML("div(data-obj={a: 1})", "<div data-obj=\"{&quot;a&quot;:1}\"></div>")
        expectHTML("div(data-obj!={a: 1})", "<div data-obj='{\"a\":1}'></div>")
        expectHTML("div(title=\"a \\\"q\\\" <b>\")", "<div title=\"a &quot;q&quot; &lt;b&gt;\"></div>")
        expectHTML("div(title!=\"<b>\")", "<div title=\"<b>\"></div>")
        expectHTML("a(foo='((foo))', bar= (1) ? 1 : 0 )", "<a foo=\"((foo))\" bar=\"1\"></a>")
        expectHTML("a(href='/user/' + 5 class='b')", "<a class=\"b\" href=\"/user/5\"></a>")
        expectHTML("a(foo bar baz)", "<a foo=\"foo\" bar=\"bar\" baz=\"baz\"></a>")
        expectHTML("a(foo\n  ,bar)", "<a foo=\"foo\" bar=\"bar\"></a>")
        expectHTML("a('foo'='1' \"bar\"='2')", "<a foo=\"1\" bar=\"2\"></a>")
        expectHTML("input(pattern='\\\\S+')", "<input pattern=\"\\S+\"/>")
        expectHTML("foo(date=new Date(0))", "<foo date=\"1970-01-01T00:00:00.000Z\"></foo>")
        expectHTML("div(a=[1, 2].map(x => x * 2))", "<div a=\"[2,4]\"></div>")
        expectHTML("a(href=url) x", "<a href=\"/u?a=1&amp;b\">x</a>", locals: #"{"url":"/u?a=1&b"}"#)
    }

    @Test func classesAndStyles() {
        expectHTML("div(class=['a', null, 'b'])", "<div class=\"a b\"></div>")
        expectHTML("div(class={on: true, off: false})", "<div class=\"on\"></div>")
        expectHTML("div.a(class='b')", "<div class=\"a b\"></div>")
        expectHTML("div(class='')", "<div></div>")
        expectHTML("div(class=undefined)", "<div></div>")
        expectHTML("a.tag-class(class=['c1', 'c2'])", "<a class=\"tag-class c1 c2\"></a>")
        expectHTML("div(class='<x>')", "<div class=\"&lt;x&gt;\"></div>")
        expectHTML("div(style={color: 'red', top: 0})", "<div style=\"color:red;top:0;\"></div>")
        expectHTML("div(style='color: red')", "<div style=\"color: red\"></div>")
        expectHTML("div(id=5)&attributes({foo: 'bar'})", "<div id=\"5\" foo=\"bar\"></div>")
        expectHTML("div(foo=null)&attributes({baz: 'baz'})", "<div baz=\"baz\"></div>")
        expectHTML("div.a&attributes({class: 'b', style: {x: 1}})", "<div class=\"a b\" style=\"x:1;\"></div>")
    }
}

@Suite struct PugTextTests {
    @Test func text() {
        expectHTML("| plain text", "plain text")
        expectHTML("p.\n  line1\n  line2", "<p>line1\nline2</p>")
        expectHTML("p\n  | a\n  | b", "<p>a\nb</p>")
        expectHTML("<div>raw</div>", "<div>raw</div>")
        expectHTML("p\n  <b>x</b>", "<p><b>x</b></p>")
        expectHTML("<ul>\n= 'item'\n</ul>", "<ul>item</ul>")
        expectHTML("p  two spaces", "<p> two spaces</p>")
        expectHTML("script.\n  if (a < b) {}", "<script>if (a < b) {}</script>")
        expectHTML("p.\n  a\n\n  b", "<p>a\n\nb</p>")
    }

    @Test func interpolation() {
        expectHTML("p #{'<i>'} and !{'<i>'}", "<p>&lt;i&gt; and <i></p>")
        expectHTML("p \\#{not} here", "<p>#{not} here</p>")
        expectHTML("p Hi #{name}!", "<p>Hi Ann!</p>", locals: #"{"name":"Ann"}"#)
        expectHTML("p #{a.b[0]}", "<p>x</p>", locals: #"{"a":{"b":["x"]}}"#)
        expectHTML("p #{'}'}", "<p>}</p>")
        expectHTML("p= '\\u2028</script>'", "<p>\u{2028}&lt;/script&gt;</p>")
        expectHTML("p \u{2028}é\t\"x\"</p>", "<p>\u{2028}é\t\"x\"</p></p>")
        expectHTML("- var url = 'http://www.google.com'\n.url #{url.replace('http://', '').replace(/^www\\./, '')}",
                   "<div class=\"url\">google.com</div>")
        expectHTML("- var tag = 'section'\n#{tag} dyn", "<section>dyn</section>")
    }

    @Test func tagInterpolation() {
        expectHTML("p a #[b bold] c", "<p>a <b>bold</b> c</p>")
        expectHTML("p #[a(href='/') home] x", "<p><a href=\"/\">home</a> x</p>")
        expectHTML("p #[em #[strong x]]", "<p><em><strong>x</strong></em></p>")
        expectHTML("p \\#[b] literal", "<p>#[b] literal</p>")
        expectHTML("- var foo = 'foo]'\np #[span= foo] z", "<p><span>foo]</span> z</p>")
    }

    @Test func comments() {
        expectHTML("// comment", "<!-- comment-->")
        expectHTML("//- hidden\np", "<p></p>")
        expectHTML("//\n  block comment", "<!--block comment-->")
        expectHTML("//-\n  hidden block\np", "<p></p>")
        expectHTML("if false\n  p a\n//- note\nelse\n  p b", "<p>b</p>")
        expectHTML("case 1\n  //- note\n    more\n  when 1: p one", "<p>one</p>")
        expectHTML("ul\n  li a //- not a comment", "<ul><li>a //- not a comment</li></ul>")
    }

    @Test func doctypes() {
        expectHTML("doctype html", "<!DOCTYPE html>")
        expectHTML("doctype xml", "<?xml version=\"1.0\" encoding=\"utf-8\" ?>")
        expectHTML("doctype custom thing", "<!DOCTYPE custom thing>")
        expectHTML("doctype html\ninput(checked)", "<!DOCTYPE html><input checked>")
        expectHTML("doctype xml\nlink(href='/x')", "<?xml version=\"1.0\" encoding=\"utf-8\" ?><link href=\"/x\"></link>")
        expectHTML("html", "<html></html>")
        expectHTML("doctype\nhtml", "<!DOCTYPE html><html></html>")
        expectHTML("!!! 5\ninput(checked)", "<!DOCTYPE html><input checked>")
        expectHTML("!!! xml", "<?xml version=\"1.0\" encoding=\"utf-8\" ?>")
        expectHTML("doctype strict\nbr", "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\"><br/>")
    }
}

@Suite struct PugCodeTests {
    @Test func bufferedAndUnbuffered() {
        expectHTML("p= 'a' + 'b'", "<p>ab</p>")
        expectHTML("p!= '<b>x</b>'", "<p><b>x</b></p>")
        expectHTML("p= '<b>'", "<p>&lt;b&gt;</p>")
        expectHTML("- var x = 5\np= x * 2", "<p>10</p>")
        expectHTML("= 'top'", "top")
        expectHTML("p= null", "<p></p>")
        expectHTML("p= 0", "<p>0</p>")
        expectHTML("- var fn = function (s) { return s.toUpperCase() }\np= fn('up')", "<p>UP</p>")
        expectHTML("- function answer() { return 42 }\np= answer()", "<p>42</p>")
        expectHTML("p= new Date(0).toISOString()", "<p>1970-01-01T00:00:00.000Z</p>")
        expectHTML("- if (true) {\n  p inside\n- }", "<p>inside</p>")
        expectHTML("- if (false)\n  p a\n- else\n  p b", "<p>b</p>")
        expectHTML("-\n  var a = 1;\n  var b = 2;\np= a + b", "<p>3</p>")
        expectHTML("- for (var i = 0; i < 2; i++)\n  i= i", "<i>0</i><i>1</i>")
    }

    @Test func locals() {
        expectHTML("p= missing", "<p></p>")
        expectHTML("p= typeof missing", "<p>undefined</p>")
        expectHTML("p= locals.title", "<p>T</p>", locals: #"{"title":"T"}"#)
        expectHTML("p= title", "<p>T</p>", locals: #"{"title":"T"}"#)
        expectHTML("- var title = 'mine'\np= title", "<p>mine</p>", locals: #"{"title":"T"}"#)
        expectHTML("- x = 3\np= x", "<p>3</p>")
        expectHTML("p= Math.max(1, 2)", "<p>2</p>")
        expectHTML("p= JSON.stringify(o)", "<p>{&quot;a&quot;:[1,2]}</p>", locals: #"{"o":{"a":[1,2]}}"#)
    }

    @Test func conditionals() {
        expectHTML("if true\n  p yes\nelse\n  p no", "<p>yes</p>")
        expectHTML("if false\n  p yes\nelse if 1\n  p elif\nelse\n  p no", "<p>elif</p>")
        expectHTML("unless false\n  p unless", "<p>unless</p>")
        expectHTML("if user\n  p= user.name", "<p>Bo</p>", locals: #"{"user":{"name":"Bo"}}"#)
        expectHTML("if user\n  p= user.name", "", locals: "{}")
    }

    @Test func caseWhen() {
        expectHTML("case 2\n  when 1: p one\n  when 2: p two\n  default: p other", "<p>two</p>")
        expectHTML("case 3\n  when 1\n  when 3\n    p 1or3\n  default\n    p d", "<p>1or3</p>")
        expectHTML("case 9\n  when 1: p one\n  default: p d", "<p>d</p>")
        expectHTML("- var f = 'Tim:G'\ncase f\n  when 'Tim:G': p str\n  when {tim: 'g'}: p obj", "<p>str</p>")
    }

    @Test func loops() {
        expectHTML("- var items = ['a', 'b']\nul\n  each item, i in items\n    li= i + item", "<ul><li>0a</li><li>1b</li></ul>")
        expectHTML("each v, k in {x: 1, y: 2}\n  p= k + v", "<p>x1</p><p>y2</p>")
        expectHTML("each x in []\n  p= x\nelse\n  p none", "<p>none</p>")
        expectHTML("each x in {}\n  p= x\nelse\n  p none", "<p>none</p>")
        expectHTML("for x in [1, 2]\n  p= x", "<p>1</p><p>2</p>")
        expectHTML("each x of [1, 2]\n  p= x", "<p>1</p><p>2</p>")
        expectHTML("each [k, v] of new Map([['a', 1]])\n  p= k + v", "<p>a1</p>")
        expectHTML("- var n = 0\nwhile n < 3\n  p= n++", "<p>0</p><p>1</p><p>2</p>")
    }
}

@Suite struct PugMixinTests {
    @Test func mixins() {
        expectHTML("mixin m(a, b)\n  p= a + b\n+m(1, 2)", "<p>3</p>")
        expectHTML("mixin m\n  div\n    block\n+m\n  span inside", "<div><span>inside</span></div>")
        expectHTML("mixin m(...rest)\n  p= rest.join('-')\n+m(1, 2, 3)", "<p>1-2-3</p>")
        expectHTML("mixin m(a, ...rest)\n  p= a + rest.length\n+m('x', 2, 3)", "<p>x2</p>")
        expectHTML("mixin m()\n  p&attributes(attributes) x\n+m()(class='c' data-a='1')", "<p class=\"c\" data-a=\"1\">x</p>")
        expectHTML("mixin m\n  p(class=attributes.class)\n+m.cls", "<p class=\"cls\"></p>")
        expectHTML("mixin m\n  if block\n    block\n  else\n    p none\n+m", "<p>none</p>")
        expectHTML("mixin item(x)\n  li= x\nul\n  +item('a')\n  +item('b')", "<ul><li>a</li><li>b</li></ul>")
        expectHTML("- var name = 'm'\nmixin m\n  p dyn\n+#{name}", "<p>dyn</p>")
        expectHTML("mixin m\n  p: block\n+m: b x", "<p><b>x</b></p>")
    }
}

@Suite struct PugIncludeTests {
    @Test func includesAndExtends() {
        expectHTML("include part\np b", "<p>a</p><p>b</p>", files: ["/views/part.pug": "p a"])
        expectHTML("include /abs.pug", "<i></i>", files: ["/views/abs.pug": "i"])
        expectHTML("include style.css", "a{}", files: ["/views/style.css": "a{}"])
        expectHTML("div\n  include:shout(suffix='!') t.txt", "<div>HI!</div>", files: ["/views/t.txt": "hi"])
        expectHTML("include:shout(suffix='1'):shout(suffix='2') t.txt", "HI12", files: ["/views/t.txt": "hi"])
        expectHTML("include mix.pug\n+m", "<b></b>", files: ["/views/mix.pug": "mixin m\n  b"])
        expectHTML("extends layout\nblock content\n  p child", "<main><p child></p></main>".replacingOccurrences(of: "<p child></p>", with: "<p>child</p>"),
                   files: ["/views/layout.pug": "main\n  block content\n    p default"])
        expectHTML("extends layout\nappend content\n  p 2", "<main><p>1</p><p>2</p></main>",
                   files: ["/views/layout.pug": "main\n  block content\n    p 1"])
        expectHTML("extends layout\nprepend content\n  p 0", "<main><p>0</p><p>1</p></main>",
                   files: ["/views/layout.pug": "main\n  block content\n    p 1"])
        expectHTML("extends layout", "<main><p>default</p></main>", files: ["/views/layout.pug": "main\n  block content\n    p default"])
        expectHTML("//- child template\nextends layout\n//- the content\nblock content\n  p c", "<main><p>c</p></main>",
                   files: ["/views/layout.pug": "main\n  block content"])
        expectHTML("extends b\nblock x\n  p child", "<div><p>child</p></div>",
                   files: ["/views/b.pug": "extends a\nblock x\n  p mid", "/views/a.pug": "div\n  block x\n    p root"])
        expectHTML("extends b\nappend x\n  p child", "<div><p>root</p><p>mid</p><p>child</p></div>",
                   files: ["/views/b.pug": "extends a\nappend x\n  p mid", "/views/a.pug": "div\n  block x\n    p root"])
        expectHTML("include wrap\n  p inner", "<div><p>inner</p></div>", files: ["/views/wrap.pug": "div\n  yield"])
        expectHTML("include wrap\n  p inner", "<div></div><p>inner</p>", files: ["/views/wrap.pug": "div"])
        expectHTML("include wrap\n  p inner", "<div><i></i><p>inner</p></div>", files: ["/views/wrap.pug": "div\n  i"])
    }
}

@Suite struct PugFilterTests {
    @Test func filters() {
        expectHTML(":cdata\n  x < y", "<![CDATA[x < y]]>")
        expectHTML(":verbatim\n  v", "\nv\n")
        expectHTML("p\n  :shout\n    hello", "<p>HELLO</p>")
        expectHTML(":shout(suffix='?') inline", "INLINE?")
        expectHTML("p #[:shout x]", "<p>X</p>")
        expectHTML(":shout\n  #{not} interpolated", "#{NOT} INTERPOLATED")
    }
}

@Suite struct PugPrettyTests {
    @Test func pretty() {
        expectHTML("ul\n  li a\n  li b", "\n<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>", pretty: true)
        expectHTML("p\n  a x\n  span y", "\n<p><a>x</a><span>y</span></p>", pretty: true)
        expectHTML("div\n  p\n    | a\n    | b", "\n<div>\n  <p>\n    a\n    b\n  </p>\n</div>", pretty: true)
        expectHTML("pre\n  | a\n  |   b", "\n<pre>a\n  b</pre>", pretty: true)
        expectHTML("doctype html\nhtml\n  body", "<!DOCTYPE html>\n<html>\n  <body></body>\n</html>", pretty: true)
        expectHTML("div\n  // c", "\n<div>\n  <!-- c-->\n</div>", pretty: true)
        expectHTML("mixin m\n  li x\nul\n  +m", "\n<ul>\n  <li>x</li>\n</ul>", pretty: true)
        expectHTML("mixin m\n  div\n    block\nsection\n  +m\n    p in", "\n<section>\n  <div>\n    <p>in</p>\n  </div>\n</section>", pretty: true)
        expectHTML("div\n  block b", "\n<div>\n</div>", pretty: true)
    }
}

@Suite struct PugRuntimeErrorTests {
    @Test func exceptionsCarryTemplateLine() {
        do {
            _ = try renderPug("p ok\n+m\nmixin m\n  p")
            Issue.record("expected a JavaScript error")
        } catch let error as ScriptError {
            #expect(error.details["pugLine"] == "2")
            #expect(error.details["pugFile"] == "/views/test.pug")
            #expect(error.message.contains("TypeError"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func exceptionsInIncludedFilesNameThatFile() {
        do {
            _ = try renderPug("p\ninclude part", files: ["/views/part.pug": "p a\np= null.x"])
            Issue.record("expected a JavaScript error")
        } catch let error as ScriptError {
            #expect(error.details["pugLine"] == "2")
            #expect(error.details["pugFile"] == "/views/part.pug")
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func thrownNonErrorsAreWrapped() {
        do {
            _ = try renderPug("p\n- throw 'boom'")
            Issue.record("expected a JavaScript error")
        } catch let error as ScriptError {
            #expect(error.message == "Error: boom")
            #expect(error.details["pugLine"] == "2")
        } catch { Issue.record("unexpected \(error)") }
    }
}
@Suite struct PugWholePageTests {
    @Test func layoutIncludeMixinsAndControlFlowRenderPretty() {
        let files = [
            "/views/layout.pug": "doctype html\nhtml(lang='en')\n  head\n    block head\n      title= title\n  body\n    include nav\n    block content",
            "/views/nav.pug": "mixin link(href, text)\n  a(href=href class={active: href === current})&attributes(attributes)= text\nnav\n  each item in items || []\n    +link(item.href, item.text)(data-id=item.id)",
        ]
        let page = """
            extends layout
            append head
              style.
                body { margin: 0 }
            block content
              main#content.container
                h1 Hello #{user.name}!
                if user.admin
                  p.badge Admin
                else
                  p #[em Regular] user
                case user.plan
                  when 'pro': p Pro
                  default: p Free
                :cdata
                  raw <text>
                - var total = 0
                ul
                  while total < 2
                    li= total++
            """
        let locals = #"{"title":"T & co","current":"/b","user":{"name":"<Ann>","admin":false,"plan":"pro"},"items":[{"href":"/a","text":"A","id":1},{"href":"/b","text":"B","id":"x\"y"}]}"#
        expectHTML(page, "<!DOCTYPE html>\n<html lang=\"en\">\n  <head>\n    <title>T &amp; co</title>\n    <style>body { margin: 0 }</style>\n  </head>\n  <body>\n    <nav><a href=\"/a\" data-id=\"1\">A</a><a class=\"active\" href=\"/b\" data-id=\"x&quot;y\">B</a>\n    </nav>\n    <main class=\"container\" id=\"content\">\n      <h1>Hello &lt;Ann&gt;!</h1>\n      <p><em>Regular</em> user</p>\n      <p>Pro</p><![CDATA[raw <text>]]>\n      <ul>\n        <li>0</li>\n        <li>1</li>\n      </ul>\n    </main>\n  </body>\n</html>",
                   pretty: true, locals: locals, files: files)
    }
}
#endif
