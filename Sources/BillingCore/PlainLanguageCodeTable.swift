/// The words behind `PlainLanguageCodes`: the codes a dermatology practice bills, grouped as the practice thinks of
/// them. Codes that differ only by site and size are written as series, so that every size in a family reads the same
/// way; the code lists name every real code and skip the numbers CPT leaves unused (there is no 11405 or 12033).
enum PlainLanguageCodeTable {
    static let codes: [String: CodeWords] = Dictionary(uniqueKeysWithValues:
        visits + biopsies + removals + destruction + mohs + repairs + flapsAndGrafts + otherSkinProcedures
            + injections + laboratory + lightTreatment + allergyTests + cosmetic + practiceCodes)

    // MARK: Visits

    private static let visits: [(String, CodeWords)] = [
        ("99202", CodeWords("Office visit, new patient (straightforward)", "Consulta en consultorio, paciente nuevo (sencilla)")),
        ("99203", CodeWords("Office visit, new patient (low)", "Consulta en consultorio, paciente nuevo (complejidad baja)")),
        ("99204", CodeWords("Office visit, new patient (moderate)", "Consulta en consultorio, paciente nuevo (complejidad moderada)")),
        ("99205", CodeWords("Office visit, new patient (high)", "Consulta en consultorio, paciente nuevo (complejidad alta)")),
        ("99211", CodeWords("Office visit, established patient (minimal)", "Consulta en consultorio, paciente establecido (mínima)")),
        ("99212", CodeWords("Office visit, established patient (straightforward)", "Consulta en consultorio, paciente establecido (sencilla)")),
        ("99213", CodeWords("Office visit, established patient (low)", "Consulta en consultorio, paciente establecido (complejidad baja)")),
        ("99214", CodeWords("Office visit, established patient (moderate)", "Consulta en consultorio, paciente establecido (complejidad moderada)")),
        ("99215", CodeWords("Office visit, established patient (high)", "Consulta en consultorio, paciente establecido (complejidad alta)")),
        ("99242", CodeWords("Consultation at another doctor's request (straightforward)", "Consulta a pedido de otro médico (sencilla)")),
        ("99243", CodeWords("Consultation at another doctor's request (low)", "Consulta a pedido de otro médico (complejidad baja)")),
        ("99244", CodeWords("Consultation at another doctor's request (moderate)", "Consulta a pedido de otro médico (complejidad moderada)")),
        ("99245", CodeWords("Consultation at another doctor's request (high)", "Consulta a pedido de otro médico (complejidad alta)")),
        ("99024", CodeWords("Follow-up visit after surgery (included in surgery)", "Consulta de seguimiento tras cirugía (incluida en la cirugía)")),
        ("G2211", CodeWords("Visit add-on for ongoing care of a condition", "Complemento de consulta por atención continua")),
    ]

    // MARK: Biopsies and removals

    private static let biopsies: [(String, CodeWords)] = [
        ("11102", CodeWords("Skin biopsy by shave, first lesion", "Biopsia de piel por rasurado, primera lesión")),
        ("11103", CodeWords("Skin biopsy by shave, each additional lesion", "Biopsia de piel por rasurado, cada lesión adicional")),
        ("11104", CodeWords("Punch biopsy of skin, first lesion", "Biopsia de piel con sacabocados, primera lesión")),
        ("11105", CodeWords("Punch biopsy of skin, each additional lesion", "Biopsia de piel con sacabocados, cada lesión adicional")),
        ("11106", CodeWords("Incisional skin biopsy, first lesion", "Biopsia de piel por incisión, primera lesión")),
        ("11107", CodeWords("Incisional skin biopsy, each additional lesion", "Biopsia de piel por incisión, cada lesión adicional")),
        ("11755", CodeWords("Biopsy of nail or nail bed", "Biopsia de uña o lecho de la uña")),
    ]

    private static let shave = CodeWords("Shave removal", "Extirpación por rasurado")
    private static let benignExcision = CodeWords("Benign growth removal", "Extirpación de lesión benigna")
    private static let cancerExcision = CodeWords("Skin cancer removal", "Extirpación de cáncer de piel")

    private static let removals: [(String, CodeWords)] =
        series(shave, Site.trunkArmsLegs, ["11300", "11301", "11302", "11303"], Size.shaved)
            + series(shave, Site.scalpNeckHandsFeet, ["11305", "11306", "11307", "11308"], Size.shaved)
            + series(shave, Site.face, ["11310", "11311", "11312", "11313"], Size.shaved)
            + series(benignExcision, Site.trunkArmsLegs, ["11400", "11401", "11402", "11403", "11404", "11406"], Size.excised)
            + series(benignExcision, Site.scalpNeckHandsFeet, ["11420", "11421", "11422", "11423", "11424", "11426"], Size.excised)
            + series(benignExcision, Site.face, ["11440", "11441", "11442", "11443", "11444", "11446"], Size.excised)
            + series(cancerExcision, Site.trunkArmsLegs, ["11600", "11601", "11602", "11603", "11604", "11606"], Size.excised)
            + series(cancerExcision, Site.scalpNeckHandsFeet, ["11620", "11621", "11622", "11623", "11624", "11626"], Size.excised)
            + series(cancerExcision, Site.face, ["11640", "11641", "11642", "11643", "11644", "11646"], Size.excised)

    // MARK: Destruction (freezing, scraping, burning, laser)

    private static let cancerDestruction = CodeWords("Skin cancer destruction", "Destrucción de cáncer de piel")

    private static let destruction: [(String, CodeWords)] = [
        ("17000", CodeWords("Treatment of a precancerous spot (e.g. freezing), first", "Tratamiento de lesión precancerosa (p. ej., congelación), primera")),
        ("17003", CodeWords("Treatment of precancerous spots, 2nd to 14th, each", "Tratamiento de lesiones precancerosas, 2.ª a 14.ª, cada una")),
        ("17004", CodeWords("Treatment of precancerous spots, 15 or more", "Tratamiento de lesiones precancerosas, 15 o más")),
        ("17110", CodeWords("Treatment of warts or benign spots, up to 14", "Tratamiento de verrugas o lesiones benignas, hasta 14")),
        ("17111", CodeWords("Treatment of warts or benign spots, 15 or more", "Tratamiento de verrugas o lesiones benignas, 15 o más")),
        ("17106", CodeWords("Treatment of blood-vessel growths, under 10 sq cm", "Tratamiento de lesiones vasculares, menos de 10 cm²")),
        ("17107", CodeWords("Treatment of blood-vessel growths, 10 to 50 sq cm", "Tratamiento de lesiones vasculares, 10 a 50 cm²")),
        ("17108", CodeWords("Treatment of blood-vessel growths, over 50 sq cm", "Tratamiento de lesiones vasculares, más de 50 cm²")),
        ("17250", CodeWords("Chemical cautery of overgrown healing tissue", "Cauterización química de exceso de tejido de cicatrización")),
        ("17340", CodeWords("Freezing treatment for acne", "Crioterapia para el acné")),
        ("17360", CodeWords("Chemical peeling treatment for acne", "Exfoliación química para el acné")),
    ]
        + series(cancerDestruction, Site.trunkArmsLegs, ["17260", "17261", "17262", "17263", "17264", "17266"], Size.excised)
        + series(cancerDestruction, Site.scalpNeckHandsFeet, ["17270", "17271", "17272", "17273", "17274", "17276"], Size.excised)
        + series(cancerDestruction, Site.face, ["17280", "17281", "17282", "17283", "17284", "17286"], Size.excised)

    // The first Mohs site group also covers surgery reaching muscle, cartilage, bone or large nerves anywhere; a patient
    // whose surgery went that deep has been told so, and the words stay short.
    private static let mohs: [(String, CodeWords)] = [
        ("17311", CodeWords("Mohs surgery, head/neck/hands/feet/genitals, first stage", "Cirugía de Mohs, cabeza/cuello/manos/pies/genitales, primera etapa")),
        ("17312", CodeWords("Mohs surgery, head/neck/hands/feet/genitals, each added stage", "Cirugía de Mohs, cabeza/cuello/manos/pies/genitales, cada etapa adicional")),
        ("17313", CodeWords("Mohs surgery, trunk/arms/legs, first stage", "Cirugía de Mohs, tronco/brazos/piernas, primera etapa")),
        ("17314", CodeWords("Mohs surgery, trunk/arms/legs, each added stage", "Cirugía de Mohs, tronco/brazos/piernas, cada etapa adicional")),
        ("17315", CodeWords("Mohs surgery, each tissue block beyond 5", "Cirugía de Mohs, cada bloque de tejido después de 5")),
    ]

    // MARK: Repairs, flaps and grafts

    private static let simpleClosure = CodeWords("Simple wound closure", "Cierre simple de herida")
    private static let layeredClosure = CodeWords("Layered wound closure", "Cierre de herida por capas")
    private static let complexRepair = CodeWords("Complex wound repair", "Reparación compleja de herida")
    private static let flap = CodeWords("Skin flap repair", "Reparación con colgajo de piel")
    private static let graft = CodeWords("Skin graft", "Injerto de piel")

    private static let repairs: [(String, CodeWords)] =
        series(simpleClosure, Site.scalpNeckTrunkLimbs, ["12001", "12002", "12004", "12005", "12006", "12007"], Size.repairedBody)
            + series(simpleClosure, Site.face, ["12011", "12013", "12014", "12015", "12016", "12017", "12018"], Size.repairedFace)
            + series(layeredClosure, Site.scalpTrunkArmsLegs, ["12031", "12032", "12034", "12035", "12036", "12037"], Size.repairedBody)
            + series(layeredClosure, Site.neckHandsFeet, ["12041", "12042", "12044", "12045", "12046", "12047"], Size.repairedBody)
            + series(layeredClosure, Site.face, ["12051", "12052", "12053", "12054", "12055", "12056", "12057"], Size.repairedFace)
            + series(complexRepair, Site.trunk, ["13100", "13101", "13102"], Size.complexRepair)
            + series(complexRepair, Site.scalpArmsLegs, ["13120", "13121", "13122"], Size.complexRepair)
            + series(complexRepair, Site.restOfFaceNeckHandsFeet, ["13131", "13132", "13133"], Size.complexRepair)
            + series(complexRepair, Site.eyelidsNoseEarsLips, ["13151", "13152", "13153"], Size.complexRepair)

    private static let flapsAndGrafts: [(String, CodeWords)] =
        series(flap, Site.trunk, ["14000", "14001"], Size.flap)
            + series(flap, Site.scalpArmsLegs, ["14020", "14021"], Size.flap)
            + series(flap, Site.restOfFaceNeckHandsFeet, ["14040", "14041"], Size.flap)
            + series(flap, Site.eyelidsNoseEarsLips, ["14060", "14061"], Size.flap)
            + [("14301", CodeWords("Skin flap repair, any area, 30.1 to 60 sq cm", "Reparación con colgajo de piel, cualquier zona, 30.1 a 60 cm²")),
               ("14302", CodeWords("Skin flap repair, each added 30 sq cm", "Reparación con colgajo de piel, cada 30 cm² adicionales"))]
            + series(graft, Site.trunk, ["15200", "15201"], Size.graft)
            + series(graft, Site.scalpArmsLegs, ["15220", "15221"], Size.graft)
            + series(graft, Site.restOfFaceNeckHandsFeet, ["15240", "15241"], Size.graft)
            + series(graft, Site.eyelidsNoseEarsLips, ["15260", "15261"], Size.graft)

    // MARK: Other skin and nail procedures

    private static let otherSkinProcedures: [(String, CodeWords)] = [
        ("10040", CodeWords("Acne surgery (extracting blemishes and cysts)", "Cirugía de acné (extracción de granos y quistes)")),
        ("10060", CodeWords("Draining a skin abscess or cyst, simple", "Drenaje de absceso o quiste de piel, simple")),
        ("10061", CodeWords("Draining a skin abscess or cyst, complicated", "Drenaje de absceso o quiste de piel, complicado")),
        ("11200", CodeWords("Skin tag removal, up to 15 tags", "Extirpación de acrocordones (verrugas de carne), hasta 15")),
        ("11201", CodeWords("Skin tag removal, each additional 10 tags", "Extirpación de acrocordones, cada 10 adicionales")),
        ("11720", CodeWords("Nail debridement (thinning), 1 to 5 nails", "Desbridamiento de uñas (adelgazamiento), 1 a 5 uñas")),
        ("11721", CodeWords("Nail debridement (thinning), 6 or more nails", "Desbridamiento de uñas (adelgazamiento), 6 o más uñas")),
        ("11730", CodeWords("Nail removal (partial or full), first nail", "Extracción de uña (parcial o total), primera uña")),
        ("11732", CodeWords("Nail removal (partial or full), each additional", "Extracción de uña (parcial o total), cada uña adicional")),
        ("11750", CodeWords("Permanent nail removal (nail and root)", "Extirpación permanente de uña y raíz")),
    ]

    // MARK: Injections

    private static let injections: [(String, CodeWords)] = [
        ("11900", CodeWords("Injection into skin lesions, up to 7", "Inyección en lesiones de la piel, hasta 7")),
        ("11901", CodeWords("Injection into skin lesions, more than 7", "Inyección en lesiones de la piel, más de 7")),
        ("96372", CodeWords("Injection into a muscle or under the skin", "Inyección en el músculo o bajo la piel")),
        ("J3301", CodeWords("Triamcinolone (steroid) medicine, per 10 mg", "Triamcinolona (medicamento esteroide), por 10 mg")),
    ]

    // MARK: Laboratory

    private static let laboratory: [(String, CodeWords)] = [
        ("88304", CodeWords("Lab exam of removed tissue (e.g. cyst, skin tag)", "Examen de laboratorio de tejido (p. ej., quiste)")),
        ("88305", CodeWords("Lab exam of a skin sample under the microscope", "Examen de una muestra de piel al microscopio")),
        ("88312", CodeWords("Special lab stain for infection (e.g. fungus)", "Tinción especial para infección (p. ej., hongos)")),
        ("88313", CodeWords("Special lab stain, other kinds", "Tinción especial de laboratorio, otros tipos")),
        ("88341", CodeWords("Antibody stain of tissue, each additional", "Tinción de anticuerpos en tejido, cada una adicional")),
        ("88342", CodeWords("Antibody stain of tissue, first stain", "Tinción de anticuerpos en tejido, primera tinción")),
        ("88346", CodeWords("Immunofluorescence test of skin, first stain", "Inmunofluorescencia de piel, primera tinción")),
        ("88350", CodeWords("Immunofluorescence test of skin, each additional", "Inmunofluorescencia de piel, cada tinción adicional")),
        ("87101", CodeWords("Fungus culture of skin, hair or nail", "Cultivo de hongos de piel, cabello o uña")),
        ("87220", CodeWords("Microscope check for fungus (KOH test)", "Examen al microscopio para hongos (prueba KOH)")),
    ]

    // MARK: Light treatment

    private static let lightTreatment: [(String, CodeWords)] = [
        ("96900", CodeWords("Ultraviolet light treatment", "Tratamiento con luz ultravioleta")),
        ("96910", CodeWords("Light treatment with tar or petrolatum and UVB", "Fototerapia UVB con alquitrán o vaselina")),
        ("96912", CodeWords("Light treatment with psoralen and UVA (PUVA)", "Fototerapia con psoraleno y UVA (PUVA)")),
        ("96913", CodeWords("Intensive light treatment day (4 to 8 hours)", "Día de fototerapia intensiva (4 a 8 horas)")),
        ("96920", CodeWords("Excimer laser for skin disease, under 250 sq cm", "Láser excímer para enfermedad de la piel, menos de 250 cm²")),
        ("96921", CodeWords("Excimer laser for skin disease, 250 to 500 sq cm", "Láser excímer para enfermedad de la piel, 250 a 500 cm²")),
        ("96922", CodeWords("Excimer laser for skin disease, over 500 sq cm", "Láser excímer para enfermedad de la piel, más de 500 cm²")),
        ("96567", CodeWords("Photodynamic light therapy for precancer, per day", "Terapia fotodinámica para lesiones precancerosas, por día")),
        ("96573", CodeWords("Photodynamic therapy by your clinician, per day", "Terapia fotodinámica aplicada por su médico, por día")),
        ("96574", CodeWords("Scraping, then photodynamic therapy, per day", "Raspado y luego terapia fotodinámica, por día")),
        ("J7308", CodeWords("Levulan light-activated medicine (per stick)", "Levulan, medicamento activado por luz (por aplicador)")),
        ("J7309", CodeWords("Metvixia light-activated cream (per gram)", "Metvixia, crema activada por luz (por gramo)")),
        ("J7345", CodeWords("Ameluz light-activated gel (per 10 mg)", "Ameluz, gel activado por luz (por 10 mg)")),
    ]

    private static let allergyTests: [(String, CodeWords)] = [
        ("95044", CodeWords("Patch test for skin allergies, per test", "Prueba de parche para alergias de la piel, por prueba")),
        ("95052", CodeWords("Photo patch test (allergy with light), per test", "Prueba de fotoparche (alergia con luz), por prueba")),
    ]

    // MARK: Cosmetic and self-pay with a CPT or HCPCS code

    private static let cosmetic: [(String, CodeWords)] = [
        ("J0585", CodeWords("Botox injection (per unit)", "Inyección de Botox (por unidad)")),
        ("J0586", CodeWords("Dysport injection (per 5 units)", "Inyección de Dysport (por 5 unidades)")),
        ("J0587", CodeWords("Myobloc injection (per 100 units)", "Inyección de Myobloc (por 100 unidades)")),
        ("J0588", CodeWords("Xeomin injection (per unit)", "Inyección de Xeomin (por unidad)")),
        ("64612", CodeWords("Botulinum toxin injections, face muscles, one side", "Inyecciones de toxina botulínica, músculos de la cara, un lado")),
        ("64650", CodeWords("Injections for heavy sweating, both underarms", "Inyecciones para sudor excesivo, ambas axilas")),
        ("64653", CodeWords("Injections for heavy sweating, other areas, per day", "Inyecciones para sudor excesivo, otras zonas, por día")),
        ("11950", CodeWords("Filler injection under the skin, 1 cc or less", "Inyección de relleno bajo la piel, 1 cc o menos")),
        ("11951", CodeWords("Filler injection under the skin, 1.1 to 5 cc", "Inyección de relleno bajo la piel, 1.1 a 5 cc")),
        ("11952", CodeWords("Filler injection under the skin, 5.1 to 10 cc", "Inyección de relleno bajo la piel, 5.1 a 10 cc")),
        ("11954", CodeWords("Filler injection under the skin, over 10 cc", "Inyección de relleno bajo la piel, más de 10 cc")),
        ("15780", CodeWords("Dermabrasion, full face", "Dermoabrasión, toda la cara")),
        ("15781", CodeWords("Dermabrasion, part of the face", "Dermoabrasión, parte de la cara")),
        ("15782", CodeWords("Dermabrasion, area other than the face", "Dermoabrasión, zona fuera de la cara")),
        ("15783", CodeWords("Light dermabrasion, any area (e.g. tattoo)", "Dermoabrasión superficial, cualquier zona (p. ej., tatuaje)")),
        ("15786", CodeWords("Abrasion of a single skin spot", "Abrasión de una sola lesión de la piel")),
        ("15787", CodeWords("Abrasion, each additional 1 to 4 spots", "Abrasión, cada 1 a 4 lesiones adicionales")),
        ("15788", CodeWords("Chemical peel, face, light (outer layer)", "Peeling químico, cara, superficial (capa externa)")),
        ("15789", CodeWords("Chemical peel, face, deeper layer", "Peeling químico, cara, capa profunda")),
        ("15792", CodeWords("Chemical peel, body, light (outer layer)", "Peeling químico, cuerpo, superficial (capa externa)")),
        ("15793", CodeWords("Chemical peel, body, deeper layer", "Peeling químico, cuerpo, capa profunda")),
        ("17380", CodeWords("Electrolysis hair removal, each 30 minutes", "Depilación por electrólisis, cada 30 minutos")),
        ("36468", CodeWords("Spider vein injections, legs or trunk", "Inyecciones para arañas vasculares, piernas o tronco")),
    ]

    // MARK: Practice codes (services without a CPT or HCPCS code; convention in `PlainLanguageCodes`)

    private static let practiceCodes: [(String, CodeWords)] = [
        ("CONSULT-COSMETIC", CodeWords("Cosmetic consultation", "Consulta estética")),
        ("FILLER-HA", CodeWords("Hyaluronic acid filler (per syringe)", "Relleno de ácido hialurónico (por jeringa)")),
        ("FILLER-CAHA", CodeWords("Calcium hydroxylapatite filler (per syringe)", "Relleno de hidroxiapatita de calcio (por jeringa)")),
        ("FILLER-PLLA", CodeWords("Poly-L-lactic acid filler (per vial)", "Relleno de ácido poli-L-láctico (por frasco)")),
        ("INJ-DEOXYCHOLIC", CodeWords("Injection to reduce under-chin fat (per vial)", "Inyección para reducir la papada (por frasco)")),
        ("LASER-IPL", CodeWords("Intense pulsed light (IPL), per session", "Luz pulsada intensa (IPL), por sesión")),
        ("LASER-HAIR", CodeWords("Laser hair removal, per session", "Depilación láser, por sesión")),
        ("LASER-RESURF", CodeWords("Laser skin resurfacing, per session", "Rejuvenecimiento de la piel con láser, por sesión")),
        ("LASER-TATTOO", CodeWords("Laser tattoo removal, per session", "Eliminación de tatuaje con láser, por sesión")),
        ("LASER-VASCULAR", CodeWords("Cosmetic laser for redness or small veins", "Láser estético para enrojecimiento o venitas")),
        ("MICRODERM", CodeWords("Microdermabrasion, per session", "Microdermoabrasión, por sesión")),
        ("MICRONEEDLING", CodeWords("Microneedling, per session", "Tratamiento con microagujas, por sesión")),
        ("RETAIL-SKINCARE", CodeWords("Skin care product", "Producto para el cuidado de la piel")),
        ("FEE-NOSHOW", CodeWords("Missed appointment fee", "Cargo por cita perdida")),
        ("FEE-LATECANCEL", CodeWords("Late cancellation fee", "Cargo por cancelación tardía")),
    ]

    // MARK: Building blocks

    /// One family: the same service at one site group, one code per size, in order.
    private static func series(_ service: CodeWords, _ site: CodeWords, _ codes: [String], _ sizes: [CodeWords]) -> [(String, CodeWords)] {
        precondition(codes.count == sizes.count, "\(service.english), \(site.english): \(codes.count) codes for \(sizes.count) sizes")
        return zip(codes, sizes).map { code, size in
            (code, CodeWords("\(service.english), \(site.english), \(size.english)", "\(service.spanish), \(site.spanish), \(size.spanish)"))
        }
    }

    /// Site groups as CPT draws them, named by the places a patient would recognize. A label names the main places of
    /// its group, not every one: underarms belong with the trunk for layered closures, and with the face, neck, hands
    /// and feet (as do the genitals) for complex repairs, flaps and grafts. Where a family gives the eyelids, nose, ears
    /// and lips a group of their own, "face" in its other group means the rest of the face.
    private enum Site {
        static let face = CodeWords("face", "cara")
        static let trunk = CodeWords("trunk", "tronco")
        static let trunkArmsLegs = CodeWords("trunk/arms/legs", "tronco/brazos/piernas")
        static let scalpArmsLegs = CodeWords("scalp/arms/legs", "cuero cabelludo/brazos/piernas")
        static let scalpTrunkArmsLegs = CodeWords("scalp/trunk/arms/legs", "cuero cabelludo/tronco/brazos/piernas")
        static let scalpNeckTrunkLimbs = CodeWords("scalp/neck/trunk/limbs", "cuero cabelludo/cuello/tronco/extremidades")
        static let scalpNeckHandsFeet = CodeWords("scalp/neck/hands/feet/genitals", "cuero cabelludo/cuello/manos/pies/genitales")
        static let neckHandsFeet = CodeWords("neck/hands/feet/genitals", "cuello/manos/pies/genitales")
        static let restOfFaceNeckHandsFeet = CodeWords("face/neck/hands/feet", "cara/cuello/manos/pies")
        static let eyelidsNoseEarsLips = CodeWords("eyelids/nose/ears/lips", "párpados/nariz/orejas/labios")
    }

    /// Sizes as each family is priced: width removed, wound length, or area.
    private enum Size {
        static let excised = [
            CodeWords("up to 0.5 cm", "hasta 0.5 cm"), CodeWords("0.6 to 1 cm", "0.6 a 1 cm"), CodeWords("1.1 to 2 cm", "1.1 a 2 cm"),
            CodeWords("2.1 to 3 cm", "2.1 a 3 cm"), CodeWords("3.1 to 4 cm", "3.1 a 4 cm"), CodeWords("over 4 cm", "más de 4 cm"),
        ]
        static let shaved = Array(excised.prefix(3)) + [CodeWords("over 2 cm", "más de 2 cm")]
        static let repairedBody = [
            CodeWords("up to 2.5 cm", "hasta 2.5 cm"), CodeWords("2.6 to 7.5 cm", "2.6 a 7.5 cm"),
            CodeWords("7.6 to 12.5 cm", "7.6 a 12.5 cm"), CodeWords("12.6 to 20 cm", "12.6 a 20 cm"),
            CodeWords("20.1 to 30 cm", "20.1 a 30 cm"), CodeWords("over 30 cm", "más de 30 cm"),
        ]
        static let repairedFace = [
            CodeWords("up to 2.5 cm", "hasta 2.5 cm"), CodeWords("2.6 to 5 cm", "2.6 a 5 cm"), CodeWords("5.1 to 7.5 cm", "5.1 a 7.5 cm"),
        ] + repairedBody.dropFirst(2)
        static let complexRepair = [
            CodeWords("1.1 to 2.5 cm", "1.1 a 2.5 cm"), CodeWords("2.6 to 7.5 cm", "2.6 a 7.5 cm"),
            CodeWords("each added 5 cm", "cada 5 cm adicionales"),
        ]
        static let flap = [CodeWords("up to 10 sq cm", "hasta 10 cm²"), CodeWords("10.1 to 30 sq cm", "10.1 a 30 cm²")]
        static let graft = [CodeWords("up to 20 sq cm", "hasta 20 cm²"), CodeWords("each added 20 sq cm", "cada 20 cm² adicionales")]
    }
}
