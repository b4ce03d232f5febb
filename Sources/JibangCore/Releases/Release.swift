import Foundation
public import JibangBase

/// A named, immutable snapshot of the programme record kept in the store, so that every
/// server of a team sees the same releases and a report can cite the version it used.
public struct Release: Sendable, Equatable {
    public let name: String
    /// ISO 8601 UTC time of creation.
    public let createdAt: String
    public let notes: String?
    public let jibangVersion: String
    /// The record as it stood: every site with its milestones, ids, sources and retractions.
    public let sites: [Site]

    public init(name: String, createdAt: String, notes: String?, jibangVersion: String, sites: [Site]) {
        self.name = name
        self.createdAt = createdAt
        self.notes = notes
        self.jibangVersion = jibangVersion
        self.sites = sites
    }

    /// The list row: name, time, notes and counts.
    public var summary: ReleaseSummary { ReleaseSummary(self) }

    /// A release name: letters, digits, `.`, `-` and `_`, starting with a letter or digit, up to
    /// 64 characters (it names a folder and a URL segment).
    public static func checkName(_ name: String) throws(JibangError) -> String {
        let valid = name.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9._-]{0,63}/) != nil
        guard valid else {
            throw .invalidInput(
                InputLocation(file: "release name"),
                "found \"\(name)\", expected letters, digits, '.', '-' or '_' (up to 64, starting with a letter or digit), such as 2026-11 or v1.2")
        }
        return name
    }

    /// The frozen record as stored: `[Site]` JSON (sorted keys, so the same record gives the same bytes).
    public static func encode(_ sites: [Site]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(ProgrammeRecord.ordered(sites)) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    public static func decode(_ text: String) throws(JibangError) -> [Site] {
        do { return try JSONDecoder().decode([Site].self, from: Data(text.utf8)) } catch {
            throw .storage("a stored release cannot be read: \(error)")
        }
    }
}

/// What `jibang release list` and `GET /api/v1/releases` give for each release.
public struct ReleaseSummary: Sendable, Encodable, Equatable {
    public let name: String
    public let createdAt: String
    public let notes: String?
    public let jibangVersion: String
    public let counts: ReleaseCounts

    public init(_ release: Release) {
        name = release.name
        createdAt = release.createdAt
        notes = release.notes
        jibangVersion = release.jibangVersion
        counts = ReleaseCounts(release.sites)
    }
}

/// A record's size: sites (wave and associated), milestones and sources in force.
public struct ReleaseCounts: Sendable, Codable, Equatable {
    public let sites: Int
    public let waveSites: Int
    public let associatedProjects: Int
    public let milestones: Int
    public let sources: Int

    public init(_ sites: [Site]) {
        let exported = ProgrammeRecord.exported(sites)
        self.sites = exported.count
        waveSites = exported.filter(\.isWaveSite).count
        associatedProjects = exported.filter { !$0.isWaveSite }.count
        milestones = exported.flatMap(\.milestones).count
        sources = exported.flatMap(\.milestones).flatMap(\.sources).count
    }
}

/// Which state of the record a figure or export came from, when it is not a release: a digest
/// of the record's content (its lossless JSON export), so the same record always gives the same
/// name, in any store, and exports stay byte-identical for the same data.
public enum StoreState {
    public static func describe(_ sites: [Site], gazetteer: Gazetteer) -> String {
        let digest = FNV1a.hash(ProgrammeJSON.write(sites, gazetteer: gazetteer).utf8)
        return "store record fnv1a:" + String(digest, radix: 16).leftPadded(16)
    }
}
