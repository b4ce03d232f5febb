import Foundation
import JibangCSV
import KoreanText

#if canImport(Glibc)
import Glibc
#endif

/// The input formats Jibang reads a corpus from; each yields the same `Document`s and
/// reports bad records with file, line and reason.
public enum CorpusFormat: String, Sendable, CaseIterable {
    /// One JSON object per line (field names configurable).
    case jsonl
    /// CSV with a header row naming the fields.
    case csv
    /// A folder of .txt files, metadata from `metadata.csv` beside them or a file-name pattern.
    case txt
    /// The raw KCNA scraper format: a JSON array of {topic, headline, link, date (epoch ms),
    /// story_text, date_str}.
    case kcna

    /// The format a path implies: a folder → txt, .csv → csv, .json → kcna, else jsonl.
    public static func inferred(from path: String) -> CorpusFormat {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { return .txt }
        switch (path as NSString).pathExtension.lowercased() {
        case "csv": return .csv
        case "json": return .kcna
        default: return .jsonl
        }
    }
}

/// Reads one input, streaming records to `emit` and bytes read to `progress`.
public enum CorpusReader {
    /// Reads `path` in `format`. Throws only what `emit` throws; every input problem is
    /// emitted as a `.problem` record.
    public static func read(
        _ path: String, format: CorpusFormat, options: ReadOptions,
        progress: (Int) -> Void = { _ in }, emit: (ReadRecord) throws -> Void
    ) throws {
        let file = (path as NSString).lastPathComponent
        if format != .txt, let problem = binaryCheck(path, file: file) {
            try emit(.problem(problem))
            return
        }
        switch format {
        case .jsonl: try readJSONL(path, file: file, options: options, progress: progress, emit: emit)
        case .csv: try readCSV(path, file: file, options: options, progress: progress, emit: emit)
        case .kcna: try readKCNA(path, file: file, options: options, progress: progress, emit: emit)
        case .txt: try readFolder(path, options: options, progress: progress, emit: emit)
        }
    }

    /// The input's size in bytes (for progress and MB/s); a folder's .txt files summed.
    public static func size(of path: String) -> Int {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return 0 }
        if !isFolder.boolValue { return (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }
        return textFiles(in: path).reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
    }

    static func binaryCheck(_ path: String, file: String) -> ReadProblem? {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return ReadProblem(file: file, line: nil, kind: .unreadable, detail: "cannot open \(path)")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 8192)) ?? Data()
        let control = controlBytes(in: head)
        // Only a file that is mostly not text is binary (compressed, UTF-16, a database); a stray
        // NUL in one line is that line's problem, found when the line is read.
        if !head.isEmpty, control * 10 > head.count {
            return ReadProblem(
                file: file, line: nil, kind: .binaryFile,
                detail: "\(control * 100 / head.count) % of its first \(head.count) bytes are control bytes such as NUL; "
                    + "expected UTF-8 text (JSONL, CSV or JSON). Is it compressed, or saved as UTF-16?")
        }
        return nil
    }

    /// Bytes no UTF-8 text file has: C0 controls other than tab, line breaks, form feed and escape.
    static func controlBytes(in data: Data) -> Int {
        data.reduce(0) { count, byte in
            count + (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C && byte != 0x1B ? 1 : 0)
        }
    }

    // MARK: - JSONL

    static func readJSONL(_ path: String, file: String, options: ReadOptions, progress: (Int) -> Void, emit: (ReadRecord) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            try emit(.problem(ReadProblem(file: file, line: nil, kind: .unreadable, detail: "cannot open \(path)")))
            return
        }
        defer { try? handle.close() }
        var carry = Data()
        var lineNumber = 0
        var consumed = 0
        while true {
            let chunk = (try? handle.read(upToCount: 8 << 20)) ?? Data()
            let atEnd = chunk.isEmpty
            var block = carry
            block.append(chunk)
            // Complete lines of the block; the tail waits for the next chunk (or is the last line).
            let lines: [Data] = block.withUnsafeBytes { raw in
                var lines: [Data] = []
                var start = 0
                while start < raw.count, let newline = memchr(raw.baseAddress! + start, 0x0A, raw.count - start) {
                    let end = UnsafeRawPointer(newline) - raw.baseAddress!
                    lines.append(Data(bytes: raw.baseAddress! + start, count: end - start))
                    start = end + 1
                }
                carry = start < raw.count ? Data(bytes: raw.baseAddress! + start, count: raw.count - start) : Data()
                return lines
            }
            for line in lines + (atEnd && !carry.isEmpty ? [carry] : []) {
                lineNumber += 1
                consumed += line.count + 1
                if let record = jsonlRecord(line, number: lineNumber, file: file, options: options) { try emit(record) }
            }
            progress(consumed)
            if atEnd { break }
        }
    }

    /// One JSONL line as a document or a problem; blank lines give nothing.
    static func jsonlRecord(_ line: Data, number: Int, file: String, options: ReadOptions) -> ReadRecord? {
        // memchr: Data's generic firstIndex(of:) cost 5 % of an ingest.
        let nul: Int? = line.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, let found = memchr(base, 0, raw.count) else { return nil }
            return UnsafeRawPointer(found) - base
        }
        if let nul {
            return .problem(
                ReadProblem(
                    file: file, line: number, kind: .malformed,
                    detail: "a NUL byte at byte \(nul + 1) of the line; expected text (the rest of the file is read)"))
        }
        if let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] {
            return options.document(from: stringFields(object), file: file, line: number)
        }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { return nil }
        if String(validating: line, as: UTF8.self) == nil {
            return .problem(
                ReadProblem(file: file, line: number, kind: .invalidUTF8, detail: "the line is not valid UTF-8; re-save the file as UTF-8"))
        }
        return .problem(ReadProblem(file: file, line: number, kind: .malformed, detail: "not a JSON object; expected one {…} per line"))
    }

    // MARK: - CSV

    static func readCSV(_ path: String, file: String, options: ReadOptions, progress: (Int) -> Void, emit: (ReadRecord) throws -> Void) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            try emit(.problem(ReadProblem(file: file, line: nil, kind: .unreadable, detail: "cannot open \(path)")))
            return
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            try emit(.problem(ReadProblem(file: file, line: nil, kind: .invalidUTF8, detail: "the file is not valid UTF-8; re-save it as UTF-8")))
            return
        }
        let table: CSVTable
        do { table = try CSVTable(parsing: text) } catch {
            try emit(.problem(ReadProblem(file: file, line: error.line, kind: .malformed, detail: error.reason)))
            return
        }
        for row in table.rows {
            if let column = row.fields.firstIndex(where: { $0.unicodeScalars.contains("\u{0}") }) {
                try emit(
                    .problem(
                        ReadProblem(
                            file: file, line: row.line, kind: .malformed,
                            detail: "a NUL byte in field \(column + 1) (\(table.header[column])); expected text")))
                continue
            }
            try emit(options.document(from: Dictionary(zip(table.header, row.fields), uniquingKeysWith: { a, _ in a }), file: file, line: row.line))
        }
        progress(data.count)
    }

    // MARK: - KCNA scraper JSON

    static func readKCNA(_ path: String, file: String, options: ReadOptions, progress: (Int) -> Void, emit: (ReadRecord) throws -> Void) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            try emit(.problem(ReadProblem(file: file, line: nil, kind: .unreadable, detail: "cannot open \(path)")))
            return
        }
        // The whole array at once when it is well formed (fast); otherwise item by item, so an
        // array cut off mid-way still gives its complete items and the cut is reported.
        var items: [Any?]
        var cut: JSONArrayItems.Cut?
        if let whole = (try? JSONSerialization.jsonObject(with: data)) as? [Any] {
            items = whole
        } else if let split = JSONArrayItems(data) {
            items = split.items.map { try? JSONSerialization.jsonObject(with: data[$0], options: [.fragmentsAllowed]) }
            cut = split.cut
        } else {
            try emit(
                .problem(
                    ReadProblem(
                        file: file, line: nil, kind: .malformed,
                        detail: "not a JSON array; expected the KCNA scraper's [{topic, headline, link, date, story_text, date_str}, …]")))
            return
        }
        var kcna = options
        kcna.idField = "link"
        kcna.titleField = "headline"
        kcna.bodyField = "story_text"
        kcna.urlField = "link"
        kcna.outlet = options.outlet ?? "KCNA"
        kcna.language = options.language ?? "en"
        for (index, item) in items.enumerated() {
            guard let item else {
                try emit(.problem(ReadProblem(file: file, line: index + 1, kind: .malformed, detail: "item \(index + 1) is not valid JSON")))
                continue
            }
            guard let object = item as? [String: Any] else {
                try emit(.problem(ReadProblem(file: file, line: index + 1, kind: .malformed, detail: "item \(index + 1) is not an object")))
                continue
            }
            var fields = stringFields(object)
            // The epoch-millisecond date is midnight UTC of the KST publication day; date_str agrees.
            if (fields["date"] ?? "").isEmpty, let day = fields["date_str"] { fields["date"] = day }
            fields["url"] = fields["link"]
            var record = kcna.document(from: fields, file: file, line: index + 1)
            if case .document(var document, let line) = record {
                document.metadata.removeValue(forKey: "date_str")
                document.metadata.removeValue(forKey: "url")
                record = .document(document, line: line)
            }
            try emit(record)
        }
        if let cut {
            try emit(
                .problem(
                    ReadProblem(
                        file: file, line: items.count + 1, kind: .malformed,
                        detail: "the array is cut off at byte \(cut.offset) of \(data.count) (\(cut.reason)); "
                            + "the \(items.count) complete item(s) before it were read. An interrupted download? Fetch the file again")))
        }
        progress(data.count)
    }

    // MARK: - Folder of .txt files

    static func textFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.lowercased().hasSuffix(".txt") }.sorted().map { folder + "/" + $0 }
    }

    static func readFolder(_ folder: String, options: ReadOptions, progress: (Int) -> Void, emit: (ReadRecord) throws -> Void) throws {
        let sidecarPath = folder + "/metadata.csv"
        var sidecar: [String: [String: String]] = [:]
        if let text = try? String(contentsOfFile: sidecarPath, encoding: .utf8) {
            do {
                let table = try CSVTable(parsing: text)
                guard let fileColumn = table.column("file") else {
                    try emit(
                        .problem(
                            ReadProblem(
                                file: "metadata.csv", line: 1, kind: .malformed,
                                detail: "no \"file\" column; expected file,date,outlet,… naming each .txt file")))
                    return
                }
                for row in table.rows { sidecar[row.fields[fileColumn]] = Dictionary(zip(table.header, row.fields), uniquingKeysWith: { a, _ in a }) }
            } catch let error as CSVError {
                try emit(.problem(ReadProblem(file: "metadata.csv", line: error.line, kind: .malformed, detail: error.reason)))
                return
            }
        }
        let pattern = options.fileNamePattern.map(FileNamePattern.init)
        var bytes = 0
        for path in textFiles(in: folder) {
            let name = (path as NSString).lastPathComponent
            guard let data = FileManager.default.contents(atPath: path) else {
                try emit(.problem(ReadProblem(file: name, line: nil, kind: .unreadable, detail: "cannot read \(path)")))
                continue
            }
            bytes += data.count
            defer { progress(bytes) }
            if data.prefix(8192).contains(0) {
                try emit(.problem(ReadProblem(file: name, line: nil, kind: .binaryFile, detail: "the file contains NUL bytes; expected UTF-8 text")))
                continue
            }
            guard let body = String(validating: data, as: UTF8.self) else {
                try emit(.problem(ReadProblem(file: name, line: nil, kind: .invalidUTF8, detail: "not valid UTF-8; re-save it as UTF-8")))
                continue
            }
            var fields = sidecar[name] ?? pattern?.fields(in: name) ?? [:]
            fields[options.bodyField] = body
            if fields[options.idField] == nil { fields[options.idField] = (name as NSString).deletingPathExtension }
            try emit(options.document(from: fields, file: name, line: 1))
        }
    }
}

/// A file-name pattern such as `{outlet}_{date}_{id}.txt`: placeholders become fields.
struct FileNamePattern {
    let names: [String]
    let regex: Regex<AnyRegexOutput>?

    init(_ pattern: String) {
        var names: [String] = []
        var source = "^"
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            source += NSRegularExpression.escapedPattern(for: String(rest[..<open]))
            names.append(String(rest[rest.index(after: open)..<close]))
            source += "(.+?)"
            rest = rest[rest.index(after: close)...]
        }
        source += NSRegularExpression.escapedPattern(for: String(rest)) + "$"
        self.names = names
        self.regex = try? Regex(source)
    }

    func fields(in fileName: String) -> [String: String]? {
        guard let regex, let match = try? regex.wholeMatch(in: fileName) else { return nil }
        var fields: [String: String] = [:]
        for (i, name) in names.enumerated() where i + 1 < match.output.count {
            fields[name] = match.output[i + 1].substring.map(String.init)
        }
        return fields
    }
}
