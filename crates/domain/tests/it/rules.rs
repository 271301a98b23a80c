//! Business rules run inside every write on every database: a refusal is typed (code,
//! field) and leaves nothing written whichever path wrote (single, batch, bulk, bulk
//! edit); derived values are stored; a rule's effects roll back with their unit.

use std::collections::BTreeMap;

use rapport_domain::model::{Actor, Changes, Grants, ObjectDef, ObjectRights, Reach, Value};
use rapport_domain::rules::{Before, BoxFuture, Ctx, Rule, RuleError, WriteKind, Written};
use rapport_domain::testing::each_database;
use rapport_domain::{Crm, DomainError, ListQuery, Rules};
use rust_decimal::Decimal;
use serde_json::{Map, Value as Json, json};
use uuid::Uuid;

use crate::access::obj;
use crate::demo::config;

/// Two pipelines: A with stages at 10 % and 60 %, B with one at 30 %.
struct Sales {
    a: Uuid,
    b: Uuid,
    a1: Uuid,
    a2: Uuid,
    b1: Uuid,
}

async fn sales(crm: &Crm) -> Sales {
    let system = Actor::system();
    let pipeline = |name: &str| obj(json!({ "name": name }));
    let a = crm.create(&system, "pipelines", &pipeline("New business")).await.unwrap().id;
    let b = crm.create(&system, "pipelines", &pipeline("Renewals")).await.unwrap().id;
    let stage = |pipeline: Uuid, name: &str, probability: &str| {
        obj(json!({ "pipeline": pipeline.to_string(), "name": name, "probability": probability, "kind": "open" }))
    };
    let a1 = crm.create(&system, "stages", &stage(a, "Qualify", "10")).await.unwrap().id;
    let a2 = crm.create(&system, "stages", &stage(a, "Propose", "60")).await.unwrap().id;
    let b1 = crm.create(&system, "stages", &stage(b, "Negotiate", "30")).await.unwrap().id;
    Sales { a, b, a1, a2, b1 }
}

fn deal(name: &str, pipeline: Uuid, stage: Uuid) -> Map<String, Json> {
    obj(json!({ "name": name, "pipeline": pipeline.to_string(), "stage": stage.to_string() }))
}

async fn count(crm: &Crm, object: &str) -> i64 {
    crm.count(&Actor::system(), object, ListQuery::default()).await.unwrap()
}

fn percent(value: &Value) -> Option<Decimal> {
    match value {
        Value::Decimal(d) => Some(*d),
        _ => None,
    }
}

/// The refusal every path must give: the typed rule error, naming the field.
fn assert_refused(outcome: Result<impl std::fmt::Debug, DomainError>, field: &str, at: &str) {
    let error = outcome.expect_err("the rule refuses");
    let rule = error.rule().unwrap_or_else(|| panic!("{at}: not a rule error: {error:?}"));
    assert_eq!(rule.code, "stage_not_in_pipeline", "{at}");
    assert_eq!(error.code(), "stage_not_in_pipeline", "{at}");
    assert_eq!(rule.field.as_deref(), Some(field), "{at}");
    assert_eq!(rule.message_id, "rule-stage-not-in-pipeline", "{at}");
    let args: BTreeMap<_, _> = rule.args.iter().cloned().collect();
    assert_eq!(args.get("stage").map(String::as_str), Some("Negotiate"), "{at}");
    assert_eq!(args.get("pipeline").map(String::as_str), Some("New business"), "{at}");
}

#[tokio::test]
async fn a_stage_of_another_pipeline_is_refused_and_nothing_is_written() {
    for db in each_database().await {
        let at = db.name();
        let crm = Crm::open(&config(&db)).await.unwrap();
        let system = Actor::system();
        let s = sales(&crm).await;

        assert_refused(crm.create(&system, "opportunities", &deal("Wrong", s.a, s.b1)).await, "stage", at);
        let batch = [deal("Fine", s.a, s.a1), deal("Wrong", s.a, s.b1)];
        assert_refused(crm.create_many(&system, "opportunities", &batch).await, "1.stage", at);
        assert_refused(crm.bulk_create(&system, "opportunities", batch.to_vec()).await, "1.stage", at);
        assert_eq!(count(&crm, "opportunities").await, 0, "{at}: nothing of any batch was written");

        // Changes: one record, a bulk edit of two, the stage or the pipeline alone.
        let one = crm.create(&system, "opportunities", &deal("One", s.a, s.a1)).await.unwrap();
        let two = crm.create(&system, "opportunities", &deal("Two", s.a, s.a2)).await.unwrap();
        let to_b1 = obj(json!({ "stage": s.b1.to_string() }));
        assert_refused(crm.update(&system, "opportunities", one.id, one.version, &to_b1).await, "stage", at);
        assert_refused(crm.update_many(&system, "opportunities", &[one.id, two.id], &to_b1).await, "stage", at);
        let to_b = obj(json!({ "pipeline": s.b.to_string() }));
        let moved = crm.update(&system, "opportunities", one.id, one.version, &to_b).await;
        let error = moved.expect_err("a pipeline without its stage is refused");
        assert_eq!(error.rule().and_then(|r| r.field.as_deref()), Some("stage"), "{at}");
        for (before, stage) in [(&one, s.a1), (&two, s.a2)] {
            let now = crm.get(&system, "opportunities", before.id).await.unwrap();
            assert_eq!(now.version, before.version, "{at}: unchanged");
            assert_eq!(now.get("stage"), &Value::Uuid(stage), "{at}");
        }

        // Both together, consistent, are taken.
        let both = obj(json!({ "pipeline": s.b.to_string(), "stage": s.b1.to_string() }));
        let moved = crm.update(&system, "opportunities", one.id, one.version, &both).await.unwrap();
        assert_eq!(moved.get("pipeline"), &Value::Uuid(s.b), "{at}");
    }
}

#[tokio::test]
async fn a_new_stage_brings_its_probability_unless_one_is_given() {
    for db in each_database().await {
        let at = db.name();
        let crm = Crm::open(&config(&db)).await.unwrap();
        let system = Actor::system();
        let s = sales(&crm).await;
        let probability = |crm: Crm, id: Uuid| async move {
            percent(crm.get(&Actor::system(), "opportunities", id).await.unwrap().get("probability"))
        };

        let made = crm.create(&system, "opportunities", &deal("Deal", s.a, s.a1)).await.unwrap();
        assert_eq!(probability(crm.clone(), made.id).await, Some(Decimal::from(10)), "{at}: from the stage");
        let next = obj(json!({ "stage": s.a2.to_string() }));
        let made = crm.update(&system, "opportunities", made.id, made.version, &next).await.unwrap();
        assert_eq!(probability(crm.clone(), made.id).await, Some(Decimal::from(60)), "{at}: follows the stage");
        let given = obj(json!({ "stage": s.a1.to_string(), "probability": "25" }));
        let made = crm.update(&system, "opportunities", made.id, made.version, &given).await.unwrap();
        assert_eq!(probability(crm.clone(), made.id).await, Some(Decimal::from(25)), "{at}: given wins");
        let renamed = obj(json!({ "name": "Renamed" }));
        let made = crm.update(&system, "opportunities", made.id, made.version, &renamed).await.unwrap();
        assert_eq!(probability(crm.clone(), made.id).await, Some(Decimal::from(25)), "{at}: kept without a move");
        let across = obj(json!({ "pipeline": s.b.to_string(), "stage": s.b1.to_string() }));
        let made = crm.update(&system, "opportunities", made.id, made.version, &across).await.unwrap();
        assert_eq!(probability(crm.clone(), made.id).await, Some(Decimal::from(30)), "{at}: another pipeline's stage");

        // The batch and bulk paths derive it too.
        let batch = crm.create_many(&system, "opportunities", &[deal("Batch", s.a, s.a2)]).await.unwrap();
        assert_eq!(probability(crm.clone(), batch[0].id).await, Some(Decimal::from(60)), "{at}");
        assert_eq!(crm.bulk_create(&system, "opportunities", vec![deal("Bulk", s.b, s.b1)]).await.unwrap(), 1);
        let query = ListQuery { limit: 10, ..ListQuery::default() };
        let page = crm.list(&system, "opportunities", query).await.unwrap();
        let bulk = page.records.iter().find(|r| r.get("name") == &Value::Text("Bulk".into())).unwrap();
        assert_eq!(percent(bulk.get("probability")), Some(Decimal::from(30)), "{at}: bulk derives");
    }
}

#[tokio::test]
async fn a_done_task_is_completed_and_a_reopened_one_is_not() {
    for db in each_database().await {
        let at = db.name();
        let crm = Crm::open(&config(&db)).await.unwrap();
        let system = Actor::system();
        let task = |status: &str| obj(json!({ "subject": "Call back", "status": status }));
        let completed = |crm: Crm, id: Uuid| async move {
            crm.get(&Actor::system(), "tasks", id).await.unwrap().get("completed_at").clone()
        };

        let open = crm.create(&system, "tasks", &task("open")).await.unwrap();
        assert_eq!(completed(crm.clone(), open.id).await, Value::Null, "{at}");
        let start = rapport_store::now();
        let done = crm.update(&system, "tasks", open.id, open.version, &task("done")).await.unwrap();
        let Value::DateTime(when) = completed(crm.clone(), open.id).await else { panic!("{at}: not completed") };
        assert!(when >= start && when <= rapport_store::now(), "{at}: completed now");
        let reopened = crm.update(&system, "tasks", done.id, done.version, &task("in_progress")).await.unwrap();
        assert_eq!(completed(crm.clone(), reopened.id).await, Value::Null, "{at}: cleared on leaving done");

        // A completion time given with the status is kept.
        let mut given = task("done");
        given.insert("completed_at".into(), json!("2026-03-01T09:30:00Z"));
        let made = crm.create(&system, "tasks", &given).await.unwrap();
        let kept = completed(crm.clone(), made.id).await;
        assert_eq!(
            rapport_domain::model::value::format_datetime(match kept {
                Value::DateTime(t) => t,
                other => panic!("{at}: {other:?}"),
            }),
            "2026-03-01T09:30:00Z",
            "{at}"
        );

        // A bulk edit and the bulk path complete tasks too.
        crm.update_many(&system, "tasks", &[reopened.id], &task("done")).await.unwrap();
        assert!(matches!(completed(crm.clone(), reopened.id).await, Value::DateTime(_)), "{at}: bulk edit");
        crm.bulk_create(&system, "tasks", vec![obj(json!({ "subject": "Imported", "status": "done" }))]).await.unwrap();
        let page = crm.list(&system, "tasks", ListQuery { limit: 10, ..ListQuery::default() }).await.unwrap();
        let imported = page.records.iter().find(|r| r.get("subject") == &Value::Text("Imported".into())).unwrap();
        assert!(matches!(imported.get("completed_at"), Value::DateTime(_)), "{at}: bulk path");
    }
}

/// A test rule on companies: a company named `Refused` is refused; every other one
/// gets a note, written by the rule's effect in the company's own transaction, and
/// the effect itself refuses a company named `Refused later` (as a stock reservation
/// would refuse an order line when stock ran out meanwhile).
struct NoteEveryCompany;

impl Rule for NoteEveryCompany {
    fn before<'a>(
        &'a self,
        _: Ctx<'a>,
        _: &'a ObjectDef,
        write: Before<'a>,
    ) -> BoxFuture<'a, rapport_store::Result<()>> {
        Box::pin(async move {
            let refused = write.changes.values.get("name") == Some(&Value::Text("Refused".into()));
            if write.kind == WriteKind::Create && refused {
                return Err(RuleError::new("test_refused", "rule-stage-not-in-pipeline").on("name").into());
            }
            Ok(())
        })
    }

    fn after<'a>(
        &'a self,
        ctx: Ctx<'a>,
        _: &'a ObjectDef,
        written: Written<'a>,
    ) -> BoxFuture<'a, rapport_store::Result<()>> {
        Box::pin(async move {
            if written.record.get("name") == &Value::Text("Refused later".into()) {
                return Err(RuleError::new("test_refused_later", "rule-stage-not-in-pipeline").on("name").into());
            }
            if written.kind == WriteKind::Create {
                let mut values = BTreeMap::new();
                values.insert("body".to_owned(), Value::Text(format!("made {}", written.record.id)));
                ctx.create("note", Changes { values, ..Changes::default() }).await?;
            }
            Ok(())
        })
    }
}

#[tokio::test]
async fn a_rules_effect_is_written_with_its_write_and_rolled_back_with_it() {
    for db in each_database().await {
        let at = db.name();
        let rules = Rules::standard().register("company", NoteEveryCompany);
        let crm = Crm::open_with_rules(&config(&db), rules).await.unwrap();
        let system = Actor::system();
        let company = |name: &str| obj(json!({ "name": name }));

        crm.create(&system, "companies", &company("Acme")).await.unwrap();
        assert_eq!((count(&crm, "companies").await, count(&crm, "notes").await), (1, 1), "{at}: effect written");

        // The first company's effect is written, then the second is refused: the unit
        // rolls back, the first company and its note with it.
        let batch = [company("Globex"), company("Refused")];
        let error = crm.create_many(&system, "companies", &batch).await.unwrap_err();
        assert_eq!(error.code(), "test_refused", "{at}");
        assert_eq!(error.field(), Some("1.name"), "{at}: by API name, with its item");
        assert_eq!((count(&crm, "companies").await, count(&crm, "notes").await), (1, 1), "{at}: all rolled back");
        let error = crm.bulk_create(&system, "companies", batch.to_vec()).await.unwrap_err();
        assert_eq!(error.field(), Some("1.name"), "{at}");
        assert_eq!((count(&crm, "companies").await, count(&crm, "notes").await), (1, 1), "{at}: bulk wrote nothing");

        // A later step of the unit fails (an owner who does not exist, found inside the
        // unit): the first company's effect goes with it.
        let dangling = obj(json!({ "name": "Initech", "owner": Uuid::now_v7().to_string() }));
        let later = [company("Hooli"), dangling];
        let error = crm.create_many(&system, "companies", &later).await.unwrap_err();
        assert!(error.rule().is_none(), "{at}: {error:?}");
        assert_eq!((count(&crm, "companies").await, count(&crm, "notes").await), (1, 1), "{at}: rolled back");

        // A user who may write companies but not notes: the effect writes the note all
        // the same, in the user's name.
        let grants =
            Grants { objects: [("company".into(), ObjectRights::uniform(Reach::All))].into(), ..Grants::default() };
        let clerk = Actor::user(Uuid::now_v7(), Vec::new(), grants);
        let made = crm.create(&clerk, "companies", &company("Cyberdyne")).await.unwrap();
        assert!(
            crm.create(&clerk, "notes", &obj(json!({ "body": "mine" }))).await.is_err(),
            "{at}: no notes of its own"
        );
        let notes = crm.list(&system, "notes", ListQuery { limit: 100, ..ListQuery::default() }).await.unwrap();
        let note = notes.records.iter().find(|n| n.get("body") == &Value::Text(format!("made {}", made.id)));
        assert_eq!(note.expect("the effect's note").created_by, clerk.user_id(), "{at}: in the clerk's name");
        crm.delete(&system, "companies", made.id, None).await.unwrap();
        let leftover = notes.records.iter().find(|n| n.get("body") == &Value::Text(format!("made {}", made.id)));
        crm.delete(&system, "notes", leftover.map(|n| n.id).unwrap(), None).await.unwrap();

        // The bulk path runs the effects in its chunk's transaction.
        assert_eq!(
            crm.bulk_create(&system, "companies", vec![company("Umbrella"), company("Stark")]).await.unwrap(),
            2
        );
        assert_eq!((count(&crm, "companies").await, count(&crm, "notes").await), (3, 3), "{at}: bulk effects");

        // An effect refuses: in the first chunk of a bulk call nothing is written and
        // the refusal is the rule's own, naming the item.
        let error = crm.bulk_create(&system, "companies", vec![company("Wayne"), company("Refused later")]).await;
        let error = error.unwrap_err();
        assert_eq!((error.code(), error.field()), ("test_refused_later", Some("1.name")), "{at}: {error:?}");
        assert_eq!((count(&crm, "companies").await, count(&crm, "notes").await), (3, 3), "{at}: first chunk");

        // In a later chunk: the chunks before it stay written (bulk work is chunked so
        // that other writers are not held up), its own chunk is rolled back, and the
        // answer is a refusal that says how many were written and names the item.
        let mut many: Vec<_> = (0..5_000).map(|i| company(&format!("Bulk {i}"))).collect();
        many.push(company("Refused later"));
        let error = crm.bulk_create(&system, "companies", many).await.unwrap_err();
        assert_eq!(error.code(), "partly_written", "{at}: {error:?}");
        let args: BTreeMap<_, _> = error.args().into_iter().collect();
        assert_eq!(args.get("written").map(String::as_str), Some("5000"), "{at}");
        let DomainError::Store(store) = &error else { panic!("{at}: {error:?}") };
        let cause = store.refusal_part_way().and_then(|c| c.rule()).expect("a rule's refusal");
        assert_eq!((cause.code, cause.field.as_deref()), ("test_refused_later", Some("5000.name")), "{at}");
        let (companies, notes) = (count(&crm, "companies").await, count(&crm, "notes").await);
        assert_eq!((companies, notes), (5_003, 5_003), "{at}: written chunks with their effects, no more");
    }
}
