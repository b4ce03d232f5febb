/// Readable names of the outlets the record cites, from a source's address: "KCNA Watch", not
/// "kcnawatch.org". A source that names its outlet keeps that name; an unknown host stays the host.
public enum OutletNames {
    /// Host fragments and the outlet they belong to, most specific first.
    static let names: [(String, String)] = [
        ("kcnawatch", "KCNA Watch (mirror of KCNA)"), ("kcna.kp", "KCNA"), ("kcna.co.jp", "KCNA (Japan mirror)"),
        ("rodong.rep.kp", "Rodong Sinmun"), ("vok.rep.kp", "Voice of Korea"), ("pyongyangtimes", "Pyongyang Times"),
        ("naenara", "Naenara"), ("chosonsinbo", "Chosun Sinbo"), ("uriminzokkiri", "Uriminzokkiri"), ("yna.co.kr", "Yonhap"),
        ("yonhapnewstv", "Yonhap News TV"), ("news1global", "News1 Global"), ("news1.kr", "News1"), ("newsis", "Newsis"),
        ("nknews", "NK News"), ("koreajoongangdaily", "Korea JoongAng Daily"), ("joongang", "JoongAng Ilbo"),
        ("koreaherald", "The Korea Herald"), ("kbs.co.kr", "KBS"), ("sbs.co.kr", "SBS"), ("ytn", "YTN"), ("chosun.com", "Chosun Ilbo"),
        ("donga", "Dong-A Ilbo"), ("hani.co.kr", "Hankyoreh"), ("seoul.co.kr", "Seoul Shinmun"), ("onecorea", "Tongil News"),
        ("38north", "38 North"), ("datawrapper", "38 North (Datawrapper table)"), ("fnnews", "Financial News"),
        ("newspic", "Newspic (aggregator)"), ("reuters", "Reuters"), ("apnews", "AP"), ("kfaspain", "KFA Spain"),
        ("diario-octubre", "Diario Octubre"), ("sisaweekly", "Sisa Weekly"), ("gjnambuk", "Gyeongju Nambuk"),
    ]

    /// The outlet's readable name.
    public static func name(of source: Source) -> String {
        let host = Source.host(of: source.url) ?? ""
        if let named = names.first(where: { host.contains($0.0) }) { return named.1 }
        if let outlet = source.outlet, !outlet.isEmpty, outlet != host { return outlet }
        return host.isEmpty ? source.url : host
    }
}
