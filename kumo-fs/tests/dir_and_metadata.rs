//! `read_file`, `read_dir`, `metadata` and `symlink_metadata`.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, SystemTime};

use kumo_fs::{Error, read_dir, read_file};

fn utf8(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[tokio::test]
async fn read_file_returns_the_whole_file_or_a_named_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data");
    let content: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&path, &content).unwrap();
    assert_eq!(read_file(&path).await.unwrap(), content);
    std::fs::write(&path, "").unwrap();
    assert_eq!(read_file(&path).await.unwrap(), "");

    let missing = dir.path().join("missing");
    assert_eq!(
        read_file(&missing).await.unwrap_err().to_string(),
        format!("read file {missing:?}: No such file or directory (os error 2)")
    );
    assert_eq!(
        read_file(dir.path()).await.unwrap_err().to_string(),
        format!("read file {:?}: Is a directory (os error 21)", dir.path())
    );
}

#[tokio::test]
async fn read_dir_lists_sorted_joined_paths() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["b", "a", ".hidden", "Z", "a b", "é"] {
        std::fs::write(dir.path().join(name), "").unwrap();
    }
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let base = utf8(dir.path());
    let expected: Vec<String> = [".hidden", "Z", "a", "a b", "b", "sub", "é"]
        .iter()
        .map(|name| format!("{base}/{name}"))
        .collect();
    assert_eq!(read_dir(base).await.unwrap(), expected);
    // A trailing slash is kept as given, without doubling.
    assert_eq!(
        read_dir(format!("{base}/")).await.unwrap()[0],
        format!("{base}/.hidden")
    );
    assert_eq!(
        read_dir(format!("{base}/sub")).await.unwrap(),
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn read_dir_errors_name_the_directory() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing");
    assert_eq!(
        read_dir(&missing).await.unwrap_err().to_string(),
        format!("read directory {missing:?}: No such file or directory (os error 2)")
    );
    let file = dir.path().join("file");
    std::fs::write(&file, "").unwrap();
    assert_eq!(
        read_dir(&file).await.unwrap_err().to_string(),
        format!("read directory {file:?}: Not a directory (os error 20)")
    );
}

#[tokio::test]
async fn a_name_that_is_not_utf8_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join(OsStr::from_bytes(b"bad\xff"));
    std::fs::write(&bad, "").unwrap();
    let err = read_dir(dir.path()).await.unwrap_err();
    assert!(matches!(&err, Error::NotUtf8 { path, .. } if *path == bad));
    assert_eq!(
        err.to_string(),
        format!("read directory: the path {bad:?} is not valid UTF-8")
    );
    assert!(err.to_string().contains(r"bad\xFF"));

    let err = kumo_fs::metadata(&bad).await.unwrap_err();
    assert!(matches!(err, Error::NotUtf8 { .. }), "{err}");
}

#[tokio::test]
async fn metadata_reports_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f");
    std::fs::write(&path, "12345").unwrap();
    let mtime = SystemTime::UNIX_EPOCH + Duration::new(1_700_000_000, 123_456_789);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    std::fs::hard_link(&path, dir.path().join("link")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();

    let meta = kumo_fs::metadata(utf8(&path)).await.unwrap();
    assert_eq!(meta.path, utf8(&path));
    assert!(meta.is_file && !meta.is_dir && !meta.is_symlink);
    assert_eq!(meta.len, 5);
    assert!(meta.readonly);
    let unix = meta.unix.unwrap();
    assert_eq!(unix.mode, 0o100_444);
    assert_eq!(unix.nlink, 2);
    assert_eq!(unix.size, 5);
    let std_meta = std::fs::metadata(&path).unwrap();
    use std::os::unix::fs::MetadataExt;
    assert_eq!(
        (unix.dev, unix.ino, unix.uid, unix.gid, unix.rdev),
        (
            std_meta.dev(),
            std_meta.ino(),
            std_meta.uid(),
            std_meta.gid(),
            std_meta.rdev()
        )
    );
    assert_eq!(
        (unix.blksize, unix.blocks),
        (std_meta.blksize(), std_meta.blocks())
    );
    assert_eq!(
        unix.mtime,
        kumo_time::Time::from_system_time(mtime).unwrap()
    );
    let now = kumo_time::Time::now();
    assert!(unix.atime <= now && unix.ctime <= now && unix.mtime < unix.ctime);

    let meta = kumo_fs::metadata(dir.path()).await.unwrap();
    assert!(meta.is_dir && !meta.is_file && !meta.readonly);
}

#[tokio::test]
async fn symlink_metadata_does_not_follow_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("dangling");
    std::os::unix::fs::symlink("nowhere", &link).unwrap();
    let meta = kumo_fs::symlink_metadata(&link).await.unwrap();
    assert!(meta.is_symlink && !meta.is_file && !meta.is_dir);
    assert_eq!(meta.len, "nowhere".len() as u64);
    assert_eq!(meta.unix.unwrap().mode & 0o170_000, 0o120_000);

    let err = kumo_fs::metadata(&link).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("read metadata of {link:?}: No such file or directory (os error 2)")
    );
    let missing = dir.path().join("missing");
    let err = kumo_fs::symlink_metadata(&missing).await.unwrap_err();
    assert!(err.to_string().starts_with(&format!(
        "read symlink metadata of {missing:?}: No such file"
    )));
}
