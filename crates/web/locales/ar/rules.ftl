## Business rules' refusals (crates/domain/src/rules/): each rule error carries its
## own message id and arguments; the API and the pages show it in the user's language.

rule-stage-not-in-pipeline = المرحلة «{ $stage }» ليست من مراحل مسار المبيعات «{ $pipeline }»: اختر إحدى مراحله.
