public import JibangBase

/// What seeding a store loaded.
public struct SeedResult: Sendable, Equatable {
    /// Divisions loaded (0 when they already were).
    public var divisions = 0
    public init() {}
    /// The bundled programme's import summary, when it was loaded now.
    public var programme: ImportSummary?
    /// What a newer bundled record added to a store seeded from an older one.
    public var update: BundledUpdate?
}

/// A store that can be seeded with the bundled gazetteer, stages and programme record.
public protocol SeedableStore: ProgrammeStore {
    /// Whether the gazetteer and stages are loaded, and how the bundled programme record was
    /// handled ("20x10-sites.csv@<digest>", "skipped", or nil).
    func seedState() async throws(JibangError) -> (referenceLoaded: Bool, programme: String?)

    /// Loads the gazetteer and the stages when missing and, when `programme` is true and the
    /// bundled record was never loaded (nor skipped), the bundled programme, audited as a seed
    /// with the file's `sha256`. One transaction; running it again changes nothing.
    func prepare(
        divisions: [Division], bundled: [ProgrammeEntry], bundleID: String, sha256: String, programme: Bool
    ) async throws(JibangError)
        -> SeedResult
}

/// Seeding, the same for every engine: on first use the gazetteer and stages always, the
/// bundled programme record unless `empty`; later, what a newer bundled record adds.
public enum StoreSeeding {
    /// How a store names the bundled record it was seeded from: the file and a short, stable
    /// digest of its text (64-bit FNV-1a, hex).
    public static func bundleID(of csv: String) -> String {
        "\(BundledData.programmeFile)@\(String(FNV1a.hash(csv.utf8), radix: 16))"
    }

    @discardableResult
    public static func prepare(_ store: some SeedableStore, empty: Bool = false) async throws(JibangError) -> SeedResult {
        let state = try await store.seedState()
        let csv = try BundledData.programmeCSV()
        let bundleID = Self.bundleID(of: csv)
        let sha256 = SHA256Hex.of(Array(csv.utf8))
        if state.referenceLoaded, let programme = state.programme {
            // A store seeded from an older bundled record takes what the newer one adds.
            guard programme != "skipped", programme != bundleID else { return SeedResult() }
            var result = SeedResult()
            result.update = try await store.applyBundled(try BundledProgramme.entries(), bundleID: bundleID, sha256: sha256, isBundle: true)
            return result
        }
        return try await store.prepare(
            divisions: try BundledData.gazetteer().divisions, bundled: empty ? [] : try BundledProgramme.entries(), bundleID: bundleID,
            sha256: sha256, programme: !empty)
    }
}
