import JibangCSV
import Testing

@Suite struct CSVTableTests {
    @Test func quotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let table = try CSVTable(parsing: "a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",z\n\n3,,\n")
        #expect(table.header == ["a", "b", "c"])
        #expect(table.rows.map(\.fields) == [["1", "x, y", "say \"hi\""], ["2", "two\nlines", "z"], ["3", "", ""]])
        #expect(table.rows.map(\.line) == [2, 3, 6])
    }

    @Test func crlfAndByteOrderMark() throws {
        let table = try CSVTable(parsing: "\u{FEFF}a,b\r\n1,2\r\n")
        #expect(table.header == ["a", "b"])
        #expect(table.rows.map(\.fields) == [["1", "2"]])
    }

    @Test func wrongFieldCountNamesLine() {
        do {
            _ = try CSVTable(parsing: "a,b\n1,2\n1,2,3\n")
            Issue.record("should throw")
        } catch {
            #expect(error.line == 3)
            #expect(error.reason.contains("found 3 fields, expected 2"))
        }
    }

    @Test func unterminatedQuoteNamesTheRowStart() {
        do {
            _ = try CSVTable(parsing: "a,b\n1,2\n3,\"open\nmore\n")
            Issue.record("should throw")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 2)
        }
    }

    /// Issue 17: the error names the line where the unclosed quote opened, not the row's first
    /// line nor the far line where the swallowed text ends.
    @Test func unclosedQuoteNamesTheLineItOpenedOn() {
        // The row starts on line 2; its second field (closed) spans lines 2–3; the third opens on 3.
        do {
            _ = try CSVTable(parsing: "a,b,c\n1,\"x\ny\",\"open\nmore\nrest\n")
            Issue.record("should throw")
        } catch {
            #expect(error.line == 3)
            #expect(error.reason.contains("opened on line 3") && error.reason.contains("runs to the end of the file"), "\(error.reason)")
        }
        // A stray quote on line 2 swallows lines 2–4 until the next quote, which closes it mid-field.
        do {
            _ = try CSVTable(parsing: "a,b\n1,\"abc\n2,def\n3,\"ghi\"\n4,jkl\n")
            Issue.record("should throw")
        } catch {
            #expect(error.line == 2)
            #expect(error.reason.contains("opened on line 2 runs to a quote on line 4"), "\(error.reason)")
        }
    }

    @Test func writerRoundTrips() throws {
        let fields = ["plain", "with, comma", "with \"quote\"", "two\nlines", ""]
        let table = try CSVTable(parsing: CSVWriter.line(["h1", "h2", "h3", "h4", "h5"]) + "\n" + CSVWriter.line(fields) + "\n")
        #expect(table.rows.first?.fields == fields)
    }
}
