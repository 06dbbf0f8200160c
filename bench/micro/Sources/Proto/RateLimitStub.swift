// The one type TokenBucket.swift needs from RuntimeConfiguration (which needs Hummingbird).
struct RuntimeConfiguration {
    struct RateLimit: Sendable {
        var burst: Int
        var perSecond: Double
    }
}
