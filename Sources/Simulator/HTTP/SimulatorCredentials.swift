/// The credentials the simulator accepts; anything else gets the provider's 401.
public struct SimulatorCredentials: Sendable, Equatable {
    /// Scaleway `X-Auth-Token`. UUID-shaped because the official client insists on it.
    public var scalewaySecretKey: String
    /// CloudSigma HTTP Basic user name (an e-mail address).
    public var cloudSigmaUsername: String
    /// CloudSigma HTTP Basic password.
    public var cloudSigmaPassword: String

    public init(
        scalewaySecretKey: String = Self.default.scalewaySecretKey,
        cloudSigmaUsername: String = Self.default.cloudSigmaUsername,
        cloudSigmaPassword: String = Self.default.cloudSigmaPassword
    ) {
        self.scalewaySecretKey = scalewaySecretKey
        self.cloudSigmaUsername = cloudSigmaUsername
        self.cloudSigmaPassword = cloudSigmaPassword
    }

    private init(defaults: Void) {
        scalewaySecretKey = "11111111-1111-4111-8111-111111111111"
        cloudSigmaUsername = "cs@example.com"
        cloudSigmaPassword = "cs-pass"
    }

    /// Secret key `11111111-1111-4111-8111-111111111111`; user `cs@example.com`, password `cs-pass`.
    public static let `default` = SimulatorCredentials(defaults: ())
}
