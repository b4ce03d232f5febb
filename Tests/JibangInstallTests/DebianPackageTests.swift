import Foundation
import JibangInstall
import Testing

@Suite struct DebianPackageTests {
    @Test func versionComesFromTheVersionLine() throws {
        #expect(try DebianPackage.version(fromVersionLine: "0.1.0 (commit 843fcb1a2b3c, built 2026-11-30)\n") == "0.1.0+git20261130.843fcb1a2b3c")
        #expect(try DebianPackage.version(fromVersionLine: "0.1.0 (unknown commit, built 2026-11-30)") == "0.1.0")
        #expect(throws: InstallError.self) { try DebianPackage.version(fromVersionLine: "jibang version one") }
        #expect(throws: InstallError.self) { try DebianPackage.version(fromVersionLine: "v0.1 (commit abc, built 2026-11-30)") }
    }

    /// dpkg itself orders the versions: a later build day is newer, and any build of a commit
    /// is newer than the bare release.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg")))
    func dpkgOrdersLaterBuildsAsNewer() throws {
        let older = try DebianPackage.version(fromVersionLine: "0.1.0 (commit ffffffffffff, built 2026-11-29)")
        let newer = try DebianPackage.version(fromVersionLine: "0.1.0 (commit 000000000000, built 2026-11-30)")
        #expect(try compare(newer, "gt", older))
        #expect(try compare(older, "gt", "0.1.0"))
        #expect(try compare("0.2.0", "gt", newer))
    }

    func compare(_ a: String, _ relation: String, _ b: String) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/dpkg")
        process.arguments = ["--compare-versions", a, relation, b]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test func lddOutputGivesEachLibraryAndItsFile() throws {
        let output = """
            \tlinux-vdso.so.1 (0x00007ffd4b5e9000)
            \tlibsqlite3.so.0 => /lib/x86_64-linux-gnu/libsqlite3.so.0 (0x00007f1c2a000000)
            \tlibstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007f1c29c00000)
            \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f1c29a1f000)
            \t/lib64/ld-linux-x86-64.so.2 (0x00007f1c2a2b5000)
            """
        let libraries = try DebianPackage.libraries(fromLDD: output)
        #expect(libraries.map(\.name) == ["linux-vdso.so.1", "libsqlite3.so.0", "libstdc++.so.6", "libc.so.6", "ld-linux-x86-64.so.2"])
        #expect(
            libraries.map(\.path) == [
                nil, "/lib/x86_64-linux-gnu/libsqlite3.so.0", "/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libc.so.6",
                "/lib64/ld-linux-x86-64.so.2",
            ])
    }

    @Test func aLibraryLddCannotFindIsNamed() {
        do {
            _ = try DebianPackage.libraries(fromLDD: "\tlibFoundation.so => not found\n\tlibc.so.6 => /lib/libc.so.6 (0x1)")
            Issue.record("should throw")
        } catch {
            #expect(error.description.contains("libFoundation.so"))
            #expect(error.description.contains("not found"))
        }
    }

    @Test func ownerOfAFile() {
        #expect(DebianPackage.owner(fromSearch: "libsqlite3-0:amd64: /usr/lib/x86_64-linux-gnu/libsqlite3.so.0\n") == "libsqlite3-0")
        #expect(DebianPackage.owner(fromSearch: "diversion by foo from: /x\nlibc6:amd64: /lib64/ld-linux-x86-64.so.2") == "libc6")
        #expect(DebianPackage.owner(fromSearch: "zlib1g: /usr/lib/libz.so.1") == "zlib1g")
        #expect(DebianPackage.owner(fromSearch: "") == nil)
    }

    @Test func dependsAskForTheUpstreamVersionLinkedAgainst() {
        let depends = DebianPackage.depends(["libsqlite3-0": "3.40.1-2+deb12u1", "libc6": "2.36-9+deb12u10", "libfoo": "1:2.3-4", "native": "7.1"])
        #expect(depends == "libc6 (>= 2.36), libfoo (>= 1:2.3), libsqlite3-0 (>= 3.40.1), native (>= 7.1)")
    }

    @Test func controlFileFieldsAndFoldedDescription() {
        var control = DebianPackage.Control(
            version: "0.1.0+git20261130.843fcb1a2b3c", architecture: "amd64", maintainer: "A <a@example.invalid>", installedKiB: 12,
            depends: "libc6 (>= 2.36)")
        control.description = "Line one\n\nLine two"
        #expect(
            control.text == """
                Package: jibang
                Version: 0.1.0+git20261130.843fcb1a2b3c
                Architecture: amd64
                Maintainer: A <a@example.invalid>
                Installed-Size: 12
                Depends: libc6 (>= 2.36)
                Section: utils
                Priority: optional
                Description: \(control.summary)
                 Line one
                 .
                 Line two

                """)
    }
}
