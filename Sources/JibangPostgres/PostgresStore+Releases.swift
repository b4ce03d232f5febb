import Foundation
public import JibangBase
public import JibangCore
import PostgresNIO

extension PostgresStore: ReleaseStore {
    public func createRelease(name: String, notes: String?, jibangVersion: String) async throws(JibangError) -> Release {
        let name = try Release.checkName(name)
        return try await transaction { connection in
            // The record as it stands when the release takes its name: one snapshot.
            let sites = try await Self.fetchSites(connection)
            let release = Release(
                name: name, createdAt: ISO8601DateFormatter().string(from: Date()), notes: notes, jibangVersion: jibangVersion, sites: sites)
            let inserted = try await connection.rows(
                """
                INSERT INTO release (name, created_at, notes, jibang_version, record)
                VALUES (\(name), \(release.createdAt), \(notes), \(jibangVersion), \(Release.encode(sites)))
                ON CONFLICT (name) DO NOTHING RETURNING id
                """)
            if inserted.isEmpty {
                throw JibangError.duplicate(nil, "a release named \(name) exists already; releases are immutable, so choose another name")
            }
            try await Self.audit(connection, "create", "release", name, reason: notes, after: JSONValue.of(release.summary))
            return release
        }
    }

    public func releases() async throws(JibangError) -> [Release] {
        var releases: [Release] = []
        for row in try await rows("SELECT name, created_at, notes, jibang_version, record FROM release ORDER BY id") {
            releases.append(try Self.release(row))
        }
        return releases
    }

    public func release(named name: String) async throws(JibangError) -> Release {
        guard let row = try await rows("SELECT name, created_at, notes, jibang_version, record FROM release WHERE name = \(name)").first else {
            let names = try await releases().map(\.name)
            throw JibangError.notFound(
                "no release named \(name); \(names.isEmpty ? "there is none yet" : "there are: \(names.joined(separator: ", "))")", subject: name)
        }
        return try Self.release(row)
    }

    static func release(_ row: PostgresRow) throws(JibangError) -> Release {
        let (name, createdAt, notes, version, record) = try decode(row, as: (String, String, String?, String, String).self)
        return Release(name: name, createdAt: createdAt, notes: notes, jibangVersion: version, sites: try Release.decode(record))
    }
}
