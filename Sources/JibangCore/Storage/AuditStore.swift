public import JibangBase

/// The audit trail: every write the store makes is recorded in the same transaction, under
/// `AuditActor.current`. Read newest first.
public protocol AuditStore: Sendable {
    /// Entries newest first, at or after `since` (an ISO day or time), of one entity kind and id when given.
    func auditEntries(since: String?, entity: String?, entityID: String?, limit: Int) async throws(JibangError) -> [AuditEntry]
}
