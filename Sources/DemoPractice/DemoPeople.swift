/// Names and places for demo guarantors: invented, common enough to be anyone.
enum DemoPeople {
    static let firstNames = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
                             "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Karen",
                             "Christopher", "Sarah", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Sandra", "Mark",
                             "Ashley", "Steven", "Emily", "Andrew", "Donna", "Joshua", "Michelle", "Kenneth", "Carol",
                             "Kevin", "Amanda", "Brian", "Melissa", "Aisha", "Wei", "Priya", "Kwame", "Mei", "Hannah"]
    static let lastNames = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
                            "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris",
                            "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green",
                            "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips",
                            "Evans", "Turner", "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy", "Cook",
                            "O'Brien", "Nguyen", "Patel", "Kim", "Chen"]
    // Spanish-speaking guarantors read their statements in Spanish.
    static let spanishFirstNames = ["María", "José", "Lucía", "Andrés", "Sofía", "Tomás", "Inés", "Raúl", "Ana", "Jesús"]
    static let spanishLastNames = ["García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez",
                                   "Sánchez", "Ramírez", "Peña", "Ibáñez", "Muñoz"]
    static let streets = ["Oak St", "Maple Ave", "Haywood Rd", "Merrimon Ave", "Charlotte St", "Patton Ave",
                          "Tunnel Rd", "Sweeten Creek Rd", "Hendersonville Rd", "Beaverdam Rd", "Montford Ave",
                          "Riverside Dr", "Kimberly Ave", "Town Mountain Rd", "Brevard Rd"]
    static let places: [(city: String, zip: String)] = [("Asheville", "28801"), ("Asheville", "28803"),
                                                         ("Asheville", "28804"), ("Asheville", "28806"),
                                                         ("Black Mountain", "28711"), ("Weaverville", "28787"),
                                                         ("Arden", "28704"), ("Fletcher", "28732"),
                                                         ("Hendersonville", "28792"), ("Candler", "28715")]
    static let childNames = ["Liam", "Olivia", "Noah", "Emma", "Ava", "Elijah", "Mia", "Lucas", "Chloe", "Mateo"]
}
