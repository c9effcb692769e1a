import ArgumentParser

/// `--as-of WHEN`, shared by every command that answers from the inventory as it was.
struct AsOfOptions: ParsableArguments {
    @Option(name: .customLong("as-of"),
            help: ArgumentHelp("Answer as of a past sync: \(MomentArgument.forms).", valueName: "when"))
    var moment: MomentArgument?

    /// What was typed, for the engine; nil for now.
    var text: String? { moment?.text }
}
