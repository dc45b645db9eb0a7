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
///   string is copied.
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
    result: Result<Arc<[String]>>,
    /// `None`: the TTL reaches past what `Instant` can represent.
    expires: Option<Instant>,
}

impl Cached {
    fn is_fresh(&self, now: Instant) -> bool {
        self.expires.is_none_or(|expires| now < expires)
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
                let result = crate::glob(pattern, relative_to).await.map(Arc::from);
                let expires = match &result {
                    // Not an answer about the filesystem: callers in this
                    // flight share it, later ones try again.
                    Err(Error::NoRuntime { .. } | Error::TaskLost { .. }) => Some(Instant::now()),
                    _ => Instant::now().checked_add(ttl),
                };
                Cached { result, expires }
            })
            .await;
        cached.result.clone()
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
        // A panic cannot leave the map inconsistent: no code between lock
        // and unlock can panic halfway through an update.
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries.clock += 1;
        let clock = entries.clock;
        if let Some(entry) = entries.map.get_mut(&key[..]) {
            entry.last_used = clock;
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
        entries.map.insert(
            key,
            Entry {
                cell: Arc::clone(&cell),
                last_used: clock,
            },
        );
        Err(cell)
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
}
