import Reliability
import Testing

extension ExpectedInventory {
    static func expectEqual(_ actual: ExpectedInventory, _ expected: ExpectedInventory,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.servers == expected.servers, sourceLocation: sourceLocation)
        #expect(actual.drives == expected.drives, sourceLocation: sourceLocation)
        #expect(actual.ips == expected.ips, sourceLocation: sourceLocation)
        #expect(actual.groups == expected.groups, sourceLocation: sourceLocation)
        #expect(actual.snapshots == expected.snapshots, sourceLocation: sourceLocation)
        #expect(actual.attachments == expected.attachments, sourceLocation: sourceLocation)
        #expect(actual.nicCounts == expected.nicCounts, sourceLocation: sourceLocation)
        #expect(actual.tags == expected.tags, sourceLocation: sourceLocation)
    }
}
