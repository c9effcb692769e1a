import ArgumentParser

/// A query parameter as typed: `name=value` (the value may be empty or hold `=`).
struct ParameterAssignment: ExpressibleByArgument, Sendable {
    let name: String
    let value: String

    init?(argument: String) {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else { return nil }
        name = String(argument[..<equals])
        value = String(argument[argument.index(after: equals)...])
    }

    static var defaultCompletionKind: CompletionKind { .list([]) }

    /// The assignments as arguments to bind: a later one of a name wins.
    static func dictionary(_ assignments: [ParameterAssignment]) -> [String: String] {
        Dictionary(assignments.map { ($0.name, $0.value) }, uniquingKeysWith: { _, later in later })
    }
}
