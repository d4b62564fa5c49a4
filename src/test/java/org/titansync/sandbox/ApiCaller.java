package org.titansync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Real HTTP calls against a started sandbox, as a client of the contract would make them. */
final class ApiCaller {

  /** One answer: status, parsed JSON body (MissingNode when empty) and headers. */
  record Reply(int status, JsonNode body, java.net.http.HttpHeaders headers) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    String errorCode() {
      return body.path("error").path("code").asText(null);
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String baseUrl;
  private final String apiKey;

  ApiCaller(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  ApiCaller(SandboxServer server) {
    this(server.baseUrl(), SandboxOptions.DEFAULT_API_KEY);
  }

  ApiCaller withKey(String key) {
    return new ApiCaller(baseUrl, key);
  }

  Reply get(String path) throws IOException, InterruptedException {
    return send("GET", path, null, null);
  }

  Reply send(String method, String path, String body, String idempotencyKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    JsonNode json =
        response.body().isEmpty()
            ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
            : JSON.readTree(response.body());
    return new Reply(response.statusCode(), json, response.headers());
  }

  Reply post(String path, String body) throws IOException, InterruptedException {
    return send("POST", path, body, null);
  }

  Reply patch(String path, String body) throws IOException, InterruptedException {
    return send("PATCH", path, body, null);
  }

  Reply put(String path, String body) throws IOException, InterruptedException {
    return send("PUT", path, body, null);
  }

  Reply delete(String path) throws IOException, InterruptedException {
    return send("DELETE", path, null, null);
  }
}
