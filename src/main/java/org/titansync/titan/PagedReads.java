package org.titansync.titan;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.titansync.plan.TitanFailure;

/**
 * Titan's cursor-paged lists ({@code data} and {@code next_cursor}), read page by page with a read
 * ahead, and bounded: a read whose pages outrun {@link TitanClient.Bounds#maxUsers}, or whose
 * cursor comes back, stops with {@link TitanClient#DO_NOT_ADD_UP}.
 */
final class PagedReads {

  /** Reads one list item; the parser stands on its START_OBJECT and must end on its END_OBJECT. */
  @FunctionalInterface
  interface ItemReader<T> {
    T read(JsonParser parser) throws IOException;
  }

  /** One page of a list: its items, and the cursor of the next page or null after the last. */
  record Page<T>(List<T> items, String nextCursor) {}

  private final RetryingGet reads;
  private final TitanErrors errors;
  private final int pageSize;
  private final TitanClient.Bounds bounds;

  PagedReads(RetryingGet reads, TitanErrors errors, int pageSize, TitanClient.Bounds bounds) {
    this.reads = reads;
    this.errors = errors;
    this.pageSize = pageSize;
    this.bounds = bounds;
  }

  /**
   * Every item of a cursor-paged list. A page is handed over only once it was read whole, so a page
   * retried after a broken answer is never counted twice. Pages are parsed as a stream (no JSON
   * tree per page). As soon as a page's cursor is known, the next page is asked for, on a second
   * thread, while this one parses the page it has: Titan prepares page n+1 while we read page n.
   * Still one request in flight at a time, in cursor order.
   */
  <T> void forEach(String path, ItemReader<T> item, Consumer<T> each) throws TitanException {
    ExecutorService ahead =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "titan-read-ahead");
              t.setDaemon(true);
              return t;
            });
    try {
      String query = pageQuery(path, null);
      byte[] body = reads.get(query);
      Set<String> seen = new HashSet<>();
      // Pages beyond what maxUsers fills, and items beyond maxUsers, are a Titan that pages
      // forever (an endless stream of fresh cursors, or empty pages that never end).
      long maxPages = bounds.maxUsers() / pageSize + 2;
      long pages = 0;
      long items = 0;
      while (true) {
        byte[] answer = body;
        String cursor = errors.parsed(query, () -> readCursor(answer, path));
        pages++;
        if (cursor != null && !seen.add(cursor)) {
          // A cursor that comes back would page forever, reading the same users again and again.
          throw errors.doNotAddUp(path, "next_cursor \"" + cursor + "\" was already given");
        }
        if (cursor != null && pages >= maxPages) {
          throw errors.doNotAddUp(
              path,
              "it has sent "
                  + pages
                  + " pages and names a next one, more than "
                  + bounds.maxUsers()
                  + " users fill");
        }
        Future<byte[]> next = null;
        if (cursor != null) {
          String nextQuery = pageQuery(path, cursor);
          next = ahead.submit(() -> reads.get(nextQuery));
        }
        Page<T> page = errors.parsed(query, () -> readPage(answer, item, path));
        items += page.items().size();
        if (items > bounds.maxUsers()) {
          if (next != null) {
            next.cancel(true);
          }
          throw errors.doNotAddUp(path, "it has sent more than " + bounds.maxUsers() + " items");
        }
        page.items().forEach(each);
        if (next == null) {
          return;
        }
        query = pageQuery(path, cursor);
        body = await(next);
      }
    } finally {
      ahead.shutdownNow();
    }
  }

  private String pageQuery(String path, String cursor) {
    return path
        + "?limit="
        + pageSize
        + (cursor == null ? "" : "&cursor=" + TitanTransport.encode(cursor));
  }

  /** A page's {@code next_cursor}, read without reading its items. */
  private static String readCursor(byte[] body, String path) throws IOException {
    try (JsonParser p = TitanJson.parser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(p, path + ": answer is not a JSON object");
      }
      String next = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("next_cursor".equals(name)) {
          next = TitanJson.text(p, value, "next_cursor");
        } else {
          p.skipChildren();
        }
      }
      return next == null || next.isEmpty() ? null : next;
    }
  }

  /** The page the read-ahead thread fetched; its failure as it would have been thrown here. */
  private static byte[] await(Future<byte[]> next) throws TitanException {
    try {
      return next.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TitanException t) {
        throw t;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TitanException(TitanFailure.Handling.UNREACHABLE, "interrupted", e);
    }
  }

  /** A whole page: its items, each read by {@code item}, and its next cursor. */
  <T> Page<T> readPage(byte[] body, ItemReader<T> item, String path) throws IOException {
    try (JsonParser p = TitanJson.parser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(p, path + ": answer is not a JSON object");
      }
      List<T> items = null;
      String next = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("data".equals(name)) {
          if (value != JsonToken.START_ARRAY) {
            throw new UnexpectedField("data", "a list", value);
          }
          items = new ArrayList<>(pageSize);
          JsonToken entry;
          while ((entry = p.nextToken()) != JsonToken.END_ARRAY) {
            if (entry != JsonToken.START_OBJECT) {
              throw new UnexpectedField("data[" + items.size() + "]", "an object", entry);
            }
            items.add(item.read(p));
          }
        } else if ("next_cursor".equals(name)) {
          next = TitanJson.text(p, value, "next_cursor");
        } else {
          p.skipChildren();
        }
      }
      if (items == null) {
        throw new JsonParseException(p, path + ": answer has no data list");
      }
      return new Page<>(items, next == null || next.isEmpty() ? null : next);
    }
  }
}
