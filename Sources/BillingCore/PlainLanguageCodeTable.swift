/// The words behind `PlainLanguageCodes`. Ranges are described by what changes along them (first lesion or each
/// added one, the size of what was removed), which is what a patient needs to recognise the line.
enum PlainLanguageCodeTable {
    struct Words { let english: String; let spanish: String }

    static let codes: [String: Words] = {
        var table: [String: Words] = [:]
        func add(_ code: String, _ english: String, _ spanish: String) { table[code] = Words(english: english, spanish: spanish) }

        let level = [("straightforward", "sencilla"), ("low complexity", "de baja complejidad"),
                     ("moderate complexity", "de complejidad moderada"), ("high complexity", "de alta complejidad")]
        for (offset, code) in (99202...99205).enumerated() {
            add(String(code), "Office visit, new patient (\(level[offset].0))", "Consulta, paciente nuevo (\(level[offset].1))")
        }
        add("99211", "Brief office visit (nurse or staff)", "Consulta breve (enfermería o personal)")
        for (offset, code) in (99212...99215).enumerated() {
            add(String(code), "Office visit, returning patient (\(level[offset].0))", "Consulta, paciente establecido (\(level[offset].1))")
        }
        add("99024", "Follow-up visit after surgery (no charge)", "Consulta de seguimiento después de cirugía (sin cargo)")

        add("11102", "Skin biopsy by shave, first lesion", "Biopsia de piel por rasurado, primera lesión")
        add("11103", "Skin biopsy by shave, each added lesion", "Biopsia de piel por rasurado, cada lesión adicional")
        add("11104", "Skin biopsy by punch, first lesion", "Biopsia de piel con sacabocados, primera lesión")
        add("11105", "Skin biopsy by punch, each added lesion", "Biopsia de piel con sacabocados, cada lesión adicional")
        add("11106", "Skin biopsy by incision, first lesion", "Biopsia de piel por incisión, primera lesión")
        add("11107", "Skin biopsy by incision, each added lesion", "Biopsia de piel por incisión, cada lesión adicional")

        // Shave removals 11300–11313: site group by decade, size by the last digit.
        let shaveSites = [("trunk, arms or legs", "tronco, brazos o piernas"), ("scalp, neck, hands, feet or genitals", "cuero cabelludo, cuello, manos, pies o genitales"),
                          ("face, ears, eyelids, nose, lips or mouth", "cara, orejas, párpados, nariz, labios o boca")]
        let shaveSizes = [("up to 0.5 cm", "hasta 0.5 cm"), ("0.6 to 1 cm", "de 0.6 a 1 cm"), ("1.1 to 2 cm", "de 1.1 a 2 cm"), ("over 2 cm", "más de 2 cm")]
        for (siteIndex, site) in shaveSites.enumerated() {
            for (sizeIndex, size) in shaveSizes.enumerated() {
                add(String(11300 + siteIndex * 5 + sizeIndex),
                    "Shave removal of a skin growth, \(site.0), \(size.0)", "Extirpación por rasurado de un crecimiento de piel, \(site.1), \(size.1)")
            }
        }

        // Excisions: benign 11400–11446, malignant 11600–11646. Sites by decade, size by the last digit.
        let excisionSites = [("trunk, arms or legs", "tronco, brazos o piernas"), ("scalp, neck, hands, feet or genitals", "cuero cabelludo, cuello, manos, pies o genitales"),
                             ("face, ears, eyelids, nose, lips or mouth", "cara, orejas, párpados, nariz, labios o boca")]
        let excisionSizes = [("up to 0.5 cm", "hasta 0.5 cm"), ("0.6 to 1 cm", "de 0.6 a 1 cm"), ("1.1 to 2 cm", "de 1.1 a 2 cm"),
                             ("2.1 to 3 cm", "de 2.1 a 3 cm"), ("3.1 to 4 cm", "de 3.1 a 4 cm"), ("over 4 cm", "más de 4 cm")]
        for (base, kind) in [(11400, ("non-cancerous", "no canceroso")), (11600, ("skin cancer", "cáncer de piel"))] {
            for (siteIndex, site) in excisionSites.enumerated() {
                for (sizeIndex, size) in excisionSizes.enumerated() {
                    // The last digit runs 0, 1, 2, 3, 4, then 6 for the largest size.
                    add(String(base + siteIndex * 20 + [0, 1, 2, 3, 4, 6][sizeIndex]),
                        "Removal of a \(kind.0) growth, \(site.0), \(size.0)", "Extirpación de un crecimiento \(kind.1), \(site.1), \(size.1)")
                }
            }
        }

        add("17000", "Freezing of a precancerous spot, first one", "Congelación de una mancha precancerosa, la primera")
        add("17003", "Freezing of precancerous spots, 2nd to 14th (each)", "Congelación de manchas precancerosas, de la 2.ª a la 14.ª (cada una)")
        add("17004", "Freezing of 15 or more precancerous spots", "Congelación de 15 o más manchas precancerosas")
        add("17110", "Removal of warts or similar growths (up to 14)", "Eliminación de verrugas o crecimientos similares (hasta 14)")
        add("17111", "Removal of warts or similar growths (15 or more)", "Eliminación de verrugas o crecimientos similares (15 o más)")
        add("17311", "Mohs skin cancer surgery, head/neck/hands/feet, first stage", "Cirugía de Mohs, cabeza/cuello/manos/pies, primera etapa")
        add("17312", "Mohs surgery, head/neck/hands/feet, each added stage", "Cirugía de Mohs, cabeza/cuello/manos/pies, cada etapa adicional")
        add("17313", "Mohs skin cancer surgery, trunk/arms/legs, first stage", "Cirugía de Mohs, tronco/brazos/piernas, primera etapa")
        add("17314", "Mohs surgery, trunk/arms/legs, each added stage", "Cirugía de Mohs, tronco/brazos/piernas, cada etapa adicional")
        add("17315", "Mohs surgery, each added block of tissue", "Cirugía de Mohs, cada bloque de tejido adicional")
        add("88305", "Lab exam of a skin sample under the microscope", "Examen de laboratorio de una muestra de piel al microscopio")
        add("88312", "Special stain of a skin sample", "Tinción especial de una muestra de piel")
        add("88342", "Immune stain of a skin sample", "Tinción inmunológica de una muestra de piel")

        let repairSizes = [("up to 2.5 cm", "hasta 2.5 cm"), ("2.6 to 7.5 cm", "de 2.6 a 7.5 cm"), ("7.6 to 12.5 cm", "de 7.6 a 12.5 cm"),
                           ("12.6 to 20 cm", "de 12.6 a 20 cm"), ("20.1 to 30 cm", "de 20.1 a 30 cm"), ("over 30 cm", "más de 30 cm")]
        for (offset, code) in [12001, 12002, 12004, 12005, 12006, 12007].enumerated() {
            add(String(code), "Simple stitches, scalp/neck/body/arms/legs, \(repairSizes[offset].0)",
                "Sutura simple, cuero cabelludo/cuello/cuerpo/brazos/piernas, \(repairSizes[offset].1)")
        }
        for (offset, code) in [12011, 12013, 12014, 12015, 12016, 12017, 12018].enumerated() {
            let size = offset < repairSizes.count ? repairSizes[offset] : ("over 30 cm", "más de 30 cm")
            add(String(code), "Simple stitches, face/ears/eyelids/nose/lips, \(size.0)", "Sutura simple, cara/orejas/párpados/nariz/labios, \(size.1)")
        }
        for code in 12031...12057 {
            add(String(code), "Layered stitch repair of a wound", "Reparación de una herida con sutura en capas")
        }
        for code in 13100...13153 {
            add(String(code), "Complex stitch repair of a wound", "Reparación compleja de una herida con sutura")
        }
        for code in [14040, 14041, 14060, 14061] {
            add(String(code), "Skin flap to close a wound (face or hands)", "Colgajo de piel para cerrar una herida (cara o manos)")
        }
        add("11900", "Injection into skin lesions (up to 7)", "Inyección en lesiones de la piel (hasta 7)")
        add("11901", "Injection into skin lesions (more than 7)", "Inyección en lesiones de la piel (más de 7)")
        add("96900", "Ultraviolet light treatment", "Tratamiento con luz ultravioleta")
        add("96910", "Light therapy for psoriasis (with medicine on the skin)", "Fototerapia para la psoriasis (con medicamento en la piel)")
        add("96920", "Laser treatment for psoriasis, small area", "Láser para la psoriasis, área pequeña")
        add("96921", "Laser treatment for psoriasis, medium area", "Láser para la psoriasis, área mediana")
        add("96922", "Laser treatment for psoriasis, large area", "Láser para la psoriasis, área grande")
        add("96567", "Light-activated treatment of precancerous spots", "Tratamiento con luz de manchas precancerosas")
        add("95044", "Patch test for skin allergies (per test)", "Prueba de parche para alergias de la piel (por prueba)")
        add("J7308", "Medicine for light-activated treatment", "Medicamento para el tratamiento con luz")

        // Cosmetic and self-pay.
        add("J0585", "Botox injection (per unit)", "Inyección de Botox (por unidad)")
        add("J0586", "Dysport injection (per 5 units)", "Inyección de Dysport (por 5 unidades)")
        add("J0588", "Xeomin injection (per unit)", "Inyección de Xeomin (por unidad)")
        add("64612", "Nerve-muscle injection (Botox for muscle spasm)", "Inyección en nervio y músculo (Botox para espasmos)")
        add("64650", "Sweat gland injections (for heavy sweating)", "Inyecciones en glándulas sudoríparas (sudor excesivo)")
        add("15780", "Dermabrasion, full face", "Dermoabrasión, toda la cara")
        add("15781", "Dermabrasion, part of the face", "Dermoabrasión, parte de la cara")
        add("15782", "Dermabrasion, other areas", "Dermoabrasión, otras áreas")
        add("15783", "Dermabrasion, superficial", "Dermoabrasión superficial")
        add("15786", "Abrasion of a single lesion", "Abrasión de una sola lesión")
        add("15787", "Abrasion, each added lesion", "Abrasión, cada lesión adicional")
        add("15788", "Chemical peel, face, light", "Peeling químico facial, superficial")
        add("15789", "Chemical peel, face, medium depth", "Peeling químico facial, profundidad media")
        add("15792", "Chemical peel, body, light", "Peeling químico corporal, superficial")
        add("15793", "Chemical peel, body, medium depth", "Peeling químico corporal, profundidad media")
        add("17380", "Hair removal by electrolysis (per 30 minutes)", "Depilación por electrólisis (cada 30 minutos)")
        // Practice codes (capital letters with a hyphen) for services with no CPT or HCPCS code.
        add("FILLER-HA", "Hyaluronic acid filler (per syringe)", "Relleno de ácido hialurónico (por jeringa)")
        add("FILLER-CAHA", "Calcium filler such as Radiesse (per syringe)", "Relleno de calcio como Radiesse (por jeringa)")
        add("FILLER-PLLA", "Sculptra filler (per vial)", "Relleno Sculptra (por frasco)")
        add("LASER-IPL", "Light treatment for redness and sun spots (session)", "Tratamiento de luz para rojeces y manchas (sesión)")
        add("LASER-HAIR", "Laser hair removal (session)", "Depilación láser (sesión)")
        add("LASER-RESURF", "Laser skin resurfacing (session)", "Rejuvenecimiento de la piel con láser (sesión)")
        add("MICRODERM", "Microdermabrasion (session)", "Microdermoabrasión (sesión)")
        add("CONSULT-COSMETIC", "Cosmetic consultation", "Consulta cosmética")
        add("PEEL-SERIES-3", "Series of three chemical peels", "Serie de tres peelings químicos")
        return table
    }()

    static let modifiers: [String: Words] = [
        "25": Words(english: "separate visit on the same day as a procedure", spanish: "consulta aparte el mismo día que un procedimiento"),
        "59": Words(english: "separate procedure", spanish: "procedimiento aparte"),
        "XS": Words(english: "separate body site", spanish: "otra zona del cuerpo"),
        "76": Words(english: "repeated by the same provider", spanish: "repetido por el mismo profesional"),
        "51": Words(english: "one of several procedures", spanish: "uno de varios procedimientos"),
        "50": Words(english: "both sides of the body", spanish: "ambos lados del cuerpo"),
        "LT": Words(english: "left side", spanish: "lado izquierdo"),
        "RT": Words(english: "right side", spanish: "lado derecho"),
        "79": Words(english: "unrelated procedure after surgery", spanish: "procedimiento no relacionado después de cirugía"),
        "GA": Words(english: "you signed a notice that Medicare may not pay", spanish: "firmó un aviso de que Medicare podría no pagar"),
    ]
}
