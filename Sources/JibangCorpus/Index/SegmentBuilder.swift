import KoreanText

/// Builds an immutable index segment: the documents' search texts and metadata, and a
/// posting list (ascending document numbers, delta-varint coded) for every Hangul syllable,
/// Hangul syllable pair and Latin word. The lists of rarer syllable pairs also keep, per
/// document, where the pair first occurs: verifying a longer term then starts there instead
/// of scanning the document from its start.
///
/// Adding a document notes, for each distinct key in it, the key's slot in one flat array;
/// `build()` turns those notes into posting lists with a counting sort. O(total text) with
/// one hash probe per syllable pair and no per-key allocation.
public final class SegmentBuilder {
    deinit {
        last.free()
        notes.free()
        notePositions.free()
    }

    var docs: [IndexedDocument] = []
    var outlets: [String] = []
    var outletIndex: [String: UInt16] = [:]
    /// Slots 0..<11172 are the Hangul syllables; pairs and words get slots from `table`.
    static let syllables = 11_172
    let table = KeyTable(firstSlot: SegmentBuilder.syllables)
    /// The last document number that noted each slot (dedups within a document).
    var last = GrowableBuffer<UInt32>(repeating: .max, count: SegmentBuilder.syllables)
    /// Every (document, slot) note, document by document: slots here, documents by `noteEnds`.
    var notes = GrowableBuffer<UInt32>(repeating: 0, count: 0)
    /// Where in its document's Hangul text each note's key first occurs.
    var notePositions = GrowableBuffer<UInt32>(repeating: 0, count: 0)
    var noteEnds: [Int] = []
    /// Syllable pairs in at most this share of the documents keep first positions. Rare pairs
    /// are the ones verification starts from; common ones would only grow the index.
    let positionsUpTo: Double

    public init(positionsUpTo: Double = 0.25) {
        self.positionsUpTo = positionsUpTo
    }

    public var count: Int { docs.count }

    /// Adds a document; it gets the next document number.
    public func add(_ document: IndexedDocument) {
        let number = UInt32(docs.count)
        if outletIndex[document.outlet] == nil {
            outletIndex[document.outlet] = UInt16(outlets.count)
            outlets.append(document.outlet)
        }
        document.text.hangul.withUnsafeBufferPointer { h in
            let n = h.count
            var i = 0
            while i < n {
                let s = h[i]
                if s != SearchText.separator {
                    note(Int(s) - 0xAC00, number, at: i)
                    if i + 1 < n, h[i + 1] != SearchText.separator {
                        note(table.slot(for: PostingKey.bigram(s, h[i + 1])), number, at: i)
                    }
                }
                i += 1
            }
        }
        document.text.latin.withUnsafeBufferPointer { l in
            var start = 0
            for i in 0..<l.count where l[i] == 0x20 {
                if i > start { note(table.slot(for: PostingKey.word(UnsafeBufferPointer(rebasing: l[start..<i]))), number, at: 0) }
                start = i + 1
            }
        }
        noteEnds.append(notes.count)
        docs.append(document)
    }

    @inline(__always)
    func note(_ slot: Int, _ number: UInt32, at position: Int) {
        if slot >= last.count { last.grow(to: slot + 1, filling: .max) }
        if last[slot] != number {
            last[slot] = number
            notes.append(UInt32(slot))
            notePositions.append(UInt32(truncatingIfNeeded: position))
        }
    }

    /// The segment's bytes (see `Segment` for the layout) and how many of them are the index
    /// proper (posting keys, offsets and lists). `format` 2 writes the previous layout (for
    /// side-by-side benchmarks and the tests of reading old stores).
    public func build(format: Int = Segment.currentFormatVersion) -> (bytes: [UInt8], indexBytes: Int) {
        let built = buildSegment(format: format)
        return (built.bytes, built.indexBytes)
    }

    /// The coded Hangul texts (format 3): symbols ranked by frequency, each document's code
    /// with its byte offsets, and every note's position turned from syllables into bytes.
    struct CodedTexts {
        var symbols: [UInt16] = []
        var rankOfSlot = [UInt16](repeating: HangulCode.absent, count: HangulCode.slots)
        var bytes: [UInt8] = []
        var offsets: [UInt32] = [0]
    }

    func codeTexts() -> CodedTexts {
        var coded = CodedTexts()
        var frequency = [Int](repeating: 0, count: HangulCode.slots)
        var total = 0
        for doc in docs {
            total += doc.text.hangul.count
            for symbol in doc.text.hangul { frequency[HangulCode.slot(symbol)] += 1 }
        }
        let ranked = (0..<HangulCode.slots).filter { frequency[$0] > 0 }.sorted { (frequency[$0], $1) > (frequency[$1], $0) }
        for (rank, slot) in ranked.enumerated() {
            coded.symbols.append(HangulCode.symbol(slot: slot))
            coded.rankOfSlot[slot] = UInt16(rank)
        }
        coded.bytes.reserveCapacity(total + total / 4)
        var byteAt: [UInt32] = []
        var note = 0
        for (d, doc) in docs.enumerated() {
            let start = coded.bytes.count
            byteAt.removeAll(keepingCapacity: true)
            for symbol in doc.text.hangul {
                byteAt.append(UInt32(coded.bytes.count - start))
                HangulCode.append(rank: Int(coded.rankOfSlot[HangulCode.slot(symbol)]), to: &coded.bytes)
            }
            byteAt.append(UInt32(coded.bytes.count - start))
            coded.offsets.append(UInt32(coded.bytes.count))
            while note < noteEnds[d] {
                notePositions[note] = byteAt[min(Int(notePositions[note]), byteAt.count - 1)]
                note += 1
            }
        }
        return coded
    }

    /// The coded Latin texts (format 3): words ranked by frequency (told apart by their bytes,
    /// not only their keys' hashes), each document's code with its byte offsets, the words by
    /// rank, and the ranks in the words' byte order for looking a word up.
    struct CodedLatin {
        var bytes: [UInt8] = []
        var offsets: [UInt32] = [0]
        var words: [UInt8] = []
        var wordEnds: [UInt32] = []
        var byBytes: [UInt32] = []
    }

    func codeLatin() -> CodedLatin {
        var coded = CodedLatin()
        var idOfSlot = [Int32](repeating: -1, count: table.nextSlot)
        var arena: [UInt8] = []
        var starts: [Int] = []
        var frequency: [Int] = []
        var colliders: [[UInt8]: Int32] = [:]
        var tokens: [Int32] = []
        var tokenEnds: [Int] = []
        func newWord(_ word: UnsafeBufferPointer<UInt8>) -> Int32 {
            starts.append(arena.count)
            arena.append(contentsOf: word)
            frequency.append(0)
            return Int32(frequency.count - 1)
        }
        for doc in docs {
            doc.text.latin.withUnsafeBufferPointer { l in
                var start = 0
                for i in 0..<l.count where l[i] == 0x20 {
                    defer { start = i + 1 }
                    guard i > start else { continue }
                    let word = UnsafeBufferPointer(rebasing: l[start..<i])
                    let slot = table.slot(for: PostingKey.word(word))
                    if slot >= idOfSlot.count { idOfSlot += repeatElement(-1, count: slot + 1 - idOfSlot.count) }
                    var id = idOfSlot[slot]
                    if id < 0 {
                        id = newWord(word)
                        idOfSlot[slot] = id
                    } else {
                        let known = Int(id)
                        let end = known + 1 < starts.count ? starts[known + 1] : arena.count
                        if !arena[starts[known]..<end].elementsEqual(word) {
                            // Two words with one hash: the second gets its own code.
                            let bytes = Array(word)
                            if let other = colliders[bytes] {
                                id = other
                            } else {
                                id = newWord(word)
                                colliders[bytes] = id
                            }
                        }
                    }
                    frequency[Int(id)] += 1
                    tokens.append(id)
                }
            }
            tokenEnds.append(tokens.count)
        }
        func word(_ id: Int) -> ArraySlice<UInt8> { arena[starts[id]..<(id + 1 < starts.count ? starts[id + 1] : arena.count)] }
        let ranked = frequency.indices.sorted { (frequency[$0], $1) > (frequency[$1], $0) }
        var rankOf = [Int](repeating: 0, count: ranked.count)
        for (rank, id) in ranked.enumerated() {
            rankOf[id] = rank
            coded.words += word(id)
            coded.wordEnds.append(UInt32(coded.words.count))
        }
        coded.byBytes = (0..<ranked.count).sorted { word(ranked[$0]).lexicographicallyPrecedes(word(ranked[$1])) }.map(UInt32.init)
        coded.bytes.reserveCapacity(tokens.count * 2)
        var t = 0
        for end in tokenEnds {
            while t < end {
                LatinCode.append(rank: rankOf[Int(tokens[t])], to: &coded.bytes)
                t += 1
            }
            coded.offsets.append(UInt32(coded.bytes.count))
        }
        return coded
    }

    /// The segment, with where its row ids lie so they can be filled in later (see
    /// `BuiltSegment`): ingest builds segments while reading, before rows have ids.
    /// Building format 3 turns the notes' positions into bytes: build a builder once.
    public func buildSegment(format: Int = Segment.currentFormatVersion) -> BuiltSegment {
        let coded = format >= 3 ? codeTexts() : nil
        let slotCount = max(last.count, table.nextSlot)
        // Counting sort of the notes by slot; documents stay ascending within a slot.
        var starts = [Int](repeating: 0, count: slotCount + 1)
        for i in 0..<notes.count { starts[Int(notes[i]) + 1] += 1 }
        for slot in 0..<slotCount { starts[slot + 1] += starts[slot] }
        var fill = starts
        var sorted = [UInt32](repeating: 0, count: notes.count)
        var sortedPositions = [UInt32](repeating: 0, count: notes.count)
        var doc = 0
        for i in 0..<notes.count {
            while i >= noteEnds[doc] { doc += 1 }
            let slot = Int(notes[i])
            sorted[fill[slot]] = UInt32(doc)
            sortedPositions[fill[slot]] = notePositions[i]
            fill[slot] += 1
        }
        var keyOfSlot = [UInt64](repeating: 0, count: slotCount)
        for u in 0..<Self.syllables { keyOfSlot[u] = PostingKey.unigram(UInt16(u + 0xAC00)) }
        for (key, slot) in table.entries() { keyOfSlot[slot] = key }
        let used = (0..<slotCount).filter { starts[$0 + 1] > starts[$0] }.sorted { keyOfSlot[$0] < keyOfSlot[$1] }
        var postings: [UInt8] = []
        var offsets: [UInt32] = [0]
        var positional = [UInt8](repeating: 0, count: (used.count + 7) / 8)
        var bitmaps = [UInt8](repeating: 0, count: (used.count + 7) / 8)
        let bitmapBytes = (docs.count + 7) / 8
        let positionLimit = Int(Double(docs.count) * positionsUpTo)
        postings.reserveCapacity(notes.count * 2)
        for (k, slot) in used.enumerated() {
            let range = starts[slot]..<starts[slot + 1]
            let listStart = postings.count
            if PostingKey.isBigram(keyOfSlot[slot]) && range.count <= positionLimit {
                positional[k / 8] |= 1 << (k % 8)
                PostingCoding.append(sorted[range], positions: sortedPositions[range], to: &postings)
            } else {
                PostingCoding.append(sorted[range], to: &postings)
                if format >= 3 && postings.count - listStart > bitmapBytes {
                    // Dense: a bit per document is smaller than the varints.
                    postings.removeSubrange(listStart...)
                    postings.append(contentsOf: repeatElement(0, count: bitmapBytes))
                    for doc in sorted[range] { postings[listStart + Int(doc) / 8] |= 1 << (doc % 8) }
                    bitmaps[k / 8] |= 1 << (k % 8)
                }
            }
            offsets.append(UInt32(postings.count))
        }
        let keys = used.map { keyOfSlot[$0] }
        var writer = SegmentWriter(version: format >= 3 ? 3 : 2)
        writer.header(docCount: docs.count, outlets: outlets)
        writer.section(docs.map(\.rowID))
        writer.section(docs.map(\.day))
        writer.section(docs.map(\.precision))
        writer.section(docs.map { outletIndex[$0.outlet]! })
        let codedLatin = format >= 3 ? codeLatin() : nil
        var latinOffsets: [UInt32] = [0]
        var latin: [UInt8] = []
        if let codedLatin {
            latinOffsets = codedLatin.offsets
            latin = codedLatin.bytes
        } else {
            latin.reserveCapacity(docs.reduce(0) { $0 + $1.text.latin.count })
            for doc in docs {
                latin.append(contentsOf: doc.text.latin)
                latinOffsets.append(UInt32(latin.count))
            }
        }
        if let coded {
            writer.section(coded.offsets)
            writer.section(coded.bytes)
        } else {
            var hangulOffsets: [UInt32] = [0]
            var hangul: [UInt16] = []
            hangul.reserveCapacity(docs.reduce(0) { $0 + $1.text.hangul.count })
            for doc in docs {
                hangul.append(contentsOf: doc.text.hangul)
                hangulOffsets.append(UInt32(hangul.count))
            }
            writer.section(hangulOffsets)
            writer.section(hangul)
        }
        writer.section(latinOffsets)
        writer.section(latin)
        writer.section(keys)
        writer.section(offsets)
        writer.section(postings)
        writer.section(positional)
        var indexBytes = keys.count * 8 + offsets.count * 4 + postings.count + positional.count
        if let coded {
            writer.section(bitmaps)
            indexBytes += bitmaps.count
            writer.section(coded.symbols)
        }
        if let codedLatin {
            writer.section(codedLatin.words)
            writer.section(codedLatin.wordEnds)
            writer.section(codedLatin.byBytes)
        }
        let rowIDsOffset = Int(writer.sectionOffsets[0])
        return BuiltSegment(bytes: writer.finish(), indexBytes: indexBytes, rowIDsOffset: rowIDsOffset, count: docs.count)
    }
}
