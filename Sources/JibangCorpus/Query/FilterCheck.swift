public import JibangBase
import KoreanText

/// Checks a query's filters against the corpus before anything is counted, so a filter that
/// can match nothing is an error rather than an empty answer: an outlet must be one the
/// corpus has (matched without regard to case, and given back as the corpus spells it), and a
/// date range must not end before it starts. A filter that matches documents but finds no
/// term is still a valid answer (all zeros).
public enum FilterCheck {
    /// The outlets of `segments`, sorted.
    public static func outlets(in segments: [Segment]) -> [String] {
        Array(Set(segments.flatMap(\.outlets))).sorted()
    }

    /// `requested` as the corpus spells them. Throws `invalid_input` (hint: the `outlet`
    /// field, with the nearest name) for one the corpus does not have.
    public static func outlets(_ requested: [String], in segments: [Segment]) throws(JibangError) -> [String] {
        guard !requested.isEmpty else { return [] }
        let known = outlets(in: segments)
        return try requested.map { name throws(JibangError) in
            if let match = known.first(where: { $0.lowercased() == name.lowercased() }) { return match }
            let nearest = known.min { editDistance($0.lowercased(), name.lowercased()) < editDistance($1.lowercased(), name.lowercased()) }
            let listing = known.isEmpty ? "the corpus has no documents yet" : "the corpus has: \(known.joined(separator: "; "))"
            throw JibangError(
                .invalidInput, "no outlet \"\(name)\" in the corpus; \(listing)", subject: name, location: nil,
                hint: nearest.map { JibangError.Hint(field: "outlet", suggestion: $0) }, alternatives: known)
        }
    }

    /// The outlets of a comparison with one outlet per series: `a` for the first series (all
    /// outlets when nil) and `b` for the second (nil: the same as the first), each as the
    /// corpus spells it. What `compare --outlet-a/--outlet-b` and the API's `outlet_a`/`outlet_b` mean.
    public static func seriesOutlets(a: String?, b: String?, in segments: [Segment]) throws(JibangError) -> (outlet: String, outletB: String?) {
        let first = try a.map { name throws(JibangError) in try outlets([name], in: segments)[0] }
        let second = try b.map { name throws(JibangError) in try outlets([name], in: segments)[0] }
        return (first ?? "all", second ?? (first == nil ? nil : "all"))
    }

    /// Throws `invalid_input` (hint: the `from` field) when the range ends before it starts.
    public static func range(from: Int?, to: Int?) throws(JibangError) {
        guard let from, let to, from > to else { return }
        throw JibangError(
            .invalidInput,
            "the date range ends (\(PartialDate.iso(dayNumber: to))) before it starts (\(PartialDate.iso(dayNumber: from))); give the earlier date first",
            hint: JibangError.Hint(field: "from", suggestion: PartialDate.iso(dayNumber: to)))
    }
}

extension TermGroup {
    /// The group with its outlets as the corpus spells them; throws for a filter that can match nothing.
    public func checked(against segments: [Segment]) throws(JibangError) -> TermGroup {
        var group = self
        group.outlets = try FilterCheck.outlets(outlets, in: segments)
        try FilterCheck.range(from: from, to: to)
        return group
    }
}

extension TrendQuery {
    /// The query and its groups with outlets as the corpus spells them; throws for a filter
    /// that can match nothing.
    public func checked(against segments: [Segment]) throws(JibangError) -> TrendQuery {
        var query = self
        query.outlets = try FilterCheck.outlets(outlets, in: segments)
        try FilterCheck.range(from: from, to: to)
        query.groups = try groups.map { group throws(JibangError) in try group.checked(against: segments) }
        return query
    }
}
