public import JibangCore

/// The date of an event from the words of its sentence and the article's publication day: the
/// date expressions `DateMentions` finds, less the report's own day, the one nearest the place.
///
/// English: "on August 31", "August 24 and 25", "on the 10th", "on Tuesday", "the previous
/// day"; Korean: "8월 31일", "10일", "24일과 25일", "어제(15일)", "지난달 28일", "이튿날". A day
/// or month later than the publication belongs to the month (or year) before it. No date of the
/// event: it happened on or before the report's day.
public enum EventDate {
    /// The date of the event a sentence reports, and the words it was read from (nil when it
    /// comes from the report's or the publication's day). `near` (a character offset, e.g. of
    /// the place) picks, among the event's dates, the nearest one before it, else after it. The
    /// report's own day is never the event's: with no other date, the event happened on or
    /// before it.
    public static func find(
        in sentence: String, published: Day, near offset: Int? = nil, excluding reserved: [DateMention] = []
    )
        -> (date: MilestoneDate, words: String?)
    {
        let mentions = DateMentions.find(in: sentence, published: published)
        return choose(mentions, published: published, near: offset, excluding: reserved)
    }

    /// The choice `find` makes among already found mentions.
    static func choose(
        _ mentions: [DateMention], published: Day, near offset: Int?, excluding reserved: [DateMention] = []
    )
        -> (date: MilestoneDate, words: String?)
    {
        let events = mentions.filter { !$0.isReport && !reserved.contains($0) }
        if let offset {
            if let before = events.last(where: { $0.end <= offset }) { return (before.date, before.words) }
            if let after = events.first(where: { $0.start >= offset }) { return (after.date, after.words) }
        } else if let first = events.first {
            return (first.date, first.words)
        }
        let report = mentions.last { $0.isReport }?.date.exactDay.flatMap { $0 <= published ? $0 : nil }
        return (.onOrBefore(report ?? published), nil)
    }

    /// The month a bare day of the month ("the 10th", "10일") falls in: the publication's, or
    /// the one before when the day is later than the publication day.
    static func monthOf(day: Int, published: Day) -> (year: Int, month: Int) {
        guard day > published.day else { return (published.year, published.month) }
        return published.month == 1 ? (published.year - 1, 12) : (published.year, published.month - 1)
    }

    static func ordinal(_ word: String) -> Int? {
        var digits = word
        for suffix in ["st", "nd", "rd", "th"] where digits.hasSuffix(suffix) { digits.removeLast(2) }
        guard let n = Int(digits), (1...31).contains(n) else { return nil }
        return n
    }
}
