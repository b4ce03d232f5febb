import Foundation
import JibangInstall

/// Builds `jibang_VERSION_ARCH.deb` with dpkg-deb from the release binary: the files under
/// `/usr`, and a control file whose Depends are the packages that ship the libraries `ldd` lists.
enum DebBuilder {
    static func build(binary: String, package: URL, scratch: URL, into folder: URL, maintainer: String) throws(InstallError) {
        let layout = InstallLayout(.debian)
        let staging = try Staging(binary: binary, package: package, scratch: scratch, layout: layout)
        let version = try DebianPackage.version(fromVersionLine: staging.versionLine)
        let architecture = try Shell.text("dpkg", ["--print-architecture"])
        let depends = try dependencies(of: binary)

        let root = FileManager.default.temporaryDirectory.appending(path: "jibang-deb-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: root) }
        try? FileManager.default.removeItem(at: root)
        var bytes = 0
        for (path, file) in staging.files {
            try Installer.write(file, to: root.appending(path: "usr/" + path))
            bytes += file.contents.count
        }
        let control = DebianPackage.Control(
            version: version, architecture: architecture, maintainer: maintainer, installedKiB: (bytes + 1023) / 1024,
            depends: DebianPackage.depends(depends))
        try Installer.write(StagedFile(contents: Data(control.text.utf8), executable: false), to: root.appending(path: "DEBIAN/control"))
        do {
            for folder in try allFolders(under: root) {
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
            }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch { throw InstallError("cannot prepare \(root.path) or \(folder.path): \(error.localizedDescription)") }
        let output = folder.appending(path: "jibang_\(version)_\(architecture).deb").standardizedFileURL
        try Shell.run("dpkg-deb", ["--root-owner-group", "-Zxz", "--build", root.path, output.path])
        print("Depends: \(control.depends)")
        print("Install: sudo apt install \(output.path)   (upgrade: the same with a newer package; remove: sudo apt remove jibang)")
    }

    /// Package name → installed version, for every library the binary loads.
    private static func dependencies(of binary: String) throws(InstallError) -> [String: String] {
        var packages: [String: String] = [:]
        for library in try DebianPackage.libraries(fromLDD: try Shell.text("ldd", [binary])) {
            guard let path = library.path else { continue }
            guard let owner = owner(of: path) else {
                throw InstallError(
                    "no Debian package ships \(path), which the binary loads; package a release build made with --static-swift-stdlib "
                        + "(leave out --binary and jibang-install makes one)")
            }
            packages[owner] = try Shell.text("dpkg-query", ["-W", "-f=${Version}", owner])
        }
        return packages
    }

    /// The package shipping a file, trying the /usr-merged spellings dpkg may have recorded.
    private static func owner(of path: String) -> String? {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var candidates = [path, resolved]
        for candidate in [path, resolved] {
            if candidate.hasPrefix("/usr/") { candidates.append(String(candidate.dropFirst(4))) } else { candidates.append("/usr" + candidate) }
        }
        for candidate in candidates {
            if let text = try? Shell.capture("dpkg-query", ["-S", candidate], quiet: true),
                let owner = DebianPackage.owner(fromSearch: String(decoding: text, as: UTF8.self))
            {
                return owner
            }
        }
        return nil
    }

    private static func allFolders(under root: URL) throws -> [String] {
        var folders = [root.path]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey])
        while let url = enumerator?.nextObject() as? URL {
            if (try url.resourceValues(forKeys: [.isDirectoryKey])).isDirectory == true { folders.append(url.path) }
        }
        return folders
    }
}
