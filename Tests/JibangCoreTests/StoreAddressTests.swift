import JibangBase
import JibangCore
import Testing

/// Issue 21: `--database` takes a path (SQLite) or a `postgres://` URL, as libpq reads it.
@Suite struct StoreAddressTests {
    @Test func pathsAreSQLiteFiles() throws {
        #expect(try StoreAddress(parsing: "jibang.sqlite") == .sqlite(path: "jibang.sqlite"))
        #expect(try StoreAddress(parsing: "/var/lib/jibang/team.sqlite") == .sqlite(path: "/var/lib/jibang/team.sqlite"))
    }

    @Test func postgresURLsGiveEveryPart() throws {
        #expect(
            try StoreAddress(parsing: "postgres://kim:s%40cret%3A1@db.example.org:6432/jibang?sslmode=require")
                == .postgres(
                    PostgresAddress(host: "db.example.org", port: 6432, user: "kim", password: "s@cret:1", database: "jibang", tls: .require)))
        #expect(
            try StoreAddress(parsing: "postgresql://kim@localhost/jibang")
                == .postgres(PostgresAddress(host: "localhost", port: 5432, user: "kim", database: "jibang")))
        #expect(
            try StoreAddress(parsing: "postgres://kim@/jibang?host=/run/postgresql&port=5433")
                == .postgres(PostgresAddress(host: nil, port: 5433, socketDirectory: "/run/postgresql", user: "kim", database: "jibang")))
        #expect(
            try StoreAddress(parsing: "postgres://kim@[::1]:5432/jibang?sslmode=disable")
                == .postgres(PostgresAddress(host: "::1", user: "kim", database: "jibang", tls: .disable)))
    }

    @Test func descriptionsMaskThePassword() throws {
        let address = try StoreAddress(parsing: "postgres://kim:hunter2@db:5432/jibang")
        #expect(address.description == "postgres://kim:***@db:5432/jibang")
        #expect(!address.description.contains("hunter2"))
    }

    @Test(arguments: [
        ("postgress://kim@db/jibang", "'postgress://' is not a store address"),
        ("mysql://kim@db/jibang", "'mysql://' is not a store address"),
        ("postgres://kim@db:54x2/jibang", "the port '54x2' is not a number"),
        ("postgres://kim@db:5432", "names no database"),
        ("postgres://kim@db:5432/", "names no database"),
        ("postgres://db:5432/jibang", "names no user"),
        ("postgres://kim@/jibang", "names no host"),
        ("postgres://kim@db/jibang?sslmode=maybe", "sslmode 'maybe'"),
        ("postgres://kim@db/jibang?colour=blue", "parameter 'colour'"),
        ("postgres://kim:%zz@db/jibang", "percent-encoding"),
    ])
    func mistakesSayWhatIsWrong(_ text: String, _ expected: String) throws {
        let error = try #require(throws: JibangError.self) { try StoreAddress(parsing: text) }
        #expect(error.code == .invalidInput)
        #expect(error.message.contains(expected), "\(error.message)")
        #expect(error.hint?.field == "database")
    }
}
