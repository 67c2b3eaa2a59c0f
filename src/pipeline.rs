//! Working through a stream in blocks on every core, in order: one thread
//! reads blocks and takes the outcomes in the order the blocks came, the
//! others work on them. A few blocks are in flight at a time, so memory
//! stays the same whatever the length of the stream.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// Threads to work on: the cores there are, at most 8; 1 means work on the
/// calling thread.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8)
}

/// Take blocks from `next` until it gives None, turn each into its outcome
/// with `work` on `threads` threads, and hand the outcomes to `done` in
/// the order of the blocks. `done` returns false to stop early; an error of
/// `next` or `done` stops too and is returned.
pub fn in_order<B, O, E>(
    threads: usize,
    mut next: impl FnMut() -> Result<Option<B>, E>,
    work: impl Fn(B) -> O + Sync,
    mut done: impl FnMut(O) -> Result<bool, E>,
) -> Result<(), E>
where
    B: Send,
    O: Send,
{
    if threads <= 1 {
        while let Some(b) = next()? {
            if !done(work(b))? {
                break;
            }
        }
        return Ok(());
    }
    // Each worker has its own queue in and out; blocks go round in turn, so
    // taking the outcomes round in the same turn keeps their order.
    let depth = 2;
    std::thread::scope(|s| {
        let mut to: Vec<SyncSender<B>> = Vec::with_capacity(threads);
        let mut from: Vec<Receiver<O>> = Vec::with_capacity(threads);
        for _ in 0..threads {
            let (job_tx, job_rx) = sync_channel::<B>(depth);
            let (out_tx, out_rx) = sync_channel::<O>(depth);
            let work = &work;
            s.spawn(move || {
                for b in job_rx {
                    if out_tx.send(work(b)).is_err() {
                        break;
                    }
                }
            });
            to.push(job_tx);
            from.push(out_rx);
        }
        let (mut sent, mut taken, mut end) = (0usize, 0usize, false);
        loop {
            while !end && sent - taken < threads * depth {
                match next()? {
                    Some(b) => {
                        // A worker that has stopped has dropped its queue:
                        // only after a panic, which the scope passes on.
                        if to[sent % threads].send(b).is_err() {
                            end = true;
                        } else {
                            sent += 1;
                        }
                    }
                    None => end = true,
                }
            }
            if taken == sent {
                return Ok(());
            }
            let Ok(o) = from[taken % threads].recv() else { return Ok(()) };
            taken += 1;
            if !done(o)? {
                return Ok(());
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_come_in_order_on_any_number_of_threads() {
        for threads in [1, 2, 3, 8] {
            let mut n = 0u64;
            let mut seen = Vec::new();
            in_order::<u64, u64, ()>(
                threads,
                || {
                    n += 1;
                    Ok((n <= 100).then_some(n))
                },
                |b| {
                    // Uneven work, so that workers finish out of turn.
                    std::thread::sleep(std::time::Duration::from_micros((b * 37) % 200));
                    b * 2
                },
                |o| {
                    seen.push(o);
                    Ok(true)
                },
            )
            .unwrap();
            assert_eq!(seen, (1..=100).map(|b| b * 2).collect::<Vec<_>>(), "{threads} threads");
        }
    }

    #[test]
    fn stopping_early_and_errors() {
        let mut n = 0;
        let mut seen = 0;
        in_order::<i32, i32, ()>(
            2,
            || {
                n += 1;
                Ok(Some(n))
            },
            |b| b,
            |o| {
                seen = o;
                Ok(o < 10)
            },
        )
        .unwrap();
        assert_eq!(seen, 10);
        let r = in_order::<i32, i32, &str>(2, || Ok(Some(1)), |b| b, |_| Err("stop"));
        assert_eq!(r, Err("stop"));
        let r = in_order::<i32, i32, &str>(2, || Err("cannot read"), |b| b, |_| Ok(true));
        assert_eq!(r, Err("cannot read"));
    }
}
