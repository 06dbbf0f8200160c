/// The CoffeeScript flavour of the generated app (`ssbuild new --coffee`): the same app,
/// with the client and shared code in `.coffee` files, compiled by Debian's CoffeeScript
/// compiler. Libraries stay JavaScript, as vendored libraries usually are.
extension AppTemplate {
    /// The language of the app's client and shared code.
    public enum Language: String, Sendable, CaseIterable {
        case javaScript = "js"
        case coffeeScript = "coffee"
    }

    /// Path -> contents for an app called `name` written in `language`.
    ///
    /// ```swift
    /// AppTemplate.files(name: "chat", language: .coffeeScript).map(\.path)
    /// // [..., "app/client/app.coffee", "app/client/ui/messages.coffee", "app/shared/calculate.coffee", ...]
    /// ```
    public static func files(name: String, language: Language) -> [(path: String, contents: String)] {
        guard language == .coffeeScript else { return files(name: name) }
        let replacements = [
            "app/client/app.js": ("app/client/app.coffee", coffeeClientApp),
            "app/client/ui/messages.js": ("app/client/ui/messages.coffee", coffeeClientMessages),
            "app/shared/calculate.js": ("app/shared/calculate.coffee", coffeeSharedCalculate),
        ]
        return files(name: name).map { file in
            if let (path, contents) = replacements[file.path] { return (path, contents) }
            if file.path == "README.md" {
                return (file.path, file.contents.replacingOccurrences(of: ".js`", with: ".coffee`"))
            }
            return file
        }
    }

    static let coffeeClientApp = """
        # The app's entry module: SS.client.app. `init` runs once the server connection is ready.
        messages = require '/ui/messages'

        exports.init = ->
          SS.server.app.square 25, (err, result) ->
            messages.show(if err then "Error: #{err.message}" else "25 squared is #{result}")
          SS.events.on 'flash', (payload) ->
            messages.show payload.text

        dom.ready ->
          messages.welcome()

        """

    static let coffeeClientMessages = """
        # Renders messages with the client templates of app/views/chat.
        exports.show = (text) ->
          list = document.getElementById 'messages'
          list.insertAdjacentHTML 'beforeend', SS.tmpl['chat-message'] { text, at: new Date() }

        exports.welcome = ->
          panel = document.getElementById 'welcome'
          circle = SS.shared.calculate.circumference(10).toFixed(2)
          panel.innerHTML = SS.tmpl['chat-panels-welcome'] { circle }

        """

    static let coffeeSharedCalculate = """
        # Shared code: sent to the browser as SS.shared.calculate, and usable on the server.
        exports.circumference = (radius) ->
          2 * Math.PI * radius

        exports.square = (n) ->
          n * n

        """
}
