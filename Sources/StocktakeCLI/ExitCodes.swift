import ArgumentParser
import Foundation
import StocktakeKit

/// The exit codes every command documents.
enum ExitCodes {
    static let failure: Int32 = 1
    static let partial: Int32 = 2
    /// `status --max-age`: a scope is stale, never applied or failing, or the last run failed.
    static let stale: Int32 = 3
    static let usage: Int32 = 64
    static let busy: Int32 = 75
    static let configuration: Int32 = 78
}
