import Foundation
import JibangBase
import KoreanText

/// A deterministic synthetic corpus: articles whose sentences are drawn from the real New
/// Year addresses (CC0), so term frequencies and their movement over the years are realistic.
///
/// Article i gets a date in 1995–2024 and an outlet (Rodong Sinmun, Minju Joson, KCNA) from a
/// SplitMix64 stream seeded with `seed`; its sentences come from the address of its year
/// (or of any year for 2020–2024, which the source lacks). Same inputs, same bytes.
struct SyntheticCorpus {
    let sentencesByYear: [Int: [String]]
    let allSentences: [String]
    static let outlets = ["Rodong Sinmun", "Minju Joson", "KCNA"]

    init(addressesJSONL path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BenchError("cannot read \(path); pass --source PATH to new-year-addresses.jsonl (in ../shared/data)")
        }
        var byYear: [Int: [String]] = [:]
        for line in text.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let body = object["body"] as? String, let date = object["date"] as? String, let year = Int(date.prefix(4))
            else { continue }
            let sentences = body.split(whereSeparator: { $0 == "." || $0 == "\n" || $0 == "!" })
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.count >= 12 }
            byYear[year, default: []] += sentences.map { $0 + "." }
        }
        sentencesByYear = byYear
        allSentences = byYear.keys.sorted().flatMap { byYear[$0]! }
    }

    /// Writes `count` articles as JSONL to `path`; returns the bytes written.
    func write(count: Int, seed: UInt64, to path: String) throws -> Int {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw BenchError("cannot write \(path)") }
        defer { try? handle.close() }
        var rng = SeededRandom(seed: seed)
        var buffer = Data()
        var written = 0
        let firstDay = Self.dayNumber(1995, 1, 1)
        let lastDay = Self.dayNumber(2024, 12, 31)
        for i in 0..<count {
            let day = firstDay + Int(rng.next() % UInt64(lastDay - firstDay + 1))
            let (y, m, d) = Self.civil(day)
            let outlet = Self.outlets[Int(rng.next() % 3)]
            let pool = sentencesByYear[y] ?? allSentences
            let sentences = 16 + Int(rng.next() % 13)
            var body = ""
            for _ in 0..<sentences { body += pool[Int(rng.next() % UInt64(pool.count))] + " " }
            let title = String(pool[Int(rng.next() % UInt64(pool.count))].prefix(40))
            let object: [String: Any] = [
                "id": "syn-\(i)", "outlet": outlet, "date": String(format: "%04d-%02d-%02d", y, m, d), "title": title, "language": "ko", "body": body,
            ]
            buffer.append(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
            buffer.append(0x0A)
            if buffer.count > 8 << 20 {
                handle.write(buffer)
                written += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        handle.write(buffer)
        return written + buffer.count
    }

    static func dayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int { PartialDate.dayNumber(year: year, month: month, day: day) }

    static func civil(_ day: Int) -> (Int, Int, Int) { PartialDate.civil(fromDayNumber: day) }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
