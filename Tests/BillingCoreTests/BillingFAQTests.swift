import Foundation
import BillingCore
import Testing

@Suite struct BillingFAQTests {
    let seed = BillingFAQ.seed

    @Test func twentyEntriesInOrderWithUniqueQuestions() {
        #expect(seed.count == 20)
        #expect(seed.map(\.position) == Array(1...20))
        #expect(Set(seed.map { $0.question.lowercased() }).count == seed.count)
        for entry in seed {
            #expect(entry.question.hasSuffix("?"), "\(entry.position): a question ends in a question mark")
            #expect(!entry.topic.isEmpty && !entry.answer.isEmpty, "\(entry.position)")
        }
    }

    @Test func answersAreThreeToSixSentencesWithoutPlaceholders() {
        for entry in seed {
            let sentences = Self.sentenceCount(entry.answer)
            #expect((3...6).contains(sentences), "\(entry.question) has \(sentences) sentences")
            for marker in ["{{", "}}", "TODO", "XXX", "[", "<", "  "] {
                #expect(!entry.answer.contains(marker), "\(entry.question) contains '\(marker)'")
            }
        }
    }

    /// The questions the billing office asked for, each answered exactly once.
    @Test(arguments: ["deductible", "coinsurance", "copay", "skin check", "cosmetic", "two bills", "biopsy",
                      "modifier 25", "itemized", "payment plan", "financial assistance", "Good Faith Estimate",
                      "insurance pending", "pay my bill", "insurance or my address", "refunds", "amount due change",
                      "HSA or FSA", "Who should I call", "insurance pay"])
    func eachTopicHasOneQuestion(_ subject: String) {
        #expect(seed.filter { $0.question.localizedCaseInsensitiveContains(subject) }.count == 1, "\(subject)")
    }

    @Test func theGoodFaithEstimateAnswerGivesTheDisputeRule() throws {
        let entry = try #require(seed.first { $0.question.contains("Good Faith Estimate") })
        #expect(entry.answer.contains("$400"))
        #expect(entry.answer.contains("120 days"))
        #expect(entry.answer.contains("No Surprises"))
    }

    @Test func answersSendPatientsToTheNumberOnTheirStatement() throws {
        let call = try #require(seed.first { $0.question.hasPrefix("Who should I call") })
        #expect(call.answer.contains("billing office at the number on your statement"))
        // No answer names a practice phone number; the only number is the federal help desk's.
        let withPhoneNumbers = seed.filter { $0.answer.contains("-800-") || $0.answer.contains("(8") }
        #expect(withPhoneNumbers.map(\.topic) == ["Cosmetic and self-pay"])
    }

    @Test func entriesSurviveJSON() throws {
        let data = try JSONEncoder().encode(seed)
        #expect(try JSONDecoder().decode([FAQEntry].self, from: data) == seed)
    }

    /// Sentences end in ".", "?" or "!" followed by a space or the end ("cms.gov/nosurprises" and "$1.50" do not end one).
    static func sentenceCount(_ text: String) -> Int {
        let characters = Array(text)
        return characters.indices.filter { index in
            ".?!".contains(characters[index]) && (index + 1 == characters.count || characters[index + 1].isWhitespace)
        }.count
    }
}
