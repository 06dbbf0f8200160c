import Foundation
import SSCompilers

/// The files `ssbuild new NAME` writes: a small working app that shows each part of
/// ssbuild (a server action and its client call, pub/sub, a nested client template,
/// shared code, a stylesheet with variables, nesting and a mixin, ordered libraries).
public enum AppTemplate {
    /// Path (relative to the new app folder) -> contents, for an app called `name`.
    public static func files(name: String) -> [(path: String, contents: String)] {
        [
            ("README.md", readme(name: name)),
            (".gitignore", "public/assets/\n.build/\n.ssbuild/\n"),
            ("config/app.json", "{\n  \"port\": 3000,\n  \"views\": {\n    \"locals\": {\n      \"appName\": \(JSONText.quoted(name))\n    }\n  }\n}\n"),
            ("config/environments/production.json", "{\n  \"log\": {\n    \"level\": 1\n  }\n}\n"),
            ("app/client/app.js", clientApp),
            ("app/client/ui/messages.js", clientMessages),
            ("app/shared/calculate.js", sharedCalculate),
            ("app/server/app.swift", serverApp),
            ("test/server/AppTests.swift", serverTest),
            ("app/css/app.styl", stylesheet),
            ("app/css/helpers.styl", stylesheetHelpers),
            ("app/views/app.jade", page),
            ("app/views/chat/message.jade", messageTemplate),
            ("app/views/chat/panels/welcome.jade", welcomeTemplate),
            ("lib/client/1.dom.js", libDom),
            ("lib/css/1.reset.css", libReset),
            ("public/robots.txt", "User-agent: *\nDisallow:\n"),
            ("public/favicon.svg", favicon),
        ]
    }

    static func readme(name: String) -> String {
        """
        # \(name)

        A real-time app built with ssbuild.

            ssbuild watch                      # dev server with live reload on http://localhost:3000
            ssbuild release --env production   # fingerprinted, minified, precompressed public/
            ssbuild serve --env production     # serve the release
            ssbuild test                       # run the server actions' tests (test/server)

        - `app/client`: browser code; `exports.x` in `app/client/ui/messages.js` is `SS.client.ui.messages.x`.
        - `app/shared`: code for the browser and the server (`SS.shared.calculate`).
        - `app/server`: server actions in Swift (`SS.server.app.square(25, cb)`); `test/server`: their tests.
        - `app/css/app.styl`: the stylesheet; `app/views/app.jade`: the page.
        - `app/views/**`: client templates, `SS.tmpl['chat-message'](data)`.
        - `lib/client`, `lib/css`: libraries, loaded in numeric-prefix order.

        """
    }

    static let clientApp = """
        // The app's entry module: SS.client.app. `init` runs once the server connection is ready.
        var messages = require('/ui/messages');

        exports.init = function () {
          SS.server.app.square(25, function (err, result) {
            messages.show(err ? 'Error: ' + err.message : '25 squared is ' + result);
          });
          SS.events.on('flash', function (payload) {
            messages.show(payload.text);
          });
        };

        dom.ready(function () {
          messages.welcome();
        });

        """

    static let clientMessages = """
        // Renders messages with the client templates of app/views/chat.
        exports.show = function (text) {
          var list = document.getElementById('messages');
          list.insertAdjacentHTML('beforeend', SS.tmpl['chat-message']({ text: text, at: new Date() }));
        };

        exports.welcome = function () {
          var panel = document.getElementById('welcome');
          var circle = SS.shared.calculate.circumference(10).toFixed(2);
          panel.innerHTML = SS.tmpl['chat-panels-welcome']({ circle: circle });
        };

        """

    static let sharedCalculate = """
        // Shared code: sent to the browser as SS.shared.calculate, and usable on the server.
        exports.circumference = function (radius) {
          return 2 * Math.PI * radius;
        };

        exports.square = function (n) {
          return n * n;
        };

        """

    static let serverApp = """
        // Server actions of SS.server.app, in Swift: `SS.server.app.square(25, cb)` in the
        // browser and GET /api/app/square?25 both call `square`. ssbuild finds every
        // `ActionNamespace` under app/server; no registration list to keep. `ssbuild watch`
        // rebuilds this code into a worker process on every save; open pages stay connected.
        import SSActions

        enum App: ActionNamespace {
            static func actions(_ actions: inout Actions) {
                actions.on("square") { (n: Double, context) in
                    n * n
                }
                actions.on("announce") { (text: String, context) in
                    try await context.publish.broadcast("flash", ["text": text])
                }
            }
        }

        """

    static let serverTest = """
        // Tests of the server actions, in-process (no sockets): `ssbuild test` runs them.
        import SSTesting
        import Testing

        @testable import AppWorker

        @Suite struct AppTests {
            @Test func squareMultipliesANumberByItself() async throws {
                let app = try ActionTester(App.self, path: "app/server/app.swift")
                #expect(try await app.call("app.square", 25, as: Double.self) == 625)
            }

            @Test func announceBroadcastsAFlash() async throws {
                let app = try ActionTester(App.self, path: "app/server/app.swift")
                try await app.call("app.announce", "deployed")
                #expect(app.events(named: "flash") == [["text": "deployed"]])
            }
        }

        """

    static let stylesheet = """
        @import 'helpers'

        brand = #0057c5
        page-width = 720px

        html, body
          height 100%

        body
          font 16px/1.5 sans-serif
          color #222
          background #f6f7f9

        #content
          max-width page-width
          margin 0 auto
          padding 40px 20px
          h1
            color brand
            text-shadow 0 1px 0 #fff
          a
            color brand
            &:hover
              color darken(brand, 20%)

        #messages
          list-style none
          padding 0
          li
            rounded(6px)
            background #fff
            margin 4px 0
            padding 8px 12px

        .welcome
          rounded(10px)
          border 1px solid #dde
          padding 12px

        """

    static let stylesheetHelpers = """
        // Mixins shared by the stylesheets.
        rounded(radius = 4px)
          -webkit-border-radius radius
          border-radius radius

        """

    static let page = """
        doctype html
        html(lang='en')
          head
            meta(charset='utf-8')
            meta(name='viewport', content='width=device-width, initial-scale=1')
            link(rel='icon', href='/favicon.svg')
            != SocketStream
            title #{appName}
          body
            #content
              h1 Welcome to #{appName}
              #welcome.welcome
              ul#messages
              p
                a(href='https://github.com/socketstream/socketstream') SocketStream
                |  re-imagined in Swift.

        """

    static let messageTemplate = """
        li.message
          span.text= text
          if at
            small.time  #{at.toLocaleTimeString()}

        """

    static let welcomeTemplate = """
        .welcome-panel
          p.greeting This page was built by ssbuild.
          p.circle A circle of radius 10 has a circumference of #{circle}.

        """

    static let favicon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14" fill="#0057c5"/></svg>

        """

    static let libDom = """
        // A tiny DOM helper, loaded before the app (lib/client files load in numeric order).
        var dom = {
          ready: function (fn) {
            if (document.readyState !== 'loading') { fn(); }
            else { document.addEventListener('DOMContentLoaded', fn); }
          }
        };

        """

    static let libReset = """
        /* A small reset: lib/css files load before app/css/app.styl. */
        *, *::before, *::after { box-sizing: border-box; }
        body, h1, p, ul { margin: 0; }

        """
}
