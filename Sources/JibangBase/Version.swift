/// Jibang's version, as `jibang --version`, release manifests and methods notes give it, with
/// the commit it was built from and the build day (recorded by the BuildInfo plugin).
public enum JibangVersion {
    public static let current = "0.1.0"
    /// The git commit of the build, or "unknown commit" outside a git checkout.
    public static let commit = BuildInfo.commit
    /// The day the build recorded its commit (UTC).
    public static let buildDate = BuildInfo.date

    /// "0.1.0 (commit 1a2b3c4d5e6f, built 2026-11-29)".
    public static var description: String {
        let shortCommit = commit == "unknown commit" ? commit : "commit " + String(commit.prefix(12))
        return "\(current) (\(shortCommit), built \(buildDate))"
    }
}
