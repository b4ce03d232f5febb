import Foundation

/// The pieces of a Debian binary package that are decided from text: the version (from what
/// `jibang --version` prints), the libraries the binary needs (from `ldd`), the packages that
/// ship them (from `dpkg-query -S`) and the control file.
public enum DebianPackage {
    /// "0.1.0 (commit 843fcb1a2b3c, built 2026-11-30)" → "0.1.0+git20261130.843fcb1a2b3c": the
    /// build day first, so that a later build of a later commit sorts as newer. Outside a git
    /// checkout ("unknown commit") the version alone.
    public static func version(fromVersionLine line: String) throws(InstallError) -> String {
        let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else {
            throw InstallError("expected `jibang --version` to print \"0.1.0 (commit …, built YYYY-MM-DD)\"; found \"\(text)\"")
        }
        let release = text[..<open].trimmingCharacters(in: .whitespaces)
        let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        var commit: String?
        var built: String?
        for part in inner.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if part.hasPrefix("commit ") { commit = String(part.dropFirst("commit ".count)) }
            if part.hasPrefix("built ") { built = String(part.dropFirst("built ".count)) }
        }
        let allowed = CharacterSet(charactersIn: "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.+~")
        guard !release.isEmpty, release.first!.isNumber, release.unicodeScalars.allSatisfy(allowed.contains) else {
            throw InstallError("the version \"\(release)\" is not a Debian upstream version (digits first; letters, digits, . + ~)")
        }
        guard let commit, commit.allSatisfy(\.isHexDigit), let built else { return release }
        let day = built.filter(\.isNumber)
        return "\(release)+git\(day).\(commit.lowercased())"
    }

    /// A library `ldd` lists, and the file it resolved to (nil for the kernel's vDSO).
    public struct Library: Sendable, Equatable {
        public let name: String
        public let path: String?
    }

    /// Reads `ldd`'s output. A library `ldd` could not find is an error naming it.
    public static func libraries(fromLDD output: String) throws(InstallError) -> [Library] {
        var libraries: [Library] = []
        for raw in output.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("statically linked") else { continue }
            if let arrow = line.range(of: " => ") {
                let name = String(line[..<arrow.lowerBound])
                let rest = line[arrow.upperBound...]
                if rest.hasPrefix("not found") {
                    throw InstallError("the binary needs \(name), which this machine lacks (ldd: not found); install the package that ships it")
                }
                let path = rest.split(separator: " ").first.map(String.init)
                libraries.append(Library(name: name, path: path))
            } else {
                let path = line.split(separator: " ").first.map(String.init) ?? line
                libraries.append(Library(name: (path as NSString).lastPathComponent, path: path.hasPrefix("/") ? path : nil))
            }
        }
        return libraries
    }

    /// The package in a `dpkg-query -S` answer ("libsqlite3-0:amd64: /usr/lib/…" → "libsqlite3-0").
    public static func owner(fromSearch output: String) -> String? {
        for line in output.split(separator: "\n") where !line.hasPrefix("diversion by") {
            guard let colon = line.range(of: ": ") else { continue }
            let packages = line[..<colon.lowerBound].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if let first = packages.first { return String(first.split(separator: ":").first ?? Substring(first)) }
        }
        return nil
    }

    /// The upstream part of an installed version ("2.36-9+deb12u10" → "2.36"), the minimum a
    /// dependency asks for: the binary was linked against it.
    public static func upstream(of version: String) -> String {
        guard let dash = version.lastIndex(of: "-") else { return version }
        return String(version[..<dash])
    }

    /// `Depends:` from package names and their installed versions, sorted, each once.
    public static func depends(_ packages: [String: String]) -> String {
        packages.keys.sorted().map { name in "\(name) (>= \(upstream(of: packages[name]!)))" }.joined(separator: ", ")
    }

    /// The `DEBIAN/control` file.
    public struct Control: Sendable {
        public var package = "jibang"
        public var version: String
        public var architecture: String
        public var maintainer: String
        public var installedKiB: Int
        public var depends: String
        public var homepage: String?
        public var summary = "regional development tracker and state-media trend engine for North Korea"
        public var description = """
            Jibang answers two questions with sources: what the Regional Development 20x10
            programme has built, where and when; and how much attention North Korean state
            media give a topic, period by period. It bundles a gazetteer of North Korea's
            cities and counties and a sourced record of the programme, counts term groups in
            a corpus of articles (Korean and English), and serves a web dashboard with a JSON
            API (jibang serve).
            """

        public init(version: String, architecture: String, maintainer: String, installedKiB: Int, depends: String) {
            self.version = version
            self.architecture = architecture
            self.maintainer = maintainer
            self.installedKiB = installedKiB
            self.depends = depends
        }

        public var text: String {
            var fields = [
                ("Package", package), ("Version", version), ("Architecture", architecture), ("Maintainer", maintainer),
                ("Installed-Size", String(installedKiB)),
            ]
            if !depends.isEmpty { fields.append(("Depends", depends)) }
            fields.append(("Section", "utils"))
            fields.append(("Priority", "optional"))
            if let homepage { fields.append(("Homepage", homepage)) }
            let body = description.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces).isEmpty ? " ." : " " + $0 }.joined(separator: "\n")
            return fields.map { "\($0.0): \($0.1)\n" }.joined() + "Description: \(summary)\n\(body)\n"
        }
    }
}
