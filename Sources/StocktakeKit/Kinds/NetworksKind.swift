extension KindDeclaration {
    /// CloudSigma VLANs, into `networks`, with the servers each lists.
    static let vlans = KindDeclaration(table: .networks, listings: [
        .cloudsigma: ListingDeclaration(
            name: "vlans", path: "vlans/detail/", envelope: "objects", paging: .cloudSigmaOffset, scope: .location,
            permission: "read access to VLANs", mapping: .rows { CloudSigmaMapping.vlan($0, tagNames: $1.tagNames) }),
    ])
}
