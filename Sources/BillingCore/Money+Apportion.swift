extension Money {
    /// Splits this amount over `weights` in proportion, to the cent, so that the parts add up to exactly this amount
    /// (largest remainder: each part is rounded down, and the cents left over go to the largest fractions, earlier
    /// weights first on ties). Negative weights count as zero; when every weight is zero the whole amount goes to the
    /// first part. A negative amount is split as its magnitude and every part negated.
    ///
    /// Used where a payer states an amount for a whole claim and the ledger needs it per service line.
    public func apportioned(by weights: [Int64]) -> [Money] {
        guard !weights.isEmpty else { return [] }
        let clean = weights.map { Swift.max($0, 0) }
        let total = clean.reduce(Int64(0)) { $0.addingReportingOverflow($1).overflow ? Int64.max : $0 + $1 }
        let magnitude = cents.magnitude
        var parts = [UInt64](repeating: 0, count: clean.count)
        guard total > 0 else {
            parts[0] = magnitude
            return parts.map { signed($0) }
        }
        var remainders: [(index: Int, remainder: UInt64)] = []
        var given: UInt64 = 0
        for (index, weight) in clean.enumerated() {
            // magnitude × weight can exceed 64 bits; the quotient cannot exceed magnitude because weight ≤ total.
            let product = magnitude.multipliedFullWidth(by: UInt64(weight))
            let (quotient, remainder) = UInt64(total).dividingFullWidth(product)
            parts[index] = quotient
            given += quotient
            remainders.append((index, remainder))
        }
        let leftover = magnitude - given
        let order = remainders.sorted { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index }
        for step in 0..<Int(leftover) { parts[order[step % order.count].index] += 1 }
        return parts.map { signed($0) }
    }

    private func signed(_ part: UInt64) -> Money {
        Money(cents: cents < 0 ? -Int64(part) : Int64(part))
    }
}
