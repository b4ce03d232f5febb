import Foundation
import JibangBase

/// What storing one batch did.
public struct BatchResult: Sendable, Equatable {
    public var stored = 0
    /// Already in the store from an earlier run (a resumed ingest skips these).
    public var alreadyStored = 0
    /// Repeated within the input (same id, or same outlet, date and text).
    public var duplicates = 0
    /// Stored as a new version of a document already known by its id (its text was edited).
    public var newVersions = 0
    public var textBytes = 0
    public init() {}
}

/// One file's ingest, as reported at the end and kept for `corpus stats`.
public struct IngestSummary: Sendable, Codable, Equatable {
    public var file: String
    public var ingested = 0
    public var alreadyStored = 0
    public var duplicates = 0
    /// New versions of documents already stored (edited texts under a known id).
    public var newVersions = 0
    /// Documents a snapshot ingest found withdrawn from their source's listing.
    public var withdrawn = 0
    public var skipped = 0
    public var skippedByReason: [String: Int] = [:]
    public init(file: String) { self.file = file }

    /// `skippedByReason` as the stores keep it: JSON with sorted keys.
    public var skippedByReasonJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(skippedByReason)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Reads `skippedByReasonJSON` back (an unreadable text: none).
    public static func skippedByReason(json: String) -> [String: Int] {
        (try? JSONDecoder().decode([String: Int].self, from: Data(json.utf8))) ?? [:]
    }
}

/// How many documents of one first day, date precision, outlet and language the corpus holds:
/// what the per-period language mix is computed from.
public struct LanguageTally: Sendable, Equatable {
    /// Days since 1970-01-01 of the first day the date covers.
    public let day: Int
    /// 0 day, 1 month, 2 year, as in the index.
    public let precision: UInt8
    public let outlet: String
    /// nil when the documents name no language.
    public let language: String?
    public let documents: Int

    public init(day: Int, precision: UInt8, outlet: String, language: String?, documents: Int) {
        self.day = day
        self.precision = precision
        self.outlet = outlet
        self.language = language
        self.documents = documents
    }
}

/// What the corpus holds.
public struct CorpusStats: Sendable, Codable, Equatable {
    public struct Count: Sendable, Codable, Equatable {
        public let outlet: String
        public let year: String
        public let documents: Int

        public init(outlet: String, year: String, documents: Int) {
            self.outlet = outlet
            self.year = year
            self.documents = documents
        }
    }

    public struct Language: Sendable, Codable, Equatable {
        public let language: String
        public let documents: Int

        public init(language: String, documents: Int) {
            self.language = language
            self.documents = documents
        }
    }

    public let documents: Int
    public let byOutletYear: [Count]
    public let languages: [Language]
    public let duplicatesSkipped: Int
    public let badRecordsSkipped: Int
    public let ingestRuns: Int
    public let segments: Int
    /// Segments in an older index format (`jibang corpus reindex` rebuilds them).
    public let outdatedSegments: Int
    /// UTF-8 bytes of the stored bodies.
    public let textBytes: Int
    /// Bytes of the posting lists (the index proper).
    public let indexBytes: Int
    /// Bytes of the segment files (index plus search texts).
    public let segmentBytes: Int
    /// Bytes of the stored document texts (packed; plain in rows stored before packing).
    public let documentBytes: Int
    /// Bytes of the segments' search texts and document tables: the segment files less the index.
    public let searchTextBytes: Int
    /// Bytes of the whole store on disk (database, its log, segment files).
    public let storeBytes: Int
    /// Bytes on disk that are neither document texts nor segments: titles, metadata, the
    /// programme record and the database's own structure.
    public var otherBytes: Int { max(storeBytes - documentBytes - segmentBytes, 0) }
    /// The whole store over the text it holds.
    public let storeRatio: Double
    /// Stored versions of all documents (each document has one or more).
    public let versions: Int
    /// Documents with more than one version (republished with edits).
    public let editedDocuments: Int

    public init(
        documents: Int, byOutletYear: [Count], languages: [Language], duplicatesSkipped: Int, badRecordsSkipped: Int, ingestRuns: Int,
        segments: Int, outdatedSegments: Int, textBytes: Int, indexBytes: Int, segmentBytes: Int, documentBytes: Int = 0, storeBytes: Int = 0,
        versions: Int? = nil, editedDocuments: Int = 0
    ) {
        self.versions = versions ?? documents
        self.editedDocuments = editedDocuments
        self.documentBytes = documentBytes
        self.searchTextBytes = segmentBytes - indexBytes
        self.storeBytes = storeBytes
        self.storeRatio = textBytes == 0 ? 0 : (Double(storeBytes) / Double(textBytes) * 1000).rounded() / 1000
        self.documents = documents
        self.byOutletYear = byOutletYear
        self.languages = languages
        self.duplicatesSkipped = duplicatesSkipped
        self.badRecordsSkipped = badRecordsSkipped
        self.ingestRuns = ingestRuns
        self.segments = segments
        self.outdatedSegments = outdatedSegments
        self.textBytes = textBytes
        self.indexBytes = indexBytes
        self.segmentBytes = segmentBytes
    }
}

/// A keyword-in-context line with its document: what `jibang kwic` and `GET /api/v1/kwic` return.
public struct KWICHit: Sendable, Encodable, Equatable {
    public let documentId, date, outlet, title, left, match, right: String
    /// The version of the document the line was read from (1 unless it was republished with edits).
    public var version = 1
}

/// A stored article's whole text and identity, for readers that need more than counts.
public struct StoredArticle: Sendable, Equatable {
    public let documentID: String
    public let title: String
    public let body: String
    public let outlet: String
    /// The publication day, ISO (2024-08-31).
    public let published: String
    public let url: String?

    public init(documentID: String, title: String, body: String, outlet: String, published: String, url: String?) {
        self.documentID = documentID
        self.title = title
        self.body = body
        self.outlet = outlet
        self.published = published
        self.url = url
    }
}
