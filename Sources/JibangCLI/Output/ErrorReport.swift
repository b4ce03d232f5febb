import Foundation
import JibangBase

/// How the CLI says a `JibangError`: the message on stderr, the hint as the flag to give, and
/// an exit code from sysexits.h chosen by the error's code.
enum ErrorReport {
    /// "jibang: MESSAGE" and, when the error has a hint, a line "  try: --place "Kosan County"".
    static func text(_ error: JibangError) -> String {
        var text = "jibang: \(error)\n"
        if let flag = flag(for: error) { text += "  try: \(flag)\n" }
        if let command = listing(for: error) { text += "  see: \(command)\n" }
        return text
    }

    /// The command that helps: for something not found by its id, the one that lists the ids;
    /// for a damaged index, the one that rebuilds it.
    static func listing(for error: JibangError) -> String? {
        if error.code == .indexDamaged { return "`jibang corpus reindex` rebuilds the index from the stored documents" }
        guard error.code == .notFound, let subject = error.subject else { return nil }
        if subject.hasPrefix("candidate #") { return "`jibang evidence list` shows the queue" }
        if subject.hasPrefix("token #") { return "`jibang token list` shows the tokens" }
        if subject.hasPrefix("milestone #") { return "`jibang site NAME` lists a site's milestone ids" }
        return nil
    }

    /// The hint as a flag: the field in kebab case (`max_document_mb` → `--max-document-mb`),
    /// with its suggested value quoted; a suggestion of "true" is a flag to turn on. An error
    /// located in an option (`--province`) names that option.
    static func flag(for error: JibangError) -> String? {
        guard let hint = error.hint else { return nil }
        var name = "--" + hint.field.replacingOccurrences(of: "_", with: "-")
        if let option = error.location?.file, option.hasPrefix("--") {
            name = option
        } else if error.location?.line != nil {
            return nil  // a problem inside a file: the file needs the change, not a flag
        }
        guard let suggestion = hint.suggestion else { return name }
        return suggestion == "true" ? name : "\(name) \"\(suggestion)\""
    }

    /// 65 (EX_DATAERR) for bad data, 66 (EX_NOINPUT) for something not found, 74 (EX_IOERR)
    /// for the store.
    static func exitCode(_ code: JibangError.Code) -> Int32 {
        switch code {
        case .notFound: 66
        case .storage, .indexDamaged: 74
        default: 65
        }
    }
}
