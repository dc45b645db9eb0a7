//! [`GlobCache`]: glob results kept for a time, shared between callers.

use std::collections::HashMap;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::OnceCell;

use crate::{Error, Result};

/// A cache of [`glob()`](crate::glob()) results.
///
/// - Keyed by `(pattern, relative_to)`; each entry lives for the `ttl` of
///   the call that filled it. Errors are cached like results.
/// - Bounded: past `capacity` entries, the least recently used is dropped
///   (found by a scan, which only a miss pays for).
/// - Single-flight: callers asking for a key that is missing or expired
///   while a walk for it is running wait for that walk instead of starting
///   their own. If the caller running the walk stops waiting, a waiting
///   caller takes over.
/// - A hit takes one short lock and returns the shared list: no path
///   string is copied. [`cached`](GlobCache::cached) answers hits without
///   `async`, with the id of the walk behind the answer.
///
/// `GlobCache` is `Send + Sync`; share it with an `Arc` or a `static`.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use std::time::Duration;
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("a.conf"), "").unwrap();
///
/// let cache = kumo_fs::GlobCache::new(100);
/// let ttl = Duration::from_secs(60);
/// let first = cache.glob("*.conf", dir.path(), ttl).await.unwrap();
/// std::fs::write(dir.path().join("b.conf"), "").unwrap();
/// let second = cache.glob("*.conf", dir.path(), ttl).await.unwrap();
/// assert_eq!(&*second, ["a.conf"]); // still the cached result
/// assert!(std::sync::Arc::ptr_eq(&first, &second));
/// assert_eq!(cache.walks(), 1);
/// # });
/// ```
pub struct GlobCache {
    entries: Mutex<Entries>,
    capacity: usize,
    walks: AtomicU64,
}

struct Entries {
    map: HashMap<Box<[u8]>, Entry>,
    /// Counts lookups; an entry's `last_used` is the count at its last one.
    clock: u64,
}

struct Entry {
    /// Filled once by the walk; replaced by a fresh cell when expired.
    cell: Arc<OnceCell<Cached>>,
    last_used: u64,
}

struct Cached {
    /// From [`NEXT_WALK_ID`].
    id: u64,
    result: Result<Arc<[String]>>,
    /// `None`: the TTL reaches past what `Instant` can represent.
    expires: Option<Instant>,
}

/// The id of the next walk. Process-wide rather than per cache, so that
/// callers keeping something per id (a converted copy of the paths) never
/// mistake one walk's result for another's, whichever cache it came from.
static NEXT_WALK_ID: AtomicU64 = AtomicU64::new(1);

impl Cached {
    fn is_fresh(&self, now: Instant) -> bool {
        self.expires.is_none_or(|expires| now < expires)
    }

    fn hit(&self) -> Result<CachedGlob> {
        let paths = self.result.clone()?;
        Ok(CachedGlob {
            id: self.id,
            paths,
            expires: self.expires,
        })
    }
}

/// A fresh cache entry, as [`GlobCache::cached`] returns it: the paths one
/// walk found, and that walk's id.
///
/// Ids are unique among all the walks of all the caches of the process and
/// never reused, so a value derived from the paths can be kept by id: while
/// the id is the one a hit returns, the paths are the same.
///
/// ```
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// use std::time::Duration;
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("a.conf"), "").unwrap();
/// let cache = kumo_fs::GlobCache::new(10);
/// cache.glob("*.conf", dir.path(), Duration::from_secs(60)).await.unwrap();
///
/// let hit = cache.cached("*.conf", dir.path()).unwrap().unwrap();
/// assert_eq!(&**hit.paths(), ["a.conf"]);
/// assert_eq!(cache.cached("*.conf", dir.path()).unwrap().unwrap().id(), hit.id());
/// # });
/// ```
#[derive(Debug, Clone)]
pub struct CachedGlob {
    id: u64,
    paths: Arc<[String]>,
    expires: Option<Instant>,
}

impl CachedGlob {
    /// The id of the walk that found these paths; every walk gets a new one.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use std::time::Duration;
    /// let cache = kumo_fs::GlobCache::new(10);
    /// let id = |cache: &kumo_fs::GlobCache| cache.cached("*", "/").unwrap().unwrap().id();
    /// cache.glob("*", "/", Duration::from_secs(60)).await.unwrap();
    /// let first = id(&cache);
    /// assert_eq!(id(&cache), first);
    ///
    /// let other = kumo_fs::GlobCache::new(10);
    /// other.glob("*", "/", Duration::from_secs(60)).await.unwrap();
    /// assert_ne!(id(&other), first); // unique across caches too
    /// # });
    /// ```
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The paths, shared with the cache (sorted, as [`glob()`](crate::glob()) returns them).
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use std::time::Duration;
    /// let dir = tempfile::tempdir().unwrap();
    /// std::fs::write(dir.path().join("b.conf"), "").unwrap();
    /// std::fs::write(dir.path().join("a.conf"), "").unwrap();
    /// let cache = kumo_fs::GlobCache::new(10);
    /// let walked = cache.glob("*.conf", dir.path(), Duration::from_secs(60)).await.unwrap();
    /// let hit = cache.cached("*.conf", dir.path()).unwrap().unwrap();
    /// assert_eq!(&**hit.paths(), ["a.conf", "b.conf"]);
    /// assert!(std::sync::Arc::ptr_eq(hit.paths(), &walked));
    /// # });
    /// ```
    pub fn paths(&self) -> &Arc<[String]> {
        &self.paths
    }

    /// When the entry stops being fresh; `None` if never (a TTL beyond
    /// what [`Instant`] can represent).
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use std::time::{Duration, Instant};
    /// let cache = kumo_fs::GlobCache::new(10);
    /// cache.glob("*", "/", Duration::from_secs(60)).await.unwrap();
    /// let expires = cache.cached("*", "/").unwrap().unwrap().expires().unwrap();
    /// assert!(expires > Instant::now());
    /// cache.glob("/", "/", Duration::MAX).await.unwrap();
    /// assert_eq!(cache.cached("/", "/").unwrap().unwrap().expires(), None);
    /// # });
    /// ```
    pub fn expires(&self) -> Option<Instant> {
        self.expires
    }
}

impl GlobCache {
    /// An empty cache holding at most `capacity` entries (at least one).
    ///
    /// ```
    /// let cache = kumo_fs::GlobCache::new(1024);
    /// assert_eq!(cache.walks(), 0);
    /// ```
    pub fn new(capacity: usize) -> GlobCache {
        GlobCache {
            entries: Mutex::new(Entries {
                map: HashMap::new(),
                clock: 0,
            }),
            capacity: capacity.max(1),
            walks: AtomicU64::new(0),
        }
    }

    /// The result of [`glob(pattern, relative_to)`](crate::glob()), from the
    /// cache if an entry younger than its TTL is there, else from a walk
    /// whose result is then kept for `ttl`.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use std::time::Duration;
    /// let cache = kumo_fs::GlobCache::new(10);
    /// let err = cache.glob("[", "/", Duration::from_secs(5)).await.unwrap_err();
    /// assert!(err.to_string().starts_with("invalid glob pattern"));
    /// // The error is cached too.
    /// cache.glob("[", "/", Duration::from_secs(5)).await.unwrap_err();
    /// assert_eq!(cache.walks(), 1);
    /// // A zero TTL walks every time.
    /// cache.glob("/", "/", Duration::ZERO).await.unwrap();
    /// cache.glob("/", "/", Duration::ZERO).await.unwrap();
    /// assert_eq!(cache.walks(), 3);
    /// # });
    /// ```
    pub async fn glob(
        &self,
        pattern: &str,
        relative_to: impl AsRef<Path>,
        ttl: Duration,
    ) -> Result<Arc<[String]>> {
        let relative_to = relative_to.as_ref();
        let cell = match self.lookup(pattern, relative_to) {
            Ok(hit) => return hit,
            Err(cell) => cell,
        };
        let cached = cell
            .get_or_init(|| async {
                self.walks.fetch_add(1, Ordering::Relaxed);
                let id = NEXT_WALK_ID.fetch_add(1, Ordering::Relaxed);
                let result = crate::glob(pattern, relative_to).await.map(Arc::from);
                let expires = match &result {
                    // Not an answer about the filesystem: callers in this
                    // flight share it, later ones try again.
                    Err(Error::NoRuntime { .. } | Error::TaskLost { .. }) => Some(Instant::now()),
                    _ => Instant::now().checked_add(ttl),
                };
                Cached {
                    id,
                    result,
                    expires,
                }
            })
            .await;
        cached.result.clone()
    }

    /// The fresh entry for `(pattern, relative_to)` if there is one,
    /// without walking and without `async`: a hit of [`glob`](Self::glob),
    /// with the id of the walk behind it. `None` if the key is missing,
    /// expired or still being walked; then [`glob`](Self::glob) is the way
    /// to get it. A cached error comes back as `Some(Err(..))`.
    ///
    /// Like a hit of `glob`, it marks the entry as recently used.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use std::time::Duration;
    /// let dir = tempfile::tempdir().unwrap();
    /// std::fs::write(dir.path().join("a.conf"), "").unwrap();
    /// let cache = kumo_fs::GlobCache::new(10);
    /// assert!(cache.cached("*.conf", dir.path()).is_none());
    ///
    /// cache.glob("*.conf", dir.path(), Duration::from_secs(60)).await.unwrap();
    /// let hit = cache.cached("*.conf", dir.path()).unwrap().unwrap();
    /// assert_eq!(&**hit.paths(), ["a.conf"]);
    ///
    /// cache.glob("[", dir.path(), Duration::from_secs(60)).await.unwrap_err();
    /// let err = cache.cached("[", dir.path()).unwrap().unwrap_err();
    /// assert!(err.to_string().starts_with("invalid glob pattern"));
    /// assert_eq!(cache.walks(), 2);
    /// # });
    /// ```
    pub fn cached(
        &self,
        pattern: &str,
        relative_to: impl AsRef<Path>,
    ) -> Option<Result<CachedGlob>> {
        let key = key(pattern, relative_to.as_ref());
        let now = Instant::now();
        let mut entries = self.lock();
        let cached = entries.touch(&key)?.cell.get()?;
        cached.is_fresh(now).then(|| cached.hit())
    }

    /// The most entries this cache keeps.
    ///
    /// ```
    /// assert_eq!(kumo_fs::GlobCache::new(100).capacity(), 100);
    /// assert_eq!(kumo_fs::GlobCache::new(0).capacity(), 1);
    /// ```
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// How many walks this cache has run: its misses.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// use std::time::Duration;
    /// let cache = kumo_fs::GlobCache::new(10);
    /// for _ in 0..3 {
    ///     cache.glob("*", "/", Duration::from_secs(60)).await.unwrap();
    /// }
    /// assert_eq!(cache.walks(), 1);
    /// # });
    /// ```
    pub fn walks(&self) -> u64 {
        self.walks.load(Ordering::Relaxed)
    }

    /// A fresh cached result, or the cell a walk fills (possibly already
    /// running for another caller).
    fn lookup(
        &self,
        pattern: &str,
        relative_to: &Path,
    ) -> std::result::Result<Result<Arc<[String]>>, Arc<OnceCell<Cached>>> {
        let key = key(pattern, relative_to);
        let now = Instant::now();
        let mut entries = self.lock();
        if let Some(entry) = entries.touch(&key) {
            match entry.cell.get() {
                Some(cached) if cached.is_fresh(now) => return Ok(cached.result.clone()),
                Some(_) => entry.cell = Arc::new(OnceCell::new()),
                None => {}
            }
            return Err(Arc::clone(&entry.cell));
        }
        if entries.map.len() >= self.capacity {
            entries.evict_least_recently_used();
        }
        let cell = Arc::new(OnceCell::new());
        let last_used = entries.clock;
        entries.map.insert(
            key,
            Entry {
                cell: Arc::clone(&cell),
                last_used,
            },
        );
        Err(cell)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        // A panic cannot leave the map inconsistent: no code between lock
        // and unlock can panic halfway through an update.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl std::fmt::Debug for GlobCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GlobCache")
            .field("capacity", &self.capacity)
            .field("walks", &self.walks())
            .finish_non_exhaustive()
    }
}

impl Entries {
    /// The entry for `key`, marked as the most recently used; counts the
    /// lookup either way.
    fn touch(&mut self, key: &[u8]) -> Option<&mut Entry> {
        self.clock += 1;
        let entry = self.map.get_mut(key)?;
        entry.last_used = self.clock;
        Some(entry)
    }

    fn evict_least_recently_used(&mut self) {
        let oldest = self
            .map
            .iter()
            .min_by_key(|(_, entry)| entry.last_used)
            .map(|(key, _)| key.clone());
        if let Some(key) = oldest {
            self.map.remove(&key);
        }
    }
}

/// The map key: the pattern's length, the pattern, then `relative_to`, so
/// that no two different pairs give the same bytes.
fn key(pattern: &str, relative_to: &Path) -> Box<[u8]> {
    let dir = relative_to.as_os_str().as_bytes();
    let mut key = Vec::with_capacity(8 + pattern.len() + dir.len());
    key.extend_from_slice(&(pattern.len() as u64).to_le_bytes());
    key.extend_from_slice(pattern.as_bytes());
    key.extend_from_slice(dir);
    key.into_boxed_slice()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_different_pairs_differ() {
        assert_ne!(key("ab", Path::new("c")), key("a", Path::new("bc")));
        assert_eq!(key("a", Path::new("b")), key("a", Path::new("b")));
    }

    const LONG: Duration = Duration::from_secs(3600);

    fn hit(cache: &GlobCache, pattern: &str, dir: &Path) -> CachedGlob {
        cache.cached(pattern, dir).unwrap().unwrap()
    }

    #[tokio::test]
    async fn cached_answers_only_fresh_entries() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.conf"), "").unwrap();
        let cache = GlobCache::new(8);
        assert!(cache.cached("*.conf", dir.path()).is_none(), "missing");
        assert!(cache.entries.lock().unwrap().map.is_empty(), "not added");

        cache
            .glob("*.conf", dir.path(), Duration::ZERO)
            .await
            .unwrap();
        assert!(cache.cached("*.conf", dir.path()).is_none(), "expired");

        let walked = cache.glob("*.conf", dir.path(), LONG).await.unwrap();
        let found = hit(&cache, "*.conf", dir.path());
        assert!(Arc::ptr_eq(found.paths(), &walked));
        assert_eq!(cache.walks(), 2, "cached never walks");
    }

    #[tokio::test]
    async fn ids_are_stable_across_hits_and_new_for_each_walk() {
        let dir = tempfile::tempdir().unwrap();
        let cache = GlobCache::new(1);
        // Long enough for the hits below on a loaded machine.
        let short = Duration::from_millis(300);
        cache.glob("*", dir.path(), short).await.unwrap();
        let first = hit(&cache, "*", dir.path());
        assert_eq!(hit(&cache, "*", dir.path()).id(), first.id());
        assert!(first.expires().is_some());

        // Expired, walked again.
        tokio::time::sleep(short + Duration::from_millis(50)).await;
        assert!(cache.cached("*", dir.path()).is_none());
        std::fs::write(dir.path().join("new"), "").unwrap();
        cache.glob("*", dir.path(), LONG).await.unwrap();
        let second = hit(&cache, "*", dir.path());
        assert!(second.id() > first.id(), "a re-walk gets a new id");
        assert_eq!(&**second.paths(), ["new"]);
        assert!(first.paths().is_empty(), "the old result is unchanged");

        // Evicted (capacity 1), walked again.
        cache.glob("x", dir.path(), LONG).await.unwrap();
        let other = hit(&cache, "x", dir.path());
        assert!(other.id() > second.id(), "another key, another walk");
        cache.glob("*", dir.path(), LONG).await.unwrap();
        assert!(hit(&cache, "*", dir.path()).id() > other.id());
        assert_eq!(cache.walks(), 4);
    }

    #[tokio::test]
    async fn cached_errors_are_returned() {
        let cache = GlobCache::new(8);
        let err = cache.glob("a{b", "/", LONG).await.unwrap_err();
        let again = cache.cached("a{b", "/").unwrap().unwrap_err();
        assert_eq!(again.to_string(), err.to_string());
        assert_eq!(cache.walks(), 1);
    }

    #[tokio::test]
    async fn cached_keys_like_glob_and_marks_entries_as_used() {
        let dir = tempfile::tempdir().unwrap();
        let cache = GlobCache::new(2);
        cache.glob("a*", dir.path(), LONG).await.unwrap();
        cache.glob("b*", dir.path(), LONG).await.unwrap();
        // Same key through a `&str` and a `&Path`.
        let dir_str = dir.path().to_str().unwrap();
        assert!(cache.cached("a*", dir_str).is_some());
        assert!(
            cache.cached("a*", dir.path().join("")).is_none(),
            "a/ is another key"
        );
        // `a` is now more recent than `b`, so `c` evicts `b`.
        cache.glob("c*", dir.path(), LONG).await.unwrap();
        assert!(cache.cached("a*", dir.path()).is_some());
        assert!(cache.cached("b*", dir.path()).is_none());
        assert_eq!(cache.walks(), 3);
    }
}
