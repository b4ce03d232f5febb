public import JibangBase

/// Where the programme record lives. The embedded SQLite store implements it now; a
/// PostgreSQL store for teams can follow without touching callers.
///
/// Every write is one transaction: it happens whole or not at all, so a killed process leaves
/// the store as it was before the write.
public protocol ProgrammeStore: Sendable {
    /// Every site with its milestones, actors and sources.
    func sites() async throws(JibangError) -> [Site]

    /// Imports entries all or nothing. Throws `.duplicate` (naming the entry's origin) when a
    /// milestone is already stored, and then stores nothing. `sha256` (hex) of the file read, when
    /// there was one, goes into the audit entry with the counts.
    func importEntries(_ entries: [ProgrammeEntry], file: String, sha256: String?) async throws(JibangError) -> ImportSummary

    /// Applies a newer programme record in one transaction, as `BundledUpdatePlan` decides over
    /// the record as it stands then: never over an analyst's edit or retraction. Audited; for the
    /// binary's own bundle (`isBundle`) also remembered, so that it is applied once.
    func applyBundled(_ entries: [ProgrammeEntry], bundleID: String, sha256: String?, isBundle: Bool) async throws(JibangError) -> BundledUpdate

    /// Adds a source to a stored milestone; throws `.notFound` for an unknown id and
    /// `.duplicate` when the milestone already cites that address.
    func addSource(_ source: Source, toMilestone id: Int64) async throws(JibangError)

    /// Replaces a milestone's kind, date, status, detail, facilities and note with those of
    /// `milestone`, and moves it to the site of `divisionID` in the same stage when given (the
    /// site is created when missing). `.notFound` for an unknown id, `.duplicate` when the site
    /// already has a milestone of that kind and date. Audited with `reason`; returns it as stored.
    func editMilestone(id: Int64, to milestone: Milestone, divisionID: String?, reason: String) async throws(JibangError) -> Milestone

    /// Retracts a milestone (kept, shown as retracted, never counted) or restores it; audited
    /// with `reason`. `.invalidInput` when it already is in that state.
    func setRetracted(milestone id: Int64, _ retracted: Bool, reason: String) async throws(JibangError)

    /// Retracts (kept, shown, no longer relied on) or restores the source of milestone `id` at
    /// `url`; audited with `reason`. `.notFound` for an unknown milestone or address.
    func setRetracted(sourceOf id: Int64, url: String, _ retracted: Bool, reason: String) async throws(JibangError)

    /// Sets the role of the site with store id `site` (wave or associated), keeping its role
    /// readings; audited with `reason` as entity "site", action "role", so that a newer bundled
    /// record never sets it back. `.notFound` for an unknown site, `.invalidInput` when it
    /// already has that role.
    func setRole(site id: Int64, _ role: Site.Role, reason: String) async throws(JibangError)

    /// The bundled programme record the store was seeded with ("20x10-sites.csv@digest"), or
    /// "skipped" when it was left out; nil before the first seeding.
    func bundledRecord() async throws(JibangError) -> String?
}

extension ProgrammeStore {
    /// The sites whose division is `division`, in stage order.
    public func sites(at division: Division) async throws(JibangError) -> [Site] {
        ProgrammeRecord.ordered(try await sites().filter { $0.divisionID == division.id })
    }
}

extension ProgrammeStore {
    /// Imports entries that did not come from a file (the command line, one API request).
    public func importEntries(_ entries: [ProgrammeEntry], file: String) async throws(JibangError) -> ImportSummary {
        try await importEntries(entries, file: file, sha256: nil)
    }
}
