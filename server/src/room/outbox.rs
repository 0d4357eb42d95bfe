//! A connection's outbox: the frames a room has queued for one connection, and the
//! reason the connection is to close with, once there is one.
//!
//! It replaces a bounded channel plus a "kicked" one-shot because every open
//! connection carries one: this costs about a hundred bytes while the connection is
//! idle (the queue's memory is released whenever it runs empty), where a channel keeps
//! its first block of slots for good. The room pushes without waiting; a full outbox
//! means a slow reader, which the room drops rather than skipping frames.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};

use bytes::Bytes;

use crate::close_reason::CloseReason;

/// Creates a connection's outbox holding at most `capacity` unsent frames.
pub fn outbox(capacity: usize) -> (Outbox, Inbox) {
    let shared = Arc::new(Shared(Mutex::new(State {
        frames: VecDeque::new(),
        capacity: capacity.max(1),
        closing: None,
        senders: 1,
        open: true,
        waker: None,
    })));
    (Outbox(shared.clone()), Inbox(shared))
}

struct Shared(Mutex<State>);

struct State {
    frames: VecDeque<Bytes>,
    capacity: usize,
    /// Why the connection is to close; read before any queued frame. Boxed: set once
    /// at the end, and every open connection carries this state (104 bytes with it
    /// boxed, 128 inline).
    closing: Option<Box<CloseReason>>,
    /// Live [`Outbox`] handles (the room's, and acknowledgements on their way back
    /// from storage). At zero nothing more can arrive.
    senders: usize,
    /// The connection still takes frames (it was not told to close, and it still
    /// reads its inbox).
    open: bool,
    waker: Option<Waker>,
}

impl Shared {
    /// Nothing panics while the lock is held, but a poisoned lock must not take the
    /// server down either.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The outbox is full: the connection reads too slowly.
#[derive(Debug, PartialEq, Eq)]
pub struct Full;

/// The room's end of a connection's outbox. Cloning it is cheap.
pub struct Outbox(Arc<Shared>);

impl Outbox {
    /// Queues a frame. A connection that is closing takes nothing more, silently: its
    /// `Leave` is on its way to the room (a frame that does not reach a closing
    /// connection costs nothing: it resyncs when it reconnects).
    pub fn push(&self, frame: Bytes) -> Result<(), Full> {
        let waker = {
            let mut s = self.0.lock();
            if !s.open {
                return Ok(());
            }
            if s.frames.len() >= s.capacity {
                return Err(Full);
            }
            s.frames.push_back(frame);
            s.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
        Ok(())
    }

    /// Tells the connection to close, and why. Frames still queued are not sent, and
    /// nothing more is queued.
    pub fn close(&self, why: CloseReason) {
        let waker = {
            let mut s = self.0.lock();
            if s.closing.is_none() {
                s.closing = Some(Box::new(why));
            }
            s.open = false;
            s.frames = VecDeque::new();
            s.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl Clone for Outbox {
    fn clone(&self) -> Self {
        self.0.lock().senders += 1;
        Outbox(self.0.clone())
    }
}

impl Drop for Outbox {
    fn drop(&mut self) {
        let waker = {
            let mut s = self.0.lock();
            s.senders -= 1;
            if s.senders > 0 {
                return;
            }
            s.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

/// What a connection finds in its inbox.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    Frame(Bytes),
    /// The connection is to close with this reason (the room dropped it, or the
    /// server is shutting down).
    Close(CloseReason),
    /// The room let go of the connection without a reason (it stopped).
    Closed,
}

/// The connection's end of its outbox.
pub struct Inbox(Arc<Shared>);

impl Inbox {
    /// The next frame, or why nothing more will come. A reason to close comes before
    /// frames that are still queued.
    pub fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Next> {
        let mut s = self.0.lock();
        if let Some(why) = s.closing.take() {
            return Poll::Ready(Next::Close(*why));
        }
        if let Some(frame) = s.frames.pop_front() {
            if s.frames.is_empty() && s.frames.capacity() > 0 {
                // An idle connection holds no queue memory.
                s.frames = VecDeque::new();
            }
            return Poll::Ready(Next::Frame(frame));
        }
        if s.senders == 0 {
            return Poll::Ready(Next::Closed);
        }
        match &mut s.waker {
            Some(waker) if waker.will_wake(cx.waker()) => {}
            slot => *slot = Some(cx.waker().clone()),
        }
        Poll::Pending
    }
}

impl Drop for Inbox {
    fn drop(&mut self) {
        let mut s = self.0.lock();
        s.open = false;
        s.frames = VecDeque::new();
        s.waker = None;
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::Wake;

    use super::*;
    use ovaal_shared::protocol::ErrorCode;

    #[derive(Default)]
    struct Count(AtomicUsize);
    impl Wake for Count {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn poll(inbox: &mut Inbox, waker: &Arc<Count>) -> Poll<Next> {
        let waker = Waker::from(waker.clone());
        inbox.poll_next(&mut Context::from_waker(&waker))
    }

    fn frame(n: u8) -> Bytes {
        Bytes::from(vec![n])
    }

    /// Every open connection carries one: 104 bytes with its reference counts, a
    /// 112-byte block from the allocator (128 bytes, a 144-byte block, with the close
    /// reason inline).
    #[test]
    fn an_outbox_is_small() {
        assert!(std::mem::size_of::<Shared>() <= 88);
    }

    #[test]
    fn frames_in_order_up_to_capacity_and_a_wakeup_for_each_wait() {
        let woken = Arc::new(Count::default());
        let (outbox, mut inbox) = outbox(2);
        assert_eq!(poll(&mut inbox, &woken), Poll::Pending);
        assert_eq!(outbox.push(frame(1)), Ok(()));
        assert_eq!(woken.0.load(Ordering::SeqCst), 1);
        assert_eq!(outbox.push(frame(2)), Ok(()));
        assert_eq!(outbox.push(frame(3)), Err(Full));
        assert_eq!(poll(&mut inbox, &woken), Poll::Ready(Next::Frame(frame(1))));
        assert_eq!(outbox.push(frame(3)), Ok(()));
        assert_eq!(poll(&mut inbox, &woken), Poll::Ready(Next::Frame(frame(2))));
        assert_eq!(poll(&mut inbox, &woken), Poll::Ready(Next::Frame(frame(3))));
        assert_eq!(poll(&mut inbox, &woken), Poll::Pending);
    }

    #[test]
    fn the_reason_to_close_comes_first_and_nothing_is_queued_after_it() {
        let woken = Arc::new(Count::default());
        let (outbox, mut inbox) = outbox(1);
        let ack = outbox.clone();
        outbox.push(frame(1)).unwrap();
        outbox.close(CloseReason::new(ErrorCode::TooSlow, "traag"));
        assert_eq!(woken.0.load(Ordering::SeqCst), 0);
        assert_eq!(
            poll(&mut inbox, &woken),
            Poll::Ready(Next::Close(CloseReason::new(ErrorCode::TooSlow, "traag")))
        );
        // Not full: a closing connection takes frames silently.
        assert_eq!(ack.push(frame(2)), Ok(()));
        assert_eq!(ack.push(frame(3)), Ok(()));
        assert_eq!(poll(&mut inbox, &woken), Poll::Pending);
    }

    #[test]
    fn the_last_sender_gone_ends_the_inbox_after_its_frames() {
        let woken = Arc::new(Count::default());
        let (outbox, mut inbox) = outbox(8);
        let ack = outbox.clone();
        drop(outbox);
        assert_eq!(poll(&mut inbox, &woken), Poll::Pending);
        ack.push(frame(1)).unwrap();
        drop(ack);
        // One wake-up: the connection polls again and finds both the frame and the end.
        assert_eq!(woken.0.load(Ordering::SeqCst), 1);
        assert_eq!(poll(&mut inbox, &woken), Poll::Ready(Next::Frame(frame(1))));
        assert_eq!(poll(&mut inbox, &woken), Poll::Ready(Next::Closed));
    }

    #[test]
    fn a_closed_inbox_takes_frames_silently() {
        let (outbox, inbox) = outbox(1);
        drop(inbox);
        assert_eq!(outbox.push(frame(1)), Ok(()));
        assert_eq!(outbox.push(frame(2)), Ok(()));
    }
}
