import Hummingbird
import SSBuild

/// Placeholder: serving lands with the dev-server work.
public enum StaticServerInfo {
    public static let framework = "Hummingbird"
}
