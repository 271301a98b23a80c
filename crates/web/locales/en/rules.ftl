## Business rules' refusals (crates/domain/src/rules/): each rule error carries its
## own message id and arguments; the API and the pages show it in the user's language.

rule-stage-not-in-pipeline = Stage “{ $stage }” is not a stage of the pipeline “{ $pipeline }”: choose one of its stages.
