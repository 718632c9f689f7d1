/// A whole 835 file in memory: its interchanges, and the transaction sets of a file that has no envelope.
public struct RemittanceFile: Equatable, Sendable {
    public var interchanges: [Interchange]
    /// Transaction sets not inside any ISA/GS (a file that starts at ST).
    public var unenvelopedRemittances: [Remittance]
    /// Wrong counts read past under `RemittanceReadOptions.acceptsCountMismatches`.
    public var countMismatches: [X12Error]

    /// Every transaction set, in file order within each kind.
    public var remittances: [Remittance] {
        interchanges.flatMap { $0.groups.flatMap(\.remittances) } + unenvelopedRemittances
    }

    public static func read(bytes: [UInt8], options: RemittanceReadOptions = .init())
        throws(X12Error) -> RemittanceFile {
        var reader = RemittanceReader(source: InMemoryByteSource(bytes), options: options)
        return try read(from: &reader)
    }

    public static func read(path: String, options: RemittanceReadOptions = .init())
        throws(X12Error) -> RemittanceFile {
        var reader = RemittanceReader(source: try FileByteSource(path: path), options: options)
        return try read(from: &reader)
    }

    /// Collects every event of a reader. Use the reader directly to handle one remittance at a time.
    public static func read<Source>(from reader: inout RemittanceReader<Source>) throws(X12Error) -> RemittanceFile {
        var file = RemittanceFile(interchanges: [], unenvelopedRemittances: [], countMismatches: [])
        var interchange: Interchange?
        var group: FunctionalGroup?
        while let event = try reader.next() {
            switch event {
            case .interchangeStarted(let started): interchange = started
            case .groupStarted(let started): group = started
            case .remittance(let remittance):
                if group != nil { group?.remittances.append(remittance) } else {
                    file.unenvelopedRemittances.append(remittance)
                }
            case .groupEnded:
                if let group { interchange?.groups.append(group) }
                group = nil
            case .interchangeEnded:
                if let interchange { file.interchanges.append(interchange) }
                interchange = nil
            }
        }
        file.countMismatches = reader.countMismatches
        return file
    }
}
