//! A read-only tantivy directory that reads index files with `pread` instead of mapping them.
//!
//! A query command opens every file of every segment (about seven per segment) but reads a few
//! kilobytes of most of them. Mapping a file, faulting in its footer and unmapping it at exit
//! cost more than the query itself on a large index (`perf`: 80% of a selective `search --count`
//! at 1M articles was the kernel mapping, faulting and unmapping ~90 files). Reading just the
//! ranges tantivy asks for avoids most of that; large reads (a term dictionary's FST, fast-field
//! columns) still map their file, once. Writers keep the memory-mapped directory: merges read
//! whole segments, which would be copied into memory here.

use std::fmt;
use std::fs::File;
use std::io;
use std::ops::{Deref, Range};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, OnceLock};

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};
use tantivy::HasLen;

/// Reads at least this long go through a memory map of the file (made on the first such read),
/// as do reads of a page or more once the file is mapped: a term dictionary's FST or a store's
/// skip index is read whole at open but only a few pages of it are used by one query.
const MAP_FROM: usize = 16 << 10;

/// Most files kept open for `pread` at once (the usual soft limit is 1024 per process).
const MAX_HELD: usize = 512;
static HELD: AtomicUsize = AtomicUsize::new(0);

/// One open index file, read by range.
struct PreadFile {
    file: File,
    len: usize,
    map: OnceLock<OwnedBytes>,
}

/// A read-only map of a whole file.
struct Mapped(memmap2::Mmap);

impl Deref for Mapped {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

// SAFETY: the bytes live in the mapping, which does not move when `Mapped` moves.
unsafe impl stable_deref_trait::StableDeref for Mapped {}

impl PreadFile {
    fn mapped(&self) -> io::Result<&OwnedBytes> {
        if let Some(m) = self.map.get() {
            return Ok(m);
        }
        // SAFETY: index files are immutable once written (tantivy writes new files and deletes
        // old ones; it never changes a file in place).
        let map = unsafe { memmap2::Mmap::map(&self.file)? };
        Ok(self.map.get_or_init(|| OwnedBytes::new(Mapped(map))))
    }
}

impl fmt::Debug for PreadFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PreadFile({} bytes)", self.len)
    }
}

impl Drop for PreadFile {
    fn drop(&mut self) {
        HELD.fetch_sub(1, Relaxed);
    }
}

impl HasLen for PreadFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for PreadFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.start > range.end || range.end > self.len {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("range {range:?} outside a file of {} bytes", self.len),
            ));
        }
        if range.is_empty() {
            return Ok(OwnedBytes::empty());
        }
        if range.len() >= MAP_FROM || (range.len() >= 4096 && self.map.get().is_some()) {
            // A file that cannot be mapped is still read, by copying.
            if let Ok(map) = self.mapped() {
                return Ok(map.slice(range));
            }
        }
        let mut buf = vec![0u8; range.len()];
        self.file.read_exact_at(&mut buf, range.start as u64)?;
        Ok(OwnedBytes::new(buf))
    }
}

/// The index folder for queries: reads through `pread`, everything else (meta files, locks)
/// as the memory-mapped directory does it.
#[derive(Clone, Debug)]
pub struct PreadDirectory {
    root: PathBuf,
    inner: MmapDirectory,
}

impl PreadDirectory {
    pub fn open(root: &Path) -> tantivy::Result<PreadDirectory> {
        Ok(PreadDirectory {
            root: root.to_path_buf(),
            inner: MmapDirectory::open(root)?,
        })
    }
}

impl Directory for PreadDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        // Each handle keeps its file open; past `MAX_HELD` (an index of ~70 segments) map the
        // file instead, which closes it, so a huge index never runs out of file descriptors.
        if HELD.load(Relaxed) >= MAX_HELD {
            return self.inner.get_file_handle(path);
        }
        let full = self.root.join(path);
        let file = match File::open(&full) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(OpenReadError::FileDoesNotExist(path.to_path_buf()))
            }
            Err(e) => return Err(OpenReadError::wrap_io_error(e, path.to_path_buf())),
        };
        let len = file
            .metadata()
            .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?
            .len() as usize;
        HELD.fetch_add(1, Relaxed);
        Ok(Arc::new(PreadFile {
            file,
            len,
            map: OnceLock::new(),
        }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ranges_and_refuses_ranges_past_the_end() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("f"), b"0123456789").unwrap();
        let d = PreadDirectory::open(dir.path()).unwrap();
        let h = d.get_file_handle(Path::new("f")).unwrap();
        assert_eq!(h.len(), 10);
        assert_eq!(h.read_bytes(2..5).unwrap().as_slice(), b"234");
        assert!(h.read_bytes(3..3).unwrap().is_empty());
        assert!(h.read_bytes(8..11).is_err());
        let big: Vec<u8> = (0..MAP_FROM * 2).map(|i| (i % 251) as u8).collect();
        std::fs::write(dir.path().join("big"), &big).unwrap();
        let h = d.get_file_handle(Path::new("big")).unwrap();
        let r = 7..MAP_FROM + 100;
        assert_eq!(h.read_bytes(r.clone()).unwrap().as_slice(), &big[r]);
        assert_eq!(h.read_bytes(10..20).unwrap().as_slice(), &big[10..20]);
        // Once mapped, page-sized reads come from the map; the bytes are the same.
        let r = 5000..9200;
        assert_eq!(h.read_bytes(r.clone()).unwrap().as_slice(), &big[r]);
        std::fs::write(dir.path().join("empty"), b"").unwrap();
        let h = d.get_file_handle(Path::new("empty")).unwrap();
        assert_eq!(h.len(), 0);
        assert!(h.read_bytes(0..0).unwrap().is_empty());
        assert!(h.read_bytes(0..1).is_err());
        assert!(matches!(
            d.get_file_handle(Path::new("missing")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
    }

    #[test]
    fn past_the_open_file_cap_files_are_mapped_and_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let d = PreadDirectory::open(dir.path()).unwrap();
        let mut handles = Vec::new();
        for i in 0..MAX_HELD + 20 {
            let name = format!("f{i}");
            std::fs::write(dir.path().join(&name), format!("file {i}")).unwrap();
            handles.push((i, d.get_file_handle(Path::new(&name)).unwrap()));
        }
        // Other tests may hold a few handles at the same time, hence "at most".
        assert!(HELD.load(Relaxed) <= MAX_HELD);
        for (i, h) in &handles {
            let want = format!("file {i}");
            assert_eq!(
                h.read_bytes(0..want.len()).unwrap().as_slice(),
                want.as_bytes()
            );
        }
        drop(handles);
        assert!(HELD.load(Relaxed) < MAX_HELD);
    }
}
