import Foundation
import Synchronization

/// A clock tests can move forward, handed to `ClearbillDatabase(path:clock:)`.
final class MovableClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_780_000_000)) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(minutes: Double) { current.withLock { $0 = $0.addingTimeInterval(minutes * 60) } }

    var function: @Sendable () -> Date { { self.now } }
}
