import BillingCore

/// The values of the receipt template, from the same `Receipt` value the PDF receipt is drawn from.
enum ReceiptPage {
    static func values(_ receipt: Receipt, backHref: String, backText: String) -> [String: Any] {
        [
            "number": receipt.number,
            "isRefund": receipt.isRefund,
            "date": receipt.date.written(),
            "accountNumber": receipt.accountNumber,
            "payerName": receipt.payerName,
            "method": receipt.method.plainName,
            "reference": receipt.reference ?? "",
            "amount": receipt.amount.formatted,
            "tendered": receipt.tendered?.formatted ?? "",
            "change": receipt.change?.formatted ?? "",
            "applied": receipt.applied.map { ["date": $0.dateOfService.short, "description": $0.description, "amount": $0.amount.formatted] },
            "hasApplied": !receipt.applied.isEmpty,
            "toCredit": receipt.toCredit.formatted,
            "hasCredit": receipt.toCredit.isPositive,
            "takenBy": receipt.takenBy,
            "backHref": backHref,
            "backText": backText,
        ]
    }
}
