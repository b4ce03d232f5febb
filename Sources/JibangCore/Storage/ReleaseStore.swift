public import JibangBase

/// Named, immutable snapshots of the programme record, kept in the store beside it.
public protocol ReleaseStore: Sendable {
    /// Freezes the record as it stands, in one transaction (audited). `.duplicate` when the
    /// name is taken.
    func createRelease(name: String, notes: String?, jibangVersion: String) async throws(JibangError) -> Release
    /// Every release, oldest first.
    func releases() async throws(JibangError) -> [Release]
    /// The release of that name; `.notFound` naming the ones there are.
    func release(named name: String) async throws(JibangError) -> Release
}

extension ProgrammeStore where Self: ReleaseStore {
    /// The record a release froze, or the record as it stands for `current`: what a changelog compares.
    public func record(named name: String) async throws(JibangError) -> [Site] {
        name == "current" ? try await sites() : try await release(named: name).sites
    }
}
