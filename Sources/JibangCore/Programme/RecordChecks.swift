import Foundation
public import JibangBase

/// Checks of new milestones against the stored record, so that what a dry run, `add` and the
/// API accept is what the store keeps: duplicates of stored milestones, dates that cannot
/// have happened yet, and a vaguer date that likely repeats a day already recorded.
public enum RecordChecks {
    /// One `duplicate` error per entry that repeats a stored milestone (same stage, place,
    /// kind and date), at the entry's origin: what the import would refuse.
    public static func duplicates(_ entries: [ProgrammeEntry], in sites: [Site]) -> [JibangError] {
        var stored: [MilestoneIdentity: Int64] = [:]
        for site in sites {
            for milestone in site.milestones {
                stored[MilestoneIdentity(stageID: site.stageID, divisionID: site.divisionID, kind: milestone.kind, date: milestone.date)] =
                    milestone.id ?? 0
            }
        }
        return entries.compactMap { entry in
            stored[entry.identity].map {
                .duplicate(entry.origin, "\(entry.identity) is already in the store (milestone #\($0)); remove the row or import into an empty store")
            }
        }
    }

    /// Checks one milestone added by hand and returns warnings to show. Throws `invalid_input`
    /// (hint: the `status` field) for a date after `today` unless the milestone is planned (a
    /// claimed or confirmed milestone records what has happened), and `duplicate` (hint: the
    /// `allow_overlap` field) for a month, year or range that contains a milestone of the same
    /// kind already recorded to the day at the same site, unless `allowOverlap`. Warns when an
    /// inauguration is dated before the site's groundbreaking, and when a planned date has passed.
    public static func addition(_ entry: ProgrammeEntry, in sites: [Site], today: Day, allowOverlap: Bool) throws(JibangError) -> [String] {
        let milestone = entry.milestone
        var warnings: [String] = []
        if milestone.status == .planned {
            if milestone.date.latest < today {
                warnings.append(
                    "the planned date \(milestone.date) has passed (today is \(today)); if the event was reported, record it as claimed")
            }
        } else if let earliest = milestone.date.earliest, earliest > today {
            throw JibangError(
                .invalidInput,
                "the date \(milestone.date) is after today (\(today)): a milestone records what has happened; "
                    + "record an announced event as planned, or add it once it is reported",
                location: entry.origin, hint: .init(field: "status", suggestion: "planned"))
        }
        let site = sites.first { $0.stageID == entry.stageID && $0.divisionID == entry.divisionID }
        if !allowOverlap, milestone.date.precision != .day, let site {
            let within = site.milestones.filter { other in
                other.kind == milestone.kind && other.date.precision == .day && other.date.latest <= milestone.date.latest
                    && (milestone.date.earliest.map { other.date.latest >= $0 } ?? true)
            }
            if let other = within.first {
                throw JibangError(
                    .duplicate,
                    "\(milestone.kind.rawValue) \(milestone.date) contains milestone #\(other.id ?? 0) of \(other.date) at the same site: "
                        + "likely the same event; add a source to it instead, or confirm that this is another event",
                    location: entry.origin, hint: .init(field: "allow_overlap", suggestion: "true"))
            }
        }
        if milestone.kind == .inauguration, milestone.hasHappened, let site,
            let groundbreaking = site.happened.filter({ $0.kind == .groundbreaking }).compactMap(\.date.earliest).min(),
            milestone.date.latest < groundbreaking
        {
            warnings.append("the inauguration (\(milestone.date)) is dated before the site's groundbreaking (\(groundbreaking)); check both dates")
        }
        return warnings
    }

    /// Today in UTC, for `addition`.
    public static var today: Day {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)!
    }
}
