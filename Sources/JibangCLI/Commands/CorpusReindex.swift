import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangStore
import KoreanText

/// `jibang corpus reindex`: rebuilds segments written by older versions.
struct CorpusReindexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: "Rebuild index segments that are missing, damaged or written by older versions of Jibang, from the stored documents.",
        discussion: """
            Older segments still give the same counts; the current format checks long terms faster. Documents stored \
            by older versions are compressed on the way (each segment's documents in one transaction), and the store \
            file is compacted at the end. A store file copied \
            without its .corpus folder beside it, or a damaged segment file, is repaired the same way. \
            The documents are read from the store, so no input files are needed. Safe to interrupt: run it again to finish.
            """)

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let corpus = try await store.openCorpus()
            let outdated = try corpus.outdatedSegments()
            let terminal = Console.current.isTerminal
            if outdated.isEmpty {
                emit("every index segment is readable and in the current format; nothing to rebuild")
            } else {
                for (i, id) in outdated.enumerated() {
                    if terminal { Console.current.writeError("\rrebuilding segment \(i + 1) of \(outdated.count)…") }
                    try corpus.reindex(segment: id)
                }
                if terminal { Console.current.writeError("\r\u{1B}[K") }
                emit("rebuilt \(outdated.count) index segment(s) from the stored documents, in the current format")
            }
            // Compacts after a conversion, and after one whose compaction was interrupted or
            // refused (the free space is still there): when at least a tenth of the file is free.
            let stats = try corpus.stats()
            let free = try corpus.reclaimableBytes()
            guard free > 0, !outdated.isEmpty || free * 10 >= stats.storeBytes - stats.segmentBytes else { return }
            if terminal { Console.current.writeError("compacting the store file…") }
            do {
                try corpus.compact()
                if terminal { Console.current.writeError("\r\u{1B}[K") }
                let after = try corpus.stats().storeBytes
                emit(String(format: "compacted the store: %.1f MB → %.1f MB", Double(stats.storeBytes) / 1_048_576, Double(after) / 1_048_576))
            } catch {
                if terminal { Console.current.writeError("\r\u{1B}[K") }
                emit(
                    "the store was not compacted (\((error as? JibangError)?.message ?? "\(error)")); the freed space is reused by later ingests, or run `jibang corpus reindex` again while nothing else has the store open"
                )
            }
        }
    }
}
