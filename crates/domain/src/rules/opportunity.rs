//! Opportunities move through the stages of their own pipeline: a stage of another
//! pipeline is refused (naming `stage`), and a deal that changes stage takes the new
//! stage's probability unless the same write gives one (a forecast is weighted by
//! it, so it must follow the stage unless someone says otherwise).

use rapport_model::{ObjectDef, Record, RuleError, Value};
use rapport_store::conn::BoxFuture;
use rapport_store::rules::{Before, Ctx, WriteKind};
use uuid::Uuid;

use super::{Rule, RuleResult};

/// The refusal's code and message.
pub const STAGE_NOT_IN_PIPELINE: &str = "stage_not_in_pipeline";
const MESSAGE: &str = "rule-stage-not-in-pipeline";

pub struct StageInPipeline;

impl Rule for StageInPipeline {
    fn before<'a>(&'a self, ctx: Ctx<'a>, _: &'a ObjectDef, write: Before<'a>) -> BoxFuture<'a, RuleResult> {
        Box::pin(async move {
            if !matches!(write.kind, WriteKind::Create | WriteKind::Update) {
                return Ok(());
            }
            let existing = write.existing;
            let changes = write.changes;
            let moves =
                |field: &str| changes.values.get(field).is_some_and(|v| Some(v) != existing.map(|r| r.get(field)));
            let (stage_moves, pipeline_moves) = (moves("stage"), moves("pipeline"));
            if !stage_moves && !pipeline_moves {
                return Ok(());
            }
            let now = |field: &str| uuid_of(changes.values.get(field).or_else(|| existing.map(|r| r.get(field))));
            // Without both, or with a stage the writer cannot read, the required-field
            // and relation checks of the write say what is wrong.
            let (Some(stage_id), Some(pipeline_id)) = (now("stage"), now("pipeline")) else { return Ok(()) };
            let Some(stage) = ctx.get("stage", stage_id).await? else { return Ok(()) };
            if uuid_of(Some(stage.get("pipeline"))) != Some(pipeline_id) {
                return Err(refusal(ctx, &stage, pipeline_id).await?.into());
            }
            let probability = stage.get("probability");
            if stage_moves && !changes.values.contains_key("probability") && !probability.is_null() {
                changes.values.insert("probability".into(), probability.clone());
            }
            Ok(())
        })
    }

    fn refusals(&self) -> Vec<RuleError> {
        vec![stage_not_in_pipeline("Negotiation", "Renewals")]
    }
}

fn uuid_of(value: Option<&Value>) -> Option<Uuid> {
    match value {
        Some(Value::Uuid(id)) => Some(*id),
        _ => None,
    }
}

fn text_of(value: &Value) -> String {
    match value {
        Value::Text(t) => t.clone(),
        _ => String::new(),
    }
}

/// The refusal, naming the stage and the deal's pipeline as the writer knows them.
async fn refusal(ctx: Ctx<'_>, stage: &Record, pipeline_id: Uuid) -> rapport_store::Result<RuleError> {
    let pipeline = ctx.get("pipeline", pipeline_id).await?;
    let pipeline_name = pipeline.map(|p| text_of(p.get("name"))).unwrap_or_default();
    Ok(stage_not_in_pipeline(&text_of(stage.get("name")), &pipeline_name))
}

fn stage_not_in_pipeline(stage: &str, pipeline: &str) -> RuleError {
    RuleError::new(STAGE_NOT_IN_PIPELINE, MESSAGE).on("stage").arg("stage", stage).arg("pipeline", pipeline)
}
