public import JibangCore

/// The date of an event from the words of its sentence and the article's publication day.
///
/// English: "on August 31", "August 24 and 25", "on the 10th"; Korean: "8월 31일", "10일",
/// "24일과 25일". A day or month later than the publication belongs to the year (or month)
/// before it. No date in the sentence: the event happened on or before the publication day.
public enum EventDate {
    static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]

    /// The date, and the words it was read from (nil when it comes from the publication day).
    public static func find(in sentence: String, published: Day) -> (date: MilestoneDate, words: String?) {
        if let found = english(sentence, published: published) ?? korean(sentence, published: published) { return found }
        return (.onOrBefore(published), nil)
    }

    static func english(_ text: String, published: Day) -> (MilestoneDate, String?)? {
        let words = Sentence.tokenize(text).map(\.text)
        for (i, word) in words.enumerated() {
            let lower = word.lowercased()
            if let month = months.firstIndex(of: lower).map({ $0 + 1 }), i + 1 < words.count, let day = ordinal(words[i + 1]) {
                // "August 24 and 25", "August 24-25"
                var end: Int?
                if i + 3 < words.count, words[i + 2] == "and" || words[i + 2] == "to", let second = ordinal(words[i + 3]), second > day {
                    end = second
                }
                return dated(
                    month: month, day: day, endDay: end, published: published,
                    words: ([word] + words[(i + 1)...(end == nil ? i + 1 : i + 3)]).joined(separator: " "))
            }
            if lower == "the", i + 1 < words.count, words[i + 1].count >= 3, let day = ordinal(words[i + 1]),
                words[i + 1].hasSuffix("th") || words[i + 1].hasSuffix("st") || words[i + 1].hasSuffix("nd") || words[i + 1].hasSuffix("rd"), i > 0,
                words[i - 1].lowercased() == "on"
            {
                let (year, month) = monthOf(day: day, published: published)
                guard let d = Day(year: year, month: month, day: day) else { return nil }
                return (.day(d), "on the \(words[i + 1])")
            }
        }
        return nil
    }

    static func korean(_ text: String, published: Day) -> (MilestoneDate, String?)? {
        let characters = Array(text)
        var i = 0
        while i < characters.count {
            guard characters[i].isNumber, i == 0 || !characters[i - 1].isNumber else {
                i += 1
                continue
            }
            var j = i
            var digits = ""
            while j < characters.count, characters[j].isNumber {
                digits.append(characters[j])
                j += 1
            }
            if j < characters.count, characters[j] == "월", let month = Int(digits), (1...12).contains(month) {
                // "8월 31일"
                var k = j + 1
                while k < characters.count, characters[k] == " " { k += 1 }
                var dayDigits = ""
                while k < characters.count, characters[k].isNumber {
                    dayDigits.append(characters[k])
                    k += 1
                }
                if let day = Int(dayDigits), k < characters.count, characters[k] == "일" {
                    return dated(month: month, day: day, endDay: nil, published: published, words: String(characters[i...k]))
                }
            } else if j < characters.count, characters[j] == "일", let day = Int(digits), (1...31).contains(day) {
                // "10일", "24일과 25일"
                var end: Int?
                var k = j + 1
                if k + 1 < characters.count, characters[k] == "과" || characters[k] == "와" || characters[k] == "~" {
                    k += 1
                    while k < characters.count, characters[k] == " " { k += 1 }
                    var more = ""
                    while k < characters.count, characters[k].isNumber {
                        more.append(characters[k])
                        k += 1
                    }
                    if let second = Int(more), k < characters.count, characters[k] == "일", second > day { end = second }
                }
                let (year, month) = monthOf(day: day, published: published)
                return dated(
                    month: month, day: day, endDay: end, published: published, words: String(characters[i...min(k, characters.count - 1)]),
                    fixedMonth: (year, month))
            }
            i = j
        }
        return nil
    }

    /// A day (or range) in `month`, in the publication's year unless that would be after it.
    static func dated(month: Int, day: Int, endDay: Int?, published: Day, words: String, fixedMonth: (Int, Int)? = nil) -> (MilestoneDate, String?)? {
        var year = fixedMonth?.0 ?? published.year
        let m = fixedMonth?.1 ?? month
        if fixedMonth == nil, let candidate = Day(year: year, month: m, day: day), candidate > published { year -= 1 }
        guard let start = Day(year: year, month: m, day: day) else { return nil }
        if let endDay, let end = Day(year: year, month: m, day: endDay) { return (.range(start, end), words) }
        return (.day(start), words)
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
