/// When sources disagree on a date: both readings are kept, each with the sources that give it,
/// and the milestone shows the disagreement instead of silently picking one.
extension MilestoneDate {
    /// True when the two dates may name the same day: their spans meet (an open start, "on or
    /// before", meets any date up to its end).
    public func overlaps(_ other: MilestoneDate) -> Bool {
        (earliest.map { other.latest >= $0 } ?? true) && (other.earliest.map { $0 <= latest } ?? true)
    }
}

extension Milestone {
    /// One date the sources give for the event, with the sources that give it.
    public struct DateReading: Sendable, Hashable, Codable {
        public var date: MilestoneDate
        public var sources: [Source]

        enum CodingKeys: String, CodingKey { case date, sources }

        /// `{date, sources: [url]}`.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(date, forKey: .date)
            try c.encode(sources.map(\.url), forKey: .sources)
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            date = try c.decode(MilestoneDate.self, forKey: .date)
            sources = try c.decode([String].self, forKey: .sources).map { Source(url: $0) }
        }

        public init(date: MilestoneDate, sources: [Source]) {
            self.date = date
            self.sources = sources
        }
    }

    /// The live sources' readings when they disagree: the milestone's own date with the
    /// sources that give it first, then each other date a source gives (one that cannot be the
    /// same day) with its sources. Empty when the sources agree.
    public var dateReadings: [DateReading] {
        let live = sources.filter { $0.retraction == nil }
        func differs(_ source: Source) -> Bool { source.reading.map { !$0.overlaps(date) } ?? false }
        guard live.contains(where: differs) else { return [] }
        var readings = [DateReading(date: date, sources: live.filter { !differs($0) })]
        for source in live where differs(source) {
            let reading = source.reading!
            if let i = readings.firstIndex(where: { $0.date == reading }) {
                readings[i].sources.append(source)
            } else {
                readings.append(DateReading(date: reading, sources: [source]))
            }
        }
        return readings
    }

    /// True when its live sources give dates that cannot be the same day.
    public var datesDisagree: Bool { !dateReadings.isEmpty }

    /// True when no live source is state media or the press relaying it: the date rests on
    /// analysis, tables or later reporting only.
    public var restsOnSecondaryOnly: Bool { grade == .secondary }

    /// "2025-02-06 (KBS, onecorea.com) · 2025-02-08 (kcna.kp)": each reading with its outlets.
    public var disagreementText: String {
        dateReadings.map { reading in
            let outlets = reading.sources.map { $0.outlet ?? Source.host(of: $0.url) ?? $0.url }
            return "\(reading.date.humanDescription) (\(outlets.isEmpty ? "no source" : outlets.joined(separator: ", ")))"
        }.joined(separator: " · ")
    }
}
