//! Matching one brace-free pattern against the filesystem.
//!
//! The pattern is split at `/` into parts; each part is a literal name
//! (checked without listing the directory), a `glob::Pattern` matched
//! against the names in a directory, or `**`. The walk never changes the
//! process's current directory: paths are built from the root instead.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::ffi::OsString;
use std::fs::FileType;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use glob::{MatchOptions, Pattern};

/// `*`, `?` and `[...]` match neither `/` nor a leading `.`.
const OPTIONS: MatchOptions = MatchOptions {
    case_sensitive: true,
    require_literal_separator: true,
    require_literal_leading_dot: true,
};

/// A wildcard part, and whether only directories can match it (it is
/// followed by more parts).
type Wild<'a> = (&'a Pattern, bool);

/// Directory listings and stats shared by the walks of one glob call.
///
/// A pattern with `{a,b}` alternatives is walked once per alternative;
/// without sharing, `**/{a,b}{c,d}{e,f}*` would list and stat a whole tree
/// eight times. With [`Listings::shared`], each directory is read and each
/// path stat'ed once per call (matching still runs per alternative, in
/// memory). A single pattern uses [`Listings::none`] and streams as before,
/// holding no listing longer than it needs.
pub(crate) struct Listings(Option<RefCell<Memo>>);

/// What [`Listings::shared`] remembers.
#[derive(Default)]
struct Memo {
    entries: HashMap<PathBuf, Rc<[Entry]>>,
    /// (device, inode, is a directory), following symlinks; `None` if the
    /// path cannot be stat'ed.
    stats: HashMap<PathBuf, Option<(u64, u64, bool)>>,
}

impl Listings {
    /// Listings read afresh every time.
    pub(crate) fn none() -> Listings {
        Listings(None)
    }

    /// Listings read once and kept until this value is dropped.
    pub(crate) fn shared() -> Listings {
        Listings(Some(RefCell::new(Memo::default())))
    }

    /// The entries of directory `path`; none if it cannot be read.
    fn entries(&self, path: PathBuf) -> Rc<[Entry]> {
        let read = |path: &Path| -> Rc<[Entry]> {
            std::fs::read_dir(path)
                .map(|entries| {
                    entries
                        .map_while(Result::ok)
                        .map(|e| Entry {
                            name: e.file_name(),
                            kind: e.file_type().ok(),
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        self.remember(path, |m| &mut m.entries, read)
    }

    /// (device, inode, is a directory) of `path`, following symlinks.
    fn stat(&self, path: PathBuf) -> Option<(u64, u64, bool)> {
        let read = |path: &Path| {
            std::fs::metadata(path)
                .ok()
                .map(|m| (m.dev(), m.ino(), m.is_dir()))
        };
        self.remember(path, |m| &mut m.stats, read)
    }

    /// `read(path)`, looked up in (and added to) the map `pick` selects
    /// when shared.
    fn remember<V: Clone>(
        &self,
        path: PathBuf,
        pick: impl Fn(&mut Memo) -> &mut HashMap<PathBuf, V>,
        read: impl FnOnce(&Path) -> V,
    ) -> V {
        let Some(memo) = &self.0 else {
            return read(&path);
        };
        if let Some(known) = pick(&mut memo.borrow_mut()).get(&path) {
            return known.clone();
        }
        let value = read(&path);
        pick(&mut memo.borrow_mut()).insert(path, value.clone());
        value
    }
}

/// A directory entry, detached from its directory: a `std::fs::DirEntry`
/// keeps the directory's descriptor open, so remembering those for a whole
/// tree would run the process out of descriptors.
struct Entry {
    name: OsString,
    /// `None` if the type could not be read.
    kind: Option<FileType>,
}

/// One `/`-separated part of a pattern.
enum Part {
    Literal(String),
    Wild(Pattern),
    /// `**`: any number of directories, none of them hidden.
    Recursive,
}

/// A brace-free pattern, ready to walk.
pub(crate) struct Compiled {
    absolute: bool,
    parts: Vec<Part>,
    /// The pattern ends with `/`: only directories match.
    dirs_only: bool,
}

impl Compiled {
    /// Compiles `pattern`; an error says which part is malformed and why.
    pub(crate) fn new(pattern: &str) -> Result<Compiled, String> {
        let mut parts = Vec::new();
        for part in pattern.split('/') {
            match part {
                // `a//b` is `a/b`, and `./` adds nothing (results carry no `./`).
                "" | "." => {}
                // `**/**` is `**`.
                "**" if matches!(parts.last(), Some(Part::Recursive)) => {}
                "**" => parts.push(Part::Recursive),
                _ if part.contains(['*', '?', '[']) => {
                    let compiled = Pattern::new(part)
                        .map_err(|e| format!("{:?} has {} at position {}", part, e.msg, e.pos))?;
                    parts.push(Part::Wild(compiled));
                }
                _ => parts.push(Part::Literal(part.to_owned())),
            }
        }
        Ok(Compiled {
            absolute: pattern.starts_with('/'),
            parts,
            dirs_only: pattern.ends_with('/'),
        })
    }

    /// Adds the paths matching this pattern to `out`, unsorted.
    ///
    /// A relative pattern is walked inside `relative_to` and yields paths
    /// relative to it; an absolute one yields absolute paths, with
    /// `relative_to` stripped where it is a proper prefix. Directories that
    /// cannot be read are skipped. The error is a non-UTF-8 path the
    /// pattern reached.
    pub(crate) fn walk(
        &self,
        relative_to: &Path,
        listings: &Listings,
        out: &mut Vec<String>,
    ) -> Result<(), PathBuf> {
        let root = match (self.absolute, relative_to.as_os_str().is_empty()) {
            (true, _) => Path::new("/"),
            (false, true) => Path::new("."),
            (false, false) => relative_to,
        };
        let walker = Walker { root, listings };
        let mut todo = vec![(0, String::new())];
        while let Some((index, rel)) = todo.pop() {
            let Some(part) = self.parts.get(index) else {
                if !self.dirs_only || walker.is_dir(&rel) {
                    if let Some(found) = self.result(rel, relative_to) {
                        out.push(found);
                    }
                }
                continue;
            };
            let next = index + 1;
            let last = next == self.parts.len();
            match (part, self.parts.get(next)) {
                (Part::Literal(name), _) => {
                    let path = join(&rel, name);
                    // Only the last part needs checking: a missing middle
                    // part makes the next step find nothing.
                    if !last || walker.exists(&path) {
                        todo.push((next, path));
                    }
                }
                (Part::Wild(pattern), _) => {
                    let mut found = Vec::new();
                    let entries = walker.list(&rel);
                    walker.matching(&rel, &entries, (pattern, !last), &mut found)?;
                    todo.extend(found.into_iter().map(|path| (next, path)));
                }
                // `**/<wildcard>`: match the wildcard during the descent, so
                // that every directory is listed once.
                (Part::Recursive, Some(Part::Wild(pattern))) => {
                    let after = next + 1;
                    let wild = (pattern, after != self.parts.len());
                    let mut found = Vec::new();
                    walker.descend(&rel, Some(wild), &mut found)?;
                    todo.extend(found.into_iter().map(|path| (after, path)));
                }
                (Part::Recursive, _) => {
                    let mut dirs = walker.descend(&rel, None, &mut Vec::new())?;
                    // Zero directories; a final `**` yields only those below.
                    if !last {
                        dirs.push(rel);
                    }
                    todo.extend(dirs.into_iter().map(|dir| (next, dir)));
                }
            }
        }
        Ok(())
    }

    /// The string to return for a match at `rel` (relative to the root).
    fn result(&self, rel: String, relative_to: &Path) -> Option<String> {
        if !self.absolute {
            return (!rel.is_empty()).then_some(rel);
        }
        let absolute = format!("/{rel}");
        match Path::new(&absolute).strip_prefix(relative_to) {
            Ok(rest) if !rest.as_os_str().is_empty() => rest.to_str().map(str::to_owned),
            _ => Some(absolute),
        }
    }
}

/// `rel/name`, or `name` at the root.
fn join(rel: &str, name: &str) -> String {
    if rel.is_empty() {
        name.to_owned()
    } else {
        format!("{rel}/{name}")
    }
}

/// Filesystem access relative to the walk's root.
struct Walker<'a> {
    root: &'a Path,
    listings: &'a Listings,
}

impl Walker<'_> {
    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn exists(&self, rel: &str) -> bool {
        std::fs::symlink_metadata(self.path(rel)).is_ok()
    }

    fn is_dir(&self, rel: &str) -> bool {
        self.listings
            .stat(self.path(rel))
            .is_some_and(|(_, _, dir)| dir)
    }

    /// The entries of directory `rel`; none if it cannot be read.
    fn list(&self, rel: &str) -> Rc<[Entry]> {
        self.listings.entries(self.path(rel))
    }

    /// Adds `rel/name` to `found` for each entry whose name matches the
    /// wildcard; with its flag set, only for entries that may be directories.
    fn matching(
        &self,
        rel: &str,
        entries: &[Entry],
        (pattern, dirs_only): Wild<'_>,
        found: &mut Vec<String>,
    ) -> Result<(), PathBuf> {
        for entry in entries {
            if dirs_only && entry.kind.is_some_and(|t| !t.is_dir() && !t.is_symlink()) {
                continue;
            }
            let name = &entry.name;
            match name.to_str() {
                Some(name) if pattern.matches_with(name, OPTIONS) => found.push(join(rel, name)),
                Some(_) => {}
                // Matched as lossy text: an error only if it would be a result.
                None if pattern.matches_with(&name.to_string_lossy(), OPTIONS) => {
                    return Err(self.path(rel).join(name));
                }
                None => {}
            }
        }
        Ok(())
    }

    /// Walks every directory below `rel`, for `**`, entering none twice,
    /// and returns them. With `wild`, also adds to `found` the matches of
    /// that wildcard in `rel` and in each of those directories.
    ///
    /// A directory is known by its (device, inode), so a symlink loop or a
    /// bind mount of an ancestor is entered once and then skipped. Real
    /// directories are walked first and symlinks to directories after them,
    /// in path order: a directory reachable both ways is found under its
    /// real path, and the outcome does not depend on directory order.
    /// Hidden directories are not entered, as `**` never matches a leading `.`.
    fn descend(
        &self,
        rel: &str,
        wild: Option<Wild<'_>>,
        found: &mut Vec<String>,
    ) -> Result<Vec<String>, PathBuf> {
        let mut visited = HashSet::new();
        let mut dirs = Vec::new();
        if !self.enter(rel, &mut visited) {
            return Ok(dirs);
        }
        let mut real = vec![rel.to_owned()];
        let mut links: BinaryHeap<Reverse<String>> = BinaryHeap::new();
        loop {
            let dir = if let Some(dir) = real.pop() {
                dir
            } else if let Some(Reverse(link)) = links.pop() {
                if !self.enter(&link, &mut visited) {
                    continue;
                }
                dirs.push(link.clone());
                link
            } else {
                return Ok(dirs);
            };
            let entries = self.list(&dir);
            if let Some(wild) = wild {
                self.matching(&dir, &entries, wild, found)?;
            }
            for entry in entries.iter() {
                let name = &entry.name;
                let Some(kind) = entry.kind else {
                    continue;
                };
                if name.as_bytes().starts_with(b".") || !(kind.is_dir() || kind.is_symlink()) {
                    continue;
                }
                let path = || self.path(&dir).join(name);
                let name_text = || name.to_str().ok_or_else(path);
                if kind.is_dir() {
                    let sub = join(&dir, name_text()?);
                    if self.enter(&sub, &mut visited) {
                        dirs.push(sub.clone());
                        real.push(sub);
                    }
                } else if self.listings.stat(path()).is_some_and(|(_, _, dir)| dir) {
                    links.push(Reverse(join(&dir, name_text()?)));
                }
            }
        }
    }

    /// Marks directory `rel` visited; `false` if it already was or is not
    /// a directory.
    fn enter(&self, rel: &str, visited: &mut HashSet<(u64, u64)>) -> bool {
        self.listings
            .stat(self.path(rel))
            .is_some_and(|(dev, ino, dir)| dir && visited.insert((dev, ino)))
    }
}
