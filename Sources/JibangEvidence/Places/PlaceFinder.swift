import Foundation
public import JibangCore
import KoreanText

/// A division named in a sentence.
public struct PlaceMention: Sendable, Equatable {
    /// How an ambiguous name was settled.
    public enum Resolution: String, Sendable, Codable {
        /// The name fits one division only.
        case unique
        /// A province named in the same sentence picked one.
        case sentenceProvince = "province in the sentence"
        /// A province named elsewhere in the article picked one.
        case articleProvince = "province in the article"
        /// Only one of the namesakes is a programme site by the article's year.
        case programme = "the only programme site of that name"
        /// Not named in the sentence: the only city or county the article names.
        case article = "the only place the article names"
        /// Not named in the sentence: the one place of the article's lead, in an article that
        /// names others in passing ("… 신포양식사업소에 이어 …").
        case lead = "the place the article's lead names"
    }

    public let division: Division
    /// The words as written ("Hamju County", "Unsan", "김화군").
    public let surface: String
    /// Token position in the sentence, for proximity to event cues.
    public let position: Int
    public let resolution: Resolution
}

/// Finds the cities, counties and districts (and provinces) a sentence names, in Korean and
/// English, using the gazetteer's every spelling.
///
/// English: a capitalised name before a unit word ("Hamju County", "Kusong City"), lists before
/// a plural ("Songchon, Usi and Kumya counties") or after one ("the counties of Cholsan and
/// Yomju"). Korean: the name with its suffix (김화군, 구성시, 강동군), particles allowed after it,
/// South Korean initial sounds too (영변군 = 녕변군). Ambiguous names are settled by a province in
/// the sentence, then in the article, then by programme membership; otherwise left out.
public struct PlaceFinder: Sendable {
    public let gazetteer: Gazetteer
    /// Division id → the years of the programme stages it is a site in.
    public let programmeYears: [String: [Int]]
    /// Hangul spelling → divisions, for the Korean scan, grouped by first syllable.
    let hangulForms: [Character: [(form: String, division: Division)]]

    public init(gazetteer: Gazetteer, programmeYears: [String: [Int]] = [:]) {
        self.gazetteer = gazetteer
        self.programmeYears = programmeYears
        var forms: [Character: [(String, Division)]] = [:]
        let suffixes = ["군", "시", "구역", "도", "지구"]
        for division in gazetteer.divisions {
            var spellings = Set<String>()
            for name in [division.nameKo] + division.aliases where name.unicodeScalars.contains(where: { Hangul.isSyllable($0) }) {
                let compact = name.replacingOccurrences(of: " ", with: "")
                guard suffixes.contains(where: compact.hasSuffix), compact.count >= 2 else { continue }
                spellings.insert(compact)
                for variant in InitialSoundVariants.of(compact, limit: 4) { spellings.insert(variant) }
                // A name of three syllables or more is distinctive without its unit (신의주온실농장).
                let base = PlaceName(compact).base
                if base.count >= 3, division.level == 2 { spellings.insert(base) }
                // A shorter name is, when a facility's name follows it at once (신포양식사업소).
                if base.count == 2, division.level == 2 {
                    for word in Self.koreanFacilityWords { spellings.insert(base + word) }
                }
            }
            for spelling in spellings { forms[spelling.first!, default: []].append((spelling, division)) }
        }
        hangulForms = forms.mapValues { $0.sorted { $0.0.count > $1.0.count } }
    }

    // MARK: - Sentences

    /// The places and provinces a sentence names. `articleProvinces` settles ambiguous names
    /// the sentence leaves open; `year` is the article's, for programme membership.
    public func places(in sentence: Sentence, articleProvinces: Set<String>, year: Int) -> (places: [PlaceMention], provinces: [Division]) {
        var raw: [(candidates: [Division], surface: String, position: Int)] = []
        raw += englishMentions(sentence)
        raw += koreanMentions(sentence.text)
        let provinces = raw.filter { $0.candidates.allSatisfy { $0.level == 1 } }.flatMap(\.candidates)
        let sentenceProvinces = Set(provinces.map(\.id))
        var places: [PlaceMention] = []
        var seen = Set<String>()
        for mention in raw {
            let local = mention.candidates.filter { $0.level == 2 }
            guard !local.isEmpty else { continue }
            let isNear = mention.surface.hasSuffix(Self.nearMark)
            guard let (division, resolution) = settle(local, sentenceProvinces: sentenceProvinces, articleProvinces: articleProvinces, year: year)
            else { continue }
            // A misspelt name must be a programme site by the article's year, in a province the article names.
            if isNear
                && (!(programmeYears[division.id] ?? []).contains { $0 <= year }
                    || !sentenceProvinces.union(articleProvinces).contains(division.provinceID ?? ""))
            {
                continue
            }
            guard seen.insert(division.id).inserted else { continue }
            let surface = isNear ? String(mention.surface.dropLast(Self.nearMark.count)) : mention.surface
            places.append(PlaceMention(division: division, surface: surface, position: mention.position, resolution: resolution))
        }
        var provinceSeen = Set<String>()
        return (places, provinces.filter { provinceSeen.insert($0.id).inserted })
    }

    /// Provinces named anywhere in `sentences`.
    public func provinces(in sentences: [Sentence]) -> Set<String> {
        var ids = Set<String>()
        for sentence in sentences {
            for mention in englishMentions(sentence) + koreanMentions(sentence.text) where mention.candidates.allSatisfy({ $0.level == 1 }) {
                ids.formUnion(mention.candidates.map(\.id))
            }
        }
        return ids
    }

    func settle(
        _ candidates: [Division], sentenceProvinces: Set<String>, articleProvinces: Set<String>, year: Int
    ) -> (Division, PlaceMention.Resolution)? {
        if candidates.count == 1 { return (candidates[0], .unique) }
        let inSentence = candidates.filter { sentenceProvinces.contains($0.provinceID ?? "") }
        if inSentence.count == 1 { return (inSentence[0], .sentenceProvince) }
        // The programme before the article's other provinces: an article about several
        // provinces' sites names provinces that are not the ambiguous place's.
        let sites = candidates.filter { (programmeYears[$0.id] ?? []).contains { $0 <= year } }
        if sites.count == 1 { return (sites[0], .programme) }
        let inArticle = candidates.filter { articleProvinces.contains($0.provinceID ?? "") }
        if inArticle.count == 1 { return (inArticle[0], .articleProvince) }
        return nil
    }

    // MARK: - English

    /// Marks a mention found one edit away, until `places` has settled it.
    static let nearMark = "\u{1}near"

    /// Unit words after a name. "Zone" is the press's word for 구역 (Panmun Zone).
    static let singularUnits: Set<String> = ["County", "City", "District", "Zone", "Municipality", "Province"]
    static let pluralUnits: Set<String> = ["counties", "cities", "districts", "Counties", "Cities", "Districts"]
    /// A bare name after "in" counts only in a sentence about one of the programme's facilities.
    static let facilityStems = [
        "factor", "hospital", "greenhouse", "paper mill", "leisure complex", "service complex", "offshore farm", "fish farm",
    ]
    /// Words of a facility's name that follow a place name without a unit word.
    static let facilityWords: Set<String> = ["Greenhouse", "Combined", "Hospital", "Paper", "Offshore", "fish"]
    /// Korean facility names that may follow a two-syllable place name without its unit word.
    static let koreanFacilityWords = ["양식사업소", "양식소", "바다가양식", "바닷가양식", "병원", "온실", "지방공업", "종합봉사소"]

    func englishMentions(_ sentence: Sentence) -> [(candidates: [Division], surface: String, position: Int)] {
        let tokens = sentence.tokens
        var found: [([Division], String, Int)] = []
        for (i, token) in tokens.enumerated() {
            if Self.singularUnits.contains(token.text) {
                // The longest capitalised run before the unit word that names a division.
                var start = i
                while start > 0 && i - start < 4 && tokens[start - 1].isCapitalised && !tokens[start - 1].isPunctuation { start -= 1 }
                var matched = false
                for s in start..<i {
                    let name = tokens[s..<i].map(\.text).joined(separator: " ")
                    let matches = lookup(name, unit: token.text)
                    if !matches.isEmpty {
                        found.append((matches, name + " " + token.text, s))
                        matched = true
                        break
                    }
                }
                // A name one edit from a division's ("Unnyul County"), kept only when a province or
                // the programme settles it (see `places`).
                if !matched, i > 0, tokens[i - 1].isCapitalised, ["County", "City", "District", "Zone"].contains(token.text) {
                    let near = gazetteer.oneEditMatches(tokens[i - 1].text, level: 2)
                    if !near.isEmpty { found.append((near, tokens[i - 1].text + " " + token.text + Self.nearMark, i - 1)) }
                }
            } else if Self.facilityWords.contains(token.text), i > 0, tokens[i - 1].isCapitalised, !tokens[i - 1].isPunctuation {
                // "Sinuiju Greenhouse Complex", "Kusong Hospital": a name before a facility.
                let matches = gazetteer.matches(tokens[i - 1].text).filter { $0.level == 2 }
                if !matches.isEmpty { found.append((matches, tokens[i - 1].text, i - 1)) }
            } else if token.text == "in", let list = bareList(tokens, after: i), list.count >= 3 {
                // "held in Kujang, Unsan, Yonthan … and Jangphung from March 6-10": three or more
                // bare names after "in", every one a city or county.
                found += list
            } else if token.text == "in", i + 1 < tokens.count, tokens[i + 1].isCapitalised, tokens[i + 1].text.count >= 5,
                i + 2 == tokens.count || tokens[i + 2].isPunctuation || !tokens[i + 2].isCapitalised,
                Self.facilityStems.contains(where: sentence.text.lowercased().contains)
            {
                // "a greenhouse farm in Sinuiju", "a factory in Kilju": a bare name after "in",
                // when it names a city or county and no province.
                let all = gazetteer.matches(tokens[i + 1].text)
                let matches = all.filter { $0.level == 2 }
                if !matches.isEmpty, matches.count == all.count, !Self.singularUnits.contains(tokens[i + 1].text) {
                    found.append((matches, tokens[i + 1].text, i + 1))
                }
            } else if token.text == "county" || token.text == "city", i + 2 < tokens.count, tokens[i + 1].text == "of", tokens[i + 2].isCapitalised {
                // "the county of Kumya"
                let matches = lookup(tokens[i + 2].text, unit: token.text == "county" ? "County" : "City")
                if !matches.isEmpty { found.append((matches, tokens[i + 2].text, i + 2)) }
            } else if Self.pluralUnits.contains(token.text) {
                let unit = token.text.lowercased() == "counties" ? "County" : token.text.lowercased() == "cities" ? "City" : "District"
                // "A, B and C counties": walk back over names and separators.
                var j = i - 1
                while j >= 0 {
                    var start = j
                    while start > 0 && tokens[start - 1].isCapitalised && !tokens[start - 1].isPunctuation && j - start < 3 { start -= 1 }
                    guard tokens[j].isCapitalised, !tokens[j].isPunctuation else { break }
                    let name = tokens[start...j].map(\.text).joined(separator: " ")
                    let matches = lookup(name, unit: unit)
                    guard !matches.isEmpty else { break }
                    found.append((matches, name, start))
                    j = start - 1
                    while j >= 0 && (tokens[j].text == "," || tokens[j].text == "and") { j -= 1 }
                    if j == start - 1 { break }
                }
                // "the counties of A, B and C": walk forward.
                if i + 1 < tokens.count && tokens[i + 1].text == "of" {
                    var k = i + 2
                    while k < tokens.count && tokens[k].isCapitalised && !tokens[k].isPunctuation {
                        var end = k
                        while end + 1 < tokens.count && tokens[end + 1].isCapitalised && !tokens[end + 1].isPunctuation && end - k < 3 { end += 1 }
                        // Shrink from the right until the run names a division.
                        var matched = false
                        for e in stride(from: end, through: k, by: -1) {
                            let name = tokens[k...e].map(\.text).joined(separator: " ")
                            let matches = lookup(name, unit: unit)
                            if !matches.isEmpty {
                                found.append((matches, name, k))
                                k = e + 1
                                matched = true
                                break
                            }
                        }
                        guard matched else { break }
                        while k < tokens.count && (tokens[k].text == "," || tokens[k].text == "and") { k += 1 }
                    }
                }
            }
        }
        return found
    }

    /// The names of a list of bare names after "in" (1–3 capitalised words each, separated by
    /// commas and "and"), when every one names a city or county; nil otherwise.
    func bareList(_ tokens: [Sentence.Token], after i: Int) -> [(candidates: [Division], surface: String, position: Int)]? {
        var items: [([Division], String, Int)] = []
        var k = i + 1
        while k < tokens.count {
            var end = k
            while end < tokens.count, tokens[end].isCapitalised, !tokens[end].isPunctuation, end - k < 3 { end += 1 }
            guard end > k else { break }
            let name = tokens[k..<end].map(\.text).joined(separator: " ")
            let matches = gazetteer.matches(name).filter { $0.level == 2 }
            guard !matches.isEmpty else { return nil }
            items.append((matches, name, k))
            k = end
            guard k < tokens.count, tokens[k].text == "," || tokens[k].text == "and" else { break }
            while k < tokens.count, tokens[k].text == "," || tokens[k].text == "and" { k += 1 }
        }
        return items.isEmpty ? nil : items
    }

    /// Divisions `name` + `unit` may be: level 1 for Province and Municipality, either level for
    /// City (Nampho, Kaesong), level 2 otherwise.
    func lookup(_ name: String, unit: String) -> [Division] {
        if unit == "Zone" { return gazetteer.matches(name + " District").filter { $0.level == 2 } }
        let matches = gazetteer.matches(name + " " + unit)
        switch unit {
        case "Province", "Municipality": return matches.filter { $0.level == 1 }
        case "City": return matches
        default: return matches.filter { $0.level == 2 }
        }
    }

    // MARK: - Korean

    func koreanMentions(_ text: String) -> [(candidates: [Division], surface: String, position: Int)] {
        var found: [([Division], String, Int)] = []
        let characters = Array(text)
        var i = 0
        var previousEnd = -1
        while i < characters.count {
            guard let forms = hangulForms[characters[i]] else {
                i += 1
                continue
            }
            // A name starts a word, or follows another place name directly (평안남도숙천군).
            let startsWord = i == 0 || !Self.isHangul(characters[i - 1]) || previousEnd == i
            var matched = false
            if startsWord {
                for (form, _) in forms where Self.hasPrefix(characters, at: i, form) {
                    let divisions = forms.filter { $0.form == form }.map(\.division)
                    found.append((divisions, form, i))
                    i += form.count
                    previousEnd = i
                    matched = true
                    break
                }
            }
            if !matched { i += 1 }
        }
        return found
    }

    static func isHangul(_ c: Character) -> Bool { c.unicodeScalars.first.map(Hangul.isSyllable) ?? false }

    static func hasPrefix(_ characters: [Character], at start: Int, _ form: String) -> Bool {
        var k = start
        for c in form {
            guard k < characters.count, characters[k] == c else { return false }
            k += 1
        }
        return true
    }
}
