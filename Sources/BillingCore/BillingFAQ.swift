/// A question and answer of the billing FAQ.
public struct FAQEntry: Sendable, Codable, Equatable {
    public var question: String
    public var answer: String
    public var topic: String
    public var position: Int

    public init(question: String, answer: String, topic: String, position: Int) {
        self.question = question
        self.answer = answer
        self.topic = topic
        self.position = position
    }
}

/// The questions dermatology patients ask the billing office most, answered plainly. Seeds the FAQ; the billing
/// office edits it from there.
public enum BillingFAQ {
    public static let seed: [FAQEntry] = [
        ("Insurance", "Why didn't my insurance pay for my visit?",
         "Most often the visit went toward your deductible, the amount you pay each year before your plan starts paying. Other reasons: the service is not covered by your plan, the plan needed a referral or prior approval, or your insurance details on file were out of date. Your statement shows, line by line, what insurance paid and why the rest is yours. If something looks wrong, call us and we will check it with your plan."),
        ("Insurance", "What is a deductible?",
         "A deductible is the amount you pay for covered care each plan year before your insurance starts to share the cost. If your deductible is $1,500, you pay the first $1,500 of covered services yourself (at the prices your plan negotiated). Deductibles usually start over on January 1, which is why bills early in the year are often higher."),
        ("Insurance", "What is coinsurance?",
         "Coinsurance is your share of the cost after your deductible is met, as a percentage. With 20% coinsurance, your plan pays 80% of the allowed amount and you pay 20%. Your statement marks these amounts as \"Coinsurance\"."),
        ("Insurance", "What is a copay?",
         "A copay is a fixed amount your plan asks you to pay for a visit, such as $40 for a specialist visit. We often collect it at check-in. If we collect it before your insurance has processed the visit, it appears as a payment or credit and is applied once the claim is done."),
        ("Insurance", "What does \"waiting on insurance\" mean on my statement?",
         "It means we have billed your insurance and are waiting for its decision. You do not owe that amount yet. Once your plan responds, the part it does not pay will show as your share, with the reason."),
        ("Insurance", "Why is the amount different from my last statement?",
         "Balances change when insurance processes a claim, when payments arrive, or when a new visit is billed. Each statement lists the payments and adjustments since the last one, so you can follow the change from the previous balance to the new one."),
        ("Cosmetic", "Why isn't my cosmetic treatment covered by insurance?",
         "Health plans pay for care that treats a medical problem. Treatments done to change appearance, such as Botox for wrinkles, fillers, peels or most laser treatments, are cosmetic and not covered. We quote these prices in advance and collect payment at the visit."),
        ("Cosmetic", "What is a Good Faith Estimate?",
         "If you do not have insurance, or choose not to use it, you have the right to a Good Faith Estimate of what your care will cost before you receive it. We give one when you schedule or when you ask about cost. If your bill is at least $400 more than the estimate, you may start a dispute process within 120 days of the bill; learn more at www.cms.gov/nosurprises or call 1-800-985-3059. Keep a copy of your estimate."),
        ("Billing", "Why did I get a separate charge for a biopsy?",
         "During a visit your provider may decide a spot needs a sample. The visit and the biopsy are separate services, so they are billed as separate lines. The lab exam of the sample (code 88305) is another line, either from us or from the pathology lab."),
        ("Billing", "Why did I get two bills for one visit?",
         "When a skin sample is sent to an outside pathology lab, the lab bills you separately for examining it. Our statement covers only the services our practice provided. If you are unsure which bill is which, call us and we will help."),
        ("Billing", "What does modifier 25 on my bill mean?",
         "Modifier 25 tells your insurance that the office visit and a procedure on the same day were separate pieces of work: for example, a skin check and freezing a spot. It is a standard billing code, not an extra fee."),
        ("Billing", "How do I get an itemized bill?",
         "Every statement in this portal is itemized: each visit, each service in plain words with its code, what insurance paid and adjusted, and your share. You can open older statements any time, print them, or ask us to mail a copy."),
        ("Paying", "How can I pay?",
         "Online in this portal with your statement code, by phone with our billing office, by mail with the coupon at the bottom of your statement, or in person at the front desk with cash, check, card or an HSA/FSA card."),
        ("Paying", "Can I use my HSA or FSA card?",
         "Yes, for medical services such as office visits, biopsies and skin cancer treatment. Cosmetic treatments usually do not qualify for HSA or FSA funds; check with your plan administrator if you are unsure."),
        ("Paying", "Can I set up a payment plan?",
         "Yes. If your balance is larger than you can pay at once, you can spread it over several monthly payments with no interest. Sign in and choose \"Pay now\" to see the options, or call our billing office."),
        ("Paying", "Is financial assistance available?",
         "Yes. If paying your bill would be a hardship, ask us about financial assistance. We will explain what we need to review your situation, and we will not send your account onward while we are reviewing it."),
        ("Paying", "I paid too much. Will I get a refund?",
         "When a payment leaves a credit on your account, we apply it to your next visit unless you ask for a refund. Ask us at any time and we will refund the credit the same way you paid."),
        ("Account", "How do I update my insurance or address?",
         "Call our front desk or tell us at your next visit, and bring your new insurance card. Up-to-date details keep claims from being denied and make sure your statements reach you."),
        ("Account", "I can't sign in. What should I do?",
         "Use the statement code printed on your latest statement, or your account number, with your last name and date of birth exactly as we have them. After several wrong tries sign-in pauses for 15 minutes to protect your account. Call us and we will help."),
        ("Account", "Who do I call with billing questions, and when?",
         "Call our billing office at the number on your statement during office hours. Have your statement or account number at hand. For questions about your treatment itself, call the office and ask for your provider's team."),
    ].enumerated().map { FAQEntry(question: $1.1, answer: $1.2, topic: $1.0, position: $0 + 1) }
}
