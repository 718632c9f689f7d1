import BillingCore

/// The values of the receipt template, from the same `Receipt` value the PDF receipt is drawn from.
enum ReceiptPage {
    static func values(_ receipt: Receipt, backHref: String, backText: String, pdfHref: String) -> [String: Any] {
        var values: [String: Any] = [
            "number": receipt.number,
            "isRefund": receipt.isRefund,
            "date": receipt.date.written(),
            "accountNumber": receipt.accountNumber,
            "payerName": receipt.payerName,
            "method": receipt.method.plainName,
            "amount": receipt.amount.formatted,
            "applied": receipt.applied.map { ["date": $0.dateOfService.short, "description": $0.description, "amount": $0.amount.formatted] },
            "hasApplied": !receipt.applied.isEmpty,
            "toCredit": receipt.toCredit.formatted,
            "hasCredit": receipt.toCredit.isPositive,
            "takenBy": receipt.takenBy,
            "backHref": backHref,
            "backText": backText,
            "pdfHref": pdfHref,
        ]
        // Left out when absent: Mustache shows a section for any string, the empty one too, so "" would show blank rows.
        if let reference = receipt.reference, !reference.isEmpty { values["reference"] = reference }
        if let tendered = receipt.tendered { values["tendered"] = tendered.formatted }
        if let change = receipt.change { values["change"] = change.formatted }
        return values
    }
}
