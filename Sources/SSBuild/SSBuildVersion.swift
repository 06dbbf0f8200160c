/// The ssbuild version, printed by `ssbuild --version` and in banners.
public enum SSBuildVersion {
    public static let current = "0.1.0"
}
