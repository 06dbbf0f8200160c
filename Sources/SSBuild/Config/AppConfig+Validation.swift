import SSCompilers

extension AppConfig {
    /// A value of the right type that is still wrong.
    struct ValidationProblem: Equatable {
        var path: [String]
        var id: DiagnosticID
        var message: String
    }

    /// Range and consistency checks that types cannot express. Every problem is listed,
    /// not only the first.
    func validationProblems() -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        func check(_ condition: Bool, _ path: [String], _ message: String, id: DiagnosticID = .configInvalidValue) {
            if !condition {
                problems.append(
                    ValidationProblem(path: path, id: id, message: "'\(ConfigNode.describe(path))' \(message)"))
            }
        }
        check((0...65535).contains(port), ["port"], "must be between 0 and 65535 (0 picks a free port), not \(port)")
        check(!host.isEmpty && !host.contains(" "), ["host"], "must be an address such as 127.0.0.1, 0.0.0.0 or ::1")
        check(
            (0...4).contains(log.level), ["log", "level"], "must be between 0 (silent) and 4 (debug), not \(log.level)")
        check(
            assets.keepReleases >= 1 && assets.keepReleases <= 100, ["assets", "keepReleases"],
            "must be between 1 and 100, not \(assets.keepReleases)")
        check(Set(assets.compress).count == assets.compress.count, ["assets", "compress"], "lists a format twice")
        check(
            Self.isValidPrefix(api.prefix), ["api", "prefix"],
            "must start with '/', not end with '/', and use only URL path characters, not \"\(api.prefix)\"")
        check(session.idleTimeout > 0, ["session", "idleTimeout"], "must be a positive number of seconds")
        check(
            Self.isCookieToken(session.cookieName), ["session", "cookieName"],
            "must be a cookie name (letters, digits, '_', '-', '.'), not \"\(session.cookieName)\"")
        if let redis {
            let schemes = ["redis://", "rediss://", "unix://"]
            check(
                schemes.contains { redis.url.hasPrefix($0) }, ["redis", "url"],
                "must start with redis://, rediss:// or unix://, not \"\(redis.url)\"")
        }
        check(limiter.rps >= 1, ["limiter", "rps"], "must be at least 1, not \(limiter.rps)")
        check(limiter.burst >= 1, ["limiter", "burst"], "must be at least 1, not \(limiter.burst)")
        if ssl.enabled {
            check(!(ssl.cert ?? "").isEmpty, ["ssl"], "is enabled but 'ssl.cert' is not set", id: .configMissingKey)
            check(!(ssl.key ?? "").isEmpty, ["ssl"], "is enabled but 'ssl.key' is not set", id: .configMissingKey)
        }
        if let redirect = ssl.redirectPort {
            check(
                (1...65535).contains(redirect) && redirect != port, ["ssl", "redirectPort"],
                "must be a port between 1 and 65535 other than 'port', not \(redirect)")
        }
        return problems
    }

    static func isValidPrefix(_ prefix: String) -> Bool {
        guard prefix.count > 1, prefix.hasPrefix("/"), !prefix.hasSuffix("/"), !prefix.contains("//") else {
            return false
        }
        return prefix.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "/", "-", "_", ".", "~": return true
            default: return false
            }
        }
    }

    static func isCookieToken(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy { scalar in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".": return true
                default: return false
                }
            }
    }
}
