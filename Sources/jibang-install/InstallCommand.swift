import ArgumentParser
import Foundation
import JibangInstall

/// `swift run jibang-install`: builds the release binary once and installs it with its man page
/// and shell completions under a prefix, removes such an install, or packages it as a `.deb`.
@main
struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jibang-install",
        abstract: "Build Jibang for release and install it with its man page and shell completions, or package it as a .deb.",
        discussion: """
            Builds with `swift build -c release --static-swift-stdlib --product jibang` (about 15 minutes \
            on 2 cores the first time; nothing to do when it is up to date), so the binary needs no Swift \
            toolchain and no files beside it. Run again to upgrade; files the new version no longer ships \
            are removed.

            Examples:
              swift run jibang-install --prefix ~/.local
              sudo swift run jibang-install                      (into /usr/local)
              swift run jibang-install --prefix ~/.local --uninstall
              swift run jibang-install --deb dist/               (then: sudo apt install ./dist/jibang_*.deb)
            """
    )

    @Option(help: "Folder to install under: PREFIX/bin/jibang, PREFIX/share/man/man1/jibang.1, PREFIX/share/…/completions.")
    var prefix: String = "/usr/local"

    @Flag(help: "Remove what an earlier install put under --prefix (listed in PREFIX/share/doc/jibang/installed-files.txt).")
    var uninstall = false

    @Option(name: .customLong("deb"), help: ArgumentHelp("Build a Debian package into this folder instead of installing.", valueName: "folder"))
    var debFolder: String?

    @Option(help: "A jibang binary already built, instead of running the release build.")
    var binary: String?

    @Option(help: "The Jibang checkout to build (default: the current folder).")
    var packagePath: String = "."

    @Option(help: "The package's Maintainer field (with --deb).")
    var maintainer: String = "Jibang developers <jibang@example.invalid>"

    func run() throws {
        do {
            let prefixURL = URL(fileURLWithPath: (prefix as NSString).expandingTildeInPath)
            if uninstall {
                guard binary == nil, debFolder == nil else { throw InstallError("--uninstall takes only --prefix") }
                try Installer.uninstall(prefix: prefixURL)
                return
            }
            let package = try checkout()
            let built = try binary.map { URL(fileURLWithPath: $0).path } ?? buildRelease(package)
            let scratch = package.appending(path: ".build")
            if let debFolder {
                try DebBuilder.build(binary: built, package: package, scratch: scratch, into: URL(fileURLWithPath: debFolder), maintainer: maintainer)
            } else {
                try Installer.install(binary: built, package: package, scratch: scratch, prefix: prefixURL)
            }
        } catch let error as InstallError {
            FileHandle.standardError.write(Data("jibang-install: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// The Jibang checkout: the folder whose Package.swift names the package "Jibang".
    private func checkout() throws(InstallError) -> URL {
        let folder = URL(fileURLWithPath: packagePath).standardizedFileURL
        let manifest = folder.appending(path: "Package.swift")
        guard let text = try? String(contentsOf: manifest, encoding: .utf8), text.contains("name: \"Jibang\"") else {
            throw InstallError(
                "\(folder.path) is not a Jibang checkout (no Package.swift naming \"Jibang\"); run from the clone or pass --package-path")
        }
        return folder
    }

    /// Runs the one release build and returns the binary's path.
    private func buildRelease(_ package: URL) throws(InstallError) -> String {
        let arguments = ["build", "-c", "release", "--static-swift-stdlib", "--package-path", package.path]
        print("Building jibang for release with the Swift runtime linked in (about 15 minutes on 2 cores the first time)…")
        let start = Date()
        try Shell.run("swift", arguments + ["--product", "jibang"])
        let folder = try Shell.text("swift", arguments + ["--show-bin-path"])
        print("Release build ready in \(Int(Date().timeIntervalSince(start))) s: \(folder)/jibang")
        return folder + "/jibang"
    }
}
