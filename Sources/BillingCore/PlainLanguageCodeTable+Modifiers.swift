extension PlainLanguageCodeTable {
    /// What a modifier tells the insurer, in words a patient can check against their visit. The digit and toe
    /// modifiers matter here because nail and finger procedures are billed per digit.
    static let modifiers: [String: CodeWords] = [
        // Visits and procedures on the same day or in a surgery's follow-up period
        "24": CodeWords("Unrelated visit during a surgery's follow-up period", "Consulta no relacionada durante el seguimiento de una cirugía"),
        "25": CodeWords("Visit separate from a procedure the same day", "Consulta aparte de un procedimiento del mismo día"),
        "57": CodeWords("Visit where the decision for surgery was made", "Consulta en la que se decidió la cirugía"),
        "58": CodeWords("Planned next step of an earlier procedure", "Siguiente etapa planificada de un procedimiento anterior"),
        "78": CodeWords("Unplanned return for a related procedure", "Regreso no planificado para un procedimiento relacionado"),
        "79": CodeWords("Unrelated procedure during a follow-up period", "Procedimiento no relacionado durante un período de seguimiento"),
        // Several procedures, repeats, distinct services
        "50": CodeWords("Done on both sides of the body", "Realizado en ambos lados del cuerpo"),
        "51": CodeWords("One of several procedures done the same day", "Uno de varios procedimientos del mismo día"),
        "52": CodeWords("Service reduced or only partly done", "Servicio reducido o realizado solo en parte"),
        "53": CodeWords("Procedure stopped before it was finished", "Procedimiento suspendido antes de terminar"),
        "59": CodeWords("Distinct service, separate from others that day", "Servicio distinto, aparte de los demás de ese día"),
        "76": CodeWords("Same procedure repeated by the same clinician", "Mismo procedimiento repetido por el mismo profesional"),
        "77": CodeWords("Same procedure repeated by another clinician", "Mismo procedimiento repetido por otro profesional"),
        "XE": CodeWords("Done at a separate visit the same day", "Realizado en otra consulta el mismo día"),
        "XP": CodeWords("Done by a different clinician", "Realizado por otro profesional"),
        "XS": CodeWords("Done on a separate body site or lesion", "Realizado en otra zona del cuerpo o en otra lesión"),
        "XU": CodeWords("Unusual service, separate from the others", "Servicio poco habitual, aparte de los demás"),
        // Who did which part (pathology)
        "26": CodeWords("Doctor's reading only (professional part)", "Solo la interpretación del médico (parte profesional)"),
        "TC": CodeWords("Lab's technical part only", "Solo la parte técnica del laboratorio"),
        // Telehealth
        "93": CodeWords("Telehealth visit by phone (audio only)", "Consulta de telesalud por teléfono (solo audio)"),
        "95": CodeWords("Telehealth visit by live video", "Consulta de telesalud por video en vivo"),
        // Coverage notices and drug waste
        "GA": CodeWords("You signed a notice that insurance may not pay", "Usted firmó un aviso de que el seguro podría no pagar"),
        "GY": CodeWords("Not a covered benefit of your plan", "No es un beneficio cubierto por su plan"),
        "GZ": CodeWords("Expected not to be covered; no notice signed", "Se espera que no esté cubierto; sin aviso firmado"),
        "JW": CodeWords("Unused medicine that had to be discarded", "Medicamento sobrante que se tuvo que desechar"),
        "JZ": CodeWords("No medicine was discarded", "No se desechó medicamento"),
        // Body sides, eyelids, fingers and toes
        "LT": CodeWords("Left side of the body", "Lado izquierdo del cuerpo"),
        "RT": CodeWords("Right side of the body", "Lado derecho del cuerpo"),
        "E1": CodeWords("Upper left eyelid", "Párpado superior izquierdo"),
        "E2": CodeWords("Lower left eyelid", "Párpado inferior izquierdo"),
        "E3": CodeWords("Upper right eyelid", "Párpado superior derecho"),
        "E4": CodeWords("Lower right eyelid", "Párpado inferior derecho"),
        "FA": CodeWords("Left thumb", "Pulgar izquierdo"),
        "F1": CodeWords("Left index finger", "Dedo índice izquierdo"),
        "F2": CodeWords("Left middle finger", "Dedo medio izquierdo"),
        "F3": CodeWords("Left ring finger", "Dedo anular izquierdo"),
        "F4": CodeWords("Left little finger", "Dedo meñique izquierdo"),
        "F5": CodeWords("Right thumb", "Pulgar derecho"),
        "F6": CodeWords("Right index finger", "Dedo índice derecho"),
        "F7": CodeWords("Right middle finger", "Dedo medio derecho"),
        "F8": CodeWords("Right ring finger", "Dedo anular derecho"),
        "F9": CodeWords("Right little finger", "Dedo meñique derecho"),
        "TA": CodeWords("Left big toe", "Dedo gordo del pie izquierdo"),
        "T1": CodeWords("Left second toe", "Segundo dedo del pie izquierdo"),
        "T2": CodeWords("Left third toe", "Tercer dedo del pie izquierdo"),
        "T3": CodeWords("Left fourth toe", "Cuarto dedo del pie izquierdo"),
        "T4": CodeWords("Left little toe", "Dedo pequeño del pie izquierdo"),
        "T5": CodeWords("Right big toe", "Dedo gordo del pie derecho"),
        "T6": CodeWords("Right second toe", "Segundo dedo del pie derecho"),
        "T7": CodeWords("Right third toe", "Tercer dedo del pie derecho"),
        "T8": CodeWords("Right fourth toe", "Cuarto dedo del pie derecho"),
        "T9": CodeWords("Right little toe", "Dedo pequeño del pie derecho"),
    ]
}
