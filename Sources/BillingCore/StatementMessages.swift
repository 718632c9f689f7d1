/// The notes every statement carries, in the patient's language: what is still with insurance, credits, help paying,
/// and the language-assistance notice that belongs on significant patient communications (ACA Section 1557).
public enum StatementMessages {
    public static func messages(for summary: Statement.Summary, practicePhone: String, language: Language) -> [String] {
        var out: [String] = []
        let spanish = language == .spanish
        if summary.insurancePending.isPositive {
            out.append(spanish
                ? "\(summary.insurancePending.formatted) todavía está pendiente con su seguro. Todavía no lo debe."
                : "\(summary.insurancePending.formatted) is still waiting on your insurance. You do not owe it yet.")
        }
        if summary.amountDue.isZero {
            out.append(spanish ? "No tiene nada que pagar ahora. Gracias." : "Nothing is due now. Thank you.")
        }
        if summary.credit.isPositive {
            out.append(spanish
                ? "Tiene un crédito de \(summary.credit.formatted). Lo aplicaremos a su próxima visita o se lo reembolsaremos si lo pide."
                : "You have a credit of \(summary.credit.formatted). We will apply it to your next visit, or refund it if you ask.")
        }
        out.append(spanish
            ? "Hay ayuda financiera y planes de pago sin intereses. Llame al \(practicePhone) o visite el portal."
            : "Financial assistance and interest-free payment plans are available. Call \(practicePhone) or visit the portal.")
        out.append(spanish
            ? "Tiene derecho a servicios de asistencia lingüística gratuitos. Llame al \(practicePhone). We do not discriminate on the basis of race, color, national origin, age, disability or sex."
            : "Language assistance is available free of charge: call \(practicePhone). Hay asistencia lingüística gratuita. We do not discriminate on the basis of race, color, national origin, age, disability or sex.")
        return out
    }
}
