package org.titansync.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.titansync.titan.TitanClient;

/**
 * The floor for a snapshot read: a bare reader that only pages through every user and counts them,
 * skipping each user unread, with the same page size titan-sync uses; or, with {@code --snapshot},
 * titan-sync's own snapshot read.
 *
 * <pre>java -cp target/test-classes:target/titan-sync.jar org.titansync.bench.PageUsers URL KEY
 * </pre>
 */
public final class PageUsers {
  private static final int PAGE_SIZE = 500;

  private PageUsers() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    long t0 = System.nanoTime();
    boolean snapshot = args.length > 2 && "--snapshot".equals(args[2]);
    int n =
        snapshot
            ? new TitanClient(base, () -> args[1], Duration.ofSeconds(60), PAGE_SIZE)
                .readSnapshot()
                .users()
                .size()
            : countUsers(base, args[1]);
    System.out.printf(
        "%s %d users in %.2f s%n", snapshot ? "read" : "paged", n, (System.nanoTime() - t0) / 1e9);
  }

  /** One request at a time, each page read before the next is asked for: no retry, no bounds. */
  private static int countUsers(URI base, String key) throws IOException, InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(60))
            .build();
    JsonFactory json = new JsonFactory();
    int count = 0;
    String cursor = null;
    do {
      String query =
          "/users?limit="
              + PAGE_SIZE
              + (cursor == null
                  ? ""
                  : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + query))
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", "Bearer " + key)
              .header("Accept", "application/json")
              .build();
      HttpResponse<InputStream> answer =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (answer.statusCode() != 200) {
        throw new IOException("GET " + query + ": HTTP " + answer.statusCode());
      }
      cursor = null;
      try (JsonParser p = json.createParser(answer.body())) {
        p.nextToken();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          if ("data".equals(field) && value == JsonToken.START_ARRAY) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
              p.skipChildren();
              count++;
            }
          } else if ("next_cursor".equals(field) && value == JsonToken.VALUE_STRING) {
            cursor = p.getText().isEmpty() ? null : p.getText();
          } else {
            p.skipChildren();
          }
        }
      }
    } while (cursor != null);
    return count;
  }
}
