/// The simulator's record of one Scaleway VPC private network (`/vpc/v2/regions/{region}/private-networks`):
/// regional, so each region of the fleet's zones lists its own, once. The factory's private network
/// ids (which servers' private NICs name) are the first region's; every region also has one no NIC
/// is on. Fixed for the fleet's life, as its VPC is.
public struct ScalewayPrivateNetwork: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var region: String
    public var organization: String
    public var project: String
    public var vpcID: String
    public var subnets: [Subnet]
    public var createdAt: String
    public var tags: [String]

    /// One IPv4 or IPv6 range of the network.
    public struct Subnet: Codable, Sendable, Equatable {
        public var id: String
        public var cidr: String
    }

    /// `fr-par` for `fr-par-1`.
    static func region(of zone: String) -> String {
        guard let dash = zone.lastIndex(of: "-") else { return zone }
        return String(zone[..<dash])
    }

    /// The regions of `zones`, in order, each once.
    public static func regions(of zones: [String]) -> [String] {
        var regions: [String] = []
        for region in zones.map(region(of:)) where !regions.contains(region) { regions.append(region) }
        return regions
    }

    /// The private networks of every region of the fleet's zones, by region.
    static func generate(
        zones: [String], usedIDs: [String], factory: ResourceFactory, random: inout SeededGenerator
    ) -> [String: OrderedRecords<ScalewayPrivateNetwork>] {
        var byRegion: [String: OrderedRecords<ScalewayPrivateNetwork>] = [:]
        for (index, region) in regions(of: zones).enumerated() {
            let vpcID = random.uuid()
            var records = OrderedRecords<ScalewayPrivateNetwork>()
            for (number, id) in ((index == 0 ? usedIDs : []) + [random.uuid()]).enumerated() {
                let network = ScalewayPrivateNetwork(
                    id: id, name: "pn-\(region)-\(number)", region: region, organization: factory.organizationID,
                    project: factory.projectIDs[number % factory.projectIDs.count], vpcID: vpcID,
                    subnets: [Subnet(id: random.uuid(), cidr: "172.16.\(number * 4).0/22"),
                              Subnet(id: random.uuid(), cidr: "fd5f:519c:6d46:\(String(number, radix: 16))::/64")],
                    createdAt: SimulatedClock.scalewayTimestamp(SimulatedClock.startSeconds - 86_400 * Int64(20 + number), micros: 0),
                    tags: number == 0 ? ["prod"] : [])
                records.append(network, id: network.id)
            }
            byRegion[region] = records
        }
        return byRegion
    }

    /// The private network as VPC v2 lists it (as recorded in 2026: subnets carry their references).
    var wire: JSONValue {
        .object([
            ("created_at", .string(createdAt)),
            ("default_route_propagation_enabled", .bool(false)),
            ("dhcp_enabled", .bool(true)),
            ("has_s3_integration", .bool(false)),
            ("id", .string(id)),
            ("name", .string(name)),
            ("organization_id", .string(organization)),
            ("project_id", .string(project)),
            ("region", .string(region)),
            ("subnets", .array(subnets.map { subnet in
                .object([
                    ("created_at", .string(createdAt)), ("id", .string(subnet.id)), ("private_network_id", .string(id)),
                    ("project_id", .string(project)), ("region", .string(region)), ("subnet", .string(subnet.cidr)),
                    ("updated_at", .string(createdAt)), ("vpc_id", .string(vpcID)),
                ])
            })),
            ("tags", .array(tags.map(JSONValue.string))),
            ("updated_at", .string(createdAt)),
            ("vpc_id", .string(vpcID)),
        ])
    }
}
