package org.titansync.titan;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer's body, read into memory up to a limit: a 2xx body over the limit fails with {@link
 * TooLarge}; an error body is cut at the limit (its start says enough). Reading stops at the limit,
 * so a 400 MB answer costs no more than the limit.
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
  private Flow.Subscription subscription;

  private CappedBody(int status, long limit, boolean cutShort, long contentLength) {
    this.status = status;
    this.limit = limit;
    this.cutShort = cutShort;
    // A declared length over the limit is not trusted with an array that large.
    this.read =
        new byte
            [(int) Math.min(contentLength > 0 ? contentLength : 8 << 10, Math.min(limit, 1 << 20))];
  }

  /** The body of a 2xx answer is read whole or refused; any other body is cut at maxErrorBytes. */
  static HttpResponse.BodySubscriber<byte[]> of(
      HttpResponse.ResponseInfo info, TitanClient.Bounds bounds) {
    int status = info.statusCode();
    long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    return status / 100 == 2
        ? new CappedBody(status, bounds.maxAnswerBytes(), false, length)
        : new CappedBody(status, bounds.maxErrorBytes(), true, length);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
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
