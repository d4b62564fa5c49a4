package org.titansync.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.titansync.app.IdleHttpThreads;
import org.titansync.titan.TitanClient;

/**
 * The floor for a no-op run: a bare reader that does the least work a run must do. It pages through
 * every site, role and user with the page size titan-sync uses, one request at a time, reading
 * every token of every answer into strings; with {@code --csv FILE} it also reads and splits every
 * line of the export, on a thread of its own, as the run reads the export beside Titan, and first,
 * on that thread, every token of each JSON file named after it: the state folder's files a run
 * reads (its memory of the Titan, {@code logs/memory/}), so that the floor reads every byte the run
 * reads. With {@code --snapshot} it times titan-sync's own snapshot read instead.
 *
 * <pre>java -cp target/test-classes:target/titan-sync.jar org.titansync.bench.PageUsers URL KEY
 *   [--csv FILE [JSON_FILE...] | --snapshot]
 * </pre>
 */
public final class PageUsers {
  private static final int PAGE_SIZE = 500;

  private PageUsers() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    long t0 = System.nanoTime();
    String option = args.length > 2 ? args[2] : "";
    if ("--snapshot".equals(option)) {
      int n =
          new TitanClient(base, () -> args[1], Duration.ofSeconds(60), PAGE_SIZE)
              .readSnapshot()
              .users()
              .size();
      System.out.printf("read %d users in %.2f s%n", n, (System.nanoTime() - t0) / 1e9);
      return;
    }
    CompletableFuture<Integer> rows =
        "--csv".equals(option)
            ? CompletableFuture.supplyAsync(
                () -> {
                  for (int i = 4; i < args.length; i++) {
                    jsonTokens(Path.of(args[i]));
                  }
                  return csvRows(Path.of(args[3]));
                })
            : CompletableFuture.completedFuture(0);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(60))
            .build();
    int tokens = 0;
    int users = 0;
    for (String path : List.of("/sites", "/roles", "/users")) {
      int[] counted = read(http, base, args[1], path);
      tokens += counted[1];
      if ("/users".equals(path)) {
        users = counted[0];
      }
    }
    int csv = join(rows);
    System.out.printf(
        "paged %d users (%d tokens), %d export rows in %.2f s%n",
        users, tokens, csv, (System.nanoTime() - t0) / 1e9);
    // As titan-sync's own exit does: the JVM would otherwise wait 300 ms for the client's selector
    // thread, a cost of the JDK and not of paging.
    IdleHttpThreads.end(IdleHttpThreads.EVERY_CLIENT);
  }

  private static int join(CompletableFuture<Integer> rows) throws InterruptedException {
    try {
      return rows.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Every line of the export split at its commas, quotes honoured: what a reader must at least do.
   */
  static int csvRows(Path file) {
    int rows = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        fields.clear();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
          char c = line.charAt(i);
          if (c == '"') {
            quoted = !quoted;
          } else if (c == ',' && !quoted) {
            fields.add(field.toString());
            field.setLength(0);
          } else {
            field.append(c);
          }
        }
        fields.add(field.toString());
        field.setLength(0);
        rows += fields.isEmpty() ? 0 : 1;
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  /** Every token of a JSON file read as a string: the least a reader of that file does. */
  static int jsonTokens(Path file) {
    int tokens = 0;
    try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (p.getText() != null) {
          tokens++;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return tokens;
  }

  /** One request at a time, each page read before the next: the items and tokens read. */
  static int[] read(HttpClient http, URI base, String key, String path)
      throws IOException, InterruptedException {
    JsonFactory json = new JsonFactory();
    int items = 0;
    int tokens = 0;
    String cursor = null;
    do {
      String query =
          path
              + "?limit="
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
              tokens += readAll(p);
              items++;
            }
          } else if ("next_cursor".equals(field) && value == JsonToken.VALUE_STRING) {
            cursor = p.getText().isEmpty() ? null : p.getText();
          } else {
            p.skipChildren();
          }
        }
      }
    } while (cursor != null);
    return new int[] {items, tokens};
  }

  /** Every token of the object the parser is at, its names and values read as strings. */
  private static int readAll(JsonParser p) throws IOException {
    int depth = 1;
    int tokens = 0;
    while (depth > 0) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        depth++;
      } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
        depth--;
      } else if (p.getText() != null) {
        tokens++;
      }
    }
    return tokens;
  }
}
