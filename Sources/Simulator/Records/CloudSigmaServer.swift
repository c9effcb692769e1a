/// The simulator's record of one CloudSigma server.
public struct CloudSigmaServer: Codable, Sendable, Equatable {
    public var uuid: String
    public var name: String
    public var status: String
    public var cpu: Int
    public var smp: Int
    public var mem: Int64
    public var cpusInsteadOfCores: Bool
    public var enableNuma: Bool
    public var hvRelaxed: Bool
    public var hvTsc: Bool
    /// A secret: the API returns it, Stocktake must never store it.
    public var vncPassword: String
    public var meta: [String: String]
    /// Tag uuids, as the API references them.
    public var tags: [String]
    public var drives: [DriveAttachment]
    public var nics: [NIC]
    /// When the guest started; nil unless running. Part of `runtime`, so volatile.
    public var activeSince: String?

    /// A drive on one of the server's device channels. `listed` is false for a
    /// drive the account's `/drives/` listing does not return (a library CD-ROM).
    public struct DriveAttachment: Codable, Sendable, Equatable {
        public var driveUUID: String
        public var device: String
        public var devChannel: String
        public var bootOrder: Int?
        public var listed: Bool
    }

    /// A network interface. `ipv4Conf` is dhcp, static or manual, or nil for a
    /// VLAN-only interface.
    public struct NIC: Codable, Sendable, Equatable {
        public var mac: String
        public var model: String
        public var ipv4Conf: String?
        public var ipv4Address: String?
        public var vlanUUID: String?
        public var firewallPolicyUUID: String?
        public var bootOrder: Int?
        /// The address a DHCP interface leases while the server runs.
        public var leasedIPv4: String?
    }
}
