import SSCompilers

extension DiagnosticID {
    /// app/shared code threw or failed to parse while the server loaded it (SharedCodeEngine).
    public static let sharedCodeLoadFailed = DiagnosticID("SHR0001")
}
