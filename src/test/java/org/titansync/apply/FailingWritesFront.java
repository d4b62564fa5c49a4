package org.titansync.apply;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Titan in front of the sandbox whose first creations fail: every request passes through to the
 * sandbox, except the first {@code failures} POSTs, answered 500 without reaching it. Notes each
 * write as it arrived (method, path, Idempotency-Key, body) and how it was answered.
 */
final class FailingWritesFront implements AutoCloseable {
  /** One write as it arrived, and the status it was answered with. */
  record Write(String method, String path, String idempotencyKey, String body, int status) {}

  private final HttpServer server;
  private final HttpClient forward = HttpClient.newHttpClient();
  private final String origin;
  private final AtomicInteger failuresLeft;
  private final List<Write> writes = new CopyOnWriteArrayList<>();

  FailingWritesFront(String sandboxBaseUrl, int failures) throws IOException {
    this.origin = sandboxBaseUrl.substring(0, sandboxBaseUrl.indexOf("/api/v1"));
    this.failuresLeft = new AtomicInteger(failures);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
  }

  List<Write> writes() {
    return List.copyOf(writes);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    byte[] requestBody = exchange.getRequestBody().readAllBytes();
    boolean write = !"GET".equals(method);
    int status;
    byte[] body;
    if ("POST".equals(method) && failuresLeft.getAndDecrement() > 0) {
      status = 500;
      body = "{\"error\":\"internal\",\"message\":\"try again\"}".getBytes(StandardCharsets.UTF_8);
    } else {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(origin + exchange.getRequestURI()))
              .method(method, HttpRequest.BodyPublishers.ofByteArray(requestBody));
      for (String name : List.of("Authorization", "Content-Type", "Idempotency-Key")) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value != null) {
          request.header(name, value);
        }
      }
      try {
        HttpResponse<byte[]> answer =
            forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        status = answer.statusCode();
        body = answer.body();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        status = 503;
        body = new byte[0];
      }
    }
    if (write) {
      writes.add(
          new Write(
              method,
              exchange.getRequestURI().toString(),
              exchange.getRequestHeaders().getFirst("Idempotency-Key"),
              new String(requestBody, StandardCharsets.UTF_8),
              status));
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
