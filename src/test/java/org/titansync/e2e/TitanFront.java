package org.titansync.e2e;

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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving Titan in front of the sandbox: reads pass through to the sandbox; every write is
 * answered by {@link WriteAnswer} instead, and counted.
 */
final class TitanFront implements AutoCloseable {

  /** The answer to a write: a status and a JSON body. */
  record Reply(int status, String body) {}

  @FunctionalInterface
  interface WriteAnswer {
    Reply answer(HttpExchange exchange);
  }

  private final HttpServer server;
  private final AtomicInteger writes = new AtomicInteger();

  TitanFront(String sandboxBaseUrl, WriteAnswer writeAnswer) throws IOException {
    HttpClient forward = HttpClient.newHttpClient();
    String origin = sandboxBaseUrl.substring(0, sandboxBaseUrl.indexOf("/api/v1"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          int status;
          byte[] body;
          if ("GET".equals(exchange.getRequestMethod())) {
            try {
              HttpResponse<byte[]> answer =
                  forward.send(
                      HttpRequest.newBuilder(URI.create(origin + exchange.getRequestURI()))
                          .header(
                              "Authorization",
                              exchange.getRequestHeaders().getFirst("Authorization"))
                          .build(),
                      HttpResponse.BodyHandlers.ofByteArray());
              status = answer.statusCode();
              body = answer.body();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              status = 503;
              body = new byte[0];
            }
          } else {
            writes.incrementAndGet();
            Reply reply = writeAnswer.answer(exchange);
            status = reply.status();
            body = reply.body().getBytes(StandardCharsets.UTF_8);
          }
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
  }

  int writes() {
    return writes.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
