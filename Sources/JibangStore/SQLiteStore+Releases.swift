import Foundation
import GRDB
public import JibangBase
public import JibangCore

extension SQLiteStore: ReleaseStore {
    public func createRelease(name: String, notes: String?, jibangVersion: String) async throws(JibangError) -> Release {
        let name = try Release.checkName(name)
        return try await run {
            try writer.write { db in
                if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM release WHERE name = ?", arguments: [name]) ?? 0 > 0 {
                    throw JibangError.duplicate(nil, "a release named \(name) exists already; releases are immutable, so choose another name")
                }
                let sites = try Self.fetchSites(db)
                let release = Release(
                    name: name, createdAt: ISO8601DateFormatter().string(from: Date()), notes: notes, jibangVersion: jibangVersion, sites: sites)
                try db.execute(
                    sql: "INSERT INTO release (name, created_at, notes, jibang_version, record) VALUES (?, ?, ?, ?, ?)",
                    arguments: [name, release.createdAt, notes, jibangVersion, Release.encode(sites)])
                try Self.audit(db, "create", "release", name, reason: notes, after: JSONValue.of(release.summary))
                return release
            }
        }
    }

    public func releases() async throws(JibangError) -> [Release] {
        let rows = try await run { try writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM release ORDER BY id") } }
        var releases: [Release] = []
        for row in rows { releases.append(try Self.release(row)) }
        return releases
    }

    public func release(named name: String) async throws(JibangError) -> Release {
        let row = try await run { try writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM release WHERE name = ?", arguments: [name]) } }
        guard let row else {
            let names = try await releases().map(\.name)
            throw JibangError.notFound(
                "no release named \(name); \(names.isEmpty ? "there is none yet" : "there are: \(names.joined(separator: ", "))")", subject: name)
        }
        return try Self.release(row)
    }

    static func release(_ row: Row) throws(JibangError) -> Release {
        Release(
            name: row["name"], createdAt: row["created_at"], notes: row["notes"], jibangVersion: row["jibang_version"],
            sites: try Release.decode(row["record"]))
    }
}
