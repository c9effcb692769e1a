extension KindDeclaration {
    /// IP addresses the account holds: Scaleway flexible IPs, CloudSigma IPs.
    static let ips = KindDeclaration(table: .ips, listings: [
        .scaleway: ListingDeclaration(
            name: "ips", path: "instance/v1/zones/{zone}/ips", envelope: "ips", paging: .scalewayHeaders, scope: .zone,
            permission: "InstancesReadOnly", mapping: .rows { object, _ in ScalewayMapping.ip(object) }),
        .cloudsigma: ListingDeclaration(
            name: "ips", path: "ips/detail/", envelope: "objects", paging: .cloudSigmaOffset, scope: .location,
            permission: "read access to IPs", mapping: .rows { CloudSigmaMapping.ip($0, tagNames: $1.tagNames) }),
    ])
}
