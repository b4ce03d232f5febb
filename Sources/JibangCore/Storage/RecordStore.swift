/// Everything Jibang keeps besides the corpus: the programme record, the evidence review
/// queue's records, indicators and API tokens. The CLI and the server hold this, never a
/// concrete store: SQLite now, PostgreSQL later.
public typealias RecordStore = ProgrammeStore & CandidateRecordStore & IndicatorStore & TokenStore & SessionStore & AuditStore & ReleaseStore
