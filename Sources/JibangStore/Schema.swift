import GRDB

/// The store's schema as append-only, string-named migrations. Never edit a shipped
/// migration: add a new one. Migrations use literal SQL and names, never app types, so they
/// mean the same thing forever.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 programme tracker") { db in
            try db.create(table: "meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            try db.create(table: "division") { t in
                t.primaryKey("id", .text)
                t.column("level", .integer).notNull().check { [1, 2].contains($0) }
                t.column("kind", .text).notNull()
                t.column("province_id", .text).references("division")
                t.column("name_ko", .text).notNull()
                t.column("name_kcna", .text).notNull()
                t.column("name_rr", .text).notNull()
                t.column("name_mr", .text).notNull()
                t.column("lat", .double)
                t.column("lon", .double)
                t.column("aliases", .text).notNull()
                t.column("source", .text).notNull()
            }
            try db.create(table: "stage") { t in
                t.primaryKey("id", .text)
                t.column("kind", .text).notNull().check { ["pilot", "precursor", "20x10"].contains($0) }
                t.column("year", .integer).notNull()
                t.column("target", .integer)
                t.column("label", .text).notNull()
            }
            try db.create(table: "site") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("stage_id", .text).notNull().references("stage")
                t.column("division_id", .text).notNull().references("division")
                t.uniqueKey(["stage_id", "division_id"])
            }
            try db.create(table: "milestone") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("site_id", .integer).notNull().references("site", onDelete: .cascade)
                t.column("kind", .text).notNull().check {
                    ["selection", "groundbreaking", "leader_visit", "official_visit", "framework_completed", "inauguration", "in_operation"].contains(
                        $0)
                }
                t.column("date", .text).notNull()
                t.column("date_precision", .text).notNull().check { ["day", "month", "year", "range", "on-or-before"].contains($0) }
                t.column("date_earliest", .text)
                t.column("date_latest", .text).notNull()
                t.column("status", .text).notNull().check { ["claimed", "confirmed"].contains($0) }
                t.column("detail", .text)
                t.column("facilities", .text).notNull().defaults(to: "")
                t.column("note", .text)
                t.uniqueKey(["site_id", "kind", "date"])
            }
            try db.create(table: "actor") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("milestone_id", .integer).notNull().indexed().references("milestone", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("name", .text).notNull().check { length($0) > 0 }
                t.column("kind", .text).notNull().check { ["body", "person"].contains($0) }
            }
            try db.create(table: "source") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("milestone_id", .integer).notNull().references("milestone", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("url", .text).notNull().check { length($0) > 0 }
                t.column("outlet", .text)
                t.column("title", .text)
                t.column("published", .text)
                t.column("language", .text)
                t.column("quote", .text)
                t.uniqueKey(["milestone_id", "url"])
            }
        }
        migrator.registerMigration("v2 corpus") { db in
            try db.create(table: "corpus_segment") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("file", .text).notNull().unique()
                t.column("documents", .integer).notNull()
                t.column("text_bytes", .integer).notNull()
                t.column("index_bytes", .integer).notNull()
                t.column("segment_bytes", .integer).notNull()
            }
            try db.create(table: "document") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("doc_id", .text).notNull().unique()
                t.column("content_key", .text).notNull().unique()
                t.column("outlet", .text).notNull()
                t.column("date", .text).notNull()
                t.column("day", .integer).notNull()
                t.column("precision", .text).notNull().check { ["day", "month", "year"].contains($0) }
                t.column("title", .text).notNull()
                t.column("body", .text).notNull()
                t.column("original", .text)
                t.column("language", .text)
                t.column("url", .text)
                t.column("metadata", .text)
                t.column("source_file", .text).notNull()
                t.column("segment_id", .integer).notNull().indexed().references("corpus_segment")
            }
            try db.create(table: "ingest_run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("file", .text).notNull()
                t.column("finished", .datetime).notNull()
                t.column("ingested", .integer).notNull()
                t.column("already_stored", .integer).notNull()
                t.column("duplicates", .integer).notNull()
                t.column("skipped", .integer).notNull()
                t.column("skipped_by_reason", .text).notNull()
            }
        }
        migrator.registerMigration("v3 indicators") { db in
            try db.create(table: "indicator") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().check { length($0) > 0 }
                t.column("unit", .text).notNull()
                t.column("period", .text).notNull().check { length($0) > 0 }
                t.column("value", .double).notNull()
                t.column("source", .text).notNull().check { length($0) > 0 }
                t.column("note", .text)
                t.uniqueKey(["name", "period"])
            }
            // Preloaded: the figure the domain notes cite, with its source.
            try db.execute(
                sql: "INSERT INTO indicator (name, unit, period, value, source, note) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    "GDP per capita", "US$", "2019", 1400,
                    "DPRK Voluntary National Review on the Implementation of the 2030 Agenda, June 2021 (https://hlpf.un.org/countries/democratic-peoples-republic-of-korea/voluntary-national-review-2021)",
                    "as reported by North Korea",
                ])
        }
        migrator.registerMigration("v4 evidence") { db in
            try db.create(table: "evidence_candidate") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("key", .text).notNull().unique()
                t.column("document_id", .text).notNull().indexed()
                t.column("place_id", .text).references("division")
                t.column("province_id", .text).references("division")
                t.column("event", .text).notNull().check {
                    ["groundbreaking", "inauguration", "leader_visit", "official_visit", "framework_completed", "construction_progress"].contains($0)
                }
                t.column("date", .text).notNull()
                t.column("confidence", .double).notNull().check { $0 >= 0 && $0 <= 1 }
                t.column("status", .text).notNull().defaults(to: "pending").check { ["pending", "accepted", "rejected"].contains($0) }
                t.column("payload", .text).notNull()
                t.column("milestone_id", .integer).references("milestone", onDelete: .setNull)
                t.column("corroborates", .integer).references("milestone", onDelete: .setNull)
                t.column("decision_note", .text)
            }
        }
        migrator.registerMigration("v5 api tokens") { db in
            try db.create(table: "api_token") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("hash", .text).notNull().unique()
                t.column("role", .text).notNull().check { ["editor", "admin"].contains($0) }
                t.column("label", .text)
                t.column("created", .datetime).notNull()
                t.column("revoked", .datetime)
            }
        }
        migrator.registerMigration("v6 planned milestones") { db in
            // SQLite cannot change a CHECK constraint in place: rebuild the table (foreign keys
            // are off during a migration and checked at its end).
            try db.create(table: "milestone_v6") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("site_id", .integer).notNull().references("site", onDelete: .cascade)
                t.column("kind", .text).notNull().check {
                    ["selection", "groundbreaking", "leader_visit", "official_visit", "framework_completed", "inauguration", "in_operation"].contains(
                        $0)
                }
                t.column("date", .text).notNull()
                t.column("date_precision", .text).notNull().check { ["day", "month", "year", "range", "on-or-before"].contains($0) }
                t.column("date_earliest", .text)
                t.column("date_latest", .text).notNull()
                t.column("status", .text).notNull().check { ["claimed", "confirmed", "planned"].contains($0) }
                t.column("detail", .text)
                t.column("facilities", .text).notNull().defaults(to: "")
                t.column("note", .text)
                t.uniqueKey(["site_id", "kind", "date"])
            }
            let columns = "id, site_id, kind, date, date_precision, date_earliest, date_latest, status, detail, facilities, note"
            try db.execute(sql: "INSERT INTO milestone_v6 (\(columns)) SELECT \(columns) FROM milestone")
            try db.drop(table: "milestone")
            try db.rename(table: "milestone_v6", to: "milestone")
        }
        migrator.registerMigration("v7 document tally") { db in
            // Documents per first day, precision, outlet and language ('' when none), kept by
            // triggers in the same transaction as the documents: the per-period language mix
            // that compare and report check reads this small table, not a million rows.
            try db.execute(
                sql: """
                    CREATE TABLE document_tally (
                        day INTEGER NOT NULL, precision TEXT NOT NULL, outlet TEXT NOT NULL, language TEXT NOT NULL,
                        documents INTEGER NOT NULL CHECK (documents >= 0),
                        PRIMARY KEY (day, precision, outlet, language)
                    ) WITHOUT ROWID;
                    INSERT INTO document_tally (day, precision, outlet, language, documents)
                        SELECT day, precision, outlet, COALESCE(language, ''), COUNT(*) FROM document GROUP BY 1, 2, 3, 4;
                    CREATE TRIGGER document_tally_insert AFTER INSERT ON document BEGIN
                        INSERT INTO document_tally (day, precision, outlet, language, documents)
                            VALUES (NEW.day, NEW.precision, NEW.outlet, COALESCE(NEW.language, ''), 1)
                            ON CONFLICT (day, precision, outlet, language) DO UPDATE SET documents = documents + 1;
                    END;
                    CREATE TRIGGER document_tally_delete AFTER DELETE ON document BEGIN
                        UPDATE document_tally SET documents = documents - 1
                            WHERE day = OLD.day AND precision = OLD.precision AND outlet = OLD.outlet AND language = COALESCE(OLD.language, '');
                    END;
                    CREATE TRIGGER document_tally_update AFTER UPDATE OF day, precision, outlet, language ON document BEGIN
                        UPDATE document_tally SET documents = documents - 1
                            WHERE day = OLD.day AND precision = OLD.precision AND outlet = OLD.outlet AND language = COALESCE(OLD.language, '');
                        INSERT INTO document_tally (day, precision, outlet, language, documents)
                            VALUES (NEW.day, NEW.precision, NEW.outlet, COALESCE(NEW.language, ''), 1)
                            ON CONFLICT (day, precision, outlet, language) DO UPDATE SET documents = documents + 1;
                    END;
                    """)
        }
        migrator.registerMigration("v8 audit and retraction") { db in
            for table in ["milestone", "source"] {
                try db.alter(table: table) { t in
                    t.add(column: "retracted_at", .text)
                    t.add(column: "retraction_reason", .text)
                }
            }
            // Whether accepting a candidate created its milestone (else it added a source), for reverting it.
            try db.alter(table: "evidence_candidate") { t in t.add(column: "created_milestone", .boolean) }
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .text).notNull()
                t.column("actor_kind", .text).notNull()
                t.column("actor_id", .text)
                t.column("actor_label", .text)
                t.column("actor_role", .text)
                t.column("action", .text).notNull()
                t.column("entity", .text).notNull()
                t.column("entity_id", .text)
                t.column("reason", .text)
                t.column("before", .text)
                t.column("after", .text)
            }
            try db.create(index: "audit_entity", on: "audit", columns: ["entity", "entity_id"])
            // A viewer role (reads a private server): rebuild the token table for its CHECK.
            try db.create(table: "api_token_v8") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("hash", .text).notNull().unique()
                t.column("role", .text).notNull().check { ["viewer", "editor", "admin"].contains($0) }
                t.column("label", .text)
                t.column("created", .datetime).notNull()
                t.column("revoked", .datetime)
            }
            try db.execute(
                sql:
                    "INSERT INTO api_token_v8 (id, hash, role, label, created, revoked) SELECT id, hash, role, label, created, revoked FROM api_token"
            )
            try db.drop(table: "api_token")
            try db.rename(table: "api_token_v8", to: "api_token")
        }
        migrator.registerMigration("v9 source date readings") { db in
            // The date a source gives when it differs from its milestone's (a disagreement kept, not settled).
            try db.alter(table: "source") { t in t.add(column: "reading", .text) }
        }
        migrator.registerMigration("v10 site roles") { db in
            // A wave site (counted against its wave's target) or an associated project at the place;
            // role_readings keeps every source's reading as JSON ([{role, source}]) when sources disagree.
            try db.alter(table: "site") { t in
                t.add(column: "role", .text).notNull().defaults(to: "wave").check { ["wave", "associated"].contains($0) }
                t.add(column: "role_readings", .text)
            }
        }
        migrator.registerMigration("v11 releases") { db in
            // Named snapshots of the programme record ([Site] JSON), immutable once written.
            try db.execute(
                sql: """
                    CREATE TABLE release (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
                        created_at TEXT NOT NULL,
                        notes TEXT,
                        jibang_version TEXT NOT NULL,
                        record TEXT NOT NULL
                    );
                    CREATE TRIGGER release_no_update BEFORE UPDATE ON release BEGIN
                        SELECT RAISE(ABORT, 'a release is immutable');
                    END;
                    CREATE TRIGGER release_no_delete BEFORE DELETE ON release BEGIN
                        SELECT RAISE(ABORT, 'a release is immutable');
                    END;
                    """)
        }
        migrator.registerMigration("v12 packed document texts") { db in
            // Each text once, compressed (`PackedText`): rows stored before keep `body` (and
            // `original`) until `jibang corpus reindex` packs them, a segment per transaction.
            try db.alter(table: "document") { t in
                t.add(column: "packed", .blob)
                t.add(column: "packed_bytes", .integer)
                t.add(column: "packed_original", .boolean)
            }
            // Finds the segments still to convert without reading every row.
            try db.execute(sql: "CREATE INDEX document_unpacked ON document (segment_id) WHERE packed IS NULL")
            // Bytes of the segment's stored texts (packed or not), for `corpus stats`.
            try db.alter(table: "corpus_segment") { t in t.add(column: "stored_bytes", .integer) }
            try db.execute(sql: "UPDATE corpus_segment SET stored_bytes = text_bytes")
        }
        migrator.registerMigration("v13 document versions") { db in
            // A document republished under its id with edited wording is a new version of it:
            // the key becomes (doc_id, version). SQLite cannot drop a column's UNIQUE, so the
            // table is rebuilt, keeping every row id (the index segments name them).
            // `observed_at` orders the versions (ISO 8601, UTC; the ingest time for rows stored
            // before); `is_first` and `is_latest` mark the versions each choice reads.
            let columns = """
                id, doc_id, content_key, outlet, date, day, precision, title, body, original, language, url, metadata, source_file, segment_id,
                packed, packed_bytes, packed_original
                """
            try db.execute(
                sql: """
                    CREATE TABLE document_v13 (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        doc_id TEXT NOT NULL,
                        version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
                        content_key TEXT NOT NULL,
                        outlet TEXT NOT NULL,
                        date TEXT NOT NULL,
                        day INTEGER NOT NULL,
                        precision TEXT NOT NULL CHECK (precision IN ('day', 'month', 'year')),
                        title TEXT NOT NULL,
                        body TEXT NOT NULL,
                        original TEXT,
                        language TEXT,
                        url TEXT,
                        metadata TEXT,
                        source_file TEXT NOT NULL,
                        segment_id INTEGER NOT NULL REFERENCES corpus_segment(id),
                        packed BLOB,
                        packed_bytes INTEGER,
                        packed_original BOOLEAN,
                        observed_at TEXT,
                        ingested_at TEXT,
                        is_first BOOLEAN NOT NULL DEFAULT 1,
                        is_latest BOOLEAN NOT NULL DEFAULT 1,
                        UNIQUE (doc_id, version)
                    );
                    INSERT INTO document_v13 (\(columns)) SELECT \(columns) FROM document;
                    DROP TABLE document;
                    ALTER TABLE document_v13 RENAME TO document;
                    CREATE INDEX document_on_segment_id ON document (segment_id);
                    CREATE INDEX document_on_content_key ON document (content_key);
                    CREATE INDEX document_unpacked ON document (segment_id) WHERE packed IS NULL;
                    CREATE INDEX document_hidden ON document (segment_id) WHERE NOT is_latest OR NOT is_first;
                    -- The tally counts documents, not versions: a document's first version stands for it.
                    CREATE TRIGGER document_tally_insert AFTER INSERT ON document WHEN NEW.version = 1 BEGIN
                        INSERT INTO document_tally (day, precision, outlet, language, documents)
                            VALUES (NEW.day, NEW.precision, NEW.outlet, COALESCE(NEW.language, ''), 1)
                            ON CONFLICT (day, precision, outlet, language) DO UPDATE SET documents = documents + 1;
                    END;
                    CREATE TRIGGER document_tally_delete AFTER DELETE ON document WHEN OLD.version = 1 BEGIN
                        UPDATE document_tally SET documents = documents - 1
                            WHERE day = OLD.day AND precision = OLD.precision AND outlet = OLD.outlet AND language = COALESCE(OLD.language, '');
                    END;
                    CREATE TRIGGER document_tally_update AFTER UPDATE OF day, precision, outlet, language ON document WHEN OLD.version = 1 BEGIN
                        UPDATE document_tally SET documents = documents - 1
                            WHERE day = OLD.day AND precision = OLD.precision AND outlet = OLD.outlet AND language = COALESCE(OLD.language, '');
                        INSERT INTO document_tally (day, precision, outlet, language, documents)
                            VALUES (NEW.day, NEW.precision, NEW.outlet, COALESCE(NEW.language, ''), 1)
                            ON CONFLICT (day, precision, outlet, language) DO UPDATE SET documents = documents + 1;
                    END;
                    -- What each snapshot of a source listed: a document missing from a later
                    -- snapshot is withdrawn, with the last time it was seen.
                    CREATE TABLE snapshot_listing (
                        source TEXT NOT NULL,
                        doc_id TEXT NOT NULL,
                        first_seen TEXT NOT NULL,
                        last_seen TEXT NOT NULL,
                        withdrawn_at TEXT,
                        PRIMARY KEY (source, doc_id)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v14 reprint clusters") { db in
            // Each document's MinHash signature (computed at ingest; rows stored before get one
            // when reprints are next clustered) and its reprint cluster: the row id of the
            // cluster's first member, NULL when it has no near-copy.
            try db.alter(table: "document") { t in
                t.add(column: "minhash", .blob)
                t.add(column: "cluster_id", .integer)
            }
            try db.execute(
                sql: """
                    CREATE INDEX document_reprint ON document (segment_id) WHERE cluster_id IS NOT NULL AND cluster_id != id;
                    CREATE INDEX document_cluster ON document (cluster_id) WHERE cluster_id IS NOT NULL;
                    CREATE TABLE corpus_setting (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v15 review sessions") { db in
            // Signed-in browsers of the review desk: a session is named by the SHA-256 of its
            // cookie's secret, belongs to a token (revoking it ends them), carries the CSRF
            // token its forms must send and the last decision, for undo. An accepted candidate
            // remembers whether it created the site and whether it added its source, so undoing
            // it takes back exactly what it wrote.
            try db.execute(
                sql: """
                    CREATE TABLE web_session (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        hash TEXT NOT NULL UNIQUE,
                        token_id INTEGER NOT NULL REFERENCES api_token(id) ON DELETE CASCADE,
                        csrf TEXT NOT NULL,
                        created DATETIME NOT NULL,
                        expires DATETIME NOT NULL,
                        last_decision TEXT
                    );
                    CREATE INDEX web_session_token ON web_session (token_id);
                    ALTER TABLE evidence_candidate ADD COLUMN created_site BOOLEAN;
                    ALTER TABLE evidence_candidate ADD COLUMN added_source BOOLEAN;
                    """)
        }
        migrator.registerMigration("v16 team corpus") { _ in
            // The step that brought the corpus to the PostgreSQL store; the embedded store has
            // had it since "v2 corpus". Both engines keep the same ids.
        }
        return migrator
    }
}

extension SQLiteStore {
    /// The schema's migration ids, oldest first: the PostgreSQL store uses the same.
    package static var migrationIDs: [String] { Schema.migrator.migrations }
}
