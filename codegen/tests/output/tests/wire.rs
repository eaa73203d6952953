//! The checked-in snapshot on the wire: an operation of the generated petstore fixture
//! (`fixtures::oai::petstore_expanded`) against a loopback mock server, so what the snapshot
//! holds is proven to send the documented request and read the documented answers, not only
//! to compile.

#[path = "../../../../runtime/tests/support/mod.rs"]
mod support;

use cpaas_codegen_output::fixtures::oai::petstore_expanded::{Client, errors, types};
use cpaas_runtime::Error;
use support::{MockServer, Reply};

fn client(url: &str) -> Client {
    Client::builder()
        .base_url(url)
        // A 500 answer is the test's point, not something to retry.
        .max_retries(0)
        .build()
        .expect("a client")
}

#[tokio::test]
async fn find_pets_sends_repeated_query_keys_and_reads_the_all_of_list() {
    let server = MockServer::start(vec![
        Reply::json(
            200,
            r#"[{"id": 7, "name": "Rex", "tag": "dog"}, {"id": 8, "name": "Tom"}]"#,
        )
        .into(),
    ])
    .await;
    let pets = client(&server.url())
        .find_pets()
        .tags(vec!["dog".into(), "cat".into()])
        .limit(2)
        .send()
        .await
        .expect("200 decodes");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, "GET");
    assert_eq!(requests[0].target, "/pets?tags=dog&tags=cat&limit=2");
    assert_eq!(pets.status().as_u16(), 200);
    let names: Vec<(i64, &str, Option<&str>)> = pets
        .iter()
        .map(|p: &types::Pet| (p.id, p.name.as_str(), p.tag.as_deref()))
        .collect();
    assert_eq!(names, [(7, "Rex", Some("dog")), (8, "Tom", None)]);
}

#[tokio::test]
async fn a_default_error_answer_is_the_typed_error_model() {
    let server = MockServer::start(vec![
        Reply::json(500, r#"{"code": 17, "message": "kennel closed"}"#).into(),
    ])
    .await;
    let err = client(&server.url())
        .find_pets()
        .send()
        .await
        .expect_err("500 is the documented default error");
    let Error::Status(body) = err else {
        panic!("expected the typed default error, got {err:?}");
    };
    assert_eq!(body.status().as_u16(), 500);
    let errors::FindPetsError::Default(e) = &**body;
    assert_eq!((e.code, e.message.as_str()), (17, "kennel closed"));
    assert_eq!(server.requests()[0].target, "/pets");
}

/// With the `blocking` feature the same snapshot has `send_blocking`, callable without an
/// async runtime (the mock server runs on its own).
#[cfg(feature = "blocking")]
#[test]
fn delete_pet_blocking_reads_no_content() {
    let rt = tokio::runtime::Runtime::new().expect("a runtime for the mock server");
    let server = rt.block_on(MockServer::start(vec![Reply::new(204).into()]));
    let done = client(&server.url())
        .delete_pet()
        .id(42)
        .send_blocking()
        .expect("204 is documented");
    assert_eq!(done.status().as_u16(), 204);
    let requests = server.requests();
    assert_eq!(
        (requests[0].method.as_str(), requests[0].target.as_str()),
        ("DELETE", "/pets/42")
    );
}
