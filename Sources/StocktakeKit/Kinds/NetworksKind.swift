extension KindDeclaration {
    /// CloudSigma VLANs, into `networks`, with the servers each lists.
    static let vlans = KindDeclaration(table: .networks, listings: [
        .cloudsigma: ListingDeclaration(
            name: "vlans", path: "vlans/detail/", envelope: "objects", paging: .cloudSigmaOffset, scope: .location,
            permission: "read access to VLANs", mapping: .rows { CloudSigmaMapping.vlan($0, tagNames: $1.tagNames) }),
    ])

    /// Scaleway VPC private networks, into `networks` beside the VLANs: regional, so listed once per
    /// region of the account's zones (two zones of a region would both list them). The listing names
    /// no servers: servers' private NICs name the network (`server_nics.private_network`).
    static let privateNetworks = KindDeclaration(table: .networks, listings: [
        .scaleway: ListingDeclaration(
            name: "private_networks", path: "vpc/v2/regions/{zone}/private-networks", envelope: "private_networks",
            paging: .scalewayBody, scope: .region, permission: "PrivateNetworksReadOnly",
            mapping: .rows { object, _ in privateNetwork(object) }),
    ])

    /// A VPC private network: its name and tags; the subnets stay in `raw`.
    static func privateNetwork(_ object: WireValue) -> NetworkRow? {
        guard let id = object.string("id") else { return nil }
        return NetworkRow(id: id, name: object.string("name"), networkType: "private_network", raw: RawSanitizer.raw(object),
                          servers: [], tags: ScalewayMapping.tags(object))
    }
}
