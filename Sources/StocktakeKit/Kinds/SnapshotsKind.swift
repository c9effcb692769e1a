extension KindDeclaration {
    /// Snapshots: Scaleway Instance snapshots (of Instance volumes), CloudSigma drive snapshots.
    static let snapshots = KindDeclaration(table: .snapshots, listings: [
        .scaleway: ListingDeclaration(
            name: "snapshots", path: "instance/v1/zones/{zone}/snapshots", envelope: "snapshots", paging: .scalewayHeaders,
            scope: .zone, permission: "InstancesReadOnly", mapping: .rows { object, _ in ScalewayMapping.snapshot(object) }),
        .cloudsigma: ListingDeclaration(
            name: "snapshots", path: "snapshots/detail/", envelope: "objects", paging: .cloudSigmaOffset, scope: .location,
            permission: "read access to snapshots", mapping: .rows { CloudSigmaMapping.snapshot($0, tagNames: $1.tagNames) }),
    ])

    /// Scaleway Block Storage snapshots (of Block volumes), into `snapshots` beside the Instance ones.
    static let blockSnapshots = KindDeclaration(table: .snapshots, listings: [
        .scaleway: ListingDeclaration(
            name: "block_snapshots", path: "block/v1/zones/{zone}/snapshots", envelope: "snapshots", paging: .scalewayBody,
            scope: .zone, permission: "BlockStorageReadOnly", mapping: .rows { object, _ in ScalewayMapping.snapshot(object) }),
    ])
}
