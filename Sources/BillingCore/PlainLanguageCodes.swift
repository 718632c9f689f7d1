/// Patient-friendly words for the codes a dermatology practice bills, in English and Spanish. Written by us in plain
/// language (not the AMA's CPT descriptors). A statement never shows a code without words: unknown codes still get a
/// phrase that names them.
public enum PlainLanguageCodes {
    public static func describe(code: String, language: Language = .english) -> String {
        let key = code.trimmingCharacters(in: .whitespaces).uppercased()
        if let words = PlainLanguageCodeTable.codes[key] { return language == .spanish ? words.spanish : words.english }
        return language == .spanish ? "Servicio médico (código \(key))" : "Medical service (code \(key))"
    }

    public static func describe(modifier: String, language: Language = .english) -> String? {
        PlainLanguageCodeTable.modifiers[modifier.trimmingCharacters(in: .whitespaces).uppercased()]
            .map { language == .spanish ? $0.spanish : $0.english }
    }

    public static func isKnown(code: String) -> Bool {
        PlainLanguageCodeTable.codes[code.trimmingCharacters(in: .whitespaces).uppercased()] != nil
    }

    public static var knownCodes: [String] { PlainLanguageCodeTable.codes.keys.sorted() }
}

import Foundation
