import Foundation

/// Plain words for the codes on a dermatology bill, in English and Spanish, so that a statement never shows a code
/// alone.
///
/// The words are our own, written for patients: they are not the AMA's CPT descriptors (which are copyrighted) and
/// leave out what a patient does not need. A size is what the code is priced by: the width removed (the spot plus its
/// margin) for removals, the length of the wound for repairs, the area for flaps and grafts. Descriptions stay within
/// 60 characters (75 in Spanish) except those naming a site group and a size ("Skin cancer removal,
/// scalp/neck/hands/feet/genitals, 1.1 to 2 cm"), which run to 70 (90 in Spanish); the tests hold both limits.
///
/// Practice codes name services that have no CPT or HCPCS code (fillers by the syringe, lasers, fees). They are 4 to
/// 20 characters of capital letters, digits and hyphens, start with two letters, and name the category first:
/// `FILLER-HA`, `LASER-IPL`, `FEE-NOSHOW`, `MICRODERM`. A CPT code starts with a digit and a HCPCS Level II code is one
/// letter followed by digits, so a practice code can never be mistaken for either.
public enum PlainLanguageCodes {
    /// Never returns a bare code: unknown codes get a generic phrase that still names the code.
    public static func describe(code: String, language: Language = .english) -> String {
        let key = normalized(code)
        if let words = PlainLanguageCodeTable.codes[key] { return words.text(in: language) }
        return unlisted(key, language: language)
    }

    /// What a modifier on a line ("99213-25") tells the insurer, or nil for a modifier we have no words for.
    public static func describe(modifier: String, language: Language = .english) -> String? {
        PlainLanguageCodeTable.modifiers[normalized(modifier)]?.text(in: language)
    }

    public static func isKnown(code: String) -> Bool {
        PlainLanguageCodeTable.codes[normalized(code)] != nil
    }

    public static var knownCodes: [String] { sortedKnownCodes }

    /// Whether a code follows the practice-code convention above (whether or not it is in the table), so that a price
    /// catalog can refuse a made-up code that looks like a CPT or HCPCS code.
    public static func isPracticeCode(_ code: String) -> Bool {
        let scalars = Array(normalized(code).unicodeScalars)
        guard (4...20).contains(scalars.count), scalars.last != "-" else { return false }
        let isLetter = { (s: Unicode.Scalar) in ("A"..."Z").contains(s) }
        let isDigit = { (s: Unicode.Scalar) in ("0"..."9").contains(s) }
        return scalars.prefix(2).allSatisfy(isLetter) && scalars.allSatisfy { isLetter($0) || isDigit($0) || $0 == "-" }
    }

    private static let sortedKnownCodes = PlainLanguageCodeTable.codes.keys.sorted()

    private static func normalized(_ code: String) -> String {
        code.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    }

    /// Words for a code missing from the table: the kind of service its shape tells (CPT section, HCPCS drug code),
    /// with the code itself so that the billing office can answer for it.
    private static func unlisted(_ code: String, language: Language) -> String {
        let spanish = language == .spanish
        guard !code.isEmpty else { return spanish ? "Servicio médico (sin código)" : "Medical service (no code given)" }
        let kind: CodeWords
        switch UnlistedKind(code) {
        case .visit: kind = CodeWords("Visit or evaluation", "Consulta o evaluación")
        case .procedure: kind = CodeWords("Procedure", "Procedimiento")
        case .imaging: kind = CodeWords("Imaging test", "Estudio de imagen")
        case .lab: kind = CodeWords("Lab test", "Análisis de laboratorio")
        case .medication: kind = CodeWords("Medication", "Medicamento")
        case .service: kind = CodeWords("Medical service", "Servicio médico")
        }
        return spanish ? "\(kind.spanish) (código \(code))" : "\(kind.english) (code \(code))"
    }

    /// The CPT sections (by number) and the HCPCS drug codes (J and four digits) a patient can be told apart.
    private enum UnlistedKind {
        case visit, procedure, imaging, lab, medication, service

        init(_ code: String) {
            let scalars = Array(code.unicodeScalars)
            let digits = { (s: ArraySlice<Unicode.Scalar>) in s.allSatisfy { ("0"..."9").contains($0) } }
            if scalars.count == 5, digits(scalars[...]), let number = Int(code) {
                switch number {
                case 10004...69990: self = .procedure
                case 70010...79999: self = .imaging
                case 80047...89398: self = .lab
                case 99202...99499: self = .visit
                default: self = .service
                }
            } else if scalars.count == 5, scalars[0] == "J", digits(scalars[1...]) {
                self = .medication
            } else {
                self = .service
            }
        }
    }
}
