use super::*;

fn encode(form: &Form) -> String {
    let (b, data) = form.encode_with(|| "BOUNDARY".to_string()).unwrap();
    assert_eq!(b, "BOUNDARY");
    String::from_utf8(data).unwrap()
}

#[test]
fn a_small_form_is_encoded_exactly() {
    let form = Form::new()
        .text("name", "Ada")
        .text("tag", "a")
        .text("tag", "b")
        .part("photo", Part::bytes(b"PNG".to_vec()).file_name("me.PNG"))
        .part("blob", Part::bytes(b"xyz".to_vec()))
        .part("meta", Part::json(&serde_json::json!({"k": 1})).unwrap())
        .part(
            "doc",
            Part::bytes(b"%PDF".to_vec())
                .file_name("a.bin")
                .default_content_type("application/pdf")
                .header("X-Rate", "7"),
        )
        .part(
            "own",
            Part::bytes(b"1".to_vec())
                .content_type("text/x-own")
                .default_content_type("application/pdf"),
        );
    assert_eq!(
        encode(&form),
        "--BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"name\"\r\n\r\nAda\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"tag\"\r\n\r\na\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"tag\"\r\n\r\nb\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"photo\"; filename=\"me.PNG\"\r\n\
         Content-Type: image/png\r\n\r\nPNG\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"blob\"\r\n\
         Content-Type: application/octet-stream\r\n\r\nxyz\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"meta\"\r\n\
         Content-Type: application/json\r\n\r\n{\"k\":1}\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"doc\"; filename=\"a.bin\"\r\n\
         Content-Type: application/pdf\r\n\
         X-Rate: 7\r\n\r\n%PDF\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"own\"\r\n\
         Content-Type: text/x-own\r\n\r\n1\r\n\
         --BOUNDARY--\r\n"
    );
}

#[test]
fn names_and_file_names_are_quoted() {
    let form = Form::new().part(
        "a\"b\r\nc",
        Part::bytes(b"x".to_vec()).file_name("ré\"sumé\n.txt"),
    );
    assert_eq!(
        encode(&form),
        "--BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"a%22b%0D%0Ac\"; filename=\"ré%22sumé%0A.txt\"\r\n\
         Content-Type: text/plain\r\n\r\nx\r\n\
         --BOUNDARY--\r\n"
    );
}

#[test]
fn a_boundary_found_in_the_content_is_replaced() {
    let form = Form::new()
        .text("a", "--FIRST inside")
        .part("b", Part::text("x").header("X-Note", "SECOND"));
    let mut tries = ["FIRST", "SECOND", "THIRD"].into_iter();
    let (b, data) = form
        .encode_with(|| tries.next().unwrap().to_string())
        .unwrap();
    assert_eq!(b, "THIRD");
    assert!(String::from_utf8(data).unwrap().starts_with("--THIRD\r\n"));
}

#[test]
fn random_boundaries_differ_and_the_content_type_names_them() {
    let body = Body::multipart::<()>(Form::new().text("a", "b")).unwrap();
    let Body::Bytes { content_type, data } = &body else {
        panic!("{body:?}")
    };
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap();
    assert_eq!(boundary.len(), 38);
    assert!(data.starts_with(format!("--{boundary}\r\n").as_bytes()));
    assert!(data.ends_with(format!("\r\n--{boundary}--\r\n").as_bytes()));
    assert_ne!(random_boundary(), random_boundary());
}

#[test]
fn header_injection_is_refused() {
    for part in [
        Part::text("x").content_type("text/plain\r\nX-Evil: 1"),
        Part::text("x").header("X-A", "1\n2"),
        Part::text("x").header("Bad Name", "1"),
    ] {
        let err = Body::multipart::<()>(Form::new().part("f", part)).unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    }
}

#[test]
fn files_are_read_with_their_name_and_debug_hides_content() {
    let dir = std::env::temp_dir().join(format!("cpaas-mp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("note.json");
    std::fs::write(&path, b"{\"secret\":1}").unwrap();
    let part = Part::file(&path).unwrap();
    assert_eq!(part.file_name.as_deref(), Some("note.json"));
    assert_eq!(part.sent_type(), Some("application/json"));
    assert!(!format!("{part:?}").contains("secret"));
    assert!(Part::file(dir.join("missing")).is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}
