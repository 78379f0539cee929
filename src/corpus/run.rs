//! The ordered parallel map: documents extracted on several threads,
//! handed back in input order, with bounded memory.

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::read::Input;
use crate::document::Document;
use crate::error::Error;
use crate::extractor::Extractor;

/// What the runner hands back for each input, in input order.
#[non_exhaustive]
#[derive(Debug)]
pub enum Processed<T> {
    /// What `prepare` made of a document.
    Done(T),
    /// A bad input, as the corpus gave it.
    Bad(Error),
    /// A warning, as the corpus gave it.
    Warning(String),
}

/// Runs an extractor over a corpus's inputs on several threads.
///
/// Inputs are taken in batches (at most 256 documents per thread and 8 MB
/// of text); while the workers extract one batch, the calling thread
/// reads the next and hands back the one before, so reading, extracting
/// and writing overlap. With one thread, each document is extracted and
/// handed back at once.
#[derive(Clone, Copy, Debug)]
pub struct Runner<'x> {
    extractor: &'x Extractor,
    threads: usize,
}

/// Most bytes of text in one batch.
const BATCH_BYTES: usize = 8 << 20;

/// Most documents in one batch, per worker thread. Each batch costs a
/// hand-over to the workers and back; a few hundred news articles per
/// thread make that cost small (64 per thread measured 2-3 % slower on two
/// threads).
const BATCH_DOCS_PER_THREAD: usize = 256;

/// A batch: its inputs (taken by the workers) and how many bytes.
type Batch = Vec<Mutex<Option<Input>>>;

impl<'x> Runner<'x> {
    /// A runner on one thread per core.
    pub fn new(extractor: &'x Extractor) -> Runner<'x> {
        Runner {
            extractor,
            threads: 0,
        }
    }

    /// The number of worker threads (0, the default: one per core).
    pub fn threads(mut self, threads: usize) -> Runner<'x> {
        self.threads = threads;
        self
    }

    fn thread_count(&self) -> usize {
        match self.threads {
            0 => std::thread::available_parallelism().map_or(1, usize::from),
            n => n,
        }
    }

    /// Extracts every record of `inputs` (a document read back is taken as
    /// it is), turns each document into a `T` with `prepare` on the worker
    /// threads, and hands every result, bad input and warning to `sink` on
    /// the calling thread, in input order. `sink` returns whether to go on:
    /// once it says no, nothing more is read or handed back.
    ///
    /// # Errors
    ///
    /// The first error `sink` returns.
    pub fn run<T, P, S>(
        &self,
        inputs: impl IntoIterator<Item = Input>,
        prepare: P,
        mut sink: S,
    ) -> io::Result<()>
    where
        T: Send,
        P: Fn(Document) -> T + Sync,
        S: FnMut(Processed<T>) -> io::Result<bool>,
    {
        let threads = self.thread_count();
        let work = |input: Input| self.process(input, &prepare);
        if threads == 1 {
            for input in inputs {
                if !sink(work(input))? {
                    break;
                }
            }
            return Ok(());
        }
        let work = &work;
        std::thread::scope(|scope| {
            let mut batch: Batch = Vec::new();
            let mut bytes = 0;
            let mut inflight = None;
            let mut inputs = inputs.into_iter();
            loop {
                let input = inputs.next();
                let last = input.is_none();
                if let Some(input) = input {
                    if let Input::Record(r) = &input {
                        bytes += r.text.len();
                    }
                    batch.push(Mutex::new(Some(input)));
                }
                let full = batch.len() >= BATCH_DOCS_PER_THREAD * threads || bytes >= BATCH_BYTES;
                if !(full || last) {
                    continue;
                }
                let before = inflight.take();
                if !batch.is_empty() {
                    let todo = std::mem::take(&mut batch);
                    bytes = 0;
                    inflight = Some(scope.spawn(move || extract_batch(todo, threads, work)));
                }
                if let Some(before) = before {
                    let done: Vec<Processed<T>> = before
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    for out in done {
                        if !sink(out)? {
                            // What is still being extracted is not handed
                            // back; the scope waits for it.
                            return Ok(());
                        }
                    }
                }
                if last {
                    if let Some(now) = inflight.take() {
                        let done: Vec<Processed<T>> = now
                            .join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                        for out in done {
                            if !sink(out)? {
                                return Ok(());
                            }
                        }
                    }
                    return Ok(());
                }
            }
        })
    }

    /// One input, extracted and prepared.
    fn process<T>(&self, input: Input, prepare: &impl Fn(Document) -> T) -> Processed<T> {
        match input {
            Input::Record(r) => Processed::Done(prepare(self.extractor.extract_record(&r))),
            Input::Document(doc) => Processed::Done(prepare(*doc)),
            Input::Bad(e) => Processed::Bad(e),
            Input::Warning(w) => Processed::Warning(w),
        }
    }
}

/// A batch's inputs processed on `threads` threads, each taking the next
/// input left (long documents do not hold up the others), in input order.
fn extract_batch<T: Send>(
    batch: Batch,
    threads: usize,
    work: &(impl Fn(Input) -> Processed<T> + Sync),
) -> Vec<Processed<T>> {
    let next = AtomicUsize::new(0);
    let take = || -> Vec<(usize, Processed<T>)> {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = batch.get(i) else {
                return done;
            };
            let input = slot
                .lock()
                .unwrap_or_else(|poison| poison.into_inner())
                .take();
            if let Some(input) = input {
                done.push((i, work(input)));
            }
        }
    };
    let parts: Vec<Vec<(usize, Processed<T>)>> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.min(batch.len()))
            .map(|_| scope.spawn(take))
            .collect();
        let mut parts = vec![take()];
        for h in helpers {
            parts.push(
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        parts
    });
    let mut slots: Vec<Option<Processed<T>>> = (0..batch.len()).map(|_| None).collect();
    for (i, out) in parts.into_iter().flatten() {
        slots[i] = Some(out);
    }
    slots.into_iter().flatten().collect()
}
