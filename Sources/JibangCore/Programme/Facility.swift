import Foundation

/// A facility built at a site: a factory, hospital or service complex.
public struct Facility: Sendable, Hashable, Codable {
    /// What a facility is. Raw values are used in JSON output.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case foodstuff
        case garmentTextile = "garment-textile"
        case dailyNecessities = "daily-necessities"
        case paper
        case regionalIndustryFactory = "regional-industry-factory"
        case hospital
        case serviceComplex = "service-complex"
        case grainManagement = "grain-management"
        case greenhouseFarm = "greenhouse-farm"
        case aquaculture
        case education
        case research
        case other

        /// The innovation-system pillar the facility supports, if any.
        public var pillar: Pillar? {
            switch self {
            case .foodstuff, .garmentTextile, .dailyNecessities, .paper, .regionalIndustryFactory,
                .grainManagement, .greenhouseFarm, .aquaculture:
                .industry
            case .hospital: .health
            case .education: .education
            case .research: .research
            case .serviceComplex, .other: nil
            }
        }
    }

    public var kind: Kind
    /// The facility's own name when reported ("Kangdong County Hospital").
    public var name: String?
    /// Products reported for it ("foodstuffs, soap, clothes").
    public var products: String?

    public init(kind: Kind, name: String? = nil, products: String? = nil) {
        self.kind = kind
        self.name = name
        self.products = products
    }

    /// Merges facilities of the same kind: a named one absorbs an unnamed one, products are kept.
    /// Keeps first-seen order. O(n²) in the (small) number of facilities.
    static func merge(_ facilities: [Facility]) -> [Facility] {
        var merged: [Facility] = []
        for facility in facilities {
            if let i = merged.firstIndex(where: { $0.kind == facility.kind && ($0.name == nil || facility.name == nil || $0.name == facility.name) })
            {
                merged[i].name = merged[i].name ?? facility.name
                if let products = facility.products, merged[i].products?.contains(products) != true {
                    merged[i].products = [merged[i].products, products].compactMap { $0 }.joined(separator: "; ")
                }
            } else {
                merged.append(facility)
            }
        }
        return merged
    }
}

/// Reads the free-text facility descriptions of reports ("foodstuff; garment factory",
/// "regional-industry factories + hospital (Ryonggang County Hospital)") into facilities.
///
/// Rules, readable and testable: the text is split at ";", "+" and ","; each part's words
/// outside parentheses decide its kinds; a parenthesis may name a facility ("Kusong City
/// Hospital", "Unsan Paper Mill") or list products ("products shown: …"). Generic factory
/// words with no specific kind give `regionalIndustryFactory`; parts naming no facility are skipped, and a text with no
/// facility at all gives one `other`. Pure; O(n) in the text.
public enum FacilityParser {
    static let keywordKinds: [(keywords: [String], kind: Facility.Kind)] = [
        (["foodstuff", "food", "seafood", "fishery", "식료"], .foodstuff),
        (["garment", "clothing", "clothes", "textile", "피복", "방직"], .garmentTextile),
        (["daily necessities", "daily-necessities", "일용"], .dailyNecessities),
        (["paper", "종이"], .paper),
        (["hospital", "medical", "public health", "병원"], .hospital),
        (["service", "leisure", "cultural", "봉사"], .serviceComplex),
        (["grain management", "grain-management", "양정"], .grainManagement),
        (["greenhouse", "온실"], .greenhouseFarm),
        (["aquaculture", "양식"], .aquaculture),
        (["school", "college", "education", "학교"], .education),
        (["research", "institute", "연구"], .research),
    ]
    static let factoryWords = ["factor", "mill", "light industry", "light-industry", "regional-industry", "local industry", "공장"]
    static var namedFacility: Regex<(Substring, Substring)> {
        /([A-Z][\w'-]*(?: [A-Z][\w'-]*)* (?:Hospital|Factory|Mill|Farm|Complex|Centre|Center))/
    }

    /// The facilities `text` names, in order of mention.
    public static func parse(_ text: String) -> [Facility] {
        var facilities: [Facility] = []
        for part in splitOutsideParentheses(text) {
            let (outside, inside) = separateParentheses(part)
            let lower = outside.lowercased()
            var kinds = keywordKinds.filter { entry in entry.keywords.contains { lower.contains($0) } }.map(\.kind)
            let names = inside.flatMap { $0.matches(of: namedFacility).map { String($0.output.1) } }
            let products = inside.first(where: isProductList).map(productList)
            if kinds.isEmpty && factoryWords.contains(where: lower.contains) { kinds = [.regionalIndustryFactory] }
            for kind in kinds {
                let name = names.first { FacilityParser.kind(ofName: $0) == kind }
                facilities.append(Facility(kind: kind, name: name, products: kind == kinds.first ? products : nil))
            }
            // A name in parentheses of another kind ("incl. Jangphung County Foodstuff Factory").
            for name in names where !facilities.contains(where: { $0.name == name }) {
                facilities.append(Facility(kind: kind(ofName: name) ?? .other, name: name))
            }
        }
        if facilities.isEmpty && !text.trimmingCharacters(in: .whitespaces).isEmpty {
            facilities = [Facility(kind: .other)]
        }
        return Facility.merge(facilities)
    }

    /// A parenthesis that lists products: "products shown: …", "foodstuffs from sweet potato".
    static func isProductList(_ text: String) -> Bool {
        let lower = text.lowercased().trimmingCharacters(in: .whitespaces)
        return lower.hasPrefix("product") || lower.contains("products shown") || lower.hasPrefix("processed") || lower.contains(" from ")
    }

    static func kind(ofName name: String) -> Facility.Kind? {
        let lower = name.lowercased()
        return keywordKinds.first { $0.keywords.contains(where: lower.contains) }?.kind
            ?? (factoryWords.contains(where: lower.contains) ? .regionalIndustryFactory : nil)
    }

    static func productList(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let colon = trimmed.firstIndex(of: ":") else { return trimmed }
        return trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    /// Splits at ";", "+" and "," that are not inside parentheses.
    static func splitOutsideParentheses(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(":
                depth += 1
                current.append(character)
            case ")":
                depth = max(0, depth - 1)
                current.append(character)
            case ";", "+", ",":
                if depth == 0 {
                    parts.append(current)
                    current = ""
                } else {
                    current.append(character)
                }
            default: current.append(character)
            }
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The text outside parentheses, and each parenthesised passage.
    static func separateParentheses(_ text: String) -> (outside: String, inside: [String]) {
        var outside = ""
        var inside: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "(" {
                depth += 1
                if depth == 1 {
                    current = ""
                    continue
                }
            } else if character == ")" && depth > 0 {
                depth -= 1
                if depth == 0 {
                    inside.append(current)
                    continue
                }
            }
            if depth > 0 { current.append(character) } else { outside.append(character) }
        }
        return (outside, inside)
    }
}
