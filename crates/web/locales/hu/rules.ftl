## Business rules' refusals (crates/domain/src/rules/): each rule error carries its
## own message id and arguments; the API and the pages show it in the user's language.

rule-stage-not-in-pipeline = A(z) „{ $stage }” szakasz nem a(z) „{ $pipeline }” értékesítési folyamat szakasza: válasszon a folyamat szakaszai közül.
