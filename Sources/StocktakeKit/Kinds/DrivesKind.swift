extension KindDeclaration {
    /// Drives: Scaleway Instance volumes, CloudSigma drives.
    static let drives = KindDeclaration(table: .drives, listings: [
        .scaleway: ListingDeclaration(
            name: "volumes", path: "instance/v1/zones/{zone}/volumes", envelope: "volumes", paging: .scalewayHeaders,
            scope: .zone, permission: "InstancesReadOnly", mapping: .rows { object, _ in ScalewayMapping.volume(object) }),
        .cloudsigma: ListingDeclaration(
            name: "drives", path: "drives/detail/", envelope: "objects", paging: .cloudSigmaOffset, scope: .location,
            permission: "read access to drives", mapping: .rows { CloudSigmaMapping.drive($0, tagNames: $1.tagNames) }),
    ])

    /// Scaleway Block Storage volumes, into `drives` beside the Instance volumes.
    static let blockVolumes = KindDeclaration(table: .drives, listings: [
        .scaleway: ListingDeclaration(
            name: "block_volumes", path: "block/v1/zones/{zone}/volumes", envelope: "volumes", paging: .scalewayBody,
            scope: .zone, permission: "BlockStorageReadOnly", mapping: .rows { object, _ in ScalewayMapping.blockVolume(object) }),
    ])
}
