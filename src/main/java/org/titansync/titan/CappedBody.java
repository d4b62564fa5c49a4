package org.titansync.titan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
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
  private final ByteArrayOutputStream read = new ByteArrayOutputStream();
  private final int status;
  private final long limit;
  private final boolean cutShort;
  private Flow.Subscription subscription;

  private CappedBody(int status, long limit, boolean cutShort) {
    this.status = status;
    this.limit = limit;
    this.cutShort = cutShort;
  }

  /** The body of a 2xx answer is read whole or refused; any other body is cut at maxErrorBytes. */
  static HttpResponse.BodySubscriber<byte[]> of(
      HttpResponse.ResponseInfo info, TitanClient.Bounds bounds) {
    int status = info.statusCode();
    return status / 100 == 2
        ? new CappedBody(status, bounds.maxAnswerBytes(), false)
        : new CappedBody(status, bounds.maxErrorBytes(), true);
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
      long room = limit - read.size();
      if (item.remaining() > room) {
        subscription.cancel();
        if (cutShort) {
          copy(item, (int) room);
          body.complete(read.toByteArray());
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
    byte[] chunk = new byte[length];
    item.get(chunk);
    read.write(chunk, 0, length);
  }

  @Override
  public void onError(Throwable t) {
    body.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    body.complete(read.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }
}
