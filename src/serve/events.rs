//! The live-reload event stream: one bounded queue per browser.
//!
//! A browser that opens `/__trellis/events` gets a queue of [`QUEUE`]
//! events and a response body that drains it. Broadcasting puts an event in
//! every queue without waiting: a browser whose queue is full has stopped
//! reading, and is dropped then and there, so a stuck tab can neither
//! block the rebuild loop nor delay other browsers. (Its connection then
//! ends by the server's write timeout.) A browser that goes away drops its
//! stream, which takes its queue out of the list at once.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use hyper::body::Frame;
use hyper::header::{self, HeaderValue};
use hyper::{Response, StatusCode};
use tokio::sync::mpsc;

use super::http::Body;

/// Events a browser may fall behind by before it counts as gone.
pub(super) const QUEUE: usize = 32;

type Browsers = Arc<Mutex<Vec<(u64, mpsc::Sender<Bytes>)>>>;

#[derive(Default)]
pub(super) struct Events {
    browsers: Browsers,
    next: AtomicU64,
}

impl Events {
    /// A new browser: its queue starts with what `hello` says, worked out
    /// while no event can be broadcast (found in review: a build published
    /// between reading the hello and joining the list never reached the
    /// new browser).
    pub(super) fn subscribe(&self, hello: impl FnOnce() -> String) -> Response<Body> {
        let (tx, rx) = mpsc::channel(QUEUE);
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut browsers) = self.browsers.lock() {
            // An empty queue of QUEUE slots always takes the first event.
            let _ = tx.try_send(Bytes::from(hello()));
            browsers.push((id, tx));
        }
        let body = EventBody {
            rx,
            id,
            browsers: Arc::clone(&self.browsers),
        };
        let mut r = Response::new(Body::Events(body));
        *r.status_mut() = StatusCode::OK;
        let h = r.headers_mut();
        for (name, value) in [
            (header::CONTENT_TYPE, "text/event-stream; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (header::HeaderName::from_static("x-accel-buffering"), "no"),
        ] {
            h.insert(name, HeaderValue::from_static(value));
        }
        r
    }

    /// Queue `text` for every browser, never waiting; drop those that are
    /// gone or not reading. Returns how many browsers remain.
    pub(super) fn broadcast(&self, text: &str) -> usize {
        let Ok(mut browsers) = self.browsers.lock() else {
            return 0;
        };
        let event = Bytes::copy_from_slice(text.as_bytes());
        browsers.retain(|(_, tx)| tx.try_send(event.clone()).is_ok());
        browsers.len()
    }

    /// How many browsers are listening.
    #[cfg(test)]
    fn count(&self) -> usize {
        self.browsers.lock().map_or(0, |b| b.len())
    }
}

/// A response body that streams one browser's queue.
pub(super) struct EventBody {
    rx: mpsc::Receiver<Bytes>,
    id: u64,
    browsers: Browsers,
}

impl Drop for EventBody {
    /// The connection is gone: stop queueing events for it.
    fn drop(&mut self) {
        if let Ok(mut browsers) = self.browsers.lock() {
            browsers.retain(|(id, _)| *id != self.id);
        }
    }
}

impl hyper::body::Body for EventBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.get_mut()
            .rx
            .poll_recv(cx)
            .map(|event| event.map(|e| Ok(Frame::data(e))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_that_stops_reading_is_dropped_without_waiting() {
        let events = Events::default();
        let _reading = events.subscribe(|| "hello".to_string());
        let stuck = events.subscribe(|| "hello".to_string());
        assert_eq!(events.broadcast("one"), 2);
        // Neither body is read: after QUEUE events both queues are full.
        for _ in 0..QUEUE - 2 {
            events.broadcast("more");
        }
        assert_eq!(events.broadcast("full"), 0);
        drop(stuck);
        assert_eq!(events.broadcast("after"), 0);
        // A stream that ends takes its queue out of the list at once.
        let gone = events.subscribe(|| "hello".to_string());
        assert_eq!(events.count(), 1);
        drop(gone);
        assert_eq!(events.count(), 0);
        // A new browser is welcome.
        let _fresh = events.subscribe(|| "hello".to_string());
        assert_eq!(events.broadcast("x"), 1);
    }
}
