package org.titansync.titan;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.titansync.config.Secret;
import org.titansync.plan.TitanFailure;

/**
 * One request to Titan and its whole answer, the one HTTP exchange every call goes through: the API
 * key, User-Agent and proxy are set here, each request waits for its turn at the {@link RateGate},
 * and nothing from Titan is trusted (DESIGN.md invariant 6): the answer, headers and body, must
 * arrive whole within {@code titan.timeout_seconds}; a body larger than the {@link
 * TitanClient.Bounds} allow is refused (an error body is cut short); no compressed answer is asked
 * for and none is inflated. Never retries.
 */
final class TitanTransport {

  /** One answer from Titan, read whole within the bounds (the body is never shared). */
  @SuppressWarnings("ArrayRecordComponent")
  record Answer(int status, HttpHeaders headers, byte[] body) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final URI baseUrl;
  private final Supplier<String> apiKey;
  private final Duration timeout;
  private final TitanClient.Bounds bounds;
  private final RateGate rate;
  private final TitanErrors errors;

  /** The proxy to Titan ({@code titan.proxy}), or null for the JVM's own proxy settings. */
  private final InetSocketAddress proxy;

  private final HttpClient http;

  /**
   * The threads on which every Titan client of this process finishes its answers. The JDK gives
   * each client a pool of its own that keeps its threads for a minute; one process serving hundreds
   * of districts ({@code run --districts}) has a client per district, so it shares this one, which
   * grows as calls need it (no call ever waits for another district's) and lets its threads go
   * soon. It carries no key and no connection: those stay with each district's own client.
   */
  private static final ExecutorService ANSWERS =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          5,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          new ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
              Thread t = new Thread(r, "titan-http-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            }
          });

  TitanTransport(
      URI baseUrl,
      Supplier<String> apiKey,
      Duration timeout,
      InetSocketAddress proxy,
      TitanClient.Bounds bounds,
      RateGate rate,
      TitanErrors errors) {
    String base = baseUrl.toString();
    this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.apiKey = apiKey;
    this.timeout = timeout;
    this.proxy = proxy;
    this.bounds = bounds;
    this.rate = rate;
    this.errors = errors;
    // HTTP/1.1 (no h2c upgrade on http://), no redirects, no compression asked for: the JDK client
    // inflates nothing, so a compressed bomb stays a few bytes of unreadable answer. Its logging
    // is not driven by logback, so no logging setup can print the Authorization header.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(ANSWERS)
            .connectTimeout(timeout)
            .proxy(
                proxy == null
                    ? Objects.requireNonNullElse(
                        ProxySelector.getDefault(), HttpClient.Builder.NO_PROXY)
                    : ProxySelector.of(proxy))
            .build();
  }

  URI baseUrl() {
    return baseUrl;
  }

  RateGate rate() {
    return rate;
  }

  /**
   * One request and its whole answer. The answer, headers and body, must be in within the timeout
   * (a server that drips one byte a second never trips a per-read timeout); a 2xx body is read up
   * to {@link TitanClient.Bounds#maxAnswerBytes}, an error body is cut at {@link
   * TitanClient.Bounds#maxErrorBytes}; a compressed answer, never asked for, is refused rather than
   * inflated.
   *
   * @param json the request's body, or null for none
   * @param idempotencyKey sent as {@value TitanClient#IDEMPOTENCY_HEADER}, or null for none
   */
  Answer exchange(String method, String pathAndQuery, String json, String idempotencyKey)
      throws TitanException {
    String what = method + " " + pathOnly(pathAndQuery);
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery));
    } catch (IllegalArgumentException e) {
      throw new TitanException(
          TitanFailure.Handling.REJECTED,
          "titan.base_url " + baseUrl + " is not a usable URL: " + e.getMessage(),
          e);
    }
    request
        .timeout(timeout)
        .header("Authorization", authorization())
        .header("Accept", "application/json")
        .header("User-Agent", TitanClient.USER_AGENT)
        .method(
            method,
            json == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (json != null) {
      request.header("Content-Type", "application/json; charset=utf-8");
    }
    if (idempotencyKey != null) {
      request.header(TitanClient.IDEMPOTENCY_HEADER, idempotencyKey);
    }
    HttpRequest built = request.build();
    try {
      rate.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TitanException(TitanFailure.Handling.UNREACHABLE, "interrupted", e);
    }
    // The blocking send, not sendAsync: on a machine of one or two cores, sendAsync hands every
    // answer to a thread made for it alone (the JDK's default async pool there is a thread per
    // task), which cost more than the write it carried.
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpResponse<byte[]> response;
    try {
      response = http.send(built, info -> CappedBody.of(info, bounds, deadline));
    } catch (HttpConnectTimeoutException e) {
      throw noAnswer(what, describe(e), e);
    } catch (HttpTimeoutException e) {
      throw late(what);
    } catch (IOException e) {
      if (cause(e, CappedBody.Late.class) != null) {
        throw late(what);
      }
      CappedBody.TooLarge big = cause(e, CappedBody.TooLarge.class);
      if (big != null) {
        throw errors.fail(
            TitanFailure.Handling.REJECTED,
            big.status(),
            "bad_response",
            what
                + ": "
                + TitanClient.UNEXPECTED
                + ": the answer is larger than "
                + big.limit()
                + " bytes; the rest was not read",
            -1);
      }
      // The blocking send wraps what failed in an IOException of its own.
      Throwable shown =
          e.getClass() == IOException.class && e.getCause() != null ? e.getCause() : e;
      throw noAnswer(what, describe(shown), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TitanException(TitanFailure.Handling.UNREACHABLE, "interrupted", e);
    }
    rate.observe(response.statusCode(), response.headers());
    String encoding = response.headers().firstValue("Content-Encoding").orElse("").strip();
    if (!encoding.isEmpty() && !"identity".equalsIgnoreCase(encoding)) {
      throw errors.fail(
          TitanFailure.Handling.REJECTED,
          response.statusCode(),
          "bad_response",
          what
              + ": "
              + TitanClient.UNEXPECTED
              + ": it is compressed ("
              + encoding
              + "), which titan-sync never asks for",
          -1);
    }
    return new Answer(response.statusCode(), response.headers(), response.body());
  }

  private TitanException late(String what) {
    return noAnswer(
        what, "no whole answer within " + timeout.toSeconds() + " s (titan.timeout_seconds)", null);
  }

  /** The first exception of type {@code type} in the chain of {@code e}, or null. */
  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private TitanException noAnswer(String what, String why, Throwable cause) {
    String text = what + ": no answer from " + baseUrl + throughProxy() + " (" + why + ")";
    return new TitanException(TitanFailure.Handling.UNREACHABLE, errors.scrub(text), cause);
  }

  /** How messages name the proxy: empty without one. */
  private String throughProxy() {
    if (proxy == null) {
      return "";
    }
    return " through the proxy http://" + proxy.getHostString() + ":" + proxy.getPort();
  }

  /**
   * The Authorization header's value. A key that no header can carry (a line break inside it) is
   * refused here, so that the HTTP library's complaint, which quotes the value, is never raised.
   */
  private String authorization() throws TitanException {
    String key = apiKey.get();
    if (!Secret.sendable(key)) {
      throw new TitanException(
          TitanFailure.Handling.AUTH,
          0,
          null,
          "the API key " + Secret.NOT_SENDABLE + ": check titan.api_key or TITAN_API_KEY",
          -1);
    }
    return "Bearer " + key;
  }

  /** A path segment or query value, percent-encoded. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The path of a request, without its query: how messages name a request. */
  static String pathOnly(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
