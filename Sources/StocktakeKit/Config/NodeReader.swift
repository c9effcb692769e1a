import Yams

/// Reads typed values out of YAML nodes, with errors that name the file and line.
struct NodeReader {
    let path: String
    let environment: [String: String]

    func error(_ node: Node, _ message: String) -> ConfigurationError {
        ConfigurationError(file: path, line: node.mark?.line, message)
    }

    /// A mapping's entries by key; with `allowed`, any other key is an error.
    func mapping(_ node: Node, context: String, allowed: [String]?) throws -> [String: Node] {
        guard let mapping = node.mapping else { throw error(node, "\(context) must be a mapping of keys to values") }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw error(key, "\(context): keys must be text") }
            if let allowed, !allowed.contains(name) {
                throw error(key, "unknown key '\(name)' in \(context); known keys: \(allowed.joined(separator: ", "))")
            }
            if result[name] != nil { throw error(key, "the key '\(name)' appears twice in \(context)") }
            result[name] = value
        }
        return result
    }

    func sequence(_ node: Node, context: String) throws -> [Node] {
        guard let sequence = node.sequence else { throw error(node, "`\(context):` must be a list") }
        return Array(sequence)
    }

    /// A scalar as text, with `${VAR}` replaced from the environment.
    func string(_ node: Node, context: String) throws -> String {
        guard let scalar = node.scalar else { throw error(node, "`\(context):` must be a single value") }
        return try expand(scalar.string, node: node, context: context)
    }

    func integer(_ node: Node, context: String, range: ClosedRange<Int>) throws -> Int {
        let text = try string(node, context: context)
        guard let value = Int(text), range.contains(value) else {
            throw error(node, "`\(context):` must be a whole number from \(range.lowerBound) to \(range.upperBound) (got '\(text)')")
        }
        return value
    }

    /// Replaces every `${NAME}`; an unset variable is an error that names it.
    func expand(_ text: String, node: Node, context: String) throws -> String {
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                throw error(node, "`\(context):` has '${' without a closing '}'")
            }
            let name = String(rest[start.upperBound..<end])
            guard let value = environment[name] else {
                throw error(node, "`\(context):` uses ${\(name)}, but the environment variable \(name) is not set; export it or write the value")
            }
            result += value
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}
