import Logging
import NIOSSL
import PostgresNIO

/// A connection to a PostgreSQL inventory: connects as libpq would (TCP or the Unix socket,
/// `sslmode`, the password from the URL, `PGPASSWORD` or `~/.pgpass`) and brings the schema up to
/// date. The groundwork of PostgreSQL as the shared store: the commands do not use it yet.
public final class PostgresStore: Sendable {
    public let location: PostgresLocation
    let connection: PostgresConnection
    let logger: Logger

    private init(location: PostgresLocation, connection: PostgresConnection, logger: Logger) {
        self.location = location
        self.connection = connection
        self.logger = logger
    }

    /// Connects to `location`; errors name the URL without its password.
    public static func connect(
        _ location: PostgresLocation, environment: [String: String], home: String, logger: Logger = Logger(label: "stocktake.postgres")
    ) async throws -> PostgresStore {
        let password = location.resolvedPassword(environment: environment, home: home).password
        let user = location.user ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        let configuration: PostgresConnection.Configuration
        if let host = location.host {
            configuration = PostgresConnection.Configuration(
                host: host, port: location.port, username: user, password: password, database: location.database,
                tls: try tls(location.sslMode))
        } else {
            let directory = location.socketDirectory ?? "/var/run/postgresql"
            configuration = PostgresConnection.Configuration(
                unixSocketPath: "\(directory)/.s.PGSQL.\(location.port)", username: user, password: password,
                database: location.database)
        }
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            return PostgresStore(location: location, connection: connection, logger: logger)
        } catch {
            throw PostgresStoreError.cannotConnect(location.description, reason: String(reflecting: error).redactingPassword(password))
        }
    }

    /// The TLS libpq's `sslmode` asks for.
    private static func tls(_ mode: PostgresLocation.SSLMode) throws -> PostgresConnection.Configuration.TLS {
        switch mode {
        case .disable:
            return .disable
        case .allow, .prefer: return .prefer(try context(verifying: .none))
        case .require: return .require(try context(verifying: .none))
        case .verifyCA: return .require(try context(verifying: .noHostnameVerification))
        case .verifyFull: return .require(try context(verifying: .fullVerification))
        }
    }

    /// A client TLS context that checks the server's certificate as far as `verification` says.
    private static func context(verifying verification: CertificateVerification) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = verification
        return try NIOSSLContext(configuration: configuration)
    }

    /// Runs the migrations this build knows that the database lacks, each in one transaction,
    /// under an advisory lock so that two hosts starting at once do not both run one.
    public func migrate() async throws {
        try await execute("SELECT pg_advisory_lock(\(Self.migrationLock))")
        do {
            try await execute("CREATE TABLE IF NOT EXISTS stocktake_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
            let applied = try await appliedMigrations()
            for migration in PostgresMigrations.all where !applied.contains(migration.name) {
                try await execute("BEGIN")
                do {
                    for statement in PostgresMigrations.statements(migration.sql) { try await execute(statement) }
                    try await connection.query("INSERT INTO stocktake_migrations (name) VALUES (\(migration.name))", logger: logger)
                    try await execute("COMMIT")
                } catch {
                    try? await execute("ROLLBACK")
                    throw error
                }
            }
        } catch {
            _ = try? await execute("SELECT pg_advisory_unlock(\(Self.migrationLock))")
            throw error
        }
        try await execute("SELECT pg_advisory_unlock(\(Self.migrationLock))")
    }

    /// The key of the advisory lock migrations hold (an arbitrary constant: "stocktake" in ASCII).
    static let migrationLock: Int64 = 0x73746F636B74616B

    /// The names of the migrations the database has.
    public func appliedMigrations() async throws -> Set<String> {
        var names: Set<String> = []
        for try await name in try await connection.query("SELECT name FROM stocktake_migrations", logger: logger).decode(String.self) {
            names.insert(name)
        }
        return names
    }

    /// The rows of one statement whose text is fixed (no values from outside), each value as text
    /// (numbers written out, NULL as nil): for checks that compare stores.
    public func textRows(_ sql: String) async throws -> [[String?]] {
        var rows: [[String?]] = []
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {
            rows.append(try row.map { cell -> String? in
                guard cell.bytes != nil else { return nil }
                switch cell.dataType {
                case .int2, .int4, .int8: return String(try cell.decode(Int64.self))
                case .bool: return try cell.decode(Bool.self) ? "1" : "0"
                case .float4, .float8: return String(try cell.decode(Double.self))
                default: return try cell.decode(String.self)
                }
            })
        }
        return rows
    }

    /// Runs one statement whose text is fixed (no values from outside).
    public func execute(_ sql: String) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }

    /// What the server said about a failed statement (its message, detail and SQLSTATE), or the
    /// kind of failure when it said nothing (the connection closed): never the statement's values.
    public static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        guard let info = error.serverInfo, let message = info[.message] else {
            return "PostgreSQL connection failed (\(error.code))"
        }
        let detail = info[.detail].map { " (\($0))" } ?? ""
        return "PostgreSQL: \(message)\(detail)" + (info[.sqlState].map { " [SQLSTATE \($0)]" } ?? "")
    }

    /// Closes the connection.
    public func close() async throws {
        try await connection.close()
    }
}

/// A PostgreSQL inventory that cannot be used, said without its password.
public enum PostgresStoreError: Error, CustomStringConvertible, Sendable {
    case cannotConnect(String, reason: String)
    case notEmpty(String)

    public var description: String {
        switch self {
        case .notEmpty(let url):
            return "\(url) already holds an inventory (it has sync runs); copy into an empty database"
        case .cannotConnect(let url, let reason):
            return "cannot connect to \(url): \(reason); check that the server runs and the URL, user and password are right"
        }
    }
}

extension String {
    /// The text with `password` taken out, for messages that may quote a connection's settings.
    func redactingPassword(_ password: String?) -> String {
        guard let password, !password.isEmpty else { return self }
        return replacingOccurrences(of: password, with: "…")
    }
}
