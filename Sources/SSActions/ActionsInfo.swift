/// The actions SDK version, which app server code compiles against.
public enum ActionsInfo {
    public static let version = "0.1.0"
}
