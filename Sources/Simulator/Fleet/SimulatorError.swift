/// Errors the simulator reports to whoever started it.
public enum SimulatorError: Error, CustomStringConvertible, Equatable {
    case invalidConfiguration(String)
    case invalidFault(String)
    case couldNotBind(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let message): return "invalid simulator configuration: \(message)"
        case .invalidFault(let message): return "invalid fault: \(message)"
        case .couldNotBind(let host, let port, let reason):
            return "the simulator could not listen on \(host):\(port): \(reason); choose another --port, or 0 for any free port"
        }
    }
}
