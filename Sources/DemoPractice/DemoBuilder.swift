import BillingCore
import BillingStore
import Foundation

/// Builds the demo practice in calendar order: every event of every patient is scheduled first, then posted day by day
/// through the same ledger actions the portal and the desk use.
struct DemoBuilder {
    let database: ClearbillDatabase
    let clock: SimulatedClock
    let options: DemoPractice.Options
    var rng: SeededGenerator
    var keyCounter = 0

    /// What happens on a day, for one visit or one account.
    enum Event {
        case charge(visit: Int)
        case adjudicate(visit: Int, deny: Bool)
        case correctAdjudication(visit: Int)
        case deskPayment(account: Int64, amount: Money, method: PaymentMethod)
        case payBalance(account: Int64, percent: Int64, method: PaymentMethod)
        case applyCredit(account: Int64)
        case refundCredit(account: Int64)
        case writeOffSmallBalance(account: Int64)
    }

    struct Visit {
        var account: Int64
        var patient: Int64
        var provider: Int64
        var date: CalendarDate
        var template: DemoVisits.Template
        var claimNumber: String?
        var coverageIndex: Int?
        var encounterID: Int64? = nil
        var lines: [(id: Int64, code: String, charge: Money)] = []
        var adjudication: Int64? = nil
    }

    var visits: [Visit] = []
    var coverages: [DemoCoverage] = []
    var schedule: [(date: CalendarDate, order: Int, event: Event)] = []

    init(database: ClearbillDatabase, clock: SimulatedClock, options: DemoPractice.Options) {
        self.database = database
        self.clock = clock
        self.options = options
        rng = SeededGenerator(seed: options.seed)
    }

    mutating func build() async throws -> DemoPractice.Summary {
        let directory = PracticeDirectory(database: database)
        try await directory.setPractice(Practice(
            name: "Blue Ridge Dermatology Associates",
            address: MailingAddress(line1: "1420 Merrimon Ave", line2: "Suite 200", city: "Asheville", state: "NC", zip: "28804"),
            phone: "(828) 555-0142", hours: "Mon–Fri 8:00 am – 5:00 pm", website: "https://billing.blueridgederm.example",
            taxID: "56-1234567", npi: NPI.make("123456789")))
        let providers = [
            try await directory.addProvider(name: "Elena Marquez", credentials: "MD", npi: NPI.make("154321098")),
            try await directory.addProvider(name: "James Whitfield", credentials: "MD, FAAD", npi: NPI.make("167890123")),
            try await directory.addProvider(name: "Priya Nair", credentials: "PA-C", npi: NPI.make("178901234")),
        ]
        let office = try await directory.addLocation(
            name: "Blue Ridge Dermatology — Merrimon Office",
            address: MailingAddress(line1: "1420 Merrimon Ave", line2: "Suite 200", city: "Asheville", state: "NC", zip: "28804"),
            phone: "(828) 555-0142", placeOfService: "11")
        let staff = StaffDirectory(database: database)
        for login in DemoPractice.staffLogins {
            // A low work factor keeps demo set-up fast; real staff get the full one through `clearbill staff add`.
            _ = try await staff.add(username: login.username, role: login.role, password: login.password,
                                    displayName: login.role == .frontDesk ? "Front desk" : "Billing office", iterations: 10_000)
        }

        var accounts: [Account] = []
        for index in 0..<options.patients {
            let account = try await openAccount(index: index, directory: directory)
            accounts.append(account.account)
            scheduleYear(for: account.account, patient: account.patient, providers: providers, directory: directory)
        }
        try await addDependants(accounts: accounts, directory: directory)
        schedule.sort { ($0.date, $0.order) < ($1.date, $1.order) }
        let ledger = Ledger(database: database)
        for item in schedule where item.date <= options.asOf {
            clock.set(item.date.noonUTC.addingTimeInterval(TimeInterval(item.order % 20_000)))
            try await run(item.event, on: item.date, ledger: ledger, location: office.id)
        }
        // Three monthly cycles, so patients have a latest statement and older ones to compare.
        let statements = StatementStore(database: database)
        for monthsAgo in [2, 1, 0] {
            let cycle = options.asOf.adding(days: -30 * monthsAgo)
            clock.set(cycle.noonUTC.addingTimeInterval(3600))
            _ = try await statements.generateCycle(cycleDate: cycle)
        }
        clock.set(options.asOf.noonUTC)
        return try await summary(accounts: accounts)
    }

    private mutating func openAccount(index: Int, directory: PracticeDirectory) async throws -> (account: Account, patient: Patient) {
        let spanish = rng.chance(12)
        let first = spanish ? rng.pick(DemoPeople.spanishFirstNames) : rng.pick(DemoPeople.firstNames)
        let last = spanish ? rng.pick(DemoPeople.spanishLastNames) : rng.pick(DemoPeople.lastNames)
        let birthYear = Int.random(in: 1940...2004, using: &rng)
        let dob = CalendarDate(year: birthYear, month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng))!
        let place = rng.pick(DemoPeople.places)
        // About one in a hundred has no usable address on file: the mail-house batch must set those aside.
        let address = rng.chance(1)
            ? MailingAddress(line1: "", city: place.city, state: "NC", zip: place.zip)
            : MailingAddress(line1: "\(Int.random(in: 12...9800, using: &rng)) \(rng.pick(DemoPeople.streets))",
                             line2: rng.chance(15) ? "Apt \(Int.random(in: 1...40, using: &rng))" : "",
                             city: place.city, state: "NC", zip: place.zip)
        let email = "\(first.lowercased().filter(\.isASCII)).\(last.lowercased().filter(\.isLetter).filter(\.isASCII))\(index)@example.com"
        let phone = String(format: "(828) 555-%04d", Int.random(in: 1000...9999, using: &rng))
        return try await directory.openAccount(NewAccount(firstName: first, lastName: last, dateOfBirth: dob, address: address,
                                                          email: email, phone: phone,
                                                          preferredLanguage: spanish ? .spanish : .english))
    }

    /// A year of care for one guarantor: medical visits billed to insurance (or self-pay when uninsured), cosmetic
    /// visits paid at the desk, and what the patient did about each bill.
    private mutating func scheduleYear(for account: Account, patient: Patient, providers: [Provider], directory: PracticeDirectory) {
        let insured = !rng.chance(8)
        let coverageIndex: Int? = insured ? coverages.count : nil
        if insured { coverages.append(DemoCoverage.random(using: &rng)) }
        let visitCount = Int.random(in: 1...5, using: &rng)
        let cosmeticPatient = rng.chance(25)
        for _ in 0..<visitCount {
            let date = options.asOf.adding(days: -Int.random(in: 3...360, using: &rng))
            let cosmetic = cosmeticPatient && rng.chance(55)
            let template = cosmetic ? DemoVisits.cosmetic(using: &rng) : DemoVisits.medical(using: &rng)
            let billsInsurance = insured && !template.cosmetic
            let visit = Visit(account: account.id, patient: patient.id, provider: rng.pick(providers).id, date: date,
                              template: template, claimNumber: billsInsurance ? String(format: "CLM%07d", visits.count + 1) : nil,
                              coverageIndex: billsInsurance ? coverageIndex : nil)
            let index = visits.count
            visits.append(visit)
            add(date, .charge(visit: index))
            let total = template.lines.map(\.charge).sum()
            if billsInsurance {
                if let copay = coverageIndex.map({ coverages[$0].copay }), copay.isPositive, rng.chance(70) {
                    add(date, .deskPayment(account: account.id, amount: copay, method: rng.pick([.cardTerminal, .cash, .hsaFsa])))
                }
                let decided = date.adding(days: Int.random(in: 12...35, using: &rng))
                add(decided, .adjudicate(visit: index, deny: rng.chance(3)))
                if rng.chance(2) { add(decided.adding(days: 9), .correctAdjudication(visit: index)) }
                add(decided.adding(days: 1), .applyCredit(account: account.id))
                let paysWhen = decided.adding(days: Int.random(in: 10...45, using: &rng))
                switch Int.random(in: 0..<100, using: &rng) {
                case 0..<45: add(paysWhen, .payBalance(account: account.id, percent: 100, method: rng.pick([.cardOnline, .cardOnline, .bankOnline])))
                case 45..<60: add(paysWhen, .payBalance(account: account.id, percent: 40, method: .cardOnline))
                case 60..<63: add(paysWhen, .payBalance(account: account.id, percent: 110, method: .check))
                default: break
                }
            } else if template.cosmetic {
                if rng.chance(15) { add(date.adding(days: -7), .deskPayment(account: account.id, amount: .dollars(200), method: .cardTerminal)) }
                if rng.chance(85) {
                    add(date, .payBalance(account: account.id, percent: 100, method: rng.pick([.cardTerminal, .cardTerminal, .cash, .check])))
                }
            } else if rng.chance(50) {
                add(date, .deskPayment(account: account.id, amount: Money(cents: total.cents / 2), method: .cardTerminal))
            }
        }
        if rng.chance(4) { add(options.asOf.adding(days: -2), .refundCredit(account: account.id)) }
        if rng.chance(5) { add(options.asOf.adding(days: -1), .writeOffSmallBalance(account: account.id)) }
    }

    private mutating func addDependants(accounts: [Account], directory: PracticeDirectory) async throws {
        for account in accounts where rng.chance(8) {
            _ = try await directory.addPatient(account: account.id, firstName: rng.pick(DemoPeople.childNames),
                                               lastName: account.lastName,
                                               dateOfBirth: CalendarDate(year: Int.random(in: 2010...2020, using: &rng), month: 6, day: 15)!,
                                               relationship: "child")
        }
    }

    private mutating func add(_ date: CalendarDate, _ event: Event) {
        schedule.append((date, schedule.count, event))
    }

    mutating func nextKey() -> String {
        keyCounter += 1
        return "demo-\(options.seed)-\(keyCounter)"
    }
}
