import Foundation
public import JibangCore

/// A date expression in a sentence, resolved against the publication day.
public struct DateMention: Sendable, Equatable {
    /// Character offsets of the words in the sentence.
    public let start: Int
    public let end: Int
    public let date: MilestoneDate
    /// The words as written ("어제(15일)", "the previous day", "on Jan. 14").
    public let words: String
    /// True for the day of the report, not of the event: the day a verb of reporting carries
    /// ("조선중앙통신은 12일 … 보도했다", "state media said Wednesday").
    public let isReport: Bool
}

/// Finds the date expressions of a sentence, Korean and English, absolute and relative, and
/// tells the report's day from the event's. The words are data: `DateWords` lists them.
///
/// A day without a month takes the month that makes it the nearest day on or before the
/// publication; a month without a year, the nearest such month on or before it. Relative words
/// resolve against the publication day (어제, 그제, 오늘, "yesterday", weekdays), the date
/// mentioned just before them (이튿날, 전날 after a date) or the report's day ("the previous
/// day" after "reported on Saturday").
public enum DateMentions {
    public static func find(in text: String, published: Day) -> [DateMention] {
        var scan = Scan(characters: Array(text), published: published)
        scan.run()
        return scan.mentions
    }

    struct Scan {
        let characters: [Character]
        let published: Day
        var mentions: [DateMention] = []
        var lowered: [Character]

        init(characters: [Character], published: Day) {
            self.characters = characters
            self.published = published
            lowered = characters.map { Character($0.lowercased()) }
        }

        // MARK: Driving

        mutating func run() {
            var i = 0
            while i < characters.count {
                if let (end, date) = korean(at: i) ?? english(at: i) {
                    let words = String(characters[i..<end]).trimmingCharacters(in: .whitespaces)
                    mentions.append(DateMention(start: i, end: end, date: date, words: words, isReport: isReport(start: i, end: end)))
                    i = end
                } else {
                    i += 1
                }
            }
        }

        /// The latest date mentioned before offset `i` (for 이튿날, 전날).
        func previousDay(before i: Int) -> Day? {
            mentions.last { $0.end <= i }.map { $0.date.earliest ?? $0.date.latest }
        }

        /// The report's day in the sentence so far, or the publication day.
        func reportDay(before i: Int) -> Day {
            mentions.last { $0.isReport && $0.end <= i }?.date.exactDay ?? published
        }

        // MARK: Korean

        mutating func korean(at i: Int) -> (Int, MilestoneDate)? {
            let c = characters[i]
            if c.isNumber, i == 0 || !characters[i - 1].isNumber { return koreanNumber(at: i) }
            guard Self.isHangul(c), i == 0 || !Self.isHangul(characters[i - 1]) else { return nil }
            for (word, offset) in DateWords.koreanRelative where has(word, at: i) {
                var end = i + word.count
                // 오늘날 (nowadays) is no day.
                if end < characters.count, characters[end] == "날" { return nil }
                // "어제(15일)": the number in brackets states the day.
                if let (close, day) = bracketDay(at: end) {
                    end = close
                    let (y, m) = EventDate.monthOf(day: day, published: published)
                    if let d = Day(year: y, month: m, day: day) { return (end, .day(d)) }
                }
                // "전날(2.27)": month and day in brackets.
                if end < characters.count, characters[end] == "(", let (close, month, day) = dottedDay(at: end + 1) {
                    let year = published.month < month ? published.year - 1 : published.year
                    if let d = Day(year: year, month: month, day: day) { return (close + 1, .day(d)) }
                }
                let base: Day
                switch word {
                case "이튿날", "다음날": base = previousDay(before: i) ?? published
                case "전날": base = previousDay(before: i) ?? published
                default: base = published
                }
                return (end, .day(base.adding(days: offset)))
            }
            for word in ["지난달", "지난 달"] where has(word, at: i) {
                let end = i + word.count
                let previous = published.month == 1 ? (published.year - 1, 12) : (published.year, published.month - 1)
                var k = end
                while k < characters.count, characters[k] == " " { k += 1 }
                if let (dayEnd, day) = number(at: k, unit: "일"), let d = Day(year: previous.0, month: previous.1, day: day) {
                    return (dayEnd, .day(d))
                }
                return (end, .month(year: previous.0, month: previous.1))
            }
            if has("올해", at: i), let january = Day(year: published.year, month: 1, day: 1) {
                var k = skipSpaces(i + 2)
                if let (monthEnd, month) = number(at: k, unit: "월"), (1...12).contains(month) {
                    k = skipSpaces(monthEnd)
                    if let (dayEnd, day) = number(at: k, unit: "일"), let d = Day(year: published.year, month: month, day: day) {
                        return (dayEnd, .day(d))
                    }
                    return (monthEnd, .month(year: published.year, month: month))
                }
                return (i + 2, january == published ? .day(published) : .range(january, published))
            }
            for word in ["지난해", "작년"] where has(word, at: i) {
                var k = i + word.count
                while k < characters.count, characters[k] == " " { k += 1 }
                if let (monthEnd, month) = number(at: k, unit: "월"), (1...12).contains(month) {
                    return (monthEnd, .month(year: published.year - 1, month: month))
                }
                return nil
            }
            return nil
        }

        /// "2024년 11월", "12월 3일", "8월 24일과 25일", "10일", "24~25일", "2.27" in brackets.
        mutating func koreanNumber(at i: Int) -> (Int, MilestoneDate)? {
            if i > 0, characters[i - 1] == "(", let (close, month, day) = dottedDay(at: i) {
                let year = published.month < month ? published.year - 1 : published.year
                if let d = Day(year: year, month: month, day: day) { return (close, .day(d)) }
            }
            var year: Int?
            var k = i
            if let (end, y) = number(at: k, unit: "년"), (1900...2100).contains(y) {
                year = y
                k = skipSpaces(end)
            }
            if let (monthEnd, month) = number(at: k, unit: "월"), (1...12).contains(month) {
                let afterMonth = skipSpaces(monthEnd)
                if let (dayEnd, day) = number(at: afterMonth, unit: "일") {
                    let (rangeEnd, last) = secondDay(after: dayEnd, first: day)
                    let y = year ?? yearOf(month: month, day: day)
                    guard let start = Day(year: y, month: month, day: day) else { return nil }
                    if let last, let end = Day(year: y, month: month, day: last) { return (rangeEnd, .range(start, end)) }
                    return (dayEnd, .day(start))
                }
                let y = year ?? (month > published.month ? published.year - 1 : published.year)
                return (monthEnd, .month(year: y, month: month))
            }
            if year != nil { return nil }
            if let (dayEnd, day) = number(at: i, unit: "일"), (1...31).contains(day) {
                let (rangeEnd, last) = secondDay(after: dayEnd, first: day)
                let (y, m) = EventDate.monthOf(day: day, published: published)
                guard let start = Day(year: y, month: m, day: day) else { return nil }
                if let last, let end = Day(year: y, month: m, day: last) { return (rangeEnd, .range(start, end)) }
                return (dayEnd, .day(start))
            }
            // "24~25일"
            if let (tildeEnd, first) = number(at: i, unit: "~"), let (dayEnd, last) = number(at: tildeEnd, unit: "일"), last > first {
                let (y, m) = EventDate.monthOf(day: last, published: published)
                if let start = Day(year: y, month: m, day: first), let end = Day(year: y, month: m, day: last) {
                    return (dayEnd, .range(start, end))
                }
            }
            return nil
        }

        /// "과 25일", "와 25일", "~25일" after a day: the range's last day.
        func secondDay(after end: Int, first: Int) -> (Int, Int?) {
            var k = end
            guard k < characters.count, characters[k] == "과" || characters[k] == "와" || characters[k] == "~" || characters[k] == "-" else {
                return (end, nil)
            }
            k = skipSpaces(k + 1)
            if let (dayEnd, second) = number(at: k, unit: "일"), second > first { return (dayEnd, second) }
            return (end, nil)
        }

        /// "(15일)" right after a relative word: the closing bracket's end and the day.
        func bracketDay(at i: Int) -> (Int, Int)? {
            guard i < characters.count, characters[i] == "(" else { return nil }
            guard let (end, day) = number(at: i + 1, unit: "일"), end < characters.count, characters[end] == ")" else { return nil }
            return (end + 1, day)
        }

        /// "2.27)" in brackets: month and day.
        func dottedDay(at i: Int) -> (Int, Int, Int)? {
            guard let (dot, month) = number(at: i, unit: "."), (1...12).contains(month) else { return nil }
            var k = dot
            var digits = ""
            while k < characters.count, characters[k].isNumber {
                digits.append(characters[k])
                k += 1
            }
            guard let day = Int(digits), (1...31).contains(day), k < characters.count, characters[k] == ")" else { return nil }
            return (k, month, day)
        }

        /// Digits at `i` followed by `unit`: the offset after the unit and the number.
        func number(at i: Int, unit: Character) -> (Int, Int)? {
            var k = i
            var digits = ""
            while k < characters.count, characters[k].isNumber, digits.count < 4 {
                digits.append(characters[k])
                k += 1
            }
            guard !digits.isEmpty, k < characters.count, characters[k] == unit, let n = Int(digits) else { return nil }
            return (k + 1, n)
        }

        /// The year of a month and day: the publication's, or the one before when later than it.
        func yearOf(month: Int, day: Int) -> Int {
            if let d = Day(year: published.year, month: month, day: day), d > published { return published.year - 1 }
            return published.year
        }

        func skipSpaces(_ i: Int) -> Int {
            var k = i
            while k < characters.count, characters[k] == " " { k += 1 }
            return k
        }

        func has(_ word: String, at i: Int) -> Bool {
            var k = i
            for c in word {
                guard k < characters.count, lowered[k] == c else { return false }
                k += 1
            }
            return true
        }

        static func isHangul(_ c: Character) -> Bool {
            guard let v = c.unicodeScalars.first?.value else { return false }
            return (0xAC00...0xD7A3).contains(v)
        }

        // MARK: English

        mutating func english(at i: Int) -> (Int, MilestoneDate)? {
            guard lowered[i].isLetter, i == 0 || !lowered[i - 1].isLetter else { return nil }
            let (word, wordEnd) = self.word(at: i)
            // "January 15", "Jan. 14", "December 20", "August 24 and 25", "Feb 1, 2025"
            if let month = DateWords.englishMonths[word] {
                var k = wordEnd
                if k < characters.count, characters[k] == "." { k += 1 }
                k = skipSpaces(k)
                if let (dayEnd, day) = englishDay(at: k) {
                    var end = dayEnd
                    var last: Int?
                    let (next, nextEnd) = self.word(at: skipSpaces(dayEnd))
                    if next == "and" || next == "to", let (e, second) = englishDay(at: skipSpaces(nextEnd)), second > day {
                        last = second
                        end = e
                    } else if dayEnd < characters.count, characters[dayEnd] == "-", let (e, second) = englishDay(at: dayEnd + 1), second > day {
                        last = second
                        end = e
                    }
                    var year = yearOf(month: month, day: day)
                    if let (yearEnd, y) = englishYear(after: end) {
                        year = y
                        end = yearEnd
                    }
                    guard let start = Day(year: year, month: month, day: day) else { return nil }
                    if let last, let stop = Day(year: year, month: month, day: last) { return (end, .range(start, stop)) }
                    return (end, .day(start))
                }
                // "February 2024", "in February", "early February", "last October", "December last year"
                if let (yearEnd, y) = englishYear(after: wordEnd, comma: false) { return (yearEnd, .month(year: y, month: month)) }
                let before = previousWord(before: i)
                let (after, afterEnd) = self.word(at: skipSpaces(wordEnd))
                if after == "last", self.word(at: skipSpaces(afterEnd)).0 == "year" {
                    return (self.word(at: skipSpaces(afterEnd)).1, .month(year: published.year - 1, month: month))
                }
                guard ["in", "early", "late", "mid", "last", "since", "of"].contains(before) else { return nil }
                let year = before == "last" || month > published.month ? published.year - 1 : published.year
                return (wordEnd, .month(year: year, month: month))
            }
            // "on the 3rd", "on the 16th"
            if word == "the", previousWord(before: i) == "on", let (end, day) = englishDay(at: skipSpaces(wordEnd), ordinalOnly: true) {
                let (y, m) = EventDate.monthOf(day: day, published: published)
                guard let d = Day(year: y, month: m, day: day) else { return nil }
                return (end, .day(d))
            }
            // Weekdays: the latest on or before the report's day.
            if let weekday = DateWords.weekdays[word] {
                let reference = reportDay(before: i)
                let back = (reference.weekday - weekday + 7) % 7
                return (wordEnd, .day(reference.adding(days: -back)))
            }
            for (phrase, offset) in DateWords.englishRelative where has(phrase, at: i) {
                let base =
                    phrase.hasPrefix("the previous") || phrase.hasPrefix("the day before") || phrase.hasSuffix("earlier")
                        || phrase.hasSuffix("prior")
                    ? reportDay(before: i) : published
                return (i + phrase.count, .day(base.adding(days: offset)))
            }
            if has("this year", at: i), let january = Day(year: published.year, month: 1, day: 1) {
                return (i + 9, january == published ? .day(published) : .range(january, published))
            }
            // "late last year", "last year": the year before the publication's, no finer.
            if has("last year", at: i) { return (i + 9, .year(published.year - 1)) }
            if has("last month", at: i) {
                let previous = published.month == 1 ? (published.year - 1, 12) : (published.year, published.month - 1)
                return (i + 10, .month(year: previous.0, month: previous.1))
            }
            return nil
        }

        func englishDay(at i: Int, ordinalOnly: Bool = false) -> (Int, Int)? {
            var k = i
            var digits = ""
            while k < characters.count, characters[k].isNumber, digits.count < 2 {
                digits.append(characters[k])
                k += 1
            }
            guard let day = Int(digits), (1...31).contains(day) else { return nil }
            let (suffix, suffixEnd) = word(at: k)
            if ["st", "nd", "rd", "th"].contains(suffix) { k = suffixEnd } else if ordinalOnly { return nil }
            if k < characters.count, characters[k].isLetter || characters[k].isNumber { return nil }
            return (k, day)
        }

        /// ", 2025" or " 2025" after a day or month.
        func englishYear(after i: Int, comma: Bool = true) -> (Int, Int)? {
            var k = i
            if comma, k < characters.count, characters[k] == "," { k += 1 }
            k = skipSpaces(k)
            var digits = ""
            while k < characters.count, characters[k].isNumber, digits.count < 4 {
                digits.append(characters[k])
                k += 1
            }
            guard digits.count == 4, let y = Int(digits), (1900...2100).contains(y) else { return nil }
            return (k, y)
        }

        /// The lower-case word (letters only) at `i` and the offset after it.
        func word(at i: Int) -> (String, Int) {
            var k = i
            var out = ""
            while k < lowered.count, lowered[k].isLetter {
                out.append(lowered[k])
                k += 1
            }
            return (out, k)
        }

        func previousWord(before i: Int) -> String {
            var k = i - 1
            while k >= 0, !lowered[k].isLetter { k -= 1 }
            var out = ""
            while k >= 0, lowered[k].isLetter {
                out.insert(lowered[k], at: out.startIndex)
                k -= 1
            }
            return out
        }

        // MARK: Report or event

        /// True when the words at start..<end name a single day (a month is never a report's date).
        func mentionIsDay(start: Int, end: Int) -> Bool {
            let words = String(characters[start..<end])
            return words.hasSuffix("일") || words.hasSuffix("일)") || words.hasPrefix("오늘") || words.hasPrefix("어제") || words.hasPrefix("그제")
        }

        /// A day a verb of reporting carries: "조선중앙통신은 12일", "12일 보도했다", "오늘(20일)
        /// 전했다", "state media said Wednesday", "On Friday, Rodong Sinmun reported that".
        func isReport(start: Int, end: Int) -> Bool {
            let before = String(characters[max(0, start - 12)..<start])
            let after = String(lowered[end..<min(characters.count, end + 8)])
            // Reports are dated by the day: "통신은 작년 3월 착공한" is the event's month.
            let isDay = mentionIsDay(start: start, end: end)
            if isDay, DateWords.koreanReportSubjects.contains(where: { before.hasSuffix($0) || before.hasSuffix($0 + " ") }) { return true }
            let afterTrimmed = after.drop { $0 == " " || $0 == ")" || $0 == "에" }
            if DateWords.koreanReportVerbs.contains(where: { afterTrimmed.hasPrefix($0) }) { return true }
            let wordsBefore = String(lowered[max(0, start - 60)..<start]).split(whereSeparator: { !$0.isLetter }).suffix(6).map(String.init)
            if wordsBefore.contains(where: DateWords.englishReportWords.contains) { return true }
            // "On Friday, the paper reported that …": a sentence-initial day before the verb of reporting.
            if start <= 3 {
                let next = String(lowered[end..<min(characters.count, end + 80)]).split(whereSeparator: { !$0.isLetter }).prefix(8).map(String.init)
                if next.contains(where: DateWords.englishReportWords.contains) { return true }
            }
            return false
        }
    }
}

/// The words dates are written in: read them here, add to them here.
public enum DateWords {
    /// Relative days in Korean and their offset from the publication day (이튿날 and 전날
    /// count from the date mentioned just before them, when there is one).
    public static let koreanRelative: [(String, Int)] = [
        ("그저께", -2), ("그제", -2), ("어제", -1), ("오늘", 0), ("이튿날", 1), ("다음날", 1), ("전날", -1),
    ]
    /// Relative days in English and their offset from the report's day.
    public static let englishRelative: [(String, Int)] = [
        ("the previous day", -1), ("the day before", -1), ("yesterday", -1), ("two days earlier", -2), ("three days earlier", -3),
        ("two days prior", -2), ("three days prior", -3), ("today", 0),
    ]
    public static let englishMonths: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6,
        "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
        "nov": 11, "december": 12, "dec": 12,
    ]
    /// Weekday numbers as `Day.weekday` counts them (Monday 1 … Sunday 7).
    public static let weekdays: [String: Int] = [
        "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
    ]
    /// Who reports, with its particle: a day right after them is the report's.
    public static let koreanReportSubjects = [
        "통신은", "신문은", "노동신문은", "조선중앙통신은", "중앙통신은", "조선중앙TV는", "조선중앙TV가", "조선중앙방송은", "통신이", "신문이",
    ]
    /// Verbs of reporting: a day right before them is the report's.
    public static let koreanReportVerbs = ["보도", "전했", "전하", "밝혔", "밝히", "알렸", "공개", "발표"]
    /// English words of reporting: a day within six words after them is the report's.
    public static let englishReportWords: Set<String> = ["reported", "reports", "said", "says", "carried", "report", "announced", "according"]
}
