//! The demo company loads completely on each backend, with deals in every stage and
//! activities on timelines, and is not loaded twice.

use rapport_domain::demo::{self, DemoSize};
use rapport_domain::model::Actor;
use rapport_domain::model::filter::parse;
use rapport_domain::testing::each_database;
use rapport_domain::{Crm, DatabaseConfig, DomainError, ListQuery};

pub fn config(db: &rapport_domain::testing::TestDatabase) -> DatabaseConfig {
    DatabaseConfig { url: db.url.clone(), data_dir: db.data_dir.clone(), pool_size: 4, default_region: "GR".into() }
}

#[tokio::test]
async fn demo_company_loads_once() {
    for db in each_database().await {
        let crm = Crm::open(&config(&db)).await.unwrap();
        let size = DemoSize { companies: 20, people: 60, leads: 15, opportunities: 24, activities: 120 };
        let summary = demo::load(&crm, &size).await.unwrap_or_else(|e| panic!("{}: {e}", db.name()));
        let actor = Actor::system();
        let count = |object: &'static str, filter: Option<&str>| {
            let crm = crm.clone();
            let actor = actor.clone();
            let filter = filter.map(|f| parse(f).unwrap());
            async move { crm.count(&actor, object, ListQuery { filter, ..ListQuery::default() }).await.unwrap() }
        };
        assert_eq!(count("companies", None).await, 20, "{}", db.name());
        assert_eq!(count("people", None).await, 60, "{}", db.name());
        assert_eq!(count("leads", None).await, 15, "{}", db.name());
        assert_eq!(count("opportunities", None).await, 24, "{}", db.name());
        assert_eq!(summary.activities, 120);
        let activities = count("calls", None).await
            + count("meetings", None).await
            + count("tasks", None).await
            + count("notes", None).await;
        assert_eq!(activities, 120, "{}", db.name());

        // Every stage of every pipeline has deals.
        let stages = crm.list(&actor, "stages", ListQuery { limit: 100, ..ListQuery::default() }).await.unwrap();
        assert_eq!(stages.records.len(), 10);
        for stage in &stages.records {
            let n = count("opportunities", Some(&format!("stage[eq]:{}", stage.id))).await;
            assert!(n > 0, "{}: stage {} has no deals", db.name(), stage.id);
        }

        // People have timelines.
        let people = crm.list(&actor, "people", ListQuery { limit: 60, ..ListQuery::default() }).await.unwrap();
        let mut with_timeline = 0;
        for person in &people.records {
            if !crm.timeline(&actor, "people", person.id, None, 5).await.unwrap().is_empty() {
                with_timeline += 1;
            }
        }
        assert!(with_timeline > 30, "{}: only {with_timeline} people have activities", db.name());

        let again = demo::load(&crm, &size).await;
        assert!(matches!(again, Err(DomainError::NotEmpty { people: 60 })), "{}: {again:?}", db.name());
    }
}
