import BillingCore
import BillingStore

/// Template values for a Good Faith Estimate: every element 45 CFR 149.610 asks for, as the PDF prints them.
enum GoodFaithEstimatePage {
    static func values(_ issued: IssuedGoodFaithEstimate, pdfHref: String) -> [String: Any] {
        let gfe = issued.estimate
        return [
            "number": gfe.number, "version": String(gfe.version), "supersedes": gfe.supersedes ?? "",
            "supersededBy": issued.supersededBy ?? "", "issuedOn": gfe.issuedOn.written(), "patientName": gfe.patientName,
            "dateOfBirth": gfe.patientDateOfBirth.us, "primaryService": gfe.primaryService,
            "scheduledDate": gfe.scheduledDate?.written() ?? "", "validUntil": gfe.validUntil.written(), "total": gfe.total.formatted,
            "providers": gfe.providers.map { provider -> [String: Any] in
                ["name": provider.name, "npi": provider.npi, "taxID": provider.taxID, "clinician": provider.clinician,
                 "clinicianNPI": provider.clinicianNPI, "locationName": provider.locationName,
                 "locationAddress": provider.locationAddress.lines.joined(separator: ", "), "state": provider.locationAddress.state,
                 "total": provider.total.formatted,
                 "items": provider.items.map { ["description": $0.description, "code": $0.code, "quantity": String($0.quantity),
                                                "diagnosis": $0.diagnosisCodes.joined(separator: ", "), "charge": $0.expectedCharge.formatted] }]
            },
            "separateSchedulingDisclaimer": GoodFaithEstimate.separateSchedulingDisclaimer,
            "separatelyScheduled": gfe.separatelyScheduled, "noneSeparate": gfe.separatelyScheduled.isEmpty,
            "disclaimers": GoodFaithEstimate.disclaimers, "pdfHref": pdfHref,
        ]
    }
}
