import Foundation

/// A PostgreSQL database named the way libpq users write it:
/// `postgresql://[user[:password]@][host][:port][/dbname][?param=value&...]` (or `postgres://`),
/// with the Unix-socket form `?host=/run/postgresql`. The password is kept only to connect: the
/// description never shows it, and neither does any error.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is encrypted, as libpq's `sslmode` says it.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var user: String?
    /// The password written in the URL (or its `password` parameter); nil when it names none.
    public var password: String?
    /// A host name or address; nil with `socketDirectory` (or neither: the default socket).
    public var host: String?
    /// The directory of the server's Unix socket (`?host=/run/postgresql`).
    public var socketDirectory: String?
    public var port: Int
    public var database: String?
    public var sslMode: SSLMode

    /// Whether `text` is written as a PostgreSQL URL rather than a file path.
    public static func isURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://")
    }

    /// Reads a `postgresql://` or `postgres://` URL.
    public init(url text: String) throws(StoreLocationError) {
        guard let schemeEnd = text.range(of: "://"), Self.isURL(text) else {
            throw .notAURL(Self.redacted(text))
        }
        var rest = Substring(text[schemeEnd.upperBound...])
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                user = try Self.decoded(credentials[..<colon], in: text)
                password = try Self.decoded(credentials[credentials.index(after: colon)...], in: text)
            } else {
                user = try Self.decoded(credentials, in: text)
            }
        }
        port = 5432
        sslMode = .prefer
        try readHostAndPort(rest, in: text)
        database = path.isEmpty ? nil : try Self.decoded(path, in: text)
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = try Self.decoded(parts.count == 2 ? parts[1] : "", in: text)
            try apply(parameter: String(parts[0]), value: value, in: text)
        }
        if user?.isEmpty == true { user = nil }
        if host?.isEmpty == true { host = nil }
    }

    private mutating func readHostAndPort(_ authority: Substring, in text: String) throws(StoreLocationError) {
        var hostPart = authority
        var portPart: Substring?
        if hostPart.hasPrefix("["), let close = hostPart.firstIndex(of: "]") {
            let after = hostPart[hostPart.index(after: close)...]
            if after.hasPrefix(":") { portPart = after.dropFirst() }
            hostPart = hostPart[hostPart.index(after: hostPart.startIndex)..<close]
        } else if let colon = hostPart.lastIndex(of: ":") {
            portPart = hostPart[hostPart.index(after: colon)...]
            hostPart = hostPart[..<colon]
        }
        host = try Self.decoded(hostPart, in: text)
        if let portPart { port = try Self.port(String(portPart), in: text) }
    }

    private mutating func apply(parameter name: String, value: String, in text: String) throws(StoreLocationError) {
        switch name {
        case "host":
            if value.hasPrefix("/") { socketDirectory = value; host = nil } else { host = value }
        case "port": port = try Self.port(value, in: text)
        case "user": user = value
        case "password": password = value
        case "dbname": database = value
        case "sslmode":
            guard let mode = SSLMode(rawValue: value) else {
                throw .badParameter(url: Self.redacted(text), parameter: "sslmode",
                                    detail: "'\(value)' is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            sslMode = mode
        case "application_name", "connect_timeout":
            break
        default:
            throw .badParameter(url: Self.redacted(text), parameter: name,
                                detail: "not a parameter Stocktake reads (host, port, user, password, dbname, sslmode)")
        }
    }

    private static func port(_ text: String, in url: String) throws(StoreLocationError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw .badParameter(url: redacted(url), parameter: "port", detail: "'\(text)' is not a TCP port (1 to 65535)")
        }
        return port
    }

    private static func decoded(_ text: Substring, in url: String) throws(StoreLocationError) -> String {
        guard let value = String(text).removingPercentEncoding else {
            throw .notAURL(redacted(url))
        }
        return value
    }

    /// The URL as written, password and all, never: `postgresql://ops@db.example:5432/inventory`.
    public var description: String {
        var text = "postgresql://"
        if let user { text += Self.encoded(user) + "@" }
        if let host { text += host.contains(":") ? "[\(host)]" : Self.encoded(host) }
        if host != nil || port != 5432 { text += ":\(port)" }
        text += "/" + (database.map(Self.encoded) ?? "")
        var parameters: [String] = []
        if let socketDirectory { parameters.append("host=" + socketDirectory) }
        if sslMode != .prefer { parameters.append("sslmode=" + sslMode.rawValue) }
        return parameters.isEmpty ? text : text + "?" + parameters.joined(separator: "&")
    }

    private static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed.subtracting(CharacterSet(charactersIn: ":@/"))) ?? text
    }

    /// `text` with any password taken out (in the authority and in a `password=` parameter), for
    /// messages about a URL that did not parse.
    public static func redacted(_ text: String) -> String {
        var result = text
        if let schemeEnd = result.range(of: "://") {
            let authorityEnd = result[schemeEnd.upperBound...].firstIndex { $0 == "/" || $0 == "?" } ?? result.endIndex
            if let at = result[schemeEnd.upperBound..<authorityEnd].lastIndex(of: "@"),
               let colon = result[schemeEnd.upperBound..<at].firstIndex(of: ":") {
                result.replaceSubrange(colon..<at, with: ":…")
            }
        }
        return result.replacing(/([?&]password=)[^&]*/) { "\($0.1)…" }
    }

    /// The password to connect with: the URL's, else `$PGPASSWORD`, else the first matching line of
    /// `$PGPASSFILE` or `~/.pgpass` (ignored, with a notice, when others may read it, as libpq does).
    public func resolvedPassword(environment: [String: String], home: String) -> (password: String?, notice: String?) {
        if let password { return (password, nil) }
        if let password = environment["PGPASSWORD"], !password.isEmpty { return (password, nil) }
        let file = environment["PGPASSFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.pgpass"
        var info = stat()
        guard stat(file, &info) == 0 else { return (nil, nil) }
        guard info.st_mode & 0o077 == 0 else {
            return (nil, "\(file) is readable by others (its mode should be 0600): ignored, as libpq does")
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return (nil, nil) }
        let user = self.user ?? environment["USER"] ?? ""
        // A Unix-socket connection matches `localhost` (or its socket directory), as libpq does.
        let hosts = host.map { [$0] } ?? ["localhost"] + (socketDirectory.map { [$0] } ?? [])
        let wanted = [String(port), database ?? user, user]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = Self.pgpassFields(line)
            guard fields.count == 5, fields[0] == "*" || hosts.contains(fields[0]),
                  zip(fields[1...3], wanted).allSatisfy({ $0 == "*" || $0 == $1 }) else { continue }
            return (fields[4], nil)
        }
        return (nil, nil)
    }

    /// A `.pgpass` line's fields: colon-separated, `\:` and `\\` escaped.
    static func pgpassFields(_ line: Substring) -> [String] {
        var fields: [String] = [""]
        var escaped = false
        for character in line {
            if escaped {
                fields[fields.count - 1].append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append("")
            } else {
                fields[fields.count - 1].append(character)
            }
        }
        return fields
    }
}
