/// The billing FAQ a new practice starts with. The billing office edits it afterwards (the store keeps the edited copy);
/// these answers are written for any US dermatology practice, so they send patients to "the number on your statement"
/// rather than naming a phone number.
public enum BillingFAQ {
    public static let seed: [FAQEntry] = entries.enumerated().map { index, entry in
        FAQEntry(question: entry.question, answer: entry.answer, topic: entry.topic, position: index + 1)
    }

    private static let entries: [(topic: String, question: String, answer: String)] = [
        ("Insurance", "Why didn't my insurance pay for my visit?", """
        Often your insurer did process the claim but applied the cost to your deductible, so the amount became your \
        share instead of a payment from the plan. Other common reasons are a service your plan does not cover, a \
        referral or prior authorization your plan requires, coverage that had ended or changed by the date of your \
        visit, or a question your insurer sent you, such as whether you have other coverage, that is still unanswered. \
        The Explanation of Benefits (EOB) from your insurer gives the exact reason for each service. If the insurance \
        we billed was wrong or out of date, give us your current details and we will send the claim again. If you \
        think the decision is a mistake, call our billing office at the number on your statement and we will help you \
        look into it or appeal.
        """),
        ("Insurance", "What is a deductible?", """
        Your deductible is the amount you pay each plan year for covered care before your insurance starts paying its \
        share. Until you meet it, you pay your plan's agreed rate for each service, which is why a visit early in the \
        year can cost you more than the same visit later on. Your insurer keeps track of what you have paid toward it, \
        and most plans start over on January 1 or on the first day of the plan year. Your insurer's website, app or \
        member services line can tell you how much of your deductible is left.
        """),
        ("Insurance", "What is coinsurance?", """
        Coinsurance is your share of the cost of a covered service, as a percentage, after you have met your \
        deductible. For example, with 20% coinsurance, if your plan's allowed amount for a procedure is $150, your \
        plan pays $120 and you pay $30. Medicare Part B works this way too: after the yearly Part B deductible you \
        usually pay 20%, unless a supplemental plan picks it up. Coinsurance stops once you reach your plan's \
        out-of-pocket maximum for the year.
        """),
        ("Insurance", "What is a copay, and why do I owe more than my copay?", """
        A copay is a fixed amount your plan sets for a type of visit, such as $40 for a specialist, and we usually \
        collect it when you check in. Most plans count dermatologists as specialists, so the copay can be higher than \
        at your primary care office. The copay covers the visit itself; if a procedure is done the same day, such as a \
        biopsy or freezing a spot, your plan may apply your deductible or coinsurance to that procedure as well. Lab \
        fees for any tissue sent for testing are also separate. Your Explanation of Benefits shows which part of each \
        service is copay, deductible or coinsurance.
        """),
        ("Your bill", "Is my yearly skin check covered as preventive care?", """
        Usually not as a free preventive service. The preventive care that the Affordable Care Act requires most plans \
        to cover at no cost does not include a skin cancer screening, so a full-body skin check is billed as a \
        specialist office visit and your copay, deductible or coinsurance applies. If the doctor biopsies or treats a \
        spot during the exam, that is billed as a separate procedure. Some plans do cover skin checks differently, so \
        your insurer's member services line is the best place to confirm your benefits before your visit.
        """),
        ("Your bill", "Why was my biopsy billed separately from my office visit?", """
        A biopsy is a procedure with its own code: it covers numbing the skin, taking the sample and dressing the \
        wound. The office visit covers the doctor's examination of your skin concerns and the decisions about your \
        care. When both happen on the same day and the exam went beyond deciding to do the biopsy, both are billed, \
        and the visit carries modifier 25 to show that. Examining the tissue under a microscope is a third service, \
        billed by the pathology lab, or by us if our own dermatopathologist reads it. If you came in only for a \
        procedure that was already planned, you will normally see just the procedure on your bill.
        """),
        ("Your bill", "What does modifier 25 on my bill mean?", """
        A modifier is a two-character code added after a service code, such as 99213-25. Modifier 25 tells your \
        insurer that on the same day as a minor procedure, your clinician also gave you a significant, separate \
        evaluation, for example examining a rash as well as freezing a precancerous spot. Without it, insurers treat \
        the visit as part of the procedure. Because the visit is billed, your plan may apply a copay or other cost \
        sharing to the visit as well as to the procedure. If you are not sure the visit was separate, call our billing \
        office at the number on your statement and we will review it with you.
        """),
        ("Your bill", "Why did I get two bills for the same visit?", """
        When the doctor takes a biopsy or removes a growth, the tissue is usually sent to a pathology lab, where a \
        specialist examines it under a microscope. If that lab is not part of our practice, it bills you and your \
        insurer separately, so you may get a second bill from a name you do not recognize. Questions about that bill \
        go to the lab at the phone number on its statement, because we cannot change its charges. To keep costs down, \
        ask us before your procedure to send your samples to a lab in your insurance network.
        """),
        ("Your bill", "What does \"insurance pending\" mean?", """
        It means we have sent a claim to your insurer and are waiting for its decision. Amounts marked as pending are \
        not owed yet, and you do not need to pay them now. Most claims are decided within a few weeks; once your \
        insurer pays, any share that is yours appears on your next statement with the reason, such as deductible or \
        coinsurance. If a claim stays pending for more than six weeks, your insurer may be waiting for information \
        from you, so it is worth calling the member services number on your insurance card.
        """),
        ("Your bill", "Why did my amount due change since my last statement?", """
        The most common reason is that your insurer processed a claim: its payment and the adjustment it agreed with \
        us were applied, and what is left is your share. Other reasons are payments you made, new charges from a \
        recent visit, and claims your insurer reprocessed, which can raise or lower your share. A statement is a \
        snapshot of your account on its statement date, so a payment made after that date shows on the next one. \
        Each statement lists every change since the one before, and our patient portal shows your balance as it is \
        today.
        """),
        ("Your bill", "How do I get an itemized bill?", """
        Every statement we send is already itemized: each visit by date, and each service with its code, a \
        plain-language description, the charge, the insurance payment and adjustment, and your share. You can view and \
        print your statements in our patient portal with the statement code printed on your statement. If you need a \
        printed itemized bill for your insurer, an HSA or FSA claim or your taxes, call our billing office at the \
        number on your statement and we will send one at no charge. Compare it with the Explanation of Benefits from \
        your insurer to see how each service was processed.
        """),
        ("Cosmetic and self-pay", "Why isn't my cosmetic treatment covered by insurance?", """
        Health insurance pays for care that is medically necessary, meaning it diagnoses or treats an illness, injury \
        or symptom. Treatments that change how the skin looks, such as Botox for wrinkles, fillers, chemical peels, \
        laser hair removal or removing a harmless spot that causes no symptoms, are cosmetic, and nearly all plans \
        exclude them. These services are self-pay, and we give you the price in writing before your treatment. If a \
        growth bleeds, itches, hurts or looks suspicious, removing it may be medically necessary; your doctor will \
        document that, and your insurer makes the final decision.
        """),
        ("Cosmetic and self-pay", "What is a Good Faith Estimate, and what if my bill is higher?", """
        If you do not have insurance, or choose not to use it for a service, the No Surprises Act gives you the right \
        to a Good Faith Estimate of what your care will cost. When you schedule at least three business days ahead we \
        give it to you in writing before your visit, and you can ask for one any time you are considering a service. \
        If your bill from us is at least $400 more than our estimate, you can dispute it through the federal \
        patient-provider dispute resolution process, which has a $25 fee. You must start the dispute within 120 days \
        of the date on the bill, and while it is open we will not send the bill to collections or add late fees. Keep \
        a copy of your estimate, and to learn more visit cms.gov/nosurprises or call the No Surprises Help Desk at \
        1-800-985-3059.
        """),
        ("Paying", "How can I pay my bill?", """
        You can pay online at any time in our patient portal with the statement code printed on your statement; you \
        need no account or password, and you can pay in full or in part. You can also pay by card over the phone by \
        calling our billing office at the number on your statement. To pay by mail, send a check with the coupon from \
        the bottom of your statement, and write your account number on the check. At the front desk we take cash, \
        checks, credit and debit cards, and HSA or FSA cards. Please never send card numbers by email or write them \
        on the coupon.
        """),
        ("Paying", "Can I use my HSA or FSA card?", """
        Yes. You can use a health savings account (HSA) or flexible spending account (FSA) card online, by phone or at \
        the front desk like any other card, for copays, deductibles, coinsurance and other medical care. Cosmetic \
        treatments such as Botox for wrinkles, fillers or laser hair removal are generally not eligible expenses under \
        IRS rules, so please use another card for those or check with your plan administrator first. Keep your \
        receipts and statements, because your plan may ask for them to confirm a charge.
        """),
        ("Paying", "Can I set up a payment plan?", """
        Yes. If you cannot pay your balance at once, you can spread it over monthly payments with no interest and no \
        fees. You can see the options and sign up in our patient portal, or call our billing office at the number on \
        your statement and we will set it up with you. Payments are charged each month to the card or bank account you \
        choose, and your statements show the monthly installment as the amount due. If something changes, call us \
        before a payment is missed so that we can adjust the plan.
        """),
        ("Help with costs", "Is financial assistance available?", """
        Yes. If paying your bill would be a hardship, ask us about financial assistance: depending on your household \
        income and size, we may reduce part or all of your balance. To apply, call our billing office at the number on \
        your statement or ask at the front desk for an application, and include proof of income such as a recent pay \
        stub or tax return. Tell us when you are applying and we will hold your account while we review it. Financial \
        assistance applies to medically necessary care, not cosmetic services, and it can be combined with an \
        interest-free payment plan.
        """),
        ("Your account", "How do I update my insurance or my address?", """
        Please tell us as soon as anything changes, ideally before your next visit. For new insurance, bring your card \
        to the front desk, or call our billing office at the number on your statement with the details from the front \
        and back of the card. If you had the new coverage on a date we already billed, we will send the claim to the \
        right insurer, but insurers set deadlines for claims, so please do not wait. To change your mailing address, \
        phone or email, call us or update them at check-in, so that your statements and notices reach you.
        """),
        ("Your account", "I paid more than I owed. How do refunds and credits work?", """
        Overpayments usually happen when you pay at your visit and your insurer later pays more than expected, or when \
        a claim is reprocessed. The extra amount becomes a credit on your account, and your statement shows it. We \
        apply a credit to other balances you owe us or to your next visit, unless you ask for a refund. A refund goes \
        back to the card you paid with, or comes as a check if you paid by cash or check; to ask for one, call our \
        billing office at the number on your statement. Card refunds usually take 5 to 10 business days to appear \
        after we issue them.
        """),
        ("Contact us", "Who should I call about my bill, and when?", """
        Call our billing office at the number on your statement for questions about our charges, payments, payment \
        plans or financial assistance; the office hours are printed beside the number. Call your insurer, at the \
        member services number on your insurance card, about your coverage, how much of your deductible is left, or \
        why a claim was denied. Questions about a bill from an outside pathology lab go to the lab. If you cannot pay \
        by the due date, please call us before it passes: we would much rather work out a plan with you than send \
        another notice.
        """),
    ]
}
