import Foundation

/// The named queries: the bundled ones, and a user directory whose queries
/// override bundled ones of the same name.
public struct QueryLibrary: Sendable {
    public private(set) var queries: [String: NamedQuery] = [:]
    /// One line per user query that overrides a bundled one, and per user file that was skipped.
    public private(set) var notices: [String] = []

    /// The bundled queries, then every `*.sql` in `userDirectory`.
    public init(userDirectory: String? = nil) throws {
        for file in BundledQueries.files {
            let query = try NamedQuery.parse(file.text, path: "queries/\(file.name)", origin: .bundled)
            queries[query.name] = query
        }
        guard let userDirectory else { return }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: userDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw QueryError.badQueryFile(path: userDirectory, reason: "no such directory of queries (--queries or queries_dir:)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: userDirectory).filter { $0.hasSuffix(".sql") }.sorted()
        for file in files {
            let path = (userDirectory as NSString).appendingPathComponent(file)
            let query: NamedQuery
            do {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw QueryError.badQueryFile(path: path, reason: "cannot be read")
                }
                guard let text = String(validating: data, as: UTF8.self) else {
                    throw QueryError.badQueryFile(path: path, reason: "is not UTF-8 text")
                }
                query = try NamedQuery.parse(text, path: path, origin: .user)
            } catch let error as QueryError {
                notices.append("warning: \(error.description); skipped, the other queries still run")
                continue
            }
            if queries[query.name]?.origin == .bundled {
                notices.append("notice: \(path) overrides the bundled query '\(query.name)'")
            }
            queries[query.name] = query
        }
    }

    /// Every query, by name.
    public var all: [NamedQuery] {
        queries.values.sorted { $0.name < $1.name }
    }

    /// The query called `name`, or an error that lists the queries there are.
    public func query(_ name: String) throws -> NamedQuery {
        guard let query = queries[name] else { throw QueryError.unknownQuery(name, known: all.map(\.name)) }
        return query
    }
}
