## Business rules' refusals (crates/domain/src/rules/): each rule error carries its
## own message id and arguments; the API and the pages show it in the user's language.

rule-stage-not-in-pipeline = Το στάδιο «{ $stage }» δεν ανήκει στη ροή πωλήσεων «{ $pipeline }»: επιλέξτε ένα από τα στάδιά της.
