extension AppConfig.AssetsConfig {
    /// The release compression these settings ask for: `.gz` and/or `.br` siblings at the
    /// strongest levels (release output is built once and served many times).
    ///
    /// ```swift
    /// let release = try PreparedRelease.prepare(assets, compression: config.assets.releaseCompression)
    /// try ReleaseWriter().commit(release, indexHTML: html, to: publicDir, keep: config.assets.keepReleases)
    /// ```
    public var releaseCompression: ReleaseCompression {
        ReleaseCompression(gzip: compress.contains(.gzip), brotli: compress.contains(.brotli))
    }
}
