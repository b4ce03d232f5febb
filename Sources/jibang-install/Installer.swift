import Foundation
import JibangInstall

/// Installs under a prefix and removes such an install, using the list it leaves behind.
enum Installer {
    static func install(binary: String, package: URL, scratch: URL, prefix: URL) throws(InstallError) {
        let layout = InstallLayout(.local)
        let staging = try Staging(binary: binary, package: package, scratch: scratch, layout: layout)
        let previous = readManifest(prefix: prefix, layout: layout)
        let manifest = InstallManifest(files: Array(staging.files.keys) + [layout.manifest])
        for path in staging.files.keys.sorted() {
            try write(staging.files[path]!, to: prefix.appending(path: path))
        }
        try write(StagedFile(contents: Data(manifest.text.utf8), executable: false), to: prefix.appending(path: layout.manifest))
        let stale = previous?.leftOver(after: manifest) ?? []
        remove(stale, under: prefix)
        print("Installed \(staging.versionLine) under \(prefix.path):")
        print("  \(layout.binary), \(layout.manPage), completions for bash, zsh and fish, licences in \(layout.documentation)")
        if !stale.isEmpty { print("  removed \(stale.count) file(s) the earlier install had and this one does not ship") }
        hints(prefix: prefix, layout: layout)
    }

    static func uninstall(prefix: URL) throws(InstallError) {
        let layout = InstallLayout(.local)
        guard let manifest = readManifest(prefix: prefix, layout: layout) else {
            throw InstallError("found no Jibang install under \(prefix.path) (no \(layout.manifest)); check --prefix")
        }
        remove(manifest.files, under: prefix)
        print("Removed \(manifest.files.count) files of Jibang from \(prefix.path). Stores (jibang.sqlite) are never touched.")
    }

    private static func readManifest(prefix: URL, layout: InstallLayout) -> InstallManifest? {
        guard let text = try? String(contentsOf: prefix.appending(path: layout.manifest), encoding: .utf8) else { return nil }
        return InstallManifest(parsing: text)
    }

    /// Writes beside the target and renames over it, so a running `jibang serve` keeps its
    /// binary and nobody sees half a file.
    static func write(_ file: StagedFile, to url: URL) throws(InstallError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appending(path: ".\(url.lastPathComponent).jibang-install")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try file.contents.write(to: temporary)
            try FileManager.default.setAttributes([.posixPermissions: file.executable ? 0o755 : 0o644], ofItemAtPath: temporary.path)
            if rename(temporary.path, url.path) != 0 { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw InstallError("cannot write \(url.path) (\(error.localizedDescription)); is the prefix writable? (sudo, or --prefix ~/.local)")
        }
    }

    /// Removes files, then the folders they leave empty, never the prefix itself.
    private static func remove(_ paths: [String], under prefix: URL) {
        var folders = Set<String>()
        for path in paths {
            try? FileManager.default.removeItem(at: prefix.appending(path: path))
            var parent = (path as NSString).deletingLastPathComponent
            while !parent.isEmpty {
                folders.insert(parent)
                parent = (parent as NSString).deletingLastPathComponent
            }
        }
        for folder in folders.sorted(by: { $0.count > $1.count }) {
            let url = prefix.appending(path: folder)
            if let entries = try? FileManager.default.contentsOfDirectory(atPath: url.path), entries.isEmpty {
                try? FileManager.default.removeItem(at: url)
            }
        }
    }

    private static func hints(prefix: URL, layout: InstallLayout) {
        let bin = prefix.appending(path: "bin").path
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        if !path.split(separator: ":").contains(Substring(bin)) {
            print("Add \(bin) to your PATH, e.g. in ~/.profile: export PATH=\"\(bin):$PATH\"")
        }
        if !["/usr", "/usr/local"].contains(prefix.path) {
            print("Shell completion outside /usr and /usr/local: bash: source \(prefix.appending(path: layout.bashCompletion).path);")
            print(
                "  zsh: fpath+=(\(prefix.appending(path: "share/zsh/site-functions").path)); man: MANPATH=\(prefix.appending(path: "share/man").path):"
            )
        }
    }
}
