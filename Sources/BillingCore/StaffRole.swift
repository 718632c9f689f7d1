/// What a staff member may do: the front desk quotes, collects and receipts; the billing office also runs cycles,
/// edits the catalog and FAQ, and reads the audit log.
public enum StaffRole: String, Sendable, Codable, CaseIterable {
    case frontDesk
    case billingAdmin
}
