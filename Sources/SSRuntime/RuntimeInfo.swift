/// The wire protocol version the runtime speaks (see docs/protocol.md).
public enum RuntimeInfo {
    public static let protocolVersion = 1
}
