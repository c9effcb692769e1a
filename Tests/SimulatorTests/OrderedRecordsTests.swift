@testable import Simulator
import Testing

@Suite("Ordered records: listing order with lookup by id")
struct OrderedRecordsTests {
    @Test("An id removed and added again before a compaction is listed once, at its new place")
    func readdedOnce() {
        var records = OrderedRecords<Int>()
        records.append(1, id: "178.22.0.1")
        records.append(2, id: "178.22.0.2")
        records.remove("178.22.0.1")
        records.append(3, id: "178.22.0.1")
        #expect(records.ids == ["178.22.0.2", "178.22.0.1"])
        #expect(records.records == [2, 3] && records.count == 2)
        records.remove("178.22.0.2")
        records.add(4, id: "178.22.0.2", first: true)
        #expect(records.ids == ["178.22.0.2", "178.22.0.1"])
    }
}
