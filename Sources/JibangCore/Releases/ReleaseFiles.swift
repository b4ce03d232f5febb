/// The files a release folder holds: the record in every export format, the changelog since
/// the previous release, and a manifest with counts and every file's SHA-256. Pure: the
/// caller writes the files and supplies the hash function.
public enum ReleaseFiles {
    /// The manifest: what the release is and what its files must hash to.
    public struct Manifest: Sendable, Encodable, Equatable {
        public struct File: Sendable, Encodable, Equatable {
            public let name: String
            public let bytes: Int
            public let sha256: String
        }

        public let release: String
        public let createdAt: String
        public let notes: String?
        public let jibangVersion: String
        /// The release the changelog compares with (nil for the first).
        public let previous: String?
        public let counts: ReleaseCounts
        public let files: [File]
    }

    /// Name → content, manifest.json last. `previous` is the release before this one.
    public static func contents(
        _ release: Release, previous: Release?, gazetteer: Gazetteer, sha256: (String) -> String
    ) -> [(name: String, text: String)] {
        let asOf = Day(iso: release.createdAt.prefix(10)) ?? RecordChecks.today
        var files: [(name: String, text: String)] = [
            ("programme.csv", ProgrammeCSV.write(release.sites, gazetteer: gazetteer)),
            ("programme.json", ProgrammeJSON.write(release.sites, gazetteer: gazetteer, provenance: "release \(release.name)")),
            ("programme.geojson", ProgrammeGeoJSON.write(release.sites, gazetteer: gazetteer, provenance: "release \(release.name)")),
            (
                "programme.kml",
                ProgrammeKML.write(
                    release.sites, gazetteer: gazetteer, asOf: asOf, title: "20×10 programme, release \(release.name)",
                    provenance: "release \(release.name)")
            ),
            ("CHANGELOG.md", ReleaseDiff.since(previous, release, gazetteer: gazetteer).markdown),
        ]
        let manifest = Manifest(
            release: release.name, createdAt: release.createdAt, notes: release.notes, jibangVersion: release.jibangVersion, previous: previous?.name,
            counts: ReleaseCounts(release.sites),
            files: files.map { Manifest.File(name: $0.name, bytes: $0.text.utf8.count, sha256: sha256($0.text)) })
        files.append(("manifest.json", ProgrammeJSON.encode(manifest)))
        return files
    }
}
