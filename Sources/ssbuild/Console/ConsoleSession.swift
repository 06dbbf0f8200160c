import SSActions

/// The console between the line reader and the server: it parses a line, keeps the
/// current user (`user NAME`) and the request ids, sends requests through a transport and
/// renders replies. No terminal I/O here, so it runs the same under a test.
///
///     var session = ConsoleSession(transport: link)
///     await session.run("app.square 25")   // .output("625")
struct ConsoleSession: Sendable {
    /// What to do with one line's outcome.
    enum Step: Equatable, Sendable {
        case nothing
        /// A result, for standard output.
        case output(String)
        /// An error (a parse error, an error reply, a lost connection), for standard error.
        case error(String)
        case exit
    }

    let transport: any ConsoleTransport
    /// Calls without `--as` are made as this user.
    private(set) var user: String?
    /// The API tree from the last `tree` reply (for Tab completion).
    private(set) var apiTree: JSONValue?
    private var nextID: Int

    /// Request ids start at `firstID`; a second session on the same connection must start
    /// past the first's ids, or a late reply to one of them would answer its request.
    init(transport: any ConsoleTransport, user: String? = nil, firstID: Int = 1) {
        self.transport = transport
        self.user = user
        self.nextID = firstID
    }

    var prompt: String { user.map { "ss (\($0))> " } ?? "ss> " }

    /// Runs one typed line.
    mutating func run(_ line: String) async -> Step {
        do throws(ConsoleParseError) {
            return await run(try ConsoleLineParser.parse(line))
        } catch {
            return .error(error.rendered(line: line))
        }
    }

    /// Runs a one-shot command given as separate arguments (`ssbuild console app.square 25`).
    mutating func run(arguments: [String]) async -> Step {
        do throws(ConsoleParseError) {
            return await run(try ConsoleLineParser.parse(arguments: arguments))
        } catch {
            return .error(error.rendered(line: arguments.joined(separator: " ")))
        }
    }

    mutating func run(_ line: ConsoleLine) async -> Step {
        switch line {
        case .empty: return .nothing
        case .help: return .output(Self.help)
        case .exit: return .exit
        case .showUser: return .output(user.map { "calling as \($0)" } ?? "calling as nobody (no user id)")
        case .setUser(let name):
            user = name
            return .output(name.map { "calling as \($0)" } ?? "calling as nobody (no user id)")
        case .request(let request):
            return await perform(request)
        }
    }

    mutating func perform(_ request: ConsoleRequest) async -> Step {
        let id = nextID
        nextID += 1
        do throws(ConsoleConnectionError) {
            let text = try await transport.request(request.defaultingUser(to: user).message(id: id))
            let reply = ConsoleReply(text: text)
            if case .tree = request, case .result(let tree) = reply { apiTree = tree }
            let rendered = reply.rendered(for: request)
            return reply.isError ? .error(rendered) : .output(rendered)
        } catch {
            return .error(error.description)
        }
    }

    static let help = """
        Commands:
          ns.method ARGS... [--as USER]     call an action, e.g. app.square 25
                                            (each argument is JSON if it parses, else a string;
                                            "..." is always a string)
          publish broadcast EVENT [PAYLOAD]        push to every connection
          publish user ID[,ID...] EVENT [PAYLOAD]  push to every connection of those users
          publish channel NAME[,NAME...] EVENT [PAYLOAD]
                                            push to the channels' subscribers
          online                            the user ids with a live connection
          tree                              the server API tree (SS.server)
          user [NAME | -]                   show, set or clear the user calls are made as
          help                              this text
          exit, quit, Ctrl-D                leave
        Keys: arrows, Home/End, Ctrl-A/E, Ctrl-U/K/W, up/down for history, Tab completes,
        Ctrl-C clears the line (or stops waiting for a reply).
        """
}
