import ArgumentParser

/// `jibang store …`: the store as one thing, the database with its corpus index.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Work on the store as a whole: the SQLite file with its .corpus index folder.",
        subcommands: [Copy.self])
}
