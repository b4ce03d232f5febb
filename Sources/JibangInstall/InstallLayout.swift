/// Where each installed file goes under a prefix. Two flavours differ only where Debian's
/// policy does: the zsh completion folder, and a gzipped man page.
public struct InstallLayout: Sendable, Equatable {
    /// `local`: `swift run jibang-install --prefix DIR`; `debian`: the `.deb`'s `/usr`.
    public enum Flavour: Sendable { case local, debian }

    public let flavour: Flavour

    public init(_ flavour: Flavour) { self.flavour = flavour }

    /// Paths relative to the prefix.
    public var binary: String { "bin/jibang" }
    public var manPage: String { "share/man/man1/jibang.1" + (flavour == .debian ? ".gz" : "") }
    public var bashCompletion: String { "share/bash-completion/completions/jibang" }
    public var zshCompletion: String {
        flavour == .debian ? "share/zsh/vendor-completions/_jibang" : "share/zsh/site-functions/_jibang"
    }
    public var fishCompletion: String { "share/fish/vendor_completions.d/jibang.fish" }
    /// Licence, attribution and the list of installed files.
    public var documentation: String { "share/doc/jibang" }
    /// The list `--uninstall` reads (not in the Debian package, where dpkg keeps the list).
    public var manifest: String { documentation + "/installed-files.txt" }

    /// The completion file for each shell ArgumentParser writes scripts for.
    public var completions: [(shell: String, path: String)] {
        [("bash", bashCompletion), ("zsh", zshCompletion), ("fish", fishCompletion)]
    }
}

/// The list of files an install put under its prefix, one relative path per line, so that an
/// upgrade can remove what the new version no longer ships and `--uninstall` removes exactly
/// what was installed.
public struct InstallManifest: Sendable, Equatable {
    public let files: [String]

    public init(files: [String]) { self.files = files.sorted() }

    public init(parsing text: String) {
        self.init(files: text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }

    public var text: String {
        "# Installed by jibang-install; `swift run jibang-install --prefix PREFIX --uninstall` removes them.\n"
            + files.map { $0 + "\n" }.joined()
    }

    /// Files the previous install had that this one does not.
    public func leftOver(after next: InstallManifest) -> [String] {
        let kept = Set(next.files)
        return files.filter { !kept.contains($0) }
    }
}
