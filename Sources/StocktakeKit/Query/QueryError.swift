/// Problems with a query, its parameters or the time it should run as of.
public enum QueryError: Error, CustomStringConvertible, Sendable, Equatable {
    case unknownQuery(String, known: [String])
    case unknownParameter(query: String, parameter: String, known: [String])
    case badQueryFile(path: String, reason: String)
    case notReadOnly(String)
    case badSQL(String)
    case badTime(String)
    case beforeFirstSync(String)
    case cannotWrite(path: String, reason: String)
    case badParameterValue(query: String, parameter: String, value: String, accepted: String)
    case badAge(String)
    case noSuchRun(Int64, last: Int64)
    case pruned(String, run: Int64, firstKept: Int64)
    case unknownAccount(String, known: [String])
    case exists(path: String)

    public var description: String {
        switch self {
        case .unknownQuery(let name, let known):
            return "there is no query named '\(name)'\(Suggestion.phrase(for: name, in: known)); the queries are: \(known.joined(separator: ", ")) (`stocktake queries` lists them)"
        case .unknownParameter(let query, let parameter, let known):
            let list = known.isEmpty ? "it takes none" : "it takes: \(known.joined(separator: ", "))"
            return "query '\(query)' has no parameter '\(parameter)'\(Suggestion.phrase(for: parameter, in: known)); \(list)"
        case .badQueryFile(let path, let reason):
            return "\(path): \(reason)"
        case .notReadOnly(let what):
            return "read-only: \(what); `stocktake sql` and named queries only read the inventory (the database was not touched)"
        case .badSQL(let message):
            return "the SQL failed: \(message)"
        case .badTime(let text):
            return "'\(text)' is not a time: use a run number (3 or #3), a date or time (2026-11-01, 2026-11-01T09:00:00Z) or an age (90m, 12h, 3d)"
        case .beforeFirstSync(let text):
            return "no sync had finished by \(text); nothing to show as of then (`stocktake status` shows what there is)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason); check that its directory exists and is writable"
        case .badParameterValue(let query, let parameter, let value, let accepted):
            return "query '\(query)': \(parameter)=\(value) is not \(accepted)"
        case .badAge(let text):
            return "'\(text)' is not \(TimeExpression.ageForms) or a number of seconds"
        case .pruned(let text, let run, let firstKept):
            return "--as-of \(text) means run \(run), which `stocktake prune` removed; answers are kept from run \(firstKept) on (`stocktake status` and `sql \"SELECT * FROM prunes\"` show when)"
        case .noSuchRun(let run, let last):
            return last == 0 ? "there is no run \(run): no sync has run yet" : "there is no run \(run); runs go from 1 to \(last) (`stocktake status` shows the latest)"
        case .unknownAccount(let name, let known):
            return "no account named '\(name)' in the database\(Suggestion.phrase(for: name, in: known)); the accounts are: \(known.isEmpty ? "(none yet)" : known.joined(separator: ", "))"
        case .exists(let path):
            return "\(path) already exists; choose another path, remove it, or pass --force to overwrite it"
        }
    }
}
