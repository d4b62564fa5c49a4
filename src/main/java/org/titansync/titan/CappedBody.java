package org.titansync.titan;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An answer's body, read into memory up to a limit: a 2xx body over the limit fails with {@link
 * TooLarge}; an error body is cut at the limit (its start says enough). Reading stops at the limit,
 * so a 400 MB answer costs no more than the limit. A body not read whole by its deadline fails with
 * {@link Late}, and its connection is given up: a server that drips one byte a second never holds a
 * read past the timeout.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

  /** A 2xx body larger than the limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final long limit;

    TooLarge(int status, long limit) {
      super("the answer is larger than " + limit + " bytes");
      this.status = status;
      this.limit = limit;
    }

    int status() {
      return status;
    }

    long limit() {
      return limit;
    }
  }

  /** A body that was not read whole by its deadline. */
  static final class Late extends IOException {
    private static final long serialVersionUID = 1L;

    Late() {
      super("the whole answer did not come in time");
    }
  }

  /**
   * The one thread that ends answers at their deadline, for every client of the process: it only
   * completes a body with {@link Late} and cancels its subscription, never waits.
   */
  private static final ScheduledExecutorService DEADLINES = deadlines();

  private static ScheduledExecutorService deadlines() {
    ScheduledThreadPoolExecutor pool =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "titan-answer-deadline");
              t.setDaemon(true);
              return t;
            });
    pool.setRemoveOnCancelPolicy(true);
    return pool;
  }

  private final CompletableFuture<byte[]> body = new CompletableFuture<>();

  /**
   * The bytes read so far, in one array sized from Content-Length when the answer gives one (and
   * grown by doubling when it does not, or lies), so that each chunk is copied once.
   */
  private byte[] read;

  private int size;
  private final int status;
  private final long limit;
  private final boolean cutShort;
  private volatile Flow.Subscription subscription;

  private CappedBody(int status, long limit, boolean cutShort, long contentLength) {
    this.status = status;
    this.limit = limit;
    this.cutShort = cutShort;
    // A declared length over the limit is not trusted with an array that large.
    this.read =
        new byte
            [(int) Math.min(contentLength > 0 ? contentLength : 8 << 10, Math.min(limit, 1 << 20))];
  }

  /**
   * The body of a 2xx answer is read whole or refused; any other body is cut at maxErrorBytes.
   * Either must be in by {@code deadlineNanos} ({@link System#nanoTime()}).
   */
  static HttpResponse.BodySubscriber<byte[]> of(
      HttpResponse.ResponseInfo info, TitanClient.Bounds bounds, long deadlineNanos) {
    int status = info.statusCode();
    long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    CappedBody read =
        status / 100 == 2
            ? new CappedBody(status, bounds.maxAnswerBytes(), false, length)
            : new CappedBody(status, bounds.maxErrorBytes(), true, length);
    read.endAt(deadlineNanos);
    return read;
  }

  // The stage whenComplete returns only mirrors the body, which the caller already holds.
  @SuppressWarnings("FutureReturnValueIgnored")
  private void endAt(long deadlineNanos) {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      late();
      return;
    }
    ScheduledFuture<?> timer = DEADLINES.schedule(this::late, left, TimeUnit.NANOSECONDS);
    body.whenComplete((bytes, failure) -> timer.cancel(false));
  }

  private void late() {
    if (body.completeExceptionally(new Late())) {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (body.isDone()) {
      s.cancel(); // its deadline passed before the body began
      return;
    }
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (body.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      long room = limit - size;
      if (item.remaining() > room) {
        subscription.cancel();
        if (cutShort) {
          copy(item, (int) room);
          body.complete(bytes());
        } else {
          body.completeExceptionally(new TooLarge(status, limit));
        }
        return;
      }
      copy(item, item.remaining());
    }
    subscription.request(1);
  }

  private void copy(ByteBuffer item, int length) {
    if (size + length > read.length) {
      read = Arrays.copyOf(read, (int) Math.min(limit, Math.max(size + length, 2L * read.length)));
    }
    item.get(read, size, length);
    size += length;
  }

  /** What was read, without a copy when the array is exactly full (a true Content-Length). */
  private byte[] bytes() {
    return size == read.length ? read : Arrays.copyOf(read, size);
  }

  @Override
  public void onError(Throwable t) {
    body.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    body.complete(bytes());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }
}
