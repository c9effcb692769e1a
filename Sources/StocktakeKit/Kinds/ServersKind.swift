extension KindDeclaration {
    /// Servers: Scaleway Instance servers, CloudSigma servers (with their runtime values kept apart).
    static let servers = KindDeclaration(table: .servers, listings: [
        .scaleway: ListingDeclaration(
            name: "servers", path: "instance/v1/zones/{zone}/servers", envelope: "servers", paging: .scalewayHeaders,
            scope: .zone, permission: "InstancesReadOnly", mapping: .rows { object, _ in ScalewayMapping.server(object) }),
        .cloudsigma: ListingDeclaration(
            name: "servers", path: "servers/detail/", envelope: "objects", paging: .cloudSigmaOffset, scope: .location,
            permission: "read access to servers",
            mapping: .rows({ CloudSigmaMapping.server($0, tagNames: $1.tagNames) }, runtime: RawSanitizer.runtime)),
    ])
}
