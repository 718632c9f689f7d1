/// The English and Spanish words for one code or modifier.
struct CodeWords: Sendable {
    let english: String
    let spanish: String

    init(_ english: String, _ spanish: String) {
        self.english = english
        self.spanish = spanish
    }

    func text(in language: Language) -> String {
        switch language {
        case .english: english
        case .spanish: spanish
        }
    }
}
