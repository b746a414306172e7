//! The dev server's connections: hyper on a small tokio runtime.
//!
//! tiny_http (the first server) stalled 40 ms on every kept-alive response
//! (no `TCP_NODELAY`), starved connections accepted in a burst (its pool
//! threads each sat on a kept-alive connection), had no header limit and no
//! timeouts, and one browser that stopped reading blocked every other.
//! hyper is the standard HTTP implementation in Rust; on tokio each
//! connection is a task, not a thread, so none can hold up another. What
//! this module adds around it:
//!
//! - `TCP_NODELAY` on every accepted socket;
//! - at most [`MAX_CONNECTIONS`] open connections; the next one is answered
//!   `503` and closed;
//! - a request line plus headers of at most [`MAX_HEADER_BYTES`], else
//!   `431` (hyper's own answer);
//! - [`IDLE_TIMEOUT`] to send a request's headers, which also closes a
//!   kept-alive connection left idle and a slowloris trickling headers;
//! - [`WRITE_TIMEOUT`]: a connection that takes no bytes for that long (a
//!   browser that stopped reading) is closed.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::Sleep;

use super::Shared;
use super::http::{self, Body};

/// Open connections at most (event streams included).
pub(crate) const MAX_CONNECTIONS: usize = 1024;
/// The longest request line plus headers.
pub(crate) const MAX_HEADER_BYTES: usize = 16 * 1024;
/// How long a client has to send a request's headers, from the moment the
/// connection waits for one.
pub(crate) const IDLE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a connection may take no bytes of a response.
pub(crate) const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

impl hyper::body::Body for Body {
    type Data = bytes::Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<hyper::body::Frame<bytes::Bytes>, Infallible>>> {
        match self.get_mut() {
            Body::Full(b) => Pin::new(b).poll_frame(cx),
            Body::File(f) => f.poll_chunk(cx),
            Body::Events(e) => Pin::new(e).poll_frame(cx),
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            Body::Full(b) => b.is_end_stream(),
            Body::File(f) => f.left == 0,
            Body::Events(_) => false,
        }
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        match self {
            Body::Full(b) => b.size_hint(),
            Body::File(f) => hyper::body::SizeHint::with_exact(f.left),
            Body::Events(_) => hyper::body::SizeHint::default(),
        }
    }
}

impl http::FileBody {
    /// The next chunk of the file. A file that ends early (cut while being
    /// sent) ends the body early, and hyper closes the connection, as the
    /// length it promised was not met.
    fn poll_chunk(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<hyper::body::Frame<bytes::Bytes>, Infallible>>> {
        if self.left == 0 {
            return Poll::Ready(None);
        }
        let want = usize::try_from(self.left).map_or(http::FILE_CHUNK, |l| l.min(http::FILE_CHUNK));
        self.chunk.resize(want, 0);
        let mut buf = ReadBuf::new(&mut self.chunk);
        match Pin::new(&mut self.file).poll_read(cx, &mut buf) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Ok(())) if !buf.filled().is_empty() => {
                let n = buf.filled().len();
                self.left -= n as u64;
                Poll::Ready(Some(Ok(hyper::body::Frame::data(
                    bytes::Bytes::copy_from_slice(&self.chunk[..n]),
                ))))
            }
            Poll::Ready(_) => {
                self.left = 0;
                Poll::Ready(None)
            }
        }
    }
}

/// Start answering on `listener`. The returned runtime runs the server
/// until it is dropped.
pub(crate) fn start(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
) -> io::Result<tokio::runtime::Runtime> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(8)
        .thread_keep_alive(Duration::from_secs(2))
        .thread_name("trellis-http")
        .enable_all()
        .build()?;
    listener.set_nonblocking(true)?;
    let listener = {
        let _inside = runtime.enter();
        TcpListener::from_std(listener)?
    };
    runtime.spawn(accept(listener, shared));
    Ok(runtime)
}

async fn accept(listener: TcpListener, shared: Arc<Shared>) {
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors, or a connection reset before it
                // was accepted: wait a moment rather than spin.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        // Without it every response after the first on a kept-alive
        // connection waits ~40 ms (Nagle's algorithm meets delayed ACKs).
        let _ = stream.set_nodelay(true);
        match Arc::clone(&permits).try_acquire_owned() {
            Ok(permit) => {
                let shared = Arc::clone(&shared);
                tokio::spawn(async move {
                    connection(stream, shared).await;
                    drop(permit);
                });
            }
            Err(_) => {
                tokio::spawn(too_busy(stream));
            }
        }
    }
}

async fn connection(stream: TcpStream, shared: Arc<Shared>) {
    let io = TokioIo::new(WriteDeadline::new(stream));
    let service = service_fn(move |request| {
        let shared = Arc::clone(&shared);
        async move { Ok::<_, Infallible>(http::respond(request, &shared).await) }
    });
    let _ = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(IDLE_TIMEOUT)
        .max_header_size(MAX_HEADER_BYTES)
        .keep_alive(true)
        .serve_connection(io, service)
        .await;
}

/// One connection too many: say so and close.
async fn too_busy(mut stream: TcpStream) {
    let answer = b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: 45\r\n\r\nToo many connections to trellis serve; retry.";
    let _ = tokio::time::timeout(Duration::from_secs(1), stream.write_all(answer)).await;
    let _ = tokio::time::timeout(Duration::from_secs(1), stream.shutdown()).await;
}

/// A stream whose writes fail once no byte has been taken for
/// [`WRITE_TIMEOUT`]: a reader that stopped cannot hold a connection (and
/// its task and buffers) open.
struct WriteDeadline {
    stream: TcpStream,
    stalled: Option<Pin<Box<Sleep>>>,
}

impl WriteDeadline {
    fn new(stream: TcpStream) -> WriteDeadline {
        WriteDeadline {
            stream,
            stalled: None,
        }
    }

    /// After the inner write was not ready: fail when the deadline passed.
    fn pending<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        let sleep = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(WRITE_TIMEOUT)));
        match sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client took nothing for too long",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncRead for WriteDeadline {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for WriteDeadline {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.stream).poll_write(cx, buf) {
            Poll::Pending => this.pending(cx),
            ready => {
                this.stalled = None;
                ready
            }
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.stream).poll_flush(cx) {
            Poll::Pending => this.pending(cx),
            ready => {
                this.stalled = None;
                ready
            }
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.stream).poll_write_vectored(cx, bufs) {
            Poll::Pending => this.pending(cx),
            ready => {
                this.stalled = None;
                ready
            }
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}
