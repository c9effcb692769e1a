import ArgumentParser
import StocktakeKit

/// A point in the inventory's history as typed: a run number (`3`, `#3`), a time
/// (`2026-11-01`, `2026-11-01T09:00:00Z`) or an age before now (`90m`, `12h`, `3d`, `2w`).
/// Parsed once, when the command line is; a text that is none of them fails before any work.
struct MomentArgument: ExpressibleByArgument, Sendable {
    /// What was typed, for the engine (which resolves an age or time against the database).
    let text: String
    /// The run it names, when it is a run number.
    let run: Int64?

    /// The accepted forms, for help texts.
    static let forms = "a run number (3 or #3), a time (2026-11-01, 2026-11-01T09:00:00Z) or an age (90m, 12h, 3d, 2w)"

    init?(argument: String) {
        let run = TimeExpression.run(argument)
        guard run != nil || TimeExpression.age(argument) != nil || TimeExpression.date(argument) != nil else { return nil }
        self.text = argument
        self.run = run
    }

    static var defaultCompletionKind: CompletionKind { .list([]) }
}

/// A length of time as typed: `90m`, `26h`, `3d`, `2w` (or `90min`, `12hours`, `3 days`).
struct AgeArgument: ExpressibleByArgument, Sendable {
    let seconds: Double

    /// The accepted forms, for help texts.
    static let forms = TimeExpression.ageForms

    init?(argument: String) {
        guard let seconds = TimeExpression.age(argument) else { return nil }
        self.seconds = seconds
    }

    static var defaultCompletionKind: CompletionKind { .list([]) }
}
