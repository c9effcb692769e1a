import ArgumentParser
import Foundation
import StocktakeKit

extension ResultFormat: ExpressibleByArgument {}
