/// Jibang's version, as `jibang --version`, release manifests and methods notes give it.
public enum JibangVersion {
    public static let current = "0.1.0"
}
