import Foundation
import Hummingbird
import HummingbirdCore
import Logging

/// The process's open-file limit, which bounds how many connections a server can hold.
///
/// Every connection is a file descriptor. Debian's default soft limit is 1,024, far below
/// what one instance can serve, so servers raise it to the hard limit first (as Go's runtime
/// does). Running out is worse than refusing: at EMFILE libdispatch's worker monitor, which
/// reads `/proc/self/task/*/stat`, aborts the whole process (seen under the idle-connection
/// benchmark). So servers also stop accepting `reserve` descriptors short of the limit;
/// further clients wait in the listen backlog until a connection closes.
///
///     let gate = OpenFileLimit.serverConnectionGate()   // raises the limit; cap 19,744 at 20,000
///     ApplicationConfiguration(address: ..., availableConnectionsDelegate: gate)
public enum OpenFileLimit {
    /// Descriptors kept free for everything that is not a client connection: Redis
    /// connections, worker pipes, static files being served, /proc reads, logs.
    public static let defaultReserve = 256

    private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)

    /// The current soft limit.
    public static var current: Int {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return 1024 }
        return limit.rlim_cur >= rlim_t(Int32.max) ? Int(Int32.max) : Int(limit.rlim_cur)
    }

    /// Raises the soft limit to the hard limit; returns the soft limit now in force.
    @discardableResult
    public static func raiseToHardLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return current }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            _ = setrlimit(resource, &limit)
        }
        return current
    }

    /// The most client connections to hold at once under a soft limit of `limit`.
    public static func connectionCap(limit: Int = current, reserve: Int = defaultReserve) -> Int {
        max(16, limit - reserve)
    }

    /// What a server passes as Hummingbird's `availableConnectionsDelegate`: raises the soft
    /// limit to the hard one, then gates accepting at `connectionCap` (stops reading the
    /// listening socket at the cap and resumes when a connection closes).
    public static func serverConnectionGate(
        logger: Logger = Logger(label: "ssbuild.connections"), reserve: Int = defaultReserve
    ) -> MaximumAvailableConnections {
        raiseToHardLimit()
        return MaximumAvailableConnections(connectionCap(reserve: reserve), logger: logger)
    }
}
