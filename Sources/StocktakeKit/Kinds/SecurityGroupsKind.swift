extension KindDeclaration {
    /// Scaleway Instance security groups, with the servers each lists.
    static let securityGroups = KindDeclaration(table: .securityGroups, listings: [
        .scaleway: ListingDeclaration(
            name: "security_groups", path: "instance/v1/zones/{zone}/security_groups", envelope: "security_groups",
            paging: .scalewayHeaders, scope: .zone, permission: "InstancesReadOnly",
            mapping: .rows { object, _ in ScalewayMapping.securityGroup(object) }),
    ])
}
